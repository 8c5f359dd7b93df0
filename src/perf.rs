//! The command line's side of speed and robustness: the progress bar on large
//! inputs and `--keep-going`.

use std::io::IsTerminal;

use portmatrix::model::Matrix;
use portmatrix::parse::{Progress, Source};

/// Inputs with at least this many pages get a progress bar (when stderr is a
/// terminal); smaller ones parse faster than a bar can be read.
const PROGRESS_FROM: u64 = 1000;

/// Parses the trees; with `show` and stderr a terminal, draws a progress bar
/// once the trees turn out to hold many pages, and clears it at the end.
pub fn parse_with_progress(sources: &[Source], show: bool) -> Matrix {
    if !show || !std::io::stderr().is_terminal() {
        return portmatrix::parse::parse_sources(sources);
    }
    // A length of 0 (not `hidden()`, whose length is unset and cannot grow).
    let bar =
        indicatif::ProgressBar::with_draw_target(Some(0), indicatif::ProgressDrawTarget::hidden());
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} parsing {pos}/{len} pages {wide_bar} {eta}",
    ) {
        bar.set_style(style);
    }
    let m = portmatrix::parse::parse_sources_with(sources, &|p| match p {
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

/// `json --source-docs … -o FILE`: parsed and written page by page (see
/// `portmatrix::stream`), so that memory does not grow with the tree. The
/// file is replaced only when the run succeeds (or, with --keep-going, when
/// it could be written at all); the exit status is as for the other commands.
pub fn json_streamed(
    inputs: &crate::Inputs,
    path: &std::path::Path,
    keep_going: bool,
    print: impl Fn(&portmatrix::Diagnostic),
) -> Result<std::process::ExitCode, crate::Error> {
    use std::process::ExitCode;
    let sources: Vec<Source> = inputs.source_docs.iter().map(Source::new).collect();
    let file = match portmatrix::pipeline::json_file::write_json_file(&sources, path, keep_going) {
        Ok(file) => file,
        Err(e) => {
            for d in e.summary.iter().flat_map(|s| &s.diagnostics) {
                print(d);
            }
            return Err(e.error.into());
        }
    };
    let summary = file.summary;
    for d in &summary.diagnostics {
        print(d);
    }
    let errors = summary.diagnostics.iter().filter(|d| d.is_error()).count();
    if errors > 0 && !keep_going {
        return Err(crate::Error::Input { errors });
    }
    if errors > 0 {
        eprintln!(
            "error: {errors} error(s) in the input; --keep-going: writing the pages without errors"
        );
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}
