//! `report` over the history exports of real runs: four learners take the
//! same quiz with `--seed`, each in their own data directory, export their
//! history (CSV and JSON, one in a subdirectory), and the report's indices
//! are the ones worked out by hand below.
//!
//! The pack (tests/fixtures/report/class.toml) has three single-choice
//! questions with fixed choice order: qa right = 1 (of 4 choices), qb
//! right = 1 (of 3), qc right = 2 (of 3). Each learner types the same
//! choice number to every question, so the grid does not depend on the
//! question order:
//!
//! ```text
//!            qa qb qc  score
//!   A  "1"    1  1  0   2/3
//!   B  "2"    0  0  1   1/3
//!   C  "3"    0  0  0   0
//!   D  "1"    1  1  0   2/3
//! ```
//! Four learners: groups of
//! ceil(4 × 0.27) = 2. Ranked: A, D (2/3, by name), B (1/3), C (0): top
//! {A, D}, bottom {B, C}.
//! - qa: facility 2/4; top 2/2 − bottom 0/2 = +1; choice 4 never picked
//!   (distractor under 5 %).
//! - qb: facility 2/4; +1; no flags.
//! - qc: facility 1/4 (too hard); top 0/2 − bottom 1/2 = −0.5 (negative).

use std::path::Path;

use assert_cmd::Command;

fn bin(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("lambda-tutor").expect("binary");
    cmd.env_remove("LAMBDA_TUTOR_DATA").env("NO_COLOR", "1").arg("--data-dir").arg(data);
    cmd
}

const PACK: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/report/class.toml");

/// Run the quiz as `learner`, typing `choice` to every question, and export
/// the history to `out`.
fn learner(root: &Path, learner: &str, choice: u8, format: &str, out: &Path) {
    let data = root.join(format!("data-{learner}"));
    bin(&data)
        .args(["--pack", PACK, "quiz", "class", "--seed", "7", "--plain"])
        .write_stdin(format!("{choice}\n{choice}\n{choice}\nn\n"))
        .assert()
        .success();
    std::fs::create_dir_all(out.parent().expect("parent")).expect("mkdir");
    bin(&data).args(["history", "--format", format, "-o"]).arg(out).assert().success();
}

fn class(root: &Path) -> std::path::PathBuf {
    let exports = root.join("exports");
    learner(root, "A", 1, "csv", &exports.join("A.csv"));
    learner(root, "B", 2, "csv", &exports.join("B.csv"));
    learner(root, "C", 3, "json", &exports.join("late").join("C.json"));
    learner(root, "D", 1, "json", &exports.join("D.json"));
    exports
}

/// `report --json` over `exports` with the global options `global`.
fn report_json(root: &Path, global: &[&str], exports: &Path) -> serde_json::Value {
    let out = bin(&root.join("teacher"))
        .args(global)
        .args(["report", "--json"])
        .arg(exports)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("json")
}

#[test]
fn report_over_real_exports() {
    let root = tempfile::tempdir().expect("tempdir");
    let exports = class(root.path());
    let report = report_json(root.path(), &["--pack", PACK], &exports);
    let questions = report["questions"].as_array().expect("questions");
    let ids: Vec<&str> = questions.iter().map(|q| q["id"].as_str().expect("id")).collect();
    assert_eq!(ids, ["qc", "qa", "qb"]);
    let q = |id: &str| questions.iter().find(|q| q["id"] == id).expect("question");
    assert_eq!(q("qa")["facility"], 0.5);
    assert_eq!(q("qa")["discrimination"], 1.0);
    assert_eq!(q("qa")["flags"], serde_json::json!(["rare-distractor"]));
    assert_eq!(q("qa")["pack"], "class");
    assert_eq!(q("qa")["pack_version"], "2.1.0");
    let picks: Vec<u64> =
        q("qa")["choices"].as_array().expect("choices").iter().map(|c| c["picks"].as_u64().expect("n")).collect();
    assert_eq!(picks, [2, 1, 1, 0]);
    assert_eq!(q("qb")["flags"], serde_json::json!([]));
    assert_eq!(q("qc")["facility"], 0.25);
    assert_eq!(q("qc")["discrimination"], -0.5);
    assert_eq!(q("qc")["flags"], serde_json::json!(["negative-discrimination", "too-hard"]));
    let learners: Vec<&str> =
        report["learners"].as_array().expect("learners").iter().map(|l| l["learner"].as_str().expect("name")).collect();
    assert_eq!(learners, ["C", "B", "A", "D"]);
    assert_eq!(report["topics"][0]["topic"], "beta");

    // --pack with an id that is not a path keeps the report to that pack.
    let other = report_json(root.path(), &["--pack", PACK, "--pack", "lambda-basics"], &exports);
    assert_eq!(other["questions"], serde_json::json!([]));
}

#[test]
fn the_table_fits_80_columns_and_a_bad_file_loses_nothing_else() {
    let root = tempfile::tempdir().expect("tempdir");
    let exports = class(root.path());
    std::fs::write(exports.join("broken.csv"), "id,answered_at,pack_id,question_id\n1,never,class,qa\n")
        .expect("write");
    let assert = bin(&root.path().join("teacher")).args(["--pack", PACK, "report"]).arg(&exports).assert().code(1);
    let output = assert.get_output();
    let text = String::from_utf8_lossy(&output.stdout);
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(errors.contains("broken.csv:2: `answered_at` \"never\""), "{errors}");
    assert!(text.contains("4 learners, 3 questions, 12 answers"), "{text}");
    assert!(text.contains("! class/qc"), "{text}");
    assert!(text.contains("negative discrimination, too hard"), "{text}");
    assert!(text.contains("one 50% ✓ · two 25% · three 25% · four 0%"), "{text}");
    for line in text.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "too wide: {line}");
    }

    let csv =
        bin(&root.path().join("teacher")).args(["--pack", PACK, "report", "--csv"]).arg(&exports).assert().code(1);
    let csv = String::from_utf8_lossy(&csv.get_output().stdout).into_owned();
    let mut lines = csv.lines();
    assert!(lines.next().expect("header").starts_with("pack,id,title,topic,pack_version,learners"));
    assert!(lines.next().expect("qc").starts_with("class,qc,"), "{csv}");
}
