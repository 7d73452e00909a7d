//! Answer checking, one rule per question type, with partial information
//! where it helps the learner see what went wrong.
//!
//! Responses speak in the question's own indices (choice 0 is the first
//! choice as written in the pack); mapping what was shown on screen back to
//! those indices is the session's job.

use thiserror::Error;

use super::model::{Grade, Question, QuestionKind};

/// What a learner answered.
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    /// `single`: the index of the picked choice.
    Choice(usize),
    /// `multiple`: the indices of every picked choice.
    Choices(Vec<usize>),
    /// `true-false`.
    Bool(bool),
    /// `short`.
    Text(String),
    /// `numeric` and `predict`.
    Number(f64),
    /// `order`: item indices in the order the learner put them.
    Order(Vec<usize>),
    /// `match`: (left index, right index) pairs, where index `i` on either
    /// side means the side of `pairs[i]`.
    Pairs(Vec<(usize, usize)>),
    /// `card`: the learner's own grade.
    Grade(Grade),
}

/// Whether an answer is right, and what exactly was right or wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub correct: bool,
    pub detail: Detail,
}

/// Type-specific detail of a verdict.
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    Single {
        picked: usize,
    },
    Multiple {
        /// Picks that are right answers.
        right_picks: Vec<usize>,
        /// Picks that are not right answers.
        wrong_picks: Vec<usize>,
        /// Right answers that were not picked.
        missed: Vec<usize>,
    },
    TrueFalse,
    Short {
        /// The accepted text the response matched, if any.
        matched: Option<String>,
    },
    Numeric {
        /// Response minus answer.
        difference: f64,
    },
    Order {
        /// For each position, whether the right item is there.
        right_positions: Vec<bool>,
    },
    Match {
        /// For each left item (by index), whether it got its right partner.
        right_pairs: Vec<bool>,
    },
    Card {
        grade: Grade,
    },
    Predict {
        /// What the simulator measured.
        truth: f64,
        /// How far off the guess was, in percent of the truth (`None` when
        /// the truth is zero and the guess is not).
        error_pct: Option<f64>,
    },
}

impl Verdict {
    /// (parts right, parts in all) for answers with parts: `multiple`,
    /// `order`, `match`.
    pub fn partial(&self) -> Option<(usize, usize)> {
        match &self.detail {
            Detail::Multiple { right_picks, wrong_picks, missed } => {
                Some((right_picks.len(), right_picks.len() + wrong_picks.len() + missed.len()))
            }
            Detail::Order { right_positions: parts } | Detail::Match { right_pairs: parts } => {
                Some((parts.iter().filter(|r| **r).count(), parts.len()))
            }
            _ => None,
        }
    }
}

/// A response that cannot be checked against this question.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AnswerError {
    #[error("a {question} question cannot take this kind of answer")]
    WrongKind { question: &'static str },
    #[error("choice {index} does not exist")]
    OutOfRange { index: usize },
    #[error("every item must be placed exactly once")]
    NotAPermutation,
    #[error("every left item must be paired exactly once")]
    IncompletePairs,
    #[error("the answer is not a finite number")]
    NotFinite,
    #[error("the simulator's value for this question is not available")]
    NoTruth,
    #[error("the session is over")]
    Finished,
}

impl Question {
    /// Check a response. `truth` is the simulator's value for a `predict`
    /// question (ignored by every other type).
    pub fn check(&self, response: &Response, truth: Option<f64>) -> Result<Verdict, AnswerError> {
        check(&self.kind, response, truth)
    }
}

/// Check a response against a question's kind. `truth` is the simulator's
/// value for a `predict` question (ignored by every other type).
pub fn check(kind: &QuestionKind, response: &Response, truth: Option<f64>) -> Result<Verdict, AnswerError> {
    let wrong_kind = || AnswerError::WrongKind { question: kind.type_name() };
    match (kind, response) {
        (QuestionKind::Single { choices, answer }, Response::Choice(picked)) => {
            if *picked >= choices.len() {
                return Err(AnswerError::OutOfRange { index: *picked });
            }
            Ok(Verdict { correct: picked == answer, detail: Detail::Single { picked: *picked } })
        }
        (QuestionKind::Multiple { choices, answers }, Response::Choices(picks)) => {
            check_multiple(choices.len(), answers, picks)
        }
        (QuestionKind::TrueFalse { answer }, Response::Bool(b)) => {
            Ok(Verdict { correct: answer == b, detail: Detail::TrueFalse })
        }
        (QuestionKind::Short { answer, accept }, Response::Text(text)) => Ok(check_short(answer, accept, text)),
        (QuestionKind::Numeric { answer, tolerance, .. }, Response::Number(n)) => {
            check_numeric(*answer, *tolerance, *n)
        }
        (QuestionKind::Order { items }, Response::Order(order)) => check_order(items.len(), order),
        (QuestionKind::Match { pairs }, Response::Pairs(given)) => check_match(pairs.len(), given),
        (QuestionKind::Card { .. }, Response::Grade(grade)) => {
            Ok(Verdict { correct: grade.recalled(), detail: Detail::Card { grade: *grade } })
        }
        (QuestionKind::Predict { tolerance_pct, .. }, Response::Number(guess)) => {
            check_predict(*guess, truth.ok_or(AnswerError::NoTruth)?, *tolerance_pct)
        }
        _ => Err(wrong_kind()),
    }
}

fn check_multiple(n: usize, answers: &[usize], picks: &[usize]) -> Result<Verdict, AnswerError> {
    if let Some(&bad) = picks.iter().find(|&&p| p >= n) {
        return Err(AnswerError::OutOfRange { index: bad });
    }
    let mut picked = vec![false; n];
    for &p in picks {
        picked[p] = true;
    }
    let mut is_answer = vec![false; n];
    for &a in answers {
        if a < n {
            is_answer[a] = true;
        }
    }
    let (mut right_picks, mut wrong_picks, mut missed) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..n {
        match (picked[i], is_answer[i]) {
            (true, true) => right_picks.push(i),
            (true, false) => wrong_picks.push(i),
            (false, true) => missed.push(i),
            (false, false) => {}
        }
    }
    let correct = wrong_picks.is_empty() && missed.is_empty();
    Ok(Verdict { correct, detail: Detail::Multiple { right_picks, wrong_picks, missed } })
}

/// Lower case with every run of whitespace folded to one space, trimmed:
/// the comparison of SPEC.md for `short` answers.
pub fn fold_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The characters of [`fold_text`], without building the string.
fn folded_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.split_whitespace()
        .enumerate()
        .flat_map(|(i, word)| (i > 0).then_some(' ').into_iter().chain(word.chars().flat_map(char::to_lowercase)))
}

/// `fold_text(a) == fold_text(b)`, without allocating.
pub fn same_folded(a: &str, b: &str) -> bool {
    folded_chars(a).eq(folded_chars(b))
}

/// `short`: case-insensitive, whitespace folded, against the answer and
/// every accepted alternative.
pub fn check_short(answer: &str, accept: &[String], text: &str) -> Verdict {
    let matched = std::iter::once(answer)
        .chain(accept.iter().map(String::as_str))
        .find(|candidate| same_folded(candidate, text))
        .map(str::to_owned);
    Verdict { correct: matched.is_some(), detail: Detail::Short { matched } }
}

/// `numeric`: right when within `tolerance` of `answer` (a hair of slack
/// for decimal fractions that binary floats cannot hold exactly).
pub fn check_numeric(answer: f64, tolerance: f64, given: f64) -> Result<Verdict, AnswerError> {
    if !given.is_finite() {
        return Err(AnswerError::NotFinite);
    }
    let difference = given - answer;
    let slack = 1e-9 * answer.abs().max(1.0);
    Ok(Verdict { correct: difference.abs() <= tolerance + slack, detail: Detail::Numeric { difference } })
}

/// `order`: `order` lists item indices as placed; position `i` is right
/// when it holds item `i`.
pub fn check_order(n: usize, order: &[usize]) -> Result<Verdict, AnswerError> {
    if order.len() != n {
        return Err(AnswerError::NotAPermutation);
    }
    let mut seen = vec![false; n];
    for &i in order {
        if i >= n || std::mem::replace(&mut seen[i], true) {
            return Err(AnswerError::NotAPermutation);
        }
    }
    let right_positions: Vec<bool> = order.iter().enumerate().map(|(pos, &i)| pos == i).collect();
    let correct = right_positions.iter().all(|r| *r);
    Ok(Verdict { correct, detail: Detail::Order { right_positions } })
}

/// `match`: every left item paired exactly once; left `i` is right when
/// paired with right `i`.
pub fn check_match(n: usize, given: &[(usize, usize)]) -> Result<Verdict, AnswerError> {
    let mut partner: Vec<Option<usize>> = vec![None; n];
    for &(left, right) in given {
        if left >= n || right >= n {
            return Err(AnswerError::OutOfRange { index: left.max(right) });
        }
        if partner[left].replace(right).is_some() {
            return Err(AnswerError::IncompletePairs);
        }
    }
    let mut right_pairs = Vec::with_capacity(n);
    for (left, p) in partner.iter().enumerate() {
        match p {
            Some(right) => right_pairs.push(*right == left),
            None => return Err(AnswerError::IncompletePairs),
        }
    }
    let correct = right_pairs.iter().all(|r| *r);
    Ok(Verdict { correct, detail: Detail::Match { right_pairs } })
}

/// `predict`: right when within `tolerance_pct` percent of the simulator's
/// `truth` (exactly right when the truth is zero).
pub fn check_predict(guess: f64, truth: f64, tolerance_pct: f64) -> Result<Verdict, AnswerError> {
    if !guess.is_finite() || !truth.is_finite() {
        return Err(AnswerError::NotFinite);
    }
    let off = (guess - truth).abs();
    let slack = 1e-9 * truth.abs().max(1.0);
    let correct = off <= tolerance_pct / 100.0 * truth.abs() + slack;
    let error_pct = if truth == 0.0 { (off <= slack).then_some(0.0) } else { Some(off / truth.abs() * 100.0) };
    Ok(Verdict { correct, detail: Detail::Predict { truth, error_pct } })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> String {
        v.to_owned()
    }

    #[test]
    fn folding_without_allocating_agrees_with_fold_text() {
        for (a, b) in [("A  b", "a b"), (" x\ty ", "X Y"), ("ab", "a b"), ("", "  "), ("ÉTÉ", "été"), ("a", "ab")] {
            assert_eq!(same_folded(a, b), fold_text(a) == fold_text(b), "{a:?} {b:?}");
        }
    }

    #[test]
    fn single_checks_the_index_and_rejects_missing_choices() {
        let kind = QuestionKind::Single { choices: vec![s("a"), s("b"), s("c")], answer: 1 };
        assert!(check(&kind, &Response::Choice(1), None).expect("valid").correct);
        let v = check(&kind, &Response::Choice(2), None).expect("valid");
        assert!(!v.correct);
        assert_eq!(v.detail, Detail::Single { picked: 2 });
        assert_eq!(check(&kind, &Response::Choice(3), None), Err(AnswerError::OutOfRange { index: 3 }));
        assert!(matches!(check(&kind, &Response::Bool(true), None), Err(AnswerError::WrongKind { .. })));
    }

    #[test]
    fn multiple_reports_wrong_picks_and_misses() {
        let kind = QuestionKind::Multiple { choices: vec![s("a"), s("b"), s("c"), s("d")], answers: vec![0, 2] };
        assert!(check(&kind, &Response::Choices(vec![2, 0]), None).expect("valid").correct);
        assert!(check(&kind, &Response::Choices(vec![0, 2, 2]), None).expect("valid").correct, "repeats are harmless");
        let v = check(&kind, &Response::Choices(vec![0, 1]), None).expect("valid");
        assert!(!v.correct);
        assert_eq!(v.detail, Detail::Multiple { right_picks: vec![0], wrong_picks: vec![1], missed: vec![2] });
        assert_eq!(v.partial(), Some((1, 3)));
        assert!(!check(&kind, &Response::Choices(vec![]), None).expect("valid").correct);
        assert_eq!(check(&kind, &Response::Choices(vec![4]), None), Err(AnswerError::OutOfRange { index: 4 }));
    }

    #[test]
    fn true_false_compares_the_boolean() {
        let kind = QuestionKind::TrueFalse { answer: false };
        assert!(check(&kind, &Response::Bool(false), None).expect("valid").correct);
        assert!(!check(&kind, &Response::Bool(true), None).expect("valid").correct);
    }

    #[test]
    fn short_folds_case_and_whitespace_and_tries_accepted_texts() {
        let kind = QuestionKind::Short { answer: s("Provisioned concurrency"), accept: vec![s("PC")] };
        let v = check(&kind, &Response::Text(s("  provisioned \t CONCURRENCY ")), None).expect("valid");
        assert!(v.correct);
        assert_eq!(v.detail, Detail::Short { matched: Some(s("Provisioned concurrency")) });
        assert!(check(&kind, &Response::Text(s("pc")), None).expect("valid").correct);
        assert!(!check(&kind, &Response::Text(s("provisionedconcurrency")), None).expect("valid").correct);
        assert!(check_short("Straße", &[], "STRASSE").detail == Detail::Short { matched: None });
        assert!(check_short("ÉTÉ", &[], "été").correct, "non-ASCII case folds too");
    }

    #[test]
    fn numeric_honours_tolerance() {
        let kind = QuestionKind::Numeric { answer: 1.87, tolerance: 0.01, unit: Some(s("USD")) };
        assert!(check(&kind, &Response::Number(1.88), None).expect("valid").correct, "edge of tolerance");
        assert!(!check(&kind, &Response::Number(1.89), None).expect("valid").correct);
        let exact = QuestionKind::Numeric { answer: 0.3, tolerance: 0.0, unit: None };
        assert!(check(&exact, &Response::Number(0.1 + 0.2), None).expect("valid").correct);
        assert!(!check(&exact, &Response::Number(0.31), None).expect("valid").correct);
        assert_eq!(check(&exact, &Response::Number(f64::NAN), None), Err(AnswerError::NotFinite));
        let v = check(&exact, &Response::Number(0.5), None).expect("valid");
        assert!(matches!(v.detail, Detail::Numeric { difference } if (difference - 0.2).abs() < 1e-12));
    }

    #[test]
    fn order_marks_right_positions() {
        let kind = QuestionKind::Order { items: vec![s("a"), s("b"), s("c"), s("d")] };
        assert!(check(&kind, &Response::Order(vec![0, 1, 2, 3]), None).expect("valid").correct);
        let v = check(&kind, &Response::Order(vec![0, 2, 1, 3]), None).expect("valid");
        assert!(!v.correct);
        assert_eq!(v.detail, Detail::Order { right_positions: vec![true, false, false, true] });
        assert_eq!(v.partial(), Some((2, 4)));
        assert_eq!(check(&kind, &Response::Order(vec![0, 0, 1, 2]), None), Err(AnswerError::NotAPermutation));
        assert_eq!(check(&kind, &Response::Order(vec![0, 1, 2]), None), Err(AnswerError::NotAPermutation));
        assert_eq!(check(&kind, &Response::Order(vec![0, 1, 2, 9]), None), Err(AnswerError::NotAPermutation));
    }

    #[test]
    fn match_marks_right_pairs() {
        let kind = QuestionKind::Match { pairs: vec![(s("a"), s("1")), (s("b"), s("2")), (s("c"), s("3"))] };
        assert!(check(&kind, &Response::Pairs(vec![(2, 2), (0, 0), (1, 1)]), None).expect("valid").correct);
        let v = check(&kind, &Response::Pairs(vec![(0, 1), (1, 0), (2, 2)]), None).expect("valid");
        assert_eq!(v.detail, Detail::Match { right_pairs: vec![false, false, true] });
        assert_eq!(v.partial(), Some((1, 3)));
        assert_eq!(check(&kind, &Response::Pairs(vec![(0, 0), (1, 1)]), None), Err(AnswerError::IncompletePairs));
        assert_eq!(
            check(&kind, &Response::Pairs(vec![(0, 0), (0, 1), (1, 1)]), None),
            Err(AnswerError::IncompletePairs)
        );
        assert_eq!(check(&kind, &Response::Pairs(vec![(0, 5)]), None), Err(AnswerError::OutOfRange { index: 5 }));
    }

    #[test]
    fn card_is_self_graded() {
        let kind = QuestionKind::Card { answer: s("**Init** runs first.") };
        assert!(!check(&kind, &Response::Grade(Grade::Again), None).expect("valid").correct);
        for g in [Grade::Hard, Grade::Good, Grade::Easy] {
            let v = check(&kind, &Response::Grade(g), None).expect("valid");
            assert!(v.correct);
            assert_eq!(v.detail, Detail::Card { grade: g });
        }
    }

    #[test]
    fn predict_is_relative_to_the_supplied_truth() {
        let kind = QuestionKind::Predict { scenario: s("burst"), metric: s("cold_starts"), tolerance_pct: 10.0 };
        assert!(check(&kind, &Response::Number(110.0), Some(100.0)).expect("valid").correct);
        assert!(check(&kind, &Response::Number(90.0), Some(100.0)).expect("valid").correct);
        let v = check(&kind, &Response::Number(120.0), Some(100.0)).expect("valid");
        assert!(!v.correct);
        assert!(
            matches!(v.detail, Detail::Predict { truth, error_pct: Some(e) } if (truth - 100.0).abs() < 1e-9 && (e - 20.0).abs() < 1e-9)
        );
        assert_eq!(check(&kind, &Response::Number(1.0), None), Err(AnswerError::NoTruth));
        assert!(check(&kind, &Response::Number(0.0), Some(0.0)).expect("valid").correct);
        let v = check(&kind, &Response::Number(1.0), Some(0.0)).expect("valid");
        assert!(!v.correct);
        assert!(matches!(v.detail, Detail::Predict { error_pct: None, .. }));
        assert!(check(&kind, &Response::Number(-95.0), Some(-100.0)).expect("valid").correct, "negative truths");
    }
}
