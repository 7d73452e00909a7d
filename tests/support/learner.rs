//! A scripted learner for plain mode: runs the real binary, waits for each
//! `> ` prompt and answers it in a way the question accepts (pairs for a
//! match question, a full order for an order question, a grade for a card),
//! so a session can be walked to its end whatever questions it draws.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Everything the program printed, and its exit code.
pub struct Walk {
    pub out: String,
    pub code: Option<i32>,
}

/// The answer a learner who knows nothing gives to the question shown in
/// `screen` (the text since the last answer), or `None` to end the input.
fn answer(screen: &str, question: &str) -> String {
    let items = question
        .lines()
        .filter(|l| l.trim_start().split_once(". ").is_some_and(|(n, _)| n.parse::<usize>().is_ok()))
        .count();
    if screen.contains("How well did you recall it") || screen.contains("Type again, hard, good or easy") {
        "good".to_owned()
    } else if screen.contains("Recall the answer, then press Enter") {
        String::new()
    } else if screen.contains("Pair each number with a letter") || screen.contains("Pair every number") {
        (0..items)
            .map(|k| format!("{}{}", k + 1, char::from(b'a' + u8::try_from(k).unwrap_or(0))))
            .collect::<Vec<_>>()
            .join(" ")
    } else if screen.contains("in the right order") || screen.contains("every item number") {
        (1..=items).map(|k| k.to_string()).collect::<Vec<_>>().join(" ")
    } else if screen.contains("True or false?") {
        "true".to_owned()
    } else if screen.contains("(y/n)") || screen.contains("Type y or n") {
        "n".to_owned()
    } else {
        "1".to_owned()
    }
}

/// Run `lambda-tutor args` with `data` as the data directory and answer
/// every prompt, at most `limit` of them, failing after `timeout`.
pub fn walk(data: &Path, args: &[&str], limit: usize, timeout: Duration) -> Walk {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lambda-tutor"))
        .env("LAMBDA_TUTOR_DATA", data)
        .env("NO_COLOR", "1")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut stdin = child.stdin.take();
    let mut out = String::new();
    let mut answered_at = 0;
    let mut answers = 0;
    let deadline = Instant::now() + timeout;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        assert!(!left.is_zero(), "timed out; output so far:\n{out}");
        match rx.recv_timeout(left.min(Duration::from_millis(200))) {
            Ok(chunk) => out.push_str(&String::from_utf8_lossy(&chunk)),
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        if out.ends_with("> ") && out.len() > answered_at {
            let screen = &out[answered_at..];
            answered_at = out.len();
            if answers >= limit {
                stdin = None;
                continue;
            }
            let question = out.rfind("\nQuestion ").map_or(screen, |i| &out[i..]);
            let line = answer(screen, question);
            answers += 1;
            if let Some(pipe) = stdin.as_mut() {
                let _ = writeln!(pipe, "{line}");
            }
        }
    }
    drop(stdin);
    let status = child.wait().expect("exits");
    Walk { out, code: status.code() }
}
