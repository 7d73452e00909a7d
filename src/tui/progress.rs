//! The learner's progress as the screens see it: a cache of what the store
//! holds (lessons opened and completed, where to continue, reviews due),
//! and the writes that keep the store up to date.
//!
//! Every write is its own short transaction in the store, made when the
//! thing happens (a lesson opened, finished, left), so quitting or being
//! killed at any moment loses nothing already done.

use std::collections::HashMap;

use chrono::Utc;

use crate::study::{LessonProgress, Resume, Store, StoreError};

/// The course name the store uses for the built-in course.
pub const BUILTIN_COURSE: &str = "builtin";

/// Scroll positions are stored as parts per ten thousand of the lesson, so
/// they survive a change of terminal width.
pub const POSITION_SCALE: usize = 10_000;

#[derive(Default)]
pub struct Progress {
    store: Option<Store>,
    /// By lesson id (built-in course).
    lessons: HashMap<String, LessonProgress>,
    pub resume: Option<Resume>,
    pub due_reviews: usize,
    /// The last write error, shown once in the status line.
    pub error: Option<String>,
}

impl Progress {
    /// Progress backed by a store (`None`: nothing is remembered, as in tests).
    pub fn new(store: Option<Store>) -> Self {
        let mut progress = Self { store, ..Self::default() };
        progress.reload();
        progress
    }

    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

    pub fn store_mut(&mut self) -> Option<&mut Store> {
        self.store.as_mut()
    }

    /// Re-read the cached figures after a write.
    pub fn reload(&mut self) {
        let Some(store) = &self.store else { return };
        let result = (|| -> Result<(), StoreError> {
            self.lessons = store
                .lessons()?
                .into_iter()
                .filter(|l| l.course == BUILTIN_COURSE)
                .map(|l| (l.lesson.clone(), l))
                .collect();
            self.resume = store.resume()?;
            self.due_reviews = store.due_count(crate::study::local_now())?;
            Ok(())
        })();
        self.note(result);
    }

    fn note<T>(&mut self, result: Result<T, StoreError>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.error = Some(e.to_string());
                None
            }
        }
    }

    pub fn is_completed(&self, lesson: &str) -> bool {
        self.lessons.get(lesson).is_some_and(|l| l.completed_at.is_some())
    }

    pub fn is_opened(&self, lesson: &str) -> bool {
        self.lessons.contains_key(lesson)
    }

    pub fn opened_lesson(&mut self, lesson: &str) {
        let Some(store) = &mut self.store else { return };
        let result = store.open_lesson(BUILTIN_COURSE, lesson, Utc::now());
        if let Some(p) = self.note(result) {
            self.lessons.insert(lesson.to_owned(), p);
        }
    }

    /// Remember where the reader is (a fraction of the lesson, see
    /// [`POSITION_SCALE`]).
    pub fn left_lesson(&mut self, lesson: &str, position: usize) {
        let Some(store) = &mut self.store else { return };
        let position = u32::try_from(position.min(POSITION_SCALE)).unwrap_or(0);
        let result = store.save_position(BUILTIN_COURSE, lesson, position, Utc::now());
        self.note(result);
        self.reload();
    }

    pub fn completed_lesson(&mut self, lesson: &str) {
        if self.is_completed(lesson) {
            return;
        }
        let Some(store) = &mut self.store else { return };
        let result = store.complete_lesson(BUILTIN_COURSE, lesson, Utc::now());
        self.note(result);
        self.reload();
    }

    /// (completed, total) for a set of lesson ids.
    pub fn completed_of<'a>(&self, lessons: impl IntoIterator<Item = &'a str>) -> (usize, usize) {
        let mut done = 0;
        let mut total = 0;
        for id in lessons {
            total += 1;
            done += usize::from(self.is_completed(id));
        }
        (done, total)
    }
}
