//! `history`: every recorded answer as CSV or JSON, for an instructor.
//!
//! Both formats carry every field the store records, times in RFC 3339 (UTC).
//! `learner` and `title` came with schema version 3 and are the last
//! columns, so scripts that read the older columns by position still work;
//! they are empty for answers recorded before.
//! CSV follows RFC 4180's quoting (a field with a comma, quote, CR or LF is
//! quoted, quotes doubled) with LF line ends; `correct` is `true`, `false` or
//! empty for a self-graded card. JSON is an array of objects with the same
//! keys, `correct` `null` for a card; characters a terminal could take as
//! control codes are written as `\u` escapes, so the output is safe to print
//! and still means the same.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::rfc3339;
use super::store::AnswerRow;

/// The CSV columns, in order (also the JSON keys).
pub const COLUMNS: [&str; 15] = [
    "id",
    "answered_at",
    "pack_id",
    "question_id",
    "pack_version",
    "topic",
    "mode",
    "correct",
    "grade",
    "seconds",
    "hints_used",
    "response",
    "drill_id",
    "learner",
    "title",
];

/// Write `rows` as CSV with a header line. With `for_terminal`, control
/// characters in text fields are replaced (the file form keeps them exactly).
pub fn write_csv(out: &mut impl Write, rows: &[AnswerRow], for_terminal: bool) -> io::Result<()> {
    // RFC 4180 quoting (only where needed) with LF line ends, as documented above.
    let mut csv = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Necessary)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    csv.write_record(COLUMNS)?;
    for r in rows {
        let fields = [
            r.id.to_string(),
            rfc3339::format(&r.answered_at),
            r.pack_id.clone(),
            r.question_id.clone(),
            r.pack_version.clone(),
            r.topic.clone(),
            r.mode.as_str().to_owned(),
            r.correct.map(|c| c.to_string()).unwrap_or_default(),
            r.grade.as_str().to_owned(),
            r.seconds.to_string(),
            r.hints_used.to_string(),
            r.response.clone(),
            r.drill_id.map(|d| d.to_string()).unwrap_or_default(),
            r.learner.clone(),
            r.title.clone(),
        ];
        let fields = fields
            .map(|field| if for_terminal { crate::text::sanitize_with(&field, true).into_owned() } else { field });
        csv.write_record(&fields)?;
    }
    csv.flush()
}

/// Write `rows` as a pretty JSON array.
pub fn write_json(out: &mut impl Write, rows: &[AnswerRow]) -> io::Result<()> {
    let text = serde_json::to_string_pretty(rows).map_err(io::Error::other)?;
    out.write_all(escape_json_controls(&text).as_bytes())?;
    out.write_all(b"\n")
}

/// serde_json escapes C0 controls inside strings but not DEL, C1 controls or
/// bidi overrides; escape those too. Outside strings serde_json writes only
/// ASCII punctuation and whitespace, so this changes nothing but strings.
pub fn escape_json_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let risky = matches!(c, '\u{7f}'..='\u{9f}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        if risky {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::study::{Grade, Mode};
    use chrono::TimeZone;

    fn row(response: &str, correct: Option<bool>) -> AnswerRow {
        AnswerRow {
            id: 7,
            answered_at: chrono::Utc.with_ymd_and_hms(2025, 1, 6, 18, 0, 0).single().expect("date"),
            pack_id: "lambda-basics".into(),
            question_id: "default-timeout".into(),
            pack_version: "1.0.0".into(),
            topic: "limits".into(),
            mode: Mode::Quiz,
            correct,
            grade: Grade::Good,
            seconds: 4.5,
            hints_used: 0,
            response: response.into(),
            drill_id: None,
            learner: "ann".into(),
            title: "Default timeout".into(),
        }
    }

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let mut out = Vec::new();
        write_csv(&mut out, &[row("3 seconds, \"probably\"\nmaybe", Some(true)), row("plain", None)], false)
            .expect("write");
        let text = String::from_utf8(out).expect("utf8");
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some(COLUMNS.join(",").as_str()));
        assert!(text.contains(
            "7,2025-01-06T18:00:00.000Z,lambda-basics,default-timeout,1.0.0,limits,quiz,true,good,4.5,0,\"3 seconds, \"\"probably\"\"\nmaybe\",,ann,Default timeout\n"
        ), "{text}");
        assert!(text.ends_with(",quiz,,good,4.5,0,plain,,ann,Default timeout\n"), "{text}");
    }

    #[test]
    fn csv_for_a_terminal_drops_escape_sequences() {
        let mut out = Vec::new();
        write_csv(&mut out, &[row("a\u{1b}[2Jb", Some(false))], true).expect("write");
        assert!(!String::from_utf8(out).expect("utf8").contains('\u{1b}'));
    }

    #[test]
    fn json_escapes_c1_and_stays_parseable() {
        let mut out = Vec::new();
        write_json(&mut out, &[row("x\u{9b}31m\u{1b}y", None)]).expect("write");
        let text = String::from_utf8(out).expect("utf8");
        assert!(!text.contains('\u{9b}') && !text.contains('\u{1b}'));
        let parsed: serde_json::Value = serde_json::from_str(&text).expect("json");
        assert_eq!(parsed[0]["response"], "x\u{9b}31m\u{1b}y");
        assert_eq!(parsed[0]["correct"], serde_json::Value::Null);
        assert_eq!(parsed[0]["answered_at"], "2025-01-06T18:00:00.000Z");
    }
}
