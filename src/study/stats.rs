//! Progress in figures: what `stats` prints and the stats screen shows.
//!
//! A study day is one with any answer or any lesson opened or completed, in
//! the learner's current UTC offset (a trip across time zones can shift old
//! days by one; that is the price of not storing a zone with every row).

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::Serialize;

use super::drill::DrillConfig;
use super::store::{DrillSummary, LabProgress, Store, StoreError};
use super::{day_from_number, shift_ms, study_day};

/// Consecutive study days.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Streak {
    /// Days in the run that ends today, or yesterday if today has no study
    /// yet (the streak is still alive until the day ends).
    pub current: u32,
    pub longest: u32,
    pub studied_today: bool,
}

/// The streak given the days studied (any order, repeats allowed).
pub fn streak(days: &[NaiveDate], today: NaiveDate) -> Streak {
    let mut days: Vec<NaiveDate> = days.iter().copied().filter(|d| *d <= today).collect();
    days.sort_unstable();
    days.dedup();
    let mut longest = 0;
    let mut run = 0;
    let mut previous: Option<NaiveDate> = None;
    for &d in &days {
        run = if previous.and_then(|p| p.succ_opt()) == Some(d) { run + 1 } else { 1 };
        longest = longest.max(run);
        previous = Some(d);
    }
    let studied_today = days.last() == Some(&today);
    let alive = studied_today || (days.last().is_some() && days.last().and_then(NaiveDate::succ_opt) == Some(today));
    Streak { current: if alive { run } else { 0 }, longest, studied_today }
}

/// Accuracy in one topic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicStats {
    pub topic: String,
    pub answered: u32,
    pub correct: u32,
    pub accuracy: Option<f64>,
    /// Over the last answers in the topic (what drills weight by).
    pub recent_accuracy: Option<f64>,
}

/// Everything `stats` reports. `Stats::default()` is a learner with no
/// progress (no database yet).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    pub lessons_started: usize,
    pub lessons_completed: usize,
    pub answers: u64,
    pub correct: u64,
    pub accuracy: Option<f64>,
    /// By topic name.
    pub topics: Vec<TopicStats>,
    pub streak: Streak,
    pub study_days: usize,
    /// Questions with a schedule (answered at least once).
    pub cards: usize,
    /// Cards due today, including any whose pack is no longer installed.
    pub due_reviews: usize,
    /// Oldest first.
    pub drills: Vec<DrillSummary>,
    /// Labs with at least one graded run, by id: attempts and first success.
    pub labs: Vec<LabProgress>,
    #[serde(with = "super::rfc3339::option")]
    pub last_activity: Option<DateTime<Utc>>,
}

impl Store {
    /// The learner's figures as of `now` (whose offset decides study days).
    pub fn stats(&self, now: DateTime<FixedOffset>) -> Result<Stats, StoreError> {
        let lessons = self.lessons()?;
        let recent: HashMap<String, _> = self.recent_topic_tallies(DrillConfig::default().recent_answers)?;
        let topics: Vec<TopicStats> = self
            .topic_tallies()?
            .into_iter()
            .map(|(topic, t)| TopicStats {
                recent_accuracy: recent.get(&topic).and_then(|r| r.accuracy()),
                answered: t.answered,
                correct: t.correct,
                accuracy: t.accuracy(),
                topic,
            })
            .collect();
        let answers: u64 = topics.iter().map(|t| u64::from(t.answered)).sum();
        let correct: u64 = topics.iter().map(|t| u64::from(t.correct)).sum();
        let offset = *now.offset();
        let days = self.study_days(offset)?;
        Ok(Stats {
            lessons_started: lessons.len(),
            lessons_completed: lessons.iter().filter(|l| l.completed_at.is_some()).count(),
            answers,
            correct,
            accuracy: (answers > 0).then(|| correct as f64 / answers as f64),
            topics,
            streak: streak(&days, study_day(now.to_utc(), offset)),
            study_days: days.len(),
            cards: self.card_count()?,
            due_reviews: self.due_count(now)?,
            drills: self.drills()?,
            labs: self.lab_progress()?,
            last_activity: self.last_activity()?,
        })
    }

    /// The distinct study days with any activity, in `offset`'s time zone.
    pub fn study_days(&self, offset: FixedOffset) -> Result<Vec<NaiveDate>, StoreError> {
        let numbers: Vec<i64> = self.read(|c| {
            // Floor division, so an instant before 1970 still lands on its day.
            let mut stmt = c.prepare(
                "SELECT DISTINCT CASE WHEN x >= 0 THEN x / 86400000 ELSE (x - 86399999) / 86400000 END FROM (
                     SELECT answered_at + ?1 AS x FROM answers
                     UNION ALL SELECT at + ?1 FROM lesson_events)",
            )?;
            stmt.query_map([shift_ms(offset)], |r| r.get(0))?.collect()
        })?;
        Ok(numbers.into_iter().map(day_from_number).collect())
    }

    /// The last answer or lesson opening/completion.
    pub fn last_activity(&self) -> Result<Option<DateTime<Utc>>, StoreError> {
        let ms: Option<i64> = self.read(|c| {
            c.query_row(
                "SELECT max(x) FROM (SELECT max(answered_at) AS x FROM answers UNION ALL SELECT max(at) FROM lesson_events)",
                [],
                |r| r.get(0),
            )
        })?;
        Ok(ms.map(super::store::from_ms))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 3, day).expect("date")
    }

    #[test]
    fn streaks() {
        assert_eq!(streak(&[], d(10)), Streak::default());
        // Studied the 7th, 8th, 9th and today.
        let s = streak(&[d(9), d(7), d(8), d(10), d(8)], d(10));
        assert_eq!(s, Streak { current: 4, longest: 4, studied_today: true });
        // Not yet today: the run to yesterday still counts.
        let s = streak(&[d(7), d(8), d(9)], d(10));
        assert_eq!(s, Streak { current: 3, longest: 3, studied_today: false });
        // A missed day breaks it; the longest run is remembered.
        let s = streak(&[d(1), d(2), d(3), d(4), d(8)], d(10));
        assert_eq!(s, Streak { current: 0, longest: 4, studied_today: false });
        let s = streak(&[d(1), d(2), d(3), d(9), d(10)], d(10));
        assert_eq!(s, Streak { current: 2, longest: 3, studied_today: true });
        // A day in the future (clock skew) is ignored.
        let s = streak(&[d(9), d(12)], d(10));
        assert_eq!(s, Streak { current: 1, longest: 1, studied_today: false });
        // Across a month end.
        let feb = NaiveDate::from_ymd_opt(2025, 2, 28).expect("date");
        assert_eq!(streak(&[feb, d(1)], d(1)).current, 2);
    }
}
