//! Checking a lesson's front matter key by key, so every problem is
//! reported at once, each naming its key and what it must be in words
//! (`minutes` must be a whole number, not a string), instead of serde's
//! first error in Rust's terms (`invalid type: string "five", expected u32`).

use toml::de::{DeTable, DeValue};

use crate::infra::{Diagnostic, Severity};

/// What a key's value must be.
#[derive(Clone, Copy)]
enum Expected {
    Text,
    WholeNumber,
    TextList,
}

impl Expected {
    fn words(self) -> &'static str {
        match self {
            Expected::Text => "a string in quotes",
            Expected::WholeNumber => "a whole number, 0 or more (like 5)",
            Expected::TextList => "a list of strings (like [\"a\", \"b\"])",
        }
    }

    fn accepts(self, v: &DeValue<'_>) -> bool {
        match (self, v) {
            (Expected::Text, DeValue::String(_)) => true,
            (Expected::WholeNumber, DeValue::Integer(i)) => {
                i64::from_str_radix(i.as_str(), i.radix()).is_ok_and(|n| u32::try_from(n).is_ok())
            }
            (Expected::TextList, DeValue::Array(items)) => {
                items.iter().all(|item| matches!(item.get_ref(), DeValue::String(_)))
            }
            _ => false,
        }
    }
}

/// (key, required, what it must be), in SPEC.md's order.
const KEYS: [(&str, bool, Expected); 8] = [
    ("id", true, Expected::Text),
    ("title", true, Expected::Text),
    ("module", true, Expected::Text),
    ("order", true, Expected::WholeNumber),
    ("minutes", false, Expected::WholeNumber),
    ("topics", false, Expected::TextList),
    ("updated", false, Expected::Text),
    ("sources", false, Expected::TextList),
];

fn describe(v: &DeValue<'_>) -> String {
    match v {
        DeValue::String(s) => format!("a string ({s:?})"),
        DeValue::Integer(i) => format!("the number {}", i.as_str()),
        DeValue::Float(_) => "a number with a fraction".into(),
        DeValue::Boolean(b) => format!("{b}"),
        DeValue::Datetime(_) => "a date-time".into(),
        DeValue::Array(_) => "a list".into(),
        DeValue::Table(_) => "a table".into(),
    }
}

/// Every problem of the front matter `fm`, which starts at byte
/// `fm_offset` of `src`. Empty when serde will read it; TOML syntax errors
/// are left to the caller (one error, from toml).
pub fn check(path: &str, src: &str, fm: &str, fm_offset: usize) -> Vec<Diagnostic> {
    let Ok(doc) = DeTable::parse(fm) else { return Vec::new() };
    let table = doc.get_ref();
    let at =
        |offset: usize, message: String| Diagnostic::at_offset(path, src, fm_offset + offset, Severity::Error, message);
    let mut out = Vec::new();
    for (key, value) in table {
        let name = key.get_ref().as_ref();
        match KEYS.iter().find(|(k, _, _)| *k == name) {
            None => {
                let known: Vec<&str> = KEYS.iter().map(|(k, _, _)| *k).collect();
                out.push(at(
                    key.span().start,
                    format!("unknown key `{name}` in the front matter (the keys are {})", known.join(", ")),
                ));
            }
            Some((_, _, expected)) if !expected.accepts(value.get_ref()) => {
                out.push(at(
                    value.span().start,
                    format!("`{name}` must be {}, not {}", expected.words(), describe(value.get_ref())),
                ));
            }
            Some(_) => {}
        }
    }
    for (key, _, _) in KEYS.iter().filter(|(k, required, _)| *required && !table.contains_key(*k)) {
        out.push(at(0, format!("the front matter is missing the required key `{key}`")));
    }
    out
}

/// The `id` a front matter declares, even when other keys are wrong: its
/// references then resolve, so one broken key gives one error, not one
/// more for every question that links to the lesson.
pub fn declared_id(fm: &str) -> Option<String> {
    let doc = DeTable::parse(fm).ok()?;
    match doc.get_ref().get("id")?.get_ref() {
        DeValue::String(s) => Some(s.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_names_its_key_and_type_in_words() {
        let fm = "id = \"a\"\ntitle = \"T\"\nmodule = \"M\"\nminutes = \"five\"\nordr = 1\ntopics = [\"x\", 2]\n";
        let src = format!("+++\n{fm}+++\nbody\n");
        let d = check("l.md", &src, fm, 4);
        let messages: Vec<String> = d.iter().map(|d| format!("{}:{}: {}", d.line, d.column, d.message)).collect();
        assert_eq!(
            messages,
            [
                "5:11: `minutes` must be a whole number, 0 or more (like 5), not a string (\"five\")",
                "6:1: unknown key `ordr` in the front matter (the keys are id, title, module, order, minutes, topics, updated, sources)",
                "7:10: `topics` must be a list of strings (like [\"a\", \"b\"]), not a list",
                "2:1: the front matter is missing the required key `order`",
            ]
        );
        assert_eq!(declared_id(fm).as_deref(), Some("a"));
        assert!(check("l.md", "", "id = \"a\"\ntitle = \"T\"\nmodule = \"M\"\norder = 2\n", 0).is_empty());
    }

    #[test]
    fn the_keys_are_those_of_lesson_meta() {
        let meta = crate::course::lesson::LessonMeta {
            id: "a".into(),
            title: "T".into(),
            module: "M".into(),
            order: 1,
            minutes: 2,
            topics: vec!["t".into()],
            updated: Some("2026-01-01".into()),
            sources: vec!["https://example.com".into()],
        };
        let text = toml::to_string(&meta).expect("toml");
        let table: toml::Table = toml::from_str(&text).expect("table");
        let mut keys: Vec<&str> = table.keys().map(String::as_str).collect();
        let mut ours: Vec<&str> = KEYS.iter().map(|(k, _, _)| *k).collect();
        keys.sort_unstable();
        ours.sort_unstable();
        assert_eq!(keys, ours, "a front-matter key was added to LessonMeta: add it to KEYS");
    }
}
