//! The real binary in a pseudo-terminal: `simulate keep-alive-cliff` opens
//! the visualizer; play, pause, single-step, quit, and the terminal is
//! handed back.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    fn start(args: &[&str], rows: u16, cols: u16) -> Self {
        let pty = native_pty_system();
        let pair = pty.openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("open pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_lambda-tutor"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        let data = tempfile::tempdir().expect("temp dir");
        cmd.env("LAMBDA_TUTOR_DATA", data.path());
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        std::thread::spawn(move || {
            let _keep_master = pair.master;
            let _keep_data = data;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().expect("parser").process(&buf[..n]);
                r.lock().expect("raw").extend_from_slice(&buf[..n]);
            }
        });
        Self { parser, raw, writer, child }
    }

    fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(needle) {
                return screen;
            }
            assert!(start.elapsed() < Duration::from_secs(15), "timed out waiting for {needle:?}; screen:\n{screen}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(80));
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            assert!(start.elapsed() < Duration::from_secs(10), "program did not exit; screen:\n{}", self.screen());
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// The simulated time on the status line, e.g. `0:12:30`.
fn sim_time(screen: &str) -> String {
    let line = screen.lines().find(|l| l.contains(" / 2:00:00")).unwrap_or_default();
    line.split(" t ").nth(1).and_then(|rest| rest.split(' ').next()).unwrap_or_default().to_owned()
}

#[test]
fn simulate_plays_pauses_steps_and_quits() {
    let mut s = Session::start(&["--color", "never", "simulate", "keep-alive-cliff"], 24, 80);
    let screen = s.wait_for("paused");
    assert!(screen.contains("keep-alive-cliff") && screen.contains("t 0:00:00"), "{screen}");
    s.send(" ");
    s.wait_for("playing");
    // 500× by default: a second of wall time is over 8 simulated minutes.
    std::thread::sleep(Duration::from_millis(1200));
    s.send(" ");
    let paused = s.wait_for("paused");
    let at = sim_time(&paused);
    assert!(at.as_str() > "0:05:00", "time moved while playing: {at}\n{paused}");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(sim_time(&s.screen()), at, "no time passes while paused");
    // Single steps: each processes the next event.
    let mut last = at.clone();
    let mut moved = false;
    for _ in 0..6 {
        s.send(".");
        let now = sim_time(&s.screen());
        moved |= now != last;
        last = now;
    }
    assert!(moved, "stepping moves the clock: {at} → {last}");
    assert!(s.screen().contains("paused"));
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    let raw = s.raw.lock().expect("raw").clone();
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
