//! One simulated day at 1,000 requests per second (86.4 million
//! invocations), timed. Ignored by default (it is a measurement, not a
//! check); run it in release mode:
//! `cargo test --release --test sim_day -- --ignored --nocapture`.

use lambda_tutor::sim::Engine;

#[path = "support/poisson.rs"]
mod poisson;

#[test]
#[ignore = "a timing measurement: run with --release --ignored --nocapture"]
fn one_day_at_1000_requests_per_second() {
    let day = poisson::poisson_1000(86_400);
    let started = std::time::Instant::now();
    let summary = Engine::new(&day, 1).run();
    let seconds = started.elapsed().as_secs_f64();
    let n = summary.invocations.total;
    println!(
        "one day at 1,000/s: {n} invocations in {seconds:.2} s wall = {:.2} M simulated invocations per second",
        n as f64 / seconds / 1e6
    );
    assert!((86_000_000..86_800_000).contains(&n), "{n}");
    assert_eq!(summary.invocations.throttled, 0);
}
