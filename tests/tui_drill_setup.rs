//! The drill set-up in the full-screen app, on a TestBackend: home's Drill
//! row opens it; the weakest topic is pre-selected, each topic shows the
//! learner's standing; minutes or a count and several topics can be chosen;
//! the drill asks only those topics and names the topic of each question;
//! the set-up is remembered for the next drill.

#[path = "support/tui.rs"]
mod tui;

use chrono::{Duration as Days, Utc};
use lambda_tutor::study::{AnswerInput, DrillSize, Mode, Outcome, QuestionKey, Scheduler, Store};
use lambda_tutor::tui::app::App;
use lambda_tutor::tui::clock::Clock;
use lambda_tutor::tui::progress::Progress;
use lambda_tutor::tui::screens::Launch;
use lambda_tutor::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use tui::{draw, key as press};

const PACK: &str = "tests/fixtures/packs/every-type.toml";

/// Pricing answered wrongly twice (weak), limits rightly twice (strong).
fn history(store: &mut Store) {
    let answers = [
        ("billing-units", "pricing", Outcome::Incorrect),
        ("per-ms-billing", "pricing", Outcome::Incorrect),
        ("default-timeout", "limits", Outcome::Correct),
        ("max-memory", "limits", Outcome::Correct),
    ];
    for (i, (id, topic, outcome)) in answers.into_iter().enumerate() {
        let answer = AnswerInput {
            key: QuestionKey::new("every-type", id),
            pack_version: "1.0.0".into(),
            topic: topic.into(),
            answered_at: Utc::now() - Days::minutes(10 - i as i64),
            mode: Mode::Quiz,
            outcome,
            seconds: 4.0,
            hints_used: 0,
            response: "1".into(),
            drill: None,
            title: id.into(),
        };
        store.record_answer(&answer, &Scheduler::default(), None).expect("recorded");
    }
}

fn app(dir: &std::path::Path) -> App {
    let mut course = tui::course_from("tests/fixtures/quiz-course");
    let bytes = std::fs::read(PACK).expect("fixture pack");
    let (packs, errors) = lambda_tutor::quiz::load_packs([(PACK, bytes.as_slice())], false);
    assert!(errors.is_empty(), "{errors:?}");
    course.packs = packs;
    let mut store = Store::open(dir).expect("store");
    history(&mut store);
    let mut app = App::new(course, Theme::mono(), Progress::new(Some(store)));
    app.ctx.clock = Clock::fixed(chrono::Local::now().fixed_offset());
    app
}

/// The line of the screen that contains `needle`.
fn line_of<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen.lines().find(|l| l.contains(needle)).unwrap_or_else(|| panic!("no {needle:?} in\n{screen}"))
}

#[test]
fn home_drill_opens_the_set_up_with_the_weakest_topic_chosen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = app(dir.path());
    // Home: move to the Drill row, whatever rows come before it.
    for _ in 0..12 {
        if draw(&mut app, 80, 24).contains("▶ Drill") {
            break;
        }
        press(&mut app, KeyCode::Char('j'));
    }
    press(&mut app, KeyCode::Enter);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Drill › Set up") && screen.contains("◂ 15 minutes ▸"), "{screen}");
    // Each topic with its standing; the weak one selected, the strong one not.
    let pricing = line_of(&screen, "pricing");
    assert!(pricing.contains("[x] pricing") && pricing.contains("0%") && pricing.contains("weak"), "{pricing}");
    let limits = line_of(&screen, "limits");
    assert!(limits.contains("[ ] limits") && limits.contains("100%") && !limits.contains("weak"), "{limits}");
    assert!(line_of(&screen, "cold-starts").contains("[ ] cold-starts"), "{screen}");
    assert!(screen.contains("Enter starts 15 minutes on your weakest topic, pricing."), "{screen}");
    for hint in ["→ length", "m minutes/count", "Space select", "w weakest", "Enter start", "? help", "q back"] {
        assert!(line_of(&screen, "? help").contains(hint), "footer lacks {hint}:\n{screen}");
    }
    // The help lists every key of the set-up.
    press(&mut app, KeyCode::Char('?'));
    let help = draw(&mut app, 120, 40);
    assert!(help.contains("size the drill by minutes or by a question count"), "{help}");
    assert!(help.contains("select none: every topic, weighted to your weakest"), "{help}");
    press(&mut app, KeyCode::Char('?'));
    // At 120×40 every topic shows, with the Start row.
    let wide = draw(&mut app, 120, 40);
    assert!(wide.contains("Start the drill") && wide.contains("recall") && wide.contains("questions"), "{wide}");
}

#[test]
fn the_drill_asks_what_was_set_up_and_the_set_up_is_remembered() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = app(dir.path());
    draw(&mut app, 80, 24);
    app.launch(Launch::NewDrill);
    // By count: 10 questions, one step shorter is 5.
    press(&mut app, KeyCode::Char('m'));
    press(&mut app, KeyCode::Left);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("◂ 5 questions ▸") && screen.contains("Enter starts 5 questions"), "{screen}");
    // Add limits to pricing: two topics chosen by hand.
    for _ in 0..10 {
        if line_of(&draw(&mut app, 80, 24), "limits").contains("▶") {
            break;
        }
        press(&mut app, KeyCode::Char('j'));
    }
    press(&mut app, KeyCode::Char(' '));
    let screen = draw(&mut app, 80, 24);
    assert!(line_of(&screen, "limits").contains("[x] limits"), "{screen}");
    assert!(screen.contains("on 2 topics you chose."), "{screen}");
    press(&mut app, KeyCode::Enter);
    // The drill: 5 questions, each header naming its topic, of those two only.
    let mut topics = Vec::new();
    for n in 1..=5 {
        let screen = draw(&mut app, 80, 24);
        let title = line_of(&screen, "Drill");
        assert!(title.contains(&format!("question {n}/5 [")), "{screen}");
        let topic = title.rsplit('[').next().and_then(|t| t.split(']').next()).expect("topic").to_owned();
        assert!(topic == "pricing" || topic == "limits", "{topic}:\n{screen}");
        topics.push(topic);
        press(&mut app, KeyCode::Char('1'));
        for _ in 0..6 {
            if draw(&mut app, 80, 24).contains(&format!("{n}/5 answered")) {
                break;
            }
            press(&mut app, KeyCode::Enter);
        }
        press(&mut app, KeyCode::Enter);
    }
    assert!(topics.contains(&"limits".to_owned()) && topics.contains(&"pricing".to_owned()), "{topics:?}");
    let end = draw(&mut app, 80, 24);
    assert!(end.contains("Score: ") && end.contains("Next up: "), "the end offers the next step:\n{end}");
    // Remembered in the store: 5 questions, the two topics.
    let saved = app.ctx.progress.store().expect("store").drill_setup().expect("read").expect("saved");
    assert_eq!(saved.size, DrillSize::Count(5));
    assert_eq!(saved.topics.as_deref().map(<[String]>::len), Some(2), "{saved:?}");

    // Next time the set-up starts from there; `w` goes back to the weakest,
    // which is remembered as "the weakest", not as today's list.
    press(&mut app, KeyCode::Esc);
    app.launch(Launch::NewDrill);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("◂ 5 questions ▸"), "{screen}");
    assert!(line_of(&screen, "limits").contains("[x]") && line_of(&screen, "pricing").contains("[x]"), "{screen}");
    press(&mut app, KeyCode::Char('w'));
    press(&mut app, KeyCode::Char('m'));
    // The drill's answers count: the weak topics are those of now, each
    // selected, and nothing else.
    let screen = draw(&mut app, 80, 24);
    let rows: Vec<&str> = screen.lines().filter(|l| l.contains("[x]") || l.contains("[ ]")).collect();
    assert_eq!(rows.len(), 3, "{screen}");
    assert!(rows.iter().all(|r| r.contains("[x]") == r.contains(" weak")), "{screen}");
    assert!(screen.contains("Enter starts 15 minutes on your") && screen.contains("weakest topic"), "{screen}");
    press(&mut app, KeyCode::Enter);
    let saved = app.ctx.progress.store().expect("store").drill_setup().expect("read").expect("saved");
    assert_eq!((saved.size, saved.topics), (DrillSize::Minutes(15), None));
    // `a`: no topic chosen, so every topic, weighted toward the weakest.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    app.launch(Launch::NewDrill);
    press(&mut app, KeyCode::Char('a'));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("on all 3 topics, weighted toward your weakest."), "{screen}");
    press(&mut app, KeyCode::Esc);
    assert!(!draw(&mut app, 80, 24).contains("Set up"), "back leaves the set-up");
}
