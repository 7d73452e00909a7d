//! Driving the full-screen app in tests: key presses in, a drawn screen
//! out (text, or the whole buffer with its styles), on a `TestBackend`.

#![allow(dead_code, reason = "each test file uses part of the harness")]

use lambda_tutor::tui::app::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

/// Press a key without modifiers.
pub fn key(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// Press a key with modifiers (Shift+↑, Ctrl-c).
pub fn key_with(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    app.handle_event(&Event::Key(KeyEvent::new(code, modifiers)));
}

/// Type `text`, one key per character.
pub fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// Prepare and draw the app at `width`×`height`; the buffer drawn.
pub fn draw_buffer(app: &mut App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    app.prepare(Rect::new(0, 0, width, height));
    terminal.draw(|f| f.render_widget(&*app, f.area())).expect("draw");
    terminal.backend().buffer().clone()
}

/// Prepare and draw the app at `width`×`height`; the screen as text.
pub fn draw(app: &mut App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    app.prepare(Rect::new(0, 0, width, height));
    terminal.draw(|f| f.render_widget(&*app, f.area())).expect("draw");
    terminal.backend().to_string()
}

/// The text of row `y` of a buffer.
pub fn row(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

/// The row and column where `needle` first appears in a buffer.
pub fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    (0..buf.area.height).find_map(|y| {
        let text = row(buf, y);
        let at = text.find(needle)?;
        // Column in cells: count the characters before the byte offset.
        Some((y, u16::try_from(text[..at].chars().count()).ok()?))
    })
}
