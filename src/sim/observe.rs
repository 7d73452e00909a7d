//! What the engine tells an observer: narration of notable moments, trace
//! records (`--trace`), per-second time series, recent invocations and
//! read-only views of its state. Nothing here is computed unless asked for
//! (see [`crate::sim::Options`]), so a headless run pays nothing for it.

use serde::Serialize;

use super::scenario::{OnFailure, SourceKind};

/// The state of an execution environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EnvState {
    /// Running Init for the invocation it was created (or reset) for.
    Initializing,
    /// Running a handler.
    Busy,
    /// Frozen, waiting for the next invocation.
    Idle,
    /// Gone: idle too long, too old, or never to be used again.
    Reclaimed,
}

/// Why an invocation was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThrottleReason {
    /// The function's concurrency (reserved, or the account's) is all in use.
    Concurrency,
    /// The scaling rate's bucket is empty: `scale_per_10s` new environments
    /// per 10 s, refilled continuously.
    ScalingRate,
    /// Reserved concurrency is 0: every invoke is refused.
    ReservedZero,
    /// Lambda's invocation-rate quota: 10 × the concurrency cap per second
    /// (FunctionInvocationRateLimitExceeded).
    RequestRate,
    /// API Gateway's own account throttle (it answers 429; Lambda never
    /// sees the request, so this is not one of Lambda's throttles).
    ApiGatewayRate,
    /// Managed Instances: every environment is at its maximum concurrency
    /// and the asynchronous scaler has not added capacity yet.
    ManagedCapacity,
}

impl ThrottleReason {
    pub fn id(self) -> &'static str {
        match self {
            ThrottleReason::Concurrency => "concurrency",
            ThrottleReason::ScalingRate => "scaling-rate",
            ThrottleReason::ReservedZero => "reserved-zero",
            ThrottleReason::RequestRate => "request-rate",
            ThrottleReason::ApiGatewayRate => "api-gateway-rate",
            ThrottleReason::ManagedCapacity => "managed-capacity",
        }
    }
}

/// What happens to a refused invocation, by invocation type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum ThrottleResponse {
    /// Synchronous: the caller gets an HTTP error and Lambda does not retry:
    /// 429 TooManyRequestsException from the Lambda API, which API Gateway
    /// turns into a 500 for its client.
    Refused { status: u16 },
    /// Asynchronous: the event stays queued and is retried after `after_ms`.
    RetryLater { after_ms: u64 },
    /// Asynchronous with reserved concurrency 0, or past its maximum age:
    /// no retry; the event goes to its on-failure target (or is dropped).
    NoRetry,
    /// Stream mapping: the records stay in the stream; the poller backs
    /// off for `after_ms`.
    StaysInSource { after_ms: u64 },
    /// SQS mapping: the batch stays received (invisible, its receive count
    /// already raised); Lambda retries the invoke after `retry_after_ms`
    /// and gives the messages back when the visibility timeout ends.
    BatchHeld { retry_after_ms: u64, visible_after_ms: u64 },
}

/// Why an environment went away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReclaimReason {
    /// Idle for `idle_expiry_s`.
    IdleExpiry,
    /// Reached `max_lifetime_s` since it was created.
    MaxLifetime,
}

impl ReclaimReason {
    /// The `--trace` spelling.
    pub fn id(self) -> &'static str {
        match self {
            ReclaimReason::IdleExpiry => "idle",
            ReclaimReason::MaxLifetime => "max-lifetime",
        }
    }
}

/// Why an event was given up on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GiveUpReason {
    /// Every allowed retry failed.
    RetriesExhausted,
    /// Older than the maximum event (or record) age.
    MaxAge,
    /// Received `max_receive_count` times: the queue's redrive policy moves it.
    MaxReceiveCount,
    /// Older than the queue's retention period: SQS deletes it.
    Retention,
}

impl GiveUpReason {
    /// The `--trace` spelling.
    pub fn id(self) -> &'static str {
        match self {
            GiveUpReason::RetriesExhausted => "retries-exhausted",
            GiveUpReason::MaxAge => "max-age",
            GiveUpReason::MaxReceiveCount => "max-receive-count",
            GiveUpReason::Retention => "retention",
        }
    }
}

/// Where a given-up event went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Destination {
    /// The function's dead-letter queue (asynchronous).
    Dlq,
    /// An on-failure destination (asynchronous or stream).
    OnFailure,
    /// The SQS queue's own dead-letter queue (redrive policy).
    QueueDlq,
    /// Nowhere: discarded.
    Dropped,
}

impl Destination {
    pub fn from_on_failure(f: OnFailure) -> Self {
        match f {
            OnFailure::None => Destination::Dropped,
            OnFailure::Dlq => Destination::Dlq,
            OnFailure::Destination => Destination::OnFailure,
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Destination::Dlq => "dlq",
            Destination::OnFailure => "on-failure",
            Destination::QueueDlq => "queue-dlq",
            Destination::Dropped => "dropped",
        }
    }
}

/// A notable moment, with the data a sentence needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "moment", rename_all = "kebab-case")]
pub enum Moment {
    /// Provisioned environments were initialized before traffic.
    ProvisionedReady {
        count: u32,
    },
    /// No idle environment: a new one runs Init (or a reset one re-runs it).
    ColdStart {
        env: u32,
        runtime: String,
        init_ms: f64,
        after_reset: bool,
        provisioned: bool,
    },
    Throttled {
        source: usize,
        kind: SourceKind,
        reason: ThrottleReason,
        response: ThrottleResponse,
    },
    Timeout {
        env: u32,
        invocation: u64,
        timeout_s: u32,
        /// The status an API Gateway client gets (502), if any.
        client_status: Option<u16>,
    },
    FunctionError {
        env: u32,
        invocation: u64,
        source: usize,
        poison: bool,
        /// The status an API Gateway client gets (502), if any.
        client_status: Option<u16>,
    },
    /// An asynchronous event will run again after a function error.
    Retry {
        event: u64,
        source: usize,
        attempt: u8,
        after_ms: u64,
    },
    /// An SQS batch returned: some or all messages go back to the queue.
    BatchReturned {
        source: usize,
        failed: u32,
        total: u32,
        visible_after_ms: u64,
        partial: bool,
    },
    /// A stream batch failed and was split in two.
    Bisect {
        source: usize,
        shard: u32,
        from: u32,
        to: u32,
    },
    /// A stream batch failed and blocks its shard until it succeeds or expires.
    ShardBlocked {
        source: usize,
        shard: u32,
        retries: u32,
        iterator_age_ms: f64,
    },
    GaveUp {
        event: u64,
        source: usize,
        reason: GiveUpReason,
        destination: Destination,
    },
    Reclaimed {
        env: u32,
        reason: ReclaimReason,
        idle_ms: f64,
    },
    PollersScaled {
        source: usize,
        pollers: u32,
    },
    /// Managed Instances: the scaler changed the number of environments.
    ManagedScaled {
        environments: u32,
        instances: u32,
        up: bool,
    },
}

impl Moment {
    /// Moments with the same key are "the same moment again": same kind,
    /// same source.
    pub fn fold_key(&self) -> (std::mem::Discriminant<Moment>, Option<usize>) {
        let source = match self {
            Moment::Throttled { source, .. }
            | Moment::FunctionError { source, .. }
            | Moment::Retry { source, .. }
            | Moment::BatchReturned { source, .. }
            | Moment::Bisect { source, .. }
            | Moment::ShardBlocked { source, .. }
            | Moment::GaveUp { source, .. }
            | Moment::PollersScaled { source, .. } => Some(*source),
            _ => None,
        };
        (std::mem::discriminant(self), source)
    }
}

/// A run of `count` repeats of one moment (see [`Moment::fold_key`]),
/// numbered `seq .. seq + count` (for "what is new since"), from `first_us`
/// to `t_us`; `moment` is the latest of them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Narration {
    pub seq: u64,
    pub count: u32,
    pub first_us: u64,
    pub t_us: u64,
    pub moment: Moment,
}

impl Narration {
    /// The number of the first moment after this record.
    pub fn end_seq(&self) -> u64 {
        self.seq + u64::from(self.count)
    }
}

/// What [`crate::sim::Engine::narration_since`] returns.
#[derive(Debug, Clone, Default)]
pub struct NarrationSince<'a> {
    /// Moments evicted from the ring before they were taken.
    pub missed: u64,
    /// The records holding the rest, each with how many of its moments are
    /// new to the caller.
    pub records: Vec<(u32, &'a Narration)>,
}

/// One `--trace` line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraceRecord {
    pub t_ms: f64,
    #[serde(flatten)]
    pub what: TraceKind,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TraceKind {
    Arrival {
        event: u64,
        source: usize,
        kind: &'static str,
    },
    Throttle {
        source: usize,
        kind: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        event: Option<u64>,
        reason: &'static str,
    },
    InitStart {
        env: u32,
        invocation: u64,
    },
    InitEnd {
        env: u32,
        invocation: u64,
        init_ms: f64,
    },
    InvokeStart {
        env: u32,
        invocation: u64,
        source: usize,
        events: Vec<u64>,
        cold: bool,
        retry: bool,
    },
    InvokeEnd {
        env: u32,
        invocation: u64,
        outcome: &'static str,
        duration_ms: f64,
        billed_ms: u64,
        #[serde(skip_serializing_if = "Option::is_none")]
        error: Option<String>,
    },
    Retry {
        event: u64,
        source: usize,
        attempt: u8,
        at_ms: f64,
    },
    Expiry {
        env: u32,
        reason: &'static str,
    },
    DeadLetter {
        event: u64,
        source: usize,
        destination: &'static str,
    },
    Drop {
        event: u64,
        source: usize,
        reason: &'static str,
    },
}

/// One simulated second, for the visualizer's charts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SeriesPoint {
    /// The second this point covers: [t_s, t_s + 1).
    pub t_s: u64,
    /// Busy environments at the end of the second.
    pub concurrency: u32,
    /// Most busy environments at any moment of the second.
    pub concurrency_peak: u32,
    /// Live environments at the end of the second.
    pub environments: u32,
    pub invocations: u32,
    pub cold_starts: u32,
    pub throttles: u32,
    pub errors: u32,
    /// Latency of events finished in this second (0 when none).
    pub latency_p50_ms: f64,
    pub latency_p99_ms: f64,
    /// Cost so far, in dollars.
    pub cost_usd: f64,
}

/// How an invocation ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Success,
    Error,
    Timeout,
}

impl Outcome {
    pub fn id(self) -> &'static str {
        match self {
            Outcome::Success => "success",
            Outcome::Error => "error",
            Outcome::Timeout => "timeout",
        }
    }
}

/// A recent invocation, for "open this event": its payload (see
/// [`crate::sim::payload`]) and its result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InvocationRecord {
    pub invocation: u64,
    pub env: u32,
    pub source: usize,
    pub kind: SourceKind,
    /// The first event of the invocation (its id is also the index to give
    /// `payload::example_batch`) and how many (a batch has several).
    pub first_event: u64,
    pub events: u32,
    pub start_us: u64,
    pub init_us: u64,
    pub end_us: u64,
    pub cold: bool,
    pub retry: bool,
    pub outcome: Outcome,
    /// Messages of a batch reported as failed (partial batch response).
    pub failed_items: u32,
}

/// One environment as the visualizer draws it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EnvView {
    pub id: u32,
    pub state: EnvState,
    /// When it entered that state.
    pub since_us: u64,
    pub provisioned: bool,
    /// The invocation it is running, if busy or initializing.
    pub invocation: Option<u64>,
    /// Reset after a timeout: its next invocation runs Init again.
    pub needs_init: bool,
}

/// Concurrency as the Lambda service sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ConcurrencyView {
    /// Environments initializing for or running an invocation.
    pub in_use: u32,
    /// The function's cap: reserved concurrency, else the account limit.
    pub limit: u32,
    pub account_limit: u32,
    pub reserved: Option<u32>,
    pub provisioned: u32,
    /// How much of the scaling rate's bucket is spent (it refills
    /// continuously, `scale_per_10s` per 10 s), and its size.
    pub scaling_used: u32,
    pub scale_per_10s: u32,
}

/// Waiting work, per source.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum QueueView {
    /// Synchronous sources queue nothing: the caller waits or gets a 429.
    Sync {
        source: usize,
        kind: SourceKind,
    },
    /// Lambda's internal queue of asynchronous events waiting for a retry.
    Async {
        source: usize,
        kind: SourceKind,
        waiting_after_error: u64,
        waiting_after_throttle: u64,
    },
    Sqs {
        source: usize,
        /// Visible messages waiting for a poller.
        backlog: u64,
        /// Messages in batches being processed.
        in_flight: u64,
        /// Messages invisible until their visibility timeout ends after a failure.
        returning: u64,
        pollers: u32,
        batches_in_flight: u32,
        oldest_age_ms: f64,
    },
    Stream {
        source: usize,
        kind: SourceKind,
        shards: Vec<ShardView>,
    },
}

/// One shard (or, with a parallelization factor, one of its lanes).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ShardView {
    pub shard: u32,
    pub lane: u32,
    pub backlog: u64,
    /// Age of the oldest unprocessed record.
    pub iterator_age_ms: f64,
    pub in_flight: bool,
    /// A failing batch is holding the shard back.
    pub blocked: bool,
    pub retries: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trace_records_are_flat_json() {
        let r = TraceRecord { t_ms: 1.5, what: TraceKind::Arrival { event: 7, source: 0, kind: "s3" } };
        let line = serde_json::to_string(&r).expect("serializes");
        assert_eq!(line, r#"{"t_ms":1.5,"type":"arrival","event":7,"source":0,"kind":"s3"}"#);
    }
}
