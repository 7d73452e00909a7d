//! One exported answer as it is read, borrowing its text from the CSV
//! record or the JSON text (a JSON string with escapes is the only copy),
//! and the parsers of its values: read once per answer, millions of times
//! in a large class, so none of them allocates.

use std::borrow::Cow;

/// The fields of one exported answer. Fields added after the first export
/// format (`learner`, `title`, `pack_version`) are empty when absent.
#[derive(Debug, Default)]
pub struct Row<'a> {
    pub id: i64,
    pub answered_at: Cow<'a, str>,
    pub pack_id: Cow<'a, str>,
    pub question_id: Cow<'a, str>,
    pub pack_version: Cow<'a, str>,
    pub topic: Cow<'a, str>,
    /// `None`: a self-graded card, right unless graded `again`.
    pub correct: Option<bool>,
    pub grade: Cow<'a, str>,
    pub seconds: f64,
    pub hints_used: u32,
    pub response: Cow<'a, str>,
    pub learner: Cow<'a, str>,
    pub title: Cow<'a, str>,
}

/// The fields a row is made of, as the CSV header and the JSON keys name
/// them. Others (`mode`, `drill_id`) are read past.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Id,
    AnsweredAt,
    PackId,
    QuestionId,
    PackVersion,
    Topic,
    Correct,
    Grade,
    Seconds,
    HintsUsed,
    Response,
    Learner,
    Title,
}

impl Field {
    pub fn named(name: &str) -> Option<Self> {
        Some(match name {
            "id" => Self::Id,
            "answered_at" => Self::AnsweredAt,
            "pack_id" => Self::PackId,
            "question_id" => Self::QuestionId,
            "pack_version" => Self::PackVersion,
            "topic" => Self::Topic,
            "correct" => Self::Correct,
            "grade" => Self::Grade,
            "seconds" => Self::Seconds,
            "hints_used" => Self::HintsUsed,
            "response" => Self::Response,
            "learner" => Self::Learner,
            "title" => Self::Title,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::AnsweredAt => "answered_at",
            Self::PackId => "pack_id",
            Self::QuestionId => "question_id",
            Self::PackVersion => "pack_version",
            Self::Topic => "topic",
            Self::Correct => "correct",
            Self::Grade => "grade",
            Self::Seconds => "seconds",
            Self::HintsUsed => "hints_used",
            Self::Response => "response",
            Self::Learner => "learner",
            Self::Title => "title",
        }
    }
}

impl<'a> Row<'a> {
    /// Set `field` from its text (a CSV field, or a JSON string).
    pub fn set_text(&mut self, field: Field, text: Cow<'a, str>) -> Result<(), String> {
        match field {
            Field::Id => self.id = whole(field, &text)?,
            Field::AnsweredAt => self.answered_at = text,
            Field::PackId => self.pack_id = text,
            Field::QuestionId => self.question_id = text,
            Field::PackVersion => self.pack_version = text,
            Field::Topic => self.topic = text,
            Field::Correct => self.correct = optional_bool(&text)?,
            Field::Grade => self.grade = text,
            Field::Seconds => {
                self.seconds = text.trim().parse().map_err(|_| format!("`seconds` {text:?} is not a number"))?;
            }
            Field::HintsUsed => self.hints_used = whole(field, &text)?,
            Field::Response => self.response = text,
            Field::Learner => self.learner = text,
            Field::Title => self.title = text,
        }
        Ok(())
    }
}

/// A whole number field (`id`, `hints_used`).
fn whole<T: std::str::FromStr>(field: Field, text: &str) -> Result<T, String> {
    text.trim().parse().map_err(|_| format!("`{}` {text:?} is not a whole number in range", field.name()))
}

/// `correct`: `true`/`1`, `false`/`0` (any case), or empty for a self-graded card.
pub fn optional_bool(text: &str) -> Result<Option<bool>, String> {
    let t = text.trim();
    if t.is_empty() {
        Ok(None)
    } else if t == "1" || t.eq_ignore_ascii_case("true") {
        Ok(Some(true))
    } else if t == "0" || t.eq_ignore_ascii_case("false") {
        Ok(Some(false))
    } else {
        Err(format!("`correct` must be true, false or empty, not {t:?}"))
    }
}

/// An RFC 3339 time in Unix milliseconds. The form every export writes,
/// `2026-11-02T09:15:00.123Z`, is read by hand (chrono's general parser
/// was a fifth of the reading time); anything else goes to chrono, whose
/// result and messages it matches.
pub fn unix_millis(text: &str) -> Result<i64, String> {
    let text = text.trim();
    if let Some(ms) = exact_utc_millis(text.as_bytes()) {
        return Ok(ms);
    }
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.timestamp_millis())
        .map_err(|e| format!("`answered_at` {text:?} is not an RFC 3339 time: {e}"))
}

/// `YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z` with every part in range, else `None`.
fn exact_utc_millis(b: &[u8]) -> Option<i64> {
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        b.get(range)?.iter().try_fold(0_i64, |n, &c| c.is_ascii_digit().then(|| n * 10 + i64::from(c - b'0')))
    };
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let (hour, minute, second) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
    let millis = match &b[19..] {
        [b'Z'] => 0,
        [b'.', fraction @ .., b'Z'] if (1..=9).contains(&fraction.len()) => {
            let n = digits(20..19 + fraction.len() + 1)?;
            // The first three digits, as chrono truncates nanoseconds.
            let scale = 10_i64.pow(u32::try_from(fraction.len()).ok()?);
            n * 1000 / scale
        }
        _ => return None,
    };
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) || hour > 23 || minute > 59 {
        return None;
    }
    // A leap second (60) is left to chrono.
    if second > 59 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millis)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hand_parser_agrees_with_chrono() {
        for text in [
            "2026-11-02T09:15:00.123Z",
            "2026-11-02T09:15:00Z",
            "1970-01-01T00:00:00.000Z",
            "1969-12-31T23:59:59.999Z",
            "0001-01-01T00:00:00.5Z",
            "2024-02-29T23:59:59.123456789Z",
            "2000-03-01T00:00:00.1Z",
            "2100-02-28T12:00:00.000Z",
            "9999-12-31T23:59:59.999Z",
        ] {
            let chrono = chrono::DateTime::parse_from_rfc3339(text).expect(text).timestamp_millis();
            assert_eq!(exact_utc_millis(text.as_bytes()), Some(chrono), "{text}");
        }
    }

    #[test]
    fn other_forms_go_to_chrono_and_bad_ones_fail() {
        for text in ["2026-11-02T09:15:00+02:00", "2026-11-02t09:15:00z", "2026-11-02 09:15:00Z"] {
            assert_eq!(exact_utc_millis(text.as_bytes()), None, "{text}");
            let chrono = chrono::DateTime::parse_from_rfc3339(text).map(|t| t.timestamp_millis());
            assert_eq!(unix_millis(text).ok(), chrono.ok(), "{text}");
        }
        for text in ["2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-02T24:00:00Z", "yesterday", ""] {
            assert_eq!(exact_utc_millis(text.as_bytes()), None, "{text}");
            assert!(unix_millis(text).is_err(), "{text}");
        }
    }

    #[test]
    fn correct_reads_words_digits_and_empty() {
        assert_eq!(optional_bool("true"), Ok(Some(true)));
        assert_eq!(optional_bool(" 0 "), Ok(Some(false)));
        assert_eq!(optional_bool("FALSE"), Ok(Some(false)));
        assert_eq!(optional_bool(""), Ok(None));
        assert!(optional_bool("maybe").expect_err("bad").contains("maybe"));
    }
}
