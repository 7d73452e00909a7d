//! Aiken, Moodle's simplest format: a question line, choices `A.` or `A)`
//! one per line, then `ANSWER: B`. Blank lines between questions are
//! optional. `ANSWER: A, C` (several letters, an extension some tools
//! write) makes a `multiple` question.
//!
//! ```text
//! What is the default timeout of a new function?
//! A. 1 second
//! B) 3 seconds
//! C. 15 minutes
//! ANSWER: B
//! ```

use super::{Draft, Read};
use crate::quiz::model::QuestionKind;

/// `A. text` or `A) text`: the letter and the text.
fn choice_line(line: &str) -> Option<(char, &str)> {
    let mut chars = line.chars();
    let letter = chars.next().filter(char::is_ascii_uppercase)?;
    let rest = chars.as_str();
    let rest = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')'))?;
    (rest.starts_with([' ', '\t'])).then(|| (letter, rest.trim()))
}

fn answer_line(line: &str) -> Option<&str> {
    let head = line.get(..7)?;
    head.eq_ignore_ascii_case("ANSWER:").then(|| line[7..].trim())
}

/// Whether `text` has an `ANSWER:` line after a choice line.
pub fn looks_like(text: &str) -> bool {
    let mut seen_choice = false;
    for line in text.lines().map(str::trim) {
        if choice_line(line).is_some() {
            seen_choice = true;
        } else if seen_choice && answer_line(line).is_some_and(|a| a.starts_with(|c: char| c.is_ascii_alphabetic())) {
            return true;
        }
    }
    false
}

#[derive(Default)]
struct Pending {
    line: usize,
    prompt: Vec<String>,
    choices: Vec<(char, String)>,
}

pub fn read(text: &str) -> Read {
    let mut read = Read::default();
    let mut current = Pending::default();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(answer) = answer_line(line) {
            let pending = std::mem::take(&mut current);
            finish_question(&mut read, pending, answer, n + 1);
        } else if let Some((letter, choice)) = choice_line(line).filter(|_| !current.prompt.is_empty()) {
            current.choices.push((letter, choice.to_owned()));
        } else if current.choices.is_empty() {
            if current.prompt.is_empty() {
                current.line = n + 1;
            }
            current.prompt.push(line.to_owned());
        } else {
            // Text after the choices and before ANSWER: a choice that goes
            // on over several lines.
            if let Some(last) = current.choices.last_mut() {
                last.1.push('\n');
                last.1.push_str(line);
            }
        }
    }
    if !current.prompt.is_empty() {
        read.skip(current.line, "the question has no `ANSWER:` line");
    }
    read
}

fn finish_question(read: &mut Read, pending: Pending, answer: &str, answer_line: usize) {
    if pending.prompt.is_empty() {
        read.skip(answer_line, "an `ANSWER:` line with no question before it");
        return;
    }
    let line = pending.line;
    if pending.choices.len() < 2 {
        read.skip(line, "a question needs at least 2 choices (`A.` / `A)` lines)");
        return;
    }
    let letters: Vec<char> = answer
        .split([',', ' ', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.chars().next().filter(|_| s.chars().count() == 1))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if letters.is_empty() {
        read.skip(line, format!("the answer {answer:?} is not a choice letter"));
        return;
    }
    let mut answers = Vec::new();
    for letter in &letters {
        match pending.choices.iter().position(|(l, _)| l == letter) {
            Some(i) if !answers.contains(&i) => answers.push(i),
            Some(_) => {}
            None => {
                read.skip(line, format!("the answer {letter} is not one of the choices"));
                return;
            }
        }
    }
    answers.sort_unstable();
    let choices: Vec<String> = pending.choices.into_iter().map(|(_, c)| c).collect();
    let kind = if answers.len() == 1 {
        QuestionKind::Single { choices, answer: answers[0] }
    } else {
        QuestionKind::Multiple { choices, answers }
    };
    read.drafts.push(Draft::new(line, pending.prompt.join("\n"), kind));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choice_and_answer_lines() {
        assert_eq!(choice_line("A. one"), Some(('A', "one")));
        assert_eq!(choice_line("B) two"), Some(('B', "two")));
        assert_eq!(choice_line("a. lower"), None);
        assert_eq!(choice_line("A.no space"), None);
        assert_eq!(answer_line("answer: c"), Some("c"));
        assert_eq!(answer_line("ANSWER"), None);
    }
}
