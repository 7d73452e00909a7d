//! The home screen: what to do next, and the course map.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{Input, Screen, Transition};
use crate::course::Course;
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};
use crate::tui::list::ListView;
use crate::tui::screens::{ReaderScreen, SearchScreen};
use crate::tui::strings;
use crate::tui::theme::Theme;
use crate::tui::widgets;

/// One row of the course map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Module(usize),
    Lesson(usize),
}

#[derive(Debug)]
pub struct HomeScreen {
    rows: Vec<Row>,
    list: ListView,
}

impl HomeScreen {
    pub fn new(course: &Course) -> Self {
        let mut rows = Vec::new();
        for (m, module) in course.modules.iter().enumerate() {
            rows.push(Row::Module(m));
            rows.extend(module.lessons.iter().map(|&l| Row::Lesson(l)));
        }
        let selectable: Vec<bool> = rows.iter().map(|r| matches!(r, Row::Lesson(_))).collect();
        Self { rows, list: ListView::new(selectable) }
    }

    pub const CONTEXTS: &'static [Context] = &[Context::List];

    pub fn selected_lesson(&self) -> Option<usize> {
        match self.rows.get(self.list.selected()?) {
            Some(Row::Lesson(l)) => Some(*l),
            _ => None,
        }
    }

    pub fn handle(&mut self, input: Input<'_>, course: &Course) -> Transition {
        let action = match input {
            Input::Key(key) => keymap::action_for(key, Self::CONTEXTS),
            Input::Mouse(mouse) => {
                return if self.list.handle_mouse(mouse) { self.open(course) } else { Transition::Stay };
            }
        };
        match action {
            Some(Action::Back | Action::Quit) => Transition::Quit,
            Some(Action::Open) => self.open(course),
            Some(Action::SearchAll) => Transition::Push(Screen::Search(SearchScreen::new())),
            Some(a) => {
                self.list.apply(a);
                Transition::Stay
            }
            None => Transition::Stay,
        }
    }

    fn open(&self, course: &Course) -> Transition {
        match self.selected_lesson() {
            Some(l) => Transition::Push(Screen::Reader(Box::new(ReaderScreen::open(course, l)))),
            None => Transition::Stay,
        }
    }

    /// Work that needs the area: keep the selection visible.
    pub fn prepare(&mut self, area: Rect) {
        let [_, body] = split(area);
        let [map, _] = columns(body);
        self.list.prepare(map.inner(ratatui::layout::Margin::new(1, 1)));
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, course: &Course, theme: &Theme) {
        let [title, body] = split(area);
        widgets::title_bar(
            title,
            buf,
            theme,
            vec![
                Span::styled(format!(" {} ", strings::APP_TITLE), theme.title),
                Span::styled(strings::TAGLINE, theme.dim),
            ],
            &format!("{} lessons ", course.lessons.len()),
        );
        let [map, detail] = columns(body);
        self.render_map(map, buf, course, theme);
        if detail.width > 0 {
            self.render_detail(detail, buf, course, theme);
        }
    }

    fn render_map(&self, area: Rect, buf: &mut Buffer, course: &Course, theme: &Theme) {
        let block = widgets::panel(theme, strings::COURSE, true);
        let inner = block.inner(area);
        block.render(area, buf);
        if course.lessons.is_empty() {
            Paragraph::new(strings::NO_LESSONS).style(theme.warn).wrap(Wrap { trim: true }).render(inner, buf);
            return;
        }
        let lines: Vec<Line<'_>> = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| match row {
                Row::Module(m) => {
                    Line::from(Span::styled(crate::text::sanitize(&course.modules[*m].name), theme.module))
                }
                Row::Lesson(l) => {
                    let lesson = &course.lessons[*l];
                    let selected = self.list.selected() == Some(i);
                    let marker = if selected { "▶ " } else { "  " };
                    let number = format!("{:>2}. ", lesson.meta.order);
                    let minutes = strings::minutes(lesson.meta.minutes);
                    let title = crate::text::sanitize(&lesson.meta.title);
                    let room = usize::from(inner.width).saturating_sub(2 + number.len() + minutes.len() + 2);
                    let title = truncate(&title, room);
                    let pad = room.saturating_sub(crate::text::width(&title));
                    let style = if selected { theme.selected } else { theme.base };
                    Line::from(vec![
                        Span::styled(marker, style),
                        Span::styled(number, if selected { style } else { theme.dim }),
                        Span::styled(title, style),
                        Span::styled(" ".repeat(pad + 2), style),
                        Span::styled(minutes, if selected { style } else { theme.dim }),
                    ])
                }
            })
            .collect();
        self.list.render_lines(inner, buf, lines);
    }

    fn render_detail(&self, area: Rect, buf: &mut Buffer, course: &Course, theme: &Theme) {
        let block = widgets::panel(theme, strings::LESSON, false);
        let inner = block.inner(area);
        block.render(area, buf);
        let Some(l) = self.selected_lesson() else { return };
        let lesson = &course.lessons[l];
        let mut lines = vec![
            Line::from(Span::styled(crate::text::sanitize(&lesson.meta.title).into_owned(), theme.title)),
            Line::default(),
            Line::from(vec![
                Span::styled(format!("{}: ", strings::MODULE_LABEL), theme.dim),
                Span::raw(crate::text::sanitize(&lesson.meta.module).into_owned()),
                Span::styled(format!(" · {}", strings::minutes(lesson.meta.minutes)), theme.dim),
            ]),
            Line::from(vec![
                Span::styled(format!("{}: ", strings::TOPICS_LABEL), theme.dim),
                Span::raw(crate::text::sanitize(&lesson.meta.topics.join(", ")).into_owned()),
            ]),
            Line::default(),
        ];
        lines.push(Line::from(crate::text::sanitize(&first_paragraph(&lesson.body)).into_owned()));
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(strings::OPEN_LESSON_HINT, theme.key)));
        Paragraph::new(lines).wrap(Wrap { trim: true }).render(inner, buf);
    }
}

fn split(area: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area)
}

/// Course map on the left; the lesson detail on the right when there is room.
fn columns(area: Rect) -> [Rect; 2] {
    if area.width >= 90 {
        Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(area)
    } else {
        [area, Rect { width: 0, ..area }]
    }
}

/// The first paragraph of prose in a lesson body, as plain text: the
/// preview on the home screen. Cheap on purpose: no markdown parse here.
pub fn first_paragraph(body: &str) -> String {
    let mut out = String::new();
    let mut in_code = false;
    for line in body.lines() {
        let t = line.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        let is_prose = !(t.is_empty()
            || t.starts_with('#')
            || t.starts_with('>')
            || t.starts_with('|')
            || t.starts_with('-')
            || t.starts_with('*')
            || t.starts_with('<'));
        if is_prose {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(t);
        } else if !out.is_empty() {
            break;
        }
    }
    out.replace("**", "").replace('`', "")
}

/// Cut `s` to `width` columns, with an ellipsis when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if crate::text::width(s) <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}
