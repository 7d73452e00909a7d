//! Installed courses: course directories and single pack files given with
//! `--pack`, or kept in `<data dir>/packs/`, loaded beside the built-in
//! course through the same loaders (lessons by `parse_lesson`, packs by
//! the checker, with their references resolved against the built-in
//! course and their own files).
//!
//! Every lesson, pack and scenario of an installed course is marked with
//! the course's id (`course.toml`'s `id`, else the folder or file name).
//! An id already taken, by the built-in course or a course loaded before,
//! is reported and that item skipped: progress is keyed by these ids, so
//! an installed course can add to the built-in one but never replace
//! part of it.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use super::diagnostic::Diagnostic;
use super::embedded;
use super::lesson::is_valid_id;
use super::library::{Course, Module};
use super::source::{CourseFiles, SourceFile};
use crate::quiz::parse_pack;
use crate::quiz::validate::{Context, Defined, FileKind, Input, check_inputs, validate_scenario};

/// The folder of the data directory where installed courses live.
pub const PACKS_DIR: &str = "packs";

/// What `packs` shows of an installed course.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseInfo {
    /// The id its lessons, packs and scenarios are marked with.
    pub id: String,
    pub title: String,
    pub version: Option<String>,
    pub authors: Vec<String>,
    pub description: Option<String>,
    /// The directory or file it was loaded from.
    pub source: PathBuf,
    /// How many of its lessons, packs and scenarios loaded.
    pub lessons: usize,
    pub packs: usize,
    pub scenarios: usize,
}

/// A simulator scenario file: the simulator reads `text`; the course only
/// knows its id and title and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioSource {
    /// `[scenario] id`, else the file stem.
    pub id: String,
    /// `[scenario] title`, else the id.
    pub title: String,
    pub path: String,
    /// `None` for the built-in course.
    pub course: Option<String>,
    pub text: String,
}

impl ScenarioSource {
    fn from_file(path: &str, bytes: &[u8], course: Option<String>) -> Option<Self> {
        let text = std::str::from_utf8(bytes).ok()?.to_owned();
        let table = text.parse::<toml::Table>().ok();
        let scenario = table.as_ref().and_then(|t| t.get("scenario"));
        let field = |key: &str| scenario.and_then(|s| s.get(key)).and_then(toml::Value::as_str).map(str::to_owned);
        let stem = Path::new(path).file_stem().and_then(|s| s.to_str()).map(str::to_owned);
        let id = field("id").or(stem)?;
        let title = field("title").unwrap_or_else(|| id.clone());
        Some(Self { id, title, path: path.to_owned(), course, text })
    }
}

/// The built-in scenarios (`assets/scenarios/*.toml`).
pub fn builtin_scenarios() -> Vec<ScenarioSource> {
    embedded::scenarios().iter().filter_map(|(path, bytes)| ScenarioSource::from_file(path, bytes, None)).collect()
}

/// Where installed courses come from, in load order: `extra` as given,
/// then the directories and `.toml` files of `<data_dir>/packs/` by name.
/// The same place named twice is loaded once.
pub fn sources(extra: &[PathBuf], data_dir: Option<&Path>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut add = |path: PathBuf| {
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if seen.insert(key) {
            out.push(path);
        }
    };
    for path in extra {
        add(path.clone());
    }
    if let Some(dir) = data_dir.map(|d| d.join(PACKS_DIR))
        && let Ok(entries) = std::fs::read_dir(&dir)
    {
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| e.path())
            .filter(|p| p.is_dir() || (p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("toml"))))
            .collect();
        paths.sort();
        for path in paths {
            add(path);
        }
    }
    out
}

/// The 1-based line of a lesson's `id =` (for a clash), else 1.
fn lesson_id_line(bytes: &[u8]) -> usize {
    String::from_utf8_lossy(bytes)
        .lines()
        .position(|l| l.trim_start().starts_with("id") && l.contains('='))
        .map_or(1, |i| i + 1)
}

/// Whether a single `.toml` file is a scenario rather than a pack.
fn is_scenario(file: &SourceFile) -> bool {
    std::str::from_utf8(&file.bytes)
        .ok()
        .and_then(|s| s.parse::<toml::Table>().ok())
        .is_some_and(|t| t.contains_key("scenario") && !t.contains_key("pack"))
}

impl Course {
    /// Who holds a lesson, pack or scenario id: "the built-in course (path)"
    /// or "course `x` (path)".
    fn owner(course: Option<&String>, path: &str) -> String {
        match course {
            None => format!("the built-in course ({path})"),
            Some(c) => format!("course `{c}` ({path})"),
        }
    }

    /// Load one installed course (directory or file) into this one.
    pub fn install(&mut self, path: &Path) {
        let shown = path.display().to_string();
        let mut files = match CourseFiles::from_path(path) {
            Ok(files) => files,
            Err(d) => {
                self.diagnostics.push(d);
                return;
            }
        };
        self.diagnostics.extend(files.diagnostics.iter().filter(|d| d.is_error()).cloned());
        if files.meta.is_none() && files.packs.len() == 1 && files.lessons.is_empty() && is_scenario(&files.packs[0]) {
            files.scenarios = std::mem::take(&mut files.packs);
        }
        let id = self.course_id(&files, &shown);
        if let Some(other) = self.courses.iter().find(|c| c.id == id) {
            self.diagnostics.push(Diagnostic::error(
                &shown,
                1,
                1,
                format!("course `{id}` is already loaded from {}: this one is skipped", other.source.display()),
            ));
            return;
        }
        let lessons = self.install_lessons(&files, &id);
        let scenarios = self.install_scenarios(&files, &id);
        let packs = self.install_packs(&files, &id);
        let meta = files.meta.clone().unwrap_or_default();
        self.courses.push(CourseInfo {
            title: if meta.title.trim().is_empty() { id.clone() } else { meta.title },
            id,
            version: meta.version,
            authors: meta.authors,
            description: meta.description,
            source: path.to_owned(),
            lessons,
            packs,
            scenarios,
        });
    }

    /// `course.toml`'s id when valid, else the folder or file name made
    /// into an id.
    fn course_id(&mut self, files: &CourseFiles, shown: &str) -> String {
        if let Some(meta) = &files.meta {
            if is_valid_id(&meta.id) && meta.id != "builtin" {
                return meta.id.clone();
            }
            let course_toml = Path::new(shown).join("course.toml").display().to_string();
            self.diagnostics.push(Diagnostic::error(
                course_toml,
                1,
                1,
                format!("course id {:?} must match [a-z0-9-]+ (and not be `builtin`); using the folder name", meta.id),
            ));
        }
        let stem = files.root.as_deref().and_then(Path::file_stem).map(|s| s.to_string_lossy().into_owned());
        let id = crate::quiz::import::ids::short_slug(&stem.unwrap_or_default());
        if id.is_empty() || id == "builtin" { "course".to_owned() } else { id }
    }

    fn install_lessons(&mut self, files: &CourseFiles, id: &str) -> usize {
        let sub = Course::from_lesson_files(files.lessons.iter().map(|f| (f.path.as_str(), f.bytes.as_slice())));
        self.diagnostics.extend(sub.diagnostics);
        let mut kept = Vec::new();
        for mut lesson in sub.lessons {
            if let Some(existing) = self.lesson(&lesson.meta.id) {
                let bytes =
                    files.lessons.iter().find(|f| f.path == lesson.path).map_or(&[][..], |f| f.bytes.as_slice());
                self.diagnostics.push(Diagnostic::error(
                    &lesson.path,
                    lesson_id_line(bytes),
                    1,
                    format!(
                        "lesson id `{}` is already used by {}: this lesson is skipped",
                        lesson.meta.id,
                        Self::owner(existing.course.as_ref(), &existing.path)
                    ),
                ));
                continue;
            }
            lesson.course = Some(id.to_owned());
            kept.push(lesson);
        }
        let count = kept.len();
        let assembled = Course::assemble(kept, Vec::new());
        let offset = self.lessons.len();
        self.lessons.extend(assembled.lessons);
        self.modules.extend(assembled.modules.into_iter().map(|m| Module {
            lessons: m.lessons.into_iter().map(|i| i + offset).collect(),
            course: Some(id.to_owned()),
            name: m.name,
        }));
        count
    }

    fn install_scenarios(&mut self, files: &CourseFiles, id: &str) -> usize {
        let mut count = 0;
        for file in &files.scenarios {
            let errors: Vec<Diagnostic> =
                validate_scenario(&file.path, &file.bytes).into_iter().filter(Diagnostic::is_error).collect();
            if !errors.is_empty() {
                self.diagnostics.extend(errors);
                continue;
            }
            let Some(scenario) = ScenarioSource::from_file(&file.path, &file.bytes, Some(id.to_owned())) else {
                continue;
            };
            if let Some(existing) = self.scenario(&scenario.id) {
                let message = format!(
                    "scenario id `{}` is already used by {}: this scenario is skipped",
                    scenario.id,
                    Self::owner(existing.course.as_ref(), &existing.path)
                );
                self.diagnostics.push(Diagnostic::error(&file.path, 1, 1, message));
                continue;
            }
            self.scenarios.push(scenario);
            count += 1;
        }
        count
    }

    /// Packs go through the checker with the course's lessons and scenarios,
    /// so that their references resolve (to the built-in course or to the
    /// course itself) exactly as `check` resolves them.
    fn install_packs(&mut self, files: &CourseFiles, id: &str) -> usize {
        if files.packs.is_empty() {
            return 0;
        }
        let input = |f: &SourceFile, kind| Input { path: f.path.clone(), kind, bytes: f.bytes.clone(), explicit: true };
        let mut inputs: Vec<Input> = files.lessons.iter().map(|f| input(f, FileKind::Lesson)).collect();
        inputs.extend(files.scenarios.iter().map(|f| input(f, FileKind::Scenario)));
        inputs.extend(files.packs.iter().map(|f| input(f, FileKind::Pack)));
        let context = Context {
            lessons: self.lessons.iter().filter(|l| l.course.is_none()).map(|l| l.meta.id.clone()).collect(),
            scenarios: self.scenarios.iter().filter(|s| s.course.is_none()).map(|s| s.id.clone()).collect(),
            packs: Vec::new(),
        };
        let report = check_inputs(&inputs, &context);
        let pack_paths: BTreeSet<&str> = files.packs.iter().map(|f| f.path.as_str()).collect();
        self.diagnostics.extend(
            report.diagnostics.iter().filter(|d| d.is_error() && pack_paths.contains(d.path.as_str())).cloned(),
        );
        let mut count = 0;
        for mut pack in report.packs {
            if let Some(existing) = self.pack(&pack.meta.id) {
                let (line, column) = files
                    .packs
                    .iter()
                    .find(|f| f.path == pack.path)
                    .and_then(|f| parse_pack(&f.path, &f.bytes).id)
                    .map_or((1, 1), |(_, l, c)| (l, c));
                let message = format!(
                    "pack id `{}` is already used by {}: this pack is skipped",
                    pack.meta.id,
                    Self::owner(existing.course.as_ref(), &existing.path)
                );
                self.diagnostics.push(Diagnostic::error(&pack.path, line, column, message));
                continue;
            }
            pack.builtin = false;
            pack.course = Some(id.to_owned());
            self.packs.push(pack);
            count += 1;
        }
        count
    }
}

/// Whether a checked file is a course's `course.toml` (checked as such,
/// not as a pack).
pub fn is_course_file(input: &Input) -> bool {
    Path::new(&input.path).file_name().is_some_and(|n| n == "course.toml")
}

/// `check` of a `course.toml`: it parses, with known keys only, and its
/// id is valid.
pub fn check_course_file(input: &Input) -> Vec<Diagnostic> {
    let file = SourceFile { path: input.path.clone(), bytes: input.bytes.clone() };
    match super::source::parse_course_meta(&file) {
        Err(d) => vec![d],
        Ok(meta) if !is_valid_id(&meta.id) || meta.id == "builtin" => {
            let text = String::from_utf8_lossy(&input.bytes);
            let line = text.lines().position(|l| l.trim_start().starts_with("id")).map_or(1, |i| i + 1);
            vec![Diagnostic::error(
                &input.path,
                line,
                1,
                format!("course id {:?} must match [a-z0-9-]+ (and not be `builtin`)", meta.id),
            )]
        }
        Ok(_) => Vec::new(),
    }
}

/// Warnings for checked files whose lesson, pack or scenario ids are
/// taken by the built-in course: installed, they would be skipped. A file
/// identical to the built-in one (checking this repository's own
/// `quizzes/`) is not a clash.
pub fn builtin_clashes(defined: &[Defined], inputs: &[Input]) -> Vec<Diagnostic> {
    let builtin = Course::builtin();
    let embedded_bytes: Vec<(String, &'static [u8])> =
        embedded::lessons().into_iter().chain(embedded::quiz_packs()).chain(embedded::scenarios()).collect();
    let mut out = Vec::new();
    for d in defined {
        let (what, owner) = match d.kind {
            FileKind::Lesson => ("lesson", builtin.lesson(&d.id).map(|l| l.path.clone())),
            FileKind::Pack => ("pack", builtin.pack(&d.id).map(|p| p.path.clone())),
            FileKind::Scenario => ("scenario", builtin.scenario(&d.id).map(|s| s.path.clone())),
            // Labs are built in only (courses do not install them yet).
            FileKind::Lab => continue,
        };
        let Some(owner) = owner else { continue };
        let theirs = embedded_bytes.iter().find(|(p, _)| *p == owner).map(|(_, b)| *b);
        let ours = inputs.iter().find(|i| i.path == d.path).map(|i| i.bytes.as_slice());
        if theirs.is_some() && theirs == ours {
            continue;
        }
        out.push(Diagnostic::warning(
            &d.path,
            d.line,
            d.column,
            format!(
                "{what} id `{}` is also a built-in {what}'s ({owner}): installed with --pack or in the data \
                 folder, this {what} would be skipped; choose another id",
                d.id
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_list_extra_paths_then_the_packs_folder_once_each() {
        let dir = tempfile::tempdir().expect("tempdir");
        let packs = dir.path().join(PACKS_DIR);
        std::fs::create_dir_all(packs.join("b-course")).expect("mkdir");
        std::fs::create_dir_all(packs.join(".hidden")).expect("mkdir");
        std::fs::write(packs.join("a.toml"), "format = 1").expect("write");
        std::fs::write(packs.join("notes.txt"), "x").expect("write");
        let extra = vec![PathBuf::from("/nowhere/x.toml"), packs.join("a.toml")];
        let got = sources(&extra, Some(dir.path()));
        assert_eq!(got, vec![PathBuf::from("/nowhere/x.toml"), packs.join("a.toml"), packs.join("b-course")]);
        assert_eq!(sources(&[], None), Vec::<PathBuf>::new());
    }
}
