//! Small text helpers shared by every layer: display width and sanitising.
//!
//! Nothing read from a file may reach the terminal with control characters
//! or escape sequences in it (a pack must not be able to clear the screen,
//! set the title or write the clipboard through OSC 52), so every string
//! shown to the user passes through [`sanitize`] first.

use std::borrow::Cow;

use unicode_width::UnicodeWidthStr;

/// Display width of `s` in terminal columns (wide CJK and emoji count 2).
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Replace every control character (C0, DEL, C1) with a visible stand-in.
///
/// Tabs become a single space (callers that care about tab stops expand them
/// before calling); newlines are kept only when `keep_newlines` is set.
pub fn sanitize_with(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    let needs_work = s.chars().any(|c| is_unsafe(c) && !(keep_newlines && c == '\n'));
    if !needs_work {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' if keep_newlines => out.push('\n'),
            '\t' | '\n' | '\r' => out.push(' '),
            c if is_unsafe(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// [`sanitize_with`] for single-line text: newlines become spaces.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    sanitize_with(s, false)
}

/// Control characters that could move the cursor or start an escape
/// sequence, plus the bidi overrides that can make text lie about itself.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_neutralised() {
        let hostile = "a\u{1b}]52;c;aGk=\u{7}b\u{1b}[2Jc\u{9b}d";
        let clean = sanitize(hostile);
        assert!(!clean.chars().any(char::is_control), "{clean:?}");
        assert!(clean.starts_with('a') && clean.ends_with('d'));
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(sanitize("hello, 世界"), Cow::Borrowed(_)));
    }

    #[test]
    fn wide_characters_are_measured() {
        assert_eq!(width("世界"), 4);
        assert_eq!(width("abc"), 3);
    }
}
