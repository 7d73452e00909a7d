//! The built-in course, embedded in the binary so `cargo install` gives a
//! complete tutor. Files are handed out as (path, bytes) so that they go
//! through the same loaders as an instructor's files on disk.

use include_dir::{Dir, include_dir};

static CONTENT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");
static QUIZZES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/quizzes");
static SCENARIOS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/assets/scenarios");
static LABS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/assets/labs");

fn files_with_extension(dir: &'static Dir<'static>, prefix: &'static str, ext: &str) -> Vec<(String, &'static [u8])> {
    let mut out: Vec<(String, &'static [u8])> = dir
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == ext))
        .filter(|f| !f.path().file_name().is_some_and(|n| n.eq_ignore_ascii_case("README.md")))
        .map(|f| (format!("{prefix}/{}", f.path().display()), f.contents()))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Built-in lesson files (`content/*.md`, the authoring guide excluded).
pub fn lessons() -> Vec<(String, &'static [u8])> {
    files_with_extension(&CONTENT, "content", "md")
}

/// Built-in quiz packs (`quizzes/*.toml`).
pub fn quiz_packs() -> Vec<(String, &'static [u8])> {
    files_with_extension(&QUIZZES, "quizzes", "toml")
}

/// Built-in simulator scenarios (`assets/scenarios/*.toml`).
pub fn scenarios() -> Vec<(String, &'static [u8])> {
    files_with_extension(&SCENARIOS, "assets/scenarios", "toml")
}

/// Built-in labs (`assets/labs/*.toml`).
pub fn labs() -> Vec<(String, &'static [u8])> {
    files_with_extension(&LABS, "assets/labs", "toml")
}
