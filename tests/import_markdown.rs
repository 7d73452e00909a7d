//! Markdown task-list banks: headings, paragraphs and numbered lines as
//! questions, `[x]` as answers, explanations, sections as topics, `<quiz>`
//! blocks, images as alt text; packs pass `check`.

use lambda_tutor::quiz::QuestionKind;
use lambda_tutor::quiz::import::{Format, Imported, guess};

#[path = "support/import.rs"]
mod import_support;

use import_support::strings;

fn text(name: &str) -> String {
    import_support::fixture("markdown", name)
}

fn imported(name: &str) -> Imported {
    import_support::imported_text(Format::Markdown, name, &text(name))
}

#[test]
fn headings_lists_explanations_and_sections() {
    let pack = imported("bank.md");
    let qs = &pack.pack.questions;
    assert_eq!(qs.len(), 5, "{}", pack.toml);
    assert_eq!(qs[0].id, "what-is-the-default-timeout-of-a-new-function");
    assert_eq!(qs[0].prompt, "What is the default timeout of a new function?");
    assert_eq!(qs[0].topic, "lambda-limits", "the section heading");
    assert_eq!(
        qs[0].kind,
        QuestionKind::Single { choices: strings(&["1 second", "3 seconds", "15 minutes"]), answer: 1 }
    );
    assert_eq!(qs[0].explanation, "New functions time out after **3 s**; you can raise it to 900 s.");
    assert_eq!(qs[1].kind.type_name(), "multiple");
    assert_eq!(qs[1].explanation, "no idle environment is free to take the request.", "`Explanation:` stripped");
    // A heading as title, a paragraph as prompt; `[X]` counts; a plain item is left out.
    assert_eq!(qs[2].id, "billing");
    assert_eq!(qs[2].prompt, "How is duration billed?");
    assert_eq!(qs[2].topic, "pricing");
    assert_eq!(qs[2].kind, QuestionKind::Single { choices: strings(&["Per 100 ms", "Per 1 ms"]), answer: 1 });
    assert_eq!(qs[3].prompt, "A paragraph asking a question with its list right after it?");
    assert_eq!(qs[3].explanation, "lists may follow a paragraph directly.");
    assert_eq!(qs[4].kind.choices().expect("choices"), ["The sequence diagram", "The class diagram"]);
}

#[test]
fn images_unchecked_lists_and_lone_questions_are_reported() {
    let pack = imported("bank.md");
    let notes: Vec<(usize, bool, &str)> = pack.notes.iter().map(|n| (n.line, n.skipped, n.message.as_str())).collect();
    assert_eq!(
        notes,
        [
            (29, false, "a list item without a checkbox among the choices is left out"),
            (39, false, "image \"seq.png\" replaced by its alt text \"The sequence diagram\""),
            (40, false, "image \"class.png\" replaced by its alt text \"The class diagram\""),
            (42, true, "no choice is checked (`- [x]`)"),
            (47, true, "a question with no task list (`- [ ]` / `- [x]`) after it"),
        ]
    );
}

#[test]
fn numbered_questions_with_nested_lists() {
    let pack = imported("numbered.md");
    let qs = &pack.pack.questions;
    assert_eq!(qs.len(), 2);
    assert_eq!(qs[0].prompt, "What is the default timeout?");
    assert_eq!(qs[0].kind, QuestionKind::Single { choices: strings(&["1 second", "3 seconds"]), answer: 1 });
    assert_eq!(qs[0].explanation, "3 s unless you set it.");
    assert_eq!(
        qs[1].kind,
        QuestionKind::Multiple { choices: strings(&["Amazon SQS", "Amazon S3", "A spreadsheet"]), answers: vec![0, 1] }
    );
}

#[test]
fn quiz_blocks() {
    let pack = imported("quiz-blocks.md");
    let qs = &pack.pack.questions;
    assert_eq!(qs.len(), 2);
    assert_eq!(qs[0].prompt, "What does reserved concurrency do?");
    assert_eq!(qs[0].explanation, "Reserved concurrency is both a limit and a guarantee.");
    assert_eq!(qs[0].topic, "concurrency", "the heading before the block");
    assert_eq!(qs[1].kind.type_name(), "multiple");
    assert!(pack.notes.is_empty(), "{:?}", pack.notes);
    assert_eq!(guess("quiz-blocks.md", &text("quiz-blocks.md")), Some(Format::Markdown));
    assert_eq!(guess("bank.md", &text("bank.md")), Some(Format::Markdown));
}
