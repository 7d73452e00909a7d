//! The typed block model a document is parsed into (no ratatui types).
//!
//! Blocks live in one flat arena and containers refer to their children by
//! index. A tree of boxes would be simpler to write, but dropping, cloning or
//! printing a 25,000-deep quote through derived impls recurses once per
//! level and overflows the stack; a flat `Vec` never does.

use super::{AlertKind, Rgb, Style};

/// Index of a block in [`Blocks::arena`].
pub(crate) type BlockId = usize;

/// The root container is always the first block of the arena.
pub(crate) const ROOT: BlockId = 0;

/// Every block of a document; `arena[ROOT]` is the root container.
#[derive(Debug, Clone, Default)]
pub(crate) struct Blocks {
    pub arena: Vec<Block>,
}

impl Blocks {
    /// The children of a container (empty for leaves and unknown ids).
    pub fn children(&self, id: BlockId) -> &[BlockId] {
        self.arena.get(id).and_then(Block::children).map_or(&[], Vec::as_slice)
    }
}

/// The child list of a container block, or `None` for a leaf. One match
/// serves `&` and `&mut`: the patterns bind by the reference they are given.
macro_rules! children_of {
    ($block:expr) => {
        match $block {
            Block::Root(children)
            | Block::BlockQuote(children)
            | Block::Alert(_, children)
            | Block::Item(Item { children, .. })
            | Block::FootnoteDefinition(FootnoteDefinition { children, .. })
            | Block::List(List { items: children, .. }) => Some(children),
            _ => None,
        }
    };
}

impl Block {
    /// The children of a container; `None` for a leaf.
    pub fn children(&self) -> Option<&Vec<BlockId>> {
        children_of!(self)
    }

    /// The children of a container, to add to while parsing.
    pub fn children_mut(&mut self) -> Option<&mut Vec<BlockId>> {
        children_of!(self)
    }
}

// `Block::BlockQuote` is the construct's name in every markdown spec.
#[allow(clippy::enum_variant_names)]
#[derive(Debug, Clone)]
pub(crate) enum Block {
    /// The document itself: its top-level blocks, then footnote definitions.
    Root(Vec<BlockId>),
    Paragraph(Vec<Inline>),
    Heading(u8, Vec<Inline>),
    CodeBlock(CodeBlock),
    List(List),
    /// One item of a [`List`]; only ever a child of one.
    Item(Item),
    BlockQuote(Vec<BlockId>),
    Alert(AlertKind, Vec<BlockId>),
    Table(Table),
    Rule,
    /// Raw HTML, one entry per source line, already sanitised.
    Html(Vec<String>),
    FootnoteDefinition(FootnoteDefinition),
}

/// A run of inline content after styling: emphasis, links, code and the
/// rest are flattened into styled text while parsing, so inline nesting
/// never needs recursion either.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Inline {
    /// Sanitised text (never empty, never containing control characters).
    Text(String, Style),
    /// A source line break inside a paragraph: a space when wrapping.
    SoftBreak,
    /// A forced line break.
    HardBreak,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct CodeBlock {
    /// The first word of the info string, sanitised (`None` when absent).
    pub language: Option<String>,
    /// Tab-expanded, sanitised, highlighted lines.
    pub lines: Vec<CodeLine>,
}

/// One source line of a code block as coloured segments.
pub(crate) type CodeLine = Vec<CodeSegment>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CodeSegment {
    pub text: String,
    pub fg: Option<Rgb>,
}

#[derive(Debug, Clone)]
pub(crate) struct List {
    /// The number of the first item for ordered lists.
    pub start: Option<u64>,
    /// Tight lists have no blank lines between items or their blocks.
    pub tight: bool,
    pub items: Vec<BlockId>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Item {
    /// `Some(done)` for a task-list item.
    pub task: Option<bool>,
    pub children: Vec<BlockId>,
}

#[derive(Debug, Clone)]
pub(crate) struct FootnoteDefinition {
    pub label: String,
    pub children: Vec<BlockId>,
}

/// Column alignment of a table (GFM `:--`, `:-:`, `--:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Align {
    #[default]
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    pub alignments: Vec<Align>,
    pub header: Vec<Vec<Inline>>,
    /// Every row has exactly `header.len()` cells (GFM pads and truncates).
    pub rows: Vec<Vec<Vec<Inline>>>,
}
