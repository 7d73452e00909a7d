//! The lines of the quiz body: the prompt, the answer input of the
//! question's type (with the learner's marks once answered), hints, and
//! after an answer the right answer, what was wrong, the feedback on the
//! learner's pick, the explanation and the lesson to read.
//!
//! Built from state once per frame by `prepare` (markdown is already laid
//! out, so this is cheap); `render` draws the lines kept. One function per
//! kind of question draws its input, and one its marks.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::answer::{AnswerInput, Side, Target};
use super::{Answered, Current, QuizScreen, State};
use crate::practice::Practice;
use crate::quiz::answer::{Detail, Response};
use crate::quiz::format::{answer_text, letter, number_text, round2};
use crate::quiz::model::QuestionKind;
use crate::quiz::session::SessionItem;
use crate::tui::screens::quiz::text::Md;
use crate::tui::strings;
use crate::tui::theme::Theme;
use crate::tui::widgets;

/// The body, and where things are in it.
pub(super) struct Built {
    pub lines: Vec<Line<'static>>,
    /// Answer rows, for mouse clicks: (line, row).
    pub targets: Vec<(usize, Target)>,
    /// The highlighted answer row.
    pub cursor_line: Option<usize>,
    /// Where the right answer and explanation begin.
    pub verdict_line: Option<usize>,
}

impl Built {
    fn new() -> Self {
        Self { lines: Vec::new(), targets: Vec::new(), cursor_line: None, verdict_line: None }
    }

    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.spans.is_empty()) {
            self.lines.push(Line::default());
        }
    }

    /// Laid-out markdown, copied: the body outlives the frame it was built for.
    fn markdown(&mut self, md: &Md, theme: &Theme) {
        self.lines.extend(md.lines().iter().map(|l| {
            Line::from(
                l.spans.iter().map(|s| Span::styled(s.text.clone(), theme.markdown(s.style))).collect::<Vec<_>>(),
            )
        }));
    }

    /// `text` wrapped to `width`, every line in `style`.
    fn wrapped(&mut self, text: &str, width: usize, style: Style) {
        self.lines.extend(widgets::wrap(text, width).into_iter().map(|l| Line::styled(l, style)));
    }

    /// One answer row: `prefix` (marks and number), then `text` wrapped
    /// under itself, then `suffix`. A highlighted row fills the width.
    fn row(&mut self, row: &Row<'_>, width: usize) {
        let prefix_width: usize = row.prefix.iter().map(|s| crate::text::width(&s.content)).sum();
        let room = width.saturating_sub(prefix_width).max(8);
        let mut pieces = widgets::wrap(row.text, room);
        if let Some((suffix, _)) = &row.suffix {
            let last = pieces.last().map_or(0, |l| crate::text::width(l));
            if last + crate::text::width(suffix) > room {
                pieces.push(String::new());
            }
        }
        let first = self.lines.len();
        let count = pieces.len();
        for (k, piece) in pieces.into_iter().enumerate() {
            let mut spans: Vec<Span<'static>> =
                if k == 0 { row.prefix.clone() } else { vec![Span::styled(" ".repeat(prefix_width), row.style)] };
            let mut used = prefix_width + crate::text::width(&piece);
            spans.push(Span::styled(piece, row.style));
            if k + 1 == count
                && let Some((suffix, style)) = &row.suffix
            {
                used += crate::text::width(suffix);
                spans.push(Span::styled(suffix.clone(), *style));
            }
            if row.highlighted && used < width {
                spans.push(Span::styled(" ".repeat(width - used), row.style));
            }
            if let Some(target) = row.target {
                self.targets.push((self.lines.len(), target));
            }
            self.lines.push(Line::from(spans));
        }
        if row.highlighted {
            self.cursor_line = Some(first);
        }
    }
}

struct Row<'t> {
    prefix: Vec<Span<'static>>,
    text: &'t str,
    style: Style,
    suffix: Option<(String, Style)>,
    target: Option<Target>,
    highlighted: bool,
}

impl<'t> Row<'t> {
    /// A row of the answer being given: its mark (see [`input_mark`]),
    /// then `lead` (a box, a number), in `style`; `on` when highlighted.
    fn input(on: bool, symbol: &str, lead: Vec<Span<'static>>, text: &'t str, target: Target, style: Style) -> Self {
        let mut prefix = vec![mark(symbol, style)];
        prefix.extend(lead);
        Self { prefix, text, style, suffix: None, target: Some(target), highlighted: on }
    }

    /// A row of the answer given, after its mark (✓, ✗ or nothing).
    fn marked(prefix: Vec<Span<'static>>, text: &'t str, style: Style, suffix: Option<(String, Style)>) -> Self {
        Self { prefix, text, style, suffix, target: None, highlighted: false }
    }
}

/// `▶ `, `✓ `, `✗ ` or two spaces.
fn mark(symbol: &str, style: Style) -> Span<'static> {
    Span::styled(format!("{symbol} "), style)
}

/// The number of a choice, right-aligned for lists of ten and more.
fn number(k: usize, of: usize, style: Style) -> Span<'static> {
    let w = of.to_string().len();
    Span::styled(format!("{:>w$}. ", k + 1), style)
}

/// The style of an answer row: selected while highlighted.
fn row_style(on: bool, theme: &Theme) -> Style {
    if on { theme.selected } else { theme.base }
}

pub(super) fn build(screen: &QuizScreen, theme: &Theme, width: usize) -> Built {
    let mut out = Built::new();
    let hints_left = screen.session.hints_left();
    match &screen.state {
        State::Empty(empty) => {
            for line in empty.text.lines() {
                out.lines.extend(widgets::wrap(line, width).into_iter().map(Line::raw));
            }
            if let Some((step, label)) = &empty.next {
                super::end::next_step_lines(step, label, theme, width, &mut out.lines);
            }
        }
        State::Finished(end) => super::end::lines(screen, end, theme, width, &mut out.lines),
        State::Asking(current) => question(&mut out, current, None, &screen.practice, hints_left, theme, width),
        State::Answered(current, answered) => {
            question(&mut out, current, Some(answered), &screen.practice, hints_left, theme, width);
        }
    }
    out
}

fn question(
    out: &mut Built,
    current: &Current,
    answered: Option<&Answered>,
    practice: &Practice,
    hints_left: usize,
    theme: &Theme,
    width: usize,
) {
    out.markdown(&current.prompt, theme);
    out.blank();
    match answered {
        None => asking(out, current, practice, theme, width),
        Some(answered) => marked(out, current, answered, theme, width),
    }
    let total = current.hints.len() + hints_left;
    for (k, hint) in current.hints.iter().enumerate() {
        out.blank();
        out.lines.push(Line::from(Span::styled(strings::hint_heading(k + 1, total), theme.accent)));
        out.markdown(hint, theme);
    }
    if let Some(answered) = answered {
        explanation(out, current, answered, theme, width);
    }
}

/// The answer input, before the answer: one function per kind of input.
fn asking(out: &mut Built, current: &Current, practice: &Practice, theme: &Theme, width: usize) {
    let item = &current.item;
    match (&current.input, &item.question.kind) {
        (AnswerInput::Choice { cursor, .. }, kind) => {
            let labels = choice_labels(kind, &item.order);
            numbered_input(out, labels.iter().map(String::as_str), *cursor, theme, width);
        }
        (AnswerInput::Multiple { cursor, picked }, QuestionKind::Multiple { choices, .. }) => {
            multiple_input(out, choices, &item.order, *cursor, picked, theme, width);
        }
        (AnswerInput::Text { field }, kind) => text_input(out, &field.value, field.cursor(), kind, theme, width),
        (AnswerInput::Order { cursor, arrangement }, QuestionKind::Order { items }) => {
            numbered_input(out, arrangement.iter().map(|&i| items[i].as_str()), *cursor, theme, width);
        }
        (AnswerInput::Match { side, cursor, pending, pairs: made }, QuestionKind::Match { pairs }) => {
            let left = (*side == Side::Left).then_some(cursor[0]);
            let right = (*side == Side::Right).then_some(cursor[1]);
            match_left_input(out, item, pairs, made, left, *pending, theme, width);
            out.blank();
            match_right_input(out, item, pairs, made, right, *pending, theme, width);
        }
        (AnswerInput::Card { revealed: true }, _) => {
            model_answer(out, current, theme);
            out.blank();
            out.wrapped(strings::GRADES, width, theme.accent);
        }
        (AnswerInput::Card { revealed: false }, _) => {
            let text = if practice.is_drill() { strings::CARD_ALOUD } else { strings::CARD_THINK };
            out.wrapped(text, width, theme.dim);
        }
        _ => {}
    }
}

/// Numbered rows, one highlighted: single and true-false choices, and the
/// items of an `order` question as they stand now.
fn numbered_input<'a>(
    out: &mut Built,
    labels: impl ExactSizeIterator<Item = &'a str>,
    cursor: usize,
    theme: &Theme,
    width: usize,
) {
    let count = labels.len();
    for (k, label) in labels.enumerate() {
        let on = k == cursor;
        let style = row_style(on, theme);
        let lead = vec![number(k, count, style)];
        out.row(&Row::input(on, input_mark(on, false), lead, label, Target::Row(k), style), width);
    }
}

/// The choices of a `multiple` question, each with its box.
fn multiple_input(
    out: &mut Built,
    choices: &[String],
    order: &[usize],
    cursor: usize,
    picked: &[bool],
    theme: &Theme,
    width: usize,
) {
    for (k, &i) in order.iter().enumerate() {
        let on = k == cursor;
        let style = row_style(on, theme);
        let boxed = if picked.get(k).copied().unwrap_or(false) { "[x] " } else { "[ ] " };
        let lead = vec![Span::styled(boxed, if on { style } else { theme.accent }), number(k, choices.len(), style)];
        out.row(&Row::input(on, input_mark(on, false), lead, &choices[i], Target::Row(k), style), width);
    }
}

/// The answer field of `short`, `numeric` and `predict` questions, with
/// its cursor and unit.
fn text_input(out: &mut Built, value: &str, cursor: usize, kind: &QuestionKind, theme: &Theme, width: usize) {
    let unit = unit_of(kind);
    let value = crate::text::sanitize(value).into_owned();
    let cursor = cursor.min(value.chars().count());
    let before: String = value.chars().take(cursor).collect();
    let after: String = value.chars().skip(cursor).collect();
    // Keep the cursor in view on a long answer: show the end of what is before it.
    let room = width.saturating_sub(strings::YOUR_ANSWER.len() + unit.len() + 4);
    let before = tail(&before, room);
    out.lines.push(Line::from(vec![
        Span::styled(format!("{} ", strings::YOUR_ANSWER), theme.key),
        Span::raw(before),
        Span::styled("█", theme.accent),
        Span::raw(after),
        Span::styled(unit, theme.dim),
    ]));
}

/// " ms" after a numeric answer with a unit; empty otherwise.
fn unit_of(kind: &QuestionKind) -> String {
    match kind {
        QuestionKind::Numeric { unit: Some(u), .. } => format!(" {}", crate::text::sanitize(u)),
        _ => String::new(),
    }
}

/// `▶` on the highlighted row, `●` on a `match` item picked and waiting
/// for its partner.
fn input_mark(on: bool, picked: bool) -> &'static str {
    match (on, picked) {
        (true, _) => "▶",
        (false, true) => "●",
        (false, false) => " ",
    }
}

/// The left-hand items of a `match` question, each with its partner so far.
#[allow(clippy::too_many_arguments, reason = "the parts of one match input, borrowed apart")]
fn match_left_input(
    out: &mut Built,
    item: &SessionItem,
    pairs: &[(String, String)],
    made: &[Option<usize>],
    cursor: Option<usize>,
    pending: Option<(Side, usize)>,
    theme: &Theme,
    width: usize,
) {
    out.lines.push(Line::from(Span::styled(strings::MATCH_LEFT, theme.dim)));
    for (i, (left, _)) in pairs.iter().enumerate() {
        let on = cursor == Some(i);
        let style = row_style(on, theme);
        let partner = made[i].and_then(|pos| Some((pos, &pairs[item.shown(pos)?].1)));
        let text = match partner {
            Some((pos, right)) => format!("{left}  → {}. {right}", letter(pos)),
            None => format!("{left}  → ?"),
        };
        let symbol = input_mark(on, pending == Some((Side::Left, i)));
        let lead = vec![number(i, pairs.len(), style)];
        out.row(&Row::input(on, symbol, lead, &text, Target::Item(Side::Left, i), style), width);
    }
}

/// The right-hand items of a `match` question, in the order shown, each
/// with the left-hand items paired with it.
#[allow(clippy::too_many_arguments, reason = "the parts of one match input, borrowed apart")]
fn match_right_input(
    out: &mut Built,
    item: &SessionItem,
    pairs: &[(String, String)],
    made: &[Option<usize>],
    cursor: Option<usize>,
    pending: Option<(Side, usize)>,
    theme: &Theme,
    width: usize,
) {
    out.lines.push(Line::from(Span::styled(strings::MATCH_RIGHT, theme.dim)));
    for (k, &i) in item.order.iter().enumerate() {
        let on = cursor == Some(k);
        let style = row_style(on, theme);
        let used_by: Vec<String> =
            made.iter().enumerate().filter(|(_, p)| **p == Some(k)).map(|(l, _)| (l + 1).to_string()).collect();
        let symbol = input_mark(on, pending == Some((Side::Right, k)));
        let lead = vec![Span::styled(format!("{}. ", letter(k)), style)];
        let mut row = Row::input(on, symbol, lead, &pairs[i].1, Target::Item(Side::Right, k), style);
        row.suffix = (!used_by.is_empty()).then(|| (format!("  ← {}", used_by.join(", ")), theme.dim));
        out.row(&row, width);
    }
}

fn model_answer(out: &mut Built, current: &Current, theme: &Theme) {
    if let Some(md) = &current.card_answer {
        out.lines.push(Line::from(Span::styled(strings::MODEL_ANSWER, theme.title)));
        out.markdown(md, theme);
    }
}

/// The texts of the choices of a single or true-false question, in the
/// order shown.
fn choice_labels(kind: &QuestionKind, order: &[usize]) -> Vec<String> {
    match kind {
        QuestionKind::Single { choices, .. } => order.iter().map(|&i| choices[i].clone()).collect(),
        QuestionKind::TrueFalse { .. } => vec![strings::TRUE.to_owned(), strings::FALSE.to_owned()],
        _ => Vec::new(),
    }
}

/// The answer input after the answer, with ✓ on what is right and ✗ on
/// what the learner got wrong: one function per kind of question.
fn marked(out: &mut Built, current: &Current, answered: &Answered, theme: &Theme, width: usize) {
    let item = &current.item;
    let record = &answered.record;
    match (&item.question.kind, &record.response, &record.verdict.detail) {
        (QuestionKind::Single { choices, answer }, Response::Choice(picked), _) => {
            let rows = item.order.iter().map(|&i| (choices[i].as_str(), i == *answer, i == *picked));
            marked_picks(out, rows, theme, width);
        }
        (QuestionKind::TrueFalse { answer }, Response::Bool(picked), _) => {
            let rows = [(strings::TRUE, true), (strings::FALSE, false)]
                .into_iter()
                .map(|(label, value)| (label, value == *answer, value == *picked));
            marked_picks(out, rows, theme, width);
        }
        (QuestionKind::Multiple { choices, .. }, _, Detail::Multiple { right_picks, wrong_picks, missed }) => {
            let marks = (right_picks.as_slice(), wrong_picks.as_slice(), missed.as_slice());
            marked_multiple(out, choices, &item.order, marks, theme, width);
        }
        (QuestionKind::Order { items }, Response::Order(order), Detail::Order { right_positions }) => {
            marked_order(out, items, order, right_positions, theme, width);
        }
        (QuestionKind::Match { pairs }, Response::Pairs(given), Detail::Match { right_pairs }) => {
            marked_match(out, item, pairs, given, right_pairs, theme, width);
        }
        (QuestionKind::Card { .. }, _, _) => model_answer(out, current, theme),
        (kind, response, _) => marked_typed(out, kind, response, record.verdict.correct, theme),
    }
}

/// Single and true-false: (label, right, picked) rows, the pick marked.
fn marked_picks<'a>(
    out: &mut Built,
    rows: impl ExactSizeIterator<Item = (&'a str, bool, bool)>,
    theme: &Theme,
    width: usize,
) {
    let count = rows.len();
    for (k, (label, right, picked)) in rows.enumerate() {
        let (symbol, style) = right_or_wrong(right, picked, theme);
        let suffix = picked.then(|| (format!("  ← {}", strings::YOUR_PICK), theme.dim));
        out.row(&Row::marked(vec![mark(symbol, style), number(k, count, style)], label, style, suffix), width);
    }
}

/// Multiple: the boxes as ticked, right picks, wrong picks and misses.
fn marked_multiple(
    out: &mut Built,
    choices: &[String],
    order: &[usize],
    (right_picks, wrong_picks, missed): (&[usize], &[usize], &[usize]),
    theme: &Theme,
    width: usize,
) {
    for (k, &i) in order.iter().enumerate() {
        let (symbol, boxed, style, suffix) = if right_picks.contains(&i) {
            ("✓", "[x] ", theme.good, None)
        } else if missed.contains(&i) {
            ("✓", "[ ] ", theme.good, Some((format!("  ← {}", strings::MISSED), theme.bad)))
        } else if wrong_picks.contains(&i) {
            ("✗", "[x] ", theme.bad, Some((format!("  ← {}", strings::WRONG_PICK), theme.bad)))
        } else {
            (" ", "[ ] ", theme.base, None)
        };
        let prefix = vec![mark(symbol, style), Span::styled(boxed, style), number(k, choices.len(), style)];
        out.row(&Row::marked(prefix, &choices[i], style, suffix), width);
    }
}

/// Order: the items as the learner left them, each place right or wrong.
fn marked_order(
    out: &mut Built,
    items: &[String],
    order: &[usize],
    right_positions: &[bool],
    theme: &Theme,
    width: usize,
) {
    for (k, &i) in order.iter().enumerate() {
        let right = right_positions.get(k).copied().unwrap_or(false);
        let (symbol, style) = if right { ("✓", theme.good) } else { ("✗", theme.bad) };
        out.row(&Row::marked(vec![mark(symbol, style), number(k, items.len(), style)], &items[i], style, None), width);
    }
}

/// Match: each left-hand item with the partner given, and the right one
/// where it was wrong.
fn marked_match(
    out: &mut Built,
    item: &SessionItem,
    pairs: &[(String, String)],
    given: &[(usize, usize)],
    right_pairs: &[bool],
    theme: &Theme,
    width: usize,
) {
    let shown = |i: usize| format!("{}. {}", item.position_of(i).map_or_else(String::new, letter), pairs[i].1);
    for (left, (left_text, _)) in pairs.iter().enumerate() {
        let right = right_pairs.get(left).copied().unwrap_or(false);
        let (symbol, style) = if right { ("✓", theme.good) } else { ("✗", theme.bad) };
        let partner = given.iter().find(|(l, _)| *l == left).map(|(_, r)| *r);
        let text = format!("{left_text}  → {}", partner.map_or_else(|| "?".to_owned(), shown));
        let suffix = (!right).then(|| (format!("  ({}: {})", strings::RIGHT_PARTNER, shown(left)), theme.dim));
        out.row(&Row::marked(vec![mark(symbol, style), number(left, pairs.len(), style)], &text, style, suffix), width);
    }
}

/// Typed answers (short, numeric, predict): what was typed, marked.
fn marked_typed(out: &mut Built, kind: &QuestionKind, response: &Response, correct: bool, theme: &Theme) {
    let typed = match response {
        Response::Text(t) => crate::text::sanitize(t.trim()).into_owned(),
        Response::Number(n) => number_text(*n),
        _ => String::new(),
    };
    let unit = unit_of(kind);
    let (symbol, style) = if correct { ("✓", theme.good) } else { ("✗", theme.bad) };
    out.lines.push(Line::from(vec![
        mark(symbol, style),
        Span::styled(format!("{} ", strings::YOUR_ANSWER), theme.key),
        Span::styled(format!("{typed}{unit}"), style),
    ]));
}

/// ✓ for the right answer, ✗ for a wrong pick, nothing otherwise.
fn right_or_wrong(right: bool, picked: bool, theme: &Theme) -> (&'static str, Style) {
    match (right, picked) {
        (true, _) => ("✓", theme.good),
        (false, true) => ("✗", theme.bad),
        (false, false) => (" ", theme.base),
    }
}

/// The right answer, partial detail, feedback, explanation and lesson.
fn explanation(out: &mut Built, current: &Current, answered: &Answered, theme: &Theme, width: usize) {
    let item = &current.item;
    out.blank();
    out.verdict_line = Some(out.lines.len());
    if !matches!(item.question.kind, QuestionKind::Card { .. }) {
        match &item.question.kind {
            // The learner moved the items: name them, not their first places.
            QuestionKind::Order { items } => {
                out.lines.push(Line::styled(strings::ANSWER, theme.title));
                for (k, text) in items.iter().enumerate() {
                    let row =
                        format!("{:>w$}. {}", k + 1, crate::text::sanitize(text), w = items.len().to_string().len());
                    out.lines.extend(widgets::wrap(&row, width).into_iter().map(Line::raw));
                }
            }
            kind => {
                let text = match kind {
                    QuestionKind::TrueFalse { answer: true } => strings::TRUE.to_owned(),
                    QuestionKind::TrueFalse { answer: false } => strings::FALSE.to_owned(),
                    _ => answer_text(item),
                };
                let answer = format!("{} {text}", strings::ANSWER);
                let mut first = true;
                for piece in widgets::wrap(&answer, width) {
                    let style = if first { theme.title } else { theme.base };
                    first = false;
                    out.lines.push(Line::styled(piece, style));
                }
            }
        }
    }
    for line in detail_lines(current, answered) {
        out.lines.extend(widgets::wrap(&line, width).into_iter().map(|l| Line::styled(l, theme.dim)));
    }
    for (choice, note) in &answered.notes {
        out.blank();
        let about = strings::about_choice(&crate::text::sanitize(choice));
        out.lines.extend(widgets::wrap(&about, width).into_iter().map(|l| Line::styled(l, theme.accent)));
        out.markdown(note, theme);
    }
    out.blank();
    out.markdown(&answered.explanation, theme);
    if let Some(title) = &answered.lesson {
        out.blank();
        let text = format!("{} {}", strings::LESSON_LINK, crate::text::sanitize(title));
        out.lines.extend(widgets::wrap(&text, width).into_iter().map(|l| Line::styled(l, theme.dim)));
    }
}

/// Partial information in words, beyond the marks on the rows.
fn detail_lines(current: &Current, answered: &Answered) -> Vec<String> {
    let record = &answered.record;
    match (&record.verdict.detail, &current.item.question.kind) {
        (Detail::Order { right_positions }, _) if !record.verdict.correct => {
            let right: Vec<String> =
                right_positions.iter().enumerate().filter(|(_, r)| **r).map(|(p, _)| (p + 1).to_string()).collect();
            vec![strings::positions_right(&right, right_positions.len())]
        }
        (Detail::Numeric { difference }, _) if !record.verdict.correct => {
            vec![strings::off_by(&number_text(round2(difference.abs())), *difference > 0.0)]
        }
        (Detail::Predict { error_pct, .. }, QuestionKind::Predict { tolerance_pct, .. }) => {
            vec![strings::predict_off(error_pct.map(|e| number_text(round2(e))), &number_text(*tolerance_pct))]
        }
        _ => Vec::new(),
    }
}

/// The status row after an answer: the verdict in words and symbol.
pub(super) fn verdict_line(answered: &Answered, theme: &Theme) -> Line<'static> {
    let record = &answered.record;
    let correct = record.verdict.correct;
    let style = if correct { theme.good } else { theme.bad };
    let mut spans = vec![Span::raw(" ")];
    let symbol = if correct { "✓" } else { "✗" };
    if let Detail::Card { grade } = &record.verdict.detail {
        let word = if correct { strings::RECALLED } else { strings::NOT_RECALLED };
        spans.push(Span::styled(format!("{symbol} {word}"), style));
        spans.push(Span::styled(format!(" · {} {grade}", strings::YOU_SAID), theme.dim));
    } else {
        let word = if correct { strings::CORRECT } else { strings::INCORRECT };
        spans.push(Span::styled(format!("{symbol} {word}"), style));
        if let Some((right, of)) = record.verdict.partial().filter(|_| !correct) {
            spans.push(Span::styled(format!(" · {}", strings::parts_right(right, of)), theme.dim));
        }
    }
    spans.push(Span::styled(format!(" · {}", strings::seconds(record.seconds)), theme.dim));
    if record.hints_used > 0 {
        spans.push(Span::styled(format!(" · {}", strings::hints_used(record.hints_used)), theme.dim));
    }
    if let Some(when) = &answered.next_review {
        spans.push(Span::styled(format!(" · {} {when}", strings::NEXT_REVIEW), theme.accent));
    }
    Line::from(spans)
}

/// What to do with the question on screen, in words (the keys are in the
/// footer and the help).
pub(super) fn instruction(current: &Current, practice: &Practice) -> String {
    match (&current.item.question.kind, &current.input) {
        (QuestionKind::Single { .. }, _) => strings::DO_SINGLE.to_owned(),
        (QuestionKind::TrueFalse { .. }, _) => strings::DO_TRUE_FALSE.to_owned(),
        (QuestionKind::Multiple { .. }, _) => strings::DO_MULTIPLE.to_owned(),
        (QuestionKind::Short { .. }, _) => strings::DO_SHORT.to_owned(),
        (QuestionKind::Numeric { unit, .. }, _) => {
            strings::do_numeric(unit.as_deref().map(|u| crate::text::sanitize(u).into_owned()).as_deref())
        }
        (QuestionKind::Predict { scenario, metric, tolerance_pct }, _) => strings::do_predict(
            // The summary key in words (`latency_ms.p50` → "median latency").
            &crate::text::sanitize(&crate::lab::human_name(metric)),
            &crate::text::sanitize(scenario),
            &number_text(*tolerance_pct),
        ),
        (QuestionKind::Order { .. }, _) => strings::DO_ORDER.to_owned(),
        (QuestionKind::Match { .. }, _) => strings::DO_MATCH.to_owned(),
        (QuestionKind::Card { .. }, AnswerInput::Card { revealed: true }) => strings::DO_GRADE.to_owned(),
        (QuestionKind::Card { .. }, _) if practice.is_drill() => strings::DO_CARD_ALOUD.to_owned(),
        (QuestionKind::Card { .. }, _) => strings::DO_CARD.to_owned(),
    }
}

/// The last `width` columns of `s`.
fn tail(s: &str, width: usize) -> String {
    if crate::text::width(s) <= width {
        return s.to_owned();
    }
    let mut out: Vec<char> = Vec::new();
    let mut used = 0;
    for c in s.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out.iter().rev().collect()
}
