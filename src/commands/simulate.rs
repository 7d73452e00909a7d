//! `simulate [SCENARIO] [--seed S] [--set KEY=VALUE]... [--json] [--trace FILE]`:
//! in a terminal (without `--json` or `--trace`), the animated visualizer;
//! otherwise run the scenario headless and print its summary (JSON, or text
//! when stdout is not a terminal).

use std::io::{BufWriter, IsTerminal, Write};
use std::path::Path;

use super::{CommandResult, Failure};
use crate::context::Context;
use crate::infra::Diagnostic;
use crate::sim::scenario::Compute;
use crate::sim::summary::{dollars, thousands};
use crate::sim::{self, Engine, Loaded, Options, Override, Summary, scenario};
use crate::tui::screens::SimulatorScreen;
use crate::tui::screens::simulator::run::ScenarioFile;

/// How many events to process between flushes of `--trace` records.
const TRACE_CHUNK: usize = 1 << 16;

pub fn run(
    ctx: &mut Context,
    target: Option<&str>,
    seed: Option<u64>,
    sets: &[String],
    json: bool,
    trace: Option<&Path>,
) -> CommandResult {
    let overrides = sets.iter().map(|s| Override::parse(s)).collect::<Result<Vec<_>, _>>().map_err(Failure::Usage)?;
    let target = target.unwrap_or(sim::DEFAULT_PRESET);
    let loaded = load(target, &overrides)?;
    for w in &loaded.warnings {
        eprintln!("{}", scenario::describe(w));
    }
    let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    if interactive && !json && trace.is_none() {
        return visualize(ctx, target, overrides, seed);
    }
    let scenario = &loaded.scenario;
    let seed = seed.unwrap_or(scenario.seed);
    let mut engine = Engine::with_options(scenario, seed, Options { trace: trace.is_some(), observe: false });
    let summary = match trace {
        None => engine.run(),
        Some(path) => run_with_trace(&mut engine, path)?,
    };
    if summary.stopped_early {
        eprintln!(
            "lambda-tutor: warning: the run was stopped after {} simulated events at {:.0} s with {} events still pending (it keeps retrying); the figures cover the time simulated so far",
            sim::engine::DEFAULT_STEP_BUDGET,
            summary.simulated_s,
            summary.event_outcomes.pending
        );
    }
    let mut out = std::io::stdout().lock();
    let text = if json {
        let s = serde_json::to_string_pretty(&summary).map_err(|e| Failure::Usage(e.to_string()))?;
        // serde_json leaves C1 controls and bidi overrides raw: escape them.
        let mut s = crate::study::history::escape_json_controls(&s);
        s.push('\n');
        s
    } else {
        text_summary(&loaded, &summary, out.is_terminal())
    };
    let written = out.write_all(text.as_bytes());
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(Failure::from),
    }
}

/// The visualizer on the scenario (already checked by [`load`]).
fn visualize(ctx: &mut Context, target: &str, overrides: Vec<Override>, seed: Option<u64>) -> CommandResult {
    let file = if !looks_like_path(target)
        && let Some(file) = ScenarioFile::preset(target)
    {
        file
    } else {
        let bytes = crate::infra::read_bounded(Path::new(target)).map_err(|e| Failure::Usage(e.to_string()))?;
        let dir = Path::new(target).parent().map(Path::to_path_buf).unwrap_or_default();
        ScenarioFile { path: target.to_owned(), bytes, dir: Some(dir) }
    };
    let screen = SimulatorScreen::open(file, overrides, seed).map_err(|diags| report(&diags))?;
    crate::tui::run_simulator(ctx, screen).map_err(Failure::from)
}

fn looks_like_path(target: &str) -> bool {
    target.contains(['/', '\\']) || Path::new(target).extension().is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}

/// A preset id, or a path to a scenario file.
fn load(target: &str, overrides: &[Override]) -> Result<Loaded, Failure> {
    let result = if !looks_like_path(target) && sim::preset(target).is_some() {
        sim::load_preset(target, overrides)
    } else {
        let path = Path::new(target);
        if !path.is_file() {
            let known = sim::preset_ids().join(", ");
            return Err(Failure::Usage(format!(
                "no scenario preset `{target}` and no file at {target} (presets: {known})"
            )));
        }
        let bytes = match crate::infra::read_bounded(path) {
            Ok(bytes) => bytes,
            Err(e @ crate::infra::ReadError::TooLarge { .. }) => return Err(report(&[e.to_diagnostic()])),
            Err(e) => return Err(Failure::Usage(e.to_string())),
        };
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        scenario::load(target, &bytes, overrides, &mut crate::infra::trace_reader(Some(dir)))
    };
    result.map_err(|diags| report(&diags))
}

/// Print diagnostics; a bad `--set` is a usage error (exit 2), a bad file
/// is wrong input (exit 1).
fn report(diags: &[Diagnostic]) -> Failure {
    let mut usage = false;
    for d in diags {
        eprintln!("{}", scenario::describe(d));
        usage |= d.is_error() && (scenario::is_override_diagnostic(d) || d.line == 0);
    }
    if usage { Failure::Usage("the scenario was not run (see the errors above)".to_owned()) } else { Failure::Invalid }
}

fn run_with_trace(engine: &mut Engine, path: &Path) -> Result<Summary, Failure> {
    let file = std::fs::File::create(path)
        .map_err(|e| Failure::Usage(format!("cannot create the trace file {}: {e}", path.display())))?;
    let mut w = BufWriter::new(file);
    let write_err = |e: std::io::Error| Failure::Usage(format!("cannot write the trace file {}: {e}", path.display()));
    loop {
        let mut more = true;
        for _ in 0..TRACE_CHUNK {
            if !engine.step() {
                more = false;
                break;
            }
        }
        for record in engine.take_trace() {
            serde_json::to_writer(&mut w, &record).map_err(std::io::Error::other).map_err(write_err)?;
            w.write_all(b"\n").map_err(write_err)?;
        }
        if !more {
            break;
        }
    }
    w.flush().map_err(write_err)?;
    Ok(engine.summary())
}

/// On-demand functions share the account's (or their reserved) concurrency;
/// a Managed Instances function is bounded by its environments instead.
fn concurrency_line(sc: &sim::Scenario, s: &Summary, limit: u32) -> String {
    let (peak, average) = (s.concurrency.peak, s.concurrency.average);
    match sc.function.compute {
        Compute::OnDemand => format!("concurrency   peak {peak}, average {average:.1} (limit {limit})"),
        Compute::ManagedInstances => format!(
            "concurrency   peak {peak}, average {average:.1} ({} requests at once per environment)",
            s.managed_instances.max_concurrency_per_environment
        ),
    }
}

/// Why requests were refused; a Managed Instances function is refused only
/// when every environment is full and the scaler has not caught up.
fn throttled_line(sc: &sim::Scenario, s: &Summary) -> String {
    let (total, r) = (thousands(s.invocations.throttled), &s.throttle_reasons);
    match sc.function.compute {
        Compute::OnDemand => format!(
            "throttled     {total} (concurrency {}, scaling rate {}, request rate {}, reserved 0: {})",
            thousands(r.concurrency),
            thousands(r.scaling_rate),
            thousands(r.request_rate),
            thousands(r.reserved_zero)
        ),
        Compute::ManagedInstances => format!(
            "throttled     {total} (every environment full while instances scaled out: {})",
            thousands(r.managed_capacity)
        ),
    }
}

/// On-demand bills GB-seconds; Managed Instances bill instance-hours.
fn billed_line(sc: &sim::Scenario, s: &Summary) -> String {
    match sc.function.compute {
        Compute::OnDemand => {
            format!("billed        {:.3} GB-s at {} MB, {}", s.billed_gb_s, s.billing.memory_mb, s.billing.architecture)
        }
        Compute::ManagedInstances => format!(
            "billed        {:.1} instance-hours, peak {} instances at {}/hour, no GB-s",
            s.managed_instances.instance_hours,
            s.managed_instances.instances_peak,
            dollars(sc.function.managed.instance_usd_per_hour)
        ),
    }
}

/// The total and the parts it is the sum of, for the function's compute.
fn cost_line(sc: &sim::Scenario, s: &Summary) -> String {
    let c = &s.cost_usd;
    let free = if s.billing.free_tier { " (after the free tier)" } else { "" };
    match sc.function.compute {
        Compute::OnDemand => format!(
            "cost          {} = requests {} + compute {} + provisioned {}{free}",
            dollars(c.total),
            dollars(c.requests),
            dollars(c.compute),
            dollars(c.provisioned)
        ),
        Compute::ManagedInstances => format!(
            "cost          {} = requests {} + instances {} + management fee ({:.0} %) {}",
            dollars(c.total),
            dollars(c.requests),
            dollars(c.instances),
            sim::billing::MANAGED_FEE_SHARE * 100.0,
            dollars(c.management_fee)
        ),
    }
}

/// The summary for people; `hint` adds where to find more (for a terminal).
pub fn text_summary(loaded: &Loaded, s: &Summary, hint: bool) -> String {
    let sc = &loaded.scenario;
    let inv = &s.invocations;
    let title = crate::text::sanitize(&sc.title);
    let limit = sc.function.reserved_concurrency.unwrap_or(sc.account.concurrency_limit);
    let lines = [
        format!("{} — {title} (seed {})", sc.id, s.seed),
        format!(
            "simulated {:.1} s · {} events from {}",
            s.simulated_s,
            thousands(s.events),
            sc.sources
                .iter()
                .map(|x| format!("{} ({})", x.kind.id(), x.arrival.describe()))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        String::new(),
        format!(
            "invocations   {} total: {} succeeded, {} failed, {} timed out; {} were retries",
            thousands(inv.total),
            thousands(inv.succeeded),
            thousands(inv.failed),
            thousands(inv.timed_out),
            thousands(inv.retried)
        ),
        throttled_line(sc, s),
        format!(
            "events        {} succeeded, {} failed, {} timed out, {} rejected (throttled), {} gateway 504s, {} gateway 429s, {} dead-lettered, {} dropped",
            thousands(s.event_outcomes.succeeded),
            thousands(s.event_outcomes.failed),
            thousands(s.event_outcomes.timed_out),
            thousands(s.event_outcomes.rejected),
            thousands(s.event_outcomes.gateway_timed_out),
            thousands(s.event_outcomes.gateway_throttled),
            thousands(inv.dead_lettered),
            thousands(inv.dropped)
        ),
        format!(
            "cold starts   {} ({:.1}% of invocations), Init {} ms on {}",
            thousands(s.cold_starts),
            s.cold_start_ratio * 100.0,
            s.function.init_ms,
            crate::text::sanitize(&s.function.runtime)
        ),
        format!(
            "environments  {} created, peak {}, average {:.1}",
            thousands(s.environments.created),
            s.environments.peak,
            s.environments.average
        ),
        concurrency_line(sc, s, limit),
        format!(
            "latency       p50 {} ms · p90 {} ms · p99 {} ms · max {} ms",
            s.latency_ms.p50, s.latency_ms.p90, s.latency_ms.p99, s.latency_ms.max
        ),
        billed_line(sc, s),
        cost_line(sc, s),
    ];
    let mut out = lines.join("\n");
    out.push('\n');
    if hint {
        out.push_str("\n--json prints every figure; --trace FILE records each event.\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hint_is_the_callers_choice() {
        let loaded = crate::sim::load_preset("cost-1m-invocations", &[]).expect("preset");
        let summary = crate::sim::Engine::new(&loaded.scenario, 1).run();
        let plain = text_summary(&loaded, &summary, false);
        assert!(plain.contains("cost          $1.87 = requests $0.2000 + compute $1.67"), "{plain}");
        assert!(!plain.contains("--json"));
        assert!(text_summary(&loaded, &summary, true).ends_with("--trace FILE records each event.\n"));
    }

    #[test]
    fn managed_instances_show_instance_hours_and_the_fee_not_gb_seconds() {
        let set = [Override::parse("scenario.duration_s=3600").expect("override")];
        let loaded = crate::sim::load_preset("managed-instances-steady", &set).expect("preset");
        let summary = crate::sim::Engine::new(&loaded.scenario, 1).run();
        let plain = text_summary(&loaded, &summary, false);
        // 3 instances for an hour at $0.2016, the fee 15 % of that.
        assert!(plain.contains("billed        3.0 instance-hours, peak 3 instances at $0.2016/hour"), "{plain}");
        assert!(plain.contains("+ instances $0.6048 + management fee (15 %) $0.0907"), "{plain}");
        assert!(plain.contains("64 requests at once per environment"), "{plain}");
        assert!(!plain.contains("GB-s at"), "{plain}");
        assert!(plain.contains("throttled     0 (every environment full while instances scaled out: 0)"), "{plain}");
    }
}
