//! The simulator's rules, each pinned by a small scenario with an exact
//! expected outcome (facts sheet: ../shared/lambda-facts.md).
#![allow(clippy::float_cmp, reason = "summaries round their figures, so exact values are the expectation")]

use lambda_tutor::sim::observe::ThrottleResponse;
use lambda_tutor::sim::{self, Engine, EnvState, Moment, Options, TraceKind};

#[path = "support/sim_rules.rs"]
mod rules;

use rules::*;

// ---- environments and keep-alive ------------------------------------------

#[test]
fn keep_alive_cliff_every_15_minutes_is_always_cold() {
    let s = preset("keep-alive-cliff", &[]);
    assert_eq!(s.invocations.total, 8);
    assert_eq!(s.cold_starts, 8);
    assert_eq!(s.environments.created, 8);
    assert_eq!(s.latency_ms.p50, 203.0, "120 ms handler + 83 ms python3.12 Init");
}

#[test]
fn keep_alive_cliff_every_5_minutes_stays_warm() {
    let s = preset("keep-alive-cliff", &["sources.0.arrival.every_s=300"]);
    assert_eq!(s.invocations.total, 24);
    assert_eq!(s.cold_starts, 1);
    assert_eq!(s.environments.created, 1);
    assert_eq!(s.latency_ms.p50, 120.0);
}

#[test]
fn the_most_recently_used_idle_environment_takes_the_next_request() {
    // Two requests overlap (two environments); then a request every 400 s
    // keeps one of them alive, and the other, never chosen, expires at 600 s.
    let s = scenario_of(
        "duration_s = 2000\n[function]\nhandler_ms = 1000\n[[sources]]\nkind = \"alb\"\n\
         arrival = { process = \"trace\", times_s = [0, 0.5, 400, 800, 1200, 1600] }\n",
    );
    let mut e = Engine::with_options(&s, 1, Options { observe: true, trace: true });
    let summary = e.run();
    assert_eq!(summary.cold_starts, 2);
    let reclaimed: Vec<u32> = e
        .narration_since(0)
        .records
        .into_iter()
        .filter_map(|(_, n)| match n.moment {
            Moment::Reclaimed { env, .. } => Some(env),
            _ => None,
        })
        .collect();
    // Environment 1 finished last at 1.583 s, so it is the most recently used
    // and takes every later request; environment 0 expires.
    assert_eq!(reclaimed.first(), Some(&0));
    let used_later: Vec<u32> = e
        .take_trace()
        .iter()
        .filter(|r| r.t_ms >= 400_000.0)
        .filter_map(|r| match r.what {
            TraceKind::InvokeStart { env, .. } => Some(env),
            _ => None,
        })
        .collect();
    assert_eq!(used_later, vec![1, 1, 1, 1]);
}

#[test]
fn environments_are_recycled_at_their_maximum_lifetime() {
    let s = run("duration_s = 7300\n[function]\nhandler_ms = 10\n[account]\nmax_lifetime_s = 3600\n\
         [[sources]]\nkind = \"api-gateway\"\narrival = { process = \"schedule\", every_s = 60 }\n");
    // One environment per hour: created at 0, 3600 and 7200 s.
    assert_eq!(s.cold_starts, 3);
    assert_accounted(&s);
}

// ---- synchronous throttling -----------------------------------------------

#[test]
fn synchronous_throttles_are_429s_and_never_retried() {
    let s = run("duration_s = 10\n[function]\nreserved_concurrency = 10\nhandler_ms = 1000\ntimeout_s = 5\n\
         [[sources]]\nkind = \"api-gateway\"\narrival = { process = \"burst\", count = 50, at_s = 1 }\n");
    assert_eq!(s.invocations.total, 10);
    assert_eq!(s.invocations.throttled, 40);
    assert_eq!(s.invocations.retried, 0);
    assert_eq!(s.event_outcomes.rejected, 40);
    assert_eq!(s.throttle_reasons.concurrency, 40);
    assert_eq!(s.concurrency.peak, 10);
    assert_eq!(s.invocations.dead_lettered + s.invocations.dropped, 0);
    assert_accounted(&s);
}

/// The status each throttle and error reaches the caller with.
fn client_statuses(kind: &str, body: &str) -> (Vec<u16>, Vec<Option<u16>>) {
    let s = scenario_of(&format!(
        "duration_s = 10\n[function]\nreserved_concurrency = 2\nhandler_ms = 1000\nerror_rate = 1.0\n\
         [[sources]]\nkind = \"{kind}\"\narrival = {{ process = \"burst\", count = 5, at_s = 1 }}\n{body}"
    ));
    let mut e = Engine::with_options(&s, 1, Options { observe: true, trace: false });
    e.run();
    let (mut refused, mut errors) = (Vec::new(), Vec::new());
    for (_, n) in e.narration_since(0).records {
        match n.moment {
            Moment::Throttled { response: ThrottleResponse::Refused { status }, .. } => refused.push(status),
            Moment::FunctionError { client_status, .. } => errors.push(client_status),
            _ => {}
        }
    }
    (refused, errors)
}

#[test]
fn api_gateway_clients_see_500_for_throttles_and_502_for_function_errors() {
    // DG services-apigateway-errors.html: "If the Lambda API rejects the
    // invocation request, API Gateway returns a 500 error code. If the
    // function runs but returns an error … API Gateway returns a 502."
    assert_eq!(client_statuses("api-gateway", ""), (vec![500], vec![Some(502)]));
    // Called directly (here through an ALB), the caller sees Lambda's own 429.
    assert_eq!(client_statuses("alb", ""), (vec![429], vec![None]));
}

#[test]
fn past_the_integration_timeout_the_client_has_a_504_not_a_success() {
    // 29 s by default; raisable for Regional and private REST APIs
    // (What's New, 4 June 2024). A 40-s handler succeeds for Lambda, but the
    // API Gateway client got a 504 at 29 s.
    let body = "duration_s = 10\n[function]\ntimeout_s = 60\nhandler_ms = 40000\n\
                [[sources]]\nkind = \"api-gateway\"\narrival = { process = \"burst\", count = 3 }\n";
    let s = run(body);
    assert_eq!((s.invocations.succeeded, s.event_outcomes.succeeded, s.event_outcomes.gateway_timed_out), (3, 0, 3));
    assert_eq!(s.api_gateway_504s, 3);
    assert_accounted(&s);
    let raised = run(&body.replace("\"api-gateway\"\n", "\"api-gateway\"\nintegration_timeout_s = 45\n"));
    assert_eq!((raised.event_outcomes.succeeded, raised.event_outcomes.gateway_timed_out), (3, 0));
}

#[test]
fn lambda_refuses_synchronous_requests_beyond_10_times_its_concurrency_per_second() {
    // DG lambda-concurrency.html ("Understanding concurrency and requests per
    // second"): Lambda enforces a requests-per-second limit of 10 × the
    // concurrency (FunctionInvocationRateLimitExceeded). A 1-ms handler
    // needs almost no concurrency, so without this rule nothing is refused.
    // Limit 10 → 100 requests a second: 100 at once, then 100 a second, of
    // 500 a second for 10 s: about 1,100 admitted, 3,900 refused.
    let s = run("duration_s = 10\n[function]\nhandler_ms = 1\ninit_ms = 0\n[account]\nconcurrency_limit = 10\n\
                 [[sources]]\nkind = \"alb\"\narrival = { process = \"constant\", rate_per_s = 500 }\n");
    assert_eq!(s.throttle_reasons.concurrency + s.throttle_reasons.scaling_rate, 0);
    assert!((3_850..=3_950).contains(&s.throttle_reasons.request_rate), "{:?}", s.throttle_reasons);
    assert_eq!(s.invocations.throttled, s.throttle_reasons.request_rate);
    assert_accounted(&s);
}

#[test]
fn api_gateway_throttles_its_account_before_lambda_sees_the_request() {
    // API Gateway DG limits.html: 10,000 requests a second per account and
    // Region with a burst of 5,000; over it API Gateway itself answers 429.
    // Scaled down to 100 a second and a burst of 50: about 1,050 of 5,000
    // requests get through.
    let s =
        run("duration_s = 10\n[function]\nhandler_ms = 1\n[account]\napi_gateway_rps = 100\napi_gateway_burst = 50\n\
                 [[sources]]\nkind = \"api-gateway\"\narrival = { process = \"constant\", rate_per_s = 500 }\n");
    assert!((3_900..=4_000).contains(&s.event_outcomes.gateway_throttled), "{:?}", s.event_outcomes);
    assert_eq!(s.invocations.throttled, 0, "Lambda refused nothing: it never saw them");
    assert_eq!(s.invocations.total + s.event_outcomes.gateway_throttled, 5_000);
    assert_accounted(&s);
}

#[test]
fn at_least_once_delivery_runs_some_events_twice() {
    // DG invocation-async-error-handling.html: "it's possible for it to
    // receive the same event from Lambda multiple times"; SQS standard
    // queues deliver at least once. A duplicate runs the handler again (and
    // is billed) but is not a new event.
    for source in [
        "kind = \"s3\"\narrival = { process = \"burst\", count = 2000 }\nduplicate_rate = 0.1\n",
        "kind = \"sqs\"\nbatch_size = 1\narrival = { process = \"burst\", count = 2000 }\nduplicate_rate = 0.1\n",
    ] {
        let s = run(&format!("duration_s = 1\n[function]\nhandler_ms = 10\n[[sources]]\n{source}"));
        assert_eq!(s.events, 2000);
        assert!((150..=250).contains(&s.duplicates), "about 200 of 2,000: {}", s.duplicates);
        assert_eq!(s.invocations.total, 2000 + s.duplicates, "each duplicate is one more handler run");
        assert_eq!(s.event_outcomes.succeeded, 2000);
        assert_accounted(&s);
    }
    // Off by default: nothing is delivered twice.
    assert_eq!(preset("s3-upload-burst", &[]).duplicates, 0);
}

#[test]
fn the_scaling_rate_is_a_bucket_refilled_continuously() {
    // DG scaling-behavior.html: "Lambda makes a best attempt to refill your
    // concurrency scaling rate continuously over time, rather than in one
    // single refill of 1,000 units every 10 seconds", and unused rate is not
    // accrued. With 10 per 10 s and 100-s handlers every arrival needs a new
    // environment: 10 at once, then one a second. At 15 s that is 10 + 15 =
    // 25 (a 10-s sliding window allowed 20).
    let s = scenario_of(
        "duration_s = 30\n[function]\ntimeout_s = 900\nhandler_ms = 100000\n[account]\nscale_per_10s = 10\n\
         [[sources]]\nkind = \"alb\"\narrival = { process = \"constant\", rate_per_s = 100 }\n",
    );
    let mut e = Engine::new(&s, 1);
    let live = |e: &Engine| e.environments(0).filter(|v| v.state != EnvState::Reclaimed).count();
    e.advance_to(195_000);
    assert_eq!(live(&e), 10, "a full bucket at first, then empty");
    e.advance_to(15_005_000);
    assert_eq!(live(&e), 25, "one more each second");
    assert_eq!(e.concurrency().scaling_used, 10, "the bucket is empty");
    // The preset: 20,000 requests a second need 4,000 environments.
    let s = preset("scaling-ramp", &[]);
    assert_eq!(s.throttle_reasons.concurrency, 0);
    // 1,000 at t = 0 then about 100 a second: 15,000 − 500·t refused per
    // second for 30 s, about 225,000 (a sliding window refused 302,780).
    assert!((220_000..235_000).contains(&s.throttle_reasons.scaling_rate), "{}", s.throttle_reasons.scaling_rate);
    assert_accounted(&s);
}

// ---- asynchronous retries, DLQ, reserved concurrency 0 ----------------------

#[test]
fn async_poison_event_runs_three_times_then_goes_to_the_dlq() {
    let s = preset("async-poison-dlq", &[]);
    assert_eq!(s.events, 60);
    assert_eq!(s.invocations.total, 62);
    assert_eq!(s.invocations.failed, 3);
    assert_eq!(s.invocations.retried, 2);
    assert_eq!(s.invocations.dead_lettered, 1);
    assert_eq!(s.invocations.dropped, 0);
    // 0.3 s run, retry 60 s later, 0.3 s, retry 120 s later, 0.3 s.
    assert_eq!(s.latency_ms.max, 180_900.0);
    assert_accounted(&s);
}

#[test]
fn async_without_a_destination_drops_and_zero_retries_gives_up_at_once() {
    let s = preset("async-poison-dlq", &["sources.0.on_failure=none"]);
    assert_eq!((s.invocations.dead_lettered, s.invocations.dropped), (0, 1));
    let s = preset("async-poison-dlq", &["sources.0.max_retry_attempts=0"]);
    assert_eq!((s.invocations.total, s.invocations.retried, s.invocations.dead_lettered), (60, 0, 1));
}

#[test]
fn async_retries_stop_at_the_maximum_event_age() {
    // Age limit 100 s: the first retry (60 s later) fits, the second (120 s later) does not.
    let s = run(
        "[function]\nhandler_ms = 100\n[[sources]]\nkind = \"sns\"\narrival = { process = \"burst\", count = 1 }\n\
         poison_events = [0]\nmax_event_age_s = 100\non_failure = \"destination\"\n",
    );
    assert_eq!(s.invocations.total, 2);
    assert_eq!(s.invocations.dead_lettered, 1);
    assert_accounted(&s);
}

#[test]
fn async_throttles_wait_in_the_queue_and_are_retried_with_backoff() {
    let s = preset("s3-upload-burst", &[]);
    assert_eq!(s.event_outcomes.succeeded, 2000);
    assert_eq!(s.invocations.total, 2000, "throttled attempts are not handler runs");
    assert_eq!(s.invocations.dropped, 0);
    assert!(s.invocations.throttled > 2000);
    assert_eq!(s.concurrency.peak, 100);
    assert_eq!(s.cold_starts, 100);
    assert_accounted(&s);
}

#[test]
fn throttled_async_retries_are_jittered_so_a_burst_drains_at_the_reserved_concurrency() {
    // DG invocation-async-error-handling.html: throttled events are retried
    // "from 1 second after the first attempt to a maximum of 5 minutes". On
    // one synchronised timer the 1,900 events throttled together all came
    // back together: 100 ran, the rest doubled their wait, p99 812 s and the
    // function idle 97 % of the time. With ±50 % jitter they spread out.
    let s = preset("s3-upload-burst", &[]);
    assert!(s.latency_ms.p99 < 60_000.0, "p99 {} ms", s.latency_ms.p99);
    assert!(s.concurrency.average > 20.0, "average concurrency {}", s.concurrency.average);
    assert_eq!(s.event_outcomes.succeeded, 2000);
}

#[test]
fn reserved_concurrency_zero_is_an_ordinary_throttle_for_async_events() {
    // No AWS page exempts reserved concurrency 0 from the general rule: a
    // throttled asynchronous event is retried until its maximum age (60 s in
    // the preset), then goes to the DLQ.
    let s = preset("reserved-zero", &[]);
    assert_eq!(s.invocations.total, 0);
    assert_eq!(s.event_outcomes.rejected, 300, "API requests refused once each");
    assert!(s.invocations.throttled > 360 + 60, "S3 events are retried: {}", s.invocations.throttled);
    assert_eq!(s.throttle_reasons.reserved_zero, s.invocations.throttled);
    assert_eq!(s.invocations.dead_lettered, 60);
    assert_eq!(s.invocations.retried, 0, "no handler ran, so no run was a retry");
    // The last S3 event (t = 29.5 s) reaches the DLQ at its maximum age.
    assert!((89.5..90.0).contains(&s.simulated_s), "{}", s.simulated_s);
    assert_eq!(s.cost_usd.total, 0.0);
    assert_accounted(&s);
}

// ---- provisioned concurrency ----------------------------------------------------

#[test]
fn provisioned_concurrency_removes_cold_starts_when_load_fits() {
    let s = preset("provisioned-concurrency", &[]);
    assert_eq!(s.cold_starts, 0);
    assert_eq!(s.environments.created, 20);
    // 20 × 1 GB × 1,800 s × $0.0000041667.
    assert!((s.cost_usd.provisioned - 20.0 * 1800.0 * 0.000_004_166_7).abs() < 1e-6, "{}", s.cost_usd.provisioned);
    // 15,000 × 0.2 s × 1 GB plus 20 Inits of 231 ms (java21) at the
    // provisioned duration rate.
    assert!((s.cost_usd.compute - 3004.62 * 0.000_009_722_2).abs() < 1e-6, "{}", s.cost_usd.compute);
    assert_accounted(&s);
}

#[test]
fn provisioned_init_is_billed_even_without_traffic() {
    // Pricing page and DG provisioned-concurrency.html: "Lambda bills you for
    // initialization even if the environment instance never processes a
    // request". 10 environments × 1 s of Init × 1 GB = 10 GB-s at the
    // provisioned duration rate.
    let s = run("duration_s = 60\n[function]\nmemory_mb = 1024\nprovisioned_concurrency = 10\n\
                 init_ms = { dist = \"fixed\", value = 1000 }\n\
                 [[sources]]\nkind = \"alb\"\narrival = { process = \"trace\", times_s = [] }\n");
    assert_eq!(s.invocations.total, 0);
    assert_eq!(s.cold_starts, 0, "initialized ahead of traffic: not cold starts");
    assert_eq!(s.billing.provisioned_exec_gb_s, 10.0);
}

#[test]
fn provisioned_environments_are_exempt_from_the_10_second_init_limit() {
    // DG lambda-runtime-environment.html: the 10-s Init timeout "doesn't
    // apply to functions using provisioned concurrency": up to 130 s or the
    // function timeout. A timeout resets the provisioned environment; its
    // next invoke runs the 12-s Init in full instead of being cut at 10 s.
    let s = scenario_of(
        "duration_s = 200\n[function]\ntimeout_s = 5\nprovisioned_concurrency = 1\nhandler_ms = 6000\n\
         init_ms = { dist = \"fixed\", value = 12000 }\n\
         [[sources]]\nkind = \"alb\"\narrival = { process = \"trace\", times_s = [0, 100] }\n",
    );
    let mut e = Engine::with_options(&s, 1, Options { observe: false, trace: true });
    e.run();
    let inits: Vec<f64> = e
        .take_trace()
        .iter()
        .filter_map(|r| match r.what {
            TraceKind::InitEnd { init_ms, .. } => Some(init_ms),
            _ => None,
        })
        .collect();
    assert_eq!(inits, vec![12_000.0]);
}

#[test]
fn load_beyond_provisioned_spills_over_to_cold_on_demand_environments() {
    let s = preset("provisioned-concurrency", &["function.provisioned_concurrency=5"]);
    assert!(s.cold_starts > 0);
    assert_eq!(s.environments.created, 5 + s.cold_starts);
    assert!(s.billing.on_demand_gb_s > 0.0 && s.billing.provisioned_exec_gb_s > 0.0);
    let none = preset("provisioned-concurrency", &["function.provisioned_concurrency=0"]);
    assert!(none.cold_starts >= 10);
    assert_eq!(none.cost_usd.provisioned, 0.0);
}

// ---- timeouts ---------------------------------------------------------------------

#[test]
fn a_timeout_is_billed_for_the_full_timeout_and_resets_the_environment() {
    let s = scenario_of(
        "duration_s = 10\n[function]\nruntime = \"python3.12\"\nmemory_mb = 1024\ntimeout_s = 3\nhandler_ms = 5000\n\
         [[sources]]\nkind = \"api-gateway\"\narrival = { process = \"schedule\", every_s = 5 }\n",
    );
    let mut e = Engine::with_options(&s, 1, Options { trace: true, observe: false });
    let sum = e.run();
    assert_eq!(sum.invocations.timed_out, 2);
    assert_eq!(sum.event_outcomes.timed_out, 2);
    assert_eq!(sum.environments.created, 1, "the same environment is reset, not replaced");
    assert_eq!(sum.cold_starts, 2, "the reset environment runs Init again");
    // Each: 83 ms Init + the full 3,000 ms timeout, at 1 GB.
    assert_eq!(sum.billed_gb_s, 2.0 * 3.083);
    assert_eq!(sum.latency_ms.max, 3083.0);
    let errors: Vec<String> = e
        .take_trace()
        .into_iter()
        .filter_map(|r| match r.what {
            TraceKind::InvokeEnd { error, .. } => error,
            _ => None,
        })
        .collect();
    assert_eq!(errors, vec!["Task timed out after 3.00 seconds"; 2]);
}

#[test]
fn default_timeout_preset_times_out_about_half() {
    let s = preset("default-timeout", &[]);
    let share = s.invocations.timed_out as f64 / s.invocations.total as f64;
    assert!((0.4..0.6).contains(&share), "{share}");
    assert!(s.cold_starts > s.environments.created, "resets re-run Init");
    let longer = preset("default-timeout", &["function.timeout_s=10"]);
    assert_eq!(longer.invocations.timed_out, 0);
}

#[test]
fn init_over_ten_seconds_is_retried_inside_the_invoke_under_the_timeout() {
    let s = run("[function]\ntimeout_s = 20\nhandler_ms = 1000\ninit_ms = 12000\n[[sources]]\nkind = \"alb\"\n\
         arrival = { process = \"burst\", count = 1 }\n");
    // 10 s failed Init, then Init (12 s) + handler (1 s) inside the invoke.
    assert_eq!(s.latency_ms.max, 23_000.0);
    assert_eq!(s.invocations.succeeded, 1);
    let s = run("[function]\ntimeout_s = 5\nhandler_ms = 1000\ninit_ms = 12000\n[[sources]]\nkind = \"alb\"\n\
         arrival = { process = \"burst\", count = 1 }\n");
    assert_eq!(s.invocations.timed_out, 1);
    assert_eq!(s.latency_ms.max, 15_000.0);
}

// ---- whole-model properties ------------------------------------------------------

#[test]
fn every_preset_accounts_for_every_event() {
    for id in sim::preset_ids() {
        let s = preset(&id, &[]);
        assert_accounted(&s);
        assert!(s.events > 0, "{id}");
    }
}

#[test]
fn same_seed_same_json_different_seed_different_json() {
    let loaded = sim::load_preset("api-flash-crowd", &[]).expect("preset");
    let a = serde_json::to_string(&Engine::new(&loaded.scenario, 7).run()).expect("json");
    let b = serde_json::to_string(&Engine::new(&loaded.scenario, 7).run()).expect("json");
    let c = serde_json::to_string(&Engine::new(&loaded.scenario, 8).run()).expect("json");
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn tracing_and_observing_do_not_change_the_run() {
    let loaded = sim::load_preset("sqs-partial-batch", &[]).expect("preset");
    let plain = Engine::new(&loaded.scenario, 3).run();
    let watched = Engine::with_options(&loaded.scenario, 3, Options { trace: true, observe: true }).run();
    assert_eq!(plain, watched);
}

#[test]
fn stepping_in_small_increments_gives_the_same_result() {
    let loaded = sim::load_preset("s3-upload-burst", &[]).expect("preset");
    let whole = Engine::new(&loaded.scenario, 1).run();
    let mut e = Engine::new(&loaded.scenario, 1);
    let mut t = 0;
    while !e.is_finished() {
        t += 250_000;
        e.advance_to(t);
    }
    assert_eq!(e.summary(), whole);
}

#[test]
fn busy_environments_match_arrival_rate_times_mean_duration() {
    // Queueing theory (M/G/∞, no concurrency cap): the time-average number of
    // busy servers is λ·E[S] = 200/s × 0.5 s = 100.
    let s = run(
        "duration_s = 3000\n[function]\ninit_ms = 0\nhandler_ms = { dist = \"exponential\", mean = 500 }\ntimeout_s = 900\n\
         [account]\nconcurrency_limit = 100000\nscale_per_10s = 100000\n\
         [[sources]]\nkind = \"api-gateway\"\narrival = { process = \"poisson\", rate_per_s = 200 }\n",
    );
    let expected = 100.0 * (3000.0 / s.simulated_s);
    assert!((s.concurrency.average / expected - 1.0).abs() < 0.02, "{} vs {expected}", s.concurrency.average);
    assert_eq!(s.invocations.throttled, 0);
}

#[test]
fn observer_api_sees_cold_starts_series_and_payloads() {
    let loaded = sim::load_preset("keep-alive-cliff", &[]).expect("preset");
    let mut e = Engine::with_options(&loaded.scenario, 1, Options { observe: true, trace: false });
    e.advance_to(50_000);
    let envs: Vec<_> = e.environments(0).collect();
    assert_eq!(envs.len(), 1);
    assert_eq!(envs[0].state, EnvState::Initializing);
    e.advance_to(100_000);
    assert_eq!(e.environments(0).next().map(|v| v.state), Some(EnvState::Busy));
    let since = e.narration_since(0);
    let first = since.records.first().map(|(_, n)| n.moment.clone());
    assert_eq!(
        first,
        Some(Moment::ColdStart {
            env: 0,
            runtime: "python3.12".to_owned(),
            init_ms: 83.0,
            after_reset: false,
            provisioned: false
        })
    );
    let s = e.run();
    assert_eq!(e.series().len() as f64, s.simulated_s);
    assert_eq!(e.series().iter().map(|p| u64::from(p.cold_starts)).sum::<u64>(), s.cold_starts);
    let last = e.recent_invocations().last().expect("an invocation").clone();
    let payload = sim::payload::example_batch(last.kind, last.first_event, last.events, 1);
    assert_eq!(payload["detail-type"], "Scheduled Event");
}

#[test]
fn snapshot_gathers_the_state_for_a_frame() {
    let loaded = sim::load_preset("sqs-backlog", &[]).expect("preset");
    let mut e = Engine::with_options(&loaded.scenario, 1, Options { observe: true, trace: false });
    e.advance_to_ms(2000.0);
    let snap = e.snapshot(10_000_000);
    assert_eq!(snap.now_us, 2_000_000);
    assert!(!snap.finished);
    assert_eq!(snap.concurrency.in_use, snap.environments.iter().filter(|v| v.invocation.is_some()).count() as u32);
    let sim::QueueView::Sqs { backlog, in_flight, pollers, .. } = snap.queues[0] else { panic!("an SQS queue") };
    assert_eq!(backlog + in_flight + snap.summary.event_outcomes.succeeded, 20_000);
    assert!(pollers > 5, "{pollers}");
    assert_eq!(snap.summary.event_outcomes.pending, backlog + in_flight);
}

#[test]
fn endless_retries_stop_at_the_step_budget() {
    // A poison message in a queue without a DLQ is re-received for 14 days.
    let s = scenario_of(
        "duration_s = 1\n[function]\nhandler_ms = 10\ntimeout_s = 1\n[[sources]]\nkind = \"sqs\"\n\
         arrival = { process = \"burst\", count = 1 }\npoison_events = [0]\nmax_receive_count = 0\n\
         visibility_timeout_s = 1\nmessage_retention_s = 1209600\n",
    );
    let mut e = Engine::new(&s, 1);
    e.set_step_budget(10_000);
    let sum = e.run();
    assert!(e.stopped_early());
    assert!(sum.stopped_early);
    assert!(!sum.finished);
    assert_eq!(sum.event_outcomes.pending, 1);
    assert!(sum.invocations.total > 1000);
    // With room enough it ends: SQS deletes the message after its retention.
    let s = scenario_of(
        "duration_s = 1\n[function]\nhandler_ms = 10\ntimeout_s = 1\n[[sources]]\nkind = \"sqs\"\n\
         arrival = { process = \"burst\", count = 1 }\npoison_events = [0]\nmax_receive_count = 0\n\
         visibility_timeout_s = 60\nmessage_retention_s = 3600\n",
    );
    let sum = Engine::new(&s, 1).run();
    assert!(sum.finished);
    assert_eq!(sum.invocations.dropped, 1);
    assert_eq!(sum.invocations.total, 60);
}
