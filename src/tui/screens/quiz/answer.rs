//! The answer being given, per question type, and what each action does
//! to it. No drawing and no I/O: the screen turns keys into actions with
//! the keymap and passes them here; what comes back says whether an answer
//! is ready to check.
//!
//! Positions are display positions (what the learner sees, numbered from
//! 1 on screen); [`SessionItem::shown`] maps them to the question's own
//! indices when the response is built.

use ratatui::crossterm::event::KeyEvent;

use crate::quiz::answer::Response;
use crate::quiz::format::parse_response;
use crate::quiz::model::{Grade, QuestionKind};
use crate::quiz::session::SessionItem;
use crate::tui::action::Action;
use crate::tui::input::{InputOutcome, TextInput};

/// A side of a `match` question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

impl Side {
    fn other(self) -> Self {
        match self {
            Side::Left => Side::Right,
            Side::Right => Side::Left,
        }
    }
}

/// A row of the answer a mouse click landed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A choice (single, multiple, true-false) or an `order` item, by
    /// display position.
    Row(usize),
    /// A `match` item.
    Item(Side, usize),
}

#[derive(Debug, Clone, PartialEq)]
pub enum AnswerInput {
    /// `single` and `true-false` (position 0 is true, 1 false).
    Choice { cursor: usize, count: usize },
    /// `multiple`: what is picked, by display position.
    Multiple { cursor: usize, picked: Vec<bool> },
    /// `short`, `numeric`, `predict`.
    Text { field: TextInput },
    /// `order`: item indices in the order they stand now.
    Order { cursor: usize, arrangement: Vec<usize> },
    /// `match`: `pairs[left]` is the display position of its right-hand
    /// partner; `pending` an item picked and waiting for its partner.
    Match { side: Side, cursor: [usize; 2], pending: Option<(Side, usize)>, pairs: Vec<Option<usize>> },
    /// `card`: whether the model answer is shown.
    Card { revealed: bool },
}

/// What an action did.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// The answer changed (or nothing happened).
    Changed,
    /// An answer is ready to check.
    Submit(Response),
    /// Not an answer yet: why, in a sentence.
    Refused(String),
}

impl AnswerInput {
    /// A fresh answer for the item's question.
    pub fn new(item: &SessionItem) -> Self {
        match &item.question.kind {
            QuestionKind::Single { choices, .. } => Self::Choice { cursor: 0, count: choices.len() },
            QuestionKind::TrueFalse { .. } => Self::Choice { cursor: 0, count: 2 },
            QuestionKind::Multiple { choices, .. } => Self::Multiple { cursor: 0, picked: vec![false; choices.len()] },
            QuestionKind::Short { .. } | QuestionKind::Numeric { .. } | QuestionKind::Predict { .. } => {
                Self::Text { field: TextInput::default() }
            }
            QuestionKind::Order { .. } => Self::Order { cursor: 0, arrangement: item.order.clone() },
            QuestionKind::Match { pairs } => {
                Self::Match { side: Side::Left, cursor: [0, 0], pending: None, pairs: vec![None; pairs.len()] }
            }
            QuestionKind::Card { .. } => Self::Card { revealed: false },
        }
    }

    pub fn is_typing(&self) -> bool {
        matches!(self, Self::Text { .. })
    }

    /// The row to keep in view: the highlighted one.
    pub fn cursor(&self) -> Option<Target> {
        match self {
            Self::Choice { cursor, .. } | Self::Multiple { cursor, .. } | Self::Order { cursor, .. } => {
                Some(Target::Row(*cursor))
            }
            Self::Match { side, cursor, .. } => Some(Target::Item(*side, cursor[usize::from(*side == Side::Right)])),
            Self::Text { .. } | Self::Card { .. } => None,
        }
    }

    /// Apply an action. `digit` is the digit pressed for [`Action::Pick`]
    /// and [`Action::Grade`] (1-based).
    pub fn apply(&mut self, action: Action, digit: Option<usize>, item: &SessionItem) -> Effect {
        let true_false = matches!(item.question.kind, QuestionKind::TrueFalse { .. });
        match self {
            Self::Choice { cursor, count } => match action {
                Action::Up => step(cursor, *count, -1),
                Action::Down => step(cursor, *count, 1),
                Action::Submit => choice(item, *cursor),
                Action::Pick => match digit.and_then(|d| d.checked_sub(1)).filter(|p| p < count) {
                    Some(p) => {
                        *cursor = p;
                        choice(item, p)
                    }
                    None => Effect::Changed,
                },
                Action::PickTrue if true_false => Effect::Submit(Response::Bool(true)),
                Action::PickFalse if true_false => Effect::Submit(Response::Bool(false)),
                _ => Effect::Changed,
            },
            Self::Multiple { cursor, picked } => match action {
                Action::Up => step(cursor, picked.len(), -1),
                Action::Down => step(cursor, picked.len(), 1),
                Action::Toggle => toggle(picked, *cursor),
                Action::Pick => match digit.and_then(|d| d.checked_sub(1)).filter(|p| *p < picked.len()) {
                    Some(p) => {
                        *cursor = p;
                        toggle(picked, p)
                    }
                    None => Effect::Changed,
                },
                Action::Submit => {
                    if picked.iter().any(|p| *p) {
                        let picks = (0..picked.len()).filter(|&p| picked[p]).filter_map(|p| item.shown(p)).collect();
                        Effect::Submit(Response::Choices(picks))
                    } else {
                        // Nothing picked yet: Enter picks the highlighted
                        // choice (as it pairs in a match), so Enter never
                        // stops the learner; the next Enter submits.
                        toggle(picked, *cursor)
                    }
                }
                _ => Effect::Changed,
            },
            Self::Text { field } => match action {
                Action::Submit => match parse_response(item, &field.value) {
                    Ok(response) => Effect::Submit(response),
                    // Plain mode's sentences; its "?" for hints is not this screen's key.
                    Err(message) => Effect::Refused(message.replace(" (? for a hint)", "")),
                },
                _ => Effect::Changed,
            },
            Self::Order { cursor, arrangement } => match action {
                Action::Up => step(cursor, arrangement.len(), -1),
                Action::Down => step(cursor, arrangement.len(), 1),
                Action::MoveItemUp if *cursor > 0 => {
                    arrangement.swap(*cursor, *cursor - 1);
                    *cursor -= 1;
                    Effect::Changed
                }
                Action::MoveItemDown if *cursor + 1 < arrangement.len() => {
                    arrangement.swap(*cursor, *cursor + 1);
                    *cursor += 1;
                    Effect::Changed
                }
                Action::Submit => Effect::Submit(Response::Order(arrangement.clone())),
                _ => Effect::Changed,
            },
            Self::Match { side, cursor, pending, pairs } => {
                let n = pairs.len();
                let col = usize::from(*side == Side::Right);
                match action {
                    Action::Up => step(&mut cursor[col], n, -1),
                    Action::Down => step(&mut cursor[col], n, 1),
                    Action::ColumnLeft => {
                        *side = Side::Left;
                        Effect::Changed
                    }
                    Action::ColumnRight => {
                        *side = Side::Right;
                        Effect::Changed
                    }
                    Action::Pick => match digit.and_then(|d| d.checked_sub(1)).filter(|p| *p < n) {
                        Some(p) => pick_item(side, cursor, pending, pairs, Side::Left, p),
                        None => Effect::Changed,
                    },
                    Action::Unpair => {
                        let at = cursor[col];
                        match side {
                            Side::Left => pairs[at] = None,
                            Side::Right => pairs.iter_mut().filter(|p| **p == Some(at)).for_each(|p| *p = None),
                        }
                        *pending = None;
                        Effect::Changed
                    }
                    Action::Submit if pairs.iter().all(Option::is_some) && pending.is_none() => {
                        let given = pairs
                            .iter()
                            .enumerate()
                            .filter_map(|(left, right)| Some((left, item.shown((*right)?)?)))
                            .collect();
                        Effect::Submit(Response::Pairs(given))
                    }
                    // While pairs are missing, Enter pairs like Space.
                    Action::Pair | Action::Submit => pick_item(side, cursor, pending, pairs, *side, cursor[col]),
                    _ => Effect::Changed,
                }
            }
            Self::Card { revealed } => match action {
                Action::Reveal => {
                    *revealed = true;
                    Effect::Changed
                }
                Action::Grade if *revealed => match digit {
                    Some(d @ 1..=4) => Effect::Submit(Response::Grade(Grade::ALL[d - 1])),
                    _ => Effect::Changed,
                },
                // Enter once the answer is shown: "good", as in Anki.
                Action::Submit if *revealed => Effect::Submit(Response::Grade(Grade::ALL[2])),
                _ => Effect::Changed,
            },
        }
    }

    /// A key for the text field (printable keys, editing keys).
    pub fn type_key(&mut self, key: &KeyEvent) -> Effect {
        // Enter and Esc reach the keymap first (Submit, Back): whatever the
        // field makes of a key, it is only an edit.
        if let Self::Text { field } = self {
            let _: InputOutcome = field.handle_key(key);
        }
        Effect::Changed
    }

    /// A click on a row: select it; a click on the selected choice of a
    /// single-answer question answers with it (as in the lists, where a
    /// second click opens).
    pub fn click(&mut self, target: Target, item: &SessionItem) -> Effect {
        match (self, target) {
            (Self::Choice { cursor, count }, Target::Row(p)) if p < *count => {
                if *cursor == p {
                    choice(item, p)
                } else {
                    *cursor = p;
                    Effect::Changed
                }
            }
            (Self::Multiple { cursor, picked }, Target::Row(p)) if p < picked.len() => {
                *cursor = p;
                toggle(picked, p)
            }
            (Self::Order { cursor, arrangement }, Target::Row(p)) if p < arrangement.len() => {
                *cursor = p;
                Effect::Changed
            }
            (Self::Match { side, cursor, pending, pairs }, Target::Item(s, p)) if p < pairs.len() => {
                pick_item(side, cursor, pending, pairs, s, p)
            }
            _ => Effect::Changed,
        }
    }
}

fn step(cursor: &mut usize, count: usize, delta: isize) -> Effect {
    if count > 0 {
        *cursor = cursor.saturating_add_signed(delta).min(count - 1);
    }
    Effect::Changed
}

fn toggle(picked: &mut [bool], p: usize) -> Effect {
    picked[p] = !picked[p];
    Effect::Changed
}

/// The single or true-false answer at display position `p`.
fn choice(item: &SessionItem, p: usize) -> Effect {
    match &item.question.kind {
        QuestionKind::TrueFalse { .. } => Effect::Submit(Response::Bool(p == 0)),
        _ => item.shown(p).map_or(Effect::Changed, |i| Effect::Submit(Response::Choice(i))),
    }
}

/// Pick `at` on `side`: completes a pair with a pending item on the other
/// side, else becomes the pending item, and the highlight moves across.
fn pick_item(
    side: &mut Side,
    cursor: &mut [usize; 2],
    pending: &mut Option<(Side, usize)>,
    pairs: &mut [Option<usize>],
    on: Side,
    at: usize,
) -> Effect {
    cursor[usize::from(on == Side::Right)] = at;
    match *pending {
        Some((s, other)) if s != on => {
            let (left, right) = if on == Side::Left { (at, other) } else { (other, at) };
            // A right-hand item belongs to one pair at a time.
            pairs.iter_mut().filter(|p| **p == Some(right)).for_each(|p| *p = None);
            pairs[left] = Some(right);
            *pending = None;
            // On to the next left item still without a partner.
            if let Some(next) = pairs.iter().position(Option::is_none) {
                *side = Side::Left;
                cursor[0] = next;
            } else {
                *side = Side::Left;
            }
        }
        _ => {
            *pending = Some((on, at));
            *side = on.other();
            // Highlight the first partner still free on the other side.
            let free = match on {
                Side::Left => (0..pairs.len()).find(|r| !pairs.contains(&Some(*r))),
                Side::Right => pairs.iter().position(Option::is_none),
            };
            if let Some(free) = free {
                cursor[usize::from(on == Side::Left)] = free;
            }
        }
    }
    Effect::Changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::model::{Difficulty, Question};
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    use std::collections::BTreeMap;

    fn item(kind: QuestionKind, order: Vec<usize>) -> SessionItem {
        SessionItem {
            pack_id: "p".into(),
            question: Question {
                id: "q".into(),
                kind,
                topic: "t".into(),
                difficulty: Difficulty::Medium,
                lesson: None,
                tags: vec![],
                prompt: "?".into(),
                explanation: "because".into(),
                hints: vec![],
                feedback: BTreeMap::new(),
                shuffle: true,
            },
            order,
            truth: None,
        }
    }

    fn strings(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("c{i}")).collect()
    }

    #[test]
    fn single_by_number_by_arrows_and_by_click() {
        let it = item(QuestionKind::Single { choices: strings(3), answer: 1 }, vec![2, 0, 1]);
        let mut a = AnswerInput::new(&it);
        // "2" answers with what is shown second: index 0.
        assert_eq!(a.apply(Action::Pick, Some(2), &it), Effect::Submit(Response::Choice(0)));
        assert_eq!(a.apply(Action::Pick, Some(9), &it), Effect::Changed, "no choice 9");
        let mut a = AnswerInput::new(&it);
        a.apply(Action::Down, None, &it);
        a.apply(Action::Down, None, &it);
        a.apply(Action::Down, None, &it);
        assert_eq!(a.cursor(), Some(Target::Row(2)), "stops at the last");
        assert_eq!(a.apply(Action::Submit, None, &it), Effect::Submit(Response::Choice(1)));
        let mut a = AnswerInput::new(&it);
        assert_eq!(a.click(Target::Row(1), &it), Effect::Changed, "a first click selects");
        assert_eq!(a.click(Target::Row(1), &it), Effect::Submit(Response::Choice(0)), "a second answers");
    }

    #[test]
    fn true_false_by_letter_and_number() {
        let it = item(QuestionKind::TrueFalse { answer: true }, vec![]);
        let mut a = AnswerInput::new(&it);
        assert_eq!(a.apply(Action::PickFalse, None, &it), Effect::Submit(Response::Bool(false)));
        assert_eq!(a.apply(Action::PickTrue, None, &it), Effect::Submit(Response::Bool(true)));
        assert_eq!(a.apply(Action::Pick, Some(2), &it), Effect::Submit(Response::Bool(false)));
        let single = item(QuestionKind::Single { choices: strings(2), answer: 1 }, vec![0, 1]);
        let mut b = AnswerInput::new(&single);
        assert_eq!(b.apply(Action::PickTrue, None, &single), Effect::Changed, "t means nothing in a single");
    }

    #[test]
    fn multiple_toggles_then_submits_in_question_indices() {
        let it = item(QuestionKind::Multiple { choices: strings(4), answers: vec![0, 3] }, vec![3, 2, 1, 0]);
        let mut a = AnswerInput::new(&it);
        // Nothing picked yet: Enter picks the highlighted choice (as Space).
        assert_eq!(a.apply(Action::Submit, None, &it), Effect::Changed);
        a.apply(Action::Pick, Some(4), &it);
        a.apply(Action::Pick, Some(2), &it);
        a.apply(Action::Pick, Some(2), &it);
        assert_eq!(a.apply(Action::Submit, None, &it), Effect::Submit(Response::Choices(vec![3, 0])));
    }

    #[test]
    fn text_answers_are_parsed_as_plain_mode_parses_them() {
        let it = item(QuestionKind::Numeric { answer: 900.0, tolerance: 0.0, unit: Some("s".into()) }, vec![]);
        let mut a = AnswerInput::new(&it);
        assert!(a.is_typing());
        for c in "9x".chars() {
            a.type_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        let Effect::Refused(message) = a.apply(Action::Submit, None, &it) else { panic!("refused") };
        assert_eq!(message, "Type a number.");
        a.type_key(&KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        for c in "00 s".chars() {
            a.type_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        assert_eq!(a.apply(Action::Submit, None, &it), Effect::Submit(Response::Number(900.0)));
    }

    #[test]
    fn order_moves_the_highlighted_item() {
        let it = item(QuestionKind::Order { items: strings(3) }, vec![2, 0, 1]);
        let mut a = AnswerInput::new(&it);
        a.apply(Action::MoveItemDown, None, &it); // [0, 2, 1], cursor on 2 at 1
        a.apply(Action::MoveItemDown, None, &it); // [0, 1, 2]
        a.apply(Action::MoveItemDown, None, &it); // already last: nothing
        assert_eq!(a.cursor(), Some(Target::Row(2)));
        assert_eq!(a.apply(Action::Submit, None, &it), Effect::Submit(Response::Order(vec![0, 1, 2])));
        a.apply(Action::Up, None, &it);
        a.apply(Action::MoveItemUp, None, &it); // [1, 0, 2]
        assert_eq!(a.apply(Action::Submit, None, &it), Effect::Submit(Response::Order(vec![1, 0, 2])));
    }

    #[test]
    fn match_pairs_unpairs_and_submits_when_complete() {
        // Right sides shown as: a = pair 1, b = pair 0.
        let pairs = vec![("l0".to_owned(), "r0".to_owned()), ("l1".to_owned(), "r1".to_owned())];
        let it = item(QuestionKind::Match { pairs }, vec![1, 0]);
        let mut a = AnswerInput::new(&it);
        a.apply(Action::Pair, None, &it); // pick left 0; highlight goes right
        a.apply(Action::Down, None, &it); // right b
        a.apply(Action::Pair, None, &it); // 0 ↔ b
        let AnswerInput::Match { pairs: ref made, side, cursor, .. } = a else { panic!("match") };
        assert_eq!((made.clone(), side, cursor[0]), (vec![Some(1), None], Side::Left, 1), "on to the next left");
        // Enter while incomplete pairs rather than submits.
        assert_eq!(a.apply(Action::Submit, None, &it), Effect::Changed);
        a.apply(Action::ColumnRight, None, &it);
        a.apply(Action::Up, None, &it); // right a
        a.apply(Action::Submit, None, &it); // 1 ↔ a
        assert_eq!(a.apply(Action::Submit, None, &it), Effect::Submit(Response::Pairs(vec![(0, 0), (1, 1)])));
        // Unpair the first, pair it again with b by clicking.
        a.apply(Action::ColumnLeft, None, &it);
        a.apply(Action::Up, None, &it);
        a.apply(Action::Unpair, None, &it);
        assert_eq!(a.apply(Action::Submit, None, &it), Effect::Changed, "incomplete again");
        a.click(Target::Item(Side::Right, 0), &it);
        a.click(Target::Item(Side::Left, 0), &it);
        // Right a moved from left 1 to left 0: left 1 is unpaired now.
        let AnswerInput::Match { pairs: ref made, .. } = a else { panic!("match") };
        assert_eq!(made, &vec![Some(0), None]);
    }

    #[test]
    fn card_reveals_then_takes_a_grade() {
        let it = item(QuestionKind::Card { answer: "x".into() }, vec![]);
        let mut a = AnswerInput::new(&it);
        assert_eq!(a.apply(Action::Grade, Some(3), &it), Effect::Changed, "no grade before the reveal");
        assert_eq!(a.apply(Action::Submit, None, &it), Effect::Changed, "nor by Enter");
        a.apply(Action::Reveal, None, &it);
        assert_eq!(a.apply(Action::Grade, Some(5), &it), Effect::Changed);
        assert_eq!(a.apply(Action::Grade, Some(1), &it), Effect::Submit(Response::Grade(Grade::Again)));
        assert_eq!(a.apply(Action::Grade, Some(4), &it), Effect::Submit(Response::Grade(Grade::Easy)));
        assert_eq!(a.apply(Action::Submit, None, &it), Effect::Submit(Response::Grade(Grade::Good)), "Enter: good");
    }
}
