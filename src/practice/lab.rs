//! A lab attempt as the progress store takes it, shared by `lab ID` and
//! the lab screen so that both record exactly the same thing: the knobs
//! set, how many goals were met, whether the reference solution was used.
//! Also what both show after a run: the hint for the attempt after N
//! misses, the next lab, and the learner's status in a lab.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::lab::{self, Lab, Setting, Verdict};
use crate::study::{LabAttempt, LabProgress, Store, StoreError};

/// Record one graded run; returns how many of the learner's own attempts
/// came before it (what [`hint_index`] counts).
pub fn record(
    store: &mut Store,
    lab: &Lab,
    settings: &[Setting],
    verdict: &Verdict,
    solution: bool,
    at: DateTime<Utc>,
) -> Result<u32, StoreError> {
    let before = store.lab_progress()?.into_iter().find(|p| p.lab_id == lab.id).map_or(0, |p| p.attempts);
    let attempt = LabAttempt {
        lab_id: &lab.id,
        at,
        passed: verdict.passed(),
        solution,
        goals_met: u32::try_from(verdict.met()).unwrap_or(u32::MAX),
        goals: u32::try_from(verdict.results.len()).unwrap_or(u32::MAX),
        settings: settings_json(settings),
    };
    store.record_lab_attempt(&attempt)?;
    Ok(before)
}

/// The knobs set, as the JSON object the store keeps: `{"function.timeout_s":"6"}`.
pub fn settings_json(settings: &[Setting]) -> String {
    let map: BTreeMap<&str, String> = settings.iter().map(|s| (s.key.as_str(), s.value.display())).collect();
    serde_json::to_string(&map).unwrap_or_else(|_| "{}".to_owned())
}

/// Which hint a miss shows after `attempts_before` earlier attempts: the
/// first after one miss, the second after two, the last from then on.
pub fn hint_index(lab: &Lab, attempts_before: u32) -> Option<usize> {
    let last = lab.hints.len().checked_sub(1)?;
    Some((attempts_before as usize).min(last))
}

/// The hint of [`hint_index`] as text: `Hint 1 of 3: …`.
pub fn hint(lab: &Lab, attempts_before: u32) -> Option<String> {
    let i = hint_index(lab, attempts_before)?;
    Some(format!("Hint {} of {}: {}", i + 1, lab.hints.len(), lab.hints[i]))
}

/// The built-in lab after `id`, in the order `labs` lists them.
pub fn next_lab(id: &str) -> Option<String> {
    let ids = lab::builtin_ids();
    let i = ids.iter().position(|x| x == id)?;
    ids.get(i + 1).cloned()
}

/// Where a learner stands in one lab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    NotTried,
    /// Graded runs of the learner's own, none passing yet.
    Attempted(u32),
    Solved,
}

impl Status {
    pub fn of(progress: Option<&LabProgress>) -> Status {
        match progress {
            Some(p) if p.first_success.is_some() => Status::Solved,
            Some(p) if p.attempts > 0 => Status::Attempted(p.attempts),
            _ => Status::NotTried,
        }
    }

    /// The key `labs --json` uses: `not-tried`, `attempted`, `solved`.
    pub fn key(self) -> &'static str {
        match self {
            Status::NotTried => "not-tried",
            Status::Attempted(_) => "attempted",
            Status::Solved => "solved",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recorded_attempt_counts_and_the_hints_follow_the_misses() {
        let lab = lab::builtin("default-timeout").expect("built in").expect("valid");
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::open(dir.path()).expect("open");
        let miss = lab.grade(&[]).expect("runs");
        let at = DateTime::from_timestamp(1_800_000_000, 0).expect("time");
        assert_eq!(record(&mut store, &lab, &[], &miss, false, at).expect("recorded"), 0);
        assert_eq!(record(&mut store, &lab, &[], &miss, false, at).expect("recorded"), 1);
        let progress = store.lab_progress().expect("read");
        assert_eq!(Status::of(progress.first()), Status::Attempted(2));
        assert_eq!(hint_index(&lab, 0), Some(0));
        assert_eq!(hint_index(&lab, 99), Some(lab.hints.len() - 1), "the last hint stays");
        let solved = lab.grade(&lab.solution).expect("runs");
        record(&mut store, &lab, &lab.solution, &solved, false, at).expect("recorded");
        assert_eq!(Status::of(store.lab_progress().expect("read").first()), Status::Solved);
        assert_eq!(settings_json(&lab.solution), r#"{"function.timeout_s":"6"}"#);
        assert_eq!(next_lab("default-timeout").as_deref(), Some("flash-crowd-quota"));
    }
}
