//! Scenarios: the TOML format of SPEC.md ("Scenarios"), Lambda's defaults for
//! omitted keys, `--set` overrides, and diagnostics with `path:line:column`.
//!
//! Loading is pure: a trace file named by a scenario is read through the
//! `read_file` callback the caller passes in.

mod build;
pub mod limits;

/// The value tree of a scenario file lives in the leaf, shared with labs.
pub use crate::infra::toml_tree as tree;
#[doc(hidden)]
pub use build::all_keys;

use serde::Serialize;

use super::billing::Architecture;
use super::dist::Dist;
use crate::infra::Diagnostic;

/// Lambda's and the format's defaults for omitted keys, read from the one
/// table of [`limits`].
pub mod defaults {
    use super::limits;

    pub const DURATION_S: f64 = limits::DURATION_S.default;
    pub const SEED: u64 = limits::SEED.default as u64;
    pub const MEMORY_MB: u32 = limits::MEMORY_MB.default as u32;
    pub const TIMEOUT_S: u32 = limits::TIMEOUT_S.default as u32;
    pub const HANDLER_MS: f64 = 100.0;
    pub const CONCURRENCY_LIMIT: u32 = limits::CONCURRENCY_LIMIT.default as u32;
    pub const SCALE_PER_10S: u32 = limits::SCALE_PER_10S.default as u32;
    pub const IDLE_EXPIRY_S: u32 = limits::IDLE_EXPIRY_S.default as u32;
    pub const MAX_LIFETIME_S: u32 = limits::MAX_LIFETIME_S.default as u32;
    pub const ASYNC_MAX_RETRY_ATTEMPTS: u8 = limits::ASYNC_MAX_RETRY_ATTEMPTS.default as u8;
    pub const ASYNC_MAX_EVENT_AGE_S: u32 = limits::ASYNC_MAX_EVENT_AGE_S.default as u32;
    pub const SQS_BATCH_SIZE: u32 = limits::SQS_BATCH_SIZE.default as u32;
    pub const SQS_VISIBILITY_TIMEOUT_S: u32 = limits::SQS_VISIBILITY_TIMEOUT_S.default as u32;
    pub const SQS_MAX_RECEIVE_COUNT: u32 = limits::SQS_MAX_RECEIVE_COUNT.default as u32;
    /// Unset maximum concurrency: the standard-mode ceiling of 1,250
    /// concurrent invokes.
    pub const SQS_MAXIMUM_CONCURRENCY: u32 = limits::SQS_MAXIMUM_CONCURRENCY.default as u32;
    pub const SQS_MESSAGE_RETENTION_S: u32 = limits::SQS_MESSAGE_RETENTION_S.default as u32;
    pub const STREAM_SHARDS: u32 = limits::STREAM_SHARDS.default as u32;
    pub const STREAM_BATCH_SIZE: u32 = limits::STREAM_BATCH_SIZE.default as u32;
    pub const STREAM_PARALLELIZATION: u32 = limits::STREAM_PARALLELIZATION.default as u32;
    pub const STREAM_MAX_RETRY_ATTEMPTS: i64 = limits::STREAM_MAX_RETRY_ATTEMPTS.default as i64;
    /// Streams keep records 24 hours by default; "retry until the record
    /// expires" means this long.
    pub const STREAM_RETENTION_S: u32 = 86_400;
}

/// The most events one run may emit, so that no scenario can make the
/// program run for hours (86.4 M, a day at 1,000 requests per second, fits).
pub const MAX_EVENTS: f64 = 250_000_000.0;

/// The most events that asynchronous, SQS and stream sources may emit:
/// unlike synchronous requests they can all be waiting at the same moment,
/// and each waiting event takes memory (about 40 bytes).
pub const MAX_QUEUED_EVENTS: f64 = 10_000_000.0;

/// A checked scenario with every default filled in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    /// Markdown: what to watch for.
    pub description: String,
    pub duration_s: f64,
    pub seed: u64,
    pub function: Function,
    pub account: Account,
    pub sources: Vec<Source>,
    pub billing: Billing,
    /// Other functions in the same account and Region (`[[neighbours]]`):
    /// their invocations occupy the shared concurrency pool.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub neighbours: Vec<Neighbour>,
}

/// Another function of the account, modelled only as load on the shared
/// concurrency pool: its invocations arrive, hold one unit of concurrency
/// for their duration, or are throttled when none is left to them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Neighbour {
    pub name: String,
    pub arrival: Arrival,
    #[serde(serialize_with = "ser_dist")]
    pub duration_ms: Dist,
    pub reserved_concurrency: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Function {
    pub runtime: String,
    pub memory_mb: u32,
    pub timeout_s: u32,
    pub architecture: Architecture,
    pub reserved_concurrency: Option<u32>,
    pub provisioned_concurrency: u32,
    #[serde(serialize_with = "ser_dist")]
    pub handler_ms: Dist,
    /// Overrides the runtime's Init time when set.
    #[serde(serialize_with = "ser_opt_dist")]
    pub init_ms: Option<Dist>,
    pub error_rate: f64,
    pub cpu_bound: bool,
    /// Extra handler time per record of a batch (SQS, streams), in ms.
    pub per_item_ms: f64,
    /// Where the function runs: Lambda's own fleet, or Managed Instances.
    pub compute: Compute,
    /// The Managed Instances settings (read, and used, only when
    /// `compute` is [`Compute::ManagedInstances`]).
    pub managed: Managed,
}

/// Where a function's execution environments run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Compute {
    /// Lambda (default): one request per environment, scaled per request.
    OnDemand,
    /// Lambda Managed Instances: multi-concurrent environments on EC2
    /// instances in the account, scaled asynchronously.
    ManagedInstances,
}

impl Compute {
    pub fn id(self) -> &'static str {
        match self {
            Compute::OnDemand => "on-demand",
            Compute::ManagedInstances => "managed-instances",
        }
    }
}

/// Lambda Managed Instances: the instance type and the environments on it
/// (DG lambda-managed-instances-*.html; see assets/scenarios/README.md).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Managed {
    /// Requests one environment serves at once (PerExecutionEnvironmentMaxConcurrency).
    pub max_concurrency_per_environment: u32,
    /// vCPUs of one environment: the function's memory at 2 GiB per vCPU.
    pub environment_vcpus: u32,
    pub instance_vcpus: u32,
    pub instance_memory_gb: f64,
    /// The instance type's EC2 On-Demand price, $ per hour.
    pub instance_usd_per_hour: f64,
    /// Instances (and environments) kept running at the least: 3 by
    /// default, one per Availability Zone.
    pub min_instances: u32,
}

impl Managed {
    /// Environments one instance holds (by vCPUs and by memory).
    pub fn environments_per_instance(&self, memory_mb: u32) -> u32 {
        let by_cpu = self.instance_vcpus / self.environment_vcpus.max(1);
        let by_mem = (self.instance_memory_gb * 1024.0 / f64::from(memory_mb.max(1))).floor() as u32;
        by_cpu.min(by_mem)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Account {
    pub concurrency_limit: u32,
    /// API Gateway's account throttle: steady requests per second and burst.
    pub api_gateway_rps: u32,
    pub api_gateway_burst: u32,
    pub scale_per_10s: u32,
    pub idle_expiry_s: u32,
    pub max_lifetime_s: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Billing {
    pub free_tier: bool,
}

/// An event source: what kind it is, when it emits, and its settings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    pub kind: SourceKind,
    pub arrival: Arrival,
    /// Share of events that fail on every attempt ("poison").
    pub poison_rate: f64,
    /// 0-based indices of this source's events that fail on every attempt.
    pub poison_events: Vec<u64>,
    pub settings: Settings,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    ApiGateway,
    Alb,
    S3,
    Sns,
    Eventbridge,
    Schedule,
    Sqs,
    DynamodbStream,
    Kinesis,
}

/// How Lambda is invoked for a source (facts sheet, "Invocation types").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InvocationType {
    Synchronous,
    Asynchronous,
    EventSourceMapping,
}

impl SourceKind {
    pub const ALL: [SourceKind; 9] = [
        SourceKind::ApiGateway,
        SourceKind::Alb,
        SourceKind::S3,
        SourceKind::Sns,
        SourceKind::Eventbridge,
        SourceKind::Schedule,
        SourceKind::Sqs,
        SourceKind::DynamodbStream,
        SourceKind::Kinesis,
    ];

    pub fn id(self) -> &'static str {
        match self {
            SourceKind::ApiGateway => "api-gateway",
            SourceKind::Alb => "alb",
            SourceKind::S3 => "s3",
            SourceKind::Sns => "sns",
            SourceKind::Eventbridge => "eventbridge",
            SourceKind::Schedule => "schedule",
            SourceKind::Sqs => "sqs",
            SourceKind::DynamodbStream => "dynamodb-stream",
            SourceKind::Kinesis => "kinesis",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.id() == id)
    }

    pub fn invocation_type(self) -> InvocationType {
        match self {
            SourceKind::ApiGateway | SourceKind::Alb => InvocationType::Synchronous,
            SourceKind::S3 | SourceKind::Sns | SourceKind::Eventbridge | SourceKind::Schedule => {
                InvocationType::Asynchronous
            }
            SourceKind::Sqs | SourceKind::DynamodbStream | SourceKind::Kinesis => InvocationType::EventSourceMapping,
        }
    }

    /// A source name for sentences: "API Gateway", "S3", …
    pub fn label(self) -> &'static str {
        match self {
            SourceKind::ApiGateway => "API Gateway",
            SourceKind::Alb => "ALB",
            SourceKind::S3 => "S3",
            SourceKind::Sns => "SNS",
            SourceKind::Eventbridge => "EventBridge",
            SourceKind::Schedule => "EventBridge schedule",
            SourceKind::Sqs => "SQS",
            SourceKind::DynamodbStream => "DynamoDB stream",
            SourceKind::Kinesis => "Kinesis",
        }
    }
}

/// When a source emits events. All processes emit only in [0, duration_s).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "process", rename_all = "kebab-case")]
pub enum Arrival {
    /// At t = 0, 1/r, 2/r, …
    Constant { rate_per_s: f64 },
    /// Exponential gaps with mean 1/r.
    Poisson { rate_per_s: f64 },
    /// `count` events spread evenly over [at_s, at_s + over_s) (all at once when over_s = 0).
    Burst { count: u64, at_s: f64, over_s: f64 },
    /// Piecewise-constant rate: each `(t_s, rate_per_s)` holds until the next.
    /// Evenly spaced within a step unless `poisson`.
    Step { steps: Vec<(f64, f64)>, poisson: bool },
    /// At t = 0, every_s, 2·every_s, …
    Schedule { every_s: f64 },
    /// Explicit arrival times in seconds (inline `times_s`, or a file of one
    /// time per line), sorted.
    Trace { file: Option<String>, times_s: Vec<f64> },
}

impl Arrival {
    /// About how many events this process emits in `duration_s`.
    pub fn expected_events(&self, duration_s: f64) -> f64 {
        match self {
            Arrival::Constant { rate_per_s } | Arrival::Poisson { rate_per_s } => rate_per_s * duration_s,
            Arrival::Burst { count, .. } => *count as f64,
            Arrival::Step { steps, .. } => steps
                .iter()
                .enumerate()
                .map(|(i, &(t, rate))| {
                    let end = steps.get(i + 1).map_or(duration_s, |s| s.0).min(duration_s);
                    (end - t).max(0.0) * rate
                })
                .sum(),
            Arrival::Schedule { every_s } => (duration_s / every_s).ceil(),
            Arrival::Trace { times_s, .. } => times_s.len() as f64,
        }
    }

    /// "poisson 300/s", "burst of 1000 at 5 s", …
    pub fn describe(&self) -> String {
        match self {
            Arrival::Constant { rate_per_s } => format!("constant {rate_per_s}/s"),
            Arrival::Poisson { rate_per_s } => format!("poisson {rate_per_s}/s"),
            Arrival::Burst { count, at_s, over_s } if *over_s > 0.0 => {
                format!("burst of {count} at {at_s} s over {over_s} s")
            }
            Arrival::Burst { count, at_s, .. } => format!("burst of {count} at {at_s} s"),
            Arrival::Step { steps, .. } => {
                let parts: Vec<String> = steps.iter().map(|(t, r)| format!("{r}/s from {t} s")).collect();
                format!("steps: {}", parts.join(", "))
            }
            Arrival::Schedule { every_s } => format!("every {every_s} s"),
            Arrival::Trace { times_s, .. } => format!("trace of {} arrivals", times_s.len()),
        }
    }
}

/// What a failed asynchronous event finally becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OnFailure {
    /// Discarded (Lambda's default: no destination configured).
    None,
    /// Sent to the function's dead-letter queue.
    Dlq,
    /// Sent to an on-failure destination.
    Destination,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Settings {
    Sync(SyncSettings),
    Async(AsyncSettings),
    Sqs(SqsSettings),
    Stream(StreamSettings),
}

/// Synchronous sources: what stands between the caller and Lambda.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SyncSettings {
    /// API Gateway's integration timeout: past it the caller gets a 504
    /// while the function runs on (29 s by default; raisable for Regional
    /// and private REST APIs). `None` for sources without one (ALB).
    pub integration_timeout_s: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct AsyncSettings {
    pub max_retry_attempts: u8,
    pub max_event_age_s: u32,
    pub on_failure: OnFailure,
    /// Share of events Lambda delivers twice (at-least-once delivery).
    pub duplicate_rate: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SqsSettings {
    pub batch_size: u32,
    pub batching_window_s: f64,
    pub visibility_timeout_s: u32,
    /// 0: the queue has no redrive policy (no DLQ).
    pub max_receive_count: u32,
    pub report_batch_item_failures: bool,
    pub maximum_concurrency: u32,
    pub message_retention_s: u32,
    /// Share of messages received twice (standard queues deliver at least once).
    pub duplicate_rate: f64,
    /// Provisioned mode: (minimum, maximum) pollers, each running up to 10
    /// batches at once; `None` is standard mode.
    pub provisioned_pollers: Option<(u32, u32)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct StreamSettings {
    pub shards: u32,
    pub batch_size: u32,
    pub parallelization_factor: u32,
    pub bisect_on_error: bool,
    /// -1: retry until the record expires.
    pub max_retry_attempts: i64,
    /// Records older than this are skipped (-1 in the file: the retention, 24 h).
    pub max_record_age_s: u32,
    pub on_failure: OnFailure,
}

/// A `--set dotted.key=value` override.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub key: String,
    pub value: String,
}

impl Override {
    /// Split `key=value` at the first `=`.
    pub fn parse(text: &str) -> Result<Self, String> {
        match text.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => Ok(Self { key: k.trim().to_owned(), value: v.trim().to_owned() }),
            _ => Err(format!("--set {text}: expected KEY=VALUE, e.g. --set function.memory_mb=1024")),
        }
    }
}

/// A loaded scenario and the warnings found on the way.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub scenario: Scenario,
    pub warnings: Vec<Diagnostic>,
}

/// Reads a trace file named by a scenario (relative to it): returns the path
/// to show in diagnostics and the text, or a sentence saying why not.
pub type ReadFile<'a> = dyn FnMut(&str) -> Result<(String, String), String> + 'a;

/// Parse and check a scenario file, apply `overrides`, fill in defaults.
///
/// Errors come back as diagnostics (all of them, warnings included). A
/// diagnostic caused by an override has `line == 0` and the path
/// `--set KEY`; [`describe`] formats both kinds.
pub fn load(
    path: &str,
    bytes: &[u8],
    overrides: &[Override],
    read_file: &mut ReadFile<'_>,
) -> Result<Loaded, Vec<Diagnostic>> {
    build::load(path, bytes, overrides, read_file)
}

/// One diagnostic as a line: `path:line:col: error: …`, or for an override
/// `--set KEY: error: …`.
pub fn describe(d: &Diagnostic) -> String {
    if d.line == 0 {
        // The path of an override is `--set KEY=VALUE`, as typed.
        format!("{}: {}: {}", crate::text::sanitize(&d.path), d.severity, crate::text::sanitize(&d.message))
    } else {
        d.to_string()
    }
}

/// Whether a diagnostic is about a `--set` override rather than the file.
pub fn is_override_diagnostic(d: &Diagnostic) -> bool {
    d.line == 0
}

fn ser_dist<S: serde::Serializer>(d: &Dist, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&d.describe())
}

#[expect(clippy::ref_option, reason = "serde's serialize_with passes a reference to the field")]
fn ser_opt_dist<S: serde::Serializer>(d: &Option<Dist>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&d.describe()),
        None => s.serialize_none(),
    }
}
