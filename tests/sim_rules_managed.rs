//! Lambda Managed Instances rules (DG lambda-managed-instances-*.html and
//! the pricing page; each rule is listed in assets/scenarios/README.md),
//! each pinned by a small scenario.
#![allow(clippy::float_cmp, reason = "summaries round their figures, so exact values are the expectation")]

use lambda_tutor::sim::scenario::{self, Override};
use lambda_tutor::sim::{self, Engine};

#[path = "support/sim_rules.rs"]
mod rules;

use rules::*;

/// A Managed Instances function at 2 GB (one vCPU) on Node.js 22, with
/// `extra` function keys, behind an ALB with `arrival`.
fn mi(extra: &str, duration_s: u32, arrival: &str) -> String {
    let given = |key: &str| extra.lines().any(|l| l.starts_with(&format!("{key} =")));
    let mut defaults = String::new();
    for (k, v) in [
        ("runtime", "\"nodejs22.x\""),
        ("memory_mb", "2048"),
        ("compute", "\"managed-instances\""),
        ("handler_ms", "200"),
    ] {
        if !given(k) {
            defaults.push_str(k);
            defaults.push_str(" = ");
            defaults.push_str(v);
            defaults.push('\n');
        }
    }
    format!(
        "duration_s = {duration_s}\n[function]\n{defaults}{extra}\n[[sources]]\nkind = \"alb\"\narrival = {arrival}\n"
    )
}

#[test]
fn three_instances_and_environments_stay_up_and_no_request_is_a_cold_start() {
    let s = run(&mi("", 600, "{ process = \"constant\", rate_per_s = 5 }"));
    assert_accounted(&s);
    assert_eq!(s.cold_starts, 0, "no cold start per invocation");
    assert_eq!(s.environments.peak, 3, "three environments before the version is ACTIVE");
    assert_eq!(s.managed_instances.instances_peak, 3, "three instances for AZ resiliency");
    assert_eq!(s.environments.average, 3.0, "never scaled to zero");
    let fewer = run(&mi("min_instances = 1", 600, "{ process = \"constant\", rate_per_s = 5 }"));
    assert_eq!(fewer.managed_instances.instances_peak, 1);
}

#[test]
fn one_environment_serves_many_requests_at_once() {
    // 150 requests at once: three environments of 64 take them all.
    let burst = "{ process = \"burst\", count = 150, at_s = 1 }";
    let s = run(&mi("", 60, burst));
    assert_eq!(s.invocations.throttled, 0);
    assert_eq!(s.concurrency.peak, 150);
    assert_eq!(s.cold_starts, 0);
    assert_eq!(s.environments.peak, 5, "the scaler adds environments afterwards, asynchronously (150 / 32)");
    assert_eq!(s.managed_instances.max_concurrency_per_environment, 64, "Node.js: 64 per vCPU");
    // One request per environment: three run, the rest are throttled.
    let single = run(&mi("max_concurrency_per_environment = 1", 60, burst));
    assert_eq!(single.invocations.throttled, 147);
    assert_eq!(single.throttle_reasons.managed_capacity, 147);
}

#[test]
fn python_defaults_to_16_requests_per_vcpu() {
    let s = run(&mi("runtime = \"python3.13\"\nmemory_mb = 4096", 10, "{ process = \"burst\", count = 1, at_s = 1 }"));
    assert_eq!(s.managed_instances.max_concurrency_per_environment, 32, "2 vCPUs × 16");
}

#[test]
fn a_cpu_bound_handler_takes_a_whole_vcpu() {
    let burst = "{ process = \"burst\", count = 10, at_s = 1 }";
    let s = run(&mi("cpu_bound = true", 60, burst));
    assert_eq!(s.managed_instances.max_concurrency_per_environment, 1, "one vCPU, one CPU-bound request");
    assert_eq!(s.invocations.throttled, 7);
}

#[test]
fn traffic_that_doubles_is_absorbed_and_more_than_doubling_is_throttled() {
    // 16 requests per environment (Python at 1 vCPU); 40 concurrent at
    // 200/s, so the scaler keeps 5 environments (50 % busy).
    let body = |to: u32| {
        mi(
            "runtime = \"python3.13\"\nhandler_ms = { dist = \"fixed\", value = 200 }",
            900,
            &format!("{{ process = \"step\", steps = [[0, 200], [300, {to}]] }}"),
        )
    };
    let doubled = run(&body(400));
    assert_eq!(doubled.invocations.throttled, 0, "doubling fits the scaler's headroom");
    let quadrupled = run(&body(800));
    assert_accounted(&quadrupled);
    assert!(quadrupled.invocations.throttled > 0, "more than doubling within 5 minutes throttles");
    assert!(quadrupled.environments.peak >= 20, "the scaler catches up: {}", quadrupled.environments.peak);
}

#[test]
fn capacity_at_most_doubles_within_five_minutes() {
    let s =
        scenario_of(&mi("runtime = \"python3.13\"", 900, "{ process = \"step\", steps = [[0, 200], [300, 1600]] }"));
    let mut e = Engine::new(&s, 1);
    e.advance_to(299_000_000);
    let before = e.fleet().expect("a fleet").environments.len();
    e.advance_to(590_000_000);
    let after = e.fleet().expect("a fleet").environments.len();
    assert!(after <= 2 * before, "{before} → {after} within 5 minutes");
    assert!(after > before, "but it does grow: {before} → {after}");
    e.advance_to(900_000_000);
    let later = e.fleet().expect("a fleet").environments.len();
    assert!(later > 2 * before, "and keeps growing: {before} → {later}");
}

#[test]
fn the_grid_sees_how_full_each_environment_is() {
    let s = scenario_of(&mi("", 60, "{ process = \"burst\", count = 100, at_s = 1 }"));
    let mut e = Engine::new(&s, 1);
    e.advance_to(1_050_000);
    let fleet = e.fleet().expect("a fleet");
    let busy: Vec<u32> = fleet.environments.iter().map(|x| x.busy).collect();
    assert_eq!(busy.iter().sum::<u32>(), 100);
    assert!(busy.iter().all(|&b| b <= 64), "{busy:?}");
    assert!(busy.iter().all(|&b| b >= 33), "the router spreads the load: {busy:?}");
    assert_eq!(e.environments(0).count(), 0, "request slots are not shown as environments");
}

#[test]
fn managed_instances_bill_instance_hours_plus_the_fee_and_no_gb_seconds() {
    // An hour of 100/s × 200 ms on 2 GB: three instances for an hour.
    let s = run(&mi("", 3600, "{ process = \"constant\", rate_per_s = 100 }"));
    assert_eq!(s.billed_gb_s, 0.0);
    assert_eq!(s.cost_usd.compute, 0.0);
    assert!((s.managed_instances.instance_hours - 3.0).abs() < 0.001, "{}", s.managed_instances.instance_hours);
    assert_eq!(cents(s.cost_usd.instances), cents(3.0 * 0.2016));
    assert!((s.cost_usd.management_fee - 0.15 * s.cost_usd.instances).abs() < 1e-6);
    assert_eq!(cents(s.cost_usd.requests), cents(360_000.0 * 0.2 / 1e6));
    let sum = s.cost_usd.requests + s.cost_usd.instances + s.cost_usd.management_fee;
    assert!((s.cost_usd.total - sum).abs() < 1e-6);
    // On demand the same hour is billed per GB-second.
    let od = run(&mi("compute = \"on-demand\"", 3600, "{ process = \"constant\", rate_per_s = 100 }"));
    assert_eq!(od.cost_usd.instances, 0.0);
    assert_eq!(od.managed_instances.instance_hours, 0.0);
    assert!(od.billed_gb_s >= 144_000.0);
}

#[test]
fn the_reader_refuses_what_managed_instances_refuse() {
    let load = |extra: &str| {
        let src = format!("{HEAD}{}", mi(extra, 10, "{ process = \"constant\", rate_per_s = 1 }"));
        scenario::load("t.toml", src.as_bytes(), &[], &mut |_: &str| Err(String::new()))
            .err()
            .map(|d| d.iter().map(scenario::describe).collect::<Vec<_>>().join("\n"))
            .unwrap_or_default()
    };
    assert!(load("memory_mb = 1024").contains("at least 2,048 MB"), "{}", load("memory_mb = 1024"));
    assert!(load("runtime = \"python3.12\"").contains("cannot run on Managed Instances"));
    assert!(load("provisioned_concurrency = 5").contains("no provisioned concurrency"));
    assert!(load("instance_vcpus = 1\nmemory_mb = 4096").contains("does not fit"));
    assert!(load("compute = \"ec2\"").contains("`compute` must be"));
    assert!(load("max_concurrency_per_environment = 2000").contains("1600"));
    assert_eq!(load(""), "");
}

#[test]
fn the_two_presets_compare_and_ramp() {
    let steady = sim::simulate_preset("managed-instances-steady").expect("runs");
    assert_eq!(steady.invocations.throttled, 0);
    assert_eq!(cents(steady.cost_usd.total), 18.42);
    let overrides = [Override::parse("function.compute=on-demand").expect("override")];
    let od = sim::load_preset("managed-instances-steady", &overrides).expect("loads").scenario;
    let od = Engine::new(&od, 1).run();
    assert!(od.cost_usd.total > 3.0 * steady.cost_usd.total, "{} vs {}", od.cost_usd.total, steady.cost_usd.total);
    let ramp = sim::simulate_preset("managed-instances-ramp").expect("runs");
    assert!(ramp.invocations.throttled > 0);
    assert_eq!(ramp.cold_starts, 0);
}
