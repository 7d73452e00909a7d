//! The lab screen: the simulator's visualizer (the same screen, composed,
//! with its knob bar left out) over a goals panel with live figures and a
//! bar of the lab's own knobs, only those the lab allows, within their
//! ranges.
//!
//! `g` grades: a full headless run with the knobs as set, through
//! [`Lab::grade`] — the code `lab ID --set …` runs — recorded through
//! [`Progress::record_lab`] as the command records it. The verdict shows
//! each goal, then the debrief or the hint, and offers the next step.
//! Tab reveals the next hint.
//!
//! - [`knobs`]: the allowed knobs and their stops;
//! - [`goals`]: the goals panel;
//! - [`verdict`]: the graded run's verdict.

pub mod goals;
pub mod knobs;
pub mod verdict;

use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;

use self::knobs::LabKnobs;
use self::verdict::{Graded, NextStep};
use super::simulator::run::ScenarioFile;
use super::{Ctx, Input, ReaderScreen, Screen, SimulatorScreen, Transition, View};
use crate::course::Course;
use crate::lab::{Lab, ScenarioRef};
use crate::sim::{Override, summary_metric};
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};
use crate::tui::progress::Progress;
use crate::tui::strings;
use crate::tui::widgets;

#[derive(Debug)]
pub struct LabScreen {
    lab: Lab,
    sim: SimulatorScreen,
    knobs: LabKnobs,
    /// Hints revealed so far (Tab, or shown with a miss).
    hints_shown: usize,
    graded: Option<Graded>,
    /// A sentence for the title bar (a knob the rules refused, a hint left).
    note: Option<String>,
    // Made by `prepare`, read by `render`.
    live: Vec<Option<f64>>,
    hint_lines: Vec<String>,
}

impl LabScreen {
    /// Open a built-in lab by id.
    pub fn builtin(id: &str) -> Result<Self, String> {
        match crate::lab::builtin(id) {
            Some(Ok(lab)) => Self::new(lab),
            Some(Err(diags)) => Err(diags.iter().find(|d| d.is_error()).map_or_else(String::new, ToString::to_string)),
            None => Err(strings::lab_no_builtin(id)),
        }
    }

    pub fn new(lab: Lab) -> Result<Self, String> {
        let file = match &lab.scenario {
            ScenarioRef::Preset(id) => ScenarioFile::preset(id).ok_or_else(|| strings::sim_no_preset(id))?,
            ScenarioRef::Inline { text, .. } => {
                ScenarioFile { path: lab.path.clone(), bytes: text.as_bytes().to_vec(), dir: None }
            }
        };
        let first = |diags: Vec<crate::infra::Diagnostic>| {
            diags.iter().find(|d| d.is_error()).map_or_else(String::new, |d| d.message.clone())
        };
        let sim = SimulatorScreen::open(file, lab.setup.clone(), None).map_err(first)?.in_lab(&lab.task);
        let start = lab.scenario(&[]).map_err(first)?;
        let knobs = LabKnobs::new(&lab, &start.scenario);
        Ok(Self { lab, sim, knobs, hints_shown: 0, graded: None, note: None, live: Vec::new(), hint_lines: Vec::new() })
    }

    pub fn lab(&self) -> &Lab {
        &self.lab
    }

    pub fn knobs(&self) -> &LabKnobs {
        &self.knobs
    }

    pub fn simulator(&self) -> &SimulatorScreen {
        &self.sim
    }

    pub fn graded(&self) -> Option<&Graded> {
        self.graded.as_ref()
    }

    pub fn hints_shown(&self) -> usize {
        self.hints_shown
    }

    pub fn contexts(&self) -> &'static [Context] {
        if self.graded.is_some() {
            &[Context::LabVerdict]
        } else if self.sim.contexts() == [Context::Inspector] {
            &[Context::Inspector]
        } else {
            &[Context::Lab, Context::Simulator]
        }
    }

    /// Re-run the visualizer from t = 0 with these knobs; a setting the
    /// scenario rules refuse keeps the old ones and says why.
    fn set_knobs(&mut self, knobs: LabKnobs) {
        let mut overrides: Vec<Override> = self.lab.setup.clone();
        overrides.extend(knobs.settings(&self.lab).iter().map(crate::lab::Setting::to_override));
        match self.sim.set_overrides(overrides) {
            Ok(()) => {
                self.knobs = knobs;
                self.note = None;
            }
            Err(why) => self.note = Some(strings::sim_knob_refused(&why)),
        }
    }

    fn turn(&mut self, up: bool) {
        match self.knobs.stepped(&self.lab, up) {
            Some(knobs) => self.set_knobs(knobs),
            None => self.note = Some(strings::SIM_KNOB_AT_END.to_owned()),
        }
    }

    fn reveal_hint(&mut self) {
        let total = self.lab.hints.len();
        if total == 0 {
            self.note = Some(strings::LAB_NO_HINTS.to_owned());
        } else if self.hints_shown >= total {
            self.note = Some(strings::LAB_NO_MORE_HINTS.to_owned());
        } else {
            self.hints_shown += 1;
        }
    }

    /// Grade the knobs as set: a full headless run, recorded as an attempt.
    pub fn submit(&mut self, progress: &mut Progress) {
        let settings = self.knobs.settings(&self.lab);
        let verdict = match self.lab.grade(&settings) {
            Ok(v) => v,
            Err(diags) => {
                let why = diags.iter().find(|d| d.is_error()).map_or("", |d| d.message.as_str());
                self.note = Some(format!("{}: {}", strings::LAB_NOT_GRADED, crate::text::sanitize(why)));
                return;
            }
        };
        let attempts_before = progress.record_lab(&self.lab, &settings, &verdict);
        let (next, body) = if verdict.passed() {
            let next = crate::practice::lab::next_lab(&self.lab.id)
                .and_then(|id| crate::lab::builtin(&id))
                .and_then(Result::ok)
                .map_or(NextStep::Lesson, |l| NextStep::Lab(l.id, l.title));
            (next, self.lab.debrief.clone())
        } else {
            // The hint `lab ID` prints after this many misses; it counts as shown.
            let hint = crate::practice::lab::hint_index(&self.lab, attempts_before);
            if let Some(i) = hint {
                self.hints_shown = self.hints_shown.max(i + 1);
            }
            let text = hint.map(|i| strings::lab_hint(i, self.lab.hints.len(), &self.lab.hints[i]));
            (NextStep::Again, text.unwrap_or_default())
        };
        let seed = self.lab.scenario(&settings).map_or(0, |l| l.scenario.seed);
        self.graded = Some(Graded::new(verdict, attempts_before, next, &body, seed));
    }

    fn handle_verdict(&mut self, action: Option<Action>, course: &Course) -> Transition {
        let Some(graded) = &mut self.graded else { return Transition::Stay };
        match action {
            Some(Action::Up) => graded.scroll_by(false),
            Some(Action::Down) => graded.scroll_by(true),
            Some(Action::Back) => self.graded = None,
            Some(Action::Quit) => return Transition::Quit,
            Some(Action::ReadLesson) => return self.open_lesson(course),
            Some(Action::TakeStep) => match graded.next.clone() {
                NextStep::Lab(id, _) => match LabScreen::builtin(&id) {
                    Ok(next) => return Transition::Replace(Screen::Lab(Box::new(next))),
                    Err(why) => self.note = Some(why),
                },
                NextStep::Lesson => return self.open_lesson(course),
                NextStep::Again => self.graded = None,
            },
            _ => {}
        }
        Transition::Stay
    }

    fn lesson_index(&self, course: &Course) -> Option<usize> {
        course.lessons.iter().position(|l| l.meta.id == self.lab.lesson && l.course.is_none())
    }

    fn open_lesson(&mut self, course: &Course) -> Transition {
        if let Some(l) = self.lesson_index(course) {
            Transition::Push(Screen::Reader(Box::new(ReaderScreen::open(course, l))))
        } else {
            self.note = Some(strings::lab_no_lesson(&self.lab.lesson));
            Transition::Stay
        }
    }

    fn areas(&self, area: Rect) -> [Rect; 4] {
        let goals = goals::height(&self.lab, self.hint_lines.len());
        Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(goals), Constraint::Length(1)])
            .areas(area)
    }
}

impl View for LabScreen {
    fn handle(&mut self, input: Input<'_>, ctx: &mut Ctx) -> Transition {
        let Input::Key(key) = input else { return Transition::Stay };
        let contexts = self.contexts();
        if contexts == [Context::Inspector] {
            return self.sim.handle(input);
        }
        let action = keymap::action_for(key, contexts);
        if self.graded.is_some() {
            return self.handle_verdict(action, &ctx.course);
        }
        self.note = None;
        match action {
            Some(Action::Submit) => self.submit(&mut ctx.progress),
            Some(Action::Hint) => self.reveal_hint(),
            Some(Action::PrevKnob) => self.knobs.select(false, self.lab.knobs.len()),
            Some(Action::NextKnob) => self.knobs.select(true, self.lab.knobs.len()),
            Some(Action::Up) => self.turn(true),
            Some(Action::Down) => self.turn(false),
            Some(Action::ResetKnobs) => self.set_knobs(self.knobs.reset()),
            _ => return self.sim.handle(input),
        }
        Transition::Stay
    }

    fn prepare(&mut self, area: Rect, _ctx: &Ctx) {
        // The hint first: its lines decide the goals panel's height.
        let width = usize::from(area.width.saturating_sub(4)).max(1);
        self.hint_lines = match self.hints_shown.checked_sub(1) {
            Some(i) => {
                let text = strings::lab_hint(i, self.lab.hints.len(), &self.lab.hints[i]);
                widgets::wrap(&crate::text::sanitize(&text.replace(['*', '`'], "")), width)
                    .into_iter()
                    .take(3)
                    .collect()
            }
            None => Vec::new(),
        };
        let [_, sim, _, _] = self.areas(area);
        self.sim.prepare(sim);
        // Before the first event there is nothing to measure: a latency of
        // 0 ms would read as a goal met.
        let begun = self.sim.engine().now_us() > 0 || self.sim.live_summary().events > 0;
        let summary = self.sim.live_summary();
        self.live = self.lab.goals.iter().map(|g| summary_metric(summary, &g.metric).filter(|_| begun)).collect();
        if let Some(graded) = &mut self.graded {
            graded.prepare(area);
        }
    }

    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let theme = &ctx.theme;
        let [header, sim, goals_area, knob_bar] = self.areas(area);
        let status = strings::lab_status(ctx.progress.lab_status(&self.lab.id));
        let right = match &self.note {
            Some(note) => note.clone(),
            None if self.lab.hints.is_empty() => format!("{status} "),
            None => format!("{} · {status} ", strings::lab_hints_shown(self.hints_shown, self.lab.hints.len())),
        };
        widgets::title_bar(
            header,
            buf,
            theme,
            vec![
                Span::styled(format!(" {} ", strings::LAB_TITLE), theme.title),
                Span::styled(crate::text::sanitize(&self.lab.id).into_owned(), theme.accent),
                Span::styled(format!(" — {}", crate::text::sanitize(&self.lab.title)), theme.dim),
            ],
            &right,
        );
        self.sim.render(sim, buf, theme);
        let live =
            goals::Live { values: &self.live, finished: self.sim.engine().is_finished(), hint: &self.hint_lines };
        goals::render(goals_area, buf, theme, &self.lab, &live);
        knobs::render(knob_bar, buf, theme, &self.lab, &self.knobs);
        if let Some(graded) = &self.graded {
            let lesson =
                self.lesson_index(&ctx.course).map_or(self.lab.lesson.as_str(), |l| &ctx.course.lessons[l].meta.title);
            graded.render(area, buf, theme, &self.lab, lesson);
        }
    }

    fn contexts(&self) -> &'static [Context] {
        LabScreen::contexts(self)
    }

    fn tick_interval(&self, covered: bool) -> Option<Duration> {
        (self.sim.is_playing() && !covered && self.graded.is_none()).then_some(super::simulator::TICK)
    }

    fn tick(&mut self, now: Instant, _ctx: &mut Ctx) {
        self.sim.tick(now);
    }
}
