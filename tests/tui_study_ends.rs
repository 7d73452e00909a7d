//! The study screens' edges in the full-screen app, on a TestBackend: a
//! new quiz asks before it replaces the unfinished one; the end of a quiz,
//! review or drill offers the next step; drill set-up; the stats screen.

#[path = "support/tui.rs"]
mod tui;

use lambda_tutor::practice::QuizSpec;
use lambda_tutor::study::Store;
use lambda_tutor::tui::app::App;
use lambda_tutor::tui::progress::Progress;
use lambda_tutor::tui::screens::Launch;
use lambda_tutor::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use tui::{draw, key as press};

const PACK: &str = "tests/fixtures/packs/every-type.toml";

/// The quiz course with the every-type pack, and a store in `dir`.
fn app(dir: &std::path::Path) -> App {
    let mut course = tui::course_from("tests/fixtures/quiz-course");
    let bytes = std::fs::read(PACK).expect("fixture pack");
    let (packs, errors) = lambda_tutor::quiz::load_packs([(PACK, bytes.as_slice())], false);
    assert!(errors.is_empty(), "{errors:?}");
    course.packs = packs;
    let store = Store::open(dir).expect("store");
    App::new(course, Theme::mono(), Progress::new(Some(store)))
}

fn spec(seed: u64) -> QuizSpec {
    QuizSpec { count: Some(4), seed, ..QuizSpec::default() }
}

/// Answer the question on screen, whatever its type: pick or type 1, then
/// submit until the verdict shows.
fn answer_one(app: &mut App, answered: usize) {
    let done = format!("{answered}/4 answered");
    press(app, KeyCode::Char('1'));
    for _ in 0..8 {
        if draw(app, 80, 24).contains(&done) {
            return;
        }
        press(app, KeyCode::Enter);
    }
    panic!("could not answer:\n{}", draw(app, 80, 24));
}

#[test]
fn a_new_quiz_asks_before_replacing_the_unfinished_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = app(dir.path());
    draw(&mut app, 80, 24);
    app.launch(Launch::Quiz(spec(1)));
    answer_one(&mut app, 1);
    press(&mut app, KeyCode::Esc);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Continue quiz"), "{screen}");

    // A second quiz: asked first; Cancel keeps the first one.
    app.launch(Launch::Quiz(spec(2)));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("You have an unfinished quiz (All questions, 1/4)."), "{screen}");
    for label in ["Continue it", "Start new", "Cancel", "c continue it", "n start new"] {
        assert!(screen.contains(label), "{label}:\n{screen}");
    }
    press(&mut app, KeyCode::Esc);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("question 2 of 4"), "the first quiz is kept:\n{screen}");

    // Continue it: the first quiz at its second question.
    app.launch(Launch::Quiz(spec(2)));
    press(&mut app, KeyCode::Char('c'));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("question 2/4"), "{screen}");
    press(&mut app, KeyCode::Esc);

    // Start new: the new quiz replaces it, and back leads home, not to the question.
    app.launch(Launch::Quiz(spec(2)));
    press(&mut app, KeyCode::Char('n'));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("question 1/4"), "{screen}");
    answer_one(&mut app, 1);
    press(&mut app, KeyCode::Esc);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Continue quiz") && !screen.contains("unfinished"), "{screen}");
}

/// The drill's length on its end screen is wall-clock time: 1:30 here,
/// though the one answer took 40 s.
#[test]
fn the_drill_end_shows_its_wall_clock_length() {
    use lambda_tutor::practice::DrillOptions;
    use lambda_tutor::tui::clock::Clock;
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = app(dir.path());
    app.ctx.clock = Clock::fixed(chrono::DateTime::parse_from_rfc3339("2025-03-10T19:00:00+01:00").expect("date"));
    draw(&mut app, 80, 24);
    app.launch(Launch::Drill(DrillOptions { minutes: Some(5), count: Some(4), seed: 3, ..DrillOptions::default() }));
    app.ctx.clock.advance(std::time::Duration::from_secs(40));
    answer_one(&mut app, 1);
    app.ctx.clock.advance(std::time::Duration::from_secs(50));
    press(&mut app, KeyCode::Esc);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Score: ") && screen.contains(" · 1:30 · "), "{screen}");
}

/// The end of a quiz offers the step home's "Next up" would, and Enter
/// takes it in place of the end screen: here the first lesson.
#[test]
fn the_end_of_a_quiz_offers_the_next_step() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = app(dir.path());
    let home = draw(&mut app, 80, 24);
    let offered = home.lines().find(|l| l.contains("▶ Next lesson: ")).expect("home's Next up").to_owned();
    let lesson = offered.split("Next lesson: ").nth(1).and_then(|s| s.split(" · ").next()).expect("label").trim();
    app.launch(Launch::Quiz(spec(5)));
    for k in 1..=4 {
        answer_one(&mut app, k);
        press(&mut app, KeyCode::Enter);
    }
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Score: ") && screen.contains(&format!("Next up: Next lesson: {lesson}")), "{screen}");
    assert!(screen.contains("Enter next step"), "the footer names the key:\n{screen}");
    press(&mut app, KeyCode::Enter);
    let screen = draw(&mut app, 80, 24);
    assert!(!screen.contains("Score: ") && screen.contains("t toc"), "the lesson opened:\n{screen}");
    // Back from the lesson leads home, not to the finished quiz.
    press(&mut app, KeyCode::Esc);
    assert!(draw(&mut app, 80, 24).contains("Next up"), "home");
}

/// Stats: the 7-day review forecast and accuracy by week as charts, the
/// weak topics with their actions (d drills them; 1 opens the lesson).
#[test]
fn stats_chart_the_forecast_and_lead_to_weak_topics() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = app(dir.path());
    draw(&mut app, 80, 24);
    app.launch(Launch::Quiz(spec(7)));
    // Answer "1" to everything: some wrong, so a topic is weak.
    for k in 1..=4 {
        answer_one(&mut app, k);
        press(&mut app, KeyCode::Enter);
    }
    press(&mut app, KeyCode::Esc);
    app.launch(Launch::Stats);
    // 120×40: the charts on top, borders and labels drawn.
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains("╭ Reviews due, next 7 days") && screen.contains("│  now     "), "{screen}");
    assert!(screen.contains("╭ Accuracy by week (%)"), "{screen}");
    assert!(screen.contains("d drill weak") && screen.contains("1-3 lesson"), "footer:\n{screen}");
    // 80×24: no room for charts; their figures are lines at the end.
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Char('G'));
    let small = draw(&mut app, 80, 24);
    assert!(!small.contains("╭ Reviews due") && small.contains("Reviews due, next 7 days"), "{small}");
    assert!(small.contains("  now 0 · ") && small.contains("Weak topics: d drills them"), "{small}");
    press(&mut app, KeyCode::Char('g'));
    if std::env::var_os("SHOW").is_some() {
        println!("{screen}\n{}", draw(&mut app, 80, 24));
    }
    assert!(screen.contains("Weak topics: d drills them"), "{screen}");
    press(&mut app, KeyCode::Char('d'));
    let drill = draw(&mut app, 80, 24);
    assert!(drill.contains("Drill") && drill.contains("left"), "a drill on the weak topics:\n{drill}");
}

/// Nothing due: the review screen says so and offers the next step, which
/// Enter takes in its place (here the first lesson); a review that has
/// nothing never offers the review again.
#[test]
fn nothing_to_review_offers_the_next_step() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = app(dir.path());
    let home = draw(&mut app, 80, 24);
    let offered = home.lines().find(|l| l.contains("▶ Next lesson: ")).expect("home's Next up").to_owned();
    let lesson = offered.split("Next lesson: ").nth(1).and_then(|s| s.split(" · ").next()).expect("label").trim();
    app.launch(Launch::Review);
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = draw(&mut app, w, h);
        assert!(screen.contains("Nothing to review"), "{screen}");
        assert!(screen.contains(&format!("Next up: Next lesson: {lesson}")), "{screen}");
        assert!(screen.contains("The next lesson in the course."), "the reason:\n{screen}");
        assert!(screen.contains("Enter next step"), "the footer names the key:\n{screen}");
    }
    press(&mut app, KeyCode::Enter);
    let screen = draw(&mut app, 80, 24);
    assert!(!screen.contains("Nothing to review") && screen.contains("t toc"), "the lesson opened:\n{screen}");
    press(&mut app, KeyCode::Esc);
    assert!(draw(&mut app, 80, 24).contains("Next up"), "back leads home");
}
