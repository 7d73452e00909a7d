//! Figures that lead somewhere, for the stats screen and `stats --json`:
//! the reviews coming due over the next 7 days, accuracy week by week,
//! progress per module, and the weakest topics with the lesson to open.
//! Computed from the store and the course; nothing here draws.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate};
use serde::Serialize;

use crate::course::Course;
use crate::study::{Stats, Store, StoreError};

/// Days in the review forecast.
pub const FORECAST_DAYS: usize = 7;
/// Weeks of accuracy shown.
pub const WEEKS: usize = 8;
/// At most this many weak topics.
const WEAK_TOPICS: usize = 3;
/// A topic is weak below this accuracy, once it has this many answers.
const WEAK_BELOW: f64 = 0.8;
const WEAK_MIN_ANSWERS: u32 = 2;

/// Reviews due on one day (the first day counts everything overdue too).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ForecastDay {
    pub date: NaiveDate,
    pub due: usize,
}

/// Accuracy over the answers of one week (weeks start on Monday).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Week {
    pub week_of: NaiveDate,
    pub answered: usize,
    pub correct: usize,
    pub accuracy: Option<f64>,
}

/// Lessons completed in one module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModuleProgress {
    pub module: String,
    pub completed: usize,
    pub lessons: usize,
}

/// A topic to work on, and where it is taught.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeakTopic {
    pub topic: String,
    pub accuracy: f64,
    pub answered: u32,
    /// The lesson most of its questions link to (id), when there is one.
    pub lesson: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
    pub forecast: Vec<ForecastDay>,
    pub accuracy_by_week: Vec<Week>,
    pub modules: Vec<ModuleProgress>,
    pub weak_topics: Vec<WeakTopic>,
}

impl Figures {
    /// A learner with no progress yet: nothing due, no answers, no lesson done.
    pub fn empty(course: &Course, now: DateTime<FixedOffset>) -> Self {
        let today = now.date_naive();
        let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
        Self {
            forecast: (0..FORECAST_DAYS)
                .map(|d| ForecastDay { date: today + Duration::days(d as i64), due: 0 })
                .collect(),
            accuracy_by_week: (0..WEEKS)
                .rev()
                .map(|w| Week { week_of: monday - Duration::weeks(w as i64), answered: 0, correct: 0, accuracy: None })
                .collect(),
            modules: course
                .modules
                .iter()
                .map(|m| ModuleProgress { module: m.name.clone(), completed: 0, lessons: m.lessons.len() })
                .collect(),
            weak_topics: Vec::new(),
        }
    }

    /// The figures of `store` for `course`, as of `now` (local time decides
    /// where days and weeks begin).
    pub fn new(course: &Course, store: &Store, stats: &Stats, now: DateTime<FixedOffset>) -> Result<Self, StoreError> {
        let today = now.date_naive();
        let mut forecast: Vec<ForecastDay> =
            (0..FORECAST_DAYS).map(|d| ForecastDay { date: today + Duration::days(d as i64), due: 0 }).collect();
        for card in store.cards()?.values() {
            let day = card.due.with_timezone(now.offset()).date_naive();
            let at = usize::try_from((day - today).num_days().max(0)).unwrap_or(usize::MAX);
            if let Some(slot) = forecast.get_mut(at) {
                slot.due += 1;
            }
        }
        let monday = |d: NaiveDate| d - Duration::days(i64::from(d.weekday().num_days_from_monday()));
        let this_week = monday(today);
        let mut weeks: BTreeMap<NaiveDate, (usize, usize)> =
            (0..WEEKS).map(|w| (this_week - Duration::weeks(w as i64), (0, 0))).collect();
        for a in store.answers()? {
            let week = monday(a.answered_at.with_timezone(now.offset()).date_naive());
            if let Some((answered, correct)) = weeks.get_mut(&week) {
                *answered += 1;
                *correct += usize::from(a.correct.unwrap_or(a.grade != crate::quiz::model::Grade::Again));
            }
        }
        let accuracy_by_week = weeks
            .into_iter()
            .map(|(week_of, (answered, correct))| Week {
                week_of,
                answered,
                correct,
                accuracy: (answered > 0).then(|| correct as f64 / answered as f64),
            })
            .collect();
        let done: std::collections::HashSet<(String, String)> =
            store.lessons()?.into_iter().filter(|l| l.completed_at.is_some()).map(|l| (l.course, l.lesson)).collect();
        let modules = course
            .modules
            .iter()
            .map(|m| ModuleProgress {
                module: m.name.clone(),
                lessons: m.lessons.len(),
                completed: m
                    .lessons
                    .iter()
                    .filter(|&&l| {
                        let lesson = &course.lessons[l];
                        let c = lesson.course.clone().unwrap_or_else(|| "builtin".to_owned());
                        done.contains(&(c, lesson.meta.id.clone()))
                    })
                    .count(),
            })
            .collect();
        Ok(Self { forecast, accuracy_by_week, modules, weak_topics: weak_topics(course, stats) })
    }
}

/// The weakest topics (below 80 %, with a few answers), weakest first.
pub fn weak_topics(course: &Course, stats: &Stats) -> Vec<WeakTopic> {
    let mut weak: Vec<WeakTopic> = stats
        .topics
        .iter()
        .filter(|t| t.answered >= WEAK_MIN_ANSWERS)
        .filter_map(|t| {
            let accuracy = t.accuracy?;
            (accuracy < WEAK_BELOW).then(|| WeakTopic {
                topic: t.topic.clone(),
                accuracy,
                answered: t.answered,
                lesson: lesson_of(course, &t.topic),
            })
        })
        .collect();
    weak.sort_by(|a, b| a.accuracy.total_cmp(&b.accuracy).then_with(|| a.topic.cmp(&b.topic)));
    weak.truncate(WEAK_TOPICS);
    weak
}

/// The lesson most questions of `topic` link to (the earliest on a tie).
fn lesson_of(course: &Course, topic: &str) -> Option<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for q in course.packs.iter().flat_map(|p| &p.questions).filter(|q| q.topic == topic) {
        if let Some(l) = q.lesson.as_deref().filter(|l| course.lesson(l).is_some()) {
            *counts.entry(l).or_default() += 1;
        }
    }
    let order = |id: &str| course.lesson_index(id).unwrap_or(usize::MAX);
    counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| order(b.0).cmp(&order(a.0)))).map(|(l, _)| l.to_owned())
}
