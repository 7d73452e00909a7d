//! The learner's figures: lessons completed, answers and accuracy, accuracy
//! per topic (bars), the study streak, reviews due, and drill history with
//! its trend. Read from the store once when the screen opens.

use chrono::{DateTime, FixedOffset, Utc};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::MouseEventKind;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::widgets::{pad, progress_bar, truncate};

use super::{Ctx, Input, Transition, View};
use crate::study::drill::{DrillSize, trend};
use crate::study::{DrillSummary, Stats};
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};
use crate::tui::strings;
use crate::tui::theme::Theme;
use crate::tui::widgets;

const BAR: usize = 10;

#[derive(Debug)]
pub struct StatsScreen {
    stats: Stats,
    lessons_total: usize,
    now: DateTime<FixedOffset>,
    /// Why there are no figures (the store failed), if it did.
    error: Option<String>,
    scroll: usize,
    viewport: usize,
    len: usize,
}

impl StatsScreen {
    pub const CONTEXTS: &'static [Context] = &[Context::Page];

    pub fn new(ctx: &mut Ctx) -> Self {
        let now = ctx.clock.wall();
        let (stats, error) = match ctx.progress.store().map(|s| s.stats(now)) {
            Some(Ok(stats)) => (stats, None),
            Some(Err(e)) => (Stats::default(), Some(e.to_string())),
            None => (Stats::default(), None),
        };
        Self { stats, lessons_total: ctx.course.lessons.len(), now, error, scroll: 0, viewport: 1, len: 0 }
    }

    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    fn max_scroll(&self) -> usize {
        self.len.saturating_sub(self.viewport)
    }

    fn scroll_by(&mut self, delta: isize) {
        self.scroll = self.scroll.saturating_add_signed(delta).min(self.max_scroll());
    }

    fn areas(area: Rect) -> [Rect; 2] {
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area)
    }

    fn text_area(body: Rect) -> Rect {
        let width = body.width.saturating_sub(2).min(100);
        Rect { x: body.x + 1, y: body.y + u16::from(body.height > 1), width, height: body.height.saturating_sub(1) }
    }

    fn local(&self, at: DateTime<Utc>) -> String {
        at.with_timezone(self.now.offset()).format("%Y-%m-%d %H:%M").to_string()
    }

    fn lines(&self, theme: &Theme, width: usize) -> Vec<Line<'static>> {
        let s = &self.stats;
        let mut out = Vec::new();
        if let Some(e) = &self.error {
            out.push(Line::styled(crate::text::sanitize(e).into_owned(), theme.warn));
            return out;
        }
        if s.answers == 0 && s.lessons_started == 0 && s.drills.is_empty() {
            out.extend(widgets::wrap(strings::NO_PROGRESS, width).into_iter().map(Line::raw));
            return out;
        }
        let label = |l: &str| Span::styled(pad(l, 15), theme.dim);
        out.push(Line::styled(strings::PROGRESS_HEADING, theme.module));
        out.push(Line::from(vec![
            label(strings::LESSONS_LABEL),
            Span::raw(strings::lessons_completed(s.lessons_completed, self.lessons_total)),
            Span::raw("  "),
            Span::styled(progress_bar(s.lessons_completed, self.lessons_total, BAR), theme.accent),
        ]));
        let accuracy = s.accuracy.map_or_else(String::new, |a| format!(", {}", strings::right_pct(a)));
        out.push(Line::from(vec![label(strings::ANSWERS_LABEL), Span::raw(format!("{}{accuracy}", s.answers))]));
        out.push(Line::from(vec![
            label(strings::STREAK_LABEL),
            Span::raw(strings::streak(s.streak.current, s.streak.longest, s.streak.studied_today)),
        ]));
        out.push(Line::from(vec![label(strings::DUE_LABEL), Span::raw(strings::due_of(s.due_reviews, s.cards))]));
        if let Some(at) = s.last_activity {
            out.push(Line::from(vec![label(strings::LAST_STUDIED_LABEL), Span::raw(self.local(at))]));
        }
        if !s.topics.is_empty() {
            out.push(Line::default());
            let names: Vec<String> = s.topics.iter().map(|t| crate::text::sanitize(&t.topic).into_owned()).collect();
            let name_width = names.iter().map(|n| crate::text::width(n)).max().unwrap_or(0).clamp(5, width / 3);
            let [right, answers, recent] = strings::TOPIC_COLUMNS;
            out.push(Line::styled(
                format!(
                    "{} {right:>5} {answers:>8} {recent:>7}",
                    pad(strings::ACCURACY_BY_TOPIC, name_width + 3 + BAR)
                ),
                theme.module,
            ));
            for (t, name) in s.topics.iter().zip(&names) {
                let pct = |a: Option<f64>| a.map_or_else(|| "–".to_owned(), |a| format!("{:.0}%", a * 100.0));
                let bar = progress_bar(t.correct as usize, t.answered as usize, BAR);
                out.push(Line::from(vec![
                    Span::raw(format!("  {} ", pad(&truncate(name, name_width), name_width))),
                    Span::styled(bar, theme.accent),
                    Span::raw(format!(" {:>5} {:>8} {:>7}", pct(t.accuracy), t.answered, pct(t.recent_accuracy))),
                ]));
            }
        }
        if !s.drills.is_empty() {
            out.push(Line::default());
            out.push(Line::styled(strings::DRILLS_HEADING, theme.module));
            // The most recent first, at most ten.
            for d in s.drills.iter().rev().take(10) {
                out.push(Line::raw(self.drill_row(d)));
            }
            out.push(Line::styled(drill_trend(&s.drills), theme.accent));
        }
        out
    }

    fn drill_row(&self, d: &DrillSummary) -> String {
        let size = match d.size {
            DrillSize::Minutes(m) => format!("{m} min"),
            DrillSize::Count(n) => strings::questions(n),
        };
        let pct = d.accuracy().map_or_else(|| "–".to_owned(), |a| format!("{:.0}%", a * 100.0));
        let per = if d.answered > 0 { strings::per_question(d.seconds / f64::from(d.answered)) } else { String::new() };
        let unfinished = if d.finished_at.is_none() { strings::NOT_FINISHED } else { "" };
        format!(
            "  {}  {:<13} {:>7} {:>5}  {per}{unfinished}",
            self.local(d.started_at),
            size,
            format!("{}/{}", d.correct, d.answered),
            pct
        )
    }
}

impl View for StatsScreen {
    fn contexts(&self) -> &'static [Context] {
        Self::CONTEXTS
    }

    /// Answers change what is due and what "Continue" offers.
    fn leaving(&mut self, ctx: &mut Ctx) {
        ctx.progress.reload();
    }

    fn handle(&mut self, input: Input<'_>, _ctx: &mut Ctx) -> Transition {
        let action = match input {
            Input::Key(key) => keymap::action_for(key, Self::CONTEXTS),
            Input::Mouse(mouse) => {
                match mouse.kind {
                    MouseEventKind::ScrollDown => self.scroll_by(3),
                    MouseEventKind::ScrollUp => self.scroll_by(-3),
                    _ => {}
                }
                return Transition::Stay;
            }
        };
        let page = self.viewport.saturating_sub(2).max(1) as isize;
        match action {
            Some(Action::Quit) => return Transition::Quit,
            Some(Action::Back) => return Transition::Pop,
            Some(Action::Up) => self.scroll_by(-1),
            Some(Action::Down) => self.scroll_by(1),
            Some(Action::PageUp) => self.scroll_by(-page),
            Some(Action::PageDown) => self.scroll_by(page),
            Some(Action::Top) => self.scroll = 0,
            Some(Action::Bottom) => self.scroll = self.max_scroll(),
            _ => {}
        }
        Transition::Stay
    }
    fn prepare(&mut self, area: Rect, ctx: &Ctx) {
        let theme = &ctx.theme;
        let [_, body] = Self::areas(area);
        let text = Self::text_area(body);
        self.viewport = usize::from(text.height).max(1);
        self.len = self.lines(theme, usize::from(text.width)).len();
        self.scroll = self.scroll.min(self.max_scroll());
    }
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let theme = &ctx.theme;
        let [title, body] = Self::areas(area);
        widgets::title_bar(title, buf, theme, vec![Span::styled(format!(" {} ", strings::STATS), theme.module)], "");
        let text = Self::text_area(body);
        let lines: Vec<Line<'_>> =
            self.lines(theme, usize::from(text.width)).into_iter().skip(self.scroll).take(self.viewport).collect();
        Paragraph::new(lines).render(text, buf);
    }
}

/// The last finished drill against the ones before it.
fn drill_trend(drills: &[DrillSummary]) -> String {
    let finished: Vec<f64> =
        drills.iter().filter(|d| d.finished_at.is_some()).filter_map(DrillSummary::accuracy).collect();
    let Some((&last, earlier)) = finished.split_last() else { return strings::NO_FINISHED_DRILL.to_owned() };
    let t = trend(Some(last), earlier);
    strings::drill_trend(last, t.previous, t.delta, t.compared)
}
