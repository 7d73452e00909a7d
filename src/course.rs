//! Loading content: lessons, quiz packs and scenarios, from the embedded
//! built-in course or from instructors' files, with diagnostics that carry
//! `path:line:column` places.
//!
//! The built-in course goes through exactly the same code path as any
//! instructor's course: [`Source`] only says where the bytes came from.

pub mod check;
pub mod checkpoint;
pub mod enclosing;
pub mod front_matter;
pub mod images;
pub mod installed;
pub mod lesson;
pub mod lesson_rules;
pub mod library;
pub mod packs;
pub mod reading;
pub mod source;

pub use lesson::{Lesson, LessonMeta};
pub use library::{Course, CourseInfo, Module, ScenarioSource};
pub use packs::DeferredPacks;
