//! One `[[questions]]` table: the keys every type shares, then the fields
//! of its type, then the smells worth a warning.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::fields::{Fields, Reader, as_string, as_string_list, describe};
use super::smells;
use super::{RefKind, Reference};
use crate::course::lesson::is_valid_id;
use crate::quiz::answer::fold_text;
use crate::quiz::model::{DEFAULT_TOLERANCE_PCT, Difficulty, METRICS, Question, QuestionKind, TYPE_NAMES};
use crate::quiz::suggest;

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
pub fn all_keys() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = COMMON_KEYS.to_vec();
    for t in TYPE_NAMES {
        for k in type_keys(t) {
            if !keys.contains(k) {
                keys.push(k);
            }
        }
    }
    keys
}

/// Parse question number `n` (1-based). `ids` maps the ids seen so far to
/// their line, for duplicate detection.
pub fn parse(
    r: &mut Reader<'_>,
    table: &DeTable<'_>,
    span: Range<usize>,
    n: usize,
    ids: &mut HashMap<String, usize>,
    refs: &mut Vec<Reference>,
) -> Option<Question> {
    let unnamed = Fields::new(table, span.clone(), format!("question {n}"));
    let id = unnamed.text(r, "id", true);
    let name = id.as_ref().map_or_else(|| format!("question {n}"), |id| format!("question `{}`", id.get_ref()));
    let f = Fields::new(table, span, name);
    let mut ok = true;

    if let Some(id) = &id {
        if !is_valid_id(id.get_ref()) {
            r.error(&id.span(), format!("question id {:?} must match [a-z0-9-]+", id.get_ref()));
            ok = false;
        } else if let Some(line) = ids.get(id.get_ref()) {
            r.error(&id.span(), format!("duplicate question id `{}` (first used on line {line})", id.get_ref()));
            ok = false;
        } else {
            let (line, _) = r.place(&id.span());
            ids.insert(id.get_ref().clone(), line);
        }
    }

    let type_name = f.text(r, "type", true).and_then(|t| {
        let found = TYPE_NAMES.iter().copied().find(|name| name == t.get_ref());
        if found.is_none() {
            let hint = suggest::hint(t.get_ref(), TYPE_NAMES);
            r.error(
                &t.span(),
                format!("unknown question type `{}`{hint} (types: {})", t.get_ref(), TYPE_NAMES.join(", ")),
            );
        }
        found
    });
    check_keys(r, &f, type_name);

    let topic = f.text(r, "topic", true);
    if let Some(topic) = &topic
        && !is_valid_id(topic.get_ref())
    {
        r.error(&topic.span(), format!("topic {:?} must match [a-z0-9-]+", topic.get_ref()));
        ok = false;
    }
    let difficulty = difficulty(r, &f);
    let lesson = f.text(r, "lesson", false);
    match &lesson {
        Some(l) if !is_valid_id(l.get_ref()) => {
            r.error(&l.span(), format!("lesson id {:?} must match [a-z0-9-]+", l.get_ref()));
            ok = false;
        }
        Some(l) => {
            let (line, column) = r.place(&l.span());
            refs.push(Reference { kind: RefKind::Lesson, id: l.get_ref().clone(), line, column });
        }
        None if !f.has("lesson") => {
            r.warning(&f.span, format!("{} has no `lesson` link: learners get no \"read more\"", f.name));
        }
        None => ok = false,
    }
    let tags = optional_list(r, &f, "tags", &mut ok);
    let prompt = f.text(r, "prompt", true);
    let explanation = f.string(r, "explanation", true);
    let hints = optional_list(r, &f, "hints", &mut ok);
    let shuffle = f.boolean(r, "shuffle", false);

    let (kind, feedback) = match type_name {
        Some(t) => kind(r, &f, t, refs),
        None => (None, None),
    };
    if let (Some(kind), Some(explanation)) = (&kind, &explanation) {
        smells::explanation(r, &f, kind, explanation);
    }
    if !ok {
        return None;
    }
    Some(Question {
        id: id?.into_inner(),
        kind: kind?,
        topic: topic?.into_inner(),
        difficulty: difficulty?,
        lesson: lesson.map(Spanned::into_inner),
        tags,
        prompt: prompt?.into_inner(),
        explanation: explanation?.into_inner(),
        hints,
        feedback: feedback.unwrap_or_default(),
        shuffle: shuffle.is_none_or(Spanned::into_inner),
    })
}

fn check_keys(r: &mut Reader<'_>, f: &Fields<'_, '_>, type_name: Option<&str>) {
    let all = all_keys();
    match type_name {
        Some(t) => {
            let mut allowed: Vec<&str> = COMMON_KEYS.to_vec();
            allowed.extend_from_slice(type_keys(t));
            f.check_keys(r, &allowed, |key| {
                all.contains(&key).then(|| format!("`{key}` is not used by `{t}` questions"))
            });
        }
        // Without a known type, accept any key some type uses.
        None => f.check_keys(r, &all, |_| None),
    }
}

fn difficulty(r: &mut Reader<'_>, f: &Fields<'_, '_>) -> Option<Difficulty> {
    let Some(n) = f.integer(r, "difficulty", false) else {
        return (!f.has("difficulty")).then_some(Difficulty::default());
    };
    let d = Difficulty::from_number(*n.get_ref());
    if d.is_none() {
        r.error(&n.span(), format!("difficulty must be 1 (easy), 2 (medium) or 3 (hard), not {}", n.get_ref()));
    }
    d
}

/// An optional list of strings; a bad one clears `ok`.
fn optional_list(r: &mut Reader<'_>, f: &Fields<'_, '_>, key: &str, ok: &mut bool) -> Vec<String> {
    if let Some(list) = f.string_list(r, key, false) {
        list.into_inner().into_iter().map(Spanned::into_inner).collect()
    } else {
        *ok &= !f.has(key);
        Vec::new()
    }
}

type Feedback = BTreeMap<String, String>;

/// The type-specific fields. `None` where something is wrong (reported).
fn kind(
    r: &mut Reader<'_>,
    f: &Fields<'_, '_>,
    type_name: &str,
    refs: &mut Vec<Reference>,
) -> (Option<QuestionKind>, Option<Feedback>) {
    match type_name {
        "single" => {
            let choices = choices(r, f, type_name);
            let answer = f.require(r, "answer").and_then(|v| as_string(r, "answer", v));
            let index = match (&choices, &answer) {
                (Some(c), Some(a)) => choice_index(r, c, a, "answer"),
                _ => None,
            };
            let feedback = choice_feedback(r, f, choices.as_deref());
            let kind =
                choices.zip(index).map(|(choices, answer)| QuestionKind::Single { choices: texts(choices), answer });
            (kind, feedback)
        }
        "multiple" => {
            let choices = choices(r, f, type_name);
            let answers = f.require(r, "answer").and_then(|v| as_string_list(r, "answer", v));
            let indices = match (&choices, &answers) {
                (Some(c), Some(a)) => multiple_answers(r, c, a),
                _ => None,
            };
            let feedback = choice_feedback(r, f, choices.as_deref());
            let kind = choices
                .zip(indices)
                .map(|(choices, answers)| QuestionKind::Multiple { choices: texts(choices), answers });
            (kind, feedback)
        }
        "true-false" => {
            let answer = f.boolean(r, "answer", true);
            let feedback = true_false_feedback(r, f);
            (answer.map(|a| QuestionKind::TrueFalse { answer: a.into_inner() }), feedback)
        }
        "short" => {
            let answer = f.text(r, "answer", true);
            let accept = f.string_list(r, "accept", false);
            let accept_ok = accept.is_some() || !f.has("accept");
            let kind = answer.filter(|_| accept_ok).map(|a| QuestionKind::Short {
                answer: a.into_inner(),
                accept: accept.map(|l| texts(l.into_inner())).unwrap_or_default(),
            });
            (kind, Some(Feedback::new()))
        }
        "numeric" => (numeric(r, f), Some(Feedback::new())),
        "order" => {
            let items = distinct_list(r, f, "items", "an `order` question needs at least 2 items");
            (items.map(|items| QuestionKind::Order { items: texts(items) }), Some(Feedback::new()))
        }
        "match" => (pairs(r, f).map(|pairs| QuestionKind::Match { pairs }), Some(Feedback::new())),
        "card" => {
            (f.text(r, "answer", true).map(|a| QuestionKind::Card { answer: a.into_inner() }), Some(Feedback::new()))
        }
        "predict" => (predict(r, f, refs), Some(Feedback::new())),
        _ => (None, None),
    }
}

fn texts(list: Vec<Spanned<String>>) -> Vec<String> {
    list.into_iter().map(Spanned::into_inner).collect()
}

fn choices(r: &mut Reader<'_>, f: &Fields<'_, '_>, type_name: &str) -> Option<Vec<Spanned<String>>> {
    distinct_list(r, f, "choices", &format!("a `{type_name}` question needs at least 2 choices"))
}

/// A required list of at least two distinct, non-blank strings. Entries
/// equal after case folding are a warning (learners cannot tell them apart).
/// Too few or repeated entries are reported but the list is still returned,
/// so that answers and feedback can be checked against it too (the pack is
/// not built while any error stands).
fn distinct_list(r: &mut Reader<'_>, f: &Fields<'_, '_>, key: &str, too_few: &str) -> Option<Vec<Spanned<String>>> {
    let list = f.string_list(r, key, true)?;
    if list.get_ref().is_empty() {
        r.error(&list.span(), format!("`{key}` is empty"));
        return None;
    }
    if list.get_ref().len() < 2 {
        r.error(&list.span(), too_few.to_owned());
    }
    let mut exact: HashSet<&str> = HashSet::new();
    let mut folded: HashMap<String, &str> = HashMap::new();
    let singular = key.trim_end_matches('s');
    for entry in list.get_ref() {
        let text = entry.get_ref().as_str();
        if !exact.insert(text) {
            r.error(&entry.span(), format!("duplicate {singular} {text:?}"));
        } else if let Some(first) = folded.insert(fold_text(text), text) {
            r.warning(&entry.span(), format!("{singular}s {first:?} and {text:?} differ only in case or spacing"));
        }
    }
    Some(list.into_inner())
}

fn choice_index(r: &mut Reader<'_>, choices: &[Spanned<String>], given: &Spanned<String>, key: &str) -> Option<usize> {
    let index = choices.iter().position(|c| c.get_ref() == given.get_ref());
    if index.is_none() {
        let hint = suggest::hint(given.get_ref(), choices.iter().map(|c| c.get_ref().as_str()));
        r.error(&given.span(), format!("{key} {:?} is not one of the choices{hint}", given.get_ref()));
    }
    index
}

fn multiple_answers(
    r: &mut Reader<'_>,
    choices: &[Spanned<String>],
    answers: &Spanned<Vec<Spanned<String>>>,
) -> Option<Vec<usize>> {
    if answers.get_ref().is_empty() {
        r.error(&answers.span(), "`answer` is empty: list at least one right choice");
        return None;
    }
    let mut out = Vec::with_capacity(answers.get_ref().len());
    let mut ok = true;
    for a in answers.get_ref() {
        match choice_index(r, choices, a, "answer") {
            Some(i) if out.contains(&i) => {
                r.error(&a.span(), format!("{:?} is listed twice in `answer`", a.get_ref()));
                ok = false;
            }
            Some(i) => out.push(i),
            None => ok = false,
        }
    }
    out.sort_unstable();
    ok.then_some(out)
}

/// Feedback keyed by choice text: every key must be a choice.
fn choice_feedback(r: &mut Reader<'_>, f: &Fields<'_, '_>, choices: Option<&[Spanned<String>]>) -> Option<Feedback> {
    let Some(entries) = f.string_map(r, "feedback") else {
        return (!f.has("feedback")).then(Feedback::new);
    };
    let mut out = Feedback::new();
    let mut ok = true;
    for (key, text) in entries {
        if let Some(choices) = choices
            && !choices.iter().any(|c| c.get_ref() == key.get_ref())
        {
            let hint = suggest::hint(key.get_ref(), choices.iter().map(|c| c.get_ref().as_str()));
            r.error(&key.span(), format!("feedback for {:?}, which is not one of the choices{hint}", key.get_ref()));
            ok = false;
        }
        if text.get_ref().trim().is_empty() {
            r.error(&text.span(), "empty feedback text");
            ok = false;
        }
        out.insert(key.into_inner(), text.into_inner());
    }
    (ok && choices.is_some()).then_some(out)
}

/// Feedback of a true-false question: keyed by `true` and `false`.
fn true_false_feedback(r: &mut Reader<'_>, f: &Fields<'_, '_>) -> Option<Feedback> {
    let Some(entries) = f.string_map(r, "feedback") else {
        return (!f.has("feedback")).then(Feedback::new);
    };
    let mut out = Feedback::new();
    let mut ok = true;
    for (key, text) in entries {
        if !matches!(key.get_ref().as_str(), "true" | "false") {
            r.error(
                &key.span(),
                format!("feedback of a true-false question is keyed by `true` or `false`, not {:?}", key.get_ref()),
            );
            ok = false;
        }
        out.insert(key.into_inner(), text.into_inner());
    }
    ok.then_some(out)
}

fn numeric(r: &mut Reader<'_>, f: &Fields<'_, '_>) -> Option<QuestionKind> {
    let answer = f.number(r, "answer", true);
    let tolerance = f.number(r, "tolerance", false);
    let tolerance_ok = match &tolerance {
        Some(t) if *t.get_ref() < 0.0 => {
            r.error(&t.span(), "`tolerance` cannot be negative");
            false
        }
        Some(_) => true,
        None => !f.has("tolerance"),
    };
    let unit = f.text(r, "unit", false);
    let unit_ok = unit.is_some() || !f.has("unit");
    if !(tolerance_ok && unit_ok) {
        return None;
    }
    Some(QuestionKind::Numeric {
        answer: answer?.into_inner(),
        tolerance: tolerance.map_or(0.0, Spanned::into_inner),
        unit: unit.map(Spanned::into_inner),
    })
}

fn pairs(r: &mut Reader<'_>, f: &Fields<'_, '_>) -> Option<Vec<(String, String)>> {
    let v = f.require(r, "pairs")?;
    let DeValue::Array(items) = v.get_ref() else {
        r.error(&v.span(), format!("`pairs` must be an array of [left, right] pairs, not {}", describe(v.get_ref())));
        return None;
    };
    if items.is_empty() {
        r.error(&v.span(), "`pairs` is empty");
        return None;
    }
    let mut ok = true;
    if items.len() < 2 {
        r.error(&v.span(), "a `match` question needs at least 2 pairs");
        ok = false;
    }
    let mut out: Vec<(String, String)> = Vec::with_capacity(items.len());
    let mut lefts: HashSet<String> = HashSet::new();
    let mut rights: HashSet<String> = HashSet::new();
    for item in items {
        let pair = match item.get_ref() {
            DeValue::Array(sides) if sides.len() == 2 => match (sides[0].get_ref(), sides[1].get_ref()) {
                (DeValue::String(left), DeValue::String(right))
                    if !left.trim().is_empty() && !right.trim().is_empty() =>
                {
                    Some(((left.to_string(), sides[0].span()), (right.to_string(), sides[1].span())))
                }
                _ => None,
            },
            _ => None,
        };
        let Some(((left, left_span), (right, right_span))) = pair else {
            r.error(&item.span(), "each pair must be [left, right]: two non-empty strings");
            ok = false;
            continue;
        };
        if !lefts.insert(left.clone()) {
            r.error(&left_span, format!("{left:?} appears twice on the left of `pairs`"));
            ok = false;
        }
        if !rights.insert(right.clone()) {
            r.error(&right_span, format!("{right:?} appears twice on the right of `pairs`"));
            ok = false;
        }
        out.push((left, right));
    }
    ok.then_some(out)
}

fn predict(r: &mut Reader<'_>, f: &Fields<'_, '_>, refs: &mut Vec<Reference>) -> Option<QuestionKind> {
    let scenario = f.text(r, "scenario", true);
    let scenario_ok = match &scenario {
        Some(s) if !is_valid_id(s.get_ref()) => {
            r.error(&s.span(), format!("scenario id {:?} must match [a-z0-9-]+", s.get_ref()));
            false
        }
        Some(s) => {
            let (line, column) = r.place(&s.span());
            refs.push(Reference { kind: RefKind::Scenario, id: s.get_ref().clone(), line, column });
            true
        }
        None => false,
    };
    let metric = f.text(r, "metric", true).filter(|m| {
        let known = METRICS.contains(&m.get_ref().as_str());
        if !known {
            let hint = suggest::hint(m.get_ref(), METRICS);
            r.error(
                &m.span(),
                format!(
                    "`{}` is not a key of the simulate summary{hint} (e.g. cold_starts, latency_ms.p99)",
                    m.get_ref()
                ),
            );
        }
        known
    });
    let tolerance = f.number(r, "tolerance_pct", false);
    let tolerance_ok = match &tolerance {
        Some(t) if *t.get_ref() < 0.0 => {
            r.error(&t.span(), "`tolerance_pct` cannot be negative");
            false
        }
        Some(_) => true,
        None => !f.has("tolerance_pct"),
    };
    if !(scenario_ok && tolerance_ok) {
        return None;
    }
    Some(QuestionKind::Predict {
        scenario: scenario?.into_inner(),
        metric: metric?.into_inner(),
        tolerance_pct: tolerance.map_or(DEFAULT_TOLERANCE_PCT, Spanned::into_inner),
    })
}
