//! Plain review, drill and quiz through a pipe: the real binary, answers
//! on stdin, progress in a temporary data directory, read back with the
//! library.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::{Duration, Utc};
use lambda_tutor::study::{AnswerInput, Mode, Outcome, QuestionKey, ScheduleConfig, Scheduler, Store};

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/every-type.toml")
}

fn run(data: &Path, args: &[&str], input: &str) -> (String, String, Option<i32>) {
    let output = assert_cmd::Command::new(env!("CARGO_BIN_EXE_lambda-tutor"))
        .env("LAMBDA_TUTOR_DATA", data)
        .args(args)
        .write_stdin(input)
        .output()
        .expect("runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code(),
    )
}

#[test]
fn plain_review_asks_what_is_due_and_says_when_it_comes_back() {
    let data = tempfile::tempdir().expect("temp dir");
    let pack = fixture();
    let pack = pack.to_str().expect("utf-8 path");
    {
        // Answered ten days ago, so due now; no new questions today.
        let mut store = Store::open(data.path()).expect("store");
        let answer = AnswerInput {
            key: QuestionKey::new("every-type", "default-timeout"),
            pack_version: "2.1.0".into(),
            topic: "limits".into(),
            answered_at: Utc::now() - Duration::days(10),
            mode: Mode::Quiz,
            outcome: Outcome::Correct,
            seconds: 5.0,
            hints_used: 0,
            response: "3 seconds".into(),
            drill: None,
            title: String::new(),
        };
        store.record_answer(&answer, &Scheduler::default(), None).expect("recorded");
        let config = ScheduleConfig { daily_new_limit: 0, ..ScheduleConfig::default() };
        store.set_schedule_config(&config, Utc::now()).expect("set");
    }
    let (out, err, code) = run(data.path(), &["review", "--plain", "--pack", pack], "2\n");
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("Review: 1 due, 0 new.\nQuestion 1/1 [limits]\n"), "{out}");
    assert!(out.contains("> 2\nCorrect. Answer: 2. 3 seconds\n"), "{out}");
    assert!(out.contains("\nNext review in "), "{out}");
    assert!(out.contains("Score: 1/1 (100%)\n"), "{out}");
    assert!(!out.contains("Retry"), "{out}");
    let store = Store::open(data.path()).expect("store");
    let answers = store.answers().expect("answers");
    assert_eq!(answers.len(), 2);
    assert_eq!((answers[1].mode, answers[1].correct), (Mode::Review, Some(true)));
    drop(store);
    // Reviewed: nothing more is due today.
    let (out, _, code) = run(data.path(), &["review", "--plain", "--pack", pack], "");
    assert_eq!(code, Some(0));
    assert!(out.starts_with("Nothing to review now: 1 question is scheduled. The next one comes back in "), "{out}");
}

/// A pack whose topic no built-in pack uses, so a drill on it is scripted.
fn drill_pack(dir: &Path) -> PathBuf {
    let path = dir.join("drill-only.toml");
    let mut text = String::from(
        "format = 1\n[pack]\nid = \"drill-only\"\ntitle = \"Drill only\"\nversion = \"1\"\ndescription = \"Tests.\"\n",
    );
    for i in 1..=3 {
        let _ = write!(
            text,
            "[[questions]]\nid = \"q{i}\"\ntype = \"single\"\ntopic = \"drill-only\"\nprompt = \"Question {i}?\"\n\
             choices = [\"right\", \"wrong\"]\nanswer = \"right\"\nshuffle = false\nexplanation = \"The first is right.\"\n"
        );
    }
    std::fs::write(&path, text).expect("write pack");
    path
}

#[test]
fn plain_drill_prints_the_time_left_and_its_report_and_compares_with_the_last() {
    let data = tempfile::tempdir().expect("temp dir");
    let pack = drill_pack(data.path());
    let pack = pack.to_str().expect("utf-8 path");
    let args =
        ["drill", "--plain", "--count", "2", "--minutes", "5", "--seed", "1", "--topic", "drill-only", "--pack", pack];
    let (out, err, code) = run(data.path(), &args, "1\n2\n");
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("Drill: up to 2 questions in 5 minutes, no hints."), "{out}");
    // The first question comes with the full five minutes less the time the
    // program took to start and build the drill: a second or two, more on a
    // loaded two-core machine, never more than a few.
    let left = out.split("\nTime left: ").nth(1).and_then(|rest| rest.split_once('\n')).expect("a time-left line");
    assert!(left.1.starts_with("Question 1/2 [drill-only]\n"), "{out}");
    let (minutes, seconds) = left.0.split_once(':').expect("M:SS");
    let seconds_left = minutes.parse::<u32>().expect("minutes") * 60 + seconds.parse::<u32>().expect("seconds");
    assert!((290..=300).contains(&seconds_left), "time left at the first question: {}", left.0);
    assert!(!out.contains("? for a hint"), "no hints in a drill: {out}");
    assert!(out.contains("Score: 1/2 (50%)\n"), "{out}");
    assert!(out.contains("Drill: 2 questions in ") && out.contains("Time per question:\n"), "{out}");
    assert!(out.contains("Trend: 50% — your first drill"), "{out}");
    let (out, _, code) = run(data.path(), &args, "1\n1\n");
    assert_eq!(code, Some(0));
    assert!(out.contains("Trend: 100%, up 50 points on your last drill (50%)."), "{out}");
    assert!(out.contains("Against earlier drills:\n  drill-only: 100% (before: 50%)\n"), "{out}");
    let store = Store::open(data.path()).expect("store");
    let drills = store.drills().expect("drills");
    assert_eq!(drills.len(), 2);
    assert!(drills.iter().all(|d| d.finished_at.is_some() && d.answered == 2));
}

#[test]
fn plain_drill_with_an_unknown_topic_is_a_usage_error() {
    let data = tempfile::tempdir().expect("temp dir");
    let (out, err, code) = run(data.path(), &["drill", "--plain", "--topic", "no-such-topic"], "");
    assert_eq!(code, Some(2));
    assert!(out.is_empty());
    assert!(err.starts_with("lambda-tutor: no questions match --topic no-such-topic (topics: "), "{err}");
}

#[test]
fn a_plain_quiz_records_answers_and_keeps_an_unfinished_quiz_to_continue() {
    let data = tempfile::tempdir().expect("temp dir");
    let pack = fixture();
    let pack = pack.to_str().expect("utf-8 path");
    // Two questions; input ends after the first.
    let (out, err, code) = run(data.path(), &["quiz", pack, "--seed", "1", "--count", "2", "--plain"], "2\n");
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("Correct. Answer: 2. 3 seconds"), "{out}");
    let store = Store::open(data.path()).expect("store");
    let answers = store.answers().expect("answers");
    assert_eq!(answers.len(), 1);
    assert_eq!((answers[0].mode, answers[0].response.as_str()), (Mode::Quiz, "3 seconds"));
    let saved = store.quiz_progress().expect("read").expect("an unfinished quiz");
    assert_eq!(saved.description, "Every question type — question 2 of 2");
    drop(store);
    // Finished this time (a new quiz, said with --new): nothing is left to continue.
    let (_, _, code) =
        run(data.path(), &["quiz", pack, "--seed", "1", "--count", "2", "--plain", "--new"], "2\ninit\nn\n");
    assert_eq!(code, Some(0));
    let store = Store::open(data.path()).expect("store");
    assert!(store.quiz_progress().expect("read").is_none());
    assert_eq!(store.answers().expect("answers").len(), 3);
}

/// Through a pipe nobody can be asked: a new quiz over an unfinished one
/// is refused (exit 2, naming both flags) and the unfinished one kept;
/// `--resume` continues it where it was left; `--new` replaces it.
#[test]
fn a_scripted_quiz_never_replaces_the_unfinished_one_untold() {
    let data = tempfile::tempdir().expect("temp dir");
    let pack = fixture();
    let pack = pack.to_str().expect("utf-8 path");
    let args = ["quiz", pack, "--seed", "1", "--count", "2", "--plain"];
    let (out, _, code) = run(data.path(), &args, "2\n");
    assert_eq!(code, Some(0));
    assert!(out.trim_end().ends_with("(run: lambda-tutor quiz --resume --plain)"), "{out}");
    let saved = |dir: &std::path::Path| Store::open(dir).expect("store").quiz_progress().expect("read");
    let before = saved(data.path()).expect("an unfinished quiz");

    let (out, err, code) = run(data.path(), &["quiz", pack, "--seed", "9", "--plain"], "1\n");
    assert_eq!(code, Some(2), "{out}");
    assert_eq!(out, "", "nothing asked");
    assert_eq!(
        err,
        "lambda-tutor: an unfinished quiz (Every question type, 1 of 2 answered) is kept: pass --resume to continue \
         it, or --new to replace it with this quiz\n"
    );
    assert_eq!(saved(data.path()), Some(before), "kept as it was");

    // --resume: the second question, then the end and the next step.
    // A pack from a file comes back with --pack, as the message says.
    let (out, err, code) = run(data.path(), &["--pack", pack, "quiz", "--resume", "--plain"], "init\nn\n");
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("Question 2/2 ["), "{out}");
    assert!(out.contains("Score: 2/2 (100%)"), "the first answer counts too:\n{out}");
    assert!(saved(data.path()).is_none(), "finished: nothing left to continue");
    let (_, err, code) = run(data.path(), &["quiz", "--resume", "--plain"], "");
    assert_eq!(
        (code, err.as_str()),
        (Some(2), "lambda-tutor: no unfinished quiz to continue (`lambda-tutor quiz` starts one)\n")
    );
    let (_, err, code) = run(data.path(), &["quiz", "--resume", "--new"], "");
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("cannot be used with"), "{err}");

    // --new replaces an unfinished quiz without asking.
    run(data.path(), &args, "2\n");
    let (out, _, code) = run(data.path(), &["quiz", pack, "--seed", "9", "--count", "1", "--plain", "--new"], "");
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(saved(data.path()).expect("the new one").description, "Every question type — question 1 of 1");
}

/// Every plain session ends with the one step to take next, its reason and
/// the command that takes it: nothing to review, a drill, a finished quiz
/// of a lesson's questions (then the next lesson).
#[test]
fn plain_mode_ends_with_the_next_step_and_its_command() {
    let data = tempfile::tempdir().expect("temp dir");
    let first = "Next: Next lesson: 1. What serverless computing is · 5 min. The next lesson in the course.  \
                 (run: lambda-tutor read what-is-serverless)\n";
    let (out, err, code) = run(data.path(), &["review", "--plain"], "");
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("Nothing to review") && out.ends_with(first), "{out}");
    let (out, err, code) = run(data.path(), &["drill", "--plain", "--count", "1", "--seed", "3"], "1\n\n1\n");
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("Score: ") && out.ends_with(first), "{out}");
    // Lesson 1 read (and nothing answered yet): its quiz is next, by its command.
    let data = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(data.path()).expect("store");
    store.open_lesson("builtin", "what-is-serverless", chrono::Utc::now()).expect("opened");
    store.complete_lesson("builtin", "what-is-serverless", chrono::Utc::now()).expect("completed");
    drop(store);
    let (out, _, _) = run(data.path(), &["review", "--plain"], "");
    let next = out.lines().last().unwrap_or_default();
    assert!(
        next.starts_with("Next: Quiz: ")
            && next.ends_with("(run: lambda-tutor quiz --lesson what-is-serverless --plain)"),
        "{out}"
    );
}
