//! The home screen: what to do next, and the course map.
//!
//! - [`marks`]: each lesson's state and each module's recall (FSRS).
//! - [`topics`]: each begun topic's recall now (FSRS) and its cards.

mod marks;
mod topics;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{Ctx, Input, Launch, Screen, Transition, View};
use crate::course::Course;
use crate::practice::next::Step;
use crate::study::Resume;
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};
use crate::tui::list::ListView;
use crate::tui::progress::{BUILTIN_COURSE, POSITION_SCALE, Progress};
use crate::tui::screens::{ReaderScreen, ScenarioPicker, SearchScreen};
use crate::tui::strings;
use crate::tui::theme::Theme;
use crate::tui::widgets::{self, first_paragraph, pad, progress_bar, truncate};

/// One row of the home screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A section title ("Start").
    Section(&'static str),
    /// The one recommended step: Enter takes it.
    NextUp,
    /// Continue reading a lesson at a saved position.
    Continue {
        lesson: usize,
        position: usize,
    },
    Module(usize),
    Lesson(usize),
    /// A begun topic: index into the marks' topics.
    Topic(usize),
    /// The simulator's scenario picker.
    Simulator,
    /// Quiz, review, drill, stats.
    Start(StartRow),
}

/// The study rows of the "Start" section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartRow {
    /// The unfinished quiz.
    ContinueQuiz,
    Quiz,
    Review,
    Drill,
    /// The labs, in the scenario picker.
    Labs,
    Stats,
}

#[derive(Debug)]
pub struct HomeScreen {
    rows: Vec<Row>,
    list: ListView,
    /// The selected lesson's opening paragraph, laid out for the detail
    /// pane: (lesson, width, lines). Redone only when either changes.
    preview: Option<(usize, usize, crate::markdown::Layout)>,
    /// "Lambda basics — question 3 of 10": the unfinished quiz.
    quiz: Option<String>,
    /// The step "Next up" offers.
    next: Option<Step>,
    /// (due, new) for "Review (N due · M new)".
    reviews: (usize, usize),
    /// (solved, total) for "Labs (3 of 17 solved)".
    labs: (usize, usize),
    marks: marks::Marks,
}

impl HomeScreen {
    pub fn new(course: &Course, progress: &Progress) -> Self {
        let mut rows = Vec::new();
        let resume = match &progress.resume {
            Some(Resume::Lesson { course: c, lesson, position, .. }) => course
                .lessons
                .iter()
                .position(|l| l.meta.id == *lesson && l.course.as_deref().unwrap_or(BUILTIN_COURSE) == c)
                .map(|l| Row::Continue { lesson: l, position: *position as usize }),
            _ => None,
        };
        let quiz = progress.store().and_then(|s| s.quiz_progress().ok().flatten()).map(|q| q.description);
        let now = crate::study::local_now();
        let next = crate::practice::next::next_step(course, progress.store(), now).ok();
        let reviews = progress
            .store()
            .and_then(|s| crate::practice::review::counts(&course.packs, s, now).ok())
            .unwrap_or((progress.due_reviews, 0));
        if next.is_some() && !course.lessons.is_empty() {
            rows.push(Row::Section(strings::NEXT_UP));
            rows.push(Row::NextUp);
        }
        rows.push(Row::Section(strings::START));
        if quiz.is_some() {
            rows.push(Row::Start(StartRow::ContinueQuiz));
        }
        rows.extend(
            [StartRow::Quiz, StartRow::Review, StartRow::Drill, StartRow::Labs, StartRow::Stats].map(Row::Start),
        );
        let lab_ids = crate::lab::builtin_ids();
        let solved = lab_ids.iter().filter(|id| progress.lab_status(id) == crate::practice::lab::Status::Solved);
        let labs = (solved.count(), lab_ids.len());
        // "Continue" only when it offers something "Next up" does not: not
        // the same lesson again, nor a lesson read to its end.
        let resume = resume.filter(|row| match (row, &next) {
            (Row::Continue { lesson, .. }, Some(Step::Continue { lesson: next, .. })) if lesson == next => false,
            (Row::Continue { lesson, position }, _) => {
                !(progress.is_completed(&course.lessons[*lesson]) && *position >= POSITION_SCALE)
            }
            _ => true,
        });
        if let Some(row) = resume {
            rows.push(row);
        }
        for (m, module) in course.modules.iter().enumerate() {
            rows.push(Row::Module(m));
            rows.extend(module.lessons.iter().map(|&l| Row::Lesson(l)));
        }
        let marks = marks::Marks::new(course, progress);
        if !marks.topics.is_empty() {
            rows.push(Row::Section(strings::TOPICS_HOME_SECTION));
            rows.extend((0..marks.topics.len()).map(Row::Topic));
        }
        rows.push(Row::Section(strings::SIM_HOME_SECTION));
        rows.push(Row::Simulator);
        let selectable: Vec<bool> = rows
            .iter()
            .map(|r| {
                matches!(
                    r,
                    Row::NextUp
                        | Row::Lesson(_)
                        | Row::Topic(_)
                        | Row::Continue { .. }
                        | Row::Start(_)
                        | Row::Simulator
                )
            })
            .collect();
        let mut list = ListView::new(selectable);
        // Start where the learner left off: the unfinished quiz, the lesson
        // being read, else the first lesson.
        // An unfinished quiz comes first: it is the learner's own next step.
        let preferred = rows
            .iter()
            .position(|r| *r == Row::Start(StartRow::ContinueQuiz))
            .or_else(|| rows.iter().position(|r| *r == Row::NextUp))
            .or_else(|| rows.iter().position(|r| matches!(r, Row::Continue { .. })))
            .or_else(|| rows.iter().position(|r| matches!(r, Row::Lesson(_))));
        if let Some(i) = preferred {
            list.select(i);
        }
        Self { rows, list, quiz, preview: None, next, reviews, labs, marks }
    }

    /// Rebuild the rows from the course and progress (what "Continue"
    /// offers, the marks), keeping the learner's selection.
    pub fn refresh(&mut self, course: &Course, progress: &Progress) {
        let selected = self.list.selected().and_then(|i| self.rows.get(i)).cloned();
        let topic = self.selected_topic().map(|t| t.topic.clone());
        let preview = self.preview.take();
        *self = Self::new(course, progress);
        self.preview = preview;
        match selected {
            Some(Row::Lesson(l) | Row::Continue { lesson: l, .. }) => self.select_lesson(l),
            Some(Row::Simulator) => self.select_simulator(),
            Some(Row::Start(row)) => self.select_start(row),
            // The same topic, wherever its recall now sorts it.
            Some(Row::Topic(_)) => {
                if let Some(t) = self.marks.topics.iter().position(|m| Some(&m.topic) == topic.as_ref()) {
                    self.select_row(&Row::Topic(t));
                }
            }
            Some(Row::NextUp | Row::Section(_) | Row::Module(_)) | None => {}
        }
    }

    /// The selected study row, if one is selected.
    pub fn selected_start(&self) -> Option<StartRow> {
        match self.rows.get(self.list.selected()?) {
            Some(Row::Start(row)) => Some(*row),
            _ => None,
        }
    }

    /// The selected topic's marks, if a topic is selected.
    fn selected_topic(&self) -> Option<&topics::TopicMark> {
        match self.rows.get(self.list.selected()?) {
            Some(Row::Topic(t)) => self.marks.topics.get(*t),
            _ => None,
        }
    }

    fn select_row(&mut self, row: &Row) {
        if let Some(i) = self.rows.iter().position(|r| r == row) {
            self.list.select(i);
        }
    }

    /// Select a study row (after a rebuild, keep the learner's place).
    pub fn select_start(&mut self, row: StartRow) {
        if let Some(i) = self.rows.iter().position(|r| *r == Row::Start(row)) {
            self.list.select(i);
        }
    }

    /// Select a lesson's row (after a rebuild, keep the learner's place).
    pub fn select_lesson(&mut self, lesson: usize) {
        if let Some(i) = self.rows.iter().position(|r| *r == Row::Lesson(lesson)) {
            self.list.select(i);
        }
    }

    pub const CONTEXTS: &'static [Context] = &[Context::List];

    /// Whether the simulator's row is selected (kept across a rebuild).
    pub fn on_simulator(&self) -> bool {
        self.list.selected().and_then(|i| self.rows.get(i)) == Some(&Row::Simulator)
    }

    pub fn select_simulator(&mut self) {
        if let Some(i) = self.rows.iter().position(|r| *r == Row::Simulator) {
            self.list.select(i);
        }
    }

    pub fn selected_lesson(&self) -> Option<usize> {
        match self.rows.get(self.list.selected()?) {
            Some(Row::Lesson(l) | Row::Continue { lesson: l, .. }) => Some(*l),
            _ => None,
        }
    }

    fn open(&self, course: &Course, progress: &Progress) -> Transition {
        match self.list.selected().and_then(|i| self.rows.get(i)) {
            Some(Row::NextUp) => self.next.as_ref().map_or(Transition::Stay, |step| take_step(step, course)),
            Some(Row::Lesson(l)) => Transition::Push(Screen::Reader(Box::new(ReaderScreen::open(course, *l)))),
            Some(Row::Continue { lesson, position }) => {
                Transition::Push(Screen::Reader(Box::new(ReaderScreen::open_at(course, *lesson, *position))))
            }
            Some(Row::Simulator) => Transition::Push(Screen::Scenarios(ScenarioPicker::new(course, progress))),
            Some(Row::Topic(t)) => match self.marks.topics.get(*t).and_then(|m| m.lesson_to_open(course, progress)) {
                Some(l) => Transition::Push(Screen::Reader(Box::new(ReaderScreen::open(course, l)))),
                None => Transition::Stay,
            },
            Some(Row::Start(row)) => match row {
                StartRow::Labs => Transition::Push(Screen::Scenarios(ScenarioPicker::labs(course, progress))),
                StartRow::ContinueQuiz => Transition::Launch(Launch::ResumeQuiz),
                StartRow::Quiz => Transition::Launch(Launch::Chooser),
                StartRow::Review => Transition::Launch(Launch::Review),
                StartRow::Drill => Transition::Launch(Launch::NewDrill),
                StartRow::Stats => Transition::Launch(Launch::Stats),
            },
            _ => Transition::Stay,
        }
    }

    fn render_map(&self, area: Rect, buf: &mut Buffer, course: &Course, theme: &Theme, progress: &Progress) {
        let block = widgets::panel(theme, strings::COURSE, true);
        let inner = block.inner(area);
        block.render(area, buf);
        if course.lessons.is_empty() {
            Paragraph::new(strings::NO_LESSONS).style(theme.warn).wrap(Wrap { trim: true }).render(inner, buf);
            return;
        }
        let lines: Vec<Line<'_>> = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let selected = self.list.selected() == Some(i);
                let row_of = |cells: Vec<Span<'static>>| widgets::selectable_row(selected, theme, cells);
                match row {
                    Row::Section(name) => Line::from(Span::styled(*name, theme.module)),
                    Row::NextUp => {
                        let label = self.next.as_ref().map(|s| s.label(course)).unwrap_or_default();
                        let room = usize::from(inner.width).saturating_sub(2);
                        row_of(vec![Span::styled(pad(&truncate(&label, room), room), theme.accent)])
                    }
                    Row::Topic(t) => {
                        let text = self.marks.topics.get(*t).map(|m| m.row(usize::from(inner.width).saturating_sub(2)));
                        row_of(vec![Span::styled(text.unwrap_or_default(), theme.base)])
                    }
                    Row::Simulator => {
                        let room = usize::from(inner.width).saturating_sub(2);
                        row_of(vec![Span::styled(pad(&truncate(strings::SIM_HOME_ROW, room), room), theme.base)])
                    }
                    Row::Start(start) => {
                        let label = match start {
                            StartRow::ContinueQuiz => {
                                let what = self.quiz.as_deref().map(crate::text::sanitize).unwrap_or_default();
                                format!("{} {what}", strings::CONTINUE_QUIZ)
                            }
                            StartRow::Quiz => strings::QUIZ.to_owned(),
                            StartRow::Review => strings::review_row(self.reviews.0, self.reviews.1),
                            StartRow::Drill => strings::DRILL.to_owned(),
                            StartRow::Labs => strings::labs_row(self.labs.0, self.labs.1),
                            StartRow::Stats => strings::STATS.to_owned(),
                        };
                        let room = usize::from(inner.width).saturating_sub(2);
                        row_of(vec![Span::styled(pad(&truncate(&label, room), room), theme.base)])
                    }
                    Row::Continue { lesson, .. } => {
                        let title = crate::text::sanitize(&course.lessons[*lesson].meta.title).into_owned();
                        let label = format!("{} {title}", strings::CONTINUE);
                        let room = usize::from(inner.width).saturating_sub(2);
                        row_of(vec![Span::styled(pad(&truncate(&label, room), room), theme.base)])
                    }
                    Row::Module(m) => {
                        let module = &course.modules[*m];
                        let (done, total) = progress.completed_of(module.lessons.iter().map(|&l| &course.lessons[l]));
                        // Installed courses are marked with their course id.
                        let name = match &module.course {
                            Some(c) => crate::text::sanitize(&format!("{} · {c}", module.name)).into_owned(),
                            None => crate::text::sanitize(&module.name).into_owned(),
                        };
                        let bar = progress_bar(done, total, 10);
                        let recall = self.marks.module_recall(*m).unwrap_or_default();
                        let right = format!("{bar} {done}/{total}{recall}");
                        let room = usize::from(inner.width).saturating_sub(crate::text::width(&right) + 1);
                        Line::from(vec![
                            Span::styled(pad(&truncate(&name, room), room + 1), theme.module),
                            Span::styled(right, theme.dim),
                        ])
                    }
                    Row::Lesson(l) => {
                        let lesson = &course.lessons[*l];
                        let mark = self.marks.lesson_mark(course, progress, *l);
                        let number = format!("{:>2}. ", lesson.meta.order);
                        let minutes = strings::minutes(lesson.meta.minutes);
                        let title = crate::text::sanitize(&lesson.meta.title);
                        let room = usize::from(inner.width).saturating_sub(4 + number.len() + minutes.len() + 2);
                        let title = truncate(&title, room);
                        row_of(vec![
                            Span::styled(mark, theme.good),
                            Span::styled(number, theme.dim),
                            Span::styled(pad(&title, room + 2), theme.base),
                            Span::styled(minutes, theme.dim),
                        ])
                    }
                }
            })
            .collect();
        self.list.render_lines(inner, buf, lines);
    }

    fn render_detail(&self, area: Rect, buf: &mut Buffer, course: &Course, theme: &Theme, progress: &Progress) {
        if let Some(topic) = self.selected_topic() {
            let block = widgets::panel(theme, strings::TOPIC, false);
            let inner = block.inner(area);
            block.render(area, buf);
            Paragraph::new(topic.detail(course, progress, theme)).wrap(Wrap { trim: true }).render(inner, buf);
            return;
        }
        if self.on_simulator() {
            let block = widgets::panel(theme, strings::SIM_TITLE, false);
            let inner = block.inner(area);
            block.render(area, buf);
            let lines = vec![
                Line::from(Span::styled(strings::SIM_HOME_ROW, theme.title)),
                Line::default(),
                Line::from(strings::SIM_HOME_DETAIL),
                Line::default(),
                Line::from(Span::styled(strings::SIM_PICKER_HINT, theme.key)),
            ];
            Paragraph::new(lines).wrap(Wrap { trim: true }).render(inner, buf);
            return;
        }
        if let (Some(Row::NextUp), Some(step)) = (self.list.selected().and_then(|i| self.rows.get(i)), &self.next) {
            let block = widgets::panel(theme, strings::NEXT_UP, false);
            let inner = block.inner(area);
            block.render(area, buf);
            let lines = vec![
                Line::from(Span::styled(step.label(course), theme.title)),
                Line::default(),
                Line::from(step.reason()),
                Line::default(),
                Line::from(Span::styled(strings::NEXT_UP_HINT, theme.key)),
            ];
            Paragraph::new(lines).wrap(Wrap { trim: true }).render(inner, buf);
            return;
        }
        if let Some(start) = self.selected_start() {
            let (title, text) = match start {
                StartRow::ContinueQuiz => (strings::CONTINUE_QUIZ, strings::CONTINUE_QUIZ_HELP),
                StartRow::Quiz => (strings::QUIZ, strings::START_QUIZ_HELP),
                StartRow::Review => (strings::REVIEW, strings::START_REVIEW_HELP),
                StartRow::Drill => (strings::DRILL, strings::START_DRILL_HELP),
                StartRow::Labs => (strings::LABS, strings::LABS_ROW_DETAIL),
                StartRow::Stats => (strings::STATS, strings::START_STATS_HELP),
            };
            let block = widgets::panel(theme, title.trim_end_matches(':'), false);
            let inner = block.inner(area);
            block.render(area, buf);
            let mut lines = Vec::new();
            if let (StartRow::ContinueQuiz, Some(quiz)) = (start, &self.quiz) {
                lines.push(Line::from(Span::styled(crate::text::sanitize(quiz).into_owned(), theme.title)));
                lines.push(Line::default());
            }
            lines.push(Line::from(text));
            Paragraph::new(lines).wrap(Wrap { trim: true }).render(inner, buf);
            return;
        }
        let block = widgets::panel(theme, strings::LESSON, false);
        let inner = block.inner(area);
        block.render(area, buf);
        let Some(l) = self.selected_lesson() else { return };
        let lesson = &course.lessons[l];
        let mut lines = vec![
            Line::from(Span::styled(crate::text::sanitize(&lesson.meta.title).into_owned(), theme.title)),
            Line::default(),
            Line::from(vec![
                Span::styled(format!("{}: ", strings::MODULE_LABEL), theme.dim),
                Span::raw(crate::text::sanitize(&lesson.meta.module).into_owned()),
                Span::styled(format!(" · {}", strings::minutes(lesson.meta.minutes)), theme.dim),
            ]),
            Line::from(vec![
                Span::styled(format!("{}: ", strings::TOPICS_LABEL), theme.dim),
                Span::raw(crate::text::sanitize(&lesson.meta.topics.join(", ")).into_owned()),
            ]),
            Line::default(),
        ];
        if let Some((pl, _, layout)) = &self.preview
            && *pl == l
        {
            lines.extend(layout.lines.iter().map(|line| widgets::markdown_line(line, theme, &[])));
        }
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(strings::OPEN_LESSON_HINT, theme.key)));
        Paragraph::new(lines).wrap(Wrap { trim: false }).render(inner, buf);
    }
}

impl View for HomeScreen {
    fn contexts(&self) -> &'static [Context] {
        Self::CONTEXTS
    }

    /// Progress may have changed: rebuild "Continue" and the marks.
    fn resumed(&mut self, ctx: &Ctx) {
        self.refresh(&ctx.course, &ctx.progress);
    }

    fn handle(&mut self, input: Input<'_>, ctx: &mut Ctx) -> Transition {
        let (course, progress) = (&ctx.course, &ctx.progress);
        let action = match input {
            Input::Key(key) => keymap::action_for(key, Self::CONTEXTS),
            Input::Mouse(mouse) => {
                return if self.list.handle_mouse(mouse) { self.open(course, progress) } else { Transition::Stay };
            }
        };
        match action {
            Some(Action::Back | Action::Quit) => Transition::Quit,
            Some(Action::Open) => self.open(course, progress),
            Some(Action::SearchAll) => Transition::Push(Screen::Search(SearchScreen::new())),
            Some(a) => {
                self.list.apply(a);
                Transition::Stay
            }
            None => Transition::Stay,
        }
    }

    /// Work that needs the area: keep the selection visible.
    fn prepare(&mut self, area: Rect, ctx: &Ctx) {
        let course = &ctx.course;
        let [_, body] = split(area);
        let [map, detail] = columns(body);
        self.list.prepare(map.inner(ratatui::layout::Margin::new(1, 1)));
        let width = usize::from(detail.width.saturating_sub(2)).max(1);
        if let Some(l) = self.selected_lesson()
            && self.preview.as_ref().is_none_or(|(pl, pw, _)| (*pl, *pw) != (l, width))
        {
            // The opening paragraph, through the markdown renderer (plain:
            // no code in it, so no highlighting cost).
            let text = first_paragraph(&course.lessons[l].body);
            let layout = crate::markdown::Document::parse_plain(&text).layout(width);
            self.preview = Some((l, width, layout));
        }
    }
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let (course, theme, progress) = (&ctx.course, &ctx.theme, &ctx.progress);
        let [title, body] = split(area);
        widgets::title_bar(
            title,
            buf,
            theme,
            vec![
                Span::styled(format!(" {} ", strings::APP_TITLE), theme.title),
                Span::styled(strings::TAGLINE, theme.dim),
            ],
            &format!("{} lessons ", course.lessons.len()),
        );
        let [map, detail] = columns(body);
        self.render_map(map, buf, course, theme, progress);
        if detail.width > 0 {
            self.render_detail(detail, buf, course, theme, progress);
        }
    }
}

fn split(area: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area)
}

/// Course map on the left; the lesson detail on the right when there is room.
fn columns(area: Rect) -> [Rect; 2] {
    if area.width >= 90 {
        Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(area)
    } else {
        [area, Rect { width: 0, ..area }]
    }
}

/// What Enter on a recommended step does (home's "Next up", the end of a
/// quiz, review or drill).
pub fn take_step(step: &Step, course: &Course) -> Transition {
    match *step {
        Step::Review { .. } => Transition::Launch(Launch::Review),
        Step::Continue { lesson, position } => {
            Transition::Push(Screen::Reader(Box::new(ReaderScreen::open_at(course, lesson, position))))
        }
        Step::LessonQuiz { lesson, .. } => Transition::Launch(Launch::Quiz(crate::practice::QuizSpec {
            lessons: vec![course.lessons[lesson].meta.id.clone()],
            seed: rand::random(),
            ..crate::practice::QuizSpec::default()
        })),
        Step::NextLesson { lesson } => Transition::Push(Screen::Reader(Box::new(ReaderScreen::open(course, lesson)))),
        Step::Drill => Transition::Launch(Launch::NewDrill),
    }
}
