//! The reader every part of the scenario builder shares: a context that
//! collects diagnostics with their places, tables that know which keys were
//! read, and typed getters that check values against [`limits`].

use std::fmt::Write as _;

use super::super::Override;
use super::super::limits::Limit;
use super::super::tree::{Entry, Node, Place, Val};
use crate::infra::{Diagnostic, Severity};

pub(super) struct Cx<'a> {
    pub(super) path: &'a str,
    pub(super) src: &'a str,
    pub(super) overrides: &'a [Override],
    pub(super) diags: Vec<Diagnostic>,
}

/// A table being read: remembers which keys were used, so the rest can be
/// reported as unknown.
pub(super) struct Table<'n> {
    pub(super) entries: &'n [Entry],
    pub(super) used: Vec<bool>,
    pub(super) at: Place,
    /// How to name it in messages: "[function]", "sources[0]".
    pub(super) name: String,
}

impl<'n> Table<'n> {
    pub(super) fn get(&mut self, key: &str) -> Option<&'n Node> {
        let i = self.entries.iter().position(|e| e.key == key)?;
        self.used[i] = true;
        Some(&self.entries[i].node)
    }

    /// A key that must be there: reports `message` at the table when it is not.
    pub(super) fn required(
        &mut self,
        cx: &mut Cx<'_>,
        key: &str,
        message: impl FnOnce() -> String,
    ) -> Option<&'n Node> {
        let node = self.get(key);
        if node.is_none() {
            cx.error(self.at, message());
        }
        node
    }

    pub(super) fn has(&self, key: &str) -> bool {
        self.entries.iter().any(|e| e.key == key)
    }

    /// The place of a key if present, else of the table.
    pub(super) fn place_of(&self, key: &str) -> Place {
        self.entries.iter().find(|e| e.key == key).map_or(self.at, |e| e.node.at)
    }
}

impl Cx<'_> {
    pub(super) fn diag(&mut self, at: Place, severity: Severity, message: impl Into<String>) {
        let message = message.into();
        let d = match at {
            Place::File(offset) => Diagnostic::at_offset(self.path, self.src, offset, severity, message),
            Place::Set(i) => {
                let o = &self.overrides[i];
                Diagnostic { path: format!("--set {}={}", o.key, o.value), line: 0, column: 0, severity, message }
            }
        };
        if !self.diags.contains(&d) {
            self.diags.push(d);
        }
    }

    pub(super) fn error(&mut self, at: Place, message: impl Into<String>) {
        self.diag(at, Severity::Error, message);
    }

    pub(super) fn warning(&mut self, at: Place, message: impl Into<String>) {
        self.diag(at, Severity::Warning, message);
    }

    pub(super) fn table<'n>(&mut self, node: &'n Node, name: &str) -> Option<Table<'n>> {
        match &node.val {
            Val::Table(entries) => {
                Some(Table { entries, used: vec![false; entries.len()], at: node.at, name: name.to_owned() })
            }
            other => {
                self.error(node.at, format!("{name} must be a table, found {}", other.type_name()));
                None
            }
        }
    }

    /// Report the keys nobody read. `known` are this table's keys;
    /// `elsewhere` explains keys that exist but not here.
    pub(super) fn finish(&mut self, t: &Table<'_>, known: &[&str], elsewhere: &dyn Fn(&str) -> Option<String>) {
        for (entry, used) in t.entries.iter().zip(&t.used) {
            if *used {
                continue;
            }
            let mut message = format!("unknown key `{}` in {}", entry.key, t.name);
            if let Some(why) = elsewhere(&entry.key) {
                message = format!("`{}` {why}", entry.key);
            } else if let Some(s) = did_you_mean(&entry.key, known) {
                let _ = write!(message, " (did you mean `{s}`?)");
            } else {
                let _ = write!(message, " (known keys: {})", known.join(", "));
            }
            self.error(entry.key_at, message);
        }
    }

    pub(super) fn str<'n>(&mut self, node: &'n Node, key: &str) -> Option<&'n str> {
        if let Val::Str(s) = &node.val {
            Some(s)
        } else {
            self.error(node.at, format!("`{key}` must be a string, found {}", node.val.type_name()));
            None
        }
    }

    pub(super) fn bool(&mut self, node: &Node, key: &str) -> Option<bool> {
        if let Val::Bool(b) = node.val {
            Some(b)
        } else {
            self.error(node.at, format!("`{key}` must be true or false, found {}", node.val.type_name()));
            None
        }
    }

    pub(super) fn int(&mut self, node: &Node, key: &str, min: i64, max: i64, unit: &str) -> Option<i64> {
        let n = match node.val {
            Val::Int(n) => n,
            Val::Float(f) if f.is_infinite() => {
                self.error(node.at, format!("`{key}` is far too large: it must be between {min} and {max}{unit}"));
                return None;
            }
            Val::Float(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 9e15 => {
                self.error(
                    node.at,
                    format!("`{key}` must be a whole number: write {} without the decimal point", f as i64),
                );
                return None;
            }
            ref other => {
                self.error(node.at, format!("`{key}` must be an integer, found {}", other.type_name()));
                return None;
            }
        };
        if n < min || n > max {
            self.error(node.at, format!("`{key}` must be between {min} and {max}{unit}, found {n}"));
            return None;
        }
        Some(n)
    }

    pub(super) fn num(&mut self, node: &Node, key: &str, min: f64, max: f64, unit: &str) -> Option<f64> {
        let x = match node.val {
            Val::Int(n) => n as f64,
            Val::Float(f) => f,
            ref other => {
                self.error(node.at, format!("`{key}` must be a number, found {}", other.type_name()));
                return None;
            }
        };
        if !x.is_finite() || x < min || x > max {
            self.error(node.at, format!("`{key}` must be between {min} and {max}{unit}, found {x}"));
            return None;
        }
        Some(x)
    }

    pub(super) fn opt_num(
        &mut self,
        t: &mut Table<'_>,
        key: &str,
        min: f64,
        max: f64,
        unit: &str,
        default: f64,
    ) -> f64 {
        t.get(key).and_then(|n| self.num(n, key, min, max, unit)).unwrap_or(default)
    }

    pub(super) fn opt_bool(&mut self, t: &mut Table<'_>, key: &str, default: bool) -> bool {
        t.get(key).and_then(|n| self.bool(n, key)).unwrap_or(default)
    }

    pub(super) fn error_count(&self) -> usize {
        self.diags.iter().filter(|d| d.is_error()).count()
    }

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
