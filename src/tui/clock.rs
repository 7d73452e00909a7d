//! Time and chance for the screens, in one place so tests can fix them:
//! the monotonic clock that times answers and drills, the wall clock the
//! store files answers under, and the seeds that shuffle new quizzes.

use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};

#[derive(Debug, Clone)]
pub struct Clock {
    started: Instant,
    fixed: Option<Fixed>,
}

/// A clock that moves only when told to.
#[derive(Debug, Clone)]
struct Fixed {
    wall: DateTime<FixedOffset>,
    elapsed: Duration,
    seeds: u64,
}

impl Default for Clock {
    fn default() -> Self {
        Self::system()
    }
}

impl Clock {
    /// The real clocks and random seeds.
    pub fn system() -> Self {
        Self { started: Instant::now(), fixed: None }
    }

    /// A clock stopped at `wall` (advanced with [`Clock::advance`]), whose
    /// seeds count up from 1: for tests and snapshots.
    pub fn fixed(wall: DateTime<FixedOffset>) -> Self {
        Self { started: Instant::now(), fixed: Some(Fixed { wall, elapsed: Duration::ZERO, seeds: 0 }) }
    }

    /// Move a fixed clock forward (a system clock moves by itself).
    pub fn advance(&mut self, by: Duration) {
        if let Some(f) = &mut self.fixed {
            f.elapsed += by;
        }
    }

    /// Now, on the monotonic clock.
    pub fn now(&self) -> Instant {
        match &self.fixed {
            Some(f) => self.started + f.elapsed,
            None => Instant::now(),
        }
    }

    /// Now, with the learner's UTC offset.
    pub fn wall(&self) -> DateTime<FixedOffset> {
        match &self.fixed {
            Some(f) => f.wall + chrono::Duration::from_std(f.elapsed).unwrap_or_default(),
            None => crate::study::local_now(),
        }
    }

    /// A seed for a new session.
    pub fn seed(&mut self) -> u64 {
        match &mut self.fixed {
            Some(f) => {
                f.seeds += 1;
                f.seeds
            }
            None => rand::random(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_moves_only_when_advanced() {
        let wall = DateTime::parse_from_rfc3339("2025-03-10T09:00:00+01:00").expect("date");
        let mut clock = Clock::fixed(wall);
        let t0 = clock.now();
        assert_eq!(clock.now(), t0);
        clock.advance(Duration::from_secs(90));
        assert_eq!(clock.now() - t0, Duration::from_secs(90));
        assert_eq!(clock.wall(), wall + chrono::Duration::seconds(90));
        assert_eq!((clock.seed(), clock.seed()), (1, 2));
    }
}
