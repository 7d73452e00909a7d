//! Where a course's files come from: the embedded built-in course, an
//! instructor's course directory, or a single pack file. Every source is
//! turned into the same [`CourseFiles`], so the built-in course goes through
//! exactly the loaders an instructor's does.
//!
//! A course directory is laid out like this repository:
//! ```text
//! course.toml           optional: id, title, version, authors
//! content/*.md          lessons (README.md is the authoring guide, not a lesson)
//! quizzes/*.toml        quiz packs
//! scenarios/*.toml      simulator scenarios (or assets/scenarios/*.toml)
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::infra::{Diagnostic, Severity, embedded, read_bounded, toml_message};

/// The optional `course.toml` of a course directory.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct CourseMeta {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub description: Option<String>,
}

/// One file's path (as shown in diagnostics) and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The files of one course, sorted by path within each kind.
#[derive(Debug, Clone, Default)]
pub struct CourseFiles {
    /// `None` for the built-in course.
    pub meta: Option<CourseMeta>,
    /// The directory or file it was read from (`None` for the built-in course).
    pub root: Option<PathBuf>,
    pub lessons: Vec<SourceFile>,
    pub packs: Vec<SourceFile>,
    /// Pack files listed but not read yet ([`CourseFiles::listing_packs`]).
    pub unread_packs: Vec<PathBuf>,
    pub scenarios: Vec<SourceFile>,
    /// Problems met while reading (unreadable files, a bad course.toml).
    pub diagnostics: Vec<Diagnostic>,
}

impl CourseFiles {
    /// The built-in course, from the binary.
    pub fn builtin() -> Self {
        let to_files = |files: Vec<(String, &'static [u8])>| {
            files.into_iter().map(|(path, bytes)| SourceFile { path, bytes: bytes.to_vec() }).collect()
        };
        Self {
            meta: None,
            root: None,
            lessons: to_files(embedded::lessons()),
            packs: to_files(embedded::quiz_packs()),
            scenarios: to_files(embedded::scenarios()),
            ..Self::default()
        }
    }

    /// [`CourseFiles::from_path`], but a directory's pack files are only
    /// listed, in `unread_packs`, for whoever checks them later to read.
    pub fn listing_packs(path: &Path) -> Result<Self, Diagnostic> {
        Self::read(path, false)
    }

    /// A course directory, or a single file (a pack `.toml`, a lesson `.md`).
    pub fn from_path(path: &Path) -> Result<Self, Diagnostic> {
        Self::read(path, true)
    }

    fn read(path: &Path, read_packs: bool) -> Result<Self, Diagnostic> {
        let meta = std::fs::metadata(path)
            .map_err(|e| Diagnostic::error(path.display().to_string(), 1, 1, format!("cannot read: {e}")))?;
        if meta.is_dir() {
            Ok(Self::from_dir(path, read_packs))
        } else {
            let mut files = Self { root: Some(path.to_owned()), ..Self::default() };
            let file = read_file(path)?;
            match path.extension().and_then(|e| e.to_str()) {
                Some("md") => files.lessons.push(file),
                _ => files.packs.push(file),
            }
            Ok(files)
        }
    }

    fn from_dir(dir: &Path, read_packs: bool) -> Self {
        let mut files = Self { root: Some(dir.to_owned()), ..Self::default() };
        let course_toml = dir.join("course.toml");
        if course_toml.is_file() {
            match read_file(&course_toml) {
                Ok(file) => match parse_course_meta(&file) {
                    Ok(meta) => files.meta = Some(meta),
                    Err(d) => files.diagnostics.push(d),
                },
                Err(d) => files.diagnostics.push(d),
            }
        }
        let mut listed = |sub: &str, ext: &str| {
            let (paths, too_many) = list_files(&dir.join(sub), ext);
            files.diagnostics.extend(too_many);
            paths
        };
        let lessons = listed("content", "md");
        let packs = listed("quizzes", "toml");
        let mut scenarios = listed("scenarios", "toml");
        scenarios.extend(listed("assets/scenarios", "toml"));
        let mut read = |paths: Vec<PathBuf>| {
            let mut out = Vec::new();
            for path in paths {
                match read_file(&path) {
                    Ok(file) => out.push(file),
                    Err(d) => files.diagnostics.push(d),
                }
            }
            out
        };
        files.lessons = read(lessons);
        if read_packs {
            files.packs = read(packs);
        } else {
            files.unread_packs = packs;
        }
        files.scenarios = read(scenarios);
        files
    }

    /// A name for messages: the course id, else the folder or file name.
    pub fn label(&self) -> String {
        if let Some(meta) = &self.meta {
            return meta.id.clone();
        }
        self.root
            .as_deref()
            .and_then(|p| p.file_stem())
            .map_or_else(|| "built-in".to_owned(), |s| s.to_string_lossy().into_owned())
    }
}

/// Parse a `course.toml`; a problem is one diagnostic at its place.
pub fn parse_course_meta(file: &SourceFile) -> Result<CourseMeta, Diagnostic> {
    let src = Diagnostic::from_utf8(&file.path, &file.bytes)?;
    toml::from_str::<CourseMeta>(src).map_err(|e| {
        Diagnostic::at_offset(&file.path, src, e.span().map_or(0, |s| s.start), Severity::Error, message(src, &e))
    })
}

/// toml's message; for a key set twice toml says only "duplicate key",
/// so the key is named from the text at the error's place, with the line
/// where it was first set.
fn message(src: &str, e: &toml::de::Error) -> String {
    let message = toml_message(e);
    let key = e.span().and_then(|span| Some((src.get(span.clone())?, span.start)));
    let Some((key, start)) = key.filter(|_| message == "duplicate key") else { return message };
    let bare = |k: &str| k.trim().trim_matches(['"', '\'']).to_owned();
    let key = bare(key);
    let first = src[..start].lines().position(|l| l.split_once('=').is_some_and(|(k, _)| bare(k) == key));
    match first {
        Some(i) => format!("duplicate key `{key}`: it is already set on line {}; keep one", i + 1),
        None => format!("duplicate key `{key}`"),
    }
}

/// The most files of one kind a course folder may hold. A real course has
/// a few hundred lessons at most; a folder with more is a mistake (a
/// generated or copied tree), and reading it would stall start-up.
pub const MAX_FILES_PER_FOLDER: usize = 5_000;

/// Files with extension `ext` directly in `folder` (no recursion: a course
/// keeps one level per kind), sorted, README.md excluded. Listing stops
/// after [`MAX_FILES_PER_FOLDER`]: the files seen by then are read and the
/// folder is reported.
fn list_files(folder: &Path, ext: &str) -> (Vec<PathBuf>, Option<Diagnostic>) {
    let Ok(entries) = std::fs::read_dir(folder) else { return (Vec::new(), None) };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == ext))
        .filter(|p| !p.file_name().is_some_and(|n| n.eq_ignore_ascii_case("README.md")))
        .take(MAX_FILES_PER_FOLDER + 1)
        .collect();
    let too_many = (paths.len() > MAX_FILES_PER_FOLDER).then(|| {
        paths.truncate(MAX_FILES_PER_FOLDER);
        Diagnostic::error(
            folder.display().to_string(),
            1,
            1,
            format!(
                "more than {MAX_FILES_PER_FOLDER} .{ext} files in one folder: only {MAX_FILES_PER_FOLDER} were read; \
                 split the course into several"
            ),
        )
    });
    paths.sort();
    (paths, too_many)
}

/// Why `path`, given with `--pack`, cannot be loaded as an extra course:
/// it does not exist, or it is a directory holding none of a course's
/// files (a mistyped path would otherwise add nothing, silently). `None`
/// for a file (its problems are the loader's to report) or a course
/// directory.
pub fn pack_path_problem(path: &Path) -> Option<String> {
    let shown = path.display();
    let Ok(meta) = std::fs::metadata(path) else {
        return Some(format!("--pack {shown}: no such file or directory"));
    };
    if !meta.is_dir() {
        return None;
    }
    let holds = |sub: &str, ext: &str| !list_files(&path.join(sub), ext).0.is_empty();
    if path.join("course.toml").is_file()
        || holds("content", "md")
        || holds("quizzes", "toml")
        || holds("scenarios", "toml")
        || holds("assets/scenarios", "toml")
    {
        return None;
    }
    // The usual slip: the course's quizzes/ folder itself.
    let loose = list_files(path, "toml").0;
    let hint = match loose.first() {
        Some(first) => format!(
            "; it holds {} .toml file{} directly: give the course directory above it, or each pack as \
             `--pack {}`",
            loose.len(),
            if loose.len() == 1 { "" } else { "s" },
            first.display()
        ),
        None => String::new(),
    };
    Some(format!(
        "--pack {shown}: no quiz pack or course in this directory (expected a pack .toml file, or a course \
         directory with course.toml, quizzes/*.toml, content/*.md or scenarios/*.toml){hint}"
    ))
}

/// Read one file, refusing ones over [`crate::infra::MAX_FILE_BYTES`] and ones that are
/// not regular files (see [`crate::infra::read_bounded`]).
pub fn read_file(path: &Path) -> Result<SourceFile, Diagnostic> {
    let bytes = read_bounded(path).map_err(|e| e.to_diagnostic())?;
    Ok(SourceFile { path: path.display().to_string(), bytes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_course_has_lessons_and_no_readme() {
        let files = CourseFiles::builtin();
        assert!(files.lessons.len() >= 14);
        assert!(files.lessons.iter().all(|f| !f.path.ends_with("README.md")));
        assert!(files.packs.iter().all(|f| f.path.starts_with("quizzes/")));
    }

    #[test]
    fn a_course_directory_is_read_by_kind() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        for sub in ["content", "quizzes", "scenarios"] {
            std::fs::create_dir(root.join(sub)).expect("mkdir");
        }
        std::fs::write(root.join("course.toml"), "id = \"aws-101\"\ntitle = \"AWS 101\"\n").expect("write");
        std::fs::write(root.join("content/01-a.md"), "+++\n+++\n").expect("write");
        std::fs::write(root.join("content/README.md"), "guide").expect("write");
        std::fs::write(root.join("quizzes/p.toml"), "format = 1").expect("write");
        std::fs::write(root.join("scenarios/s.toml"), "format = 1").expect("write");
        let files = CourseFiles::from_path(root).expect("course dir");
        assert_eq!(files.label(), "aws-101");
        assert_eq!((files.lessons.len(), files.packs.len(), files.scenarios.len()), (1, 1, 1));
        assert!(files.diagnostics.is_empty());
    }

    #[test]
    fn a_folder_with_too_many_files_is_reported_and_read_up_to_the_cap() {
        let dir = tempfile::tempdir().expect("temp dir");
        let quizzes = dir.path().join("quizzes");
        std::fs::create_dir(&quizzes).expect("mkdir");
        for i in 0..=MAX_FILES_PER_FOLDER {
            std::fs::write(quizzes.join(format!("p{i:05}.toml")), "").expect("write");
        }
        let files = CourseFiles::from_path(dir.path()).expect("course dir");
        assert_eq!(files.packs.len(), MAX_FILES_PER_FOLDER);
        assert_eq!(files.diagnostics.len(), 1, "{:?}", files.diagnostics);
        let shown = files.diagnostics[0].to_string();
        assert!(shown.contains("quizzes:1:1: error: more than 5000 .toml files in one folder"), "{shown}");
    }

    #[test]
    fn a_bad_course_toml_is_reported_with_its_place() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("course.toml"), "id = \"x\"\ntitel = \"y\"\n").expect("write");
        let files = CourseFiles::from_path(dir.path()).expect("course dir");
        assert_eq!(files.diagnostics.len(), 1);
        assert_eq!(files.diagnostics[0].line, 2, "{}", files.diagnostics[0]);
    }

    #[test]
    fn a_pack_path_must_exist_and_hold_a_course_or_pack() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        let missing = pack_path_problem(&root.join("nope")).expect("missing");
        assert!(missing.ends_with("nope: no such file or directory"), "{missing}");
        let empty = pack_path_problem(root).expect("empty");
        assert!(empty.contains("no quiz pack or course in this directory"), "{empty}");
        std::fs::write(root.join("p.toml"), "format = 1").expect("write");
        let loose = pack_path_problem(root).expect("loose packs");
        assert!(loose.contains("it holds 1 .toml file directly"), "{loose}");
        assert_eq!(pack_path_problem(&root.join("p.toml")), None);
        std::fs::create_dir(root.join("quizzes")).expect("mkdir");
        std::fs::rename(root.join("p.toml"), root.join("quizzes/p.toml")).expect("move");
        assert_eq!(pack_path_problem(root), None);
    }

    #[test]
    fn a_key_set_twice_is_named_with_both_places() {
        let file = SourceFile {
            path: "c/course.toml".into(),
            bytes: b"id = \"a\"\ntitle = \"T\"\n  \"title\" = \"U\"\n".to_vec(),
        };
        let shown = parse_course_meta(&file).expect_err("duplicate").to_string();
        assert_eq!(shown, "c/course.toml:3:3: error: duplicate key `title`: it is already set on line 2; keep one");
    }
}
