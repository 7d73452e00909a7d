//! Parsing a pack file (format 1) into a [`Pack`], with a diagnostic at
//! `path:line:column` for every problem found, not only the first.
//!
//! toml's spanned document is turned into the crate's placed value tree
//! ([`crate::infra::toml_tree`]) and walked with the one reader of placed
//! TOML ([`crate::infra::toml_reader`]) rather than deserialized with
//! serde, so that one run can report a missing key, a wrong type and an
//! unknown key side by side, each at its own place. The tree borrows the
//! file's text: checking a pack copies no strings.
//! References to lessons and scenarios are returned, not resolved: whether
//! they exist depends on the course being checked ([`crate::course::check`]).

mod kind;
mod question;
mod smells;
mod unclosed;

use std::collections::HashMap;
use toml::de::DeTable;

use super::model::{FORMAT, Pack, PackMeta};
use crate::infra::is_valid_id;
use crate::infra::toml_reader::{Reader, Table};
use crate::infra::toml_tree::{self as tree, Place, Val};
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

/// Where the file-level messages go: its first line.
const TOP: Place = Place::File(0);

/// Check the top-level `format` key. `false` means the file must not be
/// read further (a format this build does not know).
fn check_format(r: &mut Reader<'_>, src: &str, top: &mut Table<'_>) -> bool {
    let Some(v) = top.get("format") else {
        r.error(TOP, format!("missing the required key `format`: write `format = {FORMAT}` at the top"));
        return true;
    };
    match v.val {
        Val::Int(FORMAT) => true,
        Val::Int(n) => {
            r.error(v.at, format!("unsupported format {n}: this version of lambda-tutor reads format {FORMAT}"));
            false
        }
        // An integer beyond i64 (the tree keeps it as an infinite float):
        // quote it as written.
        Val::Float(f) if f.is_infinite() => {
            let Place::File(offset) = v.at else { return false };
            let written = src.get(offset..).unwrap_or_default();
            let written = written.split(|c: char| c.is_whitespace() || c == '#').next().unwrap_or_default();
            r.error(v.at, format!("unsupported format {written}: this version of lambda-tutor reads format {FORMAT}"));
            false
        }
        ref other => {
            r.error(v.at, format!("`format` must be the integer {FORMAT}, not {}", other.type_name()));
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
        Ok(doc) => pack_from_doc(path, &src, doc, true),
        Err(diagnostics) => ParsedPack { diagnostics, ..ParsedPack::default() },
    }
}

/// Read a pack out of an already parsed TOML document of `src`. With
/// `build` unset the file is only validated (as `check` does) and no
/// [`Pack`] is made, which saves copying every string of a large pack.
pub fn pack_from_doc(path: &str, src: &str, doc: toml::Spanned<DeTable<'_>>, build: bool) -> ParsedPack {
    let root = tree::from_document(doc);
    let mut r = Reader::new(path, src);
    let Val::Table(entries) = &root.val else {
        return ParsedPack::default();
    };
    let mut top = Table::new(entries, TOP, "the pack file");
    if !check_format(&mut r, src, &mut top) {
        return ParsedPack { diagnostics: r.diags, ..ParsedPack::default() };
    }
    r.check_keys(entries, &top.name, &TOP_KEYS);
    let mut parsed = ParsedPack::default();
    let meta = pack_meta(&mut r, &mut top, &mut parsed);
    let questions = questions(&mut r, &mut top, &mut parsed.references, build);
    let pack = match (meta, questions) {
        (Some(meta), Some(questions)) if build && !r.has_errors() => {
            Some(Pack { meta, questions, path: path.to_owned(), builtin: false, course: None })
        }
        _ => None,
    };
    let mut diagnostics = r.diags;
    sort_diagnostics(&mut diagnostics);
    ParsedPack { pack, diagnostics, ..parsed }
}

fn pack_meta(r: &mut Reader<'_>, top: &mut Table<'_>, parsed: &mut ParsedPack) -> Option<PackMeta> {
    let Some(v) = top.get("pack") else {
        r.error(TOP, "missing the `[pack]` table (id, title, version)");
        return None;
    };
    let Val::Table(entries) = &v.val else {
        r.error(v.at, format!("`pack` must be a table (`[pack]`), not {}", v.val.type_name()));
        return None;
    };
    let mut f = Table::new(entries, v.at, "`[pack]`");
    r.check_keys(entries, &f.name, &PACK_KEYS);
    let id = f.require(r, "id").and_then(|n| Some((r.text(n, "id")?, n.at)));
    if let Some((id, at)) = id {
        if is_valid_id(id) {
            let (line, column) = r.position(at);
            parsed.id = Some((id.to_owned(), line, column));
        } else {
            r.error(at, format!("pack id {id:?} must match [a-z0-9-]+"));
        }
    }
    let title = f.require(r, "title").and_then(|n| r.text(n, "title"));
    let version = f.require(r, "version").and_then(|n| r.text(n, "version"));
    let description = f.get("description").and_then(|n| r.str(n, "description"));
    let authors = f.get("authors").and_then(|n| r.texts(n, "authors"));
    let license = f.get("license").and_then(|n| r.text(n, "license"));
    Some(PackMeta {
        id: id?.0.to_owned(),
        title: title?.to_owned(),
        version: version?.to_owned(),
        description: description.map(str::to_owned).unwrap_or_default(),
        authors: authors.map(|a| a.into_iter().map(|(s, _)| s.to_owned()).collect()).unwrap_or_default(),
        license: license.map(str::to_owned),
    })
}

fn questions(
    r: &mut Reader<'_>,
    top: &mut Table<'_>,
    refs: &mut Vec<Reference>,
    build: bool,
) -> Option<Vec<super::model::Question>> {
    let Some(v) = top.get("questions") else {
        r.error(TOP, "the pack has no questions: add `[[questions]]` tables");
        return None;
    };
    let Val::Array(items) = &v.val else {
        let hint = if matches!(v.val, Val::Table(_)) { ": write `[[questions]]`, with two brackets" } else { "" };
        r.error(v.at, format!("`questions` must be an array of tables{hint}"));
        return None;
    };
    if items.is_empty() {
        r.error(v.at, "the pack has no questions");
        return None;
    }
    if let Some(first_over) = items.get(MAX_QUESTIONS) {
        r.error(
            first_over.at,
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
        let Val::Table(entries) = &item.val else {
            r.error(item.at, format!("each question must be a table, not {}", item.val.type_name()));
            ok = false;
            continue;
        };
        match question::parse(r, entries, item.at, n + 1, &mut ids, refs, build) {
            Some(q) => out.push(q),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

#[cfg(test)]
mod tests;
