//! Inline content → flat styled runs: emphasis, strong, strikethrough,
//! inline code, links (text, then the target), images (alt text),
//! line breaks, inline HTML and footnote references.
//!
//! Nesting is tracked with counters and a small link stack, so `***a***`
//! nested ten thousand deep costs no recursion.

use pulldown_cmark::LinkType;

use super::model::Inline;
use super::{Role, Style};
use crate::text::sanitize;

const IMAGE_OPENER: &str = "[image: ";

/// Collects the inline events of one paragraph, heading or table cell.
#[derive(Debug, Default)]
pub(crate) struct InlineBuilder {
    runs: Vec<Inline>,
    emphasis: usize,
    strong: usize,
    strike: usize,
    /// Open links: where their text starts in `runs`, and their target.
    links: Vec<OpenLink>,
    /// Open images and where each one's `[image: ` opener sits in `runs`.
    images: Vec<usize>,
}

#[derive(Debug)]
struct OpenLink {
    first_run: usize,
    target: String,
    autolink: bool,
}

impl InlineBuilder {
    pub fn finish(self) -> Vec<Inline> {
        self.runs
    }

    /// The style text gets at this point of the nesting.
    fn style(&self, role: Role) -> Style {
        let role = if !self.images.is_empty() {
            Role::Image
        } else if !self.links.is_empty() && role == Role::Text {
            Role::Link
        } else {
            role
        };
        Style { role, bold: self.strong > 0, italic: self.emphasis > 0, strike: self.strike > 0, fg: None }
    }

    fn push(&mut self, text: &str, style: Style) {
        let clean = sanitize(text);
        if clean.is_empty() {
            return;
        }
        // Merge with the previous run when the look is the same: fewer spans
        // to wrap, and text split by the parser (at `&amp;`, `\*`…) stays whole.
        if let Some(Inline::Text(last, last_style)) = self.runs.last_mut()
            && *last_style == style
        {
            last.push_str(&clean);
            return;
        }
        self.runs.push(Inline::Text(clean.into_owned(), style));
    }

    pub fn text(&mut self, text: &str) {
        self.push(text, self.style(Role::Text));
    }

    pub fn code(&mut self, code: &str) {
        self.push(code, self.style(Role::InlineCode));
    }

    pub fn soft_break(&mut self) {
        self.runs.push(Inline::SoftBreak);
    }

    pub fn hard_break(&mut self) {
        self.runs.push(Inline::HardBreak);
    }

    /// Inline HTML is shown as text, except comments (authors' notes, hidden
    /// as a browser would) and `<br>`, which is a line break.
    pub fn html(&mut self, html: &str) {
        let trimmed = html.trim();
        if trimmed.starts_with("<!--") {
            return;
        }
        let tag: String = trimmed.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        if matches!(tag.as_str(), "<br>" | "<br/>") {
            self.hard_break();
            return;
        }
        self.push(html, self.style(Role::Html));
    }

    pub fn footnote_reference(&mut self, label: &str) {
        let text = format!("[{label}]");
        self.push(&text, self.style(Role::Footnote));
    }

    pub fn start_emphasis(&mut self) {
        self.emphasis += 1;
    }

    pub fn end_emphasis(&mut self) {
        self.emphasis = self.emphasis.saturating_sub(1);
    }

    pub fn start_strong(&mut self) {
        self.strong += 1;
    }

    pub fn end_strong(&mut self) {
        self.strong = self.strong.saturating_sub(1);
    }

    pub fn start_strike(&mut self) {
        self.strike += 1;
    }

    pub fn end_strike(&mut self) {
        self.strike = self.strike.saturating_sub(1);
    }

    pub fn start_link(&mut self, link_type: LinkType, target: &str) {
        let autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
        self.links.push(OpenLink { first_run: self.runs.len(), target: target.to_owned(), autolink });
    }

    /// Closes a link and shows its target after the text, unless the text
    /// already says it (autolinks, `[https://x](https://x)`) or there is none.
    pub fn end_link(&mut self) {
        let Some(link) = self.links.pop() else { return };
        if link.autolink || link.target.is_empty() {
            return;
        }
        let text = plain_text(self.runs.get(link.first_run..).unwrap_or_default());
        let target = link.target.as_str();
        if text == target || target.strip_prefix("mailto:") == Some(text.as_str()) {
            return;
        }
        let shown = format!(" ({target})");
        let style = Style { role: Role::LinkTarget, ..self.style(Role::LinkTarget) };
        self.push(&shown, style);
    }

    /// Images are shown as `[image: alt]`; an image without alt text as `[image]`.
    pub fn start_image(&mut self) {
        if self.images.is_empty() {
            let style = Style { role: Role::Image, ..self.style(Role::Image) };
            self.runs.push(Inline::Text(IMAGE_OPENER.to_owned(), style));
            self.images.push(self.runs.len() - 1);
        } else {
            // An image inside alt text: its own alt text simply joins ours.
            self.images.push(usize::MAX);
        }
    }

    pub fn end_image(&mut self) {
        let Some(opener) = self.images.pop() else { return };
        if opener == usize::MAX {
            return;
        }
        // Alt text may have been merged into the opener's run: look past it.
        let alt = plain_text(self.runs.get(opener..).unwrap_or_default());
        let has_alt = alt.strip_prefix(IMAGE_OPENER).is_some_and(|a| !a.trim().is_empty());
        let style = Style { role: Role::Image, ..self.style(Role::Image) };
        if has_alt {
            self.runs.push(Inline::Text("]".to_owned(), style));
        } else {
            self.runs.truncate(opener);
            self.runs.push(Inline::Text("[image]".to_owned(), style));
        }
    }
}

/// The text of some runs without styles; breaks read as spaces and link
/// targets are left out (used for headings and link-text comparisons).
pub(crate) fn plain_text(runs: &[Inline]) -> String {
    let mut out = String::new();
    for run in runs {
        match run {
            Inline::Text(text, style) if style.role != Role::LinkTarget => out.push_str(text),
            Inline::Text(..) => {}
            Inline::SoftBreak | Inline::HardBreak => out.push(' '),
        }
    }
    out
}

#[cfg(test)]
mod test_support {
    use crate::markdown::{Document, Line, Role, Span};

    /// The plain layout of `src` at `width`, for snapshots.
    pub fn plain(src: &str, width: usize) -> String {
        Document::parse(src).layout(width).to_plain()
    }

    /// Every span of the layout at 80 columns.
    pub fn spans(src: &str) -> Vec<Span> {
        Document::parse(src).layout(80).lines.into_iter().flat_map(|l: Line| l.spans).collect()
    }

    /// The text of all spans with `role`, concatenated.
    pub fn text_with_role(src: &str, role: Role) -> String {
        spans(src).iter().filter(|s| s.style.role == role).map(|s| s.text.as_str()).collect()
    }
}

#[cfg(test)]
pub(crate) use test_support::{plain, spans, text_with_role};

#[cfg(test)]
mod emphasis_tests {
    use super::test_support::{plain, spans};
    use crate::markdown::model::Inline;

    const SRC: &str = "Plain, *emphasis*, **strong**, ***both***, ~~struck~~ and ~one tilde~ in a sentence \
                       long enough to wrap at the narrow width.";

    #[test]
    fn snapshot_80() {
        insta::assert_snapshot!(plain(SRC, 80));
    }

    #[test]
    fn snapshot_28() {
        insta::assert_snapshot!(plain(SRC, 28));
    }

    #[test]
    fn modifiers_are_set() {
        let spans = spans(SRC);
        let find = |t: &str| spans.iter().find(|s| s.text.contains(t)).expect(t).style;
        assert!(find("emphasis").italic && !find("emphasis").bold);
        assert!(find("strong").bold && !find("strong").italic);
        assert!(find("both").bold && find("both").italic);
        assert!(find("struck").strike);
        assert!(find("one tilde").strike);
        assert!(!find("Plain").bold && !find("Plain").italic && !find("Plain").strike);
    }

    #[test]
    fn deep_emphasis_nesting_is_flat() {
        // Ten thousand levels of emphasis and strong around one word are one
        // flat run with two flags, and closing them all leaves plain text.
        let mut b = super::InlineBuilder::default();
        for _ in 0..10_000 {
            b.start_emphasis();
            b.start_strong();
        }
        b.text("x");
        for _ in 0..10_000 {
            b.end_strong();
            b.end_emphasis();
        }
        b.text("y");
        let runs = b.finish();
        let styles: Vec<(&str, bool, bool)> = runs
            .iter()
            .map(|r| match r {
                Inline::Text(t, s) => (t.as_str(), s.italic, s.bold),
                other => panic!("only text expected, got {other:?}"),
            })
            .collect();
        assert_eq!(styles, [("x", true, true), ("y", false, false)]);
        // Through the parser too: the innermost word comes out emphasised.
        let src = format!("{}x{}", "*_".repeat(5_000), "_*".repeat(5_000));
        let x = spans(&src).into_iter().find(|s| s.text.contains('x')).expect("the word is kept");
        assert!(x.style.italic, "{x:?}");
    }
}

#[cfg(test)]
mod inline_code_tests {
    use super::test_support::{plain, text_with_role};
    use crate::markdown::Role;

    const SRC: &str = "Call `context.get_remaining_time_in_millis()` before a long step, or set `timeout = 30` \
                       in the template; `` a `tick` inside `` works too.";

    #[test]
    fn snapshot_80() {
        insta::assert_snapshot!(plain(SRC, 80));
    }

    #[test]
    fn snapshot_28() {
        insta::assert_snapshot!(plain(SRC, 28));
    }

    #[test]
    fn code_has_its_role() {
        let code = text_with_role(SRC, Role::InlineCode);
        assert!(code.contains("context.get_remaining_time_in_millis()"), "{code}");
        assert!(code.contains("a `tick` inside"), "{code}");
        assert!(!code.contains("Call"));
    }
}

#[cfg(test)]
mod link_tests {
    use super::test_support::{plain, text_with_role};
    use crate::markdown::Role;

    const SRC: &str = "Read [the Lambda quotas page](https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html) \
                       or <https://aws.amazon.com/lambda/>; [https://example.com](https://example.com) is shown once, \
                       mail <someone@example.com>, and [a reference][ref].\n\n[ref]: https://example.org/ref";

    #[test]
    fn snapshot_80() {
        insta::assert_snapshot!(plain(SRC, 80));
    }

    #[test]
    fn snapshot_28() {
        insta::assert_snapshot!(plain(SRC, 28));
    }

    #[test]
    fn target_follows_text_with_its_role() {
        let targets = text_with_role(SRC, Role::LinkTarget);
        assert!(targets.contains("(https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)"));
        assert!(targets.contains("(https://example.org/ref)"));
        // Autolinks and links whose text is the URL are not repeated.
        assert!(!targets.contains("(https://aws.amazon.com/lambda/)"), "{targets}");
        assert!(!targets.contains("example.com)"), "{targets}");
        assert!(!targets.contains("someone"), "{targets}");
        let text = text_with_role(SRC, Role::Link);
        assert!(text.contains("the Lambda quotas page"));
        assert!(text.contains("https://aws.amazon.com/lambda/"));
    }
}

#[cfg(test)]
mod image_tests {
    use super::test_support::{plain, text_with_role};
    use crate::markdown::Role;

    const SRC: &str = "The flow: ![Diagram of an *event* reaching a function](flow.png \"Flow\"). \
                       An image without alt text: ![](x.png). A linked badge: [![build passing](b.svg)](https://ci.example).";

    #[test]
    fn snapshot_80() {
        insta::assert_snapshot!(plain(SRC, 80));
    }

    #[test]
    fn snapshot_28() {
        insta::assert_snapshot!(plain(SRC, 28));
    }

    #[test]
    fn images_are_alt_text_with_a_marker() {
        let images = text_with_role(SRC, Role::Image);
        assert!(images.contains("[image: Diagram of an event reaching a function]"), "{images}");
        assert!(images.contains("[image]"), "{images}");
        assert!(images.contains("[image: build passing]"), "{images}");
        assert!(!plain(SRC, 80).contains("flow.png"));
    }
}

#[cfg(test)]
mod inline_html_tests {
    use super::test_support::{plain, text_with_role};
    use crate::markdown::Role;

    #[test]
    fn tags_are_text_comments_hidden_br_breaks() {
        let src = "Press <kbd>Ctrl</kbd>+<kbd>C</kbd><!-- hidden note -->.<br>Next line.";
        let out = plain(src, 80);
        assert_eq!(out, "Press <kbd>Ctrl</kbd>+<kbd>C</kbd>.\nNext line.\n");
        assert_eq!(text_with_role(src, Role::Html), "<kbd></kbd><kbd></kbd>");
    }
}
