//! The answers of a JSON history export, read straight from its text: no
//! `serde_json::Value` tree, strings borrowed unless they hold escapes.
//! Each answer is read on its own terms, so a wrong value in one (a number
//! where text belongs, an unknown `correct`) costs that answer only; text
//! that is not JSON at all fails the file, with its line and column.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::row::{Field, Row};

/// Hand each answer of the array, or why it cannot be used, to `each` in
/// turn (with its 0-based place), as it is read: a class merged into one
/// file is never held as rows. `Err` when the text is not a JSON array;
/// the answers before the fault have been handed over by then.
pub fn each_row<'a>(
    text: &'a str,
    mut each: impl FnMut(usize, Result<Row<'a>, String>),
) -> Result<(), serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    (&mut de).deserialize_seq(Rows { each: &mut each, seen: 0 })?;
    de.end()
}

struct Rows<'f, F> {
    each: &'f mut F,
    seen: usize,
}

impl<'de, F: FnMut(usize, Result<Row<'de>, String>)> Visitor<'de> for Rows<'_, F> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of answers")
    }
    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        while let Some(Answer(row)) = seq.next_element()? {
            (self.each)(self.seen, row);
            self.seen += 1;
        }
        Ok(())
    }
}

/// One element of the array.
struct Answer<'a>(Result<Row<'a>, String>);

impl<'de> de::Deserialize<'de> for Answer<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match d.deserialize_any(Scalar::visitor())? {
            Scalar::Object(row) => Ok(Answer(*row)),
            _ => Ok(Answer(Err("not an object with the fields of an answer".into()))),
        }
    }
}

/// A JSON value, as far as an answer's fields need to know it.
enum Scalar<'a> {
    Text(Cow<'a, str>),
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Null,
    /// An array, or an object below the top of an answer.
    Nested,
    /// An answer object (only at the top of an element), boxed: the other
    /// values are a tenth of its size.
    Object(Box<Result<Row<'a>, String>>),
}

struct ScalarVisitor {
    /// Read an object as an answer (at the top of an element only).
    top: bool,
}

impl Scalar<'_> {
    fn visitor() -> ScalarVisitor {
        ScalarVisitor { top: true }
    }
}

impl<'de> de::Deserialize<'de> for Scalar<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarVisitor { top: false })
    }
}

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::UInt(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Float(v))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Text(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Text(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Text(Cow::Owned(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar<'de>, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Nested)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar<'de>, A::Error> {
        if !self.top {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            return Ok(Scalar::Nested);
        }
        let mut row = Row::default();
        let mut first_problem = None;
        let mut present = [false; 3];
        while let Some(Key(field)) = map.next_key()? {
            let Some(field) = field else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let value: Scalar<'de> = map.next_value()?;
            if let Some(i) = [Field::AnsweredAt, Field::PackId, Field::QuestionId].iter().position(|f| *f == field) {
                present[i] = true;
            }
            if let Err(problem) = set(&mut row, field, value) {
                first_problem.get_or_insert(problem);
            }
        }
        if let Some(i) = present.iter().position(|p| !p) {
            let name = [Field::AnsweredAt, Field::PackId, Field::QuestionId][i].name();
            first_problem.get_or_insert(format!("missing field `{name}`"));
        }
        Ok(Scalar::Object(Box::new(first_problem.map_or(Ok(row), Err))))
    }
}

/// A key of an answer object: the field it names, if one we read.
struct Key(Option<Field>);

impl<'de> de::Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
                Ok(Key(Field::named(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// Set one field from its JSON value. `null` leaves the field empty, as
/// an absent key does; numbers and `correct` may also come as text.
fn set<'a>(row: &mut Row<'a>, field: Field, value: Scalar<'a>) -> Result<(), String> {
    let name = field.name();
    match (field, value) {
        (_, Scalar::Null) => {}
        (_, Scalar::Text(text)) => row.set_text(field, text)?,
        (Field::Correct, Scalar::Bool(b)) => row.correct = Some(b),
        (Field::Correct, Scalar::Int(n @ (0 | 1))) => row.correct = Some(n == 1),
        (Field::Correct, Scalar::UInt(n @ (0 | 1))) => row.correct = Some(n == 1),
        (Field::Id, Scalar::Int(n)) => row.id = n,
        (Field::Id, Scalar::UInt(n)) => row.id = i64::try_from(n).map_err(|_| format!("`{name}` {n} is too large"))?,
        (Field::HintsUsed, Scalar::Int(n)) => {
            row.hints_used = u32::try_from(n).map_err(|_| format!("`{name}` {n} is out of range"))?;
        }
        (Field::HintsUsed, Scalar::UInt(n)) => {
            row.hints_used = u32::try_from(n).map_err(|_| format!("`{name}` {n} is out of range"))?;
        }
        #[allow(clippy::cast_precision_loss)]
        (Field::Seconds, Scalar::Int(n)) => row.seconds = n as f64,
        #[allow(clippy::cast_precision_loss)]
        (Field::Seconds, Scalar::UInt(n)) => row.seconds = n as f64,
        (Field::Seconds, Scalar::Float(x)) => row.seconds = x,
        (Field::Correct, _) => return Err(format!("`{name}` must be true, false or null")),
        (Field::Id | Field::HintsUsed, _) => return Err(format!("`{name}` must be a whole number")),
        (Field::Seconds, _) => return Err(format!("`{name}` must be a number")),
        _ => return Err(format!("`{name}` must be text")),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_borrow_their_text_and_a_bad_one_costs_only_itself() {
        let text = r#"[
            {"id": 1, "answered_at": "2026-11-01T10:00:00Z", "pack_id": "p", "question_id": "q",
             "correct": null, "grade": "again", "seconds": 4, "response": "a \"quoted\" one", "drill_id": null,
             "extra": {"nested": [1, 2]}},
            {"id": 2, "answered_at": "2026-11-01T10:00:00Z", "pack_id": "p", "question_id": "q", "title": 7},
            {"id": 3, "pack_id": "p", "question_id": "q"},
            "not an answer",
            {"id": 4, "answered_at": "2026-11-01T10:00:00Z", "pack_id": "p", "question_id": "q", "correct": "1"}
        ]"#;
        let mut rows = Vec::new();
        each_row(text, |i, row| {
            assert_eq!(i, rows.len());
            rows.push(row);
        })
        .expect("json");
        assert_eq!(rows.len(), 5);
        let first = rows[0].as_ref().expect("first");
        assert!(matches!(first.pack_id, Cow::Borrowed("p")));
        assert_eq!(first.response, "a \"quoted\" one");
        assert_eq!((first.correct, first.seconds), (None, 4.0));
        assert_eq!(rows[1].as_ref().expect_err("title"), "`title` must be text");
        assert_eq!(rows[2].as_ref().expect_err("time"), "missing field `answered_at`");
        assert!(rows[3].is_err());
        assert_eq!(rows[4].as_ref().expect("fourth").correct, Some(true));
    }

    #[test]
    fn text_that_is_not_an_array_fails_with_its_place() {
        let mut n = 0;
        let e = each_row("[{\"id\": 1},\n  {\"id\": ", |_, _| n += 1).expect_err("truncated");
        assert_eq!((n, e.line()), (1, 2));
        assert!(each_row("[] x", |_, _| {}).is_err());
        assert!(each_row("{}", |_, _| {}).is_err());
    }
}
