//! Hostile input everywhere input enters, through the real binary: pack,
//! lesson, scenario and import files of every bad shape, `--set`
//! overrides, progress databases, data directories and command-line
//! arguments. For each: the exit code of SPEC.md (0; 1 checked input is
//! wrong; 2 usage or I/O), a message naming the file (with line:column for
//! content), no panic, and an end within the time limit (a hang is killed
//! and fails). Progress databases, data directories and command-line
//! arguments are in `hostile_store.rs`; the escape-sequence side of the
//! same files is in `terminal_safety.rs`.

#[path = "hostile_support/common.rs"]
mod common;

use std::fmt::Write as _;
use std::path::PathBuf;

use common::{PACK_HEAD, Scratch, garbage, s, toml_str, valid_pack};

// ---------------------------------------------------------------- packs

/// `n` card questions as one inline array (about 70 bytes each).
fn pack_with_questions(n: usize) -> String {
    let mut text = String::from("format = 1\nquestions = [\n");
    for i in 0..n {
        let _ =
            writeln!(text, "{{id=\"q{i}\",type=\"card\",topic=\"t\",prompt=\"p\",answer=\"a\",explanation=\"e\"}},");
    }
    text.push_str("]\n");
    text.push_str(PACK_HEAD.trim_start_matches("format = 1\n"));
    text
}

/// A file of pack bytes, what `check` must answer, and the start of the
/// diagnostic it must print (after the path).
struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    code: i32,
    place: &'static str,
}

fn case(name: &'static str, bytes: impl Into<Vec<u8>>, code: i32, place: &'static str) -> Case {
    Case { name, bytes: bytes.into(), code, place }
}

fn pack_cases() -> Vec<Case> {
    let valid = valid_pack();
    let mut mid_utf8 = valid.clone().into_bytes();
    let at = valid.find("one?").expect("prompt");
    mid_utf8.splice(at..at, *b"\xc3\x28");
    let mut nul = valid.clone();
    nul.insert(valid.find("one?").expect("prompt"), '\0');
    let crlf = valid.replace('\n', "\r\n");
    let mut padded = valid.clone();
    // Just under the 8 MiB limit: still read and checked.
    while padded.len() < 7 * 1024 * 1024 {
        padded.push_str("# a long comment line that pads the file towards the limit of eight mebibytes\n");
    }
    let mut long_prompt = valid.replace("Pick one?", &"x".repeat(200_000));
    let _ = writeln!(long_prompt, "# {}", "y".repeat(200_000));
    vec![
        case("empty.toml", "", 1, ":1:1: error: file is empty"),
        case("blank.toml", " \n\t\n\n", 1, ":1:1: error: file is empty"),
        case("bom-only.toml", "\u{feff}", 1, ":1:1: error: file is empty"),
        case("garbage.toml", garbage(4096, 7), 1, ":?:?: error: file is not valid UTF-8"),
        case(
            "utf8-start.toml",
            [b"\xff\xfe".as_slice(), valid.as_bytes()].concat(),
            1,
            ":1:1: error: file is not valid UTF-8",
        ),
        case("utf8-middle.toml", mid_utf8, 1, ":11:16: error: file is not valid UTF-8"),
        case("utf8-end.toml", [valid.as_bytes(), b"\xe2\x82"].concat(), 1, ":15:1: error: file is not valid UTF-8"),
        case("nul.toml", nul, 1, ":11:16: error: TOML syntax error"),
        case("bom.toml", format!("\u{feff}{valid}"), 0, ""),
        case("crlf.toml", crlf.clone(), 0, ""),
        case("bom-crlf.toml", format!("\u{feff}{crlf}"), 0, ""),
        case("lone-cr.toml", valid.replace('\n', "\r"), 1, ":1:"),
        case(
            "nine-mib.toml",
            vec![b'#'; 9 * 1024 * 1024],
            1,
            ":1:1: error: file is larger than the limit of 8388608 bytes",
        ),
        case("seven-mib.toml", padded, 0, ""),
        case("long-lines.toml", long_prompt, 0, ""),
        case("deep-arrays.toml", format!("format = 1\nx = {}\n", "[".repeat(100_000)), 1, ":2:"),
        case(
            "deep-arrays-closed.toml",
            format!("format = 1\nx = {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
            1,
            ":2:",
        ),
        case("deep-tables.toml", format!("format = 1\nx = {}\n", "{a=".repeat(100_000)), 1, ":2:"),
        case("deep-headers.toml", format!("format = 1\n[{}]\n", vec!["a"; 100_000].join(".")), 1, ":"),
        case("deep-dotted.toml", format!("format = 1\n{} = 1\n", vec!["a"; 100_000].join(".")), 1, ":"),
        case("huge-format.toml", "format = 99999999999999999999999\n", 1, ":1:"),
        case("huge-int.toml", valid.replace("id = \"q1\"", "id = 99999999999999999999999"), 1, ":"),
        case("nan-answer.toml", numeric("nan", "0"), 1, ":12:10: error: `answer` must be a finite number"),
        case("inf-answer.toml", numeric("-inf", "0"), 1, ":12:10: error: `answer` must be a finite number"),
        case("overflow-answer.toml", numeric("1e999", "0"), 1, ":12:10:"),
        case("nan-tolerance.toml", numeric("5", "nan"), 1, ":13:13: error: `tolerance` must be a finite number"),
        case("inf-tolerance.toml", numeric("5", "inf"), 1, ":13:13: error: `tolerance` must be a finite number"),
        case("max-float.toml", numeric("1.7976931348623157e308", "1.7976931348623157e308"), 0, ""),
        case(
            "over-limit.toml",
            pack_with_questions(100_000),
            1,
            ":50003:1: error: a pack holds at most 50000 questions",
        ),
    ]
}

/// A numeric question with `answer` on line 12 and `tolerance` on line 13.
fn numeric(answer: &str, tolerance: &str) -> String {
    format!(
        "{PACK_HEAD}[[questions]]\nid = \"q\"\ntype = \"numeric\"\ntopic = \"t\"\nprompt = \"How many?\"\n\
         explanation = \"Because the facts sheet says so.\"\nanswer = {answer}\ntolerance = {tolerance}\n"
    )
}

#[test]
fn pack_files_of_every_bad_shape_are_checked_with_places() {
    let dir = Scratch::new();
    for c in pack_cases() {
        let path = dir.write(c.name, &c.bytes);
        let r = dir.run(&["check", s(&path)]);
        r.assert_code(c.code).assert_clean();
        if c.code == 1 {
            r.assert_diagnostic(s(&path), c.place);
        }
    }
}

#[test]
fn bad_pack_files_given_to_quiz_and_packs_are_reported_not_loaded() {
    let dir = Scratch::new();
    for c in pack_cases().into_iter().filter(|c| c.code == 1) {
        let path = dir.write(c.name, &c.bytes);
        // `quiz FILE` checks the file first: wrong input, exit 1, nothing asked.
        let r = dir.run_in(&["quiz", s(&path), "--plain"], b"1\n");
        r.assert_code(1).assert_clean().assert_diagnostic(s(&path), c.place);
        assert!(!r.out().contains("Question 1/"), "{}", r.out());
        // An installed pack with errors is skipped with a message; the rest works.
        let r = dir.run(&["--pack", s(&path), "packs"]);
        r.assert_code(0).assert_clean().assert_stderr_has(s(&path)).assert_stdout_has("lambda-basics");
    }
}

#[test]
fn fifty_thousand_questions_load_and_are_quizzed() {
    let dir = Scratch::new();
    let path = dir.write("at-limit.toml", pack_with_questions(50_000));
    dir.run(&["check", s(&path)]).assert_code(0);
    let r = dir.run_in(&["quiz", s(&path), "--plain", "--count", "1", "--seed", "1"], b"\ngood\n");
    r.assert_code(0).assert_stdout_has("Question 1/1 [t]");
}

#[test]
fn a_pack_path_that_is_not_a_regular_file_is_a_usage_error() {
    let dir = Scratch::new();
    let folder = dir.path("folder.toml");
    std::fs::create_dir(&folder).expect("mkdir");
    let r = dir.run(&["quiz", s(&folder), "--plain"]);
    r.assert_sane().assert_clean();
    assert_ne!(r.code, Some(0));
    let missing = dir.path("missing.toml");
    dir.run(&["check", s(&missing)]).assert_code(2).assert_stderr_has(s(&missing));
    dir.run(&["quiz", s(&missing), "--plain"]).assert_code(2);
    dir.run(&["--pack", s(&missing), "packs"]).assert_code(2).assert_stderr_has(s(&missing));
    if let Some(fifo) = fifo(&dir, "pipe.toml") {
        dir.run(&["check", s(&fifo)]).assert_code(2).assert_stderr_has("not a regular file");
        dir.run(&["quiz", s(&fifo), "--plain"]).assert_code(2).assert_stderr_has("not a regular file");
        let r = dir.run(&["--pack", s(&fifo), "packs"]);
        r.assert_code(0).assert_stderr_has(&format!("{}:1:1: error: not a regular file", s(&fifo)));
    }
}

/// A FIFO with no writer: opening it would block for ever.
fn fifo(dir: &Scratch, name: &str) -> Option<PathBuf> {
    let path = dir.path(name);
    let made = std::process::Command::new("mkfifo").arg(&path).status().ok()?;
    made.success().then_some(path)
}

// -------------------------------------------------------------- lessons

fn front(id: &str, order: u32) -> String {
    format!("+++\nid = \"{id}\"\ntitle = \"Lesson {id}\"\nmodule = \"Hostile\"\norder = {order}\n+++\n")
}

/// Pathological markdown that must load, render within the width, and
/// come back quickly.
fn pathological_lessons() -> Vec<(&'static str, String)> {
    let mut lists = String::new();
    for depth in 0..2_000 {
        lists.push_str(&"  ".repeat(depth));
        lists.push_str("- item\n");
    }
    let table = format!("|{}\n|{}\n|{}\n", " 漢字テーブル |".repeat(60), "---|".repeat(60), " 値😀 |".repeat(60));
    let mut mixed = String::new();
    for depth in 1..=2_000 {
        mixed.push_str(&">".repeat(depth % 50 + 1));
        mixed.push_str(" - 1. text with `code` and *emphasis*\n");
    }
    vec![
        ("quotes", format!("{}{} deep\n", front("quotes", 1), ">".repeat(25_000))),
        ("lists", format!("{}{lists}", front("lists", 2))),
        ("long-line", format!("{}{}\n", front("long-line", 3), "a".repeat(200_000))),
        ("long-words", format!("{}{}\n", front("long-words", 4), "lambda ".repeat(30_000))),
        ("wide-table", format!("{}{table}", front("wide-table", 5))),
        ("emphasis", format!("{}{}x{}\n", front("emphasis", 6), "*".repeat(20_000), "*".repeat(20_000))),
        ("links", format!("{}{}x{}\n", front("links", 7), "[".repeat(10_000), "](u)".repeat(10_000))),
        ("mixed", format!("{}{mixed}", front("mixed", 8))),
        ("crlf", front("crlf", 9).replace('\n', "\r\n") + "Hello\r\n\r\n- a\r\n- b\r\n"),
        ("bom", format!("\u{feff}{}Body.\n", front("bom", 10))),
        ("code", format!("{}```python\n{}\n```\n", front("code", 11), "x = 1\n".repeat(50_000))),
        ("nul", format!("{}a\0b\n", front("nul", 12))),
    ]
}

#[test]
fn pathological_lessons_load_and_render_within_the_width() {
    let dir = Scratch::new();
    let course = dir.path("course");
    for (i, (id, text)) in pathological_lessons().into_iter().enumerate() {
        dir.write(&format!("course/content/{i:02}-{id}.md"), text);
    }
    dir.run(&["check", s(&course)]).assert_code(0).assert_clean();
    let r = dir.run(&["--pack", s(&course), "lessons"]);
    r.assert_code(0).assert_clean();
    for (id, _) in pathological_lessons() {
        assert!(r.out().contains(id), "{id} missing from lessons:\n{}", r.out());
        for width in [1, 37, 80] {
            let r = dir.run(&["--pack", s(&course), "read", id, "--width", &width.to_string()]);
            r.assert_code(0).assert_clean();
            let too_wide = r.out().lines().map(lambda_tutor::text::width).max().unwrap_or(0);
            assert!(too_wide <= width, "{id} at width {width}: a line is {too_wide} columns");
        }
    }
}

fn bad_lessons() -> Vec<Case> {
    let good = front("good", 1) + "Body.\n";
    vec![
        case("empty.md", "", 1, ":1:1: error:"),
        case("garbage.md", garbage(3000, 3), 1, ":?:?: error: file is not valid UTF-8"),
        case(
            "utf8-front.md",
            [b"+++\nid = \"a\xff\"\n".as_slice(), b"+++\n"].concat(),
            1,
            ":2:8: error: file is not valid UTF-8",
        ),
        case(
            "utf8-body.md",
            [good.as_bytes(), b"ok\nbad \xc0 here\n"].concat(),
            1,
            ":9:5: error: file is not valid UTF-8",
        ),
        case("no-front.md", "# Just a heading\n", 1, ":1:1: error: a lesson must start with TOML front matter"),
        case("unclosed.md", "+++\nid = \"a\"\n", 1, ":?:?: error: front matter is not closed"),
        case("deep-front.md", format!("+++\nx = {}\n+++\n", "[".repeat(100_000)), 1, ":2:"),
        case("bad-id.md", good.replace("\"good\"", "\"Bad Id\""), 1, ":2:1: error: lesson id"),
        case("huge-order.md", good.replace("order = 1", "order = 99999999999999999999"), 1, ":5:"),
        case("negative-order.md", good.replace("order = 1", "order = -1"), 1, ":5:"),
        case(
            "nine-mib.md",
            [good.as_bytes(), &vec![b'a'; 9 * 1024 * 1024]].concat(),
            1,
            ":1:1: error: file is larger than the limit",
        ),
    ]
}

#[test]
fn bad_lessons_are_reported_with_places_and_skipped() {
    let dir = Scratch::new();
    let course = dir.path("course");
    dir.write("course/content/00-fine.md", front("fine", 1) + "Fine.\n");
    for c in bad_lessons() {
        dir.write(&format!("course/content/{}", c.name), &c.bytes);
    }
    let r = dir.run(&["check", s(&course)]);
    r.assert_code(1).assert_clean();
    for c in bad_lessons() {
        r.assert_diagnostic(s(&course.join("content").join(c.name)), c.place);
    }
    // Loading skips them, says so, and keeps the good lesson.
    let r = dir.run(&["--pack", s(&course), "lessons"]);
    r.assert_code(0).assert_clean().assert_stdout_has("fine");
    for c in bad_lessons() {
        r.assert_stderr_has(c.name);
    }
    dir.run(&["--pack", s(&course), "read", "fine"]).assert_code(0).assert_stdout_has("Fine.");
}

#[test]
fn read_of_a_bad_markdown_file_names_it() {
    let dir = Scratch::new();
    let empty = dir.write("empty.md", "");
    dir.run(&["read", s(&empty)]).assert_code(0).assert_clean();
    let bom = dir.write("bom.md", "\u{feff}# Title\r\n\r\nText\r\n");
    dir.run(&["read", s(&bom)]).assert_code(0).assert_clean().assert_stdout_has("Text");
    let bad = dir.write("bad.md", b"line one\nline \xfe two\n");
    dir.run(&["read", s(&bad)])
        .assert_code(1)
        .assert_stderr_has(&format!("{}:2:6: error: file is not valid UTF-8", s(&bad)));
    let big = dir.write("big.md", vec![b'a'; 9 * 1024 * 1024]);
    dir.run(&["read", s(&big)]).assert_code(1).assert_stderr_has(&format!("{}:1:1: error: file is larger", s(&big)));
    let folder = dir.path("folder.md");
    std::fs::create_dir(&folder).expect("mkdir");
    dir.run(&["read", s(&folder)]).assert_code(2).assert_stderr_has(s(&folder));
    dir.run(&["read", "no-such-lesson-or-file"]).assert_code(2).assert_stderr_has("no-such-lesson-or-file");
    if let Some(fifo) = fifo(&dir, "pipe.md") {
        dir.run(&["read", s(&fifo)]).assert_code(2).assert_stderr_has("not a regular file");
    }
    for width in ["0", "-1", "99999999999999999999999", "nan"] {
        dir.run(&["read", s(&bom), "--width", width]).assert_sane();
    }
    let r = dir.run(&["read", s(&bom), "--width", "100000"]);
    r.assert_code(0).assert_stdout_has("Text");
}

// ------------------------------------------------------------ scenarios

const SCENARIO: &str = "format = 1\n[scenario]\nid = \"h\"\ntitle = \"H\"\nduration_s = 10\n[function]\nmemory_mb = 256\n\
                        [[sources]]\nkind = \"s3\"\narrival = { process = \"constant\", rate_per_s = 5 }\n";

fn scenario_cases() -> Vec<Case> {
    let absurd = "format = 1\n[scenario]\nid = \"absurd\"\ntitle = \"Absurd\"\nduration_s = 1e9\nseed = -1\n\
                  [function]\nmemory_mb = 0\ntimeout_s = -5\nhandler_ms = { dist = \"fixed\", value = -1 }\n\
                  error_rate = 2\nreserved_concurrency = -3\n[account]\nconcurrency_limit = -1\nscale_per_10s = 0\n\
                  idle_expiry_s = -1\n[[sources]]\nkind = \"api-gateway\"\n\
                  arrival = { process = \"poisson\", rate_per_s = 1e12 }\n";
    let not_finite = "format = 1\n[scenario]\nid = \"nan\"\ntitle = \"NaN\"\nduration_s = nan\n[function]\n\
                      handler_ms = { dist = \"lognormal\", mean = inf, p99 = -inf }\nerror_rate = nan\n\
                      [[sources]]\nkind = \"sqs\"\narrival = { process = \"step\", steps = [[nan, 1], [0, inf]] }\n";
    vec![
        case("empty.toml", "", 1, ":1:1: error:"),
        case("garbage.toml", garbage(2048, 11), 1, ":?:?: error: file is not valid UTF-8"),
        case("utf8.toml", [SCENARIO.as_bytes(), b"# \xff\n"].concat(), 1, ":11:3: error: file is not valid UTF-8"),
        case("deep.toml", format!("format = 1\nx = {}\n", "[".repeat(100_000)), 1, ":2:"),
        case("absurd.toml", absurd, 1, ":5:14: error: `duration_s` must be between"),
        case("not-finite.toml", not_finite, 1, ":5:14: error:"),
        case("huge-int.toml", SCENARIO.replace("memory_mb = 256", "memory_mb = 99999999999999999999999"), 1, ":7:"),
        case("trace-zero.toml", trace_scenario("/dev/zero"), 1, ":10:"),
        case("trace-dir.toml", trace_scenario("/"), 1, ":10:"),
        case("nine-mib.toml", vec![b'#'; 9 * 1024 * 1024], 1, ":1:1: error: file is larger than the limit"),
    ]
}

fn trace_scenario(file: &str) -> String {
    format!(
        "format = 1\n[scenario]\nid = \"t\"\ntitle = \"T\"\nduration_s = 10\n[function]\nmemory_mb = 256\n\
         [[sources]]\nkind = \"s3\"\narrival = {{ process = \"trace\", file = {} }}\n",
        toml_str(file)
    )
}

#[test]
fn scenario_files_of_every_bad_shape_are_diagnosed_not_run() {
    let dir = Scratch::new();
    for c in scenario_cases() {
        let path = dir.write(c.name, &c.bytes);
        let r = dir.run(&["simulate", s(&path), "--json"]);
        r.assert_code(c.code).assert_clean().assert_diagnostic(s(&path), c.place);
        assert!(r.stdout.is_empty(), "no summary for a broken scenario: {}", r.out());
        // `check` reads a scenario in a scenarios/ folder. This build's
        // check reads its syntax only (the simulator's full validation is
        // wired in on the visualizer branch): values out of range pass
        // here, and must at least not break it.
        let checked = dir.write(&format!("scenarios/{}", c.name), &c.bytes);
        let r = dir.run(&["check", s(&checked)]);
        r.assert_sane().assert_clean();
        let semantic =
            ["absurd.toml", "not-finite.toml", "huge-int.toml", "trace-zero.toml", "trace-dir.toml"].contains(&c.name);
        if !semantic || r.code != Some(0) {
            r.assert_code(1).assert_stderr_has(s(&checked));
        }
    }
    if let Some(fifo) = fifo(&dir, "pipe.txt") {
        let path = dir.write("trace-fifo.toml", trace_scenario(s(&fifo)));
        let r = dir.run(&["simulate", s(&path), "--json"]);
        r.assert_code(1).assert_stderr_has("not a regular file");
    }
    let path = dir.write("trace-big.toml", trace_scenario("big.txt"));
    dir.write("big.txt", "1\n".repeat(5 * 1024 * 1024));
    dir.run(&["simulate", s(&path), "--json"]).assert_code(1).assert_stderr_has("larger than the limit");
}

#[test]
fn every_absurd_value_of_a_scenario_is_reported_at_once() {
    let dir = Scratch::new();
    let cases = scenario_cases();
    let absurd = cases.iter().find(|c| c.name == "absurd.toml").expect("absurd");
    let path = dir.write("absurd.toml", &absurd.bytes);
    let r = dir.run(&["simulate", s(&path), "--json"]);
    r.assert_code(1);
    for key in ["duration_s", "memory_mb", "timeout_s", "value", "error_rate", "concurrency_limit", "rate_per_s"] {
        r.assert_stderr_has(&format!("`{key}`"));
    }
}

#[test]
fn scenarios_with_crlf_and_a_bom_run() {
    let dir = Scratch::new();
    for (name, text) in [("crlf.toml", SCENARIO.replace('\n', "\r\n")), ("bom.toml", format!("\u{feff}{SCENARIO}"))] {
        let path = dir.write(name, text);
        let r = dir.run(&["simulate", s(&path), "--json"]);
        r.assert_code(0).assert_clean();
        let summary: serde_json::Value = serde_json::from_slice(&r.stdout).expect("JSON summary");
        assert_eq!(summary["events"], 50, "{summary}");
    }
}

#[test]
fn set_overrides_with_garbage_are_usage_errors() {
    let dir = Scratch::new();
    let long_value = format!("function.memory_mb={}", "[".repeat(100_000));
    let long_key = format!("{}=1", vec!["a"; 10_000].join("."));
    let values: Vec<String> = [
        "",
        "=",
        "=1",
        "a",
        "function.memory_mb=",
        "function.memory_mb=nan",
        "function.memory_mb=inf",
        "function.memory_mb=-inf",
        "function.memory_mb=1e999",
        "function.memory_mb=99999999999999999999999",
        "function.memory_mb=-1",
        "function.memory_mb=\"1024\"",
        "function.memory_mb={",
        "function.memory_mb.x.y=1",
        "function=1",
        "scenario.duration_s=1e9",
        "scenario.duration_s=nan",
        "sources.0.arrival.rate_per_s=1e12",
        "sources.99999999999999999999.kind=\"s3\"",
        "sources.-1.kind=\"s3\"",
        "sources=[]",
        "account.concurrency_limit=0",
        "function.handler_ms={ dist = \"fixed\", value = nan }",
        "\u{1b}[2J=1",
        "function.runtime=\u{1b}]0;pwned\u{7}",
        "function.runtime=\u{9b}2J\u{202e}",
        "ключ=значение",
    ]
    .iter()
    .map(|v| (*v).to_owned())
    .chain([long_value, long_key])
    .collect();
    for value in &values {
        let r = dir.run(&["simulate", "--json", "--set", value.as_str()]);
        r.assert_code(2).assert_clean();
        assert!(r.stdout.is_empty(), "{value:?}: {}", r.out());
        assert!(r.err().contains("--set"), "{value:?}: the message names --set: {}", r.err());
    }
    // A good override still runs.
    let r = dir.run(&["simulate", "--json", "--set", "function.memory_mb=1024"]);
    r.assert_code(0);
    let summary: serde_json::Value = serde_json::from_slice(&r.stdout).expect("JSON");
    assert!(summary["invocations"]["total"].as_u64().is_some_and(|n| n > 0), "{summary}");
}

#[test]
fn the_largest_legal_scenario_sizes_are_refused_or_run_bounded() {
    let dir = Scratch::new();
    // More events than the simulator takes: refused up front, with the reason.
    let flood =
        SCENARIO.replace("duration_s = 10", "duration_s = 2592000").replace("rate_per_s = 5", "rate_per_s = 10000000");
    let path = dir.write("flood.toml", flood);
    dir.run(&["simulate", s(&path), "--json"]).assert_code(1).assert_stderr_has("the simulator runs at most");
    // A queue that can never drain (reserved 0, no DLQ) ends with every event accounted for.
    let stuck = "format = 1\n[scenario]\nid = \"stuck\"\ntitle = \"Stuck\"\nduration_s = 5\n[function]\n\
                 reserved_concurrency = 0\n[[sources]]\nkind = \"sqs\"\narrival = { process = \"burst\", count = 100000 }\n";
    let path = dir.write("stuck.toml", stuck);
    let r = dir.run(&["simulate", s(&path), "--json"]);
    r.assert_sane().assert_clean();
    let summary: serde_json::Value = serde_json::from_slice(&r.stdout).expect("JSON");
    assert_eq!(summary["events"], 100_000, "{summary}");
}

// -------------------------------------------------------------- imports

fn import_cases() -> Vec<(&'static str, &'static str, Vec<u8>, i32)> {
    let aiken_one = "What is the default timeout?\nA. 1 second\nB. 3 seconds\nANSWER: B\n\n";
    // Over 8 MiB once written as a pack, though under 50,000 questions.
    let mut aiken_many = String::new();
    for i in 0..60_000 {
        // Long enough that 50,000 of them are over 8 MiB once written.
        let _ = write!(
            aiken_many,
            "Question {i}: which of these two letters comes first in the Latin alphabet, as taught in school?\nA. a\nB. b\nANSWER: A\n\n"
        );
    }
    // Over 50,000 questions, though small enough to write in 8 MiB.
    let mut anki_many = String::from("#separator:tab\n#html:false\n");
    for i in 0..60_000 {
        let _ = writeln!(anki_many, "Q{i}\tA");
    }
    let gift_one = "::t:: Which is right? {=yes ~no}\n";
    let markdown_one = "# Which is right?\n\n- [x] yes\n- [ ] no\n";
    let mdbook_one = "[[questions]]\ntype = \"MultipleChoice\"\nprompt.prompt = \"Which?\"\n\
                      prompt.distractors = [\"no\"]\nanswer.answer = \"yes\"\n";
    let anki_one = "#separator:tab\n#html:false\nWhat is Lambda?\tA compute service\n";
    let mut out = Vec::new();
    for (format, ext, one) in [
        ("aiken", "txt", aiken_one),
        ("gift", "gift", gift_one),
        ("markdown", "md", markdown_one),
        ("mdbook-quiz", "toml", mdbook_one),
        ("anki", "txt", anki_one),
    ] {
        out.push((format, "empty", Vec::new(), 1));
        out.push((format, "garbage", garbage(5000, 5), 1));
        out.push((format, "utf8", [one.as_bytes(), b"\xff\xfe"].concat(), 1));
        out.push((format, "bom", format!("\u{feff}{one}").into_bytes(), 0));
        out.push((format, "crlf", one.replace('\n', "\r\n").into_bytes(), 0));
        out.push((format, "nine-mib", [one.as_bytes(), &vec![b' '; 9 * 1024 * 1024]].concat(), 1));
        let comment = if format == "mdbook-quiz" { "# " } else { "" };
        out.push((format, "long-line", format!("{one}{comment}{}\n", "z".repeat(200_000)).into_bytes(), 0));
        let _ = ext;
    }
    let deep_gift = format!("::t:: Q {}\n", "{".repeat(100_000));
    out.push(("gift", "deep", deep_gift.into_bytes(), 1));
    let deep_gift_closed = format!("::t:: Q {{={}x{}}}\n", "{".repeat(50_000), "}".repeat(50_000));
    out.push(("gift", "deep-closed", deep_gift_closed.into_bytes(), 0));
    out.push(("mdbook-quiz", "deep", format!("x = {}\n", "[".repeat(100_000)).into_bytes(), 1));
    out.push(("markdown", "deep-quotes", format!("# Q?\n\n{}- [x] a\n- [ ] b\n", ">".repeat(25_000)).into_bytes(), 1));
    let mut deep_list = String::from("# Q?\n\n");
    for depth in 0..2_000 {
        deep_list.push_str(&"  ".repeat(depth));
        deep_list.push_str("- [ ] item\n");
    }
    out.push(("markdown", "deep-lists", deep_list.into_bytes(), 1));
    out.push(("anki", "tabs", format!("#separator:tab\n{}\n", "\t".repeat(100_000)).into_bytes(), 1));
    out.push(("aiken", "over-size", aiken_many.into_bytes(), 0));
    out.push(("anki", "over-limit", anki_many.into_bytes(), 0));
    out
}

#[test]
fn imports_of_every_bad_shape_end_cleanly() {
    let dir = Scratch::new();
    for (format, name, bytes, code) in import_cases() {
        let path = dir.write(&format!("{format}-{name}.in"), &bytes);
        let out = dir.path(&format!("{format}-{name}.toml"));
        let r = dir.run(&["import", s(&path), "--from", format, "-o", s(&out)]);
        r.assert_sane().assert_clean();
        assert_eq!(r.code, Some(code), "{format} {name}: {}", r.err());
        if code == 0 {
            // What an import writes always passes `check`.
            dir.run(&["check", s(&out)]).assert_code(0);
        } else {
            assert!(r.err().contains(s(&path)), "{format} {name}: the message names the file: {}", r.err());
            assert!(!out.exists(), "{format} {name}: nothing written on failure");
        }
        if name == "over-limit" {
            r.assert_stderr_has(":50003: not imported: a pack holds at most 50000 questions");
        }
        if name == "over-size" {
            r.assert_stderr_has("not imported: the pack would be larger than 8388608 bytes");
            let size = std::fs::metadata(&out).expect("written").len();
            assert!(size <= 8 * 1024 * 1024, "{size}");
        }
    }
}

#[test]
fn an_import_path_that_is_not_a_file_is_a_usage_error() {
    let dir = Scratch::new();
    let missing = dir.path("missing.gift");
    dir.run(&["import", s(&missing)]).assert_code(2).assert_stderr_has(s(&missing));
    let folder = dir.path("folder.gift");
    std::fs::create_dir(&folder).expect("mkdir");
    dir.run(&["import", s(&folder)]).assert_code(2).assert_stderr_has(s(&folder));
    if let Some(fifo) = fifo(&dir, "pipe.gift") {
        dir.run(&["import", s(&fifo)]).assert_code(2).assert_stderr_has("not a regular file");
    }
    let unknown = dir.write("what.xyz", "nothing recognisable here");
    dir.run(&["import", s(&unknown)]).assert_code(2).assert_stderr_has(s(&unknown));
    // An output path that cannot be written.
    let gift = dir.write("ok.gift", "::t:: Q? {=a ~b}\n");
    dir.run(&["import", s(&gift), "-o", s(&folder)]).assert_code(2).assert_stderr_has(s(&folder));
}
