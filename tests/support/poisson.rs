//! The long Poisson scenario the simulator is timed on, written once for
//! the throughput benchmark (`benches/sim.rs`, ten minutes) and the day-long
//! measurement (`tests/sim_day.rs`, 24 hours): 1,000 API Gateway requests a
//! second, lognormal handler times.

use lambda_tutor::sim::{Scenario, scenario};

/// The scenario over `duration_s` seconds.
pub fn poisson_1000(duration_s: u32) -> Scenario {
    let toml = format!(
        r#"format = 1
[scenario]
id = "poisson-1000"
title = "1,000 requests per second for {duration_s} s"
duration_s = {duration_s}
[function]
memory_mb = 512
handler_ms = {{ dist = "lognormal", mean = 100, p99 = 400 }}
[[sources]]
kind = "api-gateway"
arrival = {{ process = "poisson", rate_per_s = 1000 }}
"#
    );
    scenario::load("poisson-1000.toml", toml.as_bytes(), &[], &mut |_: &str| Err(String::new()))
        .expect("the Poisson scenario loads")
        .scenario
}
