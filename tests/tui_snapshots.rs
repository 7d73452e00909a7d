//! Whole screens as the learner sees them, on a TestBackend at 80×24 and
//! 120×40, in the monochrome theme (so the snapshots show text and layout).
//! The screens show a small fixture course (`tests/fixtures/course/`), so
//! that editing the built-in lessons does not churn these snapshots; one
//! smoke test checks the built-in course by structure, not by text.

#[path = "support/tui.rs"]
mod tui;

use lambda_tutor::course::Course;
use lambda_tutor::tui::app::App;
use lambda_tutor::tui::progress::Progress;
use lambda_tutor::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Modifier;
use tui::{draw, draw_buffer, find, key as press, keys as type_text};

/// The fixture course: two modules, three lessons.
fn course() -> Course {
    let course = tui::course_from("tests/fixtures/course");
    assert_eq!(course.lessons.len(), 3);
    course
}

fn app() -> App {
    App::new(course(), Theme::mono(), Progress::new(None))
}

#[test]
fn home_screen() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app();
        let screen = draw(&mut app, w, h);
        assert!(screen.contains("lambda-tutor") && screen.contains("How tides work"), "{screen}");
        insta::assert_snapshot!(format!("home_{w}x{h}"), screen);
    }
}

#[test]
fn reader_screen_scrolled() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app();
        draw(&mut app, w, h);
        press(&mut app, KeyCode::Enter);
        draw(&mut app, w, h);
        for _ in 0..5 {
            press(&mut app, KeyCode::Char('j'));
        }
        let screen = draw(&mut app, w, h);
        assert!(screen.contains("How tides work") && screen.contains("The moon's pull"), "{screen}");
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
    type_text(&mut app, "tide");
    press(&mut app, KeyCode::Enter);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("/tide") && screen.contains("hit 1/"), "{screen}");
    press(&mut app, KeyCode::Char('n'));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("hit 2/"), "{screen}");
}

/// Styles, not only text: the selected row is drawn reversed, the current
/// search hit reversed and the other hits underlined (the monochrome
/// theme's way of saying "selected" and "found").
#[test]
fn selection_and_search_hits_are_styled() {
    let mut app = app();
    let buf = draw_buffer(&mut app, 80, 24);
    let (y, x) = find(&buf, "How tides work").expect("the first lesson's row");
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED), "the selected row is reversed");
    let (y2, x2) = find(&buf, "Where waves come from").expect("the second lesson's row");
    assert!(!buf[(x2, y2)].modifier.contains(Modifier::REVERSED), "other rows are not");
    press(&mut app, KeyCode::Enter);
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "moon");
    press(&mut app, KeyCode::Enter);
    let buf = draw_buffer(&mut app, 80, 24);
    // "moon" occurs several times on the first screen: the first hit is current.
    // The lesson text only: the status row repeats the query.
    let hits: Vec<(u16, u16)> = (0..buf.area.height - 2)
        .flat_map(|y| {
            let text = tui::row(&buf, y);
            text.match_indices("moon")
                .map(|(at, _)| (y, u16::try_from(text[..at].chars().count()).expect("column")))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(hits.len() >= 2, "both hits on screen: {hits:?}");
    let (cy, cx) = hits[0];
    let (oy, ox) = hits[1];
    for dx in 0..4 {
        assert!(buf[(cx + dx, cy)].modifier.contains(Modifier::REVERSED), "current hit reversed at {dx}");
        assert!(buf[(ox + dx, oy)].modifier.contains(Modifier::UNDERLINED), "other hit underlined at {dx}");
    }
    assert!(!buf[(cx + 4, cy)].modifier.contains(Modifier::REVERSED), "the highlight ends with the word");
}

#[test]
fn contents_and_help_overlays() {
    let mut app = app();
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Enter);
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Char('t'));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Contents") && screen.contains("Key points"), "{screen}");
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Enter);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Key points") && !screen.contains("Contents ─"), "{screen}");
    press(&mut app, KeyCode::Char('?'));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Keys") && screen.contains("next lesson"), "{screen}");
    insta::assert_snapshot!("help_80x24", screen);
    // Too many keys for 24 rows: the list scrolls, down to its last row.
    assert!(!screen.contains("quit at once"), "{screen}");
    press(&mut app, KeyCode::Char('G'));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("quit at once") && screen.contains("Press ? or Esc to close"), "{screen}");
    assert!(screen.contains("Keys"), "the help is still open:\n{screen}");
    press(&mut app, KeyCode::Char('?'));
    assert!(!draw(&mut app, 80, 24).contains("Keys ─"), "closed");
}

#[test]
fn search_all_lessons_opens_the_hit() {
    let mut app = app();
    draw(&mut app, 120, 40);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "fetch");
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains("hit(s)") && screen.contains("Where waves come from"), "{screen}");
    insta::assert_snapshot!("search_all_120x40", screen);
    press(&mut app, KeyCode::Enter);
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains("/fetch") && screen.contains("hit 1/"), "{screen}");
}

#[test]
fn next_and_previous_lesson_and_back_to_home() {
    let mut app = app();
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Enter);
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Char(']'));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("2/3") && screen.contains("Where waves come from"), "{screen}");
    press(&mut app, KeyCode::Char('['));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("1/3") && screen.contains("How tides work"), "{screen}");
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
    let mut app = App::new(course(), Theme::mono(), Progress::new(Some(store)));
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Enter);
    draw(&mut app, 80, 24);
    // Left after a line: "Next up" continues it at the percentage the title
    // bar showed, and says so once (no second "Continue:" row).
    press(&mut app, KeyCode::Char('j'));
    let shown = title_percent(&draw(&mut app, 80, 24));
    press(&mut app, KeyCode::Char('q'));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("▶ Continue lesson 1. How tides work at "), "{screen}");
    assert!(screen.contains(&format!(" at {shown} % ")), "the reader showed {shown}%:\n{screen}");
    assert!(!screen.contains("Continue:"), "one row for one step:\n{screen}");
    press(&mut app, KeyCode::Enter);
    assert_eq!(title_percent(&draw(&mut app, 80, 24)), shown, "back where it was left");
    press(&mut app, KeyCode::Char('G'));
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Char(']'));
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Char('j'));
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Char('q'));
    let screen = draw(&mut app, 80, 24);
    // Lesson 2, the last opened, was read to its end: nothing to continue
    // there; "Next up" names the next lesson instead.
    assert!(!screen.contains("Continue:"), "{screen}");
    assert!(screen.contains("▶ Next lesson: 3. "), "{screen}");
    assert!(screen.contains("✓  1."), "lesson 1 is marked complete:\n{screen}");
    // The second lesson fits on one screen: one key there reads it to the end.
    assert!(screen.contains("✓  2."), "lesson 2 is marked complete:\n{screen}");
    assert!(screen.contains("   3."), "lesson 3 is not marked:\n{screen}");
    assert!(screen.contains("2/2") && screen.contains("0/1"), "module progress:\n{screen}");
    // A new session on the same data continues at the same place.
    drop(app);
    let store = lambda_tutor::study::Store::open(dir.path()).expect("store");
    let mut app = App::new(course(), Theme::mono(), Progress::new(Some(store)));
    draw(&mut app, 80, 24);
    // "Next up" comes first: lessons 1 and 2 are read, so it opens lesson 3.
    press(&mut app, KeyCode::Enter);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("3/3"), "{screen}");
    // A finished lesson opened again and left midway: "Continue" offers it
    // (Next up, with every lesson read, does not).
    press(&mut app, KeyCode::Char('['));
    press(&mut app, KeyCode::Char('['));
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Char('j'));
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Char('q'));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Continue: How tides work"), "{screen}");
}

/// The reader's percentage in its title bar ("1/3  23%" gives "23").
fn title_percent(screen: &str) -> String {
    let title = screen.lines().next().expect("title bar");
    let percent = title.split_whitespace().find(|w| w.ends_with('%')).expect("a percentage");
    percent.trim_end_matches('%').to_owned()
}

/// The built-in course, by structure only (its text is being rewritten):
/// every module and lesson is on the home screen's map, and each lesson
/// opens in the reader with its own position in the title bar.
#[test]
fn the_built_in_course_opens_every_lesson() {
    let course = Course::builtin();
    let total = course.lessons.len();
    assert!(total > 0 && !course.modules.is_empty());
    let titles: Vec<String> = course.lessons.iter().map(|l| l.meta.title.clone()).collect();
    let mut app = App::new(course, Theme::mono(), Progress::new(None));
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains(&format!("{total} lessons")), "{screen}");
    press(&mut app, KeyCode::Enter);
    for (i, title) in titles.iter().enumerate() {
        let screen = draw(&mut app, 120, 40);
        let head = title.chars().take(20).collect::<String>();
        assert!(screen.contains(&format!("{}/{total}", i + 1)) && screen.contains(&head), "{i}: {screen}");
        press(&mut app, KeyCode::Char(']'));
    }
}
