//! The authoring guide (quizzes/README.md) tells the truth: its complete
//! pack and its example of every type pass `check` without a single
//! error or warning, and its sample `check` output is what `check` says.

use std::collections::BTreeSet;

use lambda_tutor::course::Course;
use lambda_tutor::course::check::{Context, FileKind, Input, Report, check_inputs};
use lambda_tutor::quiz::model::TYPE_NAMES;

/// (info string, body) of every fenced code block.
fn blocks(markdown: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in markdown.lines() {
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

fn guide() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/quizzes/README.md")).expect("guide");
    blocks(&text)
}

/// Lesson ids the valid examples link to, scenario ids they predict.
fn referenced(key: &str, blocks: &[(String, String)]) -> BTreeSet<String> {
    blocks
        .iter()
        .filter(|(info, _)| info == "toml")
        .flat_map(|(_, body)| body.lines())
        .filter_map(|l| l.strip_prefix(key)?.trim().strip_prefix("= \"")?.strip_suffix('"').map(str::to_owned))
        .collect()
}

fn context(blocks: &[(String, String)]) -> Context {
    Context { lessons: referenced("lesson", blocks), scenarios: referenced("scenario", blocks), ..Context::default() }
}

fn check(path: &str, text: &str, context: &Context) -> Report {
    let input = Input { path: path.to_owned(), kind: FileKind::Pack, bytes: text.as_bytes().to_vec(), explicit: true };
    check_inputs(&[input], context)
}

fn rendered(report: &Report) -> String {
    let mut lines: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
    lines.push(report.summary());
    lines.join("\n") + "\n"
}

#[test]
fn the_complete_pack_and_every_type_example_pass_check_cleanly() {
    let blocks = guide();
    let context = context(&blocks);
    let toml: Vec<&String> = blocks.iter().filter(|(info, _)| info == "toml").map(|(_, b)| b).collect();
    let complete = toml.iter().find(|b| b.contains("[pack]")).expect("a complete pack");
    let report = check("complete.toml", complete, &context);
    assert_eq!(rendered(&report), "checked 1 file: 0 errors, 0 warnings\n");

    // The per-type examples, together under the complete pack's header.
    let header = &complete[..complete.find("[[questions]]").expect("questions")];
    let examples: Vec<&&String> = toml.iter().filter(|b| b.starts_with("[[questions]]")).collect();
    let pack = examples.iter().fold(header.to_owned(), |pack, b| pack + "\n" + b);
    let report = check("examples.toml", &pack, &context);
    assert_eq!(rendered(&report), "checked 1 file: 0 errors, 0 warnings\n", "{pack}");
    let types: BTreeSet<&str> = report.packs[0].questions.iter().map(lambda_tutor::quiz::Question::type_name).collect();
    assert_eq!(types, TYPE_NAMES.into_iter().collect(), "an example of every type");
}

#[test]
fn the_sample_diagnostics_are_what_check_says() {
    let blocks = guide();
    let context = context(&blocks);
    let position = blocks.iter().position(|(info, _)| info == "toml broken").expect("the broken example");
    let (_, broken) = &blocks[position];
    let (info, expected) = &blocks[position + 1];
    assert_eq!(info, "text", "the output follows the broken example");
    assert_eq!(&rendered(&check("quizzes/broken.toml", broken, &context)), expected);
}

#[test]
fn the_lessons_the_guide_links_to_exist_in_the_builtin_course() {
    let course = Course::builtin();
    if course.lessons.is_empty() {
        return; // A build without the course content: nothing to compare with.
    }
    for id in referenced("lesson", &guide()) {
        assert!(course.lesson(&id).is_some(), "the guide links to lesson `{id}`, which the course lacks");
    }
}
