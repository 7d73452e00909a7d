//! Helpers of the simulator's rule tests (`tests/sim_rules*.rs`): a
//! scenario from a body, a run, a preset with overrides, and the check that
//! every event is accounted for.
#![allow(dead_code, reason = "each rule-test file uses some of them")]

use lambda_tutor::sim::scenario::{self, Override};
use lambda_tutor::sim::{self, Engine, Summary};

pub const HEAD: &str = "format = 1\n[scenario]\nid = \"t\"\ntitle = \"test\"\n";

pub fn scenario_of(body: &str) -> sim::Scenario {
    let src = format!("{HEAD}{body}");
    match scenario::load("t.toml", src.as_bytes(), &[], &mut |_: &str| Err("no files in tests".to_owned())) {
        Ok(l) => l.scenario,
        Err(d) => panic!("scenario does not load: {:?}", d.iter().map(scenario::describe).collect::<Vec<_>>()),
    }
}

pub fn run(body: &str) -> Summary {
    let s = scenario_of(body);
    Engine::new(&s, s.seed).run()
}

pub fn preset(id: &str, sets: &[&str]) -> Summary {
    let overrides: Vec<Override> = sets.iter().map(|s| Override::parse(s).expect("KEY=VALUE")).collect();
    let loaded = sim::load_preset(id, &overrides).expect("preset loads");
    Engine::new(&loaded.scenario, loaded.scenario.seed).run()
}

pub fn cents(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

pub fn assert_accounted(s: &Summary) {
    let i = &s.invocations;
    assert_eq!(i.succeeded + i.failed + i.timed_out, i.total, "{}: runs add up", s.scenario);
    let o = &s.event_outcomes;
    assert!(s.finished, "{} finished", s.scenario);
    assert_eq!(o.pending, 0);
    assert_eq!(
        o.succeeded
            + o.failed
            + o.timed_out
            + o.rejected
            + o.gateway_timed_out
            + o.gateway_throttled
            + o.dead_lettered
            + o.dropped,
        s.events,
        "{}: every event accounted for",
        s.scenario
    );
    assert!(i.retried <= i.total);
}
