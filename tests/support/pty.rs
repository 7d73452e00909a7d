//! The real binary in a pseudo-terminal, read back through a vt100 screen
//! parser: what end-to-end tests drive. Included by each test file with
//! `#[path = "support/pty.rs"] mod pty;`.

#![allow(dead_code)] // Each test file uses a different part of it.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// How long any wait may take before the test fails (generous: CI machines
/// are busy).
const PATIENCE: Duration = Duration::from_secs(15);

pub struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    /// Start `lambda-tutor ARGS` on a rows×cols terminal with its own
    /// temporary data directory.
    pub fn start(args: &[&str], rows: u16, cols: u16) -> Self {
        let data = tempfile::tempdir().expect("temp dir");
        let session = Self::start_in(args, rows, cols, data.path(), &[]);
        // Keep the directory for as long as the reader thread lives.
        std::mem::forget(data);
        session
    }

    /// Start with a given data directory and extra environment variables.
    pub fn start_in(args: &[&str], rows: u16, cols: u16, data: &Path, env: &[(&str, &str)]) -> Self {
        let pair =
            native_pty_system().openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("open pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_lambda-tutor"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("LAMBDA_TUTOR_DATA", data);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        std::thread::spawn(move || {
            let _keep_master = pair.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().expect("parser").process(&buf[..n]);
                r.lock().expect("raw").extend_from_slice(&buf[..n]);
            }
        });
        Self { parser, raw, writer, child }
    }

    /// The text on the emulated screen.
    pub fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    /// Every byte the program wrote so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().expect("raw").clone()
    }

    /// Wait until `needle` is on screen; returns the screen.
    pub fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(needle) {
                return screen;
            }
            assert!(start.elapsed() < PATIENCE, "timed out waiting for {needle:?}; screen:\n{screen}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Type keys, then give the program a moment to draw, as a person would.
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(60));
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            assert!(start.elapsed() < PATIENCE, "program did not exit; screen:\n{}", self.screen());
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}
