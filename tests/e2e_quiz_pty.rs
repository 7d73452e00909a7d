//! The full-screen quiz, driven in a pseudo-terminal: answer questions and
//! quit; and be killed (SIGKILL) after two answers, then start again and
//! continue at question 3.
//!
//! `--seed 1` fixes the order of tests/fixtures/packs/every-type.toml:
//! a single-choice question ("3 seconds" is choice 2), then a short answer
//! ("init"), then the rest.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

fn pack() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/every-type.toml").display().to_string()
}

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    fn start(args: &[&str], data: &Path) -> Self {
        let (rows, cols) = (24, 80);
        let pty = native_pty_system();
        let pair = pty.openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("open pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_lambda-tutor"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        cmd.env("LAMBDA_TUTOR_DATA", data);
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        std::thread::spawn(move || {
            let _keep_master = pair.master;
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
        std::thread::sleep(Duration::from_millis(60));
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            assert!(start.elapsed() < Duration::from_secs(15), "program did not exit; screen:\n{}", self.screen());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Answer the first two questions of the seeded quiz rightly.
    fn answer_two(&mut self) {
        self.wait_for("question 1/8");
        self.send("2");
        self.wait_for("✓ Correct");
        self.send("\r");
        self.wait_for("question 2/8");
        self.send("init");
        self.send("\r");
        self.wait_for("2/8 answered · score 2/2");
    }
}

fn history(data: &Path) -> Vec<serde_json::Value> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lambda-tutor"))
        .args(["history", "--format", "json", "--data-dir"])
        .arg(data)
        .output()
        .expect("history");
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).expect("json")
}

#[test]
fn answer_in_the_full_screen_quiz_and_quit() {
    let data = tempfile::tempdir().expect("temp dir");
    let pack = pack();
    let mut s = Session::start(&["quiz", &pack, "--seed", "1"], data.path());
    s.answer_two();
    let screen = s.screen();
    assert!(screen.contains("✓ Your answer: init") && screen.contains("Answer: Init"), "{screen}");
    // Back from a quiz opened from the command line quits the program.
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    let raw = String::from_utf8_lossy(&s.raw.lock().expect("raw")).into_owned();
    assert!(raw.contains("\x1b[?1049l") && raw.contains("\x1b[?1000l"), "terminal not restored");
    let answers = history(data.path());
    assert_eq!(answers.len(), 2);
    assert_eq!(answers[0]["question_id"], "default-timeout");
    assert_eq!(answers[0]["response"], "3 seconds");
    assert_eq!(answers[0]["pack_version"], "2.1.0");
    assert_eq!(answers[1]["response"], "init");
    assert!(answers.iter().all(|a| a["mode"] == "quiz" && a["correct"] == true));
}

#[test]
fn killed_mid_quiz_then_continued_at_question_three() {
    let data = tempfile::tempdir().expect("temp dir");
    let pack = pack();
    let mut s = Session::start(&["quiz", &pack, "--seed", "1"], data.path());
    s.answer_two();
    let pid = s.child.process_id().expect("pid");
    let killed = std::process::Command::new("kill").args(["-KILL", &pid.to_string()]).status().expect("kill");
    assert!(killed.success());
    s.wait_exit();
    // Both answers were committed with the resume point.
    assert_eq!(history(data.path()).len(), 2);

    let mut again = Session::start(&["--pack", &pack], data.path());
    let home = again.wait_for("Continue quiz:");
    assert!(home.contains("▶ Continue quiz: Every question type — question 3 of 8"), "{home}");
    again.send("\r");
    let screen = again.wait_for("question 3/8");
    assert!(screen.contains("2/8 answered · score 2/2"), "{screen}");
    // The third question (an order question) is asked, not the first two
    // again: answer it as shown, and the count goes on from there.
    assert!(screen.contains("Put the phases"), "{screen}");
    again.send("\r");
    again.wait_for("3/8 answered");
    again.send("q");
    let home = again.wait_for("Continue quiz:");
    assert!(home.contains("question 4 of 8"), "{home}");
    again.send("\x03");
    assert!(again.wait_exit().success());
}
