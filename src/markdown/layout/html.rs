//! HTML blocks, shown as their (sanitised) source text: the terminal has no
//! browser, and hiding them could hide content. Comment-only blocks are
//! dropped while parsing.

use super::Out;
use crate::markdown::model::Inline;
use crate::markdown::wrap::wrap;
use crate::markdown::{Role, Style};

pub(super) fn render(lines: &[String], out: &mut Out) {
    let style = Style::role(Role::Html);
    for line in lines {
        let runs = [Inline::Text(line.clone(), style)];
        let wrapped = wrap(&runs, out.content_width(), |s| s);
        if wrapped.is_empty() {
            out.line(Vec::new());
        }
        for l in wrapped {
            out.line(l);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::markdown::Role;
    use crate::markdown::inline::{plain, text_with_role};

    const SRC: &str = "<details>\n<summary>Why 15 minutes is the maximum timeout of a function</summary>\n\n\
                       Text between.\n\n</details>\n\n<!-- an author's note, not shown -->\n\nAfter.\n";

    #[test]
    fn snapshot_80() {
        insta::assert_snapshot!(plain(SRC, 80));
    }

    #[test]
    fn snapshot_28() {
        insta::assert_snapshot!(plain(SRC, 28));
    }

    #[test]
    fn html_is_text_with_its_role() {
        assert!(text_with_role(SRC, Role::Html).contains("<summary>Why 15 minutes"));
        assert!(!plain(SRC, 80).contains("author"));
    }
}
