//! Labs as a learner and an instructor use them: every built-in lab starts
//! unsolved and its reference solution solves it; grading, exit codes,
//! recorded attempts and `check` on lab files.

use assert_cmd::Command;

fn tutor(data: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("lambda-tutor").expect("binary");
    cmd.env("LAMBDA_TUTOR_DATA", data).env_remove("NO_COLOR");
    cmd
}

fn lab_ids() -> Vec<String> {
    lambda_tutor::lab::builtin_ids()
}

#[test]
fn every_builtin_lab_starts_unsolved_and_its_solution_solves_it() {
    let data = tempfile::tempdir().expect("tempdir");
    let ids = lab_ids();
    assert!(ids.len() >= 15, "at least 15 built-in labs, found {}", ids.len());
    for id in &ids {
        let start = tutor(data.path()).args(["lab", id, "--json"]).output().expect("runs");
        assert_eq!(
            start.status.code(),
            Some(1),
            "{id} with its starting settings: {}",
            String::from_utf8_lossy(&start.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&start.stdout).expect("JSON");
        assert_eq!(v["passed"], false, "{id}");
        assert!(v["goals"].as_array().expect("goals").iter().any(|g| g["met"] == false), "{id}");
        let solved = tutor(data.path()).args(["lab", id, "--solution", "--json"]).output().expect("runs");
        assert_eq!(solved.status.code(), Some(0), "{id} --solution: {}", String::from_utf8_lossy(&solved.stdout));
        let v: serde_json::Value = serde_json::from_slice(&solved.stdout).expect("JSON");
        assert!(v["goals"].as_array().expect("goals").iter().all(|g| g["met"] == true), "{id}");
    }
}

#[test]
fn every_builtin_lab_names_a_lesson_of_the_course_and_passes_check() {
    let lessons: std::collections::BTreeSet<String> =
        lambda_tutor::course::Course::builtin().lessons.into_iter().map(|l| l.meta.id).collect();
    for lab in lambda_tutor::lab::builtins() {
        let lab = lab.unwrap_or_else(|d| panic!("a built-in lab has errors: {d:?}"));
        assert!(lessons.contains(&lab.lesson), "{}: lesson {}", lab.id, lab.lesson);
        assert!(!lab.hints.is_empty() && !lab.debrief.is_empty() && !lab.task.is_empty(), "{}", lab.id);
    }
    let data = tempfile::tempdir().expect("tempdir");
    let out = tutor(data.path()).args(["check", "assets/labs"]).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("0 errors, 0 warnings"), "{stderr}");
}

#[test]
fn text_output_names_goals_for_people_and_json_keeps_the_keys() {
    let data = tempfile::tempdir().expect("tempdir");
    let out = tutor(data.path()).args(["lab", "default-timeout"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("✗ timed-out invocations = 0"), "{text}");
    assert!(text.contains("✓ timeout ≤ 10 s"), "{text}");
    assert!(text.contains("measured 321"), "{text}");
    assert!(text.contains("Hint 1 of 3"), "{text}");
    assert!(!text.contains("invocations.timed_out"), "no JSON keys in the text: {text}");

    // The second miss shows the second hint.
    let text =
        tutor(data.path()).args(["lab", "default-timeout", "--set", "function.timeout_s=4"]).output().expect("runs");
    assert!(String::from_utf8_lossy(&text.stdout).contains("Hint 2 of 3"));

    let out = tutor(data.path())
        .args(["lab", "default-timeout", "--set", "function.timeout_s=6", "--json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["goals"][0]["metric"], "invocations.timed_out");
    assert_eq!(v["goals"][0]["measured"], 0.0);
    assert_eq!(v["settings"]["function.timeout_s"], "6");
    assert!(v["debrief"].as_str().is_some_and(|d| d.contains("3 s")));
    assert!(v["summary"]["invocations"]["total"].as_u64().is_some());
}

#[test]
fn bad_input_exits_2_with_one_clear_sentence() {
    let data = tempfile::tempdir().expect("tempdir");
    for (args, expected) in [
        (&["lab", "no-such-lab"][..], "no lab `no-such-lab`"),
        (&["lab", "default-timeout", "--set", "function.memory_mb=1024"], "is not a knob of lab `default-timeout`"),
        (&["lab", "default-timeout", "--set", "function.timeout_s=5000"], "may be set from 1 to 900"),
        (&["lab", "default-timeout", "--set", "function.timeout_s=abc"], "takes a number"),
        (&["lab", "arm64-cost", "--set", "function.architecture=sparc"], "may be one of x86_64, arm64"),
        (&["lab", "default-timeout", "--set", "nonsense"], "expected KEY=VALUE"),
    ] {
        let out = tutor(data.path()).args(args).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
}

#[test]
fn attempts_and_first_success_are_recorded_and_shown() {
    let data = tempfile::tempdir().expect("tempdir");
    let status = |id: &str| -> (String, u64) {
        let out = tutor(data.path()).args(["labs", "--json"]).output().expect("runs");
        assert!(out.status.success());
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let row = v.as_array().expect("rows").iter().find(|r| r["id"] == id).expect("listed").clone();
        (row["status"].as_str().expect("status").to_owned(), row["attempts"].as_u64().expect("attempts"))
    };
    assert_eq!(status("default-timeout"), ("not-tried".to_owned(), 0));
    tutor(data.path()).args(["lab", "default-timeout"]).assert().code(1);
    tutor(data.path()).args(["lab", "default-timeout", "--set", "function.timeout_s=4"]).assert().code(1);
    assert_eq!(status("default-timeout"), ("attempted".to_owned(), 2));
    // Looking at the solution is not solving it.
    tutor(data.path()).args(["lab", "default-timeout", "--solution"]).assert().code(0);
    assert_eq!(status("default-timeout"), ("attempted".to_owned(), 2));
    tutor(data.path()).args(["lab", "default-timeout", "--set", "function.timeout_s=8"]).assert().code(0);
    assert_eq!(status("default-timeout"), ("solved".to_owned(), 3));

    let out = tutor(data.path()).args(["stats"]).output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Labs"), "{text}");
    assert!(text.contains("default-timeout") && text.contains("3 attempts") && text.contains("(attempt 3)"), "{text}");
    let out = tutor(data.path()).args(["stats", "--json"]).output().expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["labs"][0]["lab_id"], "default-timeout");
    assert_eq!(v["labs"][0]["attempts_to_success"], 3);
    assert_eq!(v["labs"][0]["solution_viewed"], true);

    let out = tutor(data.path()).args(["labs"]).output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.lines().any(|l| l.starts_with("default-timeout") && l.contains("solved")), "{text}");
    assert!(text.lines().any(|l| l.starts_with("arm64-cost") && l.contains("not tried")), "{text}");
}

#[test]
fn check_proves_the_solution_and_the_unsolved_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let original = std::fs::read_to_string("assets/labs/default-timeout.toml").expect("lab");
    // A solution that does not solve it: reported at the goal it misses.
    let weak = original.replace("\"function.timeout_s\" = 6", "\"function.timeout_s\" = 4");
    let path = dir.path().join("default-timeout.toml");
    std::fs::write(&path, &weak).expect("write");
    let out = tutor(dir.path()).arg("check").arg(&path).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let line = weak.lines().position(|l| l.starts_with("goals")).expect("goals line") + 1;
    assert!(
        stderr.contains(&format!(":{line}:"))
            && stderr.contains("the reference solution misses the goal `invocations.timed_out == 0`"),
        "{stderr}"
    );
    // A start that is already solved.
    let easy = original.replace("handler_ms = { dist = \"uniform\", min = 1000, max = 5000 }", "handler_ms = 100");
    std::fs::write(&path, &easy).expect("write");
    let out = tutor(dir.path()).arg("check").arg(&path).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("the starting settings already meet every goal"), "{stderr}");
    // An error inside the inline scenario is placed in the lab file.
    let broken = original.replace("memory_mb = 512", "memory_mb = 5");
    std::fs::write(&path, &broken).expect("write");
    let out = tutor(dir.path()).arg("check").arg(&path).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = broken.lines().position(|l| l.starts_with("memory_mb = 5")).expect("line") + 1;
    assert!(stderr.contains(&format!("default-timeout.toml:{line}:13: error:")), "{stderr}");
}
