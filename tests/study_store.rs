//! The progress store against real files: round trips, migration from an
//! older schema, damaged and foreign files, a newer schema.

// Values stored as SQLite REAL must come back exactly.
#![allow(clippy::float_cmp)]

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, FixedOffset, TimeZone, Utc};
use lambda_tutor::study::drill::DrillSize;
use lambda_tutor::study::store::schema;
use lambda_tutor::study::{
    AnswerInput, DrillSpec, Grade, Mode, Outcome, QuestionKey, QuizProgress, Resume, ScheduleConfig, Scheduler, Store,
    StoreError, database_path,
};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 6, 18, 0, 0).single().expect("date")
}

fn utc_now(at: DateTime<Utc>) -> DateTime<FixedOffset> {
    at.fixed_offset()
}

fn answer(question: &str, topic: &str, outcome: Outcome, at: DateTime<Utc>) -> AnswerInput {
    AnswerInput {
        key: QuestionKey::new("lambda-basics", question),
        pack_version: "1.2.0".into(),
        topic: topic.into(),
        answered_at: at,
        mode: Mode::Quiz,
        outcome,
        seconds: 7.25,
        hints_used: 0,
        response: "3 seconds, \"probably\"".into(),
        drill: None,
        title: String::new(),
    }
}

#[test]
fn answers_round_trip_with_every_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(dir.path()).expect("open");
    let s = Scheduler::default();
    let mut a = answer("default-timeout", "limits", Outcome::Correct, t0());
    a.hints_used = 2;
    let first = store.record_answer(&a, &s, None).expect("record");
    assert!(first.first_time);
    assert_eq!(first.grade, Grade::Hard, "a hinted right answer is hard");
    let mut card = answer("explain-cold-start", "cold-starts", Outcome::SelfGraded(Grade::Easy), t0());
    card.mode = Mode::Review;
    card.response = String::new();
    store.record_answer(&card, &s, None).expect("record card");
    drop(store);

    let store = Store::open(dir.path()).expect("reopen");
    let rows = store.answers().expect("answers");
    assert_eq!(rows.len(), 2);
    let r = &rows[0];
    assert_eq!(
        (r.pack_id.as_str(), r.question_id.as_str(), r.pack_version.as_str()),
        ("lambda-basics", "default-timeout", "1.2.0")
    );
    assert_eq!((r.topic.as_str(), r.mode, r.correct, r.grade), ("limits", Mode::Quiz, Some(true), Grade::Hard));
    assert_eq!((r.seconds, r.hints_used, r.response.as_str()), (7.25, 2, "3 seconds, \"probably\""));
    assert_eq!(r.answered_at, t0());
    assert_eq!(rows[1].correct, None);
    assert_eq!(rows[1].grade, Grade::Easy);
    assert_eq!(rows[1].mode, Mode::Review);
    let stored = store.card(&QuestionKey::new("lambda-basics", "default-timeout")).expect("card").expect("exists");
    assert_eq!(stored, first.card);
    assert_eq!(store.cards().expect("cards").len(), 2);
}

#[test]
fn lessons_resume_and_settings_round_trip() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(dir.path()).expect("open");
    assert_eq!(store.resume().expect("resume"), None);
    let p = store.open_lesson("builtin", "what-is-lambda", t0()).expect("open lesson");
    assert_eq!(p.position, 0);
    store.save_position("builtin", "what-is-lambda", 17, t0() + Duration::minutes(3)).expect("save");
    store.complete_lesson("builtin", "what-is-lambda", t0() + Duration::minutes(5)).expect("complete");
    store.complete_lesson("builtin", "what-is-lambda", t0() + Duration::days(1)).expect("complete again");
    // Reopening returns the saved position.
    let again = store.open_lesson("builtin", "what-is-lambda", t0() + Duration::days(2)).expect("reopen");
    assert_eq!(again.position, 17);
    assert_eq!(again.completed_at, Some(t0() + Duration::minutes(5)), "first completion kept");
    assert_eq!(again.opened_at, t0());
    assert_eq!(
        store.resume().expect("resume"),
        Some(Resume::Lesson {
            course: "builtin".into(),
            lesson: "what-is-lambda".into(),
            position: 17,
            at: t0() + Duration::days(2)
        })
    );
    // An unfinished quiz saved with an answer, later than the lesson, wins.
    let quiz = QuizProgress::new("Lambda basics: question 2 of 10", r#"{"next":2}"#, t0() + Duration::days(3));
    let a = answer("default-timeout", "limits", Outcome::Correct, t0() + Duration::days(3));
    store.record_answer(&a, &Scheduler::default(), Some(&quiz)).expect("record");
    assert_eq!(store.resume().expect("resume"), Some(Resume::Quiz(quiz.clone())));
    store.clear_quiz_progress().expect("clear");
    assert!(matches!(store.resume().expect("resume"), Some(Resume::Lesson { .. })));

    assert_eq!(store.schedule_config().expect("config"), ScheduleConfig::default());
    let mine = ScheduleConfig { desired_retention: 0.85, daily_new_limit: 5, slow_seconds: 45.0 };
    store.set_schedule_config(&mine, t0()).expect("set");
    drop(store);
    let store = Store::open(dir.path()).expect("reopen");
    assert_eq!(store.schedule_config().expect("config"), mine);
    assert_eq!(store.lessons().expect("lessons").len(), 1);
    assert!(store.lesson("builtin", "nope").expect("lesson").is_none());
}

#[test]
fn drills_report_score_times_topics_and_trend() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(dir.path()).expect("open");
    let s = Scheduler::default();
    // Two earlier drills: 1/4 and 2/4 right in "limits".
    let mut start = t0();
    for right in [1, 2] {
        let id = store
            .start_drill(&DrillSpec { size: DrillSize::Count(4), seed: u64::MAX, topics: vec![] }, start)
            .expect("start");
        for i in 0..4 {
            let outcome = if i < right { Outcome::Correct } else { Outcome::Incorrect };
            let mut a = answer(&format!("q{i}"), "limits", outcome, start + Duration::seconds(i64::from(i) * 10));
            a.mode = Mode::Drill;
            a.drill = Some(id);
            store.record_answer(&a, &s, None).expect("record");
        }
        store.finish_drill(id, start + Duration::minutes(1)).expect("finish");
        start += Duration::days(1);
    }
    // This drill: limits 4/4, cold-starts 0/1 (a card graded again), 1/1 card graded good.
    let id = store
        .start_drill(&DrillSpec { size: DrillSize::Minutes(15), seed: 9, topics: vec!["limits".into()] }, start)
        .expect("start");
    let mut outcomes: Vec<(String, &str, Outcome)> =
        (0..4).map(|i| (format!("q{i}"), "limits", Outcome::Correct)).collect();
    outcomes.push(("c1".into(), "cold-starts", Outcome::SelfGraded(Grade::Again)));
    outcomes.push(("c2".into(), "concurrency", Outcome::SelfGraded(Grade::Good)));
    for (i, (q, topic, outcome)) in outcomes.iter().enumerate() {
        let mut a = answer(q, topic, *outcome, start + Duration::seconds(i as i64 * 20));
        a.mode = Mode::Drill;
        a.drill = Some(id);
        a.seconds = 10.0 + i as f64;
        store.record_answer(&a, &s, None).expect("record");
    }
    let report = store.finish_drill(id, start + Duration::minutes(3)).expect("finish").expect("exists");
    assert_eq!((report.summary.answered, report.summary.correct), (6, 5));
    assert_eq!(report.summary.size, DrillSize::Minutes(15));
    assert_eq!(report.summary.topics, vec!["limits".to_owned()]);
    assert_eq!(report.questions.len(), 6);
    assert_eq!(report.questions[5].seconds, 15.0);
    assert!(report.questions[4].self_graded && !report.questions[4].correct);
    let topics: Vec<(&str, u32, u32)> =
        report.topics.iter().map(|t| (t.topic.as_str(), t.correct, t.answered)).collect();
    assert_eq!(topics, vec![("cold-starts", 0, 1), ("concurrency", 1, 1), ("limits", 4, 4)], "weakest first");
    let limits = &report.topics[2];
    assert_eq!(limits.previous, Some(3.0 / 8.0), "limits across the two earlier drills");
    assert_eq!(report.trend.compared, 2);
    let previous = report.trend.previous.expect("previous");
    assert!((previous - 0.375).abs() < 1e-9);
    assert!((report.trend.delta.expect("delta") - (5.0 / 6.0 - 0.375)).abs() < 1e-9);
    // History lists all three, oldest first; an unknown drill has no report.
    let drills = store.drills().expect("drills");
    assert_eq!(drills.iter().map(|d| d.correct).collect::<Vec<_>>(), vec![1, 2, 5]);
    assert_eq!(drills[0].seed, u64::MAX, "seeds survive the i64 column");
    assert!(store.drill_report(999).expect("report").is_none());
    // An answer naming a drill that does not exist is refused, not stored.
    let mut stray = answer("q0", "limits", Outcome::Correct, start);
    stray.drill = Some(999);
    assert!(store.record_answer(&stray, &s, None).is_err());
    assert_eq!(store.answers().expect("answers").len(), 14);
}

#[test]
fn review_queue_from_the_store_respects_the_daily_new_limit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(dir.path()).expect("open");
    let s = Scheduler::default();
    let pool: Vec<QuestionKey> = (0..30).map(|i| QuestionKey::new("lambda-basics", format!("q{i:02}"))).collect();
    for key in &pool[..3] {
        let a = answer(&key.question, "limits", Outcome::Correct, t0());
        store.record_answer(&a, &s, None).expect("record");
    }
    let config = ScheduleConfig::default();
    // Same day: 3 already introduced, so 17 new; nothing due yet.
    let today = store.review_queue(&pool, utc_now(t0() + Duration::hours(1)), &config).expect("queue");
    assert!(today.due.is_empty());
    assert_eq!(today.new.len(), 17);
    assert_eq!(today.new[0], pool[3]);
    // Three days later the three are due, and a fresh day allows 20 new.
    let later = store.review_queue(&pool, utc_now(t0() + Duration::days(3)), &config).expect("queue");
    assert_eq!(later.due, pool[..3].to_vec());
    assert_eq!(later.new.len(), 20);
    assert_eq!(store.due_count(utc_now(t0() + Duration::days(3))).expect("due"), 3);
    assert_eq!(store.due_count(utc_now(t0())).expect("due"), 0);
}

#[test]
fn stats_sum_up_answers_lessons_streak_and_dues() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(dir.path()).expect("open");
    let s = Scheduler::default();
    // Study on days 0, 1, 2 (answers) and day 4 (a lesson only); now is day 5.
    for day in 0..3 {
        let at = t0() + Duration::days(day);
        store.record_answer(&answer("a", "limits", Outcome::Correct, at), &s, None).expect("record");
        store.record_answer(&answer("b", "cold-starts", Outcome::Incorrect, at), &s, None).expect("record");
    }
    store.open_lesson("builtin", "l1", t0() + Duration::days(4)).expect("lesson");
    store.complete_lesson("builtin", "l1", t0() + Duration::days(4)).expect("lesson");
    store.open_lesson("builtin", "l2", t0() + Duration::days(4)).expect("lesson");
    let stats = store.stats(utc_now(t0() + Duration::days(5))).expect("stats");
    assert_eq!((stats.lessons_started, stats.lessons_completed), (2, 1));
    assert_eq!((stats.answers, stats.correct), (6, 3));
    assert_eq!(stats.topics.len(), 2);
    assert_eq!(stats.topics[0].topic, "cold-starts");
    assert_eq!(stats.topics[0].accuracy, Some(0.0));
    assert_eq!(stats.study_days, 4);
    assert_eq!((stats.streak.current, stats.streak.longest, stats.streak.studied_today), (1, 3, false));
    assert_eq!(stats.cards, 2);
    assert!(stats.due_reviews >= 1, "the wrong answer is due again");
    assert_eq!(stats.last_activity, Some(t0() + Duration::days(4)));
    // 23:30 in New York on day 2 is 04:30 UTC on day 3: it counts for day 2 there.
    let ny = FixedOffset::west_opt(5 * 3600).expect("offset");
    let days = store.study_days(ny).expect("days");
    assert_eq!(days.len(), 4);
}

fn copy_fixture(name: &str, dir: &Path) -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/db").join(name);
    let dst = database_path(dir);
    std::fs::copy(&src, &dst).expect("copy fixture");
    dst
}

#[test]
fn a_version_one_database_is_migrated_and_keeps_its_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_fixture("v1.sqlite3", dir.path());
    let mut store = Store::open(dir.path()).expect("open old database");
    let rows = store.answers().expect("answers");
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[1].question_id, "max-memory");
    assert_eq!((rows[1].correct, rows[1].grade, rows[1].hints_used), (Some(false), Grade::Again, 1));
    assert_eq!(rows[2].correct, None, "the self-graded card");
    assert!(rows.iter().all(|r| r.response.is_empty() && r.drill_id.is_none()), "new columns get defaults");
    assert_eq!(store.cards().expect("cards").len(), 3);
    let lessons = store.lessons().expect("lessons");
    assert_eq!(lessons.len(), 2);
    assert!(lessons.iter().any(|l| l.lesson == "what-is-lambda" && l.position == 12 && l.completed_at.is_some()));
    assert!(matches!(store.resume().expect("resume"), Some(Resume::Lesson { position: 3, .. })));
    // The version-2 parts work on the migrated file.
    let id = store
        .start_drill(&DrillSpec { size: DrillSize::Count(1), seed: 1, topics: vec![] }, t0())
        .expect("drill table exists");
    let mut a = answer("max-memory", "limits", Outcome::Correct, t0());
    a.drill = Some(id);
    a.mode = Mode::Drill;
    let recorded = store.record_answer(&a, &Scheduler::default(), None).expect("record");
    assert!(!recorded.first_time);
    assert_eq!(recorded.card.reps, 3, "the old card's history continues");
    drop(store);
    let conn = rusqlite::Connection::open(database_path(dir.path())).expect("raw open");
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).expect("version");
    assert_eq!(version, schema::LATEST);
}

fn assert_untouched(path: &Path, before: &[u8], err: &StoreError) {
    let message = err.to_string();
    assert!(message.contains(&path.display().to_string()), "error names the file: {message}");
    assert_eq!(std::fs::read(path).expect("read back"), before, "file left byte-for-byte untouched");
}

#[test]
fn random_bytes_are_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = database_path(dir.path());
    let mut bytes = vec![0u8; 8192];
    let mut x: u32 = 12345;
    for b in &mut bytes {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        *b = (x >> 16) as u8;
    }
    std::fs::write(&path, &bytes).expect("write");
    let err = Store::open(dir.path()).expect_err("must refuse");
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
    assert_untouched(&path, &bytes, &err);
    let err = Store::open_existing(dir.path()).expect_err("read-only open refuses too");
    assert_untouched(&path, &bytes, &err);
    let names: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").map(|e| e.expect("entry").file_name()).collect();
    assert_eq!(names.len(), 1, "no -wal or -shm created beside it: {names:?}");
}

fn populated(dir: &Path) -> PathBuf {
    let mut store = Store::open(dir).expect("open");
    let s = Scheduler::default();
    for i in 0..300 {
        let mut a = answer(&format!("q{i}"), "limits", Outcome::Correct, t0());
        a.response = "x".repeat(200);
        store.record_answer(&a, &s, None).expect("record");
    }
    store.checkpoint().expect("checkpoint");
    drop(store);
    database_path(dir)
}

#[test]
fn a_truncated_database_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = populated(dir.path());
    let full = std::fs::read(&path).expect("read");
    assert!(full.len() > 16 * 4096, "big enough to truncate: {}", full.len());
    for cut in [full.len() / 2, 4096 * 3, 4096 * 3 + 100, 60] {
        std::fs::write(&path, &full[..cut]).expect("truncate");
        let err = Store::open(dir.path()).expect_err("must refuse");
        assert!(matches!(err, StoreError::Corrupt { .. } | StoreError::NotADatabase { .. }), "{cut}: {err}");
        assert_untouched(&path, &full[..cut], &err);
    }
}

#[test]
fn damaged_pages_are_reported_when_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = populated(dir.path());
    let mut bytes = std::fs::read(&path).expect("read");
    // Overwrite every page but the first (the schema) with garbage.
    for (i, b) in bytes.iter_mut().enumerate().skip(4096) {
        *b = (i * 7 % 251) as u8;
    }
    std::fs::write(&path, &bytes).expect("write");
    let result = Store::open(dir.path()).and_then(|s| s.answers().map(drop));
    let err = result.expect_err("damage must be noticed");
    assert!(matches!(err, StoreError::Corrupt { .. } | StoreError::NotADatabase { .. }), "{err}");
    assert_untouched(&path, &bytes, &err);
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = populated(dir.path());
    {
        let conn = rusqlite::Connection::open(&path).expect("raw open");
        conn.pragma_update(None, "user_version", schema::LATEST + 1).expect("bump");
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).expect("checkpoint");
    }
    let before = std::fs::read(&path).expect("read");
    let err = Store::open(dir.path()).expect_err("must refuse");
    match &err {
        StoreError::TooNew { found, supported, .. } => {
            assert_eq!((*found, *supported), (schema::LATEST + 1, schema::LATEST));
        }
        other => panic!("expected TooNew, got {other}"),
    }
    assert!(err.to_string().contains("newer lambda-tutor"), "{err}");
    assert_untouched(&path, &before, &err);
}

#[test]
fn another_programs_database_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = database_path(dir.path());
    {
        let conn = rusqlite::Connection::open(&path).expect("raw open");
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');").expect("create");
    }
    let before = std::fs::read(&path).expect("read");
    let err = Store::open(dir.path()).expect_err("must refuse");
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
    assert_untouched(&path, &before, &err);
}

#[test]
fn an_empty_file_left_by_a_killed_first_start_is_initialised() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(database_path(dir.path()), b"").expect("write");
    let mut store = Store::open(dir.path()).expect("open");
    store.record_answer(&answer("a", "t", Outcome::Correct, t0()), &Scheduler::default(), None).expect("record");
}

#[test]
fn opening_a_current_database_writes_nothing() {
    // Opening a current database must not write (no migration, nothing to
    // wait for): it succeeds while another process holds the write lock,
    // well within the busy timeout. Open time itself is in benches/store.rs.
    let dir = tempfile::tempdir().expect("tempdir");
    populated(dir.path());
    let mut other = rusqlite::Connection::open(database_path(dir.path())).expect("raw");
    let tx = other.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).expect("lock");
    let start = std::time::Instant::now();
    let store = Store::open(dir.path()).expect("open while another process writes");
    assert!(start.elapsed() < std::time::Duration::from_secs(5), "open did not wait for the writer");
    drop(tx);
    drop(store);
}

#[test]
fn text_that_is_not_utf8_is_read_lossily_not_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(dir.path()).expect("open");
    store.record_answer(&answer("q1", "limits", Outcome::Correct, t0()), &Scheduler::default(), None).expect("record");
    store.open_lesson("", "cold-starts", t0()).expect("lesson");
    drop(store);
    // Another program (or a damaged page) leaves bytes that are not UTF-8
    // in text columns.
    let conn = rusqlite::Connection::open(database_path(dir.path())).expect("raw");
    conn.execute("UPDATE answers SET topic = CAST(X'6C696DFF' AS TEXT), response = CAST(X'FE' AS TEXT)", [])
        .expect("damage");
    conn.execute("UPDATE lesson_progress SET lesson = CAST(X'6162FF' AS TEXT)", []).expect("damage");
    drop(conn);
    let store = Store::open(dir.path()).expect("reopen");
    let rows = store.answers().expect("answers are still readable");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].topic, "lim\u{fffd}");
    assert_eq!(rows[0].response, "\u{fffd}");
    let stats = store.stats(utc_now(t0())).expect("stats are still readable");
    assert_eq!(stats.topics.len(), 1, "{stats:?}");
    let lessons = store.lessons().expect("lessons are still readable");
    assert_eq!(lessons[0].lesson, "ab\u{fffd}");
}
