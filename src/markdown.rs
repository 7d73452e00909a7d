//! Markdown in two stages: pulldown-cmark events → typed blocks
//! ([`Document::parse`], once per lesson, code highlighted here) → styled
//! lines laid out for a width ([`Document::layout`], cached by callers per
//! width). No ratatui types: the TUI maps [`Style`] through its theme, and
//! `read` prints [`Layout::to_plain`].
//!
//! Guarantees every caller relies on:
//! - no laid-out line is wider than the width asked for (measured with
//!   `unicode-width`, wide characters count 2), for any width ≥ 1;
//! - no control character or escape sequence from the source survives;
//! - nesting depth never blows the stack (the layout is iterative).
//!
//! How constructs look (one module each under `markdown/layout/`, inline
//! ones in `markdown/inline.rs`): headings 1 and 2 underlined with `═`/`─`;
//! lists with `•`/`◦`/`▪` or right-aligned numbers and hanging indents; task
//! items as `[x]`/`[ ]`; quotes with a `│ ` bar; alerts with a bar and a
//! title line (`Note`, `Tip`, …); code in a frame open on the right with
//! the language in its top edge, long lines hard-broken (`┆` marks the
//! continuation); tables boxed and fitted to the width, or stacked as
//! `Header: value` lines when a column would get less than its longest
//! word (up to 12 columns); links as `text (target)`; images as
//! `[image: alt]`; footnotes as `[label]`, defined after a rule at the end;
//! raw HTML as text, except comments (hidden) and `<br>` (a line break).
//! Deep nesting keeps at least half the width for content.
//!
//! Highlighting loads syntect's grammars on the first code block (tens of
//! milliseconds); [`warm_up`] does it ahead of time, e.g. on a background
//! thread at start-up.

/// A 24-bit colour from syntax highlighting (ignored by monochrome themes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// Alert kinds: `> [!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`, `[!CAUTION]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AlertKind {
    Note,
    Tip,
    Important,
    Warning,
    Caution,
}

/// What a span of text is, semantically. The theme decides how it looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Role {
    #[default]
    Text,
    /// Heading text, level 1–6.
    Heading(u8),
    /// Inline `code`.
    InlineCode,
    /// Text inside a fenced or indented code block (see `fg` for colour).
    CodeBlock,
    /// The language label / frame of a code block.
    CodeFrame,
    /// Link text.
    Link,
    /// A link's target, shown after its text.
    LinkTarget,
    /// Image alt text (images are shown as their alt text).
    Image,
    /// The `│ ` bar of a block quote.
    QuoteBar,
    /// The bar, title and icon of an alert.
    Alert(AlertKind),
    /// A list bullet or number.
    ListMarker,
    /// `[x]` / `[ ]` of a task list item.
    TaskDone,
    TaskTodo,
    /// Table borders.
    TableBorder,
    /// Text in a table's header row.
    TableHeader,
    /// A thematic break.
    Rule,
    /// Footnote references and definitions labels.
    Footnote,
    /// Raw HTML shown as text.
    Html,
}

/// The look of a span: a role plus inline modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Style {
    pub role: Role,
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
    /// Foreground from syntax highlighting, for code blocks only.
    pub fg: Option<Rgb>,
}

impl Style {
    pub fn role(role: Role) -> Self {
        Self { role, ..Self::default() }
    }
}

/// A run of text with one style. Never contains control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub style: Style,
}

/// One laid-out line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Line {
    pub spans: Vec<Span>,
}

impl Line {
    /// Display width in columns.
    pub fn width(&self) -> usize {
        self.spans.iter().map(|s| crate::text::width(&s.text)).sum()
    }

    /// The text without styles.
    pub fn plain(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}

/// A heading of the document, for a table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
}

/// A document laid out for one width.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Layout {
    pub width: usize,
    pub lines: Vec<Line>,
    /// For each entry of [`Document::headings`], the index of its first line.
    pub heading_lines: Vec<usize>,
}

impl Layout {
    /// Plain text, one laid-out line per output line, trailing spaces trimmed.
    pub fn to_plain(&self) -> String {
        let mut out = String::new();
        for line in &self.lines {
            out.push_str(line.plain().trim_end());
            out.push('\n');
        }
        out
    }
}

mod document;
mod highlight;
mod inline;
mod layout;
mod model;
mod parse;
mod title;
mod wrap;

pub use document::Document;
pub use highlight::warm_up;
pub use title::one_line_title;
