//! The quiz screen: one question at a time, with the answer input of its
//! type, progressive hints, the verdict and explanation after each answer,
//! and an end screen. Reviews and drills are this screen too, with a
//! [`Purpose`] that changes what is recorded and shown (next review dates;
//! a countdown, no hints, and the drill report).
//!
//! - [`answer`]: the answer being given, per type, and what keys do to it;
//! - [`body`]: the lines of the question, the answer and the feedback;
//! - [`end`]: the end screen's lines;
//! - `chrome`: the title, progress and status rows above the body;
//! - [`chooser`]: choosing packs or topics before a quiz;
//! - [`launch`]: opening quizzes, reviews, drills and stats from home or
//!   the command line;
//! - [`text`]: markdown parsed once per question, plain text wrapping.
//!
//! Every answer is recorded in the store as it is given, with the quiz's
//! resume point, in one transaction; time per question comes from the
//! app's [`Clock`].

pub mod answer;
pub mod body;
pub mod chooser;
mod chrome;
pub mod confirm;
pub mod end;
pub mod launch;
pub mod text;

use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use self::answer::{AnswerInput, Effect, Target};
use self::text::Md;
use super::{Input, ReaderScreen, Screen, Transition, View};
use crate::course::Course;
use crate::practice::next::{Step, next_step};
use crate::practice::review::next_review;
use crate::practice::{Practice, Purpose};
use crate::quiz::answer::Response;
use crate::quiz::format::feedback_keys;
use crate::quiz::model::QuestionKind;
use crate::quiz::session::{AnswerRecord, QuizSession, SessionItem};
use crate::study::{DrillReport, Recorded, Scheduler};
use crate::tui::action::Action;
use crate::tui::clock::Clock;
use crate::tui::keymap::{self, Context};
use crate::tui::progress::Progress;
use crate::tui::strings;
use crate::tui::widgets::{ScrollState, WHEEL_LINES};

pub use super::{Ctx, Launch};

/// Lines read best at a comfortable width, as in the reader.
const MAX_TEXT_WIDTH: u16 = 100;

/// Where the screen is, without what it holds (see [`QuizScreen::stage`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Asking,
    Answered,
    Finished,
    /// Nothing to ask (nothing due, no questions): a message.
    Empty,
}

/// What the screen shows, each stage with exactly what it needs: a
/// question is answered or not, and there is no question at the end.
#[derive(Debug)]
enum State {
    Asking(Current),
    /// Boxed: an answer's texts would make every stage as large.
    Answered(Current, Box<Answered>),
    Finished(End),
    Empty(Empty),
}

impl State {
    fn stage(&self) -> Stage {
        match self {
            State::Asking(_) => Stage::Asking,
            State::Answered(..) => Stage::Answered,
            State::Finished(_) => Stage::Finished,
            State::Empty(_) => Stage::Empty,
        }
    }
}

/// The question on screen.
#[derive(Debug)]
struct Current {
    item: SessionItem,
    /// 1-based.
    number: usize,
    input: AnswerInput,
    prompt: Md,
    hints: Vec<Md>,
    /// A card's model answer.
    card_answer: Option<Md>,
    shown_at: Instant,
}

/// What is shown after an answer.
#[derive(Debug)]
struct Answered {
    record: AnswerRecord,
    explanation: Md,
    /// Per-choice feedback on what was picked: (choice, text).
    notes: Vec<(String, Md)>,
    /// "in 3 days" (reviews).
    next_review: Option<String>,
    /// The title of the question's lesson, when the course has it.
    lesson: Option<String>,
}

/// The end of the session.
#[derive(Debug)]
struct End {
    report: Option<DrillReport>,
    /// A drill's length on the app's clock, start to end.
    elapsed: Option<Duration>,
    /// The step to take next, as home's "Next up" offers it (Enter), and
    /// what it says.
    next: Option<(Step, String)>,
    /// Why a drill ended.
    reason: EndReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EndReason {
    Done,
    TimeUp,
    EndedEarly,
}

/// Nothing to ask, and why; the step to take instead, as home's "Next up"
/// offers it (Enter).
#[derive(Debug)]
struct Empty {
    text: String,
    next: Option<(Step, String)>,
}

/// A line in the status row.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Message {
    text: String,
    warn: bool,
}

/// What `prepare` should bring into view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Follow {
    Cursor,
    Verdict,
    /// The last line (a hint just shown).
    End,
    Nothing,
}

#[derive(Debug)]
pub struct QuizScreen {
    practice: Practice,
    session: QuizSession,
    scheduler: Scheduler,
    state: State,
    /// A note for the status row.
    note: Option<Message>,
    scroll: ScrollState,
    /// The body laid out by `prepare` for the last frame, drawn by `render`.
    body: Vec<Line<'static>>,
    body_area: Rect,
    /// Body line → the answer row drawn there (for clicks).
    targets: Vec<(usize, Target)>,
    follow: Follow,
    /// Drills: when the clock started, and the time left at the last look.
    drill_started: Option<Instant>,
    remaining: Option<Duration>,
}

impl QuizScreen {
    /// Begin `session`: a quiz saves its resume point at once.
    pub fn new(practice: Practice, session: QuizSession, ctx: &mut Ctx) -> Self {
        let scheduler =
            ctx.progress.store().and_then(|s| s.schedule_config().ok()).map(|c| Scheduler::new(&c)).unwrap_or_default();
        let drill_started = practice.is_drill().then(|| ctx.clock.now());
        let mut screen = Self {
            practice,
            session,
            scheduler,
            // Replaced by the first question (or the end) below.
            state: State::Empty(Empty { text: String::new(), next: None }),
            note: None,
            scroll: ScrollState::default(),
            body: Vec::new(),
            body_area: Rect::default(),
            targets: Vec::new(),
            follow: Follow::Cursor,
            drill_started,
            remaining: None,
        };
        screen.remaining = screen.time_left(&ctx.clock);
        screen.save_start(ctx);
        screen.show_question(ctx);
        screen
    }

    /// A screen with nothing to ask, saying why, and offering `next`.
    pub fn empty(practice: Practice, message: String, next: Option<Step>, course: &Course) -> Self {
        let next = next.map(|step| (step.clone(), step.label(course)));
        Self {
            practice,
            session: QuizSession::from_items(Vec::new(), 0),
            scheduler: Scheduler::default(),
            state: State::Empty(Empty { text: message, next }),
            note: None,
            scroll: ScrollState::default(),
            body: Vec::new(),
            body_area: Rect::default(),
            targets: Vec::new(),
            follow: Follow::Nothing,
            drill_started: None,
            remaining: None,
        }
    }

    pub fn stage(&self) -> Stage {
        self.state.stage()
    }

    /// The question on screen, answered or not.
    fn current(&self) -> Option<&Current> {
        match &self.state {
            State::Asking(current) | State::Answered(current, _) => Some(current),
            State::Finished(_) | State::Empty(_) => None,
        }
    }

    /// Show a note in the status row.
    fn say(&mut self, text: impl Into<String>, warn: bool) {
        self.note = Some(Message { text: text.into(), warn });
    }

    pub fn practice(&self) -> &Practice {
        &self.practice
    }

    pub fn session(&self) -> &QuizSession {
        &self.session
    }

    /// Whether the drill clock is running (the app then ticks once a second).
    pub fn is_timing(&self) -> bool {
        self.drill_started.is_some() && matches!(self.state, State::Asking(_) | State::Answered(..))
    }

    fn time_left(&self, clock: &Clock) -> Option<Duration> {
        let started = self.drill_started?;
        let limit = self.practice.drill()?.limit;
        Some(limit.saturating_sub(clock.now().saturating_duration_since(started)))
    }

    fn note_error(progress: &mut Progress, e: &crate::study::StoreError) {
        progress.error = Some(e.to_string());
    }

    fn save_start(&mut self, ctx: &mut Ctx) {
        let at = ctx.clock.wall().to_utc();
        if let Some(store) = ctx.progress.store_mut()
            && let Err(e) = self.practice.started(&self.session, store, at)
        {
            Self::note_error(&mut ctx.progress, &e);
        }
    }

    /// Show the session's current question, or the end when there is none.
    fn show_question(&mut self, ctx: &mut Ctx) {
        let Some(item) = self.session.current().cloned() else {
            self.finish(ctx, EndReason::Done);
            return;
        };
        let card_answer = match &item.question.kind {
            QuestionKind::Card { answer } => Some(Md::new(answer)),
            _ => None,
        };
        // Hints already shown (a resumed quiz replays them) stay shown.
        let hints = self.session.hints_shown().iter().map(|h| Md::new(h)).collect();
        self.state = State::Asking(Current {
            input: AnswerInput::new(&item),
            prompt: Md::new(&item.question.prompt),
            number: self.session.position() + 1,
            item,
            hints,
            card_answer,
            shown_at: ctx.clock.now(),
        });
        self.note = None;
        self.scroll.scroll_to(0);
        self.follow = Follow::Cursor;
    }

    /// Check, record and show the verdict of a response.
    fn answer(&mut self, response: Response, ctx: &mut Ctx) {
        let State::Asking(current) = &self.state else { return };
        let seconds = ctx.clock.now().saturating_duration_since(current.shown_at).as_secs_f64();
        let record = match self.session.answer(response, seconds) {
            Ok(record) => record.clone(),
            Err(e) => {
                self.say(e.to_string(), true);
                return;
            }
        };
        let now = ctx.clock.wall();
        let recorded: Option<Recorded> = match ctx.progress.store_mut() {
            Some(store) => match self.practice.record_last(&self.session, store, &self.scheduler, now.to_utc()) {
                Ok(r) => r,
                Err(e) => {
                    Self::note_error(&mut ctx.progress, &e);
                    None
                }
            },
            None => None,
        };
        // The last answer of a quiz: nothing is left to continue, even if
        // the learner quits before the end screen.
        if self.session.is_finished()
            && matches!(self.practice.purpose, Purpose::Quiz(_))
            && let Some(Err(e)) = ctx.progress.store_mut().map(crate::study::Store::clear_quiz_progress)
        {
            Self::note_error(&mut ctx.progress, &e);
        }
        let next_review = match (&self.practice.purpose, &recorded) {
            (Purpose::Review { .. }, Some(r)) => Some(next_review(r.card.due, now)),
            _ => None,
        };
        let q = &current.item.question;
        let notes = feedback_keys(&current.item, &record.response)
            .into_iter()
            .filter_map(|key| q.feedback.get(&key).map(|text| (key, Md::new(text))))
            .collect();
        let lesson = q.lesson.as_deref().and_then(|id| ctx.course.lesson(id)).map(|l| l.meta.title.clone());
        let answered = Answered { explanation: Md::new(&q.explanation), notes, next_review, lesson, record };
        let placeholder = State::Empty(Empty { text: String::new(), next: None });
        self.state = match std::mem::replace(&mut self.state, placeholder) {
            State::Asking(current) => State::Answered(current, Box::new(answered)),
            other => other,
        };
        self.note = None;
        self.follow = Follow::Verdict;
    }

    fn next(&mut self, ctx: &mut Ctx) {
        if self.session.is_finished() {
            self.finish(ctx, EndReason::Done);
        } else {
            self.show_question(ctx);
        }
    }

    /// The session is over: close it in the store and show the end.
    fn finish(&mut self, ctx: &mut Ctx, reason: EndReason) {
        let at = ctx.clock.wall().to_utc();
        let report = match ctx.progress.store_mut() {
            Some(store) => match self.practice.finish(store, at) {
                Ok(report) => report,
                Err(e) => {
                    Self::note_error(&mut ctx.progress, &e);
                    None
                }
            },
            None => None,
        };
        self.remaining = self.time_left(&ctx.clock);
        // A drill lasts until its time is up at most, however late the end is seen.
        let limit = self.practice.drill().map_or(Duration::MAX, |d| d.limit);
        let elapsed = self.drill_started.map(|t| ctx.clock.now().saturating_duration_since(t).min(limit));
        let next = next_step(&ctx.course, ctx.progress.store(), ctx.clock.wall())
            .ok()
            .map(|step| (step.clone(), step.label(&ctx.course)));
        self.state = State::Finished(End { report, elapsed, next, reason });
        self.note = None;
        self.scroll.scroll_to(0);
        self.follow = Follow::Nothing;
    }

    fn retry(&mut self, ctx: &mut Ctx) {
        match self.practice.retry(&mut self.session, &ctx.course.packs) {
            Some((practice, session)) => {
                self.practice = practice;
                self.session = session;
                self.save_start(ctx);
                self.show_question(ctx);
            }
            None => self.say(strings::NOTHING_TO_RETRY, false),
        }
    }

    /// Enter at the end (or on nothing to ask): the step offered, in place
    /// of this screen.
    fn take_step(&self, course: &Course) -> Transition {
        let (State::Finished(End { next: Some((step, _)), .. }) | State::Empty(Empty { next: Some((step, _)), .. })) =
            &self.state
        else {
            return Transition::Pop;
        };
        match super::home::take_step(step, course) {
            Transition::Launch(launch) => Transition::Switch(launch),
            Transition::Push(screen) => Transition::Replace(screen),
            other => other,
        }
    }

    fn can_retry(&self) -> bool {
        self.practice.offers_retry() && !self.session.missed().is_empty()
    }

    fn handle_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Transition {
        let printable = matches!(key.code, KeyCode::Char(_))
            && !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if self.is_typing()
            && printable
            && let State::Asking(current) = &mut self.state
        {
            current.input.type_key(key);
            self.note = None;
            return Transition::Stay;
        }
        let action = keymap::action_for(key, self.contexts());
        match (self.stage(), action) {
            (_, Some(Action::Quit)) => Transition::Quit,
            (Stage::Asking | Stage::Answered, Some(Action::Back)) if self.practice.is_drill() => {
                // Leaving a drill ends it: the report is what it was for.
                self.finish(ctx, EndReason::EndedEarly);
                Transition::Stay
            }
            (_, Some(Action::Back)) => Transition::Pop,
            (Stage::Finished | Stage::Empty, Some(Action::TakeStep)) => self.take_step(&ctx.course),
            (Stage::Finished, Some(Action::Retry)) => {
                self.retry(ctx);
                Transition::Stay
            }
            // A checkpoint is one question: back to the lesson, in place.
            (Stage::Answered, Some(Action::Next)) if self.practice.is_checkpoint() => Transition::Pop,
            (Stage::Answered, Some(Action::Next)) => {
                self.next(ctx);
                Transition::Stay
            }
            (Stage::Answered, Some(Action::ReadLesson)) => self.read_lesson(&ctx.course),
            (Stage::Asking, Some(Action::Hint)) => {
                self.show_hint();
                Transition::Stay
            }
            (Stage::Asking, Some(action)) if !matches!(action, Action::PageUp | Action::PageDown) => {
                let digit = match key.code {
                    KeyCode::Char(c) => c.to_digit(10).map(|d| d as usize),
                    _ => None,
                };
                let State::Asking(current) = &mut self.state else { return Transition::Stay };
                let effect = current.input.apply(action, digit, &current.item);
                self.follow = Follow::Cursor;
                self.effect(effect, ctx);
                Transition::Stay
            }
            (Stage::Asking, None) => {
                // Editing keys of a text field (Backspace, arrows, Ctrl-u).
                if let State::Asking(current) = &mut self.state {
                    current.input.type_key(key);
                }
                Transition::Stay
            }
            (_, Some(action)) => {
                self.follow = Follow::Nothing;
                self.scroll.apply(action);
                Transition::Stay
            }
            (_, None) => Transition::Stay,
        }
    }

    fn effect(&mut self, effect: Effect, ctx: &mut Ctx) {
        match effect {
            Effect::Changed => self.note = None,
            Effect::Refused(text) => self.say(text, true),
            Effect::Submit(response) => self.answer(response, ctx),
        }
    }

    fn handle_mouse(&mut self, mouse: MouseEvent, ctx: &mut Ctx) {
        match mouse.kind {
            MouseEventKind::ScrollDown => self.scroll_by(WHEEL_LINES),
            MouseEventKind::ScrollUp => self.scroll_by(-WHEEL_LINES),
            MouseEventKind::Down(MouseButton::Left) => {
                let area = self.body_area;
                if !area.contains(Position::new(mouse.column, mouse.row)) {
                    return;
                }
                let line = self.scroll.offset() + usize::from(mouse.row - area.y);
                let Some(&(_, target)) = self.targets.iter().find(|(l, _)| *l == line) else { return };
                let State::Asking(current) = &mut self.state else { return };
                let effect = current.input.click(target, &current.item);
                self.effect(effect, ctx);
            }
            _ => {}
        }
    }

    fn show_hint(&mut self) {
        if !self.practice.hints_allowed() {
            return;
        }
        match self.session.next_hint().map(str::to_owned) {
            Some(hint) => {
                if let State::Asking(current) = &mut self.state {
                    current.hints.push(Md::new(&hint));
                }
                // Bring the new hint into view.
                self.follow = Follow::End;
            }
            None => self.say(strings::NO_MORE_HINTS, false),
        }
    }

    fn read_lesson(&mut self, course: &Course) -> Transition {
        let lesson = self.current().and_then(|c| c.item.question.lesson.as_deref());
        if let Some(l) = lesson.and_then(|id| course.lesson_index(id)) {
            Transition::Push(Screen::Reader(Box::new(ReaderScreen::open(course, l))))
        } else {
            self.say(strings::NO_LESSON_LINK, false);
            Transition::Stay
        }
    }

    fn scroll_by(&mut self, delta: isize) {
        self.follow = Follow::Nothing;
        self.scroll.by(delta);
    }

    /// Title, progress, status, body.
    fn areas(area: Rect) -> [Rect; 4] {
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Length(1), Constraint::Min(1)])
            .areas(area)
    }

    /// The body's text column: a margin, the scrollbar, at most
    /// [`MAX_TEXT_WIDTH`] wide, centred.
    fn text_area(body: Rect) -> Rect {
        let room = body.width.saturating_sub(3).max(1);
        let width = room.min(MAX_TEXT_WIDTH);
        let margin = (1 + (room - width) / 2).min(body.width.saturating_sub(width));
        let top = body.y + u16::from(body.height > 1);
        Rect { x: body.x + margin, y: top, width, height: body.height.saturating_sub(top - body.y) }
    }
}

impl View for QuizScreen {
    /// A drill's countdown runs on behind the help overlay.
    fn tick_interval(&self, _covered: bool) -> Option<Duration> {
        self.is_timing().then_some(Duration::from_secs(1))
    }

    /// Answers change what is due and what "Continue" offers.
    fn leaving(&mut self, ctx: &mut Ctx) {
        ctx.progress.reload();
    }

    fn is_typing(&self) -> bool {
        matches!(&self.state, State::Asking(current) if current.input.is_typing())
    }
    /// Once a second while a drill runs: end it when the time is up.
    fn tick(&mut self, _now: Instant, ctx: &mut Ctx) {
        self.remaining = self.time_left(&ctx.clock);
        if self.is_timing() && self.remaining.is_some_and(|r| r.is_zero()) {
            self.finish(ctx, EndReason::TimeUp);
        }
    }
    fn contexts(&self) -> &'static [Context] {
        self.contexts_now()
    }
    fn handle(&mut self, input: Input<'_>, ctx: &mut Ctx) -> Transition {
        // A drill's time may have run out while the learner was thinking.
        self.remaining = self.time_left(&ctx.clock);
        if self.is_timing() && self.remaining.is_some_and(|r| r.is_zero()) {
            self.finish(ctx, EndReason::TimeUp);
            return Transition::Stay;
        }
        match input {
            Input::Key(key) => self.handle_key(key, ctx),
            Input::Mouse(mouse) => {
                self.handle_mouse(*mouse, ctx);
                Transition::Stay
            }
        }
    }
    /// Size-dependent work: layouts for the width, scrolling, the clock.
    fn prepare(&mut self, area: Rect, ctx: &Ctx) {
        let (theme, clock) = (&ctx.theme, &ctx.clock);
        self.remaining = self.time_left(clock);
        let [_, _, _, body] = Self::areas(area);
        let text = Self::text_area(body);
        self.body_area = text;
        let width = usize::from(text.width);
        let (current, answered) = match &mut self.state {
            State::Asking(current) => (Some(current), None),
            State::Answered(current, answered) => (Some(current), Some(answered)),
            State::Finished(_) | State::Empty(_) => (None, None),
        };
        if let Some(current) = current {
            current.prompt.prepare(width);
            current.hints.iter_mut().for_each(|h| h.prepare(width));
            if let Some(card) = &mut current.card_answer {
                card.prepare(width);
            }
        }
        if let Some(answered) = answered {
            answered.explanation.prepare(width);
            answered.notes.iter_mut().for_each(|(_, md)| md.prepare(width));
        }
        // Laid out once per frame: `render` draws these lines.
        let body::Built { lines, targets, cursor_line, verdict_line } = body::build(self, theme, width);
        self.scroll.resize(lines.len(), usize::from(text.height));
        self.body = lines;
        self.targets = targets;
        match self.follow {
            Follow::Cursor => {
                if let Some(line) = cursor_line {
                    self.scroll.reveal(line);
                }
            }
            Follow::Verdict => {
                // Show the answer marks and the start of the explanation.
                if let Some(line) = verdict_line {
                    let want = (line + 4).min(self.body.len());
                    let (offset, viewport) = (self.scroll.offset(), self.scroll.viewport());
                    if want > offset + viewport {
                        self.scroll.scroll_to(want - viewport);
                    }
                }
                self.follow = Follow::Nothing;
            }
            Follow::End => {
                self.scroll.scroll_to(usize::MAX);
                self.follow = Follow::Nothing;
            }
            Follow::Nothing => {}
        }
    }
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let theme = &ctx.theme;
        let [title, progress, status, body] = Self::areas(area);
        let text = Self::text_area(body);
        // The progress and status rows line up with the text column.
        let inset = text.x.saturating_sub(area.x + 1);
        let indent = |r: Rect| Rect { x: r.x + inset, width: r.width.saturating_sub(inset), ..r };
        self.render_title(title, buf, theme);
        self.render_progress(indent(progress), buf, theme);
        self.render_status(indent(status), buf, theme);
        let visible: Vec<Line<'_>> =
            self.body.iter().skip(self.scroll.offset()).take(self.scroll.viewport()).cloned().collect();
        Paragraph::new(visible).render(text, buf);
        // The scrollbar runs beside the text, in the body's last column.
        self.scroll.render_bar(Rect { y: text.y, height: text.height, ..body }, buf, theme);
    }
}

#[cfg(test)]
mod tests;
