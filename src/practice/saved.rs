//! The resume point of an unfinished quiz: saved with every answer (in the
//! answer's own transaction), read back by "Continue".
//!
//! The state lists the session's questions with the order their choices
//! were shown in, and every answer given; resuming rebuilds the session and
//! replays the answers through the same checking code, so the score, the
//! hints counted and the question reached come out as they were. Questions
//! that left their pack since are dropped; an answer that no longer checks
//! (the question changed) stops the replay there, and that question is
//! asked again.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Practice, Purpose, QuizSpec};
use crate::quiz::answer::Response;
use crate::quiz::model::{Grade, Pack};
use crate::quiz::session::{QuizSession, SessionItem};
use crate::study::QuizProgress;

/// Bumped if the layout below changes incompatibly; older states are
/// ignored (the quiz is started afresh) rather than misread.
const FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Saved {
    format: u32,
    spec: QuizSpec,
    title: String,
    /// The session's seed (retries derive theirs from it).
    seed: u64,
    items: Vec<SavedItem>,
    /// One per answered question, in order.
    answers: Vec<SavedAnswer>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct SavedItem {
    pack: String,
    question: String,
    order: Vec<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    truth: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct SavedAnswer {
    response: SavedResponse,
    seconds: f64,
    hints: usize,
}

/// [`Response`] as JSON (the engine's type stays free of serde).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "kebab-case")]
enum SavedResponse {
    Choice(usize),
    Choices(Vec<usize>),
    Bool(bool),
    Text(String),
    Number(f64),
    Order(Vec<usize>),
    Pairs(Vec<(usize, usize)>),
    Grade(String),
}

impl SavedResponse {
    fn from_response(r: &Response) -> Self {
        match r {
            Response::Choice(i) => Self::Choice(*i),
            Response::Choices(v) => Self::Choices(v.clone()),
            Response::Bool(b) => Self::Bool(*b),
            Response::Text(t) => Self::Text(t.clone()),
            Response::Number(n) => Self::Number(*n),
            Response::Order(v) => Self::Order(v.clone()),
            Response::Pairs(v) => Self::Pairs(v.clone()),
            Response::Grade(g) => Self::Grade(g.name().to_owned()),
        }
    }

    fn to_response(&self) -> Option<Response> {
        Some(match self {
            Self::Choice(i) => Response::Choice(*i),
            Self::Choices(v) => Response::Choices(v.clone()),
            Self::Bool(b) => Response::Bool(*b),
            Self::Text(t) => Response::Text(t.clone()),
            Self::Number(n) => Response::Number(*n),
            Self::Order(v) => Response::Order(v.clone()),
            Self::Pairs(v) => Response::Pairs(v.clone()),
            Self::Grade(g) => Response::Grade(Grade::parse(g)?),
        })
    }
}

/// "Lambda basics — question 3 of 10": what "Continue" says.
pub fn description(title: &str, session: &QuizSession) -> String {
    let next = (session.position() + 1).min(session.len());
    format!("{title} — question {next} of {}", session.len())
}

/// The resume point of a quiz (`None` for reviews and drills, which are
/// not resumed: their answers are all in the store already).
pub fn progress(practice: &Practice, session: &QuizSession, at: DateTime<Utc>) -> Option<QuizProgress> {
    let Purpose::Quiz(spec) = &practice.purpose else { return None };
    let saved = Saved {
        format: FORMAT,
        spec: spec.clone(),
        title: practice.title.clone(),
        seed: session.seed(),
        items: session
            .items()
            .iter()
            .map(|i| SavedItem {
                pack: i.pack_id.clone(),
                question: i.question.id.clone(),
                order: i.order.clone(),
                truth: i.truth,
            })
            .collect(),
        answers: session
            .records()
            .iter()
            .map(|r| SavedAnswer {
                response: SavedResponse::from_response(&r.response),
                seconds: r.seconds,
                hints: r.hints_used,
            })
            .collect(),
    };
    // Serialising plain data cannot fail; if it ever did, saving no resume
    // point is the safe outcome.
    let state = serde_json::to_string(&saved).ok()?;
    Some(QuizProgress::new(description(&practice.title, session), state, at))
}

/// Why a saved quiz cannot be continued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResumeError {
    /// Not a state this build wrote (or edited by hand).
    Unreadable,
    /// None of its questions is installed any more.
    NoQuestions,
    /// Every question was answered: nothing left to continue.
    Finished,
}

/// Rebuild a saved quiz from the installed `packs`, answers replayed.
pub fn resume(progress: &QuizProgress, packs: &[Pack]) -> Result<(Practice, QuizSession), ResumeError> {
    let saved: Saved = serde_json::from_str(&progress.state).map_err(|_| ResumeError::Unreadable)?;
    if saved.format != FORMAT {
        return Err(ResumeError::Unreadable);
    }
    let find = |item: &SavedItem| {
        let pack = packs.iter().find(|p| p.meta.id == item.pack)?;
        let question = pack.question(&item.question)?;
        Some(SessionItem {
            pack_id: pack.meta.id.clone(),
            question: question.clone(),
            order: item.order.clone(),
            truth: item.truth,
        })
    };
    // Keep each answer with its question, so a dropped question drops its answer.
    let mut items = Vec::new();
    let mut answers = Vec::new();
    for (k, saved_item) in saved.items.iter().enumerate() {
        let Some(mut item) = find(saved_item) else { continue };
        if !order_fits(&item) {
            // The question's choices changed: show them in a fresh order.
            item.order = (0..order_len(&item)).collect();
        }
        items.push(item);
        answers.push(saved.answers.get(k));
    }
    if items.is_empty() {
        return Err(ResumeError::NoQuestions);
    }
    let mut session = QuizSession::restore(items, saved.seed);
    for answer in answers.into_iter().map_while(|a| a) {
        let Some(response) = answer.response.to_response() else { break };
        for _ in 0..answer.hints {
            session.next_hint();
        }
        if session.answer(response, answer.seconds).is_err() {
            break;
        }
    }
    if session.is_finished() {
        return Err(ResumeError::Finished);
    }
    let practice = Practice::new(Purpose::Quiz(saved.spec), saved.title, packs);
    Ok((practice, session))
}

/// How many entries a question's presentation order has.
fn order_len(item: &SessionItem) -> usize {
    use crate::quiz::model::QuestionKind;
    match &item.question.kind {
        QuestionKind::Single { choices, .. } | QuestionKind::Multiple { choices, .. } => choices.len(),
        QuestionKind::Order { items } => items.len(),
        QuestionKind::Match { pairs } => pairs.len(),
        _ => 0,
    }
}

/// Whether a saved order is a permutation of the question's parts.
fn order_fits(item: &SessionItem) -> bool {
    let n = order_len(item);
    let mut seen = vec![false; n];
    item.order.len() == n && item.order.iter().all(|&i| i < n && !std::mem::replace(&mut seen[i], true))
}
