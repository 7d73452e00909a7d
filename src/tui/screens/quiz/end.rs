//! The end of a quiz, review or drill: the score, accuracy per topic, the
//! questions missed (a quiz offers to retry them), and for a drill the time
//! per question and the trend against earlier drills.

use std::fmt::Write as _;

use ratatui::text::{Line, Span};

use super::{End, EndReason, QuizScreen};
use crate::markdown::one_line_title;
use crate::practice::drill::{clock_text, trend_sentence};
use crate::practice::next::Step;
use crate::quiz::session::percent;
use crate::tui::strings;
use crate::tui::theme::Theme;
use crate::tui::widgets::{pad, progress_bar, truncate};

/// Width of the accuracy bars.
const BAR: usize = 10;

pub(super) fn lines(screen: &QuizScreen, end: &End, theme: &Theme, width: usize, out: &mut Vec<Line<'static>>) {
    let score = screen.session.score();
    let records = screen.session.records();
    let report = end.report.as_ref();
    let total_seconds: f64 = records.iter().map(|r| r.seconds).sum();
    let mut headline = strings::score_line(score.correct, score.total, score.percent());
    if screen.practice.is_drill() && !records.is_empty() {
        // The drill's length on the wall clock, not the sum of answer times.
        let length = end.elapsed.unwrap_or_else(|| std::time::Duration::from_secs_f64(total_seconds.max(0.0)));
        let _ = write!(
            headline,
            " · {} · {}",
            clock_text(length),
            strings::per_question(total_seconds / records.len() as f64)
        );
    }
    out.push(Line::styled(headline, theme.title));
    if let Some(report) = report {
        out.push(Line::styled(trend_sentence(report), theme.accent));
    }
    if let Some((step, label)) = &end.next {
        next_step_lines(step, label, theme, width, out);
    }
    if score.total == 0 {
        return;
    }
    // Per topic, with the earlier drills' accuracy when there is one.
    out.push(Line::default());
    let names: Vec<String> = score.by_topic.iter().map(|t| crate::text::sanitize(&t.topic).into_owned()).collect();
    let name_width = names.iter().map(|n| crate::text::width(n)).max().unwrap_or(0).min(width / 3).max(5);
    // Columns: "  name bar  n/m  pct%" and, for drills, the earlier accuracy.
    let mut header = pad(strings::BY_TOPIC, name_width + BAR + 15);
    if report.is_some_and(|r| r.topics.iter().any(|t| t.previous.is_some())) {
        let _ = write!(header, "{:>7}", strings::BEFORE);
    }
    out.push(Line::styled(header, theme.module));
    for (t, name) in score.by_topic.iter().zip(&names) {
        let mut spans = vec![
            Span::raw(format!("  {} ", pad(&truncate(name, name_width), name_width))),
            Span::styled(
                progress_bar(t.correct, t.total, BAR),
                if t.correct == t.total { theme.good } else { theme.accent },
            ),
            Span::raw(format!(" {:>5} {:>4}%", format!("{}/{}", t.correct, t.total), percent(t.correct, t.total))),
        ];
        if let Some(previous) =
            report.and_then(|r| r.topics.iter().find(|s| s.topic == t.topic)).and_then(|s| s.previous)
        {
            spans.push(Span::styled(format!("  {:>4.0}%", previous * 100.0), theme.dim));
        }
        out.push(Line::from(spans));
    }
    let items = screen.session.items();
    if screen.practice.is_drill() {
        out.push(Line::default());
        out.push(Line::styled(strings::TIME_PER_QUESTION, theme.module));
        for (k, r) in records.iter().enumerate() {
            let (symbol, style) = if r.verdict.correct { ("✓", theme.good) } else { ("✗", theme.bad) };
            let prompt = one_line_title(&items[r.item].question.prompt);
            let head = format!("  {:>2}. {:>6.1} s  ", k + 1, r.seconds);
            let room = width.saturating_sub(crate::text::width(&head) + 2);
            out.push(Line::from(vec![
                Span::raw(head),
                Span::styled(format!("{symbol} "), style),
                Span::raw(truncate(&prompt, room)),
            ]));
        }
        return;
    }
    let missed = screen.session.missed();
    if !missed.is_empty() {
        out.push(Line::default());
        out.push(Line::styled(strings::MISSED_HEADING, theme.module));
        for item in missed {
            let prompt = one_line_title(&item.question.prompt);
            let room = width.saturating_sub(4);
            out.push(Line::from(vec![Span::styled("  ✗ ", theme.bad), Span::raw(truncate(&prompt, room))]));
        }
    }
}

/// "Next up: Next lesson: 2. …" and its reason, after a blank line: the
/// step Enter takes (the end of a session, nothing to ask).
pub(super) fn next_step_lines(step: &Step, label: &str, theme: &Theme, width: usize, out: &mut Vec<Line<'static>>) {
    out.push(Line::default());
    out.push(Line::from(vec![
        Span::styled(format!("{}: ", strings::NEXT_UP), theme.module),
        Span::styled(truncate(label, width.saturating_sub(10)), theme.title),
    ]));
    for line in crate::tui::widgets::wrap(&format!("{} {}", step.reason(), strings::NEXT_UP_ENTER), width) {
        out.push(Line::styled(line, theme.dim));
    }
}

/// The status row at the end.
pub(super) fn status_line(screen: &QuizScreen, end: &End, theme: &Theme) -> Line<'static> {
    let text = match (screen.practice.is_drill(), end.reason) {
        (true, EndReason::TimeUp) => strings::TIME_UP.to_owned(),
        (true, EndReason::EndedEarly) => strings::DRILL_ENDED_EARLY.to_owned(),
        (true, EndReason::Done) => strings::DRILL_DONE.to_owned(),
        (false, _) => {
            let missed = screen.session.missed().len();
            if screen.can_retry() { strings::missed_to_retry(missed) } else { strings::ALL_DONE.to_owned() }
        }
    };
    Line::from(Span::styled(format!(" {text}"), theme.accent))
}
