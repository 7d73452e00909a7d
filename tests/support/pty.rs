//! The real binary in a pseudo-terminal, read back through a vt100 screen
//! parser: what end-to-end tests drive. Included by each test file with
//! `#[path = "support/pty.rs"] mod pty;`. The one harness of the crate:
//! tests that watch what the terminal is asked to do pass their own vt100
//! callbacks.

#![allow(dead_code)] // Each test file uses a different part of it.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// How long any wait may take before the test fails (generous: CI machines
/// are busy).
const PATIENCE: Duration = Duration::from_secs(15);

/// How often a wait looks again.
const POLL: Duration = Duration::from_millis(10);

/// Output that has stopped for this long means the program is waiting for
/// input (it draws after every event). Used only around a lone Esc.
const QUIET: Duration = Duration::from_millis(60);

/// How long a lone Esc may go unanswered before it is taken as a no-op.
const ESC_ANSWER: Duration = Duration::from_secs(1);

pub struct Session<C: vt100::Callbacks + Send + 'static = ()> {
    parser: Arc<Mutex<vt100::Parser<C>>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    /// The thread that reads the terminal; it ends at end of file, when
    /// the program and everything it started have closed the terminal.
    reader: Option<JoinHandle<()>>,
    /// The data directory of [`Session::start`], removed when the session
    /// ends (after the program has been stopped).
    data: Option<tempfile::TempDir>,
}

impl Session {
    /// Start `lambda-tutor ARGS` on a rows×cols terminal with its own
    /// temporary data directory.
    pub fn start(args: &[&str], rows: u16, cols: u16) -> Self {
        let data = tempfile::tempdir().expect("temp dir");
        let mut session = Self::start_in(args, rows, cols, data.path(), &[]);
        session.data = Some(data);
        session
    }

    /// Start with a given data directory and extra environment variables.
    pub fn start_in(args: &[&str], rows: u16, cols: u16, data: &Path, env: &[(&str, &str)]) -> Self {
        Self::start_with(args, rows, cols, data, env, &[], ())
    }
}

impl<C: vt100::Callbacks + Send + 'static> Session<C> {
    /// Start with a given data directory, environment variables to set and
    /// to remove, and vt100 `callbacks` that see what the program asks of
    /// the terminal besides drawing.
    pub fn start_with(
        args: &[&str],
        rows: u16,
        cols: u16,
        data: &Path,
        env: &[(&str, &str)],
        env_remove: &[&str],
        callbacks: C,
    ) -> Self {
        let pair =
            native_pty_system().openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("open pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_lambda-tutor"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("LAMBDA_TUTOR_DATA", data);
        for (k, v) in env {
            cmd.env(k, v);
        }
        for k in env_remove {
            cmd.env_remove(k);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(rows, cols, 0, callbacks)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        let reader = std::thread::spawn(move || {
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
        Self { parser, raw, writer, child, reader: Some(reader), data: None }
    }

    /// The text on the emulated screen.
    pub fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    /// Every byte the program wrote so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().expect("raw").clone()
    }

    /// Run `f` on the callbacks (what the terminal was asked to do).
    pub fn callbacks<T>(&self, f: impl FnOnce(&C) -> T) -> T {
        f(self.parser.lock().expect("parser").callbacks())
    }

    /// Wait until `needle` is on screen; returns the screen.
    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_until(&format!("{needle:?} on screen"), |screen, _| screen.contains(needle))
    }

    /// Wait until `done(screen, raw bytes so far)` holds; returns the screen.
    pub fn wait_until(&self, what: &str, mut done: impl FnMut(&str, &[u8]) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if done(&screen, &self.raw.lock().expect("raw")) {
                return screen;
            }
            assert!(start.elapsed() < PATIENCE, "timed out waiting for {what}; screen:\n{screen}");
            std::thread::sleep(POLL);
        }
    }

    /// Type keys. The program reads them in order, so nothing needs to wait
    /// between keys; a test waits for what it expects to see instead. A lone
    /// Esc is the exception: a key that arrives with it is read as part of
    /// an escape sequence (`Esc [` starts one), so it is typed only once the
    /// program has drawn everything so far (it is then waiting for input),
    /// and the next key only once the program has answered it.
    pub fn send(&mut self, keys: &str) {
        let lone_esc = keys == "\x1b";
        if lone_esc {
            self.settle();
        }
        let before = self.raw.lock().expect("raw").len();
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush");
        if lone_esc {
            // Esc with nothing to close draws nothing: then go on after a while.
            let start = Instant::now();
            while self.raw.lock().expect("raw").len() == before && start.elapsed() < ESC_ANSWER {
                std::thread::sleep(POLL);
            }
            self.settle();
        }
    }

    /// Wait until the program has written nothing for [`QUIET`].
    fn settle(&self) {
        let start = Instant::now();
        let mut last = (self.raw.lock().expect("raw").len(), Instant::now());
        loop {
            std::thread::sleep(POLL);
            let len = self.raw.lock().expect("raw").len();
            if len != last.0 {
                last = (len, Instant::now());
            } else if last.1.elapsed() >= QUIET {
                return;
            }
            assert!(start.elapsed() < PATIENCE, "the program kept drawing; screen:\n{}", self.screen());
        }
    }

    /// Wait for the program to exit, then for the terminal's end of file,
    /// so that [`Session::raw`] holds everything it wrote.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            if start.elapsed() > PATIENCE {
                let _ = self.child.kill();
                panic!("program did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(POLL);
        };
        self.wait_eof();
        status
    }

    /// Wait until the reader has met the end of file and stopped.
    pub fn wait_eof(&mut self) {
        let start = Instant::now();
        while self.reader.as_ref().is_some_and(|r| !r.is_finished()) {
            assert!(start.elapsed() < PATIENCE, "the terminal was not closed; screen:\n{}", self.screen());
            std::thread::sleep(POLL);
        }
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the reader thread ended cleanly");
        }
    }
}

impl<C: vt100::Callbacks + Send + 'static> Drop for Session<C> {
    /// A failed test leaves no program behind (nor, then, its data directory).
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
