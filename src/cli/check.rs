//! `portmatrix check`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use portmatrix::check::{baseline::Baseline, render};

use super::exit::{Error, Message};
use super::global::Global;
use super::inputs::Inputs;

/// Check the tables for contradictions and drifted translations.
///
/// Exit status: 0 when every finding is in the baseline, 1 when there are
/// new findings or stale baseline entries, 2 on input errors.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    inputs: Inputs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Accepted findings (default: the check-baseline.json built in).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
}

/// `--format`.
#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    Human,
    Json,
    Sarif,
}

/// Prints the findings (stdout) and the translation issues (stderr).
pub fn run(args: &Args, g: &Global) -> Result<ExitCode, Error> {
    let (loaded, status) = args.inputs.load(g, false)?;
    let m = loaded.get();
    let baseline = match &args.baseline {
        None => Baseline::embedded(),
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|source| Error::BaselineRead {
                path: path.clone(),
                source,
            })?;
            Baseline::parse(&text).map_err(|e| Error::BaselineSyntax {
                path: path.clone(),
                source: Message(e),
            })?
        }
    };
    let format = match args.format {
        Format::Human => render::Format::Human,
        Format::Json => render::Format::Json,
        Format::Sarif => render::Format::Sarif,
    };
    let (text, mut code) = render::report_styled(m, format, &baseline, g.color.for_stdout());
    print!("{text}");
    let issues =
        portmatrix::pipeline::translations::translation_issues(m).map_err(Error::Catalogs)?;
    for i in &issues {
        eprintln!("{i}");
    }
    if !issues.is_empty() {
        eprintln!(
            "{} translation issue(s): run `portmatrix i18n update` and translate i18n/*.po",
            issues.len()
        );
        code = code.max(1);
    }
    // With --keep-going and input errors, the status is 2 (input errors).
    Ok(if m.has_errors() {
        status
    } else {
        ExitCode::from(code)
    })
}
