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

// ============================================================ generators

/// Text of every awkward kind: words, markup, escapes and controls, wide
/// and combining characters, answer-like values.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => "[a-zA-Z0-9 ,.?!-]{1,12}",
        1 => prop::sample::select(common::SEQUENCES.to_vec()).prop_map(str::to_owned),
        1 => prop::sample::select(vec![
            "漢字", "👍🏽", "e\u{301}", "\u{200b}", "\u{feff}", "\u{fffd}", "ﷺ", "𝕏", "\u{2028}", "\u{85}",
            "\t", "\n", "\r\n", "  ", "\\", "\"", "'", "\"\"\"", "'''", "#", "=", "[", "]", "{", "}", ",",
            "*", "_", "`", "|", "<b>", "&#27;", "&#x9b;", "&amp;", "%", "~", "::", "->",
        ])
        .prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|v| v.concat())
}

/// `s` as a TOML string of one of its four kinds (some invalid for `s`).
fn toml_string(s: &str, kind: u8) -> String {
    match kind % 5 {
        0 | 1 => common::toml_str(s),
        2 => format!("'{s}'"),
        3 => format!("\"\"\"\n{s}\"\"\""),
        _ => format!("'''{s}'''"),
    }
}

fn toml_scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (text(), any::<u8>()).prop_map(|(t, k)| toml_string(&t, k)),
        1 => prop::sample::select(vec!["true", "false"]).prop_map(str::to_owned),
        2 => any::<i64>().prop_map(|n| n.to_string()),
        1 => any::<f64>().prop_map(|f| format!("{f:?}")),
        2 => prop::sample::select(vec![
            "0", "-0", "+1", "1", "2", "3", "5", "10", "100", "1000", "0x7f", "0o17", "0b101", "1_000",
            "99999999999999999999999", "-9223372036854775808", "nan", "+inf", "-inf", "1e308", "1e309", "-1e-400",
            "1.5", "0.5", "-1", "-3.5", "1979-05-27T07:32:00Z", "07:32:00", "1e", "--1", "0.", ".5",
        ])
        .prop_map(str::to_owned),
    ]
}

/// A TOML value: scalars, and arrays and inline tables nested a few deep.
fn toml_value() -> impl Strategy<Value = String> {
    toml_scalar().prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            3 => prop::collection::vec(inner.clone(), 0..6).prop_map(|v| format!("[{}]", v.join(", "))),
            1 => prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[\n  {},\n]", v.join(",\n  "))),
            2 => prop::collection::vec((key(), inner), 0..5).prop_map(|kv| {
                let parts: Vec<String> = kv.into_iter().map(|(k, v)| format!("{k} = {v}")).collect();
                format!("{{ {} }}", parts.join(", "))
            }),
        ]
    })
}

/// The keys the loaders know, from the loaders themselves: a key added to
/// a format is fuzzed the day it is added.
fn pack_keys() -> Vec<&'static str> {
    let keys = lambda_tutor::quiz::parse::all_keys();
    assert!(keys.len() > 20 && keys.contains(&"tolerance_pct"), "{keys:?}");
    keys
}

fn scenario_keys() -> Vec<&'static str> {
    let keys = lambda_tutor::sim::scenario::all_keys();
    assert!(keys.len() > 40 && keys.contains(&"max_retry_attempts"), "{keys:?}");
    keys
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(pack_keys()).prop_map(str::to_owned),
        8 => prop::sample::select(scenario_keys()).prop_map(str::to_owned),
        1 => prop::sample::select(vec!["anwser", "a.b", "\"quoted key\"", "'lit'", "é", "\"\"", "1", "a-b_c", "\"a.b\""])
            .prop_map(str::to_owned),
        1 => "[a-z_]{1,10}",
    ]
}

/// A value shaped for its key most of the time, anything at all otherwise.
fn value_for(key: &str) -> BoxedStrategy<String> {
    let s = |v: &'static [&'static str]| prop::sample::select(v.to_vec()).prop_map(str::to_owned).boxed();
    let texts = |n: usize| {
        prop::collection::vec(text(), 0..n)
            .prop_map(|v| format!("[{}]", v.iter().map(|t| common::toml_str(t)).collect::<Vec<_>>().join(", ")))
    };
    let shaped: BoxedStrategy<String> = match key {
        "format" => s(&["1", "1", "2", "0", "\"1\"", "1.0"]),
        "type" => s(&[
            "\"single\"",
            "\"multiple\"",
            "\"true-false\"",
            "\"short\"",
            "\"numeric\"",
            "\"order\"",
            "\"match\"",
            "\"card\"",
            "\"predict\"",
            "\"essay\"",
        ]),
        "id" | "topic" | "lesson" | "scenario" => s(&["\"a\"", "\"b\"", "\"q-1\"", "\"Bad Id\"", "\"\"", "\"x\""]),
        "choices" | "items" | "accept" | "hints" | "tags" | "authors" => texts(6).boxed(),
        "pairs" => prop::collection::vec((text(), text()), 0..5)
            .prop_map(|v| {
                let p: Vec<String> =
                    v.iter().map(|(l, r)| format!("[{}, {}]", common::toml_str(l), common::toml_str(r))).collect();
                format!("[{}]", p.join(", "))
            })
            .boxed(),
        "metric" => s(&["\"cold_starts\"", "\"latency_ms.p99\"", "\"nope\"", "\"invocations.total\""]),
        "kind" => s(&[
            "\"api-gateway\"",
            "\"alb\"",
            "\"s3\"",
            "\"sns\"",
            "\"eventbridge\"",
            "\"schedule\"",
            "\"sqs\"",
            "\"dynamodb-stream\"",
            "\"kinesis\"",
            "\"ftp\"",
        ]),
        "process" => s(&["\"poisson\"", "\"constant\"", "\"burst\"", "\"step\"", "\"schedule\"", "\"trace\"", "\"x\""]),
        "dist" => s(&["\"fixed\"", "\"lognormal\"", "\"exponential\"", "\"uniform\""]),
        "runtime" => s(&["\"python3.12\"", "\"nodejs22.x\"", "\"java21\"", "\"provided.al2023\"", "\"cobol\""]),
        "architecture" => s(&["\"x86_64\"", "\"arm64\"", "\"mips\""]),
        "on_failure" => s(&["\"dlq\"", "\"none\"", "\"destination\"", "\"x\""]),
        "file" => s(&["\"trace.txt\"", "\"missing.txt\"", "\"/dev/zero\"", "\"\""]),
        "arrival" | "handler_ms" | "init_ms" => arrival_or_dist().boxed(),
        "steps" | "times_s" => prop::collection::vec((toml_scalar(), toml_scalar()), 0..5)
            .prop_map(|v| format!("[{}]", v.iter().map(|(a, b)| format!("[{a}, {b}]")).collect::<Vec<_>>().join(", ")))
            .boxed(),
        _ => toml_scalar().boxed(),
    };
    prop_oneof![4 => shaped, 1 => toml_value()].boxed()
}

fn arrival_or_dist() -> impl Strategy<Value = String> {
    let field = prop::sample::select(vec![
        "process",
        "rate_per_s",
        "count",
        "at_s",
        "over_s",
        "steps",
        "poisson",
        "every_s",
        "file",
        "dist",
        "mean",
        "p99",
        "value",
    ]);
    prop::collection::vec(field.prop_flat_map(|k| value_for(k).prop_map(move |v| format!("{k} = {v}"))), 0..5)
        .prop_map(|parts| format!("{{ {} }}", parts.join(", ")))
}

/// Byte-level damage now and then: insert, delete, duplicate, truncate.
fn mutate(text: String) -> impl Strategy<Value = Vec<u8>> {
    let edits = prop::collection::vec((any::<u8>(), any::<prop::sample::Index>(), any::<u8>()), 0..4);
    (any::<u8>(), edits).prop_map(move |(chance, edits)| {
        let mut bytes = text.clone().into_bytes();
        if chance < 180 || bytes.is_empty() {
            return bytes;
        }
        for (op, at, byte) in edits {
            let i = at.index(bytes.len() + 1);
            match op % 5 {
                0 => bytes.insert(i, byte),
                1 if i < bytes.len() => {
                    bytes.remove(i);
                }
                2 => {
                    let end = (i + usize::from(byte)).min(bytes.len());
                    let copy = bytes[i..end].to_vec();
                    bytes.splice(i..i, copy);
                }
                3 => bytes.truncate(i),
                _ => {
                    bytes.splice(i..i, b"\"[{\n".iter().copied());
                }
            }
        }
        bytes
    })
}

/// A TOML table as fields (key, value as TOML) under a header (`[pack]`,
/// `[[questions]]`, or none for the top of the file).
#[derive(Debug, Clone)]
struct Table {
    header: String,
    fields: Vec<(String, String)>,
}

fn render(tables: &[Table]) -> String {
    let mut out = String::new();
    for t in tables {
        if !t.header.is_empty() {
            out.push('\n');
            out.push_str(&t.header);
            out.push('\n');
        }
        for (k, v) in &t.fields {
            out.push_str(k);
            out.push_str(" = ");
            out.push_str(v);
            out.push('\n');
        }
    }
    out
}

/// One structural edit of a valid document: a field dropped, its value
/// replaced by any TOML value, an unknown or misspelt key added, a table
/// duplicated or dropped.
#[derive(Debug, Clone)]
enum Edit {
    Drop(prop::sample::Index, prop::sample::Index),
    Replace(prop::sample::Index, prop::sample::Index, String),
    Add(prop::sample::Index, String, String),
    Misspell(prop::sample::Index, prop::sample::Index),
    DuplicateTable(prop::sample::Index),
    DropTable(prop::sample::Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    let i = any::<prop::sample::Index>;
    prop_oneof![
        2 => (i(), i()).prop_map(|(t, f)| Edit::Drop(t, f)),
        4 => (i(), i(), toml_value()).prop_map(|(t, f, v)| Edit::Replace(t, f, v)),
        2 => (i(), key().prop_flat_map(|k| value_for(&k).prop_map(move |v| (k.clone(), v))))
            .prop_map(|(t, (k, v))| Edit::Add(t, k, v)),
        1 => (i(), i()).prop_map(|(t, f)| Edit::Misspell(t, f)),
        1 => i().prop_map(Edit::DuplicateTable),
        1 => i().prop_map(Edit::DropTable),
    ]
}

fn apply(tables: &mut Vec<Table>, edit: Edit) {
    if tables.is_empty() {
        return;
    }
    let n = tables.len();
    match edit {
        Edit::Drop(t, f) => {
            let t = &mut tables[t.index(n)];
            if !t.fields.is_empty() {
                t.fields.remove(f.index(t.fields.len()));
            }
        }
        Edit::Replace(t, f, v) => {
            let t = &mut tables[t.index(n)];
            if !t.fields.is_empty() {
                let i = f.index(t.fields.len());
                t.fields[i].1 = v;
            }
        }
        Edit::Add(t, k, v) => {
            let t = &mut tables[t.index(n)];
            // A key twice is a TOML error every time: replace instead.
            match t.fields.iter_mut().find(|(key, _)| *key == k) {
                Some(field) => field.1 = v,
                None => t.fields.push((k, v)),
            }
        }
        Edit::Misspell(t, f) => {
            let t = &mut tables[t.index(n)];
            if !t.fields.is_empty() {
                let i = f.index(t.fields.len());
                let mut key = t.fields[i].0.clone();
                let middle = key.char_indices().nth(key.chars().count() / 2).map_or(key.len(), |(at, _)| at);
                key.insert(middle, 'x');
                if !t.fields.iter().any(|(k, _)| *k == key) {
                    t.fields[i].0 = key;
                }
            }
        }
        Edit::DuplicateTable(t) => {
            let copy = tables[t.index(n)].clone();
            if copy.header.starts_with("[[") {
                tables.push(copy);
            }
        }
        Edit::DropTable(t) => {
            tables.remove(t.index(n));
        }
    }
}

/// Valid tables, then a few structural edits (none half the time), then
/// now and then byte-level damage.
fn edited(tables: impl Strategy<Value = Vec<Table>>) -> impl Strategy<Value = Vec<u8>> {
    (tables, any::<bool>(), prop::collection::vec(edit(), 0..4), any::<bool>())
        .prop_map(|(mut tables, clean, edits, crlf)| {
            if !clean {
                for e in edits {
                    apply(&mut tables, e);
                }
            }
            let text = render(&tables);
            if crlf { text.replace('\n', "\r\n") } else { text }
        })
        .prop_flat_map(mutate)
}

/// `n` distinct non-empty texts (a number in front keeps them apart).
fn distinct(range: std::ops::Range<usize>) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), range)
        .prop_map(|v| v.into_iter().enumerate().map(|(i, t)| format!("{i} {t}")).collect())
}

fn list(items: &[String]) -> String {
    format!("[{}]", items.iter().map(|t| common::toml_str(t)).collect::<Vec<_>>().join(", "))
}

/// A valid question of any type: its type's fields, optional ones now
/// and then.
fn question() -> impl Strategy<Value = Table> {
    let kind = prop_oneof![
        (distinct(2..6), any::<prop::sample::Index>(), prop::option::of(text())).prop_map(|(c, i, fb)| {
            let answer = c[i.index(c.len())].clone();
            let mut f = vec![("choices".into(), list(&c)), ("answer".into(), common::toml_str(&answer))];
            if let (Some(fb), Some(wrong)) = (fb, c.iter().find(|x| **x != answer)) {
                let fb = format!("f{fb}");
                f.push(("feedback".into(), format!("{{ {} = {} }}", common::toml_str(wrong), common::toml_str(&fb))));
            }
            ("single", f)
        }),
        (distinct(2..6), prop::collection::vec(any::<bool>(), 6)).prop_map(|(c, pick)| {
            let mut right: Vec<String> = c.iter().zip(&pick).filter(|(_, p)| **p).map(|(x, _)| x.clone()).collect();
            if right.is_empty() {
                right.push(c[0].clone());
            }
            ("multiple", vec![("choices".into(), list(&c)), ("answer".into(), list(&right))])
        }),
        any::<bool>().prop_map(|b| ("true-false", vec![("answer".into(), b.to_string())])),
        (text(), distinct(0..3)).prop_map(|(a, acc)| {
            let mut f = vec![("answer".into(), common::toml_str(&format!("a{a}")))];
            if !acc.is_empty() {
                f.push(("accept".into(), list(&acc)));
            }
            ("short", f)
        }),
        (-1e12f64..1e12, 0f64..100.0, prop::option::of(text())).prop_map(|(a, t, u)| {
            let mut f = vec![("answer".into(), format!("{a:?}")), ("tolerance".into(), format!("{t:?}"))];
            if let Some(u) = u {
                f.push(("unit".into(), common::toml_str(&format!("u{u}"))));
            }
            ("numeric", f)
        }),
        distinct(2..6).prop_map(|items| ("order", vec![("items".into(), list(&items))])),
        (distinct(2..5), distinct(2..5)).prop_map(|(l, r)| {
            let pairs: Vec<String> =
                l.iter().zip(&r).map(|(a, b)| format!("[{}, {}]", common::toml_str(a), common::toml_str(b))).collect();
            ("match", vec![("pairs".into(), format!("[{}]", pairs.join(", ")))])
        }),
        text().prop_map(|a| ("card", vec![("answer".into(), common::toml_str(&format!("a{a}")))])),
        (
            prop::sample::select(vec!["api-flash-crowd", "keep-alive-cliff", "sqs-backlog", "default-timeout"]),
            prop::sample::select(vec!["cold_starts", "invocations.throttled", "latency_ms.p99", "cost_usd.total"]),
        )
            .prop_map(|(sc, m)| {
                ("predict", vec![("scenario".into(), common::toml_str(sc)), ("metric".into(), common::toml_str(m))])
            }),
    ];
    (
        kind,
        prop::sample::select(vec!["t", "limits", "cold-starts", "a-b"]),
        text(),
        text(),
        prop::option::of(distinct(1..3)),
        prop::option::of(1u8..4),
        prop::option::of(any::<bool>()),
        prop::option::of(distinct(1..3)),
    )
        .prop_map(|((kind, fields), topic, prompt, explanation, hints, difficulty, shuffle, tags)| {
            let shuffle = shuffle.filter(|_| matches!(kind, "single" | "multiple" | "match"));
            let mut f: Vec<(String, String)> = vec![
                ("type".into(), common::toml_str(kind)),
                ("topic".into(), common::toml_str(topic)),
                ("prompt".into(), common::toml_str(&format!("p{prompt}"))),
                ("explanation".into(), common::toml_str(&format!("Because {explanation}"))),
            ];
            f.extend(fields);
            if let Some(h) = hints {
                f.push(("hints".into(), list(&h)));
            }
            if let Some(d) = difficulty {
                f.push(("difficulty".into(), d.to_string()));
            }
            if let Some(s) = shuffle {
                f.push(("shuffle".into(), s.to_string()));
            }
            if let Some(t) = tags {
                let tags: Vec<String> = t.iter().enumerate().map(|(i, _)| format!("tag-{i}")).collect();
                f.push(("tags".into(), list(&tags)));
            }
            Table { header: "[[questions]]".into(), fields: f }
        })
}

/// A pack file: valid by construction, then edited (see [`edited`]).
fn pack_doc() -> impl Strategy<Value = Vec<u8>> {
    let meta = (text(), text(), prop::option::of(text()), prop::option::of(distinct(1..3))).prop_map(|(t, v, d, a)| {
        let mut f = vec![
            ("id".to_owned(), "\"p\"".to_owned()),
            ("title".into(), common::toml_str(&format!("T{t}"))),
            ("version".into(), common::toml_str(&format!("1{v}"))),
        ];
        if let Some(d) = d {
            f.push(("description".into(), common::toml_str(&d)));
        }
        if let Some(a) = a {
            f.push(("authors".into(), list(&a)));
        }
        Table { header: "[pack]".into(), fields: f }
    });
    let tables = (meta, prop::collection::vec(question(), 1..8)).prop_map(|(meta, questions)| {
        let mut tables = vec![Table { header: String::new(), fields: vec![("format".into(), "1".into())] }, meta];
        for (i, mut q) in questions.into_iter().enumerate() {
            q.fields.insert(0, ("id".into(), format!("\"q{i}\"")));
            tables.push(q);
        }
        tables
    });
    edited(tables)
}

/// An arrival process valid for a short run (a few thousand events).
fn arrival() -> impl Strategy<Value = String> {
    prop_oneof![
        (0.1f64..200.0).prop_map(|r| format!("{{ process = \"poisson\", rate_per_s = {r:?} }}")),
        (0.1f64..200.0).prop_map(|r| format!("{{ process = \"constant\", rate_per_s = {r:?} }}")),
        (1u32..3_000, 0f64..10.0, 0f64..5.0).prop_map(|(c, at, over)| format!(
            "{{ process = \"burst\", count = {c}, at_s = {at:?}, over_s = {over:?} }}"
        )),
        (prop::collection::vec((0f64..10.0, 0f64..100.0), 1..4), any::<bool>()).prop_map(|(steps, poisson)| {
            // Step times increase: each is a gap after the one before.
            let mut t = 0.0;
            let s: Vec<String> = steps
                .iter()
                .map(|(gap, r)| {
                    t += gap + 0.001;
                    format!("[{t:?}, {r:?}]")
                })
                .collect();
            format!("{{ process = \"step\", steps = [{}], poisson = {poisson} }}", s.join(", "))
        }),
        (0.5f64..20.0).prop_map(|e| format!("{{ process = \"schedule\", every_s = {e:?} }}")),
        prop::collection::vec(0f64..30.0, 0..20).prop_map(|t| {
            format!(
                "{{ process = \"trace\", times_s = [{}] }}",
                t.iter().map(|x| format!("{x:?}")).collect::<Vec<_>>().join(", ")
            )
        }),
        Just("{ process = \"trace\", file = \"trace.txt\" }".to_owned()),
    ]
}

fn dist() -> impl Strategy<Value = String> {
    prop_oneof![
        (0f64..3_000.0).prop_map(|v| format!("{{ dist = \"fixed\", value = {v:?} }}")),
        (1f64..2_000.0, 1.5f64..5.0)
            .prop_map(|(m, k)| format!("{{ dist = \"lognormal\", mean = {m:?}, p99 = {:?} }}", m * k)),
        (1f64..2_000.0).prop_map(|m| format!("{{ dist = \"exponential\", mean = {m:?} }}")),
    ]
}

/// A source of any kind with its own settings in range.
fn source() -> impl Strategy<Value = Table> {
    let kind = prop::sample::select(vec![
        "api-gateway",
        "alb",
        "s3",
        "sns",
        "eventbridge",
        "schedule",
        "sqs",
        "dynamodb-stream",
        "kinesis",
    ]);
    (kind, arrival(), 1u32..20, any::<bool>(), 0u32..3, 0f64..0.2).prop_map(
        |(kind, arrival, n, flag, retries, poison)| {
            let mut f = vec![("kind".to_owned(), format!("\"{kind}\"")), ("arrival".into(), arrival)];
            match kind {
                "sqs" => {
                    f.push(("batch_size".into(), (n % 10 + 1).to_string()));
                    f.push(("visibility_timeout_s".into(), "60".into()));
                    f.push(("max_receive_count".into(), (retries + 1).to_string()));
                    f.push(("report_batch_item_failures".into(), flag.to_string()));
                }
                "dynamodb-stream" | "kinesis" => {
                    f.push(("shards".into(), (n % 4 + 1).to_string()));
                    f.push(("max_retry_attempts".into(), retries.to_string()));
                    f.push(("bisect_on_error".into(), flag.to_string()));
                }
                "api-gateway" | "alb" => {}
                _ => {
                    f.push(("max_retry_attempts".into(), retries.to_string()));
                    f.push(("on_failure".into(), if flag { "\"dlq\"" } else { "\"none\"" }.into()));
                }
            }
            f.push(("poison_rate".into(), format!("{poison:?}")));
            Table { header: "[[sources]]".into(), fields: f }
        },
    )
}

/// A scenario file: valid by construction, then edited.
fn scenario_doc() -> impl Strategy<Value = Vec<u8>> {
    let scenario = (text(), 0.5f64..30.0, any::<u32>()).prop_map(|(t, d, seed)| Table {
        header: "[scenario]".into(),
        fields: vec![
            ("id".into(), "\"s\"".into()),
            ("title".into(), common::toml_str(&format!("T{t}"))),
            ("description".into(), common::toml_str(&t)),
            ("duration_s".into(), format!("{d:?}")),
            ("seed".into(), seed.to_string()),
        ],
    });
    let function = (
        prop::sample::select(vec!["python3.12", "nodejs22.x", "java21", "dotnet8", "ruby3.4", "provided.al2023"]),
        128u32..10_240,
        1u32..30,
        dist(),
        prop::option::of(dist()),
        0f64..1.0,
        any::<bool>(),
        prop::option::of(0u32..50),
        0u32..5,
    )
        .prop_map(|(runtime, memory, timeout, handler, init, errors, cpu, reserved, provisioned)| {
            let mut f = vec![
                ("runtime".to_owned(), format!("\"{runtime}\"")),
                ("memory_mb".into(), memory.to_string()),
                ("timeout_s".into(), timeout.to_string()),
                ("handler_ms".into(), handler),
                ("error_rate".into(), format!("{errors:?}")),
                ("cpu_bound".into(), cpu.to_string()),
                ("provisioned_concurrency".into(), provisioned.to_string()),
            ];
            if let Some(init) = init {
                f.push(("init_ms".into(), init));
            }
            if let Some(r) = reserved {
                f.push(("reserved_concurrency".into(), r.max(provisioned).to_string()));
            }
            Table { header: "[function]".into(), fields: f }
        });
    let account = (200u32..3_000, 1u32..3_000, 0u32..900).prop_map(|(limit, scale, idle)| Table {
        header: "[account]".into(),
        fields: vec![
            ("concurrency_limit".into(), limit.to_string()),
            ("scale_per_10s".into(), scale.to_string()),
            ("idle_expiry_s".into(), idle.to_string()),
        ],
    });
    let billing = any::<bool>()
        .prop_map(|b| Table { header: "[billing]".into(), fields: vec![("free_tier".into(), b.to_string())] });
    let tables = (scenario, function, account, prop::collection::vec(source(), 1..4), billing).prop_map(
        |(s, f, a, sources, b)| {
            let mut tables =
                vec![Table { header: String::new(), fields: vec![("format".into(), "1".into())] }, s, f, a];
            tables.extend(sources);
            tables.push(b);
            tables
        },
    );
    edited(tables)
}

/// `--set` overrides: known dotted paths (sources by index too) and noise.
fn set_override() -> impl Strategy<Value = String> {
    let path = prop_oneof![
        4 => (prop::sample::select(vec!["scenario", "function", "account", "billing"]), prop::sample::select(scenario_keys()))
            .prop_map(|(t, k)| format!("{t}.{k}")),
        2 => (0usize..4, prop::sample::select(scenario_keys())).prop_map(|(i, k)| format!("sources.{i}.{k}")),
        1 => (0usize..3, prop::sample::select(vec!["process", "rate_per_s", "count", "mean"]))
            .prop_map(|(i, k)| format!("sources.{i}.arrival.{k}")),
        1 => "[a-z.0-9-]{0,20}",
    ];
    (path, prop_oneof![3 => toml_value(), 1 => text()]).prop_map(|(p, v)| format!("{p}={v}"))
}

/// Inline markdown: text, emphasis, code, links, images, autolinks,
/// entities (including ones that decode to controls), footnotes.
fn inline() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        6 => text().prop_map(|t| t.replace(['\n', '\r'], " ")),
        1 => prop::sample::select(vec![
            "*", "**", "_", "__", "~~", "`", "``", "\\", "[", "]", "(", ")", "!", "<", ">", "  \n", "\\\n", "&amp;",
            "&#27;]0;pwned&#7;", "&#x9b;2J", "&#8238;", "&#0;", "&#xFFFFFF;", "&nbsp;", "[^1]", "[^x]", "<br>",
            "<span style=x>", "</span>", "<!-- c -->", "<http://a.b/c>", "<a@b.c>", "$x$",
        ])
        .prop_map(str::to_owned),
        1 => (text(), text()).prop_map(|(t, u)| format!("[{t}]({} \"{t}\")", u.replace([' ', '\n', '(', ')'], ""))),
        1 => (text(), text()).prop_map(|(t, u)| format!("![{t}](<{}>)", u.replace(['\n', '<', '>'], ""))),
        1 => text().prop_map(|t| format!("`{}`", t.replace(['\n', '`'], ""))),
        1 => text().prop_map(|t| format!("*{t}*")),
    ];
    prop::collection::vec(token, 0..10).prop_map(|v| v.concat())
}

/// Block markdown, nested: quotes, alerts, lists (loose and tight, task
/// items), fences (closed or not), indented code, tables (ragged), HTML,
/// headings, rules, footnote and reference definitions.
fn markdown() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        4 => inline().prop_map(|t| format!("{t}\n")),
        1 => (1usize..8, inline()).prop_map(|(n, t)| format!("{} {t}\n", "#".repeat(n))),
        1 => (prop::sample::select(vec!["```", "~~~", "````"]), "[a-z+ ]{0,8}", prop::collection::vec(text(), 0..5), any::<bool>())
            .prop_map(|(fence, lang, lines, closed)| {
                let body: Vec<String> = lines.iter().map(|l| l.replace('\n', " ")).collect();
                format!("{fence}{lang}\n{}\n{}", body.join("\n"), if closed { format!("{fence}\n") } else { String::new() })
            }),
        1 => prop::collection::vec(text(), 1..4).prop_map(|lines| {
            lines.iter().map(|l| format!("    {}\n", l.replace('\n', " "))).collect::<String>()
        }),
        1 => (1usize..8, prop::collection::vec(prop::collection::vec(inline(), 0..9), 0..5)).prop_map(|(cols, rows)| {
            let row = |cells: &[String]| format!("| {} |\n", cells.iter().map(|c| c.replace('|', "\\|")).collect::<Vec<_>>().join(" | "));
            let header: Vec<String> = (0..cols).map(|i| format!("h{i}")).collect();
            let mut t = row(&header);
            t.push_str(&format!("|{}\n", ":---|".repeat(cols)));
            for r in &rows {
                t.push_str(&row(r));
            }
            t
        }),
        1 => inline().prop_map(|t| format!("<div>\n{t}\n</div>\n")),
        1 => prop::sample::select(vec!["---\n", "***\n", "___\n", "\n", "\n\n", "[a]: http://x 'y'\n"]).prop_map(str::to_owned),
        1 => inline().prop_map(|t| format!("[^1]: {t}\n")),
    ];
    leaf.prop_recursive(6, 64, 5, |inner| {
        let blocks = prop::collection::vec(inner, 1..4).prop_map(|v| v.join("\n"));
        prop_oneof![
            2 => blocks.clone().prop_map(|b| b.lines().map(|l| format!("> {l}\n")).collect::<String>()),
            1 => (prop::sample::select(vec!["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION", "BOGUS"]), blocks.clone())
                .prop_map(|(k, b)| format!("> [!{k}]\n{}", b.lines().map(|l| format!("> {l}\n")).collect::<String>())),
            3 => (prop::sample::select(vec!["- ", "* ", "+ ", "1. ", "2) ", "- [ ] ", "- [x] ", "10. "]), blocks.clone(), any::<bool>())
                .prop_map(|(marker, b, loose)| {
                    let pad = " ".repeat(marker.chars().count());
                    let mut out = String::new();
                    for (i, l) in b.lines().enumerate() {
                        out.push_str(if i == 0 { marker } else { &pad });
                        out.push_str(l);
                        out.push('\n');
                    }
                    if loose { out.push('\n'); }
                    out
                }),
            1 => prop::collection::vec(blocks.clone(), 1..3).prop_map(|v| v.concat()),
        ]
    })
    .prop_map(|s| s.chars().take(6_000).collect())
}

/// A lesson file: valid front matter, edited now and then, then a body.
fn lesson_doc() -> impl Strategy<Value = Vec<u8>> {
    let front = (text(), text(), 0u32..100, prop::option::of(0u32..60), prop::option::of(distinct(0..3))).prop_map(
        |(title, module, order, minutes, topics)| {
            let mut f = vec![
                ("id".to_owned(), "\"a\"".to_owned()),
                ("title".into(), common::toml_str(&format!("T{title}"))),
                ("module".into(), common::toml_str(&format!("M{module}"))),
                ("order".into(), order.to_string()),
            ];
            if let Some(m) = minutes {
                f.push(("minutes".into(), m.to_string()));
            }
            if let Some(t) = topics {
                let ids: Vec<String> = t.iter().enumerate().map(|(i, _)| format!("topic-{i}")).collect();
                f.push(("topics".into(), list(&ids)));
            }
            vec![Table { header: String::new(), fields: f }]
        },
    );
    (
        prop::sample::select(vec!["+++\n", "+++\n", "+++\n", "+++\r\n", "\u{feff}+++\n", "---\n", ""]),
        edited(front),
        prop::sample::select(vec!["+++\n", "+++\n", "+++\n", "+++ \n", ""]),
        markdown(),
    )
        .prop_map(|(open, front, close, body)| [open.as_bytes(), &front, close.as_bytes(), body.as_bytes()].concat())
}

/// GIFT: categories, titles, formats, answers of every kind, feedback,
/// weights, escapes, comments, unbalanced braces.
fn gift() -> impl Strategy<Value = String> {
    let answer = prop_oneof![
        3 => (prop::sample::select(vec!["=", "~", "~%50%", "~%-100%", "=%100%", "~%33.3%"]), text(), prop::option::of(text()))
            .prop_map(|(m, t, fb)| format!("{m}{}{}", esc_gift(&t), fb.map(|f| format!("#{}", esc_gift(&f))).unwrap_or_default())),
        1 => (text(), text()).prop_map(|(l, r)| format!("={} -> {}", esc_gift(&l), esc_gift(&r))),
        1 => prop::sample::select(vec!["T", "F", "TRUE", "FALSE", "#3:0.5", "#1..5", "#=4:0 =%50%5:1", "####general", "", "{", "}"])
            .prop_map(str::to_owned),
    ];
    let question = (
        prop::option::of(text().prop_map(|t| format!("$CATEGORY: {}\n", t.replace('\n', " ")))),
        prop::option::of(text().prop_map(|t| format!("::{}::", esc_gift(&t)))),
        prop::sample::select(vec!["", "[html]", "[markdown]", "[plain]", "[moodle]"]),
        text(),
        prop::collection::vec(answer, 0..5),
        text(),
        any::<bool>(),
    )
        .prop_map(|(cat, title, fmt, stem, answers, after, open)| {
            format!(
                "{}// comment\n{}{fmt}{} {{\n{}\n{}{}\n\n",
                cat.unwrap_or_default(),
                title.unwrap_or_default(),
                esc_gift(&stem),
                answers.join("\n"),
                if open { "" } else { "}" },
                esc_gift(&after)
            )
        });
    prop::collection::vec(question, 0..6).prop_map(|v| v.concat())
}

fn esc_gift(s: &str) -> String {
    s.chars().fold(String::new(), |mut out, c| {
        if "~=#{}".contains(c) {
            out.push('\\');
        }
        out.push(c);
        out
    })
}

fn aiken() -> impl Strategy<Value = String> {
    let one_line = || text().prop_map(|t| t.replace(['\n', '\r'], " "));
    // Letters in order with a right answer among them, most of the time.
    let valid = (one_line(), prop::collection::vec(one_line(), 2..6), any::<prop::sample::Index>(), any::<bool>())
        .prop_map(|(stem, options, right, paren)| {
            let letters = ['A', 'B', 'C', 'D', 'E', 'F'];
            let mut q = format!("{stem}?\n");
            for (i, o) in options.iter().enumerate() {
                q.push_str(&format!("{}{} {o}\n", letters[i], if paren { ")" } else { "." }));
            }
            q.push_str(&format!("ANSWER: {}\n\n", letters[right.index(options.len())]));
            q
        });
    let option = (prop::sample::select(vec!["A. ", "B. ", "C) ", "D) ", "E. ", "a. ", "1. "]), one_line())
        .prop_map(|(m, t)| format!("{m}{t}\n"));
    let wild = (
        text(),
        prop::collection::vec(option, 0..6),
        prop::sample::select(vec!["ANSWER: A", "ANSWER: B, C", "ANSWER: Z", "ANSWER:", "", "answer: a"]),
    )
        .prop_map(|(stem, opts, ans)| format!("{stem}\n{}{ans}\n\n", opts.concat()));
    prop::collection::vec(prop_oneof![3 => valid, 1 => wild], 0..6).prop_map(|v| v.concat())
}

fn anki() -> impl Strategy<Value = String> {
    let header = prop::sample::select(vec![
        "#separator:tab\n",
        "#separator:comma\n",
        "#separator:semicolon\n",
        "#separator:pipe\n",
        "#separator:Space\n",
        "#html:true\n",
        "#html:false\n",
        "#columns:Front\tBack\tTags\n",
        "#guid column:1\n",
        "#notetype column:2\n",
        "#deck column:3\n",
        "#tags column:9\n",
        "#bogus\n",
    ]);
    let field = prop_oneof![
        4 => text().prop_map(|t| t.replace(['\n', '\t'], " ")),
        1 => text().prop_map(|t| format!("\"{}\"", t.replace('"', "\"\""))),
        1 => prop::sample::select(vec!["{{c1::x}}", "{{c2::y::hint}}", "[sound:a.mp3]", "<img src=a.png>", "<b>b</b>", "&lt;", "\"", "Basic", "Cloze"])
            .prop_map(str::to_owned),
    ];
    let row = (prop::collection::vec(field, 0..6), prop::sample::select(vec!["\t", ",", ";", "|", " "]))
        .prop_map(|(fields, sep)| format!("{}\n", fields.join(sep)));
    (prop::collection::vec(header, 0..4), prop::collection::vec(row, 0..8))
        .prop_map(|(h, r)| format!("{}{}", h.concat(), r.concat()))
}

fn mdbook_quiz() -> impl Strategy<Value = String> {
    let question = prop_oneof![
        (text(), distinct(1..4), text()).prop_map(|(p, d, a)| Table {
            header: "[[questions]]".into(),
            fields: vec![
                ("type".into(), "\"MultipleChoice\"".into()),
                ("prompt.prompt".into(), common::toml_str(&format!("p{p}"))),
                ("prompt.distractors".into(), list(&d)),
                ("answer.answer".into(), common::toml_str(&format!("a{a}"))),
            ],
        }),
        (text(), text()).prop_map(|(p, a)| Table {
            header: "[[questions]]".into(),
            fields: vec![
                ("type".into(), "\"ShortAnswer\"".into()),
                ("prompt.prompt".into(), common::toml_str(&format!("p{p}"))),
                ("answer.answer".into(), common::toml_str(&format!("a{a}"))),
            ],
        }),
        (text(), any::<bool>(), text()).prop_map(|(p, c, o)| Table {
            header: "[[questions]]".into(),
            fields: vec![
                ("type".into(), "\"Tracing\"".into()),
                ("prompt.program".into(), common::toml_str(&format!("fn main() {{ {p} }}"))),
                ("answer.doesCompile".into(), c.to_string()),
                ("answer.stdout".into(), common::toml_str(&o)),
            ],
        }),
    ];
    edited(prop::collection::vec(question, 1..5)).prop_map(|b| String::from_utf8_lossy(&b).into_owned())
}

fn markdown_bank() -> impl Strategy<Value = String> {
    let item = (prop::sample::select(vec!["- [x] ", "- [ ] ", "- [ ] ", "* [X] ", "1. ", "- "]), inline())
        .prop_map(|(m, t)| format!("{m}{}\n", t.replace(['\n', '\r'], " ")));
    let plain_question = (
        prop::sample::select(vec!["# ", "## ", "### ", ""]),
        inline(),
        prop::collection::vec(item, 0..5).prop_map(|mut items| {
            items.insert(0, "- [x] right\n".to_owned());
            items
        }),
        prop::option::of(inline().prop_map(|t| format!("\n> {t}\n"))),
        prop::option::of(markdown()),
    )
        .prop_map(|(h, stem, items, expl, extra)| {
            format!("{h}{stem}\n\n{}{}\n{}\n", items.concat(), expl.unwrap_or_default(), extra.unwrap_or_default())
        });

    // Some questions inside `<quiz>` blocks (opened right or not quite).
    let open = prop::sample::select(vec!["<quiz>\n", "<quiz>", "<quiz id=x>\n", "<quiz", " <quiz>\n"]);
    let plain_question = plain_question.boxed();
    let wrapped = (plain_question.clone(), open, any::<bool>())
        .prop_map(|(q, open, close)| format!("{open}{q}{}", if close { "</quiz>\n" } else { "" }));
    let question = prop_oneof![2 => plain_question, 1 => wrapped];
    prop::collection::vec(question, 0..5).prop_map(|v| v.concat())
}

/// Lines a learner (or a script) might type at a plain quiz's prompt.
fn typed_lines() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        3 => prop::sample::select(vec![
            "?", "1", "2", "3", "9", "0", "-1", "1 2", "1,2", "3 2 1", "1a 2b", "1b 2a", "1z", "true", "false",
            "yes", "T", "again", "hard", "good", "easy", "4", "", " ", "3 seconds", "nan", "inf", "1e309", "y", "n",
            "99999999999999999999999", "1a 1a", "a1", "1 1 1",
        ])
        .prop_map(str::to_owned),
        1 => text().prop_map(|t| t.replace('\n', " ")),
    ];
    prop::collection::vec(line, 0..40).prop_map(|v| v.iter().map(|l| format!("{l}\n")).collect())
}

/// Progress databases: the fixture with bytes changed, cut or added.
fn database() -> impl Strategy<Value = Vec<u8>> {
    let edits = prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..4), 1..6);
    (edits, any::<prop::sample::Index>()).prop_map(|(edits, cut)| {
        let mut bytes = fixture_db();
        for (at, byte, op) in edits {
            let i = at.index(bytes.len());
            match op {
                0 | 1 => bytes[i] = byte,
                2 => bytes[i] ^= 0xff,
                _ => bytes.truncate(cut.index(bytes.len()).max(100)),
            }
        }
        bytes
    })
}

fn fixture_db() -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/db/v1.sqlite3")).expect("fixture db")
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
