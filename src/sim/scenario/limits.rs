//! Every numeric key of the scenario format in one table: its range, unit,
//! default and where the number comes from. The reader checks values
//! against it and [`super::defaults`] reads its defaults from it, so a limit
//! is written once. DG = AWS Lambda Developer Guide
//! (docs.aws.amazon.com/lambda/latest/dg/…).

/// One key's limits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limit {
    /// The key as written in its table.
    pub key: &'static str,
    pub min: f64,
    pub max: f64,
    /// Appended to numbers in messages, e.g. " MB".
    pub unit: &'static str,
    pub default: f64,
    /// The AWS page (or the measurement) the range and default come from.
    pub source: &'static str,
}

const fn lim(key: &'static str, min: f64, max: f64, unit: &'static str, default: f64, source: &'static str) -> Limit {
    Limit { key, min, max, unit, default, source }
}

const FORMAT: &str = "the scenario format (SPEC.md)";

pub const DURATION_S: Limit = lim("duration_s", 0.001, 2_592_000.0, " s", 60.0, FORMAT);
pub const SEED: Limit = lim("seed", 0.0, 9.2e18, "", 1.0, FORMAT);

pub const MEMORY_MB: Limit =
    lim("memory_mb", 128.0, 10_240.0, " MB", 128.0, "DG configuration-memory-function.html: 128 MB to 10,240 MB");
pub const TIMEOUT_S: Limit =
    lim("timeout_s", 1.0, 900.0, " s", 3.0, "DG configuration-timeout.html: default 3 s, at most 900 s");
pub const ERROR_RATE: Limit = lim("error_rate", 0.0, 1.0, "", 0.0, FORMAT);
pub const PER_ITEM_MS: Limit = lim("per_item_ms", 0.0, 900_000.0, " ms", 0.0, FORMAT);

pub const CONCURRENCY_LIMIT: Limit = lim(
    "concurrency_limit",
    1.0,
    100_000.0,
    "",
    1000.0,
    "DG lambda-concurrency.html: 1,000 per Region by default, raisable",
);
pub const SCALE_PER_10S: Limit = lim(
    "scale_per_10s",
    1.0,
    100_000.0,
    " environments",
    1000.0,
    "DG scaling-behavior.html: 1,000 environments every 10 s per function, refilled continuously",
);
pub const API_GATEWAY_RPS: Limit = lim(
    "api_gateway_rps",
    1.0,
    1_000_000.0,
    " requests per second",
    10_000.0,
    "API Gateway DG limits.html: throttle quota per account per Region, 10,000 RPS (raisable)",
);
pub const API_GATEWAY_BURST: Limit = lim(
    "api_gateway_burst",
    1.0,
    1_000_000.0,
    " requests",
    5000.0,
    "API Gateway DG limits.html: burst of 5,000 requests",
);
pub const IDLE_EXPIRY_S: Limit =
    lim("idle_expiry_s", 0.0, 604_800.0, " s", 600.0, "measured (undocumented): idle environments live 5-15 minutes");
pub const MAX_LIFETIME_S: Limit = lim(
    "max_lifetime_s",
    1.0,
    604_800.0,
    " s",
    7200.0,
    "DG lambda-runtime-environment.html: environments are recycled every few hours",
);

pub const API_GATEWAY_INTEGRATION_TIMEOUT_S: Limit = lim(
    "integration_timeout_s",
    1.0,
    300.0,
    " s",
    29.0,
    "What's New 2024-06-04 (API Gateway integration timeout beyond 29 s): 29 s by default, raisable for Regional and private REST APIs (re:Post: up to 300 s)",
);

pub const ASYNC_MAX_RETRY_ATTEMPTS: Limit = lim(
    "max_retry_attempts",
    0.0,
    2.0,
    "",
    2.0,
    "API PutFunctionEventInvokeConfig: MaximumRetryAttempts 0-2, default 2",
);
pub const ASYNC_MAX_EVENT_AGE_S: Limit = lim(
    "max_event_age_s",
    60.0,
    21_600.0,
    " s",
    21_600.0,
    "API PutFunctionEventInvokeConfig: MaximumEventAgeInSeconds 60-21,600",
);
pub const ASYNC_DUPLICATE_RATE: Limit = lim(
    "duplicate_rate",
    0.0,
    0.5,
    "",
    0.0,
    "DG invocation-async-error-handling.html: the same event can arrive more than once",
);

pub const SQS_BATCH_SIZE: Limit =
    lim("batch_size", 1.0, 10_000.0, "", 10.0, "DG services-sqs-parameters.html: BatchSize 1-10,000, default 10");
pub const SQS_BATCHING_WINDOW_S: Limit = lim(
    "batching_window_s",
    0.0,
    300.0,
    " s",
    0.0,
    "DG services-sqs-parameters.html: MaximumBatchingWindowInSeconds 0-300",
);
pub const SQS_VISIBILITY_TIMEOUT_S: Limit =
    lim("visibility_timeout_s", 0.0, 43_200.0, " s", 30.0, "SQS: visibility timeout 0 s to 12 h, default 30 s");
pub const SQS_MAX_RECEIVE_COUNT: Limit =
    lim("max_receive_count", 0.0, 1000.0, "", 5.0, "SQS redrive policy: maxReceiveCount 1-1,000 (0: no DLQ)");
pub const SQS_MAXIMUM_CONCURRENCY: Limit = lim(
    "maximum_concurrency",
    2.0,
    1000.0,
    "",
    1250.0,
    "API ScalingConfig: MaximumConcurrency 2-1,000; unset, DG services-sqs-scaling.html: at most 1,250 concurrent invokes",
);
pub const SQS_MIN_POLLERS: Limit = lim(
    "minimum_pollers",
    2.0,
    200.0,
    "",
    2.0,
    "DG services-sqs-parameters.html: ProvisionedPollerConfig MinimumPollers 2-200",
);
pub const SQS_MAX_POLLERS: Limit = lim(
    "maximum_pollers",
    2.0,
    2000.0,
    "",
    200.0,
    "DG services-sqs-parameters.html: ProvisionedPollerConfig MaximumPollers 2-2,000, default 200",
);
pub const SQS_MESSAGE_RETENTION_S: Limit =
    lim("message_retention_s", 60.0, 1_209_600.0, " s", 345_600.0, "SQS: retention 60 s to 14 days, default 4 days");
pub const SQS_DUPLICATE_RATE: Limit = lim(
    "duplicate_rate",
    0.0,
    0.5,
    "",
    0.0,
    "SQS standard queues deliver at least once: a message can be received twice",
);

pub const STREAM_SHARDS: Limit = lim("shards", 1.0, 1000.0, "", 1.0, FORMAT);
pub const STREAM_BATCH_SIZE: Limit =
    lim("batch_size", 1.0, 10_000.0, "", 100.0, "API CreateEventSourceMapping: BatchSize 1-10,000, default 100");
pub const STREAM_PARALLELIZATION: Limit =
    lim("parallelization_factor", 1.0, 10.0, "", 1.0, "API CreateEventSourceMapping: ParallelizationFactor 1-10");
pub const STREAM_MAX_RETRY_ATTEMPTS: Limit = lim(
    "max_retry_attempts",
    -1.0,
    10_000.0,
    " (or -1: until the record expires)",
    -1.0,
    "API CreateEventSourceMapping: MaximumRetryAttempts -1 to 10,000",
);
pub const STREAM_MAX_RECORD_AGE_S: Limit = lim(
    "max_record_age_s",
    -1.0,
    604_800.0,
    " s (or -1)",
    -1.0,
    "API CreateEventSourceMapping: MaximumRecordAgeInSeconds -1 or 60-604,800",
);

pub const MAX_CONCURRENCY_PER_ENVIRONMENT: Limit = lim(
    "max_concurrency_per_environment",
    1.0,
    1600.0,
    " requests",
    0.0,
    "API LambdaManagedInstancesCapacityProviderConfig: PerExecutionEnvironmentMaxConcurrency 1-1,600; unset (0 here): the runtime's default per vCPU (DG lambda-managed-instances-python-runtime.html: 16; -nodejs-runtime.html: 64)",
);
pub const INSTANCE_VCPUS: Limit =
    lim("instance_vcpus", 1.0, 192.0, " vCPUs", 4.0, "EC2 instance types: m7i.xlarge has 4 vCPUs and 16 GiB");
pub const INSTANCE_MEMORY_GB: Limit =
    lim("instance_memory_gb", 2.0, 1536.0, " GiB", 16.0, "EC2 instance types: m7i.xlarge has 4 vCPUs and 16 GiB");
pub const INSTANCE_USD_PER_HOUR: Limit = lim(
    "instance_usd_per_hour",
    0.0,
    100.0,
    " $/h",
    0.2016,
    "EC2 On-Demand pricing, US East (N. Virginia), Linux: m7i.xlarge $0.2016 per hour",
);
pub const MIN_INSTANCES: Limit = lim(
    "min_instances",
    1.0,
    1000.0,
    " instances",
    3.0,
    "DG lambda-managed-instances-scaling.html: three instances by default for AZ resiliency",
);

/// The most `[[sources]]` one scenario may have.
pub const MAX_SOURCES: usize = 100;

/// Every limit, for documentation and tests.
pub const ALL: &[Limit] = &[
    DURATION_S,
    SEED,
    MEMORY_MB,
    TIMEOUT_S,
    ERROR_RATE,
    PER_ITEM_MS,
    CONCURRENCY_LIMIT,
    SCALE_PER_10S,
    API_GATEWAY_RPS,
    API_GATEWAY_BURST,
    IDLE_EXPIRY_S,
    MAX_LIFETIME_S,
    API_GATEWAY_INTEGRATION_TIMEOUT_S,
    ASYNC_MAX_RETRY_ATTEMPTS,
    ASYNC_MAX_EVENT_AGE_S,
    ASYNC_DUPLICATE_RATE,
    SQS_BATCH_SIZE,
    SQS_BATCHING_WINDOW_S,
    SQS_VISIBILITY_TIMEOUT_S,
    SQS_MAX_RECEIVE_COUNT,
    SQS_MAXIMUM_CONCURRENCY,
    SQS_MIN_POLLERS,
    SQS_MAX_POLLERS,
    SQS_MESSAGE_RETENTION_S,
    SQS_DUPLICATE_RATE,
    STREAM_SHARDS,
    STREAM_BATCH_SIZE,
    STREAM_PARALLELIZATION,
    STREAM_MAX_RETRY_ATTEMPTS,
    STREAM_MAX_RECORD_AGE_S,
    MAX_CONCURRENCY_PER_ENVIRONMENT,
    INSTANCE_VCPUS,
    INSTANCE_MEMORY_GB,
    INSTANCE_USD_PER_HOUR,
    MIN_INSTANCES,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_is_inside_its_range_or_a_documented_sentinel() {
        for l in ALL {
            let sentinel = matches!(l.key, "maximum_concurrency" | "max_concurrency_per_environment"); // unset: the service ceiling, above the settable range
            assert!(sentinel || (l.min..=l.max).contains(&l.default), "{l:?}");
            assert!(!l.source.is_empty(), "{l:?}");
        }
    }
}
