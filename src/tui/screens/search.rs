//! Search across every lesson: type, see hits with their context, open one.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{Ctx, Input, ReaderScreen, Screen, Transition, View};
use crate::course::Course;
use crate::tui::action::Action;
use crate::tui::input::{InputOutcome, TextInput};
use crate::tui::keymap::{self, Context};
use crate::tui::list::ListView;
use crate::tui::strings;
use crate::tui::widgets;

/// Enough hits to be useful without making a one-letter query slow.
const MAX_HITS: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub lesson: usize,
    /// The source line, trimmed, as context.
    pub snippet: String,
}

#[derive(Debug)]
pub struct SearchScreen {
    input: TextInput,
    hits: Vec<Hit>,
    list: ListView,
}

impl Default for SearchScreen {
    fn default() -> Self {
        Self::new()
    }
}

impl SearchScreen {
    pub fn new() -> Self {
        Self { input: TextInput::default(), hits: Vec::new(), list: ListView::new(Vec::new()) }
    }

    pub const CONTEXTS: &'static [Context] = &[Context::List];

    pub fn query(&self) -> &str {
        &self.input.value
    }

    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    fn refresh(&mut self, course: &Course) {
        self.hits = search_course(course, self.input.value.trim());
        self.list = ListView::new(vec![true; self.hits.len()]);
    }

    fn open(&self, course: &Course) -> Transition {
        match self.list.selected().and_then(|i| self.hits.get(i)) {
            Some(hit) => Transition::Replace(Screen::Reader(Box::new(ReaderScreen::open_with_search(
                course,
                hit.lesson,
                self.input.value.trim(),
            )))),
            None => Transition::Stay,
        }
    }

    fn areas(area: Rect) -> [Rect; 3] {
        Layout::vertical([Constraint::Length(3), Constraint::Length(1), Constraint::Min(1)]).areas(area)
    }
}

impl View for SearchScreen {
    fn contexts(&self) -> &'static [Context] {
        Self::CONTEXTS
    }

    fn is_typing(&self) -> bool {
        true
    }

    fn handle(&mut self, input: Input<'_>, ctx: &mut Ctx) -> Transition {
        let course = &ctx.course;
        let key = match input {
            Input::Key(key) => key,
            Input::Mouse(mouse) => {
                return if self.list.handle_mouse(mouse) { self.open(course) } else { Transition::Stay };
            }
        };
        // Arrows and paging move in the results; everything else edits the query.
        match key.code {
            KeyCode::Up | KeyCode::Down | KeyCode::PageUp | KeyCode::PageDown => {
                if let Some(action) = keymap::action_for(key, Self::CONTEXTS) {
                    self.list.apply(action);
                }
                return Transition::Stay;
            }
            _ => {}
        }
        if keymap::action_for(key, &[]) == Some(Action::Quit) {
            return Transition::Quit;
        }
        match self.input.handle_key(key) {
            InputOutcome::Submitted => self.open(course),
            InputOutcome::Cancelled => Transition::Pop,
            InputOutcome::Edited => {
                self.refresh(course);
                Transition::Stay
            }
            InputOutcome::Ignored => Transition::Stay,
        }
    }
    fn prepare(&mut self, area: Rect, _ctx: &Ctx) {
        let [_, _, results] = Self::areas(area);
        self.list.prepare(results.inner(Margin::new(1, 1)));
    }
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let (course, theme) = (&ctx.course, &ctx.theme);
        let [field, info, results] = Self::areas(area);
        let block = widgets::panel(theme, strings::SEARCH_ALL_TITLE, true);
        let inner = block.inner(field);
        block.render(field, buf);
        Paragraph::new(Line::from(vec![
            Span::styled(strings::SEARCH_PROMPT, theme.key),
            Span::raw(crate::text::sanitize(&self.input.value).into_owned()),
            Span::styled("█", theme.accent),
        ]))
        .render(inner, buf);
        let summary = if self.input.value.trim().is_empty() {
            strings::SEARCH_ALL_HINT.to_owned()
        } else {
            format!("{} hit(s)", self.hits.len())
        };
        Paragraph::new(Span::styled(format!(" {summary}"), theme.dim)).wrap(Wrap { trim: true }).render(info, buf);
        let block = widgets::panel(theme, "Results", false);
        let inner = block.inner(results);
        block.render(results, buf);
        let lines: Vec<Line<'_>> = self
            .hits
            .iter()
            .enumerate()
            .map(|(i, hit)| {
                let selected = self.list.selected() == Some(i);
                let title = &course.lessons[hit.lesson].meta.title;
                let head = widgets::truncate(&crate::text::sanitize(title), 34);
                let room = usize::from(inner.width).saturating_sub(crate::text::width(&head) + 6);
                let mut cells = vec![Span::styled(head, theme.accent), Span::styled("  ", theme.base)];
                cells.extend(highlighted(&hit.snippet, &self.input.value, room, theme));
                widgets::selectable_row(selected, theme, cells)
            })
            .collect();
        self.list.render_lines(inner, buf, lines);
    }
}

/// Case-insensitive search of every lesson's source, line by line.
pub fn search_course(course: &Course, query: &str) -> Vec<Hit> {
    if query.is_empty() {
        return Vec::new();
    }
    let needle = query.to_lowercase();
    let mut hits = Vec::new();
    for (i, lesson) in course.lessons.iter().enumerate() {
        let in_title = lesson.meta.title.to_lowercase().contains(&needle);
        if in_title {
            hits.push(Hit { lesson: i, snippet: crate::text::sanitize(&lesson.meta.title).into_owned() });
        }
        for line in lesson.body.lines() {
            if line.to_lowercase().contains(&needle) {
                // The line as the reader shows it: no `**`, link targets or table pipes.
                let cells = line.trim().trim_matches('|').replace('|', " · ");
                let snippet = crate::markdown::one_line_title(&cells);
                let snippet =
                    if snippet.is_empty() { crate::text::sanitize(line.trim()).into_owned() } else { snippet };
                hits.push(Hit { lesson: i, snippet });
                if hits.len() >= MAX_HITS {
                    return hits;
                }
            }
        }
    }
    hits
}

/// `snippet` cut to `room` columns around the first case-insensitive
/// occurrence of `query`, with that occurrence in the search-hit style.
fn highlighted(snippet: &str, query: &str, room: usize, theme: &crate::tui::theme::Theme) -> Vec<Span<'static>> {
    let query = query.trim();
    let lower = snippet.to_lowercase();
    // Lower-casing can change byte lengths; only highlight when it did not.
    let found = (!query.is_empty() && lower.len() == snippet.len())
        .then(|| lower.find(&query.to_lowercase()))
        .flatten()
        .filter(|&at| snippet.is_char_boundary(at) && snippet.is_char_boundary(at + query.len()));
    let Some(at) = found else { return vec![Span::styled(widgets::truncate(snippet, room), theme.dim)] };
    let (before, rest) = snippet.split_at(at);
    let (hit, after) = rest.split_at(query.len());
    // Keep some context before the hit, and drop the rest of it with an ellipsis.
    let keep = room.saturating_sub(crate::text::width(hit)) / 3;
    let fits = crate::text::width(snippet) <= room;
    let before = if !fits && crate::text::width(before) > keep {
        let tail: String =
            before.chars().rev().take(keep.saturating_sub(1)).collect::<Vec<_>>().into_iter().rev().collect();
        format!("…{tail}")
    } else {
        before.to_owned()
    };
    let used = crate::text::width(&before) + crate::text::width(hit);
    let hit = widgets::truncate(hit, room.saturating_sub(crate::text::width(&before)));
    vec![
        Span::styled(before, theme.dim),
        Span::styled(hit, theme.search_hit),
        Span::styled(widgets::truncate(after, room.saturating_sub(used)), theme.dim),
    ]
}
