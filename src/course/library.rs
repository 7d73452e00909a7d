//! A course: its lessons grouped into modules, plus what went wrong while
//! loading it. Broken files are reported and skipped; the rest still load.
//!
//! [`Course::load`] is the built-in course with every installed course
//! beside it (`--pack` paths and `<data dir>/packs/`): see
//! [`super::installed`].

use std::collections::HashMap;

use std::path::{Path, PathBuf};

use super::lesson::{Lesson, parse_lesson};
use crate::infra::Diagnostic;
use crate::infra::embedded;

/// A named group of lessons, in course order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Module {
    pub name: String,
    /// Indices into [`Course::lessons`].
    pub lessons: Vec<usize>,
    /// The installed course it belongs to: `None` for the built-in one.
    pub course: Option<String>,
}

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
    pub(super) fn from_file(path: &str, bytes: &[u8], course: Option<String>) -> Option<Self> {
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

#[derive(Debug, Clone, Default)]
pub struct Course {
    /// Every lesson, in reading order (module by module).
    pub lessons: Vec<Lesson>,
    pub modules: Vec<Module>,
    /// Quiz packs, built-in ones first. Packs with errors are skipped.
    pub packs: Vec<crate::quiz::Pack>,
    /// Simulator scenarios, built-in ones first.
    pub scenarios: Vec<ScenarioSource>,
    /// The installed courses loaded beside the built-in one, in load order.
    pub courses: Vec<CourseInfo>,
    /// Problems met while loading (lessons, packs, scenarios, installed
    /// courses): the files named here were skipped.
    pub diagnostics: Vec<Diagnostic>,
}

impl Course {
    /// The built-in course embedded in the binary.
    pub fn builtin() -> Self {
        let files = embedded::lessons();
        let mut course = Self::from_lesson_files(files.iter().map(|(p, b)| (p.as_str(), *b)));
        let (packs, diagnostics) = crate::quiz::load::builtin_packs();
        course.packs = packs;
        course.diagnostics.extend(diagnostics);
        course.scenarios = builtin_scenarios();
        course
    }

    /// Load lessons from (path, bytes) pairs. Modules appear in the order of
    /// their lowest-numbered lesson; lessons within a module by `order`,
    /// then id.
    pub fn from_lesson_files<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Self {
        let mut lessons = Vec::new();
        let mut diagnostics = Vec::new();
        let mut seen: HashMap<String, String> = HashMap::new();
        for (path, bytes) in files {
            match parse_lesson(path, bytes) {
                Ok(lesson) => {
                    if let Some(first) = seen.get(&lesson.meta.id) {
                        diagnostics.push(Diagnostic::error(
                            path,
                            1,
                            1,
                            format!("lesson id {:?} is already used by {first}", lesson.meta.id),
                        ));
                        continue;
                    }
                    seen.insert(lesson.meta.id.clone(), path.to_owned());
                    lessons.push(lesson);
                }
                Err(mut errs) => diagnostics.append(&mut errs),
            }
        }
        Self::assemble(lessons, diagnostics)
    }

    pub(super) fn assemble(mut lessons: Vec<Lesson>, diagnostics: Vec<Diagnostic>) -> Self {
        // Rank modules by their first lesson, then sort lessons by that rank.
        let mut module_rank: HashMap<String, (u32, String)> = HashMap::new();
        for lesson in &lessons {
            let key = (lesson.meta.order, lesson.meta.id.clone());
            module_rank
                .entry(lesson.meta.module.clone())
                .and_modify(|k| {
                    if key < *k {
                        *k = key.clone();
                    }
                })
                .or_insert(key);
        }
        lessons.sort_by(|a, b| {
            let ra = &module_rank[&a.meta.module];
            let rb = &module_rank[&b.meta.module];
            (ra, &a.meta.module, a.meta.order, &a.meta.id).cmp(&(rb, &b.meta.module, b.meta.order, &b.meta.id))
        });
        let mut modules: Vec<Module> = Vec::new();
        for (i, lesson) in lessons.iter().enumerate() {
            match modules.last_mut() {
                Some(m) if m.name == lesson.meta.module => m.lessons.push(i),
                _ => modules.push(Module {
                    name: lesson.meta.module.clone(),
                    lessons: vec![i],
                    course: lesson.course.clone(),
                }),
            }
        }
        Self { lessons, modules, packs: Vec::new(), scenarios: Vec::new(), courses: Vec::new(), diagnostics }
    }

    pub fn lesson_index(&self, id: &str) -> Option<usize> {
        self.lessons.iter().position(|l| l.meta.id == id)
    }

    pub fn lesson(&self, id: &str) -> Option<&Lesson> {
        self.lessons.iter().find(|l| l.meta.id == id)
    }

    pub fn pack(&self, id: &str) -> Option<&crate::quiz::Pack> {
        self.packs.iter().find(|p| p.meta.id == id)
    }

    pub fn scenario(&self, id: &str) -> Option<&ScenarioSource> {
        self.scenarios.iter().find(|s| s.id == id)
    }

    /// The module number (0-based) a lesson index belongs to.
    pub fn module_of(&self, lesson: usize) -> Option<usize> {
        self.modules.iter().position(|m| m.lessons.contains(&lesson))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson(id: &str, module: &str, order: u32) -> String {
        format!("+++\nid = \"{id}\"\ntitle = \"{id}\"\nmodule = \"{module}\"\norder = {order}\n+++\nbody\n")
    }

    #[test]
    fn modules_keep_course_order_and_bad_files_are_skipped() {
        let a = lesson("a", "Basics", 1);
        let b = lesson("b", "Deep", 3);
        let c = lesson("c", "Basics", 2);
        let broken = "+++\nid = 1\n+++\n".to_owned();
        let files = [("a.md", a), ("b.md", b), ("c.md", c), ("broken.md", broken)];
        let course = Course::from_lesson_files(files.iter().map(|(p, s)| (*p, s.as_bytes())));
        let ids: Vec<_> = course.lessons.iter().map(|l| l.meta.id.as_str()).collect();
        assert_eq!(ids, ["a", "c", "b"]);
        assert_eq!(course.modules.len(), 2);
        assert_eq!(course.modules[0].name, "Basics");
        // Every problem of the broken file at once: `id` of the wrong type,
        // then `title`, `module` and `order` missing.
        assert_eq!(course.diagnostics.len(), 4, "{:#?}", course.diagnostics);
        assert!(course.diagnostics.iter().all(|d| d.path == "broken.md"));
        assert!(course.diagnostics[0].message.starts_with("`id` must be a string"));
    }

    #[test]
    fn duplicate_ids_are_reported() {
        let a = lesson("a", "M", 1);
        let files = [("a.md", a.clone()), ("a2.md", a)];
        let course = Course::from_lesson_files(files.iter().map(|(p, s)| (*p, s.as_bytes())));
        assert_eq!(course.lessons.len(), 1);
        assert!(course.diagnostics[0].message.contains("already used"));
    }
}
