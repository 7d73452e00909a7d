//! A timed interview drill as a session: questions planned by
//! [`crate::study::plan_drill`] (weighted toward the learner's weakest
//! topics by recent accuracy, with `card` questions mixed in), a time
//! budget, no hints.

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::{DrillRun, Practice, Purpose, Truth, askable};
use crate::quiz::model::{Pack, QuestionKind};
use crate::quiz::session::{QuizSession, SessionItem};
use crate::study::DrillReport;
use crate::study::drill::DrillConfig;
use crate::study::drill::TREND_WINDOW;
use crate::study::{Candidate, DrillSize, DrillSpec, QuestionKey, Store, StoreError, plan_drill};

/// SPEC.md: a drill lasts 15 minutes unless told otherwise.
pub const DEFAULT_MINUTES: u32 = 15;

/// `drill [--minutes M] [--count N] [--topic T]... [--seed S]`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DrillOptions {
    pub minutes: Option<u32>,
    pub count: Option<usize>,
    pub topics: Vec<String>,
    pub seed: u64,
}

impl DrillOptions {
    /// The time budget: `--minutes`, else 15 minutes (with `--count` too:
    /// a drill is always against the clock).
    pub fn limit(&self) -> Duration {
        Duration::from_secs(u64::from(self.minutes.unwrap_or(DEFAULT_MINUTES).max(1)) * 60)
    }

    /// What the plan is sized by: the count when given, else the time.
    pub fn size(&self) -> DrillSize {
        match self.count {
            Some(n) => DrillSize::Count(n),
            None => DrillSize::Minutes(self.minutes.unwrap_or(DEFAULT_MINUTES).max(1)),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DrillError {
    #[error("no questions match --topic {wanted} (topics: {known})")]
    NoTopic { wanted: String, known: String },
    #[error("no questions to ask")]
    NoQuestions,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Plan a drill and open it in the store (when there is one: without a
/// store, the weighting is even and nothing is recorded).
pub fn drill(
    packs: &[Pack],
    store: Option<&mut Store>,
    options: &DrillOptions,
    at: DateTime<Utc>,
    truth: &Truth,
) -> Result<(Practice, QuizSession), DrillError> {
    let mut items = Vec::new();
    let mut pool = Vec::new();
    for pack in packs {
        for q in pack.questions.iter().filter(|q| askable(&q.kind, truth)) {
            if !options.topics.is_empty() && !options.topics.contains(&q.topic) {
                continue;
            }
            pool.push(Candidate {
                key: QuestionKey::new(pack.meta.id.clone(), q.id.clone()),
                topic: q.topic.clone(),
                is_card: matches!(q.kind, QuestionKind::Card { .. }),
            });
            items.push(super::item(&pack.meta.id, q, truth));
        }
    }
    if pool.is_empty() {
        if options.topics.is_empty() {
            return Err(DrillError::NoQuestions);
        }
        let mut known: Vec<&str> = packs.iter().flat_map(Pack::topics).collect();
        known.sort_unstable();
        known.dedup();
        return Err(DrillError::NoTopic { wanted: options.topics.join(", "), known: known.join(", ") });
    }
    let config = DrillConfig::default();
    let recent = match &store {
        Some(store) => store.recent_topic_tallies(config.recent_answers)?,
        None => std::collections::HashMap::new(),
    };
    let size = options.size();
    let plan = plan_drill(&pool, &recent, size, options.seed, &config);
    let chosen: Vec<SessionItem> = plan.questions.iter().map(|&i| items[i].clone()).collect();
    if chosen.is_empty() {
        return Err(DrillError::NoQuestions);
    }
    let spec = DrillSpec { size, seed: options.seed, topics: options.topics.clone() };
    let id = match store {
        Some(store) => Some(store.start_drill(&spec, at)?),
        None => None,
    };
    let run = DrillRun { id, spec, limit: options.limit() };
    let practice = Practice::new(Purpose::Drill(run), "Drill".to_owned(), packs);
    Ok((practice, QuizSession::from_items(chosen, options.seed)))
}

/// `12:04`: minutes and seconds, for a countdown (rounded up, so it shows
/// 0:00 only when the time is up).
pub fn clock_text(d: Duration) -> String {
    let s = d.as_secs() + u64::from(d.subsec_nanos() > 0);
    format!("{}:{:02}", s / 60, s % 60)
}
/// "Trend: 71%, up 12 points on your last 3 drills (59%)."
pub fn trend_sentence(report: &DrillReport) -> String {
    let now = report.summary.accuracy();
    match (now, report.trend.previous, report.trend.delta) {
        (Some(now), Some(before), Some(delta)) => {
            let points = (delta * 100.0).round() as i64;
            let word = match points {
                0 => "level with".to_owned(),
                p if p > 0 => format!("up {p} points on"),
                p => format!("down {} points on", -p),
            };
            let drills = report.trend.compared.min(TREND_WINDOW);
            let noun = if drills == 1 { "drill".to_owned() } else { format!("{drills} drills") };
            format!("Trend: {}, {word} your last {noun} ({}).", percent(now), percent(before))
        }
        (Some(now), _, _) => {
            format!("Trend: {} — your first drill; the next one will be compared with it.", percent(now))
        }
        _ => "Trend: nothing answered, so nothing to compare.".to_owned(),
    }
}

fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// A topic a drill may cover, and how the learner stands in it: what the
/// drill set-up shows beside each topic.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicStanding {
    pub topic: String,
    /// Questions a drill can ask in it.
    pub questions: usize,
    /// Answers given in it, ever.
    pub answered: u32,
    /// Right answers out of those (`None` before the first).
    pub accuracy: Option<f64>,
    /// The chance of recalling its questions now (FSRS), unanswered ones as 0.
    pub recall: Option<f64>,
    /// One of the weakest topics, as the stats screen lists them (and its
    /// `d` drills them).
    pub weak: bool,
}

/// Every topic with askable questions, weakest first: the weak topics by
/// accuracy, then the others answered by accuracy, then those never
/// answered by name. Without a store, every topic unanswered.
pub fn standings(
    course: &crate::course::Course,
    store: Option<&Store>,
    truth: &Truth,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Vec<TopicStanding>, StoreError> {
    let mut keys: std::collections::BTreeMap<&str, Vec<QuestionKey>> = std::collections::BTreeMap::new();
    for pack in &course.packs {
        for q in pack.questions.iter().filter(|q| askable(&q.kind, truth)) {
            keys.entry(q.topic.as_str()).or_default().push(QuestionKey::new(pack.meta.id.clone(), q.id.clone()));
        }
    }
    let (stats, cards) = match store {
        Some(store) => (store.stats(now)?, store.cards()?),
        None => (crate::study::Stats::default(), std::collections::HashMap::new()),
    };
    let weak = super::figures::weak_topics(course, &stats);
    let mut out: Vec<TopicStanding> = keys
        .into_iter()
        .map(|(topic, keys)| {
            let tally = stats.topics.iter().find(|t| t.topic == topic);
            let answered = tally.map_or(0, |t| t.answered);
            TopicStanding {
                topic: topic.to_owned(),
                questions: keys.len(),
                answered,
                accuracy: tally.and_then(|t| t.accuracy),
                recall: (answered > 0)
                    .then(|| crate::study::mastery::mastery(&keys, &cards, now.to_utc()).map(|m| m.recall))
                    .flatten(),
                weak: weak.iter().any(|w| w.topic == topic),
            }
        })
        .collect();
    let rank = |t: &TopicStanding| (!t.weak, t.accuracy.is_none());
    out.sort_by(|a, b| {
        rank(a)
            .cmp(&rank(b))
            .then_with(|| a.accuracy.unwrap_or(0.0).total_cmp(&b.accuracy.unwrap_or(0.0)))
            .then_with(|| a.topic.cmp(&b.topic))
    });
    Ok(out)
}
