//! Start-up, latency, idle CPU and memory of the real binary, measured in a
//! pseudo-terminal as a learner would meet them. Run with
//! `cargo bench --bench startup` (it builds and uses the release binary).
//!
//! - first frame: spawn → the home screen's title is on the (emulated) screen
//! - lesson frame: Enter on the home screen → the lesson's header is drawn
//! - key-to-frame: a scroll key in the reader → the screen changes
//! - idle CPU: CPU ticks used over 2 s with nothing happening
//! - peak memory: VmHWM after opening a lesson

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const RUNS: usize = 15;

struct Pty {
    parser: Arc<Mutex<vt100::Parser>>,
    bytes: Arc<Mutex<usize>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

fn binary() -> std::path::PathBuf {
    let status = std::process::Command::new(env!("CARGO"))
        .args(["build", "--release", "--quiet", "--bin", "lambda-tutor"])
        .status()
        .expect("cargo build");
    assert!(status.success());
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/lambda-tutor")
}

fn spawn(bin: &std::path::Path, data: &std::path::Path) -> (Pty, Instant) {
    let pair =
        native_pty_system().openpty(PtySize { rows: 40, cols: 120, pixel_width: 0, pixel_height: 0 }).expect("pty");
    let mut cmd = CommandBuilder::new(bin);
    cmd.env("TERM", "xterm-256color");
    cmd.env("LAMBDA_TUTOR_DATA", data);
    let start = Instant::now();
    let child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let writer = pair.master.take_writer().expect("writer");
    let parser = Arc::new(Mutex::new(vt100::Parser::new(40, 120, 0)));
    let bytes = Arc::new(Mutex::new(0));
    let (p, b) = (Arc::clone(&parser), Arc::clone(&bytes));
    std::thread::spawn(move || {
        let _master = pair.master;
        let mut buf = [0u8; 16384];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            p.lock().expect("parser").process(&buf[..n]);
            *b.lock().expect("bytes") += n;
        }
    });
    (Pty { parser, bytes, writer, child }, start)
}

impl Pty {
    fn wait_for(&self, needle: &str) -> Instant {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if self.parser.lock().expect("parser").screen().contents().contains(needle) {
                return Instant::now();
            }
            assert!(Instant::now() < deadline, "timed out waiting for {needle}");
            std::thread::sleep(Duration::from_micros(100));
        }
    }

    fn wait_change(&self, before: usize) -> Instant {
        let deadline = Instant::now() + Duration::from_secs(10);
        while *self.bytes.lock().expect("bytes") == before {
            assert!(Instant::now() < deadline, "no redraw");
            std::thread::sleep(Duration::from_micros(100));
        }
        Instant::now()
    }

    fn send(&mut self, keys: &str) -> Instant {
        self.writer.write_all(keys.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
        Instant::now()
    }

    fn pid(&self) -> u32 {
        self.child.process_id().expect("pid")
    }

    fn quit(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line (11, 12 here).
    fields.get(11).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0)
        + fields.get(12).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0)
}

fn peak_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    // `cargo test --benches` runs this binary too: only measure under `cargo bench`.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let bin = binary();
    let data = tempfile::tempdir().expect("temp dir");
    let (mut first, mut lesson, mut key) = (Vec::new(), Vec::new(), Vec::new());
    let mut idle_ticks = 0;
    let mut peak = 0;
    for run in 0..RUNS {
        let (mut pty, start) = spawn(&bin, data.path());
        first.push(pty.wait_for("lambda-tutor").duration_since(start).as_secs_f64() * 1e3);
        pty.wait_for("Enter to read");
        let sent = pty.send("\r");
        lesson.push(pty.wait_for("1/19").duration_since(sent).as_secs_f64() * 1e3);
        std::thread::sleep(Duration::from_millis(50));
        let before = *pty.bytes.lock().expect("bytes");
        let sent = pty.send("j");
        key.push(pty.wait_change(before).duration_since(sent).as_secs_f64() * 1e3);
        if run == 0 {
            std::thread::sleep(Duration::from_millis(300));
            let t0 = cpu_ticks(pty.pid());
            std::thread::sleep(Duration::from_secs(2));
            idle_ticks = cpu_ticks(pty.pid()) - t0;
            peak = peak_kib(pty.pid());
        }
        pty.quit();
    }
    println!("startup/first frame of home     median {:>7.2} ms over {RUNS} runs", median(first));
    println!("startup/Enter → lesson frame    median {:>7.2} ms", median(lesson));
    println!("latency/key → next frame        median {:>7.2} ms", median(key));
    println!("idle/CPU ticks over 2 s         {idle_ticks} (1 tick = 10 ms)");
    println!("memory/peak resident (VmHWM)    {:.1} MB", peak as f64 / 1024.0);
}
