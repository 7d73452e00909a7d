//! Warnings about explanations that do not teach: empty ones, ones that
//! only repeat the answer, and true-false ones that only say "true".

use super::kind::KindRef;
use crate::infra::toml_reader::Reader;
use crate::infra::toml_tree::Place;

/// Lower-case words of `s`, markdown and punctuation dropped.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '.' && c != '-')
        .map(|w| w.trim_matches(|c| c == '.' || c == '-').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Words that carry no reason on their own.
const FILLER: [&str; 20] = [
    "the",
    "answer",
    "is",
    "it",
    "its",
    "this",
    "that",
    "a",
    "an",
    "so",
    "correct",
    "right",
    "yes",
    "no",
    "true",
    "false",
    "wrong",
    "incorrect",
    "statement",
    "indeed",
];

/// Whether `explanation` says nothing beyond the words of `answers`.
pub fn repeats_answer(explanation: &str, answers: &[&str]) -> bool {
    // Cheap bound first (checks of large packs): a text with many more
    // words than the answer says something else too.
    let answer_tokens: usize = answers.iter().map(|a| a.split_whitespace().count()).sum();
    if explanation.split_whitespace().nth(answer_tokens + FILLER.len()).is_some() {
        return false;
    }
    let answer_words: Vec<String> = answers.iter().flat_map(|a| words(a)).collect();
    if answer_words.is_empty() {
        return false;
    }
    let rest =
        words(explanation).into_iter().filter(|w| !answer_words.contains(w) && !FILLER.contains(&w.as_str())).count();
    // A unit or a short connective may remain ("3 seconds", "both of them").
    rest <= 2
}

/// Whether a true-false explanation gives no reason ("True.", "No, false").
pub fn says_only_true_or_false(explanation: &str) -> bool {
    if explanation.split_whitespace().nth(FILLER.len()).is_some() {
        return false;
    }
    words(explanation).iter().filter(|w| !FILLER.contains(&w.as_str())).count() < 2
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { format!("{n}") }
}

/// Warn about the explanation `(text, at)` of the question called `name`
/// in messages.
pub fn explanation(r: &mut Reader<'_>, name: &str, kind: &KindRef<'_>, (text, at): (&str, Place)) {
    if let KindRef::TrueFalse { .. } = kind {
        if says_only_true_or_false(text) {
            r.warning(at, format!("the explanation of {name} gives no reason: say why it is true or false"));
        }
        return;
    }
    if text.trim().is_empty() {
        r.warning(at, format!("the explanation of {name} is empty: say why the answer is right"));
        return;
    }
    // The sentence earlier versions of `import` wrote for a missing one.
    if text.starts_with("Imported from ") && text.trim_end().ends_with(" without an explanation.") {
        r.warning(at, format!("the explanation of {name} is a placeholder left by `import`: write one"));
        return;
    }
    let number;
    let answers: Vec<&str> = match kind {
        KindRef::Single { choices, answer } => choices.get(*answer).copied().into_iter().collect(),
        KindRef::Multiple { choices, answers } => answers.iter().filter_map(|i| choices.get(*i).copied()).collect(),
        KindRef::Short { answer, .. } | KindRef::Card { answer } => vec![*answer],
        KindRef::Numeric { answer, unit, .. } => {
            number = format_number(*answer);
            let mut v = vec![number.as_str()];
            v.extend(*unit);
            v
        }
        _ => Vec::new(),
    };
    if repeats_answer(text, &answers) {
        r.warning(at, "the explanation only repeats the answer: say why it is right");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeating_the_answer_is_spotted() {
        assert!(repeats_answer("3 seconds.", &["3 seconds"]));
        assert!(repeats_answer("The answer is **3 seconds**.", &["3 seconds"]));
        assert!(repeats_answer("It is 900.", &["900", "s"]));
        assert!(!repeats_answer("New functions time out after 3 s; you can raise it up to 900 s.", &["3 seconds"]));
        assert!(!repeats_answer("Anything at all", &[]));
    }

    #[test]
    fn bare_true_false_explanations_are_spotted() {
        assert!(says_only_true_or_false(""));
        assert!(says_only_true_or_false("True."));
        assert!(says_only_true_or_false("No, that is false."));
        assert!(!says_only_true_or_false("False: Lambda bills per millisecond since 2020."));
    }
}
