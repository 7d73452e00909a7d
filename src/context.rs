//! The global options, resolved once at the top into one context that
//! every command and the full-screen app receive: the data directory, the
//! course with its installed packs (loaded on first use, then kept), the
//! table of simulator truths for `predict` questions, and the colour and
//! theme choice. Nothing below this reads `GlobalOptions` again.

use std::cell::OnceCell;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::cli::GlobalOptions;
use crate::course::{Course, DeferredPacks};
use crate::practice::Truth;

/// What every command works with.
#[derive(Debug)]
pub struct Context {
    pub global: GlobalOptions,
    /// The data directory, or why there is none (resolved on first use:
    /// commands that never touch progress must not fail without a home).
    data_dir: OnceCell<Result<PathBuf, String>>,
    course: Option<Course>,
    /// The simulator's answers to `predict` questions, once per session.
    pub truth: Truth,
}

impl Context {
    pub fn new(global: GlobalOptions) -> Self {
        Self { global, data_dir: OnceCell::new(), course: None, truth: Truth::default() }
    }

    /// Where progress is kept: `--data-dir`, `LAMBDA_TUTOR_DATA`, else the
    /// platform's data directory.
    pub fn data_dir(&self) -> Result<&Path, String> {
        self.data_dir
            .get_or_init(|| crate::study::data_dir(self.global.data_dir.as_deref()).map_err(|e| e.to_string()))
            .as_deref()
            .map_err(Clone::clone)
    }

    /// The built-in course with the installed ones beside it (`--pack`
    /// paths, then the data directory's `packs/`), loaded once. A `--pack`
    /// path that does not exist, or a directory with no course or pack in
    /// it, is an error; problems inside installed
    /// files are printed on stderr (errors only: warnings are for `check`)
    /// and the files at fault skipped. Their scenarios become known to
    /// `predict` questions.
    pub fn course(&mut self) -> Result<&mut Course, String> {
        if self.course.is_none() {
            let data_dir = self.checked_sources()?;
            self.keep(Course::load(&self.global.packs, data_dir.as_deref()));
        }
        Ok(self.course.get_or_insert_with(Course::builtin))
    }

    /// The course for the home screen: as [`Context::course`], except that
    /// the installed courses' quiz packs are checked on a background thread
    /// (the home screen shows none of them); the app joins them after its
    /// first frame, so a large course does not delay it.
    pub fn course_for_home(&mut self) -> Result<DeferredPacks, String> {
        if self.course.is_some() {
            return Ok(DeferredPacks::none());
        }
        let data_dir = self.checked_sources()?;
        let (course, packs) = Course::load_deferring_packs(&self.global.packs, data_dir.as_deref());
        self.keep(course);
        Ok(packs)
    }

    /// The data directory, once every `--pack` path is known to hold a
    /// course or a pack.
    fn checked_sources(&self) -> Result<Option<PathBuf>, String> {
        if let Some(problem) = self.global.packs.iter().find_map(|p| crate::course::source::pack_path_problem(p)) {
            return Err(problem);
        }
        Ok(self.data_dir().ok().map(Path::to_path_buf))
    }

    fn keep(&mut self, course: Course) {
        let mut err = std::io::stderr().lock();
        for d in course.diagnostics.iter().filter(|d| d.is_error()) {
            // stderr gone is no reason to refuse the course.
            let _ = writeln!(err, "{d}");
        }
        self.truth.add_course_scenarios(&course);
        self.course = Some(course);
    }

    /// The course, taken out of the context (to hand to the full-screen
    /// app, which owns it from then on).
    pub fn take_course(&mut self) -> Result<Course, String> {
        self.course()?;
        Ok(self.course.take().unwrap_or_else(Course::builtin))
    }

    /// Whether to use colour on a stream that is (or is not) a terminal.
    pub fn use_color(&self, is_terminal: bool) -> bool {
        self.global.use_color(is_terminal)
    }
}
