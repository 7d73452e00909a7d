//! Text for the quiz screens: markdown parsed once and laid out per width,
//! and plain strings (choices, items) wrapped with a hanging indent.

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

/// `text` sanitised and wrapped to `width` columns at spaces (words longer
/// than a line are cut), as lines without trailing spaces.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let text = crate::text::sanitize(text);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split_whitespace() {
        let w = crate::text::width(word);
        if used > 0 && used + 1 + w > width {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if w > width {
            // Cut a long word (a URL, an ARN) into line-sized pieces.
            for c in word.chars() {
                let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                if used + cw > width && used > 0 {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
            continue;
        }
        if used > 0 {
            line.push(' ');
            used += 1;
        }
        line.push_str(word);
        used += w;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_cuts_long_words() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), [""]);
        assert_eq!(wrap("a\u{1b}[2Jb", 10), ["a\u{fffd}[2Jb"]);
        assert!(wrap("日本語の文", 4).iter().all(|l| crate::text::width(l) <= 4));
    }
}
