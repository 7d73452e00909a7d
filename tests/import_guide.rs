//! The import examples of the authoring guide (quizzes/README.md) import
//! as the guide says: each in its format, recognised without `--from`,
//! nothing left out, and a pack that passes `check` with zero errors.

use lambda_tutor::course::check::{Context, FileKind, Input, validate_inputs};
use lambda_tutor::quiz::QuestionKind;
use lambda_tutor::quiz::import::{Format, guess, import};

/// (info string, body) of every fenced code block.
fn blocks() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/quizzes/README.md")).expect("guide");
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in text.lines() {
        match (&mut current, line.strip_prefix("```")) {
            (None, Some(info)) => current = Some((info.trim().to_owned(), String::new())),
            (Some(_), Some("")) => out.extend(current.take()),
            (Some((_, body)), _) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    out
}

#[test]
fn every_format_example_imports_cleanly() {
    let blocks = blocks();
    let cases = [
        ("gift", Format::Gift, 2),
        ("aiken", Format::Aiken, 1),
        ("anki", Format::Anki, 1),
        ("toml mdbook-quiz", Format::MdbookQuiz, 1),
        ("markdown", Format::Markdown, 1),
    ];
    for (info, format, count) in cases {
        let (_, body) = blocks.iter().find(|(i, _)| i == info).unwrap_or_else(|| panic!("an example in {info}"));
        let text = body.replace('→', "\t");
        assert_eq!(guess("example", &text), Some(format), "{info}");
        let imported = import(format, "example.txt", &text).unwrap_or_else(|e| panic!("{info}: {e}"));
        assert_eq!(imported.pack.questions.len(), count, "{info}");
        assert!(imported.notes.is_empty(), "{info}: {:?}", imported.notes);
        let input = Input {
            path: "example.toml".into(),
            kind: FileKind::Pack,
            bytes: imported.toml.into_bytes(),
            explicit: true,
        };
        let report = validate_inputs(&[input], &Context::builtin());
        assert_eq!(report.errors(), 0, "{info}: {:#?}", report.diagnostics);
    }
}

#[test]
fn the_gift_example_reads_as_described() {
    let blocks = blocks();
    let (_, body) = blocks.iter().find(|(i, _)| i == "gift").expect("gift example");
    let imported = import(Format::Gift, "limits.gift", body).expect("imports");
    let q = &imported.pack.questions[0];
    assert_eq!((q.id.as_str(), q.topic.as_str()), ("default-timeout", "limits"));
    assert_eq!(q.prompt, "What is the timeout of a **new** function?");
    assert_eq!(q.explanation, "New functions time out after 3 s; raise it up to 900 s.");
    assert_eq!(q.feedback.get("15 minutes").map(String::as_str), Some("That is the maximum."));
    let tf = &imported.pack.questions[1];
    assert_eq!(tf.kind, QuestionKind::TrueFalse { answer: true });
    assert_eq!(tf.feedback.get("false").map(String::as_str), Some("Not since 2020."));
}
