//! Generated classes whose indices are worked out by hand below.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::*;

/// One exported answer: learner, question, minute, right, seconds, hints, response.
type Answer<'a> = (&'a str, &'a str, u32, bool, f64, u32, &'a str);

fn csv_of(pack: &str, topic_of: impl Fn(&str) -> &'static str, answers: &[Answer<'_>]) -> String {
    let mut text = String::from(
        "id,answered_at,learner,pack_id,question_id,title,pack_version,topic,mode,correct,grade,seconds,hints_used,response,drill_id\n",
    );
    for (i, (learner, q, minute, right, seconds, hints, response)) in answers.iter().enumerate() {
        let _ = writeln!(
            text,
            "{},2026-11-02T09:{minute:02}:00.000Z,{learner},{pack},{q},Title of {q},1.0.0,{},quiz,{right},{},{seconds},{hints},{response},",
            i + 1,
            topic_of(q),
            if *right { "good" } else { "again" },
        );
    }
    text
}

/// The first-attempt grid of the class, with the score each learner gets
/// over the five questions:
///
/// ```text
///        q1 q2 q3 q4 q5   score
///   A     1  1  1  0  0   3/5 = .6
///   B     1  1  1  1  0   4/5 = .8
///   C     1  0  1  0  0   .4
///   D     1  0  0  1  0   .4
///   E     1  0  0  1  0   .4
///   F     1  0  0  0  1   .4
/// ```
///
/// Six learners: each group is ceil(6 × 0.27) = ceil(1.62) = 2. Ranked best
/// first, ties by name: B, A, C, D, E, F, so top = {B, A}, bottom = {E, F}.
/// - q1: facility 6/6 = 1.0 (too easy); top 2/2 − bottom 2/2 = 0 (weak).
/// - q2: facility 2/6; top 2/2 − bottom 0/2 = 1.0. Single choice a (right)
///   b c d: picks a 2, b 3, c 1, d 0 → d under 5 %.
/// - q3: facility 3/6; 2/2 − 0/2 = 1.0. Multiple x y (right) z: picks x 5,
///   y 4, z 2: no rare distractor.
/// - q4: facility 3/6; top (A 0, B 1) .5 − bottom (E 1, F 0) .5 = 0 (weak).
/// - q5: facility 1/6 (too hard); top 0/2 − bottom 1/2 = −0.5 (negative).
fn class() -> Dataset {
    let answers: Vec<Answer<'_>> = vec![
        // C's second try at q2 comes first in the file but is later in time:
        // it must not count as the first attempt.
        ("C", "q2", 50, true, 9.0, 0, "a"),
        ("A", "q1", 1, true, 1.0, 0, "t"),
        ("B", "q1", 1, true, 2.0, 0, "t"),
        ("C", "q1", 1, true, 3.0, 0, "t"),
        ("D", "q1", 1, true, 4.0, 0, "t"),
        ("E", "q1", 1, true, 5.0, 0, "t"),
        ("F", "q1", 1, true, 6.0, 0, "t"),
        ("A", "q2", 2, true, 10.0, 0, "a"),
        ("B", "q2", 2, true, 10.0, 0, "a"),
        ("C", "q2", 2, false, 10.0, 0, "b"),
        ("D", "q2", 2, false, 10.0, 0, "b"),
        ("E", "q2", 2, false, 10.0, 0, "c"),
        ("F", "q2", 2, false, 10.0, 0, "b"),
        ("A", "q3", 3, true, 5.0, 0, "x; y"),
        ("B", "q3", 3, true, 5.0, 0, "x; y"),
        ("C", "q3", 3, true, 5.0, 0, "x; y"),
        ("D", "q3", 3, false, 5.0, 0, "x"),
        ("E", "q3", 3, false, 5.0, 0, "x; y; z"),
        ("F", "q3", 3, false, 5.0, 0, "z"),
        ("A", "q4", 4, false, 5.0, 2, "no"),
        ("B", "q4", 4, true, 5.0, 0, "yes"),
        ("C", "q4", 4, false, 5.0, 0, "no"),
        ("D", "q4", 4, true, 5.0, 0, "yes"),
        ("E", "q4", 4, true, 5.0, 1, "yes"),
        ("F", "q4", 4, false, 5.0, 0, "no"),
        ("A", "q5", 5, false, 5.0, 0, "1"),
        ("B", "q5", 5, false, 5.0, 0, "1"),
        ("C", "q5", 5, false, 5.0, 0, "1"),
        ("D", "q5", 5, false, 5.0, 0, "1"),
        ("E", "q5", 5, false, 5.0, 0, "1"),
        ("F", "q5", 5, true, 5.0, 0, "2"),
    ];
    let topic = |q: &str| if matches!(q, "q1" | "q2") { "t1" } else { "t2" };
    let mut data = Dataset::default();
    data.read_text("class.csv", &csv_of("p", topic, &answers), "class");
    assert!(data.problems.is_empty(), "{:?}", data.problems);
    data
}

fn info() -> HashMap<(String, String), QuestionInfo> {
    let texts = |t: &[&str]| t.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    HashMap::from([
        (
            ("p".to_owned(), "q2".to_owned()),
            QuestionInfo {
                title: String::new(),
                choices: Some(Choices { texts: texts(&["a", "b", "c", "d"]), right: vec![0], multiple: false }),
            },
        ),
        (
            ("p".to_owned(), "q3".to_owned()),
            QuestionInfo {
                title: String::new(),
                choices: Some(Choices { texts: texts(&["x", "y", "z"]), right: vec![0, 1], multiple: true }),
            },
        ),
    ])
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn item_analysis_matches_the_hand_computed_indices() {
    let report = analyze(&class(), &info(), None);
    let ids: Vec<&str> = report.questions.iter().map(|q| q.id.as_str()).collect();
    // Most serious first: negative discrimination, then weak with two flags,
    // weak with one, the rare distractor, and the question with no flags.
    assert_eq!(ids, ["q5", "q1", "q4", "q2", "q3"]);
    let q = |id: &str| report.questions.iter().find(|q| q.id == id).expect("question");

    assert!(close(q("q1").facility, 1.0));
    assert_eq!(q("q1").discrimination, Some(0.0));
    assert_eq!(q("q1").flags, [Flag::WeakDiscrimination, Flag::TooEasy]);
    assert!(close(q("q1").median_seconds, 3.5));
    assert_eq!(q("q1").title, "Title of q1");

    assert!(close(q("q2").facility, 2.0 / 6.0));
    assert_eq!(q("q2").discrimination, Some(1.0));
    assert_eq!(q("q2").flags, [Flag::RareDistractor]);
    assert_eq!((q("q2").learners, q("q2").attempts), (6, 7));
    let picks: Vec<usize> = q("q2").choices.iter().map(|c| c.picks).collect();
    assert_eq!(picks, [2, 3, 1, 0]);
    assert!(q("q2").choices[0].right && !q("q2").choices[3].right);
    assert!(close(q("q2").choices[1].rate, 0.5));

    assert!(close(q("q3").facility, 0.5));
    assert_eq!(q("q3").discrimination, Some(1.0));
    assert!(q("q3").flags.is_empty());
    let picks: Vec<usize> = q("q3").choices.iter().map(|c| c.picks).collect();
    assert_eq!(picks, [5, 4, 2]);

    assert!(close(q("q4").facility, 0.5));
    assert_eq!(q("q4").discrimination, Some(0.0));
    assert_eq!(q("q4").flags, [Flag::WeakDiscrimination]);
    assert_eq!(q("q4").hints, 3);

    assert!(close(q("q5").facility, 1.0 / 6.0));
    assert_eq!(q("q5").discrimination, Some(-0.5));
    assert_eq!(q("q5").flags, [Flag::NegativeDiscrimination, Flag::TooHard]);
}

#[test]
fn learners_and_topics_match_the_grid() {
    let report = analyze(&class(), &info(), None);
    let names: Vec<&str> = report.learners.iter().map(|l| l.learner.as_str()).collect();
    assert_eq!(names, ["C", "D", "E", "F", "A", "B"]);
    let learner = |n: &str| report.learners.iter().find(|l| l.learner == n).expect("learner");
    assert!(close(learner("A").score, 0.6));
    assert_eq!(learner("A").weakest_topics, ["t2"]);
    // F: t1 1/2, t2 1/3.
    assert_eq!(learner("F").weakest_topics, ["t2", "t1"]);
    assert!(learner("B").score > 0.79);
    assert_eq!((learner("C").questions, learner("C").attempts), (5, 6));
    assert!(close(learner("C").seconds, 3.0 + 9.0 + 10.0 + 5.0 + 5.0 + 5.0));

    let topics: Vec<&str> = report.topics.iter().map(|t| t.topic.as_str()).collect();
    assert_eq!(topics, ["t2", "t1"]);
    // t1: q1 6 right + q2 2 right of 12 first attempts; t2: 3 + 3 + 1 of 18.
    assert!(close(report.topics[1].facility, 8.0 / 12.0));
    assert!(close(report.topics[0].facility, 7.0 / 18.0));
    assert_eq!((report.topics[1].questions, report.topics[1].attempts, report.topics[1].learners), (2, 13, 6));
}

/// Four learners: each group is ceil(4 × 0.27) = ceil(1.08) = 2, not 1.
///
/// ```text
///        k1 k2 k3 k4   score
///   W     1  1  1  1   1.0
///   X     0  1  1  1   .75
///   Y     1  0  1  0   .5
///   Z     0  0  0  1   .25
/// ```
/// k1 with groups of 2: top (W 1, X 0) .5 − bottom (Y 1, Z 0) .5 = 0.
/// With groups of 1 it would be W 1 − Z 0 = 1.
#[test]
fn groups_are_rounded_up() {
    let grid = [("W", [1, 1, 1, 1]), ("X", [0, 1, 1, 1]), ("Y", [1, 0, 1, 0]), ("Z", [0, 0, 0, 1])];
    let mut answers = Vec::new();
    for (learner, row) in &grid {
        for (i, right) in row.iter().enumerate() {
            answers.push((*learner, ["k1", "k2", "k3", "k4"][i], i as u32, *right == 1, 1.0, 0, "r"));
        }
    }
    // A second pack with a single learner: no discrimination, no such flags.
    let mut data = Dataset::default();
    data.read_text("k.csv", &csv_of("k", |_| "t", &answers), "k");
    data.read_text("solo.csv", &csv_of("solo", |_| "t", &[("W", "s1", 1, true, 1.0, 0, "r")]), "solo");
    let report = analyze(&data, &HashMap::new(), None);
    let k1 = report.questions.iter().find(|q| q.id == "k1").expect("k1");
    assert_eq!(k1.discrimination, Some(0.0));
    let s1 = report.questions.iter().find(|q| q.id == "s1").expect("s1");
    assert_eq!(s1.discrimination, None);
    assert_eq!(s1.flags, [Flag::TooEasy]);

    let only = analyze(&data, &HashMap::new(), Some("solo"));
    assert_eq!(only.questions.len(), 1);
    assert_eq!(only.learners.len(), 1);
    assert_eq!(only.learners[0].learner, "W");
}

#[test]
fn picks_of_a_multiple_response_match_whole_choices_in_order() {
    let choices =
        Choices { texts: vec!["a; b".into(), "a".into(), "b".into(), "#".into()], right: vec![0], multiple: true };
    assert_eq!(picked("a; b; #", &choices), [0, 3]);
    assert_eq!(picked("a; b", &choices), [0]);
    assert_eq!(picked("a", &choices), [1]);
    assert_eq!(picked("", &choices), Vec::<usize>::new());
}
