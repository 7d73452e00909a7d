//! `import FILE [--from FORMAT] [-o OUT]`: convert a GIFT, Aiken, Anki,
//! mdbook-quiz or markdown question bank into a native pack (TOML, on
//! stdout or in OUT). Every item that could not be converted, or lost
//! something on the way, is reported on stderr as `FILE:LINE: …`; a
//! summary line ends the report. Exit 1 when nothing could be imported.

use std::io::Write;
use std::path::Path;

use super::{CommandResult, Failure};
use crate::cli::ImportFormat;
use crate::quiz::import::{Format, ImportError, Note, guess, import};
use crate::text::sanitize;

fn format_of(from: ImportFormat) -> Format {
    match from {
        ImportFormat::Gift => Format::Gift,
        ImportFormat::Aiken => Format::Aiken,
        ImportFormat::Anki => Format::Anki,
        ImportFormat::MdbookQuiz => Format::MdbookQuiz,
        ImportFormat::Markdown => Format::Markdown,
    }
}

fn print_notes(err: &mut impl Write, file: &str, notes: &[Note]) -> std::io::Result<()> {
    for note in notes {
        writeln!(err, "{file}:{note}")?;
    }
    Ok(())
}

/// `--topic` and `--lesson`: set on every imported question.
#[derive(Debug, Clone, Copy, Default)]
pub struct SetOnEach<'a> {
    pub topic: Option<&'a str>,
    pub lesson: Option<&'a str>,
}

pub fn run(file: &Path, from: Option<ImportFormat>, output: Option<&Path>, set: SetOnEach<'_>) -> CommandResult {
    use crate::infra::{ReadError, read_bounded};
    let mut err = std::io::stderr().lock();
    let shown = sanitize(&file.display().to_string()).into_owned();
    let bytes = match read_bounded(file) {
        Ok(bytes) => bytes,
        // Too large is wrong input (exit 1); missing or not a file, exit 2.
        Err(e @ ReadError::TooLarge { .. }) => {
            writeln!(err, "{}", e.to_diagnostic())?;
            return Err(Failure::Invalid);
        }
        Err(e) => return Err(Failure::Usage(e.to_string())),
    };
    let Ok(text) = String::from_utf8(bytes) else {
        writeln!(err, "{shown}:1:1: error: the file is not UTF-8 text: save it as UTF-8 and import it again")?;
        return Err(Failure::Invalid);
    };
    let name = file.display().to_string();
    let Some(format) = from.map(format_of).or_else(|| guess(&name, &text)) else {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        return Err(Failure::Usage(format!(
            "cannot tell the format of {name}; name it with --from {}",
            names.join("|")
        )));
    };
    let imported = match import(format, &name, &text) {
        Ok(imported) => imported,
        Err(e @ ImportError::Internal(_)) => return Err(Failure::Usage(e.to_string())),
        Err(e) => {
            print_notes(&mut err, &shown, e.notes())?;
            writeln!(err, "{shown}: {}", sanitize(&e.to_string()))?;
            return Err(Failure::Invalid);
        }
    };
    let imported = imported.with_topic_and_lesson(set.topic, set.lesson).map_err(Failure::Usage)?;
    print_notes(&mut err, &shown, &imported.notes)?;
    if let Some(out) = output {
        std::fs::write(out, &imported.toml)
            .map_err(|e| Failure::Usage(format!("cannot write {}: {e}", out.display())))?;
    } else {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(imported.toml.as_bytes())?;
        stdout.flush()?;
    }
    let skipped = imported.notes.iter().filter(|n| n.skipped).count();
    let notes = imported.notes.len() - skipped;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    writeln!(
        err,
        "imported {} from {} into pack `{}`{}; {} not imported, {}",
        plural(imported.pack.questions.len(), "question"),
        format.label(),
        imported.pack.meta.id,
        output.map(|o| format!(" ({})", sanitize(&o.display().to_string()))).unwrap_or_default(),
        plural(skipped, "item"),
        plural(notes, "note")
    )?;
    Ok(())
}
