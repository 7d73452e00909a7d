//! A question's title for histories, reports and exports: the one-line
//! plain text every summary shows ([`crate::markdown::one_line_title`], so
//! the missed list, the drill report, search and history agree), cut to a
//! length that fits a report's row.

/// At most this many characters; longer titles end in `…`.
pub const MAX_TITLE_CHARS: usize = 120;

/// The prompt's first block of prose as one line of plain text, at most
/// [`MAX_TITLE_CHARS`] characters.
pub fn title(prompt: &str) -> String {
    let one_line = crate::markdown::one_line_title(prompt);
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
    fn markdown_is_stripped_and_the_first_paragraph_kept() {
        assert_eq!(title("What is **AWS Lambda**?"), "What is AWS Lambda?");
        assert_eq!(title("**Design**: a queue\nthat drains\n\nMore."), "Design: a queue that drains");
        assert_eq!(title("Which of `/tmp` or [EFS](https://x) persists?"), "Which of /tmp or EFS persists?");
        assert_eq!(title("**Interview:** explain a cold start.\n\nDetail."), "Interview: explain a cold start.");
        assert_eq!(title(""), "");
        let long = "word ".repeat(60);
        let t = title(&long);
        assert_eq!(t.chars().count(), super::MAX_TITLE_CHARS);
        assert!(t.ends_with('…'));
    }
}
