//! The guided learning path through the real binary: every mode can ask
//! and grade every question a quiz can, summaries read as plain text, and
//! the study loop has no dead ends.

#[path = "support/learner.rs"]
mod learner;

use std::time::Duration;

#[test]
fn plain_drill_reaches_its_score_for_any_seed() {
    for seed in (1..=12).map(|s| s.to_string()) {
        let seed = seed.as_str();
        let data = tempfile::tempdir().expect("temp dir");
        let walk = learner::walk(
            data.path(),
            &["drill", "--plain", "--count", "12", "--seed", seed],
            200,
            Duration::from_secs(60),
        );
        assert_eq!(walk.code, Some(0), "seed {seed}:\n{}", walk.out);
        assert!(
            !walk.out.contains("not available"),
            "seed {seed}: a predict question could not be graded:\n{}",
            walk.out
        );
        assert!(walk.out.contains("Score: "), "seed {seed}:\n{}", walk.out);
        assert!(walk.out.contains("Question 12/12"), "seed {seed}: all twelve asked:\n{}", walk.out);
    }
}

#[test]
fn plain_review_grades_a_due_predict_question() {
    use chrono::{Duration as Days, Utc};
    use lambda_tutor::study::{AnswerInput, Mode, Outcome, QuestionKey, ScheduleConfig, Scheduler, Store};
    let data = tempfile::tempdir().expect("temp dir");
    {
        // Answered in a quiz ten days ago, so due now; no new questions today.
        let mut store = Store::open(data.path()).expect("store");
        let answer = AnswerInput {
            key: QuestionKey::new("simulator", "keep-alive-cliff-cold-starts"),
            pack_version: "1.0.0".into(),
            topic: "cold-starts".into(),
            answered_at: Utc::now() - Days::days(10),
            mode: Mode::Quiz,
            outcome: Outcome::Correct,
            seconds: 5.0,
            hints_used: 0,
            response: "8".into(),
            drill: None,
            title: "How many of the 8 requests start cold?".into(),
        };
        store.record_answer(&answer, &Scheduler::default(), None).expect("recorded");
        let config = ScheduleConfig { daily_new_limit: 0, ..ScheduleConfig::default() };
        store.set_schedule_config(&config, Utc::now()).expect("set");
    }
    let walk = learner::walk(data.path(), &["review", "--plain"], 20, Duration::from_secs(60));
    assert_eq!(walk.code, Some(0), "{}", walk.out);
    assert!(walk.out.starts_with("Review: 1 due, 0 new.\n"), "{}", walk.out);
    assert!(!walk.out.contains("not available"), "{}", walk.out);
    assert!(walk.out.contains("> 1\nIncorrect. Answer: "), "the prediction is graded:\n{}", walk.out);
    assert!(walk.out.contains("Score: 0/1 (0%)"), "{}", walk.out);
}

fn run(data: &std::path::Path, args: &[&str], input: &str) -> (String, String, Option<i32>) {
    let output = assert_cmd::Command::new(env!("CARGO_BIN_EXE_lambda-tutor"))
        .env("LAMBDA_TUTOR_DATA", data)
        .env("NO_COLOR", "1")
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
fn quiz_count_zero_gives_the_real_reason() {
    let data = tempfile::tempdir().expect("temp dir");
    let (_, err, code) = run(data.path(), &["quiz", "--plain", "--count", "0"], "");
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--count 0 asks for no questions"), "{err}");
    assert!(!err.contains("predict"), "{err}");
}

#[test]
fn quiz_on_a_lesson_asks_only_that_lessons_questions() {
    let data = tempfile::tempdir().expect("temp dir");
    let walk = learner::walk(
        data.path(),
        &["quiz", "--plain", "--lesson", "what-is-serverless", "--seed", "3"],
        100,
        Duration::from_secs(60),
    );
    assert_eq!(walk.code, Some(0), "{}", walk.out);
    let reads: Vec<&str> = walk.out.lines().filter(|l| l.starts_with("Read more: ")).collect();
    assert!(!reads.is_empty(), "{}", walk.out);
    assert!(reads.iter().all(|l| *l == "Read more: lambda-tutor read what-is-serverless"), "{reads:?}");
    let (_, err, code) = run(data.path(), &["quiz", "--plain", "--lesson", "no-such-lesson"], "");
    assert_eq!(code, Some(2));
    assert!(err.contains("no questions on lesson no-such-lesson"), "{err}");
}

/// Review brings new questions only from lessons the learner opened, and
/// `--new N` is remembered.
#[test]
fn review_introduces_only_opened_material_and_remembers_the_new_limit() {
    use lambda_tutor::study::Store;
    let data = tempfile::tempdir().expect("temp dir");
    let (out, err, code) = run(data.path(), &["review", "--plain"], "");
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("Nothing to review"), "a fresh learner has opened nothing:\n{out}");
    Store::open(data.path())
        .expect("store")
        .open_lesson("builtin", "what-is-serverless", chrono::Utc::now())
        .expect("open");
    let (out, err, code) = run(data.path(), &["review", "--plain", "--new", "3"], "");
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("New questions a day: 3 questions (remembered).\nReview: 0 due, 3 new.\n"), "{out}");
    let reads: Vec<&str> = out.lines().filter(|l| l.starts_with("Read more: ")).collect();
    assert!(reads.iter().all(|l| *l == "Read more: lambda-tutor read what-is-serverless"), "{out}");
    let config = Store::open(data.path()).expect("store").schedule_config().expect("config");
    assert_eq!(config.daily_new_limit, 3);
}

/// Every option and argument of every subcommand says what it does in `--help`.
#[test]
fn every_option_has_help_text() {
    use clap::CommandFactory;
    let cli = lambda_tutor::cli::Cli::command();
    let mut missing = Vec::new();
    for sub in cli.get_subcommands() {
        for arg in sub.get_arguments() {
            if arg.get_id() != "help" && arg.get_help().is_none() && !arg.is_global_set() {
                missing.push(format!("{} {}", sub.get_name(), arg.get_id()));
            }
        }
    }
    assert!(missing.is_empty(), "options without help: {missing:?}");
}
