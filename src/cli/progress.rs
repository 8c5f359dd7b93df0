//! Progress on the terminal: the bar while parsing large trees, and the
//! stages of `portmatrix build`.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use portmatrix::model::Matrix;
use portmatrix::names::registry;
use portmatrix::parse::{Progress, Source};

/// Inputs with at least this many pages get a progress bar (when stderr is a
/// terminal); smaller ones parse faster than a bar can be read.
const PROGRESS_FROM: u64 = 1000;

/// Parses the trees (with the words of the process's locale registry:
/// `--i18n`); with `show` and stderr a terminal, draws a progress bar
/// once the trees turn out to hold many pages, and clears it at the end.
pub fn parse_with_progress(sources: &[Source], show: bool) -> Matrix {
    if !show || !std::io::stderr().is_terminal() {
        return portmatrix::parse::parse_sources_with_registry(sources, registry(), &|_| {});
    }
    // A length of 0 (not `hidden()`, whose length is unset and cannot grow).
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} parsing {pos}/{len} pages {wide_bar} {eta}")
    {
        bar.set_style(style);
    }
    let m = portmatrix::parse::parse_sources_with_registry(sources, registry(), &|p| match p {
        Progress::Found(n) => {
            bar.inc_length(n as u64);
            if bar.length().unwrap_or(0) >= PROGRESS_FROM && bar.is_hidden() {
                bar.set_draw_target(ProgressDrawTarget::stderr());
            }
        }
        Progress::Parsed => bar.inc(1),
    });
    bar.finish_and_clear();
    m
}

/// The stages of `build`, in order (the display counts them: `[3/5]`).
pub const BUILD_STAGES: [&str; 5] = ["parse", "check", "diagrams", "books", "write"];

/// One progress display for a command of several stages: `[3/5] diagrams
/// 1200/10000 pages ████░░░░ 4s left`, redrawn in place on stderr when it
/// is a terminal and nothing otherwise (a pipe or a file gets no bar, no
/// escape codes, no lines). Each stage has its own count and ETA.
pub struct Stages {
    bar: Option<ProgressBar>,
    names: &'static [&'static str],
    /// When each stage started, in order (`-v` prints how long each took).
    started: std::sync::Mutex<Vec<(&'static str, std::time::Instant)>>,
}

impl Stages {
    /// A display of `names`, drawn only when `show` and stderr is a terminal.
    pub fn new(names: &'static [&'static str], show: bool) -> Stages {
        let bar = (show && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template(
                "{prefix:.bold} {pos}/{len} {msg} {wide_bar} {eta} left",
            ) {
                bar.set_style(style);
            }
            bar
        });
        Stages {
            bar,
            names,
            started: Default::default(),
        }
    }

    /// Starts stage `name` (one of `names`) of `len` steps (`what`: pages,
    /// books, files): the count and the ETA start again from zero.
    pub fn start(&self, name: &str, len: u64, what: &str) {
        let i = self.names.iter().position(|n| *n == name).unwrap_or(0);
        if let Ok(mut s) = self.started.lock() {
            s.push((
                self.names.get(i).copied().unwrap_or("stage"),
                std::time::Instant::now(),
            ));
        }
        let Some(bar) = &self.bar else { return };
        bar.set_prefix(format!("[{}/{}] {name}", i + 1, self.names.len()));
        bar.set_message(what.to_string());
        bar.set_length(len);
        bar.reset();
    }

    /// Adds `n` steps to the current stage's length (parsing learns the
    /// number of pages tree by tree).
    pub fn grow(&self, n: u64) {
        if let Some(bar) = &self.bar {
            bar.inc_length(n);
        }
    }

    /// One more step of the current stage (from any thread).
    pub fn tick(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// Runs `f` (printing to stderr) with the display cleared, then draws
    /// it again.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// Parses the trees as the first stage (`parse`, counted in pages).
    pub fn parse(&self, sources: &[Source]) -> Matrix {
        self.start("parse", 0, "pages");
        portmatrix::parse::parse_sources_with_registry(sources, registry(), &|p| match p {
            Progress::Found(n) => self.grow(n as u64),
            Progress::Parsed => self.tick(),
        })
    }

    /// How long each stage took, up to now: `parse 0.12 s, check 0.03 s, …`.
    pub fn timings(&self) -> String {
        let Ok(s) = self.started.lock() else {
            return String::new();
        };
        let now = std::time::Instant::now();
        s.iter()
            .enumerate()
            .map(|(i, (name, t))| {
                let end = s.get(i + 1).map_or(now, |(_, next)| *next);
                format!("{name} {:.2} s", end.duration_since(*t).as_secs_f64())
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Clears the display (the summary lines are printed after it).
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Stages {
    fn drop(&mut self) {
        // An error ends the command early: leave no bar half drawn above it.
        self.finish();
    }
}
