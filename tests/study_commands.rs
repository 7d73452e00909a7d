//! `stats` and `history` through the real binary.

use assert_cmd::Command;
use chrono::{Duration, Utc};
use lambda_tutor::study::drill::DrillSize;
use lambda_tutor::study::history::COLUMNS;
use lambda_tutor::study::{AnswerInput, DrillSpec, Grade, Mode, Outcome, QuestionKey, Scheduler, Store, database_path};

fn bin() -> Command {
    let mut cmd = Command::cargo_bin("lambda-tutor").expect("binary");
    cmd.env_remove("LAMBDA_TUTOR_DATA").env("NO_COLOR", "1");
    cmd
}

/// A small history: answers yesterday and today, one drill, one lesson.
fn fill(dir: &std::path::Path) {
    let mut store = Store::open(dir).expect("open");
    let s = Scheduler::default();
    let now = Utc::now();
    let mut add = |q: &str, topic: &str, outcome, at, mode, drill| {
        let a = AnswerInput {
            key: QuestionKey::new("lambda-basics", q),
            pack_version: "1.0.0".into(),
            topic: topic.into(),
            answered_at: at,
            mode,
            outcome,
            seconds: 12.5,
            hints_used: 1,
            response: "a, \"quoted\"\nanswer".into(),
            drill,
            title: String::new(),
        };
        store.record_answer(&a, &s, None).expect("record");
    };
    add("default-timeout", "limits", Outcome::Correct, now - Duration::days(1), Mode::Quiz, None);
    add("max-memory", "limits", Outcome::Incorrect, now - Duration::days(1), Mode::Quiz, None);
    add("explain-cold-start", "cold-starts", Outcome::SelfGraded(Grade::Good), now, Mode::Review, None);
    let mut store = Store::open(dir).expect("open");
    let id = store.start_drill(&DrillSpec { size: DrillSize::Count(2), seed: 5, topics: vec![] }, now).expect("drill");
    for (q, outcome) in [("default-timeout", Outcome::Correct), ("burst", Outcome::Incorrect)] {
        let a = AnswerInput {
            key: QuestionKey::new("lambda-basics", q),
            pack_version: "1.0.0".into(),
            topic: "limits".into(),
            answered_at: now,
            mode: Mode::Drill,
            outcome,
            seconds: 20.0,
            hints_used: 0,
            response: String::new(),
            drill: Some(id),
            title: String::new(),
        };
        store.record_answer(&a, &s, None).expect("record");
    }
    store.finish_drill(id, now).expect("finish");
    store.open_lesson("builtin", "what-is-lambda", now).expect("lesson");
    store.complete_lesson("builtin", "what-is-lambda", now).expect("lesson");
}

#[test]
fn stats_with_no_database_is_empty_and_creates_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let out = bin().args(["stats", "--json", "--data-dir"]).arg(&data).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["answers"], 0);
    assert_eq!(v["streak"]["current"], 0);
    assert_eq!(v["drills"], serde_json::json!([]));
    assert!(!data.exists(), "reading must not create the data directory");
    let text = bin().arg("stats").env("LAMBDA_TUTOR_DATA", &data).output().expect("run");
    assert!(text.status.success());
    assert!(String::from_utf8_lossy(&text.stdout).starts_with("No progress yet"));
}

#[test]
fn stats_json_and_text_report_the_history() {
    let dir = tempfile::tempdir().expect("tempdir");
    fill(dir.path());
    let out = bin().args(["stats", "--json"]).env("LAMBDA_TUTOR_DATA", dir.path()).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["answers"], 5);
    assert_eq!(v["correct"], 3);
    assert_eq!(v["lessons_completed"], 1);
    assert_eq!(v["cards"], 4);
    assert_eq!(v["topics"][0]["topic"], "cold-starts");
    assert_eq!(v["topics"][1]["answered"], 4);
    assert!(v["streak"]["current"].as_u64().expect("streak") >= 1);
    assert_eq!(v["streak"]["studied_today"], true);
    assert_eq!(v["drills"][0]["answered"], 2);
    assert_eq!(v["drills"][0]["size"], serde_json::json!({"count": 2}));
    for key in ["due_reviews", "study_days", "accuracy", "last_activity", "lessons_started"] {
        assert!(v.get(key).is_some(), "missing {key}");
    }

    let out = bin().arg("stats").arg("--data-dir").arg(dir.path()).output().expect("run");
    let text = String::from_utf8(out.stdout).expect("utf8");
    assert!(text.contains("Answers        5 (60% right)"), "{text}");
    assert!(text.contains("Lessons        1 completed, 1 started"), "{text}");
    assert!(text.contains("cold-starts"), "{text}");
    assert!(text.contains("1/2   50%"), "{text}");
    assert!(!text.contains('\u{1b}'));
}

#[test]
fn history_csv_has_every_field_properly_quoted() {
    let dir = tempfile::tempdir().expect("tempdir");
    fill(dir.path());
    let out_file = dir.path().join("history.csv");
    let status = bin()
        .args(["history", "--format", "csv", "-o"])
        .arg(&out_file)
        .arg("--data-dir")
        .arg(dir.path())
        .output()
        .expect("run");
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    assert!(status.stdout.is_empty());
    let text = std::fs::read_to_string(&out_file).expect("read");
    let header = text.lines().next().expect("header");
    assert_eq!(header, COLUMNS.join(","));
    // Five records; the quoted response spans two physical lines.
    assert_eq!(text.matches(",lambda-basics,").count(), 5, "{text}");
    assert!(text.contains(",\"a, \"\"quoted\"\"\nanswer\","), "{text}");
    assert!(text.contains(",quiz,false,again,12.5,1,"), "{text}");
    assert!(text.contains(",review,,good,12.5,1,"), "{text}");
    assert!(text.contains(",drill,true,good,20,0,,1,"), "{text}");
}

#[test]
fn history_json_is_an_array_of_complete_records() {
    let dir = tempfile::tempdir().expect("tempdir");
    fill(dir.path());
    let out = bin().args(["history", "--format", "json"]).env("LAMBDA_TUTOR_DATA", dir.path()).output().expect("run");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let rows = v.as_array().expect("array");
    assert_eq!(rows.len(), 5);
    for row in rows {
        let keys: Vec<&str> = row.as_object().expect("object").keys().map(String::as_str).collect();
        let mut want = COLUMNS.to_vec();
        want.sort_unstable();
        let mut got = keys.clone();
        got.sort_unstable();
        assert_eq!(got, want);
    }
    assert_eq!(rows[2]["correct"], serde_json::Value::Null);
    assert_eq!(rows[2]["grade"], "good");
    assert_eq!(rows[0]["response"], "a, \"quoted\"\nanswer");
    assert!(rows[0]["answered_at"].as_str().expect("time").ends_with('Z'));
    // No database: an empty array, and still no file.
    let empty = tempfile::tempdir().expect("tempdir");
    let out = bin().args(["history", "--format", "json", "--data-dir"]).arg(empty.path()).output().expect("run");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
    assert!(!database_path(empty.path()).exists());
}

#[test]
fn a_damaged_database_is_reported_with_its_path_and_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = database_path(dir.path());
    std::fs::write(&path, b"this is not a database, it is a shopping list\n".repeat(20)).expect("write");
    let before = std::fs::read(&path).expect("read");
    for args in [&["stats"][..], &["history", "--format", "csv"]] {
        let out = bin().args(args).arg("--data-dir").arg(dir.path()).output().expect("run");
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&path.display().to_string()) && err.contains("left untouched"), "{err}");
    }
    assert_eq!(std::fs::read(&path).expect("read"), before);
}
