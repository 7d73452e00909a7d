//! User-facing words, kept together so wording stays consistent.

pub const APP_TITLE: &str = "lambda-tutor";
pub const NOT_A_TERMINAL: &str = "the full-screen tutor needs a terminal on stdin and stdout; \
in a pipe, use a subcommand: lessons, read, quiz --plain, review --plain, drill --plain, \
simulate --json, scenarios, check, import, export-pack, stats, history, packs (see --help)";

pub const START: &str = "Start";
pub const CONTINUE: &str = "Continue:";
pub const TAGLINE: &str = "AWS Lambda and serverless, in your terminal";
pub const COURSE: &str = "Course";
pub const LESSON: &str = "Lesson";
pub const HELP_TITLE: &str = "Keys";
pub const CONTENTS: &str = "Contents";
pub const SEARCH_PROMPT: &str = "Search: ";
pub const SEARCH_ALL_TITLE: &str = "Search all lessons";
pub const SEARCH_ALL_HINT: &str = "Type to search every lesson; Enter opens the selected hit, Esc goes back.";
pub const NO_HITS: &str = "no match";
pub const NO_LESSONS: &str = "No lessons were found. Run `lambda-tutor check content/` to see why.";
pub const HELP_FOOTER: &str = "Press ? or Esc to close. Mouse wheel scrolls; clicks select.";
pub const MODULE_LABEL: &str = "Module";
pub const TOPICS_LABEL: &str = "Topics";
pub const OPEN_LESSON_HINT: &str = "Enter to read";
pub const END_OF_LESSON: &str = "End of lesson. ] or → for the next one.";

/// Minimum terminal size the screens are designed for.
pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 14;

pub fn too_small(width: u16, height: u16) -> String {
    format!(
        "The terminal is {width}×{height}; lambda-tutor needs at least {MIN_WIDTH}×{MIN_HEIGHT}. \
         Enlarge the window, or press q to quit."
    )
}

pub fn minutes(m: u32) -> String {
    format!("{m} min")
}

pub fn hit_count(current: usize, total: usize) -> String {
    format!("hit {current}/{total}")
}

pub fn scroll_position(top: usize, total: usize, height: usize) -> String {
    if total <= height {
        return "all".to_owned();
    }
    let last = total.saturating_sub(height);
    format!("{}%", top.min(last) * 100 / last.max(1))
}

pub fn progress_not_saved(error: &str) -> String {
    format!("Progress could not be saved: {error}")
}

pub fn cannot_open_progress(error: &str) -> String {
    format!(
        "{error}. The file was left untouched; move it aside, or start with --data-dir DIR to keep progress elsewhere"
    )
}

pub fn course_problems(count: usize) -> String {
    format!("{count} file(s) of installed courses were skipped; run `lambda-tutor check` on them to see why")
}

// ---- the simulator --------------------------------------------------------

pub const SIM_TITLE: &str = "Simulator";
pub const SIM_HOME_SECTION: &str = "Simulator";
pub const SIM_HOME_ROW: &str = "Watch Lambda at work: events, cold starts, throttles, cost";
pub const SIM_HOME_DETAIL: &str = "A faithful, deterministic simulation of the Lambda service: pick a scenario, \
press Space to play, and watch events become invocations, cold starts, throttles and cost. Knobs for memory, \
timeout, reserved and provisioned concurrency and the arrival rate re-run it; e opens any recent event's payload.";
pub const SIM_PICKER_TITLE: &str = "Simulator";
pub const SIM_PICKER_TAGLINE: &str = "pick a scenario; each teaches one thing";
pub const SIM_PICKER_HINT: &str = "Enter to run it";
pub const SIM_SCENARIOS: &str = "Scenarios";
pub const SIM_CANNOT_OPEN: &str = "Cannot open the scenario";
pub const SIM_FLOW: &str = "Flow";
pub const SIM_CHARTS: &str = "Per simulated second";
pub const SIM_NARRATION: &str = "What happened";
pub const SIM_ABOUT: &str = "About this scenario (Space plays)";
pub const SIM_PLAYING: &str = "playing";
pub const SIM_PAUSED: &str = "paused";
pub const SIM_FINISHED: &str = "finished";
pub const SIM_SATURATED: &str = "(as fast as it can)";
pub const SIM_DRAINING: &str = " (sources done; draining)";
pub const SIM_SEED: &str = "seed";
pub const SIM_SYNC: &str = "sync";
pub const SIM_ASYNC: &str = "async";
pub const SIM_POLLED: &str = "polled";
pub const SIM_RESERVED: &str = "reserved";
pub const SIM_ACCOUNT: &str = "account limit";
pub const SIM_PROVISIONED: &str = "provisioned";
pub const SIM_THROTTLED: &str = "throttled";
pub const SIM_TIMEOUT: &str = "timeout";
pub const SIM_DEST_RESPONSES: &str = "200 OK";
pub const SIM_DEST_SUCCEEDED: &str = "succeeded";
pub const SIM_DEST_429: &str = "429s";
pub const SIM_DEST_ERRORS: &str = "errors";
pub const SIM_DEST_DLQ: &str = "to DLQ";
pub const SIM_DEST_ON_FAILURE: &str = "on-failure";
pub const SIM_DEST_QUEUE_DLQ: &str = "queue DLQ";
pub const SIM_DEST_DLQ_ANY: &str = "DLQ/on-failure";
pub const SIM_DEST_DROPPED: &str = "dropped";
pub const SIM_DEST_PENDING: &str = "pending";
pub const SIM_STATE_INIT: &str = "init";
pub const SIM_STATE_BUSY: &str = "busy";
pub const SIM_STATE_IDLE: &str = "idle";
pub const SIM_STATE_PROVISIONED: &str = "provisioned";
pub const SIM_STATE_RECLAIMED: &str = "reclaimed";
pub const SIM_NO_ENVIRONMENTS: &str = "no execution environment yet";
pub const SIM_CHART_CONCURRENCY: &str = "concurrency";
pub const SIM_CHART_COLD: &str = "cold starts";
pub const SIM_CHART_THROTTLES: &str = "throttles";
pub const SIM_CHART_LATENCY: &str = "latency p50 · p99";
pub const SIM_CHART_P99: &str = "p99";
pub const SIM_CHART_CONCURRENCY_SHORT: &str = "conc";
pub const SIM_CHART_COLD_SHORT: &str = "cold";
pub const SIM_CHART_COST: &str = "cost";
pub const SIM_KNOBS: &str = "knobs ←→ ↑↓";
pub const SIM_KNOB_MEMORY: &str = "memory";
pub const SIM_KNOB_TIMEOUT: &str = "timeout";
pub const SIM_KNOB_RESERVED: &str = "reserved";
pub const SIM_KNOB_RESERVED_SHORT: &str = "rsv";
pub const SIM_KNOB_PROVISIONED: &str = "provisioned";
pub const SIM_KNOB_PROVISIONED_SHORT: &str = "prov";
pub const SIM_KNOB_ARRIVALS: &str = "arrivals";
pub const SIM_KNOB_AT_END: &str = "that knob is at its end";
pub const SIM_NONE: &str = "none";
pub const SIM_TRACE_FIXED: &str = "trace";
pub const SIM_INSPECTOR_TITLE: &str = "Recent invocations: what the handler received and returned";
pub const SIM_RECENT: &str = "Last finished first";
pub const SIM_PAYLOAD: &str = "Event payload";
pub const SIM_RESULT: &str = "Result";
pub const SIM_RESULT_IGNORED: &str =
    "No result: Lambda ignores what an asynchronous or stream handler returns (only errors count).";
pub const SIM_RESULT_RUNTIME: &str = "handler:";
pub const SIM_RESULT_RETRY: &str = "This run was a retry: Lambda (or the queue) tried the event again.";

pub fn sim_result_cold(init: &str) -> String {
    format!("A cold start: Init took {init} before the handler ran.")
}
pub const SIM_NO_INVOCATIONS: &str = "No invocation has finished yet. Play or step the run, then press e again.";
pub const SIM_FLAG_COLD: &str = " cold";
pub const SIM_FLAG_RETRY: &str = " retry";
pub const SIM_SUMMARY_HINT: &str = "Esc closes · Space runs it again · r with another seed · ←→ ↑↓ knobs";
pub const SIM_STOPPED_EARLY: &str = "the run was stopped early: it keeps retrying without end";

pub const SIM_SOURCE_DONE: &str = "done";

pub fn sim_burst(count: &str) -> String {
    format!("burst of {count}")
}

pub fn sim_no_preset(id: &str) -> String {
    format!("no built-in scenario `{id}`")
}

pub fn sim_scenario_count(n: usize) -> String {
    format!("{n} scenarios ")
}

pub fn sim_source_of(runtime: &str) -> String {
    format!("{} ", crate::text::sanitize(runtime))
}

pub fn sim_environments(live: &str) -> String {
    format!("Execution environments · {live} live")
}

pub fn sim_glyph_per(per: usize) -> String {
    format!("1 glyph ≈ {per} (majority)")
}

pub fn sim_knob_refused(why: &str) -> String {
    format!("not allowed: {why}")
}

pub fn sim_lines(first: usize, total: usize) -> String {
    format!("line {first} of {total}")
}

pub fn sim_more_records(shown: u32, total: u32) -> String {
    format!("… the first {shown} of {total} records are shown")
}

pub fn sim_more_sources(n: usize) -> String {
    format!("+{n} more sources")
}

pub fn sim_scaling(used: &str, max: &str) -> String {
    format!("scaling {used}/{max} per 10 s")
}

pub fn sim_async_waiting(n: &str) -> String {
    format!("queued for retry {n}")
}

pub fn sim_async_waiting_short(n: &str) -> String {
    format!("retry queue {n}")
}

pub fn sim_sqs_backlog(backlog: &str, pollers: Option<u32>) -> String {
    match pollers {
        Some(p) => format!("backlog {backlog} · {p} pollers"),
        None => format!("backlog {backlog}"),
    }
}

pub fn sim_stream_state(blocked: usize, shards: usize, backlog: &str, age: &str) -> String {
    if blocked > 0 {
        format!("{blocked}/{shards} BLOCKED · age {age}")
    } else {
        format!("{shards} shard(s) · backlog {backlog}")
    }
}

pub fn sim_stream_state_short(blocked: usize, backlog: &str, age: &str) -> String {
    if blocked > 0 { format!("BLOCKED · {age}") } else { format!("backlog {backlog}") }
}

pub fn sim_last_at(at: &str) -> String {
    format!("(last at {at})")
}

pub fn sim_summary_title(at: &str) -> String {
    format!("Run finished at {at}")
}
