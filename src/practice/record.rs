//! An answer as the study store records it: the question's key, the pack's
//! version, the outcome (checked, or graded by the learner), the time taken,
//! the hints used, and what was answered, in words.

use chrono::{DateTime, Utc};

use super::Practice;
use crate::quiz::answer::{Response, Verdict};
use crate::quiz::format::number_text;
use crate::quiz::model::QuestionKind;
use crate::quiz::session::{AnswerRecord, QuizSession, SessionItem};
use crate::study::{AnswerInput, Outcome, QuestionKey};

/// Checked right or wrong, or graded by the learner (`card`).
pub fn outcome(response: &Response, verdict: &Verdict) -> Outcome {
    match response {
        Response::Grade(grade) => Outcome::SelfGraded(*grade),
        _ if verdict.correct => Outcome::Correct,
        _ => Outcome::Incorrect,
    }
}

/// What was answered, in the words of the pack: an instructor reading the
/// history sees "3 seconds", not "choice 2".
pub fn response_text(item: &SessionItem, response: &Response) -> String {
    let q = &item.question;
    let text_of = |texts: &[String], i: usize| texts.get(i).cloned().unwrap_or_else(|| format!("#{i}"));
    match (&q.kind, response) {
        (QuestionKind::Single { choices, .. }, Response::Choice(i)) => text_of(choices, *i),
        (QuestionKind::Multiple { choices, .. }, Response::Choices(picks)) => {
            let mut picks = picks.clone();
            picks.sort_unstable();
            picks.dedup();
            picks.iter().map(|&i| text_of(choices, i)).collect::<Vec<_>>().join("; ")
        }
        (QuestionKind::Order { items }, Response::Order(order)) => {
            order.iter().map(|&i| text_of(items, i)).collect::<Vec<_>>().join("; ")
        }
        (QuestionKind::Match { pairs }, Response::Pairs(given)) => {
            let mut given = given.clone();
            given.sort_unstable();
            given
                .iter()
                .map(|&(l, r)| {
                    let left = pairs.get(l).map_or_else(|| format!("#{l}"), |p| p.0.clone());
                    let right = pairs.get(r).map_or_else(|| format!("#{r}"), |p| p.1.clone());
                    format!("{left} = {right}")
                })
                .collect::<Vec<_>>()
                .join("; ")
        }
        (_, Response::Choice(i)) => i.to_string(),
        (_, Response::Choices(v) | Response::Order(v)) => {
            v.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ")
        }
        (_, Response::Pairs(v)) => v.iter().map(|(l, r)| format!("{l}-{r}")).collect::<Vec<_>>().join(" "),
        (_, Response::Bool(b)) => b.to_string(),
        (_, Response::Text(t)) => t.trim().to_owned(),
        (_, Response::Number(n)) => number_text(*n),
        (_, Response::Grade(g)) => g.name().to_owned(),
    }
}

/// The store's record of one answer of the session.
pub fn answer_input(
    practice: &Practice,
    session: &QuizSession,
    record: &AnswerRecord,
    at: DateTime<Utc>,
) -> AnswerInput {
    let item = &session.items()[record.item];
    AnswerInput {
        key: QuestionKey::new(record.pack_id.clone(), record.question_id.clone()),
        pack_version: practice.version_of(&record.pack_id).to_owned(),
        topic: record.topic.clone(),
        answered_at: at,
        mode: practice.mode(),
        outcome: outcome(&record.response, &record.verdict),
        seconds: record.seconds,
        hints_used: u32::try_from(record.hints_used).unwrap_or(u32::MAX),
        response: response_text(item, &record.response),
        drill: practice.drill().and_then(|d| d.id),
        title: crate::quiz::title::title(&item.question.prompt),
    }
}

/// The record of the session's last answer, if there is one.
pub fn last_answer(practice: &Practice, session: &QuizSession, at: DateTime<Utc>) -> Option<AnswerInput> {
    session.records().last().map(|r| answer_input(practice, session, r, at))
}
