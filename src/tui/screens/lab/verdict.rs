//! The verdict of a graded run: each goal with its measured value and
//! ✓/✗, then the debrief (solved) or the hint (not yet), then the next
//! step Enter takes.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::lab::{Lab, Verdict, format_value};
use crate::markdown::{Document, Layout};
use crate::tui::strings;
use crate::tui::theme::Theme;
use crate::tui::widgets::{self, pad};

/// What Enter does after a verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextStep {
    /// Solved: the next built-in lab (id, title).
    Lab(String, String),
    /// Solved the last lab: its lesson.
    Lesson,
    /// Not yet: back to the knobs.
    Again,
}

#[derive(Debug)]
pub struct Graded {
    pub verdict: Verdict,
    /// The learner's attempts before this one (0 without a store).
    pub attempts_before: u32,
    pub next: NextStep,
    /// The debrief (solved) or the hint (not yet), as markdown.
    body: Document,
    /// `body` laid out: (width, lines). Made by `prepare`.
    layout: Option<(usize, Layout)>,
    pub scroll: usize,
    /// The seed the run was graded with.
    pub seed: u64,
}

impl Graded {
    pub fn new(verdict: Verdict, attempts_before: u32, next: NextStep, body: &str, seed: u64) -> Self {
        Self { verdict, attempts_before, next, body: Document::parse(body), layout: None, scroll: 0, seed }
    }

    fn width(area: Rect) -> u16 {
        area.width.saturating_sub(4).min(84)
    }

    /// As tall as its text (and the two lines of next steps), at most the
    /// screen less a line above and below.
    fn popup(area: Rect, lines: usize) -> Rect {
        let height = u16::try_from(lines + 5).unwrap_or(u16::MAX).min(area.height.saturating_sub(2));
        area.centered(Constraint::Length(Self::width(area)), Constraint::Length(height))
    }

    pub fn prepare(&mut self, area: Rect) {
        let width = usize::from(Self::width(area).saturating_sub(4)).max(1);
        if self.layout.as_ref().is_none_or(|(w, _)| *w != width) {
            self.layout = Some((width, self.body.layout(width)));
        }
    }

    pub fn scroll_by(&mut self, down: bool) {
        self.scroll = if down { self.scroll.saturating_add(1) } else { self.scroll.saturating_sub(1) };
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, lab: &Lab, lesson_title: &str) {
        let v = &self.verdict;
        let mut lines: Vec<Line<'_>> = Vec::new();
        if v.passed() {
            lines.push(Line::from(Span::styled(strings::LAB_SOLVED, theme.good)));
        } else {
            lines.push(Line::from(Span::styled(strings::lab_not_yet(v.met(), v.results.len()), theme.bad)));
        }
        lines.push(Line::from(Span::styled(strings::lab_graded(self.seed, self.attempts_before + 1), theme.dim)));
        lines.push(Line::default());
        let described: Vec<String> = lab.goals.iter().map(crate::lab::Goal::describe).collect();
        let w = described.iter().map(|d| crate::text::width(d)).max().unwrap_or(0);
        for ((goal, g), r) in described.iter().zip(&lab.goals).zip(&v.results) {
            let measured = r.measured.map_or_else(|| "–".to_owned(), |m| format_value(&g.metric, m));
            let (mark, style) = if r.met { ("✓", theme.good) } else { ("✗", theme.bad) };
            lines.push(Line::from(vec![
                Span::styled(format!("{mark} "), style),
                Span::raw(pad(goal, w + 3)),
                Span::styled(strings::lab_measured(&measured), theme.dim),
            ]));
        }
        if v.stopped_early {
            lines.push(Line::from(Span::styled(strings::lab_stopped_early(), theme.warn)));
        }
        lines.push(Line::default());
        if let Some((_, layout)) = &self.layout {
            lines.extend(layout.lines.iter().map(|l| widgets::markdown_line(l, theme, &[])));
        }
        // The step offered stays in view at the bottom; the rest scrolls.
        let step = match &self.next {
            NextStep::Lab(_, title) => strings::lab_next_lab(title),
            NextStep::Lesson => strings::lab_read_lesson(lesson_title),
            NextStep::Again => strings::LAB_BACK_TO_KNOBS.to_owned(),
        };
        let footer = vec![
            Line::from(vec![Span::styled("Enter ", theme.key), Span::styled(step, theme.title)]),
            Line::from(vec![Span::styled("l     ", theme.key), Span::raw(strings::lab_read_lesson(lesson_title))]),
        ];
        let popup = Self::popup(area, lines.len());
        let inner = widgets::popup(popup, buf, theme, &format!("{} · {}", strings::LAB_TITLE, lab.id));
        let inner = Rect { x: inner.x + 1, width: inner.width.saturating_sub(2), ..inner };
        let body_h = inner.height.saturating_sub(3);
        let max_scroll = lines.len().saturating_sub(usize::from(body_h));
        let scroll = u16::try_from(self.scroll.min(max_scroll)).unwrap_or(0);
        Paragraph::new(lines).scroll((scroll, 0)).render(Rect { height: body_h, ..inner }, buf);
        let foot = Rect { y: inner.y + inner.height.saturating_sub(2), height: 2.min(inner.height), ..inner };
        Paragraph::new(footer).render(foot, buf);
    }
}
