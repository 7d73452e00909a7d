//! The learner's progress as the screens see it: a cache of what the store
//! holds (lessons opened and completed, where to continue, reviews due),
//! and the writes that keep the store up to date.
//!
//! Every write is its own short transaction in the store, made when the
//! thing happens (a lesson opened, finished, left), so quitting or being
//! killed at any moment loses nothing already done.

use std::collections::HashMap;

use chrono::Utc;

use crate::course::Lesson;
use crate::lab::{Lab, Setting, Verdict};
use crate::practice::lab::Status;
use crate::study::{LabProgress, LessonProgress, Resume, Store, StoreError};

/// The course name the store uses for the built-in course.
pub const BUILTIN_COURSE: &str = "builtin";

/// Scroll positions are stored as parts per ten thousand of the lesson, so
/// they survive a change of terminal width.
pub const POSITION_SCALE: usize = 10_000;

#[derive(Default)]
pub struct Progress {
    store: Option<Store>,
    /// By (course, lesson id).
    lessons: HashMap<(String, String), LessonProgress>,
    pub resume: Option<Resume>,
    /// By lab id: the learner's graded runs of each lab.
    labs: HashMap<String, LabProgress>,
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
            self.lessons = store.lessons()?.into_iter().map(|l| ((l.course.clone(), l.lesson.clone()), l)).collect();
            self.resume = store.resume()?;
            self.labs = store.lab_progress()?.into_iter().map(|p| (p.lab_id.clone(), p)).collect();
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

    pub fn is_completed(&self, lesson: &Lesson) -> bool {
        self.lessons.get(&key(lesson)).is_some_and(|l| l.completed_at.is_some())
    }

    pub fn is_opened(&self, lesson: &Lesson) -> bool {
        self.lessons.contains_key(&key(lesson))
    }

    pub fn opened_lesson(&mut self, lesson: &Lesson) {
        let Some(store) = &mut self.store else { return };
        let (course, id) = key(lesson);
        let result = store.open_lesson(&course, &id, Utc::now());
        if let Some(p) = self.note(result) {
            self.lessons.insert((course, id), p);
        }
    }

    /// Remember where the reader is (a fraction of the lesson, see
    /// [`POSITION_SCALE`]).
    pub fn left_lesson(&mut self, lesson: &Lesson, position: usize) {
        let Some(store) = &mut self.store else { return };
        let (course, id) = key(lesson);
        let position = u32::try_from(position.min(POSITION_SCALE)).unwrap_or(0);
        let result = store.save_position(&course, &id, position, Utc::now());
        self.note(result);
        self.reload();
    }

    pub fn completed_lesson(&mut self, lesson: &Lesson) {
        if self.is_completed(lesson) {
            return;
        }
        let Some(store) = &mut self.store else { return };
        let (course, id) = key(lesson);
        let result = store.complete_lesson(&course, &id, Utc::now());
        self.note(result);
        self.reload();
    }

    pub fn lab_status(&self, lab_id: &str) -> Status {
        Status::of(self.labs.get(lab_id))
    }

    /// Record a graded run of a lab, exactly as `lab ID` does; returns how
    /// many of the learner's own attempts came before it (0 without a store).
    pub fn record_lab(&mut self, lab: &Lab, settings: &[Setting], verdict: &Verdict) -> u32 {
        let Some(store) = &mut self.store else { return 0 };
        let result = crate::practice::lab::record(store, lab, settings, verdict, false, Utc::now());
        let before = self.note(result).unwrap_or(0);
        self.reload();
        before
    }

    /// (completed, total) for a set of lessons.
    pub fn completed_of<'a>(&self, lessons: impl IntoIterator<Item = &'a Lesson>) -> (usize, usize) {
        let mut done = 0;
        let mut total = 0;
        for lesson in lessons {
            total += 1;
            done += usize::from(self.is_completed(lesson));
        }
        (done, total)
    }
}

/// The store's key of a lesson: its course (built-in or installed) and id.
pub fn key(lesson: &Lesson) -> (String, String) {
    (lesson.course.clone().unwrap_or_else(|| BUILTIN_COURSE.to_owned()), lesson.meta.id.clone())
}
