//! The simulator's visualizer as the learner sees it: whole screens on a
//! TestBackend at 80×24 and 120×40 in the monochrome theme, at fixed
//! simulated times (the engine is driven with `seek_to_us`, and playing
//! with an injected clock: no wall time is read).

use std::time::{Duration, Instant};

use lambda_tutor::course::Course;
use lambda_tutor::tui::app::App;
use lambda_tutor::tui::progress::Progress;
use lambda_tutor::tui::screens::{Screen, SimulatorScreen};
use lambda_tutor::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;

#[path = "support/tui.rs"]
mod tui;
use tui::{draw, key};

/// The visualizer on `preset`, moved to `t_us` a simulated second at a time,
/// as playing would.
fn screen_at(preset: &str, t_us: u64) -> SimulatorScreen {
    let mut screen = SimulatorScreen::preset(preset).expect("a preset");
    let mut t = 0;
    while t < t_us {
        t = (t + 1_000_000).min(t_us);
        screen.seek_to_us(t);
    }
    screen
}

fn app_at(preset: &str, t_us: u64) -> App {
    let screen = screen_at(preset, t_us);
    let mut app = App::new(Course::builtin(), Theme::mono(), Progress::new(None));
    app.push(Screen::Simulator(Box::new(screen)));
    app
}

#[test]
fn flash_crowd_at_the_limit() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app_at("api-flash-crowd", 25_000_000);
        let screen = draw(&mut app, w, h);
        // The concurrency gauge: in use of the account's 1,000, near the top.
        let gauge = screen.split_once("/1,000").map_or("", |(before, _)| before.rsplit(' ').next().unwrap_or(""));
        let in_use: u32 = gauge.replace(',', "").parse().unwrap_or(0);
        assert!(in_use >= 950, "concurrency near the limit, got {gauge:?}:\n{screen}");
        assert!(screen.contains("✗ 3,414 500s"), "API Gateway clients see 500s:\n{screen}");
        assert!(screen.contains("paused"), "{screen}");
        insta::assert_snapshot!(format!("sim_flash_crowd_{w}x{h}"), screen);
    }
}

/// Every cold start and throttle the engine counted is in the narration,
/// folded or not, even when a second holds more moments than the ring keeps.
#[test]
fn the_narration_counts_what_the_summary_counts() {
    for (preset, t_us) in
        [("api-flash-crowd", 25_000_000), ("scaling-ramp", 45_000_000), ("s3-upload-burst", 60_000_000)]
    {
        let screen = screen_at(preset, t_us);
        let summary = screen.engine().summary();
        let narrator = screen.narrator();
        assert_eq!(narrator.missed(), 0, "{preset}: nothing evicted");
        assert_eq!(narrator.cold_starts(), summary.cold_starts, "{preset}: cold starts");
        assert_eq!(narrator.throttles(), summary.invocations.throttled, "{preset}: throttles");
    }
}

#[test]
fn keep_alive_cliff_an_hour_in() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app_at("keep-alive-cliff", 3_310_000_000);
        let screen = draw(&mut app, w, h);
        assert!(screen.contains("0:55:00 environment 3 reclaimed"), "{screen}");
        insta::assert_snapshot!(format!("sim_keep_alive_{w}x{h}"), screen);
    }
}

#[test]
fn sqs_backlog_draining() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app_at("sqs-backlog", 12_000_000);
        let screen = draw(&mut app, w, h);
        assert!(screen.contains("backlog"), "{screen}");
        insta::assert_snapshot!(format!("sim_sqs_backlog_{w}x{h}"), screen);
    }
}

#[test]
fn thousands_of_environments_are_aggregated() {
    let mut app = app_at("scaling-ramp", 45_000_000);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("1 glyph ≈"), "{screen}");
    assert!(screen.contains("4,000 busy"), "{screen}");
}

#[test]
fn the_scenario_picker_from_home() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = App::new(Course::builtin(), Theme::mono(), Progress::new(None));
        draw(&mut app, w, h);
        key(&mut app, KeyCode::Char('G'));
        let screen = draw(&mut app, w, h);
        assert!(screen.contains("▶ Watch Lambda at work"), "{screen}");
        key(&mut app, KeyCode::Enter);
        key(&mut app, KeyCode::Char('j'));
        let screen = draw(&mut app, w, h);
        assert!(screen.contains("▶ A poison S3 event"), "{screen}");
        insta::assert_snapshot!(format!("sim_picker_{w}x{h}"), screen);
        key(&mut app, KeyCode::Enter);
        let screen = draw(&mut app, w, h);
        assert!(screen.contains("async-poison-dlq") && screen.contains("paused"), "{screen}");
        key(&mut app, KeyCode::Char('q'));
        key(&mut app, KeyCode::Char('q'));
        let screen = draw(&mut app, w, h);
        assert!(screen.contains("▶ Watch Lambda at work"), "home keeps the simulator row selected:\n{screen}");
    }
}

#[test]
fn the_event_inspector_shows_payload_and_result() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app_at("async-poison-dlq", 15_000_000);
        draw(&mut app, w, h);
        key(&mut app, KeyCode::Char('e'));
        let screen = draw(&mut app, w, h);
        assert!(screen.contains("\"Records\"") && screen.contains("Result"), "{screen}");
        insta::assert_snapshot!(format!("sim_inspector_{w}x{h}"), screen);
        // Down to an older invocation, page the payload, close.
        key(&mut app, KeyCode::Down);
        key(&mut app, KeyCode::PageDown);
        let paged = draw(&mut app, w, h);
        assert_ne!(paged, screen);
        key(&mut app, KeyCode::Char('q'));
        let screen = draw(&mut app, w, h);
        assert!(screen.contains("Flow"), "{screen}");
    }
}

#[test]
fn ticks_only_while_playing() {
    let mut app = App::new(Course::builtin(), Theme::mono(), Progress::new(None));
    assert_eq!(app.tick_interval(), None, "home does not animate");
    app.push(Screen::Simulator(Box::new(SimulatorScreen::preset("runtime-cold-starts").expect("preset"))));
    draw(&mut app, 80, 24);
    assert_eq!(app.tick_interval(), None, "a paused simulator asks for no ticks");
    key(&mut app, KeyCode::Char(' '));
    assert!(app.tick_interval().is_some_and(|d| d <= Duration::from_millis(50)));
    key(&mut app, KeyCode::Char('?'));
    assert_eq!(app.tick_interval(), None, "not behind the help overlay");
    key(&mut app, KeyCode::Char('?'));
    // The injected clock: 2 s of ticks at 1× reach t = 2 s.
    let t0 = Instant::now();
    for i in 0..=40 {
        app.tick_at(t0 + Duration::from_millis(50 * i));
    }
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("t 00:02.0"), "{screen}");
    assert!(screen.contains("java21"), "{screen}");
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(app.tick_interval(), None, "paused again");
    // Play to the end: the run pauses itself and shows its summary.
    key(&mut app, KeyCode::Char('+'));
    key(&mut app, KeyCode::Char('+'));
    key(&mut app, KeyCode::Char(' '));
    let t1 = t0 + Duration::from_secs(10);
    for i in 0..=100 {
        app.tick_at(t1 + Duration::from_millis(100 * i));
    }
    assert_eq!(app.tick_interval(), None, "finished: no more ticks");
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Run finished") && screen.contains("finished"), "{screen}");
}

#[test]
fn knobs_rerun_and_show_their_values() {
    let mut app = app_at("provisioned-concurrency", 60_000_000);
    draw(&mut app, 120, 40);
    // memory → runtime → timeout → reserved → provisioned
    for _ in 0..4 {
        key(&mut app, KeyCode::Right);
    }
    key(&mut app, KeyCode::Down);
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains("◂provisioned 10*▸"), "{screen}");
    assert!(screen.contains("t 00:00.0"), "re-run from t = 0:\n{screen}");
    key(&mut app, KeyCode::Char('x'));
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains("◂provisioned 20▸"), "{screen}");
}

#[test]
fn any_size_draws_without_panic() {
    let mut app = app_at("stream-poison-shard", 90_000_000);
    for (w, h) in [(1, 1), (20, 5), (50, 14), (60, 16), (79, 23), (100, 30), (109, 31), (110, 32), (300, 100)] {
        draw(&mut app, w, h);
    }
    key(&mut app, KeyCode::Char('e'));
    for (w, h) in [(1, 1), (50, 14), (80, 24), (200, 60)] {
        draw(&mut app, w, h);
    }
    key(&mut app, KeyCode::Char('q'));
    key(&mut app, KeyCode::Char('s'));
    for (w, h) in [(1, 1), (50, 14), (80, 24), (200, 60)] {
        draw(&mut app, w, h);
    }
}

/// At 60×20 the footer shows only whole hints (each piece of the narrow
/// footer is a piece of the wide one), and the knob bar, too narrow for all
/// seven knobs, shows whole knobs around the selected one: walking along it
/// brings every knob into view, never cut at the edge.
#[test]
fn footer_and_knob_bar_fit_at_60x20() {
    let pieces = |row: &str| -> Vec<String> {
        row.trim_matches('"').split("  ").map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect()
    };
    for preset in ["api-flash-crowd", "sqs-backlog"] {
        let wide = draw(&mut app_at(preset, 25_000_000), 200, 24);
        let screen = draw(&mut app_at(preset, 25_000_000), 60, 20);
        let rows: Vec<&str> = screen.lines().collect();
        let (knobs, footer) = (rows[rows.len() - 2], rows[rows.len() - 1]);
        let whole = pieces(wide.lines().last().unwrap_or_default());
        for piece in pieces(footer) {
            assert!(whole.contains(&piece), "{piece:?} is cut:\n{screen}");
        }
        assert!(knobs.contains("◂mem"), "the selected knob is shown:\n{screen}");
        insta::assert_snapshot!(format!("sim_{preset}_60x20"), screen);
        let mut app = app_at(preset, 25_000_000);
        for label in ["mem", "rt", "timeout", "rsv", "prov", "acct", "rate"] {
            let screen = draw(&mut app, 60, 20);
            let rows: Vec<&str> = screen.lines().collect();
            let knobs = rows[rows.len() - 2].trim_matches('"');
            assert!(knobs.contains(&format!("◂{label} ")), "{label} not selected and whole:\n{knobs}");
            assert!(knobs.matches('◂').count() == 1 && knobs.contains('▸'), "{knobs}");
            key(&mut app, KeyCode::Right);
        }
    }
}
