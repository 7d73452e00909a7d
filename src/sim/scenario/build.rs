//! Build a [`Scenario`] from the value tree, reporting every problem at once
//! with its place: unknown keys (with "did you mean"), wrong types, values out
//! of Lambda's ranges, and combinations Lambda refuses.

use std::fmt::Write as _;

use super::tree::{self, Entry, Node, Place, Val};
use super::{
    Account, Arrival, AsyncSettings, Billing, Function, Loaded, OnFailure, Override, ReadFile, Scenario, Settings,
    Source, SourceKind, SqsSettings, StreamSettings, defaults,
};
use crate::infra::{Diagnostic, Severity};
use crate::sim::billing::Architecture;
use crate::sim::dist::Dist;
use crate::sim::runtime;

const TOP_KEYS: &[&str] = &["format", "scenario", "function", "account", "sources", "billing"];
const SCENARIO_KEYS: &[&str] = &["id", "title", "description", "duration_s", "seed"];
const FUNCTION_KEYS: &[&str] = &[
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
];
const ACCOUNT_KEYS: &[&str] = &["concurrency_limit", "scale_per_10s", "idle_expiry_s", "max_lifetime_s"];
const BILLING_KEYS: &[&str] = &["free_tier"];
const SOURCE_COMMON: &[&str] = &["kind", "arrival", "poison_rate", "poison_events"];
const ASYNC_KEYS: &[&str] = &["max_retry_attempts", "max_event_age_s", "on_failure"];
const SQS_KEYS: &[&str] = &[
    "batch_size",
    "batching_window_s",
    "visibility_timeout_s",
    "max_receive_count",
    "report_batch_item_failures",
    "maximum_concurrency",
    "message_retention_s",
];
const STREAM_KEYS: &[&str] = &[
    "shards",
    "batch_size",
    "parallelization_factor",
    "bisect_on_error",
    "max_retry_attempts",
    "max_record_age_s",
    "on_failure",
];
const DIST_KEYS: &[&str] = &["dist", "value", "mean", "p99", "min", "max"];
const ARRIVAL_PROCESSES: &[&str] = &["constant", "poisson", "burst", "step", "schedule", "trace"];
/// The keys of an arrival table, whatever its process.
const ARRIVAL_KEYS: &[&str] =
    &["process", "rate_per_s", "count", "at_s", "over_s", "steps", "poisson", "every_s", "file", "times_s"];

/// Every key a scenario file may hold, at any level (for the fuzzer, so
/// that a new key is fuzzed the day it is added).
pub fn all_keys() -> Vec<&'static str> {
    let lists = [
        TOP_KEYS,
        SCENARIO_KEYS,
        FUNCTION_KEYS,
        ACCOUNT_KEYS,
        BILLING_KEYS,
        SOURCE_COMMON,
        ASYNC_KEYS,
        SQS_KEYS,
        STREAM_KEYS,
        DIST_KEYS,
        ARRIVAL_KEYS,
    ];
    let mut keys: Vec<&'static str> = lists.concat();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// API Gateway gives up on an integration after 29 s by default.
const API_GATEWAY_TIMEOUT_S: u32 = 29;

pub(super) fn load(
    path: &str,
    bytes: &[u8],
    overrides: &[Override],
    read_file: &mut ReadFile<'_>,
) -> Result<Loaded, Vec<Diagnostic>> {
    let src = Diagnostic::from_utf8(path, bytes).map_err(|d| vec![d])?;
    let mut cx = Cx { path, src, overrides, diags: Vec::new() };
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
        Some(scenario) if !cx.diags.iter().any(Diagnostic::is_error) => Ok(Loaded { scenario, warnings: cx.diags }),
        _ => Err(cx.diags),
    }
}

struct Cx<'a> {
    path: &'a str,
    src: &'a str,
    overrides: &'a [Override],
    diags: Vec<Diagnostic>,
}

/// A table being read: remembers which keys were used, so the rest can be
/// reported as unknown.
struct Table<'n> {
    entries: &'n [Entry],
    used: Vec<bool>,
    at: Place,
    /// How to name it in messages: "[function]", "sources[0]".
    name: String,
}

impl<'n> Table<'n> {
    fn get(&mut self, key: &str) -> Option<&'n Node> {
        let i = self.entries.iter().position(|e| e.key == key)?;
        self.used[i] = true;
        Some(&self.entries[i].node)
    }

    /// A key that must be there: reports `message` at the table when it is not.
    fn required(&mut self, cx: &mut Cx<'_>, key: &str, message: impl FnOnce() -> String) -> Option<&'n Node> {
        let node = self.get(key);
        if node.is_none() {
            cx.error(self.at, message());
        }
        node
    }

    fn has(&self, key: &str) -> bool {
        self.entries.iter().any(|e| e.key == key)
    }

    /// The place of a key if present, else of the table.
    fn place_of(&self, key: &str) -> Place {
        self.entries.iter().find(|e| e.key == key).map_or(self.at, |e| e.node.at)
    }
}

impl Cx<'_> {
    fn diag(&mut self, at: Place, severity: Severity, message: impl Into<String>) {
        let message = message.into();
        let d = match at {
            Place::File(offset) => Diagnostic::at_offset(self.path, self.src, offset, severity, message),
            Place::Set(i) => {
                let o = &self.overrides[i];
                Diagnostic { path: format!("--set {}={}", o.key, o.value), line: 0, column: 0, severity, message }
            }
        };
        if !self.diags.contains(&d) {
            self.diags.push(d);
        }
    }

    fn error(&mut self, at: Place, message: impl Into<String>) {
        self.diag(at, Severity::Error, message);
    }

    fn warning(&mut self, at: Place, message: impl Into<String>) {
        self.diag(at, Severity::Warning, message);
    }

    fn table<'n>(&mut self, node: &'n Node, name: &str) -> Option<Table<'n>> {
        match &node.val {
            Val::Table(entries) => {
                Some(Table { entries, used: vec![false; entries.len()], at: node.at, name: name.to_owned() })
            }
            other => {
                self.error(node.at, format!("{name} must be a table, found {}", other.type_name()));
                None
            }
        }
    }

    /// Report the keys nobody read. `known` are this table's keys;
    /// `elsewhere` explains keys that exist but not here.
    fn finish(&mut self, t: &Table<'_>, known: &[&str], elsewhere: &dyn Fn(&str) -> Option<String>) {
        for (entry, used) in t.entries.iter().zip(&t.used) {
            if *used {
                continue;
            }
            let mut message = format!("unknown key `{}` in {}", entry.key, t.name);
            if let Some(why) = elsewhere(&entry.key) {
                message = format!("`{}` {why}", entry.key);
            } else if let Some(s) = did_you_mean(&entry.key, known) {
                let _ = write!(message, " (did you mean `{s}`?)");
            } else {
                let _ = write!(message, " (known keys: {})", known.join(", "));
            }
            self.error(entry.key_at, message);
        }
    }

    fn str<'n>(&mut self, node: &'n Node, key: &str) -> Option<&'n str> {
        if let Val::Str(s) = &node.val {
            Some(s)
        } else {
            self.error(node.at, format!("`{key}` must be a string, found {}", node.val.type_name()));
            None
        }
    }

    fn bool(&mut self, node: &Node, key: &str) -> Option<bool> {
        if let Val::Bool(b) = node.val {
            Some(b)
        } else {
            self.error(node.at, format!("`{key}` must be true or false, found {}", node.val.type_name()));
            None
        }
    }

    fn int(&mut self, node: &Node, key: &str, min: i64, max: i64, unit: &str) -> Option<i64> {
        let n = match node.val {
            Val::Int(n) => n,
            Val::Float(f) if f.is_infinite() => {
                self.error(node.at, format!("`{key}` is far too large: it must be between {min} and {max}{unit}"));
                return None;
            }
            Val::Float(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 9e15 => {
                self.error(
                    node.at,
                    format!("`{key}` must be a whole number: write {} without the decimal point", f as i64),
                );
                return None;
            }
            ref other => {
                self.error(node.at, format!("`{key}` must be an integer, found {}", other.type_name()));
                return None;
            }
        };
        if n < min || n > max {
            self.error(node.at, format!("`{key}` must be between {min} and {max}{unit}, found {n}"));
            return None;
        }
        Some(n)
    }

    fn num(&mut self, node: &Node, key: &str, min: f64, max: f64, unit: &str) -> Option<f64> {
        let x = match node.val {
            Val::Int(n) => n as f64,
            Val::Float(f) => f,
            ref other => {
                self.error(node.at, format!("`{key}` must be a number, found {}", other.type_name()));
                return None;
            }
        };
        if !x.is_finite() || x < min || x > max {
            self.error(node.at, format!("`{key}` must be between {min} and {max}{unit}, found {x}"));
            return None;
        }
        Some(x)
    }

    fn opt_int(&mut self, t: &mut Table<'_>, key: &str, min: i64, max: i64, unit: &str, default: i64) -> i64 {
        t.get(key).and_then(|n| self.int(n, key, min, max, unit)).unwrap_or(default)
    }

    fn opt_u32(&mut self, t: &mut Table<'_>, key: &str, min: u32, max: u32, unit: &str, default: u32) -> u32 {
        let v = self.opt_int(t, key, i64::from(min), i64::from(max), unit, i64::from(default));
        u32::try_from(v).unwrap_or(default)
    }

    fn opt_num(&mut self, t: &mut Table<'_>, key: &str, min: f64, max: f64, unit: &str, default: f64) -> f64 {
        t.get(key).and_then(|n| self.num(n, key, min, max, unit)).unwrap_or(default)
    }

    fn opt_bool(&mut self, t: &mut Table<'_>, key: &str, default: bool) -> bool {
        t.get(key).and_then(|n| self.bool(n, key)).unwrap_or(default)
    }

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
        };
        let expected: f64 = scenario.sources.iter().map(|s| s.arrival.expected_events(duration_s)).sum();
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

    fn meta(&mut self, node: Option<&Node>, top_at: Place) -> Option<(String, String, String, f64, u64)> {
        let Some(node) = node else {
            self.error(top_at, "missing the [scenario] table (id, title, description, duration_s, seed)");
            return None;
        };
        let mut t = self.table(node, "[scenario]")?;
        let id = match t.get("id") {
            None => {
                self.error(t.at, "missing `id` in [scenario]");
                None
            }
            Some(n) => match self.str(n, "id") {
                Some(s) if crate::infra::is_valid_id(s) => Some(s.to_owned()),
                Some(s) => {
                    self.error(n.at, format!("scenario id {s:?} must match [a-z0-9-]+"));
                    None
                }
                None => None,
            },
        };
        let title = match t.get("title") {
            None => {
                self.error(t.at, "missing `title` in [scenario]");
                None
            }
            Some(n) => self.str(n, "title").map(str::to_owned),
        };
        let description = t.get("description").and_then(|n| self.str(n, "description")).unwrap_or("").to_owned();
        let duration_s = self.opt_num(&mut t, "duration_s", 0.001, 2_592_000.0, " s", defaults::DURATION_S);
        let seed = self.opt_int(&mut t, "seed", 0, i64::MAX, "", defaults::SEED as i64) as u64;
        self.finish(&t, SCENARIO_KEYS, &|_| None);
        Some((id?, title?, description, duration_s, seed))
    }

    fn account(&mut self, node: Option<&Node>) -> Account {
        let mut acc = Account {
            concurrency_limit: defaults::CONCURRENCY_LIMIT,
            scale_per_10s: defaults::SCALE_PER_10S,
            idle_expiry_s: defaults::IDLE_EXPIRY_S,
            max_lifetime_s: defaults::MAX_LIFETIME_S,
        };
        let Some(mut t) = node.and_then(|n| self.table(n, "[account]")) else { return acc };
        acc.concurrency_limit = self.opt_u32(&mut t, "concurrency_limit", 1, 100_000, "", acc.concurrency_limit);
        acc.scale_per_10s = self.opt_u32(&mut t, "scale_per_10s", 1, 100_000, " environments", acc.scale_per_10s);
        acc.idle_expiry_s = self.opt_u32(&mut t, "idle_expiry_s", 0, 604_800, " s", acc.idle_expiry_s);
        acc.max_lifetime_s = self.opt_u32(&mut t, "max_lifetime_s", 1, 604_800, " s", acc.max_lifetime_s);
        self.finish(&t, ACCOUNT_KEYS, &|_| None);
        acc
    }

    fn billing(&mut self, node: Option<&Node>) -> Billing {
        let Some(mut t) = node.and_then(|n| self.table(n, "[billing]")) else { return Billing { free_tier: false } };
        let free_tier = self.opt_bool(&mut t, "free_tier", false);
        self.finish(&t, BILLING_KEYS, &|_| None);
        Billing { free_tier }
    }

    fn function(&mut self, node: Option<&Node>, account: &Account) -> Option<Function> {
        let mut f = Function {
            runtime: runtime::DEFAULT_RUNTIME.to_owned(),
            memory_mb: defaults::MEMORY_MB,
            timeout_s: defaults::TIMEOUT_S,
            architecture: Architecture::X86_64,
            reserved_concurrency: None,
            provisioned_concurrency: 0,
            handler_ms: Dist::fixed(defaults::HANDLER_MS),
            init_ms: None,
            error_rate: 0.0,
            cpu_bound: false,
            per_item_ms: 0.0,
        };
        let Some(node) = node else { return Some(f) };
        let mut t = self.table(node, "[function]")?;

        let init_given = t.has("init_ms");
        if let Some(n) = t.get("runtime")
            && let Some(r) = self.str(n, "runtime")
        {
            if runtime::init_ms(r).is_none() {
                let known: Vec<&str> = runtime::ids().collect();
                let hint = did_you_mean(r, &known).map(|s| format!("did you mean `{s}`? ")).unwrap_or_default();
                if init_given {
                    self.warning(
                        n.at,
                        format!(
                            "runtime `{r}` has no measured Init time here; `init_ms` is used ({hint}known: {})",
                            known.join(", ")
                        ),
                    );
                } else {
                    self.error(
                        n.at,
                        format!(
                            "unknown runtime `{r}`: {hint}known runtimes are {} (or set `init_ms`)",
                            known.join(", ")
                        ),
                    );
                }
            }
            r.clone_into(&mut f.runtime);
        }
        f.memory_mb = self.opt_u32(&mut t, "memory_mb", 128, 10_240, " MB", f.memory_mb);
        f.timeout_s = self.opt_u32(&mut t, "timeout_s", 1, 900, " s", f.timeout_s);
        if let Some(n) = t.get("architecture")
            && let Some(a) = self.str(n, "architecture")
        {
            match a {
                "x86_64" => f.architecture = Architecture::X86_64,
                "arm64" => f.architecture = Architecture::Arm64,
                other => self.error(n.at, format!("`architecture` must be \"x86_64\" or \"arm64\", found {other:?}")),
            }
        }
        let limit = i64::from(account.concurrency_limit);
        if let Some(n) = t.get("reserved_concurrency")
            && let Some(r) = self.int(n, "reserved_concurrency", 0, limit, "")
        {
            if r > 0 && r > limit - 100 {
                self.error(
                    n.at,
                    format!(
                        "`reserved_concurrency` {r} would leave less than 100 of the account's {limit} unreserved; at most {} can be reserved",
                        (limit - 100).max(0)
                    ),
                );
            }
            f.reserved_concurrency = Some(r as u32);
        }
        if let Some(n) = t.get("provisioned_concurrency")
            && let Some(p) = self.int(n, "provisioned_concurrency", 0, limit, "")
        {
            match f.reserved_concurrency {
                Some(r) if p > i64::from(r) => self.error(
                    n.at,
                    format!(
                        "`provisioned_concurrency` {p} is more than the reserved concurrency {r}: it must fit inside it"
                    ),
                ),
                None if p > 0 && p > limit - 100 => self.error(
                    n.at,
                    format!(
                        "`provisioned_concurrency` {p} would leave less than 100 of the account's {limit} unreserved"
                    ),
                ),
                _ => {}
            }
            f.provisioned_concurrency = p as u32;
        }
        if let Some(n) = t.get("handler_ms")
            && let Some(d) = self.dist(n, "handler_ms")
        {
            f.handler_ms = d;
        }
        if let Some(n) = t.get("init_ms") {
            f.init_ms = self.dist(n, "init_ms");
        }
        f.error_rate = self.opt_num(&mut t, "error_rate", 0.0, 1.0, "", 0.0);
        f.cpu_bound = self.opt_bool(&mut t, "cpu_bound", false);
        f.per_item_ms = self.opt_num(&mut t, "per_item_ms", 0.0, 900_000.0, " ms", 0.0);
        self.finish(&t, FUNCTION_KEYS, &|_| None);
        // Returned even after errors (the run is refused anyway), so the
        // sources can still be checked against it.
        Some(f)
    }

    fn error_count(&self) -> usize {
        self.diags.iter().filter(|d| d.is_error()).count()
    }

    /// `{ dist = "fixed", value = 200 }`, … or a bare number (fixed).
    fn dist(&mut self, node: &Node, key: &str) -> Option<Dist> {
        const MAX_MS: f64 = 86_400_000.0;
        if matches!(node.val, Val::Int(_) | Val::Float(_)) {
            return self.num(node, key, 0.0, MAX_MS, " ms").map(Dist::fixed);
        }
        let name = format!("`{key}`");
        let mut t = self.table(node, &name)?;
        let kind = t
            .required(self, "dist", || {
                format!("{name} needs `dist` = \"fixed\", \"exponential\", \"lognormal\" or \"uniform\"")
            })
            .and_then(|n| self.str(n, "dist").map(str::to_owned));
        let need = |cx: &mut Self, t: &mut Table<'_>, k: &str, min: f64| -> Option<f64> {
            let n =
                t.required(cx, k, || format!("{name} with dist = {:?} needs `{k}`", kind.as_deref().unwrap_or("")))?;
            cx.num(n, k, min, MAX_MS, " ms")
        };
        let result = match kind.as_deref() {
            Some("fixed") => need(self, &mut t, "value", 0.0).map(Dist::fixed),
            Some("exponential") => need(self, &mut t, "mean", 0.0).map(|mean| Dist::Exponential { mean }),
            Some("lognormal") => {
                let mean = need(self, &mut t, "mean", 0.0);
                let p99 = need(self, &mut t, "p99", 0.0);
                match (mean, p99) {
                    (Some(mean), Some(p99)) => match Dist::lognormal(mean, p99) {
                        Ok(d) => Some(d),
                        Err(e) => {
                            self.error(node.at, e);
                            None
                        }
                    },
                    _ => None,
                }
            }
            Some("uniform") => {
                let min = need(self, &mut t, "min", 0.0);
                let max = need(self, &mut t, "max", 0.0);
                match (min, max) {
                    (Some(min), Some(max)) if max >= min => Some(Dist::Uniform { min, max }),
                    (Some(min), Some(max)) => {
                        self.error(node.at, format!("{name}: `max` ({max}) is below `min` ({min})"));
                        None
                    }
                    _ => None,
                }
            }
            Some(other) => {
                let at = t.place_of("dist");
                let hint = did_you_mean(other, &["fixed", "exponential", "lognormal", "uniform"])
                    .map(|s| format!(" (did you mean {s:?}?)"))
                    .unwrap_or_default();
                self.error(
                    at,
                    format!("unknown distribution {other:?}{hint}: use fixed, exponential, lognormal or uniform"),
                );
                None
            }
            None => None,
        };
        let allowed: &[&str] = match kind.as_deref() {
            Some("fixed") => &["dist", "value"],
            Some("exponential") => &["dist", "mean"],
            Some("lognormal") => &["dist", "mean", "p99"],
            Some("uniform") => &["dist", "min", "max"],
            _ => DIST_KEYS,
        };
        for k in allowed {
            t.get(k);
        }
        let kind_name = kind.clone().unwrap_or_default();
        self.finish(&t, allowed, &|k| {
            DIST_KEYS.contains(&k).then(|| format!("does not apply to a {kind_name:?} distribution"))
        });
        result
    }

    fn sources(
        &mut self,
        node: Option<&Node>,
        top_at: Place,
        duration_s: f64,
        function: Option<&Function>,
        read_file: &mut ReadFile<'_>,
    ) -> Option<Vec<Source>> {
        let Some(node) = node else {
            self.error(top_at, "no [[sources]]: a scenario needs at least one event source");
            return None;
        };
        let Val::Array(items) = &node.val else {
            self.error(
                node.at,
                format!("`sources` must be an array of tables ([[sources]]), found {}", node.val.type_name()),
            );
            return None;
        };
        if items.is_empty() {
            self.error(node.at, "no [[sources]]: a scenario needs at least one event source");
            return None;
        }
        let mut out = Vec::new();
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            match self.source(item, i, duration_s, function, read_file) {
                Some(s) => out.push(s),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn source(
        &mut self,
        node: &Node,
        index: usize,
        duration_s: f64,
        function: Option<&Function>,
        read_file: &mut ReadFile<'_>,
    ) -> Option<Source> {
        let name = format!("sources[{index}]");
        let mut t = self.table(node, &name)?;
        let errors_before = self.error_count();
        let kind = match t.get("kind") {
            None => {
                self.error(t.at, format!("{name} needs `kind` (api-gateway, alb, s3, sns, eventbridge, schedule, sqs, dynamodb-stream or kinesis)"));
                None
            }
            Some(n) => self.str(n, "kind").and_then(|k| {
                let kind = SourceKind::from_id(k);
                if kind.is_none() {
                    let ids: Vec<&str> = SourceKind::ALL.iter().map(|k| k.id()).collect();
                    let hint = did_you_mean(k, &ids).map(|s| format!(" (did you mean {s:?}?)")).unwrap_or_default();
                    self.error(n.at, format!("unknown source kind {k:?}{hint}: use one of {}", ids.join(", ")));
                }
                kind
            }),
        };
        let arrival = match t.get("arrival") {
            None => {
                self.error(
                    t.at,
                    format!("{name} needs `arrival`, e.g. arrival = {{ process = \"poisson\", rate_per_s = 10 }}"),
                );
                None
            }
            Some(n) => self.arrival(n, &name, duration_s, read_file),
        };
        let poison_rate = self.opt_num(&mut t, "poison_rate", 0.0, 1.0, "", 0.0);
        let mut poison_events = Vec::new();
        if let Some(n) = t.get("poison_events") {
            if let Val::Array(items) = &n.val {
                for item in items {
                    if let Some(v) = self.int(item, "poison_events", 0, i64::MAX, "") {
                        poison_events.push(v as u64);
                    }
                }
                poison_events.sort_unstable();
                poison_events.dedup();
            } else {
                self.error(
                    n.at,
                    format!("`poison_events` must be an array of event indices, found {}", n.val.type_name()),
                );
            }
        }
        let kind = kind?;
        let settings = match kind.invocation_type() {
            super::InvocationType::Synchronous => {
                if kind == SourceKind::ApiGateway
                    && let Some(f) = function
                    && f.timeout_s > API_GATEWAY_TIMEOUT_S
                {
                    self.warning(
                        t.place_of("kind"),
                        format!(
                            "API Gateway ends an integration after {API_GATEWAY_TIMEOUT_S} s: with a {} s function timeout, callers see a 504 after {API_GATEWAY_TIMEOUT_S} s while the function runs on",
                            f.timeout_s
                        ),
                    );
                }
                Settings::Sync
            }
            super::InvocationType::Asynchronous => Settings::Async(self.async_settings(&mut t)),
            super::InvocationType::EventSourceMapping if kind == SourceKind::Sqs => {
                Settings::Sqs(self.sqs_settings(&mut t, function))
            }
            super::InvocationType::EventSourceMapping => Settings::Stream(self.stream_settings(&mut t)),
        };
        let own: Vec<&str> = SOURCE_COMMON
            .iter()
            .chain(match settings {
                Settings::Sync => [].iter(),
                Settings::Async(_) => ASYNC_KEYS.iter(),
                Settings::Sqs(_) => SQS_KEYS.iter(),
                Settings::Stream(_) => STREAM_KEYS.iter(),
            })
            .copied()
            .collect();
        let kind_id = kind.id();
        self.finish(&t, &own, &|k| {
            let mut homes = Vec::new();
            if ASYNC_KEYS.contains(&k) {
                homes.push("asynchronous sources (s3, sns, eventbridge, schedule)");
            }
            if SQS_KEYS.contains(&k) {
                homes.push("sqs sources");
            }
            if STREAM_KEYS.contains(&k) {
                homes.push("stream sources (dynamodb-stream, kinesis)");
            }
            (!homes.is_empty()).then(|| {
                format!(
                    "does not apply to {} {kind_id} source; it is a key of {}",
                    article(kind_id),
                    homes.join(" and ")
                )
            })
        });
        let arrival = arrival?;
        (self.error_count() == errors_before).then_some(Source { kind, arrival, poison_rate, poison_events, settings })
    }

    fn on_failure(&mut self, t: &mut Table<'_>, allow_dlq: bool) -> OnFailure {
        let Some(n) = t.get("on_failure") else { return OnFailure::None };
        let Some(s) = self.str(n, "on_failure") else { return OnFailure::None };
        match s {
            "none" => OnFailure::None,
            "dlq" if allow_dlq => OnFailure::Dlq,
            "destination" => OnFailure::Destination,
            "dlq" => {
                self.error(n.at, "stream sources have no DLQ: use on_failure = \"destination\" (an on-failure destination) or \"none\"");
                OnFailure::None
            }
            other => {
                let choices =
                    if allow_dlq { "\"none\", \"dlq\" or \"destination\"" } else { "\"none\" or \"destination\"" };
                self.error(n.at, format!("`on_failure` must be {choices}, found {other:?}"));
                OnFailure::None
            }
        }
    }

    fn async_settings(&mut self, t: &mut Table<'_>) -> AsyncSettings {
        let max_retry_attempts =
            self.opt_int(t, "max_retry_attempts", 0, 2, "", i64::from(defaults::ASYNC_MAX_RETRY_ATTEMPTS)) as u8;
        let max_event_age_s = self.opt_u32(t, "max_event_age_s", 60, 21_600, " s", defaults::ASYNC_MAX_EVENT_AGE_S);
        let on_failure = self.on_failure(t, true);
        AsyncSettings { max_retry_attempts, max_event_age_s, on_failure }
    }

    fn sqs_settings(&mut self, t: &mut Table<'_>, function: Option<&Function>) -> SqsSettings {
        let s = SqsSettings {
            batch_size: self.opt_u32(t, "batch_size", 1, 10_000, "", defaults::SQS_BATCH_SIZE),
            batching_window_s: self.opt_num(t, "batching_window_s", 0.0, 300.0, " s", 0.0),
            visibility_timeout_s: self.opt_u32(
                t,
                "visibility_timeout_s",
                0,
                43_200,
                " s",
                defaults::SQS_VISIBILITY_TIMEOUT_S,
            ),
            max_receive_count: self.opt_u32(t, "max_receive_count", 0, 1000, "", defaults::SQS_MAX_RECEIVE_COUNT),
            report_batch_item_failures: self.opt_bool(t, "report_batch_item_failures", false),
            maximum_concurrency: self.opt_u32(t, "maximum_concurrency", 2, 1000, "", defaults::SQS_MAXIMUM_CONCURRENCY),
            message_retention_s: self.opt_u32(
                t,
                "message_retention_s",
                60,
                1_209_600,
                " s",
                defaults::SQS_MESSAGE_RETENTION_S,
            ),
        };
        if s.batch_size > 10 && s.batching_window_s < 1.0 {
            self.error(
                t.place_of("batch_size"),
                format!("a batch size over 10 ({}) needs `batching_window_s` of at least 1 s", s.batch_size),
            );
        }
        if let Some(f) = function {
            if s.visibility_timeout_s < f.timeout_s {
                self.error(
                    t.place_of("visibility_timeout_s"),
                    format!(
                        "the queue's visibility timeout ({} s) is shorter than the function timeout ({} s): Lambda refuses such an event source mapping",
                        s.visibility_timeout_s, f.timeout_s
                    ),
                );
            } else if s.visibility_timeout_s < 6 * f.timeout_s {
                self.warning(
                    t.place_of("visibility_timeout_s"),
                    format!(
                        "AWS advises a visibility timeout of at least 6 × the function timeout ({} s here)",
                        6 * f.timeout_s
                    ),
                );
            }
        }
        s
    }

    fn stream_settings(&mut self, t: &mut Table<'_>) -> StreamSettings {
        let max_record_age = self.opt_int(t, "max_record_age_s", -1, 604_800, " s (or -1)", -1);
        let max_record_age_s = if max_record_age == -1 {
            defaults::STREAM_RETENTION_S
        } else if max_record_age < 60 {
            self.error(
                t.place_of("max_record_age_s"),
                format!("`max_record_age_s` must be -1 or at least 60 s, found {max_record_age}"),
            );
            defaults::STREAM_RETENTION_S
        } else {
            max_record_age as u32
        };
        StreamSettings {
            shards: self.opt_u32(t, "shards", 1, 1000, "", defaults::STREAM_SHARDS),
            batch_size: self.opt_u32(t, "batch_size", 1, 10_000, "", defaults::STREAM_BATCH_SIZE),
            parallelization_factor: self.opt_u32(
                t,
                "parallelization_factor",
                1,
                10,
                "",
                defaults::STREAM_PARALLELIZATION,
            ),
            bisect_on_error: self.opt_bool(t, "bisect_on_error", false),
            max_retry_attempts: self.opt_int(
                t,
                "max_retry_attempts",
                -1,
                10_000,
                " (or -1: until the record expires)",
                defaults::STREAM_MAX_RETRY_ATTEMPTS,
            ),
            max_record_age_s,
            on_failure: self.on_failure(t, false),
        }
    }

    fn arrival(&mut self, node: &Node, source: &str, duration_s: f64, read_file: &mut ReadFile<'_>) -> Option<Arrival> {
        const MAX_RATE: f64 = 10_000_000.0;
        let name = format!("{source}.arrival");
        let mut t = self.table(node, &name)?;
        let process = match t.get("process") {
            None => {
                self.error(node.at, format!("{name} needs `process` ({})", ARRIVAL_PROCESSES.join(", ")));
                return None;
            }
            Some(n) => self.str(n, "process")?.to_owned(),
        };
        let errors_before = self.error_count();
        let rate = |cx: &mut Self, t: &mut Table<'_>| -> Option<f64> {
            let n = t.required(cx, "rate_per_s", || format!("a {process} arrival needs `rate_per_s`"))?;
            cx.num(n, "rate_per_s", 1e-9, MAX_RATE, " per second")
        };
        let (arrival, keys): (Option<Arrival>, &[&str]) = match process.as_str() {
            "constant" => {
                (rate(self, &mut t).map(|rate_per_s| Arrival::Constant { rate_per_s }), &["process", "rate_per_s"])
            }
            "poisson" => {
                (rate(self, &mut t).map(|rate_per_s| Arrival::Poisson { rate_per_s }), &["process", "rate_per_s"])
            }
            "burst" => {
                let count = t
                    .required(self, "count", || "a burst arrival needs `count`".to_owned())
                    .and_then(|n| self.int(n, "count", 1, super::MAX_EVENTS as i64, " events"));
                let at_s = self.opt_num(&mut t, "at_s", 0.0, duration_s, " s (inside the scenario's duration)", 0.0);
                let over_s = self.opt_num(&mut t, "over_s", 0.0, 2_592_000.0, " s", 0.0);
                if at_s + over_s > duration_s {
                    self.warning(
                        t.place_of("over_s"),
                        "the burst runs past the scenario's duration: events after it are not emitted",
                    );
                }
                (
                    count.map(|c| Arrival::Burst { count: c as u64, at_s, over_s }),
                    &["process", "count", "at_s", "over_s"],
                )
            }
            "step" => {
                let poisson = self.opt_bool(&mut t, "poisson", false);
                (self.steps(&mut t).map(|steps| Arrival::Step { steps, poisson }), &["process", "steps", "poisson"])
            }
            "schedule" => {
                let every = t
                    .required(self, "every_s", || "a schedule arrival needs `every_s`".to_owned())
                    .and_then(|n| self.num(n, "every_s", 0.001, 2_592_000.0, " s"));
                (every.map(|every_s| Arrival::Schedule { every_s }), &["process", "every_s"])
            }
            "trace" => (self.trace(&mut t, duration_s, read_file), &["process", "file", "times_s"]),
            other => {
                let at = t.place_of("process");
                let hint = did_you_mean(other, ARRIVAL_PROCESSES)
                    .map(|s| format!(" (did you mean {s:?}?)"))
                    .unwrap_or_default();
                self.error(
                    at,
                    format!("unknown arrival process {other:?}{hint}: use {}", ARRIVAL_PROCESSES.join(", ")),
                );
                (None, ARRIVAL_PROCESSES)
            }
        };
        if ARRIVAL_PROCESSES.contains(&process.as_str()) {
            self.finish(&t, keys, &|k| {
                ARRIVAL_KEYS.contains(&k).then(|| format!("does not apply to a {process} arrival"))
            });
        }
        if self.error_count() > errors_before {
            return None;
        }
        arrival
    }

    fn steps(&mut self, t: &mut Table<'_>) -> Option<Vec<(f64, f64)>> {
        let Some(n) = t.get("steps") else {
            self.error(t.at, "a step arrival needs `steps = [[t_s, rate_per_s], …]`");
            return None;
        };
        let Val::Array(items) = &n.val else {
            self.error(
                n.at,
                format!("`steps` must be an array of [t_s, rate_per_s] pairs, found {}", n.val.type_name()),
            );
            return None;
        };
        if items.is_empty() {
            self.error(n.at, "`steps` is empty: give at least one [t_s, rate_per_s] pair");
            return None;
        }
        let mut out = Vec::new();
        let mut last_t = -1.0;
        for item in items {
            match &item.val {
                Val::Array(pair) if pair.len() == 2 => {
                    let ts = self.num(&pair[0], "steps t_s", 0.0, 2_592_000.0, " s");
                    let r = self.num(&pair[1], "steps rate_per_s", 0.0, 10_000_000.0, " per second");
                    if let (Some(ts), Some(r)) = (ts, r) {
                        if ts <= last_t {
                            self.error(item.at, "`steps` times must increase");
                        }
                        last_t = ts;
                        out.push((ts, r));
                    }
                }
                _ => self.error(item.at, "each step must be a pair [t_s, rate_per_s]"),
            }
        }
        (out.len() == items.len()).then_some(out)
    }

    fn trace(&mut self, t: &mut Table<'_>, duration_s: f64, read_file: &mut ReadFile<'_>) -> Option<Arrival> {
        let file_node = t.get("file");
        let inline = t.get("times_s");
        let mut times = Vec::new();
        let mut file = None;
        match (file_node, inline) {
            (Some(f), Some(_)) => {
                self.error(f.at, "give either `file` or `times_s`, not both");
                return None;
            }
            (None, None) => {
                self.error(
                    t.at,
                    "a trace arrival needs `file` (one arrival time in seconds per line) or `times_s = [...]`",
                );
                return None;
            }
            (None, Some(n)) => {
                let Val::Array(items) = &n.val else {
                    self.error(n.at, format!("`times_s` must be an array of seconds, found {}", n.val.type_name()));
                    return None;
                };
                for item in items {
                    times.push(self.num(item, "times_s", 0.0, 2_592_000.0, " s")?);
                }
            }
            (Some(n), None) => {
                let name = self.str(n, "file")?.to_owned();
                match read_file(&name) {
                    Err(why) => {
                        self.error(n.at, format!("cannot read trace file {name:?}: {why}"));
                        return None;
                    }
                    Ok((shown, text)) => times = self.trace_file(&shown, &text)?,
                }
                file = Some(name);
            }
        }
        times.sort_by(f64::total_cmp);
        let inside = times.iter().filter(|&&x| x < duration_s).count();
        if inside < times.len() {
            self.warning(
                t.at,
                format!(
                    "{} trace arrivals are at or after the scenario's duration ({duration_s} s) and are not emitted",
                    times.len() - inside
                ),
            );
            times.truncate(inside);
        }
        Some(Arrival::Trace { file, times_s: times })
    }

    /// One arrival time in seconds per line; blank lines and `#` comments
    /// are skipped; further comma- or space-separated fields are ignored.
    fn trace_file(&mut self, shown: &str, text: &str) -> Option<Vec<f64>> {
        let mut out = Vec::new();
        let mut bad = 0;
        for (i, line) in text.lines().enumerate() {
            let content = line.split('#').next().unwrap_or("");
            let field = content.split([',', ' ', '\t', ';']).find(|s| !s.is_empty());
            let Some(field) = field else { continue };
            match field.parse::<f64>() {
                Ok(x) if x.is_finite() && x >= 0.0 => out.push(x),
                _ => {
                    bad += 1;
                    if bad <= 10 {
                        let column = line.find(field).map_or(1, |b| line[..b].chars().count() + 1);
                        self.diags.push(Diagnostic::error(
                            shown,
                            i + 1,
                            column,
                            format!("expected an arrival time in seconds (a number ≥ 0), found {field:?}"),
                        ));
                    }
                }
            }
        }
        (bad == 0).then_some(out)
    }
}

/// "a" or "an" before a source kind id, as it is read aloud ("an s3 source").
fn article(id: &str) -> &'static str {
    if id.starts_with(['a', 'e', 'i', 'o', 'u', 's']) { "an" } else { "a" }
}

/// The closest known word, if it is close enough to be a likely typo (the
/// crate's one rule, shared with packs).
pub fn did_you_mean<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    crate::infra::suggest::did_you_mean(word, known.iter().copied())
}
