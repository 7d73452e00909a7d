//! The real binary in a pseudo-terminal: open a lesson, scroll, search,
//! quit, and check the terminal is handed back.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    fn start(args: &[&str], rows: u16, cols: u16) -> Self {
        let pty = native_pty_system();
        let pair = pty.openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("open pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_lambda-tutor"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        let data = tempfile::tempdir().expect("temp dir");
        cmd.env("LAMBDA_TUTOR_DATA", data.path());
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        std::thread::spawn(move || {
            let _keep_master = pair.master;
            let _keep_data = data;
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

    fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(needle) {
                return screen;
            }
            assert!(start.elapsed() < Duration::from_secs(10), "timed out waiting for {needle:?}; screen:\n{screen}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush");
        // Let the program draw before the next key, as a person would.
        std::thread::sleep(Duration::from_millis(60));
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            assert!(start.elapsed() < Duration::from_secs(10), "program did not exit; screen:\n{}", self.screen());
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn open_a_lesson_scroll_search_and_quit() {
    let mut s = Session::start(&["--color", "never"], 30, 100);
    s.wait_for("lambda-tutor");
    s.wait_for("What serverless computing is");
    s.send("\r");
    s.wait_for("1/19");
    s.send("jjjj");
    s.send(" ");
    s.send("/");
    s.send("Lambda");
    s.send("\r");
    let screen = s.wait_for("hit ");
    assert!(screen.contains("/Lambda"), "{screen}");
    s.send("n");
    s.send("q");
    s.send("q");
    s.wait_for("Course");
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    let raw = s.raw.lock().expect("raw").clone();
    let text = String::from_utf8_lossy(&raw);
    // The alternate screen was entered and left, and the mouse released.
    assert!(text.contains("\x1b[?1049h") && text.contains("\x1b[?1049l"), "alternate screen not restored");
    assert!(text.contains("\x1b[?1000l"), "mouse capture not released");
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut s = Session::start(&[], 24, 80);
    s.wait_for("lambda-tutor");
    let pid = s.child.process_id().expect("pid");
    let status = std::process::Command::new("kill").args(["-TERM", &pid.to_string()]).status().expect("kill");
    assert!(status.success());
    let exit = s.wait_exit();
    assert!(!exit.success());
    std::thread::sleep(Duration::from_millis(100));
    let raw = s.raw.lock().expect("raw").clone();
    let text = String::from_utf8_lossy(&raw);
    assert!(text.contains("\x1b[?1049l"), "alternate screen not left after SIGTERM");
}
