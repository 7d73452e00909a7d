//! A quiz session: which questions, in which order, with which choice
//! order; hints as they are asked for; every answer with its verdict; the
//! score. Shared by the full-screen quiz and plain mode, so it does no I/O
//! and reads no clock: callers pass the seconds an answer took.
//!
//! Everything random comes from one `StdRng` seeded by the caller, so a
//! seed reproduces the whole session, retries included.

use std::collections::BTreeMap;

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use thiserror::Error;

use super::answer::{AnswerError, Response, Verdict};
use super::model::{Pack, Question, QuestionKind};

/// Which questions to ask, and how.
#[derive(Debug, Clone, Default)]
pub struct SessionOptions {
    /// Pack ids to draw from (all the given packs when empty).
    pub packs: Vec<String>,
    /// Topics to keep (all when empty).
    pub topics: Vec<String>,
    /// Lessons whose questions to keep (all when empty): a lesson's quiz.
    pub lessons: Vec<String>,
    /// At most this many questions.
    pub count: Option<usize>,
    pub seed: u64,
    /// Shuffle the question order (otherwise pack order, file order).
    pub shuffle_questions: bool,
}

/// The simulator's answer to a `predict` question: (scenario id, metric) →
/// value, `None` when it cannot say (then the question is left out).
pub type Truth<'a> = &'a dyn Fn(&str, &str) -> Option<f64>;

/// A truth source that knows nothing: `predict` questions are left out.
pub fn no_truth(_scenario: &str, _metric: &str) -> Option<f64> {
    None
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SessionError {
    #[error("no pack with id `{0}`")]
    UnknownPack(String),
    #[error("no questions match")]
    NoQuestions,
}

/// One question as this session presents it.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionItem {
    pub pack_id: String,
    pub question: Question,
    /// Presentation order: `order[k]` is the index (into the question's
    /// choices, items, or right sides of pairs) shown at position `k`.
    /// Empty for types with nothing to order.
    pub order: Vec<usize>,
    /// The simulator's value, for `predict` questions.
    pub truth: Option<f64>,
}

impl SessionItem {
    /// `pack-id/question-id`, the key progress is stored under.
    pub fn key(&self) -> String {
        self.question.key(&self.pack_id)
    }

    /// The index shown at display position `position` (0-based).
    pub fn shown(&self, position: usize) -> Option<usize> {
        self.order.get(position).copied()
    }

    /// The display position (0-based) of index `index`.
    pub fn position_of(&self, index: usize) -> Option<usize> {
        self.order.iter().position(|&i| i == index)
    }
}

/// One answer given.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerRecord {
    /// Index into [`QuizSession::items`].
    pub item: usize,
    pub pack_id: String,
    pub question_id: String,
    pub topic: String,
    pub response: Response,
    pub verdict: Verdict,
    pub seconds: f64,
    pub hints_used: usize,
}

/// Right answers out of answers given, overall and per topic.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Score {
    pub correct: usize,
    pub total: usize,
    /// Sorted by topic.
    pub by_topic: Vec<TopicScore>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicScore {
    pub topic: String,
    pub correct: usize,
    pub total: usize,
}

/// Whole percent, rounded half up; 0 when nothing was answered.
pub fn percent(correct: usize, total: usize) -> usize {
    if total == 0 { 0 } else { (correct * 200 + total) / (total * 2) }
}

impl Score {
    pub fn percent(&self) -> usize {
        percent(self.correct, self.total)
    }
}

#[derive(Debug, Clone)]
pub struct QuizSession {
    items: Vec<SessionItem>,
    current: usize,
    hints_used: usize,
    records: Vec<AnswerRecord>,
    /// Seeds retries: `StdRng` is not `Clone`, and a session must be (the
    /// TUI keeps copies), so the stream is re-derived from the seed.
    seed: u64,
    retries: u64,
}

impl QuizSession {
    /// Select questions from `packs` per `options` and shuffle them. `truth`
    /// gives `predict` questions their value; those it cannot answer are
    /// left out.
    pub fn new(packs: &[Pack], options: &SessionOptions, truth: Truth<'_>) -> Result<Self, SessionError> {
        if let Some(missing) = options.packs.iter().find(|id| !packs.iter().any(|p| &p.meta.id == *id)) {
            return Err(SessionError::UnknownPack(missing.clone()));
        }
        let mut items = Vec::new();
        for pack in packs {
            if !options.packs.is_empty() && !options.packs.contains(&pack.meta.id) {
                continue;
            }
            for q in &pack.questions {
                if !options.topics.is_empty() && !options.topics.contains(&q.topic) {
                    continue;
                }
                if !options.lessons.is_empty() && !q.lesson.as_ref().is_some_and(|l| options.lessons.contains(l)) {
                    continue;
                }
                let truth = match &q.kind {
                    QuestionKind::Predict { scenario, metric, .. } => match truth(scenario, metric) {
                        Some(t) if t.is_finite() => Some(t),
                        _ => continue,
                    },
                    _ => None,
                };
                items.push(SessionItem {
                    pack_id: pack.meta.id.clone(),
                    question: q.clone(),
                    order: Vec::new(),
                    truth,
                });
            }
        }
        let mut rng = StdRng::seed_from_u64(options.seed);
        if options.shuffle_questions {
            items.shuffle(&mut rng);
        }
        if let Some(count) = options.count {
            items.truncate(count);
        }
        if items.is_empty() {
            return Err(SessionError::NoQuestions);
        }
        Ok(Self::with_rng(items, rng, options.seed))
    }

    /// A session over the given items, in the given order (presentation
    /// order shuffled with `seed`).
    pub fn from_items(items: Vec<SessionItem>, seed: u64) -> Self {
        Self::with_rng(items, StdRng::seed_from_u64(seed), seed)
    }

    /// A session over items already presented once, keeping each item's
    /// `order`: resuming a saved quiz shows the choices where they were.
    pub fn restore(items: Vec<SessionItem>, seed: u64) -> Self {
        Self { items, current: 0, hints_used: 0, records: Vec::new(), seed, retries: 0 }
    }

    /// The seed this session was built with.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    fn with_rng(mut items: Vec<SessionItem>, mut rng: StdRng, seed: u64) -> Self {
        for item in &mut items {
            item.order = presentation_order(&item.question, &mut rng);
        }
        Self { items, current: 0, hints_used: 0, records: Vec::new(), seed, retries: 0 }
    }

    pub fn items(&self) -> &[SessionItem] {
        &self.items
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Index of the question being asked (= answers given so far).
    pub fn position(&self) -> usize {
        self.current
    }

    pub fn is_finished(&self) -> bool {
        self.current >= self.items.len()
    }

    pub fn current(&self) -> Option<&SessionItem> {
        self.items.get(self.current)
    }

    /// Reveal the next hint of the current question, if it has one left.
    pub fn next_hint(&mut self) -> Option<&str> {
        let item = self.items.get(self.current)?;
        let hint = item.question.hints.get(self.hints_used)?;
        self.hints_used += 1;
        Some(hint.as_str())
    }

    /// Hints shown so far for the current question.
    pub fn hints_shown(&self) -> &[String] {
        self.current().map_or(&[], |i| &i.question.hints[..self.hints_used.min(i.question.hints.len())])
    }

    pub fn hints_left(&self) -> usize {
        self.current().map_or(0, |i| i.question.hints.len().saturating_sub(self.hints_used))
    }

    /// Check and record an answer to the current question and move on.
    /// A response of the wrong shape is refused and nothing changes.
    pub fn answer(&mut self, response: Response, seconds: f64) -> Result<&AnswerRecord, AnswerError> {
        let item = self.items.get(self.current).ok_or(AnswerError::Finished)?;
        let verdict = item.question.check(&response, item.truth)?;
        self.records.push(AnswerRecord {
            item: self.current,
            pack_id: item.pack_id.clone(),
            question_id: item.question.id.clone(),
            topic: item.question.topic.clone(),
            response,
            verdict,
            seconds,
            hints_used: self.hints_used,
        });
        self.current += 1;
        self.hints_used = 0;
        Ok(&self.records[self.records.len() - 1])
    }

    pub fn records(&self) -> &[AnswerRecord] {
        &self.records
    }

    pub fn score(&self) -> Score {
        let mut topics: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for r in &self.records {
            let entry = topics.entry(r.topic.as_str()).or_default();
            entry.0 += usize::from(r.verdict.correct);
            entry.1 += 1;
        }
        Score {
            correct: self.records.iter().filter(|r| r.verdict.correct).count(),
            total: self.records.len(),
            by_topic: topics
                .into_iter()
                .map(|(topic, (correct, total))| TopicScore { topic: topic.to_owned(), correct, total })
                .collect(),
        }
    }

    /// Items answered wrongly, in the order they were asked.
    pub fn missed(&self) -> Vec<&SessionItem> {
        self.records.iter().filter(|r| !r.verdict.correct).map(|r| &self.items[r.item]).collect()
    }

    /// A new session of the questions answered wrongly, reshuffled (with a
    /// seed derived from this session's, so a seed reproduces retries too).
    pub fn retry_missed(&mut self) -> Option<QuizSession> {
        let mut items: Vec<SessionItem> = self.missed().into_iter().cloned().collect();
        if items.is_empty() {
            return None;
        }
        self.retries += 1;
        let seed = StdRng::seed_from_u64(self.seed ^ self.retries.wrapping_mul(0x9E37_79B9_7F4A_7C15)).next_u64();
        let mut rng = StdRng::seed_from_u64(seed);
        items.shuffle(&mut rng);
        Some(Self::with_rng(items, rng, seed))
    }
}

/// The one presentation order of a question asked in place (a lesson's
/// checkpoint): the quiz's rule ([`presentation_order`]) with a seed drawn
/// from the question's key alone, so the reader lists the choices exactly
/// as the question screen then shows them, every time.
pub fn checkpoint_order(question: &Question, key: &str) -> Vec<usize> {
    // FNV-1a: stable across builds and platforms, unlike `DefaultHasher`.
    let seed = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    presentation_order(question, &mut StdRng::seed_from_u64(seed))
}

/// How a question's parts are shown: shuffled unless `shuffle = false`.
/// An `order` question is always shuffled, and never shown already in its
/// right order (nor a `match` with its right sides lined up), which would
/// give the answer away.
fn presentation_order(question: &Question, rng: &mut StdRng) -> Vec<usize> {
    let (n, shuffle, avoid_identity) = match &question.kind {
        QuestionKind::Single { choices, .. } | QuestionKind::Multiple { choices, .. } => {
            (choices.len(), question.shuffle, false)
        }
        QuestionKind::Order { items } => (items.len(), true, true),
        QuestionKind::Match { pairs } => (pairs.len(), question.shuffle, true),
        _ => return Vec::new(),
    };
    let mut order: Vec<usize> = (0..n).collect();
    if shuffle {
        order.shuffle(rng);
        if avoid_identity && n > 1 && order.iter().enumerate().all(|(k, &i)| k == i) {
            order.rotate_left(1);
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::answer::Response;
    use crate::quiz::model::PackMeta;

    fn question(id: &str, topic: &str, kind: QuestionKind) -> Question {
        Question {
            prompt: format!("Prompt of {id}"),
            explanation: "Because.".to_owned(),
            hints: vec!["first".to_owned(), "second".to_owned()],
            ..Question::new(id, topic, kind)
        }
    }

    fn choices(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("choice {i}")).collect()
    }

    fn pack(id: &str, questions: Vec<Question>) -> Pack {
        Pack {
            meta: PackMeta { id: id.to_owned(), title: id.to_owned(), version: "1".to_owned(), ..PackMeta::default() },
            questions,
            path: format!("{id}.toml"),
            builtin: false,
            course: None,
        }
    }

    fn sample() -> Vec<Pack> {
        let mut qs: Vec<Question> = (0..10)
            .map(|i| {
                let topic = if i % 2 == 0 { "even" } else { "odd" };
                question(&format!("q{i}"), topic, QuestionKind::Single { choices: choices(5), answer: 0 })
            })
            .collect();
        qs.push(question("tf", "odd", QuestionKind::TrueFalse { answer: true }));
        vec![
            pack("a", qs),
            pack(
                "b",
                vec![
                    question("order", "even", QuestionKind::Order { items: choices(4) }),
                    question(
                        "predict",
                        "sim",
                        QuestionKind::Predict {
                            scenario: "s".into(),
                            metric: "cold_starts".into(),
                            tolerance_pct: 10.0,
                        },
                    ),
                ],
            ),
        ]
    }

    fn options(seed: u64) -> SessionOptions {
        SessionOptions { seed, shuffle_questions: true, ..SessionOptions::default() }
    }

    fn keys(s: &QuizSession) -> Vec<(String, Vec<usize>)> {
        s.items().iter().map(|i| (i.key(), i.order.clone())).collect()
    }

    #[test]
    fn the_same_seed_gives_the_same_session() {
        let packs = sample();
        let a = QuizSession::new(&packs, &options(7), &no_truth).expect("questions");
        let b = QuizSession::new(&packs, &options(7), &no_truth).expect("questions");
        let c = QuizSession::new(&packs, &options(8), &no_truth).expect("questions");
        assert_eq!(keys(&a), keys(&b));
        assert_ne!(keys(&a), keys(&c), "another seed, another order");
        assert_eq!(a.len(), 12, "the predict question without a truth is left out");
    }

    #[test]
    fn shuffle_false_keeps_the_written_order_and_order_questions_never_show_the_answer() {
        let mut q = question("fixed", "t", QuestionKind::Single { choices: choices(6), answer: 0 });
        q.shuffle = false;
        let packs = vec![pack("p", vec![q, question("o", "t", QuestionKind::Order { items: choices(2) })])];
        for seed in 0..50 {
            let s = QuizSession::new(&packs, &options(seed), &no_truth).expect("questions");
            for item in s.items() {
                match item.question.id.as_str() {
                    "fixed" => assert_eq!(item.order, vec![0, 1, 2, 3, 4, 5]),
                    _ => assert_eq!(item.order, vec![1, 0], "seed {seed}"),
                }
            }
        }
    }

    #[test]
    fn filters_by_pack_topic_and_count() {
        let packs = sample();
        let truth = |_: &str, _: &str| Some(3.0);
        let mut opts = options(1);
        opts.packs = vec!["b".into()];
        let s = QuizSession::new(&packs, &opts, &truth).expect("questions");
        assert_eq!(s.len(), 2, "with a truth, predict questions are asked");
        opts.packs.clear();
        opts.topics = vec!["odd".into()];
        opts.count = Some(3);
        let s = QuizSession::new(&packs, &opts, &truth).expect("questions");
        assert_eq!(s.len(), 3);
        assert!(s.items().iter().all(|i| i.question.topic == "odd"));
        opts.topics = vec!["none".into()];
        assert_eq!(QuizSession::new(&packs, &opts, &truth).err(), Some(SessionError::NoQuestions));
        opts.packs = vec!["zzz".into()];
        assert_eq!(QuizSession::new(&packs, &opts, &truth).err(), Some(SessionError::UnknownPack("zzz".into())));
    }

    #[test]
    fn hints_answers_scores_and_retries() {
        let packs = sample();
        let mut opts = options(3);
        opts.packs = vec!["a".into()];
        opts.topics = vec!["even".into()];
        let mut s = QuizSession::new(&packs, &opts, &no_truth).expect("questions");
        assert_eq!(s.len(), 5);
        assert_eq!(s.next_hint(), Some("first"));
        assert_eq!(s.next_hint(), Some("second"));
        assert_eq!(s.next_hint(), None);
        assert_eq!(s.hints_shown().len(), 2);
        assert!(s.answer(Response::Bool(true), 1.0).is_err(), "wrong shape is refused");
        assert_eq!(s.position(), 0);
        let record = s.answer(Response::Choice(0), 2.5).expect("valid");
        assert!(record.verdict.correct);
        assert_eq!((record.hints_used, record.seconds), (2, 2.5));
        assert_eq!(s.hints_left(), 2, "hints reset for the next question");
        for _ in 0..4 {
            s.answer(Response::Choice(1), 1.0).expect("valid");
        }
        assert!(s.is_finished());
        let score = s.score();
        assert_eq!((score.correct, score.total, score.percent()), (1, 5, 20));
        assert_eq!(score.by_topic, vec![TopicScore { topic: "even".into(), correct: 1, total: 5 }]);
        let missed: Vec<String> = s.missed().iter().map(|i| i.key()).collect();
        assert_eq!(missed.len(), 4);
        let mut again = s.clone();
        let retry = s.retry_missed().expect("missed some");
        let retry_again = again.retry_missed().expect("missed some");
        assert_eq!(keys(&retry), keys(&retry_again), "retries are reproducible");
        let mut retry_keys: Vec<String> = retry.items().iter().map(SessionItem::key).collect();
        retry_keys.sort();
        let mut missed_sorted = missed;
        missed_sorted.sort();
        assert_eq!(retry_keys, missed_sorted);
    }

    #[test]
    fn percent_rounds_half_up() {
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(1, 8), 13);
        assert_eq!(percent(0, 0), 0);
    }
}
