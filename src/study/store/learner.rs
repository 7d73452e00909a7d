//! Who answers: a name recorded with every answer, so an instructor can tell
//! many learners' exports apart. Set once with `config learner NAME` (kept in
//! the database's `meta` table, so it lives in the data directory), or for
//! one run with `--learner NAME`; otherwise the operating system's user name.

use chrono::{DateTime, Utc};

use super::meta::{json, put};
use super::{Store, StoreError, to_ms};

const LEARNER: &str = "learner";

/// The most characters a learner name keeps.
pub const MAX_LEARNER_CHARS: usize = 100;

/// The user name of the environment (`USER`, or `USERNAME` on Windows), or
/// empty when neither is set.
pub fn os_user() -> String {
    ["USER", "USERNAME"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .map(|v| clean(&v))
        .find(|v| !v.is_empty())
        .unwrap_or_default()
}

/// A name on one line, without control characters, of bounded length.
pub fn clean(name: &str) -> String {
    let one_line = crate::text::sanitize(name);
    one_line.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(MAX_LEARNER_CHARS).collect()
}

impl Store {
    /// The name recorded with the answers of this store from now on.
    pub fn learner(&self) -> &str {
        &self.learner
    }

    /// Record answers under `name` for as long as this store is open
    /// (`--learner NAME`), without remembering it. `None` changes nothing.
    #[must_use]
    pub fn with_learner(mut self, name: Option<&str>) -> Self {
        if let Some(name) = name.map(clean).filter(|n| !n.is_empty()) {
            self.learner = name;
        }
        self
    }

    /// The name saved with `config learner`, if any.
    pub fn saved_learner(&self) -> Result<Option<String>, StoreError> {
        Ok(self.meta::<String>(LEARNER)?.map(|n| clean(&n)).filter(|n| !n.is_empty()))
    }

    /// Remember `name` as the learner of this data directory. An empty name
    /// forgets it (back to the operating system's user name).
    pub fn save_learner(&mut self, name: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
        let name = clean(name);
        if name.is_empty() {
            self.write(|tx| tx.execute("DELETE FROM meta WHERE key = ?1", [LEARNER]).map(drop))?;
            self.learner = os_user();
        } else {
            self.write(|tx| put(tx, LEARNER, &json(&name)?, to_ms(at)))?;
            self.learner = name;
        }
        Ok(())
    }
}
