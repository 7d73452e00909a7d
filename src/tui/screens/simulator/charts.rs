//! Live charts over the per-second series: concurrency, cold starts,
//! throttles, latency p50/p99 and the running cost.
//!
//! The engine keeps one point per simulated second, which for a day-long
//! run is 86,400 points. The charts read only the points added since the
//! last frame into at most [`BUCKETS`] buckets, doubling the seconds per
//! bucket when they fill up, so each frame's work and the memory stay
//! bounded however long the run.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph, Sparkline, Widget};

use super::format;
use crate::sim::{SeriesPoint, Summary};
use crate::tui::strings;
use crate::tui::theme::{SimRole, Theme};

/// The most buckets kept.
pub const BUCKETS: usize = 256;

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Bucket {
    /// Highest concurrency in the bucket.
    pub concurrency: u32,
    pub cold_starts: u64,
    pub throttles: u64,
    /// Worst per-second latencies in the bucket (ms).
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// Cost so far at the end of the bucket.
    pub cost_usd: f64,
}

impl Bucket {
    fn add(&mut self, p: &SeriesPoint) {
        self.concurrency = self.concurrency.max(p.concurrency_peak);
        self.cold_starts += u64::from(p.cold_starts);
        self.throttles += u64::from(p.throttles);
        self.p50_ms = self.p50_ms.max(p.latency_p50_ms);
        self.p99_ms = self.p99_ms.max(p.latency_p99_ms);
        self.cost_usd = self.cost_usd.max(p.cost_usd);
    }

    fn merge(&mut self, o: &Bucket) {
        self.concurrency = self.concurrency.max(o.concurrency);
        self.cold_starts += o.cold_starts;
        self.throttles += o.throttles;
        self.p50_ms = self.p50_ms.max(o.p50_ms);
        self.p99_ms = self.p99_ms.max(o.p99_ms);
        self.cost_usd = self.cost_usd.max(o.cost_usd);
    }
}

#[derive(Debug, Clone)]
pub struct SeriesCache {
    buckets: Vec<Bucket>,
    /// Simulated seconds per bucket.
    pub seconds: u64,
    /// Points of the engine's series already read.
    consumed: usize,
    /// The last point read (for "now" figures).
    pub last: Option<SeriesPoint>,
}

impl Default for SeriesCache {
    fn default() -> Self {
        Self { buckets: Vec::new(), seconds: 1, consumed: 0, last: None }
    }
}

impl SeriesCache {
    pub fn buckets(&self) -> &[Bucket] {
        &self.buckets
    }

    /// Read the points added since the last call.
    pub fn update(&mut self, series: &[SeriesPoint]) {
        for p in series.get(self.consumed..).unwrap_or(&[]) {
            let mut index = (p.t_s / self.seconds) as usize;
            while index >= BUCKETS {
                self.halve();
                index = (p.t_s / self.seconds) as usize;
            }
            if self.buckets.len() <= index {
                self.buckets.resize(index + 1, Bucket::default());
            }
            self.buckets[index].add(p);
            self.last = Some(*p);
        }
        self.consumed = series.len();
    }

    fn halve(&mut self) {
        let merged: Vec<Bucket> = self
            .buckets
            .chunks(2)
            .map(|pair| {
                let mut b = pair[0];
                if let Some(o) = pair.get(1) {
                    b.merge(o);
                }
                b
            })
            .collect();
        self.buckets = merged;
        self.seconds *= 2;
    }

    /// The buckets regrouped so that `span_s` simulated seconds fill
    /// `columns` columns (the charts fill from the left as time passes),
    /// and how many columns the whole span takes.
    pub fn columns_over(&self, columns: usize, span_s: u64) -> (Vec<Bucket>, usize) {
        let span = (span_s.div_ceil(self.seconds) as usize).max(self.buckets.len()).max(1);
        let per = span.div_ceil(columns.max(1)).max(1);
        (self.group(per), span.div_ceil(per))
    }

    /// The buckets regrouped into at most `columns` columns.
    pub fn columns(&self, columns: usize) -> Vec<Bucket> {
        let per = self.buckets.len().div_ceil(columns.max(1)).max(1);
        self.group(per)
    }

    fn group(&self, per: usize) -> Vec<Bucket> {
        self.buckets
            .chunks(per)
            .map(|group| {
                let mut b = group[0];
                for o in &group[1..] {
                    b.merge(o);
                }
                b
            })
            .collect()
    }
}

/// One small chart: a label line with the current figure, then a sparkline.
fn spark(
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    label: Line<'_>,
    values: &[u64],
    style: ratatui::style::Style,
    max: Option<u64>,
) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    Paragraph::new(label).style(theme.base).render(head, buf);
    let max = max.unwrap_or_else(|| values.iter().copied().max().unwrap_or(0)).max(1);
    Sparkline::default().data(values.iter().copied()).max(max).style(style).render(body, buf);
}

/// The latency chart: p50 and p99 as lines (dots and braille, so they
/// differ without colour too).
fn latency_chart(area: Rect, buf: &mut Buffer, theme: &Theme, columns: &[Bucket], total: usize, label: Line<'_>) {
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    Paragraph::new(label).render(head, buf);
    // Seconds in which no event finished have no latency: left out.
    let points = |f: fn(&Bucket) -> f64| -> Vec<(f64, f64)> {
        columns.iter().enumerate().filter(|(_, b)| f(b) > 0.0).map(|(i, b)| (i as f64, f(b))).collect()
    };
    let p50 = points(|b| b.p50_ms);
    let p99 = points(|b| b.p99_ms);
    let top = columns.iter().map(|b| b.p99_ms.max(b.p50_ms)).fold(1.0, f64::max);
    let x_max = (total.max(2) - 1) as f64;
    let chart = Chart::new(vec![
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.sim(SimRole::LatencyP99))
            .data(&p99),
        Dataset::default()
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(theme.sim(SimRole::LatencyP50))
            .data(&p50),
    ])
    .x_axis(Axis::default().bounds([0.0, x_max]))
    .y_axis(
        Axis::default()
            .bounds([0.0, top * 1.05])
            .labels([Span::raw(""), Span::styled(format::millis(top), theme.dim)])
            .style(theme.dim),
    );
    chart.render(body, buf);
}

/// The running cost, a line rising from zero.
fn cost_chart(area: Rect, buf: &mut Buffer, theme: &Theme, columns: &[Bucket], total: usize, label: Line<'_>) {
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    Paragraph::new(label).render(head, buf);
    let cost: Vec<(f64, f64)> = columns.iter().enumerate().map(|(i, b)| (i as f64, b.cost_usd)).collect();
    let top = columns.iter().map(|b| b.cost_usd).fold(0.0, f64::max).max(1e-9);
    let x_max = (total.max(2) - 1) as f64;
    Chart::new(vec![
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.sim(SimRole::Cost))
            .data(&cost),
    ])
    .x_axis(Axis::default().bounds([0.0, x_max]))
    .y_axis(
        Axis::default()
            .bounds([0.0, top * 1.05])
            .labels([Span::raw(""), Span::styled(format::dollars(top), theme.dim)])
            .style(theme.dim),
    )
    .render(body, buf);
}

fn label<'a>(theme: &Theme, name: &'a str, value: String) -> Line<'a> {
    Line::from(vec![Span::styled(name, theme.dim), Span::raw(" "), Span::styled(value, theme.title)])
}

/// What the chart labels show now (the charts themselves show the series).
#[derive(Debug, Clone, Copy)]
pub struct Now {
    pub in_use: u32,
    pub limit: u32,
    /// Simulated seconds the charts' width stands for.
    pub span_s: u64,
}

/// Draw the charts: five sparklines side by side when short, two rows
/// (three sparklines over the latency and cost line charts) when tall.
pub fn render(area: Rect, buf: &mut Buffer, theme: &Theme, cache: &SeriesCache, summary: &Summary, now: Now) {
    let Now { in_use, limit, span_s } = now;
    if area.height < 2 || area.width < 20 {
        return;
    }
    // Short names when five charts share a narrow line.
    let narrow = area.height < 10 && area.width < 110;
    let (conc_name, cold_name) = if narrow {
        (strings::SIM_CHART_CONCURRENCY_SHORT, strings::SIM_CHART_COLD_SHORT)
    } else {
        (strings::SIM_CHART_CONCURRENCY, strings::SIM_CHART_COLD)
    };
    let conc = label(
        theme,
        conc_name,
        format!("{}/{}", format::thousands(u64::from(in_use)), format::thousands(u64::from(limit))),
    );
    let cold = label(theme, cold_name, format::thousands(summary.cold_starts));
    let thr = label(theme, strings::SIM_CHART_THROTTLES, format::thousands(summary.invocations.throttled));
    let lat_value = format!("{} · {}", format::millis(summary.latency_ms.p50), format::millis(summary.latency_ms.p99));
    let lat = label(theme, strings::SIM_CHART_LATENCY, lat_value);
    let cost = label(theme, strings::SIM_CHART_COST, format::dollars(summary.cost_usd.total));
    let tall = area.height >= 10;
    if tall {
        let [top, bottom] = Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area);
        let tops: [Rect; 3] = Layout::horizontal([Constraint::Ratio(1, 3); 3]).spacing(2).areas(top);
        let bottoms: [Rect; 2] = Layout::horizontal([Constraint::Ratio(1, 2); 2]).spacing(2).areas(bottom);
        let (cols, _) = cache.columns_over(usize::from(tops[0].width), span_s);
        let v = |f: fn(&Bucket) -> u64| cols.iter().map(f).collect::<Vec<u64>>();
        spark(tops[0], buf, theme, conc, &v(|b| u64::from(b.concurrency)), theme.sim(SimRole::Concurrency), None);
        spark(tops[1], buf, theme, cold, &v(|b| b.cold_starts), theme.sim(SimRole::ColdStarts), None);
        spark(tops[2], buf, theme, thr, &v(|b| b.throttles), theme.sim(SimRole::Refused), None);
        // Braille packs two points per cell.
        let (cols, total) = cache.columns_over(usize::from(bottoms[0].width).saturating_sub(8) * 2, span_s);
        latency_chart(bottoms[0], buf, theme, &cols, total, lat);
        cost_chart(bottoms[1], buf, theme, &cols, total, cost);
    } else {
        let cells: [Rect; 5] = Layout::horizontal([Constraint::Ratio(1, 5); 5]).spacing(1).areas(area);
        let (cols, _) = cache.columns_over(usize::from(cells[0].width), span_s);
        let v = |f: fn(&Bucket) -> u64| cols.iter().map(f).collect::<Vec<u64>>();
        spark(cells[0], buf, theme, conc, &v(|b| u64::from(b.concurrency)), theme.sim(SimRole::Concurrency), None);
        spark(cells[1], buf, theme, cold, &v(|b| b.cold_starts), theme.sim(SimRole::ColdStarts), None);
        spark(cells[2], buf, theme, thr, &v(|b| b.throttles), theme.sim(SimRole::Refused), None);
        let p99 = label(theme, strings::SIM_CHART_P99, format::millis(summary.latency_ms.p99));
        spark(cells[3], buf, theme, p99, &v(|b| b.p99_ms.round() as u64), theme.sim(SimRole::LatencyP99), None);
        spark(cells[4], buf, theme, cost, &v(|b| (b.cost_usd * 1e9) as u64), theme.sim(SimRole::Cost), None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(t_s: u64, cold: u32) -> SeriesPoint {
        SeriesPoint {
            t_s,
            concurrency: 1,
            concurrency_peak: (t_s % 7) as u32,
            environments: 1,
            invocations: 1,
            cold_starts: cold,
            throttles: 0,
            errors: 0,
            latency_p50_ms: 1.0,
            latency_p99_ms: t_s as f64,
            cost_usd: t_s as f64,
        }
    }

    #[test]
    fn buckets_stay_bounded_and_keep_totals() {
        let series: Vec<SeriesPoint> = (0..10_000).map(|t| point(t, 1)).collect();
        let mut cache = SeriesCache::default();
        for chunk in series.chunks(333) {
            let upto = series.len().min(cache.consumed + chunk.len());
            cache.update(&series[..upto]);
        }
        assert!(cache.buckets().len() <= BUCKETS);
        assert_eq!(cache.seconds, 64);
        assert_eq!(cache.buckets().iter().map(|b| b.cold_starts).sum::<u64>(), 10_000, "sums survive merging");
        assert_eq!(cache.buckets().iter().map(|b| b.concurrency).max(), Some(6), "peaks survive");
        let cols = cache.columns(40);
        assert!(cols.len() <= 40);
        let (half, total) = cache.columns_over(40, 20_000);
        assert!(total <= 40 && half.len() <= total / 2 + 1, "{} of {total}", half.len());
        assert_eq!(cols.last().map(|b| b.cost_usd), Some(9_999.0), "the running cost ends at the last value");
        assert_eq!(cols.iter().map(|b| b.cold_starts).sum::<u64>(), 10_000);
    }
}
