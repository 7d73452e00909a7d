//! The learning path in the full-screen app, on a TestBackend: summaries
//! and search results read as text, the reader's checkpoints and offers,
//! the home screen's next step.

#[path = "support/tui.rs"]
mod tui;

use lambda_tutor::tui::app::App;
use lambda_tutor::tui::progress::Progress;
use lambda_tutor::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Modifier;
use tui::{draw, draw_buffer, find, key as press, keys as type_text};

fn app() -> App {
    App::new(tui::course_from("tests/fixtures/course"), Theme::mono(), Progress::new(None))
}

/// Cross-lesson search shows the line as the reader renders it (no `**`)
/// and marks the hit.
#[test]
fn search_snippets_are_rendered_text_with_the_hit_marked() {
    let mut app = app();
    draw(&mut app, 120, 40);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "bulges");
    let buf = draw_buffer(&mut app, 120, 40);
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains("Two bulges form"), "{screen}");
    assert!(!screen.contains("**"), "{screen}");
    let (y, x) = (0..buf.area.height)
        .find_map(|y| {
            let row = tui::row(&buf, y);
            let at = row.find("Two bulges")?;
            Some((y, u16::try_from(row[..at].chars().count() + 4).expect("column")))
        })
        .expect("the snippet");
    for dx in 0..6 {
        assert!(buf[(x + dx, y)].modifier.contains(Modifier::UNDERLINED), "hit marked at {dx}");
    }
    assert!(!buf[(x - 2, y)].modifier.contains(Modifier::UNDERLINED), "only the hit");
    let _ = find;
}
