//! No input, however malformed, makes `check` (or loading, or a session
//! over what loaded) panic; every diagnostic has a real place.

// Case counts: about 256 locally, bounded in CI, `LAMBDA_TUTOR_FUZZ_CASES=N` for long runs.
#[path = "hostile_support/fuzz.rs"]
mod fuzz;

use lambda_tutor::course::check::{Context, FileKind, Input, check_inputs, validate_scenario};
use lambda_tutor::quiz::answer::Response;
use lambda_tutor::quiz::model::{Grade, QuestionKind};
use lambda_tutor::quiz::session::{SessionOptions, no_truth};
use lambda_tutor::quiz::{QuizSession, parse_pack};
use std::fmt::Write as _;

use proptest::prelude::*;

fn check_all_kinds(bytes: &[u8]) {
    let inputs: Vec<Input> = [FileKind::Pack, FileKind::Lesson, FileKind::Scenario]
        .into_iter()
        .enumerate()
        .map(|(i, kind)| Input { path: format!("f{i}"), kind, bytes: bytes.to_vec(), explicit: true })
        .collect();
    let report = check_inputs(&inputs, &Context::default());
    for d in &report.diagnostics {
        assert!(d.line >= 1 && d.column >= 1, "{d}");
    }
    assert!(validate_scenario("s.toml", bytes).iter().all(|d| d.line >= 1));
}

/// Pieces of pack files, right and wrong, to assemble into TOML-ish text.
fn line() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("format"),
        Just("id"),
        Just("type"),
        Just("topic"),
        Just("prompt"),
        Just("explanation"),
        Just("choices"),
        Just("answer"),
        Just("accept"),
        Just("tolerance"),
        Just("unit"),
        Just("items"),
        Just("pairs"),
        Just("feedback"),
        Just("hints"),
        Just("shuffle"),
        Just("difficulty"),
        Just("lesson"),
        Just("tags"),
        Just("scenario"),
        Just("metric"),
        Just("tolerance_pct"),
        Just("title"),
        Just("version"),
        Just("anwser"),
        Just("a.b"),
        Just("\"quoted key\""),
        Just("é"),
    ];
    let scalar = prop_oneof![
        Just("\"single\"".to_owned()),
        Just("\"multiple\"".to_owned()),
        Just("\"true-false\"".to_owned()),
        Just("\"short\"".to_owned()),
        Just("\"numeric\"".to_owned()),
        Just("\"order\"".to_owned()),
        Just("\"match\"".to_owned()),
        Just("\"card\"".to_owned()),
        Just("\"predict\"".to_owned()),
        Just("\"a\"".to_owned()),
        Just("\"b\"".to_owned()),
        Just("\"cold_starts\"".to_owned()),
        Just("true".to_owned()),
        Just("false".to_owned()),
        Just("1".to_owned()),
        Just("-3".to_owned()),
        Just("9999999999999999999999".to_owned()),
        Just("1.5".to_owned()),
        Just("nan".to_owned()),
        Just("inf".to_owned()),
        Just("1979-05-27".to_owned()),
        Just("\"\"".to_owned()),
        Just("\"\\u001b[2J\"".to_owned()),
        "\"[^\"\\\\\\n]{0,12}\"".prop_map(|s| s),
        any::<i64>().prop_map(|n| n.to_string()),
    ];
    let value = prop_oneof![
        4 => scalar.clone(),
        2 => prop::collection::vec(scalar.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
        1 => prop::collection::vec(prop::collection::vec(scalar.clone(), 0..3), 0..3).prop_map(|v| {
            let inner: Vec<String> = v.iter().map(|p| format!("[{}]", p.join(", "))).collect();
            format!("[{}]", inner.join(", "))
        }),
        1 => (scalar.clone(), scalar).prop_map(|(k, v)| format!("{{ {k} = {v} }}")),
        1 => prop_oneof![Just("\"unterminated"), Just("[1,"), Just("{"), Just("= ="), Just("'''")].prop_map(str::to_owned),
    ];
    prop_oneof![
        1 => prop_oneof![Just("[pack]"), Just("[[questions]]"), Just("[questions]"), Just("[[pack]]"), Just("+++")]
            .prop_map(str::to_owned),
        6 => (key, value).prop_map(|(k, v)| format!("{k} = {v}")),
        1 => "[^\\n]{0,20}".prop_map(|s| s),
    ]
}

/// A plausible response of each shape, whatever the question.
fn responses(kind: &QuestionKind) -> Vec<Response> {
    let n = match kind {
        QuestionKind::Single { choices, .. } | QuestionKind::Multiple { choices, .. } => choices.len(),
        QuestionKind::Order { items } => items.len(),
        QuestionKind::Match { pairs } => pairs.len(),
        _ => 2,
    };
    vec![
        Response::Choice(n.saturating_sub(1)),
        Response::Choices((0..n).collect()),
        Response::Bool(true),
        Response::Text("a".to_owned()),
        Response::Number(1.0),
        Response::Order((0..n).rev().collect()),
        Response::Pairs((0..n).map(|i| (i, (i + 1) % n.max(1))).collect()),
        Response::Grade(Grade::Good),
    ]
}

proptest! {
    #![proptest_config(fuzz::config(3_000))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        check_all_kinds(&bytes);
    }

    #[test]
    fn arbitrary_toml_never_panics(lines in prop::collection::vec(line(), 0..40), format in any::<bool>()) {
        let text = format!("{}{}", if format { "format = 1\n" } else { "" }, lines.join("\n"));
        check_all_kinds(text.as_bytes());
        // Whatever loads can be quizzed on without a panic.
        if let Some(pack) = parse_pack("p.toml", text.as_bytes()).pack {
            let options = SessionOptions { shuffle_questions: true, ..SessionOptions::default() };
            if let Ok(mut session) = QuizSession::new(std::slice::from_ref(&pack), &options, &no_truth) {
                while let Some(item) = session.current().cloned() {
                    let _ = session.next_hint();
                    let answered = responses(&item.question.kind).into_iter().any(|r| session.answer(r, 1.0).is_ok());
                    prop_assert!(answered, "no response shape fits {:?}", item.question.kind);
                }
                let score = session.score();
                prop_assert_eq!(score.total, session.len());
            }
        }
    }
}

/// `s` as a TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One valid question of type `t` with text `text` everywhere.
fn valid_question(i: usize, t: usize, text: &str) -> (String, &'static str) {
    let s = |suffix: &str| toml_string(&format!("x{text}{suffix}"));
    let (type_name, fields) = match t {
        0 => ("single", format!("choices = [{}, {}]\nanswer = {}", s("1"), s("2"), s("2"))),
        1 => ("multiple", format!("choices = [{}, {}, {}]\nanswer = [{}, {}]", s("1"), s("2"), s("3"), s("3"), s("1"))),
        2 => ("true-false", "answer = false".to_owned()),
        3 => ("short", format!("answer = {}\naccept = [{}]", s(""), s("alt"))),
        4 => ("numeric", "answer = -2.5e3\ntolerance = 1".to_owned()),
        5 => ("order", format!("items = [{}, {}, {}]", s("1"), s("2"), s("3"))),
        6 => ("match", format!("pairs = [[{}, {}], [{}, {}]]", s("l1"), s("r1"), s("l2"), s("r2"))),
        7 => ("card", format!("answer = {}", s(""))),
        _ => ("predict", "scenario = \"burst\"\nmetric = \"latency_ms.p99\"".to_owned()),
    };
    let q = format!(
        "[[questions]]\nid = \"q{i}\"\ntype = \"{type_name}\"\ntopic = \"t\"\nprompt = {}\nexplanation = {}\nhints = [{}]\n{fields}\n",
        s("?"),
        s(" because"),
        s(" hint")
    );
    (q, type_name)
}

proptest! {
    #![proptest_config(fuzz::config(1_000))]

    /// Any text in any field of a well-formed pack is read back exactly,
    /// and every question comes out with its type.
    #[test]
    fn valid_packs_with_arbitrary_text_load(questions in prop::collection::vec((0usize..9, any::<String>()), 1..12)) {
        let mut text = "format = 1\n[pack]\nid = \"p\"\ntitle = \"t\"\nversion = \"1\"\n".to_owned();
        let mut types = Vec::new();
        for (i, (t, content)) in questions.iter().enumerate() {
            let (q, type_name) = valid_question(i, *t, content);
            text.push_str(&q);
            types.push(type_name);
        }
        let parsed = parse_pack("p.toml", text.as_bytes());
        let errors: Vec<String> = parsed.diagnostics.iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
        prop_assert!(errors.is_empty(), "{}\n{}", errors.join("\n"), text);
        let pack = parsed.pack.expect("no errors, so a pack");
        prop_assert_eq!(pack.questions.len(), questions.len());
        for ((q, (_, content)), type_name) in pack.questions.iter().zip(&questions).zip(&types) {
            prop_assert_eq!(q.type_name(), *type_name);
            prop_assert_eq!(&q.prompt, &format!("x{content}?"));
            prop_assert_eq!(&q.hints, &vec![format!("x{content} hint")]);
        }
    }
}
