//! The home screen's marks: each lesson not started, in progress, done
//! (read to the end with its checkpoints answered) or mastered (its
//! questions recalled now, by FSRS), each module's recall and each
//! begun topic's ([`super::topics`]).

use std::collections::HashMap;

use crate::course::Course;
use crate::study::QuestionKey;
use crate::study::mastery::{Mastery, mastery};
use crate::tui::progress::Progress;

use super::topics::{TopicMark, topic_marks};

/// Mastery per lesson and per module (`None`: no questions, or no store).
#[derive(Debug, Clone, Default)]
pub struct Marks {
    pub lessons: Vec<Option<Mastery>>,
    pub modules: Vec<Option<Mastery>>,
    /// Every topic begun, weakest first.
    pub topics: Vec<TopicMark>,
}

impl Marks {
    pub fn new(course: &Course, progress: &Progress) -> Self {
        let Some(cards) = progress.store().and_then(|s| s.cards().ok()) else { return Self::default() };
        let now = chrono::Utc::now();
        let mut by_lesson: HashMap<&str, Vec<QuestionKey>> = HashMap::new();
        for pack in &course.packs {
            for q in &pack.questions {
                if let Some(lesson) = &q.lesson {
                    by_lesson.entry(lesson.as_str()).or_default().push(QuestionKey::new(&pack.meta.id, &q.id));
                }
            }
        }
        let keys_of = |l: usize| by_lesson.get(course.lessons[l].meta.id.as_str()).map_or(&[][..], Vec::as_slice);
        let lessons = (0..course.lessons.len()).map(|l| mastery(keys_of(l), &cards, now)).collect();
        let modules =
            course.modules.iter().map(|m| mastery(m.lessons.iter().flat_map(|&l| keys_of(l)), &cards, now)).collect();
        let topics = topic_marks(course, &cards, now);
        Self { lessons, modules, topics }
    }

    /// The mark before a lesson's title.
    pub fn lesson_mark(&self, course: &Course, progress: &Progress, l: usize) -> &'static str {
        let lesson = &course.lessons[l];
        let mastered = self.lessons.get(l).copied().flatten().is_some_and(|m| m.mastered);
        if progress.is_completed(lesson) && mastered {
            "★ "
        } else if progress.is_completed(lesson) {
            "✓ "
        } else if progress.is_opened(lesson) {
            "• "
        } else {
            "  "
        }
    }

    /// "recall 62%" for a module whose questions were answered.
    pub fn module_recall(&self, m: usize) -> Option<String> {
        let recall = self.modules.get(m).copied().flatten()?.recall;
        (recall > 0.0).then(|| format!(" · recall {:.0}%", recall * 100.0))
    }
}
