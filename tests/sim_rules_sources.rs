//! The simulator's rules for event source mappings (SQS, streams), billing,
//! memory and runtimes, each pinned by a small scenario with an exact
//! expected outcome (the rest are in `sim_rules.rs`).
#![allow(clippy::float_cmp, reason = "summaries round their figures, so exact values are the expectation")]

#[path = "support/sim_rules.rs"]
mod rules;

use lambda_tutor::sim::{self, Engine};
use rules::*;

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
