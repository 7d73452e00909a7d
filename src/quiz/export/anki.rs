//! A pack as Anki plain-text notes, for File → Import in Anki.
//!
//! ```text
//! (→ stands for a tab)
//! #separator:tab
//! #html:true
//! #guid column:1
//! #notetype column:2
//! #deck column:3
//! #tags column:6
//! #columns:Guid → Notetype → Deck → Front → Back → Tags
//! lambda-basics/default-timeout → Basic → Lambda basics::limits → <p>What…</p> → <p>3 seconds</p>… → interview
//! ```
//!
//! Every question becomes a Basic note. Its guid is the progress key
//! `pack-id/question-id`: unique in an Anki collection, and the same on
//! every export, so importing a newer export updates the notes. The deck
//! is `Pack title::topic`. Markdown is rendered to HTML. The front holds
//! the prompt, and the choices, items or pairs the learner chooses from;
//! the back holds the answer, then (after `<hr id="explanation">`) the
//! explanation. `predict` questions need the simulator and are left out.

use std::fmt::Write as _;

use pulldown_cmark::{Event, Options, Parser, html};

use super::{ExportNote, Exported};
use crate::quiz::model::{Pack, Question, QuestionKind};
use crate::quiz::write::number;

/// Separates the answer from the explanation on the back of a card; the
/// Anki importer splits there again.
pub const EXPLANATION_RULE: &str = "<hr id=\"explanation\">";

pub const HEADER: &str = "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n\
                          #tags column:6\n#columns:Guid\tNotetype\tDeck\tFront\tBack\tTags\n";

pub fn export(pack: &Pack) -> Exported {
    let mut out = Exported { text: HEADER.to_owned(), ..Exported::default() };
    for q in &pack.questions {
        let Some((front, back)) = sides(q, &mut out.notes) else { continue };
        let guid = q.key(&pack.meta.id);
        let deck = format!("{}::{}", one_line(&pack.meta.title).replace("::", ":"), q.topic);
        let tags: Vec<String> = q.tags.iter().map(|t| t.split_whitespace().collect::<Vec<_>>().join("_")).collect();
        let fields = [guid, "Basic".to_owned(), deck, front, back, tags.join(" ")];
        let line: Vec<String> = fields.iter().map(|f| field(f)).collect();
        out.text.push_str(&line.join("\t"));
        out.text.push('\n');
        out.exported += 1;
    }
    let dropped: Vec<&str> = [
        pack.questions.iter().any(|q| !q.hints.is_empty()).then_some("hints"),
        pack.questions.iter().any(|q| q.lesson.is_some()).then_some("lesson links"),
        pack.questions.iter().any(|q| !q.feedback.is_empty()).then_some("per-choice feedback"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !dropped.is_empty() {
        out.notes.push(ExportNote {
            question: String::new(),
            skipped: false,
            message: format!("Anki notes do not keep {}", dropped.join(", ")),
        });
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Markdown rendered to HTML. Raw HTML in the markdown is shown as its
/// source text, as lambda-tutor's reader shows it (comments dropped), so
/// that a card reads the same in Anki as in the tutor.
pub fn to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) if raw.trim_start().starts_with("<!--") => Event::Text("".into()),
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out.trim_end().to_owned()
}

/// `text` with every ASCII punctuation character backslash-escaped, so
/// markdown reads it as the characters themselves: the tutor shows choices
/// as plain text, and a choice `#` must not become an empty heading.
fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A markdown list of plain texts, each kept whole even over several lines.
fn markdown_list(items: &[String], numbered: bool) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        let marker = if numbered { format!("{}. ", i + 1) } else { "- ".to_owned() };
        let indent = " ".repeat(marker.len());
        let item = literal(item.trim());
        let mut lines = item.lines();
        out.push_str(&marker);
        out.push_str(lines.next().unwrap_or(""));
        out.push('\n');
        for line in lines {
            out.push_str(&indent);
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Front and back (HTML), or `None` for a question Anki cannot hold.
fn sides(q: &Question, notes: &mut Vec<ExportNote>) -> Option<(String, String)> {
    let mut front = q.prompt.trim().to_owned();
    let answer = match &q.kind {
        QuestionKind::Single { choices, answer } => {
            let _ = write!(front, "\n\n{}", markdown_list(choices, true));
            choices.get(*answer).map(|c| literal(c.trim())).unwrap_or_default()
        }
        QuestionKind::Multiple { choices, answers } => {
            let _ = write!(front, "\n\n_Pick every right answer._\n\n{}", markdown_list(choices, true));
            let right: Vec<String> = answers.iter().filter_map(|i| choices.get(*i).cloned()).collect();
            markdown_list(&right, false)
        }
        QuestionKind::TrueFalse { answer } => {
            front.push_str("\n\n_True or false?_");
            if *answer { "True".to_owned() } else { "False".to_owned() }
        }
        QuestionKind::Short { answer, accept } => {
            let mut a = answer.trim().to_owned();
            if !accept.is_empty() {
                let _ = write!(a, "\n\nAlso accepted: {}", accept.join("; "));
            }
            a
        }
        QuestionKind::Numeric { answer, tolerance, unit } => {
            crate::quiz::range::numeric_text(*answer, *tolerance, unit.as_deref(), number)
        }
        QuestionKind::Order { items } => {
            let mut shown = items.clone();
            shown.sort();
            let _ = write!(front, "\n\n_Put in order:_\n\n{}", markdown_list(&shown, false));
            markdown_list(items, true)
        }
        QuestionKind::Match { pairs } => {
            let lefts: Vec<String> = pairs.iter().map(|p| p.0.clone()).collect();
            let mut rights: Vec<String> = pairs.iter().map(|p| p.1.clone()).collect();
            rights.sort();
            let _ = write!(
                front,
                "\n\n_Match each of:_\n\n{}\n_with one of:_\n\n{}",
                markdown_list(&lefts, false),
                markdown_list(&rights, false)
            );
            let matched: Vec<String> = pairs.iter().map(|(l, r)| format!("{} → {}", l.trim(), r.trim())).collect();
            markdown_list(&matched, false)
        }
        QuestionKind::Card { answer } => answer.trim().to_owned(),
        QuestionKind::Predict { .. } => {
            notes.push(ExportNote {
                question: q.id.clone(),
                skipped: true,
                message: "`predict` questions need the simulator to know the answer; Anki cannot hold them".to_owned(),
            });
            return None;
        }
    };
    let back = format!("{}\n{EXPLANATION_RULE}\n{}", to_html(&answer), to_html(&q.explanation));
    Some((to_html(&front), back))
}

/// A field: quoted when it holds a tab, a line break or a quote.
fn field(text: &str) -> String {
    if text.contains(['\t', '\n', '\r', '"']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text.to_owned() }
}
