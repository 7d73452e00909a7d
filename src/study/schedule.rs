//! Spaced repetition: FSRS scheduling of every answered question, the mapping
//! from quiz results to FSRS ratings, and the daily review queue.
//!
//! The scheduler is `rs-fsrs` (the FSRS project's scheduler-only crate; the
//! `fsrs` crate adds an optimizer built on burn, hundreds of crates we do not
//! need). Its types stay inside this module, so swapping it is a local change.
//!
//! Choices, and why:
//! - **Long-term scheduler** (`enable_short_term = false`): intervals are whole
//!   days. With the short-term one, every question answered right in a quiz
//!   would come back ten minutes later; the tutor is used in daily sittings,
//!   and a wrong answer was just followed by its explanation, so "tomorrow" is
//!   the right next step. Again → 1 day, Hard → 2, Good → 3, Easy → 15 for a
//!   new card with the default weights.
//! - **No fuzz**: schedules stay reproducible and explainable.
//! - **Auto-graded answers**: incorrect → Again; correct → Good, or Hard when
//!   a hint was used or it took longer than `slow_seconds` (default 30 s). The
//!   store does not know a question's typical time; 30 s is far more than a
//!   single-choice, true/false or numeric question takes someone who knows the
//!   answer, and instructors with long `order` or `match` questions can raise it.
//! - **Due** means due on or before the current study day (see
//!   [`super::study_day`]): an interval of one day brings a card back in
//!   tomorrow's sitting whatever the hour.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;

use chrono::{DateTime, FixedOffset, Utc};
use rs_fsrs::{Card, FSRS, Parameters, Rating, State};
use serde::{Deserialize, Serialize};

use super::{Grade, Outcome, QuestionKey, study_day};

/// Settings of the review loop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScheduleConfig {
    /// Probability of recall FSRS aims for when a card comes due (0.70–0.99).
    pub desired_retention: f64,
    /// New (never answered) questions a review offers per study day.
    pub daily_new_limit: usize,
    /// A correct auto-graded answer slower than this counts as Hard.
    pub slow_seconds: f64,
}

impl Default for ScheduleConfig {
    fn default() -> Self {
        Self { desired_retention: 0.9, daily_new_limit: 20, slow_seconds: 30.0 }
    }
}

impl ScheduleConfig {
    pub const MIN_RETENTION: f64 = 0.70;
    pub const MAX_RETENTION: f64 = 0.99;

    /// The same settings with every value brought into its sensible range
    /// (a hand-edited setting must not produce nonsense intervals).
    #[must_use]
    pub fn clamped(&self) -> Self {
        let defaults = Self::default();
        Self {
            desired_retention: if self.desired_retention.is_finite() {
                self.desired_retention.clamp(Self::MIN_RETENTION, Self::MAX_RETENTION)
            } else {
                defaults.desired_retention
            },
            daily_new_limit: self.daily_new_limit.min(10_000),
            slow_seconds: if self.slow_seconds.is_finite() && self.slow_seconds > 0.0 {
                self.slow_seconds
            } else {
                defaults.slow_seconds
            },
        }
    }
}

/// Where a card is in FSRS's life cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CardPhase {
    New,
    Learning,
    Review,
    Relearning,
}

impl CardPhase {
    /// The number stored in the database (FSRS's own numbering).
    pub fn code(self) -> i64 {
        match self {
            CardPhase::New => 0,
            CardPhase::Learning => 1,
            CardPhase::Review => 2,
            CardPhase::Relearning => 3,
        }
    }

    pub fn from_code(code: i64) -> Option<Self> {
        match code {
            0 => Some(CardPhase::New),
            1 => Some(CardPhase::Learning),
            2 => Some(CardPhase::Review),
            3 => Some(CardPhase::Relearning),
            _ => None,
        }
    }
}

/// The FSRS memory state of one question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CardState {
    #[serde(with = "super::rfc3339")]
    pub due: DateTime<Utc>,
    pub stability: f64,
    pub difficulty: f64,
    pub elapsed_days: i64,
    pub scheduled_days: i64,
    pub reps: u32,
    pub lapses: u32,
    pub phase: CardPhase,
    #[serde(with = "super::rfc3339")]
    pub last_review: DateTime<Utc>,
}

impl CardState {
    /// Whether the card is due in the study day containing `now`.
    pub fn is_due(&self, now: DateTime<FixedOffset>) -> bool {
        let offset = *now.offset();
        study_day(self.due, offset) <= study_day(now.to_utc(), offset)
    }

    pub(crate) fn to_fsrs(&self) -> Card {
        Card {
            due: self.due,
            stability: self.stability,
            difficulty: self.difficulty,
            elapsed_days: self.elapsed_days,
            scheduled_days: self.scheduled_days,
            reps: self.reps.min(i32::MAX as u32) as i32,
            lapses: self.lapses.min(i32::MAX as u32) as i32,
            state: match self.phase {
                CardPhase::New => State::New,
                CardPhase::Learning => State::Learning,
                CardPhase::Review => State::Review,
                CardPhase::Relearning => State::Relearning,
            },
            last_review: self.last_review,
        }
    }

    fn from_fsrs(card: &Card) -> Self {
        Self {
            due: card.due,
            stability: card.stability,
            difficulty: card.difficulty,
            elapsed_days: card.elapsed_days,
            scheduled_days: card.scheduled_days,
            reps: u32::try_from(card.reps).unwrap_or(0),
            lapses: u32::try_from(card.lapses).unwrap_or(0),
            phase: match card.state {
                State::New => CardPhase::New,
                State::Learning => CardPhase::Learning,
                State::Review => CardPhase::Review,
                State::Relearning => CardPhase::Relearning,
            },
            last_review: card.last_review,
        }
    }

    /// A state FSRS can compute with: finite, positive memory values.
    fn is_sound(&self) -> bool {
        self.phase == CardPhase::New
            || (self.stability.is_finite()
                && self.stability > 0.0
                && self.difficulty.is_finite()
                && (1.0..=10.0).contains(&self.difficulty))
    }
}

/// FSRS with the tutor's settings.
#[derive(Debug, Clone)]
pub struct Scheduler {
    config: ScheduleConfig,
    fsrs: FSRS,
}

impl Default for Scheduler {
    fn default() -> Self {
        Self::new(&ScheduleConfig::default())
    }
}

impl Scheduler {
    pub fn new(config: &ScheduleConfig) -> Self {
        let config = config.clamped();
        let parameters = Parameters {
            request_retention: config.desired_retention,
            enable_short_term: false,
            enable_fuzz: false,
            ..Parameters::default()
        };
        Self { config, fsrs: FSRS::new(parameters) }
    }

    pub fn config(&self) -> &ScheduleConfig {
        &self.config
    }

    /// The FSRS rating an answer earns (see the module notes).
    pub fn grade(&self, outcome: Outcome, seconds: f64, hints_used: u32) -> Grade {
        match outcome {
            Outcome::SelfGraded(grade) => grade,
            Outcome::Incorrect => Grade::Again,
            Outcome::Correct if hints_used > 0 || seconds > self.config.slow_seconds => Grade::Hard,
            Outcome::Correct => Grade::Good,
        }
    }

    /// The card after a review graded `grade` at `at`. `None` is a question
    /// answered for the first time. A stored state FSRS cannot work with
    /// (damaged by hand) starts afresh rather than producing nonsense.
    pub fn next(&self, card: Option<&CardState>, grade: Grade, at: DateTime<Utc>) -> CardState {
        let current = match card {
            Some(card) if card.is_sound() => card.to_fsrs(),
            _ => Card { due: at, last_review: at, ..Card::default() },
        };
        // A clock set back (or two machines syncing one data directory) must
        // not give FSRS a negative elapsed time.
        let at = if current.state == State::New { at } else { at.max(current.last_review) };
        let rating = match grade {
            Grade::Again => Rating::Again,
            Grade::Hard => Rating::Hard,
            Grade::Good => Rating::Good,
            Grade::Easy => Rating::Easy,
        };
        CardState::from_fsrs(&self.fsrs.next(current, at, rating).card)
    }
}

/// What a review session offers, in order: due cards (most overdue first),
/// then new questions.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ReviewQueue {
    pub due: Vec<QuestionKey>,
    pub new: Vec<QuestionKey>,
}

impl ReviewQueue {
    pub fn len(&self) -> usize {
        self.due.len() + self.new.len()
    }

    pub fn is_empty(&self) -> bool {
        self.due.is_empty() && self.new.is_empty()
    }

    /// Every question in the order to ask them.
    pub fn iter(&self) -> impl Iterator<Item = &QuestionKey> {
        self.due.iter().chain(&self.new)
    }
}

/// Build the review queue for `now`.
///
/// `pool` lists every question the learner could be asked (the loaded packs,
/// in course order); cards for questions no longer in any pack are skipped,
/// since there is nothing to show. `introduced_today` is how many questions
/// were answered for the first time in the current study day, in any mode:
/// they count against the daily new limit because each adds to the reviews of
/// the days ahead.
pub fn review_queue<'a, S: BuildHasher>(
    pool: impl IntoIterator<Item = &'a QuestionKey>,
    cards: &HashMap<QuestionKey, CardState, S>,
    introduced_today: usize,
    now: DateTime<FixedOffset>,
    config: &ScheduleConfig,
) -> ReviewQueue {
    let mut seen = HashSet::new();
    let mut due: Vec<(&CardState, &QuestionKey)> = Vec::new();
    let mut new = Vec::new();
    let new_allowed = config.daily_new_limit.saturating_sub(introduced_today);
    for key in pool {
        if !seen.insert(key) {
            continue;
        }
        match cards.get(key) {
            Some(card) if card.is_due(now) => due.push((card, key)),
            None if new.len() < new_allowed => new.push(key.clone()),
            Some(_) | None => {}
        }
    }
    due.sort_by(|(a, ka), (b, kb)| a.due.cmp(&b.due).then_with(|| ka.cmp(kb)));
    ReviewQueue { due: due.into_iter().map(|(_, k)| k.clone()).collect(), new }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn day0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 1, 6, 18, 0, 0).single().expect("date")
    }

    fn local(at: DateTime<Utc>) -> DateTime<FixedOffset> {
        at.with_timezone(&FixedOffset::east_opt(0).expect("offset"))
    }

    #[test]
    fn auto_grading_maps_results_to_ratings() {
        let s = Scheduler::default();
        assert_eq!(s.grade(Outcome::Incorrect, 5.0, 0), Grade::Again);
        assert_eq!(s.grade(Outcome::Correct, 5.0, 0), Grade::Good);
        assert_eq!(s.grade(Outcome::Correct, 31.0, 0), Grade::Hard);
        assert_eq!(s.grade(Outcome::Correct, 5.0, 1), Grade::Hard);
        assert_eq!(s.grade(Outcome::SelfGraded(Grade::Easy), 99.0, 3), Grade::Easy);
    }

    #[test]
    fn correct_on_day_zero_is_due_days_later() {
        let s = Scheduler::default();
        let card = s.next(None, Grade::Good, day0());
        assert!(card.due - day0() >= Duration::days(2), "{:?}", card.due);
        assert!(!card.is_due(local(day0())));
        assert!(!card.is_due(local(day0() + Duration::days(1))));
        assert!(card.is_due(local(card.due)));
        assert_eq!(card.reps, 1);
        assert_eq!(card.phase, CardPhase::Review);
    }

    #[test]
    fn again_comes_back_within_a_day() {
        let s = Scheduler::default();
        let good = s.next(None, Grade::Good, day0());
        let at = good.due;
        let lapsed = s.next(Some(&good), Grade::Again, at);
        assert!(lapsed.due - at <= Duration::days(1), "{:?}", lapsed.due - at);
        assert!(lapsed.due > at);
        assert_eq!(lapsed.lapses, 1);
        // Due in the next study day, whatever the hour.
        assert!(lapsed.is_due(local(at + Duration::hours(11))));
        // Good again after a lapse: the interval grows once more.
        let back = s.next(Some(&lapsed), Grade::Good, lapsed.due);
        assert!(back.due - lapsed.due >= Duration::days(1));
    }

    #[test]
    fn intervals_grow_with_successive_good_reviews() {
        let s = Scheduler::default();
        let mut card = s.next(None, Grade::Good, day0());
        let mut last = card.scheduled_days;
        for _ in 0..4 {
            card = s.next(Some(&card), Grade::Good, card.due);
            assert!(card.scheduled_days > last, "{} after {last}", card.scheduled_days);
            last = card.scheduled_days;
        }
    }

    #[test]
    fn higher_retention_means_shorter_intervals() {
        let lax = Scheduler::new(&ScheduleConfig { desired_retention: 0.8, ..ScheduleConfig::default() });
        let strict = Scheduler::new(&ScheduleConfig { desired_retention: 0.97, ..ScheduleConfig::default() });
        let a = lax.next(None, Grade::Good, day0());
        let a = lax.next(Some(&a), Grade::Good, a.due);
        let b = strict.next(None, Grade::Good, day0());
        let b = strict.next(Some(&b), Grade::Good, b.due);
        assert!(b.scheduled_days < a.scheduled_days, "{} vs {}", b.scheduled_days, a.scheduled_days);
    }

    #[test]
    fn damaged_state_starts_afresh_and_clock_skew_is_harmless() {
        let s = Scheduler::default();
        let mut card = s.next(None, Grade::Good, day0());
        card.stability = f64::NAN;
        let next = s.next(Some(&card), Grade::Good, day0() + Duration::days(3));
        assert!(next.stability.is_finite());
        let sound = s.next(None, Grade::Good, day0());
        let earlier = s.next(Some(&sound), Grade::Good, day0() - Duration::days(5));
        assert!(earlier.stability.is_finite() && earlier.due > day0());
    }

    #[test]
    fn queue_puts_most_overdue_first_then_new_up_to_the_limit() {
        let s = Scheduler::default();
        let keys: Vec<QuestionKey> = (0..6).map(|i| QuestionKey::new("p", format!("q{i}"))).collect();
        let mut cards = HashMap::new();
        // q0 due in 3 days, q1 in 3 days but answered a day earlier, q2 not due.
        cards.insert(keys[0].clone(), s.next(None, Grade::Good, day0()));
        cards.insert(keys[1].clone(), s.next(None, Grade::Good, day0() - Duration::days(1)));
        cards.insert(keys[2].clone(), s.next(None, Grade::Easy, day0()));
        let now = local(day0() + Duration::days(4));
        let config = ScheduleConfig { daily_new_limit: 3, ..ScheduleConfig::default() };
        let queue = review_queue(&keys, &cards, 1, now, &config);
        assert_eq!(queue.due, vec![keys[1].clone(), keys[0].clone()]);
        assert_eq!(queue.new, vec![keys[3].clone(), keys[4].clone()]);
        assert_eq!(queue.len(), 4);
        // Limit already used up today: no new questions.
        let queue = review_queue(&keys, &cards, 5, now, &config);
        assert!(queue.new.is_empty());
        // A card whose question left every pack is not offered.
        let queue = review_queue(&keys[2..], &cards, 0, now, &config);
        assert!(queue.due.is_empty());
    }

    #[test]
    fn settings_are_clamped() {
        let c = ScheduleConfig { desired_retention: 1.5, daily_new_limit: 5, slow_seconds: f64::NAN }.clamped();
        assert!((c.desired_retention - 0.99).abs() < 1e-9);
        assert!((c.slow_seconds - 30.0).abs() < 1e-9);
    }
}
