//! The course a file belongs to: a pack, lesson or scenario file checked or
//! loaded on its own (`check course/quizzes/p.toml`, `quiz PATH`,
//! `export-pack PATH`) resolves its lesson and scenario references against
//! its course, found by the `course.toml` of the folder above.

use std::path::{Path, PathBuf};

const COURSE_FILE: &str = "course.toml";

/// The course directory `path` sits in: the folder holding `course.toml`,
/// looked for in the file's folder and the one above it (`course/quizzes/`
/// → `course/`). `None` for a course directory itself (it is loaded as a
/// course anyway) and for a file outside any course.
pub fn enclosing_course(path: &Path) -> Option<PathBuf> {
    if path.is_dir() && path.join(COURSE_FILE).is_file() {
        return None;
    }
    let absolute = std::path::absolute(path).ok()?;
    let start = if absolute.is_dir() { Some(absolute.as_path()) } else { absolute.parent() };
    start
        .into_iter()
        .flat_map(|dir| [Some(dir), dir.parent()])
        .flatten()
        .find(|dir| dir.join(COURSE_FILE).is_file())
        .map(Path::to_path_buf)
}

/// The enclosing courses of `paths`, each once.
pub fn enclosing_courses(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    for dir in paths.iter().filter_map(|p| enclosing_course(p)) {
        if !out.contains(&dir) {
            out.push(dir);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pack_file_finds_the_course_above_it() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let course = tmp.path().join("c");
        std::fs::create_dir_all(course.join("quizzes")).expect("mkdir");
        std::fs::write(course.join("course.toml"), "").expect("write");
        std::fs::write(course.join("quizzes/p.toml"), "").expect("write");
        std::fs::write(tmp.path().join("loose.toml"), "").expect("write");
        let found = enclosing_course(&course.join("quizzes/p.toml")).expect("course");
        assert_eq!(found.canonicalize().expect("c"), course.canonicalize().expect("c"));
        assert!(enclosing_course(&course.join("quizzes")).is_some());
        assert_eq!(enclosing_course(&course), None);
        assert_eq!(enclosing_course(&tmp.path().join("loose.toml")), None);
    }
}
