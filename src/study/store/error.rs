//! Everything that can go wrong with the progress database, each naming the
//! file so the learner knows what to look at.

use std::path::PathBuf;

use rusqlite::ErrorCode;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file exists but is not a SQLite database (or not ours).
    #[error(
        "{}: not a lambda-tutor progress database ({reason}); it was left untouched (move it aside to start afresh)",
        path.display()
    )]
    NotADatabase { path: PathBuf, reason: String },
    /// A SQLite database whose contents are damaged (e.g. a truncated file).
    #[error(
        "{}: the progress database is damaged ({detail}); it was left untouched (move it aside to start afresh)",
        path.display()
    )]
    Corrupt { path: PathBuf, detail: String },
    /// Written by a newer lambda-tutor: reading it could lose what it knows.
    #[error(
        "{}: the progress database was written by a newer lambda-tutor (schema version {found}; this program \
         knows versions up to {supported}); update lambda-tutor to use it",
        path.display()
    )]
    TooNew { path: PathBuf, found: i64, supported: i64 },
    /// Another process held the write lock for longer than the busy timeout.
    #[error(
        "{}: the progress database stayed locked by another lambda-tutor for over {seconds} s; try again",
        path.display()
    )]
    Busy { path: PathBuf, seconds: u64 },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: {source}", path.display())]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("no data directory could be found for this user; set --data-dir or LAMBDA_TUTOR_DATA")]
    NoDataDir,
}

impl StoreError {
    /// Classify a SQLite error on the database at `path`.
    pub(crate) fn sqlite(path: &std::path::Path, source: rusqlite::Error) -> Self {
        let path = path.to_path_buf();
        match source.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => StoreError::NotADatabase { path, reason: source.to_string() },
            Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt { path, detail: source.to_string() },
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
                StoreError::Busy { path, seconds: super::BUSY_TIMEOUT.as_secs() }
            }
            _ => StoreError::Sqlite { path, source },
        }
    }

    /// The database file this error is about, if any.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            StoreError::NotADatabase { path, .. }
            | StoreError::Corrupt { path, .. }
            | StoreError::TooNew { path, .. }
            | StoreError::Busy { path, .. }
            | StoreError::Io { path, .. }
            | StoreError::Sqlite { path, .. } => Some(path),
            StoreError::NoDataDir => None,
        }
    }
}
