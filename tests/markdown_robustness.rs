//! Hostile and pathological input: the renderer's guarantees hold for any
//! text at any width ≥ 1 (no panic, no line wider than the width, no
//! control characters), and deep nesting does not overflow the stack.
//! Timing is measured in `benches/render.rs`, not asserted here.

// Case counts: about 256 locally, bounded in CI, `LAMBDA_TUTOR_FUZZ_CASES=N` for long runs.
#[path = "hostile_support/fuzz.rs"]
mod fuzz;

use lambda_tutor::markdown::{Document, Layout};
use proptest::prelude::*;

fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Checks the guarantees and returns the layout's plain text.
fn render(src: &str, width: usize) -> String {
    let doc = Document::parse(src);
    let layout = doc.layout(width);
    check(&layout, &doc);
    layout.to_plain()
}

fn check(layout: &Layout, doc: &Document) {
    assert_eq!(layout.heading_lines.len(), doc.headings().len());
    for line in &layout.lines {
        assert!(line.width() <= layout.width.max(1), "{} > {}: {:?}", line.width(), layout.width, line.plain());
        assert!(!line.spans.iter().any(|s| s.text.chars().any(is_unsafe)), "control character in {:?}", line.plain());
    }
    for heading in doc.headings() {
        assert!(!heading.text.chars().any(is_unsafe));
    }
}

const HOSTILE: &str = "\u{1b}]52;c;aGVsbG8=\u{7}\u{1b}[2J\u{9b}31m\u{85}\u{202e}evil\u{2066}\u{8}\r";

#[test]
fn escape_sequences_never_survive() {
    let h = HOSTILE;
    let src = format!(
        "# Title {h}\n\nText {h} *em {h}* `code {h}` [link {h}](http://x/{h}) ![alt {h}](i.png)[^n{h}]\n\n\
         ```python{h}\nprint('{h}')\n```\n\n```\n{h}\n\tx\n```\n\n    indented {h}\n\n\
         | a {h} | b |\n|---|---|\n| {h} | c |\n\n<div>{h}</div>\n\n> [!NOTE]\n> {h}\n\n- [x] {h}\n\n[^n{h}]: note {h}\n"
    );
    for width in [1, 2, 5, 20, 80, 200] {
        let out = render(&src, width);
        assert!(!out.contains('\u{1b}') && !out.contains('\u{9b}') && !out.contains('\u{202e}'), "{out}");
    }
    assert!(render(&src, 80).contains("evil"));
}

#[test]
fn deep_block_quotes() {
    let src = format!("{}deep", ">".repeat(25_000));
    for width in [1, 20, 80] {
        let out: String = render(&src, width).split_whitespace().collect();
        assert!(out.ends_with("deep"), "{width}: {out}");
    }
    // Quotes that each hold text, so every level emits lines.
    let mut src = String::new();
    for depth in 1..=2_000 {
        src.push_str(&">".repeat(depth));
        src.push_str(" level\n\n");
    }
    assert_eq!(render(&src, 40).matches("level").count(), 2_000);
}

#[test]
fn deep_lists() {
    let flat = format!("{}x", "- ".repeat(2_000));
    assert!(render(&flat, 30).contains('x'));
    let mut indented = String::new();
    for depth in 0..2_000 {
        indented.push_str(&"  ".repeat(depth));
        indented.push_str("- item\n");
    }
    let out = render(&indented, 60);
    assert_eq!(out.matches("item").count(), 2_000);
    let mut ordered = String::new();
    for depth in 0..2_000 {
        ordered.push_str(&"   ".repeat(depth));
        ordered.push_str("1. step\n");
    }
    assert_eq!(render(&ordered, 24).matches("step").count(), 2_000);
}

#[test]
fn deep_mixed_nesting() {
    let src = format!("{}end", "> - 1. ".repeat(5_000));
    for width in [3, 40, 120] {
        let out: String = render(&src, width).split_whitespace().collect();
        assert!(out.ends_with("end"), "{width}");
    }
    let footnotes = format!("{}x", "[^a]: ".repeat(5_000));
    render(&footnotes, 30);
}

#[test]
fn deep_inline_nesting() {
    let src = format!("{}x{}", "*".repeat(20_000), "*".repeat(20_000));
    render(&src, 40);
    let links = format!("{}x{}", "[".repeat(10_000), "](u)".repeat(10_000));
    render(&links, 40);
}

#[test]
fn very_long_lines() {
    let word = "a".repeat(200_000);
    let out = render(&word, 80);
    assert_eq!(out.lines().count(), 2_500);
    let words = "lambda ".repeat(30_000);
    render(&words, 80);
    let wide = "界".repeat(100_000);
    assert_eq!(render(&wide, 81).lines().count(), 2_500);
    render(&format!("```python\n{word}\n```\n"), 80);
    render(&format!("| h |\n|---|\n| {word} |\n"), 80);
    render(&format!("> - {words}"), 80);
}

#[test]
fn wide_table() {
    let header = format!("|{}\n", " 漢字テーブル |".repeat(60));
    let rule = format!("|{}\n", "---|".repeat(60));
    let row = format!("|{}\n", " 値😀 |".repeat(60));
    let src = format!("{header}{rule}{row}{row}");
    for width in [1, 20, 80, 200, 1_000] {
        render(&src, width);
    }
    // Wide enough for the box: it is boxed, and still fits.
    assert!(render(&src, 1_000).starts_with('┌'));
}

#[test]
fn every_width_of_a_lesson_fits() {
    let lesson = "# Lambda\n\n> [!TIP]\n> - a *tip* with `code` and a [link](https://example.com)\n\n\
                  | a | b |\n|---|---|\n| 1 | two words |\n\n```js\nexports.handler = async () => 1;\n```\n\n\
                  1. one\n   - nested [ ] task\n\n---\n\nEnd[^1].\n\n[^1]: Footnote.\n";
    for width in 1..=120 {
        render(lesson, width);
    }
}

#[test]
fn the_course_fits_at_many_widths() {
    // The course as it stood when the renderer was written (see benches/).
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/fixtures/course.md");
    let course = std::fs::read_to_string(path).expect("course fixture");
    let doc = Document::parse(&course);
    assert!(doc.headings().len() > 50);
    for width in (1..=30).chain((40..=120).step_by(10)) {
        check(&doc.layout(width), &doc);
    }
}

/// Markdown-flavoured random text: constructs, nesting and wide characters
/// are much likelier than in uniform random strings.
fn markdownish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("> ".to_owned()),
        Just("- ".to_owned()),
        Just("1. ".to_owned()),
        Just("[ ] ".to_owned()),
        Just("[!NOTE]".to_owned()),
        Just("# ".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("   ".to_owned()),
        Just("\t".to_owned()),
        Just("```".to_owned()),
        Just("|".to_owned()),
        Just("---".to_owned()),
        Just("*".to_owned()),
        Just("`".to_owned()),
        Just("[a](b)".to_owned()),
        Just("![i](j)".to_owned()),
        Just("[^1]".to_owned()),
        Just("<b>".to_owned()),
        Just("\u{1b}[2J".to_owned()),
        Just("漢字".to_owned()),
        Just("👍🏽".to_owned()),
        Just("e\u{301}".to_owned()),
        "[a-z]{1,12}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(token, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(fuzz::config(1_500))]

    #[test]
    fn arbitrary_strings_fit(src in any::<String>(), width in 1usize..120) {
        render(&src, width);
    }

    #[test]
    fn markdownish_strings_fit(src in markdownish(), width in 1usize..120) {
        render(&src, width);
    }
}
