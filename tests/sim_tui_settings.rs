//! The simulator's settings as the learner meets them: the runtime knob,
//! the `--set` prompt (a valid override re-runs, an invalid one is explained
//! in place, Esc cancels), the step line, and scenario prose that speaks in
//! human names rather than the summary's JSON keys.

use lambda_tutor::course::Course;
use lambda_tutor::sim::{self, Engine};
use lambda_tutor::tui::app::App;
use lambda_tutor::tui::progress::Progress;
use lambda_tutor::tui::screens::picker;
use lambda_tutor::tui::screens::simulator::summary;
use lambda_tutor::tui::screens::{Screen, SimulatorScreen};
use lambda_tutor::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;

#[path = "support/tui.rs"]
mod tui;
use tui::{draw, key, keys};

fn app(preset: &str, t_us: u64) -> App {
    let mut screen = SimulatorScreen::preset(preset).expect("a preset");
    screen.seek_to_us(t_us);
    let mut app = App::new(Course::builtin(), Theme::mono(), Progress::new(None));
    app.push(Screen::Simulator(Box::new(screen)));
    app
}

fn knob_bar(screen: &str) -> String {
    let rows: Vec<&str> = screen.lines().collect();
    rows[rows.len() - 2].trim_matches('"').to_owned()
}

fn status(screen: &str) -> String {
    screen.lines().next().unwrap_or_default().trim_matches('"').to_owned()
}

#[test]
fn the_runtime_knob_cycles_through_the_runtimes_and_reruns() {
    let mut app = app("runtime-cold-starts", 3_000_000);
    let screen = draw(&mut app, 80, 24);
    assert!(knob_bar(&screen).contains(" rt java21 "), "{}", knob_bar(&screen));
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Up);
    let screen = draw(&mut app, 80, 24);
    assert!(knob_bar(&screen).contains("◂rt java25*▸"), "the next runtime, marked changed:\n{screen}");
    assert!(screen.contains("Lambda · java25"), "{screen}");
    assert!(status(&screen).contains("t 00:00.0 "), "re-run from t = 0:\n{screen}");
    // Down twice: back past java21 (no mark: the scenario's own) to java17.
    key(&mut app, KeyCode::Down);
    let screen = draw(&mut app, 80, 24);
    assert!(knob_bar(&screen).contains("◂rt java21▸"), "{}", knob_bar(&screen));
    key(&mut app, KeyCode::Down);
    let screen = draw(&mut app, 120, 40);
    assert!(knob_bar(&screen).contains("◂runtime java17*▸"), "{}", knob_bar(&screen));
    // The bar cycles: python3.12 is first, provided.al2023 last.
    for _ in 0..5 {
        key(&mut app, KeyCode::Down);
    }
    let screen = draw(&mut app, 120, 40);
    assert!(knob_bar(&screen).contains("◂runtime python3.12*▸"), "{}", knob_bar(&screen));
    key(&mut app, KeyCode::Down);
    let screen = draw(&mut app, 120, 40);
    assert!(knob_bar(&screen).contains("provided.al2023*▸"), "{}", knob_bar(&screen));
    key(&mut app, KeyCode::Char('x'));
    let screen = draw(&mut app, 120, 40);
    assert!(knob_bar(&screen).contains("◂runtime java21▸"), "x resets:\n{}", knob_bar(&screen));
}

#[test]
fn every_knob_fits_at_80x24_and_the_account_limit_turns() {
    let mut app = app("api-flash-crowd", 0);
    let screen = draw(&mut app, 80, 24);
    let bar = knob_bar(&screen);
    for label in ["mem", "rt", "timeout", "rsv", "prov", "acct", "rate"] {
        assert!(bar.contains(&format!("{label} ")), "{label} missing at 80 columns: {bar}");
    }
    for _ in 0..5 {
        key(&mut app, KeyCode::Right);
    }
    key(&mut app, KeyCode::Up);
    let screen = draw(&mut app, 80, 24);
    assert!(knob_bar(&screen).contains("◂acct 2,000*▸"), "{}", knob_bar(&screen));
    assert!(screen.contains("/2,000"), "the Flow box's gauge follows:\n{screen}");
}

#[test]
fn a_typed_override_reruns_with_it() {
    let mut app = app("runtime-cold-starts", 3_000_000);
    key(&mut app, KeyCode::Char('o'));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains(" --set "), "the prompt is open:\n{screen}");
    assert!(screen.contains("Enter apply"), "the footer names Enter:\n{screen}");
    // `?` and `q` are text while typing.
    keys(&mut app, "function.runtime=nodejs22.x");
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("--set function.runtime=nodejs22.x"), "{screen}");
    key(&mut app, KeyCode::Enter);
    let screen = draw(&mut app, 80, 24);
    assert!(!screen.contains(" --set "), "closed:\n{screen}");
    assert!(screen.contains("Lambda · nodejs22.x"), "{screen}");
    assert!(screen.contains("set function.runtime=nodejs22.x  x clears"), "the override is shown:\n{screen}");
    assert!(status(&screen).contains("t 00:00.0 "), "re-run from t = 0:\n{screen}");
    // The runtime knob starts from the typed value; x clears both.
    assert!(knob_bar(&screen).contains("rt nodejs22.x "), "{}", knob_bar(&screen));
    key(&mut app, KeyCode::Char('x'));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Lambda · java21") && !screen.contains("x clears"), "{screen}");
}

#[test]
fn an_invalid_override_is_explained_in_place_and_esc_cancels() {
    let mut app = app("runtime-cold-starts", 0);
    key(&mut app, KeyCode::Char(':'));
    keys(&mut app, "function.runtim=java17");
    key(&mut app, KeyCode::Enter);
    let screen = draw(&mut app, 80, 24);
    let rows: Vec<&str> = screen.lines().collect();
    let at = rows.iter().position(|r| r.contains(" --set function.runtim=java17")).expect("the prompt stays open");
    assert!(
        rows[at + 1].contains("✗ error: unknown key `runtim` in [function]; did you mean `runtime`?"),
        "the loader's own words, under the prompt:\n{screen}"
    );
    // A value the loader refuses, with its did-you-mean.
    for _ in 0.."runtim=java17".len() {
        key(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, "runtime=jav21");
    let screen = draw(&mut app, 120, 40);
    assert!(!screen.contains("✗ error"), "an edit clears the error:\n{screen}");
    key(&mut app, KeyCode::Enter);
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains("✗ error: unknown runtime `jav21`: did you mean `java21`?"), "{screen}");
    // No `=`: the command line's own message.
    key(&mut app, KeyCode::Esc);
    let screen = draw(&mut app, 80, 24);
    assert!(!screen.contains(" --set ") && !screen.contains("✗ error"), "Esc closes it:\n{screen}");
    assert!(screen.contains("Lambda · java21") && !screen.contains("x clears"), "nothing applied:\n{screen}");
    key(&mut app, KeyCode::Char('o'));
    keys(&mut app, "memory");
    key(&mut app, KeyCode::Enter);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("expected KEY=VALUE"), "{screen}");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    assert!(!app.should_quit(), "Esc closed the prompt, then went back from the simulator only");
}

#[test]
fn a_step_shows_the_event_it_stepped_over() {
    let mut app = app("runtime-cold-starts", 0);
    key(&mut app, KeyCode::Char('.'));
    let screen = draw(&mut app, 80, 24);
    assert!(status(&screen).contains("t 00:01.000 "), "the clock is at the event, to the ms:\n{screen}");
    assert!(screen.contains("▸ step 00:01.000 API Gateway event #0 arrives"), "{screen}");
    assert!(screen.contains("cold start"), "{screen}");
    for _ in 0..400 {
        key(&mut app, KeyCode::Char('.'));
    }
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains("▸ step 00:01."), "{screen}");
    assert!(screen.contains("succeeded after") || screen.contains("finished Init"), "{screen}");
    // Playing again takes the step line away.
    key(&mut app, KeyCode::Char(' '));
    let screen = draw(&mut app, 120, 40);
    assert!(!screen.contains("▸ step"), "{screen}");
}

/// Every key of the simulation summary, as `simulate --json` prints it.
fn summary_paths() -> Vec<String> {
    fn flatten(v: &serde_json::Value, prefix: &str, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    let path = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                    out.push(path.clone());
                    flatten(v, &path, out);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|i| flatten(i, prefix, out)),
            _ => {}
        }
    }
    // A scenario with neighbours: the summary then has every section.
    let s = sim::load_preset("two-functions-reserved", &[]).expect("preset").scenario;
    let value = serde_json::to_value(Engine::new(&s, 1).summary()).expect("json");
    let mut out = Vec::new();
    flatten(&value, "", &mut out);
    out
}

/// The raw summary keys in `text`: a dotted or underscored path of the
/// summary, or any section name in backticks. `KEY=VALUE`, something to
/// type at the prompt, is not a raw key.
fn raw_keys(text: &str, paths: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.';
    let mut rest = text;
    while let Some(start) = rest.find(is_word) {
        let tail = &rest[start..];
        let len = tail.find(|c: char| !is_word(c)).unwrap_or(tail.len());
        let token = tail[..len].trim_end_matches('.');
        let before = rest[..start].chars().last();
        let after = tail[token.len()..].chars().next();
        let ticked = before == Some('`') && after == Some('`');
        let shaped = token.contains(['.', '_']) || ticked;
        if shaped && after != Some('=') && paths.iter().any(|p| p == token) {
            found.push(token.to_owned());
        }
        rest = &tail[len..];
    }
    found
}

#[test]
fn scenario_prose_speaks_in_human_names() {
    let paths = summary_paths();
    assert!(paths.iter().any(|p| p == "latency_ms.p50") && paths.iter().any(|p| p == "neighbours"), "{paths:?}");
    assert_eq!(raw_keys("Watch: `latency_ms.p50` and cold_starts", &paths), ["latency_ms.p50", "cold_starts"]);
    assert!(raw_keys("type `function.runtime=nodejs22.x`; the cold starts", &paths).is_empty());
    for id in sim::preset_ids() {
        let s = sim::load_preset(&id, &[]).expect("preset").scenario;
        let texts = [
            ("about", s.description.clone()),
            ("picker", picker::first_sentence(&s.description)),
            ("summary", summary::then_try(&s.description).unwrap_or_default()),
        ];
        for (place, text) in texts {
            let raw = raw_keys(&text, &paths);
            assert!(raw.is_empty(), "{id} ({place}) shows summary keys {raw:?}:\n{text}");
        }
        let next = summary::then_try(&s.description).unwrap_or_default();
        assert!(
            !next.contains("--set") || next.contains("knob") || next.contains("press `o`") || next.contains("press o"),
            "{id}: names a flag without the key the visualizer uses:\n{next}"
        );
    }
}
