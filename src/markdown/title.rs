//! A prompt (or any markdown) as one line of plain text: the title every
//! summary shows for a question (the quiz's missed list, the drill report,
//! search results, history), so none of them shows `**` or an empty row.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The first block of prose in `markdown` that has any text, as plain text
/// on one line: emphasis, code spans and links reduced to their text,
/// breaks and runs of whitespace to one space, control characters dropped.
/// Code blocks, images' targets and HTML are left out. Empty when the
/// source has no text at all.
pub fn one_line_title(markdown: &str) -> String {
    let mut out = String::new();
    let mut code_block = 0usize;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => code_block += 1,
            Event::End(TagEnd::CodeBlock) => code_block = code_block.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if code_block == 0 => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell) => {
                if out.trim().is_empty() {
                    out.clear();
                } else if matches!(event, Event::End(TagEnd::TableCell)) {
                    out.push(' ');
                } else {
                    break;
                }
            }
            _ => {}
        }
    }
    let clean: String = out.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    clean.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::one_line_title;

    #[test]
    fn markup_is_reduced_to_its_text() {
        assert_eq!(one_line_title("What is **AWS Lambda**?"), "What is AWS Lambda?");
        assert_eq!(one_line_title("Data in `/tmp` or [a global](https://x.y)"), "Data in /tmp or a global");
    }

    #[test]
    fn a_prompt_that_starts_in_bold_keeps_its_words() {
        let prompt = "**Interview:** explain a cold start.\n\nMore detail here.";
        assert_eq!(one_line_title(prompt), "Interview: explain a cold start.");
    }

    #[test]
    fn lines_join_and_code_blocks_and_blank_starts_are_skipped() {
        assert_eq!(one_line_title("\n\n```\ncode\n```\n\nOne\ntwo   three\n"), "One two three");
        assert_eq!(one_line_title("- first item\n- second"), "first item");
        assert_eq!(one_line_title(""), "");
        assert_eq!(one_line_title("a\u{1b}[31mb"), "a [31mb");
    }
}
