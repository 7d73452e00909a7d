//! Stepping (`.`): advance to the next thing that happens and say what it
//! was — which source, which request, what became of it, and when. The
//! engine's own `--trace` records are the account, kept only around the
//! step, so the words cannot disagree with `simulate --trace`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::format;
use super::narration::wrap;
use crate::sim::observe::{TraceKind, TraceRecord};
use crate::sim::{Engine, Scenario};
use crate::tui::strings;
use crate::tui::theme::Theme;

/// Queue events that leave no record (the scaler's and pollers' clocks,
/// the per-second samples) are stepped through, up to this many at once.
const QUIET_STEPS: u32 = 100_000;

/// What one step went over.
#[derive(Debug, Clone, PartialEq)]
pub struct Stepped {
    /// The simulated time it happened.
    pub at_us: u64,
    /// One phrase per record, in order.
    pub what: Vec<String>,
}

/// Advance `engine` to its next recorded event and describe it; `None`
/// once the run is over.
pub fn step(engine: &mut Engine, scenario: &Scenario) -> Option<Stepped> {
    engine.set_tracing(true);
    let mut records = Vec::new();
    for _ in 0..QUIET_STEPS {
        if !engine.step() {
            break;
        }
        records = engine.take_trace();
        if !records.is_empty() {
            break;
        }
    }
    engine.set_tracing(false);
    let first = records.first()?;
    let at_us = (first.t_ms * 1000.0).round() as u64;
    Some(Stepped { at_us, what: records.iter().map(|r| describe(r, scenario)).collect() })
}

fn source(scenario: &Scenario, i: usize) -> String {
    let label = scenario.sources.get(i).map_or("?", |s| s.kind.label());
    if scenario.sources.len() > 1 { strings::sim_step_source_n(label, i + 1) } else { label.to_owned() }
}

fn words(id: &str) -> String {
    id.replace(['-', '_'], " ")
}

/// Trace ids of outcomes and destinations, as a sentence says them.
fn said(id: &str) -> String {
    match id {
        "success" => strings::SIM_STEP_SUCCEEDED.to_owned(),
        "error" => strings::SIM_STEP_FAILED.to_owned(),
        "timeout" => strings::SIM_STEP_TIMED_OUT.to_owned(),
        "dlq" => strings::SIM_DEST_DLQ_NAME.to_owned(),
        "queue-dlq" => strings::SIM_DEST_QUEUE_DLQ_NAME.to_owned(),
        "on-failure" => strings::SIM_DEST_ON_FAILURE_NAME.to_owned(),
        other => words(other),
    }
}

/// One trace record as a phrase.
pub fn describe(r: &TraceRecord, scenario: &Scenario) -> String {
    let ms = |x: f64| format::millis(x);
    match &r.what {
        TraceKind::Arrival { event, source: s, .. } => strings::sim_step_arrival(&source(scenario, *s), *event),
        TraceKind::Throttle { source: s, event, reason, .. } => {
            strings::sim_step_throttle(&source(scenario, *s), *event, &words(reason))
        }
        TraceKind::InitStart { env, invocation } => strings::sim_step_init_start(*env, *invocation),
        TraceKind::InitEnd { env, init_ms, .. } => strings::sim_step_init_end(*env, &ms(*init_ms)),
        TraceKind::InvokeStart { env, invocation, source: s, events, cold, retry } => {
            let how = match (cold, retry) {
                (true, true) => strings::SIM_STEP_COLD_RETRY,
                (true, false) => strings::SIM_STEP_COLD,
                (false, true) => strings::SIM_STEP_WARM_RETRY,
                (false, false) => strings::SIM_STEP_WARM,
            };
            let carried = match events.as_slice() {
                [one] => strings::sim_step_event(*one),
                many => strings::sim_step_events(&format::thousands(many.len() as u64)),
            };
            strings::sim_step_invoke_start(*invocation, &source(scenario, *s), &carried, *env, how)
        }
        TraceKind::InvokeEnd { env, invocation, outcome, duration_ms, billed_ms, .. } => {
            strings::sim_step_invoke_end(*invocation, *env, &said(outcome), &ms(*duration_ms), *billed_ms)
        }
        TraceKind::Retry { event, attempt, at_ms, .. } => {
            strings::sim_step_retry(*event, *attempt, &format::clock(ms_to_us(*at_ms), false, true))
        }
        TraceKind::Expiry { env, reason } => strings::sim_step_expiry(*env, &words(reason)),
        TraceKind::DeadLetter { event, destination, .. } => strings::sim_step_dead_letter(*event, &said(destination)),
        TraceKind::Drop { event, reason, .. } => strings::sim_step_drop(*event, &words(reason)),
    }
}

fn ms_to_us(ms: f64) -> u64 {
    (ms.max(0.0) * 1000.0).round() as u64
}

impl Stepped {
    /// The lines at `width`: the time, then the phrases joined by arrows.
    pub fn lines(&self, width: usize, long: bool) -> Vec<String> {
        let head = strings::sim_step_head(&format::clock(self.at_us, long, true));
        let text = format!("{head} {}", self.what.join(" → "));
        wrap(&text, width.max(8))
    }
}

/// The stepped event, if any, at the top of `area` (the narration pane),
/// highlighted, in at most half of it; returns the rest of the area.
pub fn render_above(stepped: Option<&Stepped>, area: Rect, buf: &mut Buffer, theme: &Theme, long: bool) -> Rect {
    let Some(stepped) = stepped else { return area };
    let lines = stepped.lines(usize::from(area.width), long);
    let h = (lines.len() as u16).min(area.height.div_ceil(2));
    let rect = Rect { height: h, ..area };
    Clear.render(rect, buf);
    let lines: Vec<Line<'_>> = lines.into_iter().map(|l| Line::from(Span::styled(l, theme.selected))).collect();
    Paragraph::new(lines).style(theme.selected).render(rect, buf);
    Rect { y: area.y + h, height: area.height - h, ..area }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{self, Options};

    fn engine(id: &str) -> (Engine, Scenario) {
        let s = sim::load_preset(id, &[]).expect("preset").scenario;
        (Engine::with_options(&s, s.seed, Options { trace: false, observe: true }), s)
    }

    #[test]
    fn a_step_names_the_source_the_request_and_what_happened() {
        let (mut e, s) = engine("runtime-cold-starts");
        let first = step(&mut e, &s).expect("a first event");
        assert_eq!(first.at_us, 1_000_000, "the burst arrives at 1 s");
        assert_eq!(e.now_us(), first.at_us, "the clock is at the event");
        let text = first.what.join(" → ");
        assert!(text.contains("API Gateway") && text.contains("#0"), "{text}");
        assert!(text.contains("cold start"), "{text}");
        // Later, an invocation ends: its outcome and duration are told.
        let mut seen_end = false;
        for _ in 0..2000 {
            let Some(st) = step(&mut e, &s) else { break };
            if st.what.iter().any(|w| w.contains("succeeded after")) {
                seen_end = true;
                break;
            }
        }
        assert!(seen_end);
        assert!(e.take_trace().is_empty(), "no trace kept between steps");
    }

    #[test]
    fn throttles_and_the_clock_are_shown() {
        let (mut e, s) = engine("reserved-zero");
        let st = step(&mut e, &s).expect("an event");
        let text = st.what.join(" ");
        assert!(text.contains("throttled"), "{text}");
        let lines = st.lines(40, false);
        assert!(lines[0].starts_with(&strings::sim_step_head(&format::clock(st.at_us, false, true))), "{lines:?}");
        assert!(lines.iter().all(|l| crate::text::width(l) <= 40));
    }
}
