//! Hostile progress databases, data directories and command-line
//! arguments, through the real binary (the files of a course are in
//! `hostile_input.rs`): the exit code of SPEC.md, a message naming the
//! file, no panic, and a database that is never replaced.

#[path = "hostile_support/common.rs"]
mod common;

use std::ffi::OsStr;
use std::path::Path;

use common::{Run, Scratch, garbage, run, run_with, s, valid_pack};

// ------------------------------------------------------------- database

const DB: &str = "progress.sqlite3";

fn fixture_db() -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/db/v1.sqlite3")).expect("fixture db")
}

/// A database the binary made (latest schema), back in rollback-journal
/// mode, after `sql`: its bytes.
fn latest_db_then(sql: &str) -> Vec<u8> {
    let data = tempfile::tempdir().expect("temp dir");
    run(data.path(), &["config", "learner", "Ann"], b"").assert_code(0);
    let path = data.path().join(DB);
    let conn = rusqlite::Connection::open(&path).expect("open");
    let _: String = conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0)).expect("journal mode");
    conn.execute_batch(sql).expect("damage");
    drop(conn);
    std::fs::read(&path).expect("read db")
}

/// `bytes` with `patch` written at `at`.
fn patched(bytes: &[u8], at: usize, patch: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    out[at..at + patch.len()].copy_from_slice(patch);
    out
}

/// The data directory's entries and their bytes, to compare before and after.
fn snapshot(dir: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .expect("read data dir")
        .map(|e| {
            let e = e.expect("entry");
            (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).ok())
        })
        .collect();
    out.sort();
    out
}

/// Run each command that opens the database; each must refuse with exit 2,
/// name the database, and leave the directory exactly as it was.
fn assert_refused(data: &Path, what: &str) {
    let before = snapshot(data);
    let db = data.join(DB);
    for args in
        [&["stats"][..], &["stats", "--json"], &["history", "--format", "json"], &["history", "--format", "csv"]]
    {
        let r = run(data, args, b"");
        r.assert_code(2).assert_clean().assert_stderr_has(s(&db));
        assert!(r.stdout.is_empty(), "{what}: {args:?} printed {}", r.out());
        assert_eq!(snapshot(data), before, "{what}: {args:?} changed the data directory");
    }
    // `quiz --plain` must never replace the database either; a build that
    // records answers refuses to start (exit 2, naming it).
    let r = run(data, &["quiz", "lambda-basics", "--plain", "--count", "1", "--seed", "1"], b"1\n");
    r.assert_sane().assert_clean();
    if r.code != Some(0) {
        r.assert_code(2).assert_stderr_has(s(&db));
    }
    assert_eq!(snapshot(data), before, "{what}: quiz --plain changed the data directory");
}

#[test]
fn a_garbage_truncated_or_misplaced_database_is_reported_never_replaced() {
    let whole = fixture_db();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("garbage", garbage(8192, 99)),
        ("text", b"this is not a database\n".to_vec()),
        ("truncated header", whole[..50].to_vec()),
        ("truncated page", whole[..2048].to_vec()),
        ("truncated pages", whole[..20_000].to_vec()),
        ("header only", [&whole[..100], &vec![0u8; 4096 - 100][..]].concat()),
        ("garbage after the header", [&whole[..100], &garbage(8092, 4)[..]].concat()),
        // Found by fuzzing: each used to be switched to WAL (its header
        // rewritten) before the damage was noticed.
        ("damaged page", patched(&whole, 4096 * 3, &[0xff; 64])),
        ("version that lies", patched(&whole, 60, &[0, 0, 0, 2])),
        ("negative version", patched(&whole, 60, &[0xff, 0, 0, 1])),
    ];
    let mut cases = cases;
    // Found by fuzzing: the right tables but a column missing, noticed
    // only after the switch to WAL had rewritten the header.
    cases.push(("a table without its columns", latest_db_then("DROP TABLE meta; CREATE TABLE meta (value TEXT);")));
    for (what, bytes) in cases {
        let data = tempfile::tempdir().expect("temp dir");
        std::fs::write(data.path().join(DB), &bytes).expect("write db");
        assert_refused(data.path(), what);
    }
    let data = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(data.path().join(DB)).expect("mkdir");
    std::fs::write(data.path().join(DB).join("inside"), "x").expect("write");
    let r = run(data.path(), &["stats"], b"");
    r.assert_code(2).assert_stderr_has(s(&data.path().join(DB)));
    assert!(data.path().join(DB).join("inside").exists());
}

#[test]
fn a_read_only_database_is_reported_never_replaced() {
    use std::os::unix::fs::PermissionsExt as _;
    let data = tempfile::tempdir().expect("temp dir");
    let db = data.path().join(DB);
    std::fs::write(&db, fixture_db()).expect("write db");
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    std::fs::set_permissions(data.path(), std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let before = snapshot(data.path());
    // Root ignores permissions: run the binary as `nobody` then (setpriv,
    // else runuser), so the test means the same under CI's root as on a
    // laptop. Without either it cannot mean anything as root: that fails in
    // CI, and is said aloud elsewhere.
    let root = std::process::Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let runs: Vec<Run> = if root {
        let has =
            |tool: &str| std::process::Command::new(tool).arg("--version").output().is_ok_and(|o| o.status.success());
        let prefix: Vec<&str> = if has("setpriv") {
            vec!["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        } else if has("runuser") {
            vec!["runuser", "-u", "nobody", "--"]
        } else {
            assert!(
                std::env::var_os("CI").is_none(),
                "running as root without setpriv or runuser: cannot test a read-only database"
            );
            eprintln!("SKIPPED a_read_only_database_is_reported_never_replaced: root without setpriv or runuser");
            return;
        };
        // The data directory (0555 above, inside the world-writable temp
        // directory) and the binary are reachable by nobody.
        [&["stats"][..], &["history", "--format", "json"]]
            .iter()
            .map(|args| {
                let mut full = prefix.clone();
                full.push(common::BIN);
                full.extend_from_slice(args);
                let started = std::time::Instant::now();
                let out = std::process::Command::new(full[0])
                    .args(&full[1..])
                    .env("LAMBDA_TUTOR_DATA", data.path())
                    .output()
                    .expect("the privilege-dropping tool runs");
                Run {
                    args: full.iter().map(|a| (*a).to_owned()).collect(),
                    code: out.status.code(),
                    stdout: out.stdout,
                    stderr: out.stderr,
                    elapsed: started.elapsed(),
                }
            })
            .collect()
    } else {
        vec![run(data.path(), &["stats"], b""), run(data.path(), &["history", "--format", "json"], b"")]
    };
    for r in &runs {
        r.assert_code(2).assert_clean().assert_stderr_has(s(&db));
    }
    assert_eq!(snapshot(data.path()), before, "the read-only database was changed");
    std::fs::set_permissions(data.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod back");
}

#[test]
fn a_data_dir_that_is_a_file_is_reported() {
    let dir = Scratch::new();
    let file = dir.write("not-a-dir", "precious");
    for args in [&["stats"][..], &["history", "--format", "csv"]] {
        let mut full = vec!["--data-dir", s(&file)];
        full.extend_from_slice(args);
        dir.run(&full).assert_code(2).assert_clean().assert_stderr_has(s(&file));
        // The same through the environment variable.
        let r = run_with(dir.data.path(), args, b"", &[("LAMBDA_TUTOR_DATA", file.as_os_str())]);
        r.assert_code(2).assert_stderr_has(s(&file));
    }
    for args in [&["packs"][..], &["lessons"], &["quiz", "lambda-basics", "--plain", "--count", "1"]] {
        let mut full = vec!["--data-dir", s(&file)];
        full.extend_from_slice(args);
        let r = dir.run_in(&full, b"1\n");
        r.assert_sane().assert_clean();
        if r.code != Some(0) {
            r.assert_stderr_has(s(&file));
        }
    }
    assert_eq!(std::fs::read(&file).expect("read"), b"precious");
}

// ---------------------------------------------------------- command line

#[test]
fn command_line_arguments_with_control_characters_are_refused_cleanly() {
    let dir = Scratch::new();
    let evil = common::hostile_no_nul();
    let evil = evil.as_str();
    let pack = dir.write("p.toml", valid_pack());
    let cases: Vec<(Vec<&str>, Option<i32>)> = vec![
        (vec![evil], Some(2)),
        (vec!["--color", evil, "lessons"], Some(2)),
        (vec!["read", evil], Some(2)),
        (vec!["read", "execution-limits", "--width", evil], Some(2)),
        (vec!["quiz", evil, "--plain"], Some(2)),
        (vec!["quiz", "--topic", evil, "--plain"], Some(2)),
        (vec!["quiz", "--count", evil], Some(2)),
        (vec!["quiz", s(&pack), "--plain", "--seed", evil], Some(2)),
        (vec!["simulate", evil], Some(2)),
        (vec!["simulate", evil, "--json"], Some(2)),
        (vec!["check", evil], Some(2)),
        (vec!["import", evil], Some(2)),
        (vec!["import", s(&pack), "--from", evil], Some(2)),
        (vec!["export-pack", evil, "--to", "anki"], Some(2)),
        (vec!["--pack", evil, "packs"], Some(2)),
        (vec!["history", "--format", evil], Some(2)),
        (vec!["--data-dir", evil, "stats"], None),
        (vec!["drill", "--topic", evil, "--plain"], Some(2)),
    ];
    for (args, code) in cases {
        let r = dir.run(&args);
        r.assert_sane().assert_clean();
        if let Some(code) = code {
            r.assert_code(code);
        }
    }
    // Arguments that are not UTF-8 at all.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt as _;
        let bad = OsStr::from_bytes(b"\xff\x1b[2J\xfe");
        for args in [vec![OsStr::new("read"), bad], vec![bad], vec![OsStr::new("check"), bad]] {
            dir.run(&args).assert_code(2).assert_clean();
        }
    }
}
