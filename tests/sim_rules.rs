//! The simulator's rules, each pinned by a small scenario with an exact
//! expected outcome (facts sheet: ../shared/lambda-facts.md).
#![allow(clippy::float_cmp, reason = "summaries round their figures, so exact values are the expectation")]

use lambda_tutor::sim::observe::ThrottleResponse;
use lambda_tutor::sim::scenario::{self, Override};
use lambda_tutor::sim::{self, Engine, EnvState, Moment, Options, Summary, TraceKind};

const HEAD: &str = "format = 1\n[scenario]\nid = \"t\"\ntitle = \"test\"\n";

fn scenario_of(body: &str) -> sim::Scenario {
    let src = format!("{HEAD}{body}");
    match scenario::load("t.toml", src.as_bytes(), &[], &mut |_: &str| Err("no files in tests".to_owned())) {
        Ok(l) => l.scenario,
        Err(d) => panic!("scenario does not load: {:?}", d.iter().map(scenario::describe).collect::<Vec<_>>()),
    }
}

fn run(body: &str) -> Summary {
    let s = scenario_of(body);
    Engine::new(&s, s.seed).run()
}

fn preset(id: &str, sets: &[&str]) -> Summary {
    let overrides: Vec<Override> = sets.iter().map(|s| Override::parse(s).expect("KEY=VALUE")).collect();
    let loaded = sim::load_preset(id, &overrides).expect("preset loads");
    Engine::new(&loaded.scenario, loaded.scenario.seed).run()
}

fn cents(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn assert_accounted(s: &Summary) {
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

// ---- SQS ---------------------------------------------------------------------------

#[test]
fn sqs_1000_messages_in_batches_of_10_are_100_invocations() {
    let s = run("duration_s = 10\n[function]\nhandler_ms = 200\n[[sources]]\nkind = \"sqs\"\n\
         arrival = { process = \"burst\", count = 1000 }\nbatch_size = 10\n");
    assert_eq!(s.events, 1000);
    assert_eq!(s.invocations.total, 100);
    assert_eq!(s.event_outcomes.succeeded, 1000);
    assert_accounted(&s);
    assert_eq!(preset("sqs-backlog", &[]).invocations.total, 2000);
}

#[test]
fn sqs_pollers_start_at_5_batches_and_scale_with_a_backlog() {
    let s = preset("sqs-backlog", &[]);
    assert!(s.sqs_pollers_peak > 100, "{}", s.sqs_pollers_peak);
    let loaded = sim::load_preset("sqs-backlog", &[]).expect("preset");
    let mut e = Engine::new(&loaded.scenario, 1);
    e.advance_to(500_000);
    assert_eq!(e.concurrency().in_use, 5);
}

#[test]
fn a_failing_sqs_message_returns_after_the_visibility_timeout_then_goes_to_the_dlq() {
    let s = run("duration_s = 1\n[function]\nhandler_ms = 100\n[[sources]]\nkind = \"sqs\"\n\
         arrival = { process = \"burst\", count = 1 }\npoison_events = [0]\nmax_receive_count = 3\nvisibility_timeout_s = 30\n");
    assert_eq!(s.invocations.total, 3);
    assert_eq!(s.invocations.failed, 3);
    assert_eq!(s.invocations.retried, 2);
    assert_eq!(s.invocations.dead_lettered, 1);
    // Received at 0, 30 and 60 s; moved to the DLQ when it would be visible again at 90 s.
    assert!((s.simulated_s - 90.0).abs() < 0.01, "{}", s.simulated_s);
    assert_accounted(&s);
}

#[test]
fn without_partial_batch_responses_one_poison_message_fails_the_whole_batch() {
    let base = "duration_s = 1\n[function]\nhandler_ms = 100\n[[sources]]\nkind = \"sqs\"\n\
                arrival = { process = \"burst\", count = 10 }\npoison_events = [3]\nmax_receive_count = 2\n";
    let whole = run(base);
    assert_eq!(whole.invocations.total, 2);
    assert_eq!(whole.invocations.failed, 2);
    assert_eq!(whole.invocations.dead_lettered, 10, "good messages reach the DLQ with the bad one");
    let partial = run(&format!("{base}report_batch_item_failures = true\n"));
    assert_eq!(partial.invocations.total, 2);
    assert_eq!(partial.invocations.failed, 0, "the handler reported, it did not throw");
    assert_eq!(partial.partial_batch_failures, 2);
    assert_eq!(partial.event_outcomes.succeeded, 9);
    assert_eq!(partial.invocations.dead_lettered, 1);
}

#[test]
fn sqs_pollers_without_maximum_concurrency_stop_at_1250() {
    // DG services-sqs-scaling.html (current revision): "up to 300 more
    // concurrent invokes per minute. The maximum number of invokes that an
    // event source mapping can process simultaneously is 1,250" (it was
    // 1,000). +5 a second from 5 reaches 1,250 after 249 s.
    let s =
        run("duration_s = 1\n[function]\ntimeout_s = 60\nhandler_ms = 10000\n[account]\nconcurrency_limit = 3000\n\
                 [[sources]]\nkind = \"sqs\"\nvisibility_timeout_s = 360\n\
                 arrival = { process = \"burst\", count = 600000 }\n");
    assert_eq!(s.sqs_pollers_peak, 1250);
    assert_eq!(s.concurrency.peak, 1250);
}

#[test]
fn sqs_provisioned_mode_starts_with_its_minimum_pollers_and_scales_faster() {
    // DG services-sqs-parameters.html (ProvisionedPollerConfig) and the AWS
    // News Blog of 14 November 2025: each poller runs up to 10 invokes, the
    // mapping adds up to 1,000 concurrency a minute.
    let standard = preset("sqs-backlog", &[]);
    let provisioned =
        preset("sqs-backlog", &["sources.0.provisioned_pollers={ minimum_pollers = 2, maximum_pollers = 200 }"]);
    assert_eq!(provisioned.invocations.total, 2000);
    assert!(
        provisioned.latency_ms.p99 < 0.6 * standard.latency_ms.p99,
        "{} vs {}",
        provisioned.latency_ms.p99,
        standard.latency_ms.p99
    );
    assert!(provisioned.sqs_pollers_peak > standard.sqs_pollers_peak);
    // 2 pollers × 10 batches from the first second.
    let s = run("duration_s = 1\n[function]\nhandler_ms = 5000\n[[sources]]\nkind = \"sqs\"\n\
                 arrival = { process = \"burst\", count = 200 }\nprovisioned_pollers = { minimum_pollers = 2 }\n");
    assert_eq!(s.concurrency.peak, 20);
}

#[test]
fn a_failing_sqs_consumer_makes_the_mapping_back_off() {
    // Operator Guide sqs-retries.html: on function errors "Lambda gradually
    // backs off, reducing the amount of concurrency allocated to your Amazon
    // SQS event source mapping". 5 batches fail at once: one poller fewer
    // for each, down to 2, so the next wave runs 2 batches, not 5.
    let s = scenario_of(
        "duration_s = 1\n[function]\nhandler_ms = 100\n[[sources]]\nkind = \"sqs\"\n\
         arrival = { process = \"burst\", count = 200 }\npoison_rate = 1.0\nmax_receive_count = 1\n",
    );
    let mut e = Engine::new(&s, 1);
    e.advance_to(100_000);
    assert_eq!(e.concurrency().in_use, 5, "5 pollers at first");
    e.advance_to(500_000);
    assert_eq!(e.concurrency().in_use, 2, "after 5 failures");
}

#[test]
fn a_throttled_sqs_batch_stays_received_and_its_messages_can_reach_the_dlq() {
    // Operator Guide sqs-retries.html: on a throttle "Lambda continues to
    // retry the message until the message's timestamp exceeds your queue's
    // visibility timeout"; the messages were received, so their receive
    // count rose (DG services-sqs-configure.html: 6 × visibility "allows
    // Lambda to retry if your function is throttled").
    // 5 pollers, 1 concurrency: 1 batch runs, 4 are throttled and held; they
    // are retried after 1 s, 2 s, 4 s, … and run one at a time (1 s each).
    let body = "duration_s = 1\n[function]\nhandler_ms = 1000\nreserved_concurrency = 1\n[[sources]]\nkind = \"sqs\"\n\
                arrival = { process = \"burst\", count = 50 }\nvisibility_timeout_s = 3\nmax_receive_count = 1\n";
    let s = run(body);
    assert!(s.invocations.throttled > 0);
    assert_eq!(s.invocations.failed, 0, "no handler failed");
    // With max_receive_count = 1 a message that was received, throttled
    // and not run within its 3-s visibility timeout goes to the DLQ.
    assert!(s.invocations.dead_lettered >= 10, "{:?}", s.invocations);
    assert_eq!(s.event_outcomes.succeeded + s.invocations.dead_lettered, 50);
    assert_accounted(&s);
    // The preset: reserved concurrency 5 under a busy queue, max_receive_count 2.
    let s = preset("sqs-throttle-dlq", &[]);
    assert!(s.invocations.dead_lettered > 0 && s.invocations.failed == 0, "{:?}", s.invocations);
    // Capping the mapping instead (maximum concurrency) throttles nothing.
    let capped = preset("sqs-throttle-dlq", &["sources.0.maximum_concurrency=5", "function.reserved_concurrency=900"]);
    assert_eq!((capped.invocations.throttled, capped.invocations.dead_lettered), (0, 0));
}

// ---- streams ---------------------------------------------------------------------

const STREAM: &str = "duration_s = 1\n[function]\nhandler_ms = 100\n[[sources]]\nkind = \"kinesis\"\n\
                      arrival = { process = \"burst\", count = 10 }\npoison_events = [4]\nbatch_size = 10\nmax_retry_attempts = 2\n";

#[test]
fn a_failing_stream_batch_is_retried_then_skipped_whole() {
    let s = run(STREAM);
    assert_eq!(s.invocations.total, 3, "first attempt + 2 retries");
    assert_eq!(s.invocations.dropped, 10);
    assert_accounted(&s);
}

#[test]
fn bisect_on_error_isolates_the_poison_record() {
    let s = run(&format!("{STREAM}bisect_on_error = true\non_failure = \"destination\"\n"));
    // 10 ✗ → 5 ✗ → 3 ✓ → 2 ✗ → [3] ✓ → [4] ✗ ✗ ✗ (2 retries) → the other 5 ✓.
    assert_eq!(s.invocations.total, 9);
    assert_eq!(s.invocations.failed, 6);
    assert_eq!(s.invocations.dead_lettered, 1);
    assert_eq!(s.invocations.dropped, 0);
    assert_eq!(s.event_outcomes.succeeded, 9);
    assert_accounted(&s);
}

#[test]
fn a_poison_record_blocks_its_shard_until_it_expires() {
    let s = scenario_of(
        "duration_s = 10\n[function]\nhandler_ms = 100\n[[sources]]\nkind = \"kinesis\"\n\
         arrival = { process = \"constant\", rate_per_s = 1 }\npoison_events = [0]\nmax_record_age_s = 60\n",
    );
    let mut e = Engine::new(&s, 1);
    e.advance_to(30_000_000);
    let shards = e.queues();
    let sim::QueueView::Stream { shards, .. } = &shards[0] else { panic!("a stream") };
    assert!(shards[0].blocked);
    assert_eq!(shards[0].backlog, 10, "every record waits behind the poison one");
    assert!(shards[0].iterator_age_ms >= 29_000.0);
    let sum = e.run();
    assert_eq!(sum.invocations.dropped, 1);
    assert_eq!(sum.event_outcomes.succeeded, 9);
    assert!(sum.latency_ms.max >= 50_000.0, "{}", sum.latency_ms.max);
    assert_accounted(&sum);
}

#[test]
fn stream_poison_preset_blocks_for_a_day_and_the_fix_drops_one_record() {
    let s = preset("stream-poison-shard", &[]);
    assert!(s.simulated_s > 86_400.0);
    assert!(s.invocations.dropped >= 1);
    let fixed = preset("stream-poison-shard", &["sources.0.bisect_on_error=true", "sources.0.max_retry_attempts=2"]);
    assert_eq!(fixed.invocations.dropped, 1);
    assert_eq!(fixed.event_outcomes.succeeded, 599);
    assert!(fixed.simulated_s < 200.0);
}

// ---- billing, memory and runtimes ------------------------------------------------

#[test]
fn billing_worked_example_one_million_invocations() {
    let s = preset("cost-1m-invocations", &[]);
    assert_eq!(s.invocations.total, 1_000_000);
    assert!((100_000.0..100_020.0).contains(&s.billed_gb_s), "Init is billed too: {}", s.billed_gb_s);
    assert_eq!(cents(s.cost_usd.compute), 1.67);
    assert_eq!(cents(s.cost_usd.requests), 0.20);
    assert_eq!(cents(s.cost_usd.total), 1.87);
    let no_init = preset("cost-1m-invocations", &["function.init_ms=0"]);
    assert_eq!(no_init.billed_gb_s, 100_000.0);
    let arm = preset("cost-1m-invocations", &["function.architecture=arm64"]);
    assert_eq!(cents(arm.cost_usd.total), 1.53);
    let free = preset("cost-1m-invocations", &["billing.free_tier=true"]);
    assert!(free.cost_usd.total < 0.001, "{}", free.cost_usd.total);
}

#[test]
fn cpu_bound_handlers_scale_with_memory() {
    assert_eq!(preset("memory-and-cpu", &[]).latency_ms.p50, 3455.078);
    assert_eq!(preset("memory-and-cpu", &["function.memory_mb=1769"]).latency_ms.p50, 1000.0);
    assert_eq!(preset("memory-and-cpu", &["function.cpu_bound=false"]).latency_ms.p50, 1000.0);
}

#[test]
fn runtimes_set_the_cold_start() {
    assert_eq!(preset("runtime-cold-starts", &[]).latency_ms.p50, 281.0);
    assert_eq!(preset("runtime-cold-starts", &["function.runtime=python3.12"]).latency_ms.p50, 133.0);
    assert_eq!(preset("runtime-cold-starts", &["function.runtime=provided.al2023"]).latency_ms.p50, 68.0);
    assert_eq!(preset("runtime-cold-starts", &["function.runtime=dotnet8"]).latency_ms.p50, 318.0);
}

#[test]
fn api_flash_crowd_throttles_at_the_account_limit() {
    let s = preset("api-flash-crowd", &[]);
    assert_eq!(s.concurrency.peak, 1000);
    assert!(s.invocations.throttled > 1000);
    assert_eq!(s.event_outcomes.rejected, s.invocations.throttled);
    assert_eq!(s.invocations.retried, 0);
    let raised = preset("api-flash-crowd", &["account.concurrency_limit=3000"]);
    assert_eq!(raised.throttle_reasons.concurrency, 0);
    assert!(raised.invocations.throttled < s.invocations.throttled);
}

#[test]
fn partial_batch_preset_needs_fewer_invocations_with_item_failures() {
    let whole = preset("sqs-partial-batch", &[]);
    let partial = preset("sqs-partial-batch", &["sources.0.report_batch_item_failures=true"]);
    assert!(partial.invocations.total < whole.invocations.total);
    assert!(partial.invocations.dead_lettered < whole.invocations.dead_lettered);
    assert!(partial.partial_batch_failures > 0);
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
