//! The progress store's costs: opening (on the start-up path of every
//! command and the home screen), recording an answer (one commit with an
//! fsync), and the queries behind the review queue and stats, on a database
//! the size of about a year of daily study.

use std::hint::black_box;
use std::path::Path;

use chrono::{DateTime, Duration, FixedOffset, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use lambda_tutor::study::{AnswerInput, Mode, Outcome, QuestionKey, ScheduleConfig, Scheduler, Store};

const QUESTIONS: usize = 2_000;
const ANSWERS: usize = 10_000;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 1, 19, 0, 0).single().expect("date")
}

fn answer(i: usize) -> AnswerInput {
    AnswerInput {
        key: QuestionKey::new(format!("pack-{}", i % 10), format!("q{}", i % QUESTIONS)),
        pack_version: "1.0.0".into(),
        topic: format!("topic-{}", i % 25),
        answered_at: t0() + Duration::minutes(i as i64 * 50),
        mode: Mode::Quiz,
        outcome: if i.is_multiple_of(5) { Outcome::Incorrect } else { Outcome::Correct },
        seconds: 9.0,
        hints_used: 0,
        response: "3 seconds".into(),
        drill: None,
        title: String::new(),
    }
}

/// A year-sized database: 10,000 answers over 2,000 questions (not measured).
fn year_of_study(dir: &Path) {
    let mut store = Store::open(dir).expect("open");
    let s = Scheduler::default();
    for i in 0..ANSWERS {
        store.record_answer(&answer(i), &s, None).expect("record");
    }
    store.checkpoint().expect("checkpoint");
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    year_of_study(dir.path());
    let now: DateTime<FixedOffset> = (t0() + Duration::days(365)).fixed_offset();
    let pool: Vec<QuestionKey> =
        (0..QUESTIONS + 500).map(|i| QuestionKey::new(format!("pack-{}", i % 10), format!("q{i}"))).collect();

    c.bench_function("store/open_existing", |b| {
        b.iter_with_large_drop(|| Store::open(black_box(dir.path())).expect("open"));
    });
    let mut store = Store::open(dir.path()).expect("open");
    let scheduler = Scheduler::default();
    let mut i = ANSWERS;
    c.bench_function("store/record_answer", |b| {
        b.iter(|| {
            i += 1;
            store.record_answer(black_box(&answer(i)), &scheduler, None).expect("record")
        });
    });
    let config = ScheduleConfig::default();
    c.bench_function("store/review_queue_2500_pool", |b| {
        b.iter(|| store.review_queue(black_box(&pool), now, &config).expect("queue"));
    });
    c.bench_function("store/due_count", |b| b.iter(|| store.due_count(black_box(now)).expect("due")));
    c.bench_function("store/stats_10k_answers", |b| b.iter(|| store.stats(black_box(now)).expect("stats")));
    c.bench_function("store/recent_topic_tallies", |b| {
        b.iter(|| store.recent_topic_tallies(black_box(20)).expect("tallies"));
    });
}

criterion_group! {
    name = store;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = benches
}
criterion_main!(store);
