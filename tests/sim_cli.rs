//! `simulate` and `scenarios` as a user runs them.

use assert_cmd::Command;

fn tutor() -> Command {
    let mut cmd = Command::cargo_bin("lambda-tutor").expect("binary");
    cmd.env("LAMBDA_TUTOR_DATA", std::env::temp_dir().join("lambda-tutor-sim-cli-tests"));
    cmd
}

fn json_of(args: &[&str]) -> serde_json::Value {
    let out = tutor().args(args).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn simulate_json_has_exactly_the_spec_keys_and_meanings() {
    let v = json_of(&["simulate", "keep-alive-cliff", "--json"]);
    for key in [
        "scenario",
        "seed",
        "simulated_s",
        "events",
        "invocations",
        "cold_starts",
        "cold_start_ratio",
        "environments",
        "concurrency",
        "latency_ms",
        "billed_gb_s",
        "cost_usd",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    for key in ["total", "succeeded", "failed", "throttled", "timed_out", "retried", "dead_lettered", "dropped"] {
        assert!(v["invocations"][key].is_u64(), "invocations.{key}");
    }
    for (group, keys) in [
        ("environments", &["created", "peak", "average"][..]),
        ("concurrency", &["peak", "average"][..]),
        ("latency_ms", &["p50", "p90", "p99", "max"][..]),
        ("cost_usd", &["requests", "compute", "provisioned", "total"][..]),
    ] {
        for key in keys {
            assert!(v[group][key].is_number(), "{group}.{key}");
        }
    }
    assert_eq!(v["scenario"], "keep-alive-cliff");
    assert_eq!(v["events"], 8);
    assert_eq!(v["cold_starts"], 8);
    assert_eq!(v["cold_start_ratio"], 1.0);
    assert_eq!(v["simulated_s"], 7200.0);
}

#[test]
fn seed_and_set_change_the_run_and_the_same_seed_repeats_it() {
    let a = tutor().args(["simulate", "api-flash-crowd", "--json", "--seed", "5"]).output().expect("runs");
    let b = tutor().args(["simulate", "api-flash-crowd", "--json", "--seed", "5"]).output().expect("runs");
    let c = tutor().args(["simulate", "api-flash-crowd", "--json", "--seed", "6"]).output().expect("runs");
    assert_eq!(a.stdout, b.stdout, "byte for byte");
    assert_ne!(a.stdout, c.stdout);
    let v = json_of(&["simulate", "keep-alive-cliff", "--json", "--set", "sources.0.arrival.every_s=300"]);
    assert_eq!(v["cold_starts"], 1);
}

#[test]
fn default_scenario_and_text_summary() {
    let out = tutor().arg("simulate").output().expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("api-flash-crowd — "), "{text}");
    assert!(text.contains("throttled"));
    assert!(text.contains("cost          $"));
}

#[test]
fn trace_writes_one_json_line_per_event() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("trace.jsonl");
    let out = tutor().args(["simulate", "async-poison-dlq", "--json", "--trace"]).arg(&path).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&path).expect("trace written");
    let types: Vec<String> = text
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            assert!(v["t_ms"].is_number());
            v["type"].as_str().expect("type").to_owned()
        })
        .collect();
    for t in ["arrival", "init_start", "init_end", "invoke_start", "invoke_end", "retry", "dead_letter"] {
        assert!(types.iter().any(|x| x == t), "no {t} record");
    }
    assert_eq!(types.iter().filter(|t| *t == "arrival").count(), 60);
    assert_eq!(types.iter().filter(|t| *t == "retry").count(), 2);
    let throttled = dir.path().join("t2.jsonl");
    tutor().args(["simulate", "reserved-zero", "--json", "--trace"]).arg(&throttled).assert().success();
    let text = std::fs::read_to_string(&throttled).expect("trace written");
    // One line per refused attempt: 300 API requests once each, and 385
    // attempts of the 60 S3 events retried until their 60-s maximum age.
    assert_eq!(text.lines().filter(|l| l.contains("\"type\":\"throttle\"")).count(), 685);
    assert_eq!(text.lines().filter(|l| l.contains("\"type\":\"dead_letter\"")).count(), 60);
    let cliff = dir.path().join("t3.jsonl");
    tutor().args(["simulate", "keep-alive-cliff", "--json", "--trace"]).arg(&cliff).assert().success();
    let text = std::fs::read_to_string(&cliff).expect("trace written");
    assert_eq!(text.lines().filter(|l| l.contains("\"type\":\"expiry\"")).count(), 8, "each idle environment expires");
}

#[test]
fn bad_scenario_files_get_places_and_exit_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bad.toml");
    std::fs::write(&path, "format = 1\n[scenario]\nid = \"b\"\ntitle = \"B\"\n[function]\nmemory_mb = 64\n")
        .expect("write");
    let out = tutor().arg("simulate").arg(&path).arg("--json").output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.toml:6:13: error: `memory_mb` must be between 128 and 10240 MB, found 64"), "{err}");
    assert!(err.contains("no [[sources]]"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn bad_overrides_and_unknown_presets_are_usage_errors() {
    let out = tutor().args(["simulate", "keep-alive-cliff", "--set", "function.memoy_mb=1024"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "--set function.memoy_mb=1024: error: unknown key `memoy_mb` in [function]; did you mean `memory_mb`?"
        ),
        "{err}"
    );
    let out = tutor().args(["simulate", "keep-alive-cliff", "--set", "nonsense"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let out = tutor().args(["simulate", "no-such-preset"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no scenario preset `no-such-preset`"));
}

#[test]
fn scenarios_lists_the_presets() {
    let v = json_of(&["scenarios", "--json"]);
    let rows = v.as_array().expect("an array");
    assert!(rows.len() >= 12);
    let cliff = rows.iter().find(|r| r["id"] == "keep-alive-cliff").expect("listed");
    assert_eq!(cliff["sources"], serde_json::json!(["schedule"]));
    assert_eq!(cliff["duration_s"], 7200.0);
    assert!(cliff["title"].as_str().is_some_and(|t| t.contains("keep-alive")));
    let out = tutor().arg("scenarios").output().expect("runs");
    assert!(String::from_utf8_lossy(&out.stdout).lines().any(|l| l.starts_with("sqs-backlog ")));
}
