//! The simulator's narration and results in plain words. The engine
//! reports typed moments ([`Moment`]); their wording lives here, beside the
//! rest of the visualizer's text, so it can change in one sitting.

use crate::sim::observe::{
    Destination, GiveUpReason, Moment, Outcome, ReclaimReason, ThrottleReason, ThrottleResponse,
};

/// The line that stands for moments the engine evicted before the
/// visualizer could take them.
pub fn missed(count: u64) -> String {
    let s = if count == 1 { "" } else { "s" };
    format!("… {} more moment{s} not shown", super::format::thousands(count))
}

/// What an API Gateway client sees of a failed invocation.
fn client(status: Option<u16>) -> String {
    status.map(|s| format!("; API Gateway answers {s}")).unwrap_or_default()
}

/// The flow diagram's label for throttled synchronous requests: the status
/// their callers get (429 from Lambda, 500 through API Gateway).
pub fn refused_label(api_gateway_only: bool) -> &'static str {
    if api_gateway_only { "500s" } else { "refused" }
}

/// The flow diagram's label for requests past API Gateway's integration timeout.
pub const GATEWAY_TIMEOUTS: &str = "504s (timeout)";

/// The flow diagram's label for failed synchronous requests.
pub fn errors_label(api_gateway_only: bool) -> &'static str {
    if api_gateway_only { "502s" } else { "errors" }
}

/// What an invocation returned or threw, in the runtime's words.
pub fn result(outcome: Outcome, timeout_s: u32, failed_items: u32) -> String {
    match (crate::sim::payload::runtime_error(outcome, timeout_s), failed_items) {
        (Some(e), _) => e,
        (None, 0) => "success".to_owned(),
        (None, n) => format!("success with {n} batchItemFailures"),
    }
}

fn ms(us: u64) -> String {
    let ms = us as f64 / 1000.0;
    if ms >= 10_000.0 { format!("{:.0} s", ms / 1000.0) } else { format!("{ms:.0} ms") }
}

/// A moment in plain words, e.g. "no idle environment: cold start, Init
/// 83 ms on python3.12 (environment 3)".
pub fn sentence(moment: &Moment) -> String {
    match moment {
        Moment::ProvisionedReady { count } => {
            format!("{count} provisioned environments initialized ahead of traffic: no cold start for them")
        }
        Moment::ColdStart { env, runtime, init_ms, after_reset: false, provisioned: _ } => {
            format!("no idle environment: cold start, Init {init_ms:.0} ms on {runtime} (environment {env})")
        }
        Moment::ColdStart { env, runtime, init_ms, .. } => {
            format!("environment {env} was reset after a timeout: Init runs again, {init_ms:.0} ms on {runtime}")
        }
        Moment::Throttled { kind, reason, response, .. } => {
            let why = match reason {
                ThrottleReason::Concurrency => "all concurrency in use",
                ThrottleReason::ScalingRate => {
                    "scaling rate: no new environment allowed yet, the rate refills continuously"
                }
                ThrottleReason::ReservedZero => "reserved concurrency is 0",
                ThrottleReason::RequestRate => "over Lambda's request-rate quota, 10 × concurrency a second",
                ThrottleReason::ApiGatewayRate => "by API Gateway's account throttle, before Lambda",
                ThrottleReason::ManagedCapacity => {
                    "every Managed Instances environment is full; the scaler adds capacity asynchronously"
                }
            };
            let then = match response {
                ThrottleResponse::Refused { status: 429 } if *reason == ThrottleReason::ApiGatewayRate => {
                    "API Gateway answers its client 429 Too Many Requests".to_owned()
                }
                ThrottleResponse::Refused { status: 500 } => {
                    "API Gateway answers its client 500 Internal server error, no retry".to_owned()
                }
                ThrottleResponse::Refused { status } => {
                    format!("{status} TooManyRequestsException to the caller, no retry")
                }
                ThrottleResponse::RetryLater { after_ms } => {
                    format!("event stays queued, retry in {}", ms(after_ms * 1000))
                }
                ThrottleResponse::NoRetry => "no retry for this event".to_owned(),
                ThrottleResponse::BatchHeld { retry_after_ms, visible_after_ms } => format!(
                    "the batch stays received (its receive counts rose): invoke retried in {}, messages back in the queue in {} unless it runs",
                    ms(retry_after_ms * 1000),
                    ms(visible_after_ms * 1000)
                ),
                ThrottleResponse::StaysInSource { after_ms } => {
                    format!("records stay in the source, poller backs off {}", ms(after_ms * 1000))
                }
            };
            format!("{} throttled ({why}): {then}", kind.label())
        }
        Moment::Timeout { env, timeout_s, client_status, .. } => {
            format!(
                "Task timed out after {timeout_s}.00 seconds: billed the full timeout, environment {env} is reset{}",
                client(*client_status)
            )
        }
        Moment::FunctionError { env, poison: true, client_status, .. } => {
            format!("handler failed on a poison event in environment {env}{}", client(*client_status))
        }
        Moment::FunctionError { env, client_status, .. } => {
            format!("handler threw an error in environment {env}{}", client(*client_status))
        }
        Moment::Retry { event, attempt, after_ms, .. } => {
            format!("event {event} failed: retry {attempt} in {}", ms(after_ms * 1000))
        }
        Moment::BatchReturned { failed, total, visible_after_ms, partial, .. } => {
            if *partial {
                format!(
                    "partial batch failure: {failed} of {total} messages return to the queue after the visibility timeout ({}), the rest are deleted",
                    ms(visible_after_ms * 1000)
                )
            } else {
                format!(
                    "batch failed: all {total} messages return to the queue after the visibility timeout ({})",
                    ms(visible_after_ms * 1000)
                )
            }
        }
        Moment::Bisect { shard, from, to, .. } => {
            format!("shard {shard}: batch of {from} failed, bisected into a batch of {to}")
        }
        Moment::ShardBlocked { shard, retries, iterator_age_ms, .. } => format!(
            "shard {shard} blocked: the failing batch is retried (attempt {}), iterator age {}",
            retries + 1,
            ms((*iterator_age_ms * 1000.0) as u64)
        ),
        Moment::GaveUp { event, reason, destination, .. } => {
            let why = match reason {
                GiveUpReason::RetriesExhausted => "retries exhausted",
                GiveUpReason::MaxAge => "too old",
                GiveUpReason::MaxReceiveCount => "received max_receive_count times",
                GiveUpReason::Retention => "past the queue's retention period",
            };
            let to = match destination {
                Destination::Dlq => "sent to the dead-letter queue",
                Destination::OnFailure => "sent to the on-failure destination",
                Destination::QueueDlq => "moved to the queue's dead-letter queue",
                Destination::Dropped => "dropped (no destination configured)",
            };
            format!("event {event}: {why}, {to}")
        }
        Moment::Reclaimed { env, reason: ReclaimReason::IdleExpiry, idle_ms } => {
            format!(
                "environment {env} reclaimed after {} idle: the next request here is a cold start",
                ms((*idle_ms * 1000.0) as u64)
            )
        }
        Moment::Reclaimed { env, reason: ReclaimReason::MaxLifetime, .. } => {
            format!("environment {env} recycled at its maximum lifetime")
        }
        Moment::PollersScaled { pollers, .. } => {
            format!("SQS backlog: Lambda scales its pollers to {pollers} concurrent batches")
        }
        Moment::ManagedScaled { environments, instances, up } => format!(
            "Managed Instances scaler {} to {environments} environments on {instances} instances",
            if *up { "grows" } else { "shrinks" }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cold_start_sentence_names_runtime_and_init() {
        let m = Moment::ColdStart {
            env: 3,
            runtime: "python3.12".into(),
            init_ms: 83.0,
            after_reset: false,
            provisioned: false,
        };
        assert_eq!(sentence(&m), "no idle environment: cold start, Init 83 ms on python3.12 (environment 3)");
    }

    #[test]
    fn results_in_the_runtime_words() {
        assert_eq!(result(Outcome::Timeout, 3, 0), "Task timed out after 3.00 seconds");
        assert_eq!(result(Outcome::Success, 3, 2), "success with 2 batchItemFailures");
        assert_eq!(missed(1), "… 1 more moment not shown");
        assert_eq!(missed(1500), "… 1,500 more moments not shown");
    }
}
