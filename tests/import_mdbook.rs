//! mdbook-quiz import: MultipleChoice (one answer or several, fixed
//! order), ShortAnswer, Tracing, multipart context; the rest reported.

use lambda_tutor::course::check::{Context, FileKind, Input, validate_inputs};
use lambda_tutor::quiz::QuestionKind;
use lambda_tutor::quiz::import::{Format, ImportError, Imported, guess, import};

fn text() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/mdbook-quiz/quiz.toml"))
        .expect("fixture")
}

fn imported() -> Imported {
    let imported = import(Format::MdbookQuiz, "rust-basics.toml", &text()).expect("imports");
    let input = Input {
        path: "p.toml".to_owned(),
        kind: FileKind::Pack,
        bytes: imported.toml.clone().into_bytes(),
        explicit: true,
    };
    let report = validate_inputs(&[input], &Context::builtin());
    assert_eq!(report.errors(), 0, "{:#?}\n{}", report.diagnostics, imported.toml);
    imported
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn every_convertible_type() {
    let pack = imported();
    let qs = &pack.pack.questions;
    assert_eq!(qs.len(), 6, "{}", pack.toml);
    assert_eq!(qs[0].id, "b230bed3-d6ba-4048-8b06-aa655d837b04", "the mdbook-quiz id is kept");
    assert_eq!(
        qs[0].prompt, "Lambda has limits on time and memory.\n\nWhat is the default timeout?",
        "multipart context first"
    );
    assert_eq!(
        qs[0].kind,
        QuestionKind::Single { choices: strings(&["3 seconds", "1 second", "15 minutes"]), answer: 0 }
    );
    assert_eq!(qs[0].explanation, "New functions time out after 3 s.", "context explains");
    assert!(qs[0].shuffle);
    assert_eq!(
        qs[1].kind,
        QuestionKind::Multiple { choices: strings(&["Amazon SQS", "Amazon S3", "A spreadsheet"]), answers: vec![0, 1] }
    );
    assert_eq!(qs[2].kind, QuestionKind::Single { choices: strings(&["128 MB", "1,024 MB", "10,240 MB"]), answer: 2 });
    assert!(!qs[2].shuffle, "answerIndex fixes the order");
    assert!(qs[3].id.starts_with("mdbook-keyword-"), "an id that is not valid is made valid: {}", qs[3].id);
    assert_eq!(qs[3].kind, QuestionKind::Short { answer: "let".into(), accept: strings(&["let mut"]) });
    assert_eq!(
        qs[4].kind,
        QuestionKind::Card { answer: "An environment is created and Init runs before the first request.".into() }
    );
    assert_eq!(
        qs[5].prompt,
        "What does this program print?\n\n```rust\nfn main() {\n    println!(\"{}\", 1 + 1);\n}\n```"
    );
    assert_eq!(qs[5].kind, QuestionKind::Short { answer: "2".into(), accept: vec![] });
}

#[test]
fn what_does_not_convert_is_reported() {
    let pack = imported();
    let notes: Vec<(usize, bool)> = pack.notes.iter().map(|n| (n.line, n.skipped)).collect();
    assert_eq!(notes, [(34, false), (51, true), (59, true)]);
    assert!(pack.notes[1].message.contains("does not compile"));
    assert!(pack.notes[2].message.contains("`Informational`"));
}

#[test]
fn recognised_and_not_confused_with_a_native_pack() {
    assert_eq!(guess("quiz.toml", &text()), Some(Format::MdbookQuiz));
    let native = "format = 1\n[pack]\nid = \"p\"\ntitle = \"P\"\nversion = \"1\"\n[[questions]]\nid = \"q\"\n";
    assert!(matches!(import(Format::MdbookQuiz, "p.toml", native), Err(ImportError::AlreadyNative)));
    let err = import(Format::MdbookQuiz, "x.toml", "questions = [").expect_err("not TOML");
    assert!(err.notes()[0].message.starts_with("not valid TOML"), "{:?}", err.notes());
}
