//! Exporters: a native pack → another format (`export-pack`).
//!
//! - [`anki`]: Anki's plain-text notes with headers; every question is a
//!   Basic note whose guid is its progress key, so a re-import updates the
//!   notes instead of duplicating them.
//! - [`gift`]: Moodle's GIFT, one `$CATEGORY` per topic.
//!
//! Questions a format cannot hold are left out and reported, as are the
//! parts of a question it drops.

pub mod anki;
pub mod gift;

use std::fmt;

use super::model::Pack;

/// A format `export-pack` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Anki,
    Gift,
}

impl Target {
    pub fn name(self) -> &'static str {
        match self {
            Target::Anki => "anki",
            Target::Gift => "gift",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Target::Anki => "Anki",
            Target::Gift => "GIFT",
        }
    }
}

/// Something about one question of the pack: left out, or exported with a
/// loss.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportNote {
    /// The question id (empty for a note about the whole pack).
    pub question: String,
    pub skipped: bool,
    pub message: String,
}

impl fmt::Display for ExportNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = if self.skipped { "not exported" } else { "note" };
        let message = crate::text::sanitize(&self.message);
        if self.question.is_empty() {
            write!(f, "{what}: {message}")
        } else {
            write!(f, "question `{}`: {what}: {message}", self.question)
        }
    }
}

/// The exported text, how many questions it holds, and the notes.
#[derive(Debug, Clone, Default)]
pub struct Exported {
    pub text: String,
    pub exported: usize,
    pub notes: Vec<ExportNote>,
}

/// Export `pack` as `target`.
pub fn export(pack: &Pack, target: Target) -> Exported {
    match target {
        Target::Anki => anki::export(pack),
        Target::Gift => gift::export(pack),
    }
}
