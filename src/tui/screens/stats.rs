//! The learner's figures: lessons completed, answers and accuracy, accuracy
//! per topic (bars), the study streak, reviews due, and drill history with
//! its trend. Read from the store once when the screen opens.

use chrono::{DateTime, FixedOffset, Utc};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::MouseEventKind;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::widgets::{ScrollState, WHEEL_LINES, pad, progress_bar, truncate};

mod charts;

use super::{Ctx, Input, Launch, ReaderScreen, Screen, Transition, View};
use crate::practice::drill::DrillOptions;
use crate::practice::figures::Figures;
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
    /// The forecast, accuracy by week, modules and weak topics.
    figures: Figures,
    /// Weak topics' lessons: id → "Lesson 3. Title".
    lesson_titles: std::collections::HashMap<String, String>,
    lessons_total: usize,
    now: DateTime<FixedOffset>,
    /// Why there are no figures (the store failed), if it did.
    error: Option<String>,
    scroll: ScrollState,
    /// The figures laid out for `width`: they do not change while the
    /// screen is open, so they are laid out again only on a resize.
    lines: Vec<Line<'static>>,
    width: usize,
    /// Whether the charts are drawn (else the text gives their figures).
    charts: bool,
}

impl StatsScreen {
    pub const CONTEXTS: &'static [Context] = &[Context::Stats, Context::Page];

    pub fn new(ctx: &mut Ctx) -> Self {
        let now = ctx.clock.wall();
        let (stats, error) = match ctx.progress.store().map(|s| s.stats(now)) {
            Some(Ok(stats)) => (stats, None),
            Some(Err(e)) => (Stats::default(), Some(e.to_string())),
            None => (Stats::default(), None),
        };
        let figures = match ctx.progress.store().map(|s| Figures::new(&ctx.course, s, &stats, now)) {
            Some(Ok(figures)) => figures,
            _ => Figures::empty(&ctx.course, now),
        };
        let lesson_titles = figures
            .weak_topics
            .iter()
            .filter_map(|t| t.lesson.as_deref())
            .filter_map(|id| {
                ctx.course
                    .lesson(id)
                    .map(|l| (id.to_owned(), strings::lesson_ref(l.meta.order, &crate::text::sanitize(&l.meta.title))))
            })
            .collect();
        Self {
            stats,
            figures,
            lesson_titles,
            lessons_total: ctx.course.lessons.len(),
            now,
            error,
            scroll: ScrollState::default(),
            lines: Vec::new(),
            width: 0,
            charts: false,
        }
    }

    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    /// Title, charts (when there is room and something to chart), text.
    fn areas(&self, area: Rect) -> [Rect; 3] {
        let charts = if Self::charts_fit(area) && self.has_figures() { charts::HEIGHT } else { 0 };
        Layout::vertical([Constraint::Length(1), Constraint::Length(charts), Constraint::Min(1)]).areas(area)
    }

    /// Charts take the top of the screen only when the figures below keep
    /// most of it (at 80×24 the text shows them as lines instead).
    fn charts_fit(area: Rect) -> bool {
        area.height >= 30 && area.width >= 50
    }

    fn has_figures(&self) -> bool {
        self.error.is_none() && self.stats.answers > 0
    }

    /// The figures, for tests.
    pub fn figures(&self) -> &Figures {
        &self.figures
    }

    /// `d`: a drill on the weak topics (all topics when none is weak).
    fn drill_weak(&self, ctx: &mut Ctx) -> Transition {
        let topics = self.figures.weak_topics.iter().map(|t| t.topic.clone()).collect();
        Transition::Launch(Launch::Drill(DrillOptions { topics, seed: ctx.clock.seed(), ..DrillOptions::default() }))
    }

    /// `1`–`3`: the lesson of that weak topic.
    fn open_lesson(&self, n: usize, ctx: &Ctx) -> Transition {
        let lesson = self.figures.weak_topics.get(n.wrapping_sub(1)).and_then(|t| t.lesson.as_deref());
        match lesson.and_then(|id| ctx.course.lesson_index(id)) {
            Some(l) => Transition::Push(Screen::Reader(Box::new(ReaderScreen::open(&ctx.course, l)))),
            None => Transition::Stay,
        }
    }

    fn text_area(body: Rect) -> Rect {
        let width = body.width.saturating_sub(2).min(100);
        Rect { x: body.x + 1, y: body.y + u16::from(body.height > 1), width, height: body.height.saturating_sub(1) }
    }

    fn local(&self, at: DateTime<Utc>) -> String {
        at.with_timezone(self.now.offset()).format("%Y-%m-%d %H:%M").to_string()
    }

    fn lay_out(&self, theme: &Theme, width: usize) -> Vec<Line<'static>> {
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
        self.lay_out_figures(theme, width, &mut out);
        out
    }

    /// Weak topics with their actions, and progress per module.
    fn lay_out_figures(&self, theme: &Theme, width: usize, out: &mut Vec<Line<'static>>) {
        let f = &self.figures;
        if !self.charts {
            // The charts' figures as lines: what a small screen has room for.
            let days: Vec<String> = f
                .forecast
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    let day = if i == 0 { strings::TODAY.to_owned() } else { d.date.format("%a").to_string() };
                    format!("{day} {}", d.due)
                })
                .collect();
            out.push(Line::default());
            out.push(Line::styled(strings::FORECAST_TITLE, theme.module));
            out.extend(
                widgets::wrap(&days.join(" · "), width.saturating_sub(2))
                    .into_iter()
                    .map(|l| Line::raw(format!("  {l}"))),
            );
            let weeks: Vec<String> = f
                .accuracy_by_week
                .iter()
                .filter_map(|w| Some(format!("{} {:.0}", w.week_of.format("w%V"), w.accuracy? * 100.0)))
                .collect();
            if !weeks.is_empty() {
                out.push(Line::styled(strings::ACCURACY_TITLE, theme.module));
                out.extend(
                    widgets::wrap(&weeks.join(" · "), width.saturating_sub(2))
                        .into_iter()
                        .map(|l| Line::raw(format!("  {l}"))),
                );
            }
        }
        if !f.weak_topics.is_empty() {
            out.push(Line::default());
            out.push(Line::styled(truncate(strings::WEAK_TOPICS_HEADING, width), theme.module));
            let names: Vec<String> =
                f.weak_topics.iter().map(|t| crate::text::sanitize(&t.topic).into_owned()).collect();
            let name_width = names.iter().map(|n| crate::text::width(n)).max().unwrap_or(0).clamp(5, width / 3);
            for ((i, t), name) in f.weak_topics.iter().enumerate().zip(&names) {
                let lesson = t.lesson.as_deref().and_then(|id| self.lesson_titles.get(id)).cloned().unwrap_or_default();
                let head = format!(
                    "  {}. {} {:>4.0}%  ",
                    i + 1,
                    pad(&truncate(name, name_width), name_width),
                    t.accuracy * 100.0
                );
                let room = width.saturating_sub(crate::text::width(&head));
                out.push(Line::from(vec![Span::raw(head), Span::styled(truncate(&lesson, room), theme.dim)]));
            }
        }
        if f.modules.iter().any(|m| m.completed > 0) {
            out.push(Line::default());
            out.push(Line::styled(strings::MODULES_HEADING, theme.module));
            let names: Vec<String> = f.modules.iter().map(|m| crate::text::sanitize(&m.module).into_owned()).collect();
            let name_width = names.iter().map(|n| crate::text::width(n)).max().unwrap_or(0).clamp(5, width / 2);
            for (m, name) in f.modules.iter().zip(&names) {
                out.push(Line::from(vec![
                    Span::raw(format!("  {} ", pad(&truncate(name, name_width), name_width))),
                    Span::styled(progress_bar(m.completed, m.lessons, BAR), theme.accent),
                    Span::raw(format!(" {:>5}", format!("{}/{}", m.completed, m.lessons))),
                ]));
            }
        }
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

    fn handle(&mut self, input: Input<'_>, ctx: &mut Ctx) -> Transition {
        let action = match input {
            Input::Key(key) => keymap::action_for(key, Self::CONTEXTS),
            Input::Mouse(mouse) => {
                match mouse.kind {
                    MouseEventKind::ScrollDown => self.scroll.by(WHEEL_LINES),
                    MouseEventKind::ScrollUp => self.scroll.by(-WHEEL_LINES),
                    _ => {}
                }
                return Transition::Stay;
            }
        };
        match action {
            Some(Action::Quit) => Transition::Quit,
            Some(Action::Back) => Transition::Pop,
            Some(Action::DrillWeak) => self.drill_weak(ctx),
            Some(Action::Pick) => {
                let digit = match input {
                    Input::Key(key) => match key.code {
                        ratatui::crossterm::event::KeyCode::Char(c) => c.to_digit(10).map_or(0, |d| d as usize),
                        _ => 0,
                    },
                    Input::Mouse(_) => 0,
                };
                self.open_lesson(digit, ctx)
            }
            Some(action) => {
                self.scroll.apply(action);
                Transition::Stay
            }
            None => Transition::Stay,
        }
    }
    fn prepare(&mut self, area: Rect, ctx: &Ctx) {
        let theme = &ctx.theme;
        let [_, _, body] = self.areas(area);
        let text = Self::text_area(body);
        let width = usize::from(text.width);
        let charts = Self::charts_fit(area);
        if width != self.width || charts != self.charts || self.lines.is_empty() {
            self.charts = charts;
            self.lines = self.lay_out(theme, width);
            self.width = width;
        }
        self.scroll.resize(self.lines.len(), usize::from(text.height));
    }
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let theme = &ctx.theme;
        let [title, charts, body] = self.areas(area);
        widgets::title_bar(title, buf, theme, vec![Span::styled(format!(" {} ", strings::STATS), theme.module)], "");
        if charts.height > 0 {
            charts::render(&self.figures, charts, buf, theme);
        }
        let text = Self::text_area(body);
        let lines: Vec<Line<'_>> =
            self.lines.iter().skip(self.scroll.offset()).take(self.scroll.viewport()).cloned().collect();
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
