//! [`Document`]: a parsed markdown text, ready to be laid out at any width.

use super::inline::plain_text;
use super::model::{Block, Blocks, ROOT};
use super::{Heading, Layout};

/// A parsed markdown document: typed blocks with code already highlighted.
/// Parse once per text; [`layout`](Self::layout) once per width.
#[derive(Debug, Clone, Default)]
pub struct Document {
    blocks: Blocks,
    headings: Vec<Heading>,
}

impl Document {
    /// Parses CommonMark with GFM tables, task lists, strikethrough,
    /// footnotes and alerts. Never fails: any text is some document.
    pub fn parse(src: &str) -> Self {
        Self::parse_with(src, true)
    }

    /// Like [`parse`](Self::parse) but leaves code blocks uncoloured: the
    /// same text and layout, without syntect's cost (milliseconds per
    /// lesson, tens of them for a grammar's first use). Shown while the
    /// coloured document is prepared in the background.
    pub fn parse_plain(src: &str) -> Self {
        Self::parse_with(src, false)
    }

    fn parse_with(src: &str, highlight: bool) -> Self {
        let blocks = super::parse::parse(src, highlight);
        let headings = collect_headings(&blocks);
        Self { blocks, headings }
    }

    /// Whether parsing this text would colour any code (a fenced block with
    /// a language): if not, [`parse`](Self::parse) is as cheap as
    /// [`parse_plain`](Self::parse_plain).
    pub fn has_code(src: &str) -> bool {
        src.contains("```") || src.contains("~~~")
    }

    /// Every heading, in the order the layout shows them.
    pub fn headings(&self) -> &[Heading] {
        &self.headings
    }

    /// Lays the document out for `width` columns (0 is treated as 1).
    /// `heading_lines[i]` is the first line of `headings()[i]`.
    pub fn layout(&self, width: usize) -> Layout {
        super::layout::layout(&self.blocks, width)
    }
}

/// Headings in layout order: a depth-first walk with an explicit stack,
/// children in order (footnote definitions already sit at the end).
fn collect_headings(blocks: &Blocks) -> Vec<Heading> {
    let mut headings = Vec::new();
    if blocks.arena.is_empty() {
        return headings;
    }
    let mut stack = vec![(ROOT, 0usize)];
    while let Some((id, next)) = stack.last_mut() {
        let children = blocks.children(*id);
        let Some(&child) = children.get(*next) else {
            stack.pop();
            continue;
        };
        *next += 1;
        match blocks.arena.get(child) {
            Some(Block::Heading(level, inlines)) => {
                let text = plain_text(inlines).split_whitespace().collect::<Vec<_>>().join(" ");
                headings.push(Heading { level: *level, text });
            }
            Some(_) if !blocks.children(child).is_empty() => stack.push((child, 0)),
            _ => {}
        }
    }
    headings
}
