//! The lines of the quiz body: the prompt, the answer input of the
//! question's type (with the learner's marks once answered), hints, and
//! after an answer the right answer, what was wrong, the feedback on the
//! learner's pick, the explanation and the lesson to read.
//!
//! Built from state on demand (by `prepare` to measure and by `render` to
//! draw): markdown is already laid out, so this is cheap.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::answer::{AnswerInput, Side, Target};
use super::{Answered, Current, QuizScreen, Stage};
use crate::quiz::answer::{Detail, Response};
use crate::quiz::model::QuestionKind;
use crate::quiz::plain::{answer_text, letter, number_text, round2};
use crate::quiz::practice::Practice;
use crate::tui::strings;
use crate::tui::theme::Theme;
use crate::tui::widgets;

/// The body, and where things are in it.
pub(super) struct Built<'a> {
    pub lines: Vec<Line<'a>>,
    /// Answer rows, for mouse clicks: (line, row).
    pub targets: Vec<(usize, Target)>,
    /// The highlighted answer row.
    pub cursor_line: Option<usize>,
    /// Where the right answer and explanation begin.
    pub verdict_line: Option<usize>,
}

impl<'a> Built<'a> {
    fn new() -> Self {
        Self { lines: Vec::new(), targets: Vec::new(), cursor_line: None, verdict_line: None }
    }

    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.spans.is_empty()) {
            self.lines.push(Line::default());
        }
    }

    fn markdown(&mut self, md: &'a super::Md, theme: &Theme) {
        self.lines.extend(md.lines().iter().map(|l| widgets::markdown_line(l, theme, &[])));
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

/// `▶ `, `✓ `, `✗ ` or two spaces.
fn mark(symbol: &str, style: Style) -> Span<'static> {
    Span::styled(format!("{symbol} "), style)
}

/// The number of a choice, right-aligned for lists of ten and more.
fn number(k: usize, of: usize, style: Style) -> Span<'static> {
    let w = of.to_string().len();
    Span::styled(format!("{:>w$}. ", k + 1), style)
}

pub(super) fn build<'a>(screen: &'a QuizScreen, theme: &Theme, width: usize) -> Built<'a> {
    let mut out = Built::new();
    match screen.stage {
        Stage::Empty => {
            if let Some(m) = &screen.message {
                for line in m.text.lines() {
                    out.lines.extend(widgets::wrap(line, width).into_iter().map(Line::raw));
                }
            }
        }
        Stage::Finished => super::end::lines(screen, theme, width, &mut out.lines),
        Stage::Asking | Stage::Answered => {
            if let Some(current) = &screen.current {
                question(&mut out, current, &screen.practice, screen.session.hints_left(), theme, width);
            }
        }
    }
    out
}

fn question<'a>(
    out: &mut Built<'a>,
    current: &'a Current,
    practice: &Practice,
    hints_left: usize,
    theme: &Theme,
    width: usize,
) {
    out.markdown(&current.prompt, theme);
    out.blank();
    match &current.answered {
        None => asking(out, current, practice, theme, width),
        Some(answered) => marked(out, current, answered, theme, width),
    }
    let total = current.hints.len() + hints_left;
    for (k, hint) in current.hints.iter().enumerate() {
        out.blank();
        out.lines.push(Line::from(Span::styled(strings::hint_heading(k + 1, total), theme.accent)));
        out.markdown(hint, theme);
    }
    if let Some(answered) = &current.answered {
        explanation(out, current, answered, theme, width);
    }
}

/// The answer input, before the answer.
fn asking<'a>(out: &mut Built<'a>, current: &'a Current, practice: &Practice, theme: &Theme, width: usize) {
    let item = &current.item;
    let q = &item.question;
    match (&current.input, &q.kind) {
        (AnswerInput::Choice { cursor, count }, kind) => {
            let labels = choice_labels(kind, &item.order);
            for (k, label) in labels.iter().enumerate() {
                let on = k == *cursor;
                let style = if on { theme.selected } else { theme.base };
                out.row(
                    &Row {
                        prefix: vec![mark(if on { "▶" } else { " " }, style), number(k, *count, style)],
                        text: label,
                        style,
                        suffix: None,
                        target: Some(Target::Row(k)),
                        highlighted: on,
                    },
                    width,
                );
            }
        }
        (AnswerInput::Multiple { cursor, picked }, QuestionKind::Multiple { choices, .. }) => {
            for (k, &i) in item.order.iter().enumerate() {
                let on = k == *cursor;
                let style = if on { theme.selected } else { theme.base };
                let boxed = if picked.get(k).copied().unwrap_or(false) { "[x] " } else { "[ ] " };
                out.row(
                    &Row {
                        prefix: vec![
                            mark(if on { "▶" } else { " " }, style),
                            Span::styled(boxed, if on { style } else { theme.accent }),
                            number(k, choices.len(), style),
                        ],
                        text: &choices[i],
                        style,
                        suffix: None,
                        target: Some(Target::Row(k)),
                        highlighted: on,
                    },
                    width,
                );
            }
        }
        (AnswerInput::Text { field }, kind) => {
            let unit = match kind {
                QuestionKind::Numeric { unit: Some(u), .. } => format!(" {}", crate::text::sanitize(u)),
                _ => String::new(),
            };
            let value = crate::text::sanitize(&field.value).into_owned();
            let cursor = field.cursor().min(value.chars().count());
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
        (AnswerInput::Order { cursor, arrangement }, QuestionKind::Order { items }) => {
            for (k, &i) in arrangement.iter().enumerate() {
                let on = k == *cursor;
                let style = if on { theme.selected } else { theme.base };
                out.row(
                    &Row {
                        prefix: vec![mark(if on { "▶" } else { " " }, style), number(k, items.len(), style)],
                        text: &items[i],
                        style,
                        suffix: None,
                        target: Some(Target::Row(k)),
                        highlighted: on,
                    },
                    width,
                );
            }
        }
        (AnswerInput::Match { side, cursor, pending, pairs: made }, QuestionKind::Match { pairs }) => {
            out.lines.push(Line::from(Span::styled(strings::MATCH_LEFT, theme.dim)));
            for (i, (left, _)) in pairs.iter().enumerate() {
                let on = *side == Side::Left && cursor[0] == i;
                let picked = *pending == Some((Side::Left, i));
                let style = if on { theme.selected } else { theme.base };
                let symbol = if on {
                    "▶"
                } else if picked {
                    "●"
                } else {
                    " "
                };
                let partner = made[i].and_then(|pos| Some((pos, &pairs[item.shown(pos)?].1)));
                let text = match partner {
                    Some((pos, right)) => format!("{left}  → {}. {right}", letter(pos)),
                    None => format!("{left}  → ?"),
                };
                out.row(
                    &Row {
                        prefix: vec![mark(symbol, style), number(i, pairs.len(), style)],
                        text: &text,
                        style,
                        suffix: None,
                        target: Some(Target::Item(Side::Left, i)),
                        highlighted: on,
                    },
                    width,
                );
            }
            out.blank();
            out.lines.push(Line::from(Span::styled(strings::MATCH_RIGHT, theme.dim)));
            for (k, &i) in item.order.iter().enumerate() {
                let on = *side == Side::Right && cursor[1] == k;
                let picked = *pending == Some((Side::Right, k));
                let style = if on { theme.selected } else { theme.base };
                let symbol = if on {
                    "▶"
                } else if picked {
                    "●"
                } else {
                    " "
                };
                let used_by: Vec<String> =
                    made.iter().enumerate().filter(|(_, p)| **p == Some(k)).map(|(l, _)| (l + 1).to_string()).collect();
                let suffix = (!used_by.is_empty()).then(|| (format!("  ← {}", used_by.join(", ")), theme.dim));
                out.row(
                    &Row {
                        prefix: vec![mark(symbol, style), Span::styled(format!("{}. ", letter(k)), style)],
                        text: &pairs[i].1,
                        style,
                        suffix,
                        target: Some(Target::Item(Side::Right, k)),
                        highlighted: on,
                    },
                    width,
                );
            }
        }
        (AnswerInput::Card { revealed }, _) => {
            if *revealed {
                model_answer(out, current, theme);
                out.blank();
                out.lines
                    .extend(widgets::wrap(strings::GRADES, width).into_iter().map(|l| Line::styled(l, theme.accent)));
            } else {
                let text = if practice.is_drill() { strings::CARD_ALOUD } else { strings::CARD_THINK };
                out.lines.extend(widgets::wrap(text, width).into_iter().map(|l| Line::styled(l, theme.dim)));
            }
        }
        _ => {}
    }
}

fn model_answer<'a>(out: &mut Built<'a>, current: &'a Current, theme: &Theme) {
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
/// what the learner got wrong.
fn marked<'a>(out: &mut Built<'a>, current: &'a Current, answered: &Answered, theme: &Theme, width: usize) {
    let item = &current.item;
    let record = &answered.record;
    let yours = || Some((format!("  ← {}", strings::YOUR_PICK), theme.dim));
    match (&item.question.kind, &record.response, &record.verdict.detail) {
        (QuestionKind::Single { choices, answer }, Response::Choice(picked), _) => {
            for (k, &i) in item.order.iter().enumerate() {
                let (symbol, style) = right_or_wrong(i == *answer, i == *picked, theme);
                out.row(
                    &Row {
                        prefix: vec![mark(symbol, style), number(k, choices.len(), style)],
                        text: &choices[i],
                        style,
                        suffix: if i == *picked { yours() } else { None },
                        target: None,
                        highlighted: false,
                    },
                    width,
                );
            }
        }
        (QuestionKind::TrueFalse { answer }, Response::Bool(picked), _) => {
            for (k, (label, value)) in [(strings::TRUE, true), (strings::FALSE, false)].into_iter().enumerate() {
                let (symbol, style) = right_or_wrong(value == *answer, value == *picked, theme);
                out.row(
                    &Row {
                        prefix: vec![mark(symbol, style), number(k, 2, style)],
                        text: label,
                        style,
                        suffix: if value == *picked { yours() } else { None },
                        target: None,
                        highlighted: false,
                    },
                    width,
                );
            }
        }
        (QuestionKind::Multiple { choices, .. }, _, Detail::Multiple { right_picks, wrong_picks, missed }) => {
            for (k, &i) in item.order.iter().enumerate() {
                let (symbol, boxed, style, suffix) = if right_picks.contains(&i) {
                    ("✓", "[x] ", theme.good, None)
                } else if missed.contains(&i) {
                    ("✓", "[ ] ", theme.good, Some((format!("  ← {}", strings::MISSED), theme.bad)))
                } else if wrong_picks.contains(&i) {
                    ("✗", "[x] ", theme.bad, Some((format!("  ← {}", strings::WRONG_PICK), theme.bad)))
                } else {
                    (" ", "[ ] ", theme.base, None)
                };
                out.row(
                    &Row {
                        prefix: vec![mark(symbol, style), Span::styled(boxed, style), number(k, choices.len(), style)],
                        text: &choices[i],
                        style,
                        suffix,
                        target: None,
                        highlighted: false,
                    },
                    width,
                );
            }
        }
        (QuestionKind::Order { items }, Response::Order(order), Detail::Order { right_positions }) => {
            for (k, &i) in order.iter().enumerate() {
                let right = right_positions.get(k).copied().unwrap_or(false);
                let (symbol, style) = if right { ("✓", theme.good) } else { ("✗", theme.bad) };
                out.row(
                    &Row {
                        prefix: vec![mark(symbol, style), number(k, items.len(), style)],
                        text: &items[i],
                        style,
                        suffix: None,
                        target: None,
                        highlighted: false,
                    },
                    width,
                );
            }
        }
        (QuestionKind::Match { pairs }, Response::Pairs(given), Detail::Match { right_pairs }) => {
            for (left, (left_text, _)) in pairs.iter().enumerate() {
                let right = right_pairs.get(left).copied().unwrap_or(false);
                let (symbol, style) = if right { ("✓", theme.good) } else { ("✗", theme.bad) };
                let partner = given.iter().find(|(l, _)| *l == left).map(|(_, r)| *r);
                let shown =
                    |i: usize| format!("{}. {}", item.position_of(i).map_or_else(String::new, letter), pairs[i].1);
                let text = format!("{left_text}  → {}", partner.map_or_else(|| "?".to_owned(), shown));
                let suffix = (!right).then(|| (format!("  ({}: {})", strings::RIGHT_PARTNER, shown(left)), theme.dim));
                out.row(
                    &Row {
                        prefix: vec![mark(symbol, style), number(left, pairs.len(), style)],
                        text: &text,
                        style,
                        suffix,
                        target: None,
                        highlighted: false,
                    },
                    width,
                );
            }
        }
        (QuestionKind::Card { .. }, _, _) => model_answer(out, current, theme),
        (_, response, _) => {
            // Typed answers: what was typed, marked.
            let typed = match response {
                Response::Text(t) => crate::text::sanitize(t.trim()).into_owned(),
                Response::Number(n) => number_text(*n),
                _ => String::new(),
            };
            let unit = match &item.question.kind {
                QuestionKind::Numeric { unit: Some(u), .. } => format!(" {}", crate::text::sanitize(u)),
                _ => String::new(),
            };
            let (symbol, style) = if record.verdict.correct { ("✓", theme.good) } else { ("✗", theme.bad) };
            out.lines.push(Line::from(vec![
                mark(symbol, style),
                Span::styled(format!("{} ", strings::YOUR_ANSWER), theme.key),
                Span::styled(format!("{typed}{unit}"), style),
            ]));
        }
    }
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
fn explanation<'a>(out: &mut Built<'a>, current: &'a Current, answered: &'a Answered, theme: &Theme, width: usize) {
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
            &crate::text::sanitize(metric),
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
