//! Scrolling a column of text taller than its window: the first visible
//! line, clamped to the text's length, moved by the paging actions and the
//! mouse wheel, and drawn as a scrollbar. The reader, the stats and the
//! quiz body scroll the same way through this one type.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};

use crate::tui::action::Action;
use crate::tui::theme::Theme;

/// Lines the mouse wheel moves per notch.
pub const WHEEL_LINES: isize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScrollState {
    /// The first visible line.
    offset: usize,
    /// Lines in the window (at least 1).
    viewport: usize,
    /// Lines of text.
    len: usize,
}

impl Default for ScrollState {
    fn default() -> Self {
        Self { offset: 0, viewport: 1, len: 0 }
    }
}

impl ScrollState {
    /// The first visible line.
    pub fn offset(&self) -> usize {
        self.offset
    }

    pub fn viewport(&self) -> usize {
        self.viewport
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The text is `len` lines in a window of `viewport`: the offset is
    /// kept within the text.
    pub fn resize(&mut self, len: usize, viewport: usize) {
        self.len = len;
        self.viewport = viewport.max(1);
        self.offset = self.offset.min(self.max());
    }

    /// The last offset at which the window is still full.
    pub fn max(&self) -> usize {
        self.len.saturating_sub(self.viewport)
    }

    /// Whether the last line is in the window (once there is text).
    pub fn at_end(&self) -> bool {
        self.len > 0 && self.offset >= self.max()
    }

    /// Show `line` first (clamped).
    pub fn scroll_to(&mut self, line: usize) {
        self.offset = line.min(self.max());
    }

    pub fn by(&mut self, delta: isize) {
        self.offset = self.offset.saturating_add_signed(delta).min(self.max());
    }

    /// Lines a page moves: the window less two lines of context.
    pub fn page(&self) -> isize {
        self.viewport.saturating_sub(2).max(1) as isize
    }

    /// Scroll so that `line` is in the window, moving as little as possible.
    pub fn reveal(&mut self, line: usize) {
        if line < self.offset {
            self.offset = line;
        } else if line >= self.offset + self.viewport {
            self.offset = line + 1 - self.viewport;
        }
        self.offset = self.offset.min(self.max());
    }

    /// A paging action (line, page, half page, top, bottom); false for any
    /// other action, which is left to the caller.
    pub fn apply(&mut self, action: Action) -> bool {
        let page = self.page();
        match action {
            Action::Up => self.by(-1),
            Action::Down => self.by(1),
            Action::PageUp => self.by(-page),
            Action::PageDown => self.by(page),
            Action::HalfPageUp => self.by(-page / 2),
            Action::HalfPageDown => self.by(page / 2),
            Action::Top => self.offset = 0,
            Action::Bottom => self.offset = self.max(),
            _ => return false,
        }
        true
    }

    /// A scrollbar in the rightmost column of `area`, drawn only when the
    /// text is taller than its window.
    pub fn render_bar(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        if self.len <= self.viewport || area.width == 0 {
            return;
        }
        let mut state = ScrollbarState::new(self.max()).position(self.offset);
        let column = Rect { x: area.x + area.width - 1, width: 1, ..area };
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .style(theme.dim)
            .render(column, buf, &mut state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offset_stays_within_the_text() {
        let mut s = ScrollState::default();
        s.resize(30, 10);
        assert_eq!(s.max(), 20);
        s.by(100);
        assert_eq!(s.offset(), 20);
        assert!(s.at_end());
        s.by(-3);
        assert_eq!(s.offset(), 17);
        assert!(!s.at_end());
        // Shorter text (a wider window) pulls the offset back.
        s.resize(12, 10);
        assert_eq!(s.offset(), 2);
        s.by(-100);
        assert_eq!(s.offset(), 0);
    }

    #[test]
    fn pages_keep_two_lines_of_context() {
        let mut s = ScrollState::default();
        s.resize(100, 10);
        assert!(s.apply(Action::PageDown));
        assert_eq!(s.offset(), 8);
        assert!(s.apply(Action::HalfPageDown));
        assert_eq!(s.offset(), 12);
        assert!(s.apply(Action::Bottom));
        assert_eq!(s.offset(), 90);
        assert!(s.apply(Action::Top));
        assert_eq!(s.offset(), 0);
        assert!(!s.apply(Action::Search), "not a paging action");
    }

    #[test]
    fn reveal_moves_as_little_as_possible() {
        let mut s = ScrollState::default();
        s.resize(50, 10);
        s.reveal(15);
        assert_eq!(s.offset(), 6, "line 15 is the last visible");
        s.reveal(10);
        assert_eq!(s.offset(), 6, "already visible");
        s.reveal(2);
        assert_eq!(s.offset(), 2);
    }

    #[test]
    fn no_text_is_not_an_end() {
        let s = ScrollState::default();
        assert!(!s.at_end());
    }

    #[test]
    fn the_bar_is_drawn_only_when_the_text_overflows() {
        let theme = Theme::mono();
        let area = Rect::new(0, 0, 5, 4);
        let mut s = ScrollState::default();
        s.resize(4, 4);
        let mut buf = Buffer::empty(area);
        s.render_bar(area, &mut buf, &theme);
        assert!((0..4).all(|y| buf[(4, y)].symbol() == " "), "fits: no bar");
        s.resize(40, 4);
        s.render_bar(area, &mut buf, &theme);
        assert!((0..4).any(|y| buf[(4, y)].symbol() != " "), "overflows: a bar in the last column");
        assert!((0..4).all(|y| buf[(3, y)].symbol() == " "), "only the last column");
    }
}
