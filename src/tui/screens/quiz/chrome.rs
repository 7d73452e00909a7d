//! The rows above a question: the title (mode, pack, question number and topic),
//! the progress bar with score and time left, and the status line (what
//! to do now, a message, or the verdict).

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::answer::AnswerInput;
use super::{QuizScreen, State, body, end};
use crate::practice::Purpose;
use crate::practice::drill::clock_text;
use crate::quiz::model::QuestionKind;
use crate::tui::keymap::Context;
use crate::tui::strings;
use crate::tui::theme::Theme;
use crate::tui::widgets;

impl QuizScreen {
    /// The keymap contexts of the stage on screen, most specific first.
    pub(super) fn contexts_now(&self) -> &'static [Context] {
        use Context::{
            Page, QuizAnswered, QuizCard, QuizChoice, QuizEnd, QuizGrade, QuizHint, QuizMatch, QuizMultiple, QuizOrder,
            QuizRetry, QuizScroll, QuizText, QuizTrueFalse,
        };
        match &self.state {
            State::Empty(empty) if empty.next.is_some() => &[QuizEnd, Page],
            State::Empty(_) => &[Page],
            State::Finished(_) if self.can_retry() => &[QuizRetry, QuizEnd, Page],
            State::Finished(_) => &[QuizEnd, Page],
            State::Answered(..) => &[QuizAnswered],
            State::Asking(current) => {
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
    /// A drill sized by minutes (not by a question count).
    fn is_timed_by_clock(&self) -> bool {
        self.practice.drill().is_some_and(|d| matches!(d.spec.size, crate::study::DrillSize::Minutes(_)))
    }

    fn mode_name(&self) -> &'static str {
        match self.practice.purpose {
            Purpose::Quiz(_) => strings::QUIZ,
            Purpose::Review { .. } => strings::REVIEW,
            Purpose::Drill(_) => strings::DRILL,
            Purpose::Checkpoint { .. } => strings::CHECKPOINT,
        }
    }
    pub(super) fn render_title(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let title = crate::text::sanitize(&self.practice.title).into_owned();
        let mut left = vec![Span::styled(format!(" {} ", self.mode_name()), theme.module)];
        if title != self.mode_name() {
            left.push(Span::styled("› ", theme.dim));
            left.push(Span::styled(title, theme.title));
        }
        let right = match &self.state {
            State::Asking(current) | State::Answered(current, _) => {
                let n = current.number;
                let count = if self.is_timed_by_clock() {
                    format!("{} {n}", strings::QUESTION)
                } else {
                    format!("{} {n}/{}", strings::QUESTION, self.session.len())
                };
                // The topic, as plain mode prints it: which subject this question tests.
                let topic = crate::text::sanitize(current.item.question.topic.trim()).into_owned();
                if topic.is_empty() { format!("{count} ") } else { format!("{count} [{topic}] ") }
            }
            State::Finished(_) => format!("{} ", strings::FINISHED),
            State::Empty(_) => String::new(),
        };
        widgets::title_bar(area, buf, theme, left, &right);
    }
    /// The progress bar, the score so far and (drills) the time left.
    pub(super) fn render_progress(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        if matches!(self.state, State::Empty(_)) {
            return;
        }
        let answered = self.session.records().len();
        let total = self.session.len();
        let score = self.session.score();
        let bar_width = usize::from(area.width / 4).clamp(5, 30);
        // A drill planned by time has more questions than anyone answers:
        // its bar is the time used, not the questions.
        let bar = match (self.is_timed_by_clock(), self.practice.drill(), self.remaining) {
            (true, Some(run), Some(left)) => {
                let limit = run.limit.as_secs().max(1) as usize;
                widgets::progress_bar(limit - (left.as_secs() as usize).min(limit), limit, bar_width)
            }
            _ => widgets::progress_bar(answered, total, bar_width),
        };
        let count = if self.is_timed_by_clock() {
            format!(" {answered} {}", strings::ANSWERED)
        } else {
            format!(" {answered}/{total} {}", strings::ANSWERED)
        };
        let mut spans = vec![
            Span::raw(" "),
            Span::styled(bar, theme.accent),
            Span::styled(count, theme.dim),
            Span::styled(format!(" · {} {}/{answered}", strings::SCORE, score.correct), theme.dim),
        ];
        if let Some(left) = self.remaining.filter(|_| !matches!(self.state, State::Finished(_))) {
            let style = if left < Duration::from_secs(60) { theme.warn } else { theme.accent };
            spans.push(Span::styled(" · ", theme.dim));
            spans.push(Span::styled(format!("⏱ {} {}", clock_text(left), strings::LEFT), style));
        }
        if let Purpose::Review { due, new } = self.practice.purpose {
            spans.push(Span::styled(format!(" · {}", strings::due_and_new(due, new)), theme.dim));
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
    }
    /// What to do now, a message, or the verdict.
    pub(super) fn render_status(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let line = if let Some(m) = &self.note {
            Line::from(Span::styled(
                format!(" {}", crate::text::sanitize(&m.text)),
                if m.warn { theme.warn } else { theme.accent },
            ))
        } else {
            match &self.state {
                State::Answered(_, answered) => body::verdict_line(answered, theme),
                State::Asking(current) => {
                    Line::from(Span::styled(format!(" {}", body::instruction(current, &self.practice)), theme.dim))
                }
                State::Finished(end) => end::status_line(self, end, theme),
                // An empty screen's message is its body.
                State::Empty(_) => Line::default(),
            }
        };
        Paragraph::new(line).render(area, buf);
    }
}
