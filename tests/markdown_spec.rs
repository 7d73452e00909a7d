//! Every example of the CommonMark spec (0.31.2, tests/fixtures/commonmark)
//! renders at 20, 80 and 200 columns without panicking, within the width,
//! without control characters, with one heading line per heading.

use lambda_tutor::markdown::{Document, Layout};
use serde::Deserialize;

#[derive(Deserialize)]
struct Example {
    markdown: String,
    #[serde(rename = "example")]
    number: u32,
    section: String,
}

fn examples() -> Vec<Example> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/commonmark/spec.json");
    let text = std::fs::read_to_string(path).expect("spec.json is readable");
    serde_json::from_str(&text).expect("spec.json parses")
}

/// The guarantees of `lambda_tutor::markdown`, checked on one layout.
fn check(layout: &Layout, doc: &Document, what: &str) {
    assert_eq!(layout.heading_lines.len(), doc.headings().len(), "{what}: heading lines");
    for &line in &layout.heading_lines {
        assert!(line < layout.lines.len(), "{what}: heading line {line} out of range");
    }
    for (n, line) in layout.lines.iter().enumerate() {
        assert!(line.width() <= layout.width, "{what}: line {n} is {} wide: {:?}", line.width(), line.plain());
        for span in &line.spans {
            assert!(
                !span
                    .text
                    .chars()
                    .any(|c| c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')),
                "{what}: control character in {:?}",
                span.text
            );
        }
    }
}

#[test]
fn all_examples_render_within_width() {
    let examples = examples();
    assert_eq!(examples.len(), 655);
    for ex in &examples {
        let doc = Document::parse(&ex.markdown);
        for width in [20, 80, 200] {
            let layout = doc.layout(width);
            check(&layout, &doc, &format!("example {} ({}) at {width}", ex.number, ex.section));
        }
    }
}

#[test]
fn examples_keep_their_words() {
    // A renderer that dropped text would pass the width checks: spot-check
    // that the words of plain paragraphs survive at a narrow width.
    let examples = examples();
    let mut checked = 0;
    for ex in examples.iter().filter(|e| e.section == "Paragraphs" || e.section == "Textual content") {
        let out = Document::parse(&ex.markdown).layout(20).to_plain();
        let flat: String = out.split_whitespace().collect();
        for word in ex.markdown.split_whitespace().filter(|w| w.chars().all(char::is_alphanumeric)) {
            assert!(flat.contains(word), "example {}: {word:?} missing from\n{out}", ex.number);
            checked += 1;
        }
    }
    assert!(checked > 10, "{checked}");
}
