//! `portmatrix json`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use portmatrix::pipeline::WriteError;
use portmatrix::pipeline::json_file::write_json_file;

use super::exit::Error;
use super::global::Global;
use super::inputs::Inputs;

/// Print the matrix as JSON (the contract is in README and `portmatrix schema`).
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    inputs: Inputs,
    /// Write to FILE (atomically) instead of standard output; `-` is
    /// standard output. FILE must be a regular file or a new path (a device,
    /// a FIFO, a symbolic link or a page of the docs tree is refused).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Writes the document to the file or standard output, streamed: it is
/// never held in memory as a whole.
pub fn run(args: &Args, g: &Global) -> Result<ExitCode, Error> {
    let output = args.output.as_deref().filter(|p| *p != Path::new("-"));
    if let Some(path) = output {
        // Before any work: nothing is parsed for a target that is refused.
        portmatrix::output::check_output_file(path, &args.inputs.protected())?;
        if !args.inputs.source_docs.is_empty() {
            return streamed(&args.inputs, path, g);
        }
    }
    let (loaded, status) = args.inputs.load(g, false)?;
    let m = loaded.get();
    match output {
        Some(path) => {
            portmatrix::output::write_atomic_with(path, |w| portmatrix::json::write_json(m, w))
                .map_err(|e| WriteError::new(path, e))?
        }
        None => portmatrix::json::write_json(m, std::io::stdout().lock()).map_err(Error::Stdout)?,
    }
    Ok(status)
}

/// `json --source-docs … -o FILE`: parsed and written page by page, so that
/// memory does not grow with the tree (see
/// `portmatrix::pipeline::json_file`); the exit status is as for the other
/// commands.
fn streamed(inputs: &Inputs, path: &Path, g: &Global) -> Result<ExitCode, Error> {
    let sources = inputs.sources();
    let file = match write_json_file(&sources, path, g.keep_going) {
        Ok(file) => file,
        Err(e) => {
            for d in e.summary.iter().flat_map(|s| &s.diagnostics) {
                super::diagnostics::print(d, g, &sources);
            }
            return Err(e.error.into());
        }
    };
    let diagnostics = &file.summary.diagnostics;
    for d in diagnostics {
        super::diagnostics::print(d, g, &sources);
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    super::exit::input_status(errors, g)
}
