//! The numbers the course states (assets/facts.toml, filled into lessons and
//! questions through `{{fact:…}}`) and the simulator's defaults and ranges
//! (src/sim/scenario/limits.rs) are two copies of the same AWS limits: this
//! test proves they agree, so the next change to a limit fails here until
//! both are edited.

use lambda_tutor::facts;
use lambda_tutor::sim::scenario::limits;

fn fact(id: &str) -> f64 {
    facts::get(id).unwrap_or_else(|| panic!("assets/facts.toml has no fact `{id}`")).value
}

#[test]
fn the_simulator_uses_the_course_numbers() {
    let pairs = [
        ("timeout-default", limits::TIMEOUT_S.default),
        ("timeout-max", limits::TIMEOUT_S.max),
        ("memory-min", limits::MEMORY_MB.min),
        ("memory-max", limits::MEMORY_MB.max),
        ("account-concurrency", limits::CONCURRENCY_LIMIT.default),
        ("scaling-rate", limits::SCALE_PER_10S.default),
        ("sqs-standard-max-invokes", limits::SQS_MAXIMUM_CONCURRENCY.default),
    ];
    for (id, sim) in pairs {
        assert!((fact(id) - sim).abs() < 1e-9, "fact {id} = {} but the simulator uses {sim}", fact(id));
    }
}

#[test]
fn the_simulator_prices_are_the_course_prices() {
    use lambda_tutor::sim::billing;
    let pairs = [
        ("price-gb-second-x86", billing::DURATION_USD_PER_GB_S_X86),
        ("price-gb-second-arm64", billing::DURATION_USD_PER_GB_S_ARM),
        ("price-requests", billing::REQUEST_USD * 1_000_000.0),
        ("free-tier-requests", billing::FREE_REQUESTS as f64),
        ("free-tier-gb-seconds", billing::FREE_GB_S),
    ];
    for (id, sim) in pairs {
        assert!((fact(id) - sim).abs() < 1e-9, "fact {id} = {} but the simulator bills {sim}", fact(id));
    }
}
