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
        let blocks = super::parse::parse(src);
        let headings = collect_headings(&blocks);
        Self { blocks, headings }
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
