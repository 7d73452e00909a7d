//! Plain mode: the quiz line by line on any input and output streams, for
//! screen readers and scripts (SPEC.md, "Plain mode").
//!
//! ```text
//! Question 1/3 [limits]
//! What is the timeout of a new Lambda function if you do not set one?
//!   1. 15 minutes
//!   2. 3 seconds
//! > 2
//! Correct. Answer: 2. 3 seconds
//! New functions time out after 3 s; you can raise it up to 900 s.
//! ```
//! Markdown (prompts, explanations, hints, feedback) is laid out as plain
//! wrapped text; every other string from a pack is sanitised.

use std::io::{self, BufRead, Write};
use std::time::Instant;

use super::answer::{Detail, Response};
use super::model::{Grade, QuestionKind};
use super::session::{AnswerRecord, QuizSession, Score, SessionItem, percent};
use crate::markdown::Document;
use crate::text::sanitize;

/// How to talk.
#[derive(Debug, Clone, Copy)]
pub struct PlainConfig {
    /// Width to wrap markdown at.
    pub width: usize,
    /// Write each line read back out after the `> ` prompt: when input
    /// comes from a pipe, nothing else would end the prompt line.
    pub echo: bool,
}

impl Default for PlainConfig {
    fn default() -> Self {
        Self { width: 80, echo: false }
    }
}

/// What happened: every round played (the first, then any retries of the
/// missed questions), whether input ran out before the end, and whether
/// the observer stopped the session (a drill's time ran out).
#[derive(Debug)]
pub struct PlainOutcome {
    pub rounds: Vec<QuizSession>,
    pub end_of_input: bool,
    pub stopped: bool,
}

/// What a caller adds to plain mode: recording answers, a time limit,
/// lines of its own (review's "next review in 3 days"). Every method has a
/// do-nothing default, so plain quizzes need nothing.
///
/// Notes returned by the methods are printed as they are (sanitised).
pub trait Observer {
    /// A round begins: 0 is the first, then each retry of the missed ones.
    fn round_started(&mut self, _session: &QuizSession, _round: usize) -> Option<String> {
        None
    }

    /// Before each question. `Err(message)` ends the session there.
    fn before_question(&mut self, _session: &QuizSession) -> Result<Option<String>, String> {
        Ok(None)
    }

    /// A response was typed, before it is checked. `Err(message)` refuses it
    /// and ends the session (an answer after a drill's time is up).
    fn before_answer(&mut self, _session: &QuizSession) -> Result<(), String> {
        Ok(())
    }

    /// An answer was checked and recorded in the session (the last record).
    fn answered(&mut self, _session: &QuizSession) -> Option<String> {
        None
    }

    /// The round is over: `complete` when every question was answered.
    fn round_finished(&mut self, _session: &QuizSession, _complete: bool) -> Option<String> {
        None
    }

    /// Whether `?` shows hints (drills have none).
    fn hints_allowed(&self) -> bool {
        true
    }

    /// Whether to offer a retry of the missed questions at the end.
    fn offers_retry(&self) -> bool {
        true
    }
}

/// The observer of a plain quiz that nobody records.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoObserver;

impl Observer for NoObserver {}

/// Run `session` to its end, then offer to retry the questions missed.
pub fn run<R: BufRead, W: Write>(
    session: QuizSession,
    input: &mut R,
    out: &mut W,
    config: PlainConfig,
) -> io::Result<PlainOutcome> {
    run_with(session, input, out, config, &mut NoObserver)
}

/// [`run`], telling `observer` what happens.
pub fn run_with<R: BufRead, W: Write>(
    session: QuizSession,
    input: &mut R,
    out: &mut W,
    config: PlainConfig,
    observer: &mut dyn Observer,
) -> io::Result<PlainOutcome> {
    let mut io = Talk { input, out, config, observer };
    let mut rounds = Vec::new();
    let mut session = session;
    loop {
        let note = io.observer.round_started(&session, rounds.len());
        io.note(note)?;
        let end = io.play(&mut session)?;
        io.score(&session.score())?;
        let note = io.observer.round_finished(&session, end == RoundEnd::Complete);
        io.note(note)?;
        let next = match end {
            RoundEnd::Complete if io.observer.offers_retry() => io.offer_retry(&mut session)?,
            RoundEnd::Complete => Next::Done,
            RoundEnd::EndOfInput => Next::EndOfInput,
            RoundEnd::Stopped => Next::Stopped,
        };
        rounds.push(session);
        let (end_of_input, stopped) = match next {
            Next::Retry(retry) => {
                session = retry;
                continue;
            }
            Next::Done => (false, false),
            Next::EndOfInput => (true, false),
            Next::Stopped => (false, true),
        };
        return Ok(PlainOutcome { rounds, end_of_input, stopped });
    }
}

struct Talk<'a, R, W> {
    input: &'a mut R,
    out: &'a mut W,
    config: PlainConfig,
    observer: &'a mut dyn Observer,
}

/// What follows a round.
enum Next {
    Retry(QuizSession),
    Done,
    EndOfInput,
    Stopped,
}

/// How a round ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RoundEnd {
    Complete,
    EndOfInput,
    Stopped,
}

/// A line typed at the prompt.
enum Line {
    Text(String),
    EndOfInput,
}

impl<R: BufRead, W: Write> Talk<'_, R, W> {
    /// Write `> `, read one line. Invalid UTF-8 is read lossily.
    fn ask(&mut self) -> io::Result<Line> {
        write!(self.out, "> ")?;
        self.out.flush()?;
        let mut buf = Vec::new();
        if self.input.read_until(b'\n', &mut buf)? == 0 {
            writeln!(self.out)?;
            return Ok(Line::EndOfInput);
        }
        let line = String::from_utf8_lossy(&buf).trim_end_matches(['\n', '\r']).to_owned();
        if self.config.echo {
            writeln!(self.out, "{}", sanitize(&line))?;
        }
        Ok(Line::Text(line))
    }

    fn note(&mut self, note: Option<String>) -> io::Result<()> {
        match note {
            Some(text) => writeln!(self.out, "{}", crate::text::sanitize_with(&text, true)),
            None => Ok(()),
        }
    }

    fn markdown(&mut self, text: &str) -> io::Result<()> {
        let rendered = render(text, self.config.width);
        if !rendered.is_empty() {
            writeln!(self.out, "{rendered}")?;
        }
        Ok(())
    }

    /// Ask every remaining question.
    fn play(&mut self, session: &mut QuizSession) -> io::Result<RoundEnd> {
        while let Some(item) = session.current().cloned() {
            match self.observer.before_question(session) {
                Ok(note) => self.note(note)?,
                Err(stop) => {
                    self.note(Some(stop))?;
                    return Ok(RoundEnd::Stopped);
                }
            }
            let number = session.position() + 1;
            self.question(&item, number, session.len())?;
            let started = Instant::now();
            let record = loop {
                let response = if let QuestionKind::Card { answer } = &item.question.kind {
                    self.card(session, answer)?
                } else {
                    self.response(session, &item)?
                };
                let Some(response) = response else { return Ok(RoundEnd::EndOfInput) };
                if let Err(stop) = self.observer.before_answer(session) {
                    self.note(Some(stop))?;
                    return Ok(RoundEnd::Stopped);
                }
                match session.answer(response, started.elapsed().as_secs_f64()) {
                    Ok(record) => break record.clone(),
                    Err(e) => writeln!(self.out, "{}", sanitize(&e.to_string()))?,
                }
            };
            self.verdict(&item, &record)?;
            let note = self.observer.answered(session);
            self.note(note)?;
            writeln!(self.out)?;
        }
        Ok(RoundEnd::Complete)
    }

    fn question(&mut self, item: &SessionItem, number: usize, total: usize) -> io::Result<()> {
        let q = &item.question;
        writeln!(self.out, "Question {number}/{total} [{}]", sanitize(&q.topic))?;
        self.markdown(&q.prompt)?;
        let hints = if q.hints.is_empty() || !self.observer.hints_allowed() { "" } else { " Type ? for a hint." };
        let instruction = match &q.kind {
            QuestionKind::Single { .. } | QuestionKind::Short { .. } => String::new(),
            QuestionKind::Multiple { .. } => "Choose every right answer: numbers separated by spaces.".to_owned(),
            QuestionKind::TrueFalse { .. } => "True or false?".to_owned(),
            QuestionKind::Numeric { unit, .. } => {
                unit.as_ref().map_or_else(String::new, |u| format!("Answer in {}.", sanitize(u)))
            }
            QuestionKind::Order { .. } => "Type every item number in the right order, first to last.".to_owned(),
            QuestionKind::Match { .. } => "Pair each number with a letter, e.g. 1b 2a.".to_owned(),
            QuestionKind::Card { .. } => "Recall the answer, then press Enter to see it.".to_owned(),
            QuestionKind::Predict { scenario, metric, tolerance_pct } => format!(
                "Predict `{}` of the scenario `{}` (within {}%).",
                sanitize(metric),
                sanitize(scenario),
                number_text(*tolerance_pct)
            ),
        };
        let instruction = format!("{instruction}{hints}");
        if !instruction.is_empty() {
            writeln!(self.out, "{}", instruction.trim_start())?;
        }
        match &q.kind {
            QuestionKind::Single { choices, .. } | QuestionKind::Multiple { choices, .. } => {
                self.list(&item.order, choices)?;
            }
            QuestionKind::Order { items } => self.list(&item.order, items)?,
            QuestionKind::Match { pairs } => {
                for (k, (left, _)) in pairs.iter().enumerate() {
                    writeln!(self.out, "  {}. {}", k + 1, sanitize(left))?;
                }
                for (k, &i) in item.order.iter().enumerate() {
                    writeln!(self.out, "  {}. {}", letter(k), sanitize(&pairs[i].1))?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn list(&mut self, order: &[usize], texts: &[String]) -> io::Result<()> {
        for (k, &i) in order.iter().enumerate() {
            writeln!(self.out, "  {}. {}", k + 1, sanitize(&texts[i]))?;
        }
        Ok(())
    }

    /// Show the next hint, or say there is none.
    fn hint(&mut self, session: &mut QuizSession) -> io::Result<()> {
        if !self.observer.hints_allowed() {
            return writeln!(self.out, "No hints in a drill.");
        }
        let total = session.current().map_or(0, |i| i.question.hints.len());
        match session.next_hint().map(str::to_owned) {
            Some(hint) => {
                writeln!(self.out, "Hint {}/{total}:", session.hints_shown().len())?;
                self.markdown(&hint)
            }
            None if total == 0 => writeln!(self.out, "This question has no hints."),
            None => writeln!(self.out, "No more hints."),
        }
    }

    /// Read until a well-formed response (`None` at end of input).
    fn response(&mut self, session: &mut QuizSession, item: &SessionItem) -> io::Result<Option<Response>> {
        loop {
            let Line::Text(line) = self.ask()? else { return Ok(None) };
            if line.trim() == "?" {
                self.hint(session)?;
                continue;
            }
            match parse_response(item, &line) {
                Ok(response) => return Ok(Some(response)),
                Err(message) if self.observer.hints_allowed() => writeln!(self.out, "{message}")?,
                Err(message) => writeln!(self.out, "{}", message.replace(" (? for a hint)", ""))?,
            }
        }
    }

    /// Reveal on Enter, then read the learner's grade.
    fn card(&mut self, session: &mut QuizSession, answer: &str) -> io::Result<Option<Response>> {
        loop {
            let Line::Text(line) = self.ask()? else { return Ok(None) };
            if line.trim() == "?" {
                self.hint(session)?;
                continue;
            }
            break;
        }
        writeln!(self.out, "Answer:")?;
        self.markdown(answer)?;
        writeln!(self.out, "How well did you recall it? again, hard, good or easy (or 1-4)")?;
        loop {
            let Line::Text(line) = self.ask()? else { return Ok(None) };
            match Grade::parse(&line) {
                Some(grade) => return Ok(Some(Response::Grade(grade))),
                None => writeln!(self.out, "Type again, hard, good or easy (or 1 to 4).")?,
            }
        }
    }

    fn verdict(&mut self, item: &SessionItem, record: &AnswerRecord) -> io::Result<()> {
        let q = &item.question;
        let word = if record.verdict.correct { "Correct" } else { "Incorrect" };
        if let Detail::Card { grade } = record.verdict.detail {
            writeln!(self.out, "{word} (you graded your recall: {grade}).")?;
        } else {
            writeln!(self.out, "{word}. Answer: {}", answer_text(item))?;
        }
        self.details(item, record)?;
        for key in feedback_keys(item, &record.response) {
            if let Some(text) = q.feedback.get(&key) {
                writeln!(self.out, "About {:?}:", sanitize(&key))?;
                self.markdown(text)?;
            }
        }
        self.markdown(&q.explanation)?;
        if let Some(lesson) = &q.lesson {
            writeln!(self.out, "Read more: lambda-tutor read {}", sanitize(lesson))?;
        }
        Ok(())
    }

    /// Partial information: which picks, positions or pairs were wrong.
    fn details(&mut self, item: &SessionItem, record: &AnswerRecord) -> io::Result<()> {
        let q = &item.question;
        match (&record.verdict.detail, &q.kind) {
            (Detail::Multiple { wrong_picks, missed, .. }, QuestionKind::Multiple { choices, .. }) => {
                if !wrong_picks.is_empty() {
                    writeln!(self.out, "Wrong picks: {}", numbered(item, wrong_picks, choices))?;
                }
                if !missed.is_empty() {
                    writeln!(self.out, "Missed: {}", numbered(item, missed, choices))?;
                }
            }
            (Detail::Order { right_positions }, QuestionKind::Order { items }) => {
                if !record.verdict.correct {
                    let right: Vec<String> = right_positions
                        .iter()
                        .enumerate()
                        .filter(|(_, r)| **r)
                        .map(|(p, _)| (p + 1).to_string())
                        .collect();
                    let right = if right.is_empty() { "none".to_owned() } else { right.join(", ") };
                    writeln!(self.out, "Positions you had right: {right} (of {})", items.len())?;
                }
                writeln!(self.out, "The right order:")?;
                for (i, text) in items.iter().enumerate() {
                    let shown = item.position_of(i).map_or(0, |p| p + 1);
                    writeln!(self.out, "  {shown}. {}", sanitize(text))?;
                }
            }
            (Detail::Match { right_pairs }, QuestionKind::Match { pairs }) => {
                if !record.verdict.correct {
                    let right = right_pairs.iter().filter(|r| **r).count();
                    writeln!(self.out, "Pairs you had right: {right} of {}", pairs.len())?;
                }
                for (i, (left, right)) in pairs.iter().enumerate() {
                    let shown = item.position_of(i).map_or_else(String::new, letter);
                    writeln!(self.out, "  {}. {} = {shown}. {}", i + 1, sanitize(left), sanitize(right))?;
                }
            }
            (Detail::Predict { error_pct, .. }, QuestionKind::Predict { tolerance_pct, .. }) => {
                let off = error_pct.map_or_else(|| "off".to_owned(), |e| format!("{}% off", number_text(round2(e))));
                writeln!(self.out, "You were {off}; within {}% counts.", number_text(*tolerance_pct))?;
            }
            _ => {}
        }
        Ok(())
    }

    fn score(&mut self, score: &Score) -> io::Result<()> {
        writeln!(self.out, "Score: {}/{} ({}%)", score.correct, score.total, score.percent())?;
        if !score.by_topic.is_empty() {
            writeln!(self.out, "By topic:")?;
            for t in &score.by_topic {
                writeln!(
                    self.out,
                    "  {}: {}/{} ({}%)",
                    sanitize(&t.topic),
                    t.correct,
                    t.total,
                    percent(t.correct, t.total)
                )?;
            }
        }
        Ok(())
    }

    /// Offer to retry the questions missed.
    fn offer_retry(&mut self, session: &mut QuizSession) -> io::Result<Next> {
        let missed = session.missed().len();
        if missed == 0 {
            return Ok(Next::Done);
        }
        let noun = if missed == 1 { "question" } else { "questions" };
        writeln!(self.out, "Retry the {missed} {noun} you missed? (y/n)")?;
        loop {
            let Line::Text(line) = self.ask()? else { return Ok(Next::EndOfInput) };
            match line.trim().to_ascii_lowercase().as_str() {
                "y" | "yes" => {
                    writeln!(self.out)?;
                    return Ok(session.retry_missed().map_or(Next::Done, Next::Retry));
                }
                "n" | "no" | "" => return Ok(Next::Done),
                _ => writeln!(self.out, "Type y or n.")?,
            }
        }
    }
}

/// Markdown laid out as plain text, without trailing blank lines.
pub fn render(markdown: &str, width: usize) -> String {
    let text = Document::parse(markdown).layout(width.max(1)).to_plain();
    text.trim_end_matches('\n').trim_start_matches('\n').to_owned()
}

/// `a`…`z`, then `aa`, `ab`, … for the right side of `match` questions.
pub fn letter(index: usize) -> String {
    let mut n = index;
    let mut out = Vec::new();
    loop {
        out.push(b'a' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// The inverse of [`letter`].
pub fn parse_letter(s: &str) -> Option<usize> {
    if s.is_empty() || s.len() > 3 || !s.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let mut n = 0usize;
    for b in s.bytes() {
        n = n * 26 + usize::from(b - b'a') + 1;
    }
    Some(n - 1)
}

/// `x` rounded to two decimals.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// A number as people write it: no `.0` on whole numbers.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { format!("{n}") }
}

/// `2. text; 4. text` in display order.
pub fn numbered(item: &SessionItem, indices: &[usize], texts: &[String]) -> String {
    let mut shown: Vec<(usize, usize)> =
        indices.iter().map(|&i| (item.position_of(i).map_or(0, |p| p + 1), i)).collect();
    shown.sort_unstable();
    shown.iter().map(|&(p, i)| format!("{p}. {}", sanitize(&texts[i]))).collect::<Vec<_>>().join("; ")
}

/// The right answer, in the terms the learner was shown.
pub fn answer_text(item: &SessionItem) -> String {
    match &item.question.kind {
        QuestionKind::Single { choices, answer } => numbered(item, &[*answer], choices),
        QuestionKind::Multiple { choices, answers } => numbered(item, answers, choices),
        QuestionKind::TrueFalse { answer } => answer.to_string(),
        QuestionKind::Short { answer, .. } => sanitize(answer).into_owned(),
        QuestionKind::Numeric { answer, tolerance, unit } => {
            let unit = unit.as_deref().map(sanitize);
            crate::quiz::range::numeric_text(*answer, *tolerance, unit.as_deref(), number_text)
        }
        QuestionKind::Order { items } => {
            (0..items.len()).map(|i| item.position_of(i).map_or(0, |p| p + 1).to_string()).collect::<Vec<_>>().join(" ")
        }
        QuestionKind::Match { pairs } => (0..pairs.len())
            .map(|i| format!("{}{}", i + 1, item.position_of(i).map_or_else(String::new, letter)))
            .collect::<Vec<_>>()
            .join(" "),
        QuestionKind::Card { .. } => String::new(),
        QuestionKind::Predict { metric, .. } => {
            let truth = item.truth.map_or_else(|| "unknown".to_owned(), |t| number_text(round2(t)));
            format!("{truth} ({} in the simulator)", sanitize(metric))
        }
    }
}

/// Which feedback entries apply to a response: the choices picked.
pub fn feedback_keys(item: &SessionItem, response: &Response) -> Vec<String> {
    match (&item.question.kind, response) {
        (QuestionKind::Single { choices, .. }, Response::Choice(i)) => choices.get(*i).cloned().into_iter().collect(),
        (QuestionKind::Multiple { choices, .. }, Response::Choices(picks)) => {
            let mut picks = picks.clone();
            picks.sort_by_key(|&i| item.position_of(i));
            picks.dedup();
            picks.iter().filter_map(|&i| choices.get(i).cloned()).collect()
        }
        (QuestionKind::TrueFalse { .. }, Response::Bool(b)) => vec![b.to_string()],
        _ => Vec::new(),
    }
}

/// Numbers separated by spaces or commas.
fn numbers(line: &str) -> Option<Vec<usize>> {
    let tokens: Vec<&str> = line.split(|c: char| c.is_whitespace() || c == ',').filter(|t| !t.is_empty()).collect();
    if tokens.is_empty() {
        return None;
    }
    tokens.iter().map(|t| t.trim_end_matches('.').parse::<usize>().ok()).collect()
}

/// A number as typed: thousands separators and a trailing unit allowed.
fn parse_number(line: &str, unit: Option<&str>) -> Option<f64> {
    let mut text = line.trim().to_owned();
    if let Some(unit) = unit {
        let lower = text.to_lowercase();
        if lower.ends_with(&unit.to_lowercase()) {
            text.truncate(text.len() - unit.len());
        }
    }
    let cleaned: String = text.trim().chars().filter(|c| *c != ',' && *c != '_').collect();
    cleaned.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Turn a typed line into a response, or say briefly what was expected.
pub fn parse_response(item: &SessionItem, line: &str) -> Result<Response, String> {
    let hint = if item.question.hints.is_empty() { "" } else { " (? for a hint)" };
    let shown = |k: usize| item.shown(k.wrapping_sub(1));
    match &item.question.kind {
        QuestionKind::Single { choices, .. } => match numbers(line).as_deref() {
            Some([k]) => shown(*k).map(Response::Choice),
            _ => None,
        }
        .ok_or_else(|| format!("Type one choice number, 1 to {}{hint}.", choices.len())),
        QuestionKind::Multiple { choices, .. } => {
            let picks: Option<Vec<usize>> = numbers(line).and_then(|ks| ks.into_iter().map(shown).collect());
            picks.map(Response::Choices).ok_or_else(|| {
                format!("Type the numbers of every right choice (1 to {}), separated by spaces{hint}.", choices.len())
            })
        }
        QuestionKind::TrueFalse { .. } => match line.trim().to_ascii_lowercase().as_str() {
            "true" | "t" => Ok(Response::Bool(true)),
            "false" | "f" => Ok(Response::Bool(false)),
            _ => Err(format!("Type true or false{hint}.")),
        },
        QuestionKind::Short { .. } => {
            if line.trim().is_empty() {
                Err(format!("Type your answer{hint}."))
            } else {
                Ok(Response::Text(line.to_owned()))
            }
        }
        QuestionKind::Numeric { unit, .. } => {
            parse_number(line, unit.as_deref()).map(Response::Number).ok_or_else(|| format!("Type a number{hint}."))
        }
        QuestionKind::Predict { .. } => {
            parse_number(line, None).map(Response::Number).ok_or_else(|| format!("Type a number{hint}."))
        }
        QuestionKind::Order { items } => {
            let n = items.len();
            let mut ks = numbers(line);
            // "3124" for a short list, as people type it.
            if let Some([single]) = ks.as_deref()
                && n > 1
                && n < 10
                && line.trim().len() == n
            {
                let digits = single.to_string();
                ks = digits.chars().map(|c| c.to_digit(10).map(|d| d as usize)).collect();
            }
            let order: Option<Vec<usize>> = ks.and_then(|ks| ks.into_iter().map(shown).collect());
            match order {
                Some(order) if order.len() == n && is_permutation(&order) => Ok(Response::Order(order)),
                _ => Err(format!("Type each item number from 1 to {n} once, in the right order{hint}.")),
            }
        }
        QuestionKind::Match { pairs } => {
            let n = pairs.len();
            let usage = || format!("Pair every number 1 to {n} with one letter, e.g. 1b 2a{hint}.");
            let mut given = Vec::with_capacity(n);
            for token in line.split(|c: char| c.is_whitespace() || c == ',').filter(|t| !t.is_empty()) {
                let token = token.to_ascii_lowercase();
                let split = token.find(|c: char| !c.is_ascii_digit()).ok_or_else(usage)?;
                let (num, rest) = token.split_at(split);
                let rest = rest.trim_start_matches(['-', ':', '=']);
                let left = num.parse::<usize>().ok().filter(|k| (1..=n).contains(k)).ok_or_else(usage)?;
                let right = parse_letter(rest).and_then(|j| item.shown(j)).ok_or_else(usage)?;
                given.push((left - 1, right));
            }
            let mut lefts: Vec<usize> = given.iter().map(|(l, _)| *l).collect();
            lefts.sort_unstable();
            lefts.dedup();
            if lefts.len() != n || given.len() != n {
                return Err(usage());
            }
            Ok(Response::Pairs(given))
        }
        QuestionKind::Card { .. } => Grade::parse(line)
            .map(Response::Grade)
            .ok_or_else(|| "Type again, hard, good or easy (or 1 to 4).".to_owned()),
    }
}

fn is_permutation(order: &[usize]) -> bool {
    let mut seen = vec![false; order.len()];
    order.iter().all(|&i| i < seen.len() && !std::mem::replace(&mut seen[i], true))
}

pub mod recorded;

#[cfg(test)]
mod tests;
