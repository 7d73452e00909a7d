//! The simulator screen's own behaviour: playing, stepping, knobs, speeds.

use super::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::time::Duration;

fn press(s: &mut SimulatorScreen, c: char) -> Transition {
    s.handle(Input::Key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))
}

#[test]
fn playing_advances_by_wall_time_and_pauses_at_the_end() {
    let mut s = SimulatorScreen::preset("runtime-cold-starts").expect("preset");
    assert!(!s.is_playing());
    press(&mut s, ' ');
    assert!(s.is_playing());
    let t0 = Instant::now();
    s.tick(t0);
    s.tick(t0 + Duration::from_millis(50));
    assert_eq!(s.engine().now_us(), 50_000, "50 ms at 1×");
    let mut t = t0;
    for _ in 0..200 {
        t += Duration::from_millis(100);
        s.tick(t);
    }
    assert!(s.engine().is_finished());
    assert!(!s.is_playing(), "paused itself at the end");
    assert!(s.summary_shown);
    press(&mut s, 'q');
    assert!(!s.summary_shown, "back closes the summary first");
    assert!(matches!(press(&mut s, 'q'), Transition::Pop));
}

#[test]
fn single_step_processes_one_event() {
    let mut s = SimulatorScreen::preset("keep-alive-cliff").expect("preset");
    press(&mut s, '.');
    assert_eq!(s.engine().now_us(), 0, "the first call is at t = 0");
    for _ in 0..4 {
        press(&mut s, '.');
    }
    assert!(s.engine().now_us() > 0);
    assert!(!s.is_playing());
    let standalone = SimulatorScreen::preset("keep-alive-cliff").expect("preset").standalone();
    let mut standalone = standalone;
    assert!(matches!(press(&mut standalone, 'q'), Transition::Quit));
}

#[test]
fn knobs_rerun_from_zero_and_a_refusal_is_explained() {
    let mut s = SimulatorScreen::preset("sqs-backlog").expect("preset");
    s.seek_to_us(5_000_000);
    press(&mut s, 'l'); // runtime
    press(&mut s, 'l'); // timeout
    for _ in 0..3 {
        press(&mut s, 'k');
    }
    assert_eq!(s.knobs().timeout_s, Some(60), "10 → 15 → 30 → 60: {:?}", s.knobs());
    assert_eq!(s.engine().now_us(), 0);
    press(&mut s, 'k');
    assert!(s.note.as_deref().is_some_and(|n| n.contains("visibility")), "{:?}", s.note);
    assert_eq!(s.knobs().timeout_s, Some(60), "unchanged");
    press(&mut s, 'x');
    assert!(s.knobs().is_default());
}

#[test]
fn speed_keys_step_through_the_speeds() {
    let mut s = SimulatorScreen::preset("api-flash-crowd").expect("preset");
    assert_eq!(s.speed(), 2.0);
    press(&mut s, '+');
    assert_eq!(s.speed(), 5.0);
    press(&mut s, '-');
    press(&mut s, '-');
    assert_eq!(s.speed(), 1.0);
    press(&mut s, 'r');
    assert_eq!(s.seed(), 2);
}
