//! The one reader of TOML content files that keep the place of every value
//! (packs, scenarios, labs): a [`Reader`] that collects diagnostics at
//! `path:line:column` (or at the `--set` override a value came from),
//! tables that know which keys were read, and typed getters. Nothing stops
//! at the first problem: each getter reports and returns `None`, and the
//! caller carries on with the next key, so one run shows every mistake.
//!
//! The words are the same for every file: a wrong type is "`key` must be
//! a string, not an integer", an unknown key is "unknown key `k` in NAME;
//! did you mean `x`?" (the shared rule of [`super::suggest`]), else the
//! keys that NAME knows.
//!
//! Getters hand out text borrowed from the tree (`&str`), never copies:
//! `check` of a 10,000-question pack reads every field without allocating
//! a string for it.

use super::suggest;
use super::toml_tree::{Entry, Node, Place, Val};
use super::{Diagnostic, LineIndex, Severity};

/// Collects the diagnostics of one file.
pub struct Reader<'a> {
    pub path: &'a str,
    index: LineIndex<'a>,
    /// How each `--set` override is named where a file path would be
    /// (`--set function.memory_mb=64`), by its index in [`Place::Set`].
    sets: Vec<String>,
    pub diags: Vec<Diagnostic>,
}

impl<'a> Reader<'a> {
    pub fn new(path: &'a str, src: &'a str) -> Self {
        Self { path, index: LineIndex::new(src), sets: Vec::new(), diags: Vec::new() }
    }

    /// Name the places of override values: `sets[i]` for [`Place::Set`]`(i)`.
    #[must_use]
    pub fn with_sets(mut self, sets: Vec<String>) -> Self {
        self.sets = sets;
        self
    }

    /// Line and column of a place in the file; an override has no line (0, 0).
    pub fn position(&self, at: Place) -> (usize, usize) {
        match at {
            Place::File(offset) => self.index.position(offset),
            Place::Set(_) => (0, 0),
        }
    }

    pub fn diag(&mut self, at: Place, severity: Severity, message: impl Into<String>) {
        let (line, column) = self.position(at);
        let path = match at {
            Place::Set(i) => self.sets.get(i).cloned().unwrap_or_else(|| format!("--set #{}", i + 1)),
            Place::File(_) => self.path.to_owned(),
        };
        let d = Diagnostic { path, line, column, severity, message: message.into() };
        // One override can reach a value by several routes; say it once.
        // (Only overrides: a search of every diagnostic so far for each new
        // one would be quadratic in a large pack.)
        if matches!(at, Place::Set(_)) && self.diags.contains(&d) {
            return;
        }
        self.diags.push(d);
    }

    pub fn error(&mut self, at: Place, message: impl Into<String>) {
        self.diag(at, Severity::Error, message);
    }

    pub fn warning(&mut self, at: Place, message: impl Into<String>) {
        self.diag(at, Severity::Warning, message);
    }

    pub fn error_count(&self) -> usize {
        self.diags.iter().filter(|d| d.is_error()).count()
    }

    pub fn has_errors(&self) -> bool {
        self.diags.iter().any(Diagnostic::is_error)
    }

    /// `node` as a table named `name` in messages ("[function]", "sources[0]").
    pub fn table<'n>(&mut self, node: &'n Node<'_>, name: &str) -> Option<Table<'n>> {
        match &node.val {
            Val::Table(entries) => Some(Table::new(entries, node.at, name)),
            other => {
                self.error(node.at, format!("{name} must be a table, not {}", other.type_name()));
                None
            }
        }
    }

    /// Report the keys nobody read. `known` are this table's keys;
    /// `elsewhere` explains keys that exist but not here.
    pub fn finish(&mut self, t: &Table<'_>, known: &[&str], elsewhere: &dyn Fn(&str) -> Option<String>) {
        for (entry, used) in t.entries.iter().zip(&t.used) {
            if !*used {
                self.unknown_key(entry, &t.name, known, elsewhere);
            }
        }
    }

    /// Report every key of `entries` not in `known`, read or not.
    pub fn check_keys(&mut self, entries: &[Entry<'_>], name: &str, known: &[&str]) {
        self.check_keys_with(entries, name, known, &|_| None);
    }

    /// [`Self::check_keys`], where `elsewhere` explains keys that exist but
    /// not here ("is not used by `order` questions").
    pub fn check_keys_with(
        &mut self,
        entries: &[Entry<'_>],
        name: &str,
        known: &[&str],
        elsewhere: &dyn Fn(&str) -> Option<String>,
    ) {
        for entry in entries.iter().filter(|e| !known.contains(&e.key.as_ref())) {
            self.unknown_key(entry, name, known, elsewhere);
        }
    }

    fn unknown_key(
        &mut self,
        entry: &Entry<'_>,
        name: &str,
        known: &[&str],
        elsewhere: &dyn Fn(&str) -> Option<String>,
    ) {
        let key = &entry.key;
        let message = if let Some(why) = elsewhere(key) {
            format!("`{key}` {why}")
        } else if let Some(s) = suggest::did_you_mean(key, known.iter().copied()) {
            format!("unknown key `{key}` in {name}; did you mean `{s}`?")
        } else {
            format!("unknown key `{key}` in {name} (known keys: {})", known.join(", "))
        };
        self.error(entry.key_at, message);
    }

    pub fn str<'n>(&mut self, node: &'n Node<'_>, key: &str) -> Option<&'n str> {
        if let Val::Str(s) = &node.val {
            Some(s)
        } else {
            self.error(node.at, format!("`{key}` must be a string, not {}", node.val.type_name()));
            None
        }
    }

    /// A string that must say something: blank text is "`key` is empty".
    pub fn text<'n>(&mut self, node: &'n Node<'_>, key: &str) -> Option<&'n str> {
        let s = self.str(node, key)?;
        if s.trim().is_empty() {
            self.error(node.at, format!("`{key}` is empty"));
            return None;
        }
        Some(s)
    }

    /// An array of strings, each with its place; a bad element is reported
    /// and left out.
    pub fn strings<'n>(&mut self, node: &'n Node<'_>, key: &str) -> Vec<(&'n str, Place)> {
        self.string_array(node, key, false).0
    }

    /// An array of strings that say something, each with its place: every
    /// bad element (not a string, or blank) is reported, and the list is
    /// returned only when all are good.
    pub fn texts<'n>(&mut self, node: &'n Node<'_>, key: &str) -> Option<Vec<(&'n str, Place)>> {
        let (out, all_good) = self.string_array(node, key, true);
        all_good.then_some(out)
    }

    /// The good strings of an array, and whether every element was good.
    fn string_array<'n>(&mut self, node: &'n Node<'_>, key: &str, non_blank: bool) -> (Vec<(&'n str, Place)>, bool) {
        let Val::Array(items) = &node.val else {
            self.error(node.at, format!("`{key}` must be an array of strings, not {}", node.val.type_name()));
            return (Vec::new(), false);
        };
        let mut out = Vec::with_capacity(items.len());
        let mut all_good = true;
        for item in items {
            match &item.val {
                Val::Str(s) if non_blank && s.trim().is_empty() => {
                    self.error(item.at, format!("empty text in `{key}`"));
                    all_good = false;
                }
                Val::Str(s) => out.push((s.as_ref(), item.at)),
                other => {
                    self.error(item.at, format!("each entry of `{key}` must be a string, not {}", other.type_name()));
                    all_good = false;
                }
            }
        }
        (out, all_good)
    }

    pub fn bool(&mut self, node: &Node<'_>, key: &str) -> Option<bool> {
        match &node.val {
            Val::Bool(b) => Some(*b),
            Val::Str(s) if matches!(s.as_ref(), "true" | "false") => {
                self.error(node.at, format!("`{key}` must be a boolean: write {s} without quotes"));
                None
            }
            other => {
                self.error(node.at, format!("`{key}` must be true or false, not {}", other.type_name()));
                None
            }
        }
    }

    /// An integer between `min` and `max` (`unit` follows `max` in messages).
    pub fn int(&mut self, node: &Node<'_>, key: &str, min: i64, max: i64, unit: &str) -> Option<i64> {
        if matches!(node.val, Val::Float(f) if f.is_infinite()) {
            self.error(node.at, format!("`{key}` is far too large: it must be between {min} and {max}{unit}"));
            return None;
        }
        let n = self.integer(node, key)?;
        if n < min || n > max {
            self.error(node.at, format!("`{key}` must be between {min} and {max}{unit}, found {n}"));
            return None;
        }
        Some(n)
    }

    /// Any integer; the caller says which ones it takes, in its own words.
    pub fn integer(&mut self, node: &Node<'_>, key: &str) -> Option<i64> {
        match node.val {
            Val::Int(n) => Some(n),
            // An integer beyond i64 (the tree keeps it as an infinite float).
            Val::Float(f) if f.is_infinite() => {
                self.error(node.at, format!("`{key}` is out of range"));
                None
            }
            Val::Float(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 9e15 => {
                self.error(
                    node.at,
                    format!("`{key}` must be a whole number: write {} without the decimal point", f as i64),
                );
                None
            }
            ref other => {
                self.error(node.at, format!("`{key}` must be an integer, not {}", other.type_name()));
                None
            }
        }
    }

    /// Any finite number (integer or float).
    pub fn number(&mut self, node: &Node<'_>, key: &str) -> Option<f64> {
        let x = match node.val {
            Val::Int(n) => n as f64,
            Val::Float(f) => f,
            ref other => {
                self.error(node.at, format!("`{key}` must be a number, not {}", other.type_name()));
                return None;
            }
        };
        if !x.is_finite() {
            self.error(node.at, format!("`{key}` must be a finite number"));
            return None;
        }
        Some(x)
    }

    /// A number (integer or float) between `min` and `max`.
    pub fn num(&mut self, node: &Node<'_>, key: &str, min: f64, max: f64, unit: &str) -> Option<f64> {
        let x = match node.val {
            Val::Int(n) => n as f64,
            Val::Float(f) => f,
            ref other => {
                self.error(node.at, format!("`{key}` must be a number, not {}", other.type_name()));
                return None;
            }
        };
        if !x.is_finite() || x < min || x > max {
            self.error(node.at, format!("`{key}` must be between {min} and {max}{unit}, found {x}"));
            return None;
        }
        Some(x)
    }

    pub fn opt_num(&mut self, t: &mut Table<'_>, key: &str, min: f64, max: f64, unit: &str, default: f64) -> f64 {
        t.get(key).and_then(|n| self.num(n, key, min, max, unit)).unwrap_or(default)
    }

    pub fn opt_bool(&mut self, t: &mut Table<'_>, key: &str, default: bool) -> bool {
        t.get(key).and_then(|n| self.bool(n, key)).unwrap_or(default)
    }
}

/// A table being read: remembers which keys were used, so that
/// [`Reader::finish`] can report the rest as unknown.
pub struct Table<'n> {
    pub entries: &'n [Entry<'n>],
    pub used: Vec<bool>,
    pub at: Place,
    /// How to name it in messages: "[function]", "sources[0]".
    pub name: String,
}

impl<'n> Table<'n> {
    pub fn new(entries: &'n [Entry<'n>], at: Place, name: impl Into<String>) -> Self {
        Self { entries, used: vec![false; entries.len()], at, name: name.into() }
    }

    pub fn get(&mut self, key: &str) -> Option<&'n Node<'n>> {
        let i = self.entries.iter().position(|e| e.key == key)?;
        self.used[i] = true;
        Some(&self.entries[i].node)
    }

    /// The entry of `key` (its key's place too), marked as read.
    pub fn entry(&mut self, key: &str) -> Option<&'n Entry<'n>> {
        let i = self.entries.iter().position(|e| e.key == key)?;
        self.used[i] = true;
        Some(&self.entries[i])
    }

    /// A key that must be there: reports `message` at the table when it is not.
    pub fn required(
        &mut self,
        r: &mut Reader<'_>,
        key: &str,
        message: impl FnOnce() -> String,
    ) -> Option<&'n Node<'n>> {
        let node = self.get(key);
        if node.is_none() {
            r.error(self.at, message());
        }
        node
    }

    /// A key that must be there, with the common message.
    pub fn require(&mut self, r: &mut Reader<'_>, key: &str) -> Option<&'n Node<'n>> {
        let node = self.get(key);
        if node.is_none() {
            r.error(self.at, format!("{} is missing the required key `{key}`", self.name));
        }
        node
    }

    pub fn has(&self, key: &str) -> bool {
        self.entries.iter().any(|e| e.key == key)
    }

    /// The place of a key's value if present, else of the table.
    pub fn place_of(&self, key: &str) -> Place {
        self.entries.iter().find(|e| e.key == key).map_or(self.at, |e| e.node.at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::infra::toml_tree::{parse_document, parse_override_value, set};

    fn read(src: &str, check: impl FnOnce(&mut Reader<'_>, &mut Table<'_>)) -> Vec<String> {
        let root = parse_document(src).expect("valid TOML");
        let mut r = Reader::new("f.toml", src).with_sets(vec!["--set a.x=1".into()]);
        let mut t = r.table(&root, "the file").expect("a table");
        check(&mut r, &mut t);
        r.diags.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn wrong_types_are_named_in_words_at_the_value() {
        let d = read("s = 1\nb = \"true\"\nn = \"x\"\nl = [1, \"a\"]\n", |r, t| {
            let s = t.get("s").expect("s");
            assert_eq!(r.str(s, "s"), None);
            let b = t.get("b").expect("b");
            assert_eq!(r.bool(b, "b"), None);
            let n = t.get("n").expect("n");
            assert_eq!(r.num(n, "n", 0.0, 1.0, ""), None);
            let l = t.get("l").expect("l");
            assert_eq!(r.strings(l, "l").iter().map(|s| s.0).collect::<Vec<_>>(), ["a"]);
        });
        assert_eq!(
            d,
            [
                "f.toml:1:5: error: `s` must be a string, not an integer",
                "f.toml:2:5: error: `b` must be a boolean: write true without quotes",
                "f.toml:3:5: error: `n` must be a number, not a string",
                "f.toml:4:6: error: each entry of `l` must be a string, not an integer",
            ]
        );
    }

    #[test]
    fn unread_keys_are_unknown_with_one_suggestion_rule() {
        let d = read("memry_mb = 1\nzebra = 2\nkeep = 3\n", |r, t| {
            t.get("keep");
            r.finish(t, &["memory_mb", "keep"], &|_| None);
        });
        assert_eq!(
            d,
            [
                "f.toml:1:1: error: unknown key `memry_mb` in the file; did you mean `memory_mb`?",
                "f.toml:2:1: error: unknown key `zebra` in the file (known keys: memory_mb, keep)",
            ]
        );
    }

    #[test]
    fn ranges_and_missing_keys() {
        let d = read("n = 99\nf = 2.0\n", |r, t| {
            let n = t.get("n").expect("n");
            assert_eq!(r.int(n, "n", 1, 10, " MB"), None);
            let f = t.get("f").expect("f");
            assert_eq!(r.int(f, "f", 1, 10, ""), None);
            assert!(t.require(r, "id").is_none());
        });
        assert_eq!(
            d,
            [
                "f.toml:1:5: error: `n` must be between 1 and 10 MB, found 99",
                "f.toml:2:5: error: `f` must be a whole number: write 2 without the decimal point",
                "f.toml:1:1: error: the file is missing the required key `id`",
            ]
        );
    }

    #[test]
    fn override_values_are_placed_at_their_override() {
        let src = "[a]\nx = 2\n";
        let mut root = parse_document(src).expect("valid");
        set(&mut root, "a.x", parse_override_value("\"one\"", 0)).expect("set");
        let mut r = Reader::new("f.toml", src).with_sets(vec!["--set a.x=\"one\"".into()]);
        let mut top = r.table(&root, "the file").expect("table");
        let a = top.get("a").expect("a");
        let mut a = r.table(a, "[a]").expect("table");
        let x = a.get("x").expect("x");
        assert_eq!(r.int(x, "x", 0, 9, ""), None);
        assert_eq!(r.diags[0].to_string(), "--set a.x=\"one\":0:0: error: `x` must be an integer, not a string");
    }
}
