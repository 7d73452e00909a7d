//! `check` as a whole: directories, several files at once, exit codes.

use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn check(dir: &Path, args: &[&str]) -> (Vec<String>, Option<i32>) {
    let output = assert_cmd::Command::new(env!("CARGO_BIN_EXE_lambda-tutor"))
        .current_dir(dir)
        .arg("check")
        .args(args)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    (stderr.lines().map(str::to_owned).collect(), output.status.code())
}

#[test]
fn a_clean_pack_exits_0_even_with_warnings() {
    let (lines, code) = check(&fixtures().join("packs"), &["good-three.toml"]);
    assert_eq!(code, Some(0), "{lines:#?}");
    assert_eq!(lines.last().map(String::as_str), Some("checked 1 file: 0 errors, 3 warnings"));
}

#[test]
fn a_directory_is_checked_whole_and_every_problem_reported_in_order() {
    let (lines, code) = check(&fixtures(), &["packs"]);
    assert_eq!(code, Some(1));
    let diagnostics: Vec<&String> =
        lines.iter().filter(|l| l.contains(": error: ") || l.contains(": warning: ")).collect();
    // Every bad-* file contributes at least one error, every warn-* file a warning.
    for entry in std::fs::read_dir(fixtures().join("packs")).expect("fixtures") {
        let name = entry.expect("entry").file_name().to_string_lossy().into_owned();
        if name.starts_with("bad-") {
            assert!(
                diagnostics.iter().any(|d| d.starts_with(&format!("packs/{name}:")) && d.contains(": error: ")),
                "{name}"
            );
        } else if name.starts_with("warn-") {
            assert!(
                diagnostics.iter().any(|d| d.starts_with(&format!("packs/{name}:")) && d.contains(": warning: ")),
                "{name}"
            );
        }
    }
    // Sorted by file, then line, then column.
    let keys: Vec<(String, usize, usize)> = diagnostics
        .iter()
        .map(|d| {
            let mut parts = d.splitn(4, ':');
            let path = parts.next().expect("path").to_owned();
            let line = parts.next().expect("line").parse().expect("number");
            let column = parts.next().expect("column").parse().expect("number");
            (path, line, column)
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    let files = std::fs::read_dir(fixtures().join("packs")).expect("fixtures").count();
    let summary = lines.last().expect("summary");
    assert!(summary.starts_with(&format!("checked {files} files: ")), "{summary}");
}

#[test]
fn a_missing_path_is_exit_2_but_the_rest_is_still_checked() {
    let (lines, code) =
        check(&fixtures().join("packs"), &["fixture-lesson.md", "bad-duplicate-id.toml", "missing.toml"]);
    assert_eq!(code, Some(2));
    assert!(lines.iter().any(|l| l.starts_with("bad-duplicate-id.toml:27:6: error:")), "{lines:#?}");
    assert_eq!(lines[lines.len() - 2], "checked 2 files: 1 error, 0 warnings");
    assert_eq!(lines[lines.len() - 1], "lambda-tutor: missing.toml: no such file or directory");
}

#[test]
fn other_files_are_a_usage_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("notes.txt"), "hello").expect("write");
    let (lines, code) = check(dir.path(), &["notes.txt"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        lines.last().map(String::as_str),
        Some("lambda-tutor: notes.txt: not a quiz pack (.toml), lesson (.md) or scenario (.toml) file")
    );
}

#[test]
fn a_course_directory_with_lessons_packs_and_scenarios() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    for sub in ["content", "quizzes", "assets/scenarios"] {
        std::fs::create_dir_all(root.join(sub)).expect("mkdir");
    }
    std::fs::write(
        root.join("content/01-intro.md"),
        "+++\nid = \"intro\"\ntitle = \"Intro\"\nmodule = \"Basics\"\norder = 1\nupdated = \"2026-12-04\"\n\
         sources = [\"https://docs.aws.amazon.com/lambda/latest/dg/welcome.html\", \
         \"https://docs.aws.amazon.com/lambda/latest/dg/lambda-invocation.html\"]\n+++\nHello.\n",
    )
    .expect("write");
    std::fs::write(root.join("content/README.md"), "The authoring guide is not a lesson.").expect("write");
    std::fs::write(
        root.join("assets/scenarios/burst.toml"),
        "format = 1\n[scenario]\nid = \"burst\"\ntitle = \"A burst\"\n[[sources]]\nkind = \"s3\"\n\
         arrival = { process = \"burst\", count = 100 }\n",
    )
    .expect("write");
    std::fs::write(
        root.join("quizzes/intro.toml"),
        "format = 1\n[pack]\nid = \"intro\"\ntitle = \"Intro\"\nversion = \"1\"\n\n[[questions]]\nid = \"q\"\n\
         type = \"predict\"\ntopic = \"cold-starts\"\nlesson = \"intro\"\nprompt = \"How many cold starts?\"\n\
         scenario = \"burst\"\nmetric = \"cold_starts\"\nexplanation = \"One per new environment.\"\n",
    )
    .expect("write");
    let (lines, code) = check(root, &["."]);
    assert_eq!(code, Some(0), "{lines:#?}");
    assert_eq!(lines, ["checked 3 files: 0 errors, 0 warnings"]);
    std::fs::write(root.join("assets/scenarios/burst.toml"), "format = 3\n").expect("write");
    let (lines, code) = check(root, &["."]);
    assert_eq!(code, Some(1));
    // The simulator's own checks report every problem of the file at once.
    let format = lines.iter().find(|l| l.starts_with("./assets/scenarios/burst.toml:1:10: error: "));
    assert!(format.is_some_and(|l| l.contains("format")), "{lines:#?}");
}
