//! The `simulate --json` summary: SPEC.md's keys with their exact meanings,
//! plus a few extras (after `cost_usd`).

use serde::Serialize;

use super::billing::Cost;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub scenario: String,
    pub seed: u64,
    /// How long the run lasted in simulated seconds: at least `duration_s`,
    /// longer while retries, queues and backlogs drain.
    pub simulated_s: f64,
    /// Events the sources emitted (an SQS message or stream record is one).
    pub events: u64,
    pub invocations: Invocations,
    /// Environments that ran Init for an invocation (provisioned ones
    /// initialized ahead of time are not counted).
    pub cold_starts: u64,
    /// cold_starts / invocations.total.
    pub cold_start_ratio: f64,
    pub environments: Environments,
    pub concurrency: Concurrency,
    pub latency_ms: Latency,
    /// GB-seconds billed for invocations (Init included), on-demand and provisioned.
    pub billed_gb_s: f64,
    pub cost_usd: Cost,
    // ---- extras ----
    /// False when the run was stopped before every event was accounted for
    /// (a summary taken mid-run, or a run stopped early).
    pub finished: bool,
    /// The run hit the simulator's step budget (a scenario that retries
    /// without end): the figures cover the time simulated so far.
    pub stopped_early: bool,
    /// The final fate of every event; these add up to `events` once finished.
    pub event_outcomes: EventOutcomes,
    /// `invocations.throttled` by cause.
    pub throttle_reasons: ThrottleReasons,
    pub billing: BillingDetail,
    pub function: FunctionInfo,
    /// Partial batch responses (SQS with report_batch_item_failures).
    pub partial_batch_failures: u64,
    /// API Gateway requests whose response took longer than its
    /// integration timeout (29 s by default): the caller saw a 504.
    pub api_gateway_504s: u64,
    /// The most concurrent SQS batches the pollers reached.
    pub sqs_pollers_peak: u32,
    /// Second deliveries of events already delivered (`duplicate_rate`):
    /// each ran the handler again, which only an idempotent handler
    /// tolerates. They have no event outcome of their own.
    pub duplicates: u64,
    /// Lambda Managed Instances (zeros for on-demand functions).
    pub managed_instances: ManagedInstances,
    /// The other functions of the account (`[[neighbours]]`), if any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub neighbours: Vec<NeighbourSummary>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct ManagedInstances {
    /// Instances × hours they ran (their cost is `cost_usd.instances`).
    pub instance_hours: f64,
    pub instances_peak: u32,
    /// Requests one environment serves at once (CPU-bound: its vCPUs).
    pub max_concurrency_per_environment: u32,
}

/// Another function of the account: its invocations and the ones the
/// shared concurrency pool refused it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NeighbourSummary {
    pub name: String,
    pub reserved_concurrency: Option<u32>,
    /// Invocations requested.
    pub events: u64,
    /// Invocations that got a unit of concurrency and ran.
    pub invocations: u64,
    /// Invocations refused: no concurrency left to this function.
    pub throttled: u64,
    pub concurrency_peak: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct Invocations {
    /// Handler runs, retries included: succeeded + failed + timed_out.
    pub total: u64,
    pub succeeded: u64,
    pub failed: u64,
    /// Attempts refused by a concurrency or scaling limit (each once).
    pub throttled: u64,
    pub timed_out: u64,
    /// Handler runs that were retries.
    pub retried: u64,
    /// Events sent to a DLQ or on-failure destination.
    pub dead_lettered: u64,
    /// Events discarded without one.
    pub dropped: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Environments {
    pub created: u64,
    pub peak: u32,
    /// Time-average of live environments (initializing, busy or idle).
    pub average: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Concurrency {
    pub peak: u32,
    /// Time-average of busy environments (initializing for a request, or running one).
    pub average: f64,
}

/// From an event's arrival to the end of its last handler run, over events
/// that ran at least once.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Latency {
    pub p50: f64,
    pub p90: f64,
    pub p99: f64,
    pub max: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct EventOutcomes {
    /// Processed successfully (an SQS message deleted, a stream record checkpointed).
    pub succeeded: u64,
    /// Synchronous requests whose handler threw: the caller got the error.
    pub failed: u64,
    /// Synchronous requests whose handler timed out.
    pub timed_out: u64,
    /// Synchronous requests refused on a throttle (429 from Lambda, 500
    /// from API Gateway).
    pub rejected: u64,
    /// API Gateway requests that outlived the integration timeout: the
    /// caller got a 504 (the function ran on, and is counted in
    /// `invocations`).
    pub gateway_timed_out: u64,
    /// API Gateway requests refused by API Gateway's own account throttle
    /// (429 from API Gateway; Lambda never saw them).
    pub gateway_throttled: u64,
    pub dead_lettered: u64,
    pub dropped: u64,
    /// Still waiting, queued or running (0 once finished).
    pub pending: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct ThrottleReasons {
    pub concurrency: u64,
    pub scaling_rate: u64,
    pub reserved_zero: u64,
    /// Lambda's invocation-rate quota (10 × concurrency per second).
    pub request_rate: u64,
    /// Managed Instances: every environment full, the scaler behind.
    pub managed_capacity: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BillingDetail {
    pub architecture: &'static str,
    pub memory_mb: u32,
    pub requests: u64,
    pub on_demand_gb_s: f64,
    /// GB-s of invokes that ran on provisioned environments (lower rate).
    pub provisioned_exec_gb_s: f64,
    /// GB-s of provisioned concurrency configured, before rounding to 5 min.
    pub provisioned_gb_s: f64,
    pub free_tier: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FunctionInfo {
    pub runtime: String,
    /// Mean Init time used for cold starts, in ms.
    pub init_ms: f64,
    pub memory_mb: u32,
    pub timeout_s: u32,
}

/// Look a number up by dotted key: `cold_starts`, `invocations.throttled`,
/// `cost_usd.total`, `latency_ms.p99`. Booleans read as 0/1.
pub fn metric(summary: &Summary, key: &str) -> Option<f64> {
    let value = serde_json::to_value(summary).ok()?;
    let mut node = &value;
    for part in key.split('.') {
        node = node.get(part)?;
    }
    match node {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::Bool(b) => Some(f64::from(u8::from(*b))),
        _ => None,
    }
}

/// Every key `metric` accepts, for "unknown metric" messages and `check`.
pub fn metric_keys(summary: &Summary) -> Vec<String> {
    fn walk(prefix: &str, v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                    walk(&key, v, out);
                }
            }
            serde_json::Value::Number(_) | serde_json::Value::Bool(_) => out.push(prefix.to_owned()),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(v) = serde_json::to_value(summary) {
        walk("", &v, &mut out);
    }
    out
}

/// Round to `places` decimals, so the JSON shows 1.87 rather than
/// 1.8700000000000001 (the same value every run: rounding is deterministic).
/// A count with thousands separators: `1234567` → `1,234,567`. The one
/// spelling of counts in the text summary and the visualizer.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Dollars as the text summary and the visualizer both show them: cents
/// from $1 up ($1.87), four significant digits below, so that small costs
/// still move ($0.01867, $0.0000002000).
pub fn dollars(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return "$0.00".to_owned();
    }
    if x.abs() >= 1.0 {
        return format!("${x:.2}");
    }
    // Decimals for 4 significant digits: 0.1234 → 4, 0.001234 → 6.
    let magnitude = x.abs().log10().floor() as i32; // -1 for 0.1..1
    let decimals = (3 - magnitude).clamp(2, 12) as usize;
    format!("${x:.decimals$}")
}

pub fn round_to(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

#[cfg(test)]
mod format_tests {
    use super::{dollars, thousands};

    #[test]
    fn counts_and_money_read_the_same_everywhere() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(dollars(1.866_865), "$1.87");
        assert_eq!(dollars(152.4), "$152.40");
        assert_eq!(dollars(0.186_686), "$0.1867");
        assert_eq!(dollars(0.000_09), "$0.00009000");
        assert_eq!(dollars(0.000_123_46), "$0.0001235");
        assert_eq!(dollars(0.0), "$0.00");
    }
}
