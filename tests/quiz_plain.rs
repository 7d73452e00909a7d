//! Plain mode end to end: the real binary, answers piped in, the
//! transcript read back. `--seed 42` fixes the question order (pricing
//! first, then the two limits questions), so the answers can be scripted.

use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs").join(name)
}

fn quiz(args: &[&str], input: &str) -> (String, String, Option<i32>) {
    // Answers are recorded: keep them out of the real data directory.
    let data = tempfile::tempdir().expect("temp dir");
    let output = assert_cmd::Command::new(env!("CARGO_BIN_EXE_lambda-tutor"))
        .env("LAMBDA_TUTOR_DATA", data.path())
        .arg("quiz")
        .args(args)
        .write_stdin(input)
        .output()
        .expect("runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code(),
    )
}

#[test]
fn a_scripted_quiz_through_a_pipe() {
    let pack = fixture("good-three.toml");
    let pack = pack.to_str().expect("utf-8 path");
    let (out, err, code) = quiz(&[pack, "--seed", "42"], "true\n?\nsoon\n3\n900 s\nn\n");
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(err, "", "warnings are for `check`, not for learners");
    let lines: Vec<&str> = out.lines().collect();
    let headers: Vec<&&str> = lines.iter().filter(|l| l.starts_with("Question ")).collect();
    assert_eq!(headers, [&"Question 1/3 [pricing]", &"Question 2/3 [limits]", &"Question 3/3 [limits]"]);
    let verdicts: Vec<&&str> =
        lines.iter().filter(|l| l.starts_with("Correct") || l.starts_with("Incorrect")).collect();
    assert_eq!(verdicts, [&"Correct. Answer: true", &"Incorrect. Answer: 2. 3 seconds", &"Correct. Answer: 900 s"]);
    // The choices, the hint, the refusal of bad input, the per-choice feedback.
    assert!(
        out.contains("  1. 1 second\n  2. 3 seconds\n  3. 15 minutes\n> ?\nHint 1/1:\nIt is short.\n> soon\n"),
        "{out}"
    );
    assert!(out.contains("Type one choice number, 1 to 3 (? for a hint).\n> 3\n"), "{out}");
    assert!(out.contains("About \"15 minutes\":\nThat is the maximum, not the default.\n"), "{out}");
    assert!(out.contains("New functions time out after 3 s; you can raise it to 900 s.\n"), "{out}");
    assert!(out.contains("Score: 2/3 (67%)\nBy topic:\n  limits: 1/2 (50%)\n  pricing: 1/1 (100%)\n"), "{out}");
    // Then the one step to take next, with the command that takes it.
    let (rest, next) = out.trim_end().rsplit_once('\n').expect("lines");
    assert!(rest.ends_with("Retry the 1 question you missed? (y/n)\n> n"), "{out}");
    assert!(
        next.starts_with("Next: Next lesson: 1. ") && next.ends_with("  (run: lambda-tutor read what-is-serverless)"),
        "{out}"
    );
}

#[test]
fn the_same_seed_gives_the_same_quiz_and_end_of_input_ends_it() {
    let pack = fixture("good-three.toml");
    let pack = pack.to_str().expect("utf-8 path");
    let (a, _, code_a) = quiz(&[pack, "--seed", "7"], "1\n");
    let (b, _, code_b) = quiz(&[pack, "--seed", "7"], "1\n");
    assert_eq!(a, b);
    assert_eq!((code_a, code_b), (Some(0), Some(0)));
    let (out, _, code) = quiz(&[pack, "--seed", "7"], "");
    assert_eq!(code, Some(0));
    // Left unfinished: the next step is to continue it.
    assert!(
        out.ends_with(
            "> \nScore: 0/0 (0%)\nNext: Continue quiz: Three questions — question 1 of 3. \
         Pick up the unfinished quiz at the question where you left it.  (run: lambda-tutor quiz --resume --plain)\n"
        ),
        "{out}"
    );
}

#[test]
fn topic_and_count_filter_the_questions() {
    let pack = fixture("good-three.toml");
    let pack = pack.to_str().expect("utf-8 path");
    let (out, err, code) = quiz(&[pack, "--topic", "limits", "--count", "1", "--seed", "1"], "");
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("Question 1/1 [limits]\n"), "{out}");
    let (_, err, code) = quiz(&[pack, "--topic", "nope"], "");
    assert_eq!(code, Some(2));
    assert_eq!(err, "lambda-tutor: no questions match --topic nope (topics: limits, pricing)\n");
}

#[test]
fn a_broken_pack_path_is_reported_with_places_and_exit_1() {
    let pack = fixture("bad-duplicate-id.toml");
    let (out, err, code) = quiz(&[pack.to_str().expect("utf-8 path")], "");
    assert_eq!(code, Some(1));
    assert!(out.is_empty());
    assert!(err.contains("bad-duplicate-id.toml:27:6: error: duplicate question id `q1`"), "{err}");
}

#[test]
fn an_unknown_pack_id_is_a_usage_error() {
    let (_, err, code) = quiz(&["no-such-pack"], "");
    assert_eq!(code, Some(2));
    assert!(err.starts_with("lambda-tutor: no pack with id `no-such-pack` and no file at no-such-pack"), "{err}");
}

#[test]
fn packs_lists_extra_packs_as_json() {
    let pack = fixture("good-three.toml");
    let output = assert_cmd::Command::new(env!("CARGO_BIN_EXE_lambda-tutor"))
        .args(["packs", "--json", "--pack"])
        .arg(&pack)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let three = rows.as_array().expect("array").iter().find(|r| r["id"] == "three").expect("the --pack pack is listed");
    assert_eq!(three["questions"], 3);
    assert_eq!(three["version"], "1.0.0");
    assert_eq!(three["topics"], serde_json::json!(["limits", "pricing"]));
    assert_eq!(three["source"], pack.display().to_string());
    let text = assert_cmd::Command::new(env!("CARGO_BIN_EXE_lambda-tutor"))
        .args(["packs", "--pack"])
        .arg(&pack)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.lines().any(|l| l.starts_with("three") && l.ends_with("3 questions  Three questions")), "{text}");
}
