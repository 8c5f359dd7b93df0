//! The progress bar while parsing large trees.

use std::io::IsTerminal;

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
    let bar =
        indicatif::ProgressBar::with_draw_target(Some(0), indicatif::ProgressDrawTarget::hidden());
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} parsing {pos}/{len} pages {wide_bar} {eta}",
    ) {
        bar.set_style(style);
    }
    let m = portmatrix::parse::parse_sources_with_registry(sources, registry(), &|p| match p {
        Progress::Found(n) => {
            bar.inc_length(n as u64);
            if bar.length().unwrap_or(0) >= PROGRESS_FROM && bar.is_hidden() {
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            }
        }
        Progress::Parsed => bar.inc(1),
    });
    bar.finish_and_clear();
    m
}
