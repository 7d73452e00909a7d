//! One malformed pack per rule of `check`, each asserting the exact
//! diagnostics (line and column included), the summary line and the exit
//! code. Each pack is checked together with `fixture-lesson.md`, which its
//! questions link to.

use std::path::Path;

fn check(fixture: &str, code: i32, expected: &[&str]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs");
    let output = assert_cmd::Command::new(env!("CARGO_BIN_EXE_lambda-tutor"))
        .current_dir(&dir)
        .args(["check", "fixture-lesson.md", fixture])
        .env_remove("NO_COLOR")
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines, expected, "{fixture}:\n{stderr}");
    assert_eq!(output.status.code(), Some(code), "{fixture}: {stderr}");
    assert!(output.stdout.is_empty(), "check writes to stderr only");
}

#[test]
fn answers_must_be_among_the_choices() {
    check(
        "bad-answer-not-choice.toml",
        1,
        &[
            r#"bad-answer-not-choice.toml:15:10: error: answer "3 second" is not one of the choices; did you mean `3 seconds`?"#,
            r#"bad-answer-not-choice.toml:25:32: error: answer "10 GB memory" is not one of the choices"#,
            "checked 2 files: 2 errors, 0 warnings",
        ],
    );
}

#[test]
fn difficulty_is_one_to_three() {
    check(
        "bad-difficulty.toml",
        1,
        &[
            "bad-difficulty.toml:13:14: error: difficulty must be 1 (easy), 2 (medium) or 3 (hard), not 4",
            "bad-difficulty.toml:23:14: error: difficulty must be 1 (easy), 2 (medium) or 3 (hard), not 0",
            "checked 2 files: 2 errors, 0 warnings",
        ],
    );
}

#[test]
fn duplicate_choices_and_items() {
    check(
        "bad-duplicate-choice.toml",
        1,
        &[
            r#"bad-duplicate-choice.toml:14:39: error: duplicate choice "3 seconds""#,
            r#"bad-duplicate-choice.toml:24:28: error: duplicate item "Init""#,
            "checked 2 files: 2 errors, 0 warnings",
        ],
    );
}

#[test]
fn duplicate_question_ids() {
    check(
        "bad-duplicate-id.toml",
        1,
        &[
            "bad-duplicate-id.toml:27:6: error: duplicate question id `q1` (first used on line 9)",
            "checked 2 files: 1 error, 0 warnings",
        ],
    );
}

#[test]
fn empty_and_too_short_choice_lists() {
    check(
        "bad-empty-choices.toml",
        1,
        &[
            "bad-empty-choices.toml:14:11: error: `choices` is empty",
            "bad-empty-choices.toml:24:11: error: a `single` question needs at least 2 choices",
            "checked 2 files: 2 errors, 0 warnings",
        ],
    );
}

#[test]
fn empty_files() {
    check("bad-empty.toml", 1, &["bad-empty.toml:1:1: error: file is empty", "checked 2 files: 1 error, 0 warnings"]);
}

#[test]
fn feedback_keys_must_be_choices() {
    check(
        "bad-feedback-key.toml",
        1,
        &[
            r#"bad-feedback-key.toml:16:14: error: feedback for "15 minute", which is not one of the choices; did you mean `15 minutes`?"#,
            r#"bad-feedback-key.toml:26:14: error: feedback of a true-false question is keyed by `true` or `false`, not "yes""#,
            "checked 2 files: 2 errors, 0 warnings",
        ],
    );
}

#[test]
fn missing_format() {
    check(
        "bad-format-missing.toml",
        1,
        &[
            "bad-format-missing.toml:1:1: error: missing the required key `format`: write `format = 1` at the top",
            "checked 2 files: 1 error, 0 warnings",
        ],
    );
}

#[test]
fn unsupported_format() {
    check(
        "bad-format.toml",
        1,
        &[
            "bad-format.toml:1:10: error: unsupported format 2: this version of lambda-tutor reads format 1",
            "checked 2 files: 1 error, 0 warnings",
        ],
    );
}

#[test]
fn ids_must_be_lowercase_words() {
    check(
        "bad-id.toml",
        1,
        &[
            r#"bad-id.toml:4:6: error: pack id "Fixture_Pack" must match [a-z0-9-]+"#,
            r#"bad-id.toml:9:6: error: question id "Question 1" must match [a-z0-9-]+"#,
            r#"bad-id.toml:21:9: error: topic "Cold Starts" must match [a-z0-9-]+"#,
            "checked 2 files: 3 errors, 0 warnings",
        ],
    );
}

#[test]
fn lessons_must_exist() {
    check(
        "bad-lesson-ref.toml",
        1,
        &[
            "bad-lesson-ref.toml:12:10: error: lesson `no-such-lesson-qqq` does not exist",
            "checked 2 files: 1 error, 0 warnings",
        ],
    );
}

#[test]
fn metrics_must_be_simulate_summary_keys() {
    check(
        "bad-metric.toml",
        1,
        &[
            "bad-metric.toml:14:12: error: scenario `no-such-scenario-qqq` does not exist",
            "bad-metric.toml:15:10: error: `invocations.throttle` is not a key of the simulate summary; did you mean `invocations.throttled`? (e.g. cold_starts, latency_ms.p99)",
            "bad-metric.toml:24:12: error: scenario `no-such-scenario-qqq` does not exist",
            "bad-metric.toml:25:10: error: `memory_mb` is not a key of the simulate summary (e.g. cold_starts, latency_ms.p99)",
            "checked 2 files: 4 errors, 0 warnings",
        ],
    );
}

#[test]
fn missing_required_keys() {
    check(
        "bad-missing-keys.toml",
        1,
        &[
            "bad-missing-keys.toml:3:1: error: `[pack]` is missing the required key `title`",
            "bad-missing-keys.toml:3:1: error: `[pack]` is missing the required key `version`",
            "bad-missing-keys.toml:7:1: error: question 1 is missing the required key `explanation`",
            "bad-missing-keys.toml:7:1: error: question 1 is missing the required key `id`",
            "bad-missing-keys.toml:7:1: error: question 1 is missing the required key `prompt`",
            "bad-missing-keys.toml:7:1: error: question 1 is missing the required key `topic`",
            r#"bad-missing-keys.toml:7:1: warning: question 1 has no `lesson` link: learners get no "read more""#,
            "checked 2 files: 6 errors, 1 warning",
        ],
    );
}

#[test]
fn missing_type_specific_keys() {
    check(
        "bad-missing-type-fields.toml",
        1,
        &[
            "bad-missing-type-fields.toml:8:1: error: question `q1` is missing the required key `answer`",
            "bad-missing-type-fields.toml:8:1: error: question `q1` is missing the required key `choices`",
            "bad-missing-type-fields.toml:16:1: error: question `q2` is missing the required key `pairs`",
            "bad-missing-type-fields.toml:24:1: error: question `q3` is missing the required key `metric`",
            "bad-missing-type-fields.toml:24:1: error: question `q3` is missing the required key `scenario`",
            "bad-missing-type-fields.toml:32:1: error: question `q4` is missing the required key `items`",
            "checked 2 files: 6 errors, 0 warnings",
        ],
    );
}

#[test]
fn malformed_pairs() {
    check(
        "bad-pairs.toml",
        1,
        &[
            "bad-pairs.toml:16:3: error: each pair must be [left, right]: two non-empty strings",
            r#"bad-pairs.toml:17:4: error: "timeout" appears twice on the left of `pairs`"#,
            r#"bad-pairs.toml:18:15: error: "900 s" appears twice on the right of `pairs`"#,
            "bad-pairs.toml:19:3: error: each pair must be [left, right]: two non-empty strings",
            "bad-pairs.toml:29:9: error: a `match` question needs at least 2 pairs",
            "checked 2 files: 5 errors, 0 warnings",
        ],
    );
}

#[test]
fn scenarios_must_exist() {
    check(
        "bad-scenario-ref.toml",
        1,
        &[
            "bad-scenario-ref.toml:14:12: error: scenario `no-such-scenario-qqq` does not exist",
            "checked 2 files: 1 error, 0 warnings",
        ],
    );
}

#[test]
fn toml_syntax_errors() {
    check(
        "bad-syntax.toml",
        1,
        &[
            r#"bad-syntax.toml:10:15: error: TOML syntax error: invalid basic string, expected `"`"#,
            "checked 2 files: 1 error, 0 warnings",
        ],
    );
}

#[test]
fn unknown_keys_with_did_you_mean() {
    check(
        "bad-unknown-key.toml",
        1,
        &[
            "bad-unknown-key.toml:7:1: error: unknown key `autor` in `[pack]`; did you mean `authors`?",
            "bad-unknown-key.toml:9:1: error: question `q1` is missing the required key `answer`",
            "bad-unknown-key.toml:16:1: error: unknown key `anwser` in question `q1`; did you mean `answer`?",
            "bad-unknown-key.toml:26:1: error: `choices` is not used by `true-false` questions",
            "checked 2 files: 4 errors, 0 warnings",
        ],
    );
}

#[test]
fn non_utf8_files() {
    check(
        "bad-utf8.toml",
        1,
        &["bad-utf8.toml:5:13: error: file is not valid UTF-8 (byte 0xE9)", "checked 2 files: 1 error, 0 warnings"],
    );
}

#[test]
fn wrong_value_types() {
    check(
        "bad-wrong-type.toml",
        1,
        &[
            "bad-wrong-type.toml:13:14: error: `difficulty` must be an integer, not a string",
            "bad-wrong-type.toml:14:10: error: `prompt` must be a string, not an integer",
            "bad-wrong-type.toml:15:11: error: `choices` must be an array of strings, not a string",
            "bad-wrong-type.toml:16:10: error: `answer` must be an array of strings, not a string",
            "bad-wrong-type.toml:17:15: error: each entry of `tags` must be a string, not an integer",
            "bad-wrong-type.toml:26:10: error: `answer` must be a boolean: write true without quotes",
            "checked 2 files: 6 errors, 0 warnings",
        ],
    );
}

#[test]
fn warns_on_choices_equal_after_case_folding() {
    check(
        "warn-casefold-choices.toml",
        0,
        &[
            r#"warn-casefold-choices.toml:14:26: warning: choices "python3.12" and "Python3.12" differ only in case or spacing"#,
            "checked 2 files: 0 errors, 1 warning",
        ],
    );
}

#[test]
fn warns_on_explanations_that_repeat_the_answer() {
    check(
        "warn-explanation-repeats.toml",
        0,
        &[
            "warn-explanation-repeats.toml:16:15: warning: the explanation only repeats the answer: say why it is right",
            "warn-explanation-repeats.toml:26:15: warning: the explanation only repeats the answer: say why it is right",
            "checked 2 files: 0 errors, 2 warnings",
        ],
    );
}

#[test]
fn warns_on_questions_without_a_lesson() {
    check(
        "warn-no-lesson.toml",
        0,
        &[
            r#"warn-no-lesson.toml:8:1: warning: question `q1` has no `lesson` link: learners get no "read more""#,
            "checked 2 files: 0 errors, 1 warning",
        ],
    );
}

#[test]
fn warns_on_true_false_without_a_reason() {
    check(
        "warn-true-false-explanation.toml",
        0,
        &[
            "warn-true-false-explanation.toml:15:15: warning: the explanation of question `q1` gives no reason: say why it is true or false",
            "warn-true-false-explanation.toml:24:15: warning: the explanation of question `q2` gives no reason: say why it is true or false",
            "checked 2 files: 0 errors, 2 warnings",
        ],
    );
}
