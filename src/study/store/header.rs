//! A look at the first 100 bytes of an existing database file before SQLite
//! opens it.
//!
//! SQLite reads lazily: a truncated database opens fine and only fails (or,
//! worse, gets written to) when a query reaches a missing page. Checking the
//! header against the file length costs one small read and catches a
//! truncated copy, a file of random bytes, or something else saved under our
//! name, before anything can write to it. (File format:
//! <https://www.sqlite.org/fileformat.html#the_database_header>.)

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::StoreError;

const MAGIC: &[u8; 16] = b"SQLite format 3\0";
const HEADER_LEN: usize = 100;

/// What the header says about an existing file.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum FileState {
    /// No file: a new database will be created.
    Missing,
    /// An empty file, which is what SQLite leaves when a process dies between
    /// creating the file and its first commit: safe to initialise.
    Empty,
    /// A plausible SQLite database.
    Database,
}

pub(crate) fn check(path: &Path) -> Result<FileState, StoreError> {
    let io = |source| StoreError::Io { path: path.to_path_buf(), source };
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileState::Missing),
        Err(e) => return Err(io(e)),
    };
    let meta = file.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(StoreError::NotADatabase { path: path.to_path_buf(), reason: "it is a directory".into() });
    }
    let len = meta.len();
    if len == 0 {
        return Ok(FileState::Empty);
    }
    let not_db = |reason: &str| StoreError::NotADatabase { path: path.to_path_buf(), reason: reason.to_owned() };
    let mut header = [0u8; HEADER_LEN];
    if len < HEADER_LEN as u64 {
        return Err(not_db("the file is too short to be a SQLite database"));
    }
    file.read_exact(&mut header).map_err(io)?;
    if &header[..16] != MAGIC {
        return Err(not_db("the file does not start with the SQLite header"));
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n if n >= 512 && n.is_power_of_two() => u64::from(n),
        _ => return Err(not_db("the SQLite header gives an impossible page size")),
    };
    let corrupt = |detail: String| StoreError::Corrupt { path: path.to_path_buf(), detail };
    if len % page_size != 0 {
        return Err(corrupt(format!("its length, {len} bytes, is not a whole number of {page_size}-byte pages")));
    }
    // The page count in the header is only meaningful when the change counter
    // matches the "version valid for" field (older writers did not keep it).
    let be32 = |at: usize| u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]]);
    let pages = u64::from(be32(28));
    if pages > 0 && be32(24) == be32(92) && len < pages * page_size {
        return Err(corrupt(format!(
            "it is truncated: {len} bytes where its header promises {pages} pages of {page_size} bytes"
        )));
    }
    Ok(FileState::Database)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).expect("write");
        p
    }

    #[test]
    fn classifies_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(check(&dir.path().join("none")).expect("missing"), FileState::Missing);
        assert_eq!(check(&write(&dir, "empty", b"")).expect("empty"), FileState::Empty);
        assert!(matches!(check(&write(&dir, "short", b"hello")), Err(StoreError::NotADatabase { .. })));
        assert!(matches!(check(&write(&dir, "text", &[b'x'; 4096])), Err(StoreError::NotADatabase { .. })));
        assert!(matches!(check(dir.path()), Err(StoreError::NotADatabase { .. })));
    }

    #[test]
    fn truncation_is_caught() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut h = vec![0u8; 4096 * 2];
        h[..16].copy_from_slice(MAGIC);
        h[16..18].copy_from_slice(&4096u16.to_be_bytes());
        h[24..28].copy_from_slice(&7u32.to_be_bytes());
        h[92..96].copy_from_slice(&7u32.to_be_bytes());
        h[28..32].copy_from_slice(&3u32.to_be_bytes());
        assert!(matches!(check(&write(&dir, "trunc", &h)), Err(StoreError::Corrupt { .. })));
        h[28..32].copy_from_slice(&2u32.to_be_bytes());
        assert_eq!(check(&write(&dir, "ok", &h)).expect("whole"), FileState::Database);
        assert!(matches!(check(&write(&dir, "ragged", &h[..5000])), Err(StoreError::Corrupt { .. })));
    }
}
