//! The scenario format: defaults, diagnostics with places, `--set`
//! overrides, the presets, and robustness against any input.
#![allow(clippy::float_cmp, reason = "defaults and loaded values are exact")]

// Case counts: about 256 locally, bounded in CI, `LAMBDA_TUTOR_FUZZ_CASES=N` for long runs.
#[path = "hostile_support/fuzz.rs"]
mod fuzz;

use lambda_tutor::infra::{Diagnostic, Severity};
use lambda_tutor::sim::scenario::{self, Override, defaults};
use lambda_tutor::sim::{self, Engine};
use proptest::prelude::*;

fn load(src: &str, sets: &[&str]) -> Result<scenario::Loaded, Vec<Diagnostic>> {
    let overrides: Vec<Override> = sets.iter().map(|s| Override::parse(s).expect("KEY=VALUE")).collect();
    scenario::load("s.toml", src.as_bytes(), &overrides, &mut |name: &str| match name {
        "times.txt" => Ok(("dir/times.txt".to_owned(), "# arrivals\n0.5\n1.5, extra\n\n9\n".to_owned())),
        "bad.txt" => Ok(("dir/bad.txt".to_owned(), "1\nsoon\n".to_owned())),
        _ => Err("no such file".to_owned()),
    })
}

fn errors(src: &str) -> Vec<Diagnostic> {
    load(src, &[]).expect_err("should not load")
}

const MINIMAL: &str = "format = 1\n[scenario]\nid = \"m\"\ntitle = \"M\"\n[[sources]]\nkind = \"s3\"\n\
                       arrival = { process = \"burst\", count = 1 }\n";

#[test]
fn omitted_keys_take_lambdas_defaults() {
    let s = load(MINIMAL, &[]).expect("loads").scenario;
    assert_eq!(s.function.timeout_s, 3);
    assert_eq!(s.function.memory_mb, 128);
    assert_eq!(s.function.architecture.id(), "x86_64");
    assert_eq!(s.account.concurrency_limit, 1000);
    assert_eq!(s.account.scale_per_10s, 1000);
    assert_eq!(s.account.idle_expiry_s, 600);
    assert_eq!(s.duration_s, defaults::DURATION_S);
    let sim::scenario::Settings::Async(a) = s.sources[0].settings else { panic!("s3 is asynchronous") };
    assert_eq!(a.max_retry_attempts, 2);
    assert_eq!(a.max_event_age_s, 21_600);
    assert_eq!(a.on_failure, sim::scenario::OnFailure::None, "Lambda's default: no destination");
}

#[test]
fn every_problem_is_reported_at_once_with_its_place() {
    let src = "format = 1\n[scenario]\nid = \"x\"\ntitle = \"T\"\n[function]\nmemory_mb = 99999\nmemroy_mb = 1\n\
               timeout_s = 901\n[[sources]]\nkind = \"api-gatway\"\narrival = { process = \"poisson\", rate_per_s = 1 }\n";
    let d = errors(src);
    let places: Vec<(usize, usize)> = d.iter().map(|d| (d.line, d.column)).collect();
    assert_eq!(places, vec![(6, 13), (7, 1), (8, 13), (10, 8)], "{d:?}");
    assert!(d[0].message.contains("between 128 and 10240"), "{}", d[0]);
    assert!(d[1].message.contains("did you mean `memory_mb`"), "{}", d[1]);
    assert!(d[3].message.contains("did you mean \"api-gateway\""), "{}", d[3]);
    assert_eq!(d[0].to_string(), "s.toml:6:13: error: `memory_mb` must be between 128 and 10240 MB, found 99999");
}

#[test]
fn syntax_errors_and_wrong_types_have_places() {
    let d = errors("format = 1\n[scenario\n");
    assert_eq!((d[0].line, d[0].column), (2, 10));
    let d = errors(&MINIMAL.replace("title = \"M\"", "title = 5"));
    assert!(d[0].message.contains("`title` must be a string"), "{}", d[0]);
    assert_eq!(d[0].line, 4);
    let d = errors("format = 2\n");
    assert!(d.iter().any(|d| d.message.contains("`format` must be between 1 and 1")));
    assert!(d.iter().any(|d| d.message.contains("missing the [scenario] table")));
    assert!(errors("").iter().any(|d| d.message.contains("missing `format = 1`")));
    let d = load("format = 1\n\u{0}\u{7f}", &[]).expect_err("garbage");
    assert!(!d.is_empty());
    let d = scenario::load("x.toml", b"format = 1\n\xff\n", &[], &mut |_: &str| Err(String::new())).expect_err("utf-8");
    assert_eq!((d[0].line, d[0].message.as_str()), (2, "file is not valid UTF-8 (byte 0xFF)"));
}

#[test]
fn keys_of_other_source_kinds_are_explained() {
    let d = errors(&format!("{MINIMAL}batch_size = 10\n"));
    assert!(d[0].message.contains("does not apply to an s3 source"), "{}", d[0]);
    assert!(d[0].message.contains("sqs sources"), "{}", d[0]);
}

#[test]
fn lambda_refusals_are_errors() {
    let base = "format = 1\n[scenario]\nid = \"x\"\ntitle = \"T\"\n";
    let d = errors(&format!(
        "{base}[function]\nreserved_concurrency = 950\n[[sources]]\nkind = \"alb\"\narrival = {{ process = \"burst\", count = 1 }}\n"
    ));
    assert!(d[0].message.contains("at most 900 can be reserved"), "{}", d[0]);
    let d = errors(&format!(
        "{base}[function]\nreserved_concurrency = 10\nprovisioned_concurrency = 20\n[[sources]]\nkind = \"alb\"\narrival = {{ process = \"burst\", count = 1 }}\n"
    ));
    assert!(d[0].message.contains("more than the reserved concurrency"), "{}", d[0]);
    let d = errors(&format!(
        "{base}[function]\ntimeout_s = 60\n[[sources]]\nkind = \"sqs\"\narrival = {{ process = \"burst\", count = 1 }}\n"
    ));
    assert!(d[0].message.contains("visibility timeout (30 s) is shorter than the function timeout (60 s)"), "{}", d[0]);
    let d = errors(&format!(
        "{base}[function]\nhandler_ms = {{ dist = \"lognormal\", mean = 10, p99 = 1000 }}\n[[sources]]\nkind = \"alb\"\narrival = {{ process = \"burst\", count = 1 }}\n"
    ));
    assert!(d[0].message.contains("no lognormal has mean 10 and p99 1000"), "{}", d[0]);
    let d = errors(&format!(
        "{base}duration_s = 2592000\n[[sources]]\nkind = \"alb\"\narrival = {{ process = \"poisson\", rate_per_s = 1000000 }}\n"
    ));
    assert!(d[0].message.contains("at most 250000000"), "{}", d[0]);
    let d =
        errors(&format!("{base}[[sources]]\nkind = \"sqs\"\narrival = {{ process = \"burst\", count = 20000000 }}\n"));
    assert!(d[0].message.contains("at most 10000000 of them"), "{}", d[0]);
}

#[test]
fn warnings_do_not_stop_a_run() {
    let src = "format = 1\n[scenario]\nid = \"w\"\ntitle = \"W\"\n[function]\ntimeout_s = 60\n\
               [[sources]]\nkind = \"api-gateway\"\narrival = { process = \"burst\", count = 1 }\n";
    let loaded = load(src, &[]).expect("warnings only");
    assert_eq!(loaded.warnings.len(), 1);
    assert_eq!(loaded.warnings[0].severity, Severity::Warning);
    assert!(loaded.warnings[0].message.contains("29 s"));
}

#[test]
fn trace_files_are_read_through_the_callback() {
    let src = "format = 1\n[scenario]\nid = \"t\"\ntitle = \"T\"\nduration_s = 5\n[[sources]]\nkind = \"alb\"\n\
               arrival = { process = \"trace\", file = \"times.txt\" }\n";
    let loaded = load(src, &[]).expect("loads");
    let sim::scenario::Arrival::Trace { times_s, .. } = &loaded.scenario.sources[0].arrival else { panic!("trace") };
    assert_eq!(times_s, &vec![0.5, 1.5], "9 s is past the duration");
    assert!(loaded.warnings[0].message.contains("after the scenario's duration"));
    let d = errors(&src.replace("times.txt", "bad.txt"));
    assert_eq!(
        d[0].to_string(),
        "dir/bad.txt:2:1: error: expected an arrival time in seconds (a number ≥ 0), found \"soon\""
    );
    let d = errors(&src.replace("times.txt", "missing.txt"));
    assert!(d[0].message.contains("cannot read trace file \"missing.txt\": no such file"), "{}", d[0]);
}

#[test]
fn overrides_change_values_and_are_checked_like_the_file() {
    let s = load(MINIMAL, &["function.memory_mb=1024", "function.runtime=java21", "sources.0.arrival.count=7"])
        .expect("loads")
        .scenario;
    assert_eq!(s.function.memory_mb, 1024);
    assert_eq!(s.function.runtime, "java21");
    assert_eq!(s.sources[0].arrival, sim::scenario::Arrival::Burst { count: 7, at_s: 0.0, over_s: 0.0 });
    let s = load(MINIMAL, &["function.handler_ms={ dist = \"exponential\", mean = 50 }", "account.idle_expiry_s=60"])
        .expect("loads")
        .scenario;
    assert_eq!(s.function.handler_ms, sim::dist::Dist::Exponential { mean: 50.0 });
    assert_eq!(s.account.idle_expiry_s, 60);

    let d = load(MINIMAL, &["function.memoy_mb=1024"]).expect_err("unknown key");
    assert_eq!(d.len(), 1);
    assert!(scenario::is_override_diagnostic(&d[0]));
    assert_eq!(
        scenario::describe(&d[0]),
        "--set function.memoy_mb=1024: error: unknown key `memoy_mb` in [function]; did you mean `memory_mb`?"
    );
    let d = load(MINIMAL, &["function.memory_mb=64"]).expect_err("out of range");
    assert!(d[0].message.contains("between 128 and 10240"));
    let d = load(MINIMAL, &["sources.1.kind=sqs"]).expect_err("no such source");
    assert!(d[0].message.contains("there is no `sources.1`"), "{}", d[0]);
    assert!(Override::parse("no-equals-sign").is_err());
}

#[test]
fn presets_load_cleanly_and_match_their_file_names() {
    let ids = sim::preset_ids();
    assert!(ids.len() >= 12, "{ids:?}");
    for id in [
        "s3-upload-burst",
        "api-flash-crowd",
        "scaling-ramp",
        "sqs-backlog",
        "default-timeout",
        "provisioned-concurrency",
        "keep-alive-cliff",
        "async-poison-dlq",
        "stream-poison-shard",
        "runtime-cold-starts",
        "cost-1m-invocations",
        "reserved-zero",
    ] {
        assert!(ids.iter().any(|i| i == id), "missing preset {id}");
    }
    for id in &ids {
        let (path, bytes) = sim::preset(id).expect("embedded");
        let loaded = sim::load_preset(id, &[]).unwrap_or_else(|d| panic!("{id}: {d:?}"));
        assert_eq!(&loaded.scenario.id, id);
        assert!(loaded.warnings.is_empty(), "{id}: {:?}", loaded.warnings);
        assert!(loaded.scenario.description.contains("**Watch:**"), "{id} says what to watch");
        assert!(sim::validate_scenario(&path, bytes).is_empty(), "{id}");
    }
    assert!(sim::preset_ids().contains(&sim::DEFAULT_PRESET.to_owned()));
}

#[test]
fn validate_scenario_reports_every_problem_and_the_id_mismatch() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("other-name.toml");
    std::fs::write(&path, MINIMAL).expect("write");
    std::fs::write(dir.path().join("t.txt"), "0\n1\n").expect("write");
    let p = path.to_string_lossy().into_owned();
    let d = sim::validate_scenario(&p, MINIMAL.as_bytes());
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].severity, Severity::Warning);
    let with_trace = MINIMAL.replace("{ process = \"burst\", count = 1 }", "{ process = \"trace\", file = \"t.txt\" }");
    let d = sim::validate_scenario(&p, with_trace.as_bytes());
    assert!(d.iter().all(|d| d.severity == Severity::Warning), "{d:?}");
    let d = sim::validate_scenario(&p, with_trace.replace("t.txt", "nope.txt").as_bytes());
    assert!(d.iter().any(Diagnostic::is_error));
}

#[test]
fn summary_metric_reads_dotted_keys() {
    let s = sim::simulate_preset("reserved-zero").expect("runs");
    assert_eq!(sim::summary_metric(&s, "invocations.throttled"), Some(s.invocations.throttled as f64));
    assert_eq!(sim::summary_metric(&s, "invocations.dead_lettered"), Some(60.0));
    assert_eq!(sim::summary_metric(&s, "cold_starts"), Some(0.0));
    assert_eq!(sim::summary_metric(&s, "cost_usd.total"), Some(0.0));
    assert_eq!(sim::summary_metric(&s, "invocations.nope"), None);
    assert_eq!(sim::summary_metric(&s, "scenario"), None, "not a number");
    let keys = sim::summary_metric_keys();
    for k in ["events", "invocations.total", "latency_ms.p99", "environments.average", "cost_usd.provisioned"] {
        assert!(keys.iter().any(|x| x == k), "{k} in {keys:?}");
    }
}

proptest! {
    #![proptest_config(fuzz::config(1_000))]

    #[test]
    fn any_text_loads_or_reports_without_panicking(src in "\\PC{0,300}") {
        let _ = load(&src, &[]);
    }

    #[test]
    fn mutated_presets_never_panic(cut in 0usize..2000, insert in "[\\[\\]{}=\"a-z0-9. \n-]{0,12}") {
        let (_, bytes) = sim::preset("sqs-partial-batch").expect("preset");
        let text = String::from_utf8_lossy(bytes).into_owned();
        let at = text.char_indices().map(|(i, _)| i).nth(cut % text.chars().count()).unwrap_or(0);
        let mutated = format!("{}{insert}{}", &text[..at], &text[at..]);
        if let Ok(loaded) = load(&mutated, &[]) {
            // Whatever still loads must run to a consistent end quickly.
            let mut s = loaded.scenario;
            s.duration_s = s.duration_s.min(60.0);
            let events: f64 = s.sources.iter().map(|x| x.arrival.expected_events(s.duration_s)).sum();
            if events < 100_000.0 {
                let sum = Engine::new(&s, 1).run();
                prop_assert_eq!(sum.invocations.succeeded + sum.invocations.failed + sum.invocations.timed_out, sum.invocations.total);
            }
        }
    }

    #[test]
    fn random_small_scenarios_account_for_every_event(
        kind in prop::sample::select(vec!["api-gateway", "alb", "s3", "sns", "eventbridge", "schedule", "sqs", "dynamodb-stream", "kinesis"]),
        rate in 1u32..60,
        handler in 1u32..3000,
        timeout in 1u32..4,
        error_rate in 0.0f64..0.5,
        poison in 0.0f64..0.1,
        reserved in prop::option::of(0u32..20),
        provisioned in 0u32..5,
        idle in 0u32..30,
        seed in 0u64..1000,
    ) {
        let reserved_line = reserved.map(|r| format!("reserved_concurrency = {r}\n")).unwrap_or_default();
        let provisioned = reserved.map_or(provisioned, |r| provisioned.min(r));
        let extra = match kind {
            "sqs" => "max_receive_count = 2\nvisibility_timeout_s = 10\n",
            "dynamodb-stream" | "kinesis" => "max_retry_attempts = 1\nbisect_on_error = true\nshards = 2\n",
            "api-gateway" | "alb" => "",
            _ => "max_event_age_s = 600\non_failure = \"dlq\"\n",
        };
        let src = format!(
            "format = 1\n[scenario]\nid = \"r\"\ntitle = \"R\"\nduration_s = 20\n[function]\ntimeout_s = {timeout}\n\
             handler_ms = {{ dist = \"exponential\", mean = {handler} }}\nerror_rate = {error_rate}\n{reserved_line}\
             provisioned_concurrency = {provisioned}\n[account]\nidle_expiry_s = {idle}\nconcurrency_limit = 200\nscale_per_10s = 15\n\
             [[sources]]\nkind = \"{kind}\"\narrival = {{ process = \"poisson\", rate_per_s = {rate} }}\npoison_rate = {poison}\n{extra}"
        );
        let loaded = load(&src, &[]).map_err(|d| TestCaseError::fail(format!("{d:?}")))?;
        let s = Engine::new(&loaded.scenario, seed).run();
        let i = s.invocations;
        prop_assert_eq!(i.succeeded + i.failed + i.timed_out, i.total);
        let o = s.event_outcomes;
        prop_assert!(s.finished);
        prop_assert_eq!(o.succeeded + o.failed + o.timed_out + o.rejected + o.gateway_timed_out + o.gateway_throttled + o.dead_lettered + o.dropped, s.events);
        prop_assert!(s.concurrency.peak <= reserved.unwrap_or(200));
        prop_assert!(s.concurrency.average <= s.environments.average + 1e-9);
        prop_assert!(u64::from(s.environments.peak) <= s.environments.created);
    }
}

#[test]
fn at_most_100_sources() {
    let one = "[[sources]]\nkind = \"alb\"\narrival = { process = \"burst\", count = 1 }\n";
    let src = format!("format = 1\n[scenario]\nid = \"x\"\ntitle = \"x\"\n{}", one.repeat(101));
    let errs = errors(&src);
    assert!(errs.iter().any(|d| d.message.starts_with("101 [[sources]]: a scenario may have at most 100")), "{errs:?}");
    let src = format!("format = 1\n[scenario]\nid = \"x\"\ntitle = \"x\"\n{}", one.repeat(100));
    assert!(load(&src, &[]).is_ok());
}

#[test]
fn current_runtime_ids_load_and_a_deprecated_one_warns() {
    // DG lambda-runtimes.html: python3.14 and dotnet10 exist; dotnet8 was
    // deprecated on 10 November 2026.
    for id in ["python3.14", "dotnet10"] {
        let l = load(MINIMAL, &[&format!("function.runtime={id}")]).expect("loads");
        assert!(l.warnings.is_empty(), "{id}: {:?}", l.warnings);
    }
    let l = load(MINIMAL, &["function.runtime=dotnet8"]).expect("still loads");
    assert!(
        l.warnings.iter().any(|d| d.message.contains("deprecated") && d.message.contains("dotnet10")),
        "{:?}",
        l.warnings
    );
}

#[test]
fn provisioned_pollers_exclude_maximum_concurrency() {
    let src = "format = 1\n[scenario]\nid = \"x\"\ntitle = \"x\"\n[[sources]]\nkind = \"sqs\"\n\
               arrival = { process = \"burst\", count = 1 }\nmaximum_concurrency = 10\n\
               provisioned_pollers = { minimum_pollers = 5, maximum_pollers = 3 }\n";
    let errs = errors(src);
    assert!(errs.iter().any(|d| d.message.contains("exclude each other")), "{errs:?}");
    assert!(errs.iter().any(|d| d.message.contains("is above `maximum_pollers`")), "{errs:?}");
}
