//! The account's one concurrency pool, shared with other functions of the
//! account (`[[neighbours]]`): without a reservation the function gets only
//! what its neighbours leave; a reservation is set aside for it alone (a
//! guarantee) and caps it; at least 100 stay unreserved. DG "Configuring
//! reserved concurrency" (configuration-concurrency.html), API reference
//! PutFunctionConcurrency.
#![allow(clippy::float_cmp, reason = "summaries round their figures, so exact values are the expectation")]

#[path = "support/sim_rules.rs"]
mod rules;

use lambda_tutor::sim::scenario;
use rules::*;

/// A 300-unit account; the function answers an ALB in 50 ms.
fn body(function_extra: &str, main_arrival: &str, neighbours: &str) -> String {
    format!(
        "duration_s = 5\n[function]\nhandler_ms = 50\n{function_extra}\n[account]\nconcurrency_limit = 300\n\
         [[sources]]\nkind = \"alb\"\narrival = {main_arrival}\n{neighbours}"
    )
}

/// A neighbour that asks for 300 invocations of 10 s at once, at 0.97 s
/// (when the function, at ten 50-ms requests a second, is idle).
const GREEDY: &str = "[[neighbours]]\nname = \"batch\"\narrival = { process = \"burst\", count = 300, at_s = 0.97 }\nduration_ms = 10000\n";

#[test]
fn without_a_reservation_the_function_is_throttled_when_a_neighbour_takes_the_pool() {
    // Ten requests a second: the first ten run before the neighbour comes;
    // the forty after find the pool taken, although the function's warm
    // environment sits idle.
    let s = run(&body("", "{ process = \"constant\", rate_per_s = 10 }", GREEDY));
    assert_accounted(&s);
    assert_eq!(s.invocations.succeeded, 10);
    assert_eq!(s.invocations.throttled, 40);
    assert_eq!(s.throttle_reasons.concurrency, 40);
    assert_eq!(s.event_outcomes.rejected, 40);
    let n = &s.neighbours[0];
    assert_eq!(
        (n.name.as_str(), n.events, n.invocations, n.throttled, n.concurrency_peak),
        ("batch", 300, 300, 0, 300)
    );
}

#[test]
fn a_reservation_is_a_guarantee_the_neighbour_cannot_touch() {
    // 100 reserved: the neighbour gets the 200 left unreserved, and the
    // function reaches its full 100 in the middle of the neighbour's burst.
    let s = run(&body("reserved_concurrency = 100", "{ process = \"burst\", count = 100, at_s = 2 }", GREEDY));
    assert_accounted(&s);
    assert_eq!(s.invocations.succeeded, 100);
    assert_eq!(s.invocations.throttled, 0);
    assert_eq!(s.concurrency.peak, 100);
    let n = &s.neighbours[0];
    assert_eq!((n.invocations, n.throttled, n.concurrency_peak), (200, 100, 200));
}

#[test]
fn a_reservation_is_still_a_cap() {
    let s = run(&body("reserved_concurrency = 100", "{ process = \"burst\", count = 101, at_s = 2 }", GREEDY));
    assert_eq!(s.invocations.succeeded, 100);
    assert_eq!(s.throttle_reasons.concurrency, 1);
}

#[test]
fn a_neighbours_reservation_caps_it_and_is_set_aside_from_the_function() {
    // The neighbour reserves 50: it runs 50 of its 300, and the unreserved
    // function can reach 250 of the 300, never more, while the neighbour is idle.
    let neighbour = GREEDY.replace("duration_ms", "reserved_concurrency = 50\nduration_ms");
    let s = run(&body("", "{ process = \"burst\", count = 260, at_s = 2 }", &neighbour));
    assert_accounted(&s);
    assert_eq!(s.invocations.succeeded, 250);
    assert_eq!(s.throttle_reasons.concurrency, 10);
    let n = &s.neighbours[0];
    assert_eq!((n.invocations, n.throttled, n.concurrency_peak, n.reserved_concurrency), (50, 250, 50, Some(50)));
    let quiet = neighbour.replace("count = 300", "count = 1");
    let s = run(&body("", "{ process = \"burst\", count = 260, at_s = 2 }", &quiet));
    assert_eq!(s.invocations.succeeded, 250, "a reservation is set aside even while unused");
}

#[test]
fn reservations_together_must_leave_100_unreserved() {
    let src = format!(
        "{HEAD}{}",
        body(
            "reserved_concurrency = 150",
            "{ process = \"burst\", count = 1 }",
            &GREEDY.replace("duration_ms", "reserved_concurrency = 60\nduration_ms")
        )
    );
    let err = scenario::load("t.toml", src.as_bytes(), &[], &mut |_: &str| Err(String::new())).expect_err("refused");
    let text: Vec<String> = err.iter().map(scenario::describe).collect();
    assert!(
        text.iter().any(|d| d.contains("at least 100 must stay unreserved") && d.starts_with("t.toml:")),
        "{text:?}"
    );
    let src = src.replace("reserved_concurrency = 60", "reserved_concurrency = 50");
    assert!(
        scenario::load("t.toml", src.as_bytes(), &[], &mut |_: &str| Err(String::new())).is_ok(),
        "200 reserved of 300 is allowed"
    );
}

#[test]
fn a_scenario_without_neighbours_has_no_neighbours_key() {
    let s = run(&body("", "{ process = \"burst\", count = 1 }", ""));
    let json = serde_json::to_value(&s).expect("serializes");
    assert!(json.get("neighbours").is_none());
    let s = run(&body("", "{ process = \"burst\", count = 1 }", GREEDY));
    let json = serde_json::to_value(&s).expect("serializes");
    assert_eq!(json["neighbours"][0]["throttled"], 0);
}

#[test]
fn two_functions_reserved_preset_shows_the_noisy_neighbour_and_the_guarantee() {
    let s = preset("two-functions-reserved", &[]);
    assert_accounted(&s);
    assert_eq!(s.throttle_reasons.concurrency, 1_880);
    assert_eq!(s.neighbours[0].concurrency_peak, 1_000);
    assert_eq!(s.neighbours[0].throttled, 20_000);
    let s = preset("two-functions-reserved", &["function.reserved_concurrency=100"]);
    assert_accounted(&s);
    assert_eq!(s.invocations.throttled, 0);
    assert_eq!(s.neighbours[0].concurrency_peak, 900);
    assert_eq!(s.neighbours[0].throttled, 22_000);
}
