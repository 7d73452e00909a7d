//! Code blocks: a light frame open on the right (so long lines need no
//! padding and copying stays easy), the language in the top edge, each
//! line hard-broken at the width so columns keep lining up.

use super::{Out, truncate};
use crate::markdown::model::{CodeBlock, CodeSegment};
use crate::markdown::wrap::{hard_break, width};
use crate::markdown::{Role, Span, Style};

/// Below this many columns the frame is dropped and only the code is shown.
const MIN_FRAMED: usize = 6;

/// Info strings that say "no language": no label for them.
fn shown_label(language: Option<&str>) -> Option<&str> {
    language.filter(|l| !matches!(l.to_ascii_lowercase().as_str(), "text" | "txt" | "plain" | "plaintext"))
}

pub(super) fn render(code: &CodeBlock, out: &mut Out) {
    let avail = out.content_width();
    let frame = Style::role(Role::CodeFrame);
    if avail < MIN_FRAMED {
        for line in &code.lines {
            for l in hard_break(pieces(line), avail) {
                out.line(l);
            }
        }
        return;
    }
    let longest = code.lines.iter().map(|l| l.iter().map(|s| width(&s.text)).sum::<usize>()).max().unwrap_or(0);
    // "┌─ label ─", with the label cut to leave room for the corners.
    let label = shown_label(code.language.as_deref()).map(|l| truncate(l, width(l).min(avail - 5)));
    let label_w = label.as_ref().map_or(0, |l| width(l) + 4);
    let frame_w = (longest + 2).max(label_w + 1).max(MIN_FRAMED).min(avail);
    let mut top = vec![Span { text: "┌─".to_owned(), style: frame }];
    let mut used = 2;
    if let Some(label) = label {
        top[0].text.push(' ');
        used += 2 + width(&label);
        top.push(Span { text: label, style: Style::role(Role::CodeFrame) });
        top.push(Span { text: " ".to_owned(), style: frame });
    }
    if frame_w > used {
        top.push(Span { text: "─".repeat(frame_w - used), style: frame });
    }
    out.line(top);
    for line in &code.lines {
        for (i, l) in hard_break(pieces(line), avail - 2).into_iter().enumerate() {
            let mut spans = Vec::with_capacity(l.len() + 1);
            // A dotted edge marks where a long line was broken.
            let edge = if i == 0 { "│ " } else { "┆ " };
            spans.push(Span { text: edge.to_owned(), style: frame });
            spans.extend(l);
            out.line(spans);
        }
    }
    out.line(vec![Span { text: format!("└{}", "─".repeat(frame_w - 1)), style: frame }]);
}

/// A code line as styled pieces for [`hard_break`].
fn pieces(line: &[CodeSegment]) -> impl Iterator<Item = (&str, Style)> {
    line.iter().map(|s| (s.text.as_str(), Style { fg: s.fg, ..Style::role(Role::CodeBlock) }))
}

#[cfg(test)]
mod tests {
    use crate::markdown::inline::{plain, spans};
    use crate::markdown::{Document, Role};

    const PYTHON: &str = "```python\nimport json\n\ndef handler(event, context):\n\treturn {\"statusCode\": 200, \
                          \"body\": json.dumps({\"message\": \"hello from a long line of Lambda code\"})}\n```\n";
    const PLAIN: &str = "```\nEventBridge (01:00) ──async──> Lambda: create snapshot\n```\n\n    indented code block\n\n\
                         ```hcl\nresource \"aws_lambda_function\" \"f\" {}\n```\n";

    #[test]
    fn highlighted_snapshot_80() {
        insta::assert_snapshot!(plain(PYTHON, 80));
    }

    #[test]
    fn highlighted_snapshot_28() {
        insta::assert_snapshot!(plain(PYTHON, 28));
    }

    #[test]
    fn plain_snapshot_80() {
        insta::assert_snapshot!(plain(PLAIN, 80));
    }

    #[test]
    fn plain_snapshot_28() {
        insta::assert_snapshot!(plain(PLAIN, 28));
    }

    #[test]
    fn python_is_coloured_plain_is_not() {
        let code: Vec<_> = spans(PYTHON).into_iter().filter(|s| s.style.role == Role::CodeBlock).collect();
        assert!(code.iter().any(|s| s.style.fg.is_some()), "{code:?}");
        let plain_code: Vec<_> = spans(PLAIN).into_iter().filter(|s| s.style.role == Role::CodeBlock).collect();
        assert!(!plain_code.is_empty() && plain_code.iter().all(|s| s.style.fg.is_none()));
    }

    #[test]
    fn tabs_are_expanded_and_lines_fit() {
        let out = plain(PYTHON, 80);
        assert!(out.contains("│     return {"), "{out}");
        for width in [1, 3, 6, 10, 28] {
            assert!(Document::parse(PYTHON).layout(width).lines.iter().all(|l| l.width() <= width), "{width}");
        }
    }
}
