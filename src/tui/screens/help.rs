//! The help overlay, generated from the keymap for the current screen.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::tui::keymap::{self, Context};
use crate::tui::strings;
use crate::tui::theme::Theme;
use crate::tui::widgets;

/// `scroll`: rows scrolled past, for a terminal too short for every key
/// (clamped here, so the last row stops at the bottom).
pub fn render(area: Rect, buf: &mut Buffer, theme: &Theme, contexts: &[Context], scroll: u16) {
    let mut rows = Vec::new();
    for context in contexts.iter().chain(std::iter::once(&Context::Global)) {
        rows.extend(keymap::help_rows(*context));
    }
    let key_width = rows.iter().map(|(k, _)| crate::text::width(k)).max().unwrap_or(0);
    let height = (rows.len() as u16).saturating_add(4);
    let popup = area.centered(Constraint::Length(70), Constraint::Length(height));
    let inner = widgets::popup(popup, buf, theme, strings::HELP_TITLE);
    let mut lines: Vec<Line<'_>> = rows
        .into_iter()
        .map(|(keys, description)| {
            let pad = key_width.saturating_sub(crate::text::width(&keys));
            Line::from(vec![Span::styled(format!(" {keys}{} ", " ".repeat(pad)), theme.key), Span::raw(description)])
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(format!(" {}", strings::HELP_FOOTER), theme.dim)));
    // Rows once wrapped (a word wrap may take one more: the slack).
    let width = usize::from(inner.width.max(1));
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(width).max(1)).sum::<usize>() + 1;
    let overflow = u16::try_from(rows).unwrap_or(u16::MAX).saturating_sub(inner.height);
    Paragraph::new(lines).wrap(Wrap { trim: false }).scroll((scroll.min(overflow), 0)).render(inner, buf);
}
