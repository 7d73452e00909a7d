//! Reading typed values out of toml's spanned tables, turning every
//! mistake into a diagnostic at the exact place of the offending key or
//! value. Nothing here stops at the first problem: each getter reports and
//! returns `None`, and the caller carries on with the next key.
//!
//! Text is borrowed from the parsed document, not copied: `check` of a
//! large pack validates without allocating a string per field, and only a
//! pack that is kept is copied into the owned model.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use crate::infra::suggest;
use crate::infra::{Diagnostic, LineIndex, Severity};

pub type Value<'i> = Spanned<DeValue<'i>>;

/// Collects diagnostics for one file, placing byte spans as line:column.
pub struct Reader<'s> {
    pub path: &'s str,
    index: LineIndex<'s>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'s> Reader<'s> {
    pub fn new(path: &'s str, src: &'s str) -> Self {
        Self { path, index: LineIndex::new(src), diagnostics: Vec::new() }
    }

    pub fn place(&self, span: &Range<usize>) -> (usize, usize) {
        self.index.position(span.start)
    }

    pub fn report(&mut self, span: &Range<usize>, severity: Severity, message: impl Into<String>) {
        let (line, column) = self.place(span);
        self.diagnostics.push(Diagnostic {
            path: self.path.to_owned(),
            line,
            column,
            severity,
            message: message.into(),
        });
    }

    pub fn error(&mut self, span: &Range<usize>, message: impl Into<String>) {
        self.report(span, Severity::Error, message);
    }

    pub fn warning(&mut self, span: &Range<usize>, message: impl Into<String>) {
        self.report(span, Severity::Warning, message);
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// "a string", "an integer", … for messages.
pub fn describe(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// A table being read: its entries, the span of its header (where
/// "missing key" errors go) and how messages name it.
pub struct Fields<'t, 'i> {
    pub table: &'t DeTable<'i>,
    pub span: Range<usize>,
    pub name: String,
}

impl<'t, 'i> Fields<'t, 'i> {
    pub fn new(table: &'t DeTable<'i>, span: Range<usize>, name: impl Into<String>) -> Self {
        Self { table, span, name: name.into() }
    }

    pub fn get(&self, key: &str) -> Option<&'t Value<'i>> {
        self.table.get(key)
    }

    pub fn has(&self, key: &str) -> bool {
        self.table.contains_key(key)
    }

    pub fn key_span(&self, key: &str) -> Option<Range<usize>> {
        self.table.get_key_value(key).map(|(k, _)| k.span())
    }

    /// Report every key not in `allowed`. `explain` may give a better
    /// message than "unknown key" (for a key that belongs to another
    /// question type); otherwise the closest allowed key is suggested.
    pub fn check_keys(&self, r: &mut Reader<'_>, allowed: &[&str], explain: impl Fn(&str) -> Option<String>) {
        for (key, _) in self.table {
            let key: &Spanned<DeString<'i>> = key;
            let name = key.get_ref().as_ref();
            if allowed.contains(&name) {
                continue;
            }
            let message = explain(name).unwrap_or_else(|| {
                format!("unknown key `{name}` in {}{}", self.name, suggest::hint(name, allowed.iter().copied()))
            });
            r.error(&key.span(), message);
        }
    }

    /// A required key: reports its absence at the table's header.
    pub fn require(&self, r: &mut Reader<'_>, key: &str) -> Option<&'t Value<'i>> {
        let v = self.get(key);
        if v.is_none() {
            r.error(&self.span, format!("{} is missing the required key `{key}`", self.name));
        }
        v
    }

    pub fn string(&self, r: &mut Reader<'_>, key: &str, required: bool) -> Option<Spanned<&'t str>> {
        let v = if required { self.require(r, key)? } else { self.get(key)? };
        as_string(r, key, v)
    }

    /// A string that must say something: blank text is an error.
    pub fn text(&self, r: &mut Reader<'_>, key: &str, required: bool) -> Option<Spanned<&'t str>> {
        let s = self.string(r, key, required)?;
        if s.get_ref().trim().is_empty() {
            r.error(&s.span(), format!("`{key}` is empty"));
            return None;
        }
        Some(s)
    }

    pub fn boolean(&self, r: &mut Reader<'_>, key: &str, required: bool) -> Option<Spanned<bool>> {
        let v = if required { self.require(r, key)? } else { self.get(key)? };
        match v.get_ref() {
            DeValue::Boolean(b) => Some(Spanned::new(v.span(), *b)),
            DeValue::String(s) if matches!(s.as_ref(), "true" | "false") => {
                r.error(&v.span(), format!("`{key}` must be a boolean: write {s} without quotes"));
                None
            }
            other => {
                r.error(&v.span(), format!("`{key}` must be true or false, not {}", describe(other)));
                None
            }
        }
    }

    pub fn integer(&self, r: &mut Reader<'_>, key: &str, required: bool) -> Option<Spanned<i64>> {
        let v = if required { self.require(r, key)? } else { self.get(key)? };
        as_integer(r, key, v)
    }

    /// An integer or a float, finite.
    pub fn number(&self, r: &mut Reader<'_>, key: &str, required: bool) -> Option<Spanned<f64>> {
        let v = if required { self.require(r, key)? } else { self.get(key)? };
        let n = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok().map(|n| n as f64),
            DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
            other => {
                r.error(&v.span(), format!("`{key}` must be a number, not {}", describe(other)));
                return None;
            }
        };
        match n {
            Some(n) if n.is_finite() => Some(Spanned::new(v.span(), n)),
            _ => {
                r.error(&v.span(), format!("`{key}` must be a finite number"));
                None
            }
        }
    }

    /// An array of non-blank strings. Each bad element is reported; the
    /// list is returned only when every element is good.
    pub fn string_list(&self, r: &mut Reader<'_>, key: &str, required: bool) -> Option<Spanned<Vec<Spanned<&'t str>>>> {
        let v = if required { self.require(r, key)? } else { self.get(key)? };
        as_string_list(r, key, v)
    }

    /// An inline table of string → string.
    pub fn string_map(&self, r: &mut Reader<'_>, key: &str) -> Option<Vec<(Spanned<&'t str>, Spanned<&'t str>)>> {
        let v = self.get(key)?;
        let DeValue::Table(t) = v.get_ref() else {
            r.error(
                &v.span(),
                format!("`{key}` must be a table such as {{ \"choice\" = \"text\" }}, not {}", describe(v.get_ref())),
            );
            return None;
        };
        let mut out = Vec::with_capacity(t.len());
        let mut ok = true;
        for (k, val) in t {
            match val.get_ref() {
                DeValue::String(s) => {
                    out.push((Spanned::new(k.span(), k.get_ref().as_ref()), Spanned::new(val.span(), s.as_ref())));
                }
                other => {
                    r.error(&val.span(), format!("each value of `{key}` must be a string, not {}", describe(other)));
                    ok = false;
                }
            }
        }
        ok.then_some(out)
    }
}

pub fn as_string<'t>(r: &mut Reader<'_>, key: &str, v: &'t Value<'_>) -> Option<Spanned<&'t str>> {
    match v.get_ref() {
        DeValue::String(s) => Some(Spanned::new(v.span(), s.as_ref())),
        other => {
            r.error(&v.span(), format!("`{key}` must be a string, not {}", describe(other)));
            None
        }
    }
}

pub fn as_integer(r: &mut Reader<'_>, key: &str, v: &Value<'_>) -> Option<Spanned<i64>> {
    match v.get_ref() {
        DeValue::Integer(i) => {
            let n = i64::from_str_radix(i.as_str(), i.radix()).ok();
            if n.is_none() {
                r.error(&v.span(), format!("`{key}` is out of range"));
            }
            n.map(|n| Spanned::new(v.span(), n))
        }
        other => {
            r.error(&v.span(), format!("`{key}` must be an integer, not {}", describe(other)));
            None
        }
    }
}

pub fn as_string_list<'t>(r: &mut Reader<'_>, key: &str, v: &'t Value<'_>) -> Option<Spanned<Vec<Spanned<&'t str>>>> {
    let DeValue::Array(items) = v.get_ref() else {
        r.error(&v.span(), format!("`{key}` must be an array of strings, not {}", describe(v.get_ref())));
        return None;
    };
    let mut out = Vec::with_capacity(items.len());
    let mut ok = true;
    for item in items {
        match item.get_ref() {
            DeValue::String(s) if s.trim().is_empty() => {
                r.error(&item.span(), format!("empty text in `{key}`"));
                ok = false;
            }
            DeValue::String(s) => out.push(Spanned::new(item.span(), s.as_ref())),
            other => {
                r.error(&item.span(), format!("each entry of `{key}` must be a string, not {}", describe(other)));
                ok = false;
            }
        }
    }
    ok.then(|| Spanned::new(v.span(), out))
}
