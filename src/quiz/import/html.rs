//! HTML fragments (Moodle's `[html]` texts, Anki fields) turned into
//! markdown text: tags stripped, `<br>` and block elements become line
//! breaks, entities decoded, `<b>`/`<i>`/`<code>` become `**`/`_`/`` ` ``,
//! links `[text](href)`, images their alt text (reported by the caller).
//!
//! A small tolerant scanner rather than an HTML parser: these fragments are
//! short, often broken, and only their text and a few inline marks matter.

/// The markdown text, and the images met (alt text, source) so that the
/// caller can report that they were replaced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Converted {
    pub text: String,
    pub images: Vec<(String, String)>,
}

/// Stands for a `<br>` until the end, where it becomes a hard break inside
/// a paragraph or a plain line break at the end of one. Control characters
/// of the input are dropped, so this one cannot come from it.
const BREAK: char = '\u{1}';

struct Out {
    text: String,
    images: Vec<(String, String)>,
    /// Inside `<pre>`: whitespace is kept.
    pre: usize,
    /// Inside `<code>`: markdown takes the text literally, so no escapes.
    code: usize,
    /// Skipping the content of `<script>` / `<style>`.
    skip: Option<String>,
    /// Open lists: `None` bullet, `Some(n)` the next number; and the width
    /// of the marker of the list's current item (its children indent so).
    lists: Vec<(Option<u32>, usize)>,
    /// Where each open `<a>` began in `text`, and its target.
    links: Vec<(usize, String)>,
}

impl Out {
    fn ends_with_space(&self) -> bool {
        self.text.is_empty() || self.text.ends_with([' ', '\n', BREAK])
    }

    fn push_text(&mut self, s: &str) {
        if self.pre > 0 {
            self.text.push_str(s);
            return;
        }
        for c in s.chars() {
            if c.is_whitespace() {
                if !self.ends_with_space() {
                    self.text.push(' ');
                }
            } else {
                self.text.push(c);
            }
        }
    }

    /// End the current block: a blank line follows.
    fn block(&mut self) {
        self.trim_trailing_spaces();
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            if self.text.ends_with('\n') {
                self.text.push('\n');
            } else {
                self.text.push_str("\n\n");
            }
        }
    }

    fn newline(&mut self) {
        self.trim_trailing_spaces();
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
    }

    fn trim_trailing_spaces(&mut self) {
        while self.text.ends_with(' ') {
            self.text.pop();
        }
    }
}

/// Convert an HTML fragment to markdown text.
pub fn to_markdown(html: &str) -> Converted {
    let mut out = Out {
        text: String::with_capacity(html.len()),
        images: Vec::new(),
        pre: 0,
        code: 0,
        skip: None,
        lists: Vec::new(),
        links: Vec::new(),
    };
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            text(&mut out, rest);
            break;
        };
        text(&mut out, &rest[..lt]);
        rest = &rest[lt..];
        // A comment, or a tag up to its `>`; a `<` that opens nothing is text.
        if let Some(body) = rest.strip_prefix("<!--") {
            rest = body.find("-->").map_or("", |end| &body[end + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            text(&mut out, rest);
            break;
        };
        let inside = &rest[1..gt];
        rest = &rest[gt + 1..];
        let Some(tag) = Tag::parse(inside) else {
            text(&mut out, &format!("<{inside}>"));
            continue;
        };
        if let Some(skipping) = &out.skip {
            if tag.closing && tag.name == *skipping {
                out.skip = None;
            }
            continue;
        }
        element(&mut out, &tag);
    }
    Converted { text: finish(&out.text), images: out.images }
}

fn text(out: &mut Out, raw: &str) {
    if out.skip.is_some() || raw.is_empty() {
        return;
    }
    let decoded = decode_entities(raw);
    let clean: String = decoded.chars().filter(|c| !c.is_control() || matches!(c, '\n' | '\t')).collect();
    if out.pre > 0 || out.code > 0 {
        out.push_text(&clean);
    } else {
        out.push_text(&escape_angle(&clean));
    }
}

/// Text `<` that markdown would take for the start of an HTML tag
/// (`&lt;b&gt;` in the HTML, meant to be seen) gets a backslash.
pub fn escape_angle(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<' && chars.peek().is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

struct Tag {
    name: String,
    closing: bool,
    attributes: String,
}

impl Tag {
    fn parse(inside: &str) -> Option<Self> {
        let (closing, body) = match inside.strip_prefix('/') {
            Some(b) => (true, b),
            None => (false, inside),
        };
        let body = body.trim_end_matches('/');
        let name_len = body.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(body.len());
        if name_len == 0 || !body.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        Some(Self { name: body[..name_len].to_ascii_lowercase(), closing, attributes: body[name_len..].to_owned() })
    }

    /// An attribute's value, quoted or not, entities decoded.
    fn attribute(&self, name: &str) -> Option<String> {
        let lower = self.attributes.to_ascii_lowercase();
        let mut from = 0;
        while let Some(found) = lower[from..].find(name) {
            let at = from + found;
            from = at + name.len();
            let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
            let rest = self.attributes[at + name.len()..].trim_start();
            let Some(value) = rest.strip_prefix('=').map(str::trim_start) else { continue };
            if !before_ok {
                continue;
            }
            let raw = match value.chars().next() {
                Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
                _ => value.split(|c: char| c.is_whitespace()).next().unwrap_or(""),
            };
            return Some(decode_entities(raw));
        }
        None
    }
}

fn element(out: &mut Out, tag: &Tag) {
    let name = tag.name.as_str();
    match (name, tag.closing) {
        ("script" | "style" | "head" | "title", false) => out.skip = Some(name.to_owned()),
        ("br", _) => {
            out.trim_trailing_spaces();
            out.text.push(BREAK);
        }
        ("p" | "div" | "section" | "article" | "blockquote" | "table" | "center" | "dl", _)
        | ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", true) => out.block(),
        ("tr" | "dt" | "dd", _) | ("li", true) => out.newline(),
        ("td" | "th", false) if !out.text.ends_with('\n') && !out.text.is_empty() => {
            out.trim_trailing_spaces();
            out.text.push_str(" | ");
        }
        ("hr", _) => {
            out.block();
            out.text.push_str("---\n\n");
        }
        ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", false) => {
            out.block();
            let level = usize::from(name.as_bytes()[1] - b'0');
            out.text.push_str(&"#".repeat(level));
            out.text.push(' ');
        }
        ("ul", false) => {
            list_start(out);
            out.lists.push((None, 2));
        }
        ("ol", false) => {
            list_start(out);
            out.lists.push((Some(1), 3));
        }
        ("ul" | "ol", true) => {
            out.lists.pop();
            if out.lists.is_empty() {
                out.block();
            } else {
                out.newline();
            }
        }
        ("li", false) => {
            out.newline();
            let outer = out.lists.len().saturating_sub(1);
            let indent: usize = out.lists[..outer].iter().map(|(_, width)| width).sum();
            let marker = match out.lists.last_mut() {
                Some((Some(n), width)) => {
                    let m = format!("{n}. ");
                    *n += 1;
                    *width = m.len();
                    m
                }
                _ => "- ".to_owned(),
            };
            out.text.push_str(&" ".repeat(indent));
            out.text.push_str(&marker);
        }
        ("b" | "strong", _) => mark(out, "**", tag.closing),
        ("i" | "em", _) => mark(out, "_", tag.closing),
        ("s" | "strike" | "del", _) => mark(out, "~~", tag.closing),
        // `<pre><code class="language-python">`: the fence says the language.
        ("code", false) if out.pre > 0 && out.text.ends_with("```\n") => {
            let class = tag.attribute("class").unwrap_or_default();
            if let Some(lang) = class.split_whitespace().find_map(|c| c.strip_prefix("language-")) {
                let lang: String =
                    lang.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '_' | '.')).collect();
                out.text.truncate(out.text.len() - 1);
                out.text.push_str(&lang);
                out.text.push('\n');
            }
        }
        ("code" | "tt" | "kbd" | "samp", closing) if out.pre == 0 => {
            if closing {
                out.code = out.code.saturating_sub(1);
            } else {
                out.code += 1;
            }
            mark(out, "`", closing);
        }
        ("pre", false) => {
            out.block();
            out.text.push_str("```\n");
            out.pre += 1;
        }
        ("pre", true) if out.pre > 0 => {
            out.pre -= 1;
            if !out.text.ends_with('\n') {
                out.text.push('\n');
            }
            out.text.push_str("```");
            out.block();
        }
        ("img", _) => {
            let alt = tag.attribute("alt").unwrap_or_default();
            let src = tag.attribute("src").unwrap_or_default();
            out.push_text(alt.trim());
            out.images.push((alt.trim().to_owned(), src));
        }
        // Links nested deeper than a few are kept as text: each close
        // copies its label, which must not grow quadratic on hostile input.
        ("a", false) if out.links.len() < 8 => {
            let href = tag.attribute("href").unwrap_or_default();
            out.links.push((out.text.len(), href));
        }
        ("a", true) => {
            if let Some((start, href)) = out.links.pop() {
                // Marks closed in between may have shortened the text.
                let start = start.min(out.text.len());
                if !out.text.is_char_boundary(start) {
                    return;
                }
                let label = out.text[start..].trim().to_owned();
                if !href.is_empty() && !label.is_empty() && label != href {
                    out.text.truncate(start);
                    out.text.push('[');
                    out.text.push_str(&label);
                    out.text.push_str("](");
                    out.text.push_str(&href);
                    out.text.push(')');
                } else if label.is_empty() && !href.is_empty() {
                    out.text.push_str(&href);
                }
            }
        }
        _ => {}
    }
}

fn list_start(out: &mut Out) {
    if out.lists.is_empty() {
        out.block();
    } else {
        out.newline();
    }
}

/// An inline mark such as `**`: no space between it and the text it marks.
fn mark(out: &mut Out, mark: &str, closing: bool) {
    if closing {
        out.trim_trailing_spaces();
        // An empty pair (`<b></b>`) is dropped rather than left as `****`.
        if out.text.ends_with(mark) {
            out.text.truncate(out.text.len() - mark.len());
            return;
        }
    }
    out.text.push_str(mark);
}

/// Collapse what the scanner left: hard breaks inside paragraphs, plain
/// line ends before a block's end, no run of blank lines, no spaces at
/// line ends.
fn finish(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut joined = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == BREAK {
            match chars[i + 1..].iter().copied().find(|c| *c != ' ') {
                None | Some('\n' | BREAK) => joined.push('\n'),
                Some(_) => joined.push_str("\\\n"),
            }
        } else {
            joined.push(c);
        }
    }
    let mut lines: Vec<&str> = Vec::new();
    let mut in_fence = false;
    for line in joined.lines() {
        let fence = line.trim_start().starts_with("```");
        // Leading spaces outside code come only from list nesting: keep them.
        let line = if fence { line.trim() } else { line.trim_end() };
        if fence {
            in_fence = !in_fence;
        }
        if !in_fence && line.is_empty() && lines.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

/// Whether `text` looks like HTML (for files that do not say).
pub fn looks_like_html(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "<br", "<div", "<p>", "<p ", "<b>", "<i>", "<strong", "<em>", "<span", "<img", "<ul", "<ol", "<li", "&nbsp;",
        "&amp;", "<code", "<pre", "<a ",
    ]
    .iter()
    .any(|t| lower.contains(t))
}

/// Decode `&name;`, `&#123;` and `&#x1F;` entities; unknown ones stay as
/// they are.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '#')).map(|i| i + 1);
        let decoded = match end {
            Some(end) if rest[end..].starts_with(';') => entity(&rest[1..end]).map(|c| (c, end + 1)),
            _ => None,
        };
        if let Some((c, len)) = decoded {
            out.push(c);
            rest = &rest[len..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        // A no-break space reads as a space; keeping U+00A0 would make
        // answers that look equal compare unequal.
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "times" => '×',
        "divide" => '÷',
        "minus" => '−',
        "plusmn" => '±',
        "le" => '≤',
        "ge" => '≥',
        "ne" => '≠',
        "asymp" => '≈',
        "deg" => '°',
        "micro" => 'µ',
        "middot" => '·',
        "bull" => '•',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "sect" => '§',
        "para" => '¶',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "harr" => '↔',
        "rArr" => '⇒',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "sup2" => '²',
        "sup3" => '³',
        "iexcl" => '¡',
        "iquest" => '¿',
        "aacute" => 'á',
        "eacute" => 'é',
        "iacute" => 'í',
        "oacute" => 'ó',
        "uacute" => 'ú',
        "agrave" => 'à',
        "egrave" => 'è',
        "ccedil" => 'ç',
        "ntilde" => 'ñ',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "szlig" => 'ß',
        _ => return None,
    };
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(html: &str) -> String {
        to_markdown(html).text
    }

    #[test]
    fn inline_marks_become_markdown() {
        assert_eq!(
            md("A <b>bold</b>, <i>slanted</i> and <code>x = 1</code> word"),
            "A **bold**, _slanted_ and `x = 1` word"
        );
        assert_eq!(md("<strong>s</strong><em>e</em><del>d</del>"), "**s**_e_~~d~~");
    }

    #[test]
    fn breaks_and_paragraphs_become_lines() {
        assert_eq!(md("<p>one</p><p>two</p>"), "one\n\ntwo");
        assert_eq!(md("line one<br>line two<br/>"), "line one\\\nline two");
        assert_eq!(md("<div>a</div><div>b<br></div>"), "a\n\nb");
        assert_eq!(md("a\n   b\t c"), "a b c");
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            md("a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#x27; &nbsp;f &unknown; &"),
            "a & b \\<c> \"d\" 'e' f &unknown; &"
        );
        assert_eq!(md("1 &lt; 2"), "1 < 2");
        assert_eq!(decode_entities("&#0;&#xZZ;&#99999999;"), "&#0;&#xZZ;&#99999999;");
    }

    #[test]
    fn lists_links_images_and_code_blocks() {
        assert_eq!(md("<ul><li>a</li><li>b</li></ul><ol><li>x</li><li>y</li></ol>"), "- a\n- b\n\n1. x\n2. y");
        assert_eq!(md("<ol><li>a<ul><li>b<ul><li>c</li></ul></li></ul></li></ol>"), "1. a\n   - b\n     - c");
        assert_eq!(md("see <a href=\"https://aws.amazon.com\">AWS</a>."), "see [AWS](https://aws.amazon.com).");
        let c = to_markdown("<img src=\"d.png\" alt=\"A diagram\"> here");
        assert_eq!(c.text, "A diagram here");
        assert_eq!(c.images, vec![("A diagram".to_owned(), "d.png".to_owned())]);
        assert_eq!(md("<pre><code>fn main() {\n    x();\n}</code></pre>"), "```\nfn main() {\n    x();\n}\n```");
        assert_eq!(md("<pre><code class=\"language-python\">x = 1\n</code></pre>"), "```python\nx = 1\n```");
    }

    #[test]
    fn broken_html_is_kept_as_text() {
        assert_eq!(md("1 < 2 and 3 > 2"), "1 < 2 and 3 > 2");
        assert_eq!(md("a <b"), "a \\<b");
        assert_eq!(md("<script>alert(1)</script>ok<!-- hidden -->"), "ok");
        assert_eq!(md("x<b></b>y"), "xy");
    }
}
