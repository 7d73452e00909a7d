//! Markdown question banks written with task lists:
//!
//! ```markdown
//! # Cold starts                      ← a heading with no list: the topic
//!
//! ## What causes a cold start?       ← a heading (or a paragraph, or a
//!                                      numbered line) asks the question
//! - [x] A burst of new requests
//! - [x] A new version deployed       ← several [x]: `multiple`; one: `single`
//! - [ ] A request five seconds after another
//!
//! Explanation: no idle environment…  ← what follows the list explains it
//! ```
//!
//! Numbered questions (`1. What…?` with the task list indented under it)
//! and `<quiz>…</quiz>` blocks in the same style are read too. Images
//! become their alt text (each one noted). The text is parsed with
//! pulldown-cmark; prompts, choices and explanations are taken from the
//! source as written, so their markdown is kept.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

use super::{Draft, Read};
use crate::infra::LineIndex;
use crate::quiz::model::QuestionKind;

/// Whether `text` has a task list or a `<quiz>` block.
pub fn looks_like(text: &str) -> bool {
    text.lines().any(|l| {
        let t = l.trim_start();
        let rest = t
            .strip_prefix(['-', '*', '+'])
            .or_else(|| {
                let digits = t.chars().take_while(char::is_ascii_digit).count();
                (digits > 0).then(|| t[digits..].strip_prefix(['.', ')'])).flatten()
            })
            .map(str::trim_start);
        rest.is_some_and(|r| r.starts_with("[ ]") || r.starts_with("[x]") || r.starts_with("[X]"))
            || t.starts_with("<quiz>")
    })
}

#[derive(Debug, Clone)]
struct Image {
    range: Range<usize>,
    alt: String,
    url: String,
}

#[derive(Debug, Clone)]
enum Block {
    Heading(Range<usize>),
    Paragraph(Range<usize>),
    List(Vec<Item>),
    Other(Range<usize>),
}

#[derive(Debug, Clone)]
struct Item {
    range: Range<usize>,
    /// `Some(checked)` for a task item.
    task: Option<bool>,
    /// The item's own text (after its marker, before any nested list).
    text: Range<usize>,
    children: Vec<Block>,
}

impl Item {
    /// Whether this item, or one nested in it, is part of a task list.
    fn holds_tasks(&self) -> bool {
        self.children.iter().any(|b| match b {
            Block::List(items) => items.iter().any(|i| i.task.is_some() || i.holds_tasks()),
            _ => false,
        })
    }
}

type Events<'a> = std::iter::Peekable<pulldown_cmark::OffsetIter<'a>>;

/// Lists nested deeper than this are kept as text, not read as lists: no
/// question bank nests so deep, and a hostile file must not exhaust the
/// stack.
const MAX_LIST_DEPTH: usize = 16;

/// Blocks until the end of the enclosing element (or the input).
fn blocks(src: &str, events: &mut Events<'_>, images: &mut Vec<Image>) -> Vec<Block> {
    let mut out = Vec::new();
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                skip_to_end(events, images);
                out.push(Block::Heading(range));
            }
            Event::Start(Tag::Paragraph) => {
                skip_to_end(events, images);
                out.push(Block::Paragraph(range));
            }
            Event::Start(Tag::List(_)) => out.push(Block::List(items(src, events, images, 1))),
            Event::Start(Tag::Image { dest_url, .. }) => image(events, range, dest_url.to_string(), images),
            Event::Start(_) => {
                skip_to_end(events, images);
                out.push(Block::Other(range));
            }
            Event::End(_) => break,
            _ => {}
        }
    }
    out
}

/// Consume events up to the end of the element just started, noting
/// images on the way.
fn skip_to_end(events: &mut Events<'_>, images: &mut Vec<Image>) {
    let mut depth = 1usize;
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => image(events, range, dest_url.to_string(), images),
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return;
                }
            }
            _ => {}
        }
    }
}

/// An image: its alt text is the text inside it.
fn image(events: &mut Events<'_>, range: Range<usize>, url: String, images: &mut Vec<Image>) {
    let mut alt = String::new();
    let mut depth = 1usize;
    for (event, _) in events.by_ref() {
        match event {
            Event::Text(t) | Event::Code(t) => alt.push_str(&t),
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
    }
    images.push(Image { range, alt, url });
}

fn items(src: &str, events: &mut Events<'_>, images: &mut Vec<Image>, depth: usize) -> Vec<Item> {
    let mut out = Vec::new();
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::Item) => out.push(item(src, events, range, images, depth)),
            Event::End(_) => break,
            _ => {}
        }
    }
    out
}

fn item(src: &str, events: &mut Events<'_>, range: Range<usize>, images: &mut Vec<Image>, depth: usize) -> Item {
    let mut task = None;
    let mut text_start = content_start(src, &range);
    let mut text_end = range.end;
    let mut children = Vec::new();
    while let Some((event, r)) = events.next() {
        match event {
            Event::TaskListMarker(checked) => {
                task = Some(checked);
                text_start = r.end;
            }
            Event::Start(Tag::List(_)) if depth >= MAX_LIST_DEPTH => {
                skip_to_end(events, images);
                children.push(Block::Other(r));
            }
            Event::Start(Tag::List(_)) => {
                text_end = text_end.min(r.start);
                children.push(Block::List(items(src, events, images, depth + 1)));
            }
            Event::Start(Tag::Paragraph) => {
                skip_to_end(events, images);
                children.push(Block::Paragraph(r));
            }
            Event::Start(Tag::Heading { .. }) => {
                skip_to_end(events, images);
                children.push(Block::Heading(r));
            }
            Event::Start(Tag::Image { dest_url, .. }) => image(events, r, dest_url.to_string(), images),
            Event::Start(_) => {
                skip_to_end(events, images);
                children.push(Block::Other(r));
            }
            Event::End(_) => break,
            _ => {}
        }
    }
    let text_start = text_start.min(text_end);
    Item { range, task, text: text_start..text_end, children }
}

/// Where an item's text begins: after its marker (`-`, `*`, `+`, `1.`,
/// `1)`) and the spaces after it.
fn content_start(src: &str, range: &Range<usize>) -> usize {
    let Some(slice) = src.get(range.clone()) else { return range.start };
    let trimmed = slice.trim_start();
    let mut at = slice.len() - trimmed.len();
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        at += digits + 1;
    } else {
        at += 1;
    }
    let rest = slice.get(at..).unwrap_or("");
    at += rest.len() - rest.trim_start_matches([' ', '\t']).len();
    range.start + at.min(slice.len())
}

/// Where each `<quiz>` block's inside is, by byte range.
fn quiz_blocks(src: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = src[from..].find("<quiz").map(|i| from + i) {
        let Some(gt) = src[open..].find('>').map(|i| open + i + 1) else { break };
        let Some(close) = src[gt..].find("</quiz>").map(|i| gt + i) else { break };
        let at_line_start = open == 0 || src[..open].ends_with('\n');
        if !(at_line_start && matches!(src.as_bytes().get(open + 5), Some(b'>' | b' ' | b'\t'))) {
            from = open + "<quiz".len();
            continue;
        }
        out.push(gt..close);
        from = close + "</quiz>".len();
    }
    out
}

pub fn read(text: &str) -> Read {
    let mut read = Read::default();
    let quizzes = quiz_blocks(text);
    // The main text with the quiz blocks blanked out (lengths kept, so
    // offsets and line numbers stay those of the file).
    let mut main = text.to_owned();
    for q in &quizzes {
        let open = text[..q.start].rfind("<quiz").unwrap_or(q.start);
        let close = q.end + "</quiz>".len();
        // One space per byte, not per character: a multi-byte character
        // blanked to one space would shift every later block.
        let blank: String = text[open..close]
            .chars()
            .flat_map(|c| std::iter::repeat_n(if c == '\n' { '\n' } else { ' ' }, c.len_utf8()))
            .collect();
        main.replace_range(open..close, &blank);
    }
    let index = LineIndex::new(text);
    let mut ctx = Context { src: text, index: &index, images: Vec::new(), read: &mut read, questions: 0 };
    let main_blocks = parse_blocks(&main, 0, &mut ctx.images);
    let mut topic = None;
    ctx.sequence(&main_blocks, &mut topic);
    for q in quizzes {
        let inner = &text[q.clone()];
        let blocks = parse_blocks(inner, q.start, &mut ctx.images);
        let mut quiz_topic = topic_before(&main_blocks, q.start, text);
        ctx.sequence(&blocks, &mut quiz_topic);
    }
    read.drafts.sort_by_key(|d| d.line);
    read
}

/// The section heading in force at `offset` (for a `<quiz>` block).
fn topic_before(blocks: &[Block], offset: usize, src: &str) -> Option<String> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(r) if r.end <= offset => Some(heading_text(src, r)),
            _ => None,
        })
        .next_back()
}

/// Parse `text` (which sits at `base` in the file) into blocks whose
/// ranges are offsets in the file.
fn parse_blocks(text: &str, base: usize, images: &mut Vec<Image>) -> Vec<Block> {
    let options = Options::ENABLE_TASKLISTS | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut events = Parser::new_ext(text, options).into_offset_iter().peekable();
    let mut local = Vec::new();
    let blocks = blocks(text, &mut events, &mut local);
    images.extend(local.into_iter().map(|i| Image { range: shift(&i.range, base), ..i }));
    blocks.into_iter().map(|b| shift_block(b, base)).collect()
}

fn shift(r: &Range<usize>, base: usize) -> Range<usize> {
    r.start + base..r.end + base
}

fn shift_block(block: Block, base: usize) -> Block {
    match block {
        Block::Heading(r) => Block::Heading(shift(&r, base)),
        Block::Paragraph(r) => Block::Paragraph(shift(&r, base)),
        Block::Other(r) => Block::Other(shift(&r, base)),
        Block::List(items) => Block::List(
            items
                .into_iter()
                .map(|i| Item {
                    range: shift(&i.range, base),
                    task: i.task,
                    text: shift(&i.text, base),
                    children: i.children.into_iter().map(|c| shift_block(c, base)).collect(),
                })
                .collect(),
        ),
    }
}

fn heading_text(src: &str, r: &Range<usize>) -> String {
    let raw = src.get(r.clone()).unwrap_or("").trim();
    let first = raw.lines().next().unwrap_or("");
    let text = first.trim_start_matches('#').trim().trim_end_matches('#').trim();
    // A setext heading (underlined): its text is the first line as it is.
    if first.starts_with('#') { text.to_owned() } else { first.trim().to_owned() }
}

/// A question being read: prompt parts so far, then its list and
/// explanation.
#[derive(Default)]
struct Pending {
    line: usize,
    title: Option<String>,
    prompt: Vec<String>,
    choices: Vec<(String, bool)>,
    explanation: Vec<String>,
    has_list: bool,
}

struct Context<'a> {
    src: &'a str,
    index: &'a LineIndex<'a>,
    images: Vec<Image>,
    read: &'a mut Read,
    questions: usize,
}

impl Context<'_> {
    fn line(&self, offset: usize) -> usize {
        self.index.position(offset).0
    }

    /// The source text of `range` as written, images replaced by their alt
    /// text (noted), continuation lines dedented.
    fn text(&mut self, range: &Range<usize>) -> String {
        let Some(slice) = self.src.get(range.clone()) else { return String::new() };
        let mut text = slice.to_owned();
        let mut inside: Vec<Image> =
            self.images.iter().filter(|i| i.range.start >= range.start && i.range.end <= range.end).cloned().collect();
        inside.sort_by_key(|i| std::cmp::Reverse(i.range.start));
        for image in inside {
            let (start, end) = (image.range.start - range.start, image.range.end - range.start);
            if text.is_char_boundary(start) && text.is_char_boundary(end) {
                text.replace_range(start..end, &image.alt);
                let line = self.line(image.range.start);
                self.read.note(line, format!("image {:?} replaced by its alt text {:?}", image.url, image.alt));
            }
        }
        dedent(&text)
    }

    /// Read questions from a sequence of blocks.
    fn sequence(&mut self, blocks: &[Block], topic: &mut Option<String>) {
        let mut pending = Pending::default();
        for (i, block) in blocks.iter().enumerate() {
            match block {
                Block::Heading(r) => {
                    self.flush(&mut pending, topic.as_deref());
                    if let Some(section) = pending.title.take() {
                        // A heading with no list before the next one names a section.
                        *topic = Some(section);
                        self.unused(&pending);
                    }
                    pending = Pending {
                        line: self.line(r.start),
                        title: Some(heading_text(self.src, r)),
                        ..Pending::default()
                    };
                }
                Block::Paragraph(r) | Block::Other(r) => {
                    let text = self.text(r);
                    if text.trim().is_empty() {
                        continue;
                    }
                    if let Some(explanation) = strip_explanation(&text) {
                        if pending.has_list {
                            pending.explanation.push(explanation.to_owned());
                        } else {
                            pending.prompt.push(text);
                        }
                        continue;
                    }
                    if pending.has_list && !next_asks(&blocks[i + 1..]) {
                        pending.explanation.push(text);
                        continue;
                    }
                    if pending.has_list {
                        self.flush(&mut pending, topic.as_deref());
                    }
                    if pending.prompt.is_empty() && pending.title.is_none() {
                        pending.line = self.line(r.start);
                    }
                    pending.prompt.push(strip_number(&text).to_owned());
                }
                Block::List(items) if items.iter().any(|i| i.task.is_some()) => {
                    if pending.has_list {
                        self.flush(&mut pending, topic.as_deref());
                    }
                    let start = items.first().map_or(0, |i| i.range.start);
                    if pending.prompt.is_empty() && pending.title.is_none() {
                        self.read.skip(self.line(start), "a task list with no question before it");
                        continue;
                    }
                    for item in items {
                        if let Some(checked) = item.task {
                            let text = self.text(&item.text);
                            pending.choices.push((text, checked));
                        } else {
                            let line = self.line(item.range.start);
                            self.read.note(line, "a list item without a checkbox among the choices is left out");
                        }
                    }
                    pending.has_list = true;
                }
                Block::List(items) if items.iter().any(Item::holds_tasks) => {
                    self.flush(&mut pending, topic.as_deref());
                    if let Some(section) = pending.title.take() {
                        *topic = Some(section);
                    }
                    pending = Pending::default();
                    for item in items {
                        let mut inner = vec![Block::Paragraph(item.text.clone())];
                        inner.extend(item.children.iter().skip_while(|c| !matches!(c, Block::List(_))).cloned());
                        let mut item_topic = topic.clone();
                        self.sequence(&inner, &mut item_topic);
                    }
                }
                Block::List(items) => {
                    let r = items.first().map_or(0, |i| i.range.start)..items.last().map_or(0, |i| i.range.end);
                    let text = self.text(&r);
                    if pending.has_list {
                        pending.explanation.push(text);
                    } else {
                        if pending.prompt.is_empty() && pending.title.is_none() {
                            pending.line = self.line(r.start);
                        }
                        pending.prompt.push(text);
                    }
                }
            }
        }
        self.flush(&mut pending, topic.as_deref());
        self.unused(&pending);
    }

    /// Text that asked something but had no list after it is reported.
    fn unused(&mut self, pending: &Pending) {
        if pending.has_list {
            return;
        }
        let asks = |t: &String| t.trim_end().ends_with('?');
        if pending.prompt.last().is_some_and(asks) || pending.title.as_ref().is_some_and(asks) {
            self.read.skip(pending.line, "a question with no task list (`- [ ]` / `- [x]`) after it");
        }
    }

    /// Emit the pending question, if it has its list.
    fn flush(&mut self, pending: &mut Pending, topic: Option<&str>) {
        if !pending.has_list {
            return;
        }
        let done = std::mem::take(pending);
        let line = done.line;
        let prompt =
            if done.prompt.is_empty() { done.title.clone().unwrap_or_default() } else { done.prompt.join("\n\n") };
        let answers: Vec<usize> = done.choices.iter().enumerate().filter(|(_, c)| c.1).map(|(i, _)| i).collect();
        let choices: Vec<String> = done.choices.into_iter().map(|c| c.0).collect();
        let kind = match answers.len() {
            0 => {
                self.read.skip(line, "no choice is checked (`- [x]`)");
                return;
            }
            1 => QuestionKind::Single { choices, answer: answers[0] },
            _ => QuestionKind::Multiple { choices, answers },
        };
        self.questions += 1;
        let mut draft = Draft::new(line, prompt, kind);
        draft.title = done.title;
        draft.category = topic.map(str::to_owned);
        if !done.explanation.is_empty() {
            draft.explanation = Some(done.explanation.join("\n\n"));
        }
        self.read.drafts.push(draft);
    }
}

/// Whether a question starts before the next heading: a task list comes
/// (so the paragraphs in between are its prompt, not an explanation).
fn next_asks(rest: &[Block]) -> bool {
    for block in rest {
        match block {
            Block::Heading(_) => return false,
            Block::List(items) if items.iter().any(|i| i.task.is_some() || i.holds_tasks()) => return true,
            _ => {}
        }
    }
    false
}

/// `Explanation: text` (also bold or italic): the text.
fn strip_explanation(text: &str) -> Option<&str> {
    let t = text.trim_start();
    for prefix in ["Explanation:", "**Explanation:**", "**Explanation**:", "_Explanation:_", "*Explanation:*"] {
        if t.len() >= prefix.len() && t.is_char_boundary(prefix.len()) && t[..prefix.len()].eq_ignore_ascii_case(prefix)
        {
            return Some(t[prefix.len()..].trim());
        }
    }
    None
}

/// `1. What…?` → `What…?` (a numbered line that did not parse as a list,
/// such as `3. …` after other text).
fn strip_number(text: &str) -> &str {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    match text[digits..].strip_prefix(['.', ')']) {
        Some(rest) if digits > 0 && rest.starts_with(' ') => rest.trim_start(),
        _ => text,
    }
}

/// Remove the indentation continuation lines share (list item text).
fn dedent(text: &str) -> String {
    let mut lines = text.trim().lines();
    let Some(first) = lines.next() else { return String::new() };
    let rest: Vec<&str> = lines.collect();
    let indent = rest
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let mut out = first.to_owned();
    for line in rest {
        out.push('\n');
        out.push_str(line.get(indent..).unwrap_or(line.trim_start()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_like_task_lists_and_quiz_blocks() {
        assert!(looks_like("Q?\n- [ ] a\n- [x] b\n"));
        assert!(looks_like("1. [x] a"));
        assert!(looks_like("<quiz>\n</quiz>"));
        assert!(!looks_like("- a\n- b\n"));
    }

    #[test]
    fn explanation_prefixes_and_numbers() {
        assert_eq!(strip_explanation("Explanation: because"), Some("because"));
        assert_eq!(strip_explanation("**Explanation:** because"), Some("because"));
        assert_eq!(strip_explanation("Because"), None);
        assert_eq!(strip_number("3. What?"), "What?");
        assert_eq!(strip_number("3.5 seconds"), "3.5 seconds");
    }

    #[test]
    fn deeply_nested_lists_do_not_exhaust_the_stack() {
        let mut src = String::new();
        for depth in 0..5000 {
            src.push_str(&"  ".repeat(depth));
            src.push_str("- [x] a\n");
        }
        let read = super::read(&src);
        assert!(read.drafts.is_empty(), "a task list with no question before it");
        assert_eq!(read.notes.len(), 1);
    }

    #[test]
    fn dedent_keeps_relative_indentation() {
        assert_eq!(dedent("a\n   b\n     c"), "a\nb\n  c");
    }

    #[test]
    fn quiz_blocks_holding_wide_characters_keep_later_offsets() {
        // Found by fuzzing: a multi-byte character inside a block was
        // blanked to one byte, and the next block's range ran past the end.
        let src = "<quiz>\nⵯ</quiz>\n<quiz>\n</quiz>\n";
        assert!(read(src).drafts.is_empty());
        let src = "<quiz>\n日本語\n</quiz>\n# Q?\n\n- [x] right\n- [ ] wrong\n<quiz>\nÜ?\n- [x] ä\n- [ ] ö\n</quiz>\n";
        let got = read(src);
        let lines: Vec<usize> = got.drafts.iter().map(|d| d.line).collect();
        assert_eq!(lines, [4, 9], "{got:?}");
    }

    #[test]
    fn quiz_blocks_are_found_at_line_starts() {
        let src = "x <quiz> no\n<quiz>\nQ?\n- [x] a\n</quiz>\n";
        let blocks = quiz_blocks(src);
        assert_eq!(blocks.len(), 1);
        assert_eq!(&src[blocks[0].clone()], "\nQ?\n- [x] a\n");
    }
}
