//! Fuzz targets, as proptest properties over structured-hostile input:
//! TOML-ish grammars for packs and scenarios (nested arrays and tables,
//! every key the loaders know and some they do not, extreme numbers,
//! escapes), a markdown grammar with nested quotes, lists, fences, tables
//! and entities, one grammar per import format, typed answers for the
//! plain quiz, and mutated progress databases. Each generated text is also
//! mutated at the byte level now and then.
//!
//! Every target runs about 256 cases locally and its own bounded number in
//! CI (see `hostile_support/fuzz.rs`; `LAMBDA_TUTOR_FUZZ_CASES=N` runs N
//! each), and
//! every file of `tests/fixtures/hostile/corpus/<target>/` is run through
//! the same property on every test run.

#![allow(
    clippy::format_collect,
    clippy::format_push_string,
    clippy::many_single_char_names,
    reason = "generators build small strings once per case; clarity beats allocation here"
)]

#[path = "hostile_support/common.rs"]
mod common;
#[path = "hostile_support/fuzz.rs"]
mod fuzz;
#[path = "hostile_support/text_grammar.rs"]
mod text_grammar;
#[path = "hostile_support/toml_grammar.rs"]
mod toml_grammar;

use std::io::Cursor;
use std::path::{Path, PathBuf};

use lambda_tutor::course::Course;
use lambda_tutor::course::check::{Context, FileKind, Input, check_inputs, validate_inputs};
use lambda_tutor::course::lesson::parse_lesson;
use lambda_tutor::infra::Diagnostic;
use lambda_tutor::markdown::Document;
use lambda_tutor::plain::{self, PlainConfig};
use lambda_tutor::quiz::import::{Format, guess, import};
use lambda_tutor::quiz::parse::MAX_QUESTIONS;
use lambda_tutor::quiz::session::{SessionOptions, no_truth};
use lambda_tutor::quiz::write::write_pack;
use lambda_tutor::quiz::{QuizSession, parse_pack};
use lambda_tutor::sim::scenario::{self, Override};
use lambda_tutor::sim::{Engine, Options};
use proptest::prelude::*;
use text_grammar::*;
use toml_grammar::*;

// ============================================================ properties

/// Every diagnostic has a place inside the file (lines may point one past
/// the last, at the end of the file) and prints on one safe line.
fn assert_places(diagnostics: &[Diagnostic], text: &[u8]) {
    let lines = String::from_utf8_lossy(text).split('\n').count();
    for d in diagnostics {
        assert!(d.line >= 1 && d.column >= 1, "no place: {d}");
        assert!(d.line <= lines + 1, "line {} of a {lines}-line file: {d}", d.line);
        if let Err(why) = common::terminal_safe(d.to_string().as_bytes()) {
            panic!("diagnostic {why}");
        }
    }
}

/// Typed lines that answer every question type in turn (a question re-asks
/// on a line that does not fit it), with hints asked and a card revealed.
const ANSWERS: &str = "?\n1a 2b 3c\n1 2 3\n1\ntrue\n3\n\ngood\nn\n";

/// A plain quiz over `pack`, answered with `input`: never a panic, and
/// nothing unsafe for a terminal in what it prints.
fn quiz_plainly(pack: &lambda_tutor::quiz::Pack, input: &str, width: usize) {
    let options = SessionOptions { shuffle_questions: true, seed: 7, ..SessionOptions::default() };
    let Ok(session) = QuizSession::new(std::slice::from_ref(pack), &options, &no_truth) else { return };
    let total = session.len();
    let mut out = Vec::new();
    let outcome = plain::run(session, &mut Cursor::new(input.as_bytes()), &mut out, PlainConfig { width, echo: true })
        .expect("writing to memory");
    assert!(outcome.rounds.first().is_some_and(|r| r.len() == total));
    if let Err(why) = common::terminal_safe(&out) {
        panic!("plain quiz output {why}");
    }
}

/// The pack parser and checker: places are real; a pack that loads can be
/// quizzed on, and written back out and read again unchanged.
fn pack_property(bytes: &[u8]) {
    let parsed = parse_pack("p.toml", bytes);
    assert_places(&parsed.diagnostics, bytes);
    let input = Input { path: "p.toml".into(), kind: FileKind::Pack, bytes: bytes.to_vec(), explicit: true };
    let report = check_inputs(std::slice::from_ref(&input), &Context::default());
    assert_places(&report.diagnostics, bytes);
    if parsed.has_errors() {
        assert!(report.errors() > 0, "check misses what the parser found");
    }
    if let Some(pack) = parsed.pack {
        assert!(!pack.questions.is_empty() && pack.questions.len() <= MAX_QUESTIONS);
        let written = write_pack(&pack);
        let back = parse_pack("p.toml", written.as_bytes());
        let errors: Vec<String> = back.diagnostics.iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
        assert!(errors.is_empty(), "the written pack does not load: {errors:?}\n{written}");
        let back = back.pack.expect("no errors, so a pack");
        assert_eq!(back.meta, pack.meta);
        assert_eq!(back.questions, pack.questions, "written and read back:\n{written}");
        quiz_plainly(&pack, &ANSWERS.repeat(3), 40);
    }
}

/// The markdown renderer: every line within the width, no unsafe
/// character in any span, plain and coloured output safe.
fn markdown_property(src: &str, width: usize) {
    for doc in [Document::parse(src), Document::parse_plain(src)] {
        let layout = doc.layout(width);
        for line in &layout.lines {
            assert!(line.width() <= width.max(1), "{} > {width}: {:?}", line.width(), line.plain());
            for span in &line.spans {
                assert!(!span.text.chars().any(common::is_unsafe), "unsafe character in {:?}", span.text);
                assert!(!span.text.contains('\n'), "newline inside a span: {:?}", span.text);
            }
        }
        for heading in doc.headings() {
            assert!(!heading.text.chars().any(common::is_unsafe), "{:?}", heading.text);
        }
        if let Err(why) = common::terminal_safe(layout.to_plain().as_bytes()) {
            panic!("plain rendering {why}");
        }
        if let Err(why) = common::safe_but_sgr(lambda_tutor::tui::ansi::render(&layout).as_bytes()) {
            panic!("coloured rendering {why}");
        }
    }
}

/// Lessons: parsed or diagnosed at a real place; a course of them (twice,
/// so ids clash) assembles.
fn lesson_property(bytes: &[u8]) {
    match parse_lesson("content/l.md", bytes) {
        Ok(lesson) => {
            assert!(lambda_tutor::infra::is_valid_id(&lesson.meta.id));
            markdown_property(&lesson.body, 60);
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty());
            assert_places(&diagnostics, bytes);
        }
    }
    let course = Course::from_lesson_files([("a.md", bytes), ("b.md", bytes)]);
    assert!(course.lessons.len() <= 1, "a duplicate id loaded twice");
    let input = Input { path: "content/l.md".into(), kind: FileKind::Lesson, bytes: bytes.to_vec(), explicit: true };
    assert_places(&check_inputs(&[input], &Context::default()).diagnostics, bytes);
}

/// The scenario loader and `--set`: diagnostics at real places (overrides
/// at line 0 under their own name); what loads runs to a consistent end
/// within a step budget.
fn scenario_property(bytes: &[u8], sets: &[String]) {
    let overrides: Vec<Override> = sets.iter().filter_map(|s| Override::parse(s).ok()).collect();
    let mut read = |name: &str| -> Result<(String, String), String> {
        match name {
            "trace.txt" => Ok(("trace.txt".into(), "0\n0.5\n1e9\n-1\nnan\n2, x\n".into())),
            _ => Err("no such file".into()),
        }
    };
    match scenario::load("s.toml", bytes, &overrides, &mut read) {
        Ok(loaded) => {
            assert_places(&loaded.warnings.iter().filter(|d| d.line > 0).cloned().collect::<Vec<_>>(), bytes);
            let mut engine = Engine::with_options(&loaded.scenario, 3, Options { trace: true, observe: true });
            engine.set_step_budget(100_000);
            let summary = engine.run();
            let i = &summary.invocations;
            assert_eq!(i.succeeded + i.failed + i.timed_out, i.total);
            assert!(summary.finished || summary.stopped_early);
            assert!(summary.cold_start_ratio.is_finite() && summary.billed_gb_s.is_finite());
            serde_json::to_string(&summary).expect("the summary serialises");
            let _ = engine.take_trace();
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty());
            let (from_sets, from_file): (Vec<_>, Vec<_>) =
                diagnostics.iter().cloned().partition(scenario::is_override_diagnostic);
            assert_places(&from_file, bytes);
            for d in &from_sets {
                let shown = scenario::describe(d);
                if let Err(why) = common::terminal_safe(shown.as_bytes()) {
                    panic!("override diagnostic {why}");
                }
            }
        }
    }
    let _ = lambda_tutor::sim::validate_scenario("scenarios/s.toml", bytes);
}

/// An importer: no panic; what it accepts passes `check` with no error,
/// holds at most the pack limits, and its notes point into the file.
fn import_property(format: Format, text: &str) {
    let _ = guess("bank.txt", text);
    let lines = text.split('\n').count();
    match import(format, "bank.txt", text) {
        Ok(imported) => {
            assert!(!imported.pack.questions.is_empty() && imported.pack.questions.len() <= MAX_QUESTIONS);
            let input = Input {
                path: "p.toml".into(),
                kind: FileKind::Pack,
                bytes: imported.toml.clone().into_bytes(),
                explicit: true,
            };
            let report = validate_inputs(&[input], &Context::default());
            assert_eq!(report.errors(), 0, "{:#?}\n{}", report.diagnostics, imported.toml);
            for note in &imported.notes {
                assert!(note.line >= 1 && note.line <= lines + 1, "note at line {}: {note}", note.line);
                assert!(common::terminal_safe(note.to_string().as_bytes()).is_ok(), "{note}");
            }
            if let Some(pack) = parse_pack("p.toml", imported.toml.as_bytes()).pack {
                quiz_plainly(&pack, ANSWERS, 30);
            }
        }
        Err(e) => {
            assert!(common::terminal_safe(e.to_string().as_bytes()).is_ok(), "{e}");
            for note in e.notes() {
                assert!(note.line <= lines + 1, "note at line {}: {note}", note.line);
            }
        }
    }
}

/// Typed answers of any shape into a plain quiz of every question type.
fn plain_input_property(input: &str, width: usize) {
    let pack = parse_pack("every-type.toml", EVERY_TYPE.as_bytes()).pack.expect("the every-type pack loads");
    quiz_plainly(&pack, input, width);
}

/// A damaged progress database: opened or refused, never a panic, and
/// left byte for byte as it was when refused.
fn database_property(bytes: &[u8]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("progress.sqlite3");
    std::fs::write(&path, bytes).expect("write");
    match lambda_tutor::study::Store::open_file(&path) {
        Ok(store) => {
            let _ = store.answers();
            let _ = store.stats(chrono::Utc::now().fixed_offset());
        }
        Err(e) => {
            let after = std::fs::read(&path).expect("still there");
            if after != bytes {
                let changed: Vec<usize> =
                    (0..after.len().max(bytes.len())).filter(|&i| after.get(i) != bytes.get(i)).collect();
                panic!(
                    "refused ({e}) but changed: {} bytes → {}, {} differ, first at {:?}",
                    bytes.len(),
                    after.len(),
                    changed.len(),
                    &changed[..changed.len().min(8)]
                );
            }
            assert!(e.to_string().contains("progress.sqlite3"), "the message names the file: {e}");
        }
    }
}

/// One question of every type, for the typed-answers target.
const EVERY_TYPE: &str = r#"format = 1
[pack]
id = "every"
title = "Every type"
version = "1"
[[questions]]
id = "s"
type = "single"
topic = "t"
prompt = "Single?"
choices = ["a", "b", "c"]
answer = "b"
explanation = "Because b."
hints = ["one", "two"]
feedback = { "a" = "Not a." }
[[questions]]
id = "m"
type = "multiple"
topic = "t"
prompt = "Multiple?"
choices = ["a", "b", "c"]
answer = ["a", "c"]
explanation = "Because a and c."
[[questions]]
id = "tf"
type = "true-false"
topic = "t"
prompt = "True?"
answer = true
explanation = "Because it is."
[[questions]]
id = "sh"
type = "short"
topic = "t"
prompt = "Short?"
answer = "3 seconds"
accept = ["3 s"]
explanation = "Because."
[[questions]]
id = "n"
type = "numeric"
topic = "t"
prompt = "Numeric?"
answer = 3
tolerance = 0.5
unit = "s"
explanation = "Because."
[[questions]]
id = "o"
type = "order"
topic = "t"
prompt = "Order?"
items = ["x", "y", "z"]
explanation = "Because."
[[questions]]
id = "ma"
type = "match"
topic = "t"
prompt = "Match?"
pairs = [["l1", "r1"], ["l2", "r2"], ["l3", "r3"]]
explanation = "Because."
[[questions]]
id = "c"
type = "card"
topic = "t"
prompt = "Card?"
answer = "The **answer**."
explanation = "Because."
"#;

// ================================================================ targets

// CI defaults: about 30 s for all targets in a debug build on two cores.
proptest! {
    #![proptest_config(fuzz::config(5_000))]

    #[test]
    fn fuzz_pack(bytes in pack_doc()) {
        pack_property(&bytes);
    }

    #[test]
    fn fuzz_scenario(bytes in scenario_doc(), sets in prop::collection::vec(set_override(), 0..3)) {
        scenario_property(&bytes, &sets);
    }

    #[test]
    fn fuzz_lesson(bytes in lesson_doc()) {
        lesson_property(&bytes);
    }

    #[test]
    fn fuzz_import_gift(text in gift()) {
        import_property(Format::Gift, &text);
    }

    #[test]
    fn fuzz_import_aiken(text in aiken()) {
        import_property(Format::Aiken, &text);
    }

    #[test]
    fn fuzz_import_anki(text in anki()) {
        import_property(Format::Anki, &text);
    }

    #[test]
    fn fuzz_import_mdbook_quiz(text in mdbook_quiz()) {
        import_property(Format::MdbookQuiz, &text);
    }

    #[test]
    fn fuzz_import_markdown(text in markdown_bank()) {
        import_property(Format::Markdown, &text);
    }

    #[test]
    fn fuzz_plain_answers(input in typed_lines(), width in 1usize..120) {
        plain_input_property(&input, width);
    }
}

proptest! {
    #![proptest_config(fuzz::config(4_000))]

    #[test]
    fn fuzz_markdown(src in markdown(), width in 1usize..160) {
        markdown_property(&src, width);
    }
}

proptest! {
    // Each case writes a file and opens SQLite: fewer cases.
    #![proptest_config(fuzz::config(600))]

    #[test]
    fn fuzz_database(bytes in database()) {
        database_property(&bytes);
    }
}

// ================================================================= corpus

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile/corpus")
}

/// Every file of `corpus/<target>/`, through that target's property.
#[test]
fn corpus_regressions() {
    let mut ran = 0;
    for entry in std::fs::read_dir(corpus_dir()).expect("corpus directory") {
        let dir = entry.expect("entry").path();
        if !dir.is_dir() {
            continue;
        }
        let target = dir.file_name().and_then(|n| n.to_str()).expect("target name").to_owned();
        let mut files: Vec<PathBuf> =
            std::fs::read_dir(&dir).expect("target dir").map(|e| e.expect("entry").path()).collect();
        files.sort();
        for file in files {
            let bytes = std::fs::read(&file).expect("read corpus file");
            let text = String::from_utf8_lossy(&bytes);
            let run = std::panic::catch_unwind(|| match target.as_str() {
                "pack" => pack_property(&bytes),
                "scenario" => scenario_property(&bytes, &[]),
                "set" => {
                    let sets: Vec<String> = text.lines().map(str::to_owned).collect();
                    scenario_property(MINIMAL_SCENARIO.as_bytes(), &sets);
                }
                "lesson" => lesson_property(&bytes),
                "markdown" => {
                    for width in [1, 2, 7, 40, 80, 200] {
                        markdown_property(&text, width);
                    }
                }
                "gift" => import_property(Format::Gift, &text),
                "aiken" => import_property(Format::Aiken, &text),
                "anki" => import_property(Format::Anki, &text),
                "mdbook-quiz" => import_property(Format::MdbookQuiz, &text),
                "markdown-bank" => import_property(Format::Markdown, &text),
                "plain" => plain_input_property(&text, 40),
                "database" => database_property(&bytes),
                other => panic!("unknown corpus target {other}"),
            });
            assert!(run.is_ok(), "corpus file {} fails its property", file.display());
            ran += 1;
        }
    }
    assert!(ran >= 20, "the corpus holds only {ran} files");
}

const MINIMAL_SCENARIO: &str = "format = 1\n[scenario]\nid = \"m\"\ntitle = \"M\"\nduration_s = 5\n[[sources]]\n\
                                kind = \"s3\"\narrival = { process = \"constant\", rate_per_s = 2 }\n";

/// How deep the generators reach: the share of generated inputs that get
/// past each stage. Run with `--ignored --nocapture` when changing them.
#[test]
#[ignore = "a report on the generators, not a check"]
fn generator_reach() {
    use proptest::strategy::ValueTree as _;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let n = 1_000;
    let sample = |runner: &mut TestRunner, s: &BoxedStrategy<Vec<u8>>| -> Vec<Vec<u8>> {
        (0..n).map(|_| s.new_tree(runner).expect("value").current()).collect()
    };
    let packs = sample(&mut runner, &pack_doc().boxed());
    let loaded = packs.iter().filter(|b| parse_pack("p.toml", b).pack.is_some()).count();
    let parsed_toml =
        packs.iter().filter(|b| std::str::from_utf8(b).is_ok_and(|t| t.parse::<toml::Table>().is_ok())).count();
    println!("packs: {parsed_toml}/{n} valid TOML, {loaded}/{n} load as packs");
    let scenarios = sample(&mut runner, &scenario_doc().boxed());
    let mut read = |_: &str| -> Result<(String, String), String> { Err("no".into()) };
    let ran = scenarios.iter().filter(|b| scenario::load("s.toml", b, &[], &mut read).is_ok()).count();
    println!("scenarios: {ran}/{n} load");
    let lessons = sample(&mut runner, &lesson_doc().boxed());
    let ok = lessons.iter().filter(|b| parse_lesson("l.md", b).is_ok()).count();
    println!("lessons: {ok}/{n} load");
    for (name, format, strategy) in [
        ("gift", Format::Gift, gift().boxed()),
        ("aiken", Format::Aiken, aiken().boxed()),
        ("anki", Format::Anki, anki().boxed()),
        ("mdbook-quiz", Format::MdbookQuiz, mdbook_quiz().boxed()),
        ("markdown", Format::Markdown, markdown_bank().boxed()),
    ] {
        let texts: Vec<String> = (0..n).map(|_| strategy.new_tree(&mut runner).expect("value").current()).collect();
        let ok = texts.iter().filter(|t| import(format, "b.txt", t).is_ok()).count();
        println!("import {name}: {ok}/{n} import at least one question");
    }
    let md: Vec<String> = (0..200).map(|_| markdown().new_tree(&mut runner).expect("value").current()).collect();
    let avg = md.iter().map(String::len).sum::<usize>() / md.len();
    let deep = md.iter().filter(|m| m.contains("> > ") || m.contains("    - ") || m.contains("  > ")).count();
    println!("markdown: average {avg} bytes, {deep}/200 with nesting");
}
