//! `check` as a new instructor met it (UX walkthrough, persona 3): one
//! missing `]`, a pack file inside its course, lesson front matter with a
//! wrong type and a misspelt key. Each test uses the file that showed it.

use std::path::Path;

use assert_cmd::Command;

fn bin(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("lambda-tutor").expect("binary");
    cmd.env_remove("LAMBDA_TUTOR_DATA").env("NO_COLOR", "1").arg("--data-dir").arg(data);
    cmd
}

fn check(data: &Path, path: &Path) -> (Vec<String>, Option<i32>) {
    let out = bin(data).arg("check").arg(path).output().expect("runs");
    let text = String::from_utf8_lossy(&out.stderr).into_owned();
    (text.lines().map(str::to_owned).collect(), out.status.code())
}

/// A course made by `new-course`, as the walkthrough made it.
fn scaffold(root: &Path) -> std::path::PathBuf {
    let dir = root.join("mycourse");
    bin(&root.join("data")).arg("new-course").arg(&dir).assert().success();
    dir
}

#[test]
fn one_missing_bracket_is_one_error_at_the_array_that_is_not_closed() {
    // The scaffold's example pack with the `]` of line 20 dropped: it gave
    // 251 errors, the first on line 21.
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check/missing-bracket.toml");
    let (lines, code) = check(&tmp.path().join("data"), &file);
    assert_eq!(code, Some(1));
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert!(
        lines[0].ends_with("missing-bracket.toml:20:11: error: TOML syntax error: this array is not closed: add `]` at its end (toml stopped at 21:1: missing comma between array elements, expected `,`)"),
        "{lines:#?}"
    );
    assert_eq!(lines[1], "checked 1 file: 1 error, 0 warnings");
}

#[test]
fn a_pack_file_inside_a_course_is_checked_and_loaded_with_its_course() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let dir = scaffold(tmp.path());
    let pack = dir.join("quizzes/example.toml");
    let (lines, code) = check(&data, &pack);
    assert_eq!((lines.as_slice(), code), (["checked 1 file: 0 errors, 0 warnings".to_owned()].as_slice(), Some(0)));
    bin(&data).arg("export-pack").arg(&pack).args(["--to", "gift"]).assert().success();
    bin(&data)
        .arg("quiz")
        .arg(&pack)
        .args(["--count", "1", "--seed", "1", "--plain"])
        .write_stdin("1\n")
        .assert()
        .success();
    // The folder of packs too.
    let (_, code) = check(&data, &dir.join("quizzes"));
    assert_eq!(code, Some(0));
}

#[test]
fn front_matter_errors_name_the_key_and_the_type_in_words_and_come_once() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = scaffold(tmp.path());
    let lesson = dir.join("content/01-example.md");
    let text = std::fs::read_to_string(&lesson).expect("lesson");
    let text = text.replace("minutes = 5", "minutes = \"five\"").replace("order = 1", "ordr = 1");
    std::fs::write(&lesson, text).expect("write");
    let (lines, code) = check(&tmp.path().join("data"), &dir);
    assert_eq!(code, Some(1));
    let errors: Vec<&str> = lines.iter().filter_map(|l| l.split_once(": error: ").map(|(_, m)| m)).collect();
    assert_eq!(
        errors,
        [
            "the front matter is missing the required key `order`",
            "unknown key `ordr` in the front matter (the keys are id, title, module, order, minutes, topics, updated, sources)",
            "`minutes` must be a whole number, 0 or more (like 5), not a string (\"five\")",
        ],
        "{lines:#?}"
    );
    assert!(!lines.iter().any(|l| l.contains("does not exist")), "no follow-on errors: {lines:#?}");
}
