//! A scrolling list whose rows may be headers (not selectable): selection,
//! keeping it in view, paging and mouse. Used by home, contents and search.

use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::action::Action;

#[derive(Debug, Clone)]
pub struct ListView {
    selectable: Vec<bool>,
    selected: Option<usize>,
    offset: usize,
    /// Rows after a selectable one that belong to it (a description line),
    /// kept in view with it.
    tail: usize,
    /// The area the list was last laid out in (for mouse hits and paging).
    area: Cell<Rect>,
}

impl ListView {
    pub fn new(selectable: Vec<bool>) -> Self {
        let selected = selectable.iter().position(|&s| s);
        Self { selectable, selected, offset: 0, tail: 0, area: Cell::new(Rect::default()) }
    }

    /// Keep `rows` rows after the selection in view too (an item drawn on
    /// several rows).
    #[must_use]
    pub fn with_tail(mut self, rows: usize) -> Self {
        self.tail = rows;
        self
    }

    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    pub fn len(&self) -> usize {
        self.selectable.len()
    }

    pub fn is_empty(&self) -> bool {
        self.selectable.is_empty()
    }

    pub fn select(&mut self, index: usize) {
        if self.selectable.get(index).copied().unwrap_or(false) {
            self.selected = Some(index);
        }
    }

    fn height(&self) -> usize {
        usize::from(self.area.get().height).max(1)
    }

    /// Move the selection by `delta` selectable rows (clamped).
    fn step(&mut self, delta: isize) {
        let Some(mut i) = self.selected else { return };
        let mut remaining = delta.unsigned_abs();
        while remaining > 0 {
            let next = if delta < 0 {
                (0..i).rev().find(|&j| self.selectable[j])
            } else {
                (i + 1..self.selectable.len()).find(|&j| self.selectable[j])
            };
            match next {
                Some(j) => i = j,
                None => break,
            }
            remaining -= 1;
        }
        self.selected = Some(i);
    }

    pub fn apply(&mut self, action: Action) {
        let page = self.height().saturating_sub(1).max(1) as isize;
        match action {
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::PageUp | Action::HalfPageUp => self.step(-page),
            Action::PageDown | Action::HalfPageDown => self.step(page),
            Action::Top => self.selected = self.selectable.iter().position(|&s| s),
            Action::Bottom => self.selected = self.selectable.iter().rposition(|&s| s),
            _ => {}
        }
    }

    /// Handle a mouse event; returns true when a row was clicked to open it.
    pub fn handle_mouse(&mut self, mouse: &MouseEvent) -> bool {
        let area = self.area.get();
        match mouse.kind {
            MouseEventKind::ScrollDown => self.step(3),
            MouseEventKind::ScrollUp => self.step(-3),
            MouseEventKind::Down(MouseButton::Left) if area.contains(Position::new(mouse.column, mouse.row)) => {
                let index = self.offset + usize::from(mouse.row - area.y);
                if self.selectable.get(index).copied().unwrap_or(false) {
                    let already = self.selected == Some(index);
                    self.selected = Some(index);
                    // First click selects, a click on the selection opens.
                    return already;
                }
            }
            _ => {}
        }
        false
    }

    /// Record the area and scroll so the selection is visible.
    pub fn prepare(&mut self, area: Rect) {
        self.area.set(area);
        let height = self.height();
        if let Some(sel) = self.selected {
            // Show the header above the first item when scrolled to the top.
            let first_selectable = self.selectable.iter().position(|&s| s).unwrap_or(0);
            if sel == first_selectable {
                self.offset = 0;
            }
            if sel < self.offset {
                self.offset = sel.saturating_sub(usize::from(sel > 0 && !self.selectable[sel - 1]));
            }
            let last = (sel + self.tail).min(self.len().saturating_sub(1)).max(sel);
            if last >= self.offset + height {
                self.offset = (last + 1 - height).min(sel);
            }
        }
        self.offset = self.offset.min(self.len().saturating_sub(height));
    }

    /// Draw the visible window of `lines` (one per row).
    pub fn render_lines(&self, area: Rect, buf: &mut Buffer, lines: Vec<Line<'_>>) {
        let visible: Vec<Line<'_>> = lines.into_iter().skip(self.offset).take(usize::from(area.height)).collect();
        Paragraph::new(visible).render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_skipped_and_selection_stays_in_view() {
        let mut list = ListView::new(vec![false, true, true, false, true, true, true]);
        assert_eq!(list.selected(), Some(1));
        list.prepare(Rect::new(0, 0, 10, 3));
        list.apply(Action::Down);
        list.apply(Action::Down);
        assert_eq!(list.selected(), Some(4), "the header at 3 is skipped");
        list.prepare(Rect::new(0, 0, 10, 3));
        assert!(list.offset <= 4 && 4 < list.offset + 3);
        list.apply(Action::Bottom);
        assert_eq!(list.selected(), Some(6));
        list.apply(Action::Top);
        list.prepare(Rect::new(0, 0, 10, 3));
        assert_eq!((list.selected(), list.offset), (Some(1), 0));
    }

    #[test]
    fn an_item_of_two_rows_is_kept_in_view_whole() {
        let mut list = ListView::new(vec![true, false, true, false, true, false]).with_tail(1);
        list.apply(Action::Bottom);
        list.prepare(Rect::new(0, 0, 10, 3));
        assert_eq!((list.selected(), list.offset), (Some(4), 3), "the item's second row is in view");
    }

    #[test]
    fn empty_lists_do_nothing() {
        let mut list = ListView::new(vec![]);
        list.apply(Action::Down);
        list.prepare(Rect::new(0, 0, 10, 3));
        assert_eq!(list.selected(), None);
    }
}
