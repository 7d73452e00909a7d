//! Anki's plain-text notes (File → Export → "Notes in Plain Text", or a
//! spreadsheet saved for File → Import).
//!
//! Headers at the top say how to read the rest: `#separator:tab` (or
//! `comma`, `semicolon`, `pipe`, `space`, `colon`, or the character
//! itself), `#html:true`, `#columns:Front<sep>Back`, `#guid column:1`,
//! `#notetype column:2`, `#deck column:3`, `#tags column:6`, and
//! `#deck:`/`#notetype:`/`#tags:` for every note. Fields are CSV: a field
//! in double quotes may hold the separator, line breaks and `""` for a
//! quote. HTML fields are turned into markdown text.
//!
//! Each note becomes a `card` question: the first field is the prompt,
//! the second the answer, any further field the explanation. A cloze note
//! (`{{c1::text}}`) shows its text with `[...]` in place of each deletion
//! and reveals it whole. The guid, when there is one, becomes the question
//! id, so importing a newer export of the same deck keeps every id.

use super::html;
use super::ids;
use super::{Draft, Read};
use crate::quiz::model::QuestionKind;

const HEADER_KEYS: [&str; 11] = [
    "separator",
    "html",
    "columns",
    "guid column",
    "notetype column",
    "deck column",
    "tags column",
    "notetype",
    "deck",
    "tags",
    "if matches",
];

/// Whether `line` is one of Anki's file headers.
pub fn is_header(line: &str) -> bool {
    header(line).is_some_and(|(key, _)| HEADER_KEYS.contains(&key.as_str()))
}

fn header(line: &str) -> Option<(String, &str)> {
    let body = line.strip_prefix('#')?;
    let (key, value) = body.split_once(':')?;
    Some((key.trim().to_ascii_lowercase(), value))
}

/// Whether most lines hold a tab: a tab-separated export without headers.
pub fn looks_like(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(50).collect();
    !lines.is_empty() && lines.iter().filter(|l| l.contains('\t')).count() * 2 > lines.len()
}

/// How to read the notes, from the headers.
#[derive(Debug, Clone, Default)]
struct Layout {
    separator: Option<char>,
    html: Option<bool>,
    /// 0-based column indices.
    guid: Option<usize>,
    notetype: Option<usize>,
    deck: Option<usize>,
    tags: Option<usize>,
    default_notetype: Option<String>,
    default_deck: Option<String>,
    default_tags: Vec<String>,
}

fn separator_of(value: &str) -> Option<char> {
    let v = value.trim_matches(['\r', '\n']);
    match v.trim().to_ascii_lowercase().as_str() {
        "tab" | "\\t" => Some('\t'),
        "comma" => Some(','),
        "semicolon" => Some(';'),
        "pipe" => Some('|'),
        "space" => Some(' '),
        "colon" => Some(':'),
        _ => {
            let mut chars = v.chars();
            let c = chars.next()?;
            chars.next().is_none().then_some(c)
        }
    }
}

/// Read the headers; returns the layout and the byte offset and line
/// number where the notes begin.
fn headers(text: &str, read: &mut Read) -> (Layout, usize, usize) {
    let mut layout = Layout::default();
    let mut offset = 0;
    let mut line_no = 1;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end_matches(['\n', '\r']);
        let Some((key, value)) = header(trimmed) else {
            if trimmed.starts_with('#') {
                // A comment among the headers.
                offset += line.len();
                line_no += 1;
                continue;
            }
            break;
        };
        let column = |value: &str, read: &mut Read| match value.trim().parse::<usize>() {
            Ok(n) if n >= 1 => Some(n - 1),
            _ => {
                read.note(line_no, format!("`#{key}:{}` is not a column number; ignored", value.trim()));
                None
            }
        };
        match key.as_str() {
            "separator" => {
                layout.separator = separator_of(value);
                if layout.separator.is_none() {
                    read.note(line_no, format!("unknown separator {:?}; guessing from the notes", value.trim()));
                }
            }
            "html" => layout.html = Some(value.trim().eq_ignore_ascii_case("true")),
            "guid column" => layout.guid = column(value, read),
            "notetype column" => layout.notetype = column(value, read),
            "deck column" => layout.deck = column(value, read),
            "tags column" => layout.tags = column(value, read),
            "notetype" => layout.default_notetype = Some(value.trim().to_owned()),
            "deck" => layout.default_deck = Some(value.trim().to_owned()),
            "tags" => layout.default_tags = value.split_whitespace().map(str::to_owned).collect(),
            // Column names only label the fields; the positions above say what they hold.
            "columns" | "if matches" => {}
            other => read.note(line_no, format!("unknown header `#{other}`; ignored")),
        }
        offset += line.len();
        line_no += 1;
    }
    (layout, offset, line_no)
}

/// Tab, semicolon, comma or pipe: whichever the first note line has most of.
fn guess_separator(notes: &str) -> char {
    let first = notes.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    ['\t', ';', ',', '|'].into_iter().max_by_key(|c| (first.matches(*c).count(), *c == '\t')).unwrap_or('\t')
}

/// One record: the line it starts on and its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// Split CSV-style text into records. A field that begins with `"` runs to
/// the next lone `"` (`""` is a quote inside it) and may hold separators
/// and line breaks. A quote left open is reported and closed at the end.
pub fn records(text: &str, separator: char, first_line: usize, read: &mut Read) -> Vec<Record> {
    let mut out = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut line = first_line;
    let mut record_line = first_line;
    let mut chars = text.chars().peekable();
    let mut at_field_start = true;
    let mut quoted = false;
    let mut quote_line = 0;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                quote_line = line;
                at_field_start = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                if fields.iter().any(|f| !f.trim().is_empty()) {
                    out.push(Record { line: record_line, fields: std::mem::take(&mut fields) });
                } else {
                    fields.clear();
                }
                line += 1;
                record_line = line;
                at_field_start = true;
            }
            c if c == separator => {
                fields.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            c => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if quoted {
        read.note(quote_line, "a quoted field is not closed: it runs to the end of the file");
    }
    fields.push(field);
    if fields.iter().any(|f| !f.trim().is_empty()) {
        out.push(Record { line: record_line, fields });
    }
    out
}

pub fn read(text: &str) -> Read {
    let mut read = Read::default();
    let (layout, offset, first_line) = headers(text, &mut read);
    let notes = &text[offset..];
    let separator = layout.separator.unwrap_or_else(|| guess_separator(notes));
    // Anki takes two notes with the same first field for duplicates and
    // keeps the first: so do we, naming both lines.
    let mut fronts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for record in records(notes, separator, first_line, &mut read) {
        note(&mut read, &layout, &record, &mut fronts);
    }
    read
}

fn note(read: &mut Read, layout: &Layout, record: &Record, fronts: &mut std::collections::HashMap<String, usize>) {
    let line = record.line;
    let take = |column: Option<usize>| column.and_then(|c| record.fields.get(c)).map(|s| s.trim().to_owned());
    let guid = take(layout.guid);
    let notetype = take(layout.notetype).or_else(|| layout.default_notetype.clone()).unwrap_or_default();
    let deck = take(layout.deck).filter(|d| !d.is_empty()).or_else(|| layout.default_deck.clone());
    let mut tags = layout.default_tags.clone();
    tags.extend(take(layout.tags).unwrap_or_default().split_whitespace().map(str::to_owned));
    let special = [layout.guid, layout.notetype, layout.deck, layout.tags];
    let mut raw: Vec<&str> = record
        .fields
        .iter()
        .enumerate()
        .filter(|(i, _)| !special.contains(&Some(*i)))
        .map(|(_, f)| f.as_str())
        .collect();
    // A back exported by lambda-tutor: the answer, a rule, the explanation.
    let mut exported_explanation = None;
    if let Some(back) = raw.get(1).copied()
        && let Some((answer, explanation)) = split_explanation(back)
    {
        raw[1] = answer;
        exported_explanation = Some(field_text(read, line, layout.html, explanation));
    }
    let fields: Vec<String> = raw.iter().map(|f| field_text(read, line, layout.html, f)).collect();
    let front = fields.first().cloned().unwrap_or_default();
    let key = front.split_whitespace().collect::<Vec<_>>().join(" ");
    if !key.is_empty() {
        if let Some(first) = fronts.get(&key) {
            read.skip(line, format!("duplicate of the note on line {first} (the same first field), as Anki sees it"));
            return;
        }
        fronts.insert(key, line);
    }
    let cloze = notetype.to_ascii_lowercase().contains("cloze") || has_cloze(&front);
    let (prompt, answer, mut extra) = if cloze {
        let (hidden, shown) = cloze_sides(&front);
        (hidden, shown, fields.iter().skip(1).cloned().collect::<Vec<_>>())
    } else {
        if fields.len() < 2 || fields[1].trim().is_empty() {
            read.skip(line, "the note has no back (second field)");
            return;
        }
        (front, fields[1].clone(), fields.iter().skip(2).cloned().collect::<Vec<_>>())
    };
    extra.extend(exported_explanation);
    if prompt.trim().is_empty() {
        read.skip(line, "the note's front (first field) is empty");
        return;
    }
    let mut draft = Draft::new(line, prompt, QuestionKind::Card { answer });
    draft.id = guid.as_deref().and_then(question_id);
    draft.category = deck;
    draft.tags = tags;
    let extra: Vec<String> = extra.into_iter().filter(|e| !e.trim().is_empty()).collect();
    if !extra.is_empty() {
        draft.explanation = Some(extra.join("\n\n"));
    }
    read.drafts.push(draft);
}

/// A field as markdown text: HTML converted (when the file says so, or
/// when it does not say and the field looks like HTML), sounds dropped.
fn field_text(read: &mut Read, line: usize, html_flag: Option<bool>, raw: &str) -> String {
    let mut text = raw.to_owned();
    while let Some(start) = text.find("[sound:") {
        let Some(end) = text[start..].find(']') else { break };
        read.note(line, format!("sound {:?} dropped", &text[start + 7..start + end]));
        text.replace_range(start..=start + end, "");
    }
    if html_flag.unwrap_or_else(|| html::looks_like_html(&text)) {
        let converted = html::to_markdown(&text);
        for (alt, src) in converted.images {
            if alt.is_empty() {
                read.note(line, format!("image {src:?} dropped (it has no alt text)"));
            } else {
                read.note(line, format!("image {src:?} replaced by its alt text {alt:?}"));
            }
        }
        converted.text
    } else {
        // Plain text: a `<b>` in it is meant to be seen, not to be HTML.
        html::escape_angle(text.trim())
    }
}

/// `<hr id="explanation">` (as `export-pack --to anki` writes it) splits a
/// back into answer and explanation.
fn split_explanation(back: &str) -> Option<(&str, &str)> {
    ["<hr id=\"explanation\">", "<hr id=explanation>", "<hr id='explanation'>"]
        .iter()
        .find_map(|rule| back.split_once(rule))
}

/// The question id for a guid: the question part of a lambda-tutor
/// progress key (`pack-id/question-id`, as `export-pack` writes guids),
/// else the guid itself made valid.
fn question_id(guid: &str) -> Option<String> {
    if let Some((pack, question)) = guid.split_once('/')
        && crate::infra::is_valid_id(pack)
        && crate::infra::is_valid_id(question)
    {
        return Some(question.to_owned());
    }
    ids::stable_id("anki", guid)
}

fn has_cloze(text: &str) -> bool {
    text.match_indices("{{c").any(|(i, _)| {
        let rest = &text[i + 3..];
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && rest[digits..].starts_with("::")
    })
}

/// A cloze text with each deletion hidden (`[...]`, or `[hint]`), and
/// with each shown in bold.
fn cloze_sides(text: &str) -> (String, String) {
    let mut hidden = String::new();
    let mut shown = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{c") {
        let after = &rest[start + 3..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        let Some(body) = after[digits..].strip_prefix("::").filter(|_| digits > 0) else {
            hidden.push_str(&rest[..start + 3]);
            shown.push_str(&rest[..start + 3]);
            rest = after;
            continue;
        };
        let Some(end) = body.find("}}") else { break };
        let inner = &body[..end];
        let (answer, hint) = inner.split_once("::").unwrap_or((inner, ""));
        hidden.push_str(&rest[..start]);
        shown.push_str(&rest[..start]);
        hidden.push('[');
        hidden.push_str(if hint.trim().is_empty() { "..." } else { hint.trim() });
        hidden.push(']');
        shown.push_str("**");
        shown.push_str(answer.trim());
        shown.push_str("**");
        rest = &body[end + 2..];
    }
    hidden.push_str(rest);
    shown.push_str(rest);
    (hidden, shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_newlines_and_doubled_quotes() {
        let mut read = Read::default();
        let text = "a\t\"b\tc\"\n\"multi\nline\"\t\"say \"\"hi\"\"\"\n\n  \t \nlast\tone";
        let recs = records(text, '\t', 3, &mut read);
        let got: Vec<(usize, Vec<&str>)> =
            recs.iter().map(|r| (r.line, r.fields.iter().map(String::as_str).collect())).collect();
        assert_eq!(got, [(3, vec!["a", "b\tc"]), (4, vec!["multi\nline", "say \"hi\""]), (8, vec!["last", "one"])]);
        assert!(read.notes.is_empty());
    }

    #[test]
    fn an_open_quote_is_reported() {
        let mut read = Read::default();
        let recs = records("a,\"b\nc", ',', 1, &mut read);
        assert_eq!(recs[0].fields, ["a", "b\nc"]);
        assert_eq!(read.notes.len(), 1);
    }

    #[test]
    fn separators_by_name_or_character() {
        assert_eq!(separator_of("tab"), Some('\t'));
        assert_eq!(separator_of("Comma"), Some(','));
        assert_eq!(separator_of("Pipe"), Some('|'));
        assert_eq!(separator_of("#"), Some('#'));
        assert_eq!(separator_of("nonsense"), None);
        assert_eq!(guess_separator("a;b;c\n"), ';');
        assert_eq!(guess_separator("a\tb, c\n"), '\t');
    }

    #[test]
    fn cloze_deletions_are_hidden_and_revealed() {
        let (hidden, shown) = cloze_sides("Lambda's max timeout is {{c1::900 s::seconds}} and memory {{c2::10 GB}}.");
        assert_eq!(hidden, "Lambda's max timeout is [seconds] and memory [...].");
        assert_eq!(shown, "Lambda's max timeout is **900 s** and memory **10 GB**.");
        assert!(has_cloze("{{c12::x}}"));
        assert!(!has_cloze("{{cat::x}}"));
        assert_eq!(cloze_sides("{{c1::open"), ("{{c1::open".to_owned(), "{{c1::open".to_owned()));
    }
}
