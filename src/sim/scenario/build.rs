//! Build a [`Scenario`] from the value tree, reporting every problem at once
//! with its place: unknown keys (with "did you mean"), wrong types, values out
//! of Lambda's ranges ([`super::limits`]), and combinations Lambda refuses.
//! The parts: [`read`] (the shared reader), [`function`] (the scenario's own
//! tables), [`sources`] and [`arrival`].

mod arrival;
mod function;
mod neighbours;
mod read;
mod sources;

use self::read::Cx;
use super::tree::{self, Node, Place};
use super::{Loaded, Override, ReadFile, Scenario, defaults};
use crate::infra::toml_reader::Reader;
use crate::infra::{Diagnostic, Severity};

pub(super) const TOP_KEYS: &[&str] = &["format", "scenario", "function", "account", "sources", "billing", "neighbours"];
pub(super) const SCENARIO_KEYS: &[&str] = &["id", "title", "description", "duration_s", "seed"];
pub(super) const FUNCTION_KEYS: &[&str] = &[
    "runtime",
    "memory_mb",
    "timeout_s",
    "architecture",
    "reserved_concurrency",
    "provisioned_concurrency",
    "handler_ms",
    "init_ms",
    "error_rate",
    "cpu_bound",
    "per_item_ms",
    "compute",
    "max_concurrency_per_environment",
    "instance_vcpus",
    "instance_memory_gb",
    "instance_usd_per_hour",
    "min_instances",
];
pub(super) const ACCOUNT_KEYS: &[&str] =
    &["concurrency_limit", "scale_per_10s", "api_gateway_rps", "api_gateway_burst", "idle_expiry_s", "max_lifetime_s"];
pub(super) const NEIGHBOUR_KEYS: &[&str] = &["name", "arrival", "duration_ms", "reserved_concurrency"];
pub(super) const BILLING_KEYS: &[&str] = &["free_tier"];
pub(super) const SOURCE_COMMON: &[&str] = &["kind", "arrival", "poison_rate", "poison_events"];
pub(super) const ASYNC_KEYS: &[&str] = &["max_retry_attempts", "max_event_age_s", "on_failure", "duplicate_rate"];
pub(super) const SQS_KEYS: &[&str] = &[
    "batch_size",
    "batching_window_s",
    "visibility_timeout_s",
    "max_receive_count",
    "report_batch_item_failures",
    "maximum_concurrency",
    "message_retention_s",
    "duplicate_rate",
    "provisioned_pollers",
];
pub(super) const STREAM_KEYS: &[&str] = &[
    "shards",
    "batch_size",
    "parallelization_factor",
    "bisect_on_error",
    "max_retry_attempts",
    "max_record_age_s",
    "on_failure",
];
pub(super) const DIST_KEYS: &[&str] = &["dist", "value", "mean", "p99", "min", "max"];
/// The keys of an arrival table, whatever its process.
const ARRIVAL_KEYS: &[&str] =
    &["process", "rate_per_s", "count", "at_s", "over_s", "steps", "poisson", "every_s", "file", "times_s"];
pub(super) const ARRIVAL_PROCESSES: &[&str] = &["constant", "poisson", "burst", "step", "schedule", "trace"];

pub(super) const API_GATEWAY_KEYS: &[&str] = &["integration_timeout_s"];

/// Every key a scenario file may hold, at any level (for the fuzzer, so
/// that a new key is fuzzed the day it is added).
pub fn all_keys() -> Vec<&'static str> {
    let lists = [
        TOP_KEYS,
        SCENARIO_KEYS,
        FUNCTION_KEYS,
        ACCOUNT_KEYS,
        BILLING_KEYS,
        NEIGHBOUR_KEYS,
        SOURCE_COMMON,
        ASYNC_KEYS,
        SQS_KEYS,
        STREAM_KEYS,
        DIST_KEYS,
        ARRIVAL_KEYS,
        API_GATEWAY_KEYS,
    ];
    let mut keys: Vec<&'static str> = lists.concat();
    keys.sort_unstable();
    keys.dedup();
    keys
}

pub(super) fn load(
    path: &str,
    bytes: &[u8],
    overrides: &[Override],
    read_file: &mut ReadFile<'_>,
) -> Result<Loaded, Vec<Diagnostic>> {
    let src = Diagnostic::from_utf8(path, bytes).map_err(|d| vec![d])?;
    let sets = overrides.iter().map(|o| format!("--set {}={}", o.key, o.value)).collect();
    let mut cx = Cx(Reader::new(path, src).with_sets(sets));
    let mut root = match tree::parse_document(src) {
        Ok(root) => root,
        Err((offset, message)) => {
            return Err(vec![Diagnostic::at_offset(path, src, offset, Severity::Error, message)]);
        }
    };
    for (i, o) in overrides.iter().enumerate() {
        let value = tree::parse_override_value(&o.value, i);
        if let Err(e) = tree::set(&mut root, &o.key, value) {
            cx.error(Place::Set(i), e.to_string());
        }
    }
    let scenario = cx.scenario(&root, read_file);
    // The file's problems top to bottom, then a trace file's, then the overrides'.
    cx.diags.sort_by_key(|d| (d.line == 0, d.path != path, d.line, d.column));
    match scenario {
        Some(scenario) if !cx.diags.iter().any(Diagnostic::is_error) => Ok(Loaded { scenario, warnings: cx.0.diags }),
        _ => Err(cx.0.diags),
    }
}

impl Cx<'_> {
    fn scenario(&mut self, root: &Node, read_file: &mut ReadFile<'_>) -> Option<Scenario> {
        let mut top = self.table(root, "the file")?;
        match top.get("format") {
            None => self.error(Place::File(0), "missing `format = 1` at the top of the scenario"),
            Some(n) => {
                if let Some(v) = self.int(n, "format", 1, 1, "") {
                    debug_assert_eq!(v, 1);
                }
            }
        }
        let meta = self.meta(top.get("scenario"), top.at);
        let account = self.account(top.get("account"));
        let function = self.function(top.get("function"), &account);
        let billing = self.billing(top.get("billing"));
        let duration_s = meta.as_ref().map_or(defaults::DURATION_S, |m| m.3);
        let sources = self.sources(top.get("sources"), top.at, duration_s, function.as_ref(), read_file);
        let neighbours = self.neighbours(top.get("neighbours"), duration_s, &account, function.as_ref(), read_file);
        self.finish(&top, TOP_KEYS, &|_| None);
        let (id, title, description, duration_s, seed) = meta?;
        let scenario = Scenario {
            id,
            title,
            description,
            duration_s,
            seed,
            function: function?,
            account,
            sources: sources?,
            billing,
            neighbours: neighbours?,
        };
        let expected: f64 = scenario.sources.iter().map(|s| s.arrival.expected_events(duration_s)).sum::<f64>()
            + scenario.neighbours.iter().map(|n| n.arrival.expected_events(duration_s)).sum::<f64>();
        if expected > super::MAX_EVENTS {
            self.error(
                top.place_of("sources"),
                format!(
                    "this scenario would emit about {expected:.0} events; the simulator runs at most {:.0} per scenario (lower a rate or the duration)",
                    super::MAX_EVENTS
                ),
            );
        }
        let queued: f64 = scenario
            .sources
            .iter()
            .filter(|s| s.kind.invocation_type() != super::InvocationType::Synchronous)
            .map(|s| s.arrival.expected_events(duration_s))
            .sum();
        if queued > super::MAX_QUEUED_EVENTS && expected <= super::MAX_EVENTS {
            self.error(
                top.place_of("sources"),
                format!(
                    "asynchronous and queue/stream sources would emit about {queued:.0} events; they can all wait at once, so the simulator takes at most {:.0} of them (lower a rate or the duration)",
                    super::MAX_QUEUED_EVENTS
                ),
            );
        }
        Some(scenario)
    }
}
