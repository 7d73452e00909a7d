//! The study loop: SQLite store, FSRS scheduling, drills and stats.
//!
//! Everything here is independent of the quiz engine: questions are named by
//! plain ids ([`QuestionKey`]), topics are plain strings and results are plain
//! values ([`Outcome`]). Nothing in the logic reads the clock: every function
//! that depends on "now" takes it as an argument, so tests use fixed dates.
//! The one clock read lives in [`local_now`], called by the commands and the
//! screens.
//!
//! Days: a "study day" runs from 04:00 to 04:00 in the learner's local time
//! (as in Anki), so answering at 00:30 still counts for the evening before.
//! Streaks and "due today" both use it; see [`study_day`].

pub mod drill;
pub mod history;
pub mod mastery;
pub mod report;
pub mod schedule;
pub mod stats;
pub mod store;

use std::fmt;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::Serialize;

pub use drill::{Candidate, DrillConfig, DrillPlan, DrillSetup, DrillSize, TopicTally, plan_drill};
pub use schedule::{CardPhase, CardState, ReviewQueue, ScheduleConfig, Scheduler, review_queue};
pub use stats::{Stats, Streak};
pub use store::{
    AnswerInput, AnswerRow, DrillId, DrillQuestion, DrillReport, DrillSpec, DrillSummary, LabAttempt, LabProgress,
    LessonProgress, QuizProgress, Recorded, Resume, Store, StoreError, TopicScore,
};

/// File name of the progress database inside the data directory.
pub const DATABASE_FILE: &str = "progress.sqlite3";

/// A question as the store knows it: progress is keyed by "pack-id/question-id"
/// (SPEC.md), independent of the pack version, so a pack update keeps the
/// learner's schedule.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct QuestionKey {
    pub pack: String,
    pub question: String,
}

impl QuestionKey {
    pub fn new(pack: impl Into<String>, question: impl Into<String>) -> Self {
        Self { pack: pack.into(), question: question.into() }
    }
}

impl fmt::Display for QuestionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.pack, self.question)
    }
}

/// Where an answer was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Quiz,
    Review,
    Drill,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Quiz => "quiz",
            Mode::Review => "review",
            Mode::Drill => "drill",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "quiz" => Some(Mode::Quiz),
            "review" => Some(Mode::Review),
            "drill" => Some(Mode::Drill),
            _ => None,
        }
    }
}

/// The four FSRS ratings, as a learner grades a `card` question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Grade {
    Again,
    Hard,
    Good,
    Easy,
}

impl Grade {
    pub const ALL: [Grade; 4] = [Grade::Again, Grade::Hard, Grade::Good, Grade::Easy];

    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Again => "again",
            Grade::Hard => "hard",
            Grade::Good => "good",
            Grade::Easy => "easy",
        }
    }

    /// Accepts the words and the digits 1–4 that plain mode offers.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "again" | "1" => Some(Grade::Again),
            "hard" | "2" => Some(Grade::Hard),
            "good" | "3" => Some(Grade::Good),
            "easy" | "4" => Some(Grade::Easy),
            _ => None,
        }
    }

    /// The word for it (as [`Grade::as_str`]).
    pub fn name(self) -> &'static str {
        self.as_str()
    }

    /// Anki's reading: anything but `again` means it was recalled.
    pub fn recalled(self) -> bool {
        self != Self::Again
    }
}

impl std::fmt::Display for Grade {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The result of one answer, as the quiz engine reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// An auto-graded question answered correctly.
    Correct,
    /// An auto-graded question answered wrongly (or given up).
    Incorrect,
    /// A `card` question, graded by the learner.
    SelfGraded(Grade),
}

impl Outcome {
    /// Whether the answer counts as right for accuracy figures: a self-graded
    /// card counts as right unless the learner said "again".
    pub fn counts_as_correct(self) -> bool {
        !matches!(self, Outcome::Incorrect | Outcome::SelfGraded(Grade::Again))
    }

    /// `Some(correct)` for auto-graded answers, `None` for self-graded cards.
    pub fn checked(self) -> Option<bool> {
        match self {
            Outcome::Correct => Some(true),
            Outcome::Incorrect => Some(false),
            Outcome::SelfGraded(_) => None,
        }
    }
}

/// The hour (local time) at which one study day ends and the next begins.
pub const DAY_ROLLOVER_HOUR: i64 = 4;

const MS_PER_DAY: i64 = 86_400_000;

/// The study day an instant falls on, in the learner's time zone (`offset`):
/// days roll over at [`DAY_ROLLOVER_HOUR`] local time.
pub fn study_day(at: DateTime<Utc>, offset: FixedOffset) -> NaiveDate {
    day_from_number(day_number(at.timestamp_millis(), offset))
}

/// Days since 1970-01-01 of the study day containing `ms` (Unix milliseconds).
pub(crate) fn day_number(ms: i64, offset: FixedOffset) -> i64 {
    (ms + shift_ms(offset)).div_euclid(MS_PER_DAY)
}

/// The first instant (Unix milliseconds) of study day `day`.
pub(crate) fn day_start_ms(day: i64, offset: FixedOffset) -> i64 {
    day.saturating_mul(MS_PER_DAY) - shift_ms(offset)
}

/// Milliseconds to add to a UTC instant so that whole days divide it at the
/// local rollover hour.
pub(crate) fn shift_ms(offset: FixedOffset) -> i64 {
    i64::from(offset.local_minus_utc()) * 1000 - DAY_ROLLOVER_HOUR * 3_600_000
}

pub(crate) fn day_from_number(day: i64) -> NaiveDate {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    i32::try_from(day)
        .ok()
        .and_then(|d| epoch.checked_add_signed(chrono::Duration::days(i64::from(d))))
        .unwrap_or(epoch)
}

/// The current instant with the learner's UTC offset: the only clock read of
/// the study loop, for commands and screens to pass down.
pub fn local_now() -> DateTime<FixedOffset> {
    chrono::Local::now().fixed_offset()
}

/// Where progress is kept: `--data-dir` (which clap also fills from
/// `LAMBDA_TUTOR_DATA`), else the platform data directory (on Linux
/// `~/.local/share/lambda-tutor`). An empty value counts as unset.
pub fn data_dir(option: Option<&std::path::Path>) -> Result<PathBuf, StoreError> {
    if let Some(dir) = option.filter(|d| !d.as_os_str().is_empty()) {
        return Ok(dir.to_path_buf());
    }
    directories::ProjectDirs::from("", "", "lambda-tutor")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or(StoreError::NoDataDir)
}

/// The progress database inside `data_dir`.
pub fn database_path(data_dir: &std::path::Path) -> PathBuf {
    data_dir.join(DATABASE_FILE)
}

/// Instants in JSON: RFC 3339 in UTC with milliseconds, e.g.
/// `2025-01-06T18:00:00.000Z` (`#[serde(with = "crate::study::rfc3339")]`).
pub(crate) mod rfc3339 {
    use chrono::{DateTime, SecondsFormat, Utc};
    use serde::Serializer;

    pub fn format(at: &DateTime<Utc>) -> String {
        at.to_rfc3339_opts(SecondsFormat::Millis, true)
    }

    pub fn serialize<S: Serializer>(at: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format(at))
    }

    pub mod option {
        use chrono::{DateTime, Utc};
        use serde::Serializer;

        #[allow(clippy::ref_option, reason = "serde's `with` passes a reference to the field")]
        pub fn serialize<S: Serializer>(at: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
            match at {
                Some(at) => super::serialize(at, s),
                None => s.serialize_none(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).single().expect("valid date")
    }

    #[test]
    fn study_days_roll_over_at_four_local() {
        let utc0 = FixedOffset::east_opt(0).expect("offset");
        assert_eq!(study_day(utc(2025, 3, 10, 3, 59), utc0), NaiveDate::from_ymd_opt(2025, 3, 9).expect("date"));
        assert_eq!(study_day(utc(2025, 3, 10, 4, 0), utc0), NaiveDate::from_ymd_opt(2025, 3, 10).expect("date"));
        // 23:30 in New York (UTC-5) is 04:30 UTC the next day, still the same study day locally.
        let ny = FixedOffset::west_opt(5 * 3600).expect("offset");
        assert_eq!(study_day(utc(2025, 3, 11, 4, 30), ny), NaiveDate::from_ymd_opt(2025, 3, 10).expect("date"));
    }

    #[test]
    fn day_start_inverts_day_number() {
        let tokyo = FixedOffset::east_opt(9 * 3600).expect("offset");
        let at = utc(2025, 6, 1, 12, 0).timestamp_millis();
        let day = day_number(at, tokyo);
        let start = day_start_ms(day, tokyo);
        assert!(start <= at && at < start + MS_PER_DAY);
        assert_eq!(day_number(start, tokyo), day);
        assert_eq!(day_number(start - 1, tokyo), day - 1);
    }

    #[test]
    fn grades_parse_words_and_digits() {
        assert_eq!(Grade::parse(" Good "), Some(Grade::Good));
        assert_eq!(Grade::parse("1"), Some(Grade::Again));
        assert_eq!(Grade::parse("5"), None);
    }

    #[test]
    fn empty_data_dir_option_falls_back() {
        let explicit = data_dir(Some(std::path::Path::new("/tmp/x"))).expect("dir");
        assert_eq!(explicit, PathBuf::from("/tmp/x"));
        if let Ok(fallback) = data_dir(Some(std::path::Path::new(""))) {
            assert!(fallback.ends_with("lambda-tutor"), "{}", fallback.display());
        }
    }
}
