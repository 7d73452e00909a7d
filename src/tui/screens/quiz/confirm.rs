//! Asked before a new quiz would replace the unfinished one (the store
//! keeps one resume point): continue it, start the new one, or cancel.
//! Nothing is discarded until the learner says so.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::practice::QuizSpec;
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};
use crate::tui::screens::{Ctx, Input, Launch, Transition, View};
use crate::tui::strings;
use crate::tui::widgets;

/// The three answers, in the order they are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Continue,
    StartNew,
    Cancel,
}

const CHOICES: [Choice; 3] = [Choice::Continue, Choice::StartNew, Choice::Cancel];

#[derive(Debug)]
pub struct ConfirmScreen {
    /// The quiz asked for.
    spec: QuizSpec,
    /// "Lambda basics — question 3 of 8": the unfinished one.
    unfinished: String,
    selected: usize,
}

impl ConfirmScreen {
    pub const CONTEXTS: &'static [Context] = &[Context::ConfirmQuiz];

    pub fn new(spec: QuizSpec, unfinished: String) -> Self {
        Self { spec, unfinished, selected: 0 }
    }

    /// What choosing `choice` does.
    fn choose(&self, choice: Choice) -> Transition {
        match choice {
            Choice::Continue => Transition::Switch(Launch::ResumeQuiz),
            Choice::StartNew => Transition::Switch(Launch::NewQuiz(self.spec.clone())),
            Choice::Cancel => Transition::Pop,
        }
    }
}

impl View for ConfirmScreen {
    fn contexts(&self) -> &'static [Context] {
        Self::CONTEXTS
    }

    fn handle(&mut self, input: Input<'_>, _ctx: &mut Ctx) -> Transition {
        let Input::Key(key) = input else { return Transition::Stay };
        match keymap::action_for(key, Self::CONTEXTS) {
            Some(Action::Quit) => Transition::Quit,
            Some(Action::Back) => self.choose(Choice::Cancel),
            Some(Action::ContinueQuiz) => self.choose(Choice::Continue),
            Some(Action::StartNew) => self.choose(Choice::StartNew),
            Some(Action::Open) => self.choose(CHOICES[self.selected]),
            Some(Action::Up) => {
                self.selected = self.selected.saturating_sub(1);
                Transition::Stay
            }
            Some(Action::Down) => {
                self.selected = (self.selected + 1).min(CHOICES.len() - 1);
                Transition::Stay
            }
            Some(Action::Top) => {
                self.selected = 0;
                Transition::Stay
            }
            Some(Action::Bottom) => {
                self.selected = CHOICES.len() - 1;
                Transition::Stay
            }
            _ => Transition::Stay,
        }
    }

    fn prepare(&mut self, _area: Rect, _ctx: &Ctx) {}

    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let theme = &ctx.theme;
        let [title, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
        widgets::title_bar(
            title,
            buf,
            theme,
            vec![Span::styled(format!(" {} ", strings::QUIZ), theme.module)],
            &format!("{} ", strings::UNFINISHED_TITLE),
        );
        let mut lines = vec![
            Line::default(),
            Line::styled(strings::unfinished_quiz(&crate::text::sanitize(&self.unfinished)), theme.title),
            Line::default(),
        ];
        for (i, choice) in CHOICES.iter().enumerate() {
            let label = match choice {
                Choice::Continue => strings::CONTINUE_IT,
                Choice::StartNew => strings::START_NEW,
                Choice::Cancel => strings::CANCEL,
            };
            lines.push(widgets::selectable_row(i == self.selected, theme, [Span::styled(label, theme.base)]));
        }
        let inner = Rect { x: body.x + 1, width: body.width.saturating_sub(2), ..body };
        Paragraph::new(lines).wrap(Wrap { trim: false }).render(inner, buf);
    }
}
