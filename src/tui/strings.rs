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
pub const HELP_FOOTER: &str = "Press ? or Esc to close; j/k scroll this list. Mouse wheel scrolls; clicks select.";
pub const MODULE_LABEL: &str = "Module";
pub const TOPICS_LABEL: &str = "Topics";
pub const OPEN_LESSON_HINT: &str = "Enter to read";
/// The offer at the end of a lesson: its quiz when it has questions, else
/// the next lesson, else back home (the last lesson promises nothing more).
pub const NEXT_UP: &str = "Next up";
pub const NEXT_UP_HINT: &str = "Enter: do it";
pub const NEXT_UP_ENTER: &str = "Enter: do it.";

pub const READ_ON: &str = "Checkpoint answered · Enter: read on";
pub const NO_SIM_LINK: &str = "No simulator link on screen.";
pub const NO_LINKS_IN_LESSON: &str = "This lesson has no simulator links.";

pub fn answer_checkpoint(number: usize, total: usize) -> String {
    format!("Enter: answer checkpoint {number} of {total}")
}

pub fn checkpoints_left(n: usize) -> String {
    if n == 1 {
        "End of lesson. 1 checkpoint is not answered yet: Enter goes to it.".to_owned()
    } else {
        format!("End of lesson. {n} checkpoints are not answered yet: Enter goes to the first.")
    }
}

/// What a link opens: "keep-alive-cliff" or "lab keep-alive-warmer".
fn link_target(id: &str, lab: bool) -> String {
    if lab { format!("lab {id}") } else { id.to_owned() }
}

pub fn open_sim_link(id: &str, lab: bool) -> String {
    format!("o: open {} in the simulator", link_target(id, lab))
}

/// The link Tab selected: Enter opens it.
pub fn open_selected_link(id: &str, lab: bool) -> String {
    format!("Enter: open {} in the simulator", link_target(id, lab))
}

pub const NEXT_LINK: &str = "Tab: next link";

pub fn no_lab(id: &str) -> String {
    format!("no built-in lab `{id}`")
}

pub fn end_of_lesson(questions: usize, has_next: bool) -> String {
    match (questions, has_next) {
        (0, true) => "End of lesson. Enter or ] for the next one.".to_owned(),
        (0, false) => "End of the last lesson. Enter or q to go back.".to_owned(),
        (1, next) => format!(
            "End of lesson. Enter: Quiz: 1 question on this lesson{}",
            if next { " · ] next lesson" } else { "" }
        ),
        (n, next) => format!(
            "End of lesson. Enter: Quiz: {n} questions on this lesson{}",
            if next { " · ] next lesson" } else { "" }
        ),
    }
}

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

/// How far through a text the last line on screen is (as `less` counts),
/// the same figure "Continue lesson … at N %" gives on the home screen.
pub fn scroll_position(top: usize, total: usize, height: usize) -> String {
    if total <= height {
        return "all".to_owned();
    }
    format!("{}%", (top + height).min(total) * 100 / total)
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

// ---- labs -------------------------------------------------------------------

pub const LAB_TITLE: &str = "Lab";
pub const LABS: &str = "Labs";
pub const LABS_ROW_DETAIL: &str = "Challenges on the simulator: a scenario, the knobs you may turn and goals \
the run must meet (no throttles, p99 under a limit, a cost cap). Play it to watch the goals live, press g to \
grade your settings with a full run, Tab for a hint. Each lab belongs to a lesson; each graded run is recorded.";
pub const LABS_SECTION: &str = "Labs: meet the goals with the knobs you may turn";

/// The picker's heading of the labs: `… · 3 of 17 solved`.
pub fn labs_heading(solved: usize, total: usize) -> String {
    format!("{LABS_SECTION} · {solved} of {total} solved")
}
pub const LAB_OPEN_HINT: &str = "Enter to open the lab";
pub const LAB_GOALS_HEADING: &str = "Goals";
pub const LAB_SOLVED: &str = "Solved: every goal met.";
pub const LAB_BACK_TO_KNOBS: &str = "back to the knobs";
pub const LAB_NOT_GRADED: &str = "the lab could not be graded";
pub const LAB_NO_MORE_HINTS: &str = "no more hints";
pub const LAB_NO_HINTS: &str = "this lab has no hints";
pub const LAB_CANNOT_OPEN: &str = "Cannot open the lab";

/// The home row: `Labs (3 of 17 solved)`.
pub fn labs_row(solved: usize, total: usize) -> String {
    format!("{LABS} ({solved} of {total} solved)")
}

/// A lab's status in the picker and the lab screen's title bar.
pub fn lab_status(status: crate::practice::lab::Status) -> String {
    match status {
        crate::practice::lab::Status::NotTried => "new".to_owned(),
        crate::practice::lab::Status::Attempted(n) => format!("tried {n}×"),
        crate::practice::lab::Status::Solved => "solved".to_owned(),
    }
}

pub fn lab_lesson(title: &str) -> String {
    format!("lesson: {}", crate::text::sanitize(title))
}

pub fn lab_hints_shown(shown: usize, total: usize) -> String {
    format!("hints {shown} of {total}")
}

pub fn lab_hint(i: usize, total: usize, text: &str) -> String {
    format!("Hint {} of {total}: {text}", i + 1)
}

/// The goals panel's title: live while the run plays, final at its end.
pub fn lab_goals(met: usize, total: usize, started: bool, finished: bool) -> String {
    if !started {
        format!("Goals · {total} to meet · Space plays, g grades")
    } else if finished {
        format!("Goals · {met} of {total} met in this run · g grades it")
    } else {
        format!("Goals · {met} of {total} met so far")
    }
}

/// A goal's figure in the goals panel: `now 812 ms`, `end 812 ms`.
pub fn lab_live(value: &str, finished: bool) -> String {
    if finished { format!("end {value}") } else { format!("now {value}") }
}

pub fn lab_measured(value: &str) -> String {
    format!("measured {value}")
}

pub fn lab_not_yet(met: usize, total: usize) -> String {
    format!("Not yet: {met} of {total} goals met.")
}

/// Under the verdict: what was run and recorded.
pub fn lab_graded(seed: u64, attempt: u32) -> String {
    format!("Graded on a full run to the end (seed {seed}) · attempt {attempt}, recorded")
}

pub fn lab_next_lab(title: &str) -> String {
    format!("next lab: {}", crate::text::sanitize(title))
}

pub fn lab_read_lesson(title: &str) -> String {
    format!("read the lesson: {}", crate::text::sanitize(title))
}

pub fn lab_stopped_early() -> &'static str {
    "The run was stopped before every event finished: these settings make it too long to grade."
}

pub fn lab_no_lesson(id: &str) -> String {
    format!("no lesson `{}` in this course", crate::text::sanitize(id))
}

pub fn lab_no_builtin(id: &str) -> String {
    format!("no built-in lab `{}`", crate::text::sanitize(id))
}

pub fn lab_count(n: usize) -> String {
    format!("{n} labs ")
}

// ---- the simulator --------------------------------------------------------

pub const SIM_TITLE: &str = "Simulator";
pub const TOPICS_HOME_SECTION: &str = "Topics: what you would recall now";
pub const TOPIC: &str = "Topic";
pub const TOPIC_LESSONS: &str = "Taught in:";

/// "5/14 cards": a topic's questions answered at least once, of all of them.
pub fn topic_cards(answered: usize, total: usize) -> String {
    format!("{answered}/{total} cards")
}

pub fn topic_recall(percent: usize) -> String {
    format!("Recall now: {percent}%, the chance of remembering its questions today (FSRS; unanswered ones count as 0).")
}

pub fn topic_held(answered: usize, total: usize, strong: usize) -> String {
    format!("{answered} of {total} questions answered; {strong} held firmly (recalled at 90% or better).")
}

pub fn open_topic_lesson(order: u32) -> String {
    format!("Enter: read lesson {order}")
}

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
pub const SIM_KNOB_RUNTIME: &str = "runtime";
pub const SIM_KNOB_RUNTIME_SHORT: &str = "rt";
pub const SIM_KNOB_ACCOUNT: &str = "account";
pub const SIM_KNOB_ACCOUNT_SHORT: &str = "acct";
pub const SIM_KNOB_MEMORY: &str = "memory";
pub const SIM_KNOB_MEMORY_SHORT: &str = "mem";
pub const SIM_KNOB_TIMEOUT: &str = "timeout";
pub const SIM_KNOB_RESERVED: &str = "reserved";
pub const SIM_KNOB_RESERVED_SHORT: &str = "rsv";
pub const SIM_KNOB_PROVISIONED: &str = "provisioned";
pub const SIM_KNOB_PROVISIONED_SHORT: &str = "prov";
pub const SIM_KNOB_ARRIVALS: &str = "arrivals";
pub const SIM_KNOB_ARRIVALS_SHORT: &str = "rate";
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

/// The Managed Instances grid's legend: how full the fleet is.
pub fn sim_fleet_legend(envs: &str, instances: &str, slots: &str, busy: &str, total: &str) -> String {
    format!("{envs} environments on {instances} instances · {busy}/{total} requests in flight · up to {slots} each")
}

pub fn sim_glyph_per(per: usize) -> String {
    format!("1 glyph ≈ {per} (majority)")
}

pub const SIM_PROMPT_LABEL: &str = " --set ";
pub const SIM_PROMPT_HINT: &str = "KEY=VALUE, any key of the scenario file, e.g. function.runtime=nodejs22.x or account.concurrency_limit=3000 · Enter re-runs from t = 0 · Esc cancels";
pub const SIM_PROMPT_REFUSED: &str = "the scenario refused this setting";
pub const SIM_SET_CLEAR: &str = "x clears";
pub const SIM_STEP_SUCCEEDED: &str = "succeeded";
pub const SIM_STEP_FAILED: &str = "failed (function error)";
pub const SIM_STEP_TIMED_OUT: &str = "timed out";
pub const SIM_DEST_DLQ_NAME: &str = "dead-letter queue";
pub const SIM_DEST_QUEUE_DLQ_NAME: &str = "queue's dead-letter queue";
pub const SIM_DEST_ON_FAILURE_NAME: &str = "on-failure destination";
pub const SIM_STEP_COLD: &str = "cold start";
pub const SIM_STEP_COLD_RETRY: &str = "retry, cold start";
pub const SIM_STEP_WARM: &str = "warm";
pub const SIM_STEP_WARM_RETRY: &str = "retry, warm";

/// The line naming the overrides typed at the prompt.
pub fn sim_typed(list: &str) -> String {
    format!(" set {list}")
}

pub fn sim_step_head(at: &str) -> String {
    format!("▸ step {at}")
}

pub fn sim_step_source_n(label: &str, n: usize) -> String {
    format!("{label} (source {n})")
}

pub fn sim_step_arrival(source: &str, event: u64) -> String {
    format!("{source} event #{event} arrives")
}

pub fn sim_step_throttle(source: &str, event: Option<u64>, reason: &str) -> String {
    match event {
        Some(e) => format!("{source} event #{e} throttled ({reason})"),
        None => format!("{source} throttled ({reason})"),
    }
}

pub fn sim_step_init_start(env: u32, invocation: u64) -> String {
    format!("no idle environment: environment {env} runs Init for invocation #{invocation} (cold start)")
}

pub fn sim_step_init_end(env: u32, took: &str) -> String {
    format!("environment {env} finished Init in {took}")
}

pub fn sim_step_event(event: u64) -> String {
    format!("event #{event}")
}

pub fn sim_step_events(n: &str) -> String {
    format!("a batch of {n}")
}

pub fn sim_step_invoke_start(invocation: u64, source: &str, carried: &str, env: u32, how: &str) -> String {
    format!("invocation #{invocation} ({source}, {carried}) starts on environment {env} ({how})")
}

pub fn sim_step_invoke_end(invocation: u64, env: u32, outcome: &str, took: &str, billed_ms: u64) -> String {
    format!("invocation #{invocation} on environment {env} {outcome} after {took} (billed {billed_ms} ms)")
}

pub fn sim_step_retry(event: u64, attempt: u8, at: &str) -> String {
    format!("event #{event} will be retried (attempt {attempt}) at {at}")
}

pub fn sim_step_expiry(env: u32, reason: &str) -> String {
    format!("environment {env} reclaimed ({reason})")
}

pub fn sim_step_dead_letter(event: u64, destination: &str) -> String {
    format!("event #{event} sent to the {destination}")
}

pub fn sim_step_drop(event: u64, reason: &str) -> String {
    format!("event #{event} dropped ({reason})")
}

/// Managed Instances: what caps the function (the Flow box).
pub fn sim_mi_capacity(envs: &str, per: u32) -> String {
    format!("{envs} envs × {per} requests")
}

pub fn sim_mi_instances(instances: u32, min: u32) -> String {
    format!("{instances} instances (min {min})")
}

/// The account's other functions in the Flow box.
pub fn sim_neighbour_one(name: &str, used: &str) -> String {
    format!("{name} uses {used}")
}

pub fn sim_neighbours(n: usize, used: &str) -> String {
    format!("{n} other functions use {used}")
}

pub fn sim_prompt_in_lab() -> &'static str {
    "a lab is graded on its own knobs: turn them with ←→ ↑↓ (any setting: simulate the scenario from home)"
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

// Quizzes, reviews, drills and stats.

pub const QUIZ: &str = "Quiz";
pub const REVIEW: &str = "Review";
pub const DRILL: &str = "Drill";
pub const CHECKPOINT: &str = "Checkpoint";
pub const STATS: &str = "Stats";
pub const QUESTION: &str = "question";
pub const FINISHED: &str = "finished";
pub const SCORE: &str = "score";
pub const LEFT: &str = "left";
pub const ANSWERED: &str = "answered";
pub const GRADES: &str = "Grades: 1 again (not recalled) · 2 hard · 3 good · 4 easy";

pub const CONTINUE_QUIZ: &str = "Continue quiz:";
pub const START_QUIZ_HELP: &str = "Choose packs or topics and answer their questions one at a time, with hints, explanations and \
     the lesson to read after each answer.";
pub const START_REVIEW_HELP: &str = "Spaced review: the questions you are about to forget come back when they are due, then new ones \
     up to the daily limit.";
pub const START_DRILL_HELP: &str = "A timed interview drill, set up first (minutes or questions, topics): no hints, questions weighted toward your weakest topics, \
     open questions answered aloud and graded by you.";
pub const START_STATS_HELP: &str =
    "Lessons completed, accuracy per topic, your study streak, reviews due and your drill history.";
pub const CONTINUE_QUIZ_HELP: &str = "Pick up the unfinished quiz at the question where you left it.";

// The drill set-up.
pub const SETUP_TITLE: &str = "Set up";
pub const SETUP_PANEL: &str = "Length and topics";
pub const LENGTH_LABEL: &str = "Length";
pub const SETUP_TOPICS: &str = "Topics";
pub const SETUP_COLUMNS: [&str; 4] = ["right", "answers", "recall", "questions"];
pub const SETUP_START: &str = "Start the drill";
pub const SETUP_WEAK: &str = "weak";

/// "15 minutes", "10 questions": a drill's length.
pub fn drill_length(by_count: bool, n: usize) -> String {
    match (by_count, n) {
        (true, 1) => "1 question".to_owned(),
        (true, n) => format!("{n} questions"),
        (false, 1) => "1 minute".to_owned(),
        (false, n) => format!("{n} minutes"),
    }
}

/// What Tab switches the length to.
pub fn switch_length(by_count: bool) -> &'static str {
    if by_count { "(m: by minutes instead)" } else { "(m: by question count instead)" }
}

/// The set-up's summary line: "Enter starts 15 minutes on your 3 weakest topics."
pub fn setup_summary(length: &str, topics: &[String], weakest: bool, all: usize) -> String {
    let on = match topics {
        [] => format!("all {all} topics, weighted toward your weakest"),
        [one] if weakest => format!("your weakest topic, {one}"),
        _ if weakest => format!("your {} weakest topics", topics.len()),
        [one] => format!("1 topic, {one}"),
        many => format!("{} topics you chose", many.len()),
    };
    format!("Enter starts {length} on {on}.")
}

pub fn review_row(due: usize, new: usize) -> String {
    format!("{REVIEW} ({due} due · {new} new)")
}

pub const CHOOSE_TITLE: &str = "choose what to practise";
pub const UNFINISHED_TITLE: &str = "unfinished quiz";
pub const FORECAST_TITLE: &str = "Reviews due, next 7 days";
pub const ACCURACY_TITLE: &str = "Accuracy by week (%)";
pub const TODAY: &str = "now";
pub const WEAK_TOPICS_HEADING: &str = "Weak topics: d drills them, 1-3 opens a topic's lesson";
pub const MODULES_HEADING: &str = "Progress by module";

/// A weak topic's lesson: "lesson 3. Cold starts".
pub fn lesson_ref(order: impl std::fmt::Display, title: &str) -> String {
    format!("lesson {order}. {title}")
}
pub const CONTINUE_IT: &str = "Continue it";
pub const START_NEW: &str = "Start new (the unfinished quiz is discarded)";
pub const CANCEL: &str = "Cancel";

/// Asked before a new quiz replaces the saved one.
pub fn unfinished_quiz(description: &str) -> String {
    format!("You have an unfinished quiz ({description}).")
}
pub const PACKS_AND_TOPICS: &str = "Packs and topics";
pub const PACKS: &str = "Packs";
pub const TOPICS: &str = "Topics";
pub const ALL_QUESTIONS: &str = "All questions";
pub const NOTHING_SELECTED: &str = "Nothing selected: the highlighted row is used. Several may be selected.";

pub fn per_quiz(count: Option<usize>) -> String {
    match count {
        Some(n) => format!("{n} questions per quiz"),
        None => "all questions per quiz".to_owned(),
    }
}

pub fn selection(packs: usize, topics: usize, available: usize, asked: usize) -> String {
    let packs = match packs {
        0 => "all packs".to_owned(),
        1 => "1 pack".to_owned(),
        n => format!("{n} packs"),
    };
    let topics = match topics {
        0 => "all topics".to_owned(),
        1 => "1 topic".to_owned(),
        n => format!("{n} topics"),
    };
    format!("Selected: {packs}, {topics}: {available} questions, {asked} asked.")
}

pub const DO_SINGLE: &str = "Choose one answer.";
pub const DO_TRUE_FALSE: &str = "True or false?";
pub const DO_MULTIPLE: &str = "Choose every right answer, then submit.";
pub const DO_SHORT: &str = "Type your answer.";
pub const DO_ORDER: &str = "Put the items in the right order, first at the top.";
pub const DO_MATCH: &str = "Pair each item on the left with one on the right.";
pub const DO_CARD: &str = "Recall the answer, then reveal it.";
pub const DO_CARD_ALOUD: &str = "Answer aloud, as in an interview, then reveal the model answer.";
pub const DO_GRADE: &str = "How well did you recall it? Grade yourself.";
pub const CARD_THINK: &str = "Think of your answer first: the model answer is shown when you reveal it.";
pub const CARD_ALOUD: &str = "Say your answer out loud, as you would to an interviewer, then reveal the model answer.";

pub fn do_numeric(unit: Option<&str>) -> String {
    match unit {
        Some(u) => format!("Type a number, in {u}."),
        None => "Type a number.".to_owned(),
    }
}

pub fn do_predict(metric: &str, scenario: &str, tolerance: &str) -> String {
    format!("Predict {metric} of the scenario {scenario} (within {tolerance}%).")
}

pub const YOUR_ANSWER: &str = "Your answer:";
pub const YOUR_PICK: &str = "your answer";
pub const MISSED: &str = "missed";
pub const WRONG_PICK: &str = "wrong pick";
pub const RIGHT_PARTNER: &str = "right";
pub const MATCH_LEFT: &str = "Items";
pub const MATCH_RIGHT: &str = "Partners";
pub const MODEL_ANSWER: &str = "Model answer";
pub const TRUE: &str = "True";
pub const FALSE: &str = "False";
pub const ANSWER: &str = "Answer:";
pub const LESSON_LINK: &str = "From the lesson:";
pub const CORRECT: &str = "Correct";
pub const INCORRECT: &str = "Incorrect";
pub const RECALLED: &str = "Recalled";
pub const NOT_RECALLED: &str = "Not recalled";
pub const YOU_SAID: &str = "you said";
pub const NEXT_REVIEW: &str = "next review";
pub const NO_MORE_HINTS: &str = "No more hints for this question.";
pub const NO_LESSON_LINK: &str = "This question names no lesson of this course.";
pub const NOTHING_TO_RETRY: &str = "Nothing to retry: every answer was right.";

pub fn hint_heading(n: usize, total: usize) -> String {
    format!("Hint {n} of {total}")
}

pub fn about_choice(choice: &str) -> String {
    format!("About “{choice}”:")
}

pub fn parts_right(right: usize, of: usize) -> String {
    format!("{right} of {of} right")
}

pub fn positions_right(right: &[String], of: usize) -> String {
    if right.is_empty() {
        format!("No item was in its place (of {of}).")
    } else {
        format!("In the right place: {} (of {of}).", right.join(", "))
    }
}

pub fn off_by(amount: &str, too_high: bool) -> String {
    format!("You were {amount} too {}.", if too_high { "high" } else { "low" })
}

pub fn predict_off(error_pct: Option<String>, tolerance: &str) -> String {
    match error_pct {
        Some(e) => format!("You were {e}% off; within {tolerance}% counts."),
        None => format!("You were off; within {tolerance}% counts."),
    }
}

pub fn seconds(s: f64) -> String {
    if s < 10.0 { format!("{s:.1} s") } else { format!("{s:.0} s") }
}

pub fn hints_used(n: usize) -> String {
    if n == 1 { "1 hint".to_owned() } else { format!("{n} hints") }
}

pub fn due_and_new(due: usize, new: usize) -> String {
    format!("{due} due, {new} new")
}

pub fn score_line(correct: usize, total: usize, pct: usize) -> String {
    format!("Score: {correct}/{total} ({pct}%)")
}

pub fn per_question(seconds: f64) -> String {
    format!("{seconds:.1} s per question")
}

pub fn questions(n: usize) -> String {
    if n == 1 { "1 question".to_owned() } else { format!("{n} questions") }
}

pub const BY_TOPIC: &str = "By topic";
pub const BEFORE: &str = "before";
pub const TIME_PER_QUESTION: &str = "Time per question";
pub const MISSED_HEADING: &str = "Missed";
pub const TIME_UP: &str = "Time is up.";
pub const DRILL_ENDED_EARLY: &str = "Drill ended early.";
pub const DRILL_DONE: &str = "Drill done: every question answered.";
pub const ALL_DONE: &str = "Done.";

pub fn missed_to_retry(n: usize) -> String {
    format!("Done. {} to retry.", questions(n))
}

pub fn cannot_start(why: &str) -> String {
    format!("Cannot start: {why}.")
}

pub const NO_QUIZ_TO_CONTINUE: &str = "There is no unfinished quiz to continue.";
pub const NOTHING_TO_RESUME: &str = "no unfinished quiz to continue (`lambda-tutor quiz` starts one)";
pub const QUIZ_KEPT: &str = "Cancelled: your unfinished quiz is kept (`lambda-tutor quiz --resume` continues it).";
pub const TYPE_C_N_OR_Q: &str = "Type c, n or q.";

/// Plain mode, a terminal on stdin: what to do with the unfinished quiz.
pub fn unfinished_question(title: &str, answered: usize, total: usize) -> String {
    format!(
        "An unfinished quiz: {title} ({answered} of {total} answered). \
         c = continue it, n = start the new one, q = cancel"
    )
}

/// Plain mode in a script: the unfinished quiz is kept, and how to say.
pub fn unfinished_refused(title: &str, answered: usize, total: usize) -> String {
    format!(
        "an unfinished quiz ({title}, {answered} of {total} answered) is kept: \
         pass --resume to continue it, or --new to replace it with this quiz"
    )
}
pub const RESUME_UNREADABLE: &str =
    "The unfinished quiz was saved by another version of lambda-tutor and cannot be continued; start a new one.";
pub const RESUME_NO_QUESTIONS: &str = "The unfinished quiz's questions are not installed now: if its pack came \
from a file, start lambda-tutor with --pack FILE to continue it, or start a new quiz.";
pub const RESUME_FINISHED: &str = "That quiz was already finished.";
pub const REVIEW_NEEDS_PROGRESS: &str = "Progress is not being kept, so there is nothing to review.";

pub const NO_PROGRESS: &str = "No progress yet: open a lesson or take a quiz to start.";
pub const PROGRESS_HEADING: &str = "Progress";
pub const LESSONS_LABEL: &str = "Lessons";
pub const ANSWERS_LABEL: &str = "Answers";
pub const STREAK_LABEL: &str = "Study streak";
pub const DUE_LABEL: &str = "Reviews due";
pub const LAST_STUDIED_LABEL: &str = "Last studied";
pub const ACCURACY_BY_TOPIC: &str = "Accuracy by topic";
pub const TOPIC_COLUMNS: [&str; 3] = ["right", "answers", "recent"];
pub const DRILLS_HEADING: &str = "Drills (latest first)";
pub const NOT_FINISHED: &str = "  (not finished)";
pub const NO_FINISHED_DRILL: &str = "No drill finished yet.";

pub fn lessons_completed(done: usize, total: usize) -> String {
    format!("{done} of {total} completed")
}

pub fn right_pct(accuracy: f64) -> String {
    format!("{:.0}% right", accuracy * 100.0)
}

pub fn streak(current: u32, longest: u32, today: bool) -> String {
    let days = |n: u32| if n == 1 { "1 day".to_owned() } else { format!("{n} days") };
    format!("{} (longest {}){}", days(current), days(longest), if today { ", studied today" } else { "" })
}

pub fn due_of(due: usize, cards: usize) -> String {
    format!("{due} due ({} scheduled)", questions(cards))
}

pub fn drill_trend(last: f64, previous: Option<f64>, delta: Option<f64>, compared: usize) -> String {
    let last = format!("{:.0}%", last * 100.0);
    match (previous, delta) {
        (Some(p), Some(d)) => {
            let points = (d * 100.0).round() as i64;
            let change = match points {
                0 => "level with".to_owned(),
                p if p > 0 => format!("up {p} points on"),
                p => format!("down {} points on", -p),
            };
            let drills = if compared == 1 { "the drill".to_owned() } else { format!("the {compared} drills") };
            format!("Trend: last drill {last}, {change} {drills} before ({:.0}%).", p * 100.0)
        }
        _ => format!("Trend: last drill {last}; the next one will be compared with it."),
    }
}
