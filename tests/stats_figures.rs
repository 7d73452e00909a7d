//! `stats` through the binary: the figures that lead somewhere (review
//! forecast, accuracy by week, progress per module, weak topics with their
//! lesson and drill), added to `--json` beside every key it always had.

use assert_cmd::Command;

fn bin(dir: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("lambda-tutor").expect("binary");
    cmd.env("LAMBDA_TUTOR_DATA", dir).env("NO_COLOR", "1");
    cmd
}

#[test]
fn stats_json_keeps_its_keys_and_adds_the_figures() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Four answers, all "1": most are wrong, so serverless is a weak topic.
    bin(dir.path())
        .args(["quiz", "lambda-basics", "--plain", "--count", "4", "--seed", "1"])
        .write_stdin("1\n1\n1\n1\n")
        .assert()
        .success();
    let out = bin(dir.path()).args(["stats", "--json"]).output().expect("stats");
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let keys: Vec<&str> = json.as_object().expect("object").keys().map(String::as_str).collect();
    let old = [
        "lessons_started",
        "lessons_completed",
        "answers",
        "correct",
        "accuracy",
        "topics",
        "streak",
        "study_days",
        "cards",
        "due_reviews",
        "drills",
        "labs",
        "last_activity",
    ];
    for key in old.iter().chain(&["forecast", "accuracy_by_week", "modules", "weak_topics"]) {
        assert!(keys.contains(key), "{key} in {keys:?}");
    }
    let forecast = json["forecast"].as_array().expect("forecast");
    assert_eq!(forecast.len(), 7);
    let due: u64 = forecast.iter().map(|d| d["due"].as_u64().expect("due")).sum();
    assert_eq!(due, json["cards"].as_u64().expect("cards"), "every answered card comes due within the week");
    let weeks = json["accuracy_by_week"].as_array().expect("weeks");
    assert_eq!(weeks.last().expect("this week")["answered"], 4);
    assert_eq!(json["modules"][0]["lessons"].as_u64().map(|n| n > 0), Some(true));
    let weak = json["weak_topics"].as_array().expect("weak topics");
    assert!(!weak.is_empty() && weak[0]["lesson"].is_string(), "{weak:?}");
    // The text report names the actions.
    let text = bin(dir.path()).arg("stats").output().expect("stats");
    let text = String::from_utf8(text.stdout).expect("utf-8");
    assert!(text.contains("Reviews, next 7 days") && text.contains("drill it: lambda-tutor drill --topic "), "{text}");
}
