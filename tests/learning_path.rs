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
