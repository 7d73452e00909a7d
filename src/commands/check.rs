//! `check PATH...`: validate quiz packs, lessons, scenarios and whole course
//! directories; report every problem as `path:line:column: error: …`, then
//! a summary line. Exit 0 when clean (warnings allowed), 1 with errors, 2
//! when a path is missing or unreadable.

use std::io::Write;
use std::path::PathBuf;

use super::{CommandResult, Failure};
use crate::cli::GlobalOptions;
use crate::quiz::validate::{Context, collect, validate_inputs};

pub fn run(_global: &GlobalOptions, paths: &[PathBuf]) -> CommandResult {
    let collected = collect(paths);
    let report = validate_inputs(&collected.inputs, &Context::builtin());
    let mut err = std::io::stderr().lock();
    for d in &report.diagnostics {
        writeln!(err, "{d}")?;
    }
    writeln!(err, "{}", report.summary())?;
    if !collected.problems.is_empty() {
        return Err(Failure::Usage(collected.problems.join("; ")));
    }
    if report.errors() > 0 {
        return Err(Failure::Invalid);
    }
    Ok(())
}
