//! `check` of a generated 10,000-question pack (every type, with hints,
//! feedback and lesson links), as one run of the command does it: parse,
//! validate every rule, resolve references. Target (SPEC.md): ≤ 150 ms.
//! Also loading the same pack for a quiz (the checks plus the owned model).

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use lambda_tutor::course::check::{Context, FileKind, Input, check_inputs, validate_inputs};

const QUESTIONS: usize = 10_000;

fn question(out: &mut String, i: usize) {
    let _ = write!(
        out,
        "\n[[questions]]\nid = \"q{i}\"\ntopic = \"topic-{}\"\ndifficulty = {}\nlesson = \"bench-lesson\"\n\
         tags = [\"interview\"]\nprompt = \"Question number {i}: what does **this** do in `code`?\"\n\
         explanation = \"Because of reason {i}, which the lesson explains at some length.\"\n\
         hints = [\"First hint for {i}.\", \"Second hint.\"]\n",
        i % 12,
        i % 3 + 1
    );
    let _ = match i % 9 {
        0 => writeln!(
            out,
            "type = \"single\"\nchoices = [\"alpha {i}\", \"beta {i}\", \"gamma {i}\", \"delta {i}\"]\n\
             answer = \"beta {i}\"\nfeedback = {{ \"alpha {i}\" = \"Close, but no.\" }}"
        ),
        1 => writeln!(
            out,
            "type = \"multiple\"\nchoices = [\"alpha {i}\", \"beta {i}\", \"gamma {i}\", \"delta {i}\"]\n\
             answer = [\"alpha {i}\", \"gamma {i}\"]"
        ),
        2 => writeln!(out, "type = \"true-false\"\nanswer = true\nfeedback = {{ \"false\" = \"It is true.\" }}"),
        3 => writeln!(out, "type = \"short\"\nanswer = \"Init {i}\"\naccept = [\"init phase {i}\"]"),
        4 => writeln!(out, "type = \"numeric\"\nanswer = {i}.5\ntolerance = 0.5\nunit = \"ms\""),
        5 => writeln!(out, "type = \"order\"\nitems = [\"one {i}\", \"two {i}\", \"three {i}\", \"four {i}\"]"),
        6 => writeln!(out, "type = \"match\"\npairs = [[\"a {i}\", \"1\"], [\"b {i}\", \"2\"], [\"c {i}\", \"3\"]]"),
        7 => writeln!(out, "type = \"card\"\nanswer = \"A *markdown* answer for card {i}.\""),
        _ => writeln!(
            out,
            "type = \"predict\"\nscenario = \"bench-scenario\"\nmetric = \"latency_ms.p99\"\ntolerance_pct = 10"
        ),
    };
}

fn inputs() -> Vec<Input> {
    let mut pack = String::from("format = 1\n\n[pack]\nid = \"bench\"\ntitle = \"Bench\"\nversion = \"1.0.0\"\n");
    for i in 0..QUESTIONS {
        question(&mut pack, i);
    }
    let lesson = "+++\nid = \"bench-lesson\"\ntitle = \"Bench\"\nmodule = \"Bench\"\norder = 1\n+++\nBody.\n";
    // The smallest scenario `check` accepts: a title and one source.
    let scenario = "format = 1\n[scenario]\nid = \"bench-scenario\"\ntitle = \"Bench\"\n[[sources]]\n\
                    kind = \"api-gateway\"\narrival = { process = \"constant\", rate_per_s = 1 }\n";
    vec![
        Input { path: "content/bench.md".into(), kind: FileKind::Lesson, bytes: lesson.into(), explicit: true },
        Input {
            path: "scenarios/bench-scenario.toml".into(),
            kind: FileKind::Scenario,
            bytes: scenario.into(),
            explicit: true,
        },
        Input { path: "quizzes/bench.toml".into(), kind: FileKind::Pack, bytes: pack.into_bytes(), explicit: true },
    ]
}

fn bench(c: &mut Criterion) {
    let inputs = inputs();
    let context = Context::default();
    // The generated pack must be clean, or the bench would time error paths.
    let report = check_inputs(&inputs, &context);
    assert_eq!(report.diagnostics, vec![], "generated pack has problems");
    assert_eq!(report.packs[0].questions.len(), QUESTIONS);
    let size = inputs[2].bytes.len();
    c.bench_function(&format!("check 10,000-question pack ({} KiB)", size / 1024), |b| {
        b.iter(|| validate_inputs(black_box(&inputs), black_box(&context)));
    });
    // What `quiz PATH` does: the same checks, and the pack kept.
    c.bench_function("load 10,000-question pack", |b| {
        b.iter(|| check_inputs(black_box(&inputs), black_box(&context)));
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
