//! `check PATH...`: validate quiz packs, lessons, scenarios and whole course
//! directories; report every problem as `path:line:column: error: …`, then
//! a summary line. Exit 0 when clean (warnings allowed, unless `--strict`),
//! 1 with errors (or, with `--strict`, warnings), 2 when a path is missing
//! or unreadable.
//!
//! References resolve against the files checked together, the built-in
//! course and the courses of `--pack` (never the data folder's: a check in
//! CI must not depend on what one machine has installed). A lesson, pack
//! or scenario whose id the built-in course already uses is a warning: it
//! would be skipped once installed.

use std::io::Write;
use std::path::PathBuf;

use super::{CommandResult, Failure};
use crate::context::Context as RunContext;
use crate::course::Course;
use crate::course::check::{Context, collect, validate_inputs};
use crate::course::installed::{builtin_clashes, check_course_file, is_course_file};
use crate::quiz::parse::sort_diagnostics;

pub fn run(ctx: &RunContext, paths: &[PathBuf], strict: bool) -> CommandResult {
    let mut collected = collect(paths);
    // A course's course.toml is checked as such, not as a pack.
    let (course_files, inputs): (Vec<_>, Vec<_>) = collected.inputs.into_iter().partition(is_course_file);
    collected.inputs = inputs;
    // References may point at the `--pack` courses (not at the data
    // directory's: what `check` says must not depend on what is installed).
    if let Some(problem) = ctx.global.packs.iter().find_map(|p| crate::course::source::pack_path_problem(p)) {
        return Err(Failure::Usage(problem));
    }
    let mut context = if ctx.global.packs.is_empty() {
        Context::builtin()
    } else {
        Context::from_course(&Course::load(&ctx.global.packs, None))
    };
    // A file inside a course is checked with its course (its lessons and scenarios).
    let enclosing = super::course_context::context_for(&Course::default(), paths);
    context.lessons.extend(enclosing.lessons);
    context.scenarios.extend(enclosing.scenarios);
    let mut report = validate_inputs(&collected.inputs, &context);
    report.files += course_files.len() + collected.diagnostics.len();
    report.diagnostics.append(&mut collected.diagnostics);
    report.diagnostics.extend(course_files.iter().flat_map(check_course_file));
    report.diagnostics.extend(builtin_clashes(&report.defined, &collected.inputs));
    sort_diagnostics(&mut report.diagnostics);
    let mut err = std::io::stderr().lock();
    for d in &report.diagnostics {
        writeln!(err, "{d}")?;
    }
    writeln!(err, "{}", report.summary())?;
    if !collected.problems.is_empty() {
        return Err(Failure::Usage(collected.problems.join("; ")));
    }
    if report.errors() > 0 || (strict && report.warnings() > 0) {
        return Err(Failure::Invalid);
    }
    Ok(())
}
