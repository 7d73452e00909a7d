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

/// A fresh learner: "Next up" is the first lesson; Enter opens it; at its
/// end Enter starts the lesson's quiz; back home, "Next up" is the next
/// lesson, and review offers only questions of the lesson opened.
#[test]
fn next_up_walks_lesson_quiz_next_lesson() {
    const PACK: &str = "tests/fixtures/packs/every-type.toml";
    let mut course = tui::course_from("tests/fixtures/quiz-course");
    let bytes = std::fs::read(PACK).expect("fixture pack");
    let (packs, errors) = lambda_tutor::quiz::load_packs([(PACK, bytes.as_slice())], false);
    assert!(errors.is_empty(), "{errors:?}");
    course.packs = packs;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = lambda_tutor::study::Store::open(dir.path()).expect("store");
    let mut app = App::new(course, Theme::mono(), Progress::new(Some(store)));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Next up") && screen.contains("▶ Next lesson: 4. "), "{screen}");
    assert!(screen.contains("Review (0 due · 0 new)"), "nothing unseen is offered:\n{screen}");
    press(&mut app, KeyCode::Enter);
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Char('G'));
    let screen = draw(&mut app, 80, 24);
    // The lesson's checkpoint is on screen and not answered: Enter asks it
    // here, and the lesson is not done before it is answered.
    assert!(screen.contains("Enter: answer checkpoint 1 of 1"), "{screen}");
    assert!(screen.contains("Checkpoint 1 of 1 · Enter: answer it here"), "{screen}");
    let top = screen.lines().nth(1).expect("first text row").to_owned();
    press(&mut app, KeyCode::Enter);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Checkpoint ›") && screen.contains("question 1/1"), "{screen}");
    press(&mut app, KeyCode::Char('1'));
    for _ in 0..6 {
        if draw(&mut app, 80, 24).contains("1/1 answered") {
            break;
        }
        press(&mut app, KeyCode::Enter);
    }
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("1/1 answered"), "{screen}");
    press(&mut app, KeyCode::Enter);
    let screen = draw(&mut app, 80, 24);
    assert_eq!(screen.lines().nth(1), Some(top.as_str()), "back on the same line:\n{screen}");
    assert!(
        screen.contains("Checkpoint 1 of 1 · ✓ answered") || screen.contains("Checkpoint 1 of 1 · ✗ answered"),
        "{screen}"
    );
    assert!(screen.contains("End of lesson. Enter: Quiz: "), "{screen}");
    assert!(screen.contains("Q quiz"), "the footer names the key:\n{screen}");
    press(&mut app, KeyCode::Enter);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Lesson quiz: execution-limits") && screen.contains("question 1/"), "{screen}");
    // Answer one question, then back to the reader and home.
    // Whatever its type (the order is random): pick or type 1, then submit
    // until the answer is in.
    press(&mut app, KeyCode::Char('1'));
    for _ in 0..6 {
        if draw(&mut app, 80, 24).contains("1/3 answered") {
            break;
        }
        press(&mut app, KeyCode::Enter);
    }
    assert!(draw(&mut app, 80, 24).contains("1/3 answered"), "one answer recorded");
    // The quiz took the finished lesson's place: back goes home.
    press(&mut app, KeyCode::Char('q'));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Next lesson: 7. ") && screen.contains("▶ Continue quiz"), "{screen}");
    assert!(!screen.contains("Review (0 due · 0 new)"), "the opened lesson's questions are new now:\n{screen}");
    // Read to the end with its checkpoint answered: done, and its module
    // shows what the learner recalls now (FSRS).
    assert!(screen.contains("✓  4. "), "lesson 4 is done:\n{screen}");
    assert!(screen.contains("· recall "), "the module's recall:\n{screen}");
}

/// A `sim:` link on screen: the status line names it, `o` opens its
/// scenario in the simulator, and back returns to the same line.
#[test]
fn a_sim_link_opens_its_scenario_and_back_returns_to_the_line() {
    let course = lambda_tutor::course::Course::builtin();
    let lesson =
        course.lessons.iter().position(|l| l.body.contains("(sim:keep-alive-cliff)")).expect("a lesson links it");
    let mut app = App::new(course, Theme::mono(), Progress::new(None));
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Enter);
    for _ in 0..lesson {
        press(&mut app, KeyCode::Char(']'));
    }
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "sim:keep-alive");
    press(&mut app, KeyCode::Enter);
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Esc);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("o: open keep-alive-cliff in the simulator"), "{screen}");
    let reading = screen.lines().take(22).collect::<Vec<_>>().join("\n");
    press(&mut app, KeyCode::Char('o'));
    let screen = draw(&mut app, 80, 24);
    assert!(!screen.contains("o: open keep-alive-cliff"), "the simulator is open:\n{screen}");
    assert!(screen.to_lowercase().contains("keep-alive") || screen.contains("cliff"), "{screen}");
    press(&mut app, KeyCode::Char('q'));
    let screen = draw(&mut app, 80, 24);
    assert_eq!(screen.lines().take(22).collect::<Vec<_>>().join("\n"), reading, "back on the same line");
}

/// Every link of a lesson can be opened, not only the first on screen: Tab
/// selects the next one (scrolling to it), Enter opens that scenario, and
/// back returns to the same line with the same link selected.
#[test]
fn tab_selects_each_link_and_enter_opens_the_selected_one() {
    let course = lambda_tutor::course::Course::builtin();
    let lesson = course
        .lessons
        .iter()
        .position(|l| l.body.contains("(sim:keep-alive-cliff)") && l.body.contains("(sim:provisioned-concurrency)"))
        .expect("a lesson links two scenarios");
    let body = &course.lessons[lesson].body;
    let (first, second) = (
        body.find("(sim:keep-alive-cliff)").expect("first"),
        body.find("(sim:provisioned-concurrency)").expect("second"),
    );
    assert!(first < second, "the test expects the cliff first");
    let links = body.matches("(sim:").count();
    let mut app = App::new(course, Theme::mono(), Progress::new(None));
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Enter);
    for _ in 0..lesson {
        press(&mut app, KeyCode::Char(']'));
    }
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Tab link"), "the footer names the key:\n{screen}");
    press(&mut app, KeyCode::Tab);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Enter: open keep-alive-cliff in the simulator · Tab: next link"), "{screen}");
    press(&mut app, KeyCode::Tab);
    let buf = draw_buffer(&mut app, 80, 24);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Enter: open provisioned-concurrency in the simulator"), "{screen}");
    // The selected link is marked where it is drawn, and only it.
    let (y, x) = find(&buf, "(sim:provisioned-concurrency)").expect("the link is on screen");
    assert!(buf[(x + 1, y)].modifier.contains(Modifier::REVERSED), "selected link marked");
    if let Some((y, x)) = find(&buf, "(sim:keep-alive-cliff)") {
        assert!(!buf[(x + 1, y)].modifier.contains(Modifier::REVERSED), "the other is not");
    }
    let reading = screen.lines().take(22).collect::<Vec<_>>().join("\n");
    press(&mut app, KeyCode::Enter);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.lines().next().is_some_and(|l| l.contains("provisioned-concurrency")), "{screen}");
    press(&mut app, KeyCode::Char('q'));
    let screen = draw(&mut app, 80, 24);
    assert_eq!(screen.lines().take(22).collect::<Vec<_>>().join("\n"), reading, "back on the same line");
    // Shift-Tab goes back to the first; Tab past the last wraps round.
    tui::key_with(&mut app, KeyCode::BackTab, ratatui::crossterm::event::KeyModifiers::SHIFT);
    assert!(draw(&mut app, 80, 24).contains("Enter: open keep-alive-cliff"), "Shift-Tab: the previous link");
    for _ in 0..links {
        press(&mut app, KeyCode::Tab);
    }
    assert!(draw(&mut app, 80, 24).contains("Enter: open keep-alive-cliff"), "all the way round");
}

/// The path by Enter alone, on a fresh data directory with the built-in
/// course: Next up opens lesson 1, Enter reads on and answers each
/// checkpoint where it sits, the end of the lesson starts its quiz, the end
/// of the quiz opens lesson 2. Enter is the only key, except the answer
/// typed into a text field (Enter cannot make one up). No screen stays the
/// same after Enter, and no question comes from a lesson not opened.
#[test]
fn enter_alone_walks_lesson_one_its_checkpoints_its_quiz_then_lesson_two() {
    for (width, height) in [(80, 24), (120, 40)] {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = lambda_tutor::study::Store::open(dir.path()).expect("store");
        let course = lambda_tutor::course::Course::builtin();
        let checkpoints = lambda_tutor::course::reading::installed_refs(&course.lessons[0].body, &course.packs).len();
        let mut app = App::new(course, Theme::mono(), Progress::new(Some(store)));
        let screen = draw(&mut app, width, height);
        assert!(screen.contains("▶ Next lesson: 1. "), "{screen}");
        let (mut asked_in_place, mut quiz_questions, mut same, mut compared) = (0, 0, 0, 0);
        let mut last = String::new();
        for step in 0.. {
            assert!(step < 300, "{width}×{height}: lesson 2 never came:\n{last}");
            let screen = draw(&mut app, width, height);
            let head = screen.lines().next().unwrap_or_default().to_owned();
            if head.contains("› 2. What AWS Lambda is") {
                break;
            }
            same = if screen == last { same + 1 } else { 0 };
            assert!(same < 2, "{width}×{height}: Enter does nothing here (step {step}):\n{screen}");
            // A checkpoint screen that follows a reader screen: one asked,
            // its choices numbered as the reader listed them.
            if head.contains("Checkpoint ›") && !last.lines().next().unwrap_or_default().contains("Checkpoint ›") {
                asked_in_place += 1;
                let below: String =
                    last.lines().skip_while(|l| !l.contains("· Enter: answer it here")).collect::<Vec<_>>().join("\n");
                if let Some(listed) = first_choice(&below, "│ 1. ") {
                    let asked = first_choice(&screen, "1. ").expect("a choice numbered 1");
                    assert_eq!(
                        asked, listed,
                        "the same choice first in the reader and the question:\n{last}\n{screen}"
                    );
                    compared += 1;
                }
            }
            if head.contains("Quiz ›") && head.contains("question ") {
                assert!(head.contains("Lesson quiz: what-is-serverless"), "only lesson 1's questions:\n{screen}");
                quiz_questions += usize::from(screen.contains("Enter next") && !last.contains("Enter next"));
            }
            assert!(!head.contains("Review") && !head.contains("Drill"), "nothing beyond the lesson:\n{screen}");
            let footer = screen.lines().last().unwrap_or_default();
            if footer.contains("F1 help") && !screen.contains("Enter next") {
                type_text(&mut app, "1");
            }
            press(&mut app, KeyCode::Enter);
            last = screen;
        }
        assert_eq!(asked_in_place, checkpoints, "{width}×{height}: each checkpoint asked where it sits");
        assert!(compared >= 1, "{width}×{height}: a checkpoint with choices was compared");
        assert!(quiz_questions >= 5, "{width}×{height}: the lesson's quiz was taken ({quiz_questions} questions)");
        // Home now continues lesson 2, and shows what the learner holds of
        // lesson 1's topic.
        press(&mut app, KeyCode::Char('q'));
        let screen = draw(&mut app, width, height);
        assert!(screen.contains("▶ Continue lesson 2. "), "{screen}");
        press(&mut app, KeyCode::Char('G'));
        press(&mut app, KeyCode::Char('k'));
        let screen = draw(&mut app, width, height);
        assert!(screen.contains("Topics: what you would recall now"), "{screen}");
        assert!(screen.contains("serverless") && screen.contains(" cards"), "{screen}");
    }
}

/// The text after the first `marker` (e.g. "│ 1. ") on a screen, to the
/// end of its row (trimmed of the frame).
fn first_choice(screen: &str, marker: &str) -> Option<String> {
    // Choices come before the next checkpoint's label, if any.
    let line = screen
        .lines()
        .take_while(|l| !l.contains("✓ answered") && !l.contains("✗ answered"))
        .find(|l| l.contains(marker))?;
    let after = &line[line.find(marker)? + marker.len()..];
    Some(after.trim_end_matches(['"', ' ', '║', '█', '│']).chars().take(30).collect())
}

/// Quitting (Ctrl-C) while a checkpoint is open keeps the reader's place
/// under it: the next start continues the lesson at the same percentage.
#[test]
fn quitting_from_a_checkpoint_keeps_the_place_in_the_lesson() {
    let dir = tempfile::tempdir().expect("temp dir");
    let open = || {
        let store = lambda_tutor::study::Store::open(dir.path()).expect("store");
        App::new(lambda_tutor::course::Course::builtin(), Theme::mono(), Progress::new(Some(store)))
    };
    let mut app = open();
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Enter);
    let mut reader = String::new();
    for _ in 0..10 {
        reader = draw(&mut app, 80, 24);
        if reader.contains("Enter: answer checkpoint 1 of") {
            break;
        }
        press(&mut app, KeyCode::Enter);
    }
    let title = reader.lines().next().expect("title bar");
    let percent = title.split_whitespace().find(|w| w.ends_with('%')).expect("a percentage").trim_end_matches('%');
    assert_ne!(percent, "0", "{reader}");
    press(&mut app, KeyCode::Enter);
    assert!(draw(&mut app, 80, 24).contains("Checkpoint ›"), "the checkpoint is open");
    tui::key_with(&mut app, KeyCode::Char('c'), ratatui::crossterm::event::KeyModifiers::CONTROL);
    assert!(app.should_quit());
    drop(app);
    let mut app = open();
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains(&format!("▶ Continue lesson 1. What serverless computing is at {percent} % ")), "{screen}");
}
