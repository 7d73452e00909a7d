//! "Next up": the one step the learner should take now, with its reason
//! and its cost, for the home screen's first row and the end of every
//! lesson, quiz, review and drill. Lessons are taken in course order, so
//! walking "Next up" again and again reads lesson 1, takes its quiz, reads
//! lesson 2, … and reviews what comes due on the way.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, FixedOffset};

use crate::course::Course;
use crate::study::{Store, StoreError};

/// The course name the store uses for the built-in course.
const BUILTIN_COURSE: &str = "builtin";

/// One recommended step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Cards are due (and new ones may wait).
    Review { due: usize, new: usize },
    /// A lesson opened and not finished, at this position (0..=10,000).
    Continue { lesson: usize, position: usize },
    /// A finished lesson whose questions were never answered.
    LessonQuiz { lesson: usize, questions: usize },
    /// The first lesson not opened yet.
    NextLesson { lesson: usize },
    /// Everything read and quizzed: practise against the clock.
    Drill,
}

impl Step {
    /// "Review 12 due cards · ~4 min", "Next lesson: 8. Cold starts · 6 min".
    pub fn label(&self, course: &Course) -> String {
        let lesson = |l: usize| {
            let m = &course.lessons[l].meta;
            format!("{}. {}", m.order, crate::text::sanitize(&m.title))
        };
        match *self {
            Self::Review { due, new } => {
                let minutes = (due + new).div_ceil(3).max(1);
                if due > 0 {
                    format!("Review {due} due card{} · ~{minutes} min", if due == 1 { "" } else { "s" })
                } else {
                    format!("Review {new} new question{} · ~{minutes} min", if new == 1 { "" } else { "s" })
                }
            }
            Self::Continue { lesson: l, position } => {
                format!(
                    "Continue lesson {} at {} % · {} min",
                    lesson(l),
                    position / 100,
                    course.lessons[l].meta.minutes
                )
            }
            Self::LessonQuiz { lesson: l, questions } => {
                format!("Quiz: {questions} questions on lesson {} · ~{} min", lesson(l), questions.div_ceil(2).max(1))
            }
            Self::NextLesson { lesson: l } => {
                format!("Next lesson: {} · {} min", lesson(l), course.lessons[l].meta.minutes)
            }
            Self::Drill => "Drill your weakest topics · 15 min".to_owned(),
        }
    }

    /// Why this step: one short sentence.
    pub fn reason(&self) -> &'static str {
        match self {
            Self::Review { due: 0, .. } => "New questions from the lessons you have read.",
            Self::Review { .. } => "These questions are about to slip: reviewing now keeps them.",
            Self::Continue { .. } => "You started this lesson and have not finished it.",
            Self::LessonQuiz { .. } => "You read this lesson: check what stayed with you.",
            Self::NextLesson { .. } => "The next lesson in the course.",
            Self::Drill => "Every lesson read and quizzed: practise against the clock.",
        }
    }
}

/// The step to take now. Without a store (nothing remembered), the first lesson.
pub fn next_step(course: &Course, store: Option<&Store>, now: DateTime<FixedOffset>) -> Result<Step, StoreError> {
    let Some(store) = store else {
        return Ok(if course.lessons.is_empty() { Step::Drill } else { Step::NextLesson { lesson: 0 } });
    };
    let (due, new) = super::review::counts(&course.packs, store, now)?;
    if due > 0 {
        return Ok(Step::Review { due, new });
    }
    let progress: HashMap<(String, String), _> =
        store.lessons()?.into_iter().map(|l| ((l.course.clone(), l.lesson.clone()), l)).collect();
    let answered: HashSet<(String, String)> = store.cards()?.into_keys().map(|k| (k.pack, k.question)).collect();
    let key = |l: usize| {
        let lesson = &course.lessons[l];
        (lesson.course.clone().unwrap_or_else(|| BUILTIN_COURSE.to_owned()), lesson.meta.id.clone())
    };
    // Lessons in course order: modules as the home screen lists them.
    let order: Vec<usize> = course.modules.iter().flat_map(|m| m.lessons.iter().copied()).collect();
    for &l in &order {
        match progress.get(&key(l)) {
            Some(p) if p.completed_at.is_none() => {
                return Ok(Step::Continue { lesson: l, position: p.position as usize });
            }
            Some(_) => {
                let id = &course.lessons[l].meta.id;
                let questions: Vec<(String, String)> = course
                    .packs
                    .iter()
                    .flat_map(|p| p.questions.iter().map(move |q| (p, q)))
                    .filter(|(_, q)| q.lesson.as_ref() == Some(id))
                    .map(|(p, q)| (p.meta.id.clone(), q.id.clone()))
                    .collect();
                if !questions.is_empty() && !questions.iter().any(|q| answered.contains(q)) {
                    return Ok(Step::LessonQuiz { lesson: l, questions: questions.len() });
                }
            }
            None => return Ok(Step::NextLesson { lesson: l }),
        }
    }
    Ok(if new > 0 { Step::Review { due, new } } else { Step::Drill })
}
