//! Simulator throughput: simulated invocations per second, headless, on a
//! long Poisson scenario (SPEC.md asks for ≥ 5 million per core), and the
//! cost of observing a run as the visualizer does.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use lambda_tutor::sim::{Engine, Options};

#[path = "../tests/support/poisson.rs"]
mod poisson;

fn bench(c: &mut Criterion) {
    // 1,000 requests a second for 10 minutes.
    let s = poisson::poisson_1000(600);
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
