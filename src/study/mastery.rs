//! Mastery: how likely the learner is to recall a set of questions now,
//! from the FSRS memory state of each card (stability and the days since
//! the last review give the retrievability), not from past accuracy alone.
//! A question never answered counts as not recalled.

use std::collections::HashMap;
use std::hash::BuildHasher;

use chrono::{DateTime, Utc};

use super::{CardPhase, CardState, QuestionKey};

/// Retrievability at or above this, with every card past its learning
/// steps, is "mastered".
pub const MASTERED: f64 = 0.9;

/// The probability of recalling the card's question at `now` (0 for a new
/// card).
pub fn retrievability(card: &CardState, now: DateTime<Utc>) -> f64 {
    card.to_fsrs().get_retrievability(now).clamp(0.0, 1.0)
}

/// What the learner holds of a set of questions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mastery {
    /// Mean retrievability over the questions, unanswered ones as 0.
    pub recall: f64,
    /// Every question in review (past learning) and recalled at least at
    /// [`MASTERED`].
    pub mastered: bool,
}

/// The mastery of `keys` (`None` when there are none).
pub fn mastery<'a, S: BuildHasher>(
    keys: impl IntoIterator<Item = &'a QuestionKey>,
    cards: &HashMap<QuestionKey, CardState, S>,
    now: DateTime<Utc>,
) -> Option<Mastery> {
    let mut total = 0.0;
    let mut n = 0usize;
    let mut mastered = true;
    for key in keys {
        n += 1;
        match cards.get(key) {
            Some(card) => {
                let r = retrievability(card, now);
                total += r;
                mastered &= card.phase == CardPhase::Review && r >= MASTERED;
            }
            None => mastered = false,
        }
    }
    (n > 0).then(|| Mastery { recall: total / n as f64, mastered })
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;

    fn card(phase: CardPhase, stability: f64, last: DateTime<Utc>) -> CardState {
        CardState {
            due: last,
            stability,
            difficulty: 5.0,
            elapsed_days: 0,
            scheduled_days: 0,
            reps: 3,
            lapses: 0,
            phase,
            last_review: last,
        }
    }

    #[test]
    fn recall_fades_with_time_and_unseen_questions_count_as_zero() {
        let now = Utc::now();
        let (a, b) = (QuestionKey::new("p", "a"), QuestionKey::new("p", "b"));
        let fresh = HashMap::from([(a.clone(), card(CardPhase::Review, 10.0, now))]);
        let old = HashMap::from([(a.clone(), card(CardPhase::Review, 10.0, now - Duration::days(30)))]);
        let m = mastery([&a], &fresh, now).expect("one key");
        assert!(m.recall > 0.99 && m.mastered, "{m:?}");
        let faded = mastery([&a], &old, now).expect("one key");
        assert!(faded.recall < 0.85 && !faded.mastered, "{faded:?}");
        let half = mastery([&a, &b], &fresh, now).expect("two keys");
        assert!((half.recall - 0.5).abs() < 0.01 && !half.mastered, "{half:?}");
        let learning = HashMap::from([(a.clone(), card(CardPhase::Learning, 1.0, now))]);
        assert!(!mastery([&a], &learning, now).expect("one").mastered, "still learning");
        assert_eq!(mastery([], &fresh, now), None);
    }
}
