//! Bounded reads: every content file, and every file another file names
//! (a scenario's trace), goes through [`read_bounded`], so a stray
//! multi-gigabyte file or a FIFO cannot stall the program.

use std::path::{Path, PathBuf};

use crate::infra::Diagnostic;

/// Files larger than this are reported, not read: no lesson, pack or
/// scenario needs more, and reading a stray multi-gigabyte file would stall
/// start-up.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Why a file named by the user could not be read as content.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Missing, unreadable, or not a regular file: a usage or I/O error.
    #[error("cannot read {path}: {source}")]
    Io { path: String, source: std::io::Error },
    /// A FIFO, a device or a socket: reading one could block for ever or
    /// never end, so it is refused before it is opened.
    #[error("{path} is not a regular file")]
    NotAFile { path: String },
    /// Over [`MAX_FILE_BYTES`]: the content is wrong, not the command.
    #[error("{path}: file is larger than the limit of {limit} bytes (8 MiB): split it into smaller files", limit = MAX_FILE_BYTES)]
    TooLarge { path: String },
}

impl ReadError {
    /// The path the error is about.
    pub fn path(&self) -> &str {
        match self {
            Self::Io { path, .. } | Self::NotAFile { path } | Self::TooLarge { path } => path,
        }
    }

    /// What went wrong, without the path.
    pub fn reason(&self) -> String {
        match self {
            Self::Io { source, .. } => format!("cannot read: {source}"),
            Self::NotAFile { .. } => "not a regular file".to_owned(),
            Self::TooLarge { .. } => {
                format!("file is larger than the limit of {MAX_FILE_BYTES} bytes (8 MiB): split it into smaller files")
            }
        }
    }

    /// A diagnostic at 1:1 of the file.
    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic::error(self.path(), 1, 1, self.reason())
    }
}

/// [`read_bounded`] for a text file another file names (a scenario's
/// trace file): its text, or why not, without the path.
pub fn read_text(path: &Path) -> Result<String, String> {
    let bytes = read_bounded(path).map_err(|e| e.reason())?;
    String::from_utf8(bytes).map_err(|_| "not valid UTF-8 text".to_owned())
}

/// The reader a scenario loader is given for the trace files it names:
/// relative to `dir` (the scenario's folder), bounded like every content
/// read. `None` is a built-in scenario, which cannot name files. Every
/// place that loads a scenario (check, simulate, the simulator screen,
/// `predict` truth) uses this one, so none can bypass the size cap.
pub fn trace_reader(dir: Option<PathBuf>) -> impl FnMut(&str) -> Result<(String, String), String> {
    move |name: &str| match &dir {
        Some(dir) => {
            let full = dir.join(name);
            let text = read_text(&full)?;
            Ok((full.display().to_string(), text))
        }
        None => Err(format!("built-in scenarios cannot name trace files (asked for {name:?})")),
    }
}

/// Read a file named by the user or found in a course, as content: regular
/// files only (following symbolic links), at most [`MAX_FILE_BYTES`] bytes.
/// The size is checked before reading and enforced while reading, so a
/// file that grows meanwhile cannot get past it either.
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, ReadError> {
    use std::io::Read as _;
    let shown = || path.display().to_string();
    let io = |source| ReadError::Io { path: shown(), source };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(io(std::io::Error::other("it is a directory")));
    }
    if !meta.is_file() {
        return Err(ReadError::NotAFile { path: shown() });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge { path: shown() });
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge { path: shown() });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oversized_files_directories_and_fifos_are_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let big = dir.path().join("big.toml");
        let file = std::fs::File::create(&big).expect("create");
        file.set_len(MAX_FILE_BYTES + 1).expect("grow");
        assert!(matches!(read_bounded(&big), Err(ReadError::TooLarge { .. })));
        let exact = dir.path().join("exact.toml");
        std::fs::File::create(&exact).expect("create").set_len(MAX_FILE_BYTES).expect("grow");
        assert_eq!(read_bounded(&exact).expect("at the limit").len() as u64, MAX_FILE_BYTES);
        assert!(matches!(read_bounded(dir.path()), Err(ReadError::Io { .. })));
        assert!(matches!(read_bounded(&dir.path().join("none")), Err(ReadError::Io { .. })));
        let d = read_bounded(&big).expect_err("too big").to_diagnostic();
        assert!(d.to_string().contains("limit of 8388608 bytes"), "{d}");
    }

    #[test]
    fn the_trace_reader_is_bounded_and_relative_to_the_scenario() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("t.csv"), "0\n1\n").expect("write");
        std::fs::File::create(dir.path().join("big.csv")).expect("create").set_len(MAX_FILE_BYTES + 1).expect("grow");
        let mut read = trace_reader(Some(dir.path().to_path_buf()));
        let (shown, text) = read("t.csv").expect("readable");
        assert!(shown.ends_with("t.csv"), "{shown}");
        assert_eq!(text, "0\n1\n");
        assert!(read("big.csv").expect_err("over the cap").contains("larger than the limit"));
        assert!(trace_reader(None)("t.csv").expect_err("built-in").contains("built-in scenarios"));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_not_opened() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("pipe.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            // Opening a FIFO with no writer would block this test for ever.
            assert!(matches!(read_bounded(&fifo), Err(ReadError::NotAFile { .. })));
        }
    }
}
