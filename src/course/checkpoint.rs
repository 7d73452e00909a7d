//! Checkpoints: questions placed inside a lesson's text.
//!
//! A lesson places a checkpoint with a fenced block whose info string is
//! `checkpoint`, holding one question reference per line:
//!
//! ````markdown
//! ```checkpoint
//! concurrency/concurrency-formula
//! ```
//! ````
//!
//! A reference is `pack-id/question-id`. The block is found with the same
//! CommonMark parser that renders the lesson, so a checkpoint inside another
//! code block (an example in the authoring guide, say) is not one.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// The info string that marks a checkpoint block.
pub const INFO: &str = "checkpoint";

/// One question reference of a checkpoint, with its byte offset in the
/// lesson body (for diagnostics).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionRef {
    pub pack: String,
    pub question: String,
    pub offset: usize,
}

impl QuestionRef {
    /// The progress key, `pack-id/question-id`.
    pub fn key(&self) -> String {
        format!("{}/{}", self.pack, self.question)
    }
}

/// A line of a checkpoint block that is not a reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRef {
    pub text: String,
    pub offset: usize,
}

/// One checkpoint block.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Checkpoint {
    /// Byte range of the whole fenced block in the body.
    pub start: usize,
    pub end: usize,
    pub refs: Vec<QuestionRef>,
    pub bad: Vec<BadRef>,
}

fn is_id(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Parse one reference line: `pack-id/question-id`.
pub fn parse_ref(line: &str) -> Option<(String, String)> {
    let (pack, question) = line.trim().split_once('/')?;
    (is_id(pack) && is_id(question)).then(|| (pack.to_owned(), question.to_owned()))
}

/// Every checkpoint block of a lesson body, in order.
pub fn checkpoints(body: &str) -> Vec<Checkpoint> {
    let mut out = Vec::new();
    let mut current: Option<Checkpoint> = None;
    for (event, range) in Parser::new_ext(body, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if info.split_whitespace().next() == Some(INFO) =>
            {
                current = Some(Checkpoint { start: range.start, end: range.end, ..Checkpoint::default() });
            }
            Event::Text(text) => {
                if let Some(checkpoint) = current.as_mut() {
                    // Text events of a code block carry whole lines; their
                    // range locates them in the body.
                    let mut offset = range.start;
                    for line in text.split_inclusive('\n') {
                        let trimmed = line.trim();
                        let lead = line.len() - line.trim_start().len();
                        if !trimmed.is_empty() {
                            match parse_ref(trimmed) {
                                Some((pack, question)) => {
                                    checkpoint.refs.push(QuestionRef { pack, question, offset: offset + lead });
                                }
                                None => checkpoint.bad.push(BadRef { text: trimmed.to_owned(), offset: offset + lead }),
                            }
                        }
                        offset += line.len();
                    }
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(checkpoint) = current.take() {
                    out.push(checkpoint);
                }
            }
            _ => {}
        }
    }
    out
}

/// Every question key the checkpoints of `body` name, in order, without
/// repeats.
pub fn question_keys(body: &str) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for key in checkpoints(body).iter().flat_map(|c| c.refs.iter().map(QuestionRef::key)) {
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "Intro.\n\n```checkpoint\nconcurrency/formula\n  limits/max-timeout\nnot a ref\n```\n\n\
                        Text.\n\n```python\nconcurrency/not-this\n```\n\n````markdown\n```checkpoint\nx/inside-an-example\n```\n````\n";

    #[test]
    fn blocks_are_found_with_their_references_and_offsets() {
        let found = checkpoints(BODY);
        assert_eq!(found.len(), 1, "{found:?}");
        let refs: Vec<String> = found[0].refs.iter().map(QuestionRef::key).collect();
        assert_eq!(refs, ["concurrency/formula", "limits/max-timeout"]);
        assert_eq!(&BODY[found[0].refs[1].offset..found[0].refs[1].offset + 6], "limits");
        assert_eq!(found[0].bad.len(), 1);
        assert_eq!(found[0].bad[0].text, "not a ref");
        assert_eq!(&BODY[found[0].bad[0].offset..found[0].bad[0].offset + 3], "not");
        assert!(BODY[found[0].start..found[0].end].starts_with("```checkpoint"));
    }

    #[test]
    fn references_need_two_ids() {
        assert_eq!(parse_ref("a/b"), Some(("a".to_owned(), "b".to_owned())));
        assert_eq!(parse_ref("a"), None);
        assert_eq!(parse_ref("A/b"), None);
        assert_eq!(parse_ref("a/b/c"), None);
        assert_eq!(parse_ref("/b"), None);
    }

    #[test]
    fn keys_are_listed_once_in_order() {
        let body = "```checkpoint\na/one\n```\n\n```checkpoint\nb/two\na/one\n```\n";
        assert_eq!(question_keys(body), ["a/one", "b/two"]);
    }
}
