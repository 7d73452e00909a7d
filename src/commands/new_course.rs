//! `new-course DIR`: scaffold a course directory with an example of each
//! file (course.toml, a lesson using every construct, a pack with a
//! question of every type but `predict`, a scenario, a README, and the
//! authoring guides as each folder's README.md). Nothing is
//! ever overwritten: if any of the files exists, nothing is written.
//! `check DIR` passes on the result with no error and no warning.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{CommandResult, Failure};
use crate::quiz::import::ids;
use crate::quiz::write::string;

const COURSE: &str = include_str!("new_course/course.toml.tmpl");
const LESSON: &str = include_str!("new_course/lesson.md.tmpl");
const PACK: &str = include_str!("new_course/pack.toml.tmpl");
const SCENARIO: &str = include_str!("new_course/scenario.toml.tmpl");
const README: &str = include_str!("new_course/README.md.tmpl");
const FLOW: &str = include_str!("new_course/flow.svg");

/// The files of a new course, as (path relative to DIR, contents).
pub fn scaffold(dir: &Path) -> Vec<(PathBuf, String)> {
    let name = dir
        .canonicalize()
        .ok()
        .or_else(|| std::env::current_dir().ok().map(|cwd| cwd.join(dir)))
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .or_else(|| dir.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let id = ids::short_slug(&name);
    let id = if id.is_empty() || id == "builtin" { "my-course".to_owned() } else { id };
    let words: Vec<&str> = name.split(['-', '_', ' ']).filter(|w| !w.trim().is_empty()).collect();
    let mut title = words.join(" ");
    if let Some(first) = title.chars().next() {
        title = first.to_uppercase().chain(title.chars().skip(1)).collect();
    }
    if title.trim().is_empty() {
        "My course".clone_into(&mut title);
    }
    let title = crate::text::sanitize(&title).into_owned();
    let fill = |template: &str| {
        template
            .replace("{{id}}", &id)
            .replace("{{title_toml}}", &string(&title))
            .replace("{{pack_title_toml}}", &string(&format!("{title}: examples")))
            .replace("{{title}}", &title)
    };
    vec![
        (PathBuf::from("course.toml"), fill(COURSE)),
        (PathBuf::from("content/01-example.md"), fill(LESSON)),
        (PathBuf::from("content/images/flow.svg"), FLOW.to_owned()),
        (PathBuf::from("quizzes/example.toml"), fill(PACK)),
        (PathBuf::from(format!("scenarios/{id}-flash-crowd.toml")), fill(SCENARIO)),
        (PathBuf::from("README.md"), fill(README)),
        // The authoring guides, beside the files they describe (each
        // folder's README.md is a guide, not content), as in lambda-tutor's
        // own repository.
        (PathBuf::from("content/README.md"), super::guide::LESSONS.to_owned()),
        (PathBuf::from("quizzes/README.md"), super::guide::PACKS.to_owned()),
        (PathBuf::from("scenarios/README.md"), super::guide::SCENARIOS.to_owned()),
    ]
}

pub fn run(dir: &Path) -> CommandResult {
    if dir.exists() && !dir.is_dir() {
        return Err(Failure::Usage(format!("{} exists and is not a directory", dir.display())));
    }
    let files = scaffold(dir);
    let existing: Vec<String> =
        files.iter().filter(|(p, _)| dir.join(p).exists()).map(|(p, _)| p.display().to_string()).collect();
    if !existing.is_empty() {
        return Err(Failure::Usage(format!(
            "{}: {} already exist{}; new-course never overwrites files, so nothing was written",
            dir.display(),
            existing.join(", "),
            if existing.len() == 1 { "s" } else { "" }
        )));
    }
    for (relative, contents) in &files {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Failure::Usage(format!("cannot create {}: {e}", parent.display())))?;
        }
        // create_new: a file that appeared since the check above is still not overwritten.
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| Failure::Usage(format!("cannot create {}: {e}", path.display())))?;
        file.write_all(contents.as_bytes())
            .map_err(|e| Failure::Usage(format!("cannot write {}: {e}", path.display())))?;
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "Created a course in {}:", dir.display())?;
    for (relative, _) in &files {
        writeln!(out, "  {}", relative.display())?;
    }
    writeln!(out, "Next: lambda-tutor check {0}   then   lambda-tutor --pack {0} lessons", dir.display())?;
    Ok(())
}
