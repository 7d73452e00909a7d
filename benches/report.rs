//! `report` on a large class: 10,000 learners × 500 questions (5 packs of
//! 100), one first attempt each plus a retry of every tenth question, so
//! 5.5 million answers; and reading exports, 100 learners' CSV files'
//! worth of text (50,000 answers), to scale the parsing cost.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use lambda_tutor::study::report::{Attempt, Choices, Dataset, QuestionInfo, QuestionMeta, analyze};

const LEARNERS: u32 = 10_000;
const QUESTIONS: u32 = 500;
const CHOICES: [&str; 4] = ["3 seconds", "15 minutes", "900 seconds", "1 minute"];

/// A deterministic stand-in for ability and item difficulty.
fn right(learner: u32, question: u32) -> bool {
    let ability = learner % 100;
    let difficulty = (question * 37) % 100;
    let noise = (learner.wrapping_mul(2_654_435_761) ^ question.wrapping_mul(40_503)) % 30;
    ability + noise > difficulty
}

fn class() -> Dataset {
    let learners = (0..LEARNERS).map(|l| format!("learner-{l}")).collect();
    let questions = (0..QUESTIONS)
        .map(|q| QuestionMeta {
            pack: format!("pack-{}", q / 100),
            id: format!("q{q}"),
            title: format!("Question {q}"),
            topic: format!("topic-{}", q % 20),
            pack_version: "1.0.0".into(),
        })
        .collect();
    let mut attempts = Vec::with_capacity((LEARNERS * QUESTIONS * 11 / 10) as usize);
    let mut id = 0;
    for learner in 0..LEARNERS {
        for question in 0..QUESTIONS {
            let correct = right(learner, question);
            let tries = if question % 10 == 0 { 2 } else { 1 };
            for t in 0..tries {
                id += 1;
                let pick = if correct || t > 0 { 0 } else { 1 + (learner + question) as usize % 2 };
                attempts.push(Attempt {
                    learner,
                    question,
                    at: i64::from(question) * 60_000 + i64::from(t) * 1_000,
                    id,
                    correct: correct || t > 0,
                    seconds: 5.0 + (question % 13) as f32,
                    hints: u32::from(question % 7 == 0),
                    response: pick as u32,
                });
            }
        }
    }
    let responses = CHOICES.iter().map(|c| (*c).to_owned()).collect();
    Dataset::from_parts(learners, questions, attempts, responses)
}

fn info() -> HashMap<(String, String), QuestionInfo> {
    (0..QUESTIONS)
        .map(|q| {
            let choices =
                Choices { texts: CHOICES.iter().map(|c| (*c).to_owned()).collect(), right: vec![0], multiple: false };
            (
                (format!("pack-{}", q / 100), format!("q{q}")),
                QuestionInfo { title: String::new(), choices: Some(choices) },
            )
        })
        .collect()
}

fn export_text(learner: u32) -> String {
    let mut text = String::from(
        "id,answered_at,learner,pack_id,question_id,title,pack_version,topic,mode,correct,grade,seconds,hints_used,response,drill_id\n",
    );
    for q in 0..QUESTIONS {
        let ok = right(learner, q);
        let _ = writeln!(
            text,
            "{q},2026-11-02T09:{:02}:{:02}.000Z,learner-{learner},pack-{},q{q},Question {q},1.0.0,topic-{},quiz,{ok},{},7.5,0,{},",
            q / 60,
            q % 60,
            q / 100,
            q % 20,
            if ok { "good" } else { "again" },
            CHOICES[usize::from(!ok)]
        );
    }
    text
}

fn bench(c: &mut Criterion) {
    let data = class();
    let info = info();
    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    group.bench_function("analyze 10,000 learners x 500 questions", |b| {
        b.iter(|| black_box(analyze(black_box(&data), &info, None)));
    });
    let texts: Vec<String> = (0..100).map(export_text).collect();
    group.bench_function("read 100 learners' CSV exports (50,000 answers)", |b| {
        b.iter(|| {
            let mut d = Dataset::default();
            for (i, t) in texts.iter().enumerate() {
                d.read_text(&format!("{i}.csv"), t, "x");
            }
            black_box(d.attempts.len())
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
