//! Who answered: the learner's name and the question's title on every
//! answer (schema version 3), `config learner`, `--learner`, the operating
//! system's user name by default, the export formats, and old databases and
//! exports that still load.

use std::path::Path;

use assert_cmd::Command;

const PACK: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/report/class.toml");

fn bin(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("lambda-tutor").expect("binary");
    cmd.env_remove("LAMBDA_TUTOR_DATA")
        .env_remove("LAMBDA_TUTOR_LEARNER")
        .env("USER", "os-user")
        .env_remove("USERNAME")
        .env("NO_COLOR", "1")
        .arg("--data-dir")
        .arg(data);
    cmd
}

fn quiz(data: &Path, extra: &[&str]) {
    bin(data)
        .args(extra)
        .args(["--pack", PACK, "quiz", "class", "--seed", "7", "--plain"])
        .write_stdin("1\n1\n1\nn\n")
        .assert()
        .success();
}

fn history_json(data: &Path) -> Vec<serde_json::Value> {
    let out = bin(data).args(["history", "--format", "json"]).assert().success().get_output().stdout.clone();
    serde_json::from_slice::<Vec<serde_json::Value>>(&out).expect("json")
}

#[test]
fn answers_carry_the_learner_and_the_title() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    // Default: the operating system's user name.
    quiz(&data, &[]);
    // Remembered with `config learner`.
    bin(&data).args(["config", "learner", "Ann Lee"]).assert().success();
    let shown = bin(&data).args(["config", "learner"]).assert().success().get_output().stdout.clone();
    assert!(String::from_utf8_lossy(&shown).starts_with("Ann Lee (set with"), "{}", String::from_utf8_lossy(&shown));
    quiz(&data, &[]);
    // `--learner` wins for one run, and is not remembered.
    quiz(&data, &["--learner", "guest"]);
    quiz(&data, &[]);

    let rows = history_json(&data);
    let learners: Vec<&str> = rows.iter().map(|r| r["learner"].as_str().expect("learner")).collect();
    assert_eq!(learners[..3], ["os-user"; 3]);
    assert_eq!(learners[3..6], ["Ann Lee"; 3]);
    assert_eq!(learners[6..9], ["guest"; 3]);
    assert_eq!(learners[9..], ["Ann Lee"; 3]);
    let qa = rows.iter().find(|r| r["question_id"] == "qa").expect("qa");
    // The prompt is "Which is **first**?": the title is plain text.
    assert_eq!(qa["title"], "Which is first?");
    assert_eq!(qa["pack_version"], "2.1.0");

    let csv = bin(&data).args(["history", "--format", "csv"]).assert().success().get_output().stdout.clone();
    let csv = String::from_utf8(csv).expect("utf8");
    assert!(csv.starts_with(
        "id,answered_at,pack_id,question_id,pack_version,topic,mode,correct,grade,seconds,hints_used,response,drill_id,learner,title\n"
    ));
    assert!(csv.contains(",Ann Lee,Which is first?\n"), "{csv}");
}

#[test]
fn a_version_two_database_migrates_and_keeps_its_answers() {
    // The database an earlier lambda-tutor (schema version 2) wrote after
    // the class quiz: its answers have no learner and no title.
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).expect("mkdir");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/db/v2-class.sqlite3");
    std::fs::copy(fixture, data.join("progress.sqlite3")).expect("copy");
    quiz(&data, &["--learner", "ann"]);
    let rows = history_json(&data);
    assert_eq!(rows.len(), 6);
    assert!(rows[..3].iter().all(|r| r["learner"] == "" && r["title"] == ""), "{rows:?}");
    assert!(rows[3..].iter().all(|r| r["learner"] == "ann" && r["title"] != ""), "{rows:?}");
    let conn = rusqlite::Connection::open(data.join("progress.sqlite3")).expect("open");
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).expect("version");
    assert_eq!(version, lambda_tutor::study::store::schema::LATEST);
    assert_eq!(version, 4, "v3 (learner, title) then v4 (lab attempts)");
}

#[test]
fn exports_in_the_earlier_format_still_load_in_report() {
    // ann.csv and bob.json were written by `history` before answers carried
    // a learner and a title: the learner is the file's name.
    let dir = tempfile::tempdir().expect("tempdir");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report");
    let out = bin(&dir.path().join("t"))
        .args(["--pack", PACK, "report", "--json"])
        .arg(fixtures.join("ann.csv"))
        .arg(fixtures.join("bob.json"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&out).expect("json");
    let mut learners: Vec<&str> =
        report["learners"].as_array().expect("learners").iter().map(|l| l["learner"].as_str().expect("name")).collect();
    learners.sort_unstable();
    assert_eq!(learners, ["ann", "bob"]);
    let qa = report["questions"].as_array().expect("q").iter().find(|q| q["id"] == "qa").expect("qa");
    assert_eq!(qa["learners"], 2);
    assert_eq!(qa["facility"], 0.5);
    // The title comes from the installed pack when the export has none.
    assert_eq!(qa["title"], "Which is first?");
}
