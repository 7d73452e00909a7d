//! The stats screen's two charts: reviews coming due over the next 7 days,
//! and accuracy week by week. Bars carry their numbers, so the charts read
//! the same without colour.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Widget};

use crate::practice::figures::Figures;
use crate::tui::strings;
use crate::tui::theme::Theme;
use crate::tui::widgets;

/// Rows the charts take, borders included.
pub const HEIGHT: u16 = 9;

/// The widest bars that fit `n` of them, a gap apart, in `width`.
fn bar_width(width: u16, n: usize) -> u16 {
    let n = u16::try_from(n.max(1)).unwrap_or(u16::MAX);
    ((width + 1) / n).saturating_sub(1).clamp(1, 7)
}

pub fn render(figures: &Figures, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let [left, right] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    render_forecast(figures, left, buf, theme);
    render_accuracy(figures, right, buf, theme);
}

fn render_forecast(figures: &Figures, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let block = widgets::panel(theme, strings::FORECAST_TITLE, false);
    let inner = block.inner(area);
    block.render(area, buf);
    let bars: Vec<Bar<'_>> = figures
        .forecast
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let label = if i == 0 { strings::TODAY.to_owned() } else { d.date.format("%a").to_string() };
            Bar::default()
                .value(d.due as u64)
                .label(Line::from(label))
                .text_value(d.due.to_string())
                .style(theme.accent)
                .value_style(theme.selected)
        })
        .collect();
    BarChart::default()
        .data(BarGroup::default().bars(&bars))
        .bar_width(bar_width(inner.width, bars.len()))
        .bar_gap(1)
        .render(inner, buf);
}

fn render_accuracy(figures: &Figures, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let block = widgets::panel(theme, strings::ACCURACY_TITLE, false);
    let inner = block.inner(area);
    block.render(area, buf);
    let bars: Vec<Bar<'_>> = figures
        .accuracy_by_week
        .iter()
        .map(|w| {
            let pct = w.accuracy.map(|a| (a * 100.0).round() as u64);
            Bar::default()
                .value(pct.unwrap_or(0))
                .label(Line::from(w.week_of.format("w%V").to_string()))
                .text_value(pct.map_or_else(|| "–".to_owned(), |p| p.to_string()))
                .style(theme.good)
                .value_style(theme.selected)
        })
        .collect();
    BarChart::default()
        .data(BarGroup::default().bars(&bars))
        .bar_width(bar_width(inner.width, bars.len()))
        .bar_gap(1)
        .max(100)
        .render(inner, buf);
}
