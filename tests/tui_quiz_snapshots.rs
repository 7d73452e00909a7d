//! The quiz, review, drill, chooser and stats screens as the learner sees
//! them: TestBackend, the monochrome theme (so the snapshots show text,
//! symbols and layout), a fixed clock, and a progress store in a temporary
//! directory. Questions come from tests/fixtures/packs/every-type.toml,
//! lessons from tests/fixtures/quiz-course/.

#[path = "support/tui.rs"]
mod tui;

use std::time::Duration;

use chrono::DateTime;
use lambda_tutor::course::Course;
use lambda_tutor::practice::{DrillOptions, QuizSpec};
use lambda_tutor::study::Store;
use lambda_tutor::tui::app::App;
use lambda_tutor::tui::clock::Clock;
use lambda_tutor::tui::progress::Progress;
use lambda_tutor::tui::screens::quiz::{Launch, Stage};
use lambda_tutor::tui::screens::{ReaderScreen, Screen, View};
use lambda_tutor::tui::theme::Theme;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use tui::{draw, key, keys};

const PACK: &str = "tests/fixtures/packs/every-type.toml";

/// The fixture pack, cut to `ids` (all questions when empty), with the
/// four lessons its questions link to (tests/fixtures/quiz-course/), so
/// that no edit of the built-in course changes these screens.
fn course(ids: &[&str]) -> Course {
    let mut course = tui::course_from("tests/fixtures/quiz-course");
    assert_eq!(course.lessons.len(), 4);
    let bytes = std::fs::read(PACK).expect("fixture pack");
    let (mut packs, errors) = lambda_tutor::quiz::load_packs([(PACK, bytes.as_slice())], false);
    assert!(errors.is_empty(), "{errors:?}");
    if !ids.is_empty() {
        packs[0].questions.retain(|q| ids.contains(&q.id.as_str()));
    }
    course.packs = packs;
    course
}

struct Fixture {
    app: App,
    _dir: tempfile::TempDir,
}

/// An app on `course` with a fresh store and a clock fixed at a Monday
/// evening in Berlin.
fn fixture(course: Course) -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path()).expect("store");
    let mut app = App::new(course, Theme::mono(), Progress::new(Some(store)));
    app.ctx.clock = Clock::fixed(DateTime::parse_from_rfc3339("2025-03-10T19:00:00+01:00").expect("date"));
    Fixture { app, _dir: dir }
}

fn quiz(ids: &[&str]) -> Fixture {
    let mut f = fixture(course(ids));
    f.app.launch(Launch::Quiz(QuizSpec { seed: 1, ..QuizSpec::default() }));
    f
}

fn stage(app: &App) -> Stage {
    match app.screen() {
        Screen::Quiz(q) => q.stage(),
        other => panic!("not a quiz screen: {other:?}"),
    }
}

/// Draw at 80×24 and snapshot, after checking the screen shows `expect`.
fn snap(app: &mut App, name: &str, expect: &[&str]) {
    let screen = draw(app, 80, 24);
    for e in expect {
        assert!(screen.contains(e), "{name}: {e:?} missing from\n{screen}");
    }
    insta::assert_snapshot!(name, screen);
}

#[test]
fn single_question_then_a_hint_then_a_wrong_answer_with_feedback() {
    let mut f = quiz(&["default-timeout"]);
    snap(&mut f.app, "quiz_single_80x24", &["question 1/1", "▶ 1. 1 second", "Choose one answer.", "h hint"]);
    key(&mut f.app, KeyCode::Char('h'));
    snap(&mut f.app, "quiz_hint_80x24", &["Hint 1 of 2", "It is short"]);
    f.app.ctx.clock.advance(Duration::from_secs(12));
    key(&mut f.app, KeyCode::Char('3'));
    assert_eq!(stage(&f.app), Stage::Answered);
    snap(
        &mut f.app,
        "quiz_wrong_with_feedback_80x24",
        &["✗ Incorrect · 12 s · 1 hint", "✓ 2. 3 seconds", "✗ 3. 15 minutes  ← your answer", "About “15 minutes”:"],
    );
    let screen = draw(&mut f.app, 120, 40);
    assert!(screen.contains("From the lesson: Timeouts, memory and other limits"), "{screen}");
    insta::assert_snapshot!("quiz_wrong_with_feedback_120x40", screen);
}

#[test]
fn a_right_answer_by_arrows_and_enter() {
    let mut f = quiz(&["default-timeout"]);
    draw(&mut f.app, 80, 24);
    key(&mut f.app, KeyCode::Down);
    f.app.ctx.clock.advance(Duration::from_secs(4));
    key(&mut f.app, KeyCode::Enter);
    snap(&mut f.app, "quiz_correct_80x24", &["✓ Correct · 4.0 s", "✓ 2. 3 seconds  ← your answer", "score 1/1"]);
}

#[test]
fn multiple_choices_picked_then_marked() {
    let mut f = quiz(&["billing-units"]);
    draw(&mut f.app, 80, 24);
    keys(&mut f.app, "13");
    snap(&mut f.app, "quiz_multiple_80x24", &["[x] 1. Requests", "▶ [x] 3. Idle time", "Space pick"]);
    key(&mut f.app, KeyCode::Enter);
    snap(
        &mut f.app,
        "quiz_multiple_answered_80x24",
        &["1 of 3 right", "← missed", "← wrong pick", "About “Idle time between requests”:"],
    );
}

#[test]
fn true_false_by_letter() {
    let mut f = quiz(&["per-ms-billing"]);
    snap(&mut f.app, "quiz_true_false_80x24", &["True or false?", "1. True", "2. False", "t true", "f false"]);
    key(&mut f.app, KeyCode::Char('t'));
    let screen = draw(&mut f.app, 80, 24);
    assert!(screen.contains("✓ Correct") && screen.contains("Answer: True"), "{screen}");
}

#[test]
fn typed_answers_take_every_printable_key() {
    let mut f = quiz(&["cold-start-name"]);
    draw(&mut f.app, 80, 24);
    // `q`, `h` and `?` are text here, not back, hint and help.
    keys(&mut f.app, "qh? ");
    let screen = draw(&mut f.app, 80, 24);
    assert!(screen.contains("Your answer: qh? █"), "{screen}");
    assert!(screen.contains("Enter submit") && screen.contains("Esc back") && !screen.contains("q back"), "{screen}");
    key(&mut f.app, KeyCode::Char('u'));
    for _ in 0..5 {
        key(&mut f.app, KeyCode::Backspace);
    }
    keys(&mut f.app, "init phase");
    snap(&mut f.app, "quiz_short_80x24", &["Your answer: init phase█", "Type your answer."]);
    key(&mut f.app, KeyCode::Enter);
    let screen = draw(&mut f.app, 80, 24);
    assert!(screen.contains("✓ Correct") && screen.contains("Answer: Init"), "{screen}");
}

#[test]
fn numeric_shows_its_unit_and_refuses_words() {
    let mut f = quiz(&["max-memory"]);
    draw(&mut f.app, 80, 24);
    keys(&mut f.app, "lots");
    key(&mut f.app, KeyCode::Enter);
    let screen = draw(&mut f.app, 80, 24);
    assert!(screen.contains("Type a number.") && stage(&f.app) == Stage::Asking, "{screen}");
    for _ in 0..4 {
        key(&mut f.app, KeyCode::Backspace);
    }
    keys(&mut f.app, "10,240");
    snap(&mut f.app, "quiz_numeric_80x24", &["Your answer: 10,240█ MB", "Type a number, in MB."]);
    key(&mut f.app, KeyCode::Enter);
    let screen = draw(&mut f.app, 80, 24);
    assert!(screen.contains("✓ Your answer: 10240 MB"), "{screen}");
}

/// The order in which the current question's parts are shown.
fn shown_order(app: &App) -> Vec<usize> {
    match app.screen() {
        Screen::Quiz(q) => q.session().current().expect("a question").order.clone(),
        other => panic!("not a quiz screen: {other:?}"),
    }
}

#[test]
fn order_items_move_into_place_with_shift_arrows_and_k_j() {
    let mut f = quiz(&["lifecycle-order"]);
    snap(&mut f.app, "quiz_order_80x24", &["▶ 1. ", "K move up", "J move down"]);
    // Sort the shown items: bring item p to position p, moving it up.
    let mut arrangement = shown_order(&f.app);
    let mut cursor = 0;
    for p in 0..arrangement.len() {
        let at = arrangement.iter().position(|&i| i == p).expect("every item");
        while cursor < at {
            key(&mut f.app, KeyCode::Char('j'));
            cursor += 1;
        }
        while cursor > at {
            key(&mut f.app, KeyCode::Char('k'));
            cursor -= 1;
        }
        while cursor > p {
            f.app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Up, KeyModifiers::SHIFT)));
            arrangement.swap(cursor, cursor - 1);
            cursor -= 1;
        }
    }
    let screen = draw(&mut f.app, 80, 24);
    // Positions, not `Option`s: `None < Some(_)` would pass with "1. Init" missing.
    let at = |item: &str| screen.find(item).unwrap_or_else(|| panic!("{item:?} is not on screen:\n{screen}"));
    assert!(at("1. Init") < at("2. Invoke") && at("2. Invoke") < at("3. Shutdown"), "{screen}");
    // The highlight is on the last item: up one place and back again.
    key(&mut f.app, KeyCode::Char('K'));
    key(&mut f.app, KeyCode::Char('J'));
    key(&mut f.app, KeyCode::Enter);
    let screen = draw(&mut f.app, 80, 24);
    assert!(screen.contains("✓ Correct") && screen.contains("✓ 3. Shutdown"), "{screen}");
}

#[test]
fn an_order_as_shown_is_wrong_and_its_right_places_are_marked() {
    let mut f = quiz(&["lifecycle-order"]);
    draw(&mut f.app, 80, 24);
    key(&mut f.app, KeyCode::Enter);
    snap(&mut f.app, "quiz_order_answered_80x24", &["✗ Incorrect", "Answer:", "1. Init", "2. Invoke", "3. Shutdown"]);
}

#[test]
fn match_pairs_are_made_shown_and_checked() {
    let mut f = quiz(&["limits-pairs"]);
    draw(&mut f.app, 80, 24);
    // Pair 1 with the second partner, then pick item 2.
    key(&mut f.app, KeyCode::Char(' '));
    key(&mut f.app, KeyCode::Down);
    key(&mut f.app, KeyCode::Char(' '));
    key(&mut f.app, KeyCode::Char('2'));
    snap(&mut f.app, "quiz_match_80x24", &["Items", "Partners", "● 2. Synchronous payload → ?", "Space pair"]);
    // Finish pairing whatever is highlighted, then submit.
    for _ in 0..3 {
        key(&mut f.app, KeyCode::Enter);
    }
    key(&mut f.app, KeyCode::Enter);
    assert_eq!(stage(&f.app), Stage::Answered, "{}", draw(&mut f.app, 80, 24));
    let screen = draw(&mut f.app, 80, 24);
    assert!(screen.contains("Answer: 1") && screen.contains("→"), "{screen}");
}

#[test]
fn cards_are_revealed_then_self_graded() {
    let mut f = quiz(&["explain-cold-start"]);
    snap(&mut f.app, "quiz_card_80x24", &["Think of your answer first", "Enter reveal"]);
    key(&mut f.app, KeyCode::Char('3'));
    assert_eq!(stage(&f.app), Stage::Asking, "no grade before the reveal");
    key(&mut f.app, KeyCode::Enter);
    snap(&mut f.app, "quiz_card_revealed_80x24", &["Model answer", "A cold start happens", "1-4 grade"]);
    key(&mut f.app, KeyCode::Char('2'));
    let screen = draw(&mut f.app, 80, 24);
    assert!(screen.contains("✓ Recalled · you said hard"), "{screen}");
}

#[test]
fn the_end_screen_scores_topics_and_retries_the_missed() {
    let mut f = quiz(&["default-timeout", "per-ms-billing", "max-memory"]);
    for _ in 0..3 {
        draw(&mut f.app, 80, 24);
        // A wrong answer to each: choice 1, "1" (= true… which is right), or "1".
        key(&mut f.app, KeyCode::Char('1'));
        if stage(&f.app) == Stage::Asking {
            key(&mut f.app, KeyCode::Enter);
        }
        key(&mut f.app, KeyCode::Enter);
    }
    assert_eq!(stage(&f.app), Stage::Finished);
    snap(&mut f.app, "quiz_end_80x24", &["Score: 1/3 (33%)", "By topic", "Missed", "2 questions to retry", "r retry"]);
    key(&mut f.app, KeyCode::Char('r'));
    let screen = draw(&mut f.app, 80, 24);
    assert!(screen.contains("retry") && screen.contains("question 1/2"), "{screen}");
}

#[test]
fn the_chooser_lists_packs_and_topics_and_starts_on_the_selection() {
    let mut f = fixture(course(&[]));
    f.app.launch(Launch::Chooser);
    key(&mut f.app, KeyCode::Char('j'));
    key(&mut f.app, KeyCode::Char(' '));
    key(&mut f.app, KeyCode::Char('G'));
    key(&mut f.app, KeyCode::Char(' '));
    key(&mut f.app, KeyCode::Char('c'));
    snap(
        &mut f.app,
        "chooser_80x24",
        &["[x] Every question type", "[x] pricing", "20 questions per quiz", "Selected: 1 pack, 1 topic: 2 questions"],
    );
    key(&mut f.app, KeyCode::Enter);
    let screen = draw(&mut f.app, 80, 24);
    assert!(screen.contains("Every question type (pricing)") && screen.contains("question 1/2"), "{screen}");
}

#[test]
fn review_shows_when_each_answer_comes_back() {
    let mut c = course(&["default-timeout", "per-ms-billing"]);
    for q in &mut c.packs[0].questions {
        q.lesson.get_or_insert_with(|| "pricing".to_owned());
    }
    let mut f = fixture(c);
    // New questions come only from lessons the learner opened.
    let store = f.app.ctx.progress.store_mut().expect("store");
    for lesson in ["execution-limits", "pricing"] {
        store.open_lesson("builtin", lesson, chrono::Utc::now()).expect("opened");
    }
    f.app.launch(Launch::Review);
    let screen = draw(&mut f.app, 80, 24);
    assert!(screen.contains("Review") && screen.contains("0 due, 2 new"), "{screen}");
    key(&mut f.app, KeyCode::Char('t'));
    key(&mut f.app, KeyCode::Char('2'));
    snap(&mut f.app, "review_80x24", &["next review in"]);
    key(&mut f.app, KeyCode::Enter);
    key(&mut f.app, KeyCode::Char('t'));
    key(&mut f.app, KeyCode::Char('2'));
    key(&mut f.app, KeyCode::Enter);
    assert_eq!(stage(&f.app), Stage::Finished);
    // Both answered today: nothing is due, and no new question is left.
    key(&mut f.app, KeyCode::Char('q'));
    f.app.launch(Launch::Review);
    snap(&mut f.app, "review_nothing_due_80x24", &["Nothing to review now: 2 questions are scheduled."]);
}

#[test]
fn a_drill_counts_down_ends_when_time_is_up_and_compares_with_the_last() {
    let course = course(&[]);
    let mut f = fixture(course);
    // A first drill: two questions answered wrongly, then ended early.
    f.app.launch(Launch::Drill(DrillOptions { minutes: Some(2), seed: 3, ..DrillOptions::default() }));
    for _ in 0..2 {
        answer_anything(&mut f.app);
    }
    key(&mut f.app, KeyCode::Char('q'));
    assert_eq!(stage(&f.app), Stage::Finished);
    key(&mut f.app, KeyCode::Char('q'));
    // The second: the countdown runs on the fixed clock, no hints offered.
    f.app.launch(Launch::Drill(DrillOptions { minutes: Some(2), seed: 4, ..DrillOptions::default() }));
    assert_eq!(f.app.tick_interval(), Some(Duration::from_secs(1)));
    f.app.ctx.clock.advance(Duration::from_secs(25));
    snap(&mut f.app, "drill_80x24", &["Drill", "⏱ 1:35 left", "question 1"]);
    assert!(!draw(&mut f.app, 80, 24).contains("h hint"));
    answer_anything(&mut f.app);
    f.app.ctx.clock.advance(Duration::from_secs(120));
    f.app.tick();
    assert_eq!(stage(&f.app), Stage::Finished);
    assert_eq!(f.app.tick_interval(), None, "no ticks once the drill is over");
    snap(&mut f.app, "drill_end_80x24", &["Time is up.", "Trend:", "Time per question"]);
    let screen = draw(&mut f.app, 120, 40);
    insta::assert_snapshot!("drill_end_120x40", screen);
}

/// Answer the current question with the first thing that works.
fn answer_anything(app: &mut App) {
    draw(app, 80, 24);
    let typing = matches!(app.screen(), Screen::Quiz(q) if q.is_typing());
    if typing {
        keys(app, "1");
        key(app, KeyCode::Enter);
    } else {
        for code in [KeyCode::Char('1'), KeyCode::Enter, KeyCode::Char(' '), KeyCode::Char('3')] {
            if stage(app) != Stage::Asking {
                break;
            }
            key(app, code);
        }
        // A match question: pair everything in order.
        while stage(app) == Stage::Asking {
            key(app, KeyCode::Enter);
        }
    }
    key(app, KeyCode::Enter);
}

#[test]
fn stats_after_a_quiz_and_a_drill() {
    let mut f = quiz(&[]);
    for _ in 0..8 {
        f.app.ctx.clock.advance(Duration::from_secs(7));
        answer_anything(&mut f.app);
    }
    key(&mut f.app, KeyCode::Char('q'));
    f.app.launch(Launch::Drill(DrillOptions { count: Some(2), seed: 9, ..DrillOptions::default() }));
    answer_anything(&mut f.app);
    answer_anything(&mut f.app);
    key(&mut f.app, KeyCode::Char('q'));
    f.app.launch(Launch::Stats);
    snap(&mut f.app, "stats_80x24", &["Lessons", "Answers        10", "Accuracy by topic", "Drills"]);
    let screen = draw(&mut f.app, 120, 40);
    insta::assert_snapshot!("stats_120x40", screen);
}

#[test]
fn home_offers_continue_review_drill_and_stats() {
    let mut f = quiz(&["default-timeout", "per-ms-billing"]);
    draw(&mut f.app, 80, 24);
    let true_false = shown_order(&f.app).is_empty();
    key(&mut f.app, KeyCode::Char(if true_false { 't' } else { '2' }));
    key(&mut f.app, KeyCode::Char('q'));
    let screen = draw(&mut f.app, 80, 24);
    assert!(screen.contains("Continue quiz: All questions — question 2 of 2"), "{screen}");
    assert!(screen.contains("Review (") && screen.contains("Drill") && screen.contains("Stats"), "{screen}");
    // The first row of the Start section, under "Next up".
    key(&mut f.app, KeyCode::Char('g'));
    key(&mut f.app, KeyCode::Char('j'));
    let screen = draw(&mut f.app, 80, 24);
    assert!(screen.contains("▶ Continue quiz"), "{screen}");
    key(&mut f.app, KeyCode::Enter);
    let screen = draw(&mut f.app, 80, 24);
    assert!(screen.contains("question 2/2") && screen.contains("1/2 answered · score 1/1"), "{screen}");
}

fn click(app: &mut App, column: u16, row: u16) {
    let kind = MouseEventKind::Down(MouseButton::Left);
    app.handle_event(&Event::Mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE }));
}

#[test]
fn a_click_selects_a_choice_and_a_second_click_answers_then_the_lesson_opens_and_returns() {
    let mut f = quiz(&["default-timeout"]);
    let screen = draw(&mut f.app, 80, 24);
    let row = screen.lines().position(|l| l.contains("2. 3 seconds")).expect("choice 2 on screen") as u16;
    click(&mut f.app, 6, row);
    let screen = draw(&mut f.app, 80, 24);
    assert!(screen.contains("▶ 2. 3 seconds") && stage(&f.app) == Stage::Asking, "{screen}");
    click(&mut f.app, 6, row);
    let screen = draw(&mut f.app, 80, 24);
    assert!(screen.contains("✓ Correct"), "{screen}");
    // l opens the question's lesson; q comes back to the answer.
    key(&mut f.app, KeyCode::Char('l'));
    let screen = draw(&mut f.app, 80, 24);
    assert!(
        matches!(f.app.screen(), Screen::Reader(_)) && screen.contains("Timeouts, memory and other limits"),
        "{screen}"
    );
    key(&mut f.app, KeyCode::Char('q'));
    let screen = draw(&mut f.app, 80, 24);
    assert!(screen.contains("✓ Correct") && stage(&f.app) == Stage::Answered, "{screen}");
}

#[test]
fn quitting_after_the_last_answer_leaves_nothing_to_continue() {
    let mut f = quiz(&["default-timeout"]);
    assert_eq!(f.app.tick_interval(), None, "a quiz has no timer: the loop blocks on input");
    draw(&mut f.app, 80, 24);
    key(&mut f.app, KeyCode::Char('2'));
    key(&mut f.app, KeyCode::Char('q'));
    let screen = draw(&mut f.app, 80, 24);
    assert!(screen.contains("Quiz") && !screen.contains("Continue quiz"), "{screen}");
}

/// The reader shows what `read` shows: a checkpoint as its question (never
/// the answer), and at the end the date the facts were checked and the
/// sources.
#[test]
fn the_reader_shows_checkpoints_as_questions_and_ends_with_the_date_checked() {
    let course = course(&[]);
    let lesson = course.lesson_index("execution-limits").expect("fixture lesson");
    let mut f = fixture(course);
    f.app.push(Screen::Reader(Box::new(ReaderScreen::open(&f.app.ctx.course, lesson))));
    let screen = draw(&mut f.app, 80, 24);
    assert!(screen.contains("Checkpoint 1 of 1 · Enter: answer it here"), "{screen}");
    assert!(screen.contains("What is the timeout of a new function"), "{screen}");
    assert!(screen.contains("1. 1 second") && screen.contains("2. 3 seconds"), "the choices: {screen}");
    assert!(!screen.contains("```checkpoint") && !screen.contains("every-type/default-timeout"), "{screen}");
    key(&mut f.app, KeyCode::Char('G'));
    let screen = draw(&mut f.app, 80, 24);
    let rows: Vec<&str> = screen.lines().collect();
    // Above the status row and the footer: the date line, then the sources.
    let last = rows.iter().rposition(|r| r.contains("docs.aws.amazon.com")).expect("the source is shown");
    assert!(last + 4 >= rows.len(), "the source is at the end:\n{screen}");
    let date = rows.iter().position(|r| r.contains("Checked against the AWS documentation on 2025-03-01"));
    assert!(date.is_some_and(|d| d < last), "the date line before the sources:\n{screen}");
    assert!(!screen.contains("raise it to 900"), "never the explanation:\n{screen}");
}

/// The missed list names each question by its prompt as plain text: a
/// prompt that starts in bold (every `interview` question) is not blank.
#[test]
fn the_missed_list_shows_bold_prompts_as_plain_text() {
    let mut c = course(&["default-timeout"]);
    c.packs[0].questions[0].prompt = "**Interview:** what is the **default** timeout?\n\nSay it in seconds.".into();
    let mut f = fixture(c);
    f.app.launch(Launch::Quiz(QuizSpec { seed: 1, ..QuizSpec::default() }));
    draw(&mut f.app, 80, 24);
    key(&mut f.app, KeyCode::Char('1'));
    if stage(&f.app) == Stage::Asking {
        key(&mut f.app, KeyCode::Enter);
    }
    key(&mut f.app, KeyCode::Enter);
    assert_eq!(stage(&f.app), Stage::Finished);
    let screen = draw(&mut f.app, 80, 24);
    assert!(screen.contains("✗ Interview: what is the default timeout?"), "{screen}");
    assert!(!screen.contains("**"), "{screen}");
}
