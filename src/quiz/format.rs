//! How responses are written and read as text, shared by every front end:
//! letters for the right side of `match`, numbers without float noise, the
//! answer as a sentence, feedback keys and the parser of a typed response.
//! The full-screen quiz and plain mode both use these, so they agree.

use super::answer::Response;
use super::model::{Grade, QuestionKind};
use super::session::SessionItem;
use crate::text::sanitize;

/// `a`…`z`, then `aa`, `ab`, … for the right side of `match` questions.
pub fn letter(index: usize) -> String {
    let mut n = index;
    let mut out = Vec::new();
    loop {
        out.push(b'a' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// The inverse of [`letter`].
pub fn parse_letter(s: &str) -> Option<usize> {
    if s.is_empty() || s.len() > 3 || !s.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let mut n = 0usize;
    for b in s.bytes() {
        n = n * 26 + usize::from(b - b'a') + 1;
    }
    Some(n - 1)
}

/// `x` rounded to two decimals.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// A number as people write it: no `.0` on whole numbers.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { format!("{n}") }
}

/// `2. text; 4. text` in display order.
pub fn numbered(item: &SessionItem, indices: &[usize], texts: &[String]) -> String {
    let mut shown: Vec<(usize, usize)> =
        indices.iter().map(|&i| (item.position_of(i).map_or(0, |p| p + 1), i)).collect();
    shown.sort_unstable();
    shown.iter().map(|&(p, i)| format!("{p}. {}", sanitize(&texts[i]))).collect::<Vec<_>>().join("; ")
}

/// The right answer, in the terms the learner was shown.
pub fn answer_text(item: &SessionItem) -> String {
    match &item.question.kind {
        QuestionKind::Single { choices, answer } => numbered(item, &[*answer], choices),
        QuestionKind::Multiple { choices, answers } => numbered(item, answers, choices),
        QuestionKind::TrueFalse { answer } => answer.to_string(),
        QuestionKind::Short { answer, .. } => sanitize(answer).into_owned(),
        QuestionKind::Numeric { answer, tolerance, unit } => {
            let unit = unit.as_deref().map(sanitize);
            crate::quiz::range::numeric_text(*answer, *tolerance, unit.as_deref(), number_text)
        }
        QuestionKind::Order { items } => {
            (0..items.len()).map(|i| item.position_of(i).map_or(0, |p| p + 1).to_string()).collect::<Vec<_>>().join(" ")
        }
        QuestionKind::Match { pairs } => (0..pairs.len())
            .map(|i| format!("{}{}", i + 1, item.position_of(i).map_or_else(String::new, letter)))
            .collect::<Vec<_>>()
            .join(" "),
        QuestionKind::Card { .. } => String::new(),
        QuestionKind::Predict { metric, .. } => {
            let truth = item.truth.map_or_else(|| "unknown".to_owned(), |t| number_text(round2(t)));
            format!("{truth} ({} in the simulator)", sanitize(metric))
        }
    }
}

/// Which feedback entries apply to a response: the choices picked.
pub fn feedback_keys(item: &SessionItem, response: &Response) -> Vec<String> {
    match (&item.question.kind, response) {
        (QuestionKind::Single { choices, .. }, Response::Choice(i)) => choices.get(*i).cloned().into_iter().collect(),
        (QuestionKind::Multiple { choices, .. }, Response::Choices(picks)) => {
            let mut picks = picks.clone();
            picks.sort_by_key(|&i| item.position_of(i));
            picks.dedup();
            picks.iter().filter_map(|&i| choices.get(i).cloned()).collect()
        }
        (QuestionKind::TrueFalse { .. }, Response::Bool(b)) => vec![b.to_string()],
        _ => Vec::new(),
    }
}

/// Numbers separated by spaces or commas.
fn numbers(line: &str) -> Option<Vec<usize>> {
    let tokens: Vec<&str> = line.split(|c: char| c.is_whitespace() || c == ',').filter(|t| !t.is_empty()).collect();
    if tokens.is_empty() {
        return None;
    }
    tokens.iter().map(|t| t.trim_end_matches('.').parse::<usize>().ok()).collect()
}

/// A number as typed: thousands separators and a trailing unit allowed.
fn parse_number(line: &str, unit: Option<&str>) -> Option<f64> {
    let mut text = line.trim().to_owned();
    if let Some(unit) = unit {
        let lower = text.to_lowercase();
        if lower.ends_with(&unit.to_lowercase()) {
            text.truncate(text.len() - unit.len());
        }
    }
    let cleaned: String = text.trim().chars().filter(|c| *c != ',' && *c != '_').collect();
    cleaned.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Turn a typed line into a response, or say briefly what was expected.
pub fn parse_response(item: &SessionItem, line: &str) -> Result<Response, String> {
    let hint = if item.question.hints.is_empty() { "" } else { " (? for a hint)" };
    let shown = |k: usize| item.shown(k.wrapping_sub(1));
    match &item.question.kind {
        QuestionKind::Single { choices, .. } => match numbers(line).as_deref() {
            Some([k]) => shown(*k).map(Response::Choice),
            _ => None,
        }
        .ok_or_else(|| format!("Type one choice number, 1 to {}{hint}.", choices.len())),
        QuestionKind::Multiple { choices, .. } => {
            let picks: Option<Vec<usize>> = numbers(line).and_then(|ks| ks.into_iter().map(shown).collect());
            picks.map(Response::Choices).ok_or_else(|| {
                format!("Type the numbers of every right choice (1 to {}), separated by spaces{hint}.", choices.len())
            })
        }
        QuestionKind::TrueFalse { .. } => match line.trim().to_ascii_lowercase().as_str() {
            "true" | "t" => Ok(Response::Bool(true)),
            "false" | "f" => Ok(Response::Bool(false)),
            _ => Err(format!("Type true or false{hint}.")),
        },
        QuestionKind::Short { .. } => {
            if line.trim().is_empty() {
                Err(format!("Type your answer{hint}."))
            } else {
                Ok(Response::Text(line.to_owned()))
            }
        }
        QuestionKind::Numeric { unit, .. } => {
            parse_number(line, unit.as_deref()).map(Response::Number).ok_or_else(|| format!("Type a number{hint}."))
        }
        QuestionKind::Predict { .. } => {
            parse_number(line, None).map(Response::Number).ok_or_else(|| format!("Type a number{hint}."))
        }
        QuestionKind::Order { items } => {
            let n = items.len();
            let mut ks = numbers(line);
            // "3124" for a short list, as people type it.
            if let Some([single]) = ks.as_deref()
                && n > 1
                && n < 10
                && line.trim().len() == n
            {
                let digits = single.to_string();
                ks = digits.chars().map(|c| c.to_digit(10).map(|d| d as usize)).collect();
            }
            let order: Option<Vec<usize>> = ks.and_then(|ks| ks.into_iter().map(shown).collect());
            match order {
                Some(order) if order.len() == n && is_permutation(&order) => Ok(Response::Order(order)),
                _ => Err(format!("Type each item number from 1 to {n} once, in the right order{hint}.")),
            }
        }
        QuestionKind::Match { pairs } => {
            let n = pairs.len();
            let usage = || format!("Pair every number 1 to {n} with one letter, e.g. 1b 2a{hint}.");
            let mut given = Vec::with_capacity(n);
            for token in line.split(|c: char| c.is_whitespace() || c == ',').filter(|t| !t.is_empty()) {
                let token = token.to_ascii_lowercase();
                let split = token.find(|c: char| !c.is_ascii_digit()).ok_or_else(usage)?;
                let (num, rest) = token.split_at(split);
                let rest = rest.trim_start_matches(['-', ':', '=']);
                let left = num.parse::<usize>().ok().filter(|k| (1..=n).contains(k)).ok_or_else(usage)?;
                let right = parse_letter(rest).and_then(|j| item.shown(j)).ok_or_else(usage)?;
                given.push((left - 1, right));
            }
            let mut lefts: Vec<usize> = given.iter().map(|(l, _)| *l).collect();
            lefts.sort_unstable();
            lefts.dedup();
            if lefts.len() != n || given.len() != n {
                return Err(usage());
            }
            Ok(Response::Pairs(given))
        }
        QuestionKind::Card { .. } => Grade::parse(line)
            .map(Response::Grade)
            .ok_or_else(|| "Type again, hard, good or easy (or 1 to 4).".to_owned()),
    }
}

fn is_permutation(order: &[usize]) -> bool {
    let mut seen = vec![false; order.len()];
    order.iter().all(|&i| i < seen.len() && !std::mem::replace(&mut seen[i], true))
}
