//! Quiz packs: the question model, answer checking, sessions and shuffling.
//!
//! - [`model`]: `Pack`, `Question`, `QuestionKind` (format 1 of SPEC.md);
//! - [`parse`]: pack files → `Pack`, with a diagnostic per problem;
//! - [`answer`]: checking a response, with partial information;
//! - [`session`]: selecting, shuffling, hints, scores (no I/O);
//! - [`format`]: responses as text, written and read, for every front end;
//! - [`write`]: a `Pack` back to format-1 TOML;
//! - [`import`] / [`export`]: other quiz formats (GIFT, Aiken, Anki,
//!   mdbook-quiz, markdown task lists) to and from native packs.

pub mod answer;
pub mod export;
pub mod format;
pub mod import;
pub mod lint;
pub mod load;
pub mod model;
pub mod parse;
pub mod range;
pub mod session;
pub mod title;
pub mod write;

pub use answer::{AnswerError, Detail, Response, Verdict};
pub use load::load_packs;
pub use model::{Difficulty, Grade, Pack, PackMeta, Question, QuestionKind};
pub use parse::{ParsedPack, parse_pack};
pub use session::{QuizSession, SessionOptions};
