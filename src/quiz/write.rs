//! Writing a [`Pack`] back out as format-1 TOML that a person can read and
//! edit: keys in the order the authoring guide uses, multi-line strings for
//! text with line breaks, long lists one entry per line, defaults left out.
//!
//! The importers produce their packs through this writer, and the test
//! suite re-parses what it writes with [`super::parse_pack`]: whatever goes
//! in comes back out equal.

use std::fmt::Write as _;

use super::model::{Difficulty, FORMAT, Pack, Question, QuestionKind};

/// Lists whose inline form would be longer than this go one entry per line.
const INLINE_WIDTH: usize = 100;

/// The whole pack file.
pub fn write_pack(pack: &Pack) -> String {
    let mut out = format!("format = {FORMAT}\n\n[pack]\n");
    let meta = &pack.meta;
    key_value(&mut out, "id", &string(&meta.id));
    key_value(&mut out, "title", &string(&meta.title));
    key_value(&mut out, "version", &string(&meta.version));
    if !meta.description.is_empty() {
        key_value(&mut out, "description", &string(&meta.description));
    }
    if !meta.authors.is_empty() {
        key_value(&mut out, "authors", &list(&meta.authors));
    }
    if let Some(license) = &meta.license {
        key_value(&mut out, "license", &string(license));
    }
    for question in &pack.questions {
        out.push('\n');
        write_question(&mut out, question);
    }
    out
}

/// One `[[questions]]` table, with its header.
pub fn write_question(out: &mut String, q: &Question) {
    out.push_str("[[questions]]\n");
    key_value(out, "id", &string(&q.id));
    key_value(out, "type", &string(q.type_name()));
    key_value(out, "topic", &string(&q.topic));
    if q.difficulty != Difficulty::default() {
        key_value(out, "difficulty", &q.difficulty.number().to_string());
    }
    if let Some(lesson) = &q.lesson {
        key_value(out, "lesson", &string(lesson));
    }
    if !q.tags.is_empty() {
        key_value(out, "tags", &list(&q.tags));
    }
    key_value(out, "prompt", &string(&q.prompt));
    kind_fields(out, &q.kind);
    key_value(out, "explanation", &string(&q.explanation));
    if !q.hints.is_empty() {
        key_value(out, "hints", &list(&q.hints));
    }
    let shuffles =
        matches!(q.kind, QuestionKind::Single { .. } | QuestionKind::Multiple { .. } | QuestionKind::Match { .. });
    if shuffles && !q.shuffle {
        key_value(out, "shuffle", "false");
    }
    if !q.feedback.is_empty() {
        feedback(out, q);
    }
}

fn kind_fields(out: &mut String, kind: &QuestionKind) {
    match kind {
        QuestionKind::Single { choices, answer } => {
            key_value(out, "choices", &list(choices));
            key_value(out, "answer", &string(choices.get(*answer).map_or("", String::as_str)));
        }
        QuestionKind::Multiple { choices, answers } => {
            key_value(out, "choices", &list(choices));
            let right: Vec<String> = answers.iter().filter_map(|i| choices.get(*i).cloned()).collect();
            key_value(out, "answer", &list(&right));
        }
        QuestionKind::TrueFalse { answer } => key_value(out, "answer", &answer.to_string()),
        QuestionKind::Short { answer, accept } => {
            key_value(out, "answer", &string(answer));
            if !accept.is_empty() {
                key_value(out, "accept", &list(accept));
            }
        }
        QuestionKind::Numeric { answer, tolerance, unit } => {
            key_value(out, "answer", &number(*answer));
            if *tolerance != 0.0 {
                key_value(out, "tolerance", &number(*tolerance));
            }
            if let Some(unit) = unit {
                key_value(out, "unit", &string(unit));
            }
        }
        QuestionKind::Order { items } => key_value(out, "items", &list(items)),
        QuestionKind::Match { pairs } => {
            let rendered: Vec<String> = pairs.iter().map(|(l, r)| format!("[{}, {}]", string(l), string(r))).collect();
            key_value(out, "pairs", &layout_list(&rendered));
        }
        QuestionKind::Card { answer } => key_value(out, "answer", &string(answer)),
        QuestionKind::Predict { scenario, metric, tolerance_pct } => {
            key_value(out, "scenario", &string(scenario));
            key_value(out, "metric", &string(metric));
            if *tolerance_pct != super::model::DEFAULT_TOLERANCE_PCT {
                key_value(out, "tolerance_pct", &number(*tolerance_pct));
            }
        }
    }
}

/// Short single-line feedback fits an inline table; anything longer gets a
/// `[questions.feedback]` sub-table (written last, as it closes the
/// question's own keys).
fn feedback(out: &mut String, q: &Question) {
    let entries: Vec<(String, String)> = q.feedback.iter().map(|(k, v)| (key(k), string(v))).collect();
    let inline = format!("{{ {} }}", entries.iter().map(|(k, v)| format!("{k} = {v}")).collect::<Vec<_>>().join(", "));
    if !inline.contains('\n') && inline.len() <= INLINE_WIDTH {
        key_value(out, "feedback", &inline);
        return;
    }
    out.push_str("\n[questions.feedback]\n");
    for (k, v) in entries {
        key_value(out, &k, &v);
    }
}

fn key_value(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{key} = {value}");
}

/// A key: bare when TOML allows it, else quoted.
pub fn key(k: &str) -> String {
    let bare = !k.is_empty() && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if bare { k.to_owned() } else { basic_string(k) }
}

/// A list of strings: inline when short, else one entry per line.
fn list(items: &[String]) -> String {
    let rendered: Vec<String> = items.iter().map(|s| string(s)).collect();
    layout_list(&rendered)
}

fn layout_list(rendered: &[String]) -> String {
    let inline = format!("[{}]", rendered.join(", "));
    if !inline.contains('\n') && inline.len() <= INLINE_WIDTH {
        return inline;
    }
    let mut out = String::from("[\n");
    for item in rendered {
        let _ = writeln!(out, "  {item},");
    }
    out.push(']');
    out
}

/// A finite number: integers without a fraction, others in Rust's
/// shortest round-trip form (`0.1`, `1e-7`), both valid TOML.
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { format!("{n:?}") }
}

/// A string value: a basic string, or a multi-line one when the text has
/// line breaks (so that a paragraph reads as a paragraph).
pub fn string(s: &str) -> String {
    if s.contains('\n') { multi_line_string(s) } else { basic_string(s) }
}

fn push_escaped_char(out: &mut String, c: char) {
    match c {
        '\\' => out.push_str("\\\\"),
        '"' => out.push_str("\\\""),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        '\n' => out.push_str("\\n"),
        // Bidi overrides too: a pack printed to a terminal (`import`
        // without -o) must not reorder what the learner sees.
        c if c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') => {
            let _ = write!(out, "\\u{:04X}", u32::from(c));
        }
        c => out.push(c),
    }
}

fn basic_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        push_escaped_char(&mut out, c);
    }
    out.push('"');
    out
}

/// `"""` + newline (which TOML drops) + the text. Backslashes and control
/// characters are escaped; quotes only where three would close the string,
/// and a quote just before the closing delimiter.
fn multi_line_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str("\"\"\"\n");
    let mut quotes = 0;
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\n' => {
                out.push('\n');
                quotes = 0;
            }
            '"' if quotes == 2 || i + 1 == chars.len() => {
                out.push_str("\\\"");
                quotes = 0;
            }
            '"' => {
                out.push('"');
                quotes += 1;
            }
            c => {
                push_escaped_char(&mut out, c);
                quotes = 0;
            }
        }
    }
    out.push_str("\"\"\"");
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;
    use crate::quiz::model::PackMeta;
    use crate::quiz::parse_pack;

    fn question(id: &str, kind: QuestionKind) -> Question {
        Question {
            id: id.to_owned(),
            kind,
            topic: "limits".to_owned(),
            difficulty: Difficulty::Medium,
            lesson: None,
            tags: Vec::new(),
            prompt: "What?".to_owned(),
            explanation: "Because the facts sheet says so.".to_owned(),
            hints: Vec::new(),
            feedback: BTreeMap::new(),
            shuffle: true,
        }
    }

    fn pack(questions: Vec<Question>) -> Pack {
        Pack {
            meta: PackMeta {
                id: "p".to_owned(),
                title: "P".to_owned(),
                version: "1.0.0".to_owned(),
                ..PackMeta::default()
            },
            questions,
            path: "p.toml".to_owned(),
            builtin: false,
            course: None,
        }
    }

    fn round_trip(p: &Pack) -> Pack {
        let text = write_pack(p);
        let parsed = parse_pack("p.toml", text.as_bytes());
        assert!(!parsed.has_errors(), "{text}\n{:#?}", parsed.diagnostics);
        parsed.pack.expect("pack")
    }

    #[test]
    fn every_type_survives_a_round_trip() {
        let mut single =
            question("single", QuestionKind::Single { choices: vec!["a".into(), "b \"quoted\"".into()], answer: 1 });
        single.feedback.insert("a".into(), "Not a.\nSecond line.".into());
        single.shuffle = false;
        single.difficulty = Difficulty::Hard;
        single.lesson = Some("execution-limits".into());
        single.tags = vec!["interview".into()];
        single.hints = vec!["Think.".into(), "Harder.".into()];
        let mut tf = question("tf", QuestionKind::TrueFalse { answer: false });
        tf.feedback.insert("true".into(), "No.".into());
        let p = pack(vec![
            single,
            question(
                "multiple",
                QuestionKind::Multiple { choices: vec!["x".into(), "y".into(), "z".into()], answers: vec![0, 2] },
            ),
            tf,
            question("short", QuestionKind::Short { answer: "Init".into(), accept: vec!["init phase".into()] }),
            question("numeric", QuestionKind::Numeric { answer: 0.1, tolerance: 1e-7, unit: Some("s".into()) }),
            question("big", QuestionKind::Numeric { answer: 1e300, tolerance: 0.0, unit: None }),
            question("order", QuestionKind::Order { items: vec!["1".into(), "2".into()] }),
            question("match", QuestionKind::Match { pairs: vec![("l".into(), "r".into()), ("m".into(), "s".into())] }),
            question("card", QuestionKind::Card { answer: "```\ncode \"\"\" here\n```\n".into() }),
            question(
                "predict",
                QuestionKind::Predict { scenario: "burst".into(), metric: "cold_starts".into(), tolerance_pct: 5.0 },
            ),
        ]);
        let back = round_trip(&p);
        assert_eq!(back.questions, p.questions);
        assert_eq!(back.meta, p.meta);
    }

    #[test]
    fn text_with_line_breaks_is_written_as_a_multi_line_string() {
        let mut q = question("q", QuestionKind::Card { answer: "one\ntwo".into() });
        q.prompt = "first\n\nsecond \"\"\"".into();
        let text = write_pack(&pack(vec![q.clone()]));
        assert!(text.contains("prompt = \"\"\"\nfirst\n\nsecond \"\"\\\"\"\"\"\n"), "{text}");
        assert_eq!(round_trip(&pack(vec![q.clone()])).questions, vec![q]);
    }

    #[test]
    fn long_lists_go_one_entry_per_line() {
        let choices: Vec<String> = (0..6).map(|i| format!("A rather long choice number {i}")).collect();
        let q = question("q", QuestionKind::Single { choices, answer: 0 });
        let text = write_pack(&pack(vec![q]));
        assert!(text.contains("choices = [\n  \"A rather long choice number 0\",\n"), "{text}");
    }

    fn text() -> impl Strategy<Value = String> {
        // Any characters, including quotes, backslashes, controls and
        // line breaks; never blank (the format requires text).
        "\\PC{0,3}[\"\\\\\\n\\t\\r\\u{0}\\u{7f}a-z]{0,6}\\PC{0,3}x".prop_map(|s| s)
    }

    proptest! {
        #[test]
        fn any_text_survives_a_round_trip(prompt in text(), a in text(), b in text(), fb in text()) {
            prop_assume!(a != b);
            let mut q = question("q", QuestionKind::Single { choices: vec![a.clone(), b], answer: 0 });
            q.prompt = prompt;
            q.explanation = fb.clone();
            q.feedback.insert(a, fb);
            let p = pack(vec![q]);
            let text = write_pack(&p);
            let parsed = parse_pack("p.toml", text.as_bytes());
            let pack = parsed.pack.expect("pack");
            prop_assert_eq!(pack.questions, p.questions);
        }
    }
}
