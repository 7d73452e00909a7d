//! `config learner [NAME]`: show or set a setting kept in the data
//! directory. Today the one setting is the learner's name, recorded with
//! every answer so an instructor's `report` can tell learners apart.

use std::io::Write;

use super::stats::store_failure;
use super::{CommandResult, Failure};
use crate::cli::{ConfigKey, GlobalOptions};
use crate::study::Store;

pub fn run(global: &GlobalOptions, key: ConfigKey, value: Option<&str>) -> CommandResult {
    let dir = crate::study::data_dir(global.data_dir.as_deref()).map_err(|e| store_failure(&e))?;
    let mut out = std::io::stdout().lock();
    match (key, value) {
        (ConfigKey::Learner, None) => {
            // Showing creates nothing: with no database yet, the default.
            let store = Store::open_existing(&dir).map_err(|e| store_failure(&e))?;
            let saved = match &store {
                Some(s) => s.saved_learner().map_err(|e| store_failure(&e))?,
                None => None,
            };
            let (name, source) = match (global.learner.as_deref(), saved) {
                (Some(n), _) => (crate::study::store::clean_learner(n), "from --learner"),
                (None, Some(n)) => (n, "set with `config learner`"),
                (None, None) => (crate::study::store::os_learner(), "the operating system's user name"),
            };
            if name.is_empty() {
                writeln!(out, "no learner name (set one with `lambda-tutor config learner NAME`)")?;
            } else {
                writeln!(out, "{} ({source})", crate::text::sanitize(&name))?;
            }
        }
        (ConfigKey::Learner, Some(name)) => {
            let mut store = Store::open(&dir).map_err(|e| store_failure(&e))?;
            store.save_learner(name, chrono::Utc::now()).map_err(|e| store_failure(&e))?;
            let shown = crate::text::sanitize(store.learner()).into_owned();
            if name.trim().is_empty() {
                writeln!(out, "learner name forgotten: answers are now recorded as {shown:?}")?;
            } else if shown.is_empty() {
                return Err(Failure::Usage("a learner name needs a visible character".into()));
            } else {
                writeln!(out, "answers are now recorded as {shown:?}")?;
            }
        }
    }
    Ok(())
}
