//! One `[[questions]]` table: the keys every type shares, then the fields
//! of its type, then the smells worth a warning.

use std::collections::HashMap;

use super::kind::{KindRef, owned};
use super::smells;
use super::{RefKind, Reference};
use crate::infra::is_valid_id;
use crate::infra::suggest;
use crate::infra::toml_reader::{Reader, Table};
use crate::infra::toml_tree::{Entry, Place, Val};
use crate::quiz::answer::same_folded;
use crate::quiz::model::{DEFAULT_TOLERANCE_PCT, Difficulty, METRICS, Question, TYPE_NAMES};

/// Keys every question type accepts.
pub const COMMON_KEYS: [&str; 9] =
    ["id", "type", "topic", "difficulty", "lesson", "tags", "prompt", "explanation", "hints"];

/// Keys that only some types accept.
pub fn type_keys(type_name: &str) -> &'static [&'static str] {
    match type_name {
        "single" | "multiple" => &["choices", "answer", "feedback", "shuffle"],
        "true-false" => &["answer", "feedback"],
        "short" => &["answer", "accept"],
        "numeric" => &["answer", "tolerance", "unit"],
        "order" => &["items"],
        "match" => &["pairs", "shuffle"],
        "card" => &["answer"],
        "predict" => &["scenario", "metric", "tolerance_pct"],
        _ => &[],
    }
}

/// Every key some question type accepts.
pub const ALL_KEYS: [&str; 21] = [
    "id",
    "type",
    "topic",
    "difficulty",
    "lesson",
    "tags",
    "prompt",
    "explanation",
    "hints",
    "choices",
    "answer",
    "feedback",
    "shuffle",
    "accept",
    "tolerance",
    "unit",
    "items",
    "pairs",
    "scenario",
    "metric",
    "tolerance_pct",
];

/// A text and where it is written.
type Placed<'t> = (&'t str, Place);

/// A text that must be there and say something.
fn required_text<'t>(r: &mut Reader<'_>, f: &mut Table<'t>, key: &str) -> Option<Placed<'t>> {
    let node = f.require(r, key)?;
    Some((r.text(node, key)?, node.at))
}

/// A text that may be left out, but must say something when written.
fn optional_text<'t>(r: &mut Reader<'_>, f: &mut Table<'t>, key: &str) -> Option<Placed<'t>> {
    let node = f.get(key)?;
    Some((r.text(node, key)?, node.at))
}

/// A number that may be left out, and where it is written.
fn optional_number(r: &mut Reader<'_>, f: &mut Table<'_>, key: &str) -> Option<(f64, Place)> {
    let node = f.get(key)?;
    Some((r.number(node, key)?, node.at))
}

/// Parse question number `n` (1-based), whose table starts at `at`. `ids`
/// maps the ids seen so far to their line, for duplicate detection. With
/// `build` unset the question is only validated (`check`), and `None` is
/// returned.
pub fn parse<'t>(
    r: &mut Reader<'_>,
    entries: &'t [Entry<'t>],
    at: Place,
    n: usize,
    ids: &mut HashMap<&'t str, usize>,
    refs: &mut Vec<Reference>,
    build: bool,
) -> Option<Question> {
    let mut f = Table::new(entries, at, format!("question {n}"));
    let id = required_text(r, &mut f, "id");
    if let Some((id, _)) = id {
        f.name = format!("question `{id}`");
    }
    let mut ok = true;

    if let Some((id, id_at)) = id {
        if !is_valid_id(id) {
            r.error(id_at, format!("question id {id:?} must match [a-z0-9-]+"));
            ok = false;
        } else if let Some(line) = ids.get(id) {
            r.error(id_at, format!("duplicate question id `{id}` (first used on line {line})"));
            ok = false;
        } else {
            let (line, _) = r.position(id_at);
            ids.insert(id, line);
        }
    }

    let type_name = required_text(r, &mut f, "type").and_then(|(t, t_at)| {
        let found = TYPE_NAMES.iter().copied().find(|name| *name == t);
        if found.is_none() {
            let hint = suggest::hint(t, TYPE_NAMES);
            r.error(t_at, format!("unknown question type `{t}`{hint} (types: {})", TYPE_NAMES.join(", ")));
        }
        found
    });
    check_keys(r, &f, type_name);

    let topic = required_text(r, &mut f, "topic");
    if let Some((topic, topic_at)) = topic
        && !is_valid_id(topic)
    {
        r.error(topic_at, format!("topic {topic:?} must match [a-z0-9-]+"));
        ok = false;
    }
    let difficulty = difficulty(r, &mut f);
    let lesson = optional_text(r, &mut f, "lesson");
    match lesson {
        Some((l, l_at)) if !is_valid_id(l) => {
            r.error(l_at, format!("lesson id {l:?} must match [a-z0-9-]+"));
            ok = false;
        }
        Some((l, l_at)) => {
            let (line, column) = r.position(l_at);
            refs.push(Reference { kind: RefKind::Lesson, id: l.to_owned(), line, column });
        }
        None if !f.has("lesson") => {
            r.warning(f.at, format!("{} has no `lesson` link: learners get no \"read more\"", f.name));
        }
        None => ok = false,
    }
    let tags = optional_list(r, &mut f, "tags", &mut ok);
    let prompt = required_text(r, &mut f, "prompt");
    let explanation = f.require(r, "explanation").and_then(|n| Some((r.str(n, "explanation")?, n.at)));
    let hints = optional_list(r, &mut f, "hints", &mut ok);
    let shuffle = f.get("shuffle").and_then(|n| r.bool(n, "shuffle"));

    let (kind, feedback) = match type_name {
        Some(t) => kind(r, &mut f, t, refs),
        None => (None, None),
    };
    if let (Some(kind), Some(explanation)) = (&kind, explanation) {
        smells::explanation(r, &f.name, kind, explanation);
    }
    if !(ok && build) {
        return None;
    }
    Some(Question {
        id: id?.0.to_owned(),
        kind: kind?.to_owned_kind(),
        topic: topic?.0.to_owned(),
        difficulty: difficulty?,
        lesson: lesson.map(|(l, _)| l.to_owned()),
        tags: owned(&tags),
        prompt: prompt?.0.to_owned(),
        explanation: explanation?.0.to_owned(),
        hints: owned(&hints),
        feedback: feedback?.into_iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect(),
        shuffle: shuffle.unwrap_or(true),
    })
}

fn check_keys(r: &mut Reader<'_>, f: &Table<'_>, type_name: Option<&str>) {
    let question_keys = &ALL_KEYS;
    match type_name {
        Some(t) => {
            let specific = type_keys(t);
            let allowed = |key: &str| COMMON_KEYS.contains(&key) || specific.contains(&key);
            // The common check is cheap; only build the list for messages.
            if f.entries.iter().all(|e| allowed(&e.key)) {
                return;
            }
            let mut allowed: Vec<&str> = COMMON_KEYS.to_vec();
            allowed.extend_from_slice(specific);
            r.check_keys_with(f.entries, &f.name, &allowed, &|key| {
                question_keys.contains(&key).then(|| format!("is not used by `{t}` questions"))
            });
        }
        // Without a known type, accept any key some type uses.
        None => r.check_keys(f.entries, &f.name, question_keys),
    }
}

fn difficulty(r: &mut Reader<'_>, f: &mut Table<'_>) -> Option<Difficulty> {
    let Some(node) = f.get("difficulty") else {
        return Some(Difficulty::default());
    };
    let n = r.integer(node, "difficulty")?;
    let d = Difficulty::from_number(n);
    if d.is_none() {
        r.error(node.at, format!("difficulty must be 1 (easy), 2 (medium) or 3 (hard), not {n}"));
    }
    d
}

/// An optional list of texts; a bad one clears `ok`.
fn optional_list<'t>(r: &mut Reader<'_>, f: &mut Table<'t>, key: &str, ok: &mut bool) -> Vec<&'t str> {
    let Some(node) = f.get(key) else {
        return Vec::new();
    };
    if let Some(list) = r.texts(node, key) {
        texts(list)
    } else {
        *ok = false;
        Vec::new()
    }
}

type Feedback<'t> = Vec<(&'t str, &'t str)>;

/// The type-specific fields. `None` where something is wrong (reported).
fn kind<'t>(
    r: &mut Reader<'_>,
    f: &mut Table<'t>,
    type_name: &str,
    refs: &mut Vec<Reference>,
) -> (Option<KindRef<'t>>, Option<Feedback<'t>>) {
    match type_name {
        "single" => {
            let choices = choices(r, f, type_name);
            let answer = f.require(r, "answer").and_then(|n| Some((r.str(n, "answer")?, n.at)));
            let index = match (&choices, answer) {
                (Some(c), Some(a)) => choice_index(r, c, a, "answer"),
                _ => None,
            };
            let feedback = choice_feedback(r, f, choices.as_deref());
            let kind = choices.zip(index).map(|(choices, answer)| KindRef::Single { choices: texts(choices), answer });
            (kind, feedback)
        }
        "multiple" => {
            let choices = choices(r, f, type_name);
            let answers = f.require(r, "answer").and_then(|n| Some((r.texts(n, "answer")?, n.at)));
            let indices = match (&choices, &answers) {
                (Some(c), Some(a)) => multiple_answers(r, c, a),
                _ => None,
            };
            let feedback = choice_feedback(r, f, choices.as_deref());
            let kind =
                choices.zip(indices).map(|(choices, answers)| KindRef::Multiple { choices: texts(choices), answers });
            (kind, feedback)
        }
        "true-false" => {
            let answer = f.require(r, "answer").and_then(|n| r.bool(n, "answer"));
            let feedback = true_false_feedback(r, f);
            (answer.map(|answer| KindRef::TrueFalse { answer }), feedback)
        }
        "short" => {
            let answer = required_text(r, f, "answer");
            let accept = f.get("accept").map(|n| r.texts(n, "accept"));
            let accept_ok = !matches!(accept, Some(None));
            let kind = answer
                .filter(|_| accept_ok)
                .map(|(answer, _)| KindRef::Short { answer, accept: accept.flatten().map(texts).unwrap_or_default() });
            (kind, Some(Feedback::new()))
        }
        "numeric" => (numeric(r, f), Some(Feedback::new())),
        "order" => {
            let items = distinct_list(r, f, "items", "an `order` question needs at least 2 items");
            (items.map(|items| KindRef::Order { items: texts(items) }), Some(Feedback::new()))
        }
        "match" => (pairs(r, f).map(|pairs| KindRef::Match { pairs }), Some(Feedback::new())),
        "card" => (required_text(r, f, "answer").map(|(answer, _)| KindRef::Card { answer }), Some(Feedback::new())),
        "predict" => (predict(r, f, refs), Some(Feedback::new())),
        _ => (None, None),
    }
}

fn texts(list: Vec<Placed<'_>>) -> Vec<&str> {
    list.into_iter().map(|(s, _)| s).collect()
}

fn choices<'t>(r: &mut Reader<'_>, f: &mut Table<'t>, type_name: &str) -> Option<Vec<Placed<'t>>> {
    distinct_list(r, f, "choices", &format!("a `{type_name}` question needs at least 2 choices"))
}

/// A required list of at least two distinct, non-blank strings. Entries
/// equal after case folding are a warning (learners cannot tell them apart).
/// Too few or repeated entries are reported but the list is still returned,
/// so that answers and feedback can be checked against it too (the pack is
/// not built while any error stands).
fn distinct_list<'t>(r: &mut Reader<'_>, f: &mut Table<'t>, key: &str, too_few: &str) -> Option<Vec<Placed<'t>>> {
    let node = f.require(r, key)?;
    let entries = r.texts(node, key)?;
    if entries.is_empty() {
        r.error(node.at, format!("`{key}` is empty"));
        return None;
    }
    if entries.len() < 2 {
        r.error(node.at, too_few.to_owned());
    }
    let singular = key.trim_end_matches('s');
    // Lists are short: comparing pairs beats hashing (and allocates nothing).
    for (i, &(text, at)) in entries.iter().enumerate() {
        if entries[..i].iter().any(|e| e.0 == text) {
            r.error(at, format!("duplicate {singular} {text:?}"));
        } else if let Some((first, _)) = entries[..i].iter().find(|e| same_folded(e.0, text)) {
            r.warning(at, format!("{singular}s {first:?} and {text:?} differ only in case or spacing"));
        }
    }
    Some(entries)
}

fn choice_index(r: &mut Reader<'_>, choices: &[Placed<'_>], given: Placed<'_>, key: &str) -> Option<usize> {
    let (given, at) = given;
    let index = choices.iter().position(|c| c.0 == given);
    if index.is_none() {
        let hint = suggest::hint(given, choices.iter().map(|c| c.0));
        r.error(at, format!("{key} {given:?} is not one of the choices{hint}"));
    }
    index
}

fn multiple_answers(
    r: &mut Reader<'_>,
    choices: &[Placed<'_>],
    answers: &(Vec<Placed<'_>>, Place),
) -> Option<Vec<usize>> {
    let (answers, at) = answers;
    if answers.is_empty() {
        r.error(*at, "`answer` is empty: list at least one right choice");
        return None;
    }
    let mut out = Vec::with_capacity(answers.len());
    let mut ok = true;
    for &a in answers {
        match choice_index(r, choices, a, "answer") {
            Some(i) if out.contains(&i) => {
                r.error(a.1, format!("{:?} is listed twice in `answer`", a.0));
                ok = false;
            }
            Some(i) => out.push(i),
            None => ok = false,
        }
    }
    out.sort_unstable();
    ok.then_some(out)
}

/// An inline table of text → text, each with its place; every value that
/// is not a string is reported, and the map is returned only when all are.
fn string_map<'t>(r: &mut Reader<'_>, f: &mut Table<'t>, key: &str) -> Option<Vec<(Placed<'t>, Placed<'t>)>> {
    let node = f.get(key)?;
    let Val::Table(entries) = &node.val else {
        r.error(
            node.at,
            format!("`{key}` must be a table such as {{ \"choice\" = \"text\" }}, not {}", node.val.type_name()),
        );
        return None;
    };
    let mut out = Vec::with_capacity(entries.len());
    let mut ok = true;
    for e in entries {
        match &e.node.val {
            Val::Str(s) => out.push(((e.key.as_ref(), e.key_at), (s.as_ref(), e.node.at))),
            other => {
                r.error(e.node.at, format!("each value of `{key}` must be a string, not {}", other.type_name()));
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

/// Feedback keyed by choice text: every key must be a choice.
fn choice_feedback<'t>(r: &mut Reader<'_>, f: &mut Table<'t>, choices: Option<&[Placed<'_>]>) -> Option<Feedback<'t>> {
    let Some(entries) = string_map(r, f, "feedback") else {
        return (!f.has("feedback")).then(Feedback::new);
    };
    let mut out = Feedback::new();
    let mut ok = true;
    for ((key, key_at), (text, text_at)) in entries {
        if let Some(choices) = choices
            && !choices.iter().any(|c| c.0 == key)
        {
            let hint = suggest::hint(key, choices.iter().map(|c| c.0));
            r.error(key_at, format!("feedback for {key:?}, which is not one of the choices{hint}"));
            ok = false;
        }
        if text.trim().is_empty() {
            r.error(text_at, "empty feedback text");
            ok = false;
        }
        out.push((key, text));
    }
    (ok && choices.is_some()).then_some(out)
}

/// Feedback of a true-false question: keyed by `true` and `false`.
fn true_false_feedback<'t>(r: &mut Reader<'_>, f: &mut Table<'t>) -> Option<Feedback<'t>> {
    let Some(entries) = string_map(r, f, "feedback") else {
        return (!f.has("feedback")).then(Feedback::new);
    };
    let mut out = Feedback::new();
    let mut ok = true;
    for ((key, key_at), (text, _)) in entries {
        if !matches!(key, "true" | "false") {
            r.error(key_at, format!("feedback of a true-false question is keyed by `true` or `false`, not {key:?}"));
            ok = false;
        }
        out.push((key, text));
    }
    ok.then_some(out)
}

fn numeric<'t>(r: &mut Reader<'_>, f: &mut Table<'t>) -> Option<KindRef<'t>> {
    let answer = f.require(r, "answer").and_then(|n| r.number(n, "answer"));
    let tolerance = optional_number(r, f, "tolerance");
    let tolerance_ok = match tolerance {
        Some((t, at)) if t < 0.0 => {
            r.error(at, "`tolerance` cannot be negative");
            false
        }
        Some(_) => true,
        None => !f.has("tolerance"),
    };
    let unit = optional_text(r, f, "unit");
    let unit_ok = unit.is_some() || !f.has("unit");
    if !(tolerance_ok && unit_ok) {
        return None;
    }
    Some(KindRef::Numeric { answer: answer?, tolerance: tolerance.map_or(0.0, |(t, _)| t), unit: unit.map(|(u, _)| u) })
}

fn pairs<'t>(r: &mut Reader<'_>, f: &mut Table<'t>) -> Option<Vec<(&'t str, &'t str)>> {
    let v = f.require(r, "pairs")?;
    let Val::Array(items) = &v.val else {
        r.error(v.at, format!("`pairs` must be an array of [left, right] pairs, not {}", v.val.type_name()));
        return None;
    };
    if items.is_empty() {
        r.error(v.at, "`pairs` is empty");
        return None;
    }
    let mut ok = true;
    if items.len() < 2 {
        r.error(v.at, "a `match` question needs at least 2 pairs");
        ok = false;
    }
    let mut out: Vec<(&'t str, &'t str)> = Vec::with_capacity(items.len());
    for item in items {
        let pair = match &item.val {
            Val::Array(sides) if sides.len() == 2 => match (&sides[0].val, &sides[1].val) {
                (Val::Str(left), Val::Str(right)) if !left.trim().is_empty() && !right.trim().is_empty() => {
                    Some(((left.as_ref(), sides[0].at), (right.as_ref(), sides[1].at)))
                }
                _ => None,
            },
            _ => None,
        };
        let Some(((left, left_at), (right, right_at))) = pair else {
            r.error(item.at, "each pair must be [left, right]: two non-empty strings");
            ok = false;
            continue;
        };
        if out.iter().any(|(l, _)| *l == left) {
            r.error(left_at, format!("{left:?} appears twice on the left of `pairs`"));
            ok = false;
        }
        if out.iter().any(|(_, r)| *r == right) {
            r.error(right_at, format!("{right:?} appears twice on the right of `pairs`"));
            ok = false;
        }
        out.push((left, right));
    }
    ok.then_some(out)
}

fn predict<'t>(r: &mut Reader<'_>, f: &mut Table<'t>, refs: &mut Vec<Reference>) -> Option<KindRef<'t>> {
    let scenario = required_text(r, f, "scenario");
    let scenario_ok = match scenario {
        Some((s, at)) if !is_valid_id(s) => {
            r.error(at, format!("scenario id {s:?} must match [a-z0-9-]+"));
            false
        }
        Some((s, at)) => {
            let (line, column) = r.position(at);
            refs.push(Reference { kind: RefKind::Scenario, id: s.to_owned(), line, column });
            true
        }
        None => false,
    };
    let metric = required_text(r, f, "metric").filter(|&(m, at)| {
        let known = METRICS.contains(&m);
        if !known {
            let hint = suggest::hint(m, METRICS);
            r.error(at, format!("`{m}` is not a key of the simulate summary{hint} (e.g. cold_starts, latency_ms.p99)"));
        }
        known
    });
    let tolerance = optional_number(r, f, "tolerance_pct");
    let tolerance_ok = match tolerance {
        Some((t, at)) if t < 0.0 => {
            r.error(at, "`tolerance_pct` cannot be negative");
            false
        }
        Some(_) => true,
        None => !f.has("tolerance_pct"),
    };
    if !(scenario_ok && tolerance_ok) {
        return None;
    }
    Some(KindRef::Predict {
        scenario: scenario?.0,
        metric: metric?.0,
        tolerance_pct: tolerance.map_or(DEFAULT_TOLERANCE_PCT, |(t, _)| t),
    })
}
