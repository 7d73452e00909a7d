//! Generators of the fuzz targets (TOML-ish packs and scenarios, text, byte mutations), included by
//! `tests/hostile_fuzz.rs`.

#![allow(
    clippy::format_collect,
    clippy::format_push_string,
    clippy::many_single_char_names,
    reason = "generators build small strings once per case; clarity beats allocation here"
)]

use proptest::prelude::*;

use super::common;

/// Text of every awkward kind: words, markup, escapes and controls, wide
/// and combining characters, answer-like values.
pub fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => "[a-zA-Z0-9 ,.?!-]{1,12}",
        1 => prop::sample::select(common::SEQUENCES.to_vec()).prop_map(str::to_owned),
        1 => prop::sample::select(vec![
            "漢字", "👍🏽", "e\u{301}", "\u{200b}", "\u{feff}", "\u{fffd}", "ﷺ", "𝕏", "\u{2028}", "\u{85}",
            "\t", "\n", "\r\n", "  ", "\\", "\"", "'", "\"\"\"", "'''", "#", "=", "[", "]", "{", "}", ",",
            "*", "_", "`", "|", "<b>", "&#27;", "&#x9b;", "&amp;", "%", "~", "::", "->",
        ])
        .prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|v| v.concat())
}

/// `s` as a TOML string of one of its four kinds (some invalid for `s`).
pub fn toml_string(s: &str, kind: u8) -> String {
    match kind % 5 {
        0 | 1 => common::toml_str(s),
        2 => format!("'{s}'"),
        3 => format!("\"\"\"\n{s}\"\"\""),
        _ => format!("'''{s}'''"),
    }
}

pub fn toml_scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (text(), any::<u8>()).prop_map(|(t, k)| toml_string(&t, k)),
        1 => prop::sample::select(vec!["true", "false"]).prop_map(str::to_owned),
        2 => any::<i64>().prop_map(|n| n.to_string()),
        1 => any::<f64>().prop_map(|f| format!("{f:?}")),
        2 => prop::sample::select(vec![
            "0", "-0", "+1", "1", "2", "3", "5", "10", "100", "1000", "0x7f", "0o17", "0b101", "1_000",
            "99999999999999999999999", "-9223372036854775808", "nan", "+inf", "-inf", "1e308", "1e309", "-1e-400",
            "1.5", "0.5", "-1", "-3.5", "1979-05-27T07:32:00Z", "07:32:00", "1e", "--1", "0.", ".5",
        ])
        .prop_map(str::to_owned),
    ]
}

/// A TOML value: scalars, and arrays and inline tables nested a few deep.
pub fn toml_value() -> impl Strategy<Value = String> {
    toml_scalar().prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            3 => prop::collection::vec(inner.clone(), 0..6).prop_map(|v| format!("[{}]", v.join(", "))),
            1 => prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[\n  {},\n]", v.join(",\n  "))),
            2 => prop::collection::vec((key(), inner), 0..5).prop_map(|kv| {
                let parts: Vec<String> = kv.into_iter().map(|(k, v)| format!("{k} = {v}")).collect();
                format!("{{ {} }}", parts.join(", "))
            }),
        ]
    })
}

/// The keys the loaders know, from the loaders themselves: a key added to
/// a format is fuzzed the day it is added.
pub fn pack_keys() -> Vec<&'static str> {
    let keys = lambda_tutor::quiz::parse::all_keys();
    assert!(keys.len() > 20 && keys.contains(&"tolerance_pct"), "{keys:?}");
    keys
}

pub fn scenario_keys() -> Vec<&'static str> {
    let keys = lambda_tutor::sim::scenario::all_keys();
    assert!(keys.len() > 40 && keys.contains(&"max_retry_attempts"), "{keys:?}");
    keys
}

pub fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(pack_keys()).prop_map(str::to_owned),
        8 => prop::sample::select(scenario_keys()).prop_map(str::to_owned),
        1 => prop::sample::select(vec!["anwser", "a.b", "\"quoted key\"", "'lit'", "é", "\"\"", "1", "a-b_c", "\"a.b\""])
            .prop_map(str::to_owned),
        1 => "[a-z_]{1,10}",
    ]
}

/// A value shaped for its key most of the time, anything at all otherwise.
pub fn value_for(key: &str) -> BoxedStrategy<String> {
    let s = |v: &'static [&'static str]| prop::sample::select(v.to_vec()).prop_map(str::to_owned).boxed();
    let texts = |n: usize| {
        prop::collection::vec(text(), 0..n)
            .prop_map(|v| format!("[{}]", v.iter().map(|t| common::toml_str(t)).collect::<Vec<_>>().join(", ")))
    };
    let shaped: BoxedStrategy<String> = match key {
        "format" => s(&["1", "1", "2", "0", "\"1\"", "1.0"]),
        "type" => s(&[
            "\"single\"",
            "\"multiple\"",
            "\"true-false\"",
            "\"short\"",
            "\"numeric\"",
            "\"order\"",
            "\"match\"",
            "\"card\"",
            "\"predict\"",
            "\"essay\"",
        ]),
        "id" | "topic" | "lesson" | "scenario" => s(&["\"a\"", "\"b\"", "\"q-1\"", "\"Bad Id\"", "\"\"", "\"x\""]),
        "choices" | "items" | "accept" | "hints" | "tags" | "authors" => texts(6).boxed(),
        "pairs" => prop::collection::vec((text(), text()), 0..5)
            .prop_map(|v| {
                let p: Vec<String> =
                    v.iter().map(|(l, r)| format!("[{}, {}]", common::toml_str(l), common::toml_str(r))).collect();
                format!("[{}]", p.join(", "))
            })
            .boxed(),
        "metric" => s(&["\"cold_starts\"", "\"latency_ms.p99\"", "\"nope\"", "\"invocations.total\""]),
        "kind" => s(&[
            "\"api-gateway\"",
            "\"alb\"",
            "\"s3\"",
            "\"sns\"",
            "\"eventbridge\"",
            "\"schedule\"",
            "\"sqs\"",
            "\"dynamodb-stream\"",
            "\"kinesis\"",
            "\"ftp\"",
        ]),
        "process" => s(&["\"poisson\"", "\"constant\"", "\"burst\"", "\"step\"", "\"schedule\"", "\"trace\"", "\"x\""]),
        "dist" => s(&["\"fixed\"", "\"lognormal\"", "\"exponential\"", "\"uniform\""]),
        "runtime" => s(&["\"python3.12\"", "\"nodejs22.x\"", "\"java21\"", "\"provided.al2023\"", "\"cobol\""]),
        "architecture" => s(&["\"x86_64\"", "\"arm64\"", "\"mips\""]),
        "on_failure" => s(&["\"dlq\"", "\"none\"", "\"destination\"", "\"x\""]),
        "file" => s(&["\"trace.txt\"", "\"missing.txt\"", "\"/dev/zero\"", "\"\""]),
        "arrival" | "handler_ms" | "init_ms" => arrival_or_dist().boxed(),
        "steps" | "times_s" => prop::collection::vec((toml_scalar(), toml_scalar()), 0..5)
            .prop_map(|v| format!("[{}]", v.iter().map(|(a, b)| format!("[{a}, {b}]")).collect::<Vec<_>>().join(", ")))
            .boxed(),
        _ => toml_scalar().boxed(),
    };
    prop_oneof![4 => shaped, 1 => toml_value()].boxed()
}

pub fn arrival_or_dist() -> impl Strategy<Value = String> {
    let field = prop::sample::select(vec![
        "process",
        "rate_per_s",
        "count",
        "at_s",
        "over_s",
        "steps",
        "poisson",
        "every_s",
        "file",
        "dist",
        "mean",
        "p99",
        "value",
    ]);
    prop::collection::vec(field.prop_flat_map(|k| value_for(k).prop_map(move |v| format!("{k} = {v}"))), 0..5)
        .prop_map(|parts| format!("{{ {} }}", parts.join(", ")))
}

/// Byte-level damage now and then: insert, delete, duplicate, truncate.
pub fn mutate(text: String) -> impl Strategy<Value = Vec<u8>> {
    let edits = prop::collection::vec((any::<u8>(), any::<prop::sample::Index>(), any::<u8>()), 0..4);
    (any::<u8>(), edits).prop_map(move |(chance, edits)| {
        let mut bytes = text.clone().into_bytes();
        if chance < 180 || bytes.is_empty() {
            return bytes;
        }
        for (op, at, byte) in edits {
            let i = at.index(bytes.len() + 1);
            match op % 5 {
                0 => bytes.insert(i, byte),
                1 if i < bytes.len() => {
                    bytes.remove(i);
                }
                2 => {
                    let end = (i + usize::from(byte)).min(bytes.len());
                    let copy = bytes[i..end].to_vec();
                    bytes.splice(i..i, copy);
                }
                3 => bytes.truncate(i),
                _ => {
                    bytes.splice(i..i, b"\"[{\n".iter().copied());
                }
            }
        }
        bytes
    })
}

/// A TOML table as fields (key, value as TOML) under a header (`[pack]`,
/// `[[questions]]`, or none for the top of the file).
#[derive(Debug, Clone)]
pub struct Table {
    pub header: String,
    pub fields: Vec<(String, String)>,
}

pub fn render(tables: &[Table]) -> String {
    let mut out = String::new();
    for t in tables {
        if !t.header.is_empty() {
            out.push('\n');
            out.push_str(&t.header);
            out.push('\n');
        }
        for (k, v) in &t.fields {
            out.push_str(k);
            out.push_str(" = ");
            out.push_str(v);
            out.push('\n');
        }
    }
    out
}

/// One structural edit of a valid document: a field dropped, its value
/// replaced by any TOML value, an unknown or misspelt key added, a table
/// duplicated or dropped.
#[derive(Debug, Clone)]
pub enum Edit {
    Drop(prop::sample::Index, prop::sample::Index),
    Replace(prop::sample::Index, prop::sample::Index, String),
    Add(prop::sample::Index, String, String),
    Misspell(prop::sample::Index, prop::sample::Index),
    DuplicateTable(prop::sample::Index),
    DropTable(prop::sample::Index),
}

pub fn edit() -> impl Strategy<Value = Edit> {
    let i = any::<prop::sample::Index>;
    prop_oneof![
        2 => (i(), i()).prop_map(|(t, f)| Edit::Drop(t, f)),
        4 => (i(), i(), toml_value()).prop_map(|(t, f, v)| Edit::Replace(t, f, v)),
        2 => (i(), key().prop_flat_map(|k| value_for(&k).prop_map(move |v| (k.clone(), v))))
            .prop_map(|(t, (k, v))| Edit::Add(t, k, v)),
        1 => (i(), i()).prop_map(|(t, f)| Edit::Misspell(t, f)),
        1 => i().prop_map(Edit::DuplicateTable),
        1 => i().prop_map(Edit::DropTable),
    ]
}

pub fn apply(tables: &mut Vec<Table>, edit: Edit) {
    if tables.is_empty() {
        return;
    }
    let n = tables.len();
    match edit {
        Edit::Drop(t, f) => {
            let t = &mut tables[t.index(n)];
            if !t.fields.is_empty() {
                t.fields.remove(f.index(t.fields.len()));
            }
        }
        Edit::Replace(t, f, v) => {
            let t = &mut tables[t.index(n)];
            if !t.fields.is_empty() {
                let i = f.index(t.fields.len());
                t.fields[i].1 = v;
            }
        }
        Edit::Add(t, k, v) => {
            let t = &mut tables[t.index(n)];
            // A key twice is a TOML error every time: replace instead.
            match t.fields.iter_mut().find(|(key, _)| *key == k) {
                Some(field) => field.1 = v,
                None => t.fields.push((k, v)),
            }
        }
        Edit::Misspell(t, f) => {
            let t = &mut tables[t.index(n)];
            if !t.fields.is_empty() {
                let i = f.index(t.fields.len());
                let mut key = t.fields[i].0.clone();
                let middle = key.char_indices().nth(key.chars().count() / 2).map_or(key.len(), |(at, _)| at);
                key.insert(middle, 'x');
                if !t.fields.iter().any(|(k, _)| *k == key) {
                    t.fields[i].0 = key;
                }
            }
        }
        Edit::DuplicateTable(t) => {
            let copy = tables[t.index(n)].clone();
            if copy.header.starts_with("[[") {
                tables.push(copy);
            }
        }
        Edit::DropTable(t) => {
            tables.remove(t.index(n));
        }
    }
}

/// Valid tables, then a few structural edits (none half the time), then
/// now and then byte-level damage.
pub fn edited(tables: impl Strategy<Value = Vec<Table>>) -> impl Strategy<Value = Vec<u8>> {
    (tables, any::<bool>(), prop::collection::vec(edit(), 0..4), any::<bool>())
        .prop_map(|(mut tables, clean, edits, crlf)| {
            if !clean {
                for e in edits {
                    apply(&mut tables, e);
                }
            }
            let text = render(&tables);
            if crlf { text.replace('\n', "\r\n") } else { text }
        })
        .prop_flat_map(mutate)
}

/// `n` distinct non-empty texts (a number in front keeps them apart).
pub fn distinct(range: std::ops::Range<usize>) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), range)
        .prop_map(|v| v.into_iter().enumerate().map(|(i, t)| format!("{i} {t}")).collect())
}

pub fn list(items: &[String]) -> String {
    format!("[{}]", items.iter().map(|t| common::toml_str(t)).collect::<Vec<_>>().join(", "))
}

/// A valid question of any type: its type's fields, optional ones now
/// and then.
pub fn question() -> impl Strategy<Value = Table> {
    let kind = prop_oneof![
        (distinct(2..6), any::<prop::sample::Index>(), prop::option::of(text())).prop_map(|(c, i, fb)| {
            let answer = c[i.index(c.len())].clone();
            let mut f = vec![("choices".into(), list(&c)), ("answer".into(), common::toml_str(&answer))];
            if let (Some(fb), Some(wrong)) = (fb, c.iter().find(|x| **x != answer)) {
                let fb = format!("f{fb}");
                f.push(("feedback".into(), format!("{{ {} = {} }}", common::toml_str(wrong), common::toml_str(&fb))));
            }
            ("single", f)
        }),
        (distinct(2..6), prop::collection::vec(any::<bool>(), 6)).prop_map(|(c, pick)| {
            let mut right: Vec<String> = c.iter().zip(&pick).filter(|(_, p)| **p).map(|(x, _)| x.clone()).collect();
            if right.is_empty() {
                right.push(c[0].clone());
            }
            ("multiple", vec![("choices".into(), list(&c)), ("answer".into(), list(&right))])
        }),
        any::<bool>().prop_map(|b| ("true-false", vec![("answer".into(), b.to_string())])),
        (text(), distinct(0..3)).prop_map(|(a, acc)| {
            let mut f = vec![("answer".into(), common::toml_str(&format!("a{a}")))];
            if !acc.is_empty() {
                f.push(("accept".into(), list(&acc)));
            }
            ("short", f)
        }),
        (-1e12f64..1e12, 0f64..100.0, prop::option::of(text())).prop_map(|(a, t, u)| {
            let mut f = vec![("answer".into(), format!("{a:?}")), ("tolerance".into(), format!("{t:?}"))];
            if let Some(u) = u {
                f.push(("unit".into(), common::toml_str(&format!("u{u}"))));
            }
            ("numeric", f)
        }),
        distinct(2..6).prop_map(|items| ("order", vec![("items".into(), list(&items))])),
        (distinct(2..5), distinct(2..5)).prop_map(|(l, r)| {
            let pairs: Vec<String> =
                l.iter().zip(&r).map(|(a, b)| format!("[{}, {}]", common::toml_str(a), common::toml_str(b))).collect();
            ("match", vec![("pairs".into(), format!("[{}]", pairs.join(", ")))])
        }),
        text().prop_map(|a| ("card", vec![("answer".into(), common::toml_str(&format!("a{a}")))])),
        (
            prop::sample::select(vec!["api-flash-crowd", "keep-alive-cliff", "sqs-backlog", "default-timeout"]),
            prop::sample::select(vec!["cold_starts", "invocations.throttled", "latency_ms.p99", "cost_usd.total"]),
        )
            .prop_map(|(sc, m)| {
                ("predict", vec![("scenario".into(), common::toml_str(sc)), ("metric".into(), common::toml_str(m))])
            }),
    ];
    (
        kind,
        prop::sample::select(vec!["t", "limits", "cold-starts", "a-b"]),
        text(),
        text(),
        prop::option::of(distinct(1..3)),
        prop::option::of(1u8..4),
        prop::option::of(any::<bool>()),
        prop::option::of(distinct(1..3)),
    )
        .prop_map(|((kind, fields), topic, prompt, explanation, hints, difficulty, shuffle, tags)| {
            let shuffle = shuffle.filter(|_| matches!(kind, "single" | "multiple" | "match"));
            let mut f: Vec<(String, String)> = vec![
                ("type".into(), common::toml_str(kind)),
                ("topic".into(), common::toml_str(topic)),
                ("prompt".into(), common::toml_str(&format!("p{prompt}"))),
                ("explanation".into(), common::toml_str(&format!("Because {explanation}"))),
            ];
            f.extend(fields);
            if let Some(h) = hints {
                f.push(("hints".into(), list(&h)));
            }
            if let Some(d) = difficulty {
                f.push(("difficulty".into(), d.to_string()));
            }
            if let Some(s) = shuffle {
                f.push(("shuffle".into(), s.to_string()));
            }
            if let Some(t) = tags {
                let tags: Vec<String> = t.iter().enumerate().map(|(i, _)| format!("tag-{i}")).collect();
                f.push(("tags".into(), list(&tags)));
            }
            Table { header: "[[questions]]".into(), fields: f }
        })
}

/// A pack file: valid by construction, then edited (see [`edited`]).
pub fn pack_doc() -> impl Strategy<Value = Vec<u8>> {
    let meta = (text(), text(), prop::option::of(text()), prop::option::of(distinct(1..3))).prop_map(|(t, v, d, a)| {
        let mut f = vec![
            ("id".to_owned(), "\"p\"".to_owned()),
            ("title".into(), common::toml_str(&format!("T{t}"))),
            ("version".into(), common::toml_str(&format!("1{v}"))),
        ];
        if let Some(d) = d {
            f.push(("description".into(), common::toml_str(&d)));
        }
        if let Some(a) = a {
            f.push(("authors".into(), list(&a)));
        }
        Table { header: "[pack]".into(), fields: f }
    });
    let tables = (meta, prop::collection::vec(question(), 1..8)).prop_map(|(meta, questions)| {
        let mut tables = vec![Table { header: String::new(), fields: vec![("format".into(), "1".into())] }, meta];
        for (i, mut q) in questions.into_iter().enumerate() {
            q.fields.insert(0, ("id".into(), format!("\"q{i}\"")));
            tables.push(q);
        }
        tables
    });
    edited(tables)
}

/// An arrival process valid for a short run (a few thousand events).
pub fn arrival() -> impl Strategy<Value = String> {
    prop_oneof![
        (0.1f64..200.0).prop_map(|r| format!("{{ process = \"poisson\", rate_per_s = {r:?} }}")),
        (0.1f64..200.0).prop_map(|r| format!("{{ process = \"constant\", rate_per_s = {r:?} }}")),
        (1u32..3_000, 0f64..10.0, 0f64..5.0).prop_map(|(c, at, over)| format!(
            "{{ process = \"burst\", count = {c}, at_s = {at:?}, over_s = {over:?} }}"
        )),
        (prop::collection::vec((0f64..10.0, 0f64..100.0), 1..4), any::<bool>()).prop_map(|(steps, poisson)| {
            // Step times increase: each is a gap after the one before.
            let mut t = 0.0;
            let s: Vec<String> = steps
                .iter()
                .map(|(gap, r)| {
                    t += gap + 0.001;
                    format!("[{t:?}, {r:?}]")
                })
                .collect();
            format!("{{ process = \"step\", steps = [{}], poisson = {poisson} }}", s.join(", "))
        }),
        (0.5f64..20.0).prop_map(|e| format!("{{ process = \"schedule\", every_s = {e:?} }}")),
        prop::collection::vec(0f64..30.0, 0..20).prop_map(|t| {
            format!(
                "{{ process = \"trace\", times_s = [{}] }}",
                t.iter().map(|x| format!("{x:?}")).collect::<Vec<_>>().join(", ")
            )
        }),
        Just("{ process = \"trace\", file = \"trace.txt\" }".to_owned()),
    ]
}

pub fn dist() -> impl Strategy<Value = String> {
    prop_oneof![
        (0f64..3_000.0).prop_map(|v| format!("{{ dist = \"fixed\", value = {v:?} }}")),
        (1f64..2_000.0, 1.5f64..5.0)
            .prop_map(|(m, k)| format!("{{ dist = \"lognormal\", mean = {m:?}, p99 = {:?} }}", m * k)),
        (1f64..2_000.0).prop_map(|m| format!("{{ dist = \"exponential\", mean = {m:?} }}")),
    ]
}

/// A source of any kind with its own settings in range.
pub fn source() -> impl Strategy<Value = Table> {
    let kind = prop::sample::select(vec![
        "api-gateway",
        "alb",
        "s3",
        "sns",
        "eventbridge",
        "schedule",
        "sqs",
        "dynamodb-stream",
        "kinesis",
    ]);
    (kind, arrival(), 1u32..20, any::<bool>(), 0u32..3, 0f64..0.2).prop_map(
        |(kind, arrival, n, flag, retries, poison)| {
            let mut f = vec![("kind".to_owned(), format!("\"{kind}\"")), ("arrival".into(), arrival)];
            match kind {
                "sqs" => {
                    f.push(("batch_size".into(), (n % 10 + 1).to_string()));
                    f.push(("visibility_timeout_s".into(), "60".into()));
                    f.push(("max_receive_count".into(), (retries + 1).to_string()));
                    f.push(("report_batch_item_failures".into(), flag.to_string()));
                }
                "dynamodb-stream" | "kinesis" => {
                    f.push(("shards".into(), (n % 4 + 1).to_string()));
                    f.push(("max_retry_attempts".into(), retries.to_string()));
                    f.push(("bisect_on_error".into(), flag.to_string()));
                }
                "api-gateway" | "alb" => {}
                _ => {
                    f.push(("max_retry_attempts".into(), retries.to_string()));
                    f.push(("on_failure".into(), if flag { "\"dlq\"" } else { "\"none\"" }.into()));
                }
            }
            f.push(("poison_rate".into(), format!("{poison:?}")));
            Table { header: "[[sources]]".into(), fields: f }
        },
    )
}

/// A scenario file: valid by construction, then edited.
pub fn scenario_doc() -> impl Strategy<Value = Vec<u8>> {
    let scenario = (text(), 0.5f64..30.0, any::<u32>()).prop_map(|(t, d, seed)| Table {
        header: "[scenario]".into(),
        fields: vec![
            ("id".into(), "\"s\"".into()),
            ("title".into(), common::toml_str(&format!("T{t}"))),
            ("description".into(), common::toml_str(&t)),
            ("duration_s".into(), format!("{d:?}")),
            ("seed".into(), seed.to_string()),
        ],
    });
    let function = (
        prop::sample::select(vec!["python3.12", "nodejs22.x", "java21", "dotnet8", "ruby3.4", "provided.al2023"]),
        128u32..10_240,
        1u32..30,
        dist(),
        prop::option::of(dist()),
        0f64..1.0,
        any::<bool>(),
        prop::option::of(0u32..50),
        0u32..5,
    )
        .prop_map(|(runtime, memory, timeout, handler, init, errors, cpu, reserved, provisioned)| {
            let mut f = vec![
                ("runtime".to_owned(), format!("\"{runtime}\"")),
                ("memory_mb".into(), memory.to_string()),
                ("timeout_s".into(), timeout.to_string()),
                ("handler_ms".into(), handler),
                ("error_rate".into(), format!("{errors:?}")),
                ("cpu_bound".into(), cpu.to_string()),
                ("provisioned_concurrency".into(), provisioned.to_string()),
            ];
            if let Some(init) = init {
                f.push(("init_ms".into(), init));
            }
            if let Some(r) = reserved {
                f.push(("reserved_concurrency".into(), r.max(provisioned).to_string()));
            }
            Table { header: "[function]".into(), fields: f }
        });
    let account = (200u32..3_000, 1u32..3_000, 0u32..900).prop_map(|(limit, scale, idle)| Table {
        header: "[account]".into(),
        fields: vec![
            ("concurrency_limit".into(), limit.to_string()),
            ("scale_per_10s".into(), scale.to_string()),
            ("idle_expiry_s".into(), idle.to_string()),
        ],
    });
    let billing = any::<bool>()
        .prop_map(|b| Table { header: "[billing]".into(), fields: vec![("free_tier".into(), b.to_string())] });
    let tables = (scenario, function, account, prop::collection::vec(source(), 1..4), billing).prop_map(
        |(s, f, a, sources, b)| {
            let mut tables =
                vec![Table { header: String::new(), fields: vec![("format".into(), "1".into())] }, s, f, a];
            tables.extend(sources);
            tables.push(b);
            tables
        },
    );
    edited(tables)
}

/// `--set` overrides: known dotted paths (sources by index too) and noise.
pub fn set_override() -> impl Strategy<Value = String> {
    let path = prop_oneof![
        4 => (prop::sample::select(vec!["scenario", "function", "account", "billing"]), prop::sample::select(scenario_keys()))
            .prop_map(|(t, k)| format!("{t}.{k}")),
        2 => (0usize..4, prop::sample::select(scenario_keys())).prop_map(|(i, k)| format!("sources.{i}.{k}")),
        1 => (0usize..3, prop::sample::select(vec!["process", "rate_per_s", "count", "mean"]))
            .prop_map(|(i, k)| format!("sources.{i}.arrival.{k}")),
        1 => "[a-z.0-9-]{0,20}",
    ];
    (path, prop_oneof![3 => toml_value(), 1 => text()]).prop_map(|(p, v)| format!("{p}={v}"))
}
