//! The reader every part of the scenario builder shares: the crate's one
//! TOML reader ([`crate::infra::toml_reader`]) with getters that check
//! values against [`limits`].

use std::ops::{Deref, DerefMut};

use super::super::limits::Limit;
use crate::infra::toml_reader::Reader;
pub(super) use crate::infra::toml_reader::Table;

/// The shared reader, plus the getters that check a value against its
/// [`Limit`].
pub(super) struct Cx<'a>(pub(super) Reader<'a>);

impl<'a> Deref for Cx<'a> {
    type Target = Reader<'a>;
    fn deref(&self) -> &Reader<'a> {
        &self.0
    }
}

impl DerefMut for Cx<'_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl Cx<'_> {
    /// An integer key checked against its limit, else its default.
    pub(super) fn lim_i64(&mut self, t: &mut Table<'_>, l: &Limit) -> i64 {
        let (min, max) = (l.min as i64, l.max as i64);
        t.get(l.key).and_then(|n| self.int(n, l.key, min, max, l.unit)).unwrap_or(l.default as i64)
    }

    pub(super) fn lim_u32(&mut self, t: &mut Table<'_>, l: &Limit) -> u32 {
        u32::try_from(self.lim_i64(t, l)).unwrap_or(l.default as u32)
    }

    /// A number key checked against its limit, else its default.
    pub(super) fn lim_num(&mut self, t: &mut Table<'_>, l: &Limit) -> f64 {
        t.get(l.key).and_then(|n| self.num(n, l.key, l.min, l.max, l.unit)).unwrap_or(l.default)
    }
}

/// "a" or "an" before a source kind id, as it is read aloud ("an s3 source").
pub(super) fn article(id: &str) -> &'static str {
    if id.starts_with(['a', 'e', 'i', 'o', 'u', 's']) { "an" } else { "a" }
}

/// The closest known word, if it is close enough to be a likely typo: the
/// same rule as packs and lessons (one "did you mean" for every file).
pub fn did_you_mean<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    crate::infra::suggest::did_you_mean(word, known.iter().copied())
}
