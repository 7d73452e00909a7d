//! Generators of the fuzz targets (markdown, lessons, import formats, typed answers, databases), included by
//! `tests/hostile_fuzz.rs`.

#![allow(
    clippy::format_collect,
    clippy::format_push_string,
    clippy::many_single_char_names,
    reason = "generators build small strings once per case; clarity beats allocation here"
)]

use proptest::prelude::*;

use super::common;
use super::toml_grammar::{Table, distinct, edited, list, text};
/// Inline markdown: text, emphasis, code, links, images, autolinks,
/// entities (including ones that decode to controls), footnotes.
pub fn inline() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        6 => text().prop_map(|t| t.replace(['\n', '\r'], " ")),
        1 => prop::sample::select(vec![
            "*", "**", "_", "__", "~~", "`", "``", "\\", "[", "]", "(", ")", "!", "<", ">", "  \n", "\\\n", "&amp;",
            "&#27;]0;pwned&#7;", "&#x9b;2J", "&#8238;", "&#0;", "&#xFFFFFF;", "&nbsp;", "[^1]", "[^x]", "<br>",
            "<span style=x>", "</span>", "<!-- c -->", "<http://a.b/c>", "<a@b.c>", "$x$",
        ])
        .prop_map(str::to_owned),
        1 => (text(), text()).prop_map(|(t, u)| format!("[{t}]({} \"{t}\")", u.replace([' ', '\n', '(', ')'], ""))),
        1 => (text(), text()).prop_map(|(t, u)| format!("![{t}](<{}>)", u.replace(['\n', '<', '>'], ""))),
        1 => text().prop_map(|t| format!("`{}`", t.replace(['\n', '`'], ""))),
        1 => text().prop_map(|t| format!("*{t}*")),
    ];
    prop::collection::vec(token, 0..10).prop_map(|v| v.concat())
}

/// Block markdown, nested: quotes, alerts, lists (loose and tight, task
/// items), fences (closed or not), indented code, tables (ragged), HTML,
/// headings, rules, footnote and reference definitions.
pub fn markdown() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        4 => inline().prop_map(|t| format!("{t}\n")),
        1 => (1usize..8, inline()).prop_map(|(n, t)| format!("{} {t}\n", "#".repeat(n))),
        1 => (prop::sample::select(vec!["```", "~~~", "````"]), "[a-z+ ]{0,8}", prop::collection::vec(text(), 0..5), any::<bool>())
            .prop_map(|(fence, lang, lines, closed)| {
                let body: Vec<String> = lines.iter().map(|l| l.replace('\n', " ")).collect();
                format!("{fence}{lang}\n{}\n{}", body.join("\n"), if closed { format!("{fence}\n") } else { String::new() })
            }),
        1 => prop::collection::vec(text(), 1..4).prop_map(|lines| {
            lines.iter().map(|l| format!("    {}\n", l.replace('\n', " "))).collect::<String>()
        }),
        1 => (1usize..8, prop::collection::vec(prop::collection::vec(inline(), 0..9), 0..5)).prop_map(|(cols, rows)| {
            let row = |cells: &[String]| format!("| {} |\n", cells.iter().map(|c| c.replace('|', "\\|")).collect::<Vec<_>>().join(" | "));
            let header: Vec<String> = (0..cols).map(|i| format!("h{i}")).collect();
            let mut t = row(&header);
            t.push_str(&format!("|{}\n", ":---|".repeat(cols)));
            for r in &rows {
                t.push_str(&row(r));
            }
            t
        }),
        1 => inline().prop_map(|t| format!("<div>\n{t}\n</div>\n")),
        1 => prop::sample::select(vec!["---\n", "***\n", "___\n", "\n", "\n\n", "[a]: http://x 'y'\n"]).prop_map(str::to_owned),
        1 => inline().prop_map(|t| format!("[^1]: {t}\n")),
    ];
    leaf.prop_recursive(6, 64, 5, |inner| {
        let blocks = prop::collection::vec(inner, 1..4).prop_map(|v| v.join("\n"));
        prop_oneof![
            2 => blocks.clone().prop_map(|b| b.lines().map(|l| format!("> {l}\n")).collect::<String>()),
            1 => (prop::sample::select(vec!["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION", "BOGUS"]), blocks.clone())
                .prop_map(|(k, b)| format!("> [!{k}]\n{}", b.lines().map(|l| format!("> {l}\n")).collect::<String>())),
            3 => (prop::sample::select(vec!["- ", "* ", "+ ", "1. ", "2) ", "- [ ] ", "- [x] ", "10. "]), blocks.clone(), any::<bool>())
                .prop_map(|(marker, b, loose)| {
                    let pad = " ".repeat(marker.chars().count());
                    let mut out = String::new();
                    for (i, l) in b.lines().enumerate() {
                        out.push_str(if i == 0 { marker } else { &pad });
                        out.push_str(l);
                        out.push('\n');
                    }
                    if loose { out.push('\n'); }
                    out
                }),
            1 => prop::collection::vec(blocks.clone(), 1..3).prop_map(|v| v.concat()),
        ]
    })
    .prop_map(|s| s.chars().take(6_000).collect())
}

/// A lesson file: valid front matter, edited now and then, then a body.
pub fn lesson_doc() -> impl Strategy<Value = Vec<u8>> {
    let front = (text(), text(), 0u32..100, prop::option::of(0u32..60), prop::option::of(distinct(0..3))).prop_map(
        |(title, module, order, minutes, topics)| {
            let mut f = vec![
                ("id".to_owned(), "\"a\"".to_owned()),
                ("title".into(), common::toml_str(&format!("T{title}"))),
                ("module".into(), common::toml_str(&format!("M{module}"))),
                ("order".into(), order.to_string()),
            ];
            if let Some(m) = minutes {
                f.push(("minutes".into(), m.to_string()));
            }
            if let Some(t) = topics {
                let ids: Vec<String> = t.iter().enumerate().map(|(i, _)| format!("topic-{i}")).collect();
                f.push(("topics".into(), list(&ids)));
            }
            vec![Table { header: String::new(), fields: f }]
        },
    );
    (
        prop::sample::select(vec!["+++\n", "+++\n", "+++\n", "+++\r\n", "\u{feff}+++\n", "---\n", ""]),
        edited(front),
        prop::sample::select(vec!["+++\n", "+++\n", "+++\n", "+++ \n", ""]),
        markdown(),
    )
        .prop_map(|(open, front, close, body)| [open.as_bytes(), &front, close.as_bytes(), body.as_bytes()].concat())
}

/// GIFT: categories, titles, formats, answers of every kind, feedback,
/// weights, escapes, comments, unbalanced braces.
pub fn gift() -> impl Strategy<Value = String> {
    let answer = prop_oneof![
        3 => (prop::sample::select(vec!["=", "~", "~%50%", "~%-100%", "=%100%", "~%33.3%"]), text(), prop::option::of(text()))
            .prop_map(|(m, t, fb)| format!("{m}{}{}", esc_gift(&t), fb.map(|f| format!("#{}", esc_gift(&f))).unwrap_or_default())),
        1 => (text(), text()).prop_map(|(l, r)| format!("={} -> {}", esc_gift(&l), esc_gift(&r))),
        1 => prop::sample::select(vec!["T", "F", "TRUE", "FALSE", "#3:0.5", "#1..5", "#=4:0 =%50%5:1", "####general", "", "{", "}"])
            .prop_map(str::to_owned),
    ];
    let question = (
        prop::option::of(text().prop_map(|t| format!("$CATEGORY: {}\n", t.replace('\n', " ")))),
        prop::option::of(text().prop_map(|t| format!("::{}::", esc_gift(&t)))),
        prop::sample::select(vec!["", "[html]", "[markdown]", "[plain]", "[moodle]"]),
        text(),
        prop::collection::vec(answer, 0..5),
        text(),
        any::<bool>(),
    )
        .prop_map(|(cat, title, fmt, stem, answers, after, open)| {
            format!(
                "{}// comment\n{}{fmt}{} {{\n{}\n{}{}\n\n",
                cat.unwrap_or_default(),
                title.unwrap_or_default(),
                esc_gift(&stem),
                answers.join("\n"),
                if open { "" } else { "}" },
                esc_gift(&after)
            )
        });
    prop::collection::vec(question, 0..6).prop_map(|v| v.concat())
}

pub fn esc_gift(s: &str) -> String {
    s.chars().fold(String::new(), |mut out, c| {
        if "~=#{}".contains(c) {
            out.push('\\');
        }
        out.push(c);
        out
    })
}

pub fn aiken() -> impl Strategy<Value = String> {
    let one_line = || text().prop_map(|t| t.replace(['\n', '\r'], " "));
    // Letters in order with a right answer among them, most of the time.
    let valid = (one_line(), prop::collection::vec(one_line(), 2..6), any::<prop::sample::Index>(), any::<bool>())
        .prop_map(|(stem, options, right, paren)| {
            let letters = ['A', 'B', 'C', 'D', 'E', 'F'];
            let mut q = format!("{stem}?\n");
            for (i, o) in options.iter().enumerate() {
                q.push_str(&format!("{}{} {o}\n", letters[i], if paren { ")" } else { "." }));
            }
            q.push_str(&format!("ANSWER: {}\n\n", letters[right.index(options.len())]));
            q
        });
    let option = (prop::sample::select(vec!["A. ", "B. ", "C) ", "D) ", "E. ", "a. ", "1. "]), one_line())
        .prop_map(|(m, t)| format!("{m}{t}\n"));
    let wild = (
        text(),
        prop::collection::vec(option, 0..6),
        prop::sample::select(vec!["ANSWER: A", "ANSWER: B, C", "ANSWER: Z", "ANSWER:", "", "answer: a"]),
    )
        .prop_map(|(stem, opts, ans)| format!("{stem}\n{}{ans}\n\n", opts.concat()));
    prop::collection::vec(prop_oneof![3 => valid, 1 => wild], 0..6).prop_map(|v| v.concat())
}

pub fn anki() -> impl Strategy<Value = String> {
    let header = prop::sample::select(vec![
        "#separator:tab\n",
        "#separator:comma\n",
        "#separator:semicolon\n",
        "#separator:pipe\n",
        "#separator:Space\n",
        "#html:true\n",
        "#html:false\n",
        "#columns:Front\tBack\tTags\n",
        "#guid column:1\n",
        "#notetype column:2\n",
        "#deck column:3\n",
        "#tags column:9\n",
        "#bogus\n",
    ]);
    let field = prop_oneof![
        4 => text().prop_map(|t| t.replace(['\n', '\t'], " ")),
        1 => text().prop_map(|t| format!("\"{}\"", t.replace('"', "\"\""))),
        1 => prop::sample::select(vec!["{{c1::x}}", "{{c2::y::hint}}", "[sound:a.mp3]", "<img src=a.png>", "<b>b</b>", "&lt;", "\"", "Basic", "Cloze"])
            .prop_map(str::to_owned),
    ];
    let row = (prop::collection::vec(field, 0..6), prop::sample::select(vec!["\t", ",", ";", "|", " "]))
        .prop_map(|(fields, sep)| format!("{}\n", fields.join(sep)));
    (prop::collection::vec(header, 0..4), prop::collection::vec(row, 0..8))
        .prop_map(|(h, r)| format!("{}{}", h.concat(), r.concat()))
}

pub fn mdbook_quiz() -> impl Strategy<Value = String> {
    let question = prop_oneof![
        (text(), distinct(1..4), text()).prop_map(|(p, d, a)| Table {
            header: "[[questions]]".into(),
            fields: vec![
                ("type".into(), "\"MultipleChoice\"".into()),
                ("prompt.prompt".into(), common::toml_str(&format!("p{p}"))),
                ("prompt.distractors".into(), list(&d)),
                ("answer.answer".into(), common::toml_str(&format!("a{a}"))),
            ],
        }),
        (text(), text()).prop_map(|(p, a)| Table {
            header: "[[questions]]".into(),
            fields: vec![
                ("type".into(), "\"ShortAnswer\"".into()),
                ("prompt.prompt".into(), common::toml_str(&format!("p{p}"))),
                ("answer.answer".into(), common::toml_str(&format!("a{a}"))),
            ],
        }),
        (text(), any::<bool>(), text()).prop_map(|(p, c, o)| Table {
            header: "[[questions]]".into(),
            fields: vec![
                ("type".into(), "\"Tracing\"".into()),
                ("prompt.program".into(), common::toml_str(&format!("fn main() {{ {p} }}"))),
                ("answer.doesCompile".into(), c.to_string()),
                ("answer.stdout".into(), common::toml_str(&o)),
            ],
        }),
    ];
    edited(prop::collection::vec(question, 1..5)).prop_map(|b| String::from_utf8_lossy(&b).into_owned())
}

pub fn markdown_bank() -> impl Strategy<Value = String> {
    let item = (prop::sample::select(vec!["- [x] ", "- [ ] ", "- [ ] ", "* [X] ", "1. ", "- "]), inline())
        .prop_map(|(m, t)| format!("{m}{}\n", t.replace(['\n', '\r'], " ")));
    let plain_question = (
        prop::sample::select(vec!["# ", "## ", "### ", ""]),
        inline(),
        prop::collection::vec(item, 0..5).prop_map(|mut items| {
            items.insert(0, "- [x] right\n".to_owned());
            items
        }),
        prop::option::of(inline().prop_map(|t| format!("\n> {t}\n"))),
        prop::option::of(markdown()),
    )
        .prop_map(|(h, stem, items, expl, extra)| {
            format!("{h}{stem}\n\n{}{}\n{}\n", items.concat(), expl.unwrap_or_default(), extra.unwrap_or_default())
        });

    // Some questions inside `<quiz>` blocks (opened right or not quite).
    let open = prop::sample::select(vec!["<quiz>\n", "<quiz>", "<quiz id=x>\n", "<quiz", " <quiz>\n"]);
    let plain_question = plain_question.boxed();
    let wrapped = (plain_question.clone(), open, any::<bool>())
        .prop_map(|(q, open, close)| format!("{open}{q}{}", if close { "</quiz>\n" } else { "" }));
    let question = prop_oneof![2 => plain_question, 1 => wrapped];
    prop::collection::vec(question, 0..5).prop_map(|v| v.concat())
}

/// Lines a learner (or a script) might type at a plain quiz's prompt.
pub fn typed_lines() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        3 => prop::sample::select(vec![
            "?", "1", "2", "3", "9", "0", "-1", "1 2", "1,2", "3 2 1", "1a 2b", "1b 2a", "1z", "true", "false",
            "yes", "T", "again", "hard", "good", "easy", "4", "", " ", "3 seconds", "nan", "inf", "1e309", "y", "n",
            "99999999999999999999999", "1a 1a", "a1", "1 1 1",
        ])
        .prop_map(str::to_owned),
        1 => text().prop_map(|t| t.replace('\n', " ")),
    ];
    prop::collection::vec(line, 0..40).prop_map(|v| v.iter().map(|l| format!("{l}\n")).collect())
}

/// Progress databases: the fixture with bytes changed, cut or added.
pub fn database() -> impl Strategy<Value = Vec<u8>> {
    let edits = prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..4), 1..6);
    (edits, any::<prop::sample::Index>()).prop_map(|(edits, cut)| {
        let mut bytes = fixture_db();
        for (at, byte, op) in edits {
            let i = at.index(bytes.len());
            match op {
                0 | 1 => bytes[i] = byte,
                2 => bytes[i] ^= 0xff,
                _ => bytes.truncate(cut.index(bytes.len()).max(100)),
            }
        }
        bytes
    })
}

pub fn fixture_db() -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/db/v1.sqlite3")).expect("fixture db")
}
