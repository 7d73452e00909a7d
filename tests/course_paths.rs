//! Where an instructor points the tutor, through the binary: a `--pack`
//! directory with no course or pack in it is refused by every command that
//! reads `--pack`, naming the directory and what was expected; a
//! `course.toml` with a key set twice names the key at its place.

use std::path::Path;

use assert_cmd::Command;

fn bin(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("lambda-tutor").expect("binary");
    cmd.env_remove("LAMBDA_TUTOR_DATA").env("NO_COLOR", "1").arg("--data-dir").arg(data);
    cmd
}

/// Every command that loads `--pack` courses, with arguments that succeed
/// when the `--pack` is a real course.
const COMMANDS: [&[&str]; 11] = [
    &["lessons"],
    &["packs"],
    &["stats"],
    &["read", "what-is-lambda"],
    &["quiz", "--plain", "--count", "1"],
    &["review", "--plain"],
    &["drill", "--plain", "--count", "1"],
    &["export-pack", "lambda-basics", "--to", "gift", "-o", "out.gift"],
    &["check", "course/quizzes/p.toml"],
    &["report", "exports"],
    &["history", "--format", "csv"],
];

const PACK: &str = "format = 1\n[pack]\nid = \"p\"\ntitle = \"P\"\nversion = \"1.0.0\"\n\n[[questions]]\nid = \"q\"\n\
                    type = \"true-false\"\ntopic = \"t\"\nprompt = \"True?\"\nanswer = true\nexplanation = \"Yes.\"\n";

#[test]
fn a_pack_directory_without_a_course_is_refused_by_every_command() {
    let root = tempfile::tempdir().expect("tempdir");
    let root = root.path();
    std::fs::create_dir_all(root.join("course/quizzes")).expect("mkdir");
    std::fs::write(root.join("course/quizzes/p.toml"), PACK).expect("write");
    std::fs::create_dir_all(root.join("exports")).expect("mkdir");
    std::fs::write(
        root.join("exports/ann.csv"),
        "id,answered_at,pack_id,question_id,correct\n1,2026-11-01T10:00:00Z,p,q,true\n",
    )
    .expect("write");
    std::fs::create_dir_all(root.join("empty")).expect("mkdir");
    let data = root.join("data");
    for args in COMMANDS {
        let refused = bin(&data).current_dir(root).args(["--pack", "empty"]).args(args).write_stdin("").assert();
        let out = refused.get_output();
        let errors = String::from_utf8_lossy(&out.stderr);
        // `history` does not read courses: it ignores `--pack` as before.
        if args[0] == "history" {
            assert_eq!(out.status.code(), Some(0), "{args:?}: {errors}");
            continue;
        }
        assert_eq!(out.status.code(), Some(2), "{args:?}: {errors}");
        assert!(
            errors.contains("--pack empty: no quiz pack or course in this directory (expected a pack .toml file"),
            "{args:?}: {errors}"
        );
        // The same command over a real course works, so the refusal is the
        // empty directory's doing.
        let fine = bin(&data).current_dir(root).args(["--pack", "course"]).args(args).write_stdin("").assert();
        let out = fine.get_output();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn the_quizzes_folder_itself_gets_a_hint() {
    let root = tempfile::tempdir().expect("tempdir");
    let quizzes = root.path().join("course/quizzes");
    std::fs::create_dir_all(&quizzes).expect("mkdir");
    std::fs::write(quizzes.join("p.toml"), PACK).expect("write");
    let out = bin(&root.path().join("data")).arg("--pack").arg(&quizzes).arg("packs").assert().code(2);
    let errors = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(errors.contains(&format!("--pack {}: no quiz pack or course", quizzes.display())), "{errors}");
    assert!(errors.contains("it holds 1 .toml file directly"), "{errors}");
    assert!(errors.contains(&format!("`--pack {}`", quizzes.join("p.toml").display())), "{errors}");
}

#[test]
fn a_course_toml_key_set_twice_is_named_at_its_place() {
    let root = tempfile::tempdir().expect("tempdir");
    let course = root.path().join("course");
    std::fs::create_dir_all(course.join("quizzes")).expect("mkdir");
    std::fs::write(course.join("quizzes/p.toml"), PACK).expect("write");
    std::fs::write(
        course.join("course.toml"),
        "id = \"aws-101\"\ntitle = \"AWS 101\"\nversion = \"1.0\"\ntitle = \"Again\"\n",
    )
    .expect("write");
    let out = bin(&root.path().join("data")).arg("check").arg(&course).assert().code(1);
    let errors = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    let place = course.join("course.toml").display().to_string();
    assert!(
        errors.contains(&format!("{place}:4:1: error: duplicate key `title`: it is already set on line 2; keep one")),
        "{errors}"
    );
    assert_eq!(errors.matches("duplicate key").count(), 1, "{errors}");
}
