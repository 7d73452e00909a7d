//! Plain mode covers every interactive mode: `quiz`, `review` and `drill`
//! work line by line through a pipe (with `--plain`, and on their own when
//! stdin or stdout is not a terminal), `simulate` without a terminal prints
//! the headless text summary, and the full-screen home refuses a pipe with
//! a pointer to the plain commands. Output is checked to be free of escape
//! sequences, as a screen reader or a script needs.

#[path = "hostile_support/common.rs"]
mod common;

use common::{Run, run};

/// What SPEC.md's plain mode promises of a question, in `out`; with
/// `choices`, the first question is known to list choices.
fn assert_plain_protocol(out: &str, choices: bool) {
    assert!(out.starts_with("Question 1/") || out.contains("\nQuestion 1/"), "no `Question 1/M [topic]`:\n{out}");
    let header = out.lines().find(|l| l.starts_with("Question 1/")).expect("header");
    assert!(header.contains(" [") && header.ends_with(']'), "{header:?}");
    assert!(out.contains("\n> "), "a `> ` prompt:\n{out}");
    if choices {
        assert!(out.lines().any(|l| l.starts_with("  1. ")), "choices as `  K. text`:\n{out}");
        assert!(out.lines().any(|l| l.starts_with("Correct") || l.starts_with("Incorrect")), "a verdict:\n{out}");
    }
}

/// A command that is not in this build yet says so (exit 2); anything
/// else must be the real thing.
fn available(r: &Run) -> bool {
    if r.err().contains("is not available in this build yet") {
        r.assert_code(2);
        return false;
    }
    true
}

#[test]
fn quiz_plain_through_a_pipe_follows_the_spec() {
    let data = tempfile::tempdir().expect("temp dir");
    for args in [
        &["quiz", "lambda-basics", "--plain", "--count", "3", "--seed", "4"][..],
        // No --plain: a pipe is not a terminal, so plain mode all the same.
        &["quiz", "lambda-basics", "--count", "3", "--seed", "4"],
    ] {
        let r = run(data.path(), args, b"1\n1\n1\nn\n");
        r.assert_code(0).assert_clean();
        let out = r.out();
        assert_plain_protocol(&out, true);
        assert!(out.contains("\nScore: ") && out.contains("%)"), "`Score: N/M (P%)`:\n{out}");
        assert!(out.contains("By topic:"), "a per-topic breakdown:\n{out}");
    }
    // End of input mid-quiz ends the session cleanly, with the score so far.
    let r = run(data.path(), &["quiz", "lambda-basics", "--plain", "--count", "3", "--seed", "4"], b"1\n");
    r.assert_code(0).assert_clean();
    assert!(r.out().contains("Score: "), "{}", r.out());
    // No input at all (a new quiz in place of the one left above, said so).
    run(data.path(), &["quiz", "lambda-basics", "--plain", "--new"], b"").assert_code(0).assert_clean();
}

#[test]
fn review_plain_through_a_pipe() {
    let data = tempfile::tempdir().expect("temp dir");
    for args in [&["review", "--plain"][..], &["review"]] {
        let r = run(data.path(), args, b"1\n");
        r.assert_sane().assert_clean();
        if !available(&r) {
            continue;
        }
        r.assert_code(0);
        let out = r.out();
        assert!(out.starts_with("Review: ") || out.starts_with("Nothing to review"), "{out}");
        if out.starts_with("Review: ") {
            assert_plain_protocol(&out, false);
        }
    }
}

#[test]
fn drill_plain_through_a_pipe() {
    let data = tempfile::tempdir().expect("temp dir");
    for args in [&["drill", "--plain", "--count", "2", "--seed", "1"][..], &["drill", "--count", "2", "--seed", "1"]] {
        let r = run(data.path(), args, b"1\n1\n");
        r.assert_sane().assert_clean();
        if !available(&r) {
            continue;
        }
        r.assert_code(0);
        let out = r.out();
        assert!(out.starts_with("Drill: "), "{out}");
        assert_plain_protocol(&out, false);
        assert!(out.contains("Score: "), "{out}");
    }
}

#[test]
fn simulate_without_a_terminal_prints_the_text_summary() {
    let data = tempfile::tempdir().expect("temp dir");
    for args in [&["simulate"][..], &["simulate", "keep-alive-cliff", "--seed", "2"]] {
        let r = run(data.path(), args, b"");
        r.assert_code(0).assert_clean();
        let out = r.out();
        assert!(!out.trim_start().starts_with('{'), "text, not JSON:\n{out}");
        for label in ["invocations", "throttled", "cold starts", "environments", "concurrency", "latency", "cost"] {
            assert!(out.lines().any(|l| l.starts_with(label)), "no `{label}` line:\n{out}");
        }
    }
    // The same run as JSON agrees on the figures.
    let text = run(data.path(), &["simulate", "keep-alive-cliff", "--seed", "2"], b"").out();
    let json = run(data.path(), &["simulate", "keep-alive-cliff", "--seed", "2", "--json"], b"");
    let summary: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON summary");
    let cold = summary["cold_starts"].as_u64().expect("cold_starts");
    let line = text.lines().find(|l| l.starts_with("cold starts")).expect("cold starts line");
    assert!(line.replace(',', "").contains(&format!(" {cold} (")), "{line} vs {cold}");
}

#[test]
fn the_full_screen_home_in_a_pipe_points_to_the_plain_commands() {
    let data = tempfile::tempdir().expect("temp dir");
    let r = run(data.path(), &[] as &[&str], b"");
    r.assert_code(2).assert_clean();
    for pointer in ["quiz --plain", "review --plain", "drill --plain", "simulate --json"] {
        r.assert_stderr_has(pointer);
    }
}
