//! A question's one-line title: the first line of its prompt as plain text,
//! markdown stripped (`**AWS Lambda**` reads `AWS Lambda`), for histories,
//! reports and lists where the prompt itself does not fit.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// At most this many characters; longer titles end in `…`.
pub const MAX_TITLE_CHARS: usize = 120;

/// The first line of `prompt` as plain text: the text of its first block up
/// to the first line break, code spans kept as their text, links as their
/// text, images as their alternative text.
pub fn title(prompt: &str) -> String {
    let mut out = String::new();
    for event in Parser::new(prompt) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                // A code block's text spans lines: keep its first.
                let first = t.lines().next().unwrap_or("");
                out.push_str(first);
                if t.trim_end().contains('\n') {
                    break;
                }
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::Item | TagEnd::TableCell,
            ) if !out.trim().is_empty() => {
                break;
            }
            Event::Start(Tag::TableCell) if !out.is_empty() => out.push(' '),
            _ => {}
        }
    }
    let one_line: String = out.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > MAX_TITLE_CHARS {
        let cut: String = one_line.chars().take(MAX_TITLE_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    } else {
        one_line
    }
}

#[cfg(test)]
mod tests {
    use super::title;

    #[test]
    fn markdown_is_stripped_and_only_the_first_line_kept() {
        assert_eq!(title("What is **AWS Lambda**?"), "What is AWS Lambda?");
        assert_eq!(title("**Design**: a queue\nthat drains\n\nMore."), "Design: a queue");
        assert_eq!(title("Which of `/tmp` or [EFS](https://x) persists?"), "Which of /tmp or EFS persists?");
        assert_eq!(title("```\nlet x = 1;\nlet y = 2;\n```"), "let x = 1;");
        assert_eq!(title(""), "");
        let long = "word ".repeat(60);
        let t = title(&long);
        assert_eq!(t.chars().count(), super::MAX_TITLE_CHARS);
        assert!(t.ends_with('…'));
    }
}
