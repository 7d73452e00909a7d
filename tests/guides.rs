//! The authoring guides are built into the binary (`guide`) and written into
//! a new course, so an installed `lambda-tutor` is enough to author.

use std::path::Path;

use assert_cmd::Command;

fn bin() -> Command {
    let mut cmd = Command::cargo_bin("lambda-tutor").expect("binary");
    cmd.env_remove("LAMBDA_TUTOR_DATA").env("NO_COLOR", "1");
    cmd
}

fn guide(topic: &str) -> String {
    let out = bin().args(["guide", topic]).assert().success().get_output().stdout.clone();
    String::from_utf8(out).expect("utf8")
}

fn repo_file(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect("guide file")
}

#[test]
fn guides_in_a_pipe_are_the_markdown_sources() {
    assert_eq!(guide("packs"), repo_file("quizzes/README.md"));
    assert_eq!(guide("lessons"), repo_file("content/README.md"));
    assert_eq!(guide("scenarios"), repo_file("assets/scenarios/README.md"));
    let import = guide("import");
    assert!(import.starts_with("# Importing from other formats"));
    assert!(import.contains("lambda-tutor import FILE"));
    assert!(guide("labs").contains("comes with the labs feature"));
    let index = String::from_utf8(bin().arg("guide").assert().success().get_output().stdout.clone()).expect("utf8");
    for topic in ["packs", "lessons", "scenarios", "labs", "import"] {
        assert!(index.contains(&format!("  {topic} ")), "{index}");
    }
}

#[test]
fn new_course_writes_the_guides_into_the_course() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("course");
    bin().arg("--data-dir").arg(tmp.path().join("data")).arg("new-course").arg(&dir).assert().success();
    assert_eq!(std::fs::read_to_string(dir.join("quizzes/README.md")).expect("packs"), repo_file("quizzes/README.md"));
    assert_eq!(
        std::fs::read_to_string(dir.join("content/README.md")).expect("lessons"),
        repo_file("content/README.md")
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("scenarios/README.md")).expect("scenarios"),
        repo_file("assets/scenarios/README.md")
    );
    let pack = std::fs::read_to_string(dir.join("quizzes/example.toml")).expect("pack");
    assert!(pack.contains("lambda-tutor guide packs") && !pack.contains("repository"), "{pack}");
}
