//! The full-screen quiz, driven in a pseudo-terminal: answer questions and
//! quit; and be killed (SIGKILL) after two answers, then start again and
//! continue at question 3.
//!
//! `--seed 1` fixes the order of tests/fixtures/packs/every-type.toml:
//! a single-choice question ("3 seconds" is choice 2), then a short answer
//! ("init"), then the rest.

use std::path::{Path, PathBuf};

fn pack() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/every-type.toml").display().to_string()
}

#[path = "support/pty.rs"]
mod pty;

use pty::Session;

fn start(args: &[&str], data: &Path) -> Session {
    Session::start_in(args, 24, 80, data, &[("NO_COLOR", "1")])
}

/// Answer the first two questions of the seeded quiz rightly.
fn answer_two(s: &mut Session) {
    s.wait_for("question 1/8");
    s.send("2");
    s.wait_for("✓ Correct");
    s.send("\r");
    s.wait_for("question 2/8");
    s.send("init");
    s.send("\r");
    s.wait_for("2/8 answered · score 2/2");
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
    let mut s = start(&["quiz", &pack, "--seed", "1"], data.path());
    answer_two(&mut s);
    let screen = s.screen();
    assert!(screen.contains("✓ Your answer: init") && screen.contains("Answer: Init"), "{screen}");
    // Back from a quiz opened from the command line quits the program.
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
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
    let mut s = start(&["quiz", &pack, "--seed", "1"], data.path());
    answer_two(&mut s);
    let pid = s.child.process_id().expect("pid");
    let killed = std::process::Command::new("kill").args(["-KILL", &pid.to_string()]).status().expect("kill");
    assert!(killed.success());
    s.wait_exit();
    // Both answers were committed with the resume point.
    assert_eq!(history(data.path()).len(), 2);

    let mut again = start(&["--pack", &pack], data.path());
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
