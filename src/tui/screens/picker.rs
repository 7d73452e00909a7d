//! The scenario picker: every built-in scenario with its title and the
//! first sentence of its description, then every built-in lab with the
//! learner's status in it and the lesson it belongs to; the whole
//! description (or the lab's task and goals) beside the list when there is
//! room. Enter opens the visualizer on a scenario, the lab screen on a lab.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{Ctx, Input, LabScreen, Screen, SearchScreen, SimulatorScreen, Transition, View};
use crate::course::Course;
use crate::lab::Lab;
use crate::markdown::Document;
use crate::practice::lab::Status;
use crate::sim;
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};
use crate::tui::list::ListView;
use crate::tui::progress::Progress;
use crate::tui::strings;
use crate::tui::theme::Theme;
use crate::tui::widgets::{self, pad, truncate};

#[derive(Debug)]
pub struct Entry {
    pub id: String,
    pub title: String,
    /// The first sentence of the description, plain.
    pub blurb: String,
    doc: Document,
}

/// A built-in lab as the picker lists it.
#[derive(Debug)]
pub struct LabEntry {
    pub lab: Lab,
    /// The title of the lesson it belongs to (its id when the course has none).
    pub lesson: String,
    pub status: Status,
    task: Document,
}

/// A row of the list: scenarios take two, labs two, and the labs have a heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Scenario(usize),
    Blurb(usize),
    Gap,
    LabsHeading,
    Lab(usize),
    LabLine(usize),
}

#[derive(Debug)]
pub struct ScenarioPicker {
    entries: Vec<Entry>,
    labs: Vec<LabEntry>,
    rows: Vec<Row>,
    list: ListView,
    /// The description of the selected row laid out for the detail pane:
    /// (row, width, lines).
    detail: Option<(usize, usize, crate::markdown::Layout)>,
    /// Why the last scenario could not be opened.
    error: Option<String>,
}

/// The first sentence of a markdown description, without emphasis marks.
pub fn first_sentence(description: &str) -> String {
    let para: Vec<&str> = description.trim_start().lines().map(str::trim).take_while(|l| !l.is_empty()).collect();
    let para = para.join(" ").replace(['*', '`'], "");
    let end = para.find(". ").map_or(para.len(), |i| i + 1);
    crate::text::sanitize(para[..end].trim()).into_owned()
}

impl ScenarioPicker {
    /// Scenarios, then labs, with the first scenario selected.
    pub fn new(course: &Course, progress: &Progress) -> Self {
        let entries: Vec<Entry> = sim::preset_ids()
            .into_iter()
            .filter_map(|id| {
                let loaded = sim::load_preset(&id, &[]).ok()?;
                let s = loaded.scenario;
                Some(Entry {
                    title: crate::text::sanitize(&s.title).into_owned(),
                    blurb: first_sentence(&s.description),
                    doc: Document::parse(&s.description),
                    id,
                })
            })
            .collect();
        let labs: Vec<LabEntry> = crate::lab::builtins()
            .into_iter()
            .filter_map(Result::ok)
            .map(|lab| {
                let lesson = course
                    .lessons
                    .iter()
                    .find(|l| l.meta.id == lab.lesson && l.course.is_none())
                    .map_or_else(|| lab.lesson.clone(), |l| crate::text::sanitize(&l.meta.title).into_owned());
                let task = Document::parse(&lab.task);
                LabEntry { status: progress.lab_status(&lab.id), lab, lesson, task }
            })
            .collect();
        let mut rows: Vec<Row> = (0..entries.len()).flat_map(|i| [Row::Scenario(i), Row::Blurb(i)]).collect();
        if !labs.is_empty() {
            rows.extend([Row::Gap, Row::LabsHeading]);
            rows.extend((0..labs.len()).flat_map(|i| [Row::Lab(i), Row::LabLine(i)]));
        }
        let selectable = rows.iter().map(|r| matches!(r, Row::Scenario(_) | Row::Lab(_))).collect();
        Self { entries, labs, rows, list: ListView::new(selectable).with_tail(1), detail: None, error: None }
    }

    /// The same list with the first lab not yet solved selected (home's Labs row).
    pub fn labs(course: &Course, progress: &Progress) -> Self {
        let mut me = Self::new(course, progress);
        let first = me.labs.iter().position(|l| l.status != Status::Solved).unwrap_or(0);
        if let Some(row) = me.rows.iter().position(|r| *r == Row::Lab(first)) {
            me.list.select(row);
        }
        me
    }

    /// The learner's status in each lab, read again (after a lab screen).
    pub fn refresh_labs(&mut self, progress: &Progress) {
        for entry in &mut self.labs {
            entry.status = progress.lab_status(&entry.lab.id);
        }
    }

    pub const CONTEXTS: &'static [Context] = &[Context::List];

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn lab_entries(&self) -> &[LabEntry] {
        &self.labs
    }

    fn selected_row(&self) -> Option<Row> {
        self.list.selected().and_then(|i| self.rows.get(i)).copied()
    }

    fn selected(&self) -> Option<usize> {
        match self.selected_row() {
            Some(Row::Scenario(i)) => Some(i),
            _ => None,
        }
    }

    pub fn handle(&mut self, input: Input<'_>) -> Transition {
        let action = match input {
            Input::Key(key) => keymap::action_for(key, Self::CONTEXTS),
            Input::Mouse(mouse) => {
                return if self.list.handle_mouse(mouse) { self.open() } else { Transition::Stay };
            }
        };
        match action {
            Some(Action::Back) => Transition::Pop,
            Some(Action::Quit) => Transition::Quit,
            Some(Action::Open) => self.open(),
            Some(Action::SearchAll) => Transition::Push(Screen::Search(SearchScreen::new())),
            Some(a) => {
                self.list.apply(a);
                Transition::Stay
            }
            None => Transition::Stay,
        }
    }

    fn open(&mut self) -> Transition {
        let opened = match self.selected_row() {
            Some(Row::Lab(i)) => LabScreen::new(self.labs[i].lab.clone()).map(|s| Screen::Lab(Box::new(s))),
            Some(Row::Scenario(i)) => {
                SimulatorScreen::preset(&self.entries[i].id).map(|s| Screen::Simulator(Box::new(s)))
            }
            _ => return Transition::Stay,
        };
        match opened {
            Ok(screen) => {
                self.error = None;
                Transition::Push(screen)
            }
            Err(message) => {
                self.error = Some(message);
                Transition::Stay
            }
        }
    }

    fn areas(area: Rect) -> [Rect; 3] {
        let [title, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        let [list, detail] = if body.width >= 100 {
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(body)
        } else {
            [body, Rect { width: 0, ..body }]
        };
        [title, list, detail]
    }

    pub fn prepare(&mut self, area: Rect) {
        let [_, list, detail] = Self::areas(area);
        self.list.prepare(list.inner(Margin::new(1, 1)));
        let width = usize::from(detail.width.saturating_sub(2));
        let doc = match self.selected_row() {
            Some(Row::Scenario(i)) => Some(&self.entries[i].doc),
            Some(Row::Lab(i)) => Some(&self.labs[i].task),
            _ => None,
        };
        if let (Some(doc), Some(row)) = (doc, self.list.selected())
            && width > 0
            && self.detail.as_ref().is_none_or(|(r, w, _)| (*r, *w) != (row, width))
        {
            self.detail = Some((row, width, doc.layout(width)));
        }
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let [title, list, detail] = Self::areas(area);
        widgets::title_bar(
            title,
            buf,
            theme,
            vec![
                Span::styled(format!(" {} ", strings::SIM_PICKER_TITLE), theme.title),
                Span::styled(strings::SIM_PICKER_TAGLINE, theme.dim),
            ],
            &format!("{}· {}", strings::sim_scenario_count(self.entries.len()), strings::lab_count(self.labs.len())),
        );
        let block = widgets::panel(theme, strings::SIM_SCENARIOS, true);
        let inner = block.inner(list);
        block.render(list, buf);
        let room = usize::from(inner.width).saturating_sub(2);
        let solved = self.labs.iter().filter(|l| l.status == Status::Solved).count();
        let lines: Vec<Line<'_>> = self
            .rows
            .iter()
            .enumerate()
            .map(|(row, r)| {
                let selected = self.list.selected() == Some(row);
                let title = |t: &str| {
                    widgets::selectable_row(selected, theme, [Span::styled(pad(&truncate(t, room), room), theme.base)])
                };
                let second = |t: &str| Line::from(Span::styled(format!("  {}", truncate(t, room)), theme.dim));
                match *r {
                    Row::Scenario(i) => title(&self.entries[i].title),
                    Row::Blurb(i) => second(&self.entries[i].blurb),
                    Row::Gap => Line::default(),
                    Row::LabsHeading => Line::from(Span::styled(
                        truncate(&strings::labs_heading(solved, self.labs.len()), room + 2),
                        theme.module,
                    )),
                    Row::Lab(i) => title(&crate::text::sanitize(&self.labs[i].lab.title)),
                    Row::LabLine(i) => {
                        let e = &self.labs[i];
                        second(&format!("{} · {}", strings::lab_status(e.status), strings::lab_lesson(&e.lesson)))
                    }
                }
            })
            .collect();
        self.list.render_lines(inner, buf, lines);
        if detail.width > 0 {
            self.render_detail(detail, buf, theme);
        }
        if let Some(error) = &self.error {
            let popup = area.centered(Constraint::Length(60), Constraint::Length(6));
            let title = match self.selected_row() {
                Some(Row::Lab(_)) => strings::LAB_CANNOT_OPEN,
                _ => strings::SIM_CANNOT_OPEN,
            };
            let inner = widgets::popup(popup, buf, theme, title);
            Paragraph::new(crate::text::sanitize(error).into_owned())
                .style(theme.warn)
                .wrap(Wrap { trim: true })
                .render(inner, buf);
        }
    }

    fn render_detail(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let lab = match self.selected_row() {
            Some(Row::Lab(i)) => Some(&self.labs[i]),
            _ => None,
        };
        let id = match lab {
            Some(e) => e.lab.id.as_str(),
            None => self.selected().and_then(|i| self.entries.get(i)).map_or("", |e| e.id.as_str()),
        };
        let block = widgets::panel(theme, id, false);
        let inner = block.inner(area);
        block.render(area, buf);
        let mut lines: Vec<Line<'_>> = Vec::new();
        if let Some(e) = lab {
            lines.push(Line::from(Span::styled(crate::text::sanitize(&e.lab.title).into_owned(), theme.title)));
            lines.push(Line::from(Span::styled(
                format!("{} · {}", strings::lab_status(e.status), strings::lab_lesson(&e.lesson)),
                theme.dim,
            )));
            lines.push(Line::from(Span::styled(strings::LAB_GOALS_HEADING, theme.module)));
            lines.extend(e.lab.goals.iter().map(|g| Line::from(format!("  {}", g.describe()))));
            lines.push(Line::default());
        }
        if let Some((_, _, layout)) = &self.detail {
            lines.extend(layout.lines.iter().map(|l| widgets::markdown_line(l, theme, &[])));
        }
        lines.push(Line::default());
        let hint = if lab.is_some() { strings::LAB_OPEN_HINT } else { strings::SIM_PICKER_HINT };
        lines.push(Line::from(Span::styled(hint, theme.key)));
        // Laid-out markdown already fits; a lab's own lines may not.
        Paragraph::new(lines).wrap(Wrap { trim: false }).render(inner, buf);
    }
}

impl View for ScenarioPicker {
    fn handle(&mut self, input: Input<'_>, _ctx: &mut Ctx) -> Transition {
        ScenarioPicker::handle(self, input)
    }

    fn prepare(&mut self, area: Rect, _ctx: &Ctx) {
        ScenarioPicker::prepare(self, area);
    }

    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        ScenarioPicker::render(self, area, buf, &ctx.theme);
    }

    fn contexts(&self) -> &'static [Context] {
        Self::CONTEXTS
    }

    /// A lab may have been tried or solved: its status changes.
    fn resumed(&mut self, ctx: &Ctx) {
        self.refresh_labs(&ctx.progress);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_listed_with_a_sentence() {
        let picker = ScenarioPicker::new(&Course::builtin(), &Progress::new(None));
        assert_eq!(picker.entries().len(), sim::preset_ids().len());
        let flash = picker.entries().iter().find(|e| e.id == "api-flash-crowd").expect("listed");
        assert!(flash.blurb.starts_with("An API serves 200 requests a second"), "{}", flash.blurb);
        assert!(flash.blurb.ends_with("for 10 seconds."), "{}", flash.blurb);
        assert!(!flash.blurb.contains('*'));
    }
}
