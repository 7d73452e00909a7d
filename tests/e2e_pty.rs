//! The real binary in a pseudo-terminal: open a lesson, scroll, search,
//! quit, and check the terminal is handed back.

#[path = "support/pty.rs"]
mod pty;

use pty::Session;

#[test]
fn open_a_lesson_scroll_search_and_quit() {
    let mut s = Session::start(&["--color", "never"], 30, 100);
    s.wait_for("lambda-tutor");
    s.wait_for("What serverless computing is");
    s.send("\r");
    // The reader's title bar (the lesson count changes with the course).
    s.wait_for("› 1. ");
    s.send("jjjj");
    s.send(" ");
    s.send("/");
    s.send("Lambda");
    s.send("\r");
    let screen = s.wait_for("hit ");
    assert!(screen.contains("/Lambda"), "{screen}");
    s.send("n");
    s.send("q");
    s.send("q");
    s.wait_for("Course");
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    let raw = s.raw();
    let text = String::from_utf8_lossy(&raw);
    // The alternate screen was entered and left, and the mouse released.
    assert!(text.contains("\x1b[?1049h") && text.contains("\x1b[?1049l"), "alternate screen not restored");
    assert!(text.contains("\x1b[?1000l"), "mouse capture not released");
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut s = Session::start(&[], 24, 80);
    s.wait_for("lambda-tutor");
    let pid = s.child.process_id().expect("pid");
    let status = std::process::Command::new("kill").args(["-TERM", &pid.to_string()]).status().expect("kill");
    assert!(status.success());
    // wait_exit also waits for the terminal's end of file: every byte the
    // program wrote on its way out has been read.
    let exit = s.wait_exit();
    assert!(!exit.success());
    let raw = s.raw();
    let text = String::from_utf8_lossy(&raw);
    assert!(text.contains("\x1b[?1049l"), "alternate screen not left after SIGTERM");
}
