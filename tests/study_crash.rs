//! The store under real processes: a writer killed with SIGKILL mid-write,
//! and two writers on one database at once.
//!
//! The writers are this test binary itself, re-run with `--ignored --exact
//! writer` and an environment variable saying what to write; each prints a
//! line after every commit, so the parent knows what must have survived.

// Values stored as SQLite REAL must come back exactly.
#![allow(clippy::float_cmp)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use chrono::{Duration, TimeZone, Utc};
use lambda_tutor::study::{AnswerInput, Mode, Outcome, QuestionKey, Scheduler, Store};

const DIR_VAR: &str = "LAMBDA_TUTOR_TEST_WRITER_DIR";
const TAG_VAR: &str = "LAMBDA_TUTOR_TEST_WRITER_TAG";
const COUNT_VAR: &str = "LAMBDA_TUTOR_TEST_WRITER_COUNT";
const PAUSE_VAR: &str = "LAMBDA_TUTOR_TEST_WRITER_PAUSE_MS";
const QUESTIONS: usize = 7;

/// The answer number `i` of writer `tag`: everything about it is derived from
/// `(tag, i)`, so the parent can check every field.
fn nth_answer(tag: &str, i: u64) -> AnswerInput {
    let at = Utc.with_ymd_and_hms(2025, 1, 6, 9, 0, 0).single().expect("date") + Duration::seconds(i as i64);
    AnswerInput {
        key: QuestionKey::new("shared-pack", format!("q{}", i as usize % QUESTIONS)),
        pack_version: "1.0.0".into(),
        topic: format!("topic-{}", i % 3),
        answered_at: at,
        mode: Mode::Quiz,
        outcome: if i.is_multiple_of(4) { Outcome::Incorrect } else { Outcome::Correct },
        seconds: i as f64 / 4.0,
        hints_used: (i % 2) as u32,
        response: format!("{tag}:{i}:{}", "λ".repeat((i % 50) as usize)),
        drill: None,
        title: String::new(),
    }
}

/// The child side. Ignored in normal runs; `spawn_writer` runs it.
#[test]
#[ignore = "helper process for the tests below"]
fn writer() {
    let Ok(dir) = std::env::var(DIR_VAR) else {
        // Run by `cargo test -- --ignored` on its own: nothing to do.
        return;
    };
    let tag = std::env::var(TAG_VAR).expect("writer needs its tag");
    let count: u64 = std::env::var(COUNT_VAR).expect("writer needs a count").parse().expect("count");
    let pause: u64 = std::env::var(PAUSE_VAR).ok().and_then(|p| p.parse().ok()).unwrap_or(0);
    let mut store = Store::open(Path::new(&dir)).expect("writer opens the store");
    let scheduler = Scheduler::default();
    let mut stdout = std::io::stdout().lock();
    for i in 0..count {
        let recorded = store.record_answer(&nth_answer(&tag, i), &scheduler, None).expect("record");
        // Printed only after the commit returned: this answer is durable.
        std::io::Write::write_all(&mut stdout, format!("COMMITTED {tag} {i} {}\n", recorded.id).as_bytes())
            .expect("print");
        std::io::Write::flush(&mut stdout).expect("flush");
        if pause > 0 {
            std::thread::sleep(std::time::Duration::from_millis(pause));
        }
    }
    std::io::Write::write_all(&mut stdout, b"DONE\n").expect("print");
}

fn spawn_writer(dir: &Path, tag: &str, count: u64, pause_ms: u64) -> Child {
    Command::new(std::env::current_exe().expect("test binary"))
        .args(["writer", "--exact", "--ignored", "--nocapture", "--test-threads=1", "-q"])
        .env(DIR_VAR, dir)
        .env(TAG_VAR, tag)
        .env(COUNT_VAR, count.to_string())
        .env(PAUSE_VAR, pause_ms.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn writer")
}

/// Committed answer numbers (`i`) of a writer's stdout lines.
fn committed(line: &str, tag: &str) -> Option<u64> {
    let rest = line.strip_prefix("COMMITTED ")?;
    let mut parts = rest.split(' ');
    (parts.next()? == tag).then_some(())?;
    parts.next()?.parse().ok()
}

/// Every answer of `tag` in the store is exactly `nth_answer(tag, i)` for
/// i = 0, 1, 2, … with no gap; returns how many there are.
fn check_answers(store: &Store, tag: &str) -> u64 {
    let rows: Vec<_> =
        store.answers().expect("answers").into_iter().filter(|r| r.response.starts_with(&format!("{tag}:"))).collect();
    let mut numbers: Vec<u64> = Vec::new();
    for r in &rows {
        let i: u64 = r.response.split(':').nth(1).expect("number").parse().expect("parse");
        let want = nth_answer(tag, i);
        assert_eq!(r.question_id, want.key.question);
        assert_eq!(r.topic, want.topic);
        assert_eq!(r.answered_at, want.answered_at);
        assert_eq!(r.correct, want.outcome.checked());
        assert_eq!(r.seconds, want.seconds);
        assert_eq!(r.hints_used, want.hints_used);
        assert_eq!(r.response, want.response);
        numbers.push(i);
    }
    numbers.sort_unstable();
    let expected: Vec<u64> = (0..numbers.len() as u64).collect();
    assert_eq!(numbers, expected, "answers of {tag} form an unbroken prefix");
    numbers.len() as u64
}

/// Each card was updated exactly once per answer to its question: an answer
/// and its card update commit together or not at all.
fn check_cards(store: &Store) {
    let mut per_question: HashMap<String, u32> = HashMap::new();
    for r in store.answers().expect("answers") {
        *per_question.entry(r.question_id).or_default() += 1;
    }
    let cards = store.cards().expect("cards");
    assert_eq!(cards.len(), per_question.len());
    for (key, card) in cards {
        assert_eq!(card.reps, per_question[&key.question], "card {key}: reps = answers");
    }
}

#[test]
fn a_writer_killed_mid_write_loses_nothing_it_committed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut total_seen = 0;
    // Kill it three times on the same database: each run recovers the last.
    for round in 0..3 {
        let tag = format!("run{round}");
        let mut child = spawn_writer(dir.path(), &tag, 1_000_000, 0);
        let stdout = child.stdout.take().expect("stdout");
        let mut last = None;
        let mut killed = false;
        // Read to the end: the writer runs ahead of this reader (the pipe
        // buffers its lines), so the last answer it reported committed is
        // only known once its output is drained after the kill.
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some(i) = committed(&line, &tag) {
                last = Some(i);
                if !killed && i >= 40 + 25 * round {
                    // SIGKILL while it is in the middle of a later write.
                    child.kill().expect("SIGKILL");
                    killed = true;
                }
            }
        }
        child.wait().expect("reap");
        let last = last.expect("the writer committed something before the kill");
        let store = Store::open(dir.path()).expect("the database opens after a kill");
        let stored = check_answers(&store, &tag);
        // Every answer reported committed is there; at most the one in
        // flight (committed but not yet printed) is extra.
        assert!(stored > last, "answer {last} was committed but is missing ({stored} stored)");
        assert!(stored <= last + 2, "{stored} stored, {last} printed");
        check_cards(&store);
        println!(
            "round {round}: SIGKILL after answer {last} was reported committed; reopened: {stored} answers, all intact"
        );
        total_seen += stored;
    }
    let store = Store::open(dir.path()).expect("open");
    assert_eq!(store.answers().expect("answers").len() as u64, total_seen);
}

#[test]
fn two_processes_writing_at_once_both_keep_everything() {
    const EACH: u64 = 150;
    let dir = tempfile::tempdir().expect("tempdir");
    // Both start on a database that does not exist yet: they also race to
    // create and migrate it. A short pause between answers (people answer
    // at human pace) lets their writes interleave rather than run in turn.
    let mut a = spawn_writer(dir.path(), "alpha", EACH, 3);
    let mut b = spawn_writer(dir.path(), "beta", EACH, 3);
    let out_a = std::io::read_to_string(a.stdout.take().expect("stdout")).expect("read");
    let out_b = std::io::read_to_string(b.stdout.take().expect("stdout")).expect("read");
    assert!(a.wait().expect("wait").success(), "alpha failed:\n{out_a}");
    assert!(b.wait().expect("wait").success(), "beta failed:\n{out_b}");
    assert!(out_a.contains("DONE") && out_b.contains("DONE"));
    let store = Store::open(dir.path()).expect("open");
    assert_eq!(check_answers(&store, "alpha"), EACH);
    assert_eq!(check_answers(&store, "beta"), EACH);
    // Both wrote the same seven questions: every card update was kept.
    check_cards(&store);
    let cards = store.cards().expect("cards");
    let reps: u32 = cards.values().map(|c| c.reps).sum();
    assert_eq!(u64::from(reps), 2 * EACH);
    // And they really did write at the same time.
    let mut rows = store.answers().expect("answers");
    rows.sort_by_key(|r| r.id);
    let switches = rows.windows(2).filter(|w| w[0].response[..2] != w[1].response[..2]).count();
    assert!(switches >= 10, "writes barely interleaved ({switches} switches)");
}
