//! Syntax highlighting of code blocks with syntect, done once per document
//! in [`Document::parse`](super::Document::parse), never while laying out.
//!
//! syntect's default syntaxes and themes take a few tens of milliseconds to
//! deserialise, so they are loaded lazily, once per process, and only when a
//! document actually has a code block in a language worth highlighting.

use std::sync::OnceLock;

use syntect::easy::HighlightLines;
use syntect::highlighting::{Color, Theme, ThemeSet};
use syntect::parsing::{SyntaxReference, SyntaxSet};

use super::Rgb;
use super::model::{CodeLine, CodeSegment};
use crate::text::sanitize;

/// The theme colours come from; the terminal's own foreground is kept for
/// plain text (see [`colour`]), so it reads on light backgrounds too.
const THEME: &str = "base16-ocean.dark";

/// Columns per tab stop in code blocks.
const TAB_WIDTH: usize = 4;

/// Beyond these sizes code is shown plain: syntect is roughly linear, but a
/// minified 200 kB line would still cost a visible pause for little benefit.
const MAX_HIGHLIGHT_BYTES: usize = 64 * 1024;
const MAX_HIGHLIGHT_LINE: usize = 4 * 1024;

/// Small programs in the languages lessons use most: highlighting them once
/// compiles most of the patterns those grammars need (syntect compiles each
/// pattern on first use, which costs far more than matching with it).
const WARM_UP: [(&str, &str); 7] = [
    (
        "python",
        "import json, os\nfrom x import y\n\n@decorator\nclass A(B):\n    \"\"\"Doc.\"\"\"\n    def f(self, event, \
         context=None) -> dict:\n        # comment\n        s = f\"{x!r} {y:>3}\" + 'a\\n' + r'\\d'\n        return \
         {\"a\": [1, 2.5, True, None], **kw}\n\nif __name__ == \"__main__\":\n    print(lambda x: x % 2)\n",
    ),
    (
        "javascript",
        "import { a } from 'b';\nconst f = async (event) => {\n  // comment\n  let s = `t ${x}`;\n  return { \
         statusCode: 200, body: JSON.stringify([1, 'a', null]) };\n};\nexport class C extends D {}\n",
    ),
    ("json", "{\"a\": [1, 2.5, true, null, \"s\\n\"], \"b\": {\"c\": -1e3}}\n"),
    (
        "yaml",
        "# comment\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: \
         python3.12\n      Events: {A: [1, \"b\"]}\n      Arn: !GetAtt X.Arn\n      - item\n      Text: |\n        block\n",
    ),
    (
        "bash",
        "#!/bin/bash\n# comment\nset -euo pipefail\nFOO=\"$(cmd --flag \"$BAR\")\"\nif [ -n \"$FOO\" ]; then\n  \
         aws lambda invoke --function-name f out.json | jq '.a'\nfi\nfor i in 1 2; do echo ${i}; done\n",
    ),
    (
        "go",
        "package main\n\nimport \"fmt\"\n\n// H handles.\nfunc H(ctx context.Context, e Event) (string, \
         error) {\n\ts := fmt.Sprintf(\"%d\", 1)\n\treturn s, nil\n}\n",
    ),
    (
        "java",
        "package a;\nimport b.C;\n// comment\npublic class H implements RequestHandler<Map<String, \
         Object>, String> {\n  @Override\n  public String handleRequest(Map<String, Object> e, Context c) {\n    \
         return \"ok\" + 1;\n  }\n}\n",
    ),
];

/// Loads the grammars and theme and compiles the common patterns, so the
/// first lesson with code opens without a pause. Meant for a background
/// thread at start-up; harmless to call more than once.
pub fn warm_up() {
    for (language, code) in WARM_UP {
        highlight(Some(language), code);
    }
}

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

fn theme() -> &'static Theme {
    static THEME_CELL: OnceLock<Theme> = OnceLock::new();
    THEME_CELL.get_or_init(|| ThemeSet::load_defaults().themes.remove(THEME).unwrap_or_default())
}

/// The syntax token to look up for an info-string language, or `None` for
/// languages shown plain. Aliases map to the closest default syntax.
fn token_for(language: &str) -> Option<&str> {
    let lower = language.to_ascii_lowercase();
    let token = match lower.as_str() {
        // No HCL or TOML grammar ships with syntect; plain beats a wrong one.
        "" | "text" | "txt" | "plain" | "plaintext" | "output" | "console-output" | "hcl" | "terraform" | "tf"
        | "toml" => return None,
        // TypeScript has no default grammar; its surface is JavaScript's.
        "js" | "javascript" | "jsx" | "mjs" | "cjs" | "node" | "nodejs" | "ts" | "typescript" | "tsx" => "js",
        "sh" | "shell" | "bash" | "zsh" | "console" | "shell-session" | "shellsession" => "bash",
        "yml" | "yaml" => "yaml",
        "py" | "python" | "python3" => "py",
        "json" | "jsonc" | "json5" => "json",
        "golang" => "go",
        "rs" => "rust",
        "cs" | "csharp" | "c#" | "dotnet" => "cs",
        _ => return Some(language),
    };
    Some(token)
}

fn syntax_for(language: Option<&str>) -> Option<&'static SyntaxReference> {
    let token = token_for(language?)?;
    let set = syntaxes();
    set.find_syntax_by_token(token).filter(|s| s.name != "Plain Text")
}

/// Splits code into tab-expanded, sanitised lines, coloured when the
/// language is known. Never fails: anything odd falls back to plain text.
pub(crate) fn highlight(language: Option<&str>, code: &str) -> Vec<CodeLine> {
    if code.is_empty() {
        return Vec::new();
    }
    let code = code.strip_suffix('\n').unwrap_or(code);
    let expanded: Vec<String> = code.split('\n').map(|l| expand_tabs(l.strip_suffix('\r').unwrap_or(l))).collect();
    let too_big = code.len() > MAX_HIGHLIGHT_BYTES || expanded.iter().any(|l| l.len() > MAX_HIGHLIGHT_LINE);
    if !too_big
        && let Some(syntax) = syntax_for(language)
        && let Some(lines) = coloured(syntax, &expanded)
    {
        return lines;
    }
    expanded.iter().map(|l| plain_line(l)).collect()
}

fn plain_line(line: &str) -> CodeLine {
    if line.is_empty() {
        return Vec::new();
    }
    vec![CodeSegment { text: sanitize(line).into_owned(), fg: None }]
}

fn coloured(syntax: &SyntaxReference, lines: &[String]) -> Option<Vec<CodeLine>> {
    let theme = theme();
    let default_fg = theme.settings.foreground;
    let mut highlighter = HighlightLines::new(syntax, theme);
    let mut text = String::new();
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        // The `newlines` syntaxes expect each line to end with `\n`.
        text.clear();
        text.push_str(line);
        text.push('\n');
        let mut segments: CodeLine = Vec::new();
        for (style, part) in highlighter.highlight_line(&text, syntaxes()).ok()? {
            let part = part.strip_suffix('\n').unwrap_or(part);
            if part.is_empty() {
                continue;
            }
            let fg = colour(style.foreground, default_fg);
            let clean = sanitize(part);
            match segments.last_mut() {
                Some(last) if last.fg == fg => last.text.push_str(&clean),
                _ => segments.push(CodeSegment { text: clean.into_owned(), fg }),
            }
        }
        out.push(segments);
    }
    Some(out)
}

/// `None` for the theme's default foreground: plain text keeps the
/// terminal's colour, only tokens the grammar distinguishes are coloured.
fn colour(fg: Color, default: Option<Color>) -> Option<Rgb> {
    if Some(fg) == default { None } else { Some(Rgb(fg.r, fg.g, fg.b)) }
}

/// Expands tabs to the next multiple of [`TAB_WIDTH`] columns.
fn expand_tabs(line: &str) -> String {
    if !line.contains('\t') {
        return line.to_owned();
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut column = 0;
    for c in line.chars() {
        if c == '\t' {
            let n = TAB_WIDTH - column % TAB_WIDTH;
            out.extend(std::iter::repeat_n(' ', n));
            column += n;
        } else {
            out.push(c);
            column += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[CodeLine]) -> Vec<String> {
        lines.iter().map(|l| l.iter().map(|s| s.text.as_str()).collect()).collect()
    }

    #[test]
    fn python_is_coloured() {
        let lines = highlight(Some("python"), "def handler(event, context):\n    return 1\n");
        assert_eq!(text(&lines), ["def handler(event, context):", "    return 1"]);
        assert!(lines[0].iter().any(|s| s.fg.is_some()), "{lines:?}");
    }

    #[test]
    fn aliases_find_a_grammar() {
        for alias in ["py", "js", "ts", "sh", "shell", "yml", "json", "go", "java"] {
            assert!(syntax_for(Some(alias)).is_some(), "{alias}");
        }
        for plain in ["hcl", "terraform", "text", "no-such-language"] {
            assert!(syntax_for(Some(plain)).is_none(), "{plain}");
        }
    }

    #[test]
    fn unknown_language_is_plain() {
        let lines = highlight(Some("no-such-language"), "a = 1\n");
        assert_eq!(lines, vec![vec![CodeSegment { text: "a = 1".into(), fg: None }]]);
    }

    #[test]
    fn tabs_expand_to_stops() {
        assert_eq!(expand_tabs("\tx"), "    x");
        assert_eq!(expand_tabs("ab\tx"), "ab  x");
        assert_eq!(expand_tabs("abcd\tx"), "abcd    x");
    }

    #[test]
    fn control_characters_are_removed() {
        for language in [None, Some("python")] {
            let lines = highlight(language, "print('\u{1b}[2J\u{9b}x')\n");
            assert!(text(&lines).iter().all(|l| !l.chars().any(char::is_control)), "{lines:?}");
        }
    }

    #[test]
    fn empty_lines_are_kept() {
        assert_eq!(highlight(None, ""), Vec::<CodeLine>::new());
        assert_eq!(highlight(None, "\n"), vec![Vec::<CodeSegment>::new()]);
        assert_eq!(highlight(None, "a\n\nb\n").len(), 3);
    }
}
