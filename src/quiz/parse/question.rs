//! One `[[questions]]` table: the keys every type shares, then the fields
//! of its type, then the smells worth a warning.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::fields::{Fields, Reader, as_string, as_string_list, describe};
use super::kind::{KindRef, owned};
use super::smells;
use super::{RefKind, Reference};
use crate::infra::is_valid_id;
use crate::infra::suggest;
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

/// Parse question number `n` (1-based). `ids` maps the ids seen so far to
/// their line, for duplicate detection. With `build` unset the question is
/// only validated (`check`), and `None` is returned.
pub fn parse<'t>(
    r: &mut Reader<'_>,
    table: &'t DeTable<'_>,
    span: Range<usize>,
    n: usize,
    ids: &mut HashMap<&'t str, usize>,
    refs: &mut Vec<Reference>,
    build: bool,
) -> Option<Question> {
    let mut f = Fields::new(table, span, format!("question {n}"));
    let id = f.text(r, "id", true);
    if let Some(id) = &id {
        f.name = format!("question `{}`", id.get_ref());
    }
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
            ids.insert(id.get_ref(), line);
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
            refs.push(Reference { kind: RefKind::Lesson, id: (*l.get_ref()).to_owned(), line, column });
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
    if !(ok && build) {
        return None;
    }
    Some(Question {
        id: (*id?.get_ref()).to_owned(),
        kind: kind?.to_owned_kind(),
        topic: (*topic?.get_ref()).to_owned(),
        difficulty: difficulty?,
        lesson: lesson.map(|l| (*l.get_ref()).to_owned()),
        tags: owned(&tags),
        prompt: (*prompt?.get_ref()).to_owned(),
        explanation: (*explanation?.get_ref()).to_owned(),
        hints: owned(&hints),
        feedback: feedback?.into_iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect(),
        shuffle: shuffle.is_none_or(Spanned::into_inner),
    })
}

fn check_keys(r: &mut Reader<'_>, f: &Fields<'_, '_>, type_name: Option<&str>) {
    let question_keys = &ALL_KEYS;
    match type_name {
        Some(t) => {
            let specific = type_keys(t);
            let allowed = |key: &str| COMMON_KEYS.contains(&key) || specific.contains(&key);
            // The common check is cheap; only build the list for messages.
            if f.table.iter().all(|(k, _)| allowed(k.get_ref())) {
                return;
            }
            let mut allowed: Vec<&str> = COMMON_KEYS.to_vec();
            allowed.extend_from_slice(specific);
            f.check_keys(r, &allowed, |key| {
                question_keys.contains(&key).then(|| format!("`{key}` is not used by `{t}` questions"))
            });
        }
        // Without a known type, accept any key some type uses.
        None => f.check_keys(r, question_keys, |_| None),
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
fn optional_list<'t>(r: &mut Reader<'_>, f: &Fields<'t, '_>, key: &str, ok: &mut bool) -> Vec<&'t str> {
    if let Some(list) = f.string_list(r, key, false) {
        list.into_inner().into_iter().map(Spanned::into_inner).collect()
    } else {
        *ok &= !f.has(key);
        Vec::new()
    }
}

type Feedback<'t> = Vec<(&'t str, &'t str)>;

/// The type-specific fields. `None` where something is wrong (reported).
fn kind<'t>(
    r: &mut Reader<'_>,
    f: &Fields<'t, '_>,
    type_name: &str,
    refs: &mut Vec<Reference>,
) -> (Option<KindRef<'t>>, Option<Feedback<'t>>) {
    match type_name {
        "single" => {
            let choices = choices(r, f, type_name);
            let answer = f.require(r, "answer").and_then(|v| as_string(r, "answer", v));
            let index = match (&choices, &answer) {
                (Some(c), Some(a)) => choice_index(r, c, a, "answer"),
                _ => None,
            };
            let feedback = choice_feedback(r, f, choices.as_deref());
            let kind = choices.zip(index).map(|(choices, answer)| KindRef::Single { choices: texts(choices), answer });
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
            let kind =
                choices.zip(indices).map(|(choices, answers)| KindRef::Multiple { choices: texts(choices), answers });
            (kind, feedback)
        }
        "true-false" => {
            let answer = f.boolean(r, "answer", true);
            let feedback = true_false_feedback(r, f);
            (answer.map(|a| KindRef::TrueFalse { answer: a.into_inner() }), feedback)
        }
        "short" => {
            let answer = f.text(r, "answer", true);
            let accept = f.string_list(r, "accept", false);
            let accept_ok = accept.is_some() || !f.has("accept");
            let kind = answer.filter(|_| accept_ok).map(|a| KindRef::Short {
                answer: a.into_inner(),
                accept: accept.map(|l| texts(l.into_inner())).unwrap_or_default(),
            });
            (kind, Some(Feedback::new()))
        }
        "numeric" => (numeric(r, f), Some(Feedback::new())),
        "order" => {
            let items = distinct_list(r, f, "items", "an `order` question needs at least 2 items");
            (items.map(|items| KindRef::Order { items: texts(items) }), Some(Feedback::new()))
        }
        "match" => (pairs(r, f).map(|pairs| KindRef::Match { pairs }), Some(Feedback::new())),
        "card" => (f.text(r, "answer", true).map(|a| KindRef::Card { answer: a.into_inner() }), Some(Feedback::new())),
        "predict" => (predict(r, f, refs), Some(Feedback::new())),
        _ => (None, None),
    }
}

fn texts(list: Vec<Spanned<&str>>) -> Vec<&str> {
    list.into_iter().map(Spanned::into_inner).collect()
}

fn choices<'t>(r: &mut Reader<'_>, f: &Fields<'t, '_>, type_name: &str) -> Option<Vec<Spanned<&'t str>>> {
    distinct_list(r, f, "choices", &format!("a `{type_name}` question needs at least 2 choices"))
}

/// A required list of at least two distinct, non-blank strings. Entries
/// equal after case folding are a warning (learners cannot tell them apart).
/// Too few or repeated entries are reported but the list is still returned,
/// so that answers and feedback can be checked against it too (the pack is
/// not built while any error stands).
fn distinct_list<'t>(
    r: &mut Reader<'_>,
    f: &Fields<'t, '_>,
    key: &str,
    too_few: &str,
) -> Option<Vec<Spanned<&'t str>>> {
    let list = f.string_list(r, key, true)?;
    if list.get_ref().is_empty() {
        r.error(&list.span(), format!("`{key}` is empty"));
        return None;
    }
    if list.get_ref().len() < 2 {
        r.error(&list.span(), too_few.to_owned());
    }
    let singular = key.trim_end_matches('s');
    let entries = list.get_ref();
    // Lists are short: comparing pairs beats hashing (and allocates nothing).
    for (i, entry) in entries.iter().enumerate() {
        let text = *entry.get_ref();
        if entries[..i].iter().any(|e| *e.get_ref() == text) {
            r.error(&entry.span(), format!("duplicate {singular} {text:?}"));
        } else if let Some(first) = entries[..i].iter().find(|e| same_folded(e.get_ref(), text)) {
            let first = first.get_ref();
            r.warning(&entry.span(), format!("{singular}s {first:?} and {text:?} differ only in case or spacing"));
        }
    }
    Some(list.into_inner())
}

fn choice_index(r: &mut Reader<'_>, choices: &[Spanned<&str>], given: &Spanned<&str>, key: &str) -> Option<usize> {
    let index = choices.iter().position(|c| c.get_ref() == given.get_ref());
    if index.is_none() {
        let hint = suggest::hint(given.get_ref(), choices.iter().map(|c| *c.get_ref()));
        r.error(&given.span(), format!("{key} {:?} is not one of the choices{hint}", given.get_ref()));
    }
    index
}

fn multiple_answers(
    r: &mut Reader<'_>,
    choices: &[Spanned<&str>],
    answers: &Spanned<Vec<Spanned<&str>>>,
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
fn choice_feedback<'t>(
    r: &mut Reader<'_>,
    f: &Fields<'t, '_>,
    choices: Option<&[Spanned<&str>]>,
) -> Option<Feedback<'t>> {
    let Some(entries) = f.string_map(r, "feedback") else {
        return (!f.has("feedback")).then(Feedback::new);
    };
    let mut out = Feedback::new();
    let mut ok = true;
    for (key, text) in entries {
        if let Some(choices) = choices
            && !choices.iter().any(|c| c.get_ref() == key.get_ref())
        {
            let hint = suggest::hint(key.get_ref(), choices.iter().map(|c| *c.get_ref()));
            r.error(&key.span(), format!("feedback for {:?}, which is not one of the choices{hint}", key.get_ref()));
            ok = false;
        }
        if text.get_ref().trim().is_empty() {
            r.error(&text.span(), "empty feedback text");
            ok = false;
        }
        out.push((key.into_inner(), text.into_inner()));
    }
    (ok && choices.is_some()).then_some(out)
}

/// Feedback of a true-false question: keyed by `true` and `false`.
fn true_false_feedback<'t>(r: &mut Reader<'_>, f: &Fields<'t, '_>) -> Option<Feedback<'t>> {
    let Some(entries) = f.string_map(r, "feedback") else {
        return (!f.has("feedback")).then(Feedback::new);
    };
    let mut out = Feedback::new();
    let mut ok = true;
    for (key, text) in entries {
        if !matches!(*key.get_ref(), "true" | "false") {
            r.error(
                &key.span(),
                format!("feedback of a true-false question is keyed by `true` or `false`, not {:?}", key.get_ref()),
            );
            ok = false;
        }
        out.push((key.into_inner(), text.into_inner()));
    }
    ok.then_some(out)
}

fn numeric<'t>(r: &mut Reader<'_>, f: &Fields<'t, '_>) -> Option<KindRef<'t>> {
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
    Some(KindRef::Numeric {
        answer: answer?.into_inner(),
        tolerance: tolerance.map_or(0.0, Spanned::into_inner),
        unit: unit.map(Spanned::into_inner),
    })
}

fn pairs<'t>(r: &mut Reader<'_>, f: &Fields<'t, '_>) -> Option<Vec<(&'t str, &'t str)>> {
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
    let mut out: Vec<(&'t str, &'t str)> = Vec::with_capacity(items.len());
    for item in items {
        let pair = match item.get_ref() {
            DeValue::Array(sides) if sides.len() == 2 => match (sides[0].get_ref(), sides[1].get_ref()) {
                (DeValue::String(left), DeValue::String(right))
                    if !left.trim().is_empty() && !right.trim().is_empty() =>
                {
                    Some(((left.as_ref(), sides[0].span()), (right.as_ref(), sides[1].span())))
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
        if out.iter().any(|(l, _)| *l == left) {
            r.error(&left_span, format!("{left:?} appears twice on the left of `pairs`"));
            ok = false;
        }
        if out.iter().any(|(_, r)| *r == right) {
            r.error(&right_span, format!("{right:?} appears twice on the right of `pairs`"));
            ok = false;
        }
        out.push((left, right));
    }
    ok.then_some(out)
}

fn predict<'t>(r: &mut Reader<'_>, f: &Fields<'t, '_>, refs: &mut Vec<Reference>) -> Option<KindRef<'t>> {
    let scenario = f.text(r, "scenario", true);
    let scenario_ok = match &scenario {
        Some(s) if !is_valid_id(s.get_ref()) => {
            r.error(&s.span(), format!("scenario id {:?} must match [a-z0-9-]+", s.get_ref()));
            false
        }
        Some(s) => {
            let (line, column) = r.place(&s.span());
            refs.push(Reference { kind: RefKind::Scenario, id: (*s.get_ref()).to_owned(), line, column });
            true
        }
        None => false,
    };
    let metric = f.text(r, "metric", true).filter(|m| {
        let known = METRICS.contains(m.get_ref());
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
    Some(KindRef::Predict {
        scenario: scenario?.into_inner(),
        metric: metric?.into_inner(),
        tolerance_pct: tolerance.map_or(DEFAULT_TOLERANCE_PCT, Spanned::into_inner),
    })
}
