//! The simulator's visualizer: watch events become invocations, cold
//! starts, throttles and cost.
//!
//! The engine is stepped, not timed (STYLE habit 7): while the run plays,
//! [`SimulatorScreen::tick`] maps the wall time since the last tick to
//! simulated time at the chosen speed and advances the engine — never while
//! drawing. When paused the app asks for no ticks at all, so nothing runs
//! until a key is pressed. Everything drawn is computed in `tick`, `handle`
//! or `prepare`; `render` only reads.
//!
//! One module per region: [`diagram`] (sources, the Lambda service,
//! destinations), [`grid`] (execution environments), [`charts`],
//! [`narration`], [`knobs`], the `--set` [`prompt`], the [`step`] line and
//! the event [`inspector`]. The scenario list opened from home is
//! `screens::picker` (it opens labs too).

pub mod charts;
pub mod clock;
pub mod diagram;
pub mod format;
pub mod grid;
pub mod inspector;
pub mod knobs;
pub mod narration;
pub mod prompt;
pub mod run;
pub mod sentences;
pub mod step;
pub mod summary;

use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Padding, Paragraph, Widget};

use self::charts::SeriesCache;
use self::clock::Playback;
use self::grid::{Cell, Grid};
use self::inspector::Inspector;
use self::knobs::{Knob, Knobs};
use self::narration::Narrator;
use self::run::{Run, ScenarioFile};
use super::{Ctx, Input, Transition, View};
use crate::infra::Diagnostic;
use crate::markdown::Document;
use crate::sim::{ConcurrencyView, Engine, Override, QueueView, Summary};
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};
use crate::tui::strings;
use crate::tui::theme::Theme;
use crate::tui::widgets;

pub use self::clock::TICK;

#[derive(Debug)]
pub struct SimulatorScreen {
    run: Run,
    play: Playback,
    narrator: Narrator,
    series: SeriesCache,
    /// Animation frame: counts ticks while playing.
    anim: u64,
    knob: Knob,
    inspector: Option<Inspector>,
    /// The `--set KEY=VALUE` prompt, while open.
    prompt: Option<prompt::Prompt>,
    /// What the last `.` stepped over (until the run moves on otherwise).
    stepped: Option<step::Stepped>,
    summary_shown: bool,
    /// A sentence for the status line (a knob setting the rules refused).
    note: Option<String>,
    /// Opened by `simulate SCENARIO`: going back quits.
    standalone: bool,
    /// Draw the knob bar (a lab draws its own knobs instead).
    knob_bar: bool,
    about: Document,
    // Made by `prepare`, read by `render`.
    about_layout: Option<(usize, crate::markdown::Layout)>,
    grid: Grid,
    envs: Vec<Cell>,
    /// Managed Instances: each environment and how full it is.
    fleet: Option<crate::sim::engine::FleetView>,
    neighbours: Vec<crate::sim::engine::NeighbourUse>,
    summary: Summary,
    concurrency: ConcurrencyView,
    queues: Vec<QueueView>,
}

/// Where each region goes.
#[derive(Debug, Clone, Copy, Default)]
struct Regions {
    header: Rect,
    status: Rect,
    flow: Rect,
    envs: Rect,
    charts: Rect,
    narration: Rect,
    knobs: Rect,
    /// Full borders and a header line (120×40 and up); else top rules only.
    roomy: bool,
}

fn regions(area: Rect, knob_bar: bool) -> Regions {
    let bar = Constraint::Length(u16::from(knob_bar));
    let roomy = area.width >= 110 && area.height >= 32;
    if roomy {
        let [header, status, main, knobs] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Min(0), bar]).areas(area);
        let [left, narration] = Layout::horizontal([Constraint::Min(0), Constraint::Length(40)]).areas(main);
        let [flow, envs, charts] =
            Layout::vertical([Constraint::Length(9), Constraint::Length(10), Constraint::Min(0)]).areas(left);
        return Regions { header, status, flow, envs, charts, narration, knobs, roomy };
    }
    let [status, rest, knobs] = Layout::vertical([Constraint::Length(1), Constraint::Min(0), bar]).areas(area);
    // Heights by priority: the diagram, the grid, the charts (only with
    // room left for a few lines of narration), the narration.
    let mut left = rest.height;
    let flow_h = left.min(6);
    left -= flow_h;
    let envs_h = left.min(4);
    left -= envs_h;
    let charts_h = if left >= 9 { 4 } else { 0 };
    left -= charts_h;
    let narration_h = left;
    let [flow, envs, charts, narration] = Layout::vertical([
        Constraint::Length(flow_h),
        Constraint::Length(envs_h),
        Constraint::Length(charts_h),
        Constraint::Length(narration_h),
    ])
    .areas(rest);
    Regions { header: Rect::default(), status, flow, envs, charts, narration, knobs, roomy }
}

/// A titled panel: rounded borders when there is room, a top rule otherwise.
fn panel<'a>(theme: &Theme, title: &str, roomy: bool) -> Block<'a> {
    let borders = if roomy { Borders::ALL } else { Borders::TOP };
    let padding = if roomy { Padding::horizontal(1) } else { Padding::ZERO };
    Block::default()
        .borders(borders)
        .padding(padding)
        .border_type(BorderType::Rounded)
        .border_style(theme.border)
        .title(Span::styled(format!(" {title} "), theme.title))
}

impl SimulatorScreen {
    /// A built-in scenario with its own seed.
    pub fn preset(id: &str) -> Result<Self, String> {
        let file = ScenarioFile::preset(id).ok_or_else(|| strings::sim_no_preset(id))?;
        Self::open(file, Vec::new(), None)
            .map_err(|diags| diags.iter().find(|d| d.is_error()).map_or_else(String::new, ToString::to_string))
    }

    /// A scenario file with `--set` overrides and an optional seed.
    pub fn open(file: ScenarioFile, overrides: Vec<Override>, seed: Option<u64>) -> Result<Self, Vec<Diagnostic>> {
        let run = Run::new(file, overrides, seed)?;
        let play = Playback::new(run.scenario.duration_s);
        let about = Document::parse(&run.scenario.description);
        let mut me = Self {
            summary: run.engine.summary(),
            concurrency: run.engine.concurrency(),
            queues: run.engine.queues(),
            run,
            play,
            narrator: Narrator::default(),
            series: SeriesCache::default(),
            anim: 0,
            knob: Knob::Memory,
            inspector: None,
            prompt: None,
            stepped: None,
            summary_shown: false,
            note: None,
            standalone: false,
            knob_bar: true,
            about,
            about_layout: None,
            grid: Grid::default(),
            envs: Vec::new(),
            fleet: None,
            neighbours: Vec::new(),
        };
        me.refresh();
        Ok(me)
    }

    /// Going back quits the program (the screen was opened by `simulate`).
    #[must_use]
    pub fn standalone(mut self) -> Self {
        self.standalone = true;
        self
    }

    /// The visualizer inside a lab: no knob bar (the lab draws the knobs it
    /// allows), and the lab's task where the scenario's description was.
    #[must_use]
    pub fn in_lab(mut self, task: &str) -> Self {
        self.knob_bar = false;
        self.about = Document::parse(task);
        self.about_layout = None;
        self
    }

    /// Run again from t = 0 with these `--set` overrides in place of the
    /// ones it was opened with (a lab's knobs); a refusal leaves the run.
    pub fn set_overrides(&mut self, overrides: Vec<Override>) -> Result<(), String> {
        self.run.set_overrides(overrides)?;
        self.after_new_run();
        Ok(())
    }

    /// The summary of the run so far, as of the last `prepare`.
    pub fn live_summary(&self) -> &Summary {
        &self.summary
    }

    pub fn engine(&self) -> &Engine {
        &self.run.engine
    }

    /// The narration pane's state (its counts are what tests compare with
    /// the summary).
    pub fn narrator(&self) -> &Narrator {
        &self.narrator
    }

    pub fn knobs(&self) -> &Knobs {
        &self.run.knobs
    }

    pub fn seed(&self) -> u64 {
        self.run.seed
    }

    pub fn speed(&self) -> f64 {
        self.play.factor()
    }

    pub fn is_playing(&self) -> bool {
        self.play.playing && self.inspector.is_none()
    }

    pub fn contexts(&self) -> &'static [Context] {
        match (&self.inspector, &self.prompt) {
            (Some(_), _) => &[Context::Inspector],
            (None, Some(_)) => &[Context::SimPrompt],
            (None, None) => &[Context::Simulator],
        }
    }

    /// Start playing (as the space bar does).
    pub fn play(&mut self) {
        if self.run.engine.is_finished() {
            self.restart_run();
        }
        self.summary_shown = false;
        self.stepped = None;
        self.play.play(self.run.engine.now_us());
    }

    /// Move the run to simulated time `t_us` at once (paused; for tests
    /// and for pictures at a fixed moment).
    pub fn seek_to_us(&mut self, t_us: u64) {
        self.run.engine.advance_to(t_us);
        self.play.sync(self.run.engine.now_us(), false);
        self.refresh();
    }

    /// One tick of the wall clock while playing: advance the engine to the
    /// simulated time that `now` maps to (within the per-tick budget).
    pub fn tick(&mut self, now: Instant) {
        let Some(target) = self.play.target(now) else { return };
        self.anim = self.anim.wrapping_add(1);
        let caught_up = clock::advance_bounded(&mut self.run.engine, target, clock::EVENTS_PER_TICK);
        if caught_up {
            self.play.saturated = false;
        } else {
            self.play.sync(self.run.engine.now_us(), true);
        }
        self.refresh();
    }

    /// Take what the engine recorded since the last refresh.
    fn refresh(&mut self) {
        let engine = &self.run.engine;
        self.narrator.update(engine);
        self.series.update(engine.series());
        if engine.is_finished() && self.play.playing {
            self.play.pause();
            self.summary_shown = true;
        }
    }

    fn restart_run(&mut self) {
        self.run.restart();
        self.after_new_run();
    }

    fn after_new_run(&mut self) {
        self.stepped = None;
        self.narrator.clear();
        self.series = SeriesCache::default();
        self.summary_shown = false;
        self.play.rewind();
        self.refresh();
    }

    fn turn_knob(&mut self, up: bool) {
        let Some(knobs) = self.run.knobs.stepped(self.knob, up, &self.run.base) else {
            self.note = Some(strings::SIM_KNOB_AT_END.to_owned());
            return;
        };
        self.set_knobs(knobs);
    }

    /// Re-run the scenario from t = 0 with these knob settings.
    pub fn set_knobs(&mut self, knobs: Knobs) {
        match self.run.set_knobs(knobs) {
            Ok(()) => {
                self.note = None;
                self.after_new_run();
            }
            Err(why) => self.note = Some(strings::sim_knob_refused(&why)),
        }
    }

    fn step_knob(&mut self, forward: bool) {
        let i = Knob::ALL.iter().position(|&k| k == self.knob).unwrap_or(0);
        let n = Knob::ALL.len();
        self.knob = Knob::ALL[if forward { (i + 1) % n } else { (i + n - 1) % n }];
    }

    pub fn handle(&mut self, input: Input<'_>) -> Transition {
        let Input::Key(key) = input else { return Transition::Stay };
        if let Some(inspector) = &mut self.inspector {
            match keymap::action_for(key, &[Context::Inspector]) {
                Some(Action::Back) => self.inspector = None,
                Some(Action::Quit) => return Transition::Quit,
                Some(action) => inspector.apply(action),
                None => {}
            }
            return Transition::Stay;
        }
        if self.prompt.is_some() {
            if prompt::handle(&mut self.prompt, &mut self.run, key) {
                self.after_new_run();
            }
            return Transition::Stay;
        }
        let Some(action) = keymap::action_for(key, &[Context::Simulator]) else { return Transition::Stay };
        if action != Action::Back {
            self.note = None;
        }
        match action {
            Action::Back if self.summary_shown => self.summary_shown = false,
            Action::Back if self.standalone => return Transition::Quit,
            Action::Back => return Transition::Pop,
            Action::Quit => return Transition::Quit,
            Action::PlayPause if self.play.playing => self.play.pause(),
            Action::PlayPause => self.play(),
            Action::StepEvent => {
                self.play.pause();
                self.summary_shown = false;
                if !self.run.engine.is_finished() {
                    self.stepped = step::step(&mut self.run.engine, &self.run.scenario);
                    self.play.sync(self.run.engine.now_us(), false);
                    self.refresh();
                }
            }
            Action::Faster => self.play.faster(),
            Action::Slower => self.play.slower(),
            Action::Reseed => {
                self.run.reseed();
                self.after_new_run();
            }
            Action::PrevKnob => self.step_knob(false),
            Action::NextKnob => self.step_knob(true),
            Action::Up => self.turn_knob(true),
            Action::Down => self.turn_knob(false),
            Action::ResetKnobs => match self.run.clear_settings() {
                Ok(()) => self.after_new_run(),
                Err(why) => self.note = Some(strings::sim_knob_refused(&why)),
            },
            // A lab is graded on its own knobs: a typed override would change
            // the run watched but not the run graded.
            Action::OpenPrompt if !self.knob_bar => self.note = Some(strings::sim_prompt_in_lab().to_string()),
            Action::OpenPrompt => {
                self.play.pause();
                self.prompt = Some(prompt::Prompt::default());
            }
            Action::Inspect => {
                let long = self.run.is_long();
                self.inspector = Some(Inspector::new(
                    self.run.engine.recent_invocations().cloned(),
                    &self.run.scenario,
                    self.run.seed,
                    long,
                ));
            }
            Action::ShowSummary => self.summary_shown = !self.summary_shown,
            _ => {}
        }
        Transition::Stay
    }

    /// Simulated seconds that count as "recent" for moving events: about
    /// half a second of wall time at the current speed.
    fn window_s(&self) -> f64 {
        (self.play.factor() * 0.5).max(1.0)
    }

    /// Work that needs the frame size, done before drawing: the grid of
    /// environments and the figures of this moment.
    pub fn prepare(&mut self, area: Rect) {
        let r = regions(area, self.knob_bar);
        let engine = &self.run.engine;
        // Reclaimed environments linger about a second and a half of wall time.
        let linger_us = (self.play.factor() * 1.5).max(2.0) * 1e6;
        self.envs.clear();
        self.envs.extend(engine.environments(linger_us as u64).map(|e| Cell::of(&e)));
        let grid_area = panel(&Theme::mono(), "", r.roomy).inner(r.envs);
        self.grid = grid::aggregate(&self.envs, grid::capacity(grid_area));
        self.fleet = engine.fleet();
        self.neighbours = engine.neighbours_in_use();
        self.summary = engine.summary();
        self.concurrency = engine.concurrency();
        self.queues = engine.queues();
        if self.narrator.is_empty() {
            let width = usize::from(panel(&Theme::mono(), "", r.roomy).inner(r.narration).width);
            if width > 0 && self.about_layout.as_ref().is_none_or(|(w, _)| *w != width) {
                self.about_layout = Some((width, self.about.layout(width)));
            }
        }
        if let Some(inspector) = &mut self.inspector {
            inspector.prepare(area);
        }
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let r = regions(area, self.knob_bar);
        let long = self.run.is_long();
        self.render_header(r.header, buf, theme);
        self.render_status(r.status, buf, theme, long, r.roomy);

        let block = panel(theme, strings::SIM_FLOW, r.roomy);
        let inner = block.inner(r.flow);
        block.render(r.flow, buf);
        let view = diagram::FlowView {
            scenario: &self.run.scenario,
            summary: &self.summary,
            concurrency: self.concurrency,
            queues: &self.queues,
            now_us: self.run.engine.now_us(),
            anim: self.anim,
            window_s: self.window_s(),
            fleet: self.fleet.as_ref(),
            neighbours: &self.neighbours,
        };
        diagram::render(inner, buf, theme, &view);

        if r.envs.height > 0 {
            let live = match &self.fleet {
                Some(f) => f.environments.len() as u64,
                None => self.grid.counts[0] + self.grid.counts[1] + self.grid.counts[2] + self.grid.counts[3],
            };
            let block = panel(theme, &strings::sim_environments(&format::thousands(live)), r.roomy);
            let inner = block.inner(r.envs);
            block.render(r.envs, buf);
            match &self.fleet {
                Some(f) => grid::render_fleet(inner, buf, theme, f),
                None => grid::render(inner, buf, theme, &self.grid),
            }
        }
        if r.charts.height > 0 {
            let block = panel(theme, strings::SIM_CHARTS, r.roomy);
            let inner = block.inner(r.charts);
            block.render(r.charts, buf);
            let span_s = (self.run.scenario.duration_s.max(self.run.engine.now_us() as f64 / 1e6)).ceil() as u64;
            // Managed Instances: the environments' request slots are the limit.
            let limit = self.fleet.as_ref().map_or(self.concurrency.limit, |f| f.capacity().1);
            let now = charts::Now { in_use: self.concurrency.in_use, limit, span_s };
            charts::render(inner, buf, theme, &self.series, &self.summary, now);
        }
        if r.narration.height > 0 {
            self.render_narration(r.narration, buf, theme, r.roomy, long);
        }
        prompt::render_over(area, r.knobs, r.roomy, buf, theme, (self.prompt.as_ref(), &self.run.typed));
        if r.knobs.height > 0 {
            knobs::render(r.knobs, buf, theme, &self.run.knobs, &self.run.scenario, self.knob);
        }
        if self.summary_shown {
            let title = strings::sim_summary_title(&format::clock(self.run.engine.now_us(), long, false));
            summary::render(area, buf, theme, &self.summary, &self.run.scenario, &title);
        }
        if let Some(inspector) = &self.inspector {
            inspector.render(area, buf, theme);
        }
    }

    fn render_header(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        if area.height == 0 {
            return;
        }
        let sc = &self.run.scenario;
        widgets::title_bar(
            area,
            buf,
            theme,
            vec![
                Span::styled(format!(" {} ", strings::SIM_TITLE), theme.title),
                Span::styled(crate::text::sanitize(&sc.id).into_owned(), theme.accent),
                Span::styled(format!(" — {}", crate::text::sanitize(&sc.title)), theme.dim),
            ],
            &strings::sim_source_of(&sc.function.runtime),
        );
    }

    fn render_status(&self, area: Rect, buf: &mut Buffer, theme: &Theme, long: bool, roomy: bool) {
        let engine = &self.run.engine;
        let (mark, word) = if engine.is_finished() {
            ("■", strings::SIM_FINISHED)
        } else if self.play.playing {
            ("▶", strings::SIM_PLAYING)
        } else {
            ("❚❚", strings::SIM_PAUSED)
        };
        let now = engine.now_us();
        let duration_us = (self.run.scenario.duration_s * 1e6) as u64;
        let mut time = format!(
            "t {} / {}",
            format::clock(now, long, self.stepped.is_some()),
            format::clock(duration_us, long, false)
        );
        if now > duration_us && !engine.is_finished() {
            time.push_str(strings::SIM_DRAINING);
        }
        let mut spans = vec![
            Span::styled(format!(" {mark} {word} "), if self.play.playing { theme.good } else { theme.accent }),
            Span::styled(format!("{} ", format::speed(self.play.factor())), theme.title),
        ];
        if self.play.saturated {
            spans.push(Span::styled(format!("{} ", strings::SIM_SATURATED), theme.warn));
        }
        spans.push(Span::styled("│ ", theme.dim));
        spans.push(Span::raw(time));
        spans.push(Span::styled(" │ ", theme.dim));
        spans.push(Span::raw(format!("{} {}", strings::SIM_SEED, self.run.seed)));
        if !roomy {
            // No header line above: name the scenario here.
            spans.push(Span::styled(" │ ", theme.dim));
            spans.push(Span::styled(crate::text::sanitize(&self.run.scenario.id).into_owned(), theme.accent));
        }
        if let Some(typed) = prompt::typed_text(&self.run.typed).filter(|_| roomy) {
            // Roomy: the overrides typed go here, not over the panels' borders.
            spans.extend([Span::styled(" │", theme.dim), Span::styled(typed, theme.accent)]);
        }
        if let Some(note) = &self.note {
            spans.push(Span::styled(" │ ", theme.dim));
            spans.push(Span::styled(note.clone(), theme.warn));
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
    }

    fn render_narration(&self, area: Rect, buf: &mut Buffer, theme: &Theme, roomy: bool, long: bool) {
        if self.narrator.is_empty() {
            let block = panel(theme, strings::SIM_ABOUT, roomy);
            let inner = block.inner(area);
            block.render(area, buf);
            let inner = step::render_above(self.stepped.as_ref(), inner, buf, theme, long);
            if let Some((_, layout)) = &self.about_layout {
                let lines: Vec<Line<'_>> = layout
                    .lines
                    .iter()
                    .take(usize::from(inner.height))
                    .map(|l| widgets::markdown_line(l, theme, &[]))
                    .collect();
                Paragraph::new(lines).render(inner, buf);
            }
            return;
        }
        let block = panel(theme, strings::SIM_NARRATION, roomy);
        let inner = block.inner(area);
        block.render(area, buf);
        let inner = step::render_above(self.stepped.as_ref(), inner, buf, theme, long);
        self.narrator.render(inner, buf, theme, long);
    }
}

/// The screen shell's interface, over the simulator's own methods.
impl View for SimulatorScreen {
    fn handle(&mut self, input: Input<'_>, _ctx: &mut Ctx) -> Transition {
        SimulatorScreen::handle(self, input)
    }

    fn prepare(&mut self, area: Rect, _ctx: &Ctx) {
        SimulatorScreen::prepare(self, area);
    }

    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        SimulatorScreen::render(self, area, buf, &ctx.theme);
    }

    fn contexts(&self) -> &'static [Context] {
        SimulatorScreen::contexts(self)
    }

    fn is_typing(&self) -> bool {
        self.prompt.is_some()
    }

    /// Playback pauses while the help overlay or the size guard hides it.
    fn tick_interval(&self, covered: bool) -> Option<Duration> {
        (self.is_playing() && !covered).then_some(TICK)
    }

    fn tick(&mut self, now: Instant, _ctx: &mut Ctx) {
        SimulatorScreen::tick(self, now);
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp, reason = "speeds are exact constants")]
mod tests;
