//! Parsed lessons for the reader, coloured without making anyone wait.
//!
//! Colouring code with syntect costs milliseconds per lesson and tens of
//! milliseconds the first time a grammar is used: too slow for the 5 ms
//! key-to-frame budget when a lesson opens. So a lesson is first parsed
//! plain (same text, same layout, in microseconds) and shown at once, while
//! a short-lived thread colours it; the reader swaps the coloured document
//! in when it is ready (the app polls only while such a job is pending).
//! Finished documents are kept for the rest of the session. Only grammars
//! of lessons actually opened are ever loaded, which keeps memory small.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

use crate::course::Lesson;
use crate::course::reading::{ReaderMarks, reader_markdown};
use crate::markdown::Document;
use crate::quiz::Pack;

#[derive(Default)]
struct Cache {
    coloured: HashMap<u64, Arc<Document>>,
    in_flight: HashSet<u64>,
}

fn cache() -> &'static Mutex<Cache> {
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    CACHE.get_or_init(Mutex::default)
}

/// Identifies a markdown text in the cache.
pub fn key(markdown: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    markdown.hash(&mut hasher);
    hasher.finish()
}

/// A document to show now, and whether it is final (`false`: a coloured
/// version is on its way; ask [`coloured`] for it later).
pub fn get(markdown: &str) -> (Arc<Document>, bool) {
    if !Document::has_code(markdown) {
        return (Arc::new(Document::parse(markdown)), true);
    }
    let key = key(markdown);
    let Ok(mut c) = cache().lock() else {
        return (Arc::new(Document::parse(markdown)), true);
    };
    if let Some(doc) = c.coloured.get(&key) {
        return (Arc::clone(doc), true);
    }
    if c.in_flight.insert(key) {
        let text = markdown.to_owned();
        let spawned = std::thread::Builder::new().name("highlight".to_owned()).spawn(move || {
            let doc = Arc::new(Document::parse(&text));
            if let Ok(mut c) = cache().lock() {
                c.in_flight.remove(&key);
                c.coloured.insert(key, doc);
            }
        });
        if spawned.is_err() {
            // No thread to be had: colour it here rather than never.
            c.in_flight.remove(&key);
            let doc = Arc::new(Document::parse(markdown));
            c.coloured.insert(key, Arc::clone(&doc));
            return (doc, true);
        }
    }
    (Arc::new(Document::parse_plain(markdown)), false)
}

/// The coloured document for `key`, once its thread has finished.
pub fn coloured(key: u64) -> Option<Arc<Document>> {
    cache().lock().ok().and_then(|c| c.coloured.get(&key).cloned())
}

/// The markdown the reader shows for a lesson: its title as a heading, then
/// what `read` shows (the body with each checkpoint as its question, never
/// its answer, then the date the facts were checked and the sources), so
/// the two front ends cannot drift apart; the reader numbers and marks the
/// checkpoints with `outcomes` (the newest answer by `pack/question`).
pub fn lesson_markdown(lesson: &Lesson, packs: &[Pack], outcomes: &dyn Fn(&str) -> Option<bool>) -> String {
    format!("# {}\n\n{}", lesson.meta.title, reader_markdown(lesson, packs, &ReaderMarks { outcomes }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_is_shown_plain_first_then_coloured_with_the_same_layout() {
        let md = "# T\n\n```python\nprint('hi')\n```\n\nunique text for this test 8c1f\n";
        let (plain, done) = get(md);
        let key = key(md);
        let coloured_doc = if done {
            plain.clone()
        } else {
            let start = std::time::Instant::now();
            loop {
                if let Some(d) = coloured(key) {
                    break d;
                }
                assert!(start.elapsed().as_secs() < 20, "colouring never finished");
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        };
        let (a, b) = (plain.layout(40), coloured_doc.layout(40));
        assert_eq!(a.to_plain(), b.to_plain());
        assert!(b.lines.iter().flat_map(|l| &l.spans).any(|s| s.style.fg.is_some()), "coloured");
        // Asked again, it is final at once.
        assert!(get(md).1);
    }

    #[test]
    fn text_without_code_is_final_at_once() {
        assert!(get("just *prose*").1);
    }
}
