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
pub mod end;
pub mod launch;
pub mod text;

use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget};

use self::answer::{AnswerInput, Effect, Target};
use self::text::Md;
use super::{Input, ReaderScreen, Screen, Transition, View};
use crate::course::Course;
use crate::quiz::answer::Response;
use crate::quiz::model::QuestionKind;
use crate::quiz::plain::feedback_keys;
use crate::quiz::practice::review::next_review;
use crate::quiz::practice::{Practice, Purpose};
use crate::quiz::session::{AnswerRecord, QuizSession, SessionItem};
use crate::study::{DrillReport, Recorded, Scheduler};
use crate::tui::action::Action;
use crate::tui::clock::Clock;
use crate::tui::keymap::{self, Context};
use crate::tui::progress::Progress;
use crate::tui::strings;

pub use super::{Ctx, Launch};

/// Lines read best at a comfortable width, as in the reader.
const MAX_TEXT_WIDTH: u16 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Asking,
    Answered,
    Finished,
    /// Nothing to ask (nothing due, no questions): a message.
    Empty,
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
    answered: Option<Answered>,
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
    /// Why a drill ended.
    reason: EndReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EndReason {
    Done,
    TimeUp,
    EndedEarly,
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
    Nothing,
}

#[derive(Debug)]
pub struct QuizScreen {
    practice: Practice,
    session: QuizSession,
    scheduler: Scheduler,
    stage: Stage,
    current: Option<Current>,
    end: Option<End>,
    /// The message of an empty screen, or a note for the status row.
    message: Option<Message>,
    scroll: usize,
    viewport: usize,
    body_len: usize,
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
            stage: Stage::Asking,
            current: None,
            end: None,
            message: None,
            scroll: 0,
            viewport: 1,
            body_len: 0,
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

    /// A screen with nothing to ask, saying why.
    pub fn empty(practice: Practice, message: String) -> Self {
        Self {
            practice,
            session: QuizSession::from_items(Vec::new(), 0),
            scheduler: Scheduler::default(),
            stage: Stage::Empty,
            current: None,
            end: None,
            message: Some(Message { text: message, warn: false }),
            scroll: 0,
            viewport: 1,
            body_len: 0,
            body_area: Rect::default(),
            targets: Vec::new(),
            follow: Follow::Nothing,
            drill_started: None,
            remaining: None,
        }
    }

    pub fn stage(&self) -> Stage {
        self.stage
    }

    pub fn practice(&self) -> &Practice {
        &self.practice
    }

    pub fn session(&self) -> &QuizSession {
        &self.session
    }

    /// Whether the drill clock is running (the app then ticks once a second).
    pub fn is_timing(&self) -> bool {
        self.drill_started.is_some() && matches!(self.stage, Stage::Asking | Stage::Answered)
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
        self.current = Some(Current {
            input: AnswerInput::new(&item),
            prompt: Md::new(&item.question.prompt),
            number: self.session.position() + 1,
            item,
            hints,
            card_answer,
            shown_at: ctx.clock.now(),
            answered: None,
        });
        self.stage = Stage::Asking;
        self.message = None;
        self.scroll = 0;
        self.follow = Follow::Cursor;
    }

    /// Check, record and show the verdict of a response.
    fn answer(&mut self, response: Response, ctx: &mut Ctx) {
        let Some(current) = &mut self.current else { return };
        let seconds = ctx.clock.now().saturating_duration_since(current.shown_at).as_secs_f64();
        let record = match self.session.answer(response, seconds) {
            Ok(record) => record.clone(),
            Err(e) => {
                self.message = Some(Message { text: e.to_string(), warn: true });
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
        current.answered = Some(Answered { explanation: Md::new(&q.explanation), notes, next_review, lesson, record });
        self.stage = Stage::Answered;
        self.message = None;
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
        self.end = Some(End { report, reason });
        self.current = None;
        self.stage = Stage::Finished;
        self.message = None;
        self.scroll = 0;
        self.follow = Follow::Nothing;
    }

    fn retry(&mut self, ctx: &mut Ctx) {
        match self.practice.retry(&mut self.session, &ctx.course.packs) {
            Some((practice, session)) => {
                self.practice = practice;
                self.session = session;
                self.end = None;
                self.save_start(ctx);
                self.show_question(ctx);
            }
            None => self.message = Some(Message { text: strings::NOTHING_TO_RETRY.to_owned(), warn: false }),
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
            && let Some(current) = &mut self.current
        {
            current.input.type_key(key);
            self.message = None;
            return Transition::Stay;
        }
        let action = keymap::action_for(key, self.contexts());
        let page = self.viewport.saturating_sub(2).max(1) as isize;
        match (self.stage, action) {
            (_, Some(Action::Quit)) => Transition::Quit,
            (Stage::Asking | Stage::Answered, Some(Action::Back)) if self.practice.is_drill() => {
                // Leaving a drill ends it: the report is what it was for.
                self.finish(ctx, EndReason::EndedEarly);
                Transition::Stay
            }
            (_, Some(Action::Back)) => Transition::Pop,
            (Stage::Finished, Some(Action::Retry)) => {
                self.retry(ctx);
                Transition::Stay
            }
            (Stage::Answered, Some(Action::Next)) => {
                self.next(ctx);
                Transition::Stay
            }
            (Stage::Answered, Some(Action::ReadLesson)) => self.read_lesson(&ctx.course),
            (Stage::Asking, Some(Action::Hint)) => {
                self.show_hint();
                Transition::Stay
            }
            (Stage::Asking, Some(Action::PageUp)) => {
                self.scroll_by(-page);
                Transition::Stay
            }
            (Stage::Asking, Some(Action::PageDown)) => {
                self.scroll_by(page);
                Transition::Stay
            }
            (Stage::Asking, Some(action)) => {
                let digit = match key.code {
                    KeyCode::Char(c) => c.to_digit(10).map(|d| d as usize),
                    _ => None,
                };
                let Some(current) = &mut self.current else { return Transition::Stay };
                let effect = current.input.apply(action, digit, &current.item);
                self.follow = Follow::Cursor;
                self.effect(effect, ctx);
                Transition::Stay
            }
            (Stage::Asking, None) => {
                // Editing keys of a text field (Backspace, arrows, Ctrl-u).
                if let Some(current) = &mut self.current {
                    current.input.type_key(key);
                }
                Transition::Stay
            }
            (_, Some(action)) => {
                self.page_action(action, page);
                Transition::Stay
            }
            (_, None) => Transition::Stay,
        }
    }

    fn effect(&mut self, effect: Effect, ctx: &mut Ctx) {
        match effect {
            Effect::Changed => self.message = None,
            Effect::Refused(text) => self.message = Some(Message { text, warn: true }),
            Effect::Submit(response) => self.answer(response, ctx),
        }
    }

    fn handle_mouse(&mut self, mouse: MouseEvent, ctx: &mut Ctx) {
        match mouse.kind {
            MouseEventKind::ScrollDown => self.scroll_by(3),
            MouseEventKind::ScrollUp => self.scroll_by(-3),
            MouseEventKind::Down(MouseButton::Left) if self.stage == Stage::Asking => {
                let area = self.body_area;
                if !area.contains(Position::new(mouse.column, mouse.row)) {
                    return;
                }
                let line = self.scroll + usize::from(mouse.row - area.y);
                let Some(&(_, target)) = self.targets.iter().find(|(l, _)| *l == line) else { return };
                let Some(current) = &mut self.current else { return };
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
                if let Some(current) = &mut self.current {
                    current.hints.push(Md::new(&hint));
                }
                // Bring the new hint into view.
                self.scroll = usize::MAX;
                self.follow = Follow::Nothing;
            }
            None => self.message = Some(Message { text: strings::NO_MORE_HINTS.to_owned(), warn: false }),
        }
    }

    fn read_lesson(&mut self, course: &Course) -> Transition {
        let lesson = self.current.as_ref().and_then(|c| c.item.question.lesson.as_deref());
        if let Some(l) = lesson.and_then(|id| course.lesson_index(id)) {
            Transition::Push(Screen::Reader(Box::new(ReaderScreen::open(course, l))))
        } else {
            self.message = Some(Message { text: strings::NO_LESSON_LINK.to_owned(), warn: false });
            Transition::Stay
        }
    }

    fn page_action(&mut self, action: Action, page: isize) {
        match action {
            Action::Up => self.scroll_by(-1),
            Action::Down => self.scroll_by(1),
            Action::PageUp => self.scroll_by(-page),
            Action::PageDown => self.scroll_by(page),
            Action::Top => self.scroll = 0,
            Action::Bottom => self.scroll = usize::MAX,
            _ => {}
        }
    }

    fn scroll_by(&mut self, delta: isize) {
        self.follow = Follow::Nothing;
        self.scroll = self.scroll.min(self.max_scroll()).saturating_add_signed(delta).min(self.max_scroll());
    }

    fn max_scroll(&self) -> usize {
        self.body_len.saturating_sub(self.viewport)
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
        self.stage == Stage::Asking && self.current.as_ref().is_some_and(|c| c.input.is_typing())
    }
    /// Once a second while a drill runs: end it when the time is up.
    fn tick(&mut self, _now: Instant, ctx: &mut Ctx) {
        self.remaining = self.time_left(&ctx.clock);
        if self.is_timing() && self.remaining.is_some_and(|r| r.is_zero()) {
            self.finish(ctx, EndReason::TimeUp);
        }
    }
    fn contexts(&self) -> &'static [Context] {
        use Context::{
            Page, QuizAnswered, QuizCard, QuizChoice, QuizEnd, QuizGrade, QuizHint, QuizMatch, QuizMultiple, QuizOrder,
            QuizRetry, QuizScroll, QuizText, QuizTrueFalse,
        };
        match self.stage {
            Stage::Empty => &[Page],
            Stage::Finished if self.can_retry() => &[QuizRetry, QuizEnd, Page],
            Stage::Finished => &[QuizEnd, Page],
            Stage::Answered => &[QuizAnswered],
            Stage::Asking => {
                let Some(current) = &self.current else { return &[] };
                let hints = self.practice.hints_allowed() && self.session.hints_left() > 0;
                match (&current.item.question.kind, &current.input, hints) {
                    (QuestionKind::TrueFalse { .. }, _, true) => &[QuizTrueFalse, QuizChoice, QuizHint, QuizScroll],
                    (QuestionKind::TrueFalse { .. }, _, false) => &[QuizTrueFalse, QuizChoice, QuizScroll],
                    (_, AnswerInput::Choice { .. }, true) => &[QuizChoice, QuizHint, QuizScroll],
                    (_, AnswerInput::Choice { .. }, false) => &[QuizChoice, QuizScroll],
                    (_, AnswerInput::Multiple { .. }, true) => &[QuizMultiple, QuizHint, QuizScroll],
                    (_, AnswerInput::Multiple { .. }, false) => &[QuizMultiple, QuizScroll],
                    (_, AnswerInput::Text { .. }, true) => &[QuizText, QuizHint, QuizScroll],
                    (_, AnswerInput::Text { .. }, false) => &[QuizText, QuizScroll],
                    (_, AnswerInput::Order { .. }, true) => &[QuizOrder, QuizHint, QuizScroll],
                    (_, AnswerInput::Order { .. }, false) => &[QuizOrder, QuizScroll],
                    (_, AnswerInput::Match { .. }, true) => &[QuizMatch, QuizHint, QuizScroll],
                    (_, AnswerInput::Match { .. }, false) => &[QuizMatch, QuizScroll],
                    (_, AnswerInput::Card { revealed: false }, true) => &[QuizCard, QuizHint, QuizScroll],
                    (_, AnswerInput::Card { revealed: false }, false) => &[QuizCard, QuizScroll],
                    (_, AnswerInput::Card { revealed: true }, _) => &[QuizGrade, QuizScroll],
                }
            }
        }
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
        self.viewport = usize::from(text.height).max(1);
        let width = usize::from(text.width);
        if let Some(current) = &mut self.current {
            current.prompt.prepare(width);
            current.hints.iter_mut().for_each(|h| h.prepare(width));
            if let Some(card) = &mut current.card_answer {
                card.prepare(width);
            }
            if let Some(answered) = &mut current.answered {
                answered.explanation.prepare(width);
                answered.notes.iter_mut().for_each(|(_, md)| md.prepare(width));
            }
        }
        let body::Built { lines, targets, cursor_line, verdict_line } = body::build(self, theme, width);
        let body_len = lines.len();
        drop(lines);
        self.body_len = body_len;
        self.targets = targets;
        let max = self.max_scroll();
        match self.follow {
            Follow::Cursor => {
                if let Some(line) = cursor_line {
                    if line < self.scroll {
                        self.scroll = line;
                    } else if line >= self.scroll + self.viewport {
                        self.scroll = line + 1 - self.viewport;
                    }
                }
            }
            Follow::Verdict => {
                // Show the answer marks and the start of the explanation.
                if let Some(line) = verdict_line {
                    let want = (line + 4).min(self.body_len);
                    if want > self.scroll + self.viewport {
                        self.scroll = want - self.viewport;
                    }
                }
                self.follow = Follow::Nothing;
            }
            Follow::Nothing => {}
        }
        self.scroll = self.scroll.min(max);
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
        let built = body::build(self, theme, usize::from(text.width));
        let visible: Vec<Line<'_>> = built.lines.into_iter().skip(self.scroll).take(self.viewport).collect();
        Paragraph::new(visible).render(text, buf);
        if self.body_len > self.viewport {
            let mut state = ScrollbarState::new(self.max_scroll()).position(self.scroll);
            let bar = Rect { x: body.x + body.width.saturating_sub(1), width: 1.min(body.width), ..text };
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None)
                .style(theme.dim)
                .render(bar, buf, &mut state);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every set of contexts the quiz screen is in at once (see
    /// [`QuizScreen::contexts`]), each with Global.
    const SETS: &[&[Context]] = &[
        &[Context::QuizTrueFalse, Context::QuizChoice, Context::QuizHint, Context::QuizScroll],
        &[Context::QuizMultiple, Context::QuizHint, Context::QuizScroll],
        &[Context::QuizText, Context::QuizHint, Context::QuizScroll],
        &[Context::QuizOrder, Context::QuizHint, Context::QuizScroll],
        &[Context::QuizMatch, Context::QuizHint, Context::QuizScroll],
        &[Context::QuizCard, Context::QuizHint, Context::QuizScroll],
        &[Context::QuizGrade, Context::QuizScroll],
        &[Context::QuizAnswered],
        &[Context::QuizRetry, Context::QuizEnd, Context::Page],
        &[Context::Chooser],
    ];

    #[test]
    fn no_key_means_two_things_at_once() {
        for set in SETS {
            let bindings: Vec<_> = set.iter().chain([&Context::Global]).flat_map(|c| keymap::bindings(*c)).collect();
            for (i, a) in bindings.iter().enumerate() {
                for b in &bindings[i + 1..] {
                    for k in a.keys {
                        assert!(!b.keys.contains(k), "{k:?} is {:?} and {:?} in {set:?}", a.action, b.action);
                    }
                }
            }
        }
    }

    #[test]
    fn typing_footers_show_keys_that_work_while_typing() {
        let hints = keymap::hints(&[Context::QuizText, Context::QuizHint]);
        let labels: Vec<String> = hints.iter().map(|(k, h)| format!("{k} {h}")).collect();
        assert_eq!(labels, ["Enter submit", "Tab hint", "F1 help", "Esc back"]);
    }
}
