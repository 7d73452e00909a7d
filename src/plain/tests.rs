//! Plain mode over in-memory streams. Prompts and explanations here are
//! short plain sentences, so the transcript does not depend on how the
//! markdown renderer lays out richer text.

use super::*;
use crate::quiz::format::parse_letter;
use crate::quiz::model::Question;
use crate::quiz::session::SessionItem;

fn question(id: &str, kind: QuestionKind) -> Question {
    let topic = if id.starts_with('t') { "limits" } else { "pricing" };
    Question { lesson: Some("execution-limits".to_owned()), shuffle: false, ..Question::new(id, topic, kind) }
}

fn item(q: Question) -> SessionItem {
    SessionItem { pack_id: "p".to_owned(), question: q, order: Vec::new(), truth: None }
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

/// Run plain mode over `items` (written order: `shuffle = false` and no
/// question shuffling) with `input`, echo on.
fn transcript(items: Vec<SessionItem>, input: &str) -> (String, PlainOutcome) {
    let session = QuizSession::from_items(items, 1);
    let mut out = Vec::new();
    let outcome =
        run(session, &mut input.as_bytes(), &mut out, PlainConfig { width: 80, echo: true }).expect("in memory");
    (String::from_utf8(out).expect("utf-8"), outcome)
}

#[test]
fn a_single_question_round_trip() {
    let mut q = question("t1", QuestionKind::Single { choices: strings(&["1 second", "3 seconds"]), answer: 1 });
    q.hints = vec!["It is short.".to_owned()];
    q.feedback.insert("1 second".to_owned(), "Too short.".to_owned());
    let (text, outcome) = transcript(vec![item(q)], "?\n?\n9\n1\nn\n");
    assert_eq!(
        text,
        "Question 1/1 [limits]\n\
         Prompt t1.\n\
         Type ? for a hint.\n\
         \x20 1. 1 second\n\
         \x20 2. 3 seconds\n\
         > ?\n\
         Hint 1/1:\n\
         It is short.\n\
         > ?\n\
         No more hints.\n\
         > 9\n\
         Type one choice number, 1 to 2 (? for a hint).\n\
         > 1\n\
         Incorrect. Answer: 2. 3 seconds\n\
         About \"1 second\":\n\
         Too short.\n\
         Explanation t1.\n\
         Read more: lambda-tutor read execution-limits\n\
         \n\
         Score: 0/1 (0%)\n\
         By topic:\n\
         \x20 limits: 0/1 (0%)\n\
         Retry the 1 question you missed? (y/n)\n\
         > n\n"
    );
    assert!(!outcome.end_of_input);
    assert_eq!(outcome.rounds.len(), 1);
    assert_eq!(outcome.rounds[0].records()[0].hints_used, 1);
}

#[test]
fn every_type_takes_its_input() {
    let truth_item = {
        let mut i = item(question(
            "p1",
            QuestionKind::Predict { scenario: "burst".into(), metric: "cold_starts".into(), tolerance_pct: 10.0 },
        ));
        i.truth = Some(100.0);
        i
    };
    let items = vec![
        item(question("t1", QuestionKind::Single { choices: strings(&["a", "b"]), answer: 0 })),
        item(question("t2", QuestionKind::Multiple { choices: strings(&["a", "b", "c"]), answers: vec![0, 2] })),
        item(question("t3", QuestionKind::TrueFalse { answer: false })),
        item(question("t4", QuestionKind::Short { answer: "Init".into(), accept: vec![] })),
        item(question("t5", QuestionKind::Numeric { answer: 900.0, tolerance: 0.0, unit: Some("s".into()) })),
        item(question("t6", QuestionKind::Order { items: strings(&["x", "y", "z"]) })),
        item(question(
            "t7",
            QuestionKind::Match { pairs: vec![("l1".into(), "r1".into()), ("l2".into(), "r2".into())] },
        )),
        item(question("t8", QuestionKind::Card { answer: "Init runs first.".into() })),
        truth_item,
    ];
    let input = "1\n3, 1\nfalse\n  INIT \n900 s\n312\n1b 2a\n\ngood\n95\n";
    let (text, outcome) = transcript(items, input);
    let round = &outcome.rounds[0];
    let verdicts: Vec<bool> = round.records().iter().map(|r| r.verdict.correct).collect();
    // Items are shown shuffled for `order` and `match` even with shuffle = false:
    // read the shown order back from the session to know what was right.
    let order_item = &round.items()[5];
    let match_item = &round.items()[6];
    assert_eq!(order_item.order, vec![1, 2, 0], "seed 1, rotated away from the right order");
    assert!(verdicts[..5].iter().all(|v| *v), "{text}");
    assert!(verdicts[5], "shown as y z x, so x y z is 3 1 2\n{text}");
    assert_eq!(match_item.order, vec![0, 1], "shuffle = false keeps the right sides in place");
    assert!(!verdicts[6], "1b 2a crosses the pairs\n{text}");
    assert!(verdicts[7] && verdicts[8], "{text}");
    assert!(text.contains("  1. l1\n  2. l2\n  a. r"), "{text}");
    assert!(text.contains("Answer:\nInit runs first.\nHow well did you recall it?"), "{text}");
    assert!(text.contains("Correct (you graded your recall: good)."), "{text}");
    assert!(
        text.contains("Correct. Answer: 100 (cold_starts in the simulator)\nYou were 5% off; within 10% counts."),
        "{text}"
    );
    assert!(text.contains("Answer in s."), "{text}");
    assert!(text.contains("Score: 8/9 (89%)"), "{text}");
    assert!(
        text.contains("Incorrect. Answer: 1a 2b\nPairs you had right: 0 of 2\n  1. l1 = a. r1\n  2. l2 = b. r2\n"),
        "{text}"
    );
}

#[test]
fn partial_answers_say_what_was_wrong() {
    let items = vec![
        item(question("t1", QuestionKind::Multiple { choices: strings(&["a", "b", "c"]), answers: vec![0, 2] })),
        item(question("t2", QuestionKind::Order { items: strings(&["x", "y", "z", "w"]) })),
    ];
    let session = QuizSession::from_items(items, 5);
    let order = session.items()[1].order.clone();
    // Put x and w right, swap y and z: type their display numbers.
    let shown = |i: usize| order.iter().position(|&o| o == i).expect("shown") + 1;
    let typed = format!("{} {} {} {}", shown(0), shown(2), shown(1), shown(3));
    let mut out = Vec::new();
    let input = format!("1 2\n{typed}\n");
    run(session, &mut input.as_bytes(), &mut out, PlainConfig { width: 80, echo: true }).expect("in memory");
    let text = String::from_utf8(out).expect("utf-8");
    assert!(text.contains("Incorrect. Answer: 1. a; 3. c\nWrong picks: 2. b\nMissed: 3. c\n"), "{text}");
    assert!(text.contains("Positions you had right: 1, 4 (of 4)\nThe right order:\n"), "{text}");
}

#[test]
fn end_of_input_ends_cleanly_with_the_score_so_far() {
    let items = vec![
        item(question("t1", QuestionKind::TrueFalse { answer: true })),
        item(question("t2", QuestionKind::TrueFalse { answer: true })),
    ];
    let (text, outcome) = transcript(items, "true\n");
    assert!(outcome.end_of_input);
    assert!(text.ends_with("> \nScore: 1/1 (100%)\nBy topic:\n  limits: 1/1 (100%)\n"), "{text}");
    let (text, outcome) = transcript(vec![item(question("t1", QuestionKind::TrueFalse { answer: true }))], "");
    assert!(outcome.end_of_input);
    assert!(text.ends_with("> \nScore: 0/0 (0%)\n"), "{text}");
}

#[test]
fn missed_questions_can_be_retried() {
    let items = vec![
        item(question("t1", QuestionKind::TrueFalse { answer: true })),
        item(question("t2", QuestionKind::TrueFalse { answer: false })),
    ];
    let (text, outcome) = transcript(items, "false\nfalse\ny\ntrue\n");
    assert_eq!(outcome.rounds.len(), 2);
    assert_eq!(outcome.rounds[1].len(), 1);
    assert!(
        text.contains("Retry the 1 question you missed? (y/n)\n> y\n\nQuestion 1/1 [limits]\nPrompt t1."),
        "{text}"
    );
    assert!(text.ends_with("Score: 1/1 (100%)\nBy topic:\n  limits: 1/1 (100%)\n"), "{text}");
}

#[test]
fn hostile_text_is_sanitised() {
    let q = question("t1", QuestionKind::Single { choices: strings(&["a\u{1b}[2Jb", "c"]), answer: 1 });
    let (text, _) = transcript(vec![item(q)], "2\n\u{1b}]52;c;x\u{7}\n");
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "{text:?}");
}

#[test]
fn inputs_are_parsed_per_type() {
    let single = item(question("t", QuestionKind::Single { choices: strings(&["a", "b", "c"]), answer: 0 }));
    let mut shuffled = single.clone();
    shuffled.order = vec![2, 0, 1];
    assert_eq!(parse_response(&shuffled, " 1 "), Ok(Response::Choice(2)), "display 1 is choice index 2");
    assert!(parse_response(&shuffled, "1 2").is_err());
    assert!(parse_response(&shuffled, "0").is_err());
    assert!(parse_response(&shuffled, "a").is_err());

    let mut multiple =
        item(question("t", QuestionKind::Multiple { choices: strings(&["a", "b", "c"]), answers: vec![0] }));
    multiple.order = vec![0, 1, 2];
    assert_eq!(parse_response(&multiple, "1,3"), Ok(Response::Choices(vec![0, 2])));
    assert_eq!(parse_response(&multiple, "1, 3"), Ok(Response::Choices(vec![0, 2])));
    assert!(parse_response(&multiple, "").is_err());
    assert!(parse_response(&multiple, "4").is_err());

    let tf = item(question("t", QuestionKind::TrueFalse { answer: true }));
    assert_eq!(parse_response(&tf, "TRUE"), Ok(Response::Bool(true)));
    assert_eq!(parse_response(&tf, "f"), Ok(Response::Bool(false)));
    assert!(parse_response(&tf, "yes").is_err());

    let numeric = item(question("t", QuestionKind::Numeric { answer: 1.0, tolerance: 0.0, unit: Some("ms".into()) }));
    assert_eq!(parse_response(&numeric, "1,000 ms"), Ok(Response::Number(1000.0)));
    assert_eq!(parse_response(&numeric, "2.5"), Ok(Response::Number(2.5)));
    assert!(parse_response(&numeric, "inf").is_err());
    assert!(parse_response(&numeric, "lots").is_err());

    let mut order = item(question("t", QuestionKind::Order { items: strings(&["x", "y", "z"]) }));
    order.order = vec![1, 2, 0];
    assert_eq!(parse_response(&order, "3 1 2"), Ok(Response::Order(vec![0, 1, 2])));
    assert_eq!(parse_response(&order, "312"), Ok(Response::Order(vec![0, 1, 2])), "compact form");
    assert!(parse_response(&order, "3 1").is_err());
    assert!(parse_response(&order, "3 1 1").is_err());

    let mut matching = item(question(
        "t",
        QuestionKind::Match { pairs: vec![("l1".into(), "r1".into()), ("l2".into(), "r2".into())] },
    ));
    matching.order = vec![1, 0];
    assert_eq!(parse_response(&matching, "1b 2A"), Ok(Response::Pairs(vec![(0, 0), (1, 1)])));
    assert_eq!(parse_response(&matching, "1-b, 2:a"), Ok(Response::Pairs(vec![(0, 0), (1, 1)])));
    assert!(parse_response(&matching, "1b").is_err(), "every left item");
    assert!(parse_response(&matching, "1b 1a").is_err());
    assert!(parse_response(&matching, "1c 2a").is_err());
    assert!(parse_response(&matching, "b1 a2").is_err());

    let short = item(question("t", QuestionKind::Short { answer: "x".into(), accept: vec![] }));
    assert!(parse_response(&short, "   ").is_err());
}

#[test]
fn letters_round_trip() {
    for i in [0, 1, 25, 26, 27, 51, 52, 701] {
        assert_eq!(parse_letter(&letter(i)), Some(i), "{i} -> {}", letter(i));
    }
    assert_eq!(letter(0), "a");
    assert_eq!(letter(25), "z");
    assert_eq!(letter(26), "aa");
    assert_eq!(parse_letter(""), None);
    assert_eq!(parse_letter("A"), None);
}

#[test]
fn a_huge_line_is_refused_without_being_kept() {
    let q = question("t1", QuestionKind::TrueFalse { answer: true });
    // A line of 1 MiB, then the real answer: the first is refused with a
    // message (not echoed), the second is taken.
    let huge = "x".repeat(1 << 20);
    let (text, outcome) = transcript(vec![item(q)], &format!("{huge}\ntrue\n"));
    assert!(text.contains(&format!("That line is too long (over {MAX_LINE_BYTES} bytes)")), "{}", &text[..200]);
    assert!(!text.contains("xxxx"), "the long line is never echoed");
    assert!(text.contains("> true\nCorrect."), "{text}");
    assert_eq!(outcome.rounds[0].score().correct, 1);
}

#[test]
fn bounded_reads_keep_lines_at_the_limit_and_split_nothing() {
    let at_limit = format!("{}\n", "y".repeat(MAX_LINE_BYTES - 1));
    let mut input = std::io::BufReader::with_capacity(7, at_limit.as_bytes());
    assert!(
        matches!(read_line_bounded(&mut input, MAX_LINE_BYTES).expect("read"), Bounded::Line(l) if l.len() == MAX_LINE_BYTES)
    );
    let over = format!("{}\nnext\n", "y".repeat(MAX_LINE_BYTES));
    let mut input = std::io::BufReader::with_capacity(7, over.as_bytes());
    assert!(matches!(read_line_bounded(&mut input, MAX_LINE_BYTES).expect("read"), Bounded::TooLong));
    assert!(matches!(read_line_bounded(&mut input, MAX_LINE_BYTES).expect("read"), Bounded::Line(l) if l == b"next\n"));
    assert!(matches!(read_line_bounded(&mut input, MAX_LINE_BYTES).expect("read"), Bounded::EndOfInput));
    let mut unterminated = "last".as_bytes();
    assert!(matches!(read_line_bounded(&mut unterminated, 10).expect("read"), Bounded::Line(l) if l == b"last"));
}
