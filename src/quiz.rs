//! Quiz packs: the question model, answer checking, sessions and shuffling.
//!
//! - [`model`]: `Pack`, `Question`, `QuestionKind` (format 1 of SPEC.md);
//! - [`parse`]: pack files → `Pack`, with a diagnostic per problem;
//! - [`validate`]: `check` over packs, lessons and scenarios of a course;
//! - [`answer`]: checking a response, with partial information;
//! - [`session`]: selecting, shuffling, hints, scores (no I/O);
//! - [`plain`]: the line-by-line quiz of `quiz --plain`, over any streams;
//! - [`practice`]: sessions tied to progress (quiz resume, review, drill).

pub mod answer;
pub mod load;
pub mod model;
pub mod parse;
pub mod plain;
pub mod practice;
pub mod session;
pub mod suggest;
pub mod validate;

pub use answer::{AnswerError, Detail, Response, Verdict};
pub use load::load_packs;
pub use model::{Difficulty, Grade, Pack, PackMeta, Question, QuestionKind};
pub use parse::{ParsedPack, parse_pack};
pub use session::{QuizSession, SessionOptions};
