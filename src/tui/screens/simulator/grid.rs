//! The grid of execution environments, one glyph per environment in the
//! order they were created, by state: ◐ initializing, ● busy, ○ idle,
//! ◎ provisioned and idle, · reclaimed a moment ago. Glyph and style both
//! carry the state, so the monochrome theme shows it too.
//!
//! When there are more environments than cells (a scaling run has
//! thousands), each cell stands for `per` consecutive environments and
//! shows their most common state; the legend says so.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::format;
use crate::sim::engine::FleetView;
use crate::sim::{EnvState, EnvView};
use crate::tui::strings;
use crate::tui::theme::{SimRole, Theme};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cell {
    Initializing,
    Busy,
    Idle,
    Provisioned,
    Reclaimed,
}

impl Cell {
    /// In order of importance: a tie shows the earlier one.
    const ALL: [Cell; 5] = [Cell::Busy, Cell::Initializing, Cell::Idle, Cell::Provisioned, Cell::Reclaimed];

    pub fn of(env: &EnvView) -> Self {
        match env.state {
            EnvState::Initializing => Cell::Initializing,
            EnvState::Busy => Cell::Busy,
            EnvState::Idle if env.provisioned => Cell::Provisioned,
            EnvState::Idle => Cell::Idle,
            EnvState::Reclaimed => Cell::Reclaimed,
        }
    }

    pub fn glyph(self) -> &'static str {
        match self {
            Cell::Initializing => "◐",
            Cell::Busy => "●",
            Cell::Idle => "○",
            Cell::Provisioned => "◎",
            Cell::Reclaimed => "·",
        }
    }

    fn role(self) -> SimRole {
        match self {
            Cell::Initializing => SimRole::Initializing,
            Cell::Busy => SimRole::Busy,
            Cell::Idle => SimRole::Idle,
            Cell::Provisioned => SimRole::Provisioned,
            Cell::Reclaimed => SimRole::Reclaimed,
        }
    }

    fn index(self) -> usize {
        match self {
            Cell::Busy => 0,
            Cell::Initializing => 1,
            Cell::Idle => 2,
            Cell::Provisioned => 3,
            Cell::Reclaimed => 4,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Cell::Initializing => strings::SIM_STATE_INIT,
            Cell::Busy => strings::SIM_STATE_BUSY,
            Cell::Idle => strings::SIM_STATE_IDLE,
            Cell::Provisioned => strings::SIM_STATE_PROVISIONED,
            Cell::Reclaimed => strings::SIM_STATE_RECLAIMED,
        }
    }
}

/// What the grid shows, computed before drawing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grid {
    pub cells: Vec<Cell>,
    /// Environments per cell (1 when each has its own).
    pub per: usize,
    /// Environments by state, in the order of [`Cell::ALL`].
    pub counts: [u64; 5],
}

/// Fit `envs` into at most `capacity` cells: one each when they fit, else
/// groups of `per` consecutive environments by majority state.
pub fn aggregate(envs: &[Cell], capacity: usize) -> Grid {
    let mut counts = [0u64; 5];
    for c in envs {
        counts[c.index()] += 1;
    }
    let capacity = capacity.max(1);
    if envs.len() <= capacity {
        return Grid { cells: envs.to_vec(), per: 1, counts };
    }
    let per = envs.len().div_ceil(capacity);
    let cells = envs
        .chunks(per)
        .map(|group| {
            let mut tally = [0usize; 5];
            for c in group {
                tally[c.index()] += 1;
            }
            let best = tally.iter().copied().max().unwrap_or(0);
            Cell::ALL.into_iter().find(|c| tally[c.index()] == best).unwrap_or(Cell::Busy)
        })
        .collect();
    Grid { cells, per, counts }
}

/// Rows available for glyphs in an area of this size (the last row is the legend).
pub fn capacity(area: Rect) -> usize {
    usize::from(area.width) * usize::from(area.height.saturating_sub(1))
}

pub fn render(area: Rect, buf: &mut Buffer, theme: &Theme, grid: &Grid) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let width = usize::from(area.width);
    let rows = usize::from(area.height.saturating_sub(1));
    // Spaced out while there is room: easier to count.
    let step = if grid.cells.len() * 2 <= width * rows { 2 } else { 1 };
    let per_row = (width / step).max(1);
    let mut lines: Vec<Line<'_>> = grid
        .cells
        .chunks(per_row)
        .take(rows)
        .map(|row| {
            Line::from(
                row.iter()
                    .map(|c| {
                        let g = if step == 2 { format!("{} ", c.glyph()) } else { c.glyph().to_owned() };
                        Span::styled(g, theme.sim(c.role()))
                    })
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    if grid.cells.is_empty() && rows > 0 {
        lines.push(Line::from(Span::styled(strings::SIM_NO_ENVIRONMENTS, theme.dim)));
    }
    while lines.len() < rows {
        lines.push(Line::default());
    }
    lines.push(legend(theme, grid, width));
    Paragraph::new(lines).render(area, buf);
}

/// `● 812 busy  ◐ 3 init  ○ 227 idle  · 12 gone   1 glyph ≈ 4 (majority)`.
fn legend<'a>(theme: &Theme, grid: &Grid, width: usize) -> Line<'a> {
    let mut spans = Vec::new();
    let mut used = 0;
    for c in Cell::ALL {
        let n = grid.counts[c.index()];
        if n == 0 && c == Cell::Provisioned {
            continue;
        }
        let text = format!("{} {} {}  ", c.glyph(), format::thousands(n), c.name());
        used += crate::text::width(&text);
        spans.push(Span::styled(c.glyph().to_owned(), theme.sim(c.role())));
        spans.push(Span::styled(format!(" {} {}  ", format::thousands(n), c.name()), theme.dim));
    }
    if grid.per > 1 {
        let note = strings::sim_glyph_per(grid.per);
        if used + crate::text::width(&note) <= width {
            spans.push(Span::styled(note, theme.accent));
        }
    }
    Line::from(spans)
}

/// How full a Managed Instances environment is, as a bar glyph: ○ empty,
/// ▁ to █ by eighths of its maximum concurrency.
pub fn fill_glyph(busy: u32, slots: u32) -> &'static str {
    const BARS: [&str; 8] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];
    if busy == 0 || slots == 0 {
        return "○";
    }
    let eighth = (u64::from(busy) * 8).div_ceil(u64::from(slots)).clamp(1, 8) as usize;
    BARS[eighth - 1]
}

/// The Managed Instances grid: one glyph per environment showing how full
/// it is (each serves many requests at once), and a legend with the fleet.
pub fn render_fleet(area: Rect, buf: &mut Buffer, theme: &Theme, fleet: &FleetView) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let width = usize::from(area.width);
    let rows = usize::from(area.height.saturating_sub(1));
    let per_row = (width / 2).max(1);
    let mut lines: Vec<Line<'_>> = fleet
        .environments
        .chunks(per_row)
        .take(rows)
        .map(|row| {
            Line::from(
                row.iter()
                    .map(|e| {
                        let role = if e.busy > 0 { SimRole::Busy } else { SimRole::Idle };
                        Span::styled(format!("{} ", fill_glyph(e.busy, e.slots)), theme.sim(role))
                    })
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    while lines.len() < rows {
        lines.push(Line::default());
    }
    let busy: u64 = fleet.environments.iter().map(|e| u64::from(e.busy)).sum();
    let total: u64 = fleet.environments.iter().map(|e| u64::from(e.slots)).sum();
    let slots = fleet.environments.first().map_or(0, |e| e.slots);
    let legend = strings::sim_fleet_legend(
        &format::thousands(fleet.environments.len() as u64),
        &format::thousands(u64::from(fleet.instances)),
        &format::thousands(u64::from(slots)),
        &format::thousands(busy),
        &format::thousands(total),
    );
    lines.push(Line::from(Span::styled(legend, theme.dim)));
    Paragraph::new(lines).render(area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::engine::FleetEnv;

    #[test]
    fn a_managed_environment_shows_how_full_it_is() {
        assert_eq!(fill_glyph(0, 64), "○");
        assert_eq!(fill_glyph(1, 64), "▁");
        assert_eq!(fill_glyph(32, 64), "▄");
        assert_eq!(fill_glyph(64, 64), "█");
        let fleet = FleetView {
            environments: vec![
                FleetEnv { id: 0, busy: 64, slots: 64 },
                FleetEnv { id: 1, busy: 16, slots: 64 },
                FleetEnv { id: 2, busy: 0, slots: 64 },
            ],
            instances: 3,
            environments_per_instance: 4,
        };
        let area = Rect::new(0, 0, 80, 2);
        let mut buf = Buffer::empty(area);
        render_fleet(area, &mut buf, &Theme::mono(), &fleet);
        let row: String = (0..6).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
        assert_eq!(row, "█ ▂ ○ ");
        let legend: String = (0..80).map(|x| buf[(x, 1)].symbol().to_owned()).collect();
        assert!(
            legend.starts_with("3 environments on 3 instances · 80/192 requests in flight · up to 64 each"),
            "{legend}"
        );
    }

    #[test]
    fn environments_fit_one_per_cell_when_they_can() {
        let envs = [Cell::Busy, Cell::Idle, Cell::Initializing];
        let g = aggregate(&envs, 10);
        assert_eq!((g.cells.as_slice(), g.per), (&envs[..], 1));
        assert_eq!(g.counts, [1, 1, 1, 0, 0]);
    }

    #[test]
    fn thousands_of_environments_aggregate_by_majority() {
        let mut envs = vec![Cell::Busy; 3000];
        envs.extend(vec![Cell::Idle; 1000]);
        envs[0] = Cell::Idle;
        let g = aggregate(&envs, 1000);
        assert_eq!(g.per, 4);
        assert_eq!(g.cells.len(), 1000);
        assert_eq!(g.cells[0], Cell::Busy, "3 busy of 4 outweigh 1 idle");
        assert_eq!(g.cells.iter().filter(|&&c| c == Cell::Idle).count(), 250);
        assert_eq!(g.counts[0] + g.counts[2], 4000);
        // A tie goes to the more important state.
        let g = aggregate(&[Cell::Idle, Cell::Busy, Cell::Reclaimed, Cell::Initializing], 2);
        assert_eq!(g.cells, [Cell::Busy, Cell::Initializing]);
    }

    #[test]
    fn no_capacity_is_not_a_panic() {
        let g = aggregate(&[Cell::Busy; 5], 0);
        assert_eq!((g.cells.len(), g.per), (1, 5));
    }
}
