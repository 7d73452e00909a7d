//! The scenario picker: every built-in scenario with its title and the
//! first sentence of its description; the whole description beside the
//! list when there is room. Enter opens the visualizer on it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::SimulatorScreen;
use crate::markdown::Document;
use crate::sim;
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};
use crate::tui::list::ListView;
use crate::tui::screens::{Input, Screen, SearchScreen, Transition};
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

#[derive(Debug)]
pub struct ScenarioPicker {
    entries: Vec<Entry>,
    list: ListView,
    /// The description of the selected entry laid out for the detail pane:
    /// (entry, width, lines).
    detail: Option<(usize, usize, crate::markdown::Layout)>,
    /// Why the last scenario could not be opened.
    error: Option<String>,
}

impl Default for ScenarioPicker {
    fn default() -> Self {
        Self::new()
    }
}

/// The first sentence of a markdown description, without emphasis marks.
pub fn first_sentence(description: &str) -> String {
    let para: Vec<&str> = description.trim_start().lines().map(str::trim).take_while(|l| !l.is_empty()).collect();
    let para = para.join(" ").replace(['*', '`'], "");
    let end = para.find(". ").map_or(para.len(), |i| i + 1);
    crate::text::sanitize(para[..end].trim()).into_owned()
}

impl ScenarioPicker {
    pub fn new() -> Self {
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
        // Two rows per scenario: its title (selectable) and its blurb.
        let selectable = entries.iter().flat_map(|_| [true, false]).collect();
        Self { entries, list: ListView::new(selectable), detail: None, error: None }
    }

    pub const CONTEXTS: &'static [Context] = &[Context::List];

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    fn selected(&self) -> Option<usize> {
        self.list.selected().map(|row| row / 2)
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
        let Some(entry) = self.selected().and_then(|i| self.entries.get(i)) else { return Transition::Stay };
        match SimulatorScreen::preset(&entry.id) {
            Ok(screen) => {
                self.error = None;
                Transition::Push(Screen::Simulator(Box::new(screen)))
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
        if let Some(i) = self.selected()
            && width > 0
            && self.detail.as_ref().is_none_or(|(e, w, _)| (*e, *w) != (i, width))
        {
            self.detail = Some((i, width, self.entries[i].doc.layout(width)));
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
            &strings::sim_scenario_count(self.entries.len()),
        );
        let block = widgets::panel(theme, strings::SIM_SCENARIOS, true);
        let inner = block.inner(list);
        block.render(list, buf);
        let room = usize::from(inner.width).saturating_sub(2);
        let lines: Vec<Line<'_>> = self
            .entries
            .iter()
            .enumerate()
            .flat_map(|(i, e)| {
                let selected = self.list.selected() == Some(i * 2);
                let style = if selected { theme.selected } else { theme.base };
                let marker = Span::styled(if selected { "▶ " } else { "  " }, style);
                [
                    Line::from(vec![marker, Span::styled(pad(&truncate(&e.title, room), room), style)]),
                    Line::from(Span::styled(format!("  {}", truncate(&e.blurb, room)), theme.dim)),
                ]
            })
            .collect();
        self.list.render_lines(inner, buf, lines);
        if detail.width > 0 {
            self.render_detail(detail, buf, theme);
        }
        if let Some(error) = &self.error {
            let popup = widgets::centered(area, 60, 6);
            let inner = widgets::popup(popup, buf, theme, strings::SIM_CANNOT_OPEN);
            Paragraph::new(crate::text::sanitize(error).into_owned())
                .style(theme.warn)
                .wrap(Wrap { trim: true })
                .render(inner, buf);
        }
    }

    fn render_detail(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let id = self.selected().and_then(|i| self.entries.get(i)).map_or("", |e| e.id.as_str());
        let block = widgets::panel(theme, id, false);
        let inner = block.inner(area);
        block.render(area, buf);
        let Some((_, _, layout)) = &self.detail else { return };
        let mut lines: Vec<Line<'_>> = layout.lines.iter().map(|l| widgets::markdown_line(l, theme, &[])).collect();
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(strings::SIM_PICKER_HINT, theme.key)));
        Paragraph::new(lines).render(inner, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_listed_with_a_sentence() {
        let picker = ScenarioPicker::new();
        assert_eq!(picker.entries().len(), sim::preset_ids().len());
        let flash = picker.entries().iter().find(|e| e.id == "api-flash-crowd").expect("listed");
        assert!(flash.blurb.starts_with("An API serves 200 requests a second"), "{}", flash.blurb);
        assert!(flash.blurb.ends_with("for 10 seconds."), "{}", flash.blurb);
        assert!(!flash.blurb.contains('*'));
    }
}
