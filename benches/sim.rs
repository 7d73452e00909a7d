//! Simulator throughput: simulated invocations per second, headless, on a
//! long Poisson scenario (SPEC.md asks for ≥ 5 million per core), and the
//! cost of observing a run as the visualizer does.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use lambda_tutor::sim::{Engine, Options, scenario};

/// 1,000 requests a second for 10 minutes, lognormal handler times.
const LONG_POISSON: &str = r#"format = 1
[scenario]
id = "bench-poisson"
title = "Long Poisson"
duration_s = 600
[function]
memory_mb = 512
handler_ms = { dist = "lognormal", mean = 100, p99 = 400 }
[[sources]]
kind = "api-gateway"
arrival = { process = "poisson", rate_per_s = 1000 }
"#;

fn bench(c: &mut Criterion) {
    let loaded = scenario::load("bench.toml", LONG_POISSON.as_bytes(), &[], &mut |_: &str| Err(String::new()))
        .expect("the bench scenario loads");
    let s = loaded.scenario;
    let invocations = Engine::new(&s, 1).run().invocations.total;
    let mut group = c.benchmark_group("simulator");
    group.sample_size(10);
    group.throughput(Throughput::Elements(invocations));
    group.bench_function("headless poisson 1000/s × 600 s", |b| b.iter(|| Engine::new(&s, 1).run()));
    group.bench_function("observed poisson 1000/s × 600 s", |b| {
        b.iter(|| Engine::with_options(&s, 1, Options { observe: true, trace: false }).run());
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
