//! Class reports over the history exports of many learners: item analysis
//! per question (facility, discrimination, choice pick rates, time, hints,
//! flags), and summaries per learner and per topic.
//!
//! Definitions (classical test theory, as Moodle's quiz statistics use them):
//! - a learner's **first attempt** at a question is the one that counts; the
//!   later ones are practice;
//! - **facility**: the share of a question's learners whose first attempt was
//!   right;
//! - **discrimination**: the facility among the top 27 % of the pack's
//!   learners minus the facility among the bottom 27 %, where learners are
//!   ranked by their share of right first attempts over the pack's questions;
//!   each group is 27 % of the pack's learners rounded up, at least one, and a
//!   group's facility counts only its members who answered the question. It
//!   needs two learners at least; it is `None` below that.
//!
//! Nothing here knows the quiz engine: what the packs say about a question
//! (its choices and which are right) comes in as [`QuestionInfo`].

mod hash;
mod json_rows;
mod read;
mod row;

use std::collections::HashMap;

use serde::Serialize;

pub use read::{Attempt, Dataset, QuestionMeta};

/// The share of learners in each of the top and bottom groups.
pub const GROUP_SHARE: f64 = 0.27;
/// Flag thresholds.
pub const TOO_EASY: f64 = 0.9;
pub const TOO_HARD: f64 = 0.3;
pub const WEAK_DISCRIMINATION: f64 = 0.2;
pub const RARE_DISTRACTOR: f64 = 0.05;

/// What the installed packs say about a question the exports name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuestionInfo {
    /// Its one-line title, for exports that have none.
    pub title: String,
    /// The choices of a `single` or `multiple` question.
    pub choices: Option<Choices>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Choices {
    pub texts: Vec<String>,
    /// Indices of the right choices.
    pub right: Vec<usize>,
    /// `multiple`: the response names every picked choice.
    pub multiple: bool,
}

/// A problem with a question, most serious first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flag {
    /// Discrimination below 0: the strongest learners get it wrong more often.
    NegativeDiscrimination,
    /// Facility below 0.3.
    TooHard,
    /// Discrimination from 0 to under 0.2.
    WeakDiscrimination,
    /// Facility above 0.9.
    TooEasy,
    /// A wrong choice picked in under 5 % of first attempts.
    RareDistractor,
}

impl Flag {
    /// The flag in words, for the table.
    pub fn words(self) -> &'static str {
        match self {
            Flag::NegativeDiscrimination => "negative discrimination",
            Flag::TooHard => "too hard",
            Flag::WeakDiscrimination => "weak discrimination",
            Flag::TooEasy => "too easy",
            Flag::RareDistractor => "distractor under 5%",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChoiceRate {
    pub text: String,
    pub right: bool,
    /// First attempts that picked it.
    pub picks: usize,
    /// `picks` over the question's first attempts.
    pub rate: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionReport {
    pub pack: String,
    pub id: String,
    pub title: String,
    pub topic: String,
    pub pack_version: String,
    /// Learners who answered it.
    pub learners: usize,
    /// Every answer, later attempts included.
    pub attempts: usize,
    pub facility: f64,
    pub discrimination: Option<f64>,
    /// The median time of all its answers, in seconds.
    pub median_seconds: f64,
    /// Hints used over all its answers.
    pub hints: u64,
    /// Pick rates, for `single` and `multiple` questions of installed packs.
    pub choices: Vec<ChoiceRate>,
    pub flags: Vec<Flag>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LearnerReport {
    pub learner: String,
    pub questions: usize,
    pub attempts: usize,
    /// Share of right first attempts.
    pub score: f64,
    /// Time spent answering, in seconds.
    pub seconds: f64,
    /// Up to three topics with the lowest share of right first attempts
    /// (only topics with a wrong one), weakest first.
    pub weakest_topics: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicReport {
    pub topic: String,
    pub questions: usize,
    pub learners: usize,
    pub attempts: usize,
    /// Share of right first attempts over every learner and question.
    pub facility: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Report {
    /// Most serious flags first.
    pub questions: Vec<QuestionReport>,
    /// Lowest score first.
    pub learners: Vec<LearnerReport>,
    /// Lowest facility first.
    pub topics: Vec<TopicReport>,
}

/// Per-question tallies while the attempts are walked.
#[derive(Default, Clone)]
struct Tally {
    learners: usize,
    right: usize,
    attempts: usize,
    hints: u64,
    seconds: Vec<f32>,
    top: (usize, usize),
    bottom: (usize, usize),
    picks: Vec<usize>,
}

/// A learner's first attempt at a question.
struct First {
    learner: u32,
    question: u32,
    right: bool,
    attempt: usize,
}

/// The packs and topics of the questions as small numbers, so the walks
/// over millions of answers index arrays instead of hashing names.
struct Groups<'a> {
    pack_of: Vec<usize>,
    packs: usize,
    topic_of: Vec<usize>,
    topics: Vec<&'a str>,
}

impl<'a> Groups<'a> {
    fn of(questions: &'a [QuestionMeta]) -> Self {
        let mut packs: hash::FastMap<&str, usize> = hash::FastMap::default();
        let mut topics: hash::FastMap<&str, usize> = hash::FastMap::default();
        let mut topic_names = Vec::new();
        let mut pack_of = Vec::with_capacity(questions.len());
        let mut topic_of = Vec::with_capacity(questions.len());
        for q in questions {
            let n = packs.len();
            pack_of.push(*packs.entry(&q.pack).or_insert(n));
            let n = topics.len();
            topic_of.push(*topics.entry(&q.topic).or_insert_with(|| {
                topic_names.push(q.topic.as_str());
                n
            }));
        }
        Self { pack_of, packs: packs.len(), topic_of, topics: topic_names }
    }
}

/// The class report of `data`, for the pack `pack` only if given. `info`
/// is keyed by (pack id, question id).
pub fn analyze<S: std::hash::BuildHasher>(
    data: &Dataset,
    info: &HashMap<(String, String), QuestionInfo, S>,
    pack: Option<&str>,
) -> Report {
    let questions = &data.questions;
    let wanted: Vec<bool> = questions.iter().map(|q| pack.is_none_or(|p| q.pack == p)).collect();
    let order = learner_order(data, &wanted);

    let info_of: Vec<Option<&QuestionInfo>> =
        questions.iter().map(|q| info.get(&(q.pack.clone(), q.id.clone()))).collect();
    let mut tallies = vec![Tally::default(); questions.len()];
    let mut firsts = Vec::new();
    let mut previous = None;
    for &i in &order {
        let a = &data.attempts[i];
        let t = &mut tallies[a.question as usize];
        t.attempts += 1;
        t.hints += u64::from(a.hints);
        t.seconds.push(a.seconds);
        if previous != Some((a.learner, a.question)) {
            previous = Some((a.learner, a.question));
            t.learners += 1;
            t.right += usize::from(a.correct);
            firsts.push(First { learner: a.learner, question: a.question, right: a.correct, attempt: i });
        }
    }

    let groups = Groups::of(questions);
    rank_groups(data, &groups, &firsts, &mut tallies);
    count_picks(data, &info_of, &firsts, &mut tallies);

    let mut report = Report {
        questions: question_reports(data, &info_of, &mut tallies),
        learners: learner_reports(data, &groups, &firsts, &order),
        topics: topic_reports(&groups, &firsts, &tallies),
    };
    report.questions.sort_by(|a, b| {
        let rank = |q: &QuestionReport| q.flags.first().map_or(usize::MAX, |f| *f as usize);
        (rank(a), std::cmp::Reverse(a.flags.len()), &a.pack, &a.id).cmp(&(
            rank(b),
            std::cmp::Reverse(b.flags.len()),
            &b.pack,
            &b.id,
        ))
    });
    report
}

/// The indices of the wanted attempts, by learner, question, time, id and
/// file order. Counted into learners first (keeping file order), then each
/// learner's few hundred answers sorted: millions of answers are never
/// sorted as one.
fn learner_order(data: &Dataset, wanted: &[bool]) -> Vec<usize> {
    let is_wanted = |a: &Attempt| wanted.get(a.question as usize).copied().unwrap_or(false);
    let mut starts = vec![0_usize; data.learners.len() + 1];
    for a in data.attempts.iter().filter(|a| is_wanted(a)) {
        starts[a.learner as usize + 1] += 1;
    }
    for l in 1..starts.len() {
        starts[l] += starts[l - 1];
    }
    let mut next = starts.clone();
    let mut order = vec![0; starts[starts.len() - 1]];
    for (i, a) in data.attempts.iter().enumerate().filter(|(_, a)| is_wanted(a)) {
        let slot = &mut next[a.learner as usize];
        order[*slot] = i;
        *slot += 1;
    }
    for bounds in starts.windows(2) {
        order[bounds[0]..bounds[1]].sort_unstable_by_key(|&i| {
            let a = &data.attempts[i];
            (a.question, a.at, a.id, i)
        });
    }
    order
}

/// Rank each pack's learners and count the first attempts of its top and
/// bottom groups.
fn rank_groups(data: &Dataset, groups: &Groups<'_>, firsts: &[First], tallies: &mut [Tally]) {
    // One score per (pack, learner). The first attempts come learner by
    // learner, so a pack's score for this learner is the last one it got.
    let mut scores: Vec<(u32, usize, usize)> = Vec::new();
    let mut score_of = Vec::with_capacity(firsts.len());
    let mut current: Vec<Option<(u32, usize)>> = vec![None; groups.packs];
    let mut per_pack: Vec<Vec<usize>> = vec![Vec::new(); groups.packs];
    for f in firsts {
        let pack = groups.pack_of[f.question as usize];
        let s = match current[pack] {
            Some((learner, s)) if learner == f.learner => s,
            _ => {
                let s = scores.len();
                scores.push((f.learner, 0, 0));
                per_pack[pack].push(s);
                current[pack] = Some((f.learner, s));
                s
            }
        };
        scores[s].1 += 1;
        scores[s].2 += usize::from(f.right);
        score_of.push(s);
    }
    let share_of: Vec<f64> = scores.iter().map(|&(_, n, right)| right as f64 / n as f64).collect();
    // Per score: true for the top group, false for the bottom one.
    let mut group: Vec<Option<bool>> = vec![None; scores.len()];
    for mut ranked in per_pack {
        if ranked.len() < 2 {
            continue;
        }
        // Best first; ties by name so the report does not depend on file order.
        let name = |s: usize| &data.learners[scores[s].0 as usize];
        ranked.sort_by(|&a, &b| share_of[b].total_cmp(&share_of[a]).then_with(|| name(a).cmp(name(b))));
        let size = ((ranked.len() as f64 * GROUP_SHARE).ceil() as usize).max(1);
        for (i, &s) in ranked.iter().enumerate() {
            if i < size {
                group[s] = Some(true);
            } else if i >= ranked.len() - size {
                group[s] = Some(false);
            }
        }
    }
    for (f, &s) in firsts.iter().zip(&score_of) {
        let t = &mut tallies[f.question as usize];
        match group[s] {
            Some(true) => t.top = (t.top.0 + 1, t.top.1 + usize::from(f.right)),
            Some(false) => t.bottom = (t.bottom.0 + 1, t.bottom.1 + usize::from(f.right)),
            None => {}
        }
    }
}

/// Count the choices picked at first attempts. A class gives a question a
/// few distinct responses, so each is matched against the choices once.
fn count_picks(data: &Dataset, info: &[Option<&QuestionInfo>], firsts: &[First], tallies: &mut [Tally]) {
    let choices_of = |q: u32| info[q as usize].and_then(|i| i.choices.as_ref());
    let mut counts: hash::FastMap<(u32, u32), usize> = hash::FastMap::default();
    for f in firsts.iter().filter(|f| choices_of(f.question).is_some()) {
        *counts.entry((f.question, data.attempts[f.attempt].response)).or_default() += 1;
    }
    for ((question, response), n) in counts {
        let Some(choices) = choices_of(question) else { continue };
        let t = &mut tallies[question as usize];
        t.picks.resize(choices.texts.len(), 0);
        let text = data.responses.get(response as usize).map_or("", String::as_str);
        for pick in picked(text, choices) {
            t.picks[pick] += n;
        }
    }
}

/// The choices a response names. A `multiple` response lists the picked
/// choices in their pack order, joined by "; " (a choice's own "; " cannot
/// mislead: each choice is matched whole, in order).
fn picked(response: &str, choices: &Choices) -> Vec<usize> {
    if !choices.multiple {
        return choices.texts.iter().position(|c| c == response).into_iter().collect();
    }
    let mut rest = response;
    let mut picks = Vec::new();
    for (i, text) in choices.texts.iter().enumerate() {
        if let Some(after) = rest.strip_prefix(text.as_str())
            && (after.is_empty() || after.starts_with("; "))
        {
            picks.push(i);
            rest = after.strip_prefix("; ").unwrap_or(after);
        }
    }
    picks
}

fn median(values: &mut [f32]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let mid = values.len() / 2;
    let (_, &mut upper, _) = values.select_nth_unstable_by(mid, f32::total_cmp);
    if values.len() % 2 == 1 {
        return f64::from(upper);
    }
    let lower = values[..mid].iter().copied().fold(f32::NEG_INFINITY, f32::max);
    f64::from(lower).midpoint(f64::from(upper))
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 { 0.0 } else { part as f64 / whole as f64 }
}

fn question_reports(data: &Dataset, info: &[Option<&QuestionInfo>], tallies: &mut [Tally]) -> Vec<QuestionReport> {
    let mut out = Vec::new();
    for (q, t) in tallies.iter_mut().enumerate() {
        if t.learners == 0 {
            continue;
        }
        let meta = &data.questions[q];
        let facility = share(t.right, t.learners);
        let discrimination =
            (t.top.0 > 0 && t.bottom.0 > 0).then(|| share(t.top.1, t.top.0) - share(t.bottom.1, t.bottom.0));
        let mut flags = Vec::new();
        match discrimination {
            Some(d) if d < 0.0 => flags.push(Flag::NegativeDiscrimination),
            _ => {}
        }
        if facility < TOO_HARD {
            flags.push(Flag::TooHard);
        }
        if discrimination.is_some_and(|d| (0.0..WEAK_DISCRIMINATION).contains(&d)) {
            flags.push(Flag::WeakDiscrimination);
        }
        if facility > TOO_EASY {
            flags.push(Flag::TooEasy);
        }
        let mut choices = Vec::new();
        if let Some(c) = info[q].and_then(|i| i.choices.as_ref()) {
            for (i, text) in c.texts.iter().enumerate() {
                let picks = t.picks.get(i).copied().unwrap_or(0);
                let right = c.right.contains(&i);
                let rate = share(picks, t.learners);
                choices.push(ChoiceRate { text: text.clone(), right, picks, rate });
            }
            if choices.iter().any(|c| !c.right && c.rate < RARE_DISTRACTOR) {
                flags.push(Flag::RareDistractor);
            }
        }
        let title = if meta.title.is_empty() {
            info[q].map(|i| i.title.clone()).unwrap_or_default()
        } else {
            meta.title.clone()
        };
        out.push(QuestionReport {
            pack: meta.pack.clone(),
            id: meta.id.clone(),
            title,
            topic: meta.topic.clone(),
            pack_version: meta.pack_version.clone(),
            learners: t.learners,
            attempts: t.attempts,
            facility,
            discrimination,
            median_seconds: median(&mut t.seconds),
            hints: t.hints,
            choices,
            flags,
        });
    }
    out
}

fn learner_reports(data: &Dataset, groups: &Groups<'_>, firsts: &[First], order: &[usize]) -> Vec<LearnerReport> {
    // (attempts, seconds) of each learner with a wanted attempt.
    let mut time: Vec<Option<(usize, f64)>> = vec![None; data.learners.len()];
    for &i in order {
        let a = &data.attempts[i];
        let t = time[a.learner as usize].get_or_insert((0, 0.0));
        t.0 += 1;
        t.1 += f64::from(a.seconds);
    }
    let mut out = Vec::new();
    // (first attempts, right ones) per topic of the current learner.
    let mut topics = vec![(0_usize, 0_usize); groups.topics.len()];
    let mut touched: Vec<usize> = Vec::new();
    for run in firsts.chunk_by(|a, b| a.learner == b.learner) {
        let learner = run[0].learner as usize;
        let Some((attempts, seconds)) = time[learner] else { continue };
        for f in run {
            let topic = groups.topic_of[f.question as usize];
            if topics[topic].0 == 0 {
                touched.push(topic);
            }
            topics[topic].0 += 1;
            topics[topic].1 += usize::from(f.right);
        }
        let mut weak: Vec<(f64, &str)> = touched
            .iter()
            .map(|&t| (t, topics[t]))
            .filter(|(_, (n, r))| r < n)
            .map(|(t, (n, r))| (share(r, n), groups.topics[t]))
            .collect();
        weak.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(b.1)));
        let right = run.iter().filter(|f| f.right).count();
        out.push(LearnerReport {
            learner: data.learners[learner].clone(),
            questions: run.len(),
            attempts,
            score: share(right, run.len()),
            seconds,
            weakest_topics: weak.into_iter().take(3).map(|(_, t)| t.to_owned()).collect(),
        });
        for t in touched.drain(..) {
            topics[t] = (0, 0);
        }
    }
    out.sort_by(|a, b| a.score.total_cmp(&b.score).then_with(|| a.learner.cmp(&b.learner)));
    out
}

fn topic_reports(groups: &Groups<'_>, firsts: &[First], tallies: &[Tally]) -> Vec<TopicReport> {
    #[derive(Default, Clone)]
    struct T {
        questions: usize,
        attempts: usize,
        firsts: usize,
        right: usize,
        learners: usize,
        last_learner: Option<u32>,
    }
    let mut per = vec![T::default(); groups.topics.len()];
    for (q, t) in tallies.iter().enumerate() {
        if t.learners > 0 {
            let topic = &mut per[groups.topic_of[q]];
            topic.questions += 1;
            topic.attempts += t.attempts;
        }
    }
    for f in firsts {
        let t = &mut per[groups.topic_of[f.question as usize]];
        t.firsts += 1;
        t.right += usize::from(f.right);
        // The first attempts come learner by learner: a new one is a change.
        if t.last_learner != Some(f.learner) {
            t.last_learner = Some(f.learner);
            t.learners += 1;
        }
    }
    let mut out: Vec<TopicReport> = per
        .into_iter()
        .enumerate()
        .filter(|(_, t)| t.firsts > 0)
        .map(|(i, t)| TopicReport {
            topic: groups.topics[i].to_owned(),
            questions: t.questions,
            learners: t.learners,
            attempts: t.attempts,
            facility: share(t.right, t.firsts),
        })
        .collect();
    out.sort_by(|a, b| a.facility.total_cmp(&b.facility).then_with(|| a.topic.cmp(&b.topic)));
    out
}

#[cfg(test)]
mod tests;
