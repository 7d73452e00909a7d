//! The schema and its history. `PRAGMA user_version` holds the version of the
//! schema a database has; `MIGRATIONS[i]` turns version `i` into `i + 1`.
//!
//! To change the schema, append a migration: never edit a released one (a
//! test compares version 1 with the fixture an old program wrote). Migrations
//! run in one IMMEDIATE transaction, so two programs opening an old database
//! at once cannot both migrate it, and a kill mid-migration leaves the old
//! version intact.

use rusqlite::{Connection, TransactionBehavior};

/// `PRAGMA application_id` of our databases ("LTut"), so a SQLite file of
/// another program saved under our name is refused instead of altered.
pub(crate) const APPLICATION_ID: i64 = 0x4C54_7574;

/// All times are Unix milliseconds (UTC). Ids of packs, questions, lessons and
/// courses are the author's strings.
const V1: &str = "
CREATE TABLE lesson_progress (
    course       TEXT NOT NULL,
    lesson       TEXT NOT NULL,
    opened_at    INTEGER NOT NULL,           -- first opened
    last_seen_at INTEGER NOT NULL,           -- last opened or scrolled
    position     INTEGER NOT NULL DEFAULT 0, -- reader's position, opaque here
    completed_at INTEGER,
    PRIMARY KEY (course, lesson)
) WITHOUT ROWID;

-- Every opening and completion, for study-day streaks.
CREATE TABLE lesson_events (
    id     INTEGER PRIMARY KEY,
    course TEXT NOT NULL,
    lesson TEXT NOT NULL,
    kind   TEXT NOT NULL,                    -- 'opened' | 'completed'
    at     INTEGER NOT NULL
);
CREATE INDEX lesson_events_at ON lesson_events (at);

CREATE TABLE answers (
    id           INTEGER PRIMARY KEY,
    pack_id      TEXT NOT NULL,
    question_id  TEXT NOT NULL,
    pack_version TEXT NOT NULL,
    topic        TEXT NOT NULL,
    answered_at  INTEGER NOT NULL,
    mode         TEXT NOT NULL,              -- 'quiz' | 'review' | 'drill'
    correct      INTEGER,                    -- 0/1; NULL for self-graded cards
    grade        TEXT NOT NULL,              -- FSRS rating applied: 'again'..'easy'
    seconds      REAL NOT NULL,
    hints_used   INTEGER NOT NULL
);
CREATE INDEX answers_at ON answers (answered_at);
CREATE INDEX answers_topic ON answers (topic, answered_at);

-- FSRS state per question (rs-fsrs Card); state 0 new, 1 learning, 2 review, 3 relearning.
CREATE TABLE cards (
    pack_id        TEXT NOT NULL,
    question_id    TEXT NOT NULL,
    due            INTEGER NOT NULL,
    stability      REAL NOT NULL,
    difficulty     REAL NOT NULL,
    elapsed_days   INTEGER NOT NULL,
    scheduled_days INTEGER NOT NULL,
    reps           INTEGER NOT NULL,
    lapses         INTEGER NOT NULL,
    state          INTEGER NOT NULL,
    last_review    INTEGER NOT NULL,
    first_seen     INTEGER NOT NULL,
    PRIMARY KEY (pack_id, question_id)
) WITHOUT ROWID;
CREATE INDEX cards_due ON cards (due);
CREATE INDEX cards_first_seen ON cards (first_seen);

-- Small named values: the resume point, settings. Values are JSON.
CREATE TABLE meta (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at INTEGER NOT NULL
) WITHOUT ROWID;
";

/// Version 2: drills, and the learner's response text on every answer.
const V2: &str = "
CREATE TABLE drills (
    id             INTEGER PRIMARY KEY,
    started_at     INTEGER NOT NULL,
    finished_at    INTEGER,                  -- NULL: abandoned or still running
    minutes        INTEGER,                  -- the time budget, or
    question_count INTEGER,                  -- the number of questions asked for
    seed           INTEGER NOT NULL,
    topics         TEXT NOT NULL DEFAULT '[]' -- JSON array of --topic filters
);
ALTER TABLE answers ADD COLUMN response TEXT NOT NULL DEFAULT '';
-- A drill's questions, times and per-topic results are its answers.
ALTER TABLE answers ADD COLUMN drill_id INTEGER REFERENCES drills (id);
CREATE INDEX answers_drill ON answers (drill_id) WHERE drill_id IS NOT NULL;
";

/// Version 3: who answered and what the question was, for class reports
/// over many learners' exports. Answers recorded before keep '' (unknown).
const V3: &str = "
ALTER TABLE answers ADD COLUMN learner TEXT NOT NULL DEFAULT '';
ALTER TABLE answers ADD COLUMN title TEXT NOT NULL DEFAULT '';
";

/// Version 4: lab attempts (`lab ID`, the lab screen): every run, whether
/// it met every goal, and whether the reference solution was applied.
const V4: &str = "
CREATE TABLE lab_attempts (
    id        INTEGER PRIMARY KEY,
    lab_id    TEXT NOT NULL,
    at        INTEGER NOT NULL,
    passed    INTEGER NOT NULL,              -- 0/1: every goal met
    solution  INTEGER NOT NULL,              -- 1: the reference solution was applied, not the learner's
    goals_met INTEGER NOT NULL,
    goals     INTEGER NOT NULL,
    settings  TEXT NOT NULL DEFAULT '{}'     -- JSON object of the knobs the learner set
);
CREATE INDEX lab_attempts_lab ON lab_attempts (lab_id, at);
";

pub(crate) const MIGRATIONS: &[&str] = &[V1, V2, V3, V4];

/// The schema version this program writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// Why a database cannot be brought up to date.
#[derive(Debug)]
pub(crate) enum MigrateError {
    TooNew(i64),
    Foreign(String),
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for MigrateError {
    fn from(e: rusqlite::Error) -> Self {
        MigrateError::Sqlite(e)
    }
}

pub(crate) fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// Refuse what we must not touch: a newer schema, or another program's file.
pub(crate) fn vet(conn: &Connection, version: i64) -> Result<(), MigrateError> {
    if version > LATEST {
        return Err(MigrateError::TooNew(version));
    }
    if version < 0 {
        return Err(MigrateError::Foreign(format!("its schema version {version} is not one lambda-tutor writes")));
    }
    let app: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if app != 0 && app != APPLICATION_ID {
        return Err(MigrateError::Foreign(format!("it belongs to another program (application id {app:#x})")));
    }
    if version == 0 {
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        if tables > 0 {
            return Err(MigrateError::Foreign("it holds tables of another program".into()));
        }
    }
    Ok(())
}

/// Bring the database up to `target` (normally [`LATEST`]).
pub(crate) fn migrate(conn: &mut Connection, target: i64) -> Result<(), MigrateError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Another process may have migrated while we waited for the lock.
    let mut current = version(&tx)?;
    vet(&tx, current)?;
    while current < target {
        let step = usize::try_from(current).map_err(|_| MigrateError::TooNew(current))?;
        tx.execute_batch(MIGRATIONS[step])?;
        current += 1;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", current)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema_of(conn: &Connection) -> Vec<(String, String)> {
        let mut stmt =
            conn.prepare("SELECT name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name").expect("prepare");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("query").collect::<Result<_, _>>().expect("rows")
    }

    #[test]
    fn version_one_is_what_old_programs_wrote() {
        // The fixture is the database a version-1 program left behind; if
        // this fails, a released migration was edited.
        let fixture = Connection::open_in_memory().expect("memory db");
        fixture.execute_batch(include_str!("../../../tests/fixtures/db/v1.sql")).expect("fixture script");
        let mut ours = Connection::open_in_memory().expect("memory db");
        migrate(&mut ours, 1).expect("migrate to 1");
        assert_eq!(schema_of(&ours), schema_of(&fixture));
        assert_eq!(version(&ours).expect("version"), 1);
    }

    #[test]
    fn migrating_twice_is_harmless() {
        let mut conn = Connection::open_in_memory().expect("memory db");
        migrate(&mut conn, LATEST).expect("first");
        migrate(&mut conn, LATEST).expect("second");
        assert_eq!(version(&conn).expect("version"), LATEST);
    }

    #[test]
    fn foreign_databases_are_refused() {
        let mut conn = Connection::open_in_memory().expect("memory db");
        conn.execute_batch("CREATE TABLE t (x)").expect("table");
        assert!(matches!(migrate(&mut conn, LATEST), Err(MigrateError::Foreign(_))));
        let mut conn = Connection::open_in_memory().expect("memory db");
        conn.pragma_update(None, "user_version", LATEST + 1).expect("pragma");
        assert!(matches!(migrate(&mut conn, LATEST), Err(MigrateError::TooNew(_))));
    }
}
