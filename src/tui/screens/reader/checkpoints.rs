//! What the reader knows of a lesson's checkpoints (which questions, where
//! each one is in the laid-out text, which ones the learner has answered),
//! so Enter can answer the checkpoint on screen.

use std::collections::HashMap;

use crate::course::Course;
use crate::course::reading::{checkpoint_label, installed_refs};
use crate::markdown::Layout;
use crate::study::QuestionKey;
use crate::tui::progress::Progress;

/// A lesson's checkpoint questions as the reader tracks them.
#[derive(Debug, Clone, Default)]
pub struct Checkpoints {
    /// `pack/question`, in the order the lesson places them.
    pub keys: Vec<String>,
    /// The newest answer to each, right or not (absent: never answered).
    pub outcomes: HashMap<String, bool>,
    /// The laid-out line of each checkpoint's label (`None` until laid out).
    lines: Vec<Option<usize>>,
}

impl Checkpoints {
    pub fn new(course: &Course, lesson: usize) -> Self {
        let keys: Vec<String> = installed_refs(&course.lessons[lesson].body, &course.packs)
            .iter()
            .map(crate::course::checkpoint::QuestionRef::key)
            .collect();
        Self { lines: vec![None; keys.len()], keys, outcomes: HashMap::new() }
    }

    /// Read the newest answers from the store; true when they changed.
    pub fn refresh(&mut self, progress: &Progress) -> bool {
        let Some(store) = progress.store() else { return false };
        let keys: Vec<QuestionKey> =
            self.keys.iter().filter_map(|k| k.split_once('/').map(|(p, q)| QuestionKey::new(p, q))).collect();
        let Ok(found) = store.last_outcomes(&keys) else { return false };
        let outcomes: HashMap<String, bool> = found.into_iter().map(|(k, right)| (k.to_string(), right)).collect();
        let changed = outcomes != self.outcomes;
        self.outcomes = outcomes;
        changed
    }

    /// Find each checkpoint's label in the laid-out lines.
    pub fn locate(&mut self, layout: &Layout) {
        let total = self.keys.len();
        let mut from = 0;
        for (i, slot) in self.lines.iter_mut().enumerate() {
            // The label and the mark's separator, so that "Checkpoint 1 of
            // 4" is not found inside prose that merely mentions it.
            let label = format!("{} ·", checkpoint_label(i + 1, total));
            *slot =
                layout.lines.iter().enumerate().skip(from).find(|(_, l)| l.plain().contains(&label)).map(|(n, _)| n);
            if let Some(n) = *slot {
                from = n + 1;
            }
        }
    }

    pub fn is_answered(&self, i: usize) -> bool {
        self.keys.get(i).is_some_and(|k| self.outcomes.contains_key(k))
    }

    /// Whether every checkpoint has an answer (a lesson with none has).
    pub fn all_answered(&self) -> bool {
        (0..self.keys.len()).all(|i| self.is_answered(i))
    }

    pub fn unanswered(&self) -> usize {
        (0..self.keys.len()).filter(|&i| !self.is_answered(i)).count()
    }

    /// The checkpoint whose label is on screen (rows `offset..offset +
    /// viewport`), an unanswered one first.
    pub fn on_screen(&self, offset: usize, viewport: usize) -> Option<usize> {
        let visible: Vec<usize> = (0..self.keys.len())
            .filter(|&i| self.lines[i].is_some_and(|line| line >= offset && line < offset + viewport))
            .collect();
        visible.iter().copied().find(|&i| !self.is_answered(i)).or_else(|| visible.first().copied())
    }

    /// The first checkpoint not answered yet, with its line.
    pub fn first_unanswered(&self) -> Option<(usize, Option<usize>)> {
        (0..self.keys.len()).find(|&i| !self.is_answered(i)).map(|i| (i, self.lines[i]))
    }

    pub fn total(&self) -> usize {
        self.keys.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unanswered_checkpoint_on_screen_comes_first() {
        let mut c = Checkpoints {
            keys: vec!["p/a".into(), "p/b".into(), "p/c".into()],
            outcomes: HashMap::from([("p/a".to_owned(), true)]),
            lines: vec![Some(10), Some(14), Some(40)],
        };
        assert_eq!(c.on_screen(5, 20), Some(1));
        assert_eq!(c.on_screen(0, 12), Some(0), "an answered one when it is the only one");
        assert_eq!(c.on_screen(15, 20), None);
        assert_eq!(c.first_unanswered(), Some((1, Some(14))));
        assert!(!c.all_answered());
        c.outcomes.insert("p/b".into(), false);
        c.outcomes.insert("p/c".into(), false);
        assert!(c.all_answered(), "a wrong answer is an answer");
    }
}
