//! Driving the full-screen app in tests: key presses in, a drawn screen
//! out (text, or the whole buffer with its styles), on a `TestBackend`.

#![allow(dead_code, reason = "each test file uses part of the harness")]

use lambda_tutor::course::Course;
use lambda_tutor::tui::app::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

/// A course of the lesson files in `dir` (under the crate root), loaded
/// without a diagnostic: tests that do not depend on the built-in lessons,
/// which change with every edit of the course.
pub fn course_from(dir: &str) -> Course {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("fixture course")
        .map(|e| {
            let path = e.expect("entry").path();
            (path.display().to_string(), std::fs::read(&path).expect("lesson"))
        })
        .collect();
    files.sort();
    let course = Course::from_lesson_files(files.iter().map(|(p, b)| (p.as_str(), b.as_slice())));
    assert!(course.diagnostics.is_empty(), "{:?}", course.diagnostics);
    course
}

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
