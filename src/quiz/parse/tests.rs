use super::*;
use crate::quiz::model::{Difficulty, QuestionKind};

const HEADER: &str = "format = 1\n[pack]\nid = \"p\"\ntitle = \"P\"\nversion = \"1.0.0\"\n";

fn pack_of(questions: &str) -> ParsedPack {
    let src = format!("{HEADER}{questions}");
    parse_pack("p.toml", src.as_bytes())
}

fn only_question(questions: &str) -> crate::quiz::model::Question {
    let parsed = pack_of(questions);
    assert!(!parsed.has_errors(), "{:#?}", parsed.diagnostics);
    let mut pack = parsed.pack.expect("pack");
    assert_eq!(pack.questions.len(), 1);
    pack.questions.remove(0)
}

fn errors(parsed: &ParsedPack) -> Vec<String> {
    parsed.diagnostics.iter().filter(|d| d.is_error()).map(ToString::to_string).collect()
}

const COMMON: &str = "[[questions]]\nid = \"q\"\ntopic = \"limits\"\nlesson = \"l\"\nprompt = \"P?\"\n\
                      explanation = \"Because the facts sheet says so, in detail.\"\n";

#[test]
fn every_type_parses_into_its_kind() {
    let cases: [(&str, QuestionKind); 9] = [
        (
            "type = \"single\"\nchoices = [\"a\", \"b\"]\nanswer = \"b\"",
            QuestionKind::Single { choices: vec!["a".into(), "b".into()], answer: 1 },
        ),
        (
            "type = \"multiple\"\nchoices = [\"a\", \"b\", \"c\"]\nanswer = [\"c\", \"a\"]",
            QuestionKind::Multiple { choices: vec!["a".into(), "b".into(), "c".into()], answers: vec![0, 2] },
        ),
        ("type = \"true-false\"\nanswer = false", QuestionKind::TrueFalse { answer: false }),
        (
            "type = \"short\"\nanswer = \"Init\"\naccept = [\"init phase\"]",
            QuestionKind::Short { answer: "Init".into(), accept: vec!["init phase".into()] },
        ),
        (
            "type = \"numeric\"\nanswer = 900\ntolerance = 0.5\nunit = \"s\"",
            QuestionKind::Numeric { answer: 900.0, tolerance: 0.5, unit: Some("s".into()) },
        ),
        ("type = \"order\"\nitems = [\"x\", \"y\"]", QuestionKind::Order { items: vec!["x".into(), "y".into()] }),
        (
            "type = \"match\"\npairs = [[\"a\", \"1\"], [\"b\", \"2\"]]",
            QuestionKind::Match { pairs: vec![("a".into(), "1".into()), ("b".into(), "2".into())] },
        ),
        ("type = \"card\"\nanswer = \"**Init** first.\"", QuestionKind::Card { answer: "**Init** first.".into() }),
        (
            "type = \"predict\"\nscenario = \"burst\"\nmetric = \"latency_ms.p99\"\ntolerance_pct = 25",
            QuestionKind::Predict { scenario: "burst".into(), metric: "latency_ms.p99".into(), tolerance_pct: 25.0 },
        ),
    ];
    for (fields, kind) in cases {
        let q = only_question(&format!("{COMMON}{fields}\n"));
        assert_eq!(q.kind, kind, "{fields}");
    }
}

#[test]
fn defaults_and_optional_fields() {
    let q = only_question(&format!(
        "{COMMON}type = \"single\"\nchoices = [\"a\", \"b\"]\nanswer = \"a\"\ntags = [\"interview\"]\n\
         hints = [\"h1\", \"h2\"]\nfeedback = {{ \"b\" = \"No.\" }}\n"
    ));
    assert_eq!(q.difficulty, Difficulty::Medium);
    assert!(q.shuffle);
    assert_eq!(q.tags, ["interview"]);
    assert_eq!(q.hints, ["h1", "h2"]);
    assert_eq!(q.feedback.get("b").map(String::as_str), Some("No."));
    assert_eq!(q.lesson.as_deref(), Some("l"));
    let q = only_question(&format!("{COMMON}type = \"numeric\"\nanswer = 1.5\ndifficulty = 3\n"));
    assert_eq!(q.kind, QuestionKind::Numeric { answer: 1.5, tolerance: 0.0, unit: None });
    assert_eq!(q.difficulty, Difficulty::Hard);
    let q = only_question(&format!("{COMMON}type = \"predict\"\nscenario = \"s\"\nmetric = \"cold_starts\"\n"));
    assert!(matches!(q.kind, QuestionKind::Predict { tolerance_pct, .. } if (tolerance_pct - 10.0).abs() < 1e-12));
}

#[test]
fn pack_metadata_is_read() {
    let src = "format = 1\n[pack]\nid = \"p\"\ntitle = \"P\"\nversion = \"2\"\ndescription = \"D\"\n\
               authors = [\"A\", \"B\"]\nlicense = \"MIT\"\n"
        .to_owned()
        + COMMON
        + "type = \"true-false\"\nanswer = true\n";
    let parsed = parse_pack("p.toml", src.as_bytes());
    let pack = parsed.pack.expect("pack");
    assert_eq!(pack.meta.description, "D");
    assert_eq!(pack.meta.authors, ["A", "B"]);
    assert_eq!(pack.meta.license.as_deref(), Some("MIT"));
    assert_eq!(parsed.id, Some(("p".to_owned(), 3, 6)));
    assert_eq!(parsed.references.len(), 1);
    assert_eq!(parsed.references[0].kind, RefKind::Lesson);
}

#[test]
fn problems_are_all_reported_in_file_order() {
    let parsed = pack_of(
        "[[questions]]\nid = \"a\"\ntype = \"single\"\ntopic = \"t\"\nprompt = \"P\"\nchoices = [\"x\", \"y\"]\n\
         answer = \"z\"\nexplanation = \"E is long enough here\"\nshufle = true\n\
         [[questions]]\nid = \"a\"\ntype = \"true-false\"\ntopic = \"t\"\nprompt = \"P\"\nanswer = \"yes\"\n\
         explanation = \"Because it is so, really.\"\nchoices = [\"a\"]\n",
    );
    assert_eq!(
        errors(&parsed),
        [
            "p.toml:12:10: error: answer \"z\" is not one of the choices",
            "p.toml:14:1: error: unknown key `shufle` in question `a`; did you mean `shuffle`?",
            "p.toml:16:6: error: duplicate question id `a` (first used on line 7)",
            "p.toml:20:10: error: `answer` must be true or false, not a string",
            "p.toml:22:1: error: `choices` is not used by `true-false` questions",
        ]
    );
    assert!(parsed.pack.is_none());
}

#[test]
fn a_pack_with_only_warnings_still_loads() {
    let parsed = pack_of(
        "[[questions]]\nid = \"a\"\ntype = \"true-false\"\ntopic = \"t\"\nprompt = \"P\"\nanswer = true\nexplanation = \"True.\"\n",
    );
    assert!(!parsed.has_errors());
    assert_eq!(parsed.diagnostics.len(), 2, "{:#?}", parsed.diagnostics);
    assert!(parsed.pack.is_some());
}

#[test]
fn syntax_errors_and_bad_bytes_are_placed() {
    let parsed = parse_pack("p.toml", b"format = 1\n[pack\nid = 1\n");
    assert!(parsed.diagnostics[0].message.starts_with("TOML syntax error"), "{:?}", parsed.diagnostics);
    assert_eq!(parsed.diagnostics[0].line, 2);
    let parsed = parse_pack("p.toml", b"format = 1\nid = \"ab\xffc\"\n");
    assert_eq!(parsed.diagnostics[0].to_string(), "p.toml:2:9: error: file is not valid UTF-8 (byte 0xFF)");
    let parsed = parse_pack("p.toml", b"");
    assert_eq!(parsed.diagnostics[0].to_string(), "p.toml:1:1: error: file is empty");
    let parsed = parse_pack("p.toml", b" \n\t\n");
    assert_eq!(parsed.diagnostics[0].message, "file is empty");
}

#[test]
fn unsupported_format_stops_reading() {
    let parsed = parse_pack("p.toml", b"format = 2\nwhatever = 1\n");
    assert_eq!(
        errors(&parsed),
        ["p.toml:1:10: error: unsupported format 2: this version of lambda-tutor reads format 1"]
    );
    let parsed = parse_pack("p.toml", b"format = \"1\"\n");
    assert_eq!(errors(&parsed), ["p.toml:1:10: error: `format` must be the integer 1, not a string"]);
    // Beyond i64 the tree holds no integer; the message quotes the text.
    let parsed = parse_pack("p.toml", b"format = 99_999_999_999_999_999_999 # big\n");
    assert_eq!(
        errors(&parsed),
        [
            "p.toml:1:10: error: unsupported format 99_999_999_999_999_999_999: this version of lambda-tutor reads format 1"
        ]
    );
}

/// The words packs share with scenarios and labs (the one reader of placed
/// TOML): an unknown key with no likely typo lists the keys that are known,
/// and a whole number written as a float says how to write it.
#[test]
fn shared_reader_wording() {
    let parsed = pack_of(&format!("{COMMON}type = \"card\"\nanswer = \"A\"\nzebra = 1\ndifficulty = 2.0\n"));
    assert_eq!(
        errors(&parsed),
        [
            "p.toml:14:1: error: unknown key `zebra` in question `q` (known keys: id, type, topic, difficulty, \
             lesson, tags, prompt, explanation, hints, answer)",
            "p.toml:15:14: error: `difficulty` must be a whole number: write 2 without the decimal point",
        ]
    );
    let parsed = pack_of(&format!("{COMMON}type = \"card\"\nanswer = \"A\"\ndifficulty = 99999999999999999999\n"));
    assert_eq!(errors(&parsed), ["p.toml:14:14: error: `difficulty` is out of range"]);
}

#[test]
fn questions_must_be_an_array_of_tables() {
    let parsed = pack_of("[questions]\nid = \"a\"\n");
    assert!(errors(&parsed)[0].contains("write `[[questions]]`"), "{:?}", errors(&parsed));
    let parse = |questions: &str| {
        parse_pack(
            "p.toml",
            format!("format = 1\n{questions}\n{}", HEADER.trim_start_matches("format = 1\n")).as_bytes(),
        )
    };
    assert_eq!(errors(&parse("questions = []")), ["p.toml:2:13: error: the pack has no questions"]);
    assert_eq!(
        errors(&parse("questions = [1]")),
        ["p.toml:2:14: error: each question must be a table, not an integer"]
    );
    let parsed = parse_pack("p.toml", HEADER.as_bytes());
    assert_eq!(errors(&parsed), ["p.toml:1:1: error: the pack has no questions: add `[[questions]]` tables"]);
}

#[test]
fn all_keys_is_the_union_of_every_type_keys() {
    use crate::quiz::model::TYPE_NAMES;
    use question::{ALL_KEYS, COMMON_KEYS, type_keys};
    let mut union: Vec<&str> = COMMON_KEYS.to_vec();
    for t in TYPE_NAMES {
        union.extend(type_keys(t).iter().filter(|k| !union.contains(k)).collect::<Vec<_>>());
    }
    union.sort_unstable();
    let mut all = ALL_KEYS.to_vec();
    all.sort_unstable();
    assert_eq!(all, union);
}

#[test]
fn more_questions_than_the_limit_is_one_error_at_the_first_one_over() {
    use std::fmt::Write as _;
    let mut text = String::from("format = 1\nquestions = [");
    for i in 0..=MAX_QUESTIONS {
        let _ = write!(text, "{{id=\"q{i}\",type=\"card\",topic=\"t\",prompt=\"p\",answer=\"a\",explanation=\"e\"}},");
    }
    text.push_str("]\n");
    text.push_str(HEADER.trim_start_matches("format = 1\n"));
    let parsed = parse_pack("p.toml", text.as_bytes());
    let errors = errors(&parsed);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("at most 50000 questions and this one has 50001"), "{}", errors[0]);
    assert!(parsed.pack.is_none());
}
