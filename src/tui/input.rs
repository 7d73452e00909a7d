//! A one-line text field (search prompts, typed answers).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    pub value: String,
    /// Cursor position in characters.
    cursor: usize,
}

/// What a key did to the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputOutcome {
    Edited,
    Submitted,
    Cancelled,
    Ignored,
}

/// Longest text a field accepts: enough for any answer, small enough that
/// a pasted novel cannot slow the frame down.
const MAX_CHARS: usize = 500;

impl TextInput {
    pub fn with_value(value: &str) -> Self {
        Self { value: value.to_owned(), cursor: value.chars().count() }
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> InputOutcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Enter => InputOutcome::Submitted,
            KeyCode::Esc => InputOutcome::Cancelled,
            KeyCode::Char('u') if ctrl => {
                self.value.clear();
                self.cursor = 0;
                InputOutcome::Edited
            }
            KeyCode::Char('w') if ctrl => {
                let chars: Vec<char> = self.value.chars().collect();
                let mut start = self.cursor;
                while start > 0 && chars[start - 1] == ' ' {
                    start -= 1;
                }
                while start > 0 && chars[start - 1] != ' ' {
                    start -= 1;
                }
                self.value = chars[..start].iter().chain(&chars[self.cursor..]).collect();
                self.cursor = start;
                InputOutcome::Edited
            }
            KeyCode::Char(c) if !ctrl && !c.is_control() => {
                if self.value.chars().count() < MAX_CHARS {
                    let at = self.byte_index(self.cursor);
                    self.value.insert(at, c);
                    self.cursor += 1;
                }
                InputOutcome::Edited
            }
            KeyCode::Backspace if self.cursor > 0 => {
                let at = self.byte_index(self.cursor - 1);
                self.value.remove(at);
                self.cursor -= 1;
                InputOutcome::Edited
            }
            KeyCode::Delete if self.cursor < self.value.chars().count() => {
                let at = self.byte_index(self.cursor);
                self.value.remove(at);
                InputOutcome::Edited
            }
            KeyCode::Left if self.cursor > 0 => {
                self.cursor -= 1;
                InputOutcome::Edited
            }
            KeyCode::Right if self.cursor < self.value.chars().count() => {
                self.cursor += 1;
                InputOutcome::Edited
            }
            KeyCode::Home => {
                self.cursor = 0;
                InputOutcome::Edited
            }
            KeyCode::End => {
                self.cursor = self.value.chars().count();
                InputOutcome::Edited
            }
            _ => InputOutcome::Ignored,
        }
    }

    fn byte_index(&self, chars: usize) -> usize {
        self.value.char_indices().nth(chars).map_or(self.value.len(), |(i, _)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(input: &mut TextInput, code: KeyCode) -> InputOutcome {
        input.handle_key(&KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn typing_editing_and_submitting() {
        let mut input = TextInput::default();
        for c in "cold stört".chars() {
            press(&mut input, KeyCode::Char(c));
        }
        press(&mut input, KeyCode::Backspace);
        press(&mut input, KeyCode::Left);
        press(&mut input, KeyCode::Char('X'));
        assert_eq!(input.value, "cold stöXr");
        assert_eq!(press(&mut input, KeyCode::Enter), InputOutcome::Submitted);
        input.handle_key(&KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(input.value, "cold r");
    }
}
