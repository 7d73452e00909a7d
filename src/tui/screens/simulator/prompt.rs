//! The simulator's prompt: type any `--set KEY=VALUE` and the scenario
//! re-runs with it. Nothing here parses keys or values: the text goes
//! through [`Override::parse`] and the scenario loader, exactly as
//! `simulate --set` does, and their diagnostics (did-you-mean included) are
//! shown under the prompt until the next edit.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::narration::wrap;
use super::run::Run;
use crate::infra::Diagnostic;
use crate::sim::{Override, scenario};
use crate::tui::input::{InputOutcome, TextInput};
use crate::tui::strings;
use crate::tui::theme::Theme;

/// At most this many lines of errors are shown (a bad value yields one or
/// two; a scenario file broken by an override could yield more).
const MAX_ERROR_LINES: usize = 6;

#[derive(Debug, Clone, Default)]
pub struct Prompt {
    input: TextInput,
    /// Why the last Enter was refused, as sentences.
    errors: Vec<String>,
}

/// What a key did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Still open (typed, edited, or an Enter that was refused).
    Open,
    Cancelled,
    /// A well-formed `KEY=VALUE` to apply; the loader still has to accept it.
    Apply(Override),
}

/// A key for the open prompt in `slot`: Esc closes it, Enter applies what
/// was typed to `run` (closing the prompt) or shows why not. Returns whether
/// the run was rebuilt from t = 0.
pub fn handle(slot: &mut Option<Prompt>, run: &mut Run, key: &KeyEvent) -> bool {
    let Some(prompt) = slot else { return false };
    match prompt.handle(key) {
        Outcome::Open => false,
        Outcome::Cancelled => {
            *slot = None;
            false
        }
        Outcome::Apply(o) => match run.set_typed(o) {
            Ok(()) => {
                *slot = None;
                true
            }
            Err(diags) => {
                prompt.refused(&diags);
                false
            }
        },
    }
}

/// What this module draws over the visualizer: the open prompt, and (when
/// not `roomy`, where the status line names them) the overrides typed.
pub fn render_over(
    area: Rect,
    knobs: Rect,
    roomy: bool,
    buf: &mut Buffer,
    theme: &Theme,
    (prompt, typed): (Option<&Prompt>, &[Override]),
) {
    if !roomy {
        render_typed(area, knobs, buf, theme, typed);
    }
    if let Some(prompt) = prompt {
        prompt.render(area, knobs, buf, theme);
    }
}

/// The overrides typed so far, as one line (` set k=v · k=v  x clears`).
pub fn typed_text(typed: &[Override]) -> Option<String> {
    let list: Vec<String> = typed.iter().map(|o| format!("{}={}", o.key, o.value)).collect();
    (!list.is_empty()).then(|| crate::text::sanitize(&strings::sim_typed(&list.join(" · "))).into_owned())
}

/// The overrides typed so far, on the row above the knob bar (over the
/// bottom of `area`), so the learner sees what the run is made of.
fn render_typed(area: Rect, knobs: Rect, buf: &mut Buffer, theme: &Theme, typed: &[Override]) {
    if typed.is_empty() || knobs.y <= area.y {
        return;
    }
    let Some(text) = typed_text(typed) else { return };
    let hint = format!("  {}", strings::SIM_SET_CLEAR);
    let rect = Rect { x: area.x, y: knobs.y - 1, width: area.width, height: 1 };
    Clear.render(rect, buf);
    let room = usize::from(area.width).saturating_sub(crate::text::width(&hint));
    let shown = crate::tui::widgets::truncate(&text, room);
    Paragraph::new(Line::from(vec![Span::styled(shown, theme.accent), Span::styled(hint, theme.dim)]))
        .render(rect, buf);
}

impl Prompt {
    pub fn handle(&mut self, key: &KeyEvent) -> Outcome {
        match self.input.handle_key(key) {
            InputOutcome::Cancelled => Outcome::Cancelled,
            InputOutcome::Submitted => match Override::parse(self.input.value.trim()) {
                Ok(o) => Outcome::Apply(o),
                Err(why) => {
                    self.errors = vec![crate::text::sanitize(&why).into_owned()];
                    Outcome::Open
                }
            },
            InputOutcome::Edited => {
                self.errors.clear();
                Outcome::Open
            }
            InputOutcome::Ignored => Outcome::Open,
        }
    }

    /// The loader refused the override: say why, as `simulate --set` would.
    pub fn refused(&mut self, diags: &[Diagnostic]) {
        self.errors = diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| {
                if scenario::is_override_diagnostic(d) {
                    // The prompt already shows what was typed.
                    format!("{}: {}", d.severity, crate::text::sanitize(&d.message))
                } else {
                    scenario::describe(d)
                }
            })
            .collect();
        if self.errors.is_empty() {
            self.errors.push(strings::SIM_PROMPT_REFUSED.to_owned());
        }
    }

    pub fn errors(&self) -> &[String] {
        &self.errors
    }

    pub fn value(&self) -> &str {
        &self.input.value
    }

    /// The lines drawn at `width`: the field, then the errors or a hint.
    fn lines(&self, width: usize, theme: &Theme) -> Vec<Line<'static>> {
        let label = strings::SIM_PROMPT_LABEL;
        let room = width.saturating_sub(crate::text::width(label) + 2).max(1);
        // Keep the cursor in view: show the end of a long value.
        let chars: Vec<char> = self.input.value.chars().collect();
        let cursor = self.input.cursor().min(chars.len());
        let start = cursor.saturating_sub(room.saturating_sub(1));
        let end = chars.len().min(start + room);
        let before: String = chars[start..cursor].iter().collect();
        let at: String = chars.get(cursor).map_or_else(|| " ".to_owned(), char::to_string);
        let after: String = chars.get(cursor + 1..end).map_or_else(String::new, |c| c.iter().collect());
        let mut lines = vec![Line::from(vec![
            Span::styled(label.to_owned(), theme.key),
            Span::styled(crate::text::sanitize(&before).into_owned(), theme.base),
            Span::styled(crate::text::sanitize(&at).into_owned(), theme.selected),
            Span::styled(crate::text::sanitize(&after).into_owned(), theme.base),
        ])];
        if self.errors.is_empty() {
            for l in wrap(strings::SIM_PROMPT_HINT, width.saturating_sub(2).max(8)) {
                lines.push(Line::from(Span::styled(format!("  {l}"), theme.dim)));
            }
        } else {
            let mut errors = Vec::new();
            for e in &self.errors {
                for (i, l) in wrap(e, width.saturating_sub(2).max(8)).into_iter().enumerate() {
                    errors
                        .push(Line::from(Span::styled(format!("{}{l}", if i == 0 { "✗ " } else { "  " }), theme.bad)));
                }
            }
            errors.truncate(MAX_ERROR_LINES);
            lines.extend(errors);
        }
        lines
    }

    /// Drawn over the bottom of `area` (the rows above `above`, the knob
    /// bar), cleared underneath.
    pub fn render(&self, area: Rect, above: Rect, buf: &mut Buffer, theme: &Theme) {
        let width = usize::from(area.width);
        let lines = self.lines(width, theme);
        let bottom = above.y.max(area.y);
        let h = (lines.len() as u16).min(bottom - area.y);
        let rect = Rect { x: area.x, y: bottom - h, width: area.width, height: h };
        Clear.render(rect, buf);
        Paragraph::new(lines).style(theme.base).render(rect, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn type_text(p: &mut Prompt, text: &str) {
        for c in text.chars() {
            p.handle(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    fn enter(p: &mut Prompt) -> Outcome {
        p.handle(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE))
    }

    #[test]
    fn enter_parses_like_the_command_line() {
        let mut p = Prompt::default();
        type_text(&mut p, "function.runtime = nodejs22.x");
        assert_eq!(
            enter(&mut p),
            Outcome::Apply(Override { key: "function.runtime".into(), value: "nodejs22.x".into() })
        );
        let mut p = Prompt::default();
        type_text(&mut p, "memory");
        assert_eq!(enter(&mut p), Outcome::Open);
        assert!(p.errors()[0].contains("expected KEY=VALUE"), "{:?}", p.errors());
        type_text(&mut p, "_mb");
        assert!(p.errors().is_empty(), "an edit clears the error");
        assert_eq!(p.handle(&KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)), Outcome::Cancelled);
    }
}
