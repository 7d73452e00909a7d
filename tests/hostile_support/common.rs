//! Shared by the hostile-input and terminal-safety tests: the real binary
//! run with a time limit, hostile text, and checks on what came out.
#![allow(dead_code, reason = "each test crate uses its own share of these helpers")]

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_lambda-tutor");

/// Hard limit for one command: a hang kills the program and fails the test
/// instead of stalling CI. Generous, because CI runs debug builds on two
/// shared cores; `LAMBDA_TUTOR_TEST_TIMEOUT` (seconds) changes it. Speed
/// itself is measured in `benches/`, not here.
pub fn time_limit() -> Duration {
    let secs = std::env::var("LAMBDA_TUTOR_TEST_TIMEOUT").ok().and_then(|s| s.parse().ok()).unwrap_or(30);
    Duration::from_secs(secs)
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub args: Vec<String>,
    /// `None` when the program was killed (by the time limit, or a signal).
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub elapsed: Duration,
}

impl Run {
    pub fn out(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    pub fn err(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }

    fn context(&self) -> String {
        let mut stdout = self.out();
        if stdout.len() > 2_000 {
            let cut = (0..=2_000).rev().find(|&i| stdout.is_char_boundary(i)).unwrap_or(0);
            stdout.truncate(cut);
            stdout.push('…');
        }
        let mut stderr = self.err();
        if stderr.len() > 4_000 {
            let cut = (0..=4_000).rev().find(|&i| stderr.is_char_boundary(i)).unwrap_or(0);
            stderr.truncate(cut);
            stderr.push('…');
        }
        format!(
            "\n  args: {:?}\n  exit: {:?} after {:?}\n  stderr: {stderr}\n  stdout: {stdout}",
            self.args.iter().map(|a| a.chars().take(120).collect::<String>()).collect::<Vec<_>>(),
            self.code,
            self.elapsed
        )
    }

    /// No panic, no hang, an exit code of SPEC.md (0, 1 or 2), and output
    /// that is UTF-8 text.
    pub fn assert_sane(&self) -> &Self {
        let err = self.err();
        assert!(!err.contains("panicked"), "the program panicked:{}", self.context());
        assert!(!err.contains("RUST_BACKTRACE"), "the program panicked:{}", self.context());
        assert!(self.code.is_some(), "killed after {:?} (time limit or signal):{}", self.elapsed, self.context());
        assert!(matches!(self.code, Some(0..=2)), "exit code outside SPEC.md's 0/1/2:{}", self.context());
        assert!(std::str::from_utf8(&self.stdout).is_ok(), "stdout is not UTF-8:{}", self.context());
        assert!(std::str::from_utf8(&self.stderr).is_ok(), "stderr is not UTF-8:{}", self.context());
        self
    }

    pub fn assert_code(&self, code: i32) -> &Self {
        self.assert_sane();
        assert_eq!(self.code, Some(code), "unexpected exit code:{}", self.context());
        self
    }

    pub fn assert_stderr_has(&self, needle: &str) -> &Self {
        assert!(self.err().contains(needle), "stderr lacks {needle:?}:{}", self.context());
        self
    }

    /// stderr has a diagnostic for `path` matching `place`, as in
    /// `":12:3: error: file is not valid UTF-8"`, where `?` stands for any
    /// line or column number.
    pub fn assert_diagnostic(&self, path: &str, place: &str) -> &Self {
        let err = self.err();
        let found = err.match_indices(path).any(|(at, _)| matches_place(&err[at + path.len()..], place));
        assert!(found, "stderr lacks a diagnostic {path}{place}:{}", self.context());
        self
    }

    pub fn assert_stdout_has(&self, needle: &str) -> &Self {
        assert!(self.out().contains(needle), "stdout lacks {needle:?}:{}", self.context());
        self
    }

    /// Neither stream carries an escape sequence or a control character.
    pub fn assert_clean(&self) -> &Self {
        if let Err(why) = terminal_safe(&self.stdout) {
            panic!("stdout {why}:{}", self.context());
        }
        if let Err(why) = terminal_safe(&self.stderr) {
            panic!("stderr {why}:{}", self.context());
        }
        self
    }
}

/// Run the binary with `args`, `stdin` piped in and the data directory
/// `data`; killed after [`time_limit`].
pub fn run<S: AsRef<OsStr>>(data: &Path, args: &[S], stdin: &[u8]) -> Run {
    run_with(data, args, stdin, &[])
}

/// [`run`] with extra environment variables.
pub fn run_with<S: AsRef<OsStr>>(data: &Path, args: &[S], stdin: &[u8], env: &[(&str, &OsStr)]) -> Run {
    let mut cmd = assert_cmd::Command::new(BIN);
    cmd.env("LAMBDA_TUTOR_DATA", data).env_remove("NO_COLOR").env("RUST_BACKTRACE", "0");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.args(args).write_stdin(stdin.to_vec()).timeout(time_limit());
    let started = Instant::now();
    let output = cmd.output().expect("the binary runs");
    Run {
        args: args.iter().map(|a| a.as_ref().to_string_lossy().into_owned()).collect(),
        code: output.status.code(),
        stdout: output.stdout,
        stderr: output.stderr,
        elapsed: started.elapsed(),
    }
}

/// Escape sequences and control characters a file might try to smuggle to
/// the terminal: OSC 52 clipboard writes, title changes, hyperlinks, screen
/// and scroll-back clears, cursor moves, device queries (whose replies
/// arrive as typed input), a full reset, DCS, their C1 forms, bidi
/// overrides and lone C0 controls.
pub const SEQUENCES: &[&str] = &[
    "\u{1b}]52;c;cHduZWQ=\u{7}",
    "\u{1b}]0;pwned\u{7}",
    "\u{1b}]8;;http://evil.example/\u{1b}\\",
    "\u{1b}[2J",
    "\u{1b}[H",
    "\u{1b}[3J",
    "\u{1b}[5;5H",
    "\u{1b}[A",
    "\u{1b}[6n",
    "\u{1b}[8;1;1t",
    "\u{1b}c",
    "\u{1b}P+q544e\u{1b}\\",
    "\u{9b}2J",
    "\u{9d}0;pwned\u{9c}",
    "\u{90}q\u{9c}",
    "\u{202e}",
    "\u{2066}",
    "\u{8}\u{8}",
    "\r",
    "\u{7}",
    "\u{7f}",
    "\u{0}",
];

/// Every sequence of [`SEQUENCES`] framed by `YY` and `ZZ`, so that one that
/// got through can be told from the program's own escape sequences.
pub fn hostile() -> String {
    framed(SEQUENCES.iter().copied())
}

/// [`hostile`] without NUL, for places where TOML or the file system cannot
/// carry one.
pub fn hostile_no_nul() -> String {
    framed(SEQUENCES.iter().copied().filter(|s| !s.contains('\0')))
}

fn framed<'a>(sequences: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for s in sequences {
        out.push_str("YY");
        out.push_str(s);
        out.push_str("ZZ");
    }
    out
}

/// `s` as a TOML basic string: every control character escaped (TOML
/// forbids them raw), bidi overrides and C1 controls too, for clarity.
pub fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether a character is one a terminal could act on (C0 other than
/// newline and tab, DEL, C1) or one that reorders text (bidi overrides).
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `Ok` when `bytes` are UTF-8 text with no escape sequence and no control
/// character but newline and tab; else what was found, and where.
pub fn terminal_safe(bytes: &[u8]) -> Result<(), String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("is not UTF-8 ({e})"))?;
    match text.char_indices().find(|&(_, c)| is_unsafe(c)) {
        None => Ok(()),
        Some((at, c)) => {
            let from = (0..=at.saturating_sub(40)).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            let to = (at + 40..=text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
            Err(format!("holds U+{:04X} at byte {at}: …{:?}…", u32::from(c), &text[from..to]))
        }
    }
}

/// [`terminal_safe`] for output that may colour text: SGR sequences
/// (`ESC [ digits ; … m`) are allowed, and nothing else.
pub fn safe_but_sgr(bytes: &[u8]) -> Result<(), String> {
    let mut plain = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0x1b && bytes.get(i + 1) == Some(&b'[') {
            let mut j = i + 2;
            while j < bytes.len() && (bytes[j].is_ascii_digit() || bytes[j] == b';') {
                j += 1;
            }
            if bytes.get(j) == Some(&b'm') {
                i = j + 1;
                continue;
            }
        }
        plain.push(bytes[i]);
        i += 1;
    }
    terminal_safe(&plain)
}

/// A small deterministic generator for "random" garbage (no dependency on
/// a seed that changes between runs).
pub fn garbage(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// Whether `text` starts with `pattern`, where each `?` of the pattern
/// matches one or more digits.
fn matches_place(text: &str, pattern: &str) -> bool {
    let mut rest = text;
    for (i, part) in pattern.split('?').enumerate() {
        if i > 0 {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return false;
            }
            rest = &rest[digits..];
        }
        match rest.strip_prefix(part) {
            Some(r) => rest = r,
            None => return false,
        }
    }
    true
}

/// A scratch directory for files and one for the data directory.
pub struct Scratch {
    pub files: tempfile::TempDir,
    pub data: tempfile::TempDir,
}

impl Scratch {
    pub fn new() -> Self {
        Self { files: tempfile::tempdir().expect("temp dir"), data: tempfile::tempdir().expect("temp dir") }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.files.path().join(name)
    }

    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, bytes).expect("write");
        path
    }

    pub fn run<S: AsRef<OsStr>>(&self, args: &[S]) -> Run {
        run(self.data.path(), args, b"")
    }

    pub fn run_in<S: AsRef<OsStr>>(&self, args: &[S], stdin: &[u8]) -> Run {
        run(self.data.path(), args, stdin)
    }
}

pub fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

pub const PACK_HEAD: &str = "format = 1\n[pack]\nid = \"hostile\"\ntitle = \"Hostile\"\nversion = \"1\"\n";

/// A pack that passes `check` with no errors: line 11 is the prompt.
pub fn valid_pack() -> String {
    format!(
        "{PACK_HEAD}\n[[questions]]\nid = \"q1\"\ntype = \"single\"\ntopic = \"t\"\nprompt = \"Pick one?\"\n\
         choices = [\"a\", \"b\"]\nanswer = \"a\"\nexplanation = \"The first is right because the fixture says so.\"\n"
    )
}
