//! The pages a command works on: the embedded default or the trees given
//! with `--source-docs`.

use std::path::PathBuf;
use std::process::ExitCode;

use portmatrix::model::Matrix;
use portmatrix::parse::Source;

use super::exit::Error;
use super::global::Global;

/// `--source-docs DIR` (repeatable), flattened into every command that reads
/// pages.
#[derive(clap::Args, Clone)]
pub struct Inputs {
    /// A docs tree to parse instead of the embedded default (repeatable).
    #[arg(long = "source-docs", value_name = "DIR")]
    pub source_docs: Vec<PathBuf>,
}

/// The matrix to work on: the embedded default, or the trees given.
pub enum Loaded {
    /// Baked into the binary at build time.
    Embedded(&'static Matrix),
    /// Parsed now from `--source-docs`.
    Parsed(Matrix),
}

impl Loaded {
    /// The matrix.
    pub fn get(&self) -> &Matrix {
        match self {
            Loaded::Embedded(m) => m,
            Loaded::Parsed(m) => m,
        }
    }
}

impl Inputs {
    /// The trees given, as parser sources.
    pub fn sources(&self) -> Vec<Source> {
        self.source_docs.iter().map(Source::new).collect()
    }

    /// Loads the inputs (with a progress bar when `progress` and the trees
    /// are large; without the pages that have errors with `--keep-going`)
    /// and prints their diagnostics. Stops with [`Error::Input`] on input
    /// errors unless `--keep-going`, in which case the status to end with
    /// is 2.
    pub fn load(&self, g: &Global, progress: bool) -> Result<(Loaded, ExitCode), Error> {
        let loaded = if self.source_docs.is_empty() {
            Loaded::Embedded(portmatrix::embedded())
        } else {
            let m = super::progress::parse_with_progress(&self.sources(), progress);
            Loaded::Parsed(if g.keep_going {
                portmatrix::pipeline::keep_going::drop_failed_pages(m)
            } else {
                m
            })
        };
        let m = loaded.get();
        for d in m.diagnostics.iter() {
            super::diagnostics::print(d, g);
        }
        let errors = m.diagnostics.iter().filter(|d| d.is_error()).count();
        let status = super::exit::input_status(errors, g)?;
        Ok((loaded, status))
    }
}
