//! Lesson progress: opened, where the reader was, completed.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use serde::Serialize;

use super::{Store, StoreError, from_ms, meta, to_ms};

/// Progress in one lesson.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LessonProgress {
    pub course: String,
    pub lesson: String,
    #[serde(with = "crate::study::rfc3339")]
    pub opened_at: DateTime<Utc>,
    #[serde(with = "crate::study::rfc3339")]
    pub last_seen_at: DateTime<Utc>,
    /// Where the reader was. Opaque here: the reader picks its unit (the
    /// index of the first visible block survives a change of width; a line
    /// number does not).
    pub position: u32,
    #[serde(with = "crate::study::rfc3339::option")]
    pub completed_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "course, lesson, opened_at, last_seen_at, position, completed_at";

fn row(r: &Row<'_>) -> rusqlite::Result<LessonProgress> {
    Ok(LessonProgress {
        course: super::text(r, 0)?,
        lesson: super::text(r, 1)?,
        opened_at: from_ms(r.get(2)?),
        last_seen_at: from_ms(r.get(3)?),
        position: u32::try_from(r.get::<_, i64>(4)?).unwrap_or(0),
        completed_at: r.get::<_, Option<i64>>(5)?.map(from_ms),
    })
}

fn get(tx: &Transaction<'_>, course: &str, lesson: &str) -> rusqlite::Result<LessonProgress> {
    tx.query_row(
        &format!("SELECT {COLUMNS} FROM lesson_progress WHERE course = ?1 AND lesson = ?2"),
        params![course, lesson],
        row,
    )
}

fn event(tx: &Transaction<'_>, course: &str, lesson: &str, kind: &str, at: i64) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO lesson_events (course, lesson, kind, at) VALUES (?1, ?2, ?3, ?4)",
        params![course, lesson, kind, at],
    )
    .map(drop)
}

impl Store {
    /// The learner opened a lesson: returns its progress (the position to
    /// restore) and makes it the "Continue" target.
    pub fn open_lesson(&mut self, course: &str, lesson: &str, at: DateTime<Utc>) -> Result<LessonProgress, StoreError> {
        let ms = to_ms(at);
        self.write(|tx| {
            tx.execute(
                "INSERT INTO lesson_progress (course, lesson, opened_at, last_seen_at) VALUES (?1, ?2, ?3, ?3) \
                 ON CONFLICT (course, lesson) DO UPDATE SET last_seen_at = max(last_seen_at, ?3)",
                params![course, lesson, ms],
            )?;
            event(tx, course, lesson, "opened", ms)?;
            let progress = get(tx, course, lesson)?;
            meta::put_last_lesson(tx, &progress, at)?;
            Ok(progress)
        })
    }

    /// Remember where the reader is. Each call is a commit with an fsync: call
    /// it when leaving a lesson or pausing, not on every key press.
    pub fn save_position(
        &mut self,
        course: &str,
        lesson: &str,
        position: u32,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let ms = to_ms(at);
        self.write(|tx| {
            tx.execute(
                "INSERT INTO lesson_progress (course, lesson, opened_at, last_seen_at, position) \
                 VALUES (?1, ?2, ?3, ?3, ?4) \
                 ON CONFLICT (course, lesson) DO UPDATE SET last_seen_at = max(last_seen_at, ?3), position = ?4",
                params![course, lesson, ms, i64::from(position)],
            )?;
            meta::put_last_lesson(tx, &get(tx, course, lesson)?, at)
        })
    }

    /// Mark a lesson completed (the first completion time is kept).
    pub fn complete_lesson(&mut self, course: &str, lesson: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
        let ms = to_ms(at);
        self.write(|tx| {
            tx.execute(
                "INSERT INTO lesson_progress (course, lesson, opened_at, last_seen_at, completed_at) \
                 VALUES (?1, ?2, ?3, ?3, ?3) \
                 ON CONFLICT (course, lesson) DO UPDATE SET last_seen_at = max(last_seen_at, ?3), \
                 completed_at = coalesce(completed_at, ?3)",
                params![course, lesson, ms],
            )?;
            event(tx, course, lesson, "completed", ms)
        })
    }

    /// Progress in one lesson, if it was ever opened.
    pub fn lesson(&self, course: &str, lesson: &str) -> Result<Option<LessonProgress>, StoreError> {
        self.read(|c| {
            c.query_row(
                &format!("SELECT {COLUMNS} FROM lesson_progress WHERE course = ?1 AND lesson = ?2"),
                params![course, lesson],
                row,
            )
            .optional()
        })
    }

    /// Progress in every lesson ever opened (for completion marks and the
    /// per-module progress bars).
    pub fn lessons(&self) -> Result<Vec<LessonProgress>, StoreError> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!("SELECT {COLUMNS} FROM lesson_progress ORDER BY course, lesson"))?;
            stmt.query_map([], row)?.collect()
        })
    }
}
