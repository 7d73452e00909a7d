//! The numbers the course states in many places, kept once
//! (`assets/facts.toml`), and the `{{fact:ID}}` placeholders that lessons and
//! questions use to state them.
//!
//! A placeholder becomes the number with its unit (`{{fact:timeout-max}}` →
//! "900 s") or, with `|number`, the number alone (`{{fact:timeout-max|number}}`
//! → "900"). Numbers get thousands separators, as the course writes them.
//! The loader expands placeholders once, when a lesson or pack is read, so
//! every screen and command shows the same text; `check` reports a
//! placeholder that names no fact. This is a leaf: it uses nothing of ours.

use std::borrow::Cow;
use std::sync::OnceLock;

use serde::Deserialize;

/// The embedded facts file.
pub const FACTS_TOML: &str = include_str!("../assets/facts.toml");

const OPEN: &str = "{{fact:";
const CLOSE: &str = "}}";

/// One fact: a number, its unit, and the page it comes from.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: String,
    pub value: f64,
    pub unit: String,
    pub source: String,
    /// When it was last checked against `source`, `YYYY-MM-DD`.
    pub checked: String,
}

impl Fact {
    /// The number as the course writes it: thousands separators, no
    /// trailing zeros.
    pub fn number(&self) -> String {
        format_number(self.value)
    }

    /// The number and its unit.
    pub fn text(&self) -> String {
        if self.unit.is_empty() { self.number() } else { format!("{} {}", self.number(), self.unit) }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FactsFile {
    #[allow(dead_code, reason = "read so that the file states its format; only format 1 exists")]
    format: u32,
    facts: Vec<Fact>,
}

/// Every fact, parsed once from the embedded file. The file is part of the
/// build and a test parses it, so failing here is a build defect, reported
/// as an empty table rather than a crash.
pub fn all() -> &'static [Fact] {
    static FACTS: OnceLock<Vec<Fact>> = OnceLock::new();
    FACTS.get_or_init(|| toml::from_str::<FactsFile>(FACTS_TOML).map(|f| f.facts).unwrap_or_default())
}

/// The fact called `id`.
pub fn get(id: &str) -> Option<&'static Fact> {
    all().iter().find(|f| f.id == id)
}

/// `1234567.5` → "1,234,567.5"; small fractions keep their digits
/// (`0.0000166667`).
pub fn format_number(value: f64) -> String {
    let text = if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        let s = format!("{value}");
        s
    };
    let (sign, rest) = text.strip_prefix('-').map_or(("", text.as_str()), |r| ("-", r));
    let (int, frac) = rest.split_once('.').map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(frac) => format!("{sign}{grouped}.{frac}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A placeholder that names no fact (or a form that does not exist), at a
/// byte offset of the text it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownFact {
    pub offset: usize,
    pub placeholder: String,
}

impl UnknownFact {
    pub fn message(&self) -> String {
        let id = self.placeholder.trim_start_matches(OPEN).trim_end_matches(CLOSE);
        let id = id.split('|').next().unwrap_or(id);
        let ids: Vec<&str> = all().iter().map(|f| f.id.as_str()).collect();
        let hint = ids
            .iter()
            .filter(|candidate| strsim::osa_distance(candidate, id) <= 2)
            .min_by_key(|candidate| strsim::osa_distance(candidate, id))
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        format!(
            "`{}` names no fact of assets/facts.toml{hint}; write {{{{fact:ID}}}} or {{{{fact:ID|number}}}}",
            self.placeholder
        )
    }
}

/// `text` with every `{{fact:…}}` replaced, and the placeholders it could
/// not replace (left as written).
pub fn expand(text: &str) -> (Cow<'_, str>, Vec<UnknownFact>) {
    if !text.contains(OPEN) {
        return (Cow::Borrowed(text), Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut unknown = Vec::new();
    let mut rest = text;
    let mut consumed = 0;
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        let after = &rest[start + OPEN.len()..];
        let Some(end) = after.find(CLOSE).filter(|&end| !after[..end].contains('\n')) else {
            unknown.push(UnknownFact { offset: consumed + start, placeholder: OPEN.to_owned() });
            out.push_str(OPEN);
            consumed += start + OPEN.len();
            rest = after;
            continue;
        };
        let inner = &after[..end];
        let (id, form) = inner.split_once('|').map_or((inner, None), |(id, form)| (id, Some(form)));
        let replacement = get(id.trim()).and_then(|fact| match form.map(str::trim) {
            None => Some(fact.text()),
            Some("number") => Some(fact.number()),
            Some(_) => None,
        });
        let whole = &rest[start..start + OPEN.len() + end + CLOSE.len()];
        if let Some(replacement) = replacement {
            out.push_str(&replacement);
        } else {
            unknown.push(UnknownFact { offset: consumed + start, placeholder: whole.to_owned() });
            out.push_str(whole);
        }
        let advance = start + whole.len();
        consumed += advance;
        rest = &rest[advance..];
    }
    out.push_str(rest);
    (Cow::Owned(out), unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_file_parses_with_unique_ids_and_sources() {
        let file: FactsFile = toml::from_str(FACTS_TOML).expect("assets/facts.toml parses");
        assert!(file.facts.len() >= 20, "{}", file.facts.len());
        let mut ids: Vec<&str> = file.facts.iter().map(|f| f.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), file.facts.len(), "fact ids are unique");
        for fact in &file.facts {
            assert!(fact.source.starts_with("https://"), "{} has a source", fact.id);
            assert_eq!(fact.checked.len(), 10, "{} has a check date", fact.id);
        }
        assert_eq!(all().len(), file.facts.len());
    }

    #[test]
    fn placeholders_become_numbers_with_units() {
        let (text, unknown) =
            expand("Up to {{fact:timeout-max}} ({{fact:timeout-max|number}} seconds), {{fact:memory-max}}.");
        assert_eq!(text, "Up to 900 s (900 seconds), 10,240 MB.");
        assert!(unknown.is_empty());
    }

    #[test]
    fn unknown_placeholders_stay_and_are_reported_at_their_offset() {
        let src = "a {{fact:timeout-maxx}} b {{fact:timeout-max|words}} c {{fact:open";
        let (text, unknown) = expand(src);
        assert_eq!(text, src);
        assert_eq!(unknown.len(), 3, "{unknown:?}");
        assert_eq!(unknown[0].offset, 2);
        assert!(unknown[0].message().contains("did you mean `timeout-max`"), "{}", unknown[0].message());
        assert_eq!(&src[unknown[1].offset..unknown[1].offset + 7], "{{fact:");
        assert_eq!(unknown[2].offset, src.rfind("{{fact:").expect("present"));
    }

    #[test]
    fn text_without_placeholders_is_borrowed() {
        assert!(matches!(expand("plain 900 s").0, Cow::Borrowed(_)));
    }

    #[test]
    fn numbers_are_grouped_like_the_course_writes_them() {
        assert_eq!(format_number(1_000_000.0), "1,000,000");
        assert_eq!(format_number(0.20), "0.2");
        assert_eq!(format_number(0.000_016_666_7), "0.0000166667");
        assert_eq!(format_number(-1234.5), "-1,234.5");
        assert_eq!(format_number(900.0), "900");
    }
}
