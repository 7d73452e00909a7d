//! The key bindings, one table per context. Key handling, the help
//! overlay and the footer hints are all generated from [`TABLES`], so they
//! cannot drift. Bindings are written with [`bind`]; lists share [`NAV`].

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
    /// The simulator's `--set KEY=VALUE` prompt: a text field has focus.
    SimPrompt,
    /// A lab: on top of [`Context::Simulator`], whose knob keys turn the
    /// lab's own knobs.
    Lab,
    /// The verdict of a graded lab run.
    LabVerdict,
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
    /// Asked before a new quiz replaces the unfinished one.
    ConfirmQuiz,
    /// The stats screen's actions on weak topics.
    Stats,
    /// Setting up a drill: its length and topics.
    DrillSetup,
}

impl Context {
    /// Contexts where a text field takes every printable key: their footer
    /// shows keys that still work while typing (Tab, Esc, Enter).
    pub fn is_typing(self) -> bool {
        matches!(self, Context::QuizText | Context::SimPrompt)
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    /// Shown in the help overlay.
    pub description: &'static str,
    /// Shown in the footer when set (short form).
    pub hint: Option<&'static str>,
}

/// A binding without a footer hint (see [`Binding::hint`]).
pub const fn bind(keys: &'static [Key], action: Action, description: &'static str) -> Binding {
    Binding { keys, action, description, hint: None }
}

impl Binding {
    /// Show this binding in the footer as `hint`.
    #[must_use]
    pub const fn hint(self, hint: &'static str) -> Self {
        Binding { hint: Some(hint), ..self }
    }
}

/// A key as the tables name it. `Char` keys match case-sensitively (and
/// so ignore Shift, which the case already says); `Code` keys match only
/// without Shift, Ctrl or Alt, so `Code(Up)` never answers Shift+↑ and the
/// order of a table does not decide what a key means.
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
            // A terminal sends Shift-Tab as BackTab with Shift held.
            Key::Shift(KeyCode::BackTab) => "Shift-Tab".to_owned(),
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

    pub fn matches(self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let plain = !event.modifiers.intersects(KeyModifiers::SHIFT | KeyModifiers::CONTROL | KeyModifiers::ALT);
        match (self, event.code) {
            (Key::Char(c), KeyCode::Char(e)) => !ctrl && c == e,
            (Key::Ctrl(c), KeyCode::Char(e)) => ctrl && c.eq_ignore_ascii_case(&e),
            (Key::Digits(lo, hi), KeyCode::Char(e)) => !ctrl && (lo..=hi).contains(&e),
            (Key::Shift(code), e) => event.modifiers.contains(KeyModifiers::SHIFT) && code == e,
            (Key::Code(code), e) => plain && code == e,
            _ => false,
        }
    }
}

use Action::{
    Back, Bottom, ColumnLeft, ColumnRight, Contents, ContinueQuiz, CycleCount, Down, DrillWeak, Faster, Grade,
    HalfPageDown, HalfPageUp, Help, Hint, Inspect, MoveItemDown, MoveItemUp, Next, NextHit, NextKnob, NextLesson,
    NextLink, Open, OpenLink, OpenPrompt, PageDown, PageUp, Pair, Pick, PickFalse, PickTrue, PlayPause, PrevHit,
    PrevKnob, PrevLesson, PrevLink, Quit, QuizLesson, ReadLesson, Reseed, ResetKnobs, Retry, Reveal, Search, SearchAll,
    ShowSummary, Slower, Start, StartNew, StepEvent, Submit, TakeStep, Toggle, Top, Unpair, Up,
};
use Action::{Longer, PickAll, PickWeakest, Shorter, SwitchSize};
use Key::{Char, Code, Ctrl, Digits, Shift};

// Keys that mean the same movement wherever they apply.
const UP: &[Key] = &[Char('k'), Code(KeyCode::Up)];
const DOWN: &[Key] = &[Char('j'), Code(KeyCode::Down)];
const PAGE_UP: &[Key] = &[Code(KeyCode::PageUp), Ctrl('b')];
const PAGE_DOWN: &[Key] = &[Code(KeyCode::PageDown), Ctrl('f')];
const TOP: &[Key] = &[Char('g'), Code(KeyCode::Home)];
const BOTTOM: &[Key] = &[Char('G'), Code(KeyCode::End)];
const ENTER: &[Key] = &[Code(KeyCode::Enter)];

/// Moving in a list of rows: home, contents, search results, the chooser.
pub const NAV: &[Binding] = &[
    bind(UP, Up, "previous item"),
    bind(DOWN, Down, "next item").hint("move"),
    bind(PAGE_UP, PageUp, "page up"),
    bind(PAGE_DOWN, PageDown, "page down"),
    bind(TOP, Top, "first item"),
    bind(BOTTOM, Bottom, "last item"),
];

const GLOBAL: &[Binding] = &[
    bind(&[Char('?'), Code(KeyCode::F(1))], Help, "show or hide this help").hint("help"),
    bind(&[Char('q'), Code(KeyCode::Esc)], Back, "go back; quit from the home screen").hint("back"),
    bind(&[Ctrl('c')], Quit, "quit at once (progress is already saved)"),
];

const LIST: &[Binding] = &[
    bind(&[Code(KeyCode::Enter), Char('l'), Code(KeyCode::Right)], Open, "open the selected item").hint("open"),
    bind(&[Char('/')], SearchAll, "search all lessons").hint("search"),
];

const READER: &[Binding] = &[
    bind(UP, Up, "scroll up a line"),
    bind(DOWN, Down, "scroll down a line").hint("scroll"),
    bind(&[Code(KeyCode::PageUp), Char('b'), Ctrl('b')], PageUp, "page up"),
    bind(&[Code(KeyCode::PageDown), Char(' '), Ctrl('f')], PageDown, "page down").hint("page"),
    bind(&[Ctrl('u')], HalfPageUp, "half a page up"),
    bind(&[Ctrl('d')], HalfPageDown, "half a page down"),
    bind(TOP, Top, "go to the top"),
    bind(BOTTOM, Bottom, "go to the end"),
    // "toc", not "contents": with "Tab link" the reader's hints fit 80 columns.
    bind(&[Char('t')], Contents, "table of contents").hint("toc"),
    bind(&[Char('/')], Search, "search this lesson").hint("search"),
    bind(&[Char('S')], SearchAll, "search all lessons"),
    bind(&[Char('n')], NextHit, "next search hit"),
    bind(&[Char('N')], PrevHit, "previous search hit"),
    bind(&[Char(']'), Code(KeyCode::Right), Char('L')], NextLesson, "next lesson").hint("next"),
    bind(&[Char('['), Code(KeyCode::Left), Char('H')], PrevLesson, "previous lesson"),
    bind(&[Char('Q')], QuizLesson, "quiz on this lesson's questions").hint("quiz"),
    bind(&[Code(KeyCode::Tab)], NextLink, "select the next simulator or lab link").hint("link"),
    bind(&[Shift(KeyCode::BackTab)], PrevLink, "select the previous simulator or lab link"),
    bind(&[Char('o')], OpenLink, "open the selected link, else the first on screen"),
    bind(ENTER, TakeStep, "open the selected link or checkpoint, or read on"),
];

const SIMULATOR: &[Binding] = &[
    bind(&[Char(' ')], PlayPause, "play or pause (a finished run starts again)").hint("play/pause"),
    bind(&[Char('.')], StepEvent, "pause and advance to the next event").hint("step"),
    bind(&[Char('+'), Char('=')], Faster, "faster (up to 10,000× real time)").hint("faster"),
    // No footer hint: `+ faster` stands for the pair, and the line is full.
    bind(&[Char('-'), Char('_')], Slower, "slower (down to 0.1× real time)"),
    bind(&[Code(KeyCode::Left), Char('h')], PrevKnob, "previous knob"),
    bind(&[Code(KeyCode::Right), Char('l')], NextKnob, "next knob (the knobs line at the bottom)").hint("knob"),
    bind(&[Code(KeyCode::Up), Char('k')], Up, "raise the knob: the scenario re-runs from t = 0"),
    bind(&[Code(KeyCode::Down), Char('j')], Down, "lower the knob: the scenario re-runs from t = 0"),
    bind(
        &[Char('o'), Char(':')],
        OpenPrompt,
        "type a --set KEY=VALUE (any key of the scenario file); re-runs from t = 0",
    )
    .hint("set"),
    bind(&[Char('x')], ResetKnobs, "knobs and typed settings back to the scenario's own values"),
    bind(&[Char('r')], Reseed, "run again from t = 0 with another seed"),
    bind(&[Char('e'), Code(KeyCode::Enter)], Inspect, "inspect recent invocations: payload and result").hint("events"),
    bind(&[Char('s')], ShowSummary, "show or hide the run's summary"),
];

const SIM_PROMPT: &[Binding] =
    &[bind(ENTER, Submit, "apply the KEY=VALUE typed: the scenario re-runs from t = 0 (Esc cancels)").hint("apply")];

const LAB: &[Binding] = &[
    bind(&[Char('g')], Submit, "grade: run the lab to the end with these knobs, goal by goal (recorded)")
        .hint("submit"),
    bind(&[Code(KeyCode::Tab)], Hint, "show the next hint").hint("hint"),
    // The simulator's `--set` prompt would change the run watched but not
    // the run graded, so a lab answers the key with a note instead.
    bind(&[Char('o'), Char(':')], OpenPrompt, "typed settings are off in a lab: it is graded on its own knobs"),
];

const LAB_VERDICT: &[Binding] = &[
    bind(ENTER, TakeStep, "take the step offered: the next lab when solved, else back to the knobs").hint("next step"),
    bind(&[Char('l')], ReadLesson, "read the lab's lesson (q returns here)").hint("lesson"),
    bind(UP, Up, "scroll up"),
    bind(DOWN, Down, "scroll down").hint("scroll"),
];

const INSPECTOR: &[Binding] = &[
    bind(&[Code(KeyCode::Up), Char('k')], Up, "newer invocation"),
    bind(&[Code(KeyCode::Down), Char('j')], Down, "older invocation").hint("pick"),
    bind(&[Code(KeyCode::PageUp), Char('b')], PageUp, "scroll the payload up"),
    bind(&[Code(KeyCode::PageDown), Char(' ')], PageDown, "scroll the payload down").hint("scroll"),
];

const CHOOSER: &[Binding] = &[
    bind(&[Char(' '), Char('x')], Toggle, "select or unselect a pack or topic (several may be selected)")
        .hint("select"),
    bind(ENTER, Start, "start a quiz on the selection (or on the highlighted row)").hint("start"),
    bind(&[Char('c')], CycleCount, "questions per quiz: 5, 10, 20 or all").hint("count"),
];

const CONFIRM_QUIZ: &[Binding] = &[
    bind(ENTER, Open, "do what the highlighted row says").hint("choose"),
    bind(&[Char('c')], ContinueQuiz, "continue the unfinished quiz").hint("continue it"),
    bind(&[Char('n')], StartNew, "start the new quiz: the unfinished one is discarded").hint("start new"),
];

// Its own movement keys, without a footer hint: the footer has room for
// the set-up's keys, help and back at 80 columns only without "move".
const DRILL_SETUP: &[Binding] = &[
    bind(UP, Up, "previous row"),
    bind(DOWN, Down, "next row"),
    bind(PAGE_UP, PageUp, "page up"),
    bind(PAGE_DOWN, PageDown, "page down"),
    bind(TOP, Top, "first row"),
    bind(BOTTOM, Bottom, "last row"),
    bind(&[Code(KeyCode::Left), Char('h'), Char('-')], Shorter, "a shorter drill: fewer minutes or questions"),
    bind(&[Code(KeyCode::Right), Char('l'), Char('+')], Longer, "a longer drill: more minutes or questions")
        .hint("length"),
    bind(&[Char('m'), Code(KeyCode::Tab)], SwitchSize, "size the drill by minutes or by a question count")
        .hint("minutes/count"),
    bind(&[Char(' '), Char('x')], Toggle, "pick or unpick the highlighted topic (several)").hint("select"),
    bind(&[Char('w')], PickWeakest, "select your weakest topics (the default)").hint("weakest"),
    bind(&[Char('a')], PickAll, "select none: every topic, weighted to your weakest"),
    bind(ENTER, Start, "start the drill as set up").hint("start"),
];

const STATS: &[Binding] = &[
    bind(&[Char('d')], DrillWeak, "drill the weak topics listed").hint("drill weak"),
    bind(&[Digits('1', '3')], Pick, "open the lesson of weak topic 1, 2 or 3").hint("lesson"),
];

const QUIZ_TRUE_FALSE: &[Binding] = &[
    bind(&[Char('t')], PickTrue, "answer true").hint("true"),
    bind(&[Char('f')], PickFalse, "answer false").hint("false"),
];

const QUIZ_CHOICE: &[Binding] = &[
    bind(UP, Up, "highlight the previous answer"),
    bind(DOWN, Down, "highlight the next answer").hint("move"),
    bind(&[Code(KeyCode::Enter), Char(' ')], Submit, "answer with the highlighted choice").hint("answer"),
    bind(&[Digits('1', '9')], Pick, "answer with the choice of that number").hint("choose"),
];

const QUIZ_MULTIPLE: &[Binding] = &[
    bind(UP, Up, "highlight the previous choice"),
    bind(DOWN, Down, "highlight the next choice").hint("move"),
    bind(&[Char(' '), Char('x')], Toggle, "pick or unpick the highlighted choice").hint("pick"),
    bind(&[Digits('1', '9')], Pick, "pick or unpick the choice of that number"),
    bind(ENTER, Submit, "submit the choices picked (with none, picks the highlighted one)").hint("submit"),
];

const QUIZ_TEXT: &[Binding] = &[bind(ENTER, Submit, "submit the answer typed").hint("submit")];

const QUIZ_ORDER: &[Binding] = &[
    bind(&[Char('K'), Shift(KeyCode::Up)], MoveItemUp, "move the highlighted item up").hint("move up"),
    bind(&[Char('J'), Shift(KeyCode::Down)], MoveItemDown, "move the highlighted item down").hint("move down"),
    bind(UP, Up, "highlight the previous item"),
    bind(DOWN, Down, "highlight the next item").hint("select"),
    bind(ENTER, Submit, "submit this order").hint("submit"),
];

const QUIZ_MATCH: &[Binding] = &[
    bind(UP, Up, "highlight the previous item"),
    bind(DOWN, Down, "highlight the next item").hint("move"),
    bind(&[Code(KeyCode::Left)], ColumnLeft, "go to the left-hand items"),
    bind(&[Code(KeyCode::Right)], ColumnRight, "go to the right-hand items").hint("column"),
    bind(&[Char(' ')], Pair, "pick the highlighted item, then its partner on the other side").hint("pair"),
    bind(&[Digits('1', '9')], Pick, "pick the left-hand item of that number"),
    bind(&[Char('u'), Code(KeyCode::Backspace)], Unpair, "undo the pair of the highlighted item").hint("unpair"),
    bind(ENTER, Submit, "submit the pairs (pairs the highlighted item while some are missing)").hint("submit"),
];

const QUIZ_CARD: &[Binding] =
    &[bind(&[Code(KeyCode::Enter), Char(' ')], Reveal, "show the model answer").hint("reveal")];

const QUIZ_GRADE: &[Binding] = &[
    bind(&[Digits('1', '4')], Grade, "grade your recall: 1 again, 2 hard, 3 good, 4 easy").hint("grade"),
    // As Anki's Enter: the path never stops on a key that does nothing.
    bind(ENTER, Submit, "grade it 3, good").hint("good"),
];

const QUIZ_HINT: &[Binding] = &[bind(&[Char('h'), Code(KeyCode::Tab)], Hint, "show the next hint").hint("hint")];

const QUIZ_SCROLL: &[Binding] = &[
    bind(&[Code(KeyCode::PageUp)], PageUp, "scroll the question up"),
    bind(&[Code(KeyCode::PageDown)], PageDown, "scroll the question down"),
];

const QUIZ_ANSWERED: &[Binding] = &[
    bind(&[Code(KeyCode::Enter), Char('n'), Char(' ')], Next, "next question").hint("next"),
    bind(&[Char('l')], ReadLesson, "read the lesson this question comes from (q returns here)").hint("lesson"),
    bind(UP, Up, "scroll up"),
    bind(DOWN, Down, "scroll down").hint("scroll"),
    bind(&[Code(KeyCode::PageUp)], PageUp, "page up"),
    bind(&[Code(KeyCode::PageDown)], PageDown, "page down"),
];

const QUIZ_RETRY: &[Binding] = &[bind(&[Char('r')], Retry, "retry the questions you missed").hint("retry")];

const QUIZ_END: &[Binding] =
    &[bind(ENTER, TakeStep, "take the next step offered (as home's Next up); back when none").hint("next step")];

const PAGE: &[Binding] = &[
    bind(UP, Up, "scroll up"),
    bind(DOWN, Down, "scroll down").hint("scroll"),
    bind(PAGE_UP, PageUp, "page up"),
    bind(&[Code(KeyCode::PageDown), Ctrl('f'), Char(' ')], PageDown, "page down"),
    bind(TOP, Top, "go to the top"),
    bind(BOTTOM, Bottom, "go to the end"),
];

/// Every context's bindings, in the order the help overlay lists them.
pub const TABLES: &[(Context, &[&[Binding]])] = &[
    (Context::Global, &[GLOBAL]),
    (Context::List, &[NAV, LIST]),
    (Context::Reader, &[READER]),
    (Context::Simulator, &[SIMULATOR]),
    (Context::Inspector, &[INSPECTOR]),
    (Context::SimPrompt, &[SIM_PROMPT]),
    (Context::Lab, &[LAB]),
    (Context::LabVerdict, &[LAB_VERDICT]),
    (Context::Chooser, &[NAV, CHOOSER]),
    (Context::ConfirmQuiz, &[NAV, CONFIRM_QUIZ]),
    (Context::Stats, &[STATS]),
    (Context::DrillSetup, &[DRILL_SETUP]),
    (Context::QuizTrueFalse, &[QUIZ_TRUE_FALSE]),
    (Context::QuizChoice, &[QUIZ_CHOICE]),
    (Context::QuizMultiple, &[QUIZ_MULTIPLE]),
    (Context::QuizText, &[QUIZ_TEXT]),
    (Context::QuizOrder, &[QUIZ_ORDER]),
    (Context::QuizMatch, &[QUIZ_MATCH]),
    (Context::QuizCard, &[QUIZ_CARD]),
    (Context::QuizGrade, &[QUIZ_GRADE]),
    (Context::QuizHint, &[QUIZ_HINT]),
    (Context::QuizScroll, &[QUIZ_SCROLL]),
    (Context::QuizAnswered, &[QUIZ_ANSWERED]),
    (Context::QuizRetry, &[QUIZ_RETRY]),
    (Context::QuizEnd, &[QUIZ_END]),
    (Context::Page, &[PAGE]),
];

/// The bindings of one context, in table order.
pub fn bindings(context: Context) -> impl Iterator<Item = &'static Binding> {
    TABLES.iter().filter(move |(c, _)| *c == context).flat_map(|(_, groups)| groups.iter().copied().flatten())
}

/// The action a key has in the given contexts (searched in order, then Global).
pub fn action_for(event: &KeyEvent, contexts: &[Context]) -> Option<Action> {
    contexts
        .iter()
        .chain(std::iter::once(&Context::Global))
        .find_map(|context| bindings(*context).find(|b| b.keys.iter().any(|k| k.matches(event))).map(|b| b.action))
}

/// Footer hints for the given contexts: (keys, hint) pairs. While a text
/// field has focus, printable keys type text, so each binding is shown by
/// a key that still works (and left out if it has none).
pub fn hints(contexts: &[Context]) -> Vec<(String, &'static str)> {
    let typing = contexts.iter().any(|c| c.is_typing());
    let mut out = Vec::new();
    // Keys an earlier context binds: a later binding of the same keys is
    // never reached (`action_for` stops at the first), so it gets no hint.
    let mut taken: Vec<Key> = Vec::new();
    for context in contexts.iter().chain(std::iter::once(&Context::Global)) {
        let shadowed = taken.clone();
        for b in bindings(*context) {
            taken.extend_from_slice(b.keys);
            if b.keys.iter().all(|k| shadowed.contains(k)) {
                continue;
            }
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
    bindings(context).find(|b| b.action == action).and_then(|b| b.keys.first()).map(|k| k.label())
}

/// Help overlay rows for a context: (all keys, description).
pub fn help_rows(context: Context) -> Vec<(String, &'static str)> {
    bindings(context).map(|b| (b.keys.iter().map(|k| k.label()).collect::<Vec<_>>().join(" "), b.description)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    /// The events a terminal sends for `k` (an upper-case letter comes with
    /// Shift; a digit range is tried at both ends).
    fn events(k: Key) -> Vec<KeyEvent> {
        match k {
            Key::Char(c) if c.is_uppercase() => vec![KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT)],
            Key::Char(c) => vec![key(KeyCode::Char(c))],
            Key::Ctrl(c) => vec![KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)],
            Key::Code(code) => vec![key(code)],
            Key::Shift(code) => vec![KeyEvent::new(code, KeyModifiers::SHIFT)],
            Key::Digits(lo, hi) => vec![key(KeyCode::Char(lo)), key(KeyCode::Char(hi))],
        }
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
        for &(context, _) in TABLES {
            let mut scope: Vec<&Binding> = bindings(context).collect();
            if context != Context::Global {
                scope.extend(bindings(Context::Global));
            }
            for (i, a) in scope.iter().enumerate() {
                for b in &scope[i + 1..] {
                    for k in a.keys {
                        assert!(!b.keys.contains(k), "{k:?} bound to {:?} and {:?} in {context:?}", a.action, b.action);
                    }
                }
            }
        }
    }

    /// A plain key is not the same key with a modifier held: before keys
    /// were modifier-aware, `Code(Up)` answered Shift+↑ too, and only the
    /// order of the QuizOrder table kept "move the item up" reachable.
    #[test]
    fn code_keys_do_not_answer_modified_presses() {
        for modifiers in [KeyModifiers::SHIFT, KeyModifiers::CONTROL, KeyModifiers::ALT] {
            let event = KeyEvent::new(KeyCode::Up, modifiers);
            assert!(!Key::Code(KeyCode::Up).matches(&event), "{modifiers:?}");
        }
        assert!(Key::Code(KeyCode::Up).matches(&key(KeyCode::Up)));
        assert!(Key::Shift(KeyCode::Up).matches(&KeyEvent::new(KeyCode::Up, KeyModifiers::SHIFT)));
        assert!(!Key::Shift(KeyCode::Up).matches(&key(KeyCode::Up)));
        let order = [Context::QuizOrder];
        assert_eq!(action_for(&KeyEvent::new(KeyCode::Up, KeyModifiers::SHIFT), &order), Some(Action::MoveItemUp));
        assert_eq!(action_for(&key(KeyCode::Up), &order), Some(Action::Up));
    }

    /// Every key of every binding, pressed as a terminal sends it, does
    /// what the help overlay says it does in that context: no binding is
    /// shadowed by another, by the order of a table, or by Global.
    #[test]
    fn every_key_in_the_help_does_what_it_says() {
        let mut checked = 0;
        for &(context, _) in TABLES {
            for b in bindings(context) {
                for &k in b.keys {
                    for event in events(k) {
                        assert_eq!(action_for(&event, &[context]), Some(b.action), "{k:?} in {context:?}");
                        checked += 1;
                    }
                }
            }
            assert!(!help_rows(context).is_empty(), "{context:?} has no help");
        }
        assert!(checked > 150, "only {checked} keys checked");
    }

    #[test]
    fn simulator_keys_are_in_the_table() {
        let ctx = [Context::Simulator];
        assert_eq!(action_for(&key(KeyCode::Char(' ')), &ctx), Some(Action::PlayPause));
        assert_eq!(action_for(&key(KeyCode::Right), &ctx), Some(Action::NextKnob));
        assert_eq!(action_for(&key(KeyCode::Char('q')), &ctx), Some(Action::Back));
        assert_eq!(key_label(Action::Reseed, Context::Simulator), Some("r".to_owned()));
    }
}
