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

use crate::markdown::Document;
use crate::quiz::answer::{Detail, Response};
use crate::quiz::format::{answer_text, feedback_keys, letter, number_text, numbered, parse_response, round2};
use crate::quiz::model::{Grade, QuestionKind};
use crate::quiz::session::{AnswerRecord, QuizSession, Score, SessionItem, percent};
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

/// The longest line read at the prompt. No answer needs more (the longest
/// is a short answer or an order of items); a longer line (a file piped in
/// by mistake, a line with no end) is refused without being kept in memory.
pub const MAX_LINE_BYTES: usize = 16 * 1024;

/// One line read with a bound.
enum Bounded {
    Line(Vec<u8>),
    /// Over the bound: the rest of the line was read and dropped.
    TooLong,
    EndOfInput,
}

/// Read up to the next `\n` (kept), holding at most `max` bytes: the rest of
/// a longer line is consumed from the reader's buffer and dropped.
fn read_line_bounded<R: BufRead + ?Sized>(input: &mut R, max: usize) -> io::Result<Bounded> {
    let mut line = Vec::new();
    let mut too_long = false;
    let mut read_any = false;
    loop {
        let (done, used) = {
            let available = match input.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                break;
            }
            read_any = true;
            let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
                Some(i) => (&available[..=i], true),
                None => (available, false),
            };
            if !too_long && line.len() + chunk.len() <= max {
                line.extend_from_slice(chunk);
            } else {
                too_long = true;
                line = Vec::new();
            }
            (done, chunk.len())
        };
        input.consume(used);
        if done {
            break;
        }
    }
    Ok(match (read_any, too_long) {
        (false, _) => Bounded::EndOfInput,
        (true, true) => Bounded::TooLong,
        (true, false) => Bounded::Line(line),
    })
}

/// A line typed at the prompt.
enum Line {
    Text(String),
    EndOfInput,
}

impl<R: BufRead, W: Write> Talk<'_, R, W> {
    /// Write `> `, read one line. Invalid UTF-8 is read lossily.
    fn ask(&mut self) -> io::Result<Line> {
        loop {
            write!(self.out, "> ")?;
            self.out.flush()?;
            let line = match read_line_bounded(self.input, MAX_LINE_BYTES)? {
                Bounded::EndOfInput => {
                    writeln!(self.out)?;
                    return Ok(Line::EndOfInput);
                }
                Bounded::TooLong => {
                    writeln!(self.out)?;
                    writeln!(self.out, "That line is too long (over {MAX_LINE_BYTES} bytes): type a shorter answer.")?;
                    continue;
                }
                Bounded::Line(bytes) => String::from_utf8_lossy(&bytes).trim_end_matches(['\n', '\r']).to_owned(),
            };
            if self.config.echo {
                writeln!(self.out, "{}", sanitize(&line))?;
            }
            return Ok(Line::Text(line));
        }
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

pub mod recorded;

#[cfg(test)]
mod tests;
