//! Importers: other quiz formats → a native format-1 pack.
//!
//! Each format has its own module that reads the source into [`Draft`]
//! questions and [`Note`]s (what could not be converted, or converted with
//! a loss, and why, at a source line). [`finish`] then makes every id,
//! topic and text valid, checks each question with the pack parser itself
//! (a question it would reject is reported and left out, never written),
//! and writes the pack with [`super::write`]. So an import either fails
//! with its reasons or gives a pack that loads with no errors.

pub mod aiken;
pub mod anki;
pub mod gift;
pub mod html;
pub mod ids;
pub mod markdown;
pub mod mdbook;

use std::collections::BTreeMap;
use std::fmt;

use super::model::{Difficulty, Pack, PackMeta, Question, QuestionKind};
use super::parse::{MAX_QUESTIONS, parse_pack};
use super::write::{write_pack, write_question};
use crate::infra::MAX_FILE_BYTES;

/// A format `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Gift,
    Aiken,
    Anki,
    MdbookQuiz,
    Markdown,
}

impl Format {
    pub const ALL: [Format; 5] = [Format::Gift, Format::Aiken, Format::Anki, Format::MdbookQuiz, Format::Markdown];

    /// As written after `--from`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Gift => "gift",
            Format::Aiken => "aiken",
            Format::Anki => "anki",
            Format::MdbookQuiz => "mdbook-quiz",
            Format::Markdown => "markdown",
        }
    }

    /// As written in prose: "GIFT", "Anki".
    pub fn label(self) -> &'static str {
        match self {
            Format::Gift => "GIFT",
            Format::Aiken => "Aiken",
            Format::Anki => "Anki",
            Format::MdbookQuiz => "mdbook-quiz",
            Format::Markdown => "Markdown",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Something about one item of the source: left out, or converted with a
/// loss.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// 1-based line of the source where the item begins.
    pub line: usize,
    /// True when the item was left out; false when it was converted with a
    /// loss (partial credit, an image replaced by its alt text, …).
    pub skipped: bool,
    pub message: String,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = if self.skipped { "not imported" } else { "note" };
        write!(f, "{}: {what}: {}", self.line, crate::text::sanitize(&self.message))
    }
}

/// A converted pack: the model, its TOML text, and the notes.
#[derive(Debug, Clone)]
pub struct Imported {
    pub pack: Pack,
    /// The pack file, as written to disk: it parses back into `pack`.
    pub toml: String,
    pub notes: Vec<Note>,
}

impl Imported {
    /// Give every question `topic` and `lesson` (`import --topic T --lesson
    /// L`), when given, and write the pack anew. A topic is made a slug the
    /// way a `$CATEGORY` is; `None` when it has no letter or digit.
    pub fn with_topic_and_lesson(mut self, topic: Option<&str>, lesson: Option<&str>) -> Result<Self, String> {
        let topic = match topic {
            Some(t) => Some(ids::topic(t).ok_or_else(|| format!("--topic {t:?} has no letter or digit"))?),
            None => None,
        };
        if let Some(l) = lesson.filter(|l| !crate::infra::is_valid_id(l)) {
            return Err(format!("--lesson {l:?} is not a lesson id (lower-case letters, digits and `-`)"));
        }
        for q in &mut self.pack.questions {
            if let Some(t) = &topic {
                q.topic.clone_from(t);
            }
            if let Some(l) = lesson {
                q.lesson = Some(l.to_owned());
            }
        }
        self.toml = write_pack(&self.pack);
        Ok(self)
    }
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum ImportError {
    #[error("nothing could be imported: no item of the file converts to a question")]
    NoQuestions { notes: Vec<Note> },
    #[error("this is already a lambda-tutor pack (it has `format = 1`): use it as it is")]
    AlreadyNative,
    #[error("{0}")]
    Unreadable(String),
    /// A bug: the written pack does not parse. Reported rather than written.
    #[error("internal error: the converted pack does not parse ({0})")]
    Internal(String),
}

impl ImportError {
    /// The notes gathered before the import failed.
    pub fn notes(&self) -> &[Note] {
        match self {
            ImportError::NoQuestions { notes } => notes,
            _ => &[],
        }
    }
}

/// A question as an importer read it, before ids and topics are settled.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// Where it begins in the source (1-based).
    pub line: usize,
    /// A title to make the id from (`::title::`, a heading).
    pub title: Option<String>,
    /// An id the source gives (an Anki guid, an mdbook-quiz id), already
    /// made valid with [`ids::stable_id`].
    pub id: Option<String>,
    /// A category, deck or section name; its last segment becomes the
    /// topic.
    pub category: Option<String>,
    pub tags: Vec<String>,
    pub prompt: String,
    pub kind: QuestionKind,
    pub explanation: Option<String>,
    pub feedback: BTreeMap<String, String>,
    pub shuffle: bool,
}

impl Draft {
    pub fn new(line: usize, prompt: impl Into<String>, kind: QuestionKind) -> Self {
        Self {
            line,
            title: None,
            id: None,
            category: None,
            tags: Vec::new(),
            prompt: prompt.into(),
            kind,
            explanation: None,
            feedback: BTreeMap::new(),
            shuffle: true,
        }
    }
}

/// What an importer hands back: questions and notes, in source order.
#[derive(Debug, Clone, Default)]
pub struct Read {
    pub drafts: Vec<Draft>,
    pub notes: Vec<Note>,
}

impl Read {
    pub fn skip(&mut self, line: usize, message: impl Into<String>) {
        self.notes.push(Note { line, skipped: true, message: message.into() });
    }

    pub fn note(&mut self, line: usize, message: impl Into<String>) {
        self.notes.push(Note { line, skipped: false, message: message.into() });
    }
}

/// Import `text` (the contents of `file_name`) from `format`.
pub fn import(format: Format, file_name: &str, text: &str) -> Result<Imported, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if format == Format::MdbookQuiz && is_native(text) {
        return Err(ImportError::AlreadyNative);
    }
    let read = match format {
        Format::Gift => gift::read(text),
        Format::Aiken => aiken::read(text),
        Format::Anki => anki::read(text),
        Format::MdbookQuiz => mdbook::read(text),
        Format::Markdown => markdown::read(text),
    };
    finish(format, file_name, read)
}

fn is_native(text: &str) -> bool {
    text.parse::<toml::Table>().is_ok_and(|t| t.contains_key("format") && t.contains_key("pack"))
}

/// The format of `text`, from its content (the file name breaks ties), or
/// `None` when it looks like none of them.
pub fn guess(file_name: &str, text: &str) -> Option<Format> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let ext = std::path::Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if let Ok(table) = text.parse::<toml::Table>()
        && table.get("questions").and_then(toml::Value::as_array).is_some()
    {
        return Some(Format::MdbookQuiz);
    }
    let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    if anki::is_header(first) {
        return Some(Format::Anki);
    }
    if markdown::looks_like(text) || (ext == "md" || ext == "markdown") && text.contains("- [") {
        return Some(Format::Markdown);
    }
    if aiken::looks_like(text) {
        return Some(Format::Aiken);
    }
    if ext == "gift" || gift::looks_like(text) {
        return Some(Format::Gift);
    }
    if anki::looks_like(text) || matches!(ext.as_str(), "tsv" | "csv") {
        return Some(Format::Anki);
    }
    None
}

/// Settle ids, topics and texts; check each question with the pack parser;
/// write the pack.
pub fn finish(format: Format, file_name: &str, read: Read) -> Result<Imported, ImportError> {
    let Read { drafts, mut notes } = read;
    let (pack_id, title) = ids::pack_names(file_name);
    let shown_name = std::path::Path::new(file_name)
        .file_name()
        .map_or_else(|| file_name.to_owned(), |n| n.to_string_lossy().into_owned());
    let meta = PackMeta {
        id: pack_id,
        title,
        version: "1.0.0".to_owned(),
        description: format!("Imported from {} ({shown_name}).", format.label()),
        authors: Vec::new(),
        license: None,
    };
    let mut unique = ids::Unique::default();
    let mut questions = Vec::with_capacity(drafts.len());
    // What is written must load again: at most MAX_QUESTIONS questions in
    // at most MAX_FILE_BYTES. Count the bytes as the questions come.
    let empty = Pack { meta: meta.clone(), questions: Vec::new(), path: String::new(), builtin: false, course: None };
    let mut size = write_pack(&empty).len();
    let max_size = usize::try_from(MAX_FILE_BYTES).unwrap_or(usize::MAX);
    for draft in drafts {
        let line = draft.line;
        let wanted = draft
            .id
            .clone()
            .or_else(|| draft.title.as_deref().map(ids::short_slug).filter(|s| !s.is_empty()))
            .unwrap_or_else(|| format!("q{}", questions.len() + 1));
        let question = match settle(draft, &wanted) {
            Ok(q) => q,
            Err(reason) => {
                notes.push(Note { line, skipped: true, message: reason });
                continue;
            }
        };
        if let Err(reason) = check_alone(&meta, &question) {
            notes.push(Note { line, skipped: true, message: reason });
            continue;
        }
        if questions.len() == MAX_QUESTIONS {
            // One note for the lot: the written pack must pass `check`.
            notes.push(Note {
                line,
                skipped: true,
                message: format!(
                    "a pack holds at most {MAX_QUESTIONS} questions: this question and every one after it were \
                     not imported (split the file and import each part)"
                ),
            });
            break;
        }
        let id = unique.claim(&question.id);
        let question = Question { id, ..question };
        let mut written = String::new();
        write_question(&mut written, &question);
        size += written.len() + 1;
        if size > max_size {
            notes.push(Note {
                line,
                skipped: true,
                message: format!(
                    "the pack would be larger than {MAX_FILE_BYTES} bytes (8 MiB), the most a pack file may hold: \
                     this question and every one after it were not imported (split the file and import each part)"
                ),
            });
            break;
        }
        questions.push(question);
    }
    notes.sort_by_key(|n| n.line);
    if questions.is_empty() {
        return Err(ImportError::NoQuestions { notes });
    }
    let pack = Pack { meta, questions, path: String::new(), builtin: false, course: None };
    let toml = write_pack(&pack);
    let parsed = parse_pack("imported.toml", toml.as_bytes());
    let errors = parsed.has_errors();
    let Some(back) = parsed.pack.filter(|_| !errors) else {
        let first = parsed.diagnostics.iter().find(|d| d.is_error()).map(ToString::to_string).unwrap_or_default();
        return Err(ImportError::Internal(first));
    };
    Ok(Imported { pack: Pack { path: String::new(), ..back }, toml, notes })
}

/// Trim texts, drop blank ones, fill in what the format requires.
fn settle(draft: Draft, id: &str) -> Result<Question, String> {
    let prompt = draft.prompt.trim().to_owned();
    if prompt.is_empty() {
        return Err("the question has no text".to_owned());
    }
    let kind = settle_kind(draft.kind)?;
    let choices: Vec<String> = kind.choices().map(<[String]>::to_vec).unwrap_or_default();
    let mut feedback = BTreeMap::new();
    for (key, text) in draft.feedback {
        let key = key.trim().to_owned();
        let text = text.trim().to_owned();
        if text.is_empty() {
            continue;
        }
        let fits = match kind {
            QuestionKind::TrueFalse { .. } => matches!(key.as_str(), "true" | "false"),
            _ => choices.contains(&key),
        };
        if fits {
            feedback.insert(key, text);
        }
    }
    let explanation = draft
        .explanation
        .map(|e| e.trim().to_owned())
        .filter(|e| !e.is_empty())
        // No invented sentence for learners to read after every answer:
        // the empty explanation is written out, and `check` warns about it.
        .unwrap_or_default();
    let topic = draft.category.as_deref().and_then(ids::topic).unwrap_or_else(|| "imported".to_owned());
    let mut tags: Vec<String> = Vec::new();
    for tag in draft.tags {
        let tag = tag.trim().to_owned();
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    Ok(Question {
        id: id.to_owned(),
        kind,
        topic,
        difficulty: Difficulty::default(),
        lesson: None,
        tags,
        prompt,
        explanation,
        hints: Vec::new(),
        feedback,
        shuffle: draft.shuffle,
    })
}

fn trimmed(list: Vec<String>) -> Vec<String> {
    list.into_iter().map(|s| s.trim().to_owned()).collect()
}

/// Texts trimmed; repeated or blank choices, items and pairs are reasons
/// to leave the question out (the learner could not tell them apart).
fn settle_kind(kind: QuestionKind) -> Result<QuestionKind, String> {
    let distinct = |list: &[String], what: &str| -> Result<(), String> {
        if let Some(blank) = list.iter().position(String::is_empty) {
            return Err(format!("{what} {} is empty", blank + 1));
        }
        for (i, s) in list.iter().enumerate() {
            if list[..i].contains(s) {
                return Err(format!("the {what} {s:?} appears twice"));
            }
        }
        Ok(())
    };
    Ok(match kind {
        QuestionKind::Single { choices, answer } => {
            let choices = trimmed(choices);
            distinct(&choices, "choice")?;
            QuestionKind::Single { choices, answer }
        }
        QuestionKind::Multiple { choices, answers } => {
            let choices = trimmed(choices);
            distinct(&choices, "choice")?;
            QuestionKind::Multiple { choices, answers }
        }
        QuestionKind::Short { answer, accept } => {
            let answer = answer.trim().to_owned();
            if answer.is_empty() {
                return Err("the answer is empty".to_owned());
            }
            let mut kept: Vec<String> = Vec::new();
            for a in trimmed(accept) {
                if !a.is_empty() && a != answer && !kept.contains(&a) {
                    kept.push(a);
                }
            }
            QuestionKind::Short { answer, accept: kept }
        }
        QuestionKind::Order { items } => {
            let items = trimmed(items);
            distinct(&items, "item")?;
            QuestionKind::Order { items }
        }
        QuestionKind::Match { pairs } => {
            let pairs: Vec<(String, String)> =
                pairs.into_iter().map(|(l, r)| (l.trim().to_owned(), r.trim().to_owned())).collect();
            let lefts: Vec<String> = pairs.iter().map(|p| p.0.clone()).collect();
            let rights: Vec<String> = pairs.iter().map(|p| p.1.clone()).collect();
            distinct(&lefts, "left side")?;
            distinct(&rights, "right side")?;
            QuestionKind::Match { pairs }
        }
        QuestionKind::Card { answer } => {
            let answer = answer.trim().to_owned();
            if answer.is_empty() {
                return Err("the answer side is empty".to_owned());
            }
            QuestionKind::Card { answer }
        }
        QuestionKind::Numeric { answer, tolerance, unit } => {
            if !answer.is_finite() || !tolerance.is_finite() {
                return Err("the number is not finite".to_owned());
            }
            QuestionKind::Numeric { answer, tolerance: tolerance.abs(), unit }
        }
        other => other,
    })
}

/// The question on its own, through the pack parser: its first error, if
/// any, is the reason to leave it out.
fn check_alone(meta: &PackMeta, question: &Question) -> Result<(), String> {
    let mut text = write_pack(&Pack {
        meta: meta.clone(),
        questions: Vec::new(),
        path: String::new(),
        builtin: false,
        course: None,
    });
    text.push('\n');
    write_question(&mut text, question);
    let parsed = parse_pack("question.toml", text.as_bytes());
    match parsed.diagnostics.iter().find(|d| d.is_error()) {
        Some(d) => Err(d.message.clone()),
        None => Ok(()),
    }
}

/// Text with every run of whitespace folded to one space, for comparing
/// texts that went through a format that does not keep line breaks.
pub fn fold_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
