//! Plain mode with progress: the [`Observer`] that records every answer in
//! the study store, keeps a quiz's resume point, prints when a reviewed
//! question comes back, and keeps a drill to its time budget.
//!
//! The same [`Practice`] records for the full-screen quiz, so both modes
//! store exactly the same things.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};

use super::Observer;
use crate::practice::drill::{clock_text, trend_sentence};
use crate::practice::review::next_review_sentence;
use crate::practice::{Practice, Purpose};
use crate::quiz::session::QuizSession;
use crate::study::{DrillReport, Scheduler, Store};

/// Time as the runner sees it: the wall clock for the store, and a
/// monotonic count of time since the session began for a drill's budget.
pub trait Clock {
    fn now(&self) -> DateTime<FixedOffset>;
    fn elapsed(&self) -> Duration;
}

/// The real clocks.
#[derive(Debug, Clone, Copy)]
pub struct SystemClock {
    started: Instant,
}

impl Default for SystemClock {
    fn default() -> Self {
        Self { started: Instant::now() }
    }
}

impl Clock for SystemClock {
    fn now(&self) -> DateTime<FixedOffset> {
        crate::study::local_now()
    }

    fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }
}

/// Records a plain-mode session (see the module notes).
pub struct Recorder<'a> {
    practice: Practice,
    store: Option<&'a mut Store>,
    scheduler: Scheduler,
    clock: &'a dyn Clock,
    /// The drill's report, once it is closed.
    pub report: Option<DrillReport>,
    /// Store errors are reported once, then the session goes on unrecorded.
    failed: bool,
}

impl<'a> Recorder<'a> {
    pub fn new(practice: Practice, store: Option<&'a mut Store>, clock: &'a dyn Clock) -> Self {
        let scheduler =
            store.as_ref().and_then(|s| s.schedule_config().ok()).map(|c| Scheduler::new(&c)).unwrap_or_default();
        Self { practice, store, scheduler, clock, report: None, failed: false }
    }

    pub fn practice(&self) -> &Practice {
        &self.practice
    }

    /// A store error: say so once; later answers are not attempted.
    fn failure(&mut self, e: &crate::study::StoreError) -> Option<String> {
        if std::mem::replace(&mut self.failed, true) {
            return None;
        }
        Some(format!("Progress could not be saved: {e}"))
    }

    fn remaining(&self) -> Option<Duration> {
        self.practice.drill().map(|d| d.limit.saturating_sub(self.clock.elapsed()))
    }
}

impl Observer for Recorder<'_> {
    fn round_started(&mut self, session: &QuizSession, round: usize) -> Option<String> {
        if let Purpose::Quiz(spec) = &mut self.practice.purpose
            && spec.round != round
        {
            spec.round = round;
            self.practice.title = format!("{}, retry", self.practice.title.trim_end_matches(", retry"));
        }
        let at = self.clock.now().to_utc();
        let store = self.store.as_deref_mut().filter(|_| !self.failed)?;
        match self.practice.started(session, store, at) {
            Ok(()) => None,
            Err(e) => self.failure(&e),
        }
    }

    fn before_question(&mut self, _session: &QuizSession) -> Result<Option<String>, String> {
        match self.remaining() {
            None => Ok(None),
            Some(left) if left.is_zero() => Err("Time is up.".to_owned()),
            Some(left) => Ok(Some(format!("Time left: {}", clock_text(left)))),
        }
    }

    fn before_answer(&mut self, _session: &QuizSession) -> Result<(), String> {
        match self.remaining() {
            Some(left) if left.is_zero() => {
                Err("Time is up: that answer came after the limit and is not counted.".to_owned())
            }
            _ => Ok(()),
        }
    }

    fn answered(&mut self, session: &QuizSession) -> Option<String> {
        let now = self.clock.now();
        let store = self.store.as_deref_mut().filter(|_| !self.failed)?;
        match self.practice.record_last(session, store, &self.scheduler, now.to_utc()) {
            Ok(Some(recorded)) if matches!(self.practice.purpose, Purpose::Review { .. }) => {
                Some(next_review_sentence(recorded.card.due, now))
            }
            Ok(_) => None,
            Err(e) => self.failure(&e),
        }
    }

    fn round_finished(&mut self, _session: &QuizSession, complete: bool) -> Option<String> {
        // An unfinished quiz keeps its resume point, to be continued later.
        if !complete && !self.practice.is_drill() {
            return None;
        }
        let at = self.clock.now().to_utc();
        // The drill began with the session, when the clock started, and
        // lasts until its time is up at most.
        let limit = self.practice.drill().map_or(Duration::MAX, |d| d.limit);
        let length = self.clock.elapsed().min(limit);
        let store = self.store.as_deref_mut().filter(|_| !self.failed)?;
        match self.practice.finish(store, at) {
            Ok(report) => {
                let text = report.as_ref().map(|r| report_text(r, Some(length)));
                self.report = report;
                text
            }
            Err(e) => self.failure(&e),
        }
    }

    fn hints_allowed(&self) -> bool {
        self.practice.hints_allowed()
    }

    fn offers_retry(&self) -> bool {
        self.practice.offers_retry()
    }
}

/// Percent of a 0–1 accuracy.
fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// The drill's end report as lines of text: its length on the wall clock
/// (`length`, else the stored start and finish), time per question, topics
/// against earlier drills, and the trend.
pub fn report_text(report: &DrillReport, length: Option<Duration>) -> String {
    let mut s = String::new();
    let n = report.questions.len();
    let total: f64 = report.questions.iter().map(|q| q.seconds).sum();
    if n > 0 {
        // The drill's length is wall-clock time; per question, the answer times.
        let length =
            length.or_else(|| report.summary.duration()).unwrap_or_else(|| Duration::from_secs_f64(total.max(0.0)));
        let _ = writeln!(
            s,
            "Drill: {n} {} in {}, {:.1} s per question.",
            if n == 1 { "question" } else { "questions" },
            clock_text(length),
            total / n as f64
        );
        let _ = writeln!(s, "Time per question:");
        for (i, q) in report.questions.iter().enumerate() {
            let mark = if q.correct { "right" } else { "wrong" };
            let _ = writeln!(
                s,
                "  {:>2}. {:>6.1} s  {mark:<5}  {}",
                i + 1,
                q.seconds,
                crate::text::sanitize(&q.key.to_string())
            );
        }
    } else {
        let _ = writeln!(s, "Drill: no questions answered.");
    }
    let compared: Vec<_> = report.topics.iter().filter(|t| t.previous.is_some()).collect();
    if !compared.is_empty() {
        let _ = writeln!(s, "Against earlier drills:");
        for t in compared {
            let now = t.accuracy.map_or_else(|| "–".to_owned(), pct);
            let before = t.previous.map_or_else(|| "–".to_owned(), pct);
            let _ = writeln!(s, "  {}: {now} (before: {before})", crate::text::sanitize(&t.topic));
        }
    }
    let _ = writeln!(s, "{}", trend_sentence(report));
    s.trim_end().to_owned()
}
