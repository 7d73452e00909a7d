//! Markdown rendering: parse (with syntax highlighting) and layout at 80
//! and 160 columns, for the longest lesson and for the whole course in one
//! document, plus the pathological inputs of tests/markdown_robustness.rs.
//!
//! Lessons are read from content/ when it has any, else from the copies in
//! benches/fixtures/ (taken from the course as it stood when the renderer
//! was written), so the bench runs on a branch without the course too.

use std::path::{Path, PathBuf};
use std::time::Instant;

use criterion::{Criterion, criterion_group};
use lambda_tutor::course::lesson::body_of_any_markdown;
use lambda_tutor::markdown::Document;

struct Inputs {
    source: &'static str,
    longest: String,
    course: String,
}

fn lesson_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    files.sort();
    files
}

fn body(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("lesson is readable");
    body_of_any_markdown(&text).1.to_owned()
}

fn inputs() -> Inputs {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lessons = lesson_files(&root.join("content"));
    if lessons.is_empty() {
        let fixtures = root.join("benches/fixtures");
        return Inputs {
            source: "benches/fixtures",
            longest: body(&fixtures.join("longest-lesson.md")),
            course: std::fs::read_to_string(fixtures.join("course.md")).expect("course fixture"),
        };
    }
    let bodies: Vec<String> = lessons.iter().map(|p| body(p)).collect();
    let longest = bodies.iter().max_by_key(|b| b.len()).cloned().unwrap_or_default();
    Inputs { source: "content/", longest, course: bodies.join("\n\n") }
}

/// `text` with every fence's language removed, so code stays plain.
fn without_languages(text: &str) -> String {
    text.lines()
        .map(|l| if l.trim_start().starts_with("```") { l.trim_end_matches(char::is_alphanumeric) } else { l })
        .collect::<Vec<_>>()
        .join("\n")
}

fn pathological() -> Vec<(&'static str, String)> {
    let mut lists = String::new();
    for depth in 0..2_000 {
        lists.push_str(&"  ".repeat(depth));
        lists.push_str("- item\n");
    }
    let table = format!(
        "|{}\n|{}\n{}",
        " 漢字テーブル |".repeat(60),
        "---|".repeat(60),
        format!("|{}\n", " 値😀 |".repeat(60)).repeat(20)
    );
    vec![
        ("quotes-25000-deep", format!("{}deep", ">".repeat(25_000))),
        ("lists-2000-deep", lists),
        ("line-200000-chars", "lambda ".repeat(28_572)),
        ("word-200000-chars", "a".repeat(200_000)),
        ("table-60-wide-columns", table),
    ]
}

fn documents(c: &mut Criterion) {
    let inputs = inputs();
    eprintln!(
        "inputs from {}: longest lesson {} bytes, course {} bytes",
        inputs.source,
        inputs.longest.len(),
        inputs.course.len()
    );
    for (name, text) in [("longest-lesson", &inputs.longest), ("course", &inputs.course)] {
        let mut group = c.benchmark_group(name);
        group.bench_function("parse", |b| b.iter(|| Document::parse(std::hint::black_box(text))));
        // The same without syntax highlighting, which dominates parsing.
        let unhighlighted = without_languages(text);
        group.bench_function("parse-unhighlighted", |b| {
            b.iter(|| Document::parse(std::hint::black_box(&unhighlighted)));
        });
        let doc = Document::parse(text);
        for width in [80, 160] {
            group.bench_function(format!("layout-{width}"), |b| b.iter(|| doc.layout(std::hint::black_box(width))));
        }
        group.finish();
    }
}

fn pathological_inputs(c: &mut Criterion) {
    let mut group = c.benchmark_group("pathological");
    group.sample_size(10);
    for (name, text) in pathological() {
        group.bench_function(format!("{name}/parse+layout-80"), |b| {
            b.iter(|| Document::parse(std::hint::black_box(&text)).layout(80));
        });
    }
    group.finish();
}

criterion_group!(benches, documents, pathological_inputs);

fn main() {
    // syntect's grammars load lazily on the first code block: time it once,
    // before any benchmark has paid for it.
    let start = Instant::now();
    let doc = Document::parse("```python\nx = 1\n```\n");
    eprintln!("first code block (loads syntect's grammars and theme): {:?}", start.elapsed());
    std::hint::black_box(doc);
    let start = Instant::now();
    let doc = Document::parse("```python\nx = 1\n```\n");
    eprintln!("second code block: {:?}", start.elapsed());
    std::hint::black_box(doc);
    benches();
    Criterion::default().configure_from_args().final_summary();
}
