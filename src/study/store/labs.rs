//! Lab attempts: every graded run of a lab, and per lab the figures `labs`
//! and `stats` show (attempts, first success).

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::Serialize;

use super::{Store, StoreError, from_ms, to_ms};

/// One graded run to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabAttempt<'a> {
    pub lab_id: &'a str,
    pub at: DateTime<Utc>,
    pub passed: bool,
    /// The reference solution was applied (`--solution`): recorded, but
    /// neither an attempt of the learner's nor a success.
    pub solution: bool,
    pub goals_met: u32,
    pub goals: u32,
    /// JSON object of the knobs set.
    pub settings: String,
}

/// A learner's record in one lab.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LabProgress {
    pub lab_id: String,
    /// The learner's own graded runs.
    pub attempts: u32,
    /// When every goal was first met by the learner's own settings.
    #[serde(with = "crate::study::rfc3339::option")]
    pub first_success: Option<DateTime<Utc>>,
    /// How many attempts it took to get there (the successful one included).
    pub attempts_to_success: Option<u32>,
    /// Whether the reference solution was ever applied.
    pub solution_viewed: bool,
    #[serde(with = "crate::study::rfc3339")]
    pub last_attempt: DateTime<Utc>,
}

impl Store {
    /// Record one graded run of a lab.
    pub fn record_lab_attempt(&mut self, a: &LabAttempt<'_>) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO lab_attempts (lab_id, at, passed, solution, goals_met, goals, settings) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![a.lab_id, to_ms(a.at), a.passed, a.solution, a.goals_met, a.goals, a.settings],
            )
            .map(drop)
        })
    }

    /// Every lab with at least one recorded run, by id.
    pub fn lab_progress(&self) -> Result<Vec<LabProgress>, StoreError> {
        self.read(|c| {
            // The n-th own attempt that first passed: count own attempts up
            // to the first passing one.
            let mut stmt = c.prepare(
                "SELECT lab_id,
                        sum(solution = 0),
                        min(CASE WHEN passed = 1 AND solution = 0 THEN at END),
                        max(solution),
                        max(at)
                 FROM lab_attempts GROUP BY lab_id ORDER BY lab_id",
            )?;
            let rows: Vec<(String, i64, Option<i64>, bool, i64)> = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut count =
                c.prepare("SELECT count(*) FROM lab_attempts WHERE lab_id = ?1 AND solution = 0 AND at <= ?2")?;
            rows.into_iter()
                .map(|(lab_id, attempts, first, viewed, last)| {
                    let to_success = match first {
                        Some(at) => Some(count.query_row(params![lab_id, at], |r| r.get::<_, i64>(0))?),
                        None => None,
                    };
                    Ok(LabProgress {
                        attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
                        first_success: first.map(from_ms),
                        attempts_to_success: to_success.map(|n| u32::try_from(n).unwrap_or(u32::MAX)),
                        solution_viewed: viewed,
                        last_attempt: from_ms(last),
                        lab_id,
                    })
                })
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn attempts_and_first_success() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::open(dir.path()).expect("open");
        let t0 = DateTime::from_timestamp(1_800_000_000, 0).expect("time");
        let attempt = |minutes: i64, passed: bool, solution: bool| LabAttempt {
            lab_id: "flash-crowd",
            at: t0 + Duration::minutes(minutes),
            passed,
            solution,
            goals_met: u32::from(passed) * 2,
            goals: 2,
            settings: "{}".into(),
        };
        store.record_lab_attempt(&attempt(0, false, false)).expect("record");
        store.record_lab_attempt(&attempt(1, true, true)).expect("record");
        assert_eq!(store.lab_progress().expect("read")[0].first_success, None, "the solution is not a success");
        store.record_lab_attempt(&attempt(2, false, false)).expect("record");
        store.record_lab_attempt(&attempt(3, true, false)).expect("record");
        store.record_lab_attempt(&attempt(4, true, false)).expect("record");
        let p = &store.lab_progress().expect("read")[0];
        assert_eq!(p.attempts, 4);
        assert_eq!(p.first_success, Some(t0 + Duration::minutes(3)));
        assert_eq!(p.attempts_to_success, Some(3));
        assert!(p.solution_viewed);
        assert_eq!(p.last_attempt, t0 + Duration::minutes(4));
    }
}
