//! The flow diagram: event sources on the left with events moving along
//! their arrows, the Lambda service in the middle with its concurrency
//! gauge and throttle counter, where events end up on the right.
//!
//! ```text
//! API Gateway   ─•──•──•─▶ ╭ Lambda ─────────────────╮ ─▶ ✓ 43,046 responses
//! sync · 4,000/s           │ ██████████▌░░ 812/1,000 │ ─▶ ✗ 6,850 429s
//!                          │      ▲ 20 provisioned   │
//!                          │ throttled 6,850         │
//!                          ╰─────────────────────────╯
//! ```
//!
//! The events on an arrow are drawn from the source's arrival process at
//! the current simulated time: more glyphs for more arrivals in the last
//! moment (on a log scale), none when the source is quiet. They move one
//! cell every other tick, so a paused run shows a still picture.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{format, sentences};
use crate::sim::engine::{FleetView, NeighbourUse};
use crate::sim::scenario::{Arrival, InvocationType, OnFailure, Settings, SourceKind};
use crate::sim::{ConcurrencyView, QueueView, Scenario, Summary};
use crate::tui::strings;
use crate::tui::theme::{SimRole, Theme};

/// What the diagram shows at one moment.
#[derive(Debug, Clone, Copy)]
pub struct FlowView<'a> {
    pub scenario: &'a Scenario,
    pub summary: &'a Summary,
    pub concurrency: ConcurrencyView,
    pub queues: &'a [QueueView],
    pub now_us: u64,
    /// The animation frame (ticks while playing).
    pub anim: u64,
    /// Simulated seconds that count as "recent" for the moving events.
    pub window_s: f64,
    /// Managed Instances: the environments and instances now.
    pub fleet: Option<&'a FleetView>,
    /// The account's other functions and the concurrency each holds now.
    pub neighbours: &'a [NeighbourUse],
}

/// Arrivals per second of `arrival` at `t_s` (0 outside the emitting phase).
pub fn rate_at(arrival: &Arrival, t_s: f64, duration_s: f64) -> f64 {
    if t_s >= duration_s || t_s < 0.0 {
        return 0.0;
    }
    match arrival {
        Arrival::Constant { rate_per_s } | Arrival::Poisson { rate_per_s } => *rate_per_s,
        Arrival::Step { steps, .. } => steps.iter().rev().find(|(t, _)| *t <= t_s).map_or(0.0, |s| s.1),
        Arrival::Burst { count, at_s, over_s } => {
            if *over_s > 0.0 && t_s >= *at_s && t_s < at_s + over_s {
                *count as f64 / over_s
            } else {
                0.0
            }
        }
        Arrival::Schedule { every_s } => 1.0 / every_s.max(1e-9),
        Arrival::Trace { times_s, .. } => {
            let from = times_s.partition_point(|&t| t < t_s - 1.0);
            let to = times_s.partition_point(|&t| t <= t_s);
            (to - from) as f64
        }
    }
}

/// About how many events `arrival` emitted in `(t_s - window_s, t_s]`.
pub fn recent_arrivals(arrival: &Arrival, t_s: f64, window_s: f64, duration_s: f64) -> f64 {
    let from = (t_s - window_s).max(0.0);
    let to = t_s.min(duration_s);
    // Nothing emitted once the window lies wholly after the emitting phase.
    if to < from || (to <= from && t_s > 0.0) {
        return 0.0;
    }
    match arrival {
        Arrival::Constant { rate_per_s } | Arrival::Poisson { rate_per_s } => rate_per_s * (to - from),
        Arrival::Step { .. } => rate_at(arrival, to.min(duration_s - 1e-9), duration_s) * (to - from),
        Arrival::Burst { count, at_s, over_s } => {
            if *over_s > 0.0 {
                let overlap = (to.min(at_s + over_s) - from.max(*at_s)).max(0.0);
                *count as f64 * overlap / over_s
            } else if *at_s >= from && *at_s <= to {
                *count as f64
            } else {
                0.0
            }
        }
        Arrival::Schedule { every_s } => {
            let every = every_s.max(1e-9);
            // Multiples of every_s in [from, to].
            ((to / every).floor() - (from / every).ceil() + 1.0).max(0.0)
        }
        Arrival::Trace { times_s, .. } => {
            (times_s.partition_point(|&t| t <= to) - times_s.partition_point(|&t| t < from)) as f64
        }
    }
}

/// Glyphs on an arrow for this many recent arrivals.
pub fn glyphs_for(recent: f64, room: usize) -> usize {
    if recent <= 0.0 || room == 0 {
        return 0;
    }
    let n = ((recent + 1.0).log10() * 1.5).ceil().max(1.0) as usize;
    n.min(room.div_ceil(2))
}

fn put(buf: &mut Buffer, x: u16, y: u16, text: &str, style: Style, max: u16, area: Rect) {
    if y >= area.bottom() || x >= area.right() {
        return;
    }
    let room = (area.right() - x).min(max);
    buf.set_stringn(x, y, text, usize::from(room), style);
}

fn type_label(t: InvocationType) -> &'static str {
    match t {
        InvocationType::Synchronous => strings::SIM_SYNC,
        InvocationType::Asynchronous => strings::SIM_ASYNC,
        InvocationType::EventSourceMapping => strings::SIM_POLLED,
    }
}

/// The first of `candidates` (longest first) that fits in `width` columns.
fn fitting(candidates: Vec<String>, width: usize) -> String {
    let last = candidates.last().cloned().unwrap_or_default();
    candidates.into_iter().find(|c| crate::text::width(c) <= width).unwrap_or(last)
}

/// The queue state shown under a source, if it has one: the text (as long
/// as fits) and whether work is waiting.
fn queue_line(q: &QueueView, width: usize) -> Option<(String, bool)> {
    let n = |x: u64| format::thousands(x);
    match q {
        QueueView::Sync { .. } => None,
        QueueView::Async { waiting_after_error, waiting_after_throttle, .. } => {
            let waiting = n(waiting_after_error + waiting_after_throttle);
            let text =
                fitting(vec![strings::sim_async_waiting(&waiting), strings::sim_async_waiting_short(&waiting)], width);
            Some((text, *waiting_after_throttle > 0))
        }
        QueueView::Sqs { backlog, pollers, .. } => {
            let text = fitting(
                vec![
                    strings::sim_sqs_backlog(&n(*backlog), Some(*pollers)),
                    strings::sim_sqs_backlog(&n(*backlog), None),
                ],
                width,
            );
            Some((text, *backlog > 0))
        }
        QueueView::Stream { shards, .. } => {
            let blocked = shards.iter().filter(|s| s.blocked).count();
            let age = format::millis(shards.iter().map(|s| s.iterator_age_ms).fold(0.0, f64::max));
            let backlog = n(shards.iter().map(|s| s.backlog).sum());
            let text = fitting(
                vec![
                    strings::sim_stream_state(blocked, shards.len(), &backlog, &age),
                    strings::sim_stream_state_short(blocked, &backlog, &age),
                ],
                width,
            );
            Some((text, blocked > 0))
        }
    }
}

/// Draw the diagram in `area` (inside its panel's border).
pub fn render(area: Rect, buf: &mut Buffer, theme: &Theme, v: &FlowView<'_>) {
    if area.width < 30 || area.height < 3 {
        return;
    }
    let w = area.width;
    let src_w = (w * 24 / 100).clamp(15, 24);
    let box_w = (w * 42 / 100).clamp(26, 34);
    let out_w: u16 = 3;
    let arrow_w = w.saturating_sub(src_w + box_w + out_w + 18).clamp(4, 14);
    let box_x = area.x + src_w + arrow_w;
    let box_w = box_w.min(area.right().saturating_sub(box_x));
    let box_h = area.height.min(7);
    let t_s = v.now_us as f64 / 1e6;
    render_sources(area, buf, theme, v, src_w, arrow_w, t_s);
    render_lambda(Rect { x: box_x, y: area.y, width: box_w, height: box_h }, buf, theme, v);
    let dest_x = box_x + box_w;
    render_destinations(
        Rect { x: dest_x, y: area.y, width: area.right().saturating_sub(dest_x), height: area.height },
        buf,
        theme,
        v,
    );
}

fn render_sources(area: Rect, buf: &mut Buffer, theme: &Theme, v: &FlowView<'_>, src_w: u16, arrow_w: u16, t_s: f64) {
    let rows_each: u16 = if area.height > 3 * v.scenario.sources.len() as u16 { 3 } else { 2 };
    let fits = usize::from(area.height.saturating_sub(1) / rows_each).max(1);
    let shown = v.scenario.sources.len().min(fits);
    for (i, source) in v.scenario.sources.iter().take(shown).enumerate() {
        let y = area.y + 1 + i as u16 * rows_each;
        if y >= area.bottom() {
            break;
        }
        let kind = source.kind;
        // The kind and its invocation type ("SQS · polled"), as fits.
        let label_room = (src_w + arrow_w).saturating_sub(4);
        let typed = format!("{} · {}", kind.label(), type_label(kind.invocation_type()));
        let label = fitting(vec![typed, kind.label().to_owned()], usize::from(label_room));
        put(buf, area.x, y, &label, theme.title, label_room, area);
        // A long name pushes the arrow's start to the right.
        let name_end = area.x + (crate::text::width(&label) as u16 + 1).max(src_w);
        let rate = rate_at(&source.arrival, t_s, v.scenario.duration_s);
        let what = match &source.arrival {
            _ if t_s >= v.scenario.duration_s => strings::SIM_SOURCE_DONE.to_owned(),
            Arrival::Burst { count, .. } if rate == 0.0 => strings::sim_burst(&format::thousands(*count)),
            _ => format::rate(rate),
        };
        let room = src_w + arrow_w - 1;
        put(buf, area.x, y + 1, &what, theme.dim, room, area);
        if rows_each == 3
            && let Some(q) = v.queues.get(i)
            && let Some((text, busy)) = queue_line(q, usize::from(room))
        {
            let style = if busy { theme.sim(SimRole::Refused) } else { theme.dim };
            put(buf, area.x, y + 2, &text, style, src_w + arrow_w - 1, area);
        }
        // The arrow, with events moving along it.
        let ax = name_end.min(area.x + (src_w + arrow_w).saturating_sub(3));
        let len = usize::from((area.x + src_w + arrow_w).saturating_sub(ax + 2)).max(1);
        let recent = recent_arrivals(&source.arrival, t_s, v.window_s, v.scenario.duration_s);
        let n = glyphs_for(recent, len);
        let mut cells = vec![false; len];
        if len > 0 {
            let phase = (v.anim / 2) as usize;
            for k in 0..n {
                cells[(phase + k * len / n.max(1)) % len] = true;
            }
        }
        for (j, on) in cells.iter().enumerate() {
            let (g, style) = if *on { ("•", theme.sim(SimRole::Event)) } else { ("─", theme.dim) };
            put(buf, ax + j as u16, y, g, style, 1, area);
        }
        put(buf, ax + len as u16, y, "▶", theme.dim, 1, area);
    }
    if shown < v.scenario.sources.len() {
        let y = area.y + 1 + shown as u16 * rows_each;
        let more = strings::sim_more_sources(v.scenario.sources.len() - shown);
        put(buf, area.x, y.min(area.bottom().saturating_sub(1)), &more, theme.dim, src_w, area);
    }
}

/// A bar of `width` cells filled to `fraction`, with eighths.
pub fn gauge(fraction: f64, width: usize) -> String {
    const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    let f = fraction.clamp(0.0, 1.0) * width as f64;
    let full = f.floor() as usize;
    let part = ((f - full as f64) * 8.0).floor() as usize;
    let mut s = "█".repeat(full);
    let mut used = full;
    if used < width && part > 0 {
        s.push_str(EIGHTHS[part]);
        used += 1;
    }
    s.push_str(&"░".repeat(width - used));
    s
}

fn render_lambda(area: Rect, buf: &mut Buffer, theme: &Theme, v: &FlowView<'_>) {
    use ratatui::widgets::{Block, BorderType, Borders, Widget};
    if area.width < 12 || area.height < 3 {
        return;
    }
    let f = &v.scenario.function;
    let title = format!(" Lambda · {} ", crate::text::sanitize(&f.runtime));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focus)
        .title(ratatui::text::Span::styled(title, theme.title));
    let inner = block.inner(area);
    block.render(area, buf);
    let c = v.concurrency;
    // On Managed Instances the account limit is not what caps the function:
    // the environments' request slots are.
    let (in_use, limit) = match v.fleet {
        Some(fl) => fl.capacity(),
        None => (c.in_use, c.limit),
    };
    let count = format!(" {}/{}", format::thousands(u64::from(in_use)), format::thousands(u64::from(limit)));
    let bar_w = usize::from(inner.width).saturating_sub(crate::text::width(&count) + 1).max(3);
    let fraction = if limit == 0 { 0.0 } else { f64::from(in_use) / f64::from(limit) };
    let full = in_use >= limit;
    let gauge_style = if full { theme.sim(SimRole::Refused) } else { theme.sim(SimRole::Gauge) };
    let gauge_row = (format!(" {}{count}", gauge(fraction, bar_w)), gauge_style);
    // Where provisioned concurrency ends on the gauge.
    let marks_row = (c.provisioned > 0 && c.limit > 0 && v.fleet.is_none()).then(|| {
        let at = (f64::from(c.provisioned) / f64::from(c.limit) * bar_w as f64).round() as usize;
        let at = at.clamp(1, bar_w);
        let label = format!(" {} {}", strings::SIM_PROVISIONED, format::thousands(u64::from(c.provisioned)));
        let text = if at + crate::text::width(&label) < usize::from(inner.width) {
            format!("{}▲{label}", " ".repeat(at))
        } else {
            format!("{}▲", " ".repeat(at))
        };
        (text, theme.accent)
    });
    let throttled = v.summary.invocations.throttled;
    let throttle_row = (
        format!(" {} {}", strings::SIM_THROTTLED, format::thousands(throttled)),
        if throttled > 0 { theme.sim(SimRole::Refused) } else { theme.dim },
    );
    let cap = if c.reserved.is_some() { strings::SIM_RESERVED } else { strings::SIM_ACCOUNT };
    let mut limit_row = (format!(" {cap} {}", format::thousands(u64::from(c.limit))), theme.dim);
    let mut scale_row = (
        format!(
            " {}",
            strings::sim_scaling(
                &format::thousands(u64::from(c.scaling_used)),
                &format::thousands(u64::from(c.scale_per_10s))
            )
        ),
        if c.scaling_used >= c.scale_per_10s { theme.sim(SimRole::Refused) } else { theme.dim },
    );
    let fn_row = (
        format!(" {} MB · {} {} s", format::thousands(u64::from(f.memory_mb)), strings::SIM_TIMEOUT, f.timeout_s),
        theme.dim,
    );
    if let Some(fl) = v.fleet {
        let per = fl.environments.first().map_or(0, |e| e.slots);
        let envs = format::thousands(fl.environments.len() as u64);
        limit_row = (format!(" {}", strings::sim_mi_capacity(&envs, per)), theme.dim);
        let min = v.scenario.function.managed.min_instances;
        scale_row = (format!(" {}", strings::sim_mi_instances(fl.instances, min)), theme.dim);
    }
    let neighbours_row = (!v.neighbours.is_empty()).then(|| {
        let used: u32 = v.neighbours.iter().map(|n| n.in_use).sum();
        let text = match v.neighbours {
            [one] => strings::sim_neighbour_one(&crate::text::sanitize(&one.name), &format::thousands(u64::from(used))),
            many => strings::sim_neighbours(many.len(), &format::thousands(u64::from(used))),
        };
        (format!(" {text}"), if used > 0 { theme.warn } else { theme.dim })
    });
    // The most telling rows first when the box is short.
    let mut rows = vec![gauge_row];
    if inner.height >= 4 {
        rows.extend(marks_row);
    }
    rows.extend(neighbours_row);
    rows.extend([throttle_row, limit_row, scale_row, fn_row]);
    for (i, (text, style)) in rows.into_iter().take(usize::from(inner.height)).enumerate() {
        put(buf, inner.x, inner.y + i as u16, &text, style, inner.width, inner);
    }
}

fn render_destinations(area: Rect, buf: &mut Buffer, theme: &Theme, v: &FlowView<'_>) {
    if area.width < 6 {
        return;
    }
    let s = v.summary;
    let o = &s.event_outcomes;
    let sources = &v.scenario.sources;
    let any_sync = sources.iter().any(|x| x.kind.invocation_type() == InvocationType::Synchronous);
    let all_sync = sources.iter().all(|x| x.kind.invocation_type() == InvocationType::Synchronous);
    let api_gateway_only = sources.iter().all(|x| x.kind == SourceKind::ApiGateway);
    let dlq_label = {
        let dlq = sources.iter().any(|x| matches!(x.settings, Settings::Async(a) if a.on_failure == OnFailure::Dlq));
        let dest = sources.iter().any(|x| match x.settings {
            Settings::Async(a) => a.on_failure == OnFailure::Destination,
            Settings::Stream(st) => st.on_failure == OnFailure::Destination,
            _ => false,
        });
        let queue_dlq = sources.iter().any(|x| matches!(x.settings, Settings::Sqs(q) if q.max_receive_count > 0));
        match (dlq, dest, queue_dlq) {
            (true, false, false) => Some(strings::SIM_DEST_DLQ),
            (false, true, false) => Some(strings::SIM_DEST_ON_FAILURE),
            (false, false, true) => Some(strings::SIM_DEST_QUEUE_DLQ),
            (false, false, false) => None,
            _ => Some(strings::SIM_DEST_DLQ_ANY),
        }
    };
    let errors = o.failed + o.timed_out;
    let mut rows: Vec<(String, String, Style)> = Vec::new();
    let ok_label = if all_sync { strings::SIM_DEST_RESPONSES } else { strings::SIM_DEST_SUCCEEDED };
    rows.push(("✓".into(), format!("{} {ok_label}", format::thousands(o.succeeded)), theme.good));
    if any_sync {
        rows.push((
            "✗".into(),
            format!("{} {}", format::thousands(o.rejected), sentences::refused_label(api_gateway_only)),
            refused(theme, o.rejected),
        ));
    }
    if errors > 0 || v.scenario.function.error_rate > 0.0 {
        rows.push((
            "✗".into(),
            format!("{} {}", format::thousands(errors), sentences::errors_label(api_gateway_only)),
            refused(theme, errors),
        ));
    }
    if o.gateway_timed_out > 0 {
        rows.push((
            "✗".into(),
            format!("{} {}", format::thousands(o.gateway_timed_out), sentences::GATEWAY_TIMEOUTS),
            refused(theme, o.gateway_timed_out),
        ));
    }
    if let Some(label) = dlq_label {
        rows.push((
            "✉".into(),
            format!("{} {label}", format::thousands(o.dead_lettered)),
            refused(theme, o.dead_lettered),
        ));
    }
    if o.dropped > 0 || !all_sync {
        rows.push((
            "∅".into(),
            format!("{} {}", format::thousands(o.dropped), strings::SIM_DEST_DROPPED),
            refused(theme, o.dropped),
        ));
    }
    if o.pending > 0 || !all_sync {
        rows.push(("…".into(), format!("{} {}", format::thousands(o.pending), strings::SIM_DEST_PENDING), theme.dim));
    }
    for (i, (mark, text, style)) in rows.into_iter().enumerate() {
        let y = area.y + 1 + i as u16;
        if y >= area.bottom() {
            break;
        }
        put(buf, area.x, y, "─▶ ", theme.dim, 3, area);
        put(buf, area.x + 3, y, &mark, style, 2, area);
        put(buf, area.x + 5, y, &text, style, area.width.saturating_sub(5), area);
    }
}

fn refused(theme: &Theme, n: u64) -> Style {
    if n > 0 { theme.sim(SimRole::Refused) } else { theme.dim }
}

#[cfg(test)]
#[allow(clippy::float_cmp, reason = "the rates and counts here are exact")]
mod tests {
    use super::*;

    #[test]
    fn rates_follow_the_arrival_process() {
        let step = Arrival::Step { steps: vec![(0.0, 200.0), (20.0, 4000.0), (30.0, 200.0)], poisson: true };
        assert_eq!(rate_at(&step, 25.0, 60.0), 4000.0);
        assert_eq!(rate_at(&step, 61.0, 60.0), 0.0, "sources stop at the duration");
        let burst = Arrival::Burst { count: 2000, at_s: 0.0, over_s: 2.0 };
        assert_eq!(rate_at(&burst, 1.0, 60.0), 1000.0);
        assert_eq!(recent_arrivals(&burst, 1.0, 1.0, 60.0), 1000.0);
        let schedule = Arrival::Schedule { every_s: 900.0 };
        assert_eq!(recent_arrivals(&schedule, 900.5, 1.0, 7200.0), 1.0);
        assert_eq!(recent_arrivals(&schedule, 950.0, 1.0, 7200.0), 0.0, "quiet between calls");
        let instant = Arrival::Burst { count: 200, at_s: 1.0, over_s: 0.0 };
        assert_eq!(recent_arrivals(&instant, 1.2, 1.0, 10.0), 200.0);
    }

    #[test]
    fn more_arrivals_more_glyphs_within_the_room() {
        assert_eq!(glyphs_for(0.0, 10), 0);
        assert_eq!(glyphs_for(0.2, 10), 1);
        assert!(glyphs_for(200.0, 10) < glyphs_for(4000.0, 10));
        assert_eq!(glyphs_for(1e9, 10), 5);
    }

    #[test]
    fn gauges_fill_in_eighths() {
        assert_eq!(gauge(0.0, 4), "░░░░");
        assert_eq!(gauge(1.0, 4), "████");
        assert_eq!(gauge(0.5625, 4), "██▎░");
        assert_eq!(gauge(7.0, 2), "██");
    }
}
