//! Small named values: the "Continue" target and settings. Values are JSON;
//! one that cannot be read (edited by hand) counts as absent rather than
//! making the home screen fail.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::{LessonProgress, Store, StoreError, from_ms, to_ms};
use crate::study::drill::DrillSetup;
use crate::study::schedule::ScheduleConfig;

const LAST_LESSON: &str = "last_lesson";
const QUIZ: &str = "unfinished_quiz";
const SCHEDULE: &str = "schedule";
const DRILL_SETUP: &str = "drill_setup";

/// An unfinished quiz, saved by the quiz engine after each answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizProgress {
    /// For the home screen, e.g. "Lambda basics — question 4 of 10".
    pub description: String,
    /// Whatever the quiz engine needs to resume (opaque here; JSON suits).
    pub state: String,
    /// When it was saved (Unix milliseconds).
    pub saved_at_ms: i64,
}

impl QuizProgress {
    pub fn new(description: impl Into<String>, state: impl Into<String>, at: DateTime<Utc>) -> Self {
        Self { description: description.into(), state: state.into(), saved_at_ms: to_ms(at) }
    }

    pub fn saved_at(&self) -> DateTime<Utc> {
        from_ms(self.saved_at_ms)
    }
}

/// What "Continue" on the home screen leads to: whichever was left last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resume {
    Lesson { course: String, lesson: String, position: u32, at: DateTime<Utc> },
    Quiz(QuizProgress),
}

#[derive(Serialize, Deserialize)]
struct LastLesson {
    course: String,
    lesson: String,
    position: u32,
    at_ms: i64,
}

pub(super) fn put(tx: &Transaction<'_>, key: &str, value: &str, at: i64) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO meta (key, value, updated_at) VALUES (?1, ?2, ?3) \
         ON CONFLICT (key) DO UPDATE SET value = ?2, updated_at = ?3",
        params![key, value, at],
    )
    .map(drop)
}

pub(super) fn json<T: Serialize>(value: &T) -> rusqlite::Result<String> {
    serde_json::to_string(value).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

pub(crate) fn put_last_lesson(tx: &Transaction<'_>, p: &LessonProgress, at: DateTime<Utc>) -> rusqlite::Result<()> {
    let value =
        LastLesson { course: p.course.clone(), lesson: p.lesson.clone(), position: p.position, at_ms: to_ms(at) };
    put(tx, LAST_LESSON, &json(&value)?, to_ms(at))
}

pub(crate) fn put_quiz(tx: &Transaction<'_>, quiz: &QuizProgress) -> rusqlite::Result<()> {
    put(tx, QUIZ, &json(quiz)?, quiz.saved_at_ms)
}

impl Store {
    pub(super) fn meta<T: for<'de> Deserialize<'de>>(&self, key: &str) -> Result<Option<T>, StoreError> {
        let text: Option<String> = self
            .read(|c| c.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| super::text(r, 0)).optional())?;
        Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
    }

    /// Where to continue: the last lesson (and position) or the unfinished
    /// quiz, whichever was touched last.
    pub fn resume(&self) -> Result<Option<Resume>, StoreError> {
        let lesson: Option<LastLesson> = self.meta(LAST_LESSON)?;
        let quiz: Option<QuizProgress> = self.meta(QUIZ)?;
        Ok(match (lesson, quiz) {
            (Some(l), Some(q)) if q.saved_at_ms >= l.at_ms => Some(Resume::Quiz(q)),
            (None, Some(q)) => Some(Resume::Quiz(q)),
            (Some(l), _) => {
                Some(Resume::Lesson { course: l.course, lesson: l.lesson, position: l.position, at: from_ms(l.at_ms) })
            }
            (None, None) => None,
        })
    }

    /// The unfinished quiz, if any.
    pub fn quiz_progress(&self) -> Result<Option<QuizProgress>, StoreError> {
        self.meta(QUIZ)
    }

    /// Save where a quiz stands (also done by [`Store::record_answer`]).
    pub fn save_quiz_progress(&mut self, quiz: &QuizProgress) -> Result<(), StoreError> {
        self.write(|tx| put_quiz(tx, quiz))
    }

    /// The quiz was finished or abandoned: "Continue" goes back to lessons.
    pub fn clear_quiz_progress(&mut self) -> Result<(), StoreError> {
        self.write(|tx| tx.execute("DELETE FROM meta WHERE key = ?1", [QUIZ]).map(drop))
    }

    /// Review settings (defaults where none were saved), brought into range.
    pub fn schedule_config(&self) -> Result<ScheduleConfig, StoreError> {
        Ok(self.meta::<ScheduleConfig>(SCHEDULE)?.unwrap_or_default().clamped())
    }

    pub fn set_schedule_config(&mut self, config: &ScheduleConfig, at: DateTime<Utc>) -> Result<(), StoreError> {
        let config = config.clamped();
        self.write(|tx| put(tx, SCHEDULE, &json(&config)?, to_ms(at)))
    }

    /// The drill set-up chosen last in the full-screen app, if any.
    pub fn drill_setup(&self) -> Result<Option<DrillSetup>, StoreError> {
        self.meta(DRILL_SETUP)
    }

    pub fn set_drill_setup(&mut self, setup: &DrillSetup, at: DateTime<Utc>) -> Result<(), StoreError> {
        self.write(|tx| put(tx, DRILL_SETUP, &json(setup)?, to_ms(at)))
    }
}
