//! The type-specific fields of a question as the parser sees them, shared
//! by the question reader and the smell checks (a file of its own so that
//! neither imports the other).

use crate::quiz::model::QuestionKind;

/// The type-specific fields of a question, borrowed from the document:
/// validated first, copied into a [`QuestionKind`] only when the pack is
/// kept.
#[derive(Debug, Clone, PartialEq)]
pub enum KindRef<'t> {
    Single { choices: Vec<&'t str>, answer: usize },
    Multiple { choices: Vec<&'t str>, answers: Vec<usize> },
    TrueFalse { answer: bool },
    Short { answer: &'t str, accept: Vec<&'t str> },
    Numeric { answer: f64, tolerance: f64, unit: Option<&'t str> },
    Order { items: Vec<&'t str> },
    Match { pairs: Vec<(&'t str, &'t str)> },
    Card { answer: &'t str },
    Predict { scenario: &'t str, metric: &'t str, tolerance_pct: f64 },
}

pub(super) fn owned(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

impl KindRef<'_> {
    pub fn to_owned_kind(&self) -> QuestionKind {
        match self {
            Self::Single { choices, answer } => QuestionKind::Single { choices: owned(choices), answer: *answer },
            Self::Multiple { choices, answers } => {
                QuestionKind::Multiple { choices: owned(choices), answers: answers.clone() }
            }
            Self::TrueFalse { answer } => QuestionKind::TrueFalse { answer: *answer },
            Self::Short { answer, accept } => {
                QuestionKind::Short { answer: (*answer).to_owned(), accept: owned(accept) }
            }
            Self::Numeric { answer, tolerance, unit } => {
                QuestionKind::Numeric { answer: *answer, tolerance: *tolerance, unit: unit.map(str::to_owned) }
            }
            Self::Order { items } => QuestionKind::Order { items: owned(items) },
            Self::Match { pairs } => {
                QuestionKind::Match { pairs: pairs.iter().map(|(l, r)| ((*l).to_owned(), (*r).to_owned())).collect() }
            }
            Self::Card { answer } => QuestionKind::Card { answer: (*answer).to_owned() },
            Self::Predict { scenario, metric, tolerance_pct } => QuestionKind::Predict {
                scenario: (*scenario).to_owned(),
                metric: (*metric).to_owned(),
                tolerance_pct: *tolerance_pct,
            },
        }
    }
}
