//! The real binary in a pseudo-terminal: a learner opens Labs from the
//! home screen, turns the lab's knob, grades it, and the attempt is in the
//! store that `labs --json` reads.

#[path = "support/pty.rs"]
mod pty;

use pty::Session;

#[test]
fn a_lab_solved_in_the_tui_is_recorded_for_labs_json() {
    let data = tempfile::tempdir().expect("tempdir");
    let mut s = Session::start_in(&["--color", "never"], 24, 80, data.path(), &[]);
    s.wait_for("Labs (0 of 17 solved)");
    // Down the Start rows to Labs: each press is checked on screen.
    for _ in 0..8 {
        if s.screen().contains("▶ Labs (") {
            break;
        }
        let before = s.screen();
        s.send("j");
        s.wait_until("the selection moves", |screen, _| screen != before);
    }
    s.send("\r");
    // The first lab not yet solved is selected: API Gateway's timeout.
    s.wait_for("▶ A Lambda timeout longer than API Gateway's");
    s.wait_for("new · lesson: API Gateway");
    s.send("\r");
    s.wait_for("◂timeout 120 s▸");
    // 120 → 100 → 90 → … → 30 → 25 s: under API Gateway's 29 s.
    s.send(&"j".repeat(9));
    s.wait_for("◂timeout 25 s*▸");
    s.send("g");
    let verdict = s.wait_for("Solved: every goal met.");
    assert!(verdict.contains("✓ API Gateway 504s") && verdict.contains("attempt 1, recorded"), "{verdict}");
    // Back to the picker: the lab now reads solved; home counts it.
    s.send("q");
    s.wait_until("the verdict closes", |screen, _| !screen.contains("Solved: every goal met."));
    s.send("q");
    s.wait_for("solved · lesson: API Gateway");
    s.send("q");
    s.wait_for("Labs (1 of 17 solved)");
    s.send("q");
    assert!(s.wait_exit().success());

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lambda-tutor"))
        .args(["--data-dir", data.path().to_str().expect("utf-8"), "labs", "--json"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let row = rows.as_array().and_then(|r| r.iter().find(|r| r["id"] == "api-gateway-timeout")).expect("listed");
    assert_eq!(row["status"], "solved", "{row}");
    assert_eq!(row["attempts"], 1, "{row}");
}
