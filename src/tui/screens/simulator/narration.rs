//! The narration pane: notable moments in plain words, with simulated
//! timestamps. A run of the same moment with nothing else in between (a
//! thousand cold starts, ten seconds of 429s) is folded into one entry with
//! a count and the latest wording, so the pane stays readable.

use std::collections::VecDeque;
use std::mem::Discriminant;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{format, sentences};
use crate::sim::observe::ThrottleReason;
use crate::sim::{Engine, Moment};
use crate::tui::strings;
use crate::tui::theme::{SimRole, Theme};

/// Lines kept (the pane shows the newest that fit).
const KEEP: usize = 200;
/// How far back a recurring moment is looked for, in entries and in time.
const LOOK_BACK: usize = 3;
const RECUR_WITHIN_US: u64 = 5_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Cold,
    Refused,
    Quiet,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The first moment of the run of moments.
    pub t_us: u64,
    /// The latest.
    pub last_us: u64,
    /// How many moments of this kind this line stands for.
    pub count: u32,
    pub text: String,
    pub tone: Tone,
    /// What folds with what; `None` for the "not shown" line.
    kind: Option<(Discriminant<Moment>, Option<usize>)>,
}

#[derive(Debug, Clone, Default)]
pub struct Narrator {
    next_seq: u64,
    entries: VecDeque<Entry>,
    cold_starts: u64,
    throttles: u64,
    missed: u64,
}

fn tone(moment: &Moment) -> Tone {
    match moment {
        Moment::ColdStart { .. } | Moment::ProvisionedReady { .. } => Tone::Cold,
        Moment::Throttled { .. }
        | Moment::Timeout { .. }
        | Moment::FunctionError { .. }
        | Moment::GaveUp { .. }
        | Moment::ShardBlocked { .. } => Tone::Refused,
        Moment::Reclaimed { .. } => Tone::Quiet,
        _ => Tone::Plain,
    }
}

impl Narrator {
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    pub fn entries(&self) -> impl DoubleEndedIterator<Item = &Entry> {
        self.entries.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Take the moments the engine narrated since the last call. Moments
    /// the engine evicted before they were taken become one "… N more
    /// moments not shown" line, so every count on screen is true.
    pub fn update(&mut self, engine: &Engine) {
        let since = engine.narration_since(self.next_seq);
        if since.missed > 0 {
            self.missed += since.missed;
            self.next_seq += since.missed;
            let t_us = since.records.first().map_or(engine.now_us(), |(_, n)| n.first_us);
            self.push(Entry {
                t_us,
                last_us: t_us,
                count: 1,
                text: sentences::missed(since.missed),
                tone: Tone::Quiet,
                kind: None,
            });
        }
        for (fresh, n) in since.records {
            self.next_seq = n.end_seq();
            let kind = Some(n.moment.fold_key());
            match n.moment {
                Moment::ColdStart { .. } => self.cold_starts += u64::from(fresh),
                // API Gateway's own throttle is not one of Lambda's.
                Moment::Throttled { reason, .. } if reason != ThrottleReason::ApiGatewayRate => {
                    self.throttles += u64::from(fresh);
                }
                _ => {}
            }
            let text = crate::text::sanitize(&sentences::sentence(&n.moment)).into_owned();
            // The same moment right after itself, or recurring within a few
            // seconds among the last entries (an error and the shard it
            // blocks, every second for a day): one entry, counted.
            let len = self.entries.len();
            let recent = self.entries.iter_mut().enumerate().rev().take(LOOK_BACK).find(|(i, e)| {
                e.kind == kind && (*i + 1 == len || n.first_us.saturating_sub(e.last_us) <= RECUR_WITHIN_US)
            });
            if let Some((_, e)) = recent {
                e.count += fresh;
                e.last_us = n.t_us;
                e.text = text;
                continue;
            }
            // A record partly taken before starts here at its next moment;
            // only its latest time is known.
            let t_us = if fresh == n.count { n.first_us } else { n.t_us };
            self.push(Entry { t_us, last_us: n.t_us, count: fresh, text, tone: tone(&n.moment), kind });
        }
    }

    fn push(&mut self, entry: Entry) {
        if self.entries.len() == KEEP {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    /// Cold starts narrated so far (every one, folded or not).
    pub fn cold_starts(&self) -> u64 {
        self.cold_starts
    }

    /// Throttles narrated so far.
    pub fn throttles(&self) -> u64 {
        self.throttles
    }

    /// Moments the engine evicted before the narration took them.
    pub fn missed(&self) -> u64 {
        self.missed
    }

    /// The newest entries that fit, oldest at the top, wrapped with a
    /// hanging indent under the timestamp.
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, long_run: bool) {
        let width = usize::from(area.width);
        let height = usize::from(area.height);
        if width < 12 || height == 0 {
            return;
        }
        let mut lines: Vec<Line<'_>> = Vec::new();
        for e in self.entries.iter().rev() {
            let stamp = format::clock(e.t_us, long_run, !long_run);
            let style = match e.tone {
                Tone::Plain => theme.base,
                Tone::Cold => theme.sim(SimRole::ColdStarts),
                Tone::Refused => theme.sim(SimRole::Refused),
                Tone::Quiet => theme.dim,
            };
            let mut text = e.text.clone();
            if e.count > 1 {
                text = format!("×{} {text}", format::thousands(u64::from(e.count)));
            }
            if e.last_us / 100_000 != e.t_us / 100_000 {
                text = format!("{text} {}", strings::sim_last_at(&format::clock(e.last_us, long_run, false)));
            }
            let indent = crate::text::width(&stamp) + 1;
            let rows = wrap(&text, width.saturating_sub(indent).max(8));
            let mut block: Vec<Line<'_>> = rows
                .into_iter()
                .enumerate()
                .map(|(i, row)| {
                    let lead = if i == 0 {
                        Span::styled(format!("{stamp} "), theme.dim)
                    } else {
                        Span::raw(" ".repeat(indent))
                    };
                    Line::from(vec![lead, Span::styled(row, style)])
                })
                .collect();
            if lines.len() + block.len() > height {
                // Show the start of an entry that only partly fits.
                block.truncate(height - lines.len());
            }
            block.extend(lines);
            lines = block;
            if lines.len() >= height {
                break;
            }
        }
        Paragraph::new(lines).render(area, buf);
    }
}

/// Greedy word wrap to `width` columns; words longer than a line are cut.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut row = String::new();
    for word in text.split_whitespace() {
        let w = crate::text::width(word);
        let used = crate::text::width(&row);
        if used > 0 && used + 1 + w <= width {
            row.push(' ');
            row.push_str(word);
            continue;
        }
        if used > 0 {
            rows.push(std::mem::take(&mut row));
        }
        if w <= width {
            row.push_str(word);
        } else {
            let mut piece = String::new();
            for c in word.chars() {
                if crate::text::width(&piece) + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) > width {
                    rows.push(std::mem::take(&mut piece));
                }
                piece.push(c);
            }
            row = piece;
        }
    }
    if !row.is_empty() || rows.is_empty() {
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{self, Options};

    #[test]
    fn bursts_of_one_moment_fold_into_one_line() {
        let loaded = sim::load_preset("runtime-cold-starts", &[]).expect("preset");
        let mut engine = Engine::with_options(&loaded.scenario, 1, Options { observe: true, trace: false });
        engine.advance_to(1_500_000);
        let mut n = Narrator::default();
        n.update(&engine);
        let first = n.entries().next().expect("an entry");
        assert_eq!(first.count, 200, "200 cold starts in a row: {first:?}");
        assert!(first.text.contains("cold start, Init 231 ms on java21 (environment 199)"), "{}", first.text);
        n.update(&engine);
        assert_eq!(n.entries().count(), 1, "nothing new is taken twice");
    }

    #[test]
    fn a_shard_blocked_for_hours_is_a_few_lines() {
        let loaded = sim::load_preset("stream-poison-shard", &[]).expect("preset");
        let mut engine = Engine::with_options(&loaded.scenario, 1, Options { observe: true, trace: false });
        let mut n = Narrator::default();
        // As the visualizer does: a little at a time (the engine keeps the last 1,024 moments).
        for step in 1..=108 {
            engine.advance_to(step * 100_000_000);
            n.update(&engine);
        }
        assert!(n.entries().count() <= 8, "{:#?}", n.entries().collect::<Vec<_>>());
        let blocked = n.entries().find(|e| e.text.contains("blocked")).expect("the shard is blocked");
        assert!(blocked.count > 1_000, "{blocked:?}");
        // Moments ten minutes apart stay a story, one line each.
        let loaded = sim::load_preset("keep-alive-cliff", &[]).expect("preset");
        let mut engine = Engine::with_options(&loaded.scenario, 1, Options { observe: true, trace: false });
        engine.advance_to(3_600_000_000);
        let mut n = Narrator::default();
        n.update(&engine);
        assert_eq!(n.entries().count(), 9, "5 cold starts and 4 reclaims");
    }

    #[test]
    fn evicted_moments_are_counted_and_shown() {
        // A day of a blocked shard in one jump: far more records than the
        // engine keeps.
        let loaded = sim::load_preset("stream-poison-shard", &[]).expect("preset");
        let mut engine = Engine::with_options(&loaded.scenario, 1, Options { observe: true, trace: false });
        engine.advance_to(20_000_000_000);
        let mut n = Narrator::default();
        n.update(&engine);
        assert!(n.missed() > 1_000, "{}", n.missed());
        let line = n.entries().find(|e| e.text.contains("not shown")).expect("the missed line");
        assert_eq!(line.text, sentences::missed(n.missed()));
        n.update(&engine);
        assert_eq!(n.entries().filter(|e| e.text.contains("not shown")).count(), 1, "counted once");
    }

    #[test]
    fn wrapping_keeps_words_and_cuts_long_ones() {
        assert_eq!(wrap("no idle environment: cold start", 12), ["no idle", "environment:", "cold start"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), [""]);
    }
}
