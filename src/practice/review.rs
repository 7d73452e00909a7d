//! Spaced review as a session: the store's review queue (due cards, most
//! overdue first, then new questions up to the daily limit) over every
//! installed question, asked in that order with choices shuffled.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, FixedOffset, Utc};

use super::{Practice, Purpose, Truth, askable};
use crate::quiz::model::Pack;
use crate::quiz::session::{QuizSession, SessionItem};
use crate::study::{QuestionKey, Store, StoreError, study_day};

/// Why there is nothing to review, in figures for the learner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewEmpty {
    /// Installed questions with a schedule.
    pub scheduled: usize,
    /// When the next of them comes due.
    pub next_due: Option<DateTime<Utc>>,
}

/// Every question that can be asked, in course order, by key: those
/// already answered (they have a card) and, as new questions, only those
/// on a lesson the learner has opened, never unseen material.
fn pool(packs: &[Pack], store: &Store, truth: &Truth) -> Result<Vec<(QuestionKey, SessionItem)>, StoreError> {
    let cards = store.cards()?;
    let opened: HashSet<String> = store.lessons()?.into_iter().map(|l| l.lesson).collect();
    Ok(packs
        .iter()
        .flat_map(|pack| pack.questions.iter().map(move |q| (pack, q)))
        .filter_map(|(pack, q)| {
            let key = QuestionKey::new(pack.meta.id.clone(), q.id.clone());
            let seen = cards.contains_key(&key) || q.lesson.as_ref().is_some_and(|l| opened.contains(l));
            (seen && askable(&q.kind, truth)).then(|| (key, super::item(&pack.meta.id, q, truth)))
        })
        .collect())
}

/// (due, new) for the home screen's "Review (N due · M new)": the queue
/// review would build now, without running the simulator.
pub fn counts(packs: &[Pack], store: &Store, now: DateTime<FixedOffset>) -> Result<(usize, usize), StoreError> {
    let cards = store.cards()?;
    let opened: HashSet<String> = store.lessons()?.into_iter().map(|l| l.lesson).collect();
    let keys: Vec<QuestionKey> = packs
        .iter()
        .flat_map(|pack| pack.questions.iter().map(move |q| (pack, q)))
        .map(|(pack, q)| (QuestionKey::new(pack.meta.id.clone(), q.id.clone()), q.lesson.as_ref()))
        .filter(|(k, lesson)| cards.contains_key(k) || lesson.is_some_and(|l| opened.contains(l)))
        .map(|(k, _)| k)
        .collect();
    let config = store.schedule_config()?;
    let queue = store.review_queue(keys.iter(), now, &config)?;
    Ok((queue.due.len(), queue.new.len()))
}

/// Today's review (`Ok(Err(..))` when nothing is due and no new question
/// is left for today). `seed` shuffles the choices.
pub fn review(
    packs: &[Pack],
    store: &Store,
    now: DateTime<FixedOffset>,
    seed: u64,
    truth: &Truth,
) -> Result<Result<(Practice, QuizSession), ReviewEmpty>, StoreError> {
    let pool = pool(packs, store, truth)?;
    let config = store.schedule_config()?;
    let queue = store.review_queue(pool.iter().map(|(k, _)| k), now, &config)?;
    if queue.is_empty() {
        let cards = store.cards()?;
        let installed: Vec<_> = pool.iter().filter_map(|(k, _)| cards.get(k)).collect();
        let next_due = installed.iter().map(|c| c.due).min();
        return Ok(Err(ReviewEmpty { scheduled: installed.len(), next_due }));
    }
    let by_key: HashMap<&QuestionKey, &SessionItem> = pool.iter().map(|(k, i)| (k, i)).collect();
    let items: Vec<SessionItem> = queue.iter().filter_map(|k| by_key.get(k).map(|i| (*i).clone())).collect();
    let purpose = Purpose::Review { due: queue.due.len(), new: queue.new.len() };
    let practice = Practice::new(purpose, "Review".to_owned(), packs);
    Ok(Ok((practice, QuizSession::from_items(items, seed))))
}

/// "tomorrow", "in 3 days": when a card comes back, in study days (which
/// roll over at 04:00, as "due" does).
pub fn next_review(due: DateTime<Utc>, now: DateTime<FixedOffset>) -> String {
    let offset = *now.offset();
    let days = (study_day(due, offset) - study_day(now.to_utc(), offset)).num_days();
    match days {
        i64::MIN..=0 => "today".to_owned(),
        1 => "tomorrow".to_owned(),
        n => format!("in {n} days"),
    }
}

/// "Next review in 3 days." for a card due at `due`.
pub fn next_review_sentence(due: DateTime<Utc>, now: DateTime<FixedOffset>) -> String {
    format!("Next review {}.", next_review(due, now))
}

/// Why there is nothing to do, and when there will be, in a sentence.
pub fn nothing_due(empty: &ReviewEmpty, now: DateTime<FixedOffset>) -> String {
    let next =
        empty.next_due.map_or_else(String::new, |due| format!(" The next one comes back {}.", next_review(due, now)));
    if empty.scheduled == 0 {
        "Nothing to review: no question is scheduled yet, and today's new questions are done.".to_owned()
    } else {
        let noun = if empty.scheduled == 1 { "question is" } else { "questions are" };
        format!("Nothing to review now: {} {noun} scheduled.{next}", empty.scheduled)
    }
}
