//! Markdown for the quiz screens, parsed once and laid out per width.

use crate::markdown::{Document, Layout};

/// A piece of markdown (prompt, hint, explanation, feedback), parsed once
/// when it is first shown; laid out again only when the width changes.
#[derive(Debug)]
pub struct Md {
    document: Document,
    layout: Layout,
}

impl Md {
    pub fn new(source: &str) -> Self {
        Self { document: Document::parse(source), layout: Layout::default() }
    }

    /// Lay out for `width` (cached).
    pub fn prepare(&mut self, width: usize) {
        if self.layout.width != width || (self.layout.lines.is_empty() && width > 0) {
            self.layout = self.document.layout(width.max(1));
        }
    }

    pub fn lines(&self) -> &[crate::markdown::Line] {
        &self.layout.lines
    }
}
