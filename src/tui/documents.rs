//! Parsed lessons, ready before they are asked for.
//!
//! Parsing a lesson highlights its code with syntect, which costs a few
//! milliseconds per lesson and tens of milliseconds for the first use of a
//! grammar: too slow for the 5 ms key-to-frame budget when a lesson opens.
//! So at start-up a background thread parses every lesson once, in course
//! order, and the reader takes the finished document from here. A lesson
//! asked for before the thread reached it is parsed on the spot (and kept).
//! The thread ends when it is done: nothing runs while the learner reads.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

use crate::markdown::Document;

type Cache = Mutex<HashMap<u64, Arc<Document>>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(Cache::default)
}

fn key(markdown: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    markdown.hash(&mut hasher);
    hasher.finish()
}

/// The parsed document for this markdown, from the cache or parsed now.
pub fn get(markdown: &str) -> Arc<Document> {
    let key = key(markdown);
    if let Some(doc) = cache().lock().ok().and_then(|c| c.get(&key).cloned()) {
        return doc;
    }
    let doc = Arc::new(Document::parse(markdown));
    if let Ok(mut c) = cache().lock() {
        c.insert(key, Arc::clone(&doc));
    }
    doc
}

/// Parse these documents on a background thread, first to last.
pub fn prepare_in_background(markdown: Vec<String>) {
    let spawned = std::thread::Builder::new().name("lesson-parser".to_owned()).spawn(move || {
        for md in markdown {
            let key = key(&md);
            let known = cache().lock().map_or(true, |c| c.contains_key(&key));
            if !known {
                let doc = Arc::new(Document::parse(&md));
                if let Ok(mut c) = cache().lock() {
                    c.entry(key).or_insert(doc);
                }
            }
        }
    });
    // Without the thread, lessons are simply parsed when opened.
    drop(spawned);
}

/// The markdown the reader shows for a lesson: its title as a heading,
/// then its body.
pub fn lesson_markdown(lesson: &crate::course::Lesson) -> String {
    format!("# {}\n\n{}", lesson.meta.title, lesson.body)
}
