//! The question model: a pack of typed questions, exactly as format 1 of
//! SPEC.md ("Quiz packs") describes them, after validation.
//!
//! Answers are stored as indices into the question's own lists (choices,
//! items, pairs), never as display positions: shuffling is a matter of
//! presentation, decided per session.

use std::collections::BTreeMap;

/// The only pack format this build reads.
pub const FORMAT: i64 = 1;

/// A loaded pack: its metadata and its questions, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Pack {
    pub meta: PackMeta,
    pub questions: Vec<Question>,
    /// Where it came from: `quizzes/limits.toml` for a built-in pack, or the
    /// path an instructor gave.
    pub path: String,
    /// True for the packs embedded in the binary.
    pub builtin: bool,
    /// The installed course it belongs to (its id, or its folder or file
    /// name): `None` for the built-in course, as for [`crate::course::Lesson`].
    pub course: Option<String>,
}

impl Pack {
    /// Topics of the pack's questions, sorted and without repeats.
    pub fn topics(&self) -> Vec<&str> {
        let mut topics: Vec<&str> = self.questions.iter().map(|q| q.topic.as_str()).collect();
        topics.sort_unstable();
        topics.dedup();
        topics
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}

/// The `[pack]` table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PackMeta {
    pub id: String,
    pub title: String,
    pub version: String,
    pub description: String,
    pub authors: Vec<String>,
    pub license: Option<String>,
}

/// How hard a question is: 1 easy, 2 medium (the default), 3 hard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Difficulty {
    Easy = 1,
    #[default]
    Medium = 2,
    Hard = 3,
}

impl Difficulty {
    pub fn from_number(n: i64) -> Option<Self> {
        match n {
            1 => Some(Self::Easy),
            2 => Some(Self::Medium),
            3 => Some(Self::Hard),
            _ => None,
        }
    }

    pub fn number(self) -> u8 {
        self as u8
    }
}

/// One question. Fields shared by every type live here; what differs lives
/// in [`QuestionKind`].
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// Unique in its pack; progress is keyed by `pack-id/question-id`.
    pub id: String,
    pub kind: QuestionKind,
    pub topic: String,
    pub difficulty: Difficulty,
    /// A lesson id: the "read more" link.
    pub lesson: Option<String>,
    pub tags: Vec<String>,
    /// Markdown.
    pub prompt: String,
    /// Markdown, shown after the answer.
    pub explanation: String,
    /// Markdown, shown one at a time on request.
    pub hints: Vec<String>,
    /// Per-choice feedback, keyed by choice text (`true`/`false` for
    /// true-false questions). Markdown.
    pub feedback: BTreeMap<String, String>,
    /// Whether choices (or the right side of pairs) may be shown shuffled.
    pub shuffle: bool,
}

impl Question {
    /// A question of `kind` with plain defaults (medium, no lesson, tags,
    /// hints or feedback, shuffled; "Prompt {id}." and "Explanation {id}."),
    /// for tests and importers' fixtures to override what they care about:
    /// `Question { hints, ..Question::new(id, topic, kind) }`.
    #[doc(hidden)]
    pub fn new(id: &str, topic: &str, kind: QuestionKind) -> Self {
        Self {
            id: id.to_owned(),
            kind,
            topic: topic.to_owned(),
            difficulty: Difficulty::Medium,
            lesson: None,
            tags: Vec::new(),
            prompt: format!("Prompt {id}."),
            explanation: format!("Explanation {id}."),
            hints: Vec::new(),
            feedback: BTreeMap::new(),
            shuffle: true,
        }
    }

    /// The progress key of SPEC.md: `pack-id/question-id`.
    pub fn key(&self, pack_id: &str) -> String {
        format!("{pack_id}/{}", self.id)
    }

    pub fn type_name(&self) -> &'static str {
        self.kind.type_name()
    }
}

/// What a question asks, with each type's own fields.
#[derive(Debug, Clone, PartialEq)]
pub enum QuestionKind {
    /// One right choice: `answer` indexes `choices`.
    Single {
        choices: Vec<String>,
        answer: usize,
    },
    /// Every right choice must be picked and nothing else: `answers` are
    /// indices into `choices`, ascending.
    Multiple {
        choices: Vec<String>,
        answers: Vec<usize>,
    },
    TrueFalse {
        answer: bool,
    },
    /// Compared case-insensitively with whitespace folded against `answer`
    /// and each of `accept`.
    Short {
        answer: String,
        accept: Vec<String>,
    },
    /// Right when within `tolerance` of `answer`.
    Numeric {
        answer: f64,
        tolerance: f64,
        unit: Option<String>,
    },
    /// `items` in the right order (shown shuffled).
    Order {
        items: Vec<String>,
    },
    /// `pairs` of (left, right); the right sides are shown shuffled.
    Match {
        pairs: Vec<(String, String)>,
    },
    /// Self-graded recall: `answer` is markdown shown on reveal.
    Card {
        answer: String,
    },
    /// The learner predicts `metric` of the scenario `scenario`; the
    /// simulator supplies the truth. Right within `tolerance_pct` percent.
    Predict {
        scenario: String,
        metric: String,
        tolerance_pct: f64,
    },
}

impl QuestionKind {
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::Single { .. } => "single",
            Self::Multiple { .. } => "multiple",
            Self::TrueFalse { .. } => "true-false",
            Self::Short { .. } => "short",
            Self::Numeric { .. } => "numeric",
            Self::Order { .. } => "order",
            Self::Match { .. } => "match",
            Self::Card { .. } => "card",
            Self::Predict { .. } => "predict",
        }
    }

    /// The choices of a `single` or `multiple` question.
    pub fn choices(&self) -> Option<&[String]> {
        match self {
            Self::Single { choices, .. } | Self::Multiple { choices, .. } => Some(choices),
            _ => None,
        }
    }
}

/// Every `type` value of format 1.
pub const TYPE_NAMES: [&str; 9] =
    ["single", "multiple", "true-false", "short", "numeric", "order", "match", "card", "predict"];

/// A learner's own grade of a `card`, as in Anki: the study store's four
/// FSRS ratings, one type for the quiz and the store.
pub use crate::study::Grade;

/// The keys of the `simulate --json` summary (SPEC.md) that a `predict`
/// question may ask for: every number in it.
pub const METRICS: [&str; 26] = [
    "simulated_s",
    "events",
    "invocations.total",
    "invocations.succeeded",
    "invocations.failed",
    "invocations.throttled",
    "invocations.timed_out",
    "invocations.retried",
    "invocations.dead_lettered",
    "invocations.dropped",
    "cold_starts",
    "cold_start_ratio",
    "environments.created",
    "environments.peak",
    "environments.average",
    "concurrency.peak",
    "concurrency.average",
    "latency_ms.p50",
    "latency_ms.p90",
    "latency_ms.p99",
    "latency_ms.max",
    "billed_gb_s",
    "cost_usd.requests",
    "cost_usd.compute",
    "cost_usd.provisioned",
    "cost_usd.total",
];

/// Default `tolerance_pct` of a `predict` question.
pub const DEFAULT_TOLERANCE_PCT: f64 = 10.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_parse_by_name_and_number() {
        assert_eq!(Grade::parse("Good"), Some(Grade::Good));
        assert_eq!(Grade::parse(" 1 "), Some(Grade::Again));
        assert_eq!(Grade::parse("4"), Some(Grade::Easy));
        assert_eq!(Grade::parse("5"), None);
        assert!(!Grade::Again.recalled());
        assert!(Grade::Hard.recalled());
    }

    #[test]
    fn difficulty_is_one_to_three() {
        assert_eq!(Difficulty::from_number(3), Some(Difficulty::Hard));
        assert_eq!(Difficulty::from_number(0), None);
        assert_eq!(Difficulty::default().number(), 2);
    }
}
