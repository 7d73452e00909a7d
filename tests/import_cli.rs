//! `import` through the real binary: the format guessed from the content,
//! the pack on stdout or in `-o OUT`, every note on stderr with its line,
//! and every fixture's pack passing `check` with zero errors.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn bin() -> Command {
    let mut cmd = Command::cargo_bin("lambda-tutor").expect("binary");
    cmd.env_remove("LAMBDA_TUTOR_DATA").env("NO_COLOR", "1");
    cmd
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

/// Every fixture that has something to import, with its format.
const FIXTURES: [(&str, &str); 12] = [
    ("gift/all-types.gift", "GIFT"),
    ("gift/escapes.gift", "GIFT"),
    ("gift/formats.gift", "GIFT"),
    ("aiken/basic.txt", "Aiken"),
    ("anki/headers.txt", "Anki"),
    ("anki/semicolon.csv", "Anki"),
    ("anki/cloze.txt", "Anki"),
    ("anki/no-headers.tsv", "Anki"),
    ("mdbook-quiz/quiz.toml", "mdbook-quiz"),
    ("markdown/bank.md", "Markdown"),
    ("markdown/numbered.md", "Markdown"),
    ("markdown/quiz-blocks.md", "Markdown"),
];

#[test]
fn every_fixture_is_guessed_imported_and_passes_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, label) in FIXTURES {
        let out = dir.path().join(name.replace('/', "-") + ".toml");
        let output = bin().arg("import").arg(fixtures().join(name)).arg("-o").arg(&out).output().expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{name}: {stderr}");
        assert!(output.stdout.is_empty(), "with -o, nothing on stdout");
        let last = stderr.lines().last().unwrap_or("");
        assert!(last.starts_with("imported ") && last.contains(&format!(" from {label} into pack ")), "{name}: {last}");
        let check = bin().arg("check").arg(&out).output().expect("runs");
        let check_err = String::from_utf8_lossy(&check.stderr);
        assert_eq!(check.status.code(), Some(0), "{name}: {check_err}");
        assert!(check_err.lines().last().unwrap_or("").contains(": 0 errors, "), "{check_err}");
    }
}

#[test]
fn the_pack_goes_to_stdout_and_notes_to_stderr_with_lines() {
    let file = fixtures().join("gift/all-types.gift");
    let output = bin().arg("import").arg(&file).output().expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    assert!(stdout.starts_with("format = 1\n\n[pack]\nid = \"all-types\"\n"), "{stdout}");
    let parsed = lambda_tutor::quiz::parse_pack("out.toml", stdout.as_bytes());
    assert_eq!(parsed.pack.expect("parses").questions.len(), 13);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let shown = file.display().to_string();
    assert!(stderr.contains(&format!("{shown}:54: not imported: essay question `Essay`")), "{stderr}");
    assert!(stderr.contains(&format!("{shown}:20: note: partial credit is lost")), "{stderr}");
    assert!(
        stderr.trim_end().ends_with("13 questions from GIFT into pack `all-types`; 2 items not imported, 6 notes"),
        "{stderr}"
    );
}

#[test]
fn from_overrides_the_guess() {
    // Aiken text read as markdown has no task list: nothing to import.
    let output =
        bin().args(["import", "--from", "markdown"]).arg(fixtures().join("aiken/basic.txt")).output().expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("nothing could be imported"), "{stderr}");
}

#[test]
fn failures_have_their_exit_codes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let unknown = dir.path().join("notes.txt");
    std::fs::write(&unknown, "Just some prose.\n").expect("write");
    let output = bin().arg("import").arg(&unknown).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot tell the format"));

    let output = bin().arg("import").arg(fixtures().join("gift/bad.gift")).output().expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().filter(|l| l.contains(": not imported: ")).count(), 7, "{stderr}");

    let output = bin().arg("import").arg(dir.path().join("missing.gift")).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));

    let latin1 = dir.path().join("latin1.gift");
    std::fs::write(&latin1, b"Caf\xe9?{=yes ~no}\n").expect("write");
    let output = bin().arg("import").arg(&latin1).output().expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not UTF-8"));

    let native = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/good-three.toml");
    let output = bin().arg("import").arg(&native).output().expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("already a lambda-tutor pack"));
}
