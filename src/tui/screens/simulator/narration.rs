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

use super::format;
use crate::sim::{Engine, Moment};
use crate::tui::strings;
use crate::tui::theme::{SimRole, Theme};

/// Lines kept (the pane shows the newest that fit).
const KEEP: usize = 200;

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
    kind: Discriminant<Moment>,
}

#[derive(Debug, Clone, Default)]
pub struct Narrator {
    next_seq: u64,
    entries: VecDeque<Entry>,
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

    /// Take the moments the engine narrated since the last call.
    pub fn update(&mut self, engine: &Engine) {
        for n in engine.narration_since(self.next_seq) {
            self.next_seq = n.seq + 1;
            let kind = std::mem::discriminant(&n.moment);
            if let Some(last) = self.entries.back_mut()
                && last.kind == kind
            {
                last.count += 1;
                last.last_us = n.t_us;
                last.text = crate::text::sanitize(&n.sentence()).into_owned();
                continue;
            }
            if self.entries.len() == KEEP {
                self.entries.pop_front();
            }
            self.entries.push_back(Entry {
                t_us: n.t_us,
                last_us: n.t_us,
                count: 1,
                text: crate::text::sanitize(&n.sentence()).into_owned(),
                tone: tone(&n.moment),
                kind,
            });
        }
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
    fn wrapping_keeps_words_and_cuts_long_ones() {
        assert_eq!(wrap("no idle environment: cold start", 12), ["no idle", "environment:", "cold start"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), [""]);
    }
}
