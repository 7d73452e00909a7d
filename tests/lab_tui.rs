//! The lab screen as the learner sees it, on a TestBackend at 80×24 and
//! 120×40 in the monochrome theme: the goals panel with live figures, only
//! the lab's knobs, grading with its verdict, the hint counter, and an
//! attempt recorded exactly as `lab ID --set …` records it.

use std::time::{Duration, Instant};

use lambda_tutor::course::Course;
use lambda_tutor::study::Store;
use lambda_tutor::tui::app::App;
use lambda_tutor::tui::progress::Progress;
use lambda_tutor::tui::screens::{LabScreen, Screen};
use lambda_tutor::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;

#[path = "support/tui.rs"]
mod tui;
use tui::{draw, key, keys};

fn app_on(lab: &str, progress: Progress) -> App {
    let mut app = App::new(Course::builtin(), Theme::mono(), progress);
    app.push(Screen::Lab(Box::new(LabScreen::builtin(lab).expect("a built-in lab"))));
    app
}

fn lab_screen(app: &App) -> &LabScreen {
    match app.screen() {
        Screen::Lab(s) => s,
        _ => panic!("not on the lab screen"),
    }
}

/// Play to the end with an injected clock (no wall time is read).
fn play_to_end(app: &mut App) {
    key(app, KeyCode::Char(' '));
    let mut t = Instant::now();
    for _ in 0..100_000 {
        if lab_screen(app).simulator().engine().is_finished() {
            return;
        }
        t += Duration::from_millis(100);
        app.tick_at(t);
    }
    panic!("the run did not finish");
}

#[test]
fn the_goals_panel_shows_each_goal_with_its_live_figure() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app_on("default-timeout", Progress::new(None));
        let screen = draw(&mut app, w, h);
        assert!(screen.contains("Goals · 2 to meet"), "{screen}");
        assert!(screen.contains("· timed-out invocations = 0"), "not measured before the run:\n{screen}");
        assert!(screen.contains("· timeout ≤ 10 s"), "{screen}");
        insta::assert_snapshot!(format!("lab_start_{w}x{h}"), screen);
        play_to_end(&mut app);
        let screen = draw(&mut app, w, h);
        // The default 3 s timeout cuts the slow requests off: the first goal
        // is missed, the second (the timeout itself) is met.
        assert!(screen.contains("Goals · 1 of 2 met in this run"), "{screen}");
        let timed_out = lab_screen(&app).simulator().live_summary().invocations.timed_out;
        assert!(timed_out > 0);
        assert!(screen.contains("✗ timed-out invocations = 0"), "{screen}");
        assert!(screen.contains(&format!("end {timed_out}")), "the live figure is the summary's:\n{screen}");
        assert!(screen.contains("✓ timeout ≤ 10 s") && screen.contains("end 3 s"), "{screen}");
        insta::assert_snapshot!(format!("lab_played_{w}x{h}"), screen);
        // The run watched to its end and the graded run are the same run.
        let live = lab_screen(&app).simulator().live_summary().clone();
        key(&mut app, KeyCode::Char('g'));
        let graded = &lab_screen(&app).graded().expect("graded").verdict;
        assert_eq!(graded.summary.invocations, live.invocations);
        assert_eq!(graded.summary.latency_ms, live.latency_ms);
    }
}

#[test]
fn only_the_labs_knobs_are_offered_within_their_ranges() {
    let mut app = app_on("sqs-partial-batch", Progress::new(None));
    let screen = draw(&mut app, 120, 40);
    let bar = screen.lines().find(|l| l.contains("knobs ←→")).expect("knob bar").to_owned();
    for knob in ["report batch item failures false", "receives before the DLQ 3", "visibility timeout 60 s"] {
        assert!(bar.contains(knob), "{knob}: {bar}");
    }
    assert!(!bar.contains("memory") && !bar.contains("reserved"), "the simulator's own knobs are not offered: {bar}");
    assert!(bar.contains("(false | true)"), "the selected knob shows its range: {bar}");
    // Turn the second knob to the top of its range (10), and no further.
    key(&mut app, KeyCode::Right);
    keys(&mut app, &"k".repeat(12));
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains("receives before the DLQ 10*▸ (1 – 10)"), "{screen}");
    assert!(screen.contains("that knob is at its end"), "{screen}");
    assert_eq!(lab_screen(&app).knobs().settings(lab_screen(&app).lab()).len(), 1);
    // x puts every knob back.
    key(&mut app, KeyCode::Char('x'));
    assert!(lab_screen(&app).knobs().settings(lab_screen(&app).lab()).is_empty());
}

#[test]
fn grading_shows_the_verdict_per_goal_then_the_debrief_and_the_next_lab() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app_on("default-timeout", Progress::new(None));
        draw(&mut app, w, h);
        key(&mut app, KeyCode::Char('g'));
        let screen = draw(&mut app, w, h);
        assert!(screen.contains("Not yet: 1 of 2 goals met."), "{screen}");
        assert!(screen.contains("✗ timed-out invocations = 0") && screen.contains("measured"), "{screen}");
        assert!(screen.contains("Hint 1 of"), "a miss shows the hint `lab ID` would:\n{screen}");
        assert!(screen.contains("Enter back to the knobs"), "{screen}");
        insta::assert_snapshot!(format!("lab_missed_{w}x{h}"), screen);
        key(&mut app, KeyCode::Enter);
        assert!(lab_screen(&app).graded().is_none(), "Enter goes back to the knobs");
        // 3 → 4 → 5 → 6 s: long enough for every request, under 10 s.
        keys(&mut app, "kkk");
        key(&mut app, KeyCode::Char('g'));
        let screen = draw(&mut app, w, h);
        assert!(screen.contains("Solved: every goal met."), "{screen}");
        assert!(screen.contains("✓ timed-out invocations = 0") && screen.contains("measured 6 s"), "{screen}");
        assert!(screen.contains("Enter next lab: A flash crowd meets"), "{screen}");
        insta::assert_snapshot!(format!("lab_solved_{w}x{h}"), screen);
        key(&mut app, KeyCode::Enter);
        assert_eq!(lab_screen(&app).lab().id, "flash-crowd-quota", "Enter opens the next lab");
    }
}

#[test]
fn tab_reveals_the_hints_one_at_a_time_and_counts_them() {
    let mut app = app_on("stream-poison-bisect", Progress::new(None));
    let total = lab_screen(&app).lab().hints.len();
    assert!(total >= 2);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains(&format!("hints 0 of {total}")), "{screen}");
    key(&mut app, KeyCode::Tab);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains(&format!("hints 1 of {total}")) && screen.contains("Hint 1 of"), "{screen}");
    for _ in 1..total {
        key(&mut app, KeyCode::Tab);
    }
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains(&format!("Hint {total} of {total}")), "the latest hint is shown:\n{screen}");
    key(&mut app, KeyCode::Tab);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("no more hints"), "{screen}");
    assert_eq!(lab_screen(&app).hints_shown(), total);
}

/// The settings, goals and outcome of every recorded attempt, oldest first.
fn attempts(dir: &std::path::Path) -> Vec<(String, bool, bool, u32, u32, String)> {
    let db = rusqlite::Connection::open(dir.join("progress.sqlite3")).expect("store");
    let mut stmt = db
        .prepare("SELECT lab_id, passed, solution, goals_met, goals, settings FROM lab_attempts ORDER BY at")
        .expect("query");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows")
}

#[test]
fn an_attempt_is_recorded_as_the_command_records_it() {
    let tui_dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_on("default-timeout", Progress::new(Some(Store::open(tui_dir.path()).expect("store"))));
    draw(&mut app, 80, 24);
    key(&mut app, KeyCode::Char('g'));
    key(&mut app, KeyCode::Char('q'));
    keys(&mut app, "kkk");
    key(&mut app, KeyCode::Char('g'));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("attempt 2, recorded"), "{screen}");
    drop(app);

    let cli_dir = tempfile::tempdir().expect("tempdir");
    for sets in [&[][..], &["--set", "function.timeout_s=6"][..]] {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_lambda-tutor"))
            .args(["--data-dir", cli_dir.path().to_str().expect("utf-8"), "lab", "default-timeout"])
            .args(sets)
            .output()
            .expect("runs")
            .status;
        assert!(status.code().is_some_and(|c| c < 2), "{status:?}");
    }
    let tui = attempts(tui_dir.path());
    assert_eq!(tui, attempts(cli_dir.path()));
    assert_eq!(tui[1].5, r#"{"function.timeout_s":"6"}"#);
    assert!(!tui[0].1 && tui[1].1, "a miss, then a success");
}

#[test]
fn typed_settings_are_refused_in_a_lab_because_grading_uses_its_knobs() {
    let mut app = app_on("default-timeout", Progress::new(None));
    let before = draw(&mut app, 80, 24);
    assert!(!before.contains("o set"), "the prompt is not offered in a lab:\n{before}");
    key(&mut app, KeyCode::Char('o'));
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains("graded on its own knobs"), "{screen}");
    assert!(!screen.contains("--set"), "no prompt opened:\n{screen}");
}
