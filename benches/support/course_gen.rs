//! An instructor's course of the size issue 10 names (400 lessons, 20,000
//! questions in 40 packs), written to a directory, for start-up benchmarks.
//! Deterministic: the same course every time.

#![allow(dead_code)] // Each bench uses a different part of it.

use std::fmt::Write as _;
use std::path::Path;

pub const LESSONS: usize = 400;
pub const PACKS: usize = 40;
pub const QUESTIONS_PER_PACK: usize = 500;

/// Write the course into `dir` (created if missing).
pub fn write_course(dir: &Path) {
    for sub in ["content", "quizzes"] {
        std::fs::create_dir_all(dir.join(sub)).expect("mkdir");
    }
    std::fs::write(dir.join("course.toml"), "id = \"big-course\"\ntitle = \"A big instructor course\"\n")
        .expect("course.toml");
    for i in 0..LESSONS {
        std::fs::write(dir.join(format!("content/{i:03}-lesson-{i}.md")), lesson(i)).expect("lesson");
    }
    for p in 0..PACKS {
        std::fs::write(dir.join(format!("quizzes/pack-{p:02}.toml")), pack(p)).expect("pack");
    }
}

fn lesson(i: usize) -> String {
    let module = i / 20;
    let mut s = format!(
        "+++\nid = \"lesson-{i}\"\ntitle = \"Lesson {i}: concurrency, cold starts and costs\"\n\
         module = \"Module {module}\"\norder = {i}\nminutes = 6\ntopics = [\"topic-{}\"]\n+++\n\n",
        i % 25
    );
    for section in 0..6 {
        let _ = write!(
            s,
            "## Section {section}\n\nA function scales by adding execution environments, each handling one \
             request at a time. When traffic rises faster than the account's scaling rate, requests are \
             throttled; **reserved concurrency** caps a function and *provisioned concurrency* keeps \
             environments warm. See `ConcurrentExecutions` in CloudWatch.\n\n\
             - one environment, one request\n- idle environments are reclaimed\n- init runs once per environment\n\n\
             ```python\ndef handler(event, context):\n    return {{\"status\": {section}}}\n```\n\n"
        );
    }
    s
}

fn pack(p: usize) -> String {
    let mut s = format!(
        "format = 1\n\n[pack]\nid = \"pack-{p}\"\ntitle = \"Pack {p}\"\nversion = \"1.0.0\"\n\
         description = \"Generated questions.\"\n"
    );
    for q in 0..QUESTIONS_PER_PACK {
        let lesson = (p * QUESTIONS_PER_PACK + q) % LESSONS;
        let _ = write!(
            s,
            "\n[[questions]]\nid = \"q-{q}\"\ntopic = \"topic-{}\"\ndifficulty = {}\nlesson = \"lesson-{lesson}\"\n\
             prompt = \"Question {q} of pack {p}: what happens when a burst of requests outruns the warm \
             environments of a function?\"\n\
             explanation = \"New environments start with a cold start, up to the account's scaling rate; \
             the rest are throttled and retried by the caller or the service.\"\n",
            q % 25,
            1 + q % 3
        );
        match q % 5 {
            0 => s.push_str(
                "type = \"single\"\nchoices = [\"They queue forever\", \"New environments cold start\", \
                 \"The function fails\"]\nanswer = \"New environments cold start\"\n",
            ),
            1 => s.push_str(
                "type = \"multiple\"\nchoices = [\"cold starts\", \"throttles\", \"lost events\"]\n\
                 answer = [\"cold starts\", \"throttles\"]\n",
            ),
            2 => s.push_str("type = \"true-false\"\nanswer = true\n"),
            3 => s.push_str("type = \"numeric\"\nanswer = 1000\ntolerance = 0\nunit = \"environments\"\n"),
            _ => s.push_str("type = \"card\"\nanswer = \"Cold starts, then throttling past the scaling rate.\"\n"),
        }
    }
    s
}
