//! Laid-out markdown as ANSI-coloured text, for `read --color always`.
//! Uses the same theme mapping as the full-screen reader.

use std::fmt::Write;

use ratatui::style::{Color, Modifier, Style};

use super::theme::Theme;
use crate::markdown::Layout;

pub fn render(layout: &Layout) -> String {
    let theme = Theme::dark();
    let mut out = String::new();
    for line in &layout.lines {
        for span in &line.spans {
            let style = theme.markdown(span.style);
            let sgr = sgr(style);
            if sgr.is_empty() {
                out.push_str(&span.text);
            } else {
                let _ = write!(out, "\x1b[{sgr}m{}\x1b[0m", span.text);
            }
        }
        out.push('\n');
    }
    out
}

/// The SGR parameters for a style (empty for the default style).
fn sgr(style: Style) -> String {
    let mut codes: Vec<String> = Vec::new();
    let m = style.add_modifier;
    for (flag, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::REVERSED, "7"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if m.contains(flag) {
            codes.push(code.to_owned());
        }
    }
    if let Some(fg) = style.fg
        && let Some(code) = color(fg)
    {
        codes.push(code);
    }
    codes.join(";")
}

fn color(c: Color) -> Option<String> {
    let basic = |n: u8| Some(n.to_string());
    match c {
        Color::Black => basic(30),
        Color::Red => basic(31),
        Color::Green => basic(32),
        Color::Yellow => basic(33),
        Color::Blue => basic(34),
        Color::Magenta => basic(35),
        Color::Cyan => basic(36),
        Color::Gray => basic(37),
        Color::DarkGray => basic(90),
        Color::LightRed => basic(91),
        Color::LightGreen => basic(92),
        Color::LightYellow => basic(93),
        Color::LightBlue => basic(94),
        Color::LightMagenta => basic(95),
        Color::LightCyan => basic(96),
        Color::White => basic(97),
        Color::Rgb(r, g, b) => Some(format!("38;2;{r};{g};{b}")),
        Color::Indexed(i) => Some(format!("38;5;{i}")),
        Color::Reset => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::Document;

    #[test]
    fn colours_only_wrap_text_and_every_escape_is_ours() {
        let layout = Document::parse("# Title\n\nplain \u{1b}[2J text").layout(40);
        let out = render(&layout);
        assert!(out.contains("\x1b[1;93m"), "{out:?}");
        // The only ESC bytes are SGR sequences we wrote: the one from the
        // content was neutralised before layout.
        for (i, _) in out.match_indices('\x1b') {
            assert!(out[i..].starts_with("\x1b[") && out[i + 2..].find('m').is_some());
        }
        assert!(!out.contains("\x1b[2J"));
    }
}
