//! The progress database: SQLite in `<data dir>/progress.sqlite3`.
//!
//! Durability and sharing, and why:
//! - **WAL journal**: readers never block the writer and a crash never leaves
//!   a half-written page in the database; recovery happens on the next open.
//! - **`synchronous = NORMAL`**: in WAL mode a commit is complete once it is
//!   in the WAL file, so a killed process (SPEC.md's promise; tested with
//!   SIGKILL) loses nothing committed and the database is never corrupted.
//!   FULL adds an fsync per commit, which only matters on a power cut or OS
//!   crash (then the last few answers since the previous checkpoint could be
//!   lost, never the file). Measured here, FULL costs 3.8 ms per answer
//!   against 0.3 ms: most of the 5 ms key-to-frame budget on every answer,
//!   and more on a slow laptop disk. Closing the store checkpoints with an
//!   fsync, so after a clean exit even a power cut loses nothing.
//! - **One short IMMEDIATE transaction per operation** (an answer and its card
//!   update commit together): a kill loses at most the answer being given. An
//!   IMMEDIATE transaction takes the write lock up front, so two programs never
//!   deadlock upgrading a read to a write.
//! - **`busy_timeout`** of 10 s: a second copy of the program waits for the
//!   other's commit (milliseconds) instead of failing.
//! - **A file we cannot read is never replaced**: the header is checked before
//!   SQLite opens the file, and every error names the path.
//! - **Opening is cheap**: a 100-byte header read, a handful of pragmas, and
//!   migrations only when `user_version` is behind.

mod answers;
mod drills;
mod error;
mod header;
mod labs;
mod learner;
mod lessons;
mod meta;
pub mod schema;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

pub use answers::{AnswerInput, AnswerRow, Recorded};
pub use drills::{DrillId, DrillQuestion, DrillReport, DrillSpec, DrillSummary, TopicScore};
pub use error::StoreError;
pub use labs::{LabAttempt, LabProgress};
pub use lessons::LessonProgress;
pub use meta::{QuizProgress, Resume};

use header::FileState;
use learner::os_user;
pub use learner::{clean as clean_learner, os_user as os_learner};
use schema::MigrateError;

/// How long a write waits for another process's transaction to finish.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// How often opening is retried when another copy holds the file (about 5 s in all).
const OPEN_RETRIES: u32 = 60;

/// An open progress database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Who answers: recorded with every answer (see [`Store::learner`]).
    learner: String,
}

impl Store {
    /// Open (creating the directory and the file if needed) the database in
    /// `data_dir`, migrating it to the current schema.
    pub fn open(data_dir: &Path) -> Result<Self, StoreError> {
        Self::open_file(&super::database_path(data_dir))
    }

    /// Open the database in `data_dir` only if it exists: for commands that
    /// just read (`stats`, `history`), which should not leave a file behind.
    pub fn open_existing(data_dir: &Path) -> Result<Option<Self>, StoreError> {
        let path = super::database_path(data_dir);
        match header::check(&path)? {
            FileState::Missing => Ok(None),
            FileState::Empty | FileState::Database => Self::open_checked(path).map(Some),
        }
    }

    /// Open the database file at `path` (creating it if needed).
    pub fn open_file(path: &Path) -> Result<Self, StoreError> {
        if header::check(path)? == FileState::Missing
            && let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io { path: dir.to_path_buf(), source })?;
        }
        // Two copies starting at once race to create, switch to WAL and
        // migrate a new file. SQLite answers some of those collisions with
        // SQLITE_BUSY at once, without waiting on the busy handler (a read
        // that must become a write, a journal-mode change), so the whole
        // open is retried for a while before giving up.
        let mut attempt = 0;
        loop {
            match Self::open_checked(path.to_path_buf()) {
                Err(StoreError::Busy { .. }) if attempt < OPEN_RETRIES => {
                    attempt += 1;
                    std::thread::sleep(Duration::from_millis(10 * u64::from(attempt.min(10))));
                }
                other => return other,
            }
        }
    }

    fn open_checked(path: PathBuf) -> Result<Self, StoreError> {
        let sql = |e| StoreError::sqlite(&path, e);
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(&path, flags).map_err(sql)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sql)?;
        // Read-only checks first: nothing is written to a file we refuse.
        // One read transaction, so the version and the tables are seen at
        // the same moment (another copy may be migrating right now).
        let version = {
            let tx = conn.transaction().map_err(sql)?;
            let version = schema::version(&tx).map_err(sql)?;
            schema::vet(&tx, version).map_err(|e| migrate_error(&path, e))?;
            // Before this open writes to a file it did not write last time
            // (the switch to WAL rewrites the header; a migration rewrites
            // tables), check every page: damage found later, half-way
            // through, would leave the file changed after all. A database
            // already in WAL mode at the latest version is written only by
            // the learner's own answers, and skips the scan.
            let mode: String = tx.pragma_query_value(None, "journal_mode", |r| r.get(0)).map_err(sql)?;
            if version < schema::LATEST || !mode.eq_ignore_ascii_case("wal") {
                let verdict: String = tx.pragma_query_value(None, "quick_check", |r| r.get(0)).map_err(sql)?;
                if verdict != "ok" {
                    return Err(StoreError::Corrupt { path, detail: format!("quick_check: {verdict}") });
                }
                // A version the tables do not match (a damaged header, or
                // another program's file) fails on first use: refuse it now.
                let missing = missing_schema(&tx, version).map_err(sql)?;
                if !missing.is_empty() {
                    let reason = format!("it says schema version {version} but has no {}", missing.join(", "));
                    return Err(StoreError::NotADatabase { path, reason });
                }
                // Ours are UTF-8; the migrations cannot run on another encoding.
                let encoding: String = tx.pragma_query_value(None, "encoding", |r| r.get(0)).map_err(sql)?;
                if version > 0 && !encoding.eq_ignore_ascii_case("UTF-8") {
                    let reason = format!("its text encoding is {encoding}, not UTF-8");
                    return Err(StoreError::NotADatabase { path, reason });
                }
            }
            tx.commit().map_err(sql)?;
            version
        };
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(sql)?;
        conn.pragma_update(None, "foreign_keys", true).map_err(sql)?;
        // Migrate before switching to WAL: the migration is one
        // transaction, so if anything in it fails (a damaged table, a
        // version that lies) SQLite rolls it back and the file is exactly
        // as it was; the switch to WAL rewrites the header for good.
        if version < schema::LATEST {
            schema::migrate(&mut conn, schema::LATEST).map_err(|e| migrate_error(&path, e))?;
        }
        // journal_mode=WAL persists in the file; setting it again is a no-op.
        let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0)).map_err(sql)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Sqlite {
                path,
                source: rusqlite::Error::InvalidParameterName(format!("journal mode stayed {mode}")),
            });
        }
        let mut store = Self { conn, path, learner: String::new() };
        store.learner = store.saved_learner()?.unwrap_or_else(os_user);
        Ok(store)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Run `f` in one IMMEDIATE transaction, committed only if it succeeds.
    fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> rusqlite::Result<T>) -> Result<T, StoreError> {
        let path = &self.path;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::sqlite(path, e))?;
        let value = f(&tx).map_err(|e| StoreError::sqlite(path, e))?;
        tx.commit().map_err(|e| StoreError::sqlite(path, e))?;
        Ok(value)
    }

    /// Run `f` against a consistent snapshot (one read transaction).
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T, StoreError> {
        let sql = |e| StoreError::sqlite(&self.path, e);
        let tx = self.conn.unchecked_transaction().map_err(sql)?;
        let value = f(&tx).map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(value)
    }

    /// Checkpoint the WAL into the database file and shrink it (optional; for
    /// a clean exit, so the data directory holds one up-to-date file).
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(|e| StoreError::sqlite(&self.path, e))
    }
}

fn migrate_error(path: &Path, e: MigrateError) -> StoreError {
    match e {
        MigrateError::TooNew(found) => {
            StoreError::TooNew { path: path.to_path_buf(), found, supported: schema::LATEST }
        }
        MigrateError::Foreign(reason) => StoreError::NotADatabase { path: path.to_path_buf(), reason },
        MigrateError::Sqlite(e) => StoreError::sqlite(path, e),
    }
}

/// The tables schema version `version` has (made by its migrations in
/// memory) that `conn` lacks.
/// What the tables of schema `version` would have and `conn` lacks: whole
/// tables ("meta table") and columns of tables it has ("meta.key column").
/// The open reads and writes these columns right after switching to WAL,
/// which rewrites the header: a lacking column found then would refuse a
/// file already changed.
fn missing_schema(conn: &Connection, version: i64) -> rusqlite::Result<Vec<String>> {
    let steps = usize::try_from(version).unwrap_or(0).min(schema::MIGRATIONS.len());
    let model = Connection::open_in_memory()?;
    for migration in &schema::MIGRATIONS[..steps] {
        model.execute_batch(migration)?;
    }
    let tables = |c: &Connection| -> rusqlite::Result<Vec<String>> {
        let mut stmt = c.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")?;
        stmt.query_map([], |r| r.get(0))?.collect()
    };
    let columns = |c: &Connection, table: &str| -> rusqlite::Result<Vec<String>> {
        let mut stmt = c.prepare("SELECT name FROM pragma_table_info(?1)")?;
        stmt.query_map([table], |r| r.get(0))?.collect()
    };
    let present = tables(conn)?;
    let mut missing = Vec::new();
    for table in tables(&model)? {
        if !present.contains(&table) {
            missing.push(format!("{table} table"));
            continue;
        }
        let have = columns(conn, &table)?;
        for column in columns(&model, &table)? {
            if !have.contains(&column) {
                missing.push(format!("{table}.{column} column"));
            }
        }
    }
    Ok(missing)
}

/// Unix milliseconds of an instant, as stored.
pub(crate) fn to_ms(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

/// The instant stored as `ms` (out-of-range values, from a damaged row, read
/// as the epoch rather than failing the whole query).
pub(crate) fn from_ms(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// A text column read lossily: a row whose text is not UTF-8 (written by
/// another program, or damaged) is shown with U+FFFD in place of the bad
/// bytes instead of making the whole query fail.
pub(crate) fn text(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<String> {
    use rusqlite::types::ValueRef;
    match r.get_ref(i)? {
        ValueRef::Text(bytes) | ValueRef::Blob(bytes) => Ok(String::from_utf8_lossy(bytes).into_owned()),
        _ => r.get(i),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_creates_the_directory_and_a_current_schema() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("a/b");
        let store = Store::open(&data).expect("open");
        assert!(store.path().exists());
        assert_eq!(schema::version(&store.conn).expect("version"), schema::LATEST);
        let mode: String = store.conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).expect("mode");
        assert_eq!(mode, "wal");
        drop(store);
        // Reopening needs no migration and keeps the file.
        Store::open(&data).expect("reopen");
    }

    #[test]
    fn open_existing_does_not_create() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(Store::open_existing(dir.path()).expect("no store").is_none());
        assert!(!super::super::database_path(dir.path()).exists());
    }
}
