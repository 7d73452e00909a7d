//! Drills: a row per drill; its questions, times and per-topic results are its
//! answers (`answers.drill_id`), so nothing is stored twice.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;

use super::answers::RIGHT;
use super::{Store, StoreError, from_ms, to_ms};
use crate::study::drill::{DrillSize, TREND_WINDOW, TopicTally, Trend, trend};
use crate::study::{Grade, QuestionKey};

pub type DrillId = i64;

/// What a drill was asked to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrillSpec {
    pub size: DrillSize,
    pub seed: u64,
    /// `--topic` filters, if any.
    pub topics: Vec<String>,
}

/// One drill, with its score so far.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DrillSummary {
    pub id: DrillId,
    #[serde(with = "crate::study::rfc3339")]
    pub started_at: DateTime<Utc>,
    /// `None`: abandoned (or still running).
    #[serde(with = "crate::study::rfc3339::option")]
    pub finished_at: Option<DateTime<Utc>>,
    pub size: DrillSize,
    pub seed: u64,
    pub topics: Vec<String>,
    pub answered: u32,
    pub correct: u32,
    /// Time spent answering, summed over questions.
    pub seconds: f64,
}

impl DrillSummary {
    pub fn accuracy(&self) -> Option<f64> {
        TopicTally { correct: self.correct, answered: self.answered }.accuracy()
    }

    /// How long the drill lasted on the wall clock, start to finish (not
    /// the sum of answer times: reading and thinking count too).
    pub fn duration(&self) -> Option<std::time::Duration> {
        (self.finished_at? - self.started_at).to_std().ok()
    }
}

/// One question of a drill, as answered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DrillQuestion {
    pub key: QuestionKey,
    pub topic: String,
    pub seconds: f64,
    /// Right, or for a self-graded card, anything but "again".
    pub correct: bool,
    pub grade: Grade,
    pub self_graded: bool,
}

/// A drill's result in one topic, against the earlier drills.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicScore {
    pub topic: String,
    pub answered: u32,
    pub correct: u32,
    pub accuracy: Option<f64>,
    /// Accuracy in this topic over the earlier drills of the trend window.
    pub previous: Option<f64>,
}

/// Everything the drill end screen shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DrillReport {
    pub summary: DrillSummary,
    pub questions: Vec<DrillQuestion>,
    /// Weakest first.
    pub topics: Vec<TopicScore>,
    /// Against the last finished drills before this one.
    pub trend: Trend,
}

const SUMMARY: &str = "SELECT d.id, d.started_at, d.finished_at, d.minutes, d.question_count, d.seed, d.topics,
        count(a.id), coalesce(sum(a.ok), 0), coalesce(sum(a.seconds), 0.0)
    FROM drills d LEFT JOIN (SELECT id, drill_id, seconds, COALESCE(correct, grade <> 'again') AS ok FROM answers) a
        ON a.drill_id = d.id";

fn summary(r: &Row<'_>) -> rusqlite::Result<DrillSummary> {
    let minutes: Option<i64> = r.get(3)?;
    let count: Option<i64> = r.get(4)?;
    let size = match (minutes, count) {
        (_, Some(n)) => DrillSize::Count(usize::try_from(n).unwrap_or(0)),
        (Some(m), None) => DrillSize::Minutes(u32::try_from(m).unwrap_or(0)),
        (None, None) => DrillSize::default(),
    };
    let topics = super::text(r, 6)?;
    let number = |i: usize| -> rusqlite::Result<u32> { Ok(u32::try_from(r.get::<_, i64>(i)?).unwrap_or(0)) };
    Ok(DrillSummary {
        id: r.get(0)?,
        started_at: from_ms(r.get(1)?),
        finished_at: r.get::<_, Option<i64>>(2)?.map(from_ms),
        size,
        seed: r.get::<_, i64>(5)?.cast_unsigned(),
        topics: serde_json::from_str(&topics).unwrap_or_default(),
        answered: number(7)?,
        correct: number(8)?,
        seconds: r.get(9)?,
    })
}

impl Store {
    /// Begin a drill; record its answers with `drill: Some(id)`.
    pub fn start_drill(&mut self, spec: &DrillSpec, at: DateTime<Utc>) -> Result<DrillId, StoreError> {
        let (minutes, count) = match spec.size {
            DrillSize::Minutes(m) => (Some(i64::from(m)), None),
            DrillSize::Count(n) => (None, Some(i64::try_from(n).unwrap_or(i64::MAX))),
        };
        let topics = serde_json::to_string(&spec.topics).unwrap_or_else(|_| "[]".into());
        self.write(|tx| {
            tx.execute(
                "INSERT INTO drills (started_at, minutes, question_count, seed, topics) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![to_ms(at), minutes, count, spec.seed.cast_signed(), topics],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// End a drill and return its report (`None` if there is no such drill).
    pub fn finish_drill(&mut self, id: DrillId, at: DateTime<Utc>) -> Result<Option<DrillReport>, StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE drills SET finished_at = coalesce(finished_at, ?2) WHERE id = ?1",
                params![id, to_ms(at)],
            )
            .map(drop)
        })?;
        self.drill_report(id)
    }

    /// Every drill, oldest first, finished or not.
    pub fn drills(&self) -> Result<Vec<DrillSummary>, StoreError> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!("{SUMMARY} GROUP BY d.id ORDER BY d.started_at, d.id"))?;
            stmt.query_map([], summary)?.collect()
        })
    }

    /// The end-screen report of one drill.
    pub fn drill_report(&self, id: DrillId) -> Result<Option<DrillReport>, StoreError> {
        let Some(this) =
            self.read(|c| c.query_row(&format!("{SUMMARY} WHERE d.id = ?1 GROUP BY d.id"), [id], summary).optional())?
        else {
            return Ok(None);
        };
        let questions: Vec<DrillQuestion> = self
            .drill_answers(id)?
            .into_iter()
            .map(|a| DrillQuestion {
                correct: a.correct.unwrap_or(a.grade != Grade::Again),
                self_graded: a.correct.is_none(),
                key: QuestionKey::new(a.pack_id, a.question_id),
                topic: a.topic,
                seconds: a.seconds,
                grade: a.grade,
            })
            .collect();
        // Earlier finished drills with answers, most recent last.
        let earlier: Vec<DrillSummary> = self
            .drills()?
            .into_iter()
            .filter(|d| {
                d.id != id
                    && d.finished_at.is_some()
                    && d.answered > 0
                    && (d.started_at, d.id) < (this.started_at, this.id)
            })
            .collect();
        let window = &earlier[earlier.len().saturating_sub(TREND_WINDOW)..];
        let accuracies: Vec<f64> = window.iter().filter_map(DrillSummary::accuracy).collect();
        let previous_by_topic = self.topic_tallies_of(window.iter().map(|d| d.id))?;
        let mut by_topic: BTreeMap<&str, TopicTally> = BTreeMap::new();
        for q in &questions {
            let t = by_topic.entry(q.topic.as_str()).or_default();
            t.answered += 1;
            t.correct += u32::from(q.correct);
        }
        let mut topics: Vec<TopicScore> = by_topic
            .into_iter()
            .map(|(topic, t)| TopicScore {
                topic: topic.to_owned(),
                answered: t.answered,
                correct: t.correct,
                accuracy: t.accuracy(),
                previous: previous_by_topic.get(topic).and_then(|p| p.accuracy()),
            })
            .collect();
        topics.sort_by(|a, b| {
            a.accuracy.unwrap_or(1.0).total_cmp(&b.accuracy.unwrap_or(1.0)).then_with(|| a.topic.cmp(&b.topic))
        });
        Ok(Some(DrillReport { trend: trend(this.accuracy(), &accuracies), summary: this, questions, topics }))
    }

    /// Per-topic tallies over the answers of the given drills.
    fn topic_tallies_of(
        &self,
        drills: impl Iterator<Item = DrillId>,
    ) -> Result<BTreeMap<String, TopicTally>, StoreError> {
        let ids: Vec<String> = drills.map(|id| id.to_string()).collect();
        if ids.is_empty() {
            return Ok(BTreeMap::new());
        }
        // Ids are integers we formatted ourselves, so inlining them is safe.
        let sql = format!(
            "SELECT topic, sum({RIGHT}), count(*) FROM answers WHERE drill_id IN ({}) GROUP BY topic",
            ids.join(",")
        );
        self.read(|c| {
            let mut stmt = c.prepare(&sql)?;
            stmt.query_map([], super::answers::tally_row)?.collect()
        })
    }
}
