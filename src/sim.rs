//! The discrete-event Lambda simulator: pure, seeded, no I/O, no terminal.
//!
//! # The model
//! A scenario (see [`scenario`] and `assets/scenarios/README.md`) names one
//! function, the account's limits and one or more event sources. Sources emit
//! events during `[0, duration_s)`; the run then goes on until every event
//! has reached its final outcome. The rules are those of
//! `../shared/lambda-facts.md`:
//!
//! - **Environments** are created on demand (a cold start: Init, from the
//!   runtime's measured time or `init_ms`, then the handler), stay idle after
//!   an invoke, and are reclaimed after `idle_expiry_s` idle or at
//!   `max_lifetime_s`. The most recently used idle environment takes the next
//!   request. A timeout resets an environment: its next invoke runs Init again.
//! - **Concurrency**: the function's cap is its reserved concurrency, else the
//!   account limit; provisioned environments count inside it; new
//!   environments come from a bucket of `scale_per_10s` refilled
//!   continuously over 10 s. A refused attempt is a throttle.
//! - **Invocation types**: synchronous sources are refused on a throttle
//!   (Lambda's 429, API Gateway's 500), no retry, after API Gateway's own
//!   throttle and Lambda's request-rate quota; asynchronous events are
//!   retried with jittered backoff after throttles and up to
//!   `max_retry_attempts` times after errors, then go to a DLQ or
//!   destination or are dropped; SQS and stream mappings leave records in
//!   the source (batches, visibility timeout, redrive, bisect, shard blocking).
//! - **Billing**: per 1 ms of Init plus handler, requests, x86_64 or arm64
//!   rates, provisioned concurrency, the free tier ([`billing`]).
//!
//! Same scenario and seed → the same run, byte for byte: the random numbers
//! come from [`rng`] (a fixed algorithm), one stream per purpose, and events
//! at the same instant run in the order they were scheduled.
//!
//! # Running headless
//! ```
//! use lambda_tutor::sim;
//! let loaded = sim::load_preset("keep-alive-cliff", &[]).expect("a built-in preset");
//! let summary = sim::Engine::new(&loaded.scenario, loaded.scenario.seed).run();
//! assert_eq!(summary.cold_starts, summary.invocations.total);
//! assert_eq!(sim::summary_metric(&summary, "invocations.throttled"), Some(0.0));
//! ```
//!
//! # Driving it from a visualizer
//! The engine is stepped, not timed: map wall time to simulated time and call
//! [`Engine::advance_to`] (microseconds) or [`Engine::advance_to_ms`], or
//! [`Engine::step`] for one event at a time. `Engine` is `Clone`, so a
//! visualizer can keep a copy to rewind to. Build it with [`Options`]
//! `{ observe: true, .. }` to get, at any moment ([`Engine::snapshot`] gathers
//! the first five):
//!
//! - [`Engine::now_us`], [`Engine::is_finished`], [`Engine::next_event_us`];
//! - [`Engine::environments`]: every environment with its [`EnvState`]
//!   (initializing, busy, idle, reclaimed), since when, provisioned or not;
//! - [`Engine::concurrency`]: in use, limits, the scaling-rate bucket;
//! - [`Engine::queues`]: the asynchronous queue, the SQS backlog and pollers,
//!   each shard's backlog, iterator age and whether it is blocked;
//! - [`Engine::summary`]: the counters so far (the `--json` summary);
//! - [`Engine::narration_since`]: notable moments ([`Moment`]) with
//!   [`Narration::sentence`] ("no idle environment: cold start, Init 83 ms
//!   on python3.12");
//! - [`Engine::series`]: one [`SeriesPoint`] per simulated second
//!   (concurrency, cold starts, throttles, latency p50/p99, running cost);
//! - [`Engine::recent_invocations`]: the last invocations with their outcome,
//!   whose payloads [`payload::example_batch`] and [`payload::example_result`]
//!   render in the real shape of their source.
//!
//! Knobs (memory, timeout, reserved and provisioned concurrency, arrival rate)
//! re-run the scenario: reload it with `--set`-style [`Override`]s
//! (`function.memory_mb=1024`, `sources.0.arrival.rate_per_s=50`) and build a
//! new engine.

pub mod arrivals;
pub mod billing;
pub mod dist;
pub mod engine;
pub mod observe;
pub mod payload;
pub mod rng;
pub mod runtime;
pub mod scenario;
pub mod stats;
pub mod summary;

pub use engine::{Engine, Options, Snapshot};
pub use observe::{
    ConcurrencyView, EnvState, EnvView, InvocationRecord, Moment, Narration, NarrationSince, Outcome, QueueView,
    SeriesPoint, ShardView, TraceKind, TraceRecord,
};
pub use scenario::{Loaded, Override, Scenario, SourceKind};
pub use summary::Summary;

use crate::infra::{Diagnostic, embedded};

/// The preset `simulate` runs when no scenario is named.
pub const DEFAULT_PRESET: &str = "api-flash-crowd";

/// The ids of the built-in scenarios, sorted.
pub fn preset_ids() -> Vec<String> {
    embedded::scenarios().iter().filter_map(|(path, _)| preset_id_of(path)).collect()
}

fn preset_id_of(path: &str) -> Option<String> {
    std::path::Path::new(path).file_stem().map(|s| s.to_string_lossy().into_owned())
}

/// A built-in scenario's (path, bytes).
pub fn preset(id: &str) -> Option<(String, &'static [u8])> {
    embedded::scenarios().into_iter().find(|(path, _)| preset_id_of(path).as_deref() == Some(id))
}

/// Load a built-in scenario with overrides. Presets name no trace files.
pub fn load_preset(id: &str, overrides: &[Override]) -> Result<Loaded, Vec<Diagnostic>> {
    let Some((path, bytes)) = preset(id) else {
        let known = preset_ids().join(", ");
        return Err(vec![Diagnostic::error(id, 0, 0, format!("no built-in scenario `{id}` (built-in: {known})"))]);
    };
    scenario::load(&path, bytes, overrides, &mut crate::infra::trace_reader(None))
}

/// Run a built-in scenario with its own seed (for `predict` questions).
pub fn simulate_preset(id: &str) -> Result<Summary, Vec<Diagnostic>> {
    let loaded = load_preset(id, &[])?;
    Ok(Engine::new(&loaded.scenario, loaded.scenario.seed).run())
}

/// Check a scenario file for `check`: every problem, warnings included.
/// A trace file it names is read relative to the scenario's folder (the
/// only file access in the simulator, and only here).
pub fn validate_scenario(path: &str, bytes: &[u8]) -> Vec<Diagnostic> {
    let dir = std::path::Path::new(path).parent().map(std::path::Path::to_path_buf).unwrap_or_default();
    let mut diags = match scenario::load(path, bytes, &[], &mut crate::infra::trace_reader(Some(dir))) {
        Ok(loaded) => {
            let mut w = loaded.warnings;
            if preset_id_of(path).is_some_and(|stem| stem != loaded.scenario.id) {
                w.push(Diagnostic::warning(
                    path,
                    1,
                    1,
                    format!("the scenario id `{}` differs from the file name", loaded.scenario.id),
                ));
            }
            w
        }
        Err(diags) => diags,
    };
    diags.sort_by_key(|d| (d.line, d.column));
    diags
}

/// A number from a summary by dotted key, e.g. `cold_starts`,
/// `invocations.throttled`, `cost_usd.total` (for `predict` questions).
pub fn summary_metric(summary: &Summary, key: &str) -> Option<f64> {
    summary::metric(summary, key)
}

/// Every key [`summary_metric`] understands.
pub fn summary_metric_keys() -> Vec<String> {
    let scenario_src = "format = 1\n[scenario]\nid = \"x\"\ntitle = \"x\"\n[[sources]]\nkind = \"s3\"\narrival = { process = \"burst\", count = 1 }\n";
    match scenario::load("keys.toml", scenario_src.as_bytes(), &[], &mut |_: &str| Err(String::new())) {
        Ok(l) => summary::metric_keys(&Engine::new(&l.scenario, 1).summary()),
        Err(_) => Vec::new(),
    }
}
