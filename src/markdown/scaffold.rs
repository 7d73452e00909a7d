//! TEMPORARY: a line-per-source-line stand-in so the other layers can be
//! built while the real renderer is written. Replaced by the block model.

use super::{Heading, Layout, Line, Span, Style};

#[derive(Debug, Clone, Default)]
pub struct Document {
    source: String,
    headings: Vec<Heading>,
}

impl Document {
    pub fn parse(src: &str) -> Self {
        let headings = src
            .lines()
            .filter(|l| l.starts_with('#'))
            .map(|l| Heading { level: 1, text: l.trim_start_matches('#').trim().to_owned() })
            .collect();
        Self { source: src.to_owned(), headings }
    }

    pub fn headings(&self) -> &[Heading] {
        &self.headings
    }

    pub fn layout(&self, width: usize) -> Layout {
        let mut lines = Vec::new();
        let mut heading_lines = Vec::new();
        for l in self.source.lines() {
            if l.starts_with('#') {
                heading_lines.push(lines.len());
            }
            let clean: String = crate::text::sanitize(l).chars().take(width).collect();
            lines.push(Line { spans: vec![Span { text: clean, style: Style::default() }] });
        }
        Layout { width, lines, heading_lines }
    }
}
