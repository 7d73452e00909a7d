//! The simulator links of a lesson as the reader finds them in the laid-out
//! text (the renderer shows a link's target after its text: `Watch it
//! (sim:keep-alive-cliff)`), which one is selected, and the screen each
//! opens: a scenario preset, or a lab (`lab:ID`, or a `sim:` id that names
//! a lab and no preset) on its scenario with the lab's own setup.
//!
//! Tab and Shift-Tab move the selection through every link of the lesson,
//! scrolling to one that is off screen; Enter or `o` opens it.

use crate::lab::{self, Lab, ScenarioRef};
use crate::markdown::Layout;
use crate::tui::screens::SimulatorScreen;
use crate::tui::screens::simulator::run::ScenarioFile;
use crate::tui::strings;
use crate::tui::widgets::Highlight;

/// One link: where its `(sim:ID)` target sits (line, first and past-last
/// character of the line's plain text) and what it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub line: usize,
    pub start: usize,
    pub end: usize,
    pub id: String,
    /// Written `lab:ID`: a lab, never a preset.
    pub lab: bool,
}

/// Every link of a lesson and the selected one.
#[derive(Debug, Clone, Default)]
pub struct Links {
    all: Vec<Link>,
    selected: Option<usize>,
}

impl Links {
    /// Find the links in a new layout; the selection follows its link.
    pub fn locate(&mut self, layout: &Layout) {
        let kept = self.selected.and_then(|i| self.all.get(i)).map(|l| (l.id.clone(), self.rank(l)));
        self.all = find(layout);
        self.selected = kept
            .and_then(|(id, rank)| self.all.iter().enumerate().filter(|(_, l)| l.id == id).nth(rank).map(|(i, _)| i));
    }

    /// Which of the links with the same id `link` is (a lesson may link one
    /// scenario twice).
    fn rank(&self, link: &Link) -> usize {
        self.all.iter().take_while(|l| *l != link).filter(|l| l.id == link.id).count()
    }

    fn visible(link: &Link, offset: usize, viewport: usize) -> bool {
        link.line >= offset && link.line < offset + viewport
    }

    /// How many links are on screen.
    pub fn count_on_screen(&self, offset: usize, viewport: usize) -> usize {
        self.all.iter().filter(|l| Self::visible(l, offset, viewport)).count()
    }

    pub fn total(&self) -> usize {
        self.all.len()
    }

    /// The selected link while it is on screen.
    pub fn selected(&self, offset: usize, viewport: usize) -> Option<&Link> {
        self.selected.and_then(|i| self.all.get(i)).filter(|l| Self::visible(l, offset, viewport))
    }

    /// What `o` opens: the selected link, else the first on screen.
    pub fn target(&self, offset: usize, viewport: usize) -> Option<&Link> {
        self.selected(offset, viewport).or_else(|| self.all.iter().find(|l| Self::visible(l, offset, viewport)))
    }

    /// Forget a selection scrolled out of view, so Enter goes back to
    /// answering checkpoints and reading on.
    pub fn forget_hidden(&mut self, offset: usize, viewport: usize) {
        if self.selected(offset, viewport).is_none() {
            self.selected = None;
        }
    }

    /// Tab (`forward`) or Shift-Tab: select the next or previous link, from
    /// the selected one or else from the screen's top (wrapping round).
    /// Returns the line of the link now selected.
    pub fn step(&mut self, forward: bool, offset: usize, viewport: usize) -> Option<usize> {
        let n = self.all.len();
        if n == 0 {
            return None;
        }
        let next = match self.selected(offset, viewport).and(self.selected) {
            Some(i) if forward => (i + 1) % n,
            Some(i) => (i + n - 1) % n,
            None if forward => self.all.iter().position(|l| l.line >= offset).unwrap_or(0),
            None => self.all.iter().rposition(|l| l.line < offset + viewport).unwrap_or(n - 1),
        };
        self.selected = Some(next);
        Some(self.all[next].line)
    }

    /// The selected link's mark on `line`, if it is there.
    pub fn highlight_on(&self, line: usize) -> Option<Highlight> {
        let link = self.selected.and_then(|i| self.all.get(i)).filter(|l| l.line == line)?;
        Some(Highlight { start: link.start, end: link.end, current: true })
    }
}

/// Every `(sim:ID)` and `(lab:ID)` target in the laid-out lines, in order.
pub fn find(layout: &Layout) -> Vec<Link> {
    let mut out = Vec::new();
    for (n, line) in layout.lines.iter().enumerate() {
        let text: Vec<char> = line.plain().chars().collect();
        let mut at = 0;
        while at < text.len() {
            match parse_at(&text, at) {
                Some((end, id, lab)) => {
                    out.push(Link { line: n, start: at, end, id, lab });
                    at = end;
                }
                None => at += 1,
            }
        }
    }
    out
}

/// A target starting at `at`: `(sim:ID)` or `(lab:ID)`; its end and id.
fn parse_at(text: &[char], at: usize) -> Option<(usize, String, bool)> {
    let head: String = text.get(at..at + 5)?.iter().collect();
    let lab = match head.as_str() {
        "(sim:" => false,
        "(lab:" => true,
        _ => return None,
    };
    let id: String = text[at + 5..]
        .iter()
        .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || **c == '-' || **c == '_')
        .collect();
    let close = at + 5 + id.chars().count();
    (!id.is_empty() && text.get(close) == Some(&')')).then_some((close + 1, id, lab))
}

/// The screen a link opens, or why it cannot be opened.
pub fn open(link: &Link) -> Result<SimulatorScreen, String> {
    let preset = !link.lab && crate::sim::preset(&link.id).is_some();
    if preset {
        return SimulatorScreen::preset(&link.id);
    }
    match lab::builtin(&link.id) {
        Some(Ok(found)) => open_lab(&found),
        Some(Err(diags)) => Err(diags.first().map_or_else(|| strings::no_lab(&link.id), ToString::to_string)),
        None if link.lab => Err(strings::no_lab(&link.id)),
        None => Err(strings::sim_no_preset(&link.id)),
    }
}

/// A lab's scenario with the lab's setup applied, in the simulator.
fn open_lab(found: &Lab) -> Result<SimulatorScreen, String> {
    let file = match &found.scenario {
        ScenarioRef::Preset(id) => ScenarioFile::preset(id).ok_or_else(|| strings::sim_no_preset(id))?,
        ScenarioRef::Inline { text, .. } => {
            ScenarioFile { path: found.path.clone(), bytes: text.clone().into_bytes(), dir: None }
        }
    };
    SimulatorScreen::open(file, found.setup.clone(), None)
        .map_err(|diags| diags.iter().find(|d| d.is_error()).map_or_else(String::new, ToString::to_string))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::Document;

    fn layout(md: &str) -> Layout {
        Document::parse_plain(md).layout(60)
    }

    #[test]
    fn every_link_is_found_with_its_place() {
        let l =
            layout("Watch [the cliff](sim:keep-alive-cliff) and [a lab](lab:keep-alive-warmer).\n\nNo (https://x).");
        let links = find(&l);
        assert_eq!(links.len(), 2, "{links:?}");
        assert_eq!((links[0].id.as_str(), links[0].lab), ("keep-alive-cliff", false));
        assert_eq!((links[1].id.as_str(), links[1].lab), ("keep-alive-warmer", true));
        let text: Vec<char> = l.lines[links[0].line].plain().chars().collect();
        assert_eq!(text[links[0].start..links[0].end].iter().collect::<String>(), "(sim:keep-alive-cliff)");
        assert!(find(&layout("(sim:) and (sim:x")).is_empty());
    }

    #[test]
    fn tab_walks_every_link_and_wraps_round() {
        let mut links = Links::default();
        let md = (0..30).map(|i| format!("Line {i} [s](sim:p{i})\n\n")).collect::<Vec<_>>().concat();
        links.locate(&layout(&md));
        assert_eq!(links.total(), 30);
        // From the screen's top (lines 10..20), the first link on screen.
        let line = links.step(true, 10, 10).expect("a link");
        assert!((10..20).contains(&line), "{line}");
        let first = links.selected(10, 10).expect("selected").id.clone();
        links.step(true, 10, 10);
        assert_ne!(links.selected(10, 10).map(|l| l.id.clone()), Some(first.clone()));
        links.step(false, 10, 10);
        assert_eq!(links.selected(10, 10).map(|l| l.id.clone()), Some(first));
        // Past the last link: the first one, off screen (the reader scrolls).
        let mut end = Links::default();
        end.locate(&layout(&md));
        assert_eq!(end.step(false, 0, 10), Some(end.all[4].line), "Shift-Tab: the last on screen");
        end.selected = Some(29);
        let last_line = end.all[29].line;
        assert_eq!(end.step(true, last_line, 10), Some(end.all[0].line));
        end.forget_hidden(last_line, 10);
        assert_eq!(end.selected, None, "scrolled away: no selection");
    }

    #[test]
    fn links_open_presets_and_labs_and_name_what_is_missing() {
        let link = |id: &str, lab: bool| Link { line: 0, start: 0, end: 0, id: id.to_owned(), lab };
        assert!(open(&link("keep-alive-cliff", false)).is_ok());
        assert!(open(&link("keep-alive-warmer", true)).is_ok(), "a lab");
        assert!(open(&link("keep-alive-warmer", false)).is_ok(), "a sim: id that names only a lab");
        let why = open(&link("no-such-thing", false)).map(|_| ()).expect_err("missing");
        assert!(why.contains("no-such-thing"), "{why}");
        let why = open(&link("no-such-lab", true)).map(|_| ()).expect_err("missing");
        assert!(why.contains("no-such-lab"), "{why}");
    }
}
