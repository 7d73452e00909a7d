//! Installing the quiz packs of an installed course: they go through the
//! checker with the course's lessons and scenarios, so that their
//! references resolve (to the built-in course or to the course itself)
//! exactly as `check` resolves them, and a pack id already taken is
//! reported and the pack skipped.
//!
//! This is most of the work of loading a large course (20,000 questions
//! are parsed and checked), and the home screen needs none of it: the
//! full-screen app starts it on a background thread ([`DeferredPacks`]) and
//! joins it after its first frame, before it reads a key.

use std::collections::BTreeSet;
use std::thread::JoinHandle;

use super::check::{Context, FileKind, Input, check_inputs};
use super::library::Course;
use super::source::{CourseFiles, SourceFile};
use crate::infra::Diagnostic;
use crate::quiz::{Pack, parse_pack};

/// "the built-in course (path)" or "course `x` (path)", for messages.
pub(super) fn owner(course: Option<&String>, path: &str) -> String {
    match course {
        None => format!("the built-in course ({path})"),
        Some(c) => format!("course `{c}` ({path})"),
    }
}

/// The packs of one installed course, with what checking them needs.
pub(super) struct PackJob {
    /// Its index in [`Course::courses`].
    pub course: usize,
    pub id: String,
    pub lessons: Vec<SourceFile>,
    pub scenarios: Vec<SourceFile>,
    pub packs: Vec<SourceFile>,
    /// Pack files still to read (read with the check, off the first frame).
    pub unread: Vec<std::path::PathBuf>,
    /// The built-in lessons and scenarios references may name.
    pub context: Context,
}

impl PackJob {
    pub fn new(course: &Course, index: usize, files: &mut CourseFiles, id: &str) -> Self {
        Self {
            course: index,
            id: id.to_owned(),
            lessons: files.lessons.clone(),
            scenarios: files.scenarios.clone(),
            packs: std::mem::take(&mut files.packs),
            unread: std::mem::take(&mut files.unread_packs),
            context: Context {
                lessons: course.lessons.iter().filter(|l| l.course.is_none()).map(|l| l.meta.id.clone()).collect(),
                scenarios: course.scenarios.iter().filter(|s| s.course.is_none()).map(|s| s.id.clone()).collect(),
                ..Context::default()
            },
        }
    }
}

/// A pack id in use, and by whom.
#[derive(Debug, Clone)]
pub(super) struct Taken {
    id: String,
    course: Option<String>,
    path: String,
}

/// Every pack id `course` already holds.
pub(super) fn taken(course: &Course) -> Vec<Taken> {
    course
        .packs
        .iter()
        .map(|p| Taken { id: p.meta.id.clone(), course: p.course.clone(), path: p.path.clone() })
        .collect()
}

/// The packs of a job that were kept, and every error met.
#[derive(Debug, Default)]
pub(super) struct Checked {
    pub packs: Vec<Pack>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Check a job's packs; ids already in `taken` are reported and skipped,
/// and the kept ones are added to it.
pub(super) fn check_packs(job: PackJob, taken: &mut Vec<Taken>) -> Checked {
    let mut out = Checked::default();
    let mut packs = job.packs;
    for path in &job.unread {
        match super::source::read_file(path) {
            Ok(file) => packs.push(file),
            Err(d) => out.diagnostics.push(d),
        }
    }
    if packs.is_empty() {
        return out;
    }
    let input = |f: &SourceFile, kind| Input { path: f.path.clone(), kind, bytes: f.bytes.clone(), explicit: true };
    let mut inputs: Vec<Input> = job.lessons.iter().map(|f| input(f, FileKind::Lesson)).collect();
    inputs.extend(job.scenarios.iter().map(|f| input(f, FileKind::Scenario)));
    inputs.extend(packs.iter().map(|f| input(f, FileKind::Pack)));
    let report = check_inputs(&inputs, &job.context);
    let pack_paths: BTreeSet<&str> = packs.iter().map(|f| f.path.as_str()).collect();
    out.diagnostics
        .extend(report.diagnostics.iter().filter(|d| d.is_error() && pack_paths.contains(d.path.as_str())).cloned());
    for mut pack in report.packs {
        if let Some(existing) = taken.iter().find(|t| t.id == pack.meta.id) {
            let (line, column) = packs
                .iter()
                .find(|f| f.path == pack.path)
                .and_then(|f| parse_pack(&f.path, &f.bytes).id)
                .map_or((1, 1), |(_, l, c)| (l, c));
            let message = format!(
                "pack id `{}` is already used by {}: this pack is skipped",
                pack.meta.id,
                owner(existing.course.as_ref(), &existing.path)
            );
            out.diagnostics.push(Diagnostic::error(&pack.path, line, column, message));
            continue;
        }
        pack.builtin = false;
        pack.course = Some(job.id.clone());
        taken.push(Taken { id: pack.meta.id.clone(), course: pack.course.clone(), path: pack.path.clone() });
        out.packs.push(pack);
    }
    out
}

/// The packs of installed courses, being checked on a background thread.
#[derive(Debug)]
pub struct DeferredPacks {
    work: Option<JoinHandle<Vec<(usize, Checked)>>>,
}

impl DeferredPacks {
    /// Nothing left to do.
    pub fn none() -> Self {
        Self { work: None }
    }

    /// Whether packs are still to join the course.
    pub fn is_pending(&self) -> bool {
        self.work.is_some()
    }

    pub(super) fn start(jobs: Vec<PackJob>, mut taken: Vec<Taken>) -> Self {
        if jobs.is_empty() {
            return Self::none();
        }
        let work = std::thread::spawn(move || {
            jobs.into_iter().map(|job| (job.course, check_packs(job, &mut taken))).collect::<Vec<_>>()
        });
        Self { work: Some(work) }
    }

    /// Wait for the packs, then add them to `course` with their problems,
    /// as if they had been installed with it.
    pub fn finish(self, course: &mut Course) {
        let Some(work) = self.work else { return };
        match work.join() {
            Ok(results) => {
                for (index, checked) in results {
                    course.diagnostics.extend(checked.diagnostics);
                    if let Some(info) = course.courses.get_mut(index) {
                        info.packs = checked.packs.len();
                    }
                    course.packs.extend(checked.packs);
                }
            }
            Err(_) => course.diagnostics.push(Diagnostic::error(
                "packs",
                1,
                1,
                "the installed courses' quiz packs could not be loaded (the loader stopped): run `lambda-tutor check` on them",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACK: &str = "format = 1\n[pack]\nid = \"p\"\ntitle = \"P\"\nversion = \"1\"\n[[questions]]\nid = \"q\"\n\
                        type = \"true-false\"\ntopic = \"t\"\nprompt = \"Is it?\"\nanswer = true\n\
                        explanation = \"It is, because the facts sheet says so.\"\n";

    #[test]
    fn deferred_packs_join_the_course_as_if_loaded_at_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let quizzes = dir.path().join("quizzes");
        std::fs::create_dir_all(&quizzes).expect("mkdir");
        std::fs::write(quizzes.join("a.toml"), PACK).expect("write");
        std::fs::write(quizzes.join("b.toml"), PACK).expect("write"); // the same id: skipped
        std::fs::write(quizzes.join("c.toml"), "format = 1\n[pack]\n").expect("write"); // broken
        let extra = [dir.path().to_path_buf()];
        let eager = Course::load(&extra, None);
        let (mut lazy, packs) = Course::load_deferring_packs(&extra, None);
        assert!(packs.is_pending());
        assert_eq!(lazy.packs.len(), eager.packs.len() - 1, "the installed pack is not there yet");
        packs.finish(&mut lazy);
        let ids = |c: &Course| c.packs.iter().map(|p| (p.meta.id.clone(), p.course.clone())).collect::<Vec<_>>();
        assert_eq!(ids(&lazy), ids(&eager));
        assert_eq!(lazy.diagnostics, eager.diagnostics);
        assert_eq!(lazy.courses, eager.courses);
        assert_eq!(eager.courses[0].packs, 1);
        assert!(eager.diagnostics.iter().any(|d| d.message.contains("already used")), "{:?}", eager.diagnostics);
    }
}
