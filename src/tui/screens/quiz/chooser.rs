//! Choosing what to practise: every installed pack with its number of
//! questions, every topic across packs, and "all questions". Several packs
//! and topics may be selected; a quiz takes the questions of the selected
//! packs (all packs if none) in the selected topics (all if none).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::course::Course;
use crate::quiz::practice::{QuizSpec, askable};
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};
use crate::tui::list::ListView;
use crate::tui::screens::{Ctx, Input, Launch, Transition, View};
use crate::tui::strings;
use crate::tui::widgets;
use crate::tui::widgets::{pad, truncate};

/// Questions per quiz, as `c` cycles them (`None`: all).
const COUNTS: [Option<usize>; 4] = [Some(5), Some(10), Some(20), None];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    All,
    Section(&'static str),
    /// Index into the course's packs.
    Pack(usize),
    Topic(String),
}

#[derive(Debug)]
pub struct ChooserScreen {
    rows: Vec<Row>,
    picked: Vec<bool>,
    list: ListView,
    count: Option<usize>,
}

impl ChooserScreen {
    pub const CONTEXTS: &'static [Context] = &[Context::Chooser];

    pub fn new(course: &Course) -> Self {
        let mut rows = vec![Row::All, Row::Section(strings::PACKS)];
        rows.extend((0..course.packs.len()).map(Row::Pack));
        let mut topics: Vec<&str> = course.packs.iter().flat_map(crate::quiz::Pack::topics).collect();
        topics.sort_unstable();
        topics.dedup();
        rows.push(Row::Section(strings::TOPICS));
        rows.extend(topics.into_iter().map(|t| Row::Topic(t.to_owned())));
        let selectable = rows.iter().map(|r| !matches!(r, Row::Section(_))).collect();
        let picked = vec![false; rows.len()];
        Self { rows, picked, list: ListView::new(selectable), count: Some(10) }
    }

    /// The spec of the quiz the selection (or the highlighted row) asks for.
    pub fn spec(&self, course: &Course, seed: u64) -> QuizSpec {
        let chosen: Vec<&Row> = if self.picked.iter().any(|p| *p) {
            self.rows.iter().zip(&self.picked).filter(|(_, p)| **p).map(|(r, _)| r).collect()
        } else {
            self.list.selected().and_then(|i| self.rows.get(i)).into_iter().collect()
        };
        let mut spec = QuizSpec { count: self.count, seed, ..QuizSpec::default() };
        for row in chosen {
            match row {
                Row::Pack(p) => spec.packs.push(course.packs[*p].meta.id.clone()),
                Row::Topic(t) => spec.topics.push(t.clone()),
                Row::All | Row::Section(_) => {}
            }
        }
        spec
    }

    /// How many questions a spec would draw from (before the count).
    fn available(course: &Course, spec: &QuizSpec) -> usize {
        course
            .packs
            .iter()
            .filter(|p| spec.packs.is_empty() || spec.packs.contains(&p.meta.id))
            .flat_map(|p| &p.questions)
            .filter(|q| askable(&q.kind) && (spec.topics.is_empty() || spec.topics.contains(&q.topic)))
            .count()
    }

    /// Select or unselect the highlighted pack or topic; on "all
    /// questions", clear the selection.
    fn toggle(&mut self) {
        let Some(i) = self.list.selected() else { return };
        match self.rows.get(i) {
            Some(Row::All) => self.picked.iter_mut().for_each(|p| *p = false),
            Some(Row::Pack(_) | Row::Topic(_)) => self.picked[i] = !self.picked[i],
            _ => {}
        }
    }

    fn areas(area: Rect) -> [Rect; 3] {
        Layout::vertical([Constraint::Length(1), Constraint::Min(3), Constraint::Length(1)]).areas(area)
    }
}

impl View for ChooserScreen {
    fn contexts(&self) -> &'static [Context] {
        Self::CONTEXTS
    }

    fn handle(&mut self, input: Input<'_>, ctx: &mut Ctx) -> Transition {
        let action = match input {
            Input::Key(key) => keymap::action_for(key, Self::CONTEXTS),
            Input::Mouse(mouse) => {
                if self.list.handle_mouse(mouse) {
                    self.toggle();
                }
                return Transition::Stay;
            }
        };
        match action {
            Some(Action::Quit) => Transition::Quit,
            Some(Action::Back) => Transition::Pop,
            Some(Action::Toggle) => {
                self.toggle();
                Transition::Stay
            }
            Some(Action::CycleCount) => {
                let at = COUNTS.iter().position(|c| *c == self.count).unwrap_or(0);
                self.count = COUNTS[(at + 1) % COUNTS.len()];
                Transition::Stay
            }
            Some(Action::Start) => {
                let spec = self.spec(&ctx.course, ctx.clock.seed());
                Transition::Launch(Launch::Quiz(spec))
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
        let (course, theme) = (&ctx.course, &ctx.theme);
        let [title, list, status] = Self::areas(area);
        widgets::title_bar(
            title,
            buf,
            theme,
            vec![
                Span::styled(format!(" {} ", strings::QUIZ), theme.module),
                Span::styled("› ", theme.dim),
                Span::styled(strings::CHOOSE_TITLE, theme.title),
            ],
            &format!("{} ", strings::per_quiz(self.count)),
        );
        let block = widgets::panel(theme, strings::PACKS_AND_TOPICS, true);
        let inner = block.inner(list);
        block.render(list, buf);
        let room = usize::from(inner.width);
        let lines: Vec<Line<'_>> = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let selected = self.list.selected() == Some(i);
                let style = if selected { theme.selected } else { theme.base };
                let marker = Span::styled(if selected { "▶ " } else { "  " }, style);
                let boxed = if self.picked[i] { "[x] " } else { "[ ] " };
                let (label, count) = match row {
                    Row::Section(name) => return Line::from(Span::styled(*name, theme.module)),
                    Row::All => (strings::ALL_QUESTIONS.to_owned(), Self::available(course, &QuizSpec::default())),
                    Row::Pack(p) => {
                        let pack = &course.packs[*p];
                        let spec = QuizSpec { packs: vec![pack.meta.id.clone()], ..QuizSpec::default() };
                        (format!("{boxed}{}", crate::text::sanitize(&pack.meta.title)), Self::available(course, &spec))
                    }
                    Row::Topic(t) => {
                        let spec = QuizSpec { topics: vec![t.clone()], ..QuizSpec::default() };
                        (format!("{boxed}{}", crate::text::sanitize(t)), Self::available(course, &spec))
                    }
                };
                let count = count.to_string();
                let width = room.saturating_sub(2 + count.len() + 1);
                Line::from(vec![
                    marker,
                    Span::styled(pad(&truncate(&label, width), width + 1), style),
                    Span::styled(count, if selected { style } else { theme.dim }),
                ])
            })
            .collect();
        self.list.render_lines(inner, buf, lines);
        let spec = self.spec(course, 0);
        let available = Self::available(course, &spec);
        let asked = self.count.map_or(available, |c| c.min(available));
        let text = if self.picked.iter().any(|p| *p) {
            strings::selection(spec.packs.len(), spec.topics.len(), available, asked)
        } else {
            strings::NOTHING_SELECTED.to_owned()
        };
        Paragraph::new(Span::styled(format!(" {text}"), theme.dim)).render(status, buf);
    }
}
