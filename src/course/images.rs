//! Images a lesson shows that are not there: `![…](images/flow.png)` whose
//! file is missing is a warning of `check` (the reader shows the alternative
//! text, but the author meant a picture). Remote images (`https:`) and data
//! URLs are not looked for.

use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag};

use crate::infra::{Diagnostic, Severity};

/// A warning for every local image of `body` missing beside `path`. `body`
/// is the end of `src` (after the front matter), so places are in `src`.
pub fn missing_images(path: &str, src: &str, body: &str) -> Vec<Diagnostic> {
    let body_start = src.len().saturating_sub(body.len());
    let dir = Path::new(path).parent().unwrap_or_else(|| Path::new(""));
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(body, Options::all()).into_offset_iter() {
        let Event::Start(Tag::Image { dest_url, .. }) = event else { continue };
        let target = dest_url.split(['#', '?']).next().unwrap_or("").trim();
        let remote = target.contains("://") || target.starts_with("data:") || target.starts_with("//");
        if target.is_empty() || remote {
            continue;
        }
        let decoded = target.replace("%20", " ");
        if !dir.join(&decoded).exists() {
            out.push(Diagnostic::at_offset(
                path,
                src,
                body_start + range.start,
                Severity::Warning,
                format!("image `{target}` does not exist (looked for {})", dir.join(&decoded).display()),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_images_that_are_missing_are_warned_about() {
        let tmp = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(tmp.path().join("images")).expect("mkdir");
        std::fs::write(tmp.path().join("images/here.svg"), "<svg/>").expect("write");
        let path = tmp.path().join("l.md").display().to_string();
        let src =
            "+++\nid = \"x\"\n+++\n![a](images/here.svg)\n\n![b](images/gone.png)\n![c](https://x.example/c.png)\n";
        let body = &src[src.find("![a]").expect("body")..];
        let d = missing_images(&path, src, body);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!((d[0].line, d[0].column), (6, 1));
        assert!(d[0].message.starts_with("image `images/gone.png` does not exist"));
    }
}
