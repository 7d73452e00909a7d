//! A lesson: TOML front matter between `+++` lines, then CommonMark.

use serde::{Deserialize, Serialize};

use crate::infra::{Diagnostic, Severity, is_valid_id, toml_message};

/// The front matter of a lesson, exactly as SPEC.md gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonMeta {
    pub id: String,
    pub title: String,
    pub module: String,
    pub order: u32,
    #[serde(default = "default_minutes")]
    pub minutes: u32,
    #[serde(default)]
    pub topics: Vec<String>,
    /// When the lesson's facts were last checked against the AWS
    /// documentation, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    /// The AWS documentation pages the lesson relies on (URLs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

fn default_minutes() -> u32 {
    5
}

/// A loaded lesson: its metadata, its markdown body, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lesson {
    pub meta: LessonMeta,
    /// The markdown after the front matter.
    pub body: String,
    /// Path shown in diagnostics (`content/04-limits.md`, or a real path).
    pub path: String,
    /// Which course it belongs to: `None` for the built-in one.
    pub course: Option<String>,
}

const FENCE: &str = "+++";

/// Split `src` into (front matter, body, byte offset of the front matter).
/// Returns `None` when the text does not start with a `+++` line.
fn split_front_matter(src: &str) -> Option<Result<(&str, &str, usize), usize>> {
    let src_no_bom = src.strip_prefix('\u{feff}').unwrap_or(src);
    let bom = src.len() - src_no_bom.len();
    let first_line_end = src_no_bom.find('\n').unwrap_or(src_no_bom.len());
    if src_no_bom[..first_line_end].trim_end() != FENCE {
        return None;
    }
    let fm_start = bom + first_line_end + 1;
    let rest = src.get(fm_start..).unwrap_or("");
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == FENCE {
            let fm = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Some(Ok((fm, body, fm_start)));
        }
        offset += line.len();
    }
    Some(Err(bom))
}

/// Parse a lesson file. Errors are diagnostics with places in `path`.
pub fn parse_lesson(path: &str, bytes: &[u8]) -> Result<Lesson, Vec<Diagnostic>> {
    let src = Diagnostic::from_utf8(path, bytes).map_err(|d| vec![d])?;
    let (fm, body, fm_offset) = match split_front_matter(src) {
        None => {
            return Err(vec![Diagnostic::error(
                path,
                1,
                1,
                "a lesson must start with TOML front matter between `+++` lines",
            )]);
        }
        Some(Err(offset)) => {
            return Err(vec![Diagnostic::error(path, 1, offset + 1, "front matter is not closed by a `+++` line")]);
        }
        Some(Ok(parts)) => parts,
    };
    let problems = super::front_matter::check(path, src, fm, fm_offset);
    if !problems.is_empty() {
        return Err(problems);
    }
    let meta: LessonMeta = toml::from_str(fm).map_err(|e| {
        let offset = fm_offset + e.span().map_or(0, |s| s.start);
        vec![Diagnostic::at_offset(path, src, offset, Severity::Error, toml_message(&e))]
    })?;
    if !is_valid_id(&meta.id) {
        let offset = fm.find("id").map_or(fm_offset, |i| fm_offset + i);
        return Err(vec![Diagnostic::at_offset(
            path,
            src,
            offset,
            Severity::Error,
            format!("lesson id {:?} must match [a-z0-9-]+", meta.id),
        )]);
    }
    // `{{fact:…}}` placeholders become the numbers of assets/facts.toml
    // here, once, so every reader shows the same text; `check` reports the
    // ones it cannot fill (lesson_rules).
    let body = crate::facts::expand(body).0.into_owned();
    Ok(Lesson { meta, body, path: path.to_owned(), course: None })
}

/// The body of a lesson file as written (placeholders unexpanded) and its
/// byte offset in `src`: `None` when the front matter is missing or open.
pub fn raw_body(src: &str) -> Option<(&str, usize)> {
    let (_, body, _) = split_front_matter(src)?.ok()?;
    Some((body, src.len() - body.len()))
}

/// The id a lesson file declares, even if its front matter has other
/// problems (so links to it do not add errors of their own).
pub fn declared_id(bytes: &[u8]) -> Option<String> {
    let src = std::str::from_utf8(bytes).ok()?;
    let (fm, _, _) = split_front_matter(src)?.ok()?;
    super::front_matter::declared_id(fm)
}

/// Render a markdown file that may or may not have front matter (for
/// `read PATH`, an author's preview): returns (title if any, body).
pub fn body_of_any_markdown(src: &str) -> (Option<String>, &str) {
    match split_front_matter(src) {
        Some(Ok((fm, body, _))) => {
            let title = toml::from_str::<toml::Table>(fm)
                .ok()
                .and_then(|t| t.get("title").and_then(|v| v.as_str().map(str::to_owned)));
            (title, body)
        }
        _ => (None, src),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str =
        "+++\nid = \"a-b\"\ntitle = \"T\"\nmodule = \"M\"\norder = 2\nminutes = 3\ntopics = [\"x\"]\n+++\n# Hello\n";

    #[test]
    fn parses_front_matter_and_body() {
        let lesson = parse_lesson("content/a.md", GOOD.as_bytes()).expect("valid lesson");
        assert_eq!(lesson.meta.id, "a-b");
        assert_eq!(lesson.meta.order, 2);
        assert_eq!(lesson.body, "# Hello\n");
    }

    #[test]
    fn broken_front_matter_points_at_the_line() {
        let src = "+++\nid = \"a\"\ntitle = \nmodule = \"M\"\norder = 1\n+++\nbody";
        let err = parse_lesson("x.md", src.as_bytes()).expect_err("broken");
        assert_eq!(err[0].line, 3, "{}", err[0]);
    }

    #[test]
    fn unknown_key_is_reported_with_place() {
        let src = "+++\nid = \"a\"\ntitle = \"t\"\nmodule = \"M\"\norder = 1\ntopicz = []\n+++\n";
        let err = parse_lesson("x.md", src.as_bytes()).expect_err("unknown key");
        assert_eq!((err[0].line, err[0].column), (6, 1), "{}", err[0]);
        assert!(err[0].message.contains("topicz"), "{}", err[0]);
    }

    #[test]
    fn missing_front_matter_and_unclosed_fence() {
        assert!(parse_lesson("x.md", b"# no front matter").is_err());
        let err = parse_lesson("x.md", b"+++\nid = \"a\"\n").expect_err("unclosed");
        assert!(err[0].message.contains("not closed"));
    }

    #[test]
    fn invalid_utf8_and_bad_id() {
        assert!(parse_lesson("x.md", b"+++\n\xff\n+++\n").is_err());
        let src = "+++\nid = \"Bad Id\"\ntitle = \"t\"\nmodule = \"M\"\norder = 1\n+++\n";
        let err = parse_lesson("x.md", src.as_bytes()).expect_err("bad id");
        assert_eq!(err[0].line, 2);
    }
}
