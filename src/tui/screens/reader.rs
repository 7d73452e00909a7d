//! The lesson reader: scrolling, contents, search within the lesson (with
//! highlighted hits), next and previous lesson; checkpoints answered in
//! place (Enter opens the one on screen as a one-question quiz, and back
//! returns here, the checkpoint now marked); simulator and lab links chosen
//! with Tab and Shift-Tab and opened in place with Enter or `o` (back returns
//! to the same line).
//!
//! - [`checkpoints`]: which checkpoints the lesson has, where, and answered.
//! - [`find`]: the hits of a search in the laid-out lines.
//! - [`links`]: the lesson's `sim:`/`lab:` links, the selected one, what each opens.
//!
//! The lesson is parsed (and its code highlighted) once when it is opened;
//! the layout is cached for the current width and redone only on resize.

use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyEvent, MouseEventKind};
use ratatui::layout::{Constraint, Layout as Split, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

mod checkpoints;
mod find;
mod links;

use self::checkpoints::Checkpoints;
use self::find::find_in_lines;
use self::links::Links;
use super::{Ctx, Input, QuizScreen, Screen, SearchScreen, Transition, View};
use crate::course::Course;
use crate::markdown::{Document, Layout};
use crate::tui::action::Action;
use crate::tui::documents;
use crate::tui::input::{InputOutcome, TextInput};
use crate::tui::keymap::{self, Context};
use crate::tui::list::ListView;
use crate::tui::progress::POSITION_SCALE;
use crate::tui::strings;
use crate::tui::theme::Theme;
use crate::tui::widgets::{self, Highlight, ScrollState, WHEEL_LINES};

/// Lines are easier to read when they do not run the full width of a
/// wide terminal.
const MAX_TEXT_WIDTH: usize = 100;

/// How often to look whether the lesson's colours have arrived.
const COLOUR_POLL: Duration = Duration::from_millis(15);

#[derive(Debug)]
pub struct ReaderScreen {
    pub lesson: usize,
    document: Arc<Document>,
    /// While the coloured version of the lesson is being prepared: its key.
    colouring: Option<u64>,
    layout: Layout,
    scroll: ScrollState,
    search: Option<Search>,
    /// The search field, while the user is typing.
    input: Option<TextInput>,
    contents: Option<ListView>,
    /// A saved position to restore once the layout exists.
    pending_position: Option<usize>,
    /// Questions in the packs that link to this lesson: its own quiz.
    quiz_questions: usize,
    /// Whether every one of those was answered at least once: then the end
    /// of the lesson offers the next lesson, not the same quiz again.
    quiz_taken: bool,
    /// Whether another lesson follows this one.
    has_next: bool,
    checkpoints: Checkpoints,
    links: Links,
    /// Why the last `sim:` link could not be opened.
    note: Option<String>,
}

#[derive(Debug, Clone)]
struct Search {
    query: String,
    /// (line, start char, end char) of every hit, in reading order.
    hits: Vec<(usize, usize, usize)>,
    current: usize,
    /// Jump to the first hit at or after this line once hits are known.
    jump_from: Option<usize>,
}

impl ReaderScreen {
    pub fn open(course: &Course, lesson: usize) -> Self {
        let markdown = documents::lesson_markdown(&course.lessons[lesson], &course.packs, &|_| None);
        let (document, is_final) = documents::get(&markdown);
        Self {
            lesson,
            document,
            colouring: (!is_final).then(|| documents::key(&markdown)),
            layout: Layout::default(),
            scroll: ScrollState::default(),
            search: None,
            input: None,
            contents: None,
            pending_position: None,
            quiz_questions: lesson_questions(course, lesson),
            quiz_taken: false,
            has_next: lesson + 1 < course.lessons.len(),
            checkpoints: Checkpoints::new(course, lesson),
            links: Links::default(),
            note: None,
        }
    }

    /// Read the checkpoints' answers and, when they changed, show the lesson
    /// again with its marks, on the same line.
    fn refresh_checkpoints(&mut self, ctx: &Ctx) {
        self.quiz_taken = quiz_taken(ctx, self.lesson);
        if !self.checkpoints.refresh(&ctx.progress) {
            return;
        }
        let outcomes = self.checkpoints.outcomes.clone();
        let markdown = documents::lesson_markdown(&ctx.course.lessons[self.lesson], &ctx.course.packs, &|k| {
            outcomes.get(k).copied()
        });
        let (document, is_final) = documents::get(&markdown);
        self.document = document;
        self.colouring = (!is_final).then(|| documents::key(&markdown));
        if self.layout.width > 0 {
            let offset = self.scroll.offset();
            self.layout = self.document.layout(self.layout.width);
            self.scroll.resize(self.layout.lines.len(), self.scroll.viewport());
            self.scroll.scroll_to(offset);
            self.locate();
            self.find_hits();
        }
    }

    /// Find the checkpoints and links in a new layout.
    fn locate(&mut self) {
        self.checkpoints.locate(&self.layout);
        self.links.locate(&self.layout);
    }

    /// Enter on a checkpoint: its question as a one-question quiz.
    fn answer_checkpoint(&self, i: usize, ctx: &mut Ctx) -> Transition {
        let Some(key) = self.checkpoints.keys.get(i) else { return Transition::Stay };
        let lesson = &ctx.course.lessons[self.lesson].meta.id;
        match crate::practice::Practice::checkpoint(&ctx.course.packs, lesson, key, ctx.clock.seed(), &ctx.truth) {
            Some((practice, session)) => {
                Transition::Push(Screen::Quiz(Box::new(QuizScreen::new(practice, session, ctx))))
            }
            None => Transition::Stay,
        }
    }

    /// `o` (or Enter on a selected link): the link's scenario or lab in the
    /// simulator; back returns to this line.
    fn open_sim_link(&mut self) -> Transition {
        let Some(link) = self.links.target(self.scroll.offset(), self.scroll.viewport()) else {
            self.note = Some(strings::NO_SIM_LINK.to_owned());
            return Transition::Stay;
        };
        match links::open(link) {
            Ok(screen) => Transition::Push(Screen::Simulator(Box::new(screen))),
            Err(why) => {
                self.note = Some(why);
                Transition::Stay
            }
        }
    }

    /// Open a lesson with a search already made (from "search all lessons").
    pub fn open_with_search(course: &Course, lesson: usize, query: &str) -> Self {
        let mut reader = Self::open(course, lesson);
        reader.search = Some(Search { query: query.to_owned(), hits: Vec::new(), current: 0, jump_from: Some(0) });
        reader
    }

    /// Open a lesson at a saved position (see [`Self::position`]).
    pub fn open_at(course: &Course, lesson: usize, position: usize) -> Self {
        let mut reader = Self::open(course, lesson);
        reader.pending_position = Some(position);
        reader
    }

    /// How far the learner has read, in parts per [`POSITION_SCALE`] of the
    /// lesson: the last line on screen, as the title bar's percentage (and
    /// `less`) count it, so a learner who read the first screen and answered
    /// its checkpoint is not told "0 %". Unlike a line number, this survives
    /// a change of width.
    pub fn position(&self) -> usize {
        let lines = self.layout.lines.len();
        if lines == 0 {
            return self.pending_position.unwrap_or(0);
        }
        (self.scroll.offset() + self.scroll.viewport()).min(lines) * POSITION_SCALE / lines
    }

    /// Whether a coloured version of the lesson is still on its way.
    pub fn is_colouring(&self) -> bool {
        self.colouring.is_some()
    }

    /// Swap in the coloured document if it is ready; true when it was.
    /// The text is the same, so the layout keeps its lines and the reader
    /// its place.
    pub fn poll_colouring(&mut self) -> bool {
        let Some(key) = self.colouring else { return false };
        let Some(doc) = documents::coloured(key) else { return false };
        self.document = doc;
        self.colouring = None;
        if self.layout.width > 0 {
            self.layout = self.document.layout(self.layout.width);
            self.locate();
        }
        true
    }

    /// Whether the last line is on screen (once the lesson is laid out).
    pub fn at_end(&self) -> bool {
        self.scroll.at_end()
    }

    fn handle_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Transition {
        self.note = None;
        if let Some(field) = &mut self.input {
            match field.handle_key(key) {
                InputOutcome::Submitted => {
                    let query = field.value.trim().to_owned();
                    self.input = None;
                    self.search = (!query.is_empty()).then(|| Search {
                        query,
                        hits: Vec::new(),
                        current: 0,
                        jump_from: Some(self.scroll.offset()),
                    });
                    self.find_hits();
                }
                InputOutcome::Cancelled => self.input = None,
                InputOutcome::Edited | InputOutcome::Ignored => {}
            }
            return Transition::Stay;
        }
        if let Some(list) = &mut self.contents {
            match keymap::action_for(key, &[Context::List]) {
                Some(Action::Back) => self.contents = None,
                Some(Action::Open) => self.jump_to_heading(),
                Some(Action::Quit) => return Transition::Quit,
                Some(a) => list.apply(a),
                None => {}
            }
            return Transition::Stay;
        }
        let action = keymap::action_for(key, &[Context::Reader]);
        let (offset, viewport) = (self.scroll.offset(), self.scroll.viewport());
        if action.is_some_and(|a| self.scroll.apply(a)) {
            self.links.forget_hidden(self.scroll.offset(), viewport);
            return Transition::Stay;
        }
        let link_step = match action {
            Some(Action::NextLink) => Some(true),
            Some(Action::PrevLink) => Some(false),
            _ => None,
        };
        if let Some(forward) = link_step {
            match self.links.step(forward, offset, viewport) {
                Some(line) if line < offset || line >= offset + viewport => {
                    self.scroll.scroll_to(line.saturating_sub(viewport / 3));
                }
                Some(_) => {}
                None => self.note = Some(strings::NO_LINKS_IN_LESSON.to_owned()),
            }
            return Transition::Stay;
        }
        if action == Some(Action::TakeStep) && self.links.selected(offset, viewport).is_some() {
            return self.open_sim_link();
        }
        if action == Some(Action::TakeStep) {
            // The unanswered checkpoint on screen first. An answered one
            // does not stop Enter: it reads on (below), so pressing Enter
            // again and again walks the lesson instead of asking it again.
            if let Some(i) = self.checkpoints.on_screen(offset, viewport)
                && !self.checkpoints.is_answered(i)
            {
                return self.answer_checkpoint(i, ctx);
            }
            if self.at_end()
                && let Some((_, Some(line))) = self.checkpoints.first_unanswered()
            {
                self.scroll.scroll_to(line.saturating_sub(2));
                return Transition::Stay;
            }
            // Mid-lesson with no checkpoint in view, Enter reads on: the
            // path never stops on a key that does nothing.
            if !self.at_end() {
                self.scroll.apply(Action::PageDown);
                return Transition::Stay;
            }
        }
        if action == Some(Action::OpenLink) {
            return self.open_sim_link();
        }
        let course = &ctx.course;
        match action {
            Some(Action::Back) if self.search.is_some() => self.search = None,
            Some(Action::Back) => return Transition::Pop,
            Some(Action::Quit) => return Transition::Quit,
            Some(Action::Search) => {
                self.input = Some(TextInput::with_value(self.search.as_ref().map_or("", |s| s.query.as_str())));
            }
            Some(Action::SearchAll) => return Transition::Push(Screen::Search(SearchScreen::new())),
            Some(Action::NextHit) => self.cycle_hit(true),
            Some(Action::PrevHit) => self.cycle_hit(false),
            Some(Action::Contents) => {
                let selectable = vec![true; self.document.headings().len()];
                let mut list = ListView::new(selectable);
                // Preselect the heading at or above the current position.
                if let Some(i) = self.layout.heading_lines.iter().rposition(|&line| line <= self.scroll.offset()) {
                    list.select(i);
                }
                self.contents = Some(list);
            }
            Some(Action::QuizLesson) => return self.lesson_quiz(course, false),
            Some(Action::TakeStep) if self.at_end() && self.checkpoints.all_answered() => {
                if self.quiz_questions > 0 && !self.quiz_taken {
                    return self.lesson_quiz(course, true);
                }
                if self.has_next {
                    return Transition::Replace(Screen::Reader(Box::new(Self::open(course, self.lesson + 1))));
                }
                return Transition::Pop;
            }
            Some(Action::NextLesson) if self.lesson + 1 < course.lessons.len() => {
                return Transition::Replace(Screen::Reader(Box::new(Self::open(course, self.lesson + 1))));
            }
            Some(Action::PrevLesson) if self.lesson > 0 => {
                return Transition::Replace(Screen::Reader(Box::new(Self::open(course, self.lesson - 1))));
            }
            _ => {}
        }
        Transition::Stay
    }

    /// "Quiz this lesson": every question that links to it, shuffled. Over
    /// the reader (`Q`: back returns to the page), or in its place (the
    /// step at the end of a finished lesson: the quiz's own next step then
    /// leads on, and back from there goes home, not to this lesson's end).
    fn lesson_quiz(&self, course: &Course, in_place: bool) -> Transition {
        if self.quiz_questions == 0 {
            return Transition::Stay;
        }
        let id = course.lessons[self.lesson].meta.id.clone();
        let seed = rand::random();
        let launch = crate::tui::screens::Launch::Quiz(crate::practice::QuizSpec {
            lessons: vec![id],
            seed,
            ..crate::practice::QuizSpec::default()
        });
        if in_place { Transition::Switch(launch) } else { Transition::Launch(launch) }
    }

    fn jump_to_heading(&mut self) {
        if let Some(list) = self.contents.take()
            && let Some(i) = list.selected()
            && let Some(&line) = self.layout.heading_lines.get(i)
        {
            self.scroll.scroll_to(line);
        }
    }

    fn cycle_hit(&mut self, forward: bool) {
        let Some(search) = &mut self.search else { return };
        if search.hits.is_empty() {
            return;
        }
        let n = search.hits.len();
        search.current = if forward { (search.current + 1) % n } else { (search.current + n - 1) % n };
        let line = search.hits[search.current].0;
        self.scroll.scroll_to(line.saturating_sub(self.scroll.viewport() / 3));
    }

    /// Find every hit of the query in the laid-out text (case-insensitive).
    fn find_hits(&mut self) {
        let Some(search) = &mut self.search else { return };
        search.hits = find_in_lines(&self.layout, &search.query);
        search.current = search.current.min(search.hits.len().saturating_sub(1));
        if let Some(from) = search.jump_from.take()
            && !self.layout.lines.is_empty()
        {
            search.current = search.hits.iter().position(|h| h.0 >= from).unwrap_or(0);
            if let Some(&(line, _, _)) = search.hits.get(search.current) {
                self.scroll.scroll_to(line.saturating_sub(self.scroll.viewport() / 3));
            }
        }
    }

    fn areas(area: Rect) -> [Rect; 3] {
        Split::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area)
    }

    fn text_area(body: Rect) -> Rect {
        // One column of air on the left, the scrollbar on the right; centred
        // when the terminal is wider than a comfortable line.
        let room = body.width.saturating_sub(3).max(1);
        let width = room.min(MAX_TEXT_WIDTH as u16);
        let margin = (1 + (room - width) / 2).min(body.width.saturating_sub(width));
        Rect { x: body.x + margin, width, ..body }
    }

    /// Search hits on `line`, and the selected link if it is there.
    fn highlights_on(&self, line: usize) -> Vec<Highlight> {
        let mut out: Vec<Highlight> = self.links.highlight_on(line).into_iter().collect();
        let Some(search) = &self.search else { return out };
        let first = search.hits.partition_point(|h| h.0 < line);
        out.extend(search.hits[first..].iter().enumerate().take_while(|(_, h)| h.0 == line).map(|(k, h)| Highlight {
            start: h.1,
            end: h.2,
            current: first + k == search.current,
        }));
        out
    }

    fn render_status(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let line = if let Some(field) = &self.input {
            let value = crate::text::sanitize(&field.value).into_owned();
            Line::from(vec![
                Span::styled(format!(" {}", strings::SEARCH_PROMPT), theme.key),
                Span::raw(value),
                Span::styled("█", theme.accent),
            ])
        } else if let Some(search) = &self.search {
            let count = if search.hits.is_empty() {
                strings::NO_HITS.to_owned()
            } else {
                strings::hit_count(search.current + 1, search.hits.len())
            };
            Line::from(vec![
                Span::styled(format!(" /{}  ", crate::text::sanitize(&search.query)), theme.accent),
                Span::styled(count, theme.dim),
                Span::styled("   n/N next/previous · Esc clear", theme.dim),
            ])
        } else if let Some(note) = &self.note {
            Line::from(Span::styled(format!(" {}", crate::text::sanitize(note)), theme.warn))
        } else {
            self.step_hint(theme)
        };
        Paragraph::new(line).render(area, buf);
    }

    /// What Enter (and `o`, Tab) would do here: open the selected link;
    /// answer the checkpoint on screen; at the end, go to an unanswered one
    /// or take the next step.
    fn step_hint(&self, theme: &Theme) -> Line<'static> {
        let (offset, viewport) = (self.scroll.offset(), self.scroll.viewport());
        if let Some(link) = self.links.selected(offset, viewport) {
            let mut text = strings::open_selected_link(&link.id, link.lab);
            if self.links.total() > 1 {
                text = format!("{text} · {}", strings::NEXT_LINK);
            }
            return Line::from(Span::styled(format!(" {text}"), theme.key));
        }
        let on_screen = self.checkpoints.on_screen(offset, viewport);
        let mut text = match on_screen {
            Some(i) if !self.checkpoints.is_answered(i) => strings::answer_checkpoint(i + 1, self.checkpoints.total()),
            Some(_) if !self.at_end() => strings::READ_ON.to_owned(),
            _ if self.at_end() && !self.checkpoints.all_answered() => {
                strings::checkpoints_left(self.checkpoints.unanswered())
            }
            _ if self.at_end() => {
                strings::end_of_lesson(if self.quiz_taken { 0 } else { self.quiz_questions }, self.has_next)
            }
            _ => String::new(),
        };
        if let Some(link) = self.links.target(offset, viewport) {
            if !text.is_empty() {
                text.push_str(" · ");
            }
            text.push_str(&strings::open_sim_link(&link.id, link.lab));
            if self.links.count_on_screen(offset, viewport) > 1 {
                text = format!("{text} · {}", strings::NEXT_LINK);
            }
        }
        if text.is_empty() {
            return Line::default();
        }
        Line::from(Span::styled(format!(" {text}"), theme.key))
    }

    fn render_contents(&self, area: Rect, buf: &mut Buffer, theme: &Theme, list: &ListView) {
        let popup = contents_area(area, self.document.headings().len());
        let inner = widgets::popup(popup, buf, theme, strings::CONTENTS);
        let lines: Vec<Line<'_>> = self
            .document
            .headings()
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let indent = "  ".repeat(usize::from(h.level.saturating_sub(1)).min(4));
                let style = if list.selected() == Some(i) { theme.selected } else { theme.base };
                let text = crate::text::sanitize(&h.text);
                Line::from(Span::styled(format!("{indent}{text}"), style))
            })
            .collect();
        list.render_lines(inner, buf, lines);
    }
}

impl View for ReaderScreen {
    /// Poll for the coloured lesson, even behind the help overlay.
    fn tick_interval(&self, _covered: bool) -> Option<Duration> {
        self.is_colouring().then_some(COLOUR_POLL)
    }

    fn tick(&mut self, _now: Instant, _ctx: &mut Ctx) {
        self.poll_colouring();
    }

    fn entered(&mut self, ctx: &mut Ctx) {
        ctx.progress.opened_lesson(&ctx.course.lessons[self.lesson]);
        self.refresh_checkpoints(ctx);
    }

    /// Back from a checkpoint (or the simulator): mark what was answered.
    fn resumed(&mut self, ctx: &Ctx) {
        self.refresh_checkpoints(ctx);
    }

    fn leaving(&mut self, ctx: &mut Ctx) {
        ctx.progress.left_lesson(&ctx.course.lessons[self.lesson], self.position());
    }

    /// Reaching the end of a lesson with its checkpoints answered
    /// completes it.
    fn settled(&mut self, ctx: &mut Ctx) {
        if self.at_end() && self.checkpoints.all_answered() {
            ctx.progress.completed_lesson(&ctx.course.lessons[self.lesson]);
        }
    }

    fn contexts(&self) -> &'static [Context] {
        if self.contents.is_some() { &[Context::List] } else { &[Context::Reader] }
    }
    fn is_typing(&self) -> bool {
        self.input.is_some()
    }
    fn handle(&mut self, input: Input<'_>, ctx: &mut Ctx) -> Transition {
        match input {
            Input::Key(key) => self.handle_key(key, ctx),
            Input::Mouse(mouse) => {
                if let Some(list) = &mut self.contents {
                    if list.handle_mouse(mouse) {
                        self.jump_to_heading();
                    }
                    return Transition::Stay;
                }
                match mouse.kind {
                    MouseEventKind::ScrollDown => self.scroll.by(WHEEL_LINES),
                    MouseEventKind::ScrollUp => self.scroll.by(-WHEEL_LINES),
                    _ => {}
                }
                Transition::Stay
            }
        }
    }
    /// Lay out for the current width (cached), then clamp scrolling.
    fn prepare(&mut self, area: Rect, _ctx: &Ctx) {
        let [_, body, _] = Self::areas(area);
        let text = Self::text_area(body);
        let viewport = usize::from(text.height);
        let width = usize::from(text.width);
        if self.layout.width != width || self.layout.lines.is_empty() {
            // Keep the reader's place across a resize: same fraction of the text.
            let fraction = if self.layout.lines.is_empty() {
                0.0
            } else {
                self.scroll.offset() as f64 / self.layout.lines.len() as f64
            };
            self.layout = self.document.layout(width);
            self.scroll.resize(self.layout.lines.len(), viewport);
            let mut first = (fraction * self.layout.lines.len() as f64) as usize;
            if let Some(saved) = self.pending_position.take() {
                // The saved last line back at the bottom of the screen
                // (rounded up: leaving and coming back does not creep up).
                let last = (saved.min(POSITION_SCALE) * self.layout.lines.len()).div_ceil(POSITION_SCALE);
                first = last.saturating_sub(viewport);
            }
            self.scroll.scroll_to(first);
            self.locate();
            self.find_hits();
        }
        self.scroll.resize(self.layout.lines.len(), viewport);
        if let Some(list) = &mut self.contents {
            let popup = contents_area(area, self.document.headings().len());
            list.prepare(popup.inner(ratatui::layout::Margin::new(1, 1)));
        }
    }
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let (course, theme) = (&ctx.course, &ctx.theme);
        let [header, body, status] = Self::areas(area);
        let lesson = &course.lessons[self.lesson];
        let position = strings::scroll_position(self.scroll.offset(), self.layout.lines.len(), self.scroll.viewport());
        widgets::title_bar(
            header,
            buf,
            theme,
            vec![
                Span::styled(format!(" {} ", crate::text::sanitize(&lesson.meta.module)), theme.module),
                Span::styled("› ", theme.dim),
                Span::styled(
                    format!("{}. {}", lesson.meta.order, crate::text::sanitize(&lesson.meta.title)),
                    theme.title,
                ),
            ],
            &format!("{}/{}  {position} ", self.lesson + 1, course.lessons.len()),
        );
        let text = Self::text_area(body);
        let lines: Vec<Line<'_>> = self
            .layout
            .lines
            .iter()
            .enumerate()
            .skip(self.scroll.offset())
            .take(self.scroll.viewport())
            .map(|(i, line)| widgets::markdown_line(line, theme, &self.highlights_on(i)))
            .collect();
        Paragraph::new(lines).render(text, buf);
        self.scroll.render_bar(body, buf, theme);
        self.render_status(status, buf, theme);
        if let Some(list) = &self.contents {
            self.render_contents(area, buf, theme, list);
        }
    }
}

fn contents_area(area: Rect, headings: usize) -> Rect {
    area.centered(Constraint::Length(60), Constraint::Length((headings as u16).saturating_add(2).max(5)))
}

/// How many questions of the course's packs link to lesson `l`.
pub fn lesson_questions(course: &Course, l: usize) -> usize {
    let id = &course.lessons[l].meta.id;
    course.packs.iter().flat_map(|p| &p.questions).filter(|q| q.lesson.as_ref() == Some(id)).count()
}

/// Whether every question linked to lesson `l` has been answered once.
fn quiz_taken(ctx: &Ctx, l: usize) -> bool {
    let Some(store) = ctx.progress.store() else { return false };
    let id = &ctx.course.lessons[l].meta.id;
    let keys: Vec<crate::study::QuestionKey> = ctx
        .course
        .packs
        .iter()
        .flat_map(|p| p.questions.iter().map(move |q| (p, q)))
        .filter(|(_, q)| q.lesson.as_ref() == Some(id))
        .map(|(p, q)| crate::study::QuestionKey::new(&p.meta.id, &q.id))
        .collect();
    !keys.is_empty() && store.last_outcomes(&keys).is_ok_and(|found| found.len() == keys.len())
}
