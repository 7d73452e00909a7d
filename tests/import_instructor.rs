//! Import and export as a new instructor met them (UX walkthrough, persona
//! 3): Moodle's own numeric export, Anki duplicates, no invented
//! explanations, ranges shown as ranges, `--topic`/`--lesson`, missing
//! images, and an Anki export that keeps a `#` choice.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn bin(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("lambda-tutor").expect("binary");
    cmd.env_remove("LAMBDA_TUTOR_DATA").env("NO_COLOR", "1").arg("--data-dir").arg(data);
    cmd
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

/// Import `file` into `out` with `extra` arguments; (pack text, stderr).
fn import(data: &Path, file: &Path, out: &Path, extra: &[&str]) -> (String, String) {
    let assert = bin(data).arg("import").arg(file).arg("-o").arg(out).args(extra).assert().success();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    (std::fs::read_to_string(out).expect("pack"), stderr)
}

#[test]
fn moodle_numeric_export_imports_and_nothing_is_invented() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let out = tmp.path().join("bank.toml");
    let (pack, stderr) = import(&data, &fixture("bank.gift"), &out, &[]);
    // `{#` newline `=3:0#…` newline `~#…}`: a numeric question, answer 3.
    assert!(pack.contains("id = \"moodle-numeric\"\ntype = \"numeric\""), "{pack}");
    assert!(pack.contains("answer = 3\n"), "{pack}");
    assert!(stderr.contains("bank.gift:2: note: feedback on numeric answers is not kept"), "{stderr}");
    assert!(stderr.contains("imported 3 questions"), "{stderr}");
    // No GIFT general feedback (`####`): no invented explanation...
    assert!(!pack.contains("without an explanation"), "{pack}");
    assert!(pack.contains("explanation = \"\""), "{pack}");
    // ...and `check` says so, once per question.
    let out_check = bin(&data).arg("check").arg(&out).output().expect("check");
    let check = String::from_utf8_lossy(&out_check.stderr);
    assert_eq!(out_check.status.code(), Some(0), "{check}");
    assert_eq!(check.matches("is empty: say why the answer is right").count(), 3, "{check}");
}

#[test]
fn a_range_is_shown_as_the_range() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let out = tmp.path().join("bank.toml");
    import(&data, &fixture("bank.gift"), &out, &[]);
    let quiz = bin(&data)
        .arg("--pack")
        .arg(&out)
        .args(["quiz", "bank", "--topic", "imported", "--seed", "1", "--plain"])
        .write_stdin("1\n1\n1\nn\n")
        .assert()
        .success();
    let text = String::from_utf8_lossy(&quiz.get_output().stdout).into_owned();
    assert!(text.contains("Answer: 128 to 10240"), "{text}");
    assert!(!text.contains("within 5056"), "{text}");
}

#[test]
fn topic_and_lesson_are_set_on_every_question() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("bank.toml");
    let (pack, _) = import(
        &tmp.path().join("data"),
        &fixture("bank.gift"),
        &out,
        &["--topic", "Limits", "--lesson", "execution-limits"],
    );
    assert_eq!(pack.matches("topic = \"limits\"").count(), 3, "{pack}");
    assert_eq!(pack.matches("lesson = \"execution-limits\"").count(), 3, "{pack}");
    // The lesson exists in the built-in course: check has nothing to say about links.
    let check = bin(&tmp.path().join("data")).arg("check").arg(&out).output().expect("check");
    assert!(!String::from_utf8_lossy(&check.stderr).contains("lesson"), "{}", String::from_utf8_lossy(&check.stderr));
}

#[test]
fn anki_duplicates_are_reported_and_skipped() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("deck.toml");
    let (pack, stderr) = import(&tmp.path().join("data"), &fixture("duplicates.txt"), &out, &["--from", "anki"]);
    assert!(stderr.contains("duplicates.txt:5: not imported: duplicate of the note on line 3"), "{stderr}");
    assert!(stderr.contains("imported 2 questions"), "{stderr}");
    assert!(pack.contains("A compute service") && !pack.contains("Serverless functions"), "{pack}");
}

#[test]
fn anki_export_keeps_a_choice_that_is_a_hash() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let out = tmp.path().join("bank.toml");
    import(&data, &fixture("bank.gift"), &out, &[]);
    let export = bin(&data).arg("export-pack").arg(&out).args(["--to", "anki"]).assert().success();
    let text = String::from_utf8_lossy(&export.get_output().stdout).into_owned();
    assert!(text.contains("<li>#</li>"), "{text}");
    assert!(!text.contains("<h1>"), "{text}");
}

#[test]
fn a_missing_image_is_warned_about() {
    // The scaffold's lesson shows an image; without the file, check warns.
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let dir = tmp.path().join("course");
    bin(&data).arg("new-course").arg(&dir).assert().success();
    std::fs::remove_file(dir.join("content/images/flow.svg")).expect("remove");
    let out = bin(&data).arg("check").arg(&dir).output().expect("check");
    let text = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "a warning, not an error: {text}");
    assert!(text.contains("01-example.md:54:1: warning: image `images/flow.svg` does not exist"), "{text}");
}
