//! Practice: a quiz session tied to the learner's progress. The session
//! ([`QuizSession`]) knows questions and answers; a [`Practice`] knows what
//! the session is for (a quiz, a review, a drill) and how each answer is
//! recorded in the study store, so the full-screen quiz and plain mode
//! record exactly the same things.
//!
//! - [`saved`]: the resume point of an unfinished quiz, and resuming it;
//! - [`record`]: an answer as the store takes it;
//! - [`review`]: the spaced-repetition queue as a session;
//! - [`drill`]: a timed drill, weighted toward weak topics.
//!
//! Nothing here reads a clock: callers pass the instants.

pub mod drill;
pub mod figures;
pub mod lab;
pub mod next;
pub mod record;
pub mod review;
pub mod saved;
pub mod truth;

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::quiz::model::{Pack, QuestionKind};
use crate::quiz::session::{QuizSession, SessionError, SessionOptions};
use crate::study::{DrillId, DrillReport, DrillSpec, Mode, Recorded, Scheduler, Store, StoreError};

pub use drill::{DrillError, DrillOptions};
pub use review::ReviewEmpty;
pub use truth::Truth;

/// What a quiz asks for: enough to build its session again.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct QuizSpec {
    /// Pack ids (every pack when empty).
    pub packs: Vec<String>,
    /// Topics (every topic when empty).
    pub topics: Vec<String>,
    /// Lessons (every lesson when empty): "Quiz this lesson".
    #[serde(default)]
    pub lessons: Vec<String>,
    pub count: Option<usize>,
    pub seed: u64,
    /// 0 for the quiz itself, then 1, 2… for retries of the missed questions.
    #[serde(default)]
    pub round: usize,
}

impl QuizSpec {
    pub fn options(&self) -> SessionOptions {
        SessionOptions {
            packs: self.packs.clone(),
            topics: self.topics.clone(),
            lessons: self.lessons.clone(),
            count: self.count,
            seed: self.seed,
            shuffle_questions: true,
        }
    }

    /// A short name for the home screen: the pack's title, "3 packs",
    /// "Topics: limits, pricing" or "All questions".
    pub fn title(&self, packs: &[Pack]) -> String {
        let base = match self.packs.as_slice() {
            [one] => packs.iter().find(|p| &p.meta.id == one).map_or_else(|| one.clone(), |p| p.meta.title.clone()),
            [] => String::new(),
            many => format!("{} packs", many.len()),
        };
        let topics = if self.topics.is_empty() { String::new() } else { self.topics.join(", ") };
        if !self.lessons.is_empty() && self.packs.is_empty() && self.topics.is_empty() {
            let title = match self.lessons.as_slice() {
                [one] => format!("Lesson quiz: {one}"),
                many => format!("Quiz on {} lessons", many.len()),
            };
            return if self.round > 0 { format!("{title}, retry") } else { title };
        }
        let title = match (base.is_empty(), topics.is_empty()) {
            (true, true) => "All questions".to_owned(),
            (true, false) => format!("Topics: {topics}"),
            (false, true) => base,
            (false, false) => format!("{base} ({topics})"),
        };
        if self.round > 0 { format!("{title}, retry") } else { title }
    }
}

/// A drill under way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrillRun {
    /// The store's id (`None` when progress is not kept).
    pub id: Option<DrillId>,
    pub spec: DrillSpec,
    /// The time budget.
    pub limit: Duration,
}

/// What a session is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    Quiz(QuizSpec),
    /// Spaced review: `due` cards first, then `new` questions.
    Review {
        due: usize,
        new: usize,
    },
    Drill(DrillRun),
    /// One checkpoint of a lesson, answered in the reader: filed as a quiz
    /// answer, but it leaves the unfinished quiz's resume point alone.
    Checkpoint {
        lesson: String,
    },
}

/// A session's purpose and what recording its answers needs.
#[derive(Debug, Clone)]
pub struct Practice {
    pub purpose: Purpose,
    /// For the home screen and titles.
    pub title: String,
    /// Pack id → pack version, stored with every answer.
    versions: HashMap<String, String>,
}

/// Whether a question can be asked: a `predict` question only when the
/// simulator can give its true value (see [`Truth`]).
pub fn askable(kind: &QuestionKind, truth: &Truth) -> bool {
    match kind {
        QuestionKind::Predict { scenario, metric, .. } => truth.value(scenario, metric).is_some(),
        _ => true,
    }
}

/// A session item for `question` of `pack_id`, carrying the simulator's
/// value when it is a `predict` question: review and drill build their
/// items here, so every mode can grade what a quiz can.
pub fn item(
    pack_id: &str,
    question: &crate::quiz::model::Question,
    truth: &Truth,
) -> crate::quiz::session::SessionItem {
    let value = match &question.kind {
        QuestionKind::Predict { scenario, metric, .. } => truth.value(scenario, metric),
        _ => None,
    };
    crate::quiz::session::SessionItem {
        pack_id: pack_id.to_owned(),
        question: question.clone(),
        order: Vec::new(),
        truth: value,
    }
}

fn versions(packs: &[Pack]) -> HashMap<String, String> {
    packs.iter().map(|p| (p.meta.id.clone(), p.meta.version.clone())).collect()
}

impl Practice {
    /// A practice of `purpose` over `packs` (whose versions it records).
    pub fn new(purpose: Purpose, title: String, packs: &[Pack]) -> Self {
        Self { purpose, title, versions: versions(packs) }
    }

    /// Checkpoint `key` (`pack/question`) of `lesson`: a session of that
    /// one question; `None` when it is not installed.
    pub fn checkpoint(
        packs: &[Pack],
        lesson: &str,
        key: &str,
        seed: u64,
        truth: &Truth,
    ) -> Option<(Self, QuizSession)> {
        let (pack_id, question_id) = key.split_once('/')?;
        let pack = packs.iter().find(|p| p.meta.id == pack_id)?;
        let question = pack.question(question_id)?;
        let title = crate::markdown::one_line_title(&question.prompt);
        // The choices in the order the reader lists them under the checkpoint.
        let mut asked = item(pack_id, question, truth);
        asked.order = crate::quiz::session::checkpoint_order(question, key);
        let session = QuizSession::restore(vec![asked], seed);
        Some((Self::new(Purpose::Checkpoint { lesson: lesson.to_owned() }, title, packs), session))
    }

    /// Whether this is one checkpoint asked from the reader.
    pub fn is_checkpoint(&self) -> bool {
        matches!(self.purpose, Purpose::Checkpoint { .. })
    }

    /// A quiz over `packs` as `spec` asks.
    pub fn quiz(packs: &[Pack], spec: QuizSpec, truth: &Truth) -> Result<(Self, QuizSession), SessionError> {
        let session = QuizSession::new(packs, &spec.options(), &|s: &str, m: &str| truth.value(s, m))?;
        let title = spec.title(packs);
        Ok((Self::new(Purpose::Quiz(spec), title, packs), session))
    }

    /// How answers are filed in the store.
    pub fn mode(&self) -> Mode {
        match self.purpose {
            Purpose::Quiz(_) | Purpose::Checkpoint { .. } => Mode::Quiz,
            Purpose::Review { .. } => Mode::Review,
            Purpose::Drill(_) => Mode::Drill,
        }
    }

    pub fn is_drill(&self) -> bool {
        matches!(self.purpose, Purpose::Drill(_))
    }

    pub fn drill(&self) -> Option<&DrillRun> {
        match &self.purpose {
            Purpose::Drill(run) => Some(run),
            _ => None,
        }
    }

    /// Drills have no hints: they are practice for an interview.
    pub fn hints_allowed(&self) -> bool {
        !self.is_drill()
    }

    /// Only a quiz offers to go over the missed questions again.
    pub fn offers_retry(&self) -> bool {
        matches!(self.purpose, Purpose::Quiz(_))
    }

    pub fn version_of(&self, pack: &str) -> &str {
        self.versions.get(pack).map_or("", String::as_str)
    }

    /// The session has begun: a quiz saves its resume point at once, so
    /// "Continue" leads back to it even before the first answer.
    pub fn started(&self, session: &QuizSession, store: &mut Store, at: DateTime<Utc>) -> Result<(), StoreError> {
        match saved::progress(self, session, at) {
            Some(progress) => store.save_quiz_progress(&progress),
            None => Ok(()),
        }
    }

    /// Record the session's last answer and, for a quiz, the resume point,
    /// in one transaction.
    pub fn record_last(
        &self,
        session: &QuizSession,
        store: &mut Store,
        scheduler: &Scheduler,
        at: DateTime<Utc>,
    ) -> Result<Option<Recorded>, StoreError> {
        let Some(input) = record::last_answer(self, session, at) else { return Ok(None) };
        let progress = saved::progress(self, session, at);
        store.record_answer(&input, scheduler, progress.as_ref()).map(Some)
    }

    /// The session is over (every question answered, the time is up, or the
    /// learner ended it): a quiz forgets its resume point; a drill is closed
    /// and its report returned.
    pub fn finish(&self, store: &mut Store, at: DateTime<Utc>) -> Result<Option<DrillReport>, StoreError> {
        match &self.purpose {
            Purpose::Quiz(_) => store.clear_quiz_progress().map(|()| None),
            Purpose::Drill(DrillRun { id: Some(id), .. }) => store.finish_drill(*id, at),
            Purpose::Drill(_) | Purpose::Review { .. } | Purpose::Checkpoint { .. } => Ok(None),
        }
    }

    /// A new round of the questions answered wrongly (quizzes only).
    pub fn retry(&self, session: &mut QuizSession, packs: &[Pack]) -> Option<(Self, QuizSession)> {
        let Purpose::Quiz(spec) = &self.purpose else { return None };
        let retry = session.retry_missed()?;
        let spec = QuizSpec { round: spec.round + 1, ..spec.clone() };
        let title = spec.title(packs);
        Some((Self { purpose: Purpose::Quiz(spec), title, versions: self.versions.clone() }, retry))
    }
}

#[cfg(test)]
mod tests;
