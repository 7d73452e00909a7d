//! `report FILE_OR_DIR... [--json|--csv] [--pack ID]`: item analysis of a
//! class, over the history exports its learners handed in (see
//! `crate::study::report` for the definitions).
//!
//! The global `--pack` option keeps its meaning for a path (an extra pack or
//! course, whose questions' choices the report can then name; a directory
//! with no course or pack in it is refused, exit 2); a `--pack` value that
//! is not an existing path is a pack id, and the report keeps to the packs
//! so named. Bad files and rows are reported on stderr with their
//! place and skipped; the report of the rest is still printed, and the exit
//! code is then 1.

mod table;

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use super::{CommandResult, Failure};
use crate::cli::GlobalOptions;
use crate::course::Course;
use crate::quiz::model::QuestionKind;
use crate::study::report::{Choices, Dataset, QuestionInfo, Report, analyze};

/// How the report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Csv,
}

/// What the installed packs say of their questions.
pub fn question_info(course: &Course) -> HashMap<(String, String), QuestionInfo> {
    let mut info = HashMap::new();
    for pack in &course.packs {
        for q in &pack.questions {
            let choices = match &q.kind {
                QuestionKind::Single { choices, answer } => {
                    Some(Choices { texts: choices.clone(), right: vec![*answer], multiple: false })
                }
                QuestionKind::Multiple { choices, answers } => {
                    Some(Choices { texts: choices.clone(), right: answers.clone(), multiple: true })
                }
                _ => None,
            };
            info.insert(
                (pack.meta.id.clone(), q.id.clone()),
                QuestionInfo { title: crate::quiz::title::title(&q.prompt), choices },
            );
        }
    }
    info
}

/// The report of the exports under `paths`, restricted to `packs` if any.
pub fn build(data: &Dataset, course: &Course, packs: &[String]) -> Report {
    let info = question_info(course);
    match packs {
        [] => analyze(data, &info, None),
        [one] => analyze(data, &info, Some(one)),
        many => {
            // Several packs: each is ranked on its own anyway, so the
            // reports of each pack simply add up.
            let mut report = Report::default();
            for pack in many {
                let part = analyze(data, &info, Some(pack));
                report.questions.extend(part.questions);
                report.learners.extend(part.learners);
                report.topics.extend(part.topics);
            }
            report
        }
    }
}

pub fn run(global: &GlobalOptions, paths: &[PathBuf], format: Format) -> CommandResult {
    let (extra, pack_ids): (Vec<PathBuf>, Vec<PathBuf>) = global.packs.iter().cloned().partition(|p| p.exists());
    if let Some(problem) = extra.iter().find_map(|p| crate::course::source::pack_path_problem(p)) {
        return Err(Failure::Usage(problem));
    }
    let pack_ids: Vec<String> = pack_ids.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let data_dir = crate::study::data_dir(global.data_dir.as_deref()).ok();
    let course = Course::load(&extra, data_dir.as_deref());
    let data = Dataset::read_paths(paths);
    let mut err = std::io::stderr().lock();
    for problem in &data.problems {
        writeln!(err, "{}", crate::text::sanitize(problem))?;
    }
    if data.files == 0 {
        return Err(Failure::Usage(format!(
            "no history export found in {} (make them with `lambda-tutor history --format csv -o NAME.csv`)",
            paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        )));
    }
    let report = build(&data, &course, &pack_ids);
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => {
            let text = serde_json::to_string_pretty(&report).map_err(std::io::Error::other)?;
            writeln!(out, "{}", crate::study::history::escape_json_controls(&text))?;
        }
        Format::Csv => out.write_all(&table::render_csv(&report).map_err(std::io::Error::other)?)?,
        Format::Text => {
            let header = format!(
                "Class report: {} learners, {} questions, {} answers from {} files",
                report.learners.len(),
                report.questions.len(),
                report.questions.iter().map(|q| q.attempts).sum::<usize>(),
                data.files
            );
            out.write_all(table::render_text(&report, &header).as_bytes())?;
        }
    }
    if data.problems.is_empty() { Ok(()) } else { Err(Failure::Invalid) }
}
