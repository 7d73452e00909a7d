//! A pack as GIFT, for Moodle's question bank (Question bank → Import →
//! GIFT format).
//!
//! Each topic becomes a `$CATEGORY: pack-id/topic`; each question
//! `::id::[markdown]prompt{…}` with `####explanation` as its general
//! feedback and its per-choice feedback after `#`. `multiple` questions
//! use weights (the right choices share 100%, each wrong one is -100%), as
//! Moodle's multiple-answer questions do. `order`, `card` and `predict`
//! have no GIFT form and are left out; hints, lesson links, tags, units
//! and difficulty are not kept.
//!
//! GIFT's special characters `~ = # { } :` are escaped with a backslash,
//! line breaks written as `\n`; a backslash is doubled only where GIFT
//! would otherwise read it as an escape, so markdown's own escapes
//! (`\*`) pass through as they are.

use std::fmt::Write as _;

use super::{ExportNote, Exported};
use crate::quiz::model::{Pack, Question, QuestionKind};
use crate::quiz::write::number;

/// Text with GIFT's special characters escaped, on one line.
pub fn escape(text: &str) -> String {
    let text = text.trim();
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '~' | '=' | '#' | '{' | '}' | ':' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '\\' => {
                let next = chars.get(i + 1).copied();
                let would_escape = matches!(next, None | Some('~' | '=' | '#' | '{' | '}' | ':' | 'n' | '\\' | '\n'));
                out.push_str(if would_escape { "\\\\" } else { "\\" });
            }
            c => out.push(c),
        }
    }
    out
}

/// An answer's text, with an explicit weight first when the text itself
/// starts like one (`%50% of requests`), so that it is not read as one.
fn answer_text(text: &str, default_weight: &str) -> String {
    let escaped = escape(text);
    let t = escaped.trim_start();
    let looks_weighted =
        t.starts_with('%') && t[1..].find('%').is_some_and(|end| t[1..=end].trim().parse::<f64>().is_ok());
    if looks_weighted { format!("%{default_weight}%{escaped}") } else { escaped }
}

fn feedback_suffix(q: &Question, key: &str) -> String {
    q.feedback.get(key).map(|f| format!("#{}", escape(f))).unwrap_or_default()
}

/// `100/k` as Moodle writes weights (at most 5 decimals).
fn share(k: usize) -> String {
    let w = 100.0 / k as f64;
    let s = format!("{w:.5}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

pub fn export(pack: &Pack) -> Exported {
    let mut out = Exported::default();
    let _ = writeln!(
        out.text,
        "// {} (pack `{}`, version {}), exported from lambda-tutor.",
        escape(&pack.meta.title),
        pack.meta.id,
        escape(&pack.meta.version)
    );
    out.text.push_str("// Import into Moodle: Question bank → Import → GIFT format.\n");
    let mut topic: Option<&str> = None;
    for q in &pack.questions {
        let Some(block) = answer_block(q, &mut out.notes) else { continue };
        if topic != Some(q.topic.as_str()) {
            let _ = write!(out.text, "\n$CATEGORY: {}/{}\n", pack.meta.id, q.topic);
            topic = Some(q.topic.as_str());
        }
        let _ = write!(
            out.text,
            "\n::{}::[markdown]{}{{\n{block}####{}\n}}\n",
            q.id,
            escape(&q.prompt),
            escape(&q.explanation)
        );
        out.exported += 1;
    }
    let dropped: Vec<&str> = [
        pack.questions.iter().any(|q| !q.hints.is_empty()).then_some("hints"),
        pack.questions.iter().any(|q| q.lesson.is_some()).then_some("lesson links"),
        pack.questions.iter().any(|q| !q.tags.is_empty()).then_some("tags"),
        pack.questions
            .iter()
            .any(|q| q.difficulty != crate::quiz::model::Difficulty::default())
            .then_some("difficulty"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !dropped.is_empty() {
        out.notes.push(ExportNote {
            question: String::new(),
            skipped: false,
            message: format!("GIFT does not keep {}", dropped.join(", ")),
        });
    }
    out
}

/// The lines inside the braces (each ending in a newline), or `None` for
/// a type GIFT cannot hold.
fn answer_block(q: &Question, notes: &mut Vec<ExportNote>) -> Option<String> {
    let mut skip = |message: &str| {
        notes.push(ExportNote { question: q.id.clone(), skipped: true, message: message.to_owned() });
        None
    };
    let mut block = String::new();
    match &q.kind {
        QuestionKind::Single { choices, answer } => {
            for (i, choice) in choices.iter().enumerate() {
                let (mark, weight) = if i == *answer { ('=', "100") } else { ('~', "0") };
                let _ = writeln!(block, "{mark}{}{}", answer_text(choice, weight), feedback_suffix(q, choice));
            }
        }
        QuestionKind::Multiple { choices, answers } => {
            let right = share(answers.len());
            for (i, choice) in choices.iter().enumerate() {
                let weight = if answers.contains(&i) { right.as_str() } else { "-100" };
                let _ = writeln!(block, "~%{weight}%{}{}", escape(choice), feedback_suffix(q, choice));
            }
        }
        QuestionKind::TrueFalse { answer } => {
            // Moodle: the first feedback is for a wrong answer, the second for a right one.
            let wrong = q.feedback.get(&(!answer).to_string()).map(|f| escape(f)).unwrap_or_default();
            let right = q.feedback.get(&answer.to_string()).map(|f| escape(f)).unwrap_or_default();
            let value = if *answer { "TRUE" } else { "FALSE" };
            let feedback = match (wrong.is_empty(), right.is_empty()) {
                (true, true) => String::new(),
                (false, true) => format!("#{wrong}"),
                _ => format!("#{wrong}#{right}"),
            };
            let _ = writeln!(block, "{value}{feedback}");
        }
        QuestionKind::Short { answer, accept } => {
            if std::iter::once(answer).chain(accept).any(|a| a.contains("->")) {
                return skip("an accepted answer contains `->`, which GIFT would read as a matching question");
            }
            for text in std::iter::once(answer).chain(accept) {
                let _ = writeln!(block, "={}", answer_text(text, "100"));
            }
        }
        QuestionKind::Numeric { answer, tolerance, unit } => {
            if let Some(unit) = unit {
                notes.push(ExportNote {
                    question: q.id.clone(),
                    skipped: false,
                    message: format!("the unit `{unit}` is not kept: GIFT numeric answers have none"),
                });
            }
            let _ = writeln!(block, "#{}:{}", number(*answer), number(*tolerance));
        }
        QuestionKind::Match { pairs } => {
            if pairs.iter().any(|(l, r)| l.contains("->") || r.contains("->")) {
                return skip("a pair contains `->`, which GIFT cannot escape in a matching question");
            }
            if pairs.len() < 3 {
                notes.push(ExportNote {
                    question: q.id.clone(),
                    skipped: false,
                    message: "Moodle asks for at least 3 pairs in a matching question; this one has 2".to_owned(),
                });
            }
            for (left, right) in pairs {
                let _ = writeln!(block, "={} -> {}", escape(left), escape(right));
            }
        }
        QuestionKind::Order { .. } => return skip("GIFT has no ordering question"),
        QuestionKind::Card { .. } => {
            return skip("GIFT has no self-graded question (an essay would lose the model answer)");
        }
        QuestionKind::Predict { .. } => return skip("`predict` questions need the simulator to know the answer"),
    }
    Some(block)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_characters_are_escaped() {
        assert_eq!(escape("a~b=c#d{e}f:g"), r"a\~b\=c\#d\{e\}f\:g");
        assert_eq!(escape("one\ntwo"), r"one\ntwo");
        assert_eq!(escape(r"\* stays, \n doubles, end \"), r"\* stays, \\n doubles, end \\");
    }

    #[test]
    fn weights_share_one_hundred() {
        assert_eq!(share(1), "100");
        assert_eq!(share(2), "50");
        assert_eq!(share(3), "33.33333");
    }

    #[test]
    fn answers_that_look_weighted_get_an_explicit_weight() {
        assert_eq!(answer_text("%50% of requests", "0"), "%0%%50% of requests");
        assert_eq!(answer_text("50% of requests", "0"), "50% of requests");
    }
}
