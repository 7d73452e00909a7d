//! What `check` asks of a lesson beyond valid front matter: that it says when
//! its facts were checked and against which AWS documentation pages, and that
//! its checkpoints name questions that exist.
//!
//! A malformed date, source or reference is an error; a lesson that gives no
//! date or fewer than two sources gets a warning (`check --strict` fails on
//! it, as CI does for the built-in course).

use crate::quiz::Pack;

use super::Lesson;
use super::checkpoint;
use crate::infra::{Diagnostic, LineIndex, Severity};

/// The fewest documentation pages a lesson should cite.
pub const MIN_SOURCES: usize = 2;

/// Whether `date` is a real calendar date written `YYYY-MM-DD`.
pub fn is_iso_date(date: &str) -> bool {
    date.len() == 10 && chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok()
}

/// Whether `url` is an https address with a host.
pub fn is_https_url(url: &str) -> bool {
    url.strip_prefix("https://")
        .and_then(|rest| rest.split('/').next())
        .is_some_and(|host| host.contains('.') && !host.contains(char::is_whitespace))
        && !url.contains(char::is_whitespace)
}

/// Whether `url` is a page of the AWS documentation or of aws.amazon.com.
pub fn is_aws_page(url: &str) -> bool {
    url.strip_prefix("https://").and_then(|rest| rest.split('/').next()).is_some_and(|host| {
        host == "docs.aws.amazon.com" || host == "aws.amazon.com" || host.ends_with(".aws.amazon.com")
    })
}

/// The offset of the front-matter line that sets `key`, or of `needle`.
fn key_offset(src: &str, key: &str) -> usize {
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with(key) && trimmed[key.len()..].trim_start().starts_with('=') {
            return offset + (line.len() - trimmed.len());
        }
        if offset > 0 && line.trim_end() == "+++" {
            break;
        }
        offset += line.len();
    }
    0
}

/// The offset of `needle` in `src`, searched from the start of the front
/// matter, or of the `sources` key when absent.
fn text_offset(src: &str, needle: &str) -> usize {
    src.find(needle).unwrap_or_else(|| key_offset(src, "sources"))
}

/// Diagnostics about a lesson's date, sources and checkpoints. `src` is the
/// whole file (front matter included), `packs` every pack of the course.
pub fn lesson_diagnostics(lesson: &Lesson, src: &str, packs: &[&Pack]) -> Vec<Diagnostic> {
    let path = lesson.path.as_str();
    let index = LineIndex::new(src);
    let at = |offset: usize, severity: Severity, message: String| {
        let (line, column) = index.position(offset);
        Diagnostic { path: path.to_owned(), line, column, severity, message }
    };
    let mut out = Vec::new();
    match &lesson.meta.updated {
        Some(date) if !is_iso_date(date) => out.push(at(
            key_offset(src, "updated"),
            Severity::Error,
            format!("`updated` must be a date written YYYY-MM-DD, such as \"2026-12-04\", not {date:?}"),
        )),
        Some(_) => {}
        None => out.push(at(
            0,
            Severity::Warning,
            "the front matter has no `updated = \"YYYY-MM-DD\"`: say when the facts were last checked against the \
             AWS documentation"
                .to_owned(),
        )),
    }
    for source in &lesson.meta.sources {
        if !is_https_url(source) {
            out.push(at(
                text_offset(src, source),
                Severity::Error,
                format!("source {source:?} is not an https address"),
            ));
        }
    }
    let aws_pages = lesson.meta.sources.iter().filter(|s| is_https_url(s) && is_aws_page(s)).count();
    if aws_pages < MIN_SOURCES {
        let offset = if lesson.meta.sources.is_empty() { 0 } else { key_offset(src, "sources") };
        out.push(at(
            offset,
            Severity::Warning,
            format!(
                "the lesson cites {aws_pages} AWS documentation page{}: list at least {MIN_SOURCES} in `sources`",
                if aws_pages == 1 { "" } else { "s" }
            ),
        ));
    }
    // Checkpoint and placeholder places are offsets in the body as written;
    // the body is the tail of the file.
    let (raw_body, body_start) = super::lesson::raw_body(src).unwrap_or((lesson.body.as_str(), 0));
    for unknown in crate::facts::expand(raw_body).1 {
        out.push(at(body_start + unknown.offset, Severity::Error, unknown.message()));
    }
    for block in checkpoint::checkpoints(raw_body) {
        for bad in &block.bad {
            out.push(at(
                body_start + bad.offset,
                Severity::Error,
                format!("a checkpoint line must be `pack-id/question-id`, not {:?}", bad.text),
            ));
        }
        if block.refs.is_empty() && block.bad.is_empty() {
            out.push(at(body_start + block.start, Severity::Error, "this checkpoint names no question".to_owned()));
        }
        for reference in &block.refs {
            let offset = body_start + reference.offset;
            match packs.iter().find(|p| p.meta.id == reference.pack) {
                None => out.push(at(
                    offset,
                    Severity::Error,
                    format!("checkpoint names pack `{}`, which is not installed", reference.pack),
                )),
                Some(pack) => match pack.question(&reference.question) {
                    None => {
                        let ids: Vec<&str> = pack.questions.iter().map(|q| q.id.as_str()).collect();
                        let hint = crate::infra::suggest::did_you_mean(&reference.question, ids.iter().copied())
                            .map(|s| format!(" (did you mean `{s}`?)"))
                            .unwrap_or_default();
                        out.push(at(
                            offset,
                            Severity::Error,
                            format!(
                                "checkpoint names question `{}`, which pack `{}` does not have{hint}",
                                reference.question, pack.meta.id
                            ),
                        ));
                    }
                    Some(question) if question.lesson.as_deref() != Some(lesson.meta.id.as_str()) => out.push(at(
                        offset,
                        Severity::Warning,
                        format!(
                            "checkpoint question `{}` links to lesson {}, not to this one: set its `lesson = \"{}\"`",
                            reference.key(),
                            question.lesson.as_deref().map_or_else(|| "none".to_owned(), |l| format!("`{l}`")),
                            lesson.meta.id
                        ),
                    )),
                    Some(_) => {}
                },
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::lesson::parse_lesson;
    use crate::quiz::parse_pack;

    const PACK: &str = "format = 1\n[pack]\nid = \"p\"\ntitle = \"P\"\nversion = \"1\"\n\n[[questions]]\nid = \"here\"\n\
                        type = \"true-false\"\ntopic = \"t\"\nlesson = \"l\"\nprompt = \"Is it?\"\nanswer = true\n\
                        explanation = \"Yes, because the page says so for every function.\"\n\n[[questions]]\n\
                        id = \"elsewhere\"\ntype = \"true-false\"\ntopic = \"t\"\nlesson = \"other\"\n\
                        prompt = \"Is that?\"\nanswer = false\nexplanation = \"No: the page says the opposite.\"\n";

    fn check(src: &str) -> Vec<String> {
        let lesson = parse_lesson("content/l.md", src.as_bytes()).expect("valid lesson");
        let packs = [parse_pack("p.toml", PACK.as_bytes()).pack.expect("valid pack")];
        let packs: Vec<&Pack> = packs.iter().collect();
        lesson_diagnostics(&lesson, src, &packs).iter().map(ToString::to_string).collect()
    }

    const GOOD_HEAD: &str = "+++\nid = \"l\"\ntitle = \"L\"\nmodule = \"M\"\norder = 1\nupdated = \"2026-12-04\"\n\
                             sources = [\"https://docs.aws.amazon.com/lambda/latest/dg/a.html\", \
                             \"https://docs.aws.amazon.com/lambda/latest/dg/b.html\"]\n+++\n";

    #[test]
    fn a_dated_sourced_lesson_with_good_checkpoints_is_clean() {
        let src = format!("{GOOD_HEAD}\nText.\n\n```checkpoint\np/here\n```\n");
        assert_eq!(check(&src), Vec::<String>::new());
    }

    #[test]
    fn a_bad_date_is_an_error_at_its_line() {
        let src = GOOD_HEAD.replace("2026-12-04", "2026-13-40");
        assert_eq!(
            check(&src),
            [
                "content/l.md:6:1: error: `updated` must be a date written YYYY-MM-DD, such as \"2026-12-04\", not \"2026-13-40\""
            ]
        );
    }

    #[test]
    fn missing_date_and_sources_are_warnings() {
        let src = "+++\nid = \"l\"\ntitle = \"L\"\nmodule = \"M\"\norder = 1\n+++\n\nText.\n";
        let found = check(src);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("warning: the front matter has no `updated"), "{found:?}");
        assert!(found[1].contains("warning: the lesson cites 0 AWS documentation pages"), "{found:?}");
    }

    #[test]
    fn a_source_that_is_not_a_url_is_an_error() {
        let src = GOOD_HEAD.replace("https://docs.aws.amazon.com/lambda/latest/dg/b.html", "the quotas page");
        let found = check(&src);
        assert!(
            found
                .iter()
                .any(|d| d.contains("7:") && d.contains("error: source \"the quotas page\" is not an https address")),
            "{found:?}"
        );
        assert!(found.iter().any(|d| d.contains("cites 1 AWS documentation page:")), "{found:?}");
    }

    #[test]
    fn fact_placeholders_are_filled_and_unknown_ones_reported() {
        let src = format!("{GOOD_HEAD}\nUp to {{{{fact:timeout-max}}}}.\n\nAnd {{{{fact:timeout-maxx}}}}.\n");
        let lesson = parse_lesson("content/l.md", src.as_bytes()).expect("valid lesson");
        assert!(lesson.body.contains("Up to 900 s."), "{}", lesson.body);
        let found = check(&src);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("content/l.md:12:5: error: `{{fact:timeout-maxx}}` names no fact"), "{found:?}");
    }

    #[test]
    fn checkpoint_references_are_checked_with_places() {
        let src = format!("{GOOD_HEAD}\nText.\n\n```checkpoint\np/her\nq/here\np/elsewhere\nnonsense\n```\n");
        let found = check(&src);
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(found.iter().any(|d| d.starts_with("content/l.md:13:1: error: checkpoint names question `her`, which pack `p` does not have (did you mean `here`?)")), "{found:?}");
        assert!(
            found.iter().any(|d| d.starts_with("content/l.md:14:1: error: checkpoint names pack `q`")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|d| d
                .starts_with("content/l.md:15:1: warning: checkpoint question `p/elsewhere` links to lesson `other`")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|d| d.starts_with("content/l.md:16:1: error: a checkpoint line must be")),
            "{found:?}"
        );
    }
}
