//! The home screen's topics: how much of each topic the learner would
//! recall now, from the FSRS memory state of its cards (retrievability
//! today, a question never answered counting as 0), with how many of its
//! cards were answered. Only topics the learner has begun are listed,
//! weakest first, so the list says where to work next.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use ratatui::text::{Line, Span};

use crate::course::Course;
use crate::study::mastery::{MASTERED, mastery, retrievability};
use crate::study::{CardPhase, CardState, QuestionKey};
use crate::tui::progress::Progress;
use crate::tui::strings;
use crate::tui::theme::Theme;
use crate::tui::widgets::{pad, progress_bar, truncate};

/// What the learner holds of one topic.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicMark {
    pub topic: String,
    /// Mean retrievability now over the topic's questions (0..=1).
    pub recall: f64,
    /// Questions answered at least once, and all the topic's questions.
    pub answered: usize,
    pub total: usize,
    /// Cards past learning and recalled at [`MASTERED`] or better.
    pub strong: usize,
    /// Lessons that teach it (their front matter names it), in course order.
    pub lessons: Vec<usize>,
}

/// Every begun topic of the course, weakest first (then by name).
pub fn topic_marks<S: std::hash::BuildHasher>(
    course: &Course,
    cards: &HashMap<QuestionKey, CardState, S>,
    now: DateTime<Utc>,
) -> Vec<TopicMark> {
    let mut keys: BTreeMap<&str, Vec<QuestionKey>> = BTreeMap::new();
    for pack in &course.packs {
        for q in &pack.questions {
            keys.entry(q.topic.as_str()).or_default().push(QuestionKey::new(&pack.meta.id, &q.id));
        }
    }
    let order: Vec<usize> = course.modules.iter().flat_map(|m| m.lessons.iter().copied()).collect();
    let mut marks: Vec<TopicMark> = keys
        .into_iter()
        .filter_map(|(topic, keys)| {
            let answered: Vec<&CardState> = keys.iter().filter_map(|k| cards.get(k)).collect();
            if answered.is_empty() {
                return None;
            }
            let held = mastery(&keys, cards, now)?;
            let strong =
                answered.iter().filter(|c| c.phase == CardPhase::Review && retrievability(c, now) >= MASTERED).count();
            let lessons =
                order.iter().copied().filter(|&l| course.lessons[l].meta.topics.iter().any(|t| t == topic)).collect();
            Some(TopicMark {
                topic: topic.to_owned(),
                recall: held.recall,
                answered: answered.len(),
                total: keys.len(),
                strong,
                lessons,
            })
        })
        .collect();
    marks.sort_by(|a, b| a.recall.total_cmp(&b.recall).then_with(|| a.topic.cmp(&b.topic)));
    marks
}

impl TopicMark {
    /// The lesson Enter opens: the first that teaches it and is not done,
    /// else the first that teaches it.
    pub fn lesson_to_open(&self, course: &Course, progress: &Progress) -> Option<usize> {
        self.lessons
            .iter()
            .copied()
            .find(|&l| !progress.is_completed(&course.lessons[l]))
            .or_else(|| self.lessons.first().copied())
    }

    /// "  pricing …  ███░░░░░░░  34% · 5/14 cards", `width` columns wide.
    pub fn row(&self, width: usize) -> String {
        let right = format!(
            "{} {:>3}% · {}",
            progress_bar((self.recall * 100.0).round() as usize, 100, 10),
            (self.recall * 100.0).round() as usize,
            strings::topic_cards(self.answered, self.total)
        );
        let room = width.saturating_sub(crate::text::width(&right) + 3);
        let name = crate::text::sanitize(&self.topic);
        format!("  {} {right}", pad(&truncate(&name, room), room))
    }

    /// The detail pane: recall, cards, the lessons that teach it, the key.
    pub fn detail(&self, course: &Course, progress: &Progress, theme: &Theme) -> Vec<Line<'static>> {
        let mut lines = vec![
            Line::from(Span::styled(crate::text::sanitize(&self.topic).into_owned(), theme.title)),
            Line::default(),
            Line::from(strings::topic_recall((self.recall * 100.0).round() as usize)),
            Line::from(strings::topic_held(self.answered, self.total, self.strong)),
            Line::default(),
        ];
        if !self.lessons.is_empty() {
            lines.push(Line::from(Span::styled(strings::TOPIC_LESSONS, theme.dim)));
            for &l in &self.lessons {
                let meta = &course.lessons[l].meta;
                lines.push(Line::from(format!("{:>3}. {}", meta.order, crate::text::sanitize(&meta.title))));
            }
            lines.push(Line::default());
        }
        if let Some(l) = self.lesson_to_open(course, progress) {
            lines.push(Line::from(Span::styled(strings::open_topic_lesson(course.lessons[l].meta.order), theme.key)));
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;

    fn card(stability: f64, last: DateTime<Utc>) -> CardState {
        CardState {
            due: last,
            stability,
            difficulty: 5.0,
            elapsed_days: 0,
            scheduled_days: 0,
            reps: 3,
            lapses: 0,
            phase: CardPhase::Review,
            last_review: last,
        }
    }

    #[test]
    fn topics_come_from_the_memory_state_weakest_first_and_unbegun_ones_are_left_out() {
        let course = Course::builtin();
        let mut by_topic: BTreeMap<&str, Vec<QuestionKey>> = BTreeMap::new();
        for pack in &course.packs {
            for q in &pack.questions {
                by_topic.entry(q.topic.as_str()).or_default().push(QuestionKey::new(&pack.meta.id, &q.id));
            }
        }
        let mut topics = by_topic.into_iter().filter(|(_, keys)| keys.len() >= 2);
        let (fresh, fresh_qs) = topics.next().expect("a topic with two questions");
        let (faded, faded_qs) = topics.next().expect("another");
        let now = Utc::now();
        let cards = HashMap::from([
            (fresh_qs[0].clone(), card(30.0, now)),
            (fresh_qs[1].clone(), card(30.0, now)),
            // Answered long ago with a weak memory: it has faded by now.
            (faded_qs[0].clone(), card(1.0, now - Duration::days(40))),
        ]);
        let marks = topic_marks(&course, &cards, now);
        assert_eq!(marks.len(), 2, "only begun topics: {marks:?}");
        assert_eq!(marks[0].topic, faded, "weakest first");
        assert_eq!(marks[1].topic, fresh);
        assert_eq!((marks[0].answered, marks[0].strong), (1, 0));
        assert_eq!((marks[1].answered, marks[1].strong), (2, 2));
        assert!(marks[0].recall < 0.5 && marks[1].recall > 0.0, "{marks:?}");
        let row = marks[1].row(60);
        assert_eq!(crate::text::width(&row), 60, "{row}");
        assert!(row.contains(&format!("% · 2/{} cards", marks[1].total)), "{row}");
    }
}
