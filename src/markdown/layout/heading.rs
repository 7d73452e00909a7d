//! Headings: text with the heading role; levels 1 and 2 get an underline
//! row (`═` and `─`) so they stand out even without colour.

use super::Out;
use crate::markdown::model::Inline;
use crate::markdown::wrap::{width, wrap};
use crate::markdown::{Role, Span, Style};

pub(super) fn render(level: u8, inlines: &[Inline], out: &mut Out) {
    let role = Role::Heading(level);
    let restyle = |s: Style| if s.role == Role::Text { Style { role, ..s } } else { s };
    let mut lines = wrap(inlines, out.content_width(), restyle);
    if lines.is_empty() {
        // An empty heading still owns a line, so `heading_lines` can point at it.
        lines.push(Vec::new());
    }
    let underline_width = lines.iter().map(|l| l.iter().map(|s| width(&s.text)).sum::<usize>()).max().unwrap_or(0);
    let mut first = None;
    for line in lines {
        let index = out.line(line);
        first.get_or_insert(index);
    }
    if let Some(index) = first {
        out.mark_heading(index);
    }
    let glyph = match level {
        1 => "═",
        2 => "─",
        _ => return,
    };
    let underline = glyph.repeat(underline_width.clamp(1, out.content_width()));
    out.line(vec![Span { text: underline, style: Style::role(role) }]);
}

#[cfg(test)]
mod tests {
    use crate::markdown::inline::{plain, spans};
    use crate::markdown::{Document, Role};

    const SRC: &str = "# Timeouts, memory and other limits of a function\n\nText.\n\n\
                       ## Memory and `CPU`\n\n### Third level\n\n#### Fourth\n\nSetext heading\n--------------\n\n#\n";

    #[test]
    fn snapshot_80() {
        insta::assert_snapshot!(plain(SRC, 80));
    }

    #[test]
    fn snapshot_28() {
        insta::assert_snapshot!(plain(SRC, 28));
    }

    #[test]
    fn headings_have_roles_and_lines() {
        let spans = spans(SRC);
        let role_of = |t: &str| spans.iter().find(|s| s.text.contains(t)).expect(t).style.role;
        assert_eq!(role_of("Timeouts"), Role::Heading(1));
        assert_eq!(role_of("Memory and"), Role::Heading(2));
        assert_eq!(role_of("CPU"), Role::InlineCode);
        assert_eq!(role_of("Third"), Role::Heading(3));
        let doc = Document::parse(SRC);
        let titles: Vec<(u8, &str)> = doc.headings().iter().map(|h| (h.level, h.text.as_str())).collect();
        assert_eq!(
            titles,
            [
                (1, "Timeouts, memory and other limits of a function"),
                (2, "Memory and CPU"),
                (3, "Third level"),
                (4, "Fourth"),
                (2, "Setext heading"),
                (1, ""),
            ]
        );
        for width in [28, 80] {
            let layout = doc.layout(width);
            assert_eq!(layout.heading_lines.len(), doc.headings().len());
            for (heading, &line) in doc.headings().iter().zip(&layout.heading_lines) {
                let first_word = heading.text.split(' ').next().unwrap_or_default();
                assert!(layout.lines[line].plain().starts_with(first_word), "{heading:?} at {line}");
            }
        }
    }
}
