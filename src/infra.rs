//! Infrastructure every reader of content uses: diagnostics with places,
//! bounded file reads, the embedded built-in files, ids and "did you mean".
//!
//! It is the leaf of the crate: it uses nothing of ours but `text`, so the
//! domain modules (`course`, `quiz`, `sim`, `study`) can all stand on it
//! without depending on each other. (Named `infra` rather than `diagnostic`
//! because it holds more than diagnostics; `text` stays beside it as the
//! other leaf.)

pub mod diagnostic;
pub mod embedded;
pub mod read;
pub mod suggest;
pub mod toml_reader;
pub mod toml_tree;

pub use diagnostic::{Diagnostic, LineIndex, Severity, toml_message};
pub use read::{MAX_FILE_BYTES, ReadError, read_bounded, read_text, trace_reader};

/// A valid id of a lesson, pack, question or scenario: non-empty, `[a-z0-9-]+`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
