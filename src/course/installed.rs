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

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::library::{Course, CourseInfo, Module, ScenarioSource};
use super::packs::{DeferredPacks, PackJob, check_packs, owner, taken};
use super::source::{CourseFiles, SourceFile};
use crate::course::check::{Defined, FileKind, Input, validate_scenario};
use crate::infra::Diagnostic;
use crate::infra::embedded;
use crate::infra::is_valid_id;

/// The folder of the data directory where installed courses live.
pub const PACKS_DIR: &str = "packs";

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
    /// The built-in course with every installed course beside it: the
    /// course directories and pack files of `extra` (the global `--pack`
    /// option), then every directory and `.toml` file in
    /// `<data_dir>/packs/`. Their lessons, packs and scenarios are marked
    /// with their course; an id that is already taken (by the built-in
    /// course or an earlier one) is reported in `diagnostics` and that item
    /// skipped. `data_dir` is the resolved data directory
    /// (`crate::study::data_dir(global.data_dir.as_deref()).ok()`), or
    /// `None` to look only at `extra`.
    pub fn load(extra: &[PathBuf], data_dir: Option<&Path>) -> Self {
        let mut course = Self::builtin();
        for source in sources(extra, data_dir) {
            course.install(&source);
        }
        course
    }

    /// [`Course::load`] without checking the installed courses' quiz packs:
    /// that is left to a background thread, and its packs (and problems)
    /// join the course at [`DeferredPacks::finish`]. What the home screen
    /// shows (lessons, modules, scenarios) is all here at once.
    pub fn load_deferring_packs(extra: &[PathBuf], data_dir: Option<&Path>) -> (Self, DeferredPacks) {
        let mut course = Self::builtin();
        let mut jobs = Vec::new();
        for source in sources(extra, data_dir) {
            jobs.extend(course.install_with(&source, true));
        }
        let taken = taken(&course);
        (course, DeferredPacks::start(jobs, taken))
    }

    /// Load one installed course (directory or file) into this one.
    pub fn install(&mut self, path: &Path) {
        self.install_with(path, false);
    }

    /// [`Course::install`]; with `defer_packs`, its packs are not checked
    /// but returned as a job for [`DeferredPacks`].
    fn install_with(&mut self, path: &Path, defer_packs: bool) -> Option<PackJob> {
        let shown = path.display().to_string();
        let read = if defer_packs { CourseFiles::listing_packs } else { CourseFiles::from_path };
        let mut files = match read(path) {
            Ok(files) => files,
            Err(d) => {
                self.diagnostics.push(d);
                return None;
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
            return None;
        }
        let lessons = self.install_lessons(&files, &id);
        let scenarios = self.install_scenarios(&files, &id);
        let (packs, job) = if defer_packs {
            let any = !files.packs.is_empty() || !files.unread_packs.is_empty();
            (0, any.then(|| PackJob::new(self, self.courses.len(), &mut files, &id)))
        } else {
            (self.install_packs(&mut files, &id), None)
        };
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
        job
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
                        owner(existing.course.as_ref(), &existing.path)
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
                    owner(existing.course.as_ref(), &existing.path)
                );
                self.diagnostics.push(Diagnostic::error(&file.path, 1, 1, message));
                continue;
            }
            self.scenarios.push(scenario);
            count += 1;
        }
        count
    }

    /// Check the course's packs now (see [`super::packs`]).
    fn install_packs(&mut self, files: &mut CourseFiles, id: &str) -> usize {
        let job = PackJob::new(self, self.courses.len(), files, id);
        let checked = check_packs(job, &mut taken(self));
        self.diagnostics.extend(checked.diagnostics);
        let count = checked.packs.len();
        self.packs.extend(checked.packs);
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
