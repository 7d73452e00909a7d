//! Blocks → lines for one width.
//!
//! The walk over the block arena is a loop over an explicit stack of
//! frames, one per open container, so nesting depth costs heap, not Rust
//! stack. Containers contribute *prefix levels* (a quote's bar, an item's
//! marker) and leaves ask [`Out`] how many columns are left for content.
//!
//! When the prefixes of deep nesting would leave too little room, the line
//! shows the outermost levels that fit plus the innermost one, so content
//! always keeps at least half the width (and at least one column).

mod alert;
mod code_block;
mod footnote;
mod heading;
mod html;
mod list;
mod paragraph;
mod quote;
mod rule;
mod table;

use unicode_segmentation::UnicodeSegmentation;

use super::model::{Block, BlockId, Blocks, ROOT};
use super::wrap::width;
use super::{Layout, Line, Span, Style};

/// Lays out `blocks` for `width` columns (0 is treated as 1).
pub(crate) fn layout(blocks: &Blocks, width: usize) -> Layout {
    let mut out = Out::new(width.max(1));
    if blocks.arena.is_empty() {
        return out.finish();
    }
    let mut frames = vec![Frame { id: ROOT, next: 0, first_line: 0, levels: 0, gaps: true, list: None }];
    let mut list_depth = 0usize;
    while let Some(frame) = frames.last_mut() {
        let children = blocks.children(frame.id);
        let Some(&child) = children.get(frame.next) else {
            let frame = frames.pop().unwrap_or_default();
            if frame.id != ROOT {
                // An empty container still shows its marker or bar.
                if out.lines.len() == frame.first_line {
                    out.line(Vec::new());
                }
                for _ in 0..frame.levels {
                    out.pop_level();
                }
                if frame.list.is_some() {
                    list_depth = list_depth.saturating_sub(1);
                }
            }
            continue;
        };
        let index = frame.next;
        frame.next += 1;
        if index > 0 && frame.gaps && out.lines.len() > frame.first_line {
            out.gap();
        }
        let parent_list = frame.list;
        let Some(block) = blocks.arena.get(child) else { continue };
        let opened = match block {
            Block::Paragraph(inlines) => {
                paragraph::render(inlines, &mut out);
                None
            }
            Block::Heading(level, inlines) => {
                heading::render(*level, inlines, &mut out);
                None
            }
            Block::CodeBlock(code) => {
                code_block::render(code, &mut out);
                None
            }
            Block::Table(table) => {
                table::render(table, &mut out);
                None
            }
            Block::Rule => {
                rule::render(&mut out);
                None
            }
            Block::Html(lines) => {
                html::render(lines, &mut out);
                None
            }
            Block::BlockQuote(_) => Some(quote::open(&mut out)),
            Block::Alert(kind, _) => Some(alert::open(*kind, &mut out)),
            Block::FootnoteDefinition(def) => Some(footnote::open(&def.label, &mut out)),
            Block::List(l) => {
                list_depth += 1;
                Some(list::open(l, list_depth))
            }
            Block::Item(item) => Some(list::open_item(item, parent_list.unwrap_or_default(), index, &mut out)),
            Block::Root(_) => None,
        };
        if let Some(opened) = opened {
            frames.push(Frame {
                id: child,
                next: 0,
                first_line: opened.first_line.unwrap_or(out.lines.len()),
                levels: opened.levels,
                gaps: opened.gaps,
                list: opened.list,
            });
        }
    }
    out.finish()
}

/// A container being walked.
#[derive(Debug, Default)]
struct Frame {
    id: BlockId,
    /// Index of the next child to lay out.
    next: usize,
    /// `out.lines.len()` when the container's own content began.
    first_line: usize,
    /// Prefix levels pushed for this container, popped when it closes.
    levels: usize,
    /// Whether its children are separated by blank lines.
    gaps: bool,
    /// For a list: what its items need to draw their markers.
    list: Option<list::ListInfo>,
}

/// What a container module reports when it opens.
pub(super) struct Opened {
    levels: usize,
    gaps: bool,
    list: Option<list::ListInfo>,
    /// Where the container's lines start, when it emitted some of its own
    /// on opening (an alert's title); otherwise the current line count.
    first_line: Option<usize>,
}

/// One level of line prefix: a quote bar, a list marker, …
#[derive(Debug)]
pub(super) struct Level {
    /// Shown on the first content line after the level opens (a marker).
    first: String,
    /// Shown on every later line (spaces under a marker, or the bar again).
    rest: String,
    width: usize,
    style: Style,
    pending: bool,
}

impl Level {
    /// The same text on every line, as a quote's `│ `.
    pub(super) fn bar(text: &str, style: Style) -> Self {
        Self { first: text.to_owned(), rest: text.to_owned(), width: width(text), style, pending: false }
    }

    /// A marker on the first line and a hanging indent of its width below.
    pub(super) fn marker(text: String, style: Style) -> Self {
        let width = width(&text);
        Self { first: text, rest: " ".repeat(width), width, style, pending: true }
    }
}

/// Which prefix levels a line shows when they do not all fit.
#[derive(Debug, Clone, Copy, Default)]
struct Plan {
    /// Number of levels shown from the outermost.
    outer: usize,
    /// Columns shown of the innermost level when `outer` stops short of it
    /// (0: not shown).
    inner: usize,
    /// Total prefix width.
    width: usize,
}

/// The lines being produced, with the prefix levels of the open containers.
pub(super) struct Out {
    width: usize,
    lines: Vec<Line>,
    heading_lines: Vec<usize>,
    levels: Vec<Level>,
    /// `cumulative[i]`: the width of `levels[..=i]`.
    cumulative: Vec<usize>,
    /// Indices of levels whose marker has not been shown yet.
    pending: Vec<usize>,
    plan: Option<Plan>,
    /// A blank line owed before the next line, and the nesting depth it
    /// belongs to (it shows the prefixes of that depth only).
    gap: Option<usize>,
}

impl Out {
    fn new(width: usize) -> Self {
        Self {
            width,
            lines: Vec::new(),
            heading_lines: Vec::new(),
            levels: Vec::new(),
            cumulative: Vec::new(),
            pending: Vec::new(),
            plan: None,
            gap: None,
        }
    }

    fn finish(self) -> Layout {
        Layout { width: self.width, lines: self.lines, heading_lines: self.heading_lines }
    }

    pub(super) fn push_level(&mut self, level: Level) {
        let total = self.cumulative.last().copied().unwrap_or(0) + level.width;
        if level.pending {
            self.pending.push(self.levels.len());
        }
        self.levels.push(level);
        self.cumulative.push(total);
        self.plan = None;
    }

    fn pop_level(&mut self) {
        if self.levels.pop().is_some() {
            self.cumulative.pop();
            if self.pending.last() == Some(&self.levels.len()) {
                self.pending.pop();
            }
            self.plan = None;
        }
    }

    /// Columns the prefixes may take: content keeps at least half the width.
    fn prefix_budget(&self) -> usize {
        self.width - (self.width / 2).max(1)
    }

    fn plan_for(&self, depth: usize) -> Plan {
        let budget = self.prefix_budget();
        let Some(total) = depth.checked_sub(1).and_then(|i| self.cumulative.get(i)).copied() else {
            return Plan::default();
        };
        if total <= budget {
            return Plan { outer: depth, inner: 0, width: total };
        }
        let inner_w = self.levels[depth - 1].width;
        if inner_w >= budget {
            return Plan { outer: 0, inner: budget, width: budget };
        }
        let room = budget - inner_w;
        let outer = self.cumulative[..depth - 1].partition_point(|&w| w <= room);
        let outer_w = outer.checked_sub(1).map_or(0, |i| self.cumulative[i]);
        Plan { outer, inner: inner_w, width: outer_w + inner_w }
    }

    fn plan(&mut self) -> Plan {
        if let Some(plan) = self.plan {
            return plan;
        }
        let plan = self.plan_for(self.levels.len());
        self.plan = Some(plan);
        plan
    }

    /// Columns left for content on lines at the current nesting (≥ 1).
    pub(super) fn content_width(&mut self) -> usize {
        self.width - self.plan().width
    }

    /// Asks for a blank line before the next line (several asks, one line).
    pub(super) fn gap(&mut self) {
        if !self.lines.is_empty() && self.gap.is_none() {
            self.gap = Some(self.levels.len());
        }
    }

    /// Emits one line of content (at most [`content_width`] wide) behind the
    /// prefixes; returns its index.
    pub(super) fn line(&mut self, content: Vec<Span>) -> usize {
        if let Some(depth) = self.gap.take() {
            let plan = self.plan_for(depth);
            let mut spans = self.prefix(plan, depth, false);
            trim_end(&mut spans);
            self.lines.push(Line { spans });
        }
        let depth = self.levels.len();
        let plan = self.plan();
        let mut spans = self.prefix(plan, depth, true);
        for i in self.pending.drain(..) {
            if let Some(level) = self.levels.get_mut(i) {
                level.pending = false;
            }
        }
        let room = self.width - plan.width;
        spans.extend(clamp(content, room));
        self.lines.push(Line { spans });
        self.lines.len() - 1
    }

    /// Records that the heading laid out next starts at line `index`.
    pub(super) fn mark_heading(&mut self, index: usize) {
        self.heading_lines.push(index);
    }

    /// The prefix spans of a line at `depth`; markers only on content lines.
    fn prefix(&self, plan: Plan, depth: usize, content: bool) -> Vec<Span> {
        let mut spans: Vec<Span> = Vec::new();
        let mut add = |text: &str, style: Style| match spans.last_mut() {
            Some(last) if last.style == style => last.text.push_str(text),
            _ => spans.push(Span { text: text.to_owned(), style }),
        };
        for level in &self.levels[..plan.outer.min(depth)] {
            add(pick(level, content), level.style);
        }
        if plan.inner > 0
            && let Some(level) = depth.checked_sub(1).and_then(|i| self.levels.get(i))
        {
            let text = pick(level, content);
            if level.width <= plan.inner {
                add(text, level.style);
            } else {
                add(&truncate(text, plan.inner), level.style);
            }
        }
        spans
    }
}

/// What a level shows: its marker on a content line while it is pending.
fn pick(level: &Level, content: bool) -> &str {
    if content && level.pending { &level.first } else { &level.rest }
}

/// The longest start of `text` at most `cols` wide, padded to exactly `cols`.
fn truncate(text: &str, cols: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = width(g);
        if used + w > cols {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.extend(std::iter::repeat_n(' ', cols - used));
    out
}

/// Drops trailing spaces (a blank line's hanging indents).
fn trim_end(spans: &mut Vec<Span>) {
    while let Some(last) = spans.last_mut() {
        let kept = last.text.trim_end_matches(' ').len();
        if kept == 0 {
            spans.pop();
        } else {
            last.text.truncate(kept);
            break;
        }
    }
}

/// The guarantee of the module, enforced: content is cut to `room` columns
/// in the odd case the wrapper's per-piece measure and the per-span measure
/// of [`Line::width`] disagree (some emoji sequences split across styles).
fn clamp(mut content: Vec<Span>, room: usize) -> Vec<Span> {
    let total: usize = content.iter().map(|s| width(&s.text)).sum();
    if total <= room {
        return content;
    }
    let mut used = 0;
    for i in 0..content.len() {
        let w = width(&content[i].text);
        if used + w <= room {
            used += w;
            continue;
        }
        let mut cut = String::new();
        let mut cut_w = 0;
        for g in content[i].text.graphemes(true) {
            let gw = width(g);
            if used + cut_w + gw > room {
                break;
            }
            cut.push_str(g);
            cut_w += gw;
        }
        // Joined graphemes can measure wider than their sum: re-measure.
        while used + width(&cut) > room && cut.pop().is_some() {}
        content[i].text = cut;
        content.truncate(i + 1);
        break;
    }
    content
}

#[cfg(test)]
mod tests {
    use crate::markdown::Document;

    #[test]
    fn deep_nesting_keeps_half_the_width_for_content() {
        let src = format!("{}deep text here", "> ".repeat(100));
        let layout = Document::parse(&src).layout(40);
        assert_eq!(layout.to_plain().trim_end(), format!("{}deep text here", "│ ".repeat(10)).trim_end());
    }

    #[test]
    fn innermost_marker_survives_collapse() {
        let mut src = String::new();
        for depth in 0..40 {
            src.push_str(&"  ".repeat(depth));
            src.push_str("- item\n");
        }
        let layout = Document::parse(&src).layout(30);
        let last = layout.lines.last().expect("lines").plain();
        assert!(last.trim_end().ends_with("• item") || last.trim_end().ends_with("◦ item") || last.contains("▪ item"));
        assert!(layout.lines.iter().all(|l| l.width() <= 30));
    }

    #[test]
    fn width_one_still_shows_content() {
        let layout = Document::parse("> - a\n").layout(1);
        assert_eq!(layout.to_plain(), "a\n");
    }

    #[test]
    fn width_zero_is_width_one() {
        let layout = Document::parse("abc").layout(0);
        assert!(layout.lines.iter().all(|l| l.width() <= 1));
    }

    #[test]
    fn blank_lines_separate_blocks_but_not_tight_items() {
        let out = Document::parse("Para.\n\n- a\n- b\n\nEnd.").layout(80).to_plain();
        assert_eq!(out, "Para.\n\n• a\n• b\n\nEnd.\n");
    }

    #[test]
    fn clamp_cuts_content() {
        let spans = vec![crate::markdown::Span { text: "abcdef".into(), style: crate::markdown::Style::default() }];
        let cut = super::clamp(spans, 3);
        assert_eq!(cut[0].text, "abc");
    }
}
