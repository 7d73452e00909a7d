//! Aiken import: both choice styles, several answers, and every problem
//! reported at its line; the pack passes `check`.

use lambda_tutor::quiz::QuestionKind;
use lambda_tutor::quiz::import::{Format, Imported, guess};

#[path = "support/import.rs"]
mod import_support;

use import_support::strings;

fn text(name: &str) -> String {
    import_support::fixture("aiken", name)
}

fn imported(name: &str) -> Imported {
    import_support::imported_text(Format::Aiken, name, &text(name))
}

#[test]
fn questions_choices_and_answers() {
    let pack = imported("basic.txt");
    let qs = &pack.pack.questions;
    assert_eq!(qs.len(), 4);
    assert_eq!(qs[0].id, "q1");
    assert_eq!(qs[0].prompt, "What is the default timeout of a new Lambda function?");
    assert_eq!(
        qs[0].kind,
        QuestionKind::Single { choices: strings(&["1 second", "3 seconds", "15 minutes", "60 seconds"]), answer: 1 }
    );
    assert_eq!(
        qs[1].kind,
        QuestionKind::Single { choices: strings(&["3,008 MB", "10,240 MB", "16,384 MB"]), answer: 1 }
    );
    assert_eq!(
        qs[2].kind,
        QuestionKind::Multiple { choices: strings(&["Amazon SQS", "A spreadsheet", "Amazon S3"]), answers: vec![0, 2] }
    );
    assert_eq!(qs[3].prompt, "A question that spans\ntwo lines?");
    assert_eq!(qs[3].kind, QuestionKind::Single { choices: strings(&["yes", "no"]), answer: 0 }, "answer: a");
    assert!(qs.iter().all(|q| q.topic == "imported" && q.explanation.is_empty()));
}

#[test]
fn problems_are_reported_at_their_question() {
    let pack = imported("basic.txt");
    let notes: Vec<(usize, bool, &str)> = pack.notes.iter().map(|n| (n.line, n.skipped, n.message.as_str())).collect();
    assert_eq!(
        notes,
        [
            (25, true, "the answer C is not one of the choices"),
            (31, true, "a question needs at least 2 choices (`A.` / `A)` lines)"),
            (35, true, "the answer E is not one of the choices"),
            (40, true, "the question has no `ANSWER:` line"),
        ]
    );
}

#[test]
fn aiken_is_recognised() {
    assert_eq!(guess("basic.txt", &text("basic.txt")), Some(Format::Aiken));
}
