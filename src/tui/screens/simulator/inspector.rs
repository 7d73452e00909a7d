//! The event inspector: pick one of the recent invocations and see the JSON
//! payload its handler received, in the real shape for its source (S3
//! `Records`, an API Gateway proxy request, an SQS batch, …), next to what
//! the handler returned or threw. The JSON is built when the selection
//! changes, never while drawing.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::format;
use crate::sim::{InvocationRecord, Outcome, Scenario, payload};
use crate::tui::action::Action;
use crate::tui::strings;
use crate::tui::theme::{SimRole, Theme};
use crate::tui::widgets;

/// At most this many records of a batch are shown (the rest are counted).
const MAX_RECORDS: u32 = 20;

#[derive(Debug, Clone)]
pub struct Inspector {
    /// Newest first.
    records: Vec<InvocationRecord>,
    selected: usize,
    scroll: usize,
    payload: Vec<String>,
    /// The result as JSON lines, then sentences about it (wrapped).
    result: Vec<String>,
    notes: Vec<String>,
    /// Lines the payload pane showed last (for paging).
    page: usize,
    seed: u64,
    timeout_s: u32,
    poison: Vec<Vec<u64>>,
    long_run: bool,
}

fn pretty(value: &serde_json::Value) -> Vec<String> {
    serde_json::to_string_pretty(value)
        .unwrap_or_default()
        .lines()
        .map(|l| crate::text::sanitize(l).into_owned())
        .collect()
}

impl Inspector {
    pub fn new(
        records: impl Iterator<Item = InvocationRecord>,
        scenario: &Scenario,
        seed: u64,
        long_run: bool,
    ) -> Self {
        let mut records: Vec<InvocationRecord> = records.collect();
        records.reverse();
        let mut me = Self {
            records,
            selected: 0,
            scroll: 0,
            payload: Vec::new(),
            result: Vec::new(),
            notes: Vec::new(),
            page: 10,
            seed,
            timeout_s: scenario.function.timeout_s,
            poison: scenario.sources.iter().map(|s| s.poison_events.clone()).collect(),
            long_run,
        };
        me.build();
        me
    }

    pub fn selected(&self) -> Option<&InvocationRecord> {
        self.records.get(self.selected)
    }

    pub fn payload_lines(&self) -> &[String] {
        &self.payload
    }

    fn build(&mut self) {
        self.scroll = 0;
        let Some(r) = self.records.get(self.selected) else {
            self.payload.clear();
            self.result.clear();
            return;
        };
        let shown = r.events.min(MAX_RECORDS);
        let mut payload = pretty(&payload::example_batch(r.kind, r.first_event, shown, self.seed));
        if r.events > shown {
            payload.push(strings::sim_more_records(shown, r.events));
        }
        // Which messages a partial batch response names: the poison ones
        // listed in the scenario when there are, else the first ones.
        let range = r.first_event..r.first_event + u64::from(r.events);
        let listed: Vec<u64> =
            self.poison.get(r.source).into_iter().flatten().copied().filter(|i| range.contains(i)).collect();
        let failed: Vec<u64> = if listed.len() == r.failed_items as usize {
            listed
        } else {
            range.take(r.failed_items as usize).collect()
        };
        let value = payload::example_result(r.kind, r.outcome, self.timeout_s, &failed, self.seed);
        let mut notes = Vec::new();
        if value.is_null() {
            notes.push(strings::SIM_RESULT_IGNORED.to_owned());
        }
        notes.push(format!(
            "{} {}",
            strings::SIM_RESULT_RUNTIME,
            super::sentences::result(r.outcome, self.timeout_s, r.failed_items)
        ));
        if r.cold {
            notes.push(strings::sim_result_cold(&format::millis(r.init_us as f64 / 1000.0)));
        }
        if r.retry {
            notes.push(strings::SIM_RESULT_RETRY.to_owned());
        }
        self.result = if value.is_null() { Vec::new() } else { pretty(&value) };
        self.notes = notes;
        self.payload = payload;
    }

    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Up if self.selected > 0 => {
                self.selected -= 1;
                self.build();
            }
            Action::Down if self.selected + 1 < self.records.len() => {
                self.selected += 1;
                self.build();
            }
            Action::PageDown => {
                self.scroll = (self.scroll + self.page.max(1)).min(self.payload.len().saturating_sub(1));
            }
            Action::PageUp => self.scroll = self.scroll.saturating_sub(self.page.max(1)),
            _ => {}
        }
    }

    /// Remember how tall the payload pane is (for paging).
    pub fn prepare(&mut self, area: Rect) {
        let [_, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        let [_, payload, _] = panes(body);
        self.page = usize::from(payload.height.saturating_sub(3)).max(1);
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        ratatui::widgets::Clear.render(area, buf);
        widgets::clear(area, buf, theme.base);
        let [title, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" {} ", strings::SIM_TITLE), theme.title),
            Span::styled(strings::SIM_INSPECTOR_TITLE, theme.dim),
        ]))
        .render(title, buf);
        if self.records.is_empty() {
            Paragraph::new(strings::SIM_NO_INVOCATIONS)
                .style(theme.warn)
                .wrap(ratatui::widgets::Wrap { trim: true })
                .render(body.inner(ratatui::layout::Margin::new(1, 1)), buf);
            return;
        }
        let [list, payload, result] = panes(body);
        self.render_list(list, buf, theme);
        let head = self.selected().map(|r| r.kind.label()).unwrap_or_default();
        let block = widgets::panel(theme, strings::SIM_PAYLOAD, true).title_bottom(Span::styled(
            format!(" {head} · {} ", strings::sim_lines(self.scroll + 1, self.payload.len())),
            theme.dim,
        ));
        let pin = block.inner(payload);
        block.render(payload, buf);
        // Scrolling counts JSON lines; each is wrapped whole, never cut.
        let pwidth = usize::from(pin.width).max(1);
        let lines: Vec<Line<'_>> = self
            .payload
            .iter()
            .skip(self.scroll)
            .flat_map(|l| wrap_code(l, pwidth))
            .take(usize::from(pin.height))
            .map(Line::from)
            .collect();
        Paragraph::new(lines).render(pin, buf);
        let block = widgets::panel(theme, strings::SIM_RESULT, false);
        let rin = block.inner(result);
        block.render(result, buf);
        let style = match self.selected().map(|r| r.outcome) {
            Some(Outcome::Success) | None => theme.good,
            Some(_) => theme.sim(SimRole::Refused),
        };
        // JSON lines wrap under their own indentation; the sentences about it wrap by word.
        let width = usize::from(rin.width).max(1);
        let mut lines: Vec<Line<'_>> = self
            .result
            .iter()
            .flat_map(|l| wrap_code(l, width))
            .map(|row| Line::from(Span::styled(row, style)))
            .collect();
        for note in &self.notes {
            if !lines.is_empty() {
                lines.push(Line::default());
            }
            lines.extend(
                super::narration::wrap(note, width).into_iter().map(|row| Line::from(Span::styled(row, theme.dim))),
            );
        }
        Paragraph::new(lines).render(rin, buf);
    }

    fn render_list(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let block = widgets::panel(theme, strings::SIM_RECENT, false);
        let inner = block.inner(area);
        block.render(area, buf);
        let height = usize::from(inner.height).max(1);
        let top = self.selected.saturating_sub(height - 1);
        let lines: Vec<Line<'_>> = self
            .records
            .iter()
            .enumerate()
            .skip(top)
            .take(height)
            .map(|(i, r)| {
                let sel = i == self.selected;
                let mark = match r.outcome {
                    Outcome::Success => "✓",
                    Outcome::Error => "✗",
                    Outcome::Timeout => "⌛",
                };
                let mut flags = String::new();
                if r.cold {
                    flags.push_str(strings::SIM_FLAG_COLD);
                }
                if r.retry {
                    flags.push_str(strings::SIM_FLAG_RETRY);
                }
                let batch = if r.events > 1 { format!(" ×{}", r.events) } else { String::new() };
                let text = format!(
                    "{}{mark} {} #{}{batch} env {}{flags} {}",
                    if sel { "▶ " } else { "  " },
                    format::clock(r.start_us, self.long_run, false),
                    r.invocation,
                    r.env,
                    format::millis((r.end_us.saturating_sub(r.start_us)) as f64 / 1000.0),
                );
                let style = if sel {
                    theme.selected
                } else if r.outcome == Outcome::Success {
                    theme.base
                } else {
                    theme.sim(SimRole::Refused)
                };
                Line::from(Span::styled(text, style))
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}

/// One line of pretty JSON as rows of at most `width` columns, so that a long
/// value (an ARN, a body) is read whole instead of cut at the pane's edge.
/// Rows after the first start two columns deeper than the line's own
/// indentation (while that leaves half the width), so they read as one line.
/// A row breaks after the last space that fits, else anywhere (ARNs have none).
fn wrap_code(line: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthChar;
    let width = width.max(1);
    if crate::text::width(line) <= width {
        return vec![line.to_owned()];
    }
    let indent = line.len() - line.trim_start_matches(' ').len();
    let hang = if indent + 2 <= width / 2 { " ".repeat(indent + 2) } else { String::new() };
    let mut rows = Vec::new();
    let mut row = String::new();
    let mut used = 0usize;
    // Where the row may break after a space: (byte index, columns before it).
    let mut space: Option<(usize, usize)> = None;
    let mut floor = 0usize;
    for c in line.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width && used > floor {
            let rest = match space.filter(|&(at, _)| at > floor) {
                Some((at, _)) => row.split_off(at),
                None => String::new(),
            };
            rows.push(std::mem::take(&mut row));
            row.push_str(&hang);
            row.push_str(&rest);
            floor = hang.len();
            used = crate::text::width(&row);
            space = None;
        }
        row.push(c);
        used += w;
        if c == ' ' && used > floor + 1 {
            space = Some((row.len(), used));
        }
    }
    rows.push(row);
    rows
}

/// The list, the payload and the result: side by side when wide, the list
/// above the other two when narrow.
fn panes(inner: Rect) -> [Rect; 3] {
    if inner.width >= 110 {
        Layout::horizontal([Constraint::Length(40), Constraint::Min(30), Constraint::Percentage(28)]).areas(inner)
    } else {
        let [list, rest] = Layout::vertical([Constraint::Length(6), Constraint::Min(3)]).areas(inner);
        let [payload, result] =
            Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(rest);
        [list, payload, result]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{self, Engine, Options};

    fn inspector(id: &str, t_us: u64) -> Inspector {
        let loaded = sim::load_preset(id, &[]).expect("preset");
        let mut engine = Engine::with_options(&loaded.scenario, 1, Options { observe: true, trace: false });
        engine.advance_to(t_us);
        Inspector::new(engine.recent_invocations().cloned(), &loaded.scenario, 1, false)
    }

    #[test]
    fn payloads_have_the_shape_of_their_source() {
        let i = inspector("api-flash-crowd", 2_000_000);
        let text = i.payload_lines().join("\n");
        assert!(text.contains("\"httpMethod\"") && text.contains("\"requestContext\""), "{text}");
        assert!(i.result.join("\n").contains("\"statusCode\": 200"));
        assert!(i.notes.iter().any(|n| n == "handler: success"), "{:?}", i.notes);
        let i = inspector("sqs-backlog", 3_000_000);
        let text = i.payload_lines().join("\n");
        assert!(text.contains("\"Records\"") && text.contains("aws:sqs"), "{text}");
        assert_eq!(i.selected().map(|r| r.events), Some(10));
    }

    #[test]
    fn picking_moves_through_the_newest_first() {
        let mut i = inspector("keep-alive-cliff", 3_000_000_000);
        let first = i.selected().map(|r| r.invocation);
        i.apply(Action::Down);
        let second = i.selected().map(|r| r.invocation);
        assert!(first > second, "newest first: {first:?} then {second:?}");
        i.apply(Action::Up);
        i.apply(Action::Up);
        assert_eq!(i.selected().map(|r| r.invocation), first);
        assert!(i.payload_lines().join("\n").contains("Scheduled Event"));
    }

    #[test]
    fn long_json_lines_wrap_instead_of_being_cut() {
        let mut i = inspector("api-flash-crowd", 2_000_000);
        let value = format!("arn:aws:lambda:eu-west-1:123456789012:function:{}:END", "x".repeat(120));
        let long = format!("    \"functionArn\": \"{value}\",");
        i.payload.insert(0, long);
        let area = Rect::new(0, 0, 80, 24);
        let mut buf = Buffer::empty(area);
        i.render(area, &mut buf, &Theme::mono());
        let rows: Vec<String> =
            (0..area.height).map(|y| (0..area.width).map(|x| buf[(x, y)].symbol()).collect::<String>()).collect();
        // The payload pane is the left 60 % under the list: join its rows.
        let start = rows.iter().position(|r| r.contains("\"functionArn\"")).expect("first row shown");
        let pane: String = rows[start..]
            .iter()
            .take_while(|r| !r.contains('└'))
            .map(|r| r.chars().skip(1).take(46).collect::<String>().trim().to_owned())
            .collect();
        assert!(pane.contains(&value), "the whole value, in order:\n{}", rows.join("\n"));
        assert!(rows[start + 1].chars().skip(1).take(6).all(|c| c == ' '), "continuation rows hang deeper");
    }

    #[test]
    fn wrapping_keeps_every_character_and_the_width() {
        let line =
            "  \"body\": \"{\\\"message\\\": \\\"hello from a long line\\\"}\", and-a-very-long-unbroken-token-here";
        for width in [1, 5, 12, 30, 200] {
            let rows = wrap_code(line, width);
            assert!(rows.iter().all(|r| crate::text::width(r) <= width), "{width}: {rows:?}");
            let joined: String = rows.iter().map(|r| r.trim_start()).collect();
            let want: String = line.split(' ').collect();
            assert_eq!(joined.replace(' ', ""), want, "{width}: {rows:?}");
        }
    }

    #[test]
    fn a_timeout_shows_the_runtime_message() {
        let i = inspector("default-timeout", 20_000_000);
        let mut i = i;
        while i.selected().is_some_and(|r| r.outcome != Outcome::Timeout) {
            i.apply(Action::Down);
        }
        assert!(i.result.join("\n").contains("Task timed out after 3.00 seconds"), "{:?}", i.result);
    }
}
