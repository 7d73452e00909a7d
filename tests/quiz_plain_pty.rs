//! `quiz --plain` in a pseudo-terminal, over an unfinished quiz: a person
//! is there to answer, so it asks first (continue it, start the new one,
//! or cancel), and nothing is discarded until they say so.
//!
//! `--seed 1` fixes the order of tests/fixtures/packs/every-type.toml: a
//! single-choice question ("3 seconds" is choice 2), then a short answer.

use std::path::{Path, PathBuf};

#[path = "support/pty.rs"]
mod pty;

use lambda_tutor::study::Store;
use pty::Session;

fn pack() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/every-type.toml").display().to_string()
}

/// A quiz of two questions, the first answered, left through a pipe.
fn leave_unfinished(data: &Path, pack: &str) {
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_lambda-tutor"))
        .env("LAMBDA_TUTOR_DATA", data)
        .args(["quiz", pack, "--seed", "1", "--count", "2", "--plain"])
        .write_stdin("2\n")
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

fn saved(data: &Path) -> Option<String> {
    Store::open(data).expect("store").quiz_progress().expect("read").map(|q| q.description)
}

/// Wide, so the question is one line on the screen.
fn start(args: &[&str], data: &Path) -> Session {
    Session::start_in(args, 24, 160, data, &[("NO_COLOR", "1")])
}

const ASKED: &str = "An unfinished quiz: Every question type (1 of 2 answered). \
                     c = continue it, n = start the new one, q = cancel";

#[test]
fn a_new_plain_quiz_in_a_terminal_asks_before_replacing_the_unfinished_one() {
    let data = tempfile::tempdir().expect("temp dir");
    let pack = pack();
    leave_unfinished(data.path(), &pack);
    let before = saved(data.path()).expect("unfinished");

    // q cancels (after a word it does not know): the quiz is kept.
    let mut s = start(&["quiz", &pack, "--seed", "9", "--plain"], data.path());
    s.wait_for(ASKED);
    s.send("x\r");
    s.wait_for("Type c, n or q.");
    s.send("q\r");
    let screen = s.wait_for("Cancelled: your unfinished quiz is kept");
    assert!(!screen.contains("Question "), "nothing asked:\n{screen}");
    assert!(s.wait_exit().success());
    assert_eq!(saved(data.path()), Some(before.clone()));

    // c continues it at its second question.
    let mut s = start(&["quiz", &pack, "--seed", "9", "--plain"], data.path());
    s.wait_for(ASKED);
    s.send("c\r");
    s.wait_for("Question 2/2 [");
    s.send("\x04");
    assert!(s.wait_exit().success());
    assert_eq!(saved(data.path()), Some(before), "still the same quiz");

    // n starts the new one in its place.
    let mut s = start(&["quiz", &pack, "--seed", "9", "--count", "1", "--plain"], data.path());
    s.wait_for(ASKED);
    s.send("n\r");
    s.wait_for("Question 1/1 [");
    s.send("\x04");
    assert!(s.wait_exit().success());
    assert_eq!(saved(data.path()).as_deref(), Some("Every question type — question 1 of 1"));
}
