//! The quiz screen's key contexts.

use super::*;

/// Every set of contexts the quiz screen is in at once (see
/// [`QuizScreen::contexts`]), each with Global.
const SETS: &[&[Context]] = &[
    &[Context::QuizTrueFalse, Context::QuizChoice, Context::QuizHint, Context::QuizScroll],
    &[Context::QuizMultiple, Context::QuizHint, Context::QuizScroll],
    &[Context::QuizText, Context::QuizHint, Context::QuizScroll],
    &[Context::QuizOrder, Context::QuizHint, Context::QuizScroll],
    &[Context::QuizMatch, Context::QuizHint, Context::QuizScroll],
    &[Context::QuizCard, Context::QuizHint, Context::QuizScroll],
    &[Context::QuizGrade, Context::QuizScroll],
    &[Context::QuizAnswered],
    &[Context::QuizRetry, Context::QuizEnd, Context::Page],
    &[Context::Chooser],
];

#[test]
fn no_key_means_two_things_at_once() {
    for set in SETS {
        let bindings: Vec<_> = set.iter().chain([&Context::Global]).flat_map(|c| keymap::bindings(*c)).collect();
        for (i, a) in bindings.iter().enumerate() {
            for b in &bindings[i + 1..] {
                for k in a.keys {
                    assert!(!b.keys.contains(k), "{k:?} is {:?} and {:?} in {set:?}", a.action, b.action);
                }
            }
        }
    }
}

#[test]
fn typing_footers_show_keys_that_work_while_typing() {
    let hints = keymap::hints(&[Context::QuizText, Context::QuizHint]);
    let labels: Vec<String> = hints.iter().map(|(k, h)| format!("{k} {h}")).collect();
    assert_eq!(labels, ["Enter submit", "Tab hint", "F1 help", "Esc back"]);
}
