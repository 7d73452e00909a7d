//! Ids, topics and titles for imported packs: every one `[a-z0-9-]+`,
//! derived from what the source file offers (titles, categories, guids,
//! the file name) and made unique.

use std::collections::HashSet;

/// The longest id made from a title: long enough to recognise the
/// question, short enough to read in a progress key.
const MAX_ID_LEN: usize = 48;

/// `text` reduced to `[a-z0-9-]+`: ASCII letters lowercased, digits kept,
/// everything else a single dash, no dash at either end. Empty when
/// nothing usable is left.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

/// [`slug`], cut at a dash to at most [`MAX_ID_LEN`] bytes.
pub fn short_slug(text: &str) -> String {
    let s = slug(text);
    if s.len() <= MAX_ID_LEN {
        return s;
    }
    let cut = &s[..MAX_ID_LEN];
    match cut.rfind('-') {
        Some(i) if i >= MAX_ID_LEN / 2 => cut[..i].to_owned(),
        _ => cut.trim_end_matches('-').to_owned(),
    }
}

/// A topic from a category, deck or tag path: its last segment (`a/b`,
/// `a::b`), as a slug; `None` when nothing usable is left.
pub fn topic(path: &str) -> Option<String> {
    let last = path.rsplit(['/', ':']).map(str::trim).find(|s| !s.is_empty())?;
    let s = short_slug(last);
    (!s.is_empty()).then_some(s)
}

/// Hands out ids that are unique within one pack.
#[derive(Debug, Default)]
pub struct Unique {
    taken: HashSet<String>,
}

impl Unique {
    /// `wanted` if free, else `wanted-2`, `wanted-3`, …
    pub fn claim(&mut self, wanted: &str) -> String {
        if self.taken.insert(wanted.to_owned()) {
            return wanted.to_owned();
        }
        let mut n = 2;
        loop {
            let candidate = format!("{wanted}-{n}");
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

/// Pack id and title from a file name: `Lambda_Quiz.gift` gives
/// `lambda-quiz` and "Lambda Quiz".
pub fn pack_names(file_name: &str) -> (String, String) {
    let stem =
        std::path::Path::new(file_name).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let id = short_slug(&stem);
    let id = if id.is_empty() { "imported".to_owned() } else { id };
    let words: Vec<&str> = stem.split(['_', '-', ' ', '.']).filter(|w| !w.trim().is_empty()).collect();
    let mut title = words.join(" ");
    if let Some(first) = title.chars().next() {
        title = first.to_uppercase().chain(title.chars().skip(1)).collect();
    }
    if title.trim().is_empty() {
        "Imported pack".clone_into(&mut title);
    }
    (id, title)
}

/// A 32-bit FNV-1a hash, in hex: a short, stable suffix that keeps ids
/// apart when sanitising would merge them (`Ab` and `aB` both give `ab`).
pub fn short_hash(text: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in text.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("{h:08x}")
}

/// A question id from an id of the source format (an Anki guid, an
/// mdbook-quiz id): kept as it is when already valid, else made valid with
/// a hash of the original so that two different source ids never meet.
pub fn stable_id(prefix: &str, source_id: &str) -> Option<String> {
    let source_id = source_id.trim();
    if source_id.is_empty() {
        return None;
    }
    if crate::infra::is_valid_id(source_id) && source_id.len() <= 64 {
        return Some(source_id.to_owned());
    }
    let s = short_slug(source_id);
    Some(if s.is_empty() {
        format!("{prefix}-{}", short_hash(source_id))
    } else {
        format!("{prefix}-{s}-{}", short_hash(source_id))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_dashed_and_trimmed() {
        assert_eq!(slug("  What is Lambda's *timeout*? "), "what-is-lambda-s-timeout");
        assert_eq!(slug("Café 2"), "caf-2");
        assert_eq!(slug("日本"), "");
        assert!(short_slug(&"word ".repeat(30)).len() <= MAX_ID_LEN);
        assert!(!short_slug(&"word ".repeat(30)).ends_with('-'));
    }

    #[test]
    fn topics_take_the_last_segment() {
        assert_eq!(topic("$course$/top/Cold Starts").as_deref(), Some("cold-starts"));
        assert_eq!(topic("Lambda::Limits").as_deref(), Some("limits"));
        assert_eq!(topic("a/b/"), Some("b".to_owned()));
        assert_eq!(topic("///"), None);
    }

    #[test]
    fn unique_ids_get_numbered() {
        let mut u = Unique::default();
        assert_eq!(u.claim("q"), "q");
        assert_eq!(u.claim("q"), "q-2");
        assert_eq!(u.claim("q-2"), "q-2-2");
    }

    #[test]
    fn pack_names_come_from_the_file_name() {
        assert_eq!(pack_names("dir/Lambda_Quiz.gift"), ("lambda-quiz".to_owned(), "Lambda Quiz".to_owned()));
        assert_eq!(pack_names("///"), ("imported".to_owned(), "Imported pack".to_owned()));
    }

    #[test]
    fn stable_ids_keep_valid_ids_and_separate_case() {
        assert_eq!(stable_id("anki", "default-timeout").as_deref(), Some("default-timeout"));
        let a = stable_id("anki", "Ab+c").expect("id");
        let b = stable_id("anki", "aB+c").expect("id");
        assert_ne!(a, b);
        assert!(a.starts_with("anki-ab-c-"), "{a}");
        assert!(crate::infra::is_valid_id(&a));
        assert_eq!(stable_id("anki", "  "), None);
        assert!(stable_id("anki", "%%%").expect("id").starts_with("anki-"));
    }
}
