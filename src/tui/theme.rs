//! Every colour the interface uses lives here. Screens ask the theme for a
//! style by meaning ("selected", "heading 2", "error"), never by colour.
//!
//! The monochrome theme (NO_COLOR, `--color never`) uses modifiers only and
//! still shows selection and state: reversed for selection, bold and
//! underline for emphasis, and symbols (▶ ✓ ✗) drawn by the screens.

use ratatui::style::{Color, Modifier, Style};

use crate::markdown::{self, AlertKind, Role};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeKind {
    Dark,
    Light,
    Mono,
}

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub kind: ThemeKind,
    pub base: Style,
    pub title: Style,
    pub border: Style,
    pub border_focus: Style,
    pub dim: Style,
    pub selected: Style,
    pub accent: Style,
    pub key: Style,
    pub good: Style,
    pub bad: Style,
    pub warn: Style,
    pub search_hit: Style,
    pub search_current: Style,
    pub module: Style,
    heading: [Style; 3],
    text: Style,
    inline_code: Style,
    code_block: Style,
    link: Style,
    link_target: Style,
    quote_bar: Style,
    list_marker: Style,
    table_border: Style,
    table_header: Style,
    note: Style,
    tip: Style,
    important: Style,
    warning: Style,
    caution: Style,
}

const fn fg(c: Color) -> Style {
    Style::new().fg(c)
}

impl Theme {
    pub fn dark() -> Self {
        Self {
            kind: ThemeKind::Dark,
            base: Style::new(),
            title: fg(Color::LightYellow).add_modifier(Modifier::BOLD),
            border: fg(Color::DarkGray),
            border_focus: fg(Color::Yellow),
            dim: fg(Color::DarkGray),
            selected: Style::new().bg(Color::Rgb(60, 56, 54)).fg(Color::LightYellow).add_modifier(Modifier::BOLD),
            accent: fg(Color::Yellow),
            key: fg(Color::LightCyan).add_modifier(Modifier::BOLD),
            good: fg(Color::LightGreen),
            bad: fg(Color::LightRed),
            warn: fg(Color::Yellow),
            search_hit: Style::new().bg(Color::Rgb(90, 80, 20)).fg(Color::White),
            search_current: Style::new().bg(Color::Yellow).fg(Color::Black).add_modifier(Modifier::BOLD),
            module: fg(Color::LightMagenta).add_modifier(Modifier::BOLD),
            heading: [
                fg(Color::LightYellow).add_modifier(Modifier::BOLD),
                fg(Color::LightCyan).add_modifier(Modifier::BOLD),
                fg(Color::LightGreen).add_modifier(Modifier::BOLD),
            ],
            text: Style::new(),
            inline_code: fg(Color::LightRed),
            code_block: fg(Color::Gray),
            link: fg(Color::LightBlue).add_modifier(Modifier::UNDERLINED),
            link_target: fg(Color::DarkGray),
            quote_bar: fg(Color::DarkGray),
            list_marker: fg(Color::Yellow),
            table_border: fg(Color::DarkGray),
            table_header: fg(Color::LightCyan).add_modifier(Modifier::BOLD),
            note: fg(Color::LightBlue),
            tip: fg(Color::LightGreen),
            important: fg(Color::LightMagenta),
            warning: fg(Color::Yellow),
            caution: fg(Color::LightRed),
        }
    }

    pub fn light() -> Self {
        Self {
            kind: ThemeKind::Light,
            title: fg(Color::Rgb(120, 60, 0)).add_modifier(Modifier::BOLD),
            border: fg(Color::Gray),
            border_focus: fg(Color::Rgb(160, 90, 0)),
            dim: fg(Color::Rgb(110, 110, 110)),
            selected: Style::new().bg(Color::Rgb(220, 225, 240)).fg(Color::Black).add_modifier(Modifier::BOLD),
            accent: fg(Color::Rgb(160, 90, 0)),
            key: fg(Color::Blue).add_modifier(Modifier::BOLD),
            good: fg(Color::Rgb(0, 120, 0)),
            bad: fg(Color::Rgb(180, 0, 0)),
            warn: fg(Color::Rgb(150, 90, 0)),
            search_hit: Style::new().bg(Color::Rgb(255, 240, 150)).fg(Color::Black),
            search_current: Style::new().bg(Color::Rgb(255, 170, 0)).fg(Color::Black).add_modifier(Modifier::BOLD),
            module: fg(Color::Magenta).add_modifier(Modifier::BOLD),
            heading: [
                fg(Color::Rgb(120, 60, 0)).add_modifier(Modifier::BOLD),
                fg(Color::Blue).add_modifier(Modifier::BOLD),
                fg(Color::Rgb(0, 110, 0)).add_modifier(Modifier::BOLD),
            ],
            inline_code: fg(Color::Rgb(170, 30, 30)),
            code_block: fg(Color::Rgb(50, 50, 50)),
            link: fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
            link_target: fg(Color::Rgb(110, 110, 110)),
            quote_bar: fg(Color::Gray),
            list_marker: fg(Color::Rgb(160, 90, 0)),
            table_border: fg(Color::Gray),
            table_header: fg(Color::Blue).add_modifier(Modifier::BOLD),
            note: fg(Color::Blue),
            tip: fg(Color::Rgb(0, 120, 0)),
            important: fg(Color::Magenta),
            warning: fg(Color::Rgb(150, 90, 0)),
            caution: fg(Color::Rgb(180, 0, 0)),
            ..Self::dark()
        }
    }

    /// Modifiers only: what NO_COLOR and `--color never` get.
    pub fn mono() -> Self {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        Self {
            kind: ThemeKind::Mono,
            base: plain,
            title: bold,
            border: plain,
            border_focus: bold,
            dim: plain.add_modifier(Modifier::DIM),
            selected: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            accent: bold,
            key: bold,
            good: bold,
            bad: bold.add_modifier(Modifier::UNDERLINED),
            warn: bold,
            search_hit: plain.add_modifier(Modifier::UNDERLINED),
            search_current: plain.add_modifier(Modifier::REVERSED),
            module: bold,
            heading: [bold.add_modifier(Modifier::UNDERLINED), bold, bold.add_modifier(Modifier::ITALIC)],
            text: plain,
            inline_code: bold,
            code_block: plain,
            link: plain.add_modifier(Modifier::UNDERLINED),
            link_target: plain.add_modifier(Modifier::DIM),
            quote_bar: plain,
            list_marker: bold,
            table_border: plain,
            table_header: bold,
            note: bold,
            tip: bold,
            important: bold,
            warning: bold,
            caution: bold,
        }
    }

    /// Pick a theme from the options and the environment.
    pub fn choose(use_color: bool, theme: crate::cli::ThemeChoice) -> Self {
        use crate::cli::ThemeChoice;
        if !use_color {
            return Self::mono();
        }
        match theme {
            ThemeChoice::Light => Self::light(),
            ThemeChoice::Auto if background_is_light() => Self::light(),
            ThemeChoice::Auto | ThemeChoice::Dark => Self::dark(),
        }
    }

    pub fn is_mono(&self) -> bool {
        self.kind == ThemeKind::Mono
    }

    /// The style of a markdown span.
    pub fn markdown(&self, style: markdown::Style) -> Style {
        let mut s = match style.role {
            Role::Text | Role::Html | Role::Image => self.text,
            Role::Heading(level) => self.heading[usize::from(level.clamp(1, 3) - 1)],
            Role::InlineCode => self.inline_code,
            Role::CodeBlock => match (style.fg, self.kind) {
                (Some(markdown::Rgb(r, g, b)), ThemeKind::Dark) => fg(Color::Rgb(r, g, b)),
                _ => self.code_block,
            },
            Role::CodeFrame | Role::Rule | Role::Footnote => self.dim,
            Role::Link => self.link,
            Role::LinkTarget => self.link_target,
            Role::QuoteBar => self.quote_bar,
            Role::Alert(kind) => match kind {
                AlertKind::Note => self.note,
                AlertKind::Tip => self.tip,
                AlertKind::Important => self.important,
                AlertKind::Warning => self.warning,
                AlertKind::Caution => self.caution,
            },
            Role::ListMarker | Role::TaskTodo => self.list_marker,
            Role::TaskDone => self.good,
            Role::TableBorder => self.table_border,
            Role::TableHeader => self.table_header,
        };
        if style.bold {
            s = s.add_modifier(Modifier::BOLD);
        }
        if style.italic {
            s = s.add_modifier(Modifier::ITALIC);
        }
        if style.strike {
            s = s.add_modifier(Modifier::CROSSED_OUT);
        }
        s
    }
}

/// `COLORFGBG="15;0"` style hint set by many terminals: the last field is
/// the background colour index; 7 and 9–15 are light.
fn background_is_light() -> bool {
    std::env::var("COLORFGBG")
        .ok()
        .and_then(|v| v.rsplit(';').next().and_then(|bg| bg.parse::<u8>().ok()))
        .is_some_and(|bg| bg == 7 || bg >= 9)
}

/// What the simulator draws, by meaning. The mono theme tells the states
/// apart by their glyphs (◐ ● ○ ◎ ·), drawn by the simulator itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SimRole {
    /// An environment running Init.
    Initializing,
    /// An environment running a handler.
    Busy,
    /// An on-demand environment waiting, warm.
    Idle,
    /// A provisioned environment waiting, warm.
    Provisioned,
    /// An environment reclaimed moments ago.
    Reclaimed,
    /// An event travelling along an arrow.
    Event,
    /// The filled part of the concurrency gauge.
    Gauge,
    /// Throttles, 429s, DLQs: work refused or given up.
    Refused,
    /// Chart lines.
    Concurrency,
    ColdStarts,
    LatencyP50,
    LatencyP99,
    Cost,
}

impl Theme {
    /// The style of something the simulator draws.
    pub fn sim(&self, role: SimRole) -> Style {
        match self.kind {
            ThemeKind::Mono => {
                let plain = Style::new();
                match role {
                    SimRole::Busy | SimRole::Gauge | SimRole::Event | SimRole::LatencyP99 => {
                        plain.add_modifier(Modifier::BOLD)
                    }
                    SimRole::Refused => plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                    SimRole::Reclaimed => plain.add_modifier(Modifier::DIM),
                    SimRole::Initializing => plain.add_modifier(Modifier::ITALIC),
                    _ => plain,
                }
            }
            ThemeKind::Dark => match role {
                SimRole::Initializing => fg(Color::Yellow),
                SimRole::Busy => fg(Color::LightGreen).add_modifier(Modifier::BOLD),
                SimRole::Idle => fg(Color::Cyan),
                SimRole::Provisioned => fg(Color::LightMagenta),
                SimRole::Reclaimed | SimRole::Cost => fg(Color::DarkGray),
                SimRole::Event => fg(Color::LightYellow).add_modifier(Modifier::BOLD),
                SimRole::Gauge | SimRole::Concurrency => fg(Color::LightGreen),
                SimRole::Refused => fg(Color::LightRed).add_modifier(Modifier::BOLD),
                SimRole::ColdStarts => fg(Color::LightYellow),
                SimRole::LatencyP50 => fg(Color::LightCyan),
                SimRole::LatencyP99 => fg(Color::LightRed),
            },
            ThemeKind::Light => match role {
                SimRole::Initializing => fg(Color::Rgb(170, 110, 0)),
                SimRole::Busy => fg(Color::Rgb(0, 130, 0)).add_modifier(Modifier::BOLD),
                SimRole::Idle => fg(Color::Rgb(0, 110, 160)),
                SimRole::Provisioned => fg(Color::Magenta),
                SimRole::Reclaimed | SimRole::Cost => fg(Color::Rgb(120, 120, 120)),
                SimRole::Event => fg(Color::Rgb(160, 90, 0)).add_modifier(Modifier::BOLD),
                SimRole::Gauge | SimRole::Concurrency => fg(Color::Rgb(0, 130, 0)),
                SimRole::Refused => fg(Color::Rgb(190, 0, 0)).add_modifier(Modifier::BOLD),
                SimRole::ColdStarts => fg(Color::Rgb(190, 130, 0)),
                SimRole::LatencyP50 => fg(Color::Blue),
                SimRole::LatencyP99 => fg(Color::Rgb(170, 40, 40)),
            },
        }
    }
}
