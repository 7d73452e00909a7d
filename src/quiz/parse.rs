//! Parsing a pack file (format 1) into a [`Pack`], with a diagnostic at
//! `path:line:column` for every problem found, not only the first.
//!
//! toml's spanned document (`DeTable`) is walked by hand rather than
//! deserialized with serde, so that one run can report a missing key, a
//! wrong type and an unknown key side by side, each at its own place.
//! References to lessons and scenarios are returned, not resolved: whether
//! they exist depends on the course being checked ([`crate::course::check`]).

pub(crate) mod fields;
mod kind;
mod question;
mod smells;
mod unclosed;

use std::collections::HashMap;
use toml::de::{DeTable, DeValue};

use self::fields::{Fields, Reader, describe};
use super::model::{FORMAT, Pack, PackMeta};
use crate::infra::is_valid_id;
use crate::infra::{Diagnostic, LineIndex, Severity};

/// What a reference in a pack points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    Lesson,
    Scenario,
}

/// A lesson or scenario id named by a question, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub kind: RefKind,
    pub id: String,
    pub line: usize,
    pub column: usize,
}

/// The result of parsing one pack file.
#[derive(Debug, Clone, Default)]
pub struct ParsedPack {
    /// The pack, when the file has no errors (warnings allowed).
    pub pack: Option<Pack>,
    /// `pack.id` and its place, when readable (for duplicate checks across
    /// files), even if the file has other errors.
    pub id: Option<(String, usize, usize)>,
    /// Errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// Lesson and scenario ids the questions name.
    pub references: Vec<Reference>,
}

impl ParsedPack {
    fn failed(diagnostic: Diagnostic) -> Self {
        Self { diagnostics: vec![diagnostic], ..Self::default() }
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Bytes to text, or the diagnostic for a file that is empty or not
/// UTF-8 (placed at its first bad byte).
pub fn decode<'b>(path: &str, bytes: &'b [u8]) -> Result<&'b str, Diagnostic> {
    let src = Diagnostic::from_utf8(path, bytes)?;
    if src.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(Diagnostic::error(path, 1, 1, "file is empty"));
    }
    Ok(src)
}

/// Parse TOML text, or every syntax error toml found, each at its place.
pub fn parse_toml<'s>(path: &str, src: &'s str) -> Result<toml::Spanned<DeTable<'s>>, Vec<Diagnostic>> {
    let (doc, errors) = DeTable::parse_recoverable(src);
    if errors.is_empty() {
        return Ok(doc);
    }
    // One error per file: after the first, toml's recovery mostly reports
    // the same mistake again (one missing `]` gave 251 errors).
    let index = LineIndex::new(src);
    let Some(first) = errors.iter().min_by_key(|e| e.span().map_or(0, |s| s.start)) else {
        return Err(Vec::new());
    };
    let offset = first.span().map_or(0, |s| s.start);
    let diagnostic = if let Some(opener) = unclosed::open_array_at(src, offset) {
        let (line, column) = index.position(opener);
        let (error_line, error_column) = index.position(offset);
        Diagnostic::error(
            path,
            line,
            column,
            format!(
                "TOML syntax error: this array is not closed: add `]` at its end (toml stopped at {error_line}:{error_column}: {})",
                toml_message(first)
            ),
        )
    } else {
        let (line, column) = index.position(offset);
        Diagnostic::error(path, line, column, format!("TOML syntax error: {}", toml_message(first)))
    };
    Err(vec![diagnostic])
}

fn toml_message(e: &toml::de::Error) -> String {
    crate::infra::toml_message(e)
}

/// File order: line, then column, errors before warnings at one place.
pub fn sort_diagnostics(d: &mut [Diagnostic]) {
    d.sort_by(|a, b| {
        (a.path.as_str(), a.line, a.column, std::cmp::Reverse(a.severity), a.message.as_str()).cmp(&(
            b.path.as_str(),
            b.line,
            b.column,
            std::cmp::Reverse(b.severity),
            b.message.as_str(),
        ))
    });
}

/// Check the top-level `format` key. `false` means the file must not be
/// read further (a format this build does not know).
pub fn check_format(r: &mut Reader<'_>, doc: &Fields<'_, '_>) -> bool {
    let Some(v) = doc.get("format") else {
        r.error(&(0..0), format!("missing the required key `format`: write `format = {FORMAT}` at the top"));
        return true;
    };
    match v.get_ref() {
        DeValue::Integer(i) if i64::from_str_radix(i.as_str(), i.radix()) == Ok(FORMAT) => true,
        DeValue::Integer(i) => {
            r.error(
                &v.span(),
                format!("unsupported format {}: this version of lambda-tutor reads format {FORMAT}", i.as_str()),
            );
            false
        }
        other => {
            r.error(&v.span(), format!("`format` must be the integer {FORMAT}, not {}", describe(other)));
            false
        }
    }
}

/// The most questions one pack may hold. A pack is loaded whole at every
/// start, so a bound keeps start-up quick and memory small whatever file is
/// installed; the largest real question banks are a few thousand, and a
/// course can split a bigger bank into several packs.
pub const MAX_QUESTIONS: usize = 50_000;

const TOP_KEYS: [&str; 3] = ["format", "pack", "questions"];
const PACK_KEYS: [&str; 6] = ["id", "title", "version", "description", "authors", "license"];

/// `src` with its `{{fact:…}}` placeholders filled from assets/facts.toml,
/// and an error for each one that names no fact. A filled placeholder holds
/// no newline, so lines (and the places of later diagnostics) do not move.
pub fn expand_facts<'s>(path: &str, src: &'s str) -> (std::borrow::Cow<'s, str>, Vec<Diagnostic>) {
    let (expanded, unknown) = crate::facts::expand(src);
    let diagnostics =
        unknown.iter().map(|u| Diagnostic::at_offset(path, src, u.offset, Severity::Error, u.message())).collect();
    (expanded, diagnostics)
}

/// Every key a pack file may hold, at any level (for the fuzzer, so that a
/// new key is fuzzed the day it is added).
#[doc(hidden)]
pub fn all_keys() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = TOP_KEYS.iter().chain(&PACK_KEYS).chain(&question::ALL_KEYS).copied().collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Parse one pack file. Never panics, whatever the bytes.
pub fn parse_pack(path: &str, bytes: &[u8]) -> ParsedPack {
    let src = match decode(path, bytes) {
        Ok(src) => src,
        Err(d) => return ParsedPack::failed(d),
    };
    let (src, unknown_facts) = expand_facts(path, src);
    if !unknown_facts.is_empty() {
        return ParsedPack { diagnostics: unknown_facts, ..ParsedPack::default() };
    }
    match parse_toml(path, &src) {
        Ok(doc) => pack_from_doc(path, &src, doc.get_ref(), true),
        Err(diagnostics) => ParsedPack { diagnostics, ..ParsedPack::default() },
    }
}

/// Read a pack out of an already parsed TOML document of `src`. With
/// `build` unset the file is only validated (as `check` does) and no
/// [`Pack`] is made, which saves copying every string of a large pack.
pub fn pack_from_doc(path: &str, src: &str, doc: &DeTable<'_>, build: bool) -> ParsedPack {
    let mut r = Reader::new(path, src);
    let top = Fields::new(doc, 0..0, "the pack file");
    if !check_format(&mut r, &top) {
        return ParsedPack { diagnostics: r.diagnostics, ..ParsedPack::default() };
    }
    top.check_keys(&mut r, &TOP_KEYS, |_| None);
    let mut parsed = ParsedPack::default();
    let meta = pack_meta(&mut r, &top, &mut parsed);
    let questions = questions(&mut r, &top, &mut parsed.references, build);
    let pack = match (meta, questions) {
        (Some(meta), Some(questions)) if build && !r.has_errors() => {
            Some(Pack { meta, questions, path: path.to_owned(), builtin: false, course: None })
        }
        _ => None,
    };
    let mut diagnostics = r.diagnostics;
    sort_diagnostics(&mut diagnostics);
    ParsedPack { pack, diagnostics, ..parsed }
}

fn pack_meta(r: &mut Reader<'_>, top: &Fields<'_, '_>, parsed: &mut ParsedPack) -> Option<PackMeta> {
    let Some(v) = top.get("pack") else {
        r.error(&(0..0), "missing the `[pack]` table (id, title, version)");
        return None;
    };
    let DeValue::Table(table) = v.get_ref() else {
        r.error(&v.span(), format!("`pack` must be a table (`[pack]`), not {}", describe(v.get_ref())));
        return None;
    };
    let f = Fields::new(table, v.span(), "`[pack]`");
    f.check_keys(r, &PACK_KEYS, |_| None);
    let id = f.text(r, "id", true);
    if let Some(id) = &id {
        if is_valid_id(id.get_ref()) {
            let (line, column) = r.place(&id.span());
            parsed.id = Some(((*id.get_ref()).to_owned(), line, column));
        } else {
            r.error(&id.span(), format!("pack id {:?} must match [a-z0-9-]+", id.get_ref()));
        }
    }
    let title = f.text(r, "title", true);
    let version = f.text(r, "version", true);
    let description = f.string(r, "description", false);
    let authors = f.string_list(r, "authors", false);
    let license = f.text(r, "license", false);
    let text = |s: toml::Spanned<&str>| (*s.get_ref()).to_owned();
    Some(PackMeta {
        id: text(id?),
        title: text(title?),
        version: text(version?),
        description: description.map(text).unwrap_or_default(),
        authors: authors.map(|a| a.into_inner().into_iter().map(text).collect()).unwrap_or_default(),
        license: license.map(text),
    })
}

fn questions(
    r: &mut Reader<'_>,
    top: &Fields<'_, '_>,
    refs: &mut Vec<Reference>,
    build: bool,
) -> Option<Vec<super::model::Question>> {
    let Some(v) = top.get("questions") else {
        r.error(&(0..0), "the pack has no questions: add `[[questions]]` tables");
        return None;
    };
    let DeValue::Array(items) = v.get_ref() else {
        let hint = if v.get_ref().is_table() { ": write `[[questions]]`, with two brackets" } else { "" };
        r.error(&v.span(), format!("`questions` must be an array of tables{hint}"));
        return None;
    };
    if items.is_empty() {
        r.error(&v.span(), "the pack has no questions");
        return None;
    }
    if let Some(first_over) = items.get(MAX_QUESTIONS) {
        r.error(
            &first_over.span(),
            format!(
                "a pack holds at most {MAX_QUESTIONS} questions and this one has {}: split it into several packs \
                 (this is question {})",
                items.len(),
                MAX_QUESTIONS + 1
            ),
        );
        return None;
    }
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::with_capacity(items.len());
    let mut ok = true;
    for (n, item) in items.iter().enumerate() {
        let DeValue::Table(table) = item.get_ref() else {
            r.error(&item.span(), format!("each question must be a table, not {}", describe(item.get_ref())));
            ok = false;
            continue;
        };
        match question::parse(r, table, item.span(), n + 1, &mut ids, refs, build) {
            Some(q) => out.push(q),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

#[cfg(test)]
mod tests;
