//! `history --format csv|json [-o OUT]`: every recorded answer, for a learner
//! to hand to an instructor.
//!
//! With no database yet the export is empty (a header line, or `[]`), not an
//! error, and no database is created. Written to a terminal, CSV text fields
//! lose their control characters; written to a file or pipe they are kept
//! exactly. JSON escapes them either way (lossless).

use std::io::{IsTerminal, Write};
use std::path::Path;

use super::stats::store_failure;
use super::{CommandResult, Failure};
use crate::cli::HistoryFormat;
use crate::context::Context;
use crate::study::Store;
use crate::study::history::{write_csv, write_json};

pub fn run(ctx: &Context, format: HistoryFormat, output: Option<&Path>) -> CommandResult {
    let dir = ctx.data_dir().map_err(Failure::Usage)?;
    let rows = match Store::open_existing(dir).map_err(|e| store_failure(&e))? {
        Some(store) => store.answers().map_err(|e| store_failure(&e))?,
        None => Vec::new(),
    };
    let mut buffer = Vec::new();
    let to_terminal = output.is_none() && std::io::stdout().is_terminal();
    match format {
        HistoryFormat::Csv => write_csv(&mut buffer, &rows, to_terminal)?,
        HistoryFormat::Json => write_json(&mut buffer, &rows)?,
    }
    match output {
        Some(path) => std::fs::write(path, &buffer)
            .map_err(|e| Failure::Usage(format!("cannot write {}: {e}", path.display())))?,
        None => std::io::stdout().lock().write_all(&buffer)?,
    }
    Ok(())
}
