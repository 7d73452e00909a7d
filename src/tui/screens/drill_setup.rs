//! Setting up a drill before it starts: its length (minutes, or a question
//! count) and its topics, several at a time, each shown with the learner's
//! accuracy and recall. The weakest topics are selected to begin with, as
//! the stats screen's `d` drills them; with nothing selected the drill
//! takes every topic, weighted toward the weakest, as `drill` does on the
//! command line. The set-up chosen is remembered for the next drill.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::practice::drill::{DEFAULT_MINUTES, DrillOptions, TopicStanding, standings};
use crate::study::{DrillSetup, DrillSize};
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};
use crate::tui::list::ListView;
use crate::tui::screens::{Ctx, Input, Launch, Transition, View};
use crate::tui::strings;
use crate::tui::widgets::{self, pad, truncate};

/// The lengths ← and → step through (the command line takes any 1–180
/// minutes; a remembered length between two steps is kept until changed).
const MINUTES: [usize; 11] = [1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120];
const COUNTS: [usize; 9] = [5, 10, 15, 20, 25, 30, 40, 50, 100];
/// The figures beside each topic: "{:>6} {:>8} {:>7} {:>10}".
const FIGURES_WIDTH: usize = 34;
/// A question count's default.
const DEFAULT_COUNT: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Length,
    /// The topics' heading and column names.
    Heading,
    Topic(usize),
    Start,
}

#[derive(Debug)]
pub struct DrillSetupScreen {
    rows: Vec<Row>,
    list: ListView,
    by_count: bool,
    minutes: usize,
    count: usize,
    topics: Vec<TopicStanding>,
    picked: Vec<bool>,
    /// The selection is "the weakest topics", untouched by hand: remembered
    /// as such, so the next drill picks the weakest of that day.
    weakest: bool,
}

impl DrillSetupScreen {
    pub const CONTEXTS: &'static [Context] = &[Context::DrillSetup];

    /// The set-up remembered from the last drill, else 15 minutes on the
    /// weakest topics.
    pub fn new(ctx: &Ctx) -> Self {
        let store = ctx.progress.store();
        let topics = standings(&ctx.course, store, &ctx.truth, ctx.clock.wall()).unwrap_or_default();
        let saved = store.and_then(|s| s.drill_setup().ok().flatten());
        let (by_count, minutes, count) = match saved.as_ref().map(|s| s.size) {
            Some(DrillSize::Count(n)) => (true, DEFAULT_MINUTES as usize, n.clamp(1, 1000)),
            Some(DrillSize::Minutes(m)) => (false, (m as usize).clamp(1, 180), DEFAULT_COUNT),
            None => (false, DEFAULT_MINUTES as usize, DEFAULT_COUNT),
        };
        let mut rows = vec![Row::Length, Row::Heading];
        rows.extend((0..topics.len()).map(Row::Topic));
        rows.push(Row::Start);
        let selectable = rows.iter().map(|r| *r != Row::Heading).collect();
        let mut screen = Self {
            rows,
            list: ListView::new(selectable),
            by_count,
            minutes,
            count,
            picked: vec![false; topics.len()],
            topics,
            weakest: true,
        };
        match saved.and_then(|s| s.topics) {
            // Topics chosen by hand last time, those still installed (none
            // left: the weakest again).
            Some(chosen) if chosen.is_empty() || screen.topics.iter().any(|t| chosen.contains(&t.topic)) => {
                screen.picked = screen.topics.iter().map(|t| chosen.contains(&t.topic)).collect();
                screen.weakest = false;
            }
            _ => screen.pick_weakest(),
        }
        screen.list.select(0);
        screen
    }

    fn pick_weakest(&mut self) {
        self.picked = self.topics.iter().map(|t| t.weak).collect();
        self.weakest = true;
    }

    fn chosen(&self) -> Vec<String> {
        self.topics.iter().zip(&self.picked).filter(|(_, p)| **p).map(|(t, _)| t.topic.clone()).collect()
    }

    /// What the drill will be: the options to start it with.
    pub fn options(&self, seed: u64) -> DrillOptions {
        DrillOptions {
            minutes: (!self.by_count).then(|| u32::try_from(self.minutes).unwrap_or(DEFAULT_MINUTES)),
            count: self.by_count.then_some(self.count),
            topics: self.chosen(),
            seed,
        }
    }

    fn setup(&self) -> DrillSetup {
        let options = self.options(0);
        DrillSetup { size: options.size(), topics: (!self.weakest).then_some(options.topics) }
    }

    /// One step along the presets, from wherever the value is.
    fn step(&mut self, longer: bool) {
        let (value, presets): (&mut usize, &[usize]) =
            if self.by_count { (&mut self.count, &COUNTS) } else { (&mut self.minutes, &MINUTES) };
        let next = if longer {
            presets.iter().copied().find(|p| *p > *value)
        } else {
            presets.iter().rev().copied().find(|p| *p < *value)
        };
        if let Some(next) = next {
            *value = next;
        }
    }

    fn toggle(&mut self) {
        match self.list.selected().and_then(|i| self.rows.get(i)) {
            Some(Row::Topic(t)) => {
                let t = *t;
                self.picked[t] = !self.picked[t];
                self.weakest = false;
            }
            Some(Row::Length) => self.by_count = !self.by_count,
            _ => {}
        }
    }

    /// Remember the set-up, then open the drill in this screen's place.
    fn start(&self, ctx: &mut Ctx) -> Transition {
        let at = ctx.clock.wall().to_utc();
        if let Some(store) = ctx.progress.store_mut()
            && let Err(e) = store.set_drill_setup(&self.setup(), at)
        {
            ctx.progress.error = Some(e.to_string());
        }
        Transition::Switch(Launch::Drill(self.options(ctx.clock.seed())))
    }

    fn length_text(&self) -> String {
        if self.by_count { strings::drill_length(true, self.count) } else { strings::drill_length(false, self.minutes) }
    }

    fn areas(area: Rect) -> [Rect; 3] {
        Layout::vertical([Constraint::Length(1), Constraint::Min(3), Constraint::Length(1)]).areas(area)
    }

    /// The topic names' column: as wide as the longest name, so the
    /// figures sit beside them on a wide screen, and never wider than fits.
    fn name_width(&self, width: usize) -> usize {
        let longest = self.topics.iter().map(|t| crate::text::width(&t.topic)).max().unwrap_or(0);
        // Marker, box, the figures and " weak" take the rest.
        (longest + 2).min(width.saturating_sub(2 + 4 + FIGURES_WIDTH + 5))
    }

    fn topic_line(&self, t: usize, selected: bool, width: usize, ctx: &Ctx) -> Line<'static> {
        let theme = &ctx.theme;
        let topic = &self.topics[t];
        let boxed = if self.picked[t] { "[x] " } else { "[ ] " };
        let pct = |x: Option<f64>| x.map_or_else(|| "–".to_owned(), |x| format!("{:.0}%", x * 100.0));
        let figures = format!(
            "{:>6} {:>8} {:>7} {:>10}",
            pct(topic.accuracy),
            topic.answered,
            pct(topic.recall),
            topic.questions
        );
        let weak = if topic.weak { format!(" {}", strings::SETUP_WEAK) } else { String::new() };
        let room = self.name_width(width);
        let name = crate::text::sanitize(&topic.topic).into_owned();
        widgets::selectable_row(
            selected,
            theme,
            [
                Span::styled(boxed, theme.base),
                Span::styled(pad(&truncate(&name, room), room), theme.base),
                Span::styled(figures, theme.dim),
                Span::styled(weak, theme.warn),
            ],
        )
    }
}

impl View for DrillSetupScreen {
    fn contexts(&self) -> &'static [Context] {
        Self::CONTEXTS
    }

    fn handle(&mut self, input: Input<'_>, ctx: &mut Ctx) -> Transition {
        let action = match input {
            Input::Key(key) => keymap::action_for(key, Self::CONTEXTS),
            Input::Mouse(mouse) => {
                if self.list.handle_mouse(mouse) {
                    if self.list.selected().and_then(|i| self.rows.get(i)) == Some(&Row::Start) {
                        return self.start(ctx);
                    }
                    self.toggle();
                }
                return Transition::Stay;
            }
        };
        match action {
            Some(Action::Quit) => Transition::Quit,
            Some(Action::Back) => Transition::Pop,
            Some(Action::Start) => self.start(ctx),
            Some(Action::Toggle) => {
                self.toggle();
                Transition::Stay
            }
            Some(Action::Shorter | Action::Longer) => {
                self.step(action == Some(Action::Longer));
                Transition::Stay
            }
            Some(Action::SwitchSize) => {
                self.by_count = !self.by_count;
                Transition::Stay
            }
            Some(Action::PickWeakest) => {
                self.pick_weakest();
                Transition::Stay
            }
            Some(Action::PickAll) => {
                self.picked.iter_mut().for_each(|p| *p = false);
                self.weakest = false;
                Transition::Stay
            }
            Some(a) => {
                self.list.apply(a);
                Transition::Stay
            }
            None => Transition::Stay,
        }
    }

    fn prepare(&mut self, area: Rect, _ctx: &Ctx) {
        let [_, list, _] = Self::areas(area);
        self.list.prepare(list.inner(Margin::new(1, 1)));
    }

    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let theme = &ctx.theme;
        let [title, list, status] = Self::areas(area);
        widgets::title_bar(
            title,
            buf,
            theme,
            vec![
                Span::styled(format!(" {} ", strings::DRILL), theme.module),
                Span::styled("› ", theme.dim),
                Span::styled(strings::SETUP_TITLE, theme.title),
            ],
            &format!("{} ", self.length_text()),
        );
        let block = widgets::panel(theme, strings::SETUP_PANEL, true);
        let inner = block.inner(list);
        block.render(list, buf);
        let width = usize::from(inner.width);
        let lines: Vec<Line<'_>> = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let selected = self.list.selected() == Some(i);
                match row {
                    Row::Length => widgets::selectable_row(
                        selected,
                        theme,
                        [
                            Span::styled(format!("{:<10}", strings::LENGTH_LABEL), theme.module),
                            Span::styled(format!("◂ {} ▸  ", self.length_text()), theme.title),
                            Span::styled(strings::switch_length(self.by_count), theme.dim),
                        ],
                    ),
                    Row::Heading => {
                        let [right, answers, recall, questions] = strings::SETUP_COLUMNS;
                        let figures = format!("{right:>6} {answers:>8} {recall:>7} {questions:>10}");
                        // Lined up with the topic rows' figures.
                        let room = self.name_width(width) + 6;
                        Line::from(vec![
                            Span::styled(pad(strings::SETUP_TOPICS, room), theme.module),
                            Span::styled(figures, theme.dim),
                        ])
                    }
                    Row::Topic(t) => self.topic_line(*t, selected, width, ctx),
                    Row::Start => {
                        widgets::selectable_row(selected, theme, [Span::styled(strings::SETUP_START, theme.accent)])
                    }
                }
            })
            .collect();
        self.list.render_lines(inner, buf, lines);
        let mut length = self.length_text();
        if self.by_count {
            length = format!("{length} (at most {})", strings::drill_length(false, DEFAULT_MINUTES as usize));
        }
        let text = strings::setup_summary(&length, &self.chosen(), self.weakest, self.topics.len());
        Paragraph::new(Span::styled(format!(" {text}"), theme.dim)).render(status, buf);
    }
}
