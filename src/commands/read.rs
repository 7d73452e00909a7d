//! `read ID|PATH [--width N]`: render a lesson, or any markdown file, as text.

use std::io::{IsTerminal, Write};

use super::common::terminal_width;
use super::{CommandResult, Failure};
use crate::context::Context;
use crate::course::lesson::body_of_any_markdown;
use crate::markdown::Document;

pub fn run(ctx: &mut Context, target: &str, width: Option<usize>) -> CommandResult {
    let course = ctx.course().map_err(Failure::Usage)?;
    let (title, body) = if let Some(lesson) = course.lesson(target) {
        // Checkpoints as their questions (never their answers), then the
        // date the facts were checked and the sources.
        (Some(lesson.meta.title.clone()), crate::course::reading::reading_markdown(lesson, &course.packs))
    } else {
        let path = std::path::Path::new(target);
        if !path.exists() {
            return Err(Failure::Usage(format!("no lesson with id `{target}` and no file at {target}")));
        }
        let src = read_markdown(path)?;
        let (title, body) = body_of_any_markdown(&src);
        (title, body.to_owned())
    };
    let stdout = std::io::stdout();
    let is_terminal = stdout.is_terminal();
    let width = width.or_else(|| is_terminal.then(terminal_width).flatten()).unwrap_or(80).max(1);
    let mut markdown = String::new();
    if let Some(title) = title {
        markdown.push_str("# ");
        markdown.push_str(&title);
        markdown.push_str("\n\n");
    }
    markdown.push_str(&body);
    let layout = Document::parse(&markdown).layout(width);
    // Escape codes only when asked for: `read` output is meant for pipes and files.
    let text = if ctx.global.color == crate::cli::ColorChoice::Always {
        crate::tui::ansi::render(&layout)
    } else {
        layout.to_plain()
    };
    stdout.lock().write_all(text.as_bytes())?;
    Ok(())
}

/// A markdown file as text. Too large or not UTF-8 is wrong input (exit
/// 1, reported at its place); missing, unreadable or not a regular file (a
/// FIFO would block for ever) is an I/O error (exit 2).
fn read_markdown(path: &std::path::Path) -> Result<String, Failure> {
    use crate::infra::{ReadError, read_bounded};
    let bytes = match read_bounded(path) {
        Ok(bytes) => bytes,
        Err(e @ ReadError::TooLarge { .. }) => {
            writeln!(std::io::stderr().lock(), "{}", e.to_diagnostic())?;
            return Err(Failure::Invalid);
        }
        Err(e) => return Err(Failure::Usage(e.to_string())),
    };
    match crate::infra::Diagnostic::from_utf8(&path.display().to_string(), &bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(d) => {
            writeln!(std::io::stderr().lock(), "{d}")?;
            Err(Failure::Invalid)
        }
    }
}
