//! `portmatrix check`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use portmatrix::check::{baseline::Baseline, render};

use super::exit::{Error, Message};
use super::global::Global;
use super::inputs::Inputs;

/// Check the tables for contradictions, drifted translations and book
/// catalog problems.
///
/// One finding per defect, at a level by firewall impact: error (a wrong or
/// missing rule), warning (a mislabelled or incomplete table), style
/// (naming and wording that change no rule; shown with --style, always in
/// JSON and SARIF).
///
/// Exit status: 0 when every finding (shown or not) is in the baseline, 1
/// when there are new findings or stale baseline entries, 2 on input errors.
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
    /// Also show the style findings (naming and wording that change no
    /// rule) in the human report.
    #[arg(long)]
    style: bool,
}

/// `--format`.
#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    Human,
    Json,
    Sarif,
}

/// Prints the findings, the catalog problems among them (stdout).
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
    let findings =
        portmatrix::pipeline::translations::check_findings(m).map_err(Error::Catalogs)?;
    let options = render::Options {
        format,
        color: g.color.for_stdout(),
        style: args.style,
    };
    // Written as it is rendered: the report of a large tree is larger
    // than its matrix.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let code = render::write_report(&mut out, m, &findings, &baseline, &options)
        .and_then(|code| std::io::Write::flush(&mut out).map(|()| code))
        .map_err(Error::Report)?;
    // With --keep-going and input errors, the status is 2 (input errors).
    Ok(if m.has_errors() {
        status
    } else {
        ExitCode::from(code)
    })
}
