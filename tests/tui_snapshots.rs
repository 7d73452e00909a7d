//! Whole screens as the learner sees them, on a TestBackend at 80×24 and
//! 120×40, in the monochrome theme (so the snapshots show text and layout).

use lambda_tutor::course::Course;
use lambda_tutor::tui::app::App;
use lambda_tutor::tui::progress::Progress;
use lambda_tutor::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

fn press(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn draw(app: &mut App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    app.prepare(Rect::new(0, 0, width, height));
    terminal.draw(|f| f.render_widget(&*app, f.area())).expect("draw");
    terminal.backend().to_string()
}

fn app() -> App {
    App::new(Course::builtin(), Theme::mono(), Progress::new(None))
}

#[test]
fn home_screen() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app();
        let screen = draw(&mut app, w, h);
        assert!(screen.contains("lambda-tutor"));
        insta::assert_snapshot!(format!("home_{w}x{h}"), screen);
    }
}

#[test]
fn reader_screen_scrolled() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app();
        draw(&mut app, w, h);
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Enter);
        draw(&mut app, w, h);
        for _ in 0..5 {
            press(&mut app, KeyCode::Char('j'));
        }
        let screen = draw(&mut app, w, h);
        assert!(screen.contains("What AWS Lambda is"), "{screen}");
        insta::assert_snapshot!(format!("reader_{w}x{h}"), screen);
    }
}

#[test]
fn reader_search_highlights_and_counts_hits() {
    let mut app = app();
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Enter);
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "server");
    press(&mut app, KeyCode::Enter);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("/server") && screen.contains("hit 1/"), "{screen}");
    press(&mut app, KeyCode::Char('n'));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("hit 2/"), "{screen}");
}

#[test]
fn contents_and_help_overlays() {
    let mut app = app();
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Enter);
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Char('t'));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Contents") && screen.contains("Key takeaways"), "{screen}");
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Enter);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Key takeaways") && !screen.contains("Contents ─"), "{screen}");
    press(&mut app, KeyCode::Char('?'));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Keys") && screen.contains("next lesson"), "{screen}");
    insta::assert_snapshot!("help_80x24", screen);
}

#[test]
fn search_all_lessons_opens_the_hit() {
    let mut app = app();
    draw(&mut app, 120, 40);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "provisioned concurrency");
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains("hit(s)"), "{screen}");
    insta::assert_snapshot!("search_all_120x40", screen);
    press(&mut app, KeyCode::Enter);
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains("/provisioned concurrency") && screen.contains("hit 1/"), "{screen}");
}

#[test]
fn next_and_previous_lesson_and_back_to_home() {
    let mut app = app();
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Enter);
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Char(']'));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("2/19"), "{screen}");
    press(&mut app, KeyCode::Char('['));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("1/19"), "{screen}");
    press(&mut app, KeyCode::Char('q'));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Course"), "{screen}");
    assert!(!app.should_quit());
    press(&mut app, KeyCode::Char('q'));
    assert!(app.should_quit());
}

#[test]
fn tiny_terminals_get_a_clear_message_and_any_size_draws() {
    let mut app = app();
    let screen = draw(&mut app, 30, 8);
    assert!(screen.contains("needs at least"), "{screen}");
    for (w, h) in [(1, 1), (2, 50), (300, 3), (50, 14), (51, 15), (400, 120)] {
        draw(&mut app, w, h);
    }
    press(&mut app, KeyCode::Enter);
    for (w, h) in [(1, 1), (50, 14), (63, 17), (400, 120)] {
        draw(&mut app, w, h);
    }
}

#[test]
fn reading_to_the_end_completes_a_lesson_and_home_offers_to_continue() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = lambda_tutor::study::Store::open(dir.path()).expect("store");
    let mut app = App::new(Course::builtin(), Theme::mono(), Progress::new(Some(store)));
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Enter);
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Char('G'));
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Char(']'));
    draw(&mut app, 80, 24);
    for _ in 0..10 {
        press(&mut app, KeyCode::Char('j'));
    }
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Char('q'));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Continue: What AWS Lambda is"), "{screen}");
    assert!(screen.contains("✓  1."), "lesson 1 is marked complete:\n{screen}");
    assert!(screen.contains("•  2."), "lesson 2 is marked opened:\n{screen}");
    assert!(screen.contains("1/4"), "module progress:\n{screen}");
    // A new session on the same data continues at the same place.
    drop(app);
    let store = lambda_tutor::study::Store::open(dir.path()).expect("store");
    let mut app = App::new(Course::builtin(), Theme::mono(), Progress::new(Some(store)));
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Enter);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("2/19") && !screen.contains(" 0% "), "{screen}");
}
