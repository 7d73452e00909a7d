//! A TOML file as a plain tree of values that remember where they came
//! from: a byte offset in the file, or one of the `--set` overrides. The
//! readers of packs, scenarios and labs walk this tree with
//! [`super::toml_reader`], so an overridden value is checked exactly like
//! one written in the file.
//!
//! Text is borrowed from the source wherever toml borrowed it (`Cow`): the
//! tree is built by moving toml's own strings, so checking a large pack
//! copies none of its text.

use std::borrow::Cow;

use toml::de::{DeTable, DeValue};

/// Where a value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A byte offset in the scenario file.
    File(usize),
    /// The n-th `--set` override.
    Set(usize),
}

#[derive(Debug, Clone)]
pub struct Node<'s> {
    pub val: Val<'s>,
    pub at: Place,
}

#[derive(Debug, Clone)]
pub enum Val<'s> {
    Str(Cow<'s, str>),
    Int(i64),
    Float(f64),
    Bool(bool),
    Datetime,
    Array(Vec<Node<'s>>),
    Table(Vec<Entry<'s>>),
}

#[derive(Debug, Clone)]
pub struct Entry<'s> {
    pub key: Cow<'s, str>,
    pub key_at: Place,
    pub node: Node<'s>,
}

impl Node<'_> {
    /// The same tree with every text copied, for a tree that must outlive
    /// the text it was read from.
    #[must_use]
    pub fn into_owned(self) -> Node<'static> {
        let val = match self.val {
            Val::Str(s) => Val::Str(Cow::Owned(s.into_owned())),
            Val::Int(n) => Val::Int(n),
            Val::Float(x) => Val::Float(x),
            Val::Bool(b) => Val::Bool(b),
            Val::Datetime => Val::Datetime,
            Val::Array(items) => Val::Array(items.into_iter().map(Node::into_owned).collect()),
            Val::Table(entries) => Val::Table(
                entries
                    .into_iter()
                    .map(|e| Entry { key: Cow::Owned(e.key.into_owned()), key_at: e.key_at, node: e.node.into_owned() })
                    .collect(),
            ),
        };
        Node { val, at: self.at }
    }
}

impl Val<'_> {
    /// The TOML name of the value's type, for "expected …, found …".
    pub fn type_name(&self) -> &'static str {
        match self {
            Val::Str(_) => "a string",
            Val::Int(_) => "an integer",
            Val::Float(_) => "a float",
            Val::Bool(_) => "a boolean",
            Val::Datetime => "a date-time",
            Val::Array(_) => "an array",
            Val::Table(_) => "a table",
        }
    }
}

/// Parse a whole TOML document into a tree, or return the parser's error as
/// (byte offset, message).
pub fn parse_document(src: &str) -> Result<Node<'_>, (usize, String)> {
    let doc =
        DeTable::parse(src).map_err(|e| (e.span().map_or(0, |s| s.start), e.message().trim().replace('\n', " ")))?;
    Ok(from_document(doc))
}

/// The tree of a document toml has already parsed (a reader that wants
/// toml's own error recovery parses it itself). Consumes the document, so
/// its text moves into the tree instead of being copied.
pub fn from_document(doc: toml::Spanned<DeTable<'_>>) -> Node<'_> {
    let at = Place::File(doc.span().start);
    Node { val: table(doc.into_inner(), &Place::File), at }
}

/// Parse the value of a `--set key=value` override. The value is TOML
/// (`1024`, `true`, `"arm64"`, `{ dist = "fixed", value = 100 }`); text that
/// is not TOML is taken as a string, so `function.runtime=java21` works.
pub fn parse_override_value(text: &str, index: usize) -> Node<'static> {
    let place = move |_| Place::Set(index);
    let doc = format!("v = {text}");
    if let Ok(parsed) = DeTable::parse(&doc)
        && let Some((_, v)) = parsed.into_inner().into_iter().find(|(k, _)| k.get_ref() == "v")
    {
        return value(v.into_inner(), 0, &place).into_owned();
    }
    Node { val: Val::Str(Cow::Owned(text.to_owned())), at: Place::Set(index) }
}

fn table<'s>(t: DeTable<'s>, place: &dyn Fn(usize) -> Place) -> Val<'s> {
    let mut entries: Vec<Entry<'s>> = t
        .into_iter()
        .map(|(k, v)| {
            let key_at = place(k.span().start);
            let at = v.span().start;
            Entry { key: k.into_inner(), key_at, node: value(v.into_inner(), at, place) }
        })
        .collect();
    // Keep the file's order, so "every problem at once" reads top to bottom.
    entries.sort_by_key(|e| match e.key_at {
        Place::File(o) => o,
        Place::Set(i) => usize::MAX - 1_000_000 + i,
    });
    Val::Table(entries)
}

fn value<'s>(v: DeValue<'s>, offset: usize, place: &dyn Fn(usize) -> Place) -> Node<'s> {
    let val = match v {
        DeValue::String(s) => Val::Str(s),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => Val::Int(n),
            // Larger than i64: keep it a float so range checks report it.
            Err(_) => Val::Float(f64::INFINITY),
        },
        DeValue::Float(f) => Val::Float(parse_float(f.as_str())),
        DeValue::Boolean(b) => Val::Bool(b),
        DeValue::Datetime(_) => Val::Datetime,
        DeValue::Array(a) => Val::Array(
            a.into_iter()
                .map(|e| {
                    let at = e.span().start;
                    value(e.into_inner(), at, place)
                })
                .collect(),
        ),
        DeValue::Table(t) => table(t, place),
    };
    Node { val, at: place(offset) }
}

fn parse_float(s: &str) -> f64 {
    // toml hands floats over in `FromStr` form; strip `_` only if one is
    // left, so the common float costs no allocation.
    if s.contains('_') { s.replace('_', "").parse().unwrap_or(f64::NAN) } else { s.parse().unwrap_or(f64::NAN) }
}

/// Why an override could not be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetError {
    /// A path segment names an array element that does not exist.
    NoSuchElement { path: String, len: usize },
    /// A path goes through a value that is not a table or array.
    NotATable { path: String },
    /// An empty key or segment.
    BadKey,
}

impl std::fmt::Display for SetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SetError::NoSuchElement { path, len } => {
                write!(f, "there is no `{path}`: the scenario has {len} of them (counting from 0)")
            }
            SetError::NotATable { path } => write!(f, "`{path}` is not a table, so it has no keys"),
            SetError::BadKey => f.write_str("the key is empty; write it as a dotted path such as function.memory_mb"),
        }
    }
}

/// Set `dotted` (e.g. `function.memory_mb`, `sources.0.arrival.rate_per_s`)
/// in the tree, creating missing tables on the way. Whether the key is one
/// the format knows is for the builder to say, with a "did you mean".
pub fn set<'s>(root: &mut Node<'s>, dotted: &str, new: Node<'s>) -> Result<(), SetError> {
    let segments: Vec<&str> = dotted.split('.').map(str::trim).collect();
    if segments.iter().any(|s| s.is_empty()) {
        return Err(SetError::BadKey);
    }
    let at = new.at;
    let mut node = root;
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        let so_far = segments[..=i].join(".");
        match &mut node.val {
            Val::Array(items) => {
                let len = items.len();
                let Some(item) = seg.parse::<usize>().ok().and_then(|n| items.get_mut(n)) else {
                    return Err(SetError::NoSuchElement { path: so_far, len });
                };
                if last {
                    *item = new;
                    return Ok(());
                }
                node = item;
            }
            Val::Table(entries) => {
                let pos = entries.iter().position(|e| e.key == *seg).unwrap_or_else(|| {
                    let fresh = Node { val: Val::Table(Vec::new()), at };
                    entries.push(Entry { key: Cow::Owned((*seg).to_owned()), key_at: at, node: fresh });
                    entries.len() - 1
                });
                if last {
                    entries[pos].node = new;
                    return Ok(());
                }
                node = &mut entries[pos].node;
            }
            _ => return Err(SetError::NotATable { path: segments[..i].join(".") }),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get<'a>(node: &'a Node<'_>, key: &str) -> &'a Node<'a> {
        let Val::Table(entries) = &node.val else { panic!("not a table") };
        &entries.iter().find(|e| e.key == key).expect("key present").node
    }

    #[test]
    fn parses_with_offsets() {
        let src = "a = 1\n[t]\nb = \"x\"\nc = [1.5, true]\n";
        let root = parse_document(src).expect("valid");
        assert!(matches!(get(&root, "a").val, Val::Int(1)));
        let b = get(get(&root, "t"), "b");
        assert_eq!(b.at, Place::File(src.find("\"x\"").expect("present")));
        let Val::Array(c) = &get(get(&root, "t"), "c").val else { panic!("array") };
        assert!(matches!(c[0].val, Val::Float(x) if (x - 1.5).abs() < 1e-12));
    }

    /// The tree moves toml's strings rather than copying them: plain text
    /// stays borrowed from the source (only escapes make toml own a copy).
    #[test]
    fn text_is_borrowed_from_the_source() {
        let root = parse_document("k = \"plain\"\ne = \"tab\\there\"\n").expect("valid");
        let Val::Table(entries) = &root.val else { panic!("not a table") };
        assert!(entries.iter().all(|e| matches!(e.key, Cow::Borrowed(_))));
        assert!(matches!(get(&root, "k").val, Val::Str(Cow::Borrowed("plain"))));
        assert!(matches!(&get(&root, "e").val, Val::Str(Cow::Owned(s)) if s == "tab\there"));
        let owned: Node<'static> = root.clone().into_owned();
        assert!(matches!(&get(&owned, "k").val, Val::Str(Cow::Owned(s)) if s == "plain"));
    }

    #[test]
    fn syntax_errors_have_offsets() {
        let (offset, message) = parse_document("a = 1\nb = \n").expect_err("broken");
        assert!(offset >= 6, "{offset}");
        assert!(!message.is_empty());
    }

    #[test]
    fn overrides_set_nested_and_indexed_values() {
        let mut root = parse_document("[f]\nm = 1\n[[s]]\nr = 2\n").expect("valid");
        set(&mut root, "f.m", parse_override_value("1024", 0)).expect("set");
        set(&mut root, "s.0.r", parse_override_value("5.5", 1)).expect("set");
        set(&mut root, "g.new", parse_override_value("java21", 2)).expect("set");
        assert!(matches!(get(get(&root, "f"), "m").val, Val::Int(1024)));
        assert!(matches!(get(&root, "g").val, Val::Table(_)));
        assert!(matches!(&get(get(&root, "g"), "new").val, Val::Str(s) if s == "java21"));
        assert_eq!(
            set(&mut root, "s.3.r", parse_override_value("1", 3)),
            Err(SetError::NoSuchElement { path: "s.3".into(), len: 1 })
        );
        assert!(matches!(set(&mut root, "f.m.x", parse_override_value("1", 4)), Err(SetError::NotATable { .. })));
        assert_eq!(set(&mut root, "f..m", parse_override_value("1", 5)), Err(SetError::BadKey));
    }

    #[test]
    fn override_values_are_toml_when_they_can_be() {
        assert!(matches!(parse_override_value("true", 0).val, Val::Bool(true)));
        assert!(matches!(parse_override_value("\"arm64\"", 0).val, Val::Str(ref s) if s == "arm64"));
        assert!(matches!(parse_override_value("{ dist = \"fixed\", value = 1 }", 0).val, Val::Table(_)));
        assert!(matches!(parse_override_value("python3.12", 0).val, Val::Str(ref s) if s == "python3.12"));
    }
}
