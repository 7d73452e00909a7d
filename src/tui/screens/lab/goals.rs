//! The goals panel: each goal of the lab in words, the figure the run has
//! reached so far (or at its end) and ✓/✗ against the target; under them
//! the hints the learner has asked for.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::lab::{Lab, format_value};
use crate::tui::strings;
use crate::tui::theme::Theme;
use crate::tui::widgets::{self, pad, truncate};

/// What the panel shows of one moment of the run.
pub struct Live<'a> {
    /// Per goal: the summary's figure now (`None`: the run has not begun).
    pub values: &'a [Option<f64>],
    /// The run has finished: the figures are final.
    pub finished: bool,
    /// The latest hint asked for, already wrapped to the panel.
    pub hint: &'a [String],
}

/// Rows the panel needs: borders, one per goal, the hint's lines.
pub fn height(lab: &Lab, hint_lines: usize) -> u16 {
    u16::try_from(lab.goals.len() + hint_lines + 2).unwrap_or(u16::MAX)
}

pub fn met(lab: &Lab, values: &[Option<f64>]) -> usize {
    lab.goals.iter().zip(values).filter(|(g, v)| v.is_some_and(|v| g.holds(v))).count()
}

pub fn render(area: Rect, buf: &mut Buffer, theme: &Theme, lab: &Lab, live: &Live<'_>) {
    let started = live.values.iter().any(Option::is_some);
    let title = strings::lab_goals(met(lab, live.values), lab.goals.len(), started, live.finished);
    let block = widgets::panel(theme, &title, false);
    let inner = block.inner(area);
    block.render(area, buf);
    let described: Vec<String> = lab.goals.iter().map(crate::lab::Goal::describe).collect();
    let figures: Vec<String> = lab
        .goals
        .iter()
        .zip(live.values)
        .map(|(g, v)| {
            v.map_or_else(|| "–".to_owned(), |v| strings::lab_live(&format_value(&g.metric, v), live.finished))
        })
        .collect();
    let room = usize::from(inner.width);
    let figure_w = figures.iter().map(|f| crate::text::width(f)).max().unwrap_or(0);
    let goal_w =
        described.iter().map(|d| crate::text::width(d)).max().unwrap_or(0).min(room.saturating_sub(figure_w + 5));
    let mut lines: Vec<Line<'_>> = Vec::new();
    for ((goal, figure), (g, v)) in described.iter().zip(&figures).zip(lab.goals.iter().zip(live.values)) {
        let (mark, style) = match v {
            Some(v) if g.holds(*v) => ("✓", theme.good),
            Some(_) => ("✗", theme.bad),
            None => ("·", theme.dim),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{mark} "), style),
            Span::styled(pad(&truncate(goal, goal_w), goal_w + 3), theme.base),
            Span::styled(figure.clone(), theme.dim),
        ]));
    }
    lines.extend(live.hint.iter().map(|l| Line::from(Span::styled(l.clone(), theme.accent))));
    Paragraph::new(lines).render(inner, buf);
}
