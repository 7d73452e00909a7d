//! `export-pack PACK --to anki|gift [-o OUT]`: write a native pack (an
//! installed pack's id, or a path) in another format, on stdout or in OUT.
//! Questions the format cannot hold are reported on stderr and left out,
//! as is what a format drops from the others; a summary line ends the
//! report. Exit 1 when no question could be exported.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{CommandResult, Failure};
use crate::cli::ExportFormat;
use crate::context::Context as RunContext;
use crate::course::check::load_paths;
use crate::quiz::Pack;
use crate::quiz::export::{Target, export};

fn target_of(to: ExportFormat) -> Target {
    match to {
        ExportFormat::Anki => Target::Anki,
        ExportFormat::Gift => Target::Gift,
    }
}

/// The pack: a file (checked as `check` would) or an installed pack's id.
fn find_pack(ctx: &mut RunContext, arg: &str) -> Result<Pack, Failure> {
    let course = ctx.course().map_err(Failure::Usage)?;
    let path = Path::new(arg);
    if !path.exists() {
        return course.pack(arg).cloned().ok_or_else(|| {
            Failure::Usage(format!(
                "no pack with id `{arg}` and no file at {arg} (`lambda-tutor packs` lists the installed packs)"
            ))
        });
    }
    let paths = [PathBuf::from(arg)];
    let loaded = load_paths(&paths, &super::course_context::context_for(course, &paths));
    if !loaded.problems.is_empty() {
        return Err(Failure::Usage(loaded.problems.join("; ")));
    }
    if loaded.has_errors() {
        let mut err = std::io::stderr().lock();
        for d in loaded.diagnostics.iter().filter(|d| d.is_error()) {
            writeln!(err, "{d}")?;
        }
        return Err(Failure::Invalid);
    }
    match loaded.packs.len() {
        1 => Ok(loaded.packs.into_iter().next().expect("one pack")),
        0 => Err(Failure::Usage(format!("no quiz pack in {arg}"))),
        n => Err(Failure::Usage(format!("{arg} holds {n} packs; export one file at a time"))),
    }
}

pub fn run(ctx: &mut RunContext, pack: &str, to: ExportFormat, output: Option<&Path>) -> CommandResult {
    let pack = find_pack(ctx, pack)?;
    let target = target_of(to);
    let exported = export(&pack, target);
    let mut err = std::io::stderr().lock();
    for note in &exported.notes {
        writeln!(err, "{}: {note}", pack.meta.id)?;
    }
    if exported.exported == 0 {
        writeln!(err, "{}: no question of this pack can be written as {}", pack.meta.id, target.label())?;
        return Err(Failure::Invalid);
    }
    if let Some(out) = output {
        std::fs::write(out, &exported.text)
            .map_err(|e| Failure::Usage(format!("cannot write {}: {e}", out.display())))?;
    } else {
        // Standard output is a terminal, or may end up on one: neutralise
        // what could act on it. `-o FILE` keeps the text as it is.
        let (text, replaced) = neutralise(&exported.text);
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(text.as_bytes())?;
        stdout.flush()?;
        if replaced > 0 {
            writeln!(
                err,
                "{}: note: {replaced} control characters or bidi overrides were replaced with U+FFFD on standard \
                 output; write to a file with -o to keep them",
                pack.meta.id
            )?;
        }
    }
    writeln!(
        err,
        "exported {} of {} questions of pack `{}` as {}{}",
        exported.exported,
        pack.questions.len(),
        pack.meta.id,
        target.label(),
        output.map(|o| format!(" ({})", crate::text::sanitize(&o.display().to_string()))).unwrap_or_default()
    )?;
    Ok(())
}

/// `text` with every control character but newline and tab (the formats'
/// own separators), and every bidi override, replaced by U+FFFD; and how
/// many were.
fn neutralise(text: &str) -> (std::borrow::Cow<'_, str>, usize) {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    let count = text.chars().filter(|&c| unsafe_char(c)).count();
    if count == 0 {
        return (std::borrow::Cow::Borrowed(text), 0);
    }
    let clean = text.chars().map(|c| if unsafe_char(c) { '\u{FFFD}' } else { c }).collect();
    (std::borrow::Cow::Owned(clean), count)
}

#[cfg(test)]
mod tests {
    use super::neutralise;

    #[test]
    fn separators_stay_and_escape_sequences_go() {
        let (text, n) = neutralise("a\tb\n\u{1b}]0;x\u{7}\u{9b}\u{202e}\r");
        assert_eq!(text, "a\tb\n\u{fffd}]0;x\u{fffd}\u{fffd}\u{fffd}\u{fffd}");
        assert_eq!(n, 5);
        assert!(matches!(neutralise("plain\ttext\n").0, std::borrow::Cow::Borrowed(_)));
    }
}
