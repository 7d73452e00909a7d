//! The class report as an 80-column table, and as CSV.
//!
//! Each question takes a figures line, then indented lines for its title,
//! its flags in words and its choices' pick rates, so nothing needs a wider
//! terminal. Every string from the exports is sanitised.

use std::fmt::Write as _;

use crate::study::report::{QuestionReport, Report};
use crate::text::{sanitize, width};

/// The table's width; every line fits it.
pub const WIDTH: usize = 80;
const KEY_WIDTH: usize = 30;

/// `s` cut to `max` columns, with `…` where it was cut.
fn fit(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_owned();
    }
    let mut out = String::new();
    for c in s.chars() {
        if width(&out) + width(c.encode_utf8(&mut [0; 4])) + 1 > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

fn pad(s: &str, columns: usize) -> String {
    format!("{s}{}", " ".repeat(columns.saturating_sub(width(s))))
}

fn percent(p: f64) -> String {
    format!("{:.0}%", p * 100.0)
}

fn seconds(s: f64) -> String {
    if s < 60.0 { format!("{s:.0} s") } else { format!("{}:{:02}", (s / 60.0) as u64, (s % 60.0) as u64) }
}

fn duration(s: f64) -> String {
    let s = s.round() as u64;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// Words laid out after `indent` spaces, wrapped at [`WIDTH`].
fn wrap(out: &mut String, indent: usize, items: &[String], separator: &str) {
    let mut line = " ".repeat(indent);
    let mut first = true;
    for item in items {
        let item = fit(item, WIDTH - indent);
        let extra = if first { 0 } else { width(separator) };
        if !first && width(&line) + extra + width(&item) > WIDTH {
            let _ = writeln!(out, "{}", line.trim_end());
            line = " ".repeat(indent);
            first = true;
        }
        if !first {
            line.push_str(separator);
        }
        line.push_str(&item);
        first = false;
    }
    if !first {
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

fn question(out: &mut String, q: &QuestionReport) {
    let mut mark = if q.flags.is_empty() { ' ' } else { '!' };
    let mut key = sanitize(&format!("{}/{}", q.pack, q.id)).into_owned();
    if width(&key) > KEY_WIDTH {
        // Cut to the column, ids that share a beginning (`layer-size`,
        // `layer-limit`) would read the same: the whole key takes a line.
        let _ = writeln!(out, "{mark} {}", fit(&key, WIDTH - 2));
        mark = ' ';
        key = String::new();
    }
    let discrimination = q.discrimination.map_or_else(|| "–".to_owned(), |d| format!("{d:+.2}"));
    let _ = writeln!(
        out,
        "{mark} {} {:>8} {:>6} {:>6} {:>6} {:>6} {:>5}",
        pad(&key, KEY_WIDTH),
        q.learners,
        q.attempts,
        format!("{:.2}", q.facility),
        discrimination,
        seconds(q.median_seconds),
        q.hints
    );
    if !q.title.is_empty() {
        let _ = writeln!(out, "    {}", fit(&sanitize(&q.title), WIDTH - 4));
    }
    if !q.flags.is_empty() {
        let words: Vec<String> = q.flags.iter().map(|f| f.words().to_owned()).collect();
        wrap(out, 4, &words, ", ");
    }
    if !q.choices.is_empty() {
        let choices: Vec<String> = q
            .choices
            .iter()
            .map(|c| format!("{} {}{}", fit(&sanitize(&c.text), 28), percent(c.rate), if c.right { " ✓" } else { "" }))
            .collect();
        wrap(out, 6, &choices, " · ");
    }
}

/// The whole report as text. `header` is the first line (what was read).
pub fn render_text(report: &Report, header: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", fit(header, WIDTH));
    if report.questions.is_empty() {
        out.push_str("No answers to report on.\n");
        return out;
    }
    let flagged = report.questions.iter().filter(|q| !q.flags.is_empty()).count();
    let _ = writeln!(out, "\nQuestions: {} ({flagged} flagged), most serious first", report.questions.len());
    let _ = writeln!(
        out,
        "  {} {:>8} {:>6} {:>6} {:>6} {:>6} {:>5}",
        pad("pack/question", KEY_WIDTH),
        "learners",
        "tries",
        "facil.",
        "discr.",
        "median",
        "hints"
    );
    for q in &report.questions {
        question(&mut out, q);
    }

    let _ = writeln!(out, "\nLearners: {}, lowest score first", report.learners.len());
    let _ = writeln!(
        out,
        "  {} {:>9} {:>6} {:>6} {:>8}  weakest topics",
        pad("learner", 20),
        "questions",
        "tries",
        "score",
        "time"
    );
    for l in &report.learners {
        let line = format!(
            "  {} {:>9} {:>6} {:>6} {:>8}  {}",
            pad(&fit(&sanitize(&l.learner), 20), 20),
            l.questions,
            l.attempts,
            percent(l.score),
            duration(l.seconds),
            sanitize(&l.weakest_topics.join(", "))
        );
        let _ = writeln!(out, "{}", fit(line.trim_end(), WIDTH));
    }

    let _ = writeln!(out, "\nTopics: {}, lowest facility first", report.topics.len());
    let _ =
        writeln!(out, "  {} {:>10} {:>9} {:>7} {:>9}", pad("topic", 36), "questions", "learners", "tries", "facility");
    for t in &report.topics {
        let _ = writeln!(
            out,
            "  {} {:>10} {:>9} {:>7} {:>9}",
            pad(&fit(&sanitize(&t.topic), 36), 36),
            t.questions,
            t.learners,
            t.attempts,
            format!("{:.2}", t.facility)
        );
    }
    out.push_str("\nfacil.: share of learners right at their first try  ✓: a right choice\n");
    out.push_str("discr.: facil. of the top 27% of learners minus that of the bottom 27%\n");
    out
}

/// The CSV columns of `report --csv`: one row per question.
pub const CSV_COLUMNS: [&str; 13] = [
    "pack",
    "id",
    "title",
    "topic",
    "pack_version",
    "learners",
    "attempts",
    "facility",
    "discrimination",
    "median_seconds",
    "hints",
    "flags",
    "choices",
];

/// One row per question, in the table's order. `flags` are separated by
/// spaces; `choices` read `text=rate` (rate from 0 to 1, `*` marks a right
/// choice), separated by ` | `.
pub fn render_csv(report: &Report) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_COLUMNS)?;
    for q in &report.questions {
        let flags: Vec<String> = q
            .flags
            .iter()
            .map(|f| serde_json::to_value(f).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default())
            .collect();
        let choices: Vec<String> =
            q.choices.iter().map(|c| format!("{}{}={:.3}", if c.right { "*" } else { "" }, c.text, c.rate)).collect();
        w.write_record([
            q.pack.clone(),
            q.id.clone(),
            q.title.clone(),
            q.topic.clone(),
            q.pack_version.clone(),
            q.learners.to_string(),
            q.attempts.to_string(),
            format!("{:.4}", q.facility),
            q.discrimination.map(|d| format!("{d:.4}")).unwrap_or_default(),
            format!("{:.1}", q.median_seconds),
            q.hints.to_string(),
            flags.join(" "),
            choices.join(" | "),
        ])?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::study::report::Flag;

    fn question(pack: &str, id: &str, flags: Vec<Flag>) -> QuestionReport {
        QuestionReport {
            pack: pack.into(),
            id: id.into(),
            title: String::new(),
            topic: "t".into(),
            pack_version: "1.0.0".into(),
            learners: 12,
            attempts: 15,
            facility: 0.25,
            discrimination: Some(0.5),
            median_seconds: 7.0,
            hints: 0,
            choices: Vec::new(),
            flags,
        }
    }

    #[test]
    fn long_keys_are_written_whole_on_a_line_of_their_own() {
        let report = Report {
            questions: vec![
                question("lambda-basics", "components-layer-limit", vec![Flag::TooHard]),
                question("lambda-basics", "components-layer-size", vec![]),
                question("p", "short", vec![]),
            ],
            ..Report::default()
        };
        let text = render_text(&report, "Class report");
        let lines: Vec<&str> = text.lines().collect();
        let at = |needle: &str| lines.iter().position(|l| l.contains(needle)).expect(needle);
        let limit = at("lambda-basics/components-layer-limit");
        assert_eq!(lines[limit], "! lambda-basics/components-layer-limit");
        let figures = lines[limit + 1];
        assert!(figures.starts_with(&" ".repeat(KEY_WIDTH + 2)), "{text}");
        assert!(figures.trim_start().starts_with("12     15   0.25"), "{text}");
        assert_eq!(lines[at("lambda-basics/components-layer-size")], "  lambda-basics/components-layer-size");
        assert!(lines[at("p/short")].starts_with("  p/short                              12"), "{text}");
        assert!(lines.iter().all(|l| width(l) <= WIDTH), "{text}");
    }
}
