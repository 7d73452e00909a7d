//! Diagnostics with places: `path:line:column: error: message`.

use std::fmt;

/// How bad a diagnostic is. Errors make `check` exit 1; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One problem found in a content file. Lines and columns are 1-based;
/// columns count characters, as editors do.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn error(path: impl Into<String>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Self { path: path.into(), line, column, severity: Severity::Error, message: message.into() }
    }

    pub fn warning(path: impl Into<String>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Self { path: path.into(), line, column, severity: Severity::Warning, message: message.into() }
    }

    /// A diagnostic at a byte offset of `src`.
    pub fn at_offset(path: &str, src: &str, offset: usize, severity: Severity, message: impl Into<String>) -> Self {
        let (line, column) = LineIndex::new(src).position(offset);
        Self { path: path.to_owned(), line, column, severity, message: message.into() }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `bytes` as text, or the diagnostic for a file that is not UTF-8:
    /// placed at its first bad byte, which it names. Every reader of a
    /// content file uses this, so the message is the same everywhere.
    pub fn from_utf8<'b>(path: &str, bytes: &'b [u8]) -> Result<&'b str, Self> {
        std::str::from_utf8(bytes).map_err(|e| {
            let good = e.valid_up_to();
            // The prefix is valid UTF-8 by construction, so lossy changes nothing.
            let prefix = String::from_utf8_lossy(&bytes[..good]);
            let (line, column) = LineIndex::new(&prefix).position(prefix.len());
            let byte = bytes.get(good).copied().unwrap_or_default();
            Self::error(path, line, column, format!("file is not valid UTF-8 (byte 0x{byte:02X})"))
        })
    }
}

/// toml's message without its own rendering of the source snippet: we
/// give the place ourselves.
pub fn toml_message(e: &toml::de::Error) -> String {
    e.message().trim().replace('\n', " ")
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The message may quote file content, and a file name may hold
        // anything but `/` and NUL: keep both on one safe line.
        let message = crate::text::sanitize(&self.message);
        let path = crate::text::sanitize(&self.path);
        write!(f, "{path}:{}:{}: {}: {message}", self.line, self.column, self.severity)
    }
}

/// Maps byte offsets of a source text to 1-based line and column numbers.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    src: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(src: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        Self { src, line_starts }
    }

    /// The (line, column) of a byte offset; offsets past the end clamp to it
    /// and offsets inside a UTF-8 sequence round down to its start.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.src.len());
        while !self.src.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let column = self.src[self.line_starts[line]..offset].chars().count() + 1;
        (line + 1, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let src = "ab\nçd\n\nx";
        let index = LineIndex::new(src);
        assert_eq!(index.position(0), (1, 1));
        assert_eq!(index.position(1), (1, 2));
        assert_eq!(index.position(3), (2, 1));
        assert_eq!(index.position(5), (2, 2), "ç is two bytes but one column");
        assert_eq!(index.position(7), (3, 1));
        assert_eq!(index.position(8), (4, 1));
        assert_eq!(index.position(999), (4, 2));
    }

    #[test]
    fn invalid_utf8_is_placed_at_its_first_bad_byte() {
        assert_eq!(Diagnostic::from_utf8("a.md", b"ok\n"), Ok("ok\n"));
        let d = Diagnostic::from_utf8("a.md", b"ab\n\xc3\xa7d\xff\n").expect_err("bad byte");
        assert_eq!(d.to_string(), "a.md:2:3: error: file is not valid UTF-8 (byte 0xFF)");
        let d = Diagnostic::from_utf8("a.md", b"\xe2\x82").expect_err("truncated sequence");
        assert_eq!((d.line, d.column), (1, 1), "{d}");
    }

    #[test]
    fn display_is_the_compiler_format() {
        let d = Diagnostic::error("quizzes/a.toml", 3, 7, "unknown key `anwser`");
        assert_eq!(d.to_string(), "quizzes/a.toml:3:7: error: unknown key `anwser`");
    }

    #[test]
    fn display_neutralises_escape_sequences_in_the_path_too() {
        let d = Diagnostic::error("a\u{1b}]0;x\u{7}.toml", 1, 1, "m\u{9b}2J");
        let shown = d.to_string();
        assert!(!shown.chars().any(char::is_control), "{shown:?}");
        assert!(shown.starts_with("a\u{fffd}]0;x\u{fffd}.toml:1:1: error: m"), "{shown:?}");
    }
}
