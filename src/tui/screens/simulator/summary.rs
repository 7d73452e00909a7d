//! The summary shown when a run finishes: the figures of `simulate`, and
//! the scenario's own suggestion of what to try next.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::format::{self, thousands};
use super::narration::wrap;
use crate::sim::{Scenario, Summary};
use crate::tui::strings;
use crate::tui::theme::Theme;
use crate::tui::widgets;

/// (label, value) rows.
pub fn rows(s: &Summary, scenario: &Scenario) -> Vec<(&'static str, String)> {
    let inv = &s.invocations;
    let o = &s.event_outcomes;
    let sources: Vec<&str> = scenario.sources.iter().map(|x| x.kind.label()).collect();
    let limit = scenario.function.reserved_concurrency.unwrap_or(scenario.account.concurrency_limit);
    let mut rows = vec![
        ("events", format!("{} from {}", thousands(s.events), sources.join(", "))),
        (
            "invocations",
            format!(
                "{} · {} retries · {} failed · {} timed out",
                thousands(inv.total),
                thousands(inv.retried),
                thousands(inv.failed),
                thousands(inv.timed_out)
            ),
        ),
        (
            "throttled",
            format!(
                "{} (concurrency {} · scaling rate {} · reserved 0: {})",
                thousands(inv.throttled),
                thousands(s.throttle_reasons.concurrency),
                thousands(s.throttle_reasons.scaling_rate),
                thousands(s.throttle_reasons.reserved_zero)
            ),
        ),
        (
            "outcomes",
            format!(
                "{} ok · {} failed · {} rejected (throttled) · {} dead-lettered · {} dropped",
                thousands(o.succeeded),
                thousands(o.failed + o.timed_out),
                thousands(o.rejected),
                thousands(o.dead_lettered),
                thousands(o.dropped)
            ),
        ),
        (
            "cold starts",
            format!(
                "{} ({:.1}%) · Init {} on {}",
                thousands(s.cold_starts),
                s.cold_start_ratio * 100.0,
                format::millis(s.function.init_ms),
                crate::text::sanitize(&s.function.runtime)
            ),
        ),
        (
            "environments",
            format!(
                "{} created · peak {} · average {:.1}",
                thousands(s.environments.created),
                thousands(u64::from(s.environments.peak)),
                s.environments.average
            ),
        ),
        (
            "concurrency",
            format!(
                "peak {} · average {:.1} of {}",
                s.concurrency.peak,
                s.concurrency.average,
                thousands(u64::from(limit))
            ),
        ),
        (
            "latency",
            format!(
                "p50 {} · p90 {} · p99 {} · max {}",
                format::millis(s.latency_ms.p50),
                format::millis(s.latency_ms.p90),
                format::millis(s.latency_ms.p99),
                format::millis(s.latency_ms.max)
            ),
        ),
        (
            "cost",
            format!(
                "{} = requests {} + compute {} + provisioned {} ({:.1} GB-s)",
                format::dollars(s.cost_usd.total),
                format::dollars(s.cost_usd.requests),
                format::dollars(s.cost_usd.compute),
                format::dollars(s.cost_usd.provisioned),
                s.billed_gb_s
            ),
        ),
    ];
    if s.stopped_early {
        rows.push(("note", strings::SIM_STOPPED_EARLY.to_owned()));
    }
    rows
}

/// The description's "Then try …" (or "Then compare …") paragraph, plain.
pub fn then_try(description: &str) -> Option<String> {
    description
        .split("\n\n")
        .map(str::trim)
        .find(|p| p.starts_with("**Then"))
        .map(|p| crate::text::sanitize(&p.replace("**", "")).into_owned())
}

/// The popup over the visualizer.
pub fn render(area: Rect, buf: &mut Buffer, theme: &Theme, s: &Summary, scenario: &Scenario, title: &str) {
    let width = area.width.saturating_sub(4).min(100);
    let rows = rows(s, scenario);
    let label_w = rows.iter().map(|(l, _)| l.len()).max().unwrap_or(0) + 2;
    let text_w = usize::from(width.saturating_sub(2)).saturating_sub(label_w).max(10);
    let mut lines: Vec<Line<'_>> = Vec::new();
    for (label, value) in rows {
        for (i, row) in wrap(&value, text_w).into_iter().enumerate() {
            let head = if i == 0 { format!("{label:<label_w$}") } else { " ".repeat(label_w) };
            lines.push(Line::from(vec![Span::styled(head, theme.dim), Span::raw(row)]));
        }
    }
    if let Some(next) = then_try(&scenario.description) {
        lines.push(Line::default());
        for row in wrap(&next, usize::from(width.saturating_sub(2))) {
            lines.push(Line::from(Span::styled(row, theme.accent)));
        }
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(strings::SIM_SUMMARY_HINT, theme.key)));
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = area.centered(ratatui::layout::Constraint::Length(width), ratatui::layout::Constraint::Length(height));
    let inner = widgets::popup(popup, buf, theme, title);
    Paragraph::new(lines).render(inner, buf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim;

    #[test]
    fn the_next_step_comes_from_the_description() {
        let loaded = sim::load_preset("keep-alive-cliff", &[]).expect("preset");
        let next = then_try(&loaded.scenario.description).expect("a Then try paragraph");
        assert!(next.starts_with("Then try more frequent calls"), "{next}");
        assert!(next.contains("press `o` and type `sources.0.arrival.every_s=300`"), "{next}");
        let summary = sim::simulate_preset("keep-alive-cliff").expect("runs");
        let rows = rows(&summary, &loaded.scenario);
        assert!(rows.iter().any(|(l, v)| *l == "cold starts" && v.starts_with("8 (100.0%)")), "{rows:?}");
    }
}
