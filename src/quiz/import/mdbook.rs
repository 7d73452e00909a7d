//! mdbook-quiz's TOML quizzes (`[[questions]]` with `type =
//! "MultipleChoice"`, `"ShortAnswer"` or `"Tracing"`).
//!
//! - `MultipleChoice`: `prompt.prompt`, `prompt.distractors`, and
//!   `answer.answer`, a string (`single`) or a list (`multiple`);
//!   `prompt.answerIndex` and `prompt.sortAnswers` fix the order.
//! - `ShortAnswer`: `answer.answer` and `answer.alternatives` (`short`);
//!   with `prompt.response = "long"` or `"code"`, a self-graded `card`.
//! - `Tracing`: a `short` question asking for the program's output, when
//!   `answer.doesCompile` is true and `answer.stdout` is given; a program
//!   that does not compile (the learner names the failing line) is
//!   reported.
//!
//! `context` becomes the explanation, `id` the question id, and a
//! `multipart` context is put before the prompt.

use toml::{Table, Value};

use super::ids;
use super::{Draft, Read};
use crate::infra::LineIndex;
use crate::quiz::model::QuestionKind;

/// Line of each `[[questions]]` entry, from toml's spans.
fn question_lines(text: &str) -> Vec<usize> {
    let Ok(doc) = toml::de::DeTable::parse(text) else { return Vec::new() };
    let index = LineIndex::new(text);
    match doc.get_ref().get("questions").map(toml::Spanned::get_ref) {
        Some(toml::de::DeValue::Array(items)) => items.iter().map(|i| index.position(i.span().start).0).collect(),
        _ => Vec::new(),
    }
}

pub fn read(text: &str) -> Read {
    let mut read = Read::default();
    let table: Table = match text.parse() {
        Ok(t) => t,
        Err(e) => {
            let offset = e.span().map_or(0, |s| s.start);
            let line = LineIndex::new(text).position(offset).0;
            read.skip(line, format!("not valid TOML: {}", crate::infra::toml_message(&e)));
            return read;
        }
    };
    let Some(questions) = table.get("questions").and_then(Value::as_array) else {
        read.skip(1, "no `[[questions]]` in the file");
        return read;
    };
    let lines = question_lines(text);
    let multipart = table.get("multipart").and_then(Value::as_table);
    for (n, q) in questions.iter().enumerate() {
        let line = lines.get(n).copied().unwrap_or(1);
        let Some(q) = q.as_table() else {
            read.skip(line, "a question that is not a table");
            continue;
        };
        question(&mut read, line, q, multipart);
    }
    read
}

fn text<'a>(table: Option<&'a Table>, key: &str) -> Option<&'a str> {
    table?.get(key)?.as_str()
}

/// A string or a list of strings; `None` for anything else.
fn strings(value: Option<&Value>) -> Option<Vec<String>> {
    match value? {
        Value::String(s) => Some(vec![s.clone()]),
        Value::Array(items) => items.iter().map(|v| v.as_str().map(str::to_owned)).collect(),
        _ => None,
    }
}

fn question(read: &mut Read, line: usize, q: &Table, multipart: Option<&Table>) {
    let kind_name = q.get("type").and_then(Value::as_str).unwrap_or("");
    let prompt_table = q.get("prompt").and_then(Value::as_table);
    let answer_table = q.get("answer").and_then(Value::as_table);
    let mut prompt = match kind_name {
        "Tracing" => text(prompt_table, "program")
            .map(|program| format!("What does this program print?\n\n```rust\n{}\n```", program.trim_end())),
        _ => text(prompt_table, "prompt").map(str::to_owned),
    };
    if let Some(context) = q.get("multipart").and_then(Value::as_str).and_then(|key| multipart?.get(key)?.as_str()) {
        prompt = prompt.map(|p| format!("{}\n\n{p}", context.trim()));
    }
    let Some(prompt) = prompt else {
        let what = if kind_name == "Tracing" { "prompt.program" } else { "prompt.prompt" };
        read.skip(line, format!("the question has no `{what}` text"));
        return;
    };
    let kind = match kind_name {
        "MultipleChoice" => multiple_choice(read, line, prompt_table, answer_table),
        "ShortAnswer" => short_answer(read, line, prompt_table, answer_table),
        "Tracing" => tracing(read, line, answer_table),
        "" => {
            read.skip(line, "the question has no `type`");
            None
        }
        other => {
            read.skip(line, format!("question type `{other}` has no lambda-tutor equivalent"));
            None
        }
    };
    let Some((kind, shuffle)) = kind else { return };
    let mut draft = Draft::new(line, prompt, kind);
    draft.shuffle = shuffle;
    draft.id = q.get("id").and_then(Value::as_str).and_then(|id| ids::stable_id("mdbook", id));
    draft.explanation = q.get("context").and_then(Value::as_str).map(str::to_owned);
    read.drafts.push(draft);
}

fn multiple_choice(
    read: &mut Read,
    line: usize,
    prompt: Option<&Table>,
    answer: Option<&Table>,
) -> Option<(QuestionKind, bool)> {
    let Some(right) = strings(answer.and_then(|a| a.get("answer"))).filter(|r| !r.is_empty()) else {
        read.skip(line, "`answer.answer` must be a string or a list of strings");
        return None;
    };
    let Some(distractors) = strings(prompt.and_then(|p| p.get("distractors"))) else {
        read.skip(line, "`prompt.distractors` must be a list of strings");
        return None;
    };
    let answer_index = prompt.and_then(|p| p.get("answerIndex")).and_then(Value::as_integer);
    let sort = prompt.and_then(|p| p.get("sortAnswers")).and_then(Value::as_bool).unwrap_or(false);
    let mut choices: Vec<String> = right.clone();
    choices.extend(distractors);
    let mut shuffle = true;
    if let Some(i) = answer_index
        && right.len() == 1
    {
        let i = usize::try_from(i).unwrap_or(0).min(choices.len() - 1);
        let first = choices.remove(0);
        choices.insert(i, first);
        shuffle = false;
    }
    if sort {
        choices.sort();
        shuffle = false;
    }
    let positions: Vec<usize> = right
        .iter()
        .filter_map(|r| choices.iter().position(|c| c == r))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let kind = if right.len() == 1 {
        QuestionKind::Single { choices, answer: positions[0] }
    } else {
        QuestionKind::Multiple { choices, answers: positions }
    };
    Some((kind, shuffle))
}

fn short_answer(
    read: &mut Read,
    line: usize,
    prompt: Option<&Table>,
    answer: Option<&Table>,
) -> Option<(QuestionKind, bool)> {
    let Some(text) = answer.and_then(|a| a.get("answer")).and_then(Value::as_str) else {
        read.skip(line, "`answer.answer` must be a string");
        return None;
    };
    let accept = strings(answer.and_then(|a| a.get("alternatives"))).unwrap_or_default();
    let response = prompt.and_then(|p| p.get("response")).and_then(Value::as_str).unwrap_or("short");
    if matches!(response, "long" | "code") {
        read.note(
            line,
            format!("a `{response}` response cannot be compared word for word: imported as a self-graded `card`"),
        );
        return Some((QuestionKind::Card { answer: text.to_owned() }, true));
    }
    Some((QuestionKind::Short { answer: text.to_owned(), accept }, true))
}

fn tracing(read: &mut Read, line: usize, answer: Option<&Table>) -> Option<(QuestionKind, bool)> {
    let compiles = answer.and_then(|a| a.get("doesCompile")).and_then(Value::as_bool);
    let stdout = answer.and_then(|a| a.get("stdout")).and_then(Value::as_str);
    match (compiles, stdout) {
        (Some(true), Some(out)) if !out.trim().is_empty() => {
            Some((QuestionKind::Short { answer: out.trim().to_owned(), accept: Vec::new() }, true))
        }
        (Some(true), _) => {
            read.skip(line, "a Tracing question without `answer.stdout`: there is no output to ask for");
            None
        }
        (Some(false), _) => {
            read.skip(line, "a Tracing question whose program does not compile (the learner names the failing line) has no lambda-tutor type");
            None
        }
        (None, _) => {
            read.skip(line, "a Tracing question without `answer.doesCompile`");
            None
        }
    }
}
