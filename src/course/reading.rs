//! What a reader shows of a lesson beyond its own markdown: each checkpoint
//! as its question (never its answer), and the line that says when the facts
//! were checked against the AWS documentation, with the sources.
//!
//! The result is markdown, so it goes through the same renderer as the
//! lesson and looks the same in `read` and in the full-screen reader.

use std::fmt::Write as _;

use crate::quiz::session::checkpoint_order;
use crate::quiz::{Pack, Question, QuestionKind};

use super::Lesson;
use super::checkpoint::{self, QuestionRef};

/// Finds a question by pack and question id.
pub trait QuestionLookup {
    fn question(&self, pack: &str, question: &str) -> Option<&Question>;
}

impl QuestionLookup for [Pack] {
    fn question(&self, pack: &str, question: &str) -> Option<&Question> {
        self.iter().find(|p| p.meta.id == pack).and_then(|p| p.question(question))
    }
}

impl QuestionLookup for Vec<Pack> {
    fn question(&self, pack: &str, question: &str) -> Option<&Question> {
        self.as_slice().question(pack, question)
    }
}

/// Prefix every line of `text` with `> `, for a block quote.
fn quoted(text: &str) -> String {
    text.trim_end()
        .lines()
        .map(|line| if line.is_empty() { ">".to_owned() } else { format!("> {line}") })
        .collect::<Vec<_>>()
        .join("\n")
}

fn numbered(items: &[String]) -> String {
    items.iter().enumerate().map(|(i, item)| format!("{}. {item}", i + 1)).collect::<Vec<_>>().join("\n")
}

/// `items` in the order the question screen shows them when the checkpoint
/// `key` is answered ([`checkpoint_order`]): the same numbers on paper and on
/// screen, and an `order` or `match` question never listed as its answer.
fn as_asked<'a>(items: impl Iterator<Item = &'a String>, order: &[usize]) -> Vec<String> {
    let items: Vec<&String> = items.collect();
    order.iter().filter_map(|&i| items.get(i).map(|s| (*s).clone())).collect()
}

/// How the learner answers, and what to answer from: the question as a
/// checkpoint shows it on paper.
fn answer_form(question: &Question, key: &str) -> String {
    let order = checkpoint_order(question, key);
    match &question.kind {
        QuestionKind::Single { choices, .. } => {
            format!("*Pick one:*\n\n{}", numbered(&as_asked(choices.iter(), &order)))
        }
        QuestionKind::Multiple { choices, .. } => {
            format!("*Pick every right answer:*\n\n{}", numbered(&as_asked(choices.iter(), &order)))
        }
        QuestionKind::TrueFalse { .. } => "*True or false?*".to_owned(),
        QuestionKind::Short { .. } => "*Answer in a word or a short phrase.*".to_owned(),
        QuestionKind::Numeric { unit, .. } => match unit {
            Some(unit) => format!("*Answer with a number ({unit}).*"),
            None => "*Answer with a number.*".to_owned(),
        },
        QuestionKind::Order { items } => {
            format!("*Put these in order:*\n\n{}", numbered(&as_asked(items.iter(), &order)))
        }
        QuestionKind::Match { pairs } => {
            let left: Vec<String> = pairs.iter().map(|(l, _)| l.clone()).collect();
            let right = as_asked(pairs.iter().map(|(_, r)| r), &order);
            let letters = right
                .iter()
                .enumerate()
                .map(|(i, r)| format!("{}. {r}", char::from(b'a' + (i % 26) as u8)))
                .collect::<Vec<_>>()
                .join("\n");
            format!("*Match each item to one on the right:*\n\n{}\n\n{letters}", numbered(&left))
        }
        QuestionKind::Card { .. } => "*Answer out loud, then reveal the model answer in the tutor.*".to_owned(),
        QuestionKind::Predict { scenario, .. } => {
            format!("*Predict the simulator's number for the `{scenario}` scenario.*")
        }
    }
}

/// How the reader shows a checkpoint: numbered (so it can find it on
/// screen) and marked once answered. `read` on the command line has none.
pub struct ReaderMarks<'a> {
    /// The newest answer to a question, by `pack/question` key: right or not.
    pub outcomes: &'a dyn Fn(&str) -> Option<bool>,
}

/// The words that head checkpoint `number` of `total` in the reader; the
/// reader looks for them in the laid-out lines to know where each one is.
pub fn checkpoint_label(number: usize, total: usize) -> String {
    format!("Checkpoint {number} of {total}")
}

/// One checkpoint block as markdown. `numbering`: the reader's marks and
/// the count of installed checkpoints so far (advanced here).
fn checkpoint_markdown(
    refs: &[QuestionRef],
    lookup: &(impl QuestionLookup + ?Sized),
    lesson_id: &str,
    mut numbering: Option<(&ReaderMarks<'_>, &mut usize, usize)>,
) -> String {
    let mut parts = Vec::new();
    for reference in refs {
        match lookup.question(&reference.pack, &reference.question) {
            Some(question) => {
                let head = match numbering.as_mut() {
                    Some((marks, seen, total)) => {
                        **seen += 1;
                        let mark = match (marks.outcomes)(&reference.key()) {
                            Some(true) => "✓ answered right",
                            Some(false) => "✗ answered, not right",
                            None => "Enter: answer it here",
                        };
                        // The prompt as a paragraph of its own, under the mark.
                        format!("**{}** · {mark}\n\n", checkpoint_label(**seen, *total))
                    }
                    None => "**Checkpoint.** ".to_owned(),
                };
                parts.push(format!("{head}{}\n\n{}", question.prompt.trim(), answer_form(question, &reference.key())));
            }
            None => parts.push(format!("**Checkpoint:** question `{}` is not installed.", reference.key())),
        }
    }
    if numbering.is_none() {
        parts.push(format!("*Answer it in the tutor's reader, or with* `lambda-tutor quiz --lesson {lesson_id}`."));
    }
    quoted(&parts.join("\n\n"))
}

/// The lesson body with every checkpoint block shown as its question.
pub fn with_checkpoints(body: &str, lesson_id: &str, lookup: &(impl QuestionLookup + ?Sized)) -> String {
    render_checkpoints(body, lesson_id, lookup, None)
}

fn render_checkpoints(
    body: &str,
    lesson_id: &str,
    lookup: &(impl QuestionLookup + ?Sized),
    marks: Option<&ReaderMarks<'_>>,
) -> String {
    let total = installed_refs(body, lookup).len();
    let mut seen = 0;
    let mut out = String::with_capacity(body.len());
    let mut last = 0;
    for block in checkpoint::checkpoints(body) {
        out.push_str(&body[last..block.start]);
        let numbering = marks.map(|m| (m, &mut seen, total));
        out.push_str(&checkpoint_markdown(&block.refs, lookup, lesson_id, numbering));
        out.push('\n');
        last = block.end;
    }
    out.push_str(&body[last..]);
    out
}

/// The checkpoint questions of `body` that are installed, in order (a
/// question named twice is asked twice, where it is placed).
pub fn installed_refs(body: &str, lookup: &(impl QuestionLookup + ?Sized)) -> Vec<QuestionRef> {
    checkpoint::checkpoints(body)
        .into_iter()
        .flat_map(|c| c.refs)
        .filter(|r| lookup.question(&r.pack, &r.question).is_some())
        .collect()
}

/// "Checked against the AWS documentation on <date>" and the sources, as a
/// closing section; empty when the lesson gives neither.
pub fn sources_footer(lesson: &Lesson) -> String {
    let meta = &lesson.meta;
    if meta.updated.is_none() && meta.sources.is_empty() {
        return String::new();
    }
    let mut out = String::from("\n\n---\n\n");
    if let Some(date) = &meta.updated {
        let _ = writeln!(out, "*Checked against the AWS documentation on {date}.*");
    }
    if !meta.sources.is_empty() {
        out.push_str("\nSources:\n\n");
        for source in &meta.sources {
            let _ = writeln!(out, "- <{source}>");
        }
    }
    out
}

/// Everything a reader shows: the body with its checkpoints as questions,
/// then the sources.
pub fn reading_markdown(lesson: &Lesson, lookup: &(impl QuestionLookup + ?Sized)) -> String {
    let mut out = with_checkpoints(&lesson.body, &lesson.meta.id, lookup);
    out.push_str(&sources_footer(lesson));
    out
}

/// What the full-screen reader shows: as [`reading_markdown`], with each
/// checkpoint numbered, marked as answered or not, and answerable in place.
pub fn reader_markdown(lesson: &Lesson, lookup: &(impl QuestionLookup + ?Sized), marks: &ReaderMarks<'_>) -> String {
    let mut out = render_checkpoints(&lesson.body, &lesson.meta.id, lookup, Some(marks));
    out.push_str(&sources_footer(lesson));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::lesson::parse_lesson;
    use crate::quiz::parse_pack;

    const PACK: &str = r#"format = 1
[pack]
id = "p"
title = "P"
version = "1"

[[questions]]
id = "pick"
type = "single"
topic = "t"
prompt = "Which is the default timeout?"
choices = ["3 seconds", "900 seconds"]
answer = "3 seconds"
explanation = "New functions time out after 3 s unless configured."

[[questions]]
id = "steps"
type = "order"
topic = "t"
prompt = "Order the phases."
items = ["Init", "Invoke", "Shutdown"]
explanation = "Init runs once, then invocations, then shutdown."
"#;

    const LESSON: &str = "+++\nid = \"l\"\ntitle = \"L\"\nmodule = \"M\"\norder = 1\nupdated = \"2026-12-04\"\n\
                          sources = [\"https://docs.aws.amazon.com/lambda/latest/dg/welcome.html\"]\n+++\n\n\
                          Before.\n\n```checkpoint\np/pick\np/steps\np/missing\n```\n\nAfter.\n";

    fn packs() -> Vec<Pack> {
        vec![parse_pack("p.toml", PACK.as_bytes()).pack.expect("valid pack")]
    }

    #[test]
    fn checkpoints_show_the_question_and_never_the_answer() {
        let lesson = parse_lesson("l.md", LESSON.as_bytes()).expect("valid lesson");
        let text = reading_markdown(&lesson, &packs());
        assert!(text.contains("> **Checkpoint.** Which is the default timeout?"), "{text}");
        assert!(text.contains("> 1. 3 seconds"), "{text}");
        assert!(!text.contains("New functions time out"), "the explanation is not shown: {text}");
        assert!(!text.contains("```checkpoint"), "{text}");
        assert!(text.contains("question `p/missing` is not installed"), "{text}");
        assert!(text.starts_with("\nBefore.") && text.contains("After."), "{text}");
        assert!(text.contains("lambda-tutor quiz --lesson l"), "{text}");
    }

    #[test]
    fn the_reader_numbers_checkpoints_and_marks_the_answered_ones() {
        let lesson = parse_lesson("l.md", LESSON.as_bytes()).expect("valid lesson");
        let outcomes = |key: &str| (key == "p/pick").then_some(true);
        let text = reader_markdown(&lesson, &packs(), &ReaderMarks { outcomes: &outcomes });
        assert!(text.contains("> **Checkpoint 1 of 2** · ✓ answered right"), "{text}");
        assert!(text.contains("> **Checkpoint 2 of 2** · Enter: answer it here\n>\n> Order the phases."), "{text}");
        assert!(!text.contains("quiz --lesson"), "the reader answers in place: {text}");
        assert_eq!(installed_refs(&lesson.body, &packs()).len(), 2);
    }

    #[test]
    fn choices_are_listed_as_the_question_screen_asks_them() {
        let packs = packs();
        for key in ["p/pick", "p/steps"] {
            let (pack, id) = key.split_once('/').expect("key");
            let question = packs.question(pack, id).expect("installed");
            let order = checkpoint_order(question, key);
            let form = answer_form(question, key);
            let listed: Vec<&str> = form.lines().filter_map(|l| l.split_once(". ").map(|(_, t)| t)).collect();
            let written: Vec<&String> = match &question.kind {
                QuestionKind::Single { choices, .. } => choices.iter().collect(),
                QuestionKind::Order { items } => items.iter().collect(),
                other => panic!("{other:?}"),
            };
            let asked: Vec<&str> = order.iter().map(|&i| written[i].as_str()).collect();
            assert_eq!(listed, asked, "{key}: {form}");
            assert_eq!(checkpoint_order(question, key), order, "the same every time");
        }
        let steps = packs.question("p", "steps").expect("installed");
        assert!(!answer_form(steps, "p/steps").contains("1. Init\n2. Invoke\n3. Shutdown"), "not the answer");
    }

    #[test]
    fn the_footer_gives_the_date_and_the_sources() {
        let lesson = parse_lesson("l.md", LESSON.as_bytes()).expect("valid lesson");
        let footer = sources_footer(&lesson);
        assert!(footer.contains("Checked against the AWS documentation on 2026-12-04."), "{footer}");
        assert!(footer.contains("- <https://docs.aws.amazon.com/lambda/latest/dg/welcome.html>"), "{footer}");
        let mut bare = lesson;
        bare.meta.updated = None;
        bare.meta.sources.clear();
        assert_eq!(sources_footer(&bare), "");
    }
}
