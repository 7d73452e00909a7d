//! `read ID|PATH [--width N]`: render a lesson, or any markdown file, as text.

use std::io::{IsTerminal, Write};

use super::{CommandResult, Failure};
use crate::cli::GlobalOptions;
use crate::course::lesson::body_of_any_markdown;
use crate::markdown::Document;

pub fn run(global: &GlobalOptions, target: &str, width: Option<usize>) -> CommandResult {
    let course = super::packs::load_course(global)?;
    let (title, body) = if let Some(lesson) = course.lesson(target) {
        (Some(lesson.meta.title.clone()), lesson.body.clone())
    } else {
        let path = std::path::Path::new(target);
        if !path.exists() {
            return Err(Failure::Usage(format!("no lesson with id `{target}` and no file at {target}")));
        }
        let bytes = std::fs::read(path).map_err(|e| Failure::Usage(format!("cannot read {target}: {e}")))?;
        let src = String::from_utf8(bytes).map_err(|_| Failure::Usage(format!("{target} is not valid UTF-8 text")))?;
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
    let text = if global.color == crate::cli::ColorChoice::Always {
        crate::tui::ansi::render(&layout)
    } else {
        layout.to_plain()
    };
    stdout.lock().write_all(text.as_bytes())?;
    Ok(())
}

fn terminal_width() -> Option<usize> {
    ratatui::crossterm::terminal::size().ok().map(|(w, _)| usize::from(w))
}
