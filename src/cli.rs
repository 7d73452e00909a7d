//! Every subcommand and option, as clap derive definitions (SPEC.md,
//! "Command line").

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(name = "lambda-tutor", version, about = "A terminal tutor for AWS Lambda and serverless computing")]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalOptions,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Args, Default)]
pub struct GlobalOptions {
    /// Where progress is kept (default: the platform data directory).
    #[arg(long, global = true, env = "LAMBDA_TUTOR_DATA", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// An extra quiz pack file or course directory (repeatable).
    #[arg(long = "pack", global = true, value_name = "PATH")]
    pub packs: Vec<PathBuf>,
    /// When to use colour; NO_COLOR in the environment means `never` for `auto`.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Who is answering: recorded with every answer (default: the name set
    /// with `config learner`, else the operating system's user name).
    #[arg(long, global = true, env = "LAMBDA_TUTOR_LEARNER", value_name = "NAME")]
    pub learner: Option<String>,
    /// Colour theme for the full-screen interface.
    #[arg(long, global = true, value_enum, default_value_t = ThemeChoice::Auto)]
    pub theme: ThemeChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ThemeChoice {
    #[default]
    Auto,
    Dark,
    Light,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List lessons: id, title, module, order, minutes, topics.
    Lessons {
        /// Print JSON (with each lesson's checkpoints) instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Render one lesson (by id) or any markdown file as plain text.
    Read {
        /// A lesson id or a path to a markdown file.
        target: String,
        /// Width to lay the text out for (default: the terminal's, else 80).
        #[arg(long)]
        width: Option<usize>,
    },
    /// Run a quiz.
    Quiz(QuizArgs),
    /// Spaced-repetition review of due questions.
    Review {
        /// Line-by-line mode on stdin/stdout, for screen readers and scripts.
        #[arg(long)]
        plain: bool,
        /// New questions a day (from lessons you opened), remembered for next time.
        #[arg(long = "new", value_name = "N")]
        new: Option<u32>,
    },
    /// Timed interview drill, weighted toward weak topics.
    Drill(DrillArgs),
    /// Simulate a scenario (a preset id or a path).
    Simulate {
        /// A preset id (see `scenarios`) or a scenario file; the picker when left out.
        scenario: Option<String>,
        /// Seed of the run's randomness (default: the scenario's own).
        #[arg(long)]
        seed: Option<u64>,
        /// Override a scenario value, e.g. `function.memory_mb=1024`.
        #[arg(long = "set", value_name = "KEY=VALUE")]
        sets: Vec<String>,
        /// Run headless and print the summary as JSON.
        #[arg(long)]
        json: bool,
        /// Write one JSON line per simulation event to FILE.
        #[arg(long, value_name = "FILE")]
        trace: Option<PathBuf>,
    },
    /// List scenario presets.
    Scenarios {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// List the labs (goal-graded challenges on the simulator) with your status.
    Labs {
        /// Print the list as JSON (id, title, lesson, status) instead of text
        #[arg(long)]
        json: bool,
    },
    /// Run a lab headless and grade it: each goal with its measured value.
    Lab {
        /// A built-in lab id or a path to a lab file.
        id: String,
        /// Turn one of the lab's knobs, e.g. `function.reserved_concurrency=800`.
        #[arg(long = "set", value_name = "KEY=VALUE")]
        sets: Vec<String>,
        /// Apply the lab's reference solution.
        #[arg(long)]
        solution: bool,
        /// Print the verdict as JSON (summary keys instead of names).
        #[arg(long)]
        json: bool,
    },
    /// Validate quiz packs, lessons, scenarios or whole course directories.
    Check {
        /// Pack files, lessons, scenarios or course directories (searched recursively)
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Fail (exit 1) on warnings too: item-writing cues, undated or unsourced lessons
        #[arg(long)]
        strict: bool,
    },
    /// Convert another quiz format into a native pack.
    Import {
        /// The file to convert.
        file: PathBuf,
        /// Its format (default: guessed from the file name).
        #[arg(long, value_enum)]
        from: Option<ImportFormat>,
        /// Where to write the pack (default: the packs folder of the data directory).
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        /// Give every imported question this topic.
        #[arg(long)]
        topic: Option<String>,
        /// Link every imported question to this lesson id.
        #[arg(long)]
        lesson: Option<String>,
    },
    /// Convert a native pack into another format.
    ExportPack {
        /// A pack id or a pack file.
        pack: String,
        /// The format to write.
        #[arg(long, value_enum)]
        to: ExportFormat,
        /// Where to write it (default: the pack id with the format's extension).
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
    },
    /// Progress, accuracy per topic, streaks, due reviews.
    Stats {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Every recorded answer, for an instructor.
    History {
        /// The format to write.
        #[arg(long, value_enum)]
        format: HistoryFormat,
        /// Write to FILE instead of standard output.
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
    },
    /// Item analysis of a class from its learners' history exports.
    ///
    /// Reads `history` exports (CSV and JSON, directories recursively) and
    /// reports per question facility, discrimination, pick rates, median
    /// time, hints and flags; per learner and per topic. A global `--pack`
    /// value that is not a path keeps the report to that pack id.
    Report {
        /// History exports, or directories holding them.
        #[arg(required = true, value_name = "FILE_OR_DIR")]
        paths: Vec<PathBuf>,
        /// Print the report as JSON (`questions`, `learners`, `topics`).
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print one CSV row per question.
        #[arg(long)]
        csv: bool,
    },
    /// Installed packs and courses, built-in ones included.
    Packs {
        /// Print JSON instead of a list.
        #[arg(long)]
        json: bool,
    },
    /// Show or set a setting kept in the data directory.
    Config {
        /// The setting to show or change
        #[arg(value_enum)]
        key: ConfigKey,
        /// The new value (`""` forgets it); without one, the current value.
        value: Option<String>,
    },
    /// Print an authoring guide (built in); with no topic, list them.
    Guide {
        /// Which guide: packs, lessons, scenarios, labs or import
        #[arg(value_enum)]
        topic: Option<GuideTopic>,
    },
    /// Print a shell completion script (install it where your shell looks).
    Completions {
        /// The shell to write the script for
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the man page (roff), e.g. `lambda-tutor man > lambda-tutor.1`.
    Man,
    /// Scaffold a new course directory with an example of each file.
    NewCourse {
        /// The directory to create (it must not exist or be empty).
        dir: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GuideTopic {
    /// Quiz packs: every question type, `check`, import and export.
    Packs,
    /// Lessons: front matter and markdown.
    Lessons,
    /// Simulator scenarios.
    Scenarios,
    /// Labs.
    Labs,
    /// Importing other formats and exporting to Anki and Moodle.
    Import,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConfigKey {
    /// The learner's name, recorded with every answer.
    Learner,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    Gift,
    Aiken,
    Anki,
    MdbookQuiz,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Anki,
    Gift,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    Json,
    Csv,
}

impl Cli {
    /// Parse the process's arguments, or print why not and give the exit
    /// code. clap echoes an unknown or invalid argument as typed; when an
    /// argument holds control characters or bidi overrides, the message is
    /// printed as plain text with them neutralised, so an argument cannot
    /// smuggle an escape sequence into the terminal.
    pub fn parse_args() -> Result<Self, std::process::ExitCode> {
        let e = match Self::try_parse() {
            Ok(cli) => return Ok(cli),
            Err(e) => e,
        };
        let hostile = std::env::args_os()
            .any(|a| matches!(crate::text::sanitize(&a.to_string_lossy()), std::borrow::Cow::Owned(_)));
        if !hostile || !e.use_stderr() {
            e.exit();
        }
        let text = e.render().to_string();
        eprint!("{}", crate::text::sanitize_with(&text, true));
        Err(std::process::ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2)))
    }
}

impl GlobalOptions {
    /// Whether colour should be used, given whether the output is a terminal.
    pub fn use_color(&self, is_terminal: bool) -> bool {
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }
}

/// Arguments of `quiz`.
#[derive(Debug, Clone, Default, Args)]
pub struct QuizArgs {
    /// Pack ids or paths (default: every built-in pack).
    // Its own id: the global `--pack` option is also called `packs`,
    // and clap panics when two arguments share an id.
    #[arg(id = "pack_args", value_name = "PACK")]
    pub packs: Vec<String>,
    /// Only questions of this topic (repeatable).
    #[arg(long = "topic")]
    pub topics: Vec<String>,
    /// Only questions on this lesson (repeatable): the lesson's own quiz.
    #[arg(long = "lesson", value_name = "ID")]
    pub lessons: Vec<String>,
    /// How many questions to ask (default: every question that matches).
    #[arg(long)]
    pub count: Option<usize>,
    /// Seed of the question order, to repeat a quiz exactly.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Continue the unfinished quiz where it was left, without asking.
    #[arg(long, conflicts_with_all = ["new", "pack_args", "topics", "lessons", "count", "seed"])]
    pub resume: bool,
    /// Start this quiz in place of the unfinished one, without asking (scripts).
    #[arg(long)]
    pub new: bool,
    /// Line-by-line mode on stdin/stdout, for screen readers and scripts.
    #[arg(long)]
    pub plain: bool,
}

/// Arguments of `drill`.
#[derive(Debug, Clone, Default, Args)]
pub struct DrillArgs {
    /// The time limit in minutes, 1 to 180 (default: 15).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=180))]
    pub minutes: Option<u32>,
    /// Ask this many questions (still against the clock).
    #[arg(long)]
    pub count: Option<usize>,
    /// Only questions of this topic (repeatable).
    #[arg(long = "topic")]
    pub topics: Vec<String>,
    /// Seed of the question choice and order, to repeat a drill exactly.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Line-by-line mode on stdin/stdout, for screen readers and scripts.
    #[arg(long)]
    pub plain: bool,
}
