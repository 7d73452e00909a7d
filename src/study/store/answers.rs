//! Answers and the FSRS cards they update.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, Utc};
use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;

use super::{Store, StoreError, from_ms, to_ms};
use crate::study::drill::TopicTally;
use crate::study::schedule::{CardPhase, CardState, ReviewQueue, ScheduleConfig, Scheduler, review_queue};
use crate::study::{Grade, Mode, Outcome, QuestionKey, day_number, day_start_ms};

/// SQL for "this answer counts as right" (see [`Outcome::counts_as_correct`]).
pub(crate) const RIGHT: &str = "COALESCE(correct, grade <> 'again')";

/// One answer, as the quiz engine reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerInput {
    pub key: QuestionKey,
    pub pack_version: String,
    pub topic: String,
    pub answered_at: DateTime<Utc>,
    pub mode: Mode,
    pub outcome: Outcome,
    /// Time from showing the question to the answer.
    pub seconds: f64,
    pub hints_used: u32,
    /// What the learner answered, as text (choice texts, the typed answer...).
    pub response: String,
    /// The drill this answer belongs to (from [`Store::start_drill`]).
    pub drill: Option<super::DrillId>,
    /// The question's one-line title (its prompt's first line, plain text).
    pub title: String,
}

/// What [`Store::record_answer`] did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recorded {
    /// The answer's row id.
    pub id: i64,
    /// The FSRS rating applied.
    pub grade: Grade,
    /// The question's schedule after this answer.
    pub card: CardState,
    /// Whether this was the question's first answer ever.
    pub first_time: bool,
}

/// A stored answer, with every recorded field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerRow {
    pub id: i64,
    #[serde(with = "crate::study::rfc3339")]
    pub answered_at: DateTime<Utc>,
    pub pack_id: String,
    pub question_id: String,
    pub pack_version: String,
    pub topic: String,
    pub mode: Mode,
    /// `None` for a self-graded `card` question.
    pub correct: Option<bool>,
    pub grade: Grade,
    pub seconds: f64,
    pub hints_used: u32,
    pub response: String,
    pub drill_id: Option<i64>,
    /// Who answered ([`Store::learner`] when it was recorded; empty for
    /// answers recorded before schema version 3).
    pub learner: String,
    /// The question's one-line title (empty before schema version 3).
    pub title: String,
}

const ANSWER_COLUMNS: &str = "id, answered_at, pack_id, question_id, pack_version, topic, mode, correct, grade, \
                              seconds, hints_used, response, drill_id, learner, title";

fn answer_row(r: &Row<'_>) -> rusqlite::Result<AnswerRow> {
    let text = |i: usize| super::text(r, i);
    let mode = text(6)?;
    let grade = text(8)?;
    let bad = |i: usize, what: &str, v: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("unknown {what} {v:?} in answer {}", r.get::<_, i64>(0).unwrap_or(-1)).into(),
        )
    };
    Ok(AnswerRow {
        id: r.get(0)?,
        answered_at: from_ms(r.get(1)?),
        pack_id: text(2)?,
        question_id: text(3)?,
        pack_version: text(4)?,
        topic: text(5)?,
        mode: Mode::parse(&mode).ok_or_else(|| bad(6, "mode", &mode))?,
        correct: r.get::<_, Option<i64>>(7)?.map(|c| c != 0),
        grade: Grade::parse(&grade).ok_or_else(|| bad(8, "grade", &grade))?,
        seconds: r.get(9)?,
        hints_used: u32::try_from(r.get::<_, i64>(10)?).unwrap_or(0),
        response: text(11)?,
        drill_id: r.get(12)?,
        learner: text(13)?,
        title: text(14)?,
    })
}

const CARD_COLUMNS: &str = "due, stability, difficulty, elapsed_days, scheduled_days, reps, lapses, state, last_review";

/// A card from columns `at..at + 9` in [`CARD_COLUMNS`] order.
fn card_at(r: &Row<'_>, at: usize) -> rusqlite::Result<CardState> {
    Ok(CardState {
        due: from_ms(r.get(at)?),
        stability: r.get(at + 1)?,
        difficulty: r.get(at + 2)?,
        elapsed_days: r.get(at + 3)?,
        scheduled_days: r.get(at + 4)?,
        reps: u32::try_from(r.get::<_, i64>(at + 5)?).unwrap_or(0),
        lapses: u32::try_from(r.get::<_, i64>(at + 6)?).unwrap_or(0),
        // An unknown phase (damaged row) restarts the card rather than failing.
        phase: CardPhase::from_code(r.get(at + 7)?).unwrap_or(CardPhase::New),
        last_review: from_ms(r.get(at + 8)?),
    })
}

impl Store {
    /// Record one answer and update its question's schedule, in one
    /// transaction. `quiz` (for quizzes) saves where the quiz stands in the
    /// same transaction, so resuming never asks an answered question again.
    pub fn record_answer(
        &mut self,
        answer: &AnswerInput,
        scheduler: &Scheduler,
        quiz: Option<&super::QuizProgress>,
    ) -> Result<Recorded, StoreError> {
        let seconds = if answer.seconds.is_finite() { answer.seconds.clamp(0.0, 1.0e7) } else { 0.0 };
        let grade = scheduler.grade(answer.outcome, seconds, answer.hints_used);
        let at = to_ms(answer.answered_at);
        let learner = self.learner.clone();
        self.write(|tx| {
            let old: Option<CardState> = tx
                .query_row(
                    &format!("SELECT {CARD_COLUMNS} FROM cards WHERE pack_id = ?1 AND question_id = ?2"),
                    params![answer.key.pack, answer.key.question],
                    |r| card_at(r, 0),
                )
                .optional()?;
            let card = scheduler.next(old.as_ref(), grade, answer.answered_at);
            tx.execute(
                "INSERT INTO answers (pack_id, question_id, pack_version, topic, answered_at, mode, correct, grade, \
                 seconds, hints_used, response, drill_id, learner, title) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                params![
                    answer.key.pack,
                    answer.key.question,
                    answer.pack_version,
                    answer.topic,
                    at,
                    answer.mode.as_str(),
                    answer.outcome.checked(),
                    grade.as_str(),
                    seconds,
                    i64::from(answer.hints_used),
                    answer.response,
                    answer.drill,
                    learner,
                    answer.title,
                ],
            )?;
            let id = tx.last_insert_rowid();
            tx.execute(
                &format!(
                    "INSERT INTO cards (pack_id, question_id, {CARD_COLUMNS}, first_seen) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) \
                     ON CONFLICT (pack_id, question_id) DO UPDATE SET due = ?3, stability = ?4, difficulty = ?5, \
                     elapsed_days = ?6, scheduled_days = ?7, reps = ?8, lapses = ?9, state = ?10, last_review = ?11"
                ),
                params![
                    answer.key.pack,
                    answer.key.question,
                    to_ms(card.due),
                    card.stability,
                    card.difficulty,
                    card.elapsed_days,
                    card.scheduled_days,
                    i64::from(card.reps),
                    i64::from(card.lapses),
                    card.phase.code(),
                    to_ms(card.last_review),
                    at,
                ],
            )?;
            if let Some(quiz) = quiz {
                super::meta::put_quiz(tx, quiz)?;
            }
            Ok(Recorded { id, grade, card, first_time: old.is_none() })
        })
    }

    /// Every answer, oldest first.
    pub fn answers(&self) -> Result<Vec<AnswerRow>, StoreError> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!("SELECT {ANSWER_COLUMNS} FROM answers ORDER BY answered_at, id"))?;
            stmt.query_map([], answer_row)?.collect()
        })
    }

    /// Whether the newest answer to each of `keys` counted as right; a key
    /// never answered is absent. The reader marks its checkpoints with it.
    pub fn last_outcomes(&self, keys: &[QuestionKey]) -> Result<HashMap<QuestionKey, bool>, StoreError> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!(
                "SELECT {RIGHT} FROM answers WHERE pack_id = ?1 AND question_id = ?2
                 ORDER BY answered_at DESC, id DESC LIMIT 1"
            ))?;
            let mut out = HashMap::new();
            for key in keys {
                if let Some(right) =
                    stmt.query_row(params![key.pack, key.question], |r| r.get::<_, bool>(0)).optional()?
                {
                    out.insert(key.clone(), right);
                }
            }
            Ok(out)
        })
    }

    /// The answers of one drill, in the order given.
    pub(crate) fn drill_answers(&self, drill: super::DrillId) -> Result<Vec<AnswerRow>, StoreError> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!(
                "SELECT {ANSWER_COLUMNS} FROM answers WHERE drill_id = ?1 ORDER BY answered_at, id"
            ))?;
            stmt.query_map([drill], answer_row)?.collect()
        })
    }

    /// The schedule of one question, if it was ever answered.
    pub fn card(&self, key: &QuestionKey) -> Result<Option<CardState>, StoreError> {
        self.read(|c| {
            c.query_row(
                &format!("SELECT {CARD_COLUMNS} FROM cards WHERE pack_id = ?1 AND question_id = ?2"),
                params![key.pack, key.question],
                |r| card_at(r, 0),
            )
            .optional()
        })
    }

    /// Every card.
    pub fn cards(&self) -> Result<HashMap<QuestionKey, CardState>, StoreError> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!("SELECT pack_id, question_id, {CARD_COLUMNS} FROM cards"))?;
            stmt.query_map([], |r| Ok((QuestionKey::new(super::text(r, 0)?, super::text(r, 1)?), card_at(r, 2)?)))?
                .collect()
        })
    }

    /// How many questions have a schedule (were ever answered).
    pub fn card_count(&self) -> Result<usize, StoreError> {
        self.read(|c| c.query_row("SELECT count(*) FROM cards", [], |r| r.get::<_, i64>(0)))
            .map(|n| usize::try_from(n).unwrap_or(0))
    }

    /// Cards due in the study day containing `now` (all packs, including
    /// questions no longer installed; [`Store::review_queue`] filters those).
    pub fn due_count(&self, now: DateTime<FixedOffset>) -> Result<usize, StoreError> {
        let end = day_start_ms(day_number(to_ms(now.to_utc()), *now.offset()) + 1, *now.offset());
        self.read(|c| c.query_row("SELECT count(*) FROM cards WHERE due < ?1", [end], |r| r.get::<_, i64>(0)))
            .map(|n| usize::try_from(n).unwrap_or(0))
    }

    /// Questions answered for the first time in the study day containing `now`.
    pub fn introduced_today(&self, now: DateTime<FixedOffset>) -> Result<usize, StoreError> {
        let day = day_number(to_ms(now.to_utc()), *now.offset());
        let (start, end) = (day_start_ms(day, *now.offset()), day_start_ms(day + 1, *now.offset()));
        self.read(|c| {
            c.query_row("SELECT count(*) FROM cards WHERE first_seen >= ?1 AND first_seen < ?2", [start, end], |r| {
                r.get::<_, i64>(0)
            })
        })
        .map(|n| usize::try_from(n).unwrap_or(0))
    }

    /// The review queue for `now` over the questions in `pool` (see
    /// [`crate::study::review_queue`]).
    pub fn review_queue<'a>(
        &self,
        pool: impl IntoIterator<Item = &'a QuestionKey>,
        now: DateTime<FixedOffset>,
        config: &ScheduleConfig,
    ) -> Result<ReviewQueue, StoreError> {
        let cards = self.cards()?;
        let introduced = self.introduced_today(now)?;
        Ok(review_queue(pool, &cards, introduced, now, config))
    }

    /// Per topic, the tally of its last `last_n` answers (all modes): the
    /// "recent accuracy" drills weight by.
    pub fn recent_topic_tallies(&self, last_n: usize) -> Result<HashMap<String, TopicTally>, StoreError> {
        let n = i64::try_from(last_n).unwrap_or(i64::MAX);
        self.read(|c| {
            // Per topic, the newest N through the (topic, answered_at) index:
            // a window function over all answers sorts the whole table.
            let mut stmt = c.prepare(&format!(
                "SELECT t.topic,
                     (SELECT sum(ok) FROM (SELECT {RIGHT} AS ok FROM answers a WHERE a.topic = t.topic
                                           ORDER BY answered_at DESC, id DESC LIMIT ?1)),
                     (SELECT count(*) FROM (SELECT 1 FROM answers a WHERE a.topic = t.topic
                                            ORDER BY answered_at DESC, id DESC LIMIT ?1))
                 FROM (SELECT DISTINCT topic FROM answers) t"
            ))?;
            stmt.query_map([n], tally_row)?.collect()
        })
    }

    /// Per topic, the tally of every answer ever, by topic name.
    pub fn topic_tallies(&self) -> Result<Vec<(String, TopicTally)>, StoreError> {
        self.read(|c| {
            let mut stmt =
                c.prepare(&format!("SELECT topic, sum({RIGHT}), count(*) FROM answers GROUP BY topic ORDER BY topic"))?;
            stmt.query_map([], tally_row)?.collect()
        })
    }
}

pub(crate) fn tally_row(r: &Row<'_>) -> rusqlite::Result<(String, TopicTally)> {
    let count = |i: usize| -> rusqlite::Result<u32> { Ok(u32::try_from(r.get::<_, i64>(i)?).unwrap_or(u32::MAX)) };
    Ok((super::text(r, 0)?, TopicTally { correct: count(1)?, answered: count(2)? }))
}
