//! GIFT, Moodle's text format for questions.
//!
//! Questions are separated by blank lines; `//` lines are comments;
//! `$CATEGORY: a/b` sets the category of what follows. A question is
//! `::title::` (optional), `[html]`/`[markdown]`/`[plain]`/`[moodle]`
//! (optional), its text, and an answer block in braces:
//!
//! | block | type |
//! | --- | --- |
//! | `{=right ~wrong}` | `single`; with `~%50%` weights, `multiple` |
//! | `{T}` `{TRUE}` `{F}` `{FALSE}` | `true-false` |
//! | `{=a =b}` | `short`, every answer accepted |
//! | `{#5:0.5}` `{#1..3}` | `numeric` (tolerance, range) |
//! | `{=a -> 1 =b -> 2}` | `match` |
//! | `{}` | essay: reported, not imported |
//!
//! `#text` after an answer is its feedback, `####text` the general feedback
//! (the explanation). `\~ \= \# \{ \} \: \\` stand for the characters
//! themselves, and so does `\/` (some editors escape `/` as JSON does), in
//! every text: title, prompt, answers, feedback; `\n` is a line break. Text
//! before and after the block makes a "missing word" question: the prompt
//! gets a `____` blank.
//!
//! As in Moodle, special characters are first swapped for placeholders
//! when escaped, so the structure is found on the unescaped ones only.

use std::collections::BTreeMap;

use super::html;
use super::{Draft, Read};
use crate::quiz::model::QuestionKind;

/// Private-use stand-ins for escaped characters, restored once the
/// structure is known. Input characters in this range are replaced with
/// U+FFFD first, so they cannot be confused with these.
const ESCAPES: [(char, char); 8] = [
    ('~', '\u{F8F0}'),
    ('=', '\u{F8F1}'),
    ('#', '\u{F8F2}'),
    ('{', '\u{F8F3}'),
    ('}', '\u{F8F4}'),
    (':', '\u{F8F5}'),
    ('\\', '\u{F8F6}'),
    ('/', '\u{F8F7}'),
];

fn protect(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if ('\u{F8F0}'..='\u{F8F7}').contains(&c) {
            out.push('\u{FFFD}');
            continue;
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.peek().copied() {
            Some('n') => {
                chars.next();
                out.push('\n');
            }
            Some(next) => match ESCAPES.iter().find(|(ch, _)| *ch == next) {
                Some((_, placeholder)) => {
                    chars.next();
                    out.push(*placeholder);
                }
                None => out.push('\\'),
            },
            None => out.push('\\'),
        }
    }
    out
}

fn restore(text: &str) -> String {
    text.chars().map(|c| ESCAPES.iter().find(|(_, p)| *p == c).map_or(c, |(ch, _)| *ch)).collect()
}

/// The text format a question declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextFormat {
    Moodle,
    Html,
    Markdown,
    Plain,
}

/// One blank-line-separated chunk: its first line and its text.
struct Item {
    line: usize,
    text: String,
}

/// Split into items: blank lines separate them, `//` comment lines vanish.
fn items(text: &str) -> Vec<Item> {
    let mut out = Vec::new();
    let mut current: Option<Item> = None;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with("//") {
            continue;
        }
        if trimmed.is_empty() {
            out.extend(current.take());
            continue;
        }
        match &mut current {
            Some(item) => {
                item.text.push('\n');
                item.text.push_str(line);
            }
            None => current = Some(Item { line: n + 1, text: line.to_owned() }),
        }
    }
    out.extend(current);
    out
}

/// Whether `text` looks like GIFT: an answer block with GIFT's marks, a
/// `::title::`, or a `$CATEGORY`.
pub fn looks_like(text: &str) -> bool {
    let protected = protect(text);
    if protected.contains("$CATEGORY:") || protected.lines().any(|l| l.trim_start().starts_with("::")) {
        return true;
    }
    let mut rest = protected.as_str();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        let block = &rest[open + 1..open + close];
        let t = block.trim();
        if t.contains('~') || t.starts_with('=') || t.starts_with('#') || matches!(t, "T" | "F" | "TRUE" | "FALSE") {
            return true;
        }
        rest = &rest[open + close + 1..];
    }
    false
}

pub fn read(text: &str) -> Read {
    let mut read = Read::default();
    let mut category: Option<String> = None;
    for item in items(text) {
        let mut body = item.text.as_str();
        let mut line = item.line;
        // `$CATEGORY:` takes its own line; a question may follow it at once.
        if let Some(rest) = body.trim_start().strip_prefix("$CATEGORY:") {
            let (path, remainder) = rest.split_once('\n').unwrap_or((rest, ""));
            category = Some(restore(&protect(path.trim())));
            body = remainder;
            line += 1;
            if body.trim().is_empty() {
                continue;
            }
        }
        question(&mut read, line, body, category.as_deref());
    }
    read
}

fn question(read: &mut Read, line: usize, body: &str, category: Option<&str>) {
    let protected = protect(body);
    let mut rest = protected.trim();
    let mut title = None;
    if let Some(after) = rest.strip_prefix("::") {
        let Some(end) = after.find("::") else {
            read.skip(line, "the title is not closed by `::`");
            return;
        };
        title = Some(restore(after[..end].trim()));
        rest = after[end + 2..].trim_start();
    }
    let mut format = TextFormat::Moodle;
    for (tag, f) in [
        ("[html]", TextFormat::Html),
        ("[markdown]", TextFormat::Markdown),
        ("[plain]", TextFormat::Plain),
        ("[moodle]", TextFormat::Moodle),
    ] {
        if rest.len() >= tag.len() && rest.is_char_boundary(tag.len()) && rest[..tag.len()].eq_ignore_ascii_case(tag) {
            format = f;
            rest = rest[tag.len()..].trim_start();
            break;
        }
    }
    let name = title.as_deref().map_or_else(String::new, |t| format!(" `{t}`"));
    let Some(open) = rest.find('{') else {
        read.skip(line, format!("description item{name} (text without an answer block): not a question"));
        return;
    };
    let Some(close) = rest[open..].find('}').map(|c| open + c) else {
        read.skip(line, format!("question{name}: the answer block is not closed by `}}`"));
        return;
    };
    let before = &rest[..open];
    let after = &rest[close + 1..];
    let block = rest[open + 1..close].trim();
    let mut conv = Converter { format, read, line };
    // Missing-word format: the blank stands where the block was.
    let prompt_raw = if after.trim().is_empty() { before.to_owned() } else { format!("{before}____{after}") };
    let prompt = conv.text(&prompt_raw);
    let (block, general) = match block.find("####") {
        Some(at) => (block[..at].trim(), Some(conv.text(&block[at + 4..]))),
        None => (block, None),
    };
    let kind_and_feedback = if block.is_empty() {
        conv.read.skip(
            line,
            format!("essay question{name} (`{{}}`): free-text answers graded by a teacher have no lambda-tutor type"),
        );
        return;
    } else if let Some(numeric) = block.strip_prefix('#') {
        numeric_answer(&mut conv, numeric).map(|kind| (kind, BTreeMap::new()))
    } else if block.contains('~') {
        choices(&mut conv, block)
    } else if block.contains('=') && block.contains("->") {
        matching(&mut conv, block).map(|kind| (kind, BTreeMap::new()))
    } else if let Some(tf) = true_false(&mut conv, block) {
        Some(tf)
    } else {
        short(&mut conv, block).map(|kind| (kind, BTreeMap::new()))
    };
    let Some((kind, feedback)) = kind_and_feedback else { return };
    let mut draft = Draft::new(line, prompt, kind);
    draft.title = title;
    draft.category = category.map(str::to_owned);
    draft.explanation = general;
    draft.feedback = feedback;
    read.drafts.push(draft);
}

/// Turns a piece of the question into markdown: escapes restored, HTML
/// converted (with a note per image).
struct Converter<'r> {
    format: TextFormat,
    read: &'r mut Read,
    line: usize,
}

impl Converter<'_> {
    fn text(&mut self, raw: &str) -> String {
        let restored = restore(raw.trim());
        match self.format {
            TextFormat::Html => {
                let converted = html::to_markdown(&restored);
                for (alt, src) in converted.images {
                    self.read.note(self.line, format!("image {src:?} replaced by its alt text {alt:?}"));
                }
                converted.text
            }
            TextFormat::Markdown | TextFormat::Plain | TextFormat::Moodle => restored,
        }
    }
}

/// `%50%` at the start of an answer: the weight and the rest.
fn weight(s: &str) -> (Option<f64>, &str) {
    let Some(rest) = s.strip_prefix('%') else { return (None, s) };
    let Some(end) = rest.find('%') else { return (None, s) };
    match rest[..end].trim().parse::<f64>() {
        Ok(w) if w.is_finite() => (Some(w), &rest[end + 1..]),
        _ => (None, s),
    }
}

/// `text#feedback`: the text and the feedback, if any.
fn split_feedback(s: &str) -> (&str, Option<&str>) {
    match s.split_once('#') {
        Some((text, feedback)) => (text, Some(feedback)),
        None => (s, None),
    }
}

struct Answer {
    right: bool,
    weight: Option<f64>,
    text: String,
    feedback: Option<String>,
}

/// Split a block at every unescaped `=` and `~` that starts an answer.
fn answers(conv: &mut Converter<'_>, block: &str) -> Vec<Answer> {
    let mut out = Vec::new();
    let marked = block.replace('=', "~=");
    for piece in marked.split('~') {
        let piece = piece.trim();
        if piece.is_empty() {
            continue;
        }
        let (right, piece) = match piece.strip_prefix('=') {
            Some(p) => (true, p.trim_start()),
            None => (false, piece),
        };
        let (weight, piece) = weight(piece);
        let (text, feedback) = split_feedback(piece);
        let text = conv.text(text);
        let feedback = feedback.map(|f| conv.text(f)).filter(|f| !f.is_empty());
        out.push(Answer { right, weight, text, feedback });
    }
    out
}

fn percent(w: f64) -> String {
    crate::quiz::write::number(w) + "%"
}

/// Moodle's rule: a block with a `=` answer is a one-answer question
/// (radio buttons), one without is a multiple-answer question whose
/// positive `%weights%` mark the right choices (check boxes).
fn choices(conv: &mut Converter<'_>, block: &str) -> Option<(QuestionKind, BTreeMap<String, String>)> {
    let answers = answers(conv, block);
    let line = conv.line;
    if answers.len() < 2 {
        conv.read.skip(line, "a multiple-choice question needs at least 2 choices");
        return None;
    }
    let choices: Vec<String> = answers.iter().map(|a| a.text.clone()).collect();
    let feedback: BTreeMap<String, String> =
        answers.iter().filter_map(|a| Some((a.text.clone(), a.feedback.clone()?))).collect();
    let weights = |pick: &dyn Fn(&Answer) -> bool| -> Vec<String> {
        answers
            .iter()
            .filter(|a| pick(a))
            .filter_map(|a| Some(format!("{:?} {}", a.text, percent(a.weight?))))
            .collect()
    };
    let marked: Vec<usize> = answers.iter().enumerate().filter(|(_, a)| a.right).map(|(i, _)| i).collect();
    match marked.len() {
        1 => {
            let lost = weights(&|a: &Answer| !a.right && a.weight.is_some_and(|w| w != 0.0));
            if !lost.is_empty() {
                conv.read.note(line, format!("partial credit and penalties are lost: {}", lost.join(", ")));
            }
            return Some((QuestionKind::Single { choices, answer: marked[0] }, feedback));
        }
        0 => {}
        _ => {
            conv.read.skip(
                line,
                "several choices are marked right with `=`: any one of them would do in Moodle, but a `single` \
                 question has one right choice (use `~%50%` weights for a question where all must be picked)",
            );
            return None;
        }
    }
    let right: Vec<usize> =
        answers.iter().enumerate().filter(|(_, a)| a.weight.is_some_and(|w| w > 0.0)).map(|(i, _)| i).collect();
    if right.is_empty() {
        conv.read.skip(line, "no choice is marked right (`=` or a positive `%weight%`)");
        return None;
    }
    let all_or_nothing = answers.iter().all(|a| match a.weight {
        Some(w) if w > 0.0 => (w * right.len() as f64 - 100.0).abs() < 0.01,
        Some(w) => w <= -100.0 + 0.01 || w == 0.0,
        None => true,
    });
    if !all_or_nothing {
        conv.read.note(
            line,
            format!(
                "partial credit is lost: the weights ({}) become all-or-nothing, every choice with a positive \
                 weight must be picked and no other",
                weights(&|a: &Answer| a.weight.is_some()).join(", ")
            ),
        );
    }
    Some((QuestionKind::Multiple { choices, answers: right }, feedback))
}

fn true_false(conv: &mut Converter<'_>, block: &str) -> Option<(QuestionKind, BTreeMap<String, String>)> {
    let mut parts = block.splitn(3, '#');
    let value = parts.next().unwrap_or("").trim();
    let answer = match value {
        "T" | "TRUE" => true,
        "F" | "FALSE" => false,
        _ => return None,
    };
    // Moodle: the first feedback is for a wrong answer, the second for a right one.
    let wrong = parts.next().map(|f| conv.text(f)).filter(|f| !f.is_empty());
    let right = parts.next().map(|f| conv.text(f)).filter(|f| !f.is_empty());
    let mut feedback = BTreeMap::new();
    if let Some(text) = wrong {
        feedback.insert((!answer).to_string(), text);
    }
    if let Some(text) = right {
        feedback.insert(answer.to_string(), text);
    }
    Some((QuestionKind::TrueFalse { answer }, feedback))
}

fn short(conv: &mut Converter<'_>, block: &str) -> Option<QuestionKind> {
    let line = conv.line;
    let mut accepted = Vec::new();
    let mut partial = Vec::new();
    let mut dropped_feedback = false;
    for piece in block.split('=') {
        let piece = piece.trim();
        if piece.is_empty() {
            continue;
        }
        let (weight, piece) = weight(piece);
        let (text, feedback) = split_feedback(piece);
        let text = conv.text(text);
        dropped_feedback |= feedback.is_some_and(|f| !f.trim().is_empty());
        match weight {
            Some(w) if w <= 0.0 => partial.push(format!("{text:?} ({}, dropped)", percent(w))),
            Some(w) if w < 100.0 => {
                partial.push(format!("{text:?} ({})", percent(w)));
                accepted.push(text);
            }
            _ => accepted.push(text),
        }
    }
    if !partial.is_empty() {
        conv.read.note(
            line,
            format!("partial credit is lost: {} now count as fully right or not at all", partial.join(", ")),
        );
    }
    if dropped_feedback {
        conv.read.note(line, "feedback on short answers is not kept: a `short` question has no per-answer feedback");
    }
    if accepted.is_empty() {
        conv.read.skip(line, "a short-answer question with no accepted answer");
        return None;
    }
    let answer = accepted.remove(0);
    Some(QuestionKind::Short { answer, accept: accepted })
}

/// A numeric answer: `5`, `5:0.5` (tolerance) or `1..3` (range).
fn number_spec(spec: &str) -> Option<(f64, f64)> {
    let spec = spec.trim();
    if let Some((low, high)) = spec.split_once("..") {
        let (low, high): (f64, f64) = (low.trim().parse().ok()?, high.trim().parse().ok()?);
        let (low, high) = if low <= high { (low, high) } else { (high, low) };
        return Some((low.midpoint(high), (high - low) / 2.0)).filter(|(a, t)| a.is_finite() && t.is_finite());
    }
    if let Some((answer, tolerance)) = spec.split_once(':') {
        let (answer, tolerance): (f64, f64) = (answer.trim().parse().ok()?, tolerance.trim().parse().ok()?);
        return Some((answer, tolerance.abs())).filter(|(a, t)| a.is_finite() && t.is_finite());
    }
    spec.parse::<f64>().ok().filter(|a| a.is_finite()).map(|a| (a, 0.0))
}

fn numeric_answer(conv: &mut Converter<'_>, block: &str) -> Option<QuestionKind> {
    let line = conv.line;
    // Moodle's own export writes each answer on a line, `=` for the right
    // ones, and `~#feedback` (a wrong answer with no number) for the
    // feedback on any other answer: `{#\n=3:2\n~#feedback}`.
    let (right, wrong) = match block.find('~') {
        Some(at) => (&block[..at], &block[at..]),
        None => (block, ""),
    };
    let mut wrong_specs = Vec::new();
    for piece in wrong.split('~').map(str::trim).filter(|p| !p.is_empty()) {
        let (spec, _) = split_feedback(weight(piece).1);
        if !spec.trim().is_empty() {
            wrong_specs.push(restore(spec).trim().to_owned());
        }
    }
    if !wrong_specs.is_empty() {
        conv.read.note(line, format!("wrong numeric answers are not kept: {}", wrong_specs.join(", ")));
    }
    let wrong_feedback = wrong.split('~').any(|p| split_feedback(p).1.is_some_and(|f| !f.trim().is_empty()));
    let pieces: Vec<&str> = if right.contains('=') {
        right.split('=').map(str::trim).filter(|p| !p.is_empty()).collect()
    } else {
        vec![right.trim()]
    };
    let mut parsed = Vec::new();
    for piece in pieces {
        let (weight, piece) = weight(piece);
        let (spec, feedback) = split_feedback(piece);
        let spec = restore(spec);
        let Some((answer, tolerance)) = number_spec(&spec) else {
            conv.read
                .skip(line, format!("{:?} is not a number, a `number:tolerance` or a `low..high` range", spec.trim()));
            return None;
        };
        parsed.push((weight.unwrap_or(100.0), answer, tolerance, spec, feedback));
    }
    let Some(best) =
        parsed.iter().position(|p| (p.0 - 100.0).abs() < f64::EPSILON).or((!parsed.is_empty()).then_some(0))
    else {
        conv.read.skip(line, "a numeric question with no answer");
        return None;
    };
    let (_, answer, tolerance, _, _) = parsed[best].clone();
    let others: Vec<String> = parsed
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != best)
        .map(|(_, p)| format!("{} ({})", p.3.trim(), percent(p.0)))
        .collect();
    if !others.is_empty() {
        conv.read
            .note(line, format!("only the first full-credit numeric answer is kept; dropped: {}", others.join(", ")));
    }
    if wrong_feedback || parsed.iter().any(|p| p.4.is_some_and(|f| !f.trim().is_empty())) {
        conv.read
            .note(line, "feedback on numeric answers is not kept: a `numeric` question has no per-answer feedback");
    }
    Some(QuestionKind::Numeric { answer, tolerance, unit: None })
}

fn matching(conv: &mut Converter<'_>, block: &str) -> Option<QuestionKind> {
    let line = conv.line;
    let mut pairs = Vec::new();
    for piece in block.split('=') {
        let piece = piece.trim();
        if piece.is_empty() {
            continue;
        }
        let Some((left, right)) = piece.split_once("->") else {
            conv.read.skip(line, format!("matching answer {:?} has no `->`", restore(piece)));
            return None;
        };
        let (right, feedback) = split_feedback(right);
        if feedback.is_some_and(|f| !f.trim().is_empty()) {
            conv.read.note(line, "feedback on matching pairs is not kept");
        }
        let (left, right) = (conv.text(left), conv.text(right));
        if left.is_empty() {
            conv.read.note(
                line,
                format!("the extra right-hand answer {right:?} (a distractor with no left side) is dropped"),
            );
            continue;
        }
        pairs.push((left, right));
    }
    if pairs.len() < 2 {
        conv.read.skip(line, "a matching question needs at least 2 pairs");
        return None;
    }
    Some(QuestionKind::Match { pairs })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_protected_then_restored() {
        let p = protect(r"a\~b\=c\#d\{e\}f\:g\\h\ni\x\/y");
        assert!(!p.contains(['~', '=', '#', '{', '}']), "{p}");
        assert_eq!(restore(&p), "a~b=c#d{e}f:g\\h\ni\\x/y");
        assert_eq!(restore(&protect("\u{F8F0}")), "\u{FFFD}");
        assert_eq!(restore(&protect("\u{F8F7}")), "\u{FFFD}");
    }

    #[test]
    fn numbers_tolerances_and_ranges() {
        assert_eq!(number_spec("5"), Some((5.0, 0.0)));
        assert_eq!(number_spec("5:0.5"), Some((5.0, 0.5)));
        assert_eq!(number_spec("1..3"), Some((2.0, 1.0)));
        assert_eq!(number_spec("3..1"), Some((2.0, 1.0)));
        assert_eq!(number_spec("x"), None);
        assert_eq!(number_spec("inf"), None);
    }

    #[test]
    fn items_split_on_blank_lines_and_drop_comments() {
        let items = items("// c\na\nb\n\n\n// x\nc\n");
        let got: Vec<(usize, &str)> = items.iter().map(|i| (i.line, i.text.as_str())).collect();
        assert_eq!(got, [(2, "a\nb"), (7, "c")]);
    }
}
