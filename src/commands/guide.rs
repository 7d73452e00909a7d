//! `guide [packs|lessons|scenarios|labs|import]`: the authoring guides,
//! embedded in the binary, so an installed `lambda-tutor` is enough to write
//! a course. In a terminal a guide is laid out like `read`; in a pipe it is
//! the markdown source (`lambda-tutor guide packs > packs.md`).

use std::io::{IsTerminal, Write};

use super::CommandResult;
use crate::cli::{GlobalOptions, GuideTopic};
use crate::markdown::Document;

/// quizzes/README.md: packs, every question type, `check`, importing and
/// exporting.
pub const PACKS: &str = include_str!("../../quizzes/README.md");
/// content/README.md: lessons and their front matter.
pub const LESSONS: &str = include_str!("../../content/README.md");
/// assets/scenarios/README.md: simulator scenarios.
pub const SCENARIOS: &str = include_str!("../../assets/scenarios/README.md");

/// Where the import guide begins and ends in [`PACKS`].
const IMPORT_START: &str = "## Importing from other formats";
const IMPORT_END: &str = "## Writing good questions";

const LABS: &str = "# Labs\n\nThe labs guide comes with the labs feature, which this version of lambda-tutor does \
                    not have yet. Scenarios, which labs will grade, are described by `lambda-tutor guide \
                    scenarios`.\n";

/// The lines of `text` from the level-2 heading `start` up to (not
/// including) the heading `end`, headings inside code fences ignored.
fn section(text: &str, start: &str, end: &str) -> String {
    let mut out = String::new();
    let mut fenced = false;
    let mut inside = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        }
        if !fenced && line == start {
            inside = true;
        } else if !fenced && line == end {
            break;
        }
        if inside {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The markdown of a guide.
pub fn text(topic: GuideTopic) -> String {
    match topic {
        GuideTopic::Packs => PACKS.to_owned(),
        GuideTopic::Lessons => LESSONS.to_owned(),
        GuideTopic::Scenarios => SCENARIOS.to_owned(),
        GuideTopic::Labs => LABS.to_owned(),
        GuideTopic::Import => {
            // The section's own heading becomes the page's title.
            let text = section(PACKS, IMPORT_START, IMPORT_END);
            text.strip_prefix('#').map(str::to_owned).unwrap_or(text)
        }
    }
}

const INDEX: &str = concat!(
    "Authoring guides, built in (lambda-tutor guide TOPIC):\n",
    "  packs       quiz packs: every question type, check, plain mode, import and export\n",
    "  lessons     lessons: front matter, markdown, checkpoints\n",
    "  scenarios   simulator scenarios: every key\n",
    "  labs        labs (not in this version)\n",
    "  import      importing GIFT, Aiken, Anki, mdbook-quiz, markdown; exporting to Anki, Moodle\n",
    "`lambda-tutor new-course DIR` writes the packs, lessons and scenarios guides into the course.\n",
);

pub fn run(global: &GlobalOptions, topic: Option<GuideTopic>) -> CommandResult {
    let stdout = std::io::stdout();
    let Some(topic) = topic else {
        stdout.lock().write_all(INDEX.as_bytes())?;
        return Ok(());
    };
    let markdown = text(topic);
    let output = if stdout.is_terminal() || global.color == crate::cli::ColorChoice::Always {
        let width = ratatui::crossterm::terminal::size().map_or(80, |(w, _)| usize::from(w)).max(20);
        let layout = Document::parse(&markdown).layout(width);
        if global.use_color(stdout.is_terminal()) { crate::tui::ansi::render(&layout) } else { layout.to_plain() }
    } else {
        markdown
    };
    stdout.lock().write_all(output.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_import_guide_is_the_whole_section_and_stops_before_the_next() {
        let import = text(GuideTopic::Import);
        assert!(import.starts_with("# Importing from other formats\n"), "{}", &import[..80]);
        // A heading inside a code fence of the section does not end it.
        assert!(import.contains("## Exporting to Anki and Moodle"));
        assert!(import.contains("### GIFT (Moodle)"));
        assert!(!import.contains(IMPORT_END));
        assert!(!import.contains("## A complete pack"));
    }

    #[test]
    fn every_guide_has_text() {
        for topic in [GuideTopic::Packs, GuideTopic::Lessons, GuideTopic::Scenarios, GuideTopic::Labs] {
            assert!(text(topic).starts_with("# "), "{topic:?}");
        }
    }
}
