//! The real binary in a pseudo-terminal: `simulate keep-alive-cliff` opens
//! the visualizer; play, pause, single-step, quit, and the terminal is
//! handed back.

use std::time::{Duration, Instant};

#[path = "support/pty.rs"]
mod pty;

use pty::Session;

/// The simulated time on the status line, e.g. `0:12:30`.
fn sim_time(screen: &str) -> String {
    let line = screen.lines().find(|l| l.contains(" / 2:00:00")).unwrap_or_default();
    line.split(" t ").nth(1).and_then(|rest| rest.split(' ').next()).unwrap_or_default().to_owned()
}

/// Poll the screen until `done` holds (a condition, not a fixed time).
fn wait_until(s: &Session, what: &str, done: impl Fn(&str) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let screen = s.screen();
        if done(&screen) {
            return;
        }
        assert!(Instant::now() < deadline, "waited 60 s for {what}:\n{screen}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn simulate_plays_pauses_steps_and_quits() {
    let mut s = Session::start(&["--color", "never", "simulate", "keep-alive-cliff"], 24, 80);
    let screen = s.wait_for("paused");
    assert!(screen.contains("keep-alive-cliff") && screen.contains("t 0:00:00"), "{screen}");
    s.send(" ");
    s.wait_for("playing");
    // 500× by default; play until the clock passes 5 simulated minutes,
    // however slow the machine is.
    wait_until(&s, "the clock passes 0:05:00", |screen| sim_time(screen).as_str() > "0:05:00");
    s.send(" ");
    let paused = s.wait_for("paused");
    let at = sim_time(&paused);
    assert!(at.as_str() > "0:05:00", "time moved while playing: {at}\n{paused}");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(sim_time(&s.screen()), at, "no time passes while paused");
    // A single step processes the next event: the clock moves (the wait
    // fails the test if it never does).
    s.send(".");
    s.wait_until("a step moves the clock", |screen, _| sim_time(screen) != at);
    assert!(s.screen().contains("paused"));
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    let raw = s.raw();
    let text = String::from_utf8_lossy(&raw);
    assert!(text.contains("\x1b[?1049h") && text.contains("\x1b[?1049l"), "alternate screen not restored");
}

#[test]
fn simulate_without_a_terminal_prints_the_summary() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lambda-tutor"))
        .args(["simulate", "keep-alive-cliff"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("keep-alive-cliff — "), "{text}");
    assert!(text.contains("cold starts   8"), "{text}");
}
