//! pulldown-cmark events → the block arena of [`model`](super::model).
//!
//! One pass over the events with an explicit stack of open containers, so
//! the depth of the input never becomes depth of the Rust stack.

use pulldown_cmark::{Alignment, BlockQuoteKind, CodeBlockKind, Event, HeadingLevel, Options, Tag, TagEnd};

use super::AlertKind;
use super::highlight::highlight;
use super::inline::InlineBuilder;
use super::model::{Align, Block, BlockId, Blocks, CodeBlock, FootnoteDefinition, Inline, Item, List, ROOT, Table};
use crate::text::sanitize;

/// CommonMark plus the GFM extensions lessons use. Smart punctuation stays
/// off: authors' quotes and dashes are shown as written.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
}

/// The leaf block whose content is being collected.
enum Leaf {
    Paragraph(InlineBuilder),
    Heading(u8, InlineBuilder),
    Code { language: Option<String>, text: String },
    Html(String),
    Table(TableBuilder),
}

#[derive(Default)]
struct TableBuilder {
    table: Table,
    row: Vec<Vec<Inline>>,
    cell: Option<InlineBuilder>,
}

impl TableBuilder {
    fn end_cell(&mut self) {
        if let Some(cell) = self.cell.take() {
            self.row.push(cell.finish());
        }
    }

    fn end_header(&mut self) {
        self.end_cell();
        self.table.header = std::mem::take(&mut self.row);
    }

    fn end_row(&mut self) {
        self.end_cell();
        let mut row = std::mem::take(&mut self.row);
        row.resize_with(self.table.header.len(), Vec::new);
        self.table.rows.push(row);
    }
}

struct Parser {
    arena: Vec<Block>,
    /// Open containers, innermost last; `ROOT` stays at the bottom.
    open: Vec<BlockId>,
    leaf: Option<Leaf>,
    footnotes: Vec<BlockId>,
    /// Colour code blocks (syntect) or leave them plain.
    highlight: bool,
}

/// Parses markdown into blocks. Never panics, whatever the input.
pub(crate) fn parse(src: &str, highlight: bool) -> Blocks {
    let mut p =
        Parser { arena: vec![Block::Root(Vec::new())], open: vec![ROOT], leaf: None, footnotes: Vec::new(), highlight };
    for event in pulldown_cmark::Parser::new_ext(src, options()) {
        p.event(event);
    }
    p.finish_leaf();
    // Footnote definitions are gathered at the end, as GitHub shows them.
    if !p.footnotes.is_empty() {
        let rule = p.add(Block::Rule);
        let footnotes = std::mem::take(&mut p.footnotes);
        if let Some(Block::Root(children)) = p.arena.get_mut(ROOT) {
            children.push(rule);
            children.extend(footnotes);
        }
    }
    Blocks { arena: p.arena }
}

impl Parser {
    fn add(&mut self, block: Block) -> BlockId {
        self.arena.push(block);
        self.arena.len() - 1
    }

    /// Appends a finished block to the innermost open container.
    fn attach(&mut self, block: Block) {
        let id = self.add(block);
        self.attach_id(id);
    }

    fn attach_id(&mut self, id: BlockId) {
        let parent = self.open.last().copied().unwrap_or(ROOT);
        if let Some(children) = self.arena.get_mut(parent).and_then(Block::children_mut) {
            children.push(id);
        }
    }

    fn open_container(&mut self, block: Block) {
        let id = self.add(block);
        if matches!(self.arena[id], Block::FootnoteDefinition(_)) {
            self.footnotes.push(id);
        } else {
            self.attach_id(id);
        }
        self.open.push(id);
    }

    fn close_container(&mut self) {
        self.finish_leaf();
        if self.open.len() > 1 {
            self.open.pop();
        }
    }

    fn top(&mut self) -> Option<&mut Block> {
        let id = *self.open.last()?;
        self.arena.get_mut(id)
    }

    /// Where inline events go: the open paragraph, heading or table cell;
    /// tight list items have no paragraph events, so one is opened for them.
    fn inline(&mut self) -> Option<&mut InlineBuilder> {
        if self.leaf.is_none() {
            self.leaf = Some(Leaf::Paragraph(InlineBuilder::default()));
        }
        match self.leaf.as_mut()? {
            Leaf::Paragraph(b) | Leaf::Heading(_, b) => Some(b),
            Leaf::Table(t) => t.cell.as_mut(),
            Leaf::Code { .. } | Leaf::Html(_) => None,
        }
    }

    fn finish_leaf(&mut self) {
        let Some(leaf) = self.leaf.take() else { return };
        let block = match leaf {
            Leaf::Paragraph(b) => {
                let runs = b.finish();
                if runs.is_empty() {
                    return;
                }
                Block::Paragraph(runs)
            }
            Leaf::Heading(level, b) => Block::Heading(level, b.finish()),
            Leaf::Code { language, text } => {
                let lines = highlight(language.as_deref().filter(|_| self.highlight), &text);
                Block::CodeBlock(CodeBlock { language, lines })
            }
            Leaf::Html(text) => {
                if is_only_comments(&text) {
                    return;
                }
                let text = text.strip_suffix('\n').unwrap_or(&text);
                Block::Html(text.split('\n').map(|l| sanitize(l).into_owned()).collect())
            }
            Leaf::Table(mut t) => {
                t.end_cell();
                Block::Table(t.table)
            }
        };
        self.attach(block);
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => match self.leaf.as_mut() {
                Some(Leaf::Code { text: code, .. }) => code.push_str(&text),
                Some(Leaf::Html(html)) => html.push_str(&text),
                _ => {
                    if let Some(b) = self.inline() {
                        b.text(&text);
                    }
                }
            },
            Event::Code(code) => {
                if let Some(b) = self.inline() {
                    b.code(&code);
                }
            }
            Event::InlineMath(math) | Event::DisplayMath(math) => {
                if let Some(b) = self.inline() {
                    b.code(&math);
                }
            }
            Event::Html(html) => match self.leaf.as_mut() {
                Some(Leaf::Html(block)) => block.push_str(&html),
                _ => {
                    if let Some(b) = self.inline() {
                        b.html(&html);
                    }
                }
            },
            Event::InlineHtml(html) => {
                if let Some(b) = self.inline() {
                    b.html(&html);
                }
            }
            Event::FootnoteReference(label) => {
                if let Some(b) = self.inline() {
                    b.footnote_reference(&label);
                }
            }
            Event::SoftBreak => {
                if let Some(b) = self.inline() {
                    b.soft_break();
                }
            }
            Event::HardBreak => {
                if let Some(b) = self.inline() {
                    b.hard_break();
                }
            }
            Event::Rule => {
                self.finish_leaf();
                self.attach(Block::Rule);
            }
            Event::TaskListMarker(done) => {
                if let Some(Block::Item(item)) = self.top() {
                    item.task = Some(done);
                }
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                self.finish_leaf();
                self.mark_loose();
                self.leaf = Some(Leaf::Paragraph(InlineBuilder::default()));
            }
            Tag::Heading { level, .. } => {
                self.finish_leaf();
                self.leaf = Some(Leaf::Heading(heading_level(level), InlineBuilder::default()));
            }
            Tag::CodeBlock(kind) => {
                self.finish_leaf();
                let language = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
                        .next()
                        .filter(|l| !l.is_empty())
                        .map(|l| sanitize(l).into_owned()),
                    CodeBlockKind::Indented => None,
                };
                self.leaf = Some(Leaf::Code { language, text: String::new() });
            }
            Tag::HtmlBlock => {
                self.finish_leaf();
                self.leaf = Some(Leaf::Html(String::new()));
            }
            Tag::BlockQuote(kind) => {
                self.finish_leaf();
                self.open_container(match kind {
                    None => Block::BlockQuote(Vec::new()),
                    Some(kind) => Block::Alert(alert_kind(kind), Vec::new()),
                });
            }
            Tag::List(start) => {
                self.finish_leaf();
                self.open_container(Block::List(List { start, tight: true, items: Vec::new() }));
            }
            Tag::Item => {
                self.finish_leaf();
                self.open_container(Block::Item(Item::default()));
            }
            Tag::FootnoteDefinition(label) => {
                self.finish_leaf();
                let label = sanitize(&label).into_owned();
                self.open_container(Block::FootnoteDefinition(FootnoteDefinition { label, children: Vec::new() }));
            }
            Tag::Table(alignments) => {
                self.finish_leaf();
                let alignments = alignments.into_iter().map(align).collect();
                let table = Table { alignments, ..Table::default() };
                self.leaf = Some(Leaf::Table(TableBuilder { table, ..TableBuilder::default() }));
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(Leaf::Table(t)) = self.leaf.as_mut() {
                    t.end_cell();
                    t.row.clear();
                }
            }
            Tag::TableCell => {
                if let Some(Leaf::Table(t)) = self.leaf.as_mut() {
                    t.end_cell();
                    t.cell = Some(InlineBuilder::default());
                }
            }
            Tag::Emphasis => self.with_inline(InlineBuilder::start_emphasis),
            Tag::Strong => self.with_inline(InlineBuilder::start_strong),
            Tag::Strikethrough => self.with_inline(InlineBuilder::start_strike),
            Tag::Link { link_type, dest_url, .. } => {
                if let Some(b) = self.inline() {
                    b.start_link(link_type, &dest_url);
                }
            }
            Tag::Image { .. } => self.with_inline(InlineBuilder::start_image),
            // Not enabled in `options`; their content still shows as text.
            Tag::Superscript
            | Tag::Subscript
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::Table => {
                self.finish_leaf();
            }
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::FootnoteDefinition => {
                self.close_container();
            }
            TagEnd::TableHead => {
                if let Some(Leaf::Table(t)) = self.leaf.as_mut() {
                    t.end_header();
                }
            }
            TagEnd::TableRow => {
                if let Some(Leaf::Table(t)) = self.leaf.as_mut() {
                    t.end_row();
                }
            }
            TagEnd::TableCell => {
                if let Some(Leaf::Table(t)) = self.leaf.as_mut() {
                    t.end_cell();
                }
            }
            TagEnd::Emphasis => self.with_inline(InlineBuilder::end_emphasis),
            TagEnd::Strong => self.with_inline(InlineBuilder::end_strong),
            TagEnd::Strikethrough => self.with_inline(InlineBuilder::end_strike),
            TagEnd::Link => self.with_inline(InlineBuilder::end_link),
            TagEnd::Image => self.with_inline(InlineBuilder::end_image),
            TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::MetadataBlock(_) => {}
        }
    }

    fn with_inline(&mut self, f: impl FnOnce(&mut InlineBuilder)) {
        if let Some(b) = self.inline() {
            f(b);
        }
    }

    /// pulldown-cmark wraps item text in paragraphs only in loose lists, so
    /// a paragraph directly inside an item makes its list loose.
    fn mark_loose(&mut self) {
        let n = self.open.len();
        if n < 2 || !matches!(self.arena.get(self.open[n - 1]), Some(Block::Item(_))) {
            return;
        }
        if let Some(Block::List(list)) = self.arena.get_mut(self.open[n - 2]) {
            list.tight = false;
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn alert_kind(kind: BlockQuoteKind) -> AlertKind {
    match kind {
        BlockQuoteKind::Note => AlertKind::Note,
        BlockQuoteKind::Tip => AlertKind::Tip,
        BlockQuoteKind::Important => AlertKind::Important,
        BlockQuoteKind::Warning => AlertKind::Warning,
        BlockQuoteKind::Caution => AlertKind::Caution,
    }
}

fn align(a: Alignment) -> Align {
    match a {
        Alignment::None | Alignment::Left => Align::Left,
        Alignment::Center => Align::Center,
        Alignment::Right => Align::Right,
    }
}

/// An HTML block made only of comments is an author's note: hidden, as a
/// browser would.
fn is_only_comments(html: &str) -> bool {
    let mut rest = html.trim();
    if rest.is_empty() {
        return true;
    }
    while let Some(after) = rest.strip_prefix("<!--") {
        let Some(end) = after.find("-->") else { return false };
        rest = after[end + 3..].trim_start();
        if rest.is_empty() {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root_children(blocks: &Blocks) -> Vec<&Block> {
        blocks.children(ROOT).iter().map(|&id| &blocks.arena[id]).collect()
    }

    #[test]
    fn tight_and_loose_lists() {
        let tight = parse("- a\n- b\n", true);
        let loose = parse("- a\n\n- b\n", true);
        assert!(matches!(root_children(&tight)[0], Block::List(List { tight: true, .. })));
        assert!(matches!(root_children(&loose)[0], Block::List(List { tight: false, .. })));
    }

    #[test]
    fn task_items_are_marked() {
        let blocks = parse("- [x] done\n- [ ] todo\n- plain\n", true);
        let list = blocks.children(ROOT)[0];
        let tasks: Vec<Option<bool>> = blocks
            .children(list)
            .iter()
            .map(|&i| match &blocks.arena[i] {
                Block::Item(item) => item.task,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(tasks, [Some(true), Some(false), None]);
    }

    #[test]
    fn footnotes_move_to_the_end() {
        let blocks = parse("[^1]: First.\n\nText[^1].\n", true);
        let kinds: Vec<&str> = root_children(&blocks)
            .iter()
            .map(|b| match b {
                Block::Paragraph(_) => "p",
                Block::Rule => "rule",
                Block::FootnoteDefinition(_) => "def",
                _ => "other",
            })
            .collect();
        assert_eq!(kinds, ["p", "rule", "def"]);
    }

    #[test]
    fn table_rows_are_padded_to_the_header() {
        let blocks = parse("| a | b |\n|---|--:|\n| 1 |\n| 1 | 2 | 3 |\n", true);
        let Block::Table(table) = root_children(&blocks)[0] else { panic!("not a table") };
        assert_eq!(table.header.len(), 2);
        assert_eq!(table.alignments, [Align::Left, Align::Right]);
        assert!(table.rows.iter().all(|r| r.len() == 2));
    }

    #[test]
    fn comments_only_html_is_hidden() {
        assert!(is_only_comments("<!-- a -->\n<!-- b -->\n"));
        assert!(!is_only_comments("<!-- a --> <div>"));
        assert!(!is_only_comments("<!-- unterminated"));
    }

    #[test]
    fn alerts_are_typed() {
        let blocks = parse("> [!WARNING]\n> Careful.\n", true);
        assert!(matches!(root_children(&blocks)[0], Block::Alert(AlertKind::Warning, _)));
    }
}
