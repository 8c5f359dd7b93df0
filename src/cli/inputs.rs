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
    /// The trees given, as parser sources. A page's path in every output is
    /// `<tree folder name>/<path in the tree>` whatever the spelling of
    /// `--source-docs` (see `Source::new`); trees that share a folder name
    /// (`a/docs`, `b/docs`) are told apart by as many folders above as it
    /// takes (`a/docs/…`, `b/docs/…`).
    pub fn sources(&self) -> Vec<Source> {
        let mut sources: Vec<Source> = self.source_docs.iter().map(Source::new).collect();
        let full: Vec<Vec<String>> = self
            .source_docs
            .iter()
            .map(|r| {
                // As Source::new names a tree: links followed.
                r.canonicalize()
                    .or_else(|_| portmatrix::output::resolve(r))
                    .unwrap_or_else(|_| r.clone())
                    .components()
                    .filter_map(|c| match c {
                        std::path::Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        for depth in 2.. {
            let clashes: Vec<usize> = (0..sources.len())
                .filter(|&i| {
                    (0..sources.len()).any(|j| {
                        j != i && sources[j].display == sources[i].display && full[j] != full[i]
                    })
                })
                .collect();
            if clashes.is_empty() {
                break;
            }
            let mut longer = false;
            for i in clashes {
                let f = &full[i];
                let n = depth.min(f.len());
                longer |= n == depth;
                sources[i].display = f[f.len() - n..].join("/");
            }
            if !longer {
                break;
            }
        }
        sources
    }

    /// The docs trees being read: an output may not replace or hold one.
    pub fn protected(&self) -> Vec<PathBuf> {
        self.source_docs.clone()
    }

    /// Loads the inputs (with a progress bar when `progress` and the trees
    /// are large; without the pages that have errors with `--keep-going`)
    /// and prints their diagnostics. Stops with [`Error::Input`] on input
    /// errors unless `--keep-going`, in which case the status to end with
    /// is 2.
    pub fn load(&self, g: &Global, progress: bool) -> Result<(Loaded, ExitCode), Error> {
        let sources = self.sources();
        let loaded = if self.source_docs.is_empty() {
            Loaded::Embedded(portmatrix::embedded())
        } else {
            let m = super::progress::parse_with_progress(&sources, progress);
            Loaded::Parsed(if g.keep_going {
                portmatrix::pipeline::keep_going::drop_failed_pages(m)
            } else {
                m
            })
        };
        let m = loaded.get();
        for d in m.diagnostics.iter() {
            super::diagnostics::print(d, g, &sources);
        }
        let errors = m.diagnostics.iter().filter(|d| d.is_error()).count();
        let status = super::exit::input_status(errors, g)?;
        Ok((loaded, status))
    }

    /// [`Inputs::load`] for `build`: parsing is the first stage of `stages`
    /// (drawn on a terminal), and the diagnostics are summarized
    /// ([`super::diagnostics::print_summarized`]: all of them go to `file`),
    /// with those of the later stages that `later` finds in the matrix
    /// (asked only when the build goes on). Returns every diagnostic, the
    /// input's then the later stages', in the order `file` lists them.
    pub fn load_staged(
        &self,
        g: &Global,
        stages: &super::progress::Stages,
        file: &std::path::Path,
        later: impl FnOnce(&portmatrix::model::Matrix) -> Vec<portmatrix::Diagnostic>,
    ) -> Result<(Loaded, ExitCode, Vec<portmatrix::Diagnostic>), Error> {
        let sources = self.sources();
        let loaded = if self.source_docs.is_empty() {
            Loaded::Embedded(portmatrix::embedded())
        } else {
            let m = stages.parse(&sources);
            Loaded::Parsed(if g.keep_going {
                portmatrix::pipeline::keep_going::drop_failed_pages(m)
            } else {
                m
            })
        };
        let m = loaded.get();
        let errors = m.diagnostics.iter().filter(|d| d.is_error()).count();
        let goes_on = errors == 0 || g.keep_going;
        let mut all = m.diagnostics.to_vec();
        if goes_on {
            all.extend(later(m));
        }
        stages.suspend(|| super::diagnostics::print_summarized(&all, g, &sources, goes_on, file));
        let status = stages.suspend(|| super::exit::input_status(errors, g))?;
        Ok((loaded, status, all))
    }
}
