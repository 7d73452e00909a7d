//! GIFT import: every construct and every escape rule, from fixtures in
//! tests/fixtures/import/gift; every imported pack passes `check`.

use std::collections::BTreeMap;

use lambda_tutor::quiz::QuestionKind;
use lambda_tutor::quiz::import::{Format, ImportError, Imported, import};

#[path = "support/import.rs"]
mod import_support;

use import_support::strings;

fn text(name: &str) -> String {
    import_support::fixture("gift", name)
}

fn imported(name: &str) -> Imported {
    import_support::imported_text(Format::Gift, name, &text(name))
}

fn kind<'a>(imported: &'a Imported, id: &str) -> &'a QuestionKind {
    &imported.pack.question(id).unwrap_or_else(|| panic!("question {id}")).kind
}

fn notes_at(imported: &Imported, line: usize) -> Vec<String> {
    imported.notes.iter().filter(|n| n.line == line).map(|n| n.message.clone()).collect()
}

#[test]
fn every_question_type_converts() {
    let pack = imported("all-types.gift");
    let ids: Vec<&str> = pack.pack.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "default-timeout",
            "cold-start-causes",
            "uneven-weights",
            "per-ms",
            "always-warm",
            "short-t",
            "init-phase",
            "max-timeout",
            "memory-range",
            "two-numbers",
            "match-defaults",
            "free-tier",
            "q13"
        ]
    );
    assert_eq!(pack.pack.meta.id, "all-types");
    assert_eq!(pack.pack.meta.title, "All types");
    assert_eq!(
        kind(&pack, "default-timeout"),
        &QuestionKind::Single { choices: strings(&["3 seconds", "1 second", "15 minutes"]), answer: 0 }
    );
    assert_eq!(
        kind(&pack, "cold-start-causes"),
        &QuestionKind::Multiple {
            choices: strings(&[
                "A burst of new requests",
                "A new version deployed",
                "A request one second after another"
            ]),
            answers: vec![0, 1]
        }
    );
    assert_eq!(
        kind(&pack, "uneven-weights"),
        &QuestionKind::Multiple { choices: strings(&["python3.12", "nodejs22.x", "cobol"]), answers: vec![0, 1] }
    );
    assert_eq!(kind(&pack, "per-ms"), &QuestionKind::TrueFalse { answer: true });
    assert_eq!(kind(&pack, "always-warm"), &QuestionKind::TrueFalse { answer: false });
    assert_eq!(kind(&pack, "short-t"), &QuestionKind::Short { answer: "T".into(), accept: vec![] });
    assert_eq!(
        kind(&pack, "init-phase"),
        &QuestionKind::Short { answer: "Init".into(), accept: strings(&["init phase", "initialization"]) }
    );
    assert_eq!(kind(&pack, "max-timeout"), &QuestionKind::Numeric { answer: 900.0, tolerance: 0.5, unit: None });
    assert_eq!(kind(&pack, "memory-range"), &QuestionKind::Numeric { answer: 5184.0, tolerance: 5056.0, unit: None });
    assert_eq!(kind(&pack, "two-numbers"), &QuestionKind::Numeric { answer: 60.0, tolerance: 0.0, unit: None });
    assert_eq!(
        kind(&pack, "match-defaults"),
        &QuestionKind::Match {
            pairs: vec![
                ("Timeout".into(), "3 s".into()),
                ("Memory".into(), "128 MB".into()),
                ("Ephemeral storage".into(), "512 MB".into())
            ]
        }
    );
}

#[test]
fn titles_categories_feedback_and_general_feedback() {
    let pack = imported("all-types.gift");
    let q = pack.pack.question("default-timeout").expect("question");
    assert_eq!(q.topic, "limits", "last segment of $CATEGORY");
    assert_eq!(q.prompt, "What is the timeout of a new function?");
    assert_eq!(q.explanation, "New functions time out after 3 s; raise it up to 900 s.");
    let feedback: BTreeMap<String, String> = [
        ("1 second", "Shorter than that."),
        ("15 minutes", "That is the maximum."),
        ("3 seconds", "Right: the default is short."),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    assert_eq!(q.feedback, feedback);
    // True-false: the first feedback is for a wrong answer, the second for a right one.
    let tf = pack.pack.question("per-ms").expect("question");
    assert_eq!(tf.feedback.get("false").map(String::as_str), Some("Per-100 ms billing ended in 2020."));
    assert_eq!(tf.feedback.get("true").map(String::as_str), Some("Yes, since December 2020."));
    assert_eq!(tf.explanation, "Duration is rounded up to the next 1 ms.");
    // No general feedback: no invented explanation (check warns instead).
    let warm = pack.pack.question("always-warm").expect("question");
    assert_eq!(warm.explanation, "");
    let free = pack.pack.question("free-tier").expect("question");
    assert_eq!(free.topic, "pricing");
    assert_eq!(free.prompt, "The free tier gives ____ free requests a month.", "missing word");
    assert_eq!(pack.pack.question("q13").expect("untitled").prompt, "Unnamed question with no title?");
}

#[test]
fn losses_and_unconvertible_items_are_reported_with_lines() {
    let pack = imported("all-types.gift");
    assert!(notes_at(&pack, 20)[0].starts_with("partial credit is lost"), "{:?}", pack.notes);
    assert!(notes_at(&pack, 32).iter().any(|n| n.contains("\"initialization\" (50%)")));
    assert!(notes_at(&pack, 38).iter().any(|n| n.contains("dropped: 59:1 (50%)")));
    assert!(notes_at(&pack, 40)[0].contains("\"10 GB\""));
    let skipped: Vec<(usize, &str)> =
        pack.notes.iter().filter(|n| n.skipped).map(|n| (n.line, n.message.as_str())).collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert_eq!(skipped[0].0, 54);
    assert!(skipped[0].1.starts_with("essay question `Essay`"));
    assert_eq!(skipped[1].0, 56);
    assert!(skipped[1].1.starts_with("description item `Description`"));
    // The equal split of cold-start-causes loses nothing: no note.
    assert_eq!(pack.pack.question("cold-start-causes").map(|_| notes_at(&pack, 13)), Some(vec![]));
}

#[test]
fn every_escape_rule() {
    let pack = imported("escapes.gift");
    let q = |id: &str| pack.pack.question(id).unwrap_or_else(|| panic!("{id}"));
    assert_eq!(q("tilde").prompt, "Escaped ~ in a prompt");
    assert_eq!(q("tilde").kind.choices().expect("choices")[0], "a~b");
    assert_eq!(q("equals").prompt, "x = 1 is an assignment.");
    assert_eq!(q("equals").kind.choices().expect("choices")[0], "x=1");
    assert_eq!(q("hash").prompt, "Issue #42 is open.");
    assert_eq!(q("hash").kind.choices().expect("choices")[0], "#42");
    assert_eq!(q("braces").prompt, "A map literal is written {k: v}.");
    assert_eq!(q("braces").kind.choices().expect("choices")[0], "{}");
    assert_eq!(q("colon").prompt, "Pick the ARN prefix: arn:aws.");
    assert_eq!(q("colon").kind.choices().expect("choices"), ["arn:aws", "aws:arn"]);
    assert_eq!(q("newline").prompt, "Line one\nline two");
    assert_eq!(q("backslash").prompt, "A Windows path: C:\\temp");
    assert_eq!(q("unknown-escape").prompt, "Keep \\* as markdown's own escape.");
    assert!(pack.notes.is_empty(), "{:?}", pack.notes);
}

/// Every escape, `\/` included, in every place a text stands: no
/// backslash of an escape may survive into the pack.
#[test]
fn escapes_are_undone_in_every_text() {
    let pack = imported("escapes-everywhere.gift");
    let q = |id: &str| pack.pack.question(id).unwrap_or_else(|| panic!("{id}"));
    let paths = q("paths-and-braces");
    assert_eq!(paths.prompt, "Invoke https://example.com/api {v1} with a #tag, a ~, a = and C:\\tmp.");
    assert_eq!(
        &QuestionKind::Single { choices: strings(&["GET /api/v1 {id}", "POST /api", "a~b=c#d"]), answer: 0 },
        &paths.kind
    );
    assert_eq!(paths.feedback["GET /api/v1 {id}"], "Right: /api/v1 is the path = the resource.");
    assert_eq!(paths.feedback["POST /api"], "No: POST /api creates ~ it does not read.");
    assert_eq!(paths.feedback["a~b=c#d"], "Tilde, equals and hash {all three}.");
    assert_eq!(paths.explanation, "The URL https://example.com/api has the path /api \\ here.");

    let tf = q("true-or-false");
    assert_eq!(tf.prompt, "Is a/b the same as a\\b?");
    assert_eq!(tf.feedback["false"], "Right: / differs from \\.");
    assert_eq!(tf.feedback["true"], "Wrong: / is not \\.");
    assert_eq!(tf.explanation, "Slash / vs backslash \\.");

    assert_eq!(q("short").kind, QuestionKind::Short { answer: "/".into(), accept: strings(&["//"]) });
    let QuestionKind::Match { pairs } = &q("match").kind else { panic!("match") };
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(l, r)| (l.as_str(), r.as_str())).collect();
    assert_eq!(pairs, [("/tmp", "scratch / 512 MB"), ("/opt", "layers {extensions}"), ("/var/task", "your code #1")]);
    let missing = q("missing-word");
    assert_eq!(missing.prompt, "The path ____ is writable / ephemeral.");
    assert_eq!(missing.kind.choices().expect("choices"), ["/tmp", "/etc"]);

    for question in &pack.pack.questions {
        let texts = [&question.prompt, &question.explanation].into_iter().chain(question.feedback.values());
        for text in texts {
            assert!(!text.contains("\\/"), "{}: {text}", question.id);
        }
    }
    assert!(pack.notes.is_empty(), "{:?}", pack.notes);
}

#[test]
fn text_formats_and_html() {
    let pack = imported("formats.gift");
    let q = |id: &str| pack.pack.question(id).unwrap_or_else(|| panic!("{id}"));
    assert_eq!(q("markdown").prompt, "What does **Init** do?");
    assert_eq!(q("markdown").explanation, "See `Init`.");
    assert_eq!(q("html").prompt, "What is **bold**, _slanted_ and `code`?\\\nSecond line & more \\<tags>\n\nA diagram");
    assert_eq!(q("html").kind.choices().expect("choices")[0], "**all three**");
    assert_eq!(q("html").explanation, "HTML \"feedback\"");
    assert_eq!(q("plain").prompt, "Plain *text* stays as written.");
    assert_eq!(q("moodle").kind, QuestionKind::TrueFalse { answer: true });
    assert_eq!(pack.notes.len(), 1);
    assert_eq!(pack.notes[0].line, 3);
    assert_eq!(pack.notes[0].message, "image \"d.png\" replaced by its alt text \"A diagram\"");
}

#[test]
fn broken_items_are_reported_and_nothing_else_is_invented() {
    let err = import(Format::Gift, "bad.gift", &text("bad.gift")).expect_err("nothing converts");
    let ImportError::NoQuestions { notes } = &err else { panic!("{err}") };
    let lines: Vec<usize> = notes.iter().map(|n| n.line).collect();
    assert_eq!(lines, [1, 3, 5, 7, 9, 11, 13]);
    assert!(notes.iter().all(|n| n.skipped));
    assert!(notes[0].message.contains("not closed"));
    assert!(notes[1].message.contains("no choice is marked right"));
    assert!(notes[2].message.contains("several choices are marked right"));
    assert!(notes[3].message.contains("appears twice"));
    assert!(notes[5].message.contains("\"many\" is not a number"));
}
