//! The one table of key bindings. Key handling, the help overlay and the
//! footer hints are all generated from [`BINDINGS`], so they cannot drift.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Everywhere (unless a text field has focus).
    Global,
    /// Lists: home, table of contents, search results.
    List,
    /// The lesson reader.
    Reader,
    /// The simulator's visualizer.
    Simulator,
    /// The simulator's event inspector.
    Inspector,
    /// Choosing packs or topics for a quiz.
    Chooser,
    /// A question with one answer to choose (single, true-false).
    QuizChoice,
    /// True-false questions, on top of [`Context::QuizChoice`].
    QuizTrueFalse,
    /// A question with several answers to choose.
    QuizMultiple,
    /// A typed answer (short, numeric, predict): a text field has focus.
    QuizText,
    /// Putting items in order.
    QuizOrder,
    /// Pairing items.
    QuizMatch,
    /// A card before its answer is shown.
    QuizCard,
    /// A card after its answer is shown: grading one's recall.
    QuizGrade,
    /// While hints are left to show.
    QuizHint,
    /// Scrolling a question that does not fit.
    QuizScroll,
    /// After an answer: the verdict and explanation.
    QuizAnswered,
    /// The end of a quiz, review or drill.
    QuizEnd,
    /// The end of a quiz with questions to retry.
    QuizRetry,
    /// A page of figures (stats).
    Page,
}

impl Context {
    /// Contexts where a text field takes every printable key: their footer
    /// shows keys that still work while typing (Tab, Esc, Enter).
    pub fn is_typing(self) -> bool {
        self == Context::QuizText
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    /// Shown in the help overlay.
    pub description: &'static str,
    /// Shown in the footer when set (short form).
    pub hint: Option<&'static str>,
}

/// A key without its modifiers' noise: `Char` keys match case-sensitively.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
    /// A key with Shift held (Shift+↑).
    Shift(KeyCode),
    /// Any digit in the range (`1-9`): the action reads which one.
    Digits(char, char),
}

impl Key {
    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".to_owned(),
            Key::Char(c) => c.to_string(),
            Key::Digits(lo, hi) => format!("{lo}-{hi}"),
            Key::Shift(code) => format!("Shift-{}", Key::Code(code).label()),
            Key::Ctrl(c) => format!("Ctrl-{c}"),
            Key::Code(code) => match code {
                KeyCode::Up => "↑".to_owned(),
                KeyCode::Down => "↓".to_owned(),
                KeyCode::Left => "←".to_owned(),
                KeyCode::Right => "→".to_owned(),
                KeyCode::PageUp => "PgUp".to_owned(),
                KeyCode::PageDown => "PgDn".to_owned(),
                KeyCode::Home => "Home".to_owned(),
                KeyCode::End => "End".to_owned(),
                KeyCode::Enter => "Enter".to_owned(),
                KeyCode::Esc => "Esc".to_owned(),
                KeyCode::Tab => "Tab".to_owned(),
                KeyCode::Backspace => "Backspace".to_owned(),
                KeyCode::F(n) => format!("F{n}"),
                other => format!("{other:?}"),
            },
        }
    }

    fn matches(self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        match (self, event.code) {
            (Key::Char(c), KeyCode::Char(e)) => !ctrl && c == e,
            (Key::Ctrl(c), KeyCode::Char(e)) => ctrl && c.eq_ignore_ascii_case(&e),
            (Key::Digits(lo, hi), KeyCode::Char(e)) => !ctrl && (lo..=hi).contains(&e),
            (Key::Shift(code), e) => event.modifiers.contains(KeyModifiers::SHIFT) && code == e,
            (Key::Code(code), e) => code == e,
            _ => false,
        }
    }
}

use Key::{Char, Code, Ctrl, Digits, Shift};

pub const BINDINGS: &[Binding] = &[
    Binding {
        context: Context::Global,
        keys: &[Char('?'), Code(KeyCode::F(1))],
        action: Action::Help,
        description: "show or hide this help",
        hint: Some("help"),
    },
    Binding {
        context: Context::Global,
        keys: &[Char('q'), Code(KeyCode::Esc)],
        action: Action::Back,
        description: "go back; quit from the home screen",
        hint: Some("back"),
    },
    Binding {
        context: Context::Global,
        keys: &[Ctrl('c')],
        action: Action::Quit,
        description: "quit at once (progress is already saved)",
        hint: None,
    },
    Binding {
        context: Context::List,
        keys: &[Char('k'), Code(KeyCode::Up)],
        action: Action::Up,
        description: "previous item",
        hint: None,
    },
    Binding {
        context: Context::List,
        keys: &[Char('j'), Code(KeyCode::Down)],
        action: Action::Down,
        description: "next item",
        hint: Some("move"),
    },
    Binding {
        context: Context::List,
        keys: &[Code(KeyCode::PageUp), Ctrl('b')],
        action: Action::PageUp,
        description: "page up",
        hint: None,
    },
    Binding {
        context: Context::List,
        keys: &[Code(KeyCode::PageDown), Ctrl('f')],
        action: Action::PageDown,
        description: "page down",
        hint: None,
    },
    Binding {
        context: Context::List,
        keys: &[Char('g'), Code(KeyCode::Home)],
        action: Action::Top,
        description: "first item",
        hint: None,
    },
    Binding {
        context: Context::List,
        keys: &[Char('G'), Code(KeyCode::End)],
        action: Action::Bottom,
        description: "last item",
        hint: None,
    },
    Binding {
        context: Context::List,
        keys: &[Code(KeyCode::Enter), Char('l'), Code(KeyCode::Right)],
        action: Action::Open,
        description: "open the selected item",
        hint: Some("open"),
    },
    Binding {
        context: Context::List,
        keys: &[Char('/')],
        action: Action::SearchAll,
        description: "search all lessons",
        hint: Some("search"),
    },
    Binding {
        context: Context::Reader,
        keys: &[Char('k'), Code(KeyCode::Up)],
        action: Action::Up,
        description: "scroll up a line",
        hint: None,
    },
    Binding {
        context: Context::Reader,
        keys: &[Char('j'), Code(KeyCode::Down)],
        action: Action::Down,
        description: "scroll down a line",
        hint: Some("scroll"),
    },
    Binding {
        context: Context::Reader,
        keys: &[Code(KeyCode::PageUp), Char('b'), Ctrl('b')],
        action: Action::PageUp,
        description: "page up",
        hint: None,
    },
    Binding {
        context: Context::Reader,
        keys: &[Code(KeyCode::PageDown), Char(' '), Ctrl('f')],
        action: Action::PageDown,
        description: "page down",
        hint: Some("page"),
    },
    Binding {
        context: Context::Reader,
        keys: &[Ctrl('u')],
        action: Action::HalfPageUp,
        description: "half a page up",
        hint: None,
    },
    Binding {
        context: Context::Reader,
        keys: &[Ctrl('d')],
        action: Action::HalfPageDown,
        description: "half a page down",
        hint: None,
    },
    Binding {
        context: Context::Reader,
        keys: &[Char('g'), Code(KeyCode::Home)],
        action: Action::Top,
        description: "go to the top",
        hint: None,
    },
    Binding {
        context: Context::Reader,
        keys: &[Char('G'), Code(KeyCode::End)],
        action: Action::Bottom,
        description: "go to the end",
        hint: None,
    },
    Binding {
        context: Context::Reader,
        keys: &[Char('t')],
        action: Action::Contents,
        description: "table of contents",
        hint: Some("contents"),
    },
    Binding {
        context: Context::Reader,
        keys: &[Char('/')],
        action: Action::Search,
        description: "search this lesson",
        hint: Some("search"),
    },
    Binding {
        context: Context::Reader,
        keys: &[Char('S')],
        action: Action::SearchAll,
        description: "search all lessons",
        hint: None,
    },
    Binding {
        context: Context::Reader,
        keys: &[Char('n')],
        action: Action::NextHit,
        description: "next search hit",
        hint: None,
    },
    Binding {
        context: Context::Reader,
        keys: &[Char('N')],
        action: Action::PrevHit,
        description: "previous search hit",
        hint: None,
    },
    Binding {
        context: Context::Reader,
        keys: &[Char(']'), Code(KeyCode::Right), Char('L')],
        action: Action::NextLesson,
        description: "next lesson",
        hint: Some("next"),
    },
    Binding {
        context: Context::Reader,
        keys: &[Char('['), Code(KeyCode::Left), Char('H')],
        action: Action::PrevLesson,
        description: "previous lesson",
        hint: None,
    },
    Binding {
        context: Context::Simulator,
        keys: &[Char(' ')],
        action: Action::PlayPause,
        description: "play or pause (a finished run starts again)",
        hint: Some("play/pause"),
    },
    Binding {
        context: Context::Simulator,
        keys: &[Char('.')],
        action: Action::StepEvent,
        description: "pause and advance to the next event",
        hint: Some("step"),
    },
    Binding {
        context: Context::Simulator,
        keys: &[Char('+'), Char('=')],
        action: Action::Faster,
        description: "faster (up to 10,000× real time)",
        hint: Some("faster"),
    },
    Binding {
        context: Context::Simulator,
        keys: &[Char('-'), Char('_')],
        action: Action::Slower,
        description: "slower (down to 0.1× real time)",
        hint: Some("slower"),
    },
    Binding {
        context: Context::Simulator,
        keys: &[Code(KeyCode::Left), Char('h')],
        action: Action::PrevKnob,
        description: "previous knob",
        hint: None,
    },
    Binding {
        context: Context::Simulator,
        keys: &[Code(KeyCode::Right), Char('l')],
        action: Action::NextKnob,
        description: "next knob (the knobs line at the bottom)",
        hint: Some("knob"),
    },
    Binding {
        context: Context::Simulator,
        keys: &[Code(KeyCode::Up), Char('k')],
        action: Action::Up,
        description: "raise the knob: the scenario re-runs from t = 0",
        hint: None,
    },
    Binding {
        context: Context::Simulator,
        keys: &[Code(KeyCode::Down), Char('j')],
        action: Action::Down,
        description: "lower the knob: the scenario re-runs from t = 0",
        hint: None,
    },
    Binding {
        context: Context::Simulator,
        keys: &[Char('x')],
        action: Action::ResetKnobs,
        description: "knobs back to the scenario's own values",
        hint: None,
    },
    Binding {
        context: Context::Simulator,
        keys: &[Char('r')],
        action: Action::Reseed,
        description: "run again from t = 0 with another seed",
        hint: None,
    },
    Binding {
        context: Context::Simulator,
        keys: &[Char('e'), Code(KeyCode::Enter)],
        action: Action::Inspect,
        description: "inspect recent invocations: payload and result",
        hint: Some("events"),
    },
    Binding {
        context: Context::Simulator,
        keys: &[Char('s')],
        action: Action::ShowSummary,
        description: "show or hide the run's summary",
        hint: None,
    },
    Binding {
        context: Context::Inspector,
        keys: &[Code(KeyCode::Up), Char('k')],
        action: Action::Up,
        description: "newer invocation",
        hint: None,
    },
    Binding {
        context: Context::Inspector,
        keys: &[Code(KeyCode::Down), Char('j')],
        action: Action::Down,
        description: "older invocation",
        hint: Some("pick"),
    },
    Binding {
        context: Context::Inspector,
        keys: &[Code(KeyCode::PageUp), Char('b')],
        action: Action::PageUp,
        description: "scroll the payload up",
        hint: None,
    },
    Binding {
        context: Context::Inspector,
        keys: &[Code(KeyCode::PageDown), Char(' ')],
        action: Action::PageDown,
        description: "scroll the payload down",
        hint: Some("scroll"),
    },
    Binding {
        context: Context::Chooser,
        keys: &[Char('k'), Code(KeyCode::Up)],
        action: Action::Up,
        description: "previous row",
        hint: None,
    },
    Binding {
        context: Context::Chooser,
        keys: &[Char('j'), Code(KeyCode::Down)],
        action: Action::Down,
        description: "next row",
        hint: Some("move"),
    },
    Binding {
        context: Context::Chooser,
        keys: &[Code(KeyCode::PageUp), Ctrl('b')],
        action: Action::PageUp,
        description: "page up",
        hint: None,
    },
    Binding {
        context: Context::Chooser,
        keys: &[Code(KeyCode::PageDown), Ctrl('f')],
        action: Action::PageDown,
        description: "page down",
        hint: None,
    },
    Binding {
        context: Context::Chooser,
        keys: &[Char('g'), Code(KeyCode::Home)],
        action: Action::Top,
        description: "first row",
        hint: None,
    },
    Binding {
        context: Context::Chooser,
        keys: &[Char('G'), Code(KeyCode::End)],
        action: Action::Bottom,
        description: "last row",
        hint: None,
    },
    Binding {
        context: Context::Chooser,
        keys: &[Char(' '), Char('x')],
        action: Action::Toggle,
        description: "select or unselect a pack or topic (several may be selected)",
        hint: Some("select"),
    },
    Binding {
        context: Context::Chooser,
        keys: &[Code(KeyCode::Enter)],
        action: Action::Start,
        description: "start a quiz on the selection (or on the highlighted row)",
        hint: Some("start"),
    },
    Binding {
        context: Context::Chooser,
        keys: &[Char('c')],
        action: Action::CycleCount,
        description: "questions per quiz: 5, 10, 20 or all",
        hint: Some("count"),
    },
    Binding {
        context: Context::QuizTrueFalse,
        keys: &[Char('t')],
        action: Action::PickTrue,
        description: "answer true",
        hint: Some("true"),
    },
    Binding {
        context: Context::QuizTrueFalse,
        keys: &[Char('f')],
        action: Action::PickFalse,
        description: "answer false",
        hint: Some("false"),
    },
    Binding {
        context: Context::QuizChoice,
        keys: &[Char('k'), Code(KeyCode::Up)],
        action: Action::Up,
        description: "highlight the previous answer",
        hint: None,
    },
    Binding {
        context: Context::QuizChoice,
        keys: &[Char('j'), Code(KeyCode::Down)],
        action: Action::Down,
        description: "highlight the next answer",
        hint: Some("move"),
    },
    Binding {
        context: Context::QuizChoice,
        keys: &[Code(KeyCode::Enter), Char(' ')],
        action: Action::Submit,
        description: "answer with the highlighted choice",
        hint: Some("answer"),
    },
    Binding {
        context: Context::QuizChoice,
        keys: &[Digits('1', '9')],
        action: Action::Pick,
        description: "answer with the choice of that number",
        hint: Some("choose"),
    },
    Binding {
        context: Context::QuizMultiple,
        keys: &[Char('k'), Code(KeyCode::Up)],
        action: Action::Up,
        description: "highlight the previous choice",
        hint: None,
    },
    Binding {
        context: Context::QuizMultiple,
        keys: &[Char('j'), Code(KeyCode::Down)],
        action: Action::Down,
        description: "highlight the next choice",
        hint: Some("move"),
    },
    Binding {
        context: Context::QuizMultiple,
        keys: &[Char(' '), Char('x')],
        action: Action::Toggle,
        description: "pick or unpick the highlighted choice",
        hint: Some("pick"),
    },
    Binding {
        context: Context::QuizMultiple,
        keys: &[Digits('1', '9')],
        action: Action::Pick,
        description: "pick or unpick the choice of that number",
        hint: None,
    },
    Binding {
        context: Context::QuizMultiple,
        keys: &[Code(KeyCode::Enter)],
        action: Action::Submit,
        description: "submit the choices picked",
        hint: Some("submit"),
    },
    Binding {
        context: Context::QuizText,
        keys: &[Code(KeyCode::Enter)],
        action: Action::Submit,
        description: "submit the answer typed",
        hint: Some("submit"),
    },
    Binding {
        context: Context::QuizOrder,
        keys: &[Char('K'), Shift(KeyCode::Up)],
        action: Action::MoveItemUp,
        description: "move the highlighted item up",
        hint: Some("move up"),
    },
    Binding {
        context: Context::QuizOrder,
        keys: &[Char('J'), Shift(KeyCode::Down)],
        action: Action::MoveItemDown,
        description: "move the highlighted item down",
        hint: Some("move down"),
    },
    Binding {
        context: Context::QuizOrder,
        keys: &[Char('k'), Code(KeyCode::Up)],
        action: Action::Up,
        description: "highlight the previous item",
        hint: None,
    },
    Binding {
        context: Context::QuizOrder,
        keys: &[Char('j'), Code(KeyCode::Down)],
        action: Action::Down,
        description: "highlight the next item",
        hint: Some("select"),
    },
    Binding {
        context: Context::QuizOrder,
        keys: &[Code(KeyCode::Enter)],
        action: Action::Submit,
        description: "submit this order",
        hint: Some("submit"),
    },
    Binding {
        context: Context::QuizMatch,
        keys: &[Char('k'), Code(KeyCode::Up)],
        action: Action::Up,
        description: "highlight the previous item",
        hint: None,
    },
    Binding {
        context: Context::QuizMatch,
        keys: &[Char('j'), Code(KeyCode::Down)],
        action: Action::Down,
        description: "highlight the next item",
        hint: Some("move"),
    },
    Binding {
        context: Context::QuizMatch,
        keys: &[Code(KeyCode::Left)],
        action: Action::ColumnLeft,
        description: "go to the left-hand items",
        hint: None,
    },
    Binding {
        context: Context::QuizMatch,
        keys: &[Code(KeyCode::Right)],
        action: Action::ColumnRight,
        description: "go to the right-hand items",
        hint: Some("column"),
    },
    Binding {
        context: Context::QuizMatch,
        keys: &[Char(' ')],
        action: Action::Pair,
        description: "pick the highlighted item, then its partner on the other side",
        hint: Some("pair"),
    },
    Binding {
        context: Context::QuizMatch,
        keys: &[Digits('1', '9')],
        action: Action::Pick,
        description: "pick the left-hand item of that number",
        hint: None,
    },
    Binding {
        context: Context::QuizMatch,
        keys: &[Char('u'), Code(KeyCode::Backspace)],
        action: Action::Unpair,
        description: "undo the pair of the highlighted item",
        hint: Some("unpair"),
    },
    Binding {
        context: Context::QuizMatch,
        keys: &[Code(KeyCode::Enter)],
        action: Action::Submit,
        description: "submit the pairs (pairs the highlighted item while some are missing)",
        hint: Some("submit"),
    },
    Binding {
        context: Context::QuizCard,
        keys: &[Code(KeyCode::Enter), Char(' ')],
        action: Action::Reveal,
        description: "show the model answer",
        hint: Some("reveal"),
    },
    Binding {
        context: Context::QuizGrade,
        keys: &[Digits('1', '4')],
        action: Action::Grade,
        description: "grade your recall: 1 again, 2 hard, 3 good, 4 easy",
        hint: Some("grade"),
    },
    Binding {
        context: Context::QuizHint,
        keys: &[Char('h'), Code(KeyCode::Tab)],
        action: Action::Hint,
        description: "show the next hint",
        hint: Some("hint"),
    },
    Binding {
        context: Context::QuizScroll,
        keys: &[Code(KeyCode::PageUp)],
        action: Action::PageUp,
        description: "scroll the question up",
        hint: None,
    },
    Binding {
        context: Context::QuizScroll,
        keys: &[Code(KeyCode::PageDown)],
        action: Action::PageDown,
        description: "scroll the question down",
        hint: None,
    },
    Binding {
        context: Context::QuizAnswered,
        keys: &[Code(KeyCode::Enter), Char('n'), Char(' ')],
        action: Action::Next,
        description: "next question",
        hint: Some("next"),
    },
    Binding {
        context: Context::QuizAnswered,
        keys: &[Char('l')],
        action: Action::ReadLesson,
        description: "read the lesson this question comes from (q returns here)",
        hint: Some("lesson"),
    },
    Binding {
        context: Context::QuizAnswered,
        keys: &[Char('k'), Code(KeyCode::Up)],
        action: Action::Up,
        description: "scroll up",
        hint: None,
    },
    Binding {
        context: Context::QuizAnswered,
        keys: &[Char('j'), Code(KeyCode::Down)],
        action: Action::Down,
        description: "scroll down",
        hint: Some("scroll"),
    },
    Binding {
        context: Context::QuizAnswered,
        keys: &[Code(KeyCode::PageUp)],
        action: Action::PageUp,
        description: "page up",
        hint: None,
    },
    Binding {
        context: Context::QuizAnswered,
        keys: &[Code(KeyCode::PageDown)],
        action: Action::PageDown,
        description: "page down",
        hint: None,
    },
    Binding {
        context: Context::QuizRetry,
        keys: &[Char('r')],
        action: Action::Retry,
        description: "retry the questions you missed",
        hint: Some("retry"),
    },
    Binding {
        context: Context::QuizEnd,
        keys: &[Code(KeyCode::Enter)],
        action: Action::Back,
        description: "done: go back",
        hint: None,
    },
    Binding {
        context: Context::Page,
        keys: &[Char('k'), Code(KeyCode::Up)],
        action: Action::Up,
        description: "scroll up",
        hint: None,
    },
    Binding {
        context: Context::Page,
        keys: &[Char('j'), Code(KeyCode::Down)],
        action: Action::Down,
        description: "scroll down",
        hint: Some("scroll"),
    },
    Binding {
        context: Context::Page,
        keys: &[Code(KeyCode::PageUp), Ctrl('b')],
        action: Action::PageUp,
        description: "page up",
        hint: None,
    },
    Binding {
        context: Context::Page,
        keys: &[Code(KeyCode::PageDown), Ctrl('f'), Char(' ')],
        action: Action::PageDown,
        description: "page down",
        hint: None,
    },
    Binding {
        context: Context::Page,
        keys: &[Char('g'), Code(KeyCode::Home)],
        action: Action::Top,
        description: "go to the top",
        hint: None,
    },
    Binding {
        context: Context::Page,
        keys: &[Char('G'), Code(KeyCode::End)],
        action: Action::Bottom,
        description: "go to the end",
        hint: None,
    },
];

/// The action a key has in the given contexts (searched in order, then Global).
pub fn action_for(event: &KeyEvent, contexts: &[Context]) -> Option<Action> {
    contexts.iter().chain(std::iter::once(&Context::Global)).find_map(|context| {
        BINDINGS
            .iter()
            .filter(|b| b.context == *context)
            .find(|b| b.keys.iter().any(|k| k.matches(event)))
            .map(|b| b.action)
    })
}

/// Footer hints for the given contexts: (keys, hint) pairs. While a text
/// field has focus, printable keys type text, so each binding is shown by
/// a key that still works (and left out if it has none).
pub fn hints(contexts: &[Context]) -> Vec<(String, &'static str)> {
    let typing = contexts.iter().any(|c| c.is_typing());
    let mut out = Vec::new();
    for context in contexts.iter().chain(std::iter::once(&Context::Global)) {
        for b in BINDINGS.iter().filter(|b| b.context == *context) {
            let key = if typing {
                b.keys.iter().find(|k| !matches!(k, Key::Char(_) | Key::Digits(..)))
            } else {
                b.keys.first()
            };
            if let (Some(hint), Some(key)) = (b.hint, key) {
                out.push((key.label(), hint));
            }
        }
    }
    out
}

/// The first key bound to `action` in `context`, as shown to the user
/// (for labels drawn next to what the key changes, e.g. the knobs).
pub fn key_label(action: Action, context: Context) -> Option<String> {
    BINDINGS.iter().find(|b| b.context == context && b.action == action).map(|b| b.keys[0].label())
}

/// Help overlay rows for a context: (all keys, description).
pub fn help_rows(context: Context) -> Vec<(String, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.context == context)
        .map(|b| (b.keys.iter().map(|k| k.label()).collect::<Vec<_>>().join(" "), b.description))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn vim_and_arrow_keys_both_scroll() {
        let ctx = [Context::Reader];
        assert_eq!(action_for(&key(KeyCode::Char('j')), &ctx), Some(Action::Down));
        assert_eq!(action_for(&key(KeyCode::Down), &ctx), Some(Action::Down));
        assert_eq!(action_for(&key(KeyCode::Char('?')), &ctx), Some(Action::Help));
        assert_eq!(action_for(&KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL), &ctx), Some(Action::Quit));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                let shares_scope =
                    a.context == b.context || a.context == Context::Global || b.context == Context::Global;
                if shares_scope {
                    for k in a.keys {
                        assert!(!b.keys.contains(k), "{k:?} bound to {:?} and {:?}", a.action, b.action);
                    }
                }
            }
        }
    }

    #[test]
    fn simulator_keys_are_in_the_table() {
        let ctx = [Context::Simulator];
        assert_eq!(action_for(&key(KeyCode::Char(' ')), &ctx), Some(Action::PlayPause));
        assert_eq!(action_for(&key(KeyCode::Right), &ctx), Some(Action::NextKnob));
        assert_eq!(action_for(&key(KeyCode::Char('q')), &ctx), Some(Action::Back));
        for context in [Context::Simulator, Context::Inspector] {
            assert!(help_rows(context).iter().all(|(keys, d)| !keys.is_empty() && !d.is_empty()));
        }
        assert_eq!(key_label(Action::Reseed, Context::Simulator), Some("r".to_owned()));
    }

    #[test]
    fn every_action_in_help_has_a_description() {
        for context in [Context::Global, Context::List, Context::Reader, Context::Chooser, Context::Page] {
            assert!(help_rows(context).iter().all(|(keys, d)| !keys.is_empty() && !d.is_empty()));
        }
    }
}
