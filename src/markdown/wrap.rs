//! Word wrapping of styled runs to a column count.
//!
//! Greedy: words go on the current line while they fit, separated by the
//! spaces written between them; spaces at a break are dropped. A word wider
//! than the line is broken between grapheme clusters (never inside one, and
//! never with a wide character straddling the edge). Text is copied slice
//! by slice into the line's spans, never one `String` per character.

use unicode_segmentation::UnicodeSegmentation;

use super::model::Inline;
use super::{Span, Style};

/// Stand-in for a grapheme wider than the whole line (a CJK character at
/// width 1): the guarantee "no line wider than the width" wins.
const TOO_WIDE: &str = "?";

/// Width of a piece of text as [`Line::width`](super::Line::width) measures it.
pub(crate) fn width(s: &str) -> usize {
    if s.is_ascii() { s.len() } else { crate::text::width(s) }
}

/// Wraps `inlines` to `width` columns (at least 1). `restyle` adjusts every
/// run's style (headings and table headers give their text a role).
pub(crate) fn wrap(inlines: &[Inline], columns: usize, restyle: impl Fn(Style) -> Style) -> Vec<Vec<Span>> {
    let mut w = Wrapper::new(columns);
    // A line break inside a link or emphasis is a space in that style (an
    // underlined link keeps its underline across it); elsewhere it is plain.
    let plain = restyle(Style::default());
    let mut last_style = plain;
    for (run, inline) in inlines.iter().enumerate() {
        match inline {
            Inline::Text(text, style) => {
                let style = restyle(*style);
                last_style = style;
                for segment in segments(text) {
                    match segment {
                        Segment::Space(text) => {
                            w.flush_word();
                            w.space_w += width(text);
                            w.space.push(Piece { text, style, run, width: width(text) });
                        }
                        Segment::Word(text, break_after) => {
                            w.word_w += width(text);
                            w.word.push(Piece { text, style, run, width: width(text) });
                            if break_after {
                                w.flush_word();
                            }
                        }
                    }
                }
            }
            Inline::SoftBreak => {
                w.flush_word();
                w.space_w += 1;
                let next = match inlines.get(run + 1) {
                    Some(Inline::Text(_, next)) => restyle(*next),
                    _ => plain,
                };
                let style = if next == last_style { last_style } else { plain };
                w.space.push(Piece { text: " ", style, run, width: 1 });
            }
            Inline::HardBreak => {
                w.flush_word();
                w.space.clear();
                w.space_w = 0;
                w.newline();
            }
        }
    }
    w.finish()
}

/// Hard-breaks preformatted text (a code line) at `width` columns, keeping
/// every space. Always returns at least one line.
pub(crate) fn hard_break<'a>(pieces: impl IntoIterator<Item = (&'a str, Style)>, columns: usize) -> Vec<Vec<Span>> {
    let mut w = Wrapper::new(columns);
    for (run, (text, style)) in pieces.into_iter().enumerate() {
        w.break_long(Piece { text, style, run, width: width(text) });
    }
    let mut lines = w.finish();
    if lines.is_empty() {
        lines.push(Vec::new());
    }
    lines
}

/// Where wrapping may break: ordinary spaces, but not no-break spaces.
fn is_break_space(c: char) -> bool {
    c == ' ' || (c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}'))
}

enum Segment<'a> {
    /// Spaces between words.
    Space(&'a str),
    /// A word, and whether a line may break right after it although no
    /// space follows (after a CJK character or another wide one).
    Word(&'a str, bool),
}

/// Splits text into spaces and words. Wide characters (CJK ideographs,
/// kana, emoji) are words of their own, as CJK text breaks between any two
/// characters, except before closing punctuation such as `、` or `」`.
fn segments(text: &str) -> impl Iterator<Item = Segment<'_>> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        if is_break_space(first) {
            let end = rest.find(|c: char| !is_break_space(c)).unwrap_or(rest.len());
            let (space, tail) = rest.split_at(end);
            rest = tail;
            return Some(Segment::Space(space));
        }
        // Fast path: a word of ASCII up to the next space or the end.
        let ascii_end = rest.bytes().position(|b| b == b' ' || !b.is_ascii()).unwrap_or(rest.len());
        if rest.as_bytes().get(ascii_end).is_none_or(|&b| b == b' ') {
            let (word, tail) = rest.split_at(ascii_end);
            rest = tail;
            return Some(Segment::Word(word, false));
        }
        // Otherwise by graphemes, up to a space or a place to break after
        // a wide character; each call only scans what it returns.
        let mut graphemes = rest.grapheme_indices(true).peekable();
        let mut cut = (rest.len(), false);
        while let Some((i, g)) = graphemes.next() {
            if g.starts_with(is_break_space) {
                cut = (i, false);
                break;
            }
            if !g.is_ascii()
                && crate::text::width(g) == 2
                && let Some(&(j, next)) = graphemes.peek()
                && !next.starts_with(is_break_space)
                && !next.starts_with(NO_BREAK_BEFORE)
            {
                cut = (j, true);
                break;
            }
        }
        let (word, tail) = rest.split_at(cut.0);
        rest = tail;
        Some(Segment::Word(word, cut.1))
    })
}

/// Punctuation a CJK line must not start with (a small kinsoku set).
const NO_BREAK_BEFORE: [char; 22] = [
    '、', '。', '，', '．', '：', '；', '？', '！', '）', '」', '』', '】', '〉', '》', '〕', 'ー', 'ゝ', 'ゞ', '々',
    '…', '‥', '・',
];

#[derive(Clone, Copy)]
struct Piece<'a> {
    text: &'a str,
    style: Style,
    /// Which source run the text came from: slices of one run may be joined
    /// in a span without changing how wide they measure.
    run: usize,
    width: usize,
}

struct Wrapper<'a> {
    width: usize,
    lines: Vec<Vec<Span>>,
    line: Vec<Span>,
    line_w: usize,
    /// The run the last span of `line` came from.
    line_run: usize,
    word: Vec<Piece<'a>>,
    word_w: usize,
    space: Vec<Piece<'a>>,
    space_w: usize,
}

impl Wrapper<'_> {
    fn new(width: usize) -> Self {
        Self {
            width: width.max(1),
            lines: Vec::new(),
            line: Vec::new(),
            line_w: 0,
            line_run: usize::MAX,
            word: Vec::new(),
            word_w: 0,
            space: Vec::new(),
            space_w: 0,
        }
    }

    fn newline(&mut self) {
        self.lines.push(std::mem::take(&mut self.line));
        self.line_w = 0;
        self.line_run = usize::MAX;
    }

    /// Appends text that is known to fit.
    fn push(&mut self, text: &str, style: Style, run: usize, width: usize) {
        if text.is_empty() {
            return;
        }
        self.line_w += width;
        if let Some(last) = self.line.last_mut()
            && last.style == style
            && (run == self.line_run || (last.text.ends_with(|c: char| c.is_ascii()) && text.is_ascii()))
        {
            last.text.push_str(text);
        } else {
            self.line.push(Span { text: text.to_owned(), style });
        }
        self.line_run = run;
    }

    fn push_piece(&mut self, p: Piece<'_>) {
        self.push(p.text, p.style, p.run, p.width);
    }

    /// Places the pending word, with the spaces before it if it stays on
    /// the current line.
    fn flush_word(&mut self) {
        if self.word.is_empty() {
            return;
        }
        let word = std::mem::take(&mut self.word);
        let space = std::mem::take(&mut self.space);
        let (word_w, space_w) = (self.word_w, self.space_w);
        self.word_w = 0;
        self.space_w = 0;
        if self.line_w == 0 {
            self.place(&word, word_w);
        } else if self.line_w + space_w + word_w <= self.width {
            for &p in &space {
                self.push_piece(p);
            }
            for &p in &word {
                self.push_piece(p);
            }
        } else if word_w <= self.width {
            self.newline();
            for &p in &word {
                self.push_piece(p);
            }
        } else {
            // A word longer than any line starts on a line of its own, so it
            // is cut as few times as possible.
            self.newline();
            for &p in &word {
                self.break_long(p);
            }
        }
        // Give the vectors back so the next word reuses their capacity.
        self.word = word;
        self.word.clear();
        self.space = space;
        self.space.clear();
    }

    /// A word at the start of a line.
    fn place(&mut self, word: &[Piece<'_>], word_w: usize) {
        if word_w <= self.width {
            for &p in word {
                self.push_piece(p);
            }
        } else {
            for &p in word {
                self.break_long(p);
            }
        }
    }

    /// Places a piece grapheme by grapheme, breaking lines where it must.
    fn break_long(&mut self, p: Piece<'_>) {
        if p.text.is_ascii() {
            // One byte is one column and one grapheme (no `\r\n` survives
            // sanitising), so whole slices can be cut at once.
            let mut rest = p.text;
            while !rest.is_empty() {
                if self.line_w >= self.width {
                    self.newline();
                }
                let take = (self.width - self.line_w).min(rest.len());
                let (head, tail) = rest.split_at(take);
                self.push(head, p.style, p.run, head.len());
                rest = tail;
            }
            return;
        }
        for g in p.text.graphemes(true) {
            let gw = crate::text::width(g);
            if self.line_w + gw > self.width && self.line_w > 0 {
                self.newline();
            }
            if gw > self.width {
                self.push(TOO_WIDE, p.style, usize::MAX, 1);
            } else {
                self.push(g, p.style, p.run, gw);
            }
        }
    }

    fn finish(mut self) -> Vec<Vec<Span>> {
        self.flush_word();
        if !self.line.is_empty() {
            self.newline();
        }
        self.lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::Role;

    fn text(s: &str) -> Inline {
        Inline::Text(s.to_owned(), Style::default())
    }

    fn lines(inlines: &[Inline], width: usize) -> Vec<String> {
        wrap(inlines, width, |s| s).iter().map(|l| l.iter().map(|s| s.text.as_str()).collect()).collect()
    }

    #[test]
    fn words_wrap_greedily() {
        assert_eq!(lines(&[text("the quick brown fox jumps")], 10), ["the quick", "brown fox", "jumps"]);
    }

    #[test]
    fn spaces_at_breaks_are_dropped_inner_spaces_kept() {
        assert_eq!(lines(&[text("a  b"), Inline::SoftBreak, text("c")], 4), ["a  b", "c"]);
    }

    #[test]
    fn long_words_break_by_grapheme() {
        assert_eq!(lines(&[text("abcdefghij")], 4), ["abcd", "efgh", "ij"]);
        // "e" + combining acute stays one cluster.
        assert_eq!(lines(&[text("ae\u{301}e\u{301}e\u{301}")], 2), ["ae\u{301}", "e\u{301}e\u{301}"]);
    }

    #[test]
    fn wide_characters_never_straddle_the_edge() {
        assert_eq!(lines(&[text("世界你好")], 5), ["世界", "你好"]);
        assert_eq!(lines(&[text("a世界")], 2), ["a", "世", "界"]);
        assert_eq!(lines(&[text("世")], 1), [TOO_WIDE]);
    }

    #[test]
    fn a_long_word_starts_a_line() {
        assert_eq!(lines(&[text("see abcdefghij")], 6), ["see", "abcdef", "ghij"]);
    }

    #[test]
    fn cjk_breaks_between_characters_but_not_before_closing_punctuation() {
        assert_eq!(lines(&[text("Wide: 無服務器計算、です")], 12), ["Wide: 無服務", "器計算、です"]);
        assert_eq!(lines(&[text("計算、")], 4), ["計", "算、"]);
        // A skin-tone modifier stays with its emoji.
        assert_eq!(lines(&[text("👍🏽👍🏽")], 2), ["👍🏽", "👍🏽"]);
    }

    #[test]
    fn hard_breaks_force_a_line() {
        assert_eq!(lines(&[text("a"), Inline::HardBreak, text("b")], 10), ["a", "b"]);
    }

    #[test]
    fn styles_split_spans_and_words_span_styles() {
        let bold = Style { bold: true, ..Style::default() };
        let spans = wrap(&[text("x un"), Inline::Text("bold".into(), bold), text("ed y")], 80, |s| s);
        assert_eq!(spans.len(), 1);
        assert_eq!(spans[0].len(), 3);
        // "unbolded" is one word: at width 9 it moves to the next line whole.
        assert_eq!(lines(&[text("xxxx un"), Inline::Text("bold".into(), bold), text("ed")], 9), ["xxxx", "unbolded"]);
    }

    #[test]
    fn a_soft_break_inside_a_link_keeps_the_link_style() {
        let link = Style::role(Role::Link);
        let spans =
            wrap(&[Inline::Text("two".into(), link), Inline::SoftBreak, Inline::Text("words".into(), link)], 80, |s| s);
        assert_eq!(spans[0].len(), 1, "{spans:?}");
        assert_eq!(spans[0][0].text, "two words");
        let spans = wrap(&[Inline::Text("two".into(), link), Inline::SoftBreak, text("words")], 80, |s| s);
        assert_eq!(spans[0][1].style, Style::default(), "{spans:?}");
    }

    #[test]
    fn restyle_applies() {
        let spans = wrap(&[text("a")], 5, |s| Style { role: Role::Heading(1), ..s });
        assert_eq!(spans[0][0].style.role, Role::Heading(1));
    }

    #[test]
    fn hard_break_keeps_spaces() {
        let out = hard_break([("    indented code", Style::default())], 8);
        let got: Vec<String> = out.iter().map(|l| l.iter().map(|s| s.text.as_str()).collect()).collect();
        assert_eq!(got, ["    inde", "nted cod", "e"]);
        assert_eq!(hard_break(std::iter::empty(), 8), vec![Vec::new()]);
    }
}
