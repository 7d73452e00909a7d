//! Drawing helpers shared by the screens: markdown lines with search
//! highlights, selectable list rows, scrolling and its scrollbar
//! ([`ScrollState`]), the footer of key hints, popups, the size guard, and
//! the plain-text helpers every screen lays rows out with (pad, truncate,
//! wrap, progress bars).

mod scroll;

pub use scroll::{ScrollState, WHEEL_LINES};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Widget, Wrap};

use super::keymap::{self, Context};
use super::strings;
use super::theme::Theme;
use crate::markdown;

/// A highlighted range of a line, in characters of its plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Highlight {
    pub start: usize,
    pub end: usize,
    pub current: bool,
}

/// Convert one laid-out markdown line into a ratatui line, applying the
/// theme and any search highlights.
pub fn markdown_line<'a>(line: &'a markdown::Line, theme: &Theme, highlights: &[Highlight]) -> Line<'a> {
    if highlights.is_empty() {
        return Line::from(
            line.spans.iter().map(|s| Span::styled(s.text.as_str(), theme.markdown(s.style))).collect::<Vec<_>>(),
        );
    }
    let mut out = Vec::new();
    let mut pos = 0; // character offset of the span start
    for span in &line.spans {
        let base = theme.markdown(span.style);
        let len = span.text.chars().count();
        let mut cut = 0; // characters of this span already emitted
        // Boundaries where the highlight state changes inside this span.
        let mut points: Vec<usize> = highlights
            .iter()
            .flat_map(|h| [h.start, h.end])
            .filter(|&p| p > pos && p < pos + len)
            .map(|p| p - pos)
            .collect();
        points.push(len);
        points.sort_unstable();
        points.dedup();
        for end in points {
            if end <= cut {
                continue;
            }
            let piece: String = span.text.chars().skip(cut).take(end - cut).collect();
            let at = pos + cut;
            let style = highlights.iter().find(|h| h.start <= at && at < h.end).map_or(base, |h| {
                if h.current { base.patch(theme.search_current) } else { base.patch(theme.search_hit) }
            });
            out.push(Span::styled(piece, style));
            cut = end;
        }
        pos += len;
    }
    Line::from(out)
}

/// The footer: key hints generated from the keymap for these contexts.
/// A hint that does not fit whole is left out (a later, shorter one may
/// still fit), never cut mid-word at the edge.
pub fn render_footer(area: Rect, buf: &mut Buffer, theme: &Theme, contexts: &[Context], extra: &[(String, &str)]) {
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1usize;
    let hints = keymap::hints(contexts);
    for (keys, hint) in extra.iter().map(|(k, h)| (k.clone(), *h)).chain(hints) {
        // The two trailing spaces are a gap, allowed to fall past the edge.
        let w = crate::text::width(&keys) + 1 + crate::text::width(hint);
        if used + w > usize::from(area.width) {
            continue;
        }
        used += w + 2;
        spans.push(Span::styled(keys, theme.key));
        spans.push(Span::styled(format!(" {hint}  "), theme.dim));
    }
    Paragraph::new(Line::from(spans)).style(theme.base).render(area, buf);
}

/// A row of a list the learner moves through: the "▶ " marker when it is
/// selected, then `cells`. A selected row is drawn in the selection style
/// throughout; otherwise each cell keeps its own style.
pub fn selectable_row<'a>(selected: bool, theme: &Theme, cells: impl IntoIterator<Item = Span<'a>>) -> Line<'a> {
    let style = if selected { theme.selected } else { theme.base };
    let marker = Span::styled(if selected { "▶ " } else { "  " }, style);
    // Patched, not replaced: a marked search hit stays marked on the selected row.
    let cells = cells.into_iter().map(|cell| if selected { cell.patch_style(style) } else { cell });
    Line::from(std::iter::once(marker).chain(cells).collect::<Vec<_>>())
}

/// A bordered popup, cleared underneath; returns the inner area.
pub fn popup(area: Rect, buf: &mut Buffer, theme: &Theme, title: &str) -> Rect {
    Clear.render(area, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focus)
        .title(Span::styled(format!(" {title} "), theme.title))
        .style(theme.base);
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// A plain bordered block with a title.
pub fn panel<'a>(theme: &Theme, title: &'a str, focused: bool) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(if focused { theme.border_focus } else { theme.border })
        .title(Span::styled(format!(" {title} "), theme.title))
}

/// Shown instead of any screen when the terminal is smaller than the minimum.
pub fn render_too_small(area: Rect, buf: &mut Buffer, theme: &Theme) {
    let text = strings::too_small(area.width, area.height);
    Paragraph::new(text).style(theme.warn).wrap(Wrap { trim: true }).render(area, buf);
}

/// Fill the area with the base style (so light/dark themes paint fully).
pub fn clear(area: Rect, buf: &mut Buffer, style: Style) {
    buf.set_style(area, style);
}

/// A one-line title bar: left text, right text. The left part is cut
/// short (with an ellipsis) rather than run under the right part.
pub fn title_bar(area: Rect, buf: &mut Buffer, theme: &Theme, left: Vec<Span<'_>>, right: &str) {
    let right_width = crate::text::width(right) as u16;
    let shows_right = right_width + 2 < area.width;
    let room = if shows_right { area.width - right_width - 2 } else { area.width };
    let mut used = 0usize;
    let mut spans = Vec::new();
    for span in left {
        let w = crate::text::width(&span.content);
        if used + w <= usize::from(room) {
            used += w;
            spans.push(span);
        } else {
            let cut = truncate(&span.content, usize::from(room).saturating_sub(used));
            spans.push(Span::styled(cut, span.style));
            break;
        }
    }
    Paragraph::new(Line::from(spans)).render(Rect { width: room, ..area }, buf);
    if shows_right {
        let r = Rect { x: area.x + area.width - right_width - 1, width: right_width, ..area };
        Paragraph::new(Span::styled(right.to_owned(), theme.dim)).render(r, buf);
    }
}

/// A one-line warning in place of the footer.
pub fn render_status(area: Rect, buf: &mut Buffer, theme: &Theme, message: &str) {
    let text = crate::text::sanitize(message).into_owned();
    Paragraph::new(Span::styled(format!(" {text}"), theme.warn)).render(area, buf);
}

/// The first paragraph of prose in a lesson body, as markdown source: the
/// preview on the home screen. A line scan, so it costs nothing to find.
pub fn first_paragraph(body: &str) -> String {
    let mut out = String::new();
    let mut in_code = false;
    for line in body.lines() {
        let t = line.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        let is_prose = !(t.is_empty()
            || t.starts_with('#')
            || t.starts_with('>')
            || t.starts_with('|')
            || t.starts_with('-')
            || t.starts_with('*')
            || t.starts_with('<'));
        if is_prose {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(t);
        } else if !out.is_empty() {
            break;
        }
    }
    out
}

/// `s` followed by spaces up to `width` columns.
pub fn pad(s: &str, width: usize) -> String {
    let w = crate::text::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// A bar of `width` cells, filled in proportion to done/total.
pub fn progress_bar(done: usize, total: usize, width: usize) -> String {
    let filled = (done * width).checked_div(total).unwrap_or(0).min(width);
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// Cut `s` to `width` columns, with an ellipsis when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if crate::text::width(s) <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `text` sanitised and wrapped to `width` columns at spaces (words longer
/// than a line are cut), as lines without trailing spaces.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let text = crate::text::sanitize(text);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split_whitespace() {
        let w = crate::text::width(word);
        if used > 0 && used + 1 + w > width {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if w > width {
            // Cut a long word (a URL, an ARN) into line-sized pieces.
            for c in word.chars() {
                let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                if used + cw > width && used > 0 {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
            continue;
        }
        if used > 0 {
            line.push(' ');
            used += 1;
        }
        line.push_str(word);
        used += w;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_cuts_long_words() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), [""]);
        assert_eq!(wrap("a\u{1b}[2Jb", 10), ["a\u{fffd}[2Jb"]);
        assert!(wrap("日本語の文", 4).iter().all(|l| crate::text::width(l) <= 4));
    }

    #[test]
    fn a_selected_row_has_the_marker_and_the_selection_style_throughout() {
        let theme = Theme::dark();
        let cells = || [Span::styled("Lesson", theme.base), Span::styled("4 min", theme.dim)];
        let on = selectable_row(true, &theme, cells());
        assert_eq!(on.spans[0].content, "▶ ");
        assert!(on.spans.iter().all(|s| s.style == theme.selected), "{on:?}");
        let off = selectable_row(false, &theme, cells());
        assert_eq!(off.spans[0].content, "  ");
        assert_eq!(off.spans[2].style, theme.dim, "an unselected cell keeps its style");
    }
}
