//! Instructor course directories loaded beside the built-in course:
//! `Course::load`, `--pack DIR`, `<data dir>/packs/`, id clashes, `packs`,
//! `lessons`, `read`, `quiz`, `check DIR` with cross-references, and
//! `new-course`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use lambda_tutor::course::Course;

fn bin(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("lambda-tutor").expect("binary");
    cmd.env_remove("LAMBDA_TUTOR_DATA").env("NO_COLOR", "1").arg("--data-dir").arg(data);
    cmd
}

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

const LESSON: &str = "+++\nid = \"aws-101-iam\"\ntitle = \"IAM for functions\"\nmodule = \"AWS 101\"\norder = 1\n\
                      topics = [\"security\"]\nupdated = \"2026-12-04\"\nsources = [\
                      \"https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html\", \
                      \"https://docs.aws.amazon.com/lambda/latest/dg/lambda-permissions.html\"]\n+++\nAn execution role grants a function its permissions.\n";

const SCENARIO: &str = "format = 1\n[scenario]\nid = \"aws-101-burst\"\ntitle = \"A burst\"\nduration_s = 10\n\
                        [[sources]]\nkind = \"api-gateway\"\narrival = { process = \"constant\", rate_per_s = 5 }\n";

/// A pack whose questions link to the course's lesson, to a built-in
/// lesson (if the build has one), and predict with the course's scenario.
fn pack(id: &str, builtin_lesson: Option<&str>) -> String {
    let mut text = format!(
        "format = 1\n[pack]\nid = \"{id}\"\ntitle = \"AWS 101 quiz\"\nversion = \"2.0.0\"\n\n\
         [[questions]]\nid = \"role\"\ntype = \"true-false\"\ntopic = \"security\"\nlesson = \"aws-101-iam\"\n\
         prompt = \"A function's permissions come from its execution role.\"\nanswer = true\n\
         explanation = \"Lambda assumes the execution role to sign the function's calls to AWS.\"\n\n\
         [[questions]]\nid = \"burst-colds\"\ntype = \"predict\"\ntopic = \"cold-starts\"\nlesson = \"aws-101-iam\"\n\
         prompt = \"How many cold starts?\"\nscenario = \"aws-101-burst\"\nmetric = \"cold_starts\"\n\
         explanation = \"Each new environment runs Init once.\"\n"
    );
    if let Some(lesson) = builtin_lesson {
        let _ = write!(
            text,
            "\n[[questions]]\nid = \"builtin-link\"\ntype = \"card\"\ntopic = \"security\"\nlesson = \"{lesson}\"\n\
             prompt = \"Explain least privilege.\"\nanswer = \"Grant only what the function needs.\"\n\
             explanation = \"A narrow role limits the damage of a compromised function.\"\n"
        );
    }
    text
}

fn builtin_lesson() -> Option<String> {
    Course::builtin().lessons.first().map(|l| l.meta.id.clone())
}

/// A course directory in `root`: course.toml, a lesson, a pack, a scenario.
fn course(root: &Path) -> PathBuf {
    let dir = root.join("aws-101");
    write(&dir, "course.toml", "id = \"aws-101\"\ntitle = \"AWS 101\"\nversion = \"2.0.0\"\nauthors = [\"Ada\"]\n");
    write(&dir, "content/01-iam.md", LESSON);
    write(&dir, "quizzes/aws-101.toml", &pack("aws-101", builtin_lesson().as_deref()));
    write(&dir, "scenarios/aws-101-burst.toml", SCENARIO);
    dir
}

#[test]
fn a_course_directory_joins_the_builtin_course() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = course(tmp.path());
    let builtin = Course::builtin();
    let loaded = Course::load(std::slice::from_ref(&dir), None);
    assert!(loaded.diagnostics.iter().all(|d| !d.is_error()), "{:#?}", loaded.diagnostics);
    assert_eq!(loaded.lessons.len(), builtin.lessons.len() + 1);
    let lesson = loaded.lesson("aws-101-iam").expect("the course's lesson");
    assert_eq!(lesson.course.as_deref(), Some("aws-101"));
    let module = loaded.modules.last().expect("a module");
    assert_eq!((module.name.as_str(), module.course.as_deref()), ("AWS 101", Some("aws-101")));
    assert_eq!(module.lessons, [loaded.lessons.len() - 1]);
    let pack = loaded.pack("aws-101").expect("the course's pack");
    assert_eq!(pack.course.as_deref(), Some("aws-101"));
    assert!(!pack.builtin);
    let scenario = loaded.scenario("aws-101-burst").expect("the course's scenario");
    assert_eq!(scenario.course.as_deref(), Some("aws-101"));
    assert_eq!(scenario.title, "A burst");
    assert_eq!(loaded.courses.len(), 1);
    let info = &loaded.courses[0];
    assert_eq!((info.id.as_str(), info.title.as_str(), info.version.as_deref()), ("aws-101", "AWS 101", Some("2.0.0")));
    assert_eq!((info.lessons, info.packs, info.scenarios), (1, 1, 1));
    // Built-in items stay unmarked and first.
    assert!(loaded.lessons[..builtin.lessons.len()].iter().all(|l| l.course.is_none()));
    assert!(loaded.packs.iter().take(builtin.packs.len()).all(|p| p.course.is_none() && p.builtin));
}

#[test]
fn the_data_folder_installs_courses_and_single_packs() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    course(&data.join("packs"));
    write(&data.join("packs"), "extra.toml", &pack("extra", None).replace("aws-101-iam", "no-such-lesson"));
    write(&data.join("packs"), "single.toml", &pack("single", None).replace("lesson = \"aws-101-iam\"\n", ""));
    let loaded = Course::load(&[], Some(&data));
    let ids: Vec<&str> = loaded.courses.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["aws-101", "extra", "single"]);
    assert!(loaded.pack("aws-101").is_some());
    // A broken pack is reported and skipped; the others load.
    assert!(loaded.pack("extra").is_none());
    assert!(
        loaded
            .diagnostics
            .iter()
            .any(|d| d.path.ends_with("extra.toml") && d.message.contains("`no-such-lesson` does not exist")),
        "{:#?}",
        loaded.diagnostics
    );
    // A single pack's predict question cannot see another course's scenario.
    assert!(loaded.pack("single").is_none());
    assert!(loaded.diagnostics.iter().any(|d| d.path.ends_with("single.toml") && d.message.contains("aws-101-burst")));
}

#[test]
fn ids_that_clash_with_the_builtin_course_are_reported_and_skipped() {
    let builtin = Course::builtin();
    let (Some(lesson), Some(taken)) = (builtin.lessons.first(), builtin.packs.first()) else { return };
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = course(tmp.path());
    write(&dir, "content/02-clash.md", &LESSON.replace("aws-101-iam", &lesson.meta.id));
    write(&dir, "quizzes/clash.toml", &pack(&taken.meta.id, None));
    let loaded = Course::load(std::slice::from_ref(&dir), None);
    let clash = |path: &str| {
        loaded
            .diagnostics
            .iter()
            .find(|d| d.path.ends_with(path))
            .unwrap_or_else(|| panic!("{path}: {:#?}", loaded.diagnostics))
    };
    let d = clash("02-clash.md");
    assert_eq!(d.line, 2);
    assert_eq!(
        d.message,
        format!(
            "lesson id `{}` is already used by the built-in course ({}): this lesson is skipped",
            lesson.meta.id, lesson.path
        )
    );
    let d = clash("clash.toml");
    assert_eq!((d.line, d.column), (3, 6));
    assert!(d.message.starts_with(&format!("pack id `{}` is already used by the built-in course", taken.meta.id)));
    // The built-in items are untouched and the rest of the course loads.
    assert_eq!(loaded.lesson(&lesson.meta.id).map(|l| l.course.clone()), Some(None));
    assert!(loaded.pack(&taken.meta.id).is_some_and(|p| p.builtin));
    assert!(loaded.lesson("aws-101-iam").is_some());
    assert_eq!(loaded.courses[0].lessons, 1);
    // The same course twice: the second is skipped.
    let twice = Course::load(&[dir.clone(), tmp.path().join("aws-101/.")], None);
    assert_eq!(twice.courses.len(), 1, "the same place is loaded once");
}

#[test]
fn packs_lessons_read_and_quiz_see_the_course() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = course(tmp.path());
    let data = tmp.path().join("data");
    let output = bin(&data).arg("--pack").arg(&dir).args(["packs", "--json"]).output().expect("runs");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let rows = rows.as_array().expect("array");
    let course_row = rows.iter().find(|r| r["kind"] == "course").expect("the course is listed");
    assert_eq!(course_row["id"], "aws-101");
    assert_eq!(course_row["title"], "AWS 101");
    assert_eq!(course_row["lessons"], 1);
    assert_eq!(course_row["scenarios"], 1);
    assert_eq!(course_row["source"], dir.display().to_string());
    let pack_row = rows.iter().find(|r| r["id"] == "aws-101" && r["kind"] == "pack").expect("its pack");
    assert_eq!(pack_row["course"], "aws-101");
    assert_eq!(pack_row["version"], "2.0.0");
    assert_eq!(pack_row["topics"], serde_json::json!(["cold-starts", "security"]));
    assert!(pack_row["source"].as_str().expect("path").ends_with("quizzes/aws-101.toml"));
    assert!(rows.iter().filter(|r| r["kind"] == "pack" && r["course"].is_null()).all(|r| r["source"] == "built-in"));

    let text = bin(&data).arg("--pack").arg(&dir).arg("packs").output().expect("runs");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("course aws-101: AWS 101 2.0.0 (1 lesson, 1 pack, 1 scenario) from "), "{text}");

    let lessons = bin(&data).arg("--pack").arg(&dir).args(["lessons", "--json"]).output().expect("runs");
    let lessons: serde_json::Value = serde_json::from_slice(&lessons.stdout).expect("json");
    let row = lessons.as_array().expect("array").iter().find(|r| r["id"] == "aws-101-iam").expect("listed");
    assert_eq!(row["course"], "aws-101");

    let read =
        bin(&data).arg("--pack").arg(&dir).args(["read", "aws-101-iam", "--width", "60"]).output().expect("runs");
    assert_eq!(read.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&read.stdout).contains("An execution role grants a function its permissions."));

    let quiz = bin(&data)
        .arg("--pack")
        .arg(&dir)
        .args(["quiz", "aws-101", "--topic", "security", "--count", "1", "--seed", "3"])
        .write_stdin("true\n")
        .output()
        .expect("runs");
    let out = String::from_utf8_lossy(&quiz.stdout);
    assert_eq!(quiz.status.code(), Some(0), "{out}{}", String::from_utf8_lossy(&quiz.stderr));
    assert!(out.contains("Score: "), "{out}");

    // Installed in the data folder, the course needs no --pack.
    let installed = tmp.path().join("data2");
    std::fs::create_dir_all(installed.join("packs")).expect("mkdir");
    course(&installed.join("packs"));
    let output = bin(&installed).args(["packs", "--json"]).output().expect("runs");
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert!(rows.as_array().expect("array").iter().any(|r| r["kind"] == "course" && r["id"] == "aws-101"));

    let missing = bin(&data).arg("--pack").arg(tmp.path().join("nowhere")).arg("packs").output().expect("runs");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nowhere: no such file or directory"));
}

fn check(data: &Path, dir: &Path) -> (Vec<String>, Option<i32>) {
    let output = bin(data).arg("check").arg(dir).output().expect("runs");
    (String::from_utf8_lossy(&output.stderr).lines().map(str::to_owned).collect(), output.status.code())
}

#[test]
fn check_validates_a_whole_course_and_its_cross_references() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = course(tmp.path());
    let data = tmp.path().join("data");
    let (lines, code) = check(&data, &dir);
    assert_eq!(code, Some(0), "{lines:#?}");
    assert_eq!(lines.last().map(String::as_str), Some("checked 4 files: 0 errors, 0 warnings"), "{lines:#?}");

    // Broken references, a bad course id, and a clash with the built-in course.
    write(&dir, "course.toml", "id = \"AWS 101\"\ntitle = \"AWS 101\"\n");
    write(
        &dir,
        "quizzes/aws-101.toml",
        &pack("aws-101", None).replace("scenario = \"aws-101-burst\"", "scenario = \"aws-101-brust\""),
    );
    write(
        &dir,
        "quizzes/more.toml",
        &pack("more", None).replace("lesson = \"aws-101-iam\"", "lesson = \"aws-101-iamm\""),
    );
    let builtin = Course::builtin();
    if let Some(lesson) = builtin.lessons.first() {
        write(&dir, "content/02-clash.md", &LESSON.replace("aws-101-iam", &lesson.meta.id));
    }
    let (lines, code) = check(&data, &dir);
    assert_eq!(code, Some(1), "{lines:#?}");
    let has = |needle: &str| lines.iter().any(|l| l.contains(needle));
    assert!(has("course.toml:1:1: error: course id \"AWS 101\" must match [a-z0-9-]+"), "{lines:#?}");
    assert!(
        has("aws-101.toml:22:12: error: scenario `aws-101-brust` does not exist; did you mean `aws-101-burst`?"),
        "{lines:#?}"
    );
    assert!(
        has("more.toml:11:10: error: lesson `aws-101-iamm` does not exist; did you mean `aws-101-iam`?"),
        "{lines:#?}"
    );
    if let Some(lesson) = builtin.lessons.first() {
        assert!(
            has(&format!("02-clash.md:2:1: warning: lesson id `{}` is also a built-in lesson's", lesson.meta.id)),
            "{lines:#?}"
        );
    }
}

#[test]
fn new_course_scaffolds_a_course_that_checks_clean_and_never_overwrites() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let dir = tmp.path().join("lambda-201");
    let output = bin(&data).arg("new-course").arg(&dir).output().expect("runs");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    for file in [
        "course.toml",
        "content/01-example.md",
        "quizzes/example.toml",
        "scenarios/lambda-201-flash-crowd.toml",
        "README.md",
    ] {
        assert!(dir.join(file).is_file(), "{file}");
    }
    let (lines, code) = check(&data, &dir);
    assert_eq!(code, Some(0), "{lines:#?}");
    assert_eq!(lines, ["checked 4 files: 0 errors, 0 warnings"]);

    let loaded = Course::load(std::slice::from_ref(&dir), None);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let pack = loaded.pack("lambda-201-example").expect("the example pack");
    let mut types: Vec<&str> = pack.questions.iter().map(lambda_tutor::quiz::Question::type_name).collect();
    types.sort_unstable();
    assert_eq!(types, ["card", "match", "multiple", "numeric", "order", "short", "single", "true-false"]);
    assert!(loaded.scenario("lambda-201-flash-crowd").is_some());
    assert_eq!(loaded.courses[0].id, "lambda-201");

    // A second run refuses and leaves every file as it was.
    std::fs::write(dir.join("README.md"), "mine").expect("write");
    let output = bin(&data).arg("new-course").arg(&dir).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("never overwrites"));
    assert_eq!(std::fs::read_to_string(dir.join("README.md")).expect("read"), "mine");

    // Into an existing folder with other files: fine.
    let other = tmp.path().join("existing");
    write(&other, "notes.txt", "keep");
    let output = bin(&data).arg("new-course").arg(&other).output().expect("runs");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(other.join("notes.txt")).expect("read"), "keep");
}
