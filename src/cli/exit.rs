//! Why a command failed, and the exit status: 0 ok, 2 input errors (pages,
//! baseline, `--i18n` locale folders, an unknown `--locale`), 1 other
//! failures.

use std::error::Error as _;
use std::path::PathBuf;
use std::process::ExitCode;

use portmatrix::book::BookError;
use portmatrix::output::OutputError;
use portmatrix::pipeline::WriteError;

/// Exit status 2: the input (pages, baseline) has errors.
pub const INPUT_ERRORS: u8 = 2;

/// Why a command stopped early. Printed by [`finish`] as `error: …`, then one
/// `  caused by: …` line per source in the chain.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input has errors, each already printed: nothing is written.
    #[error("{errors} error(s) in the input; nothing written")]
    Input {
        /// How many.
        errors: usize,
    },
    /// `check --baseline FILE`: the file cannot be read.
    #[error("cannot read the baseline {}", .path.display())]
    BaselineRead {
        /// The baseline file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// `check --baseline FILE`: the file is not a baseline.
    #[error("invalid baseline {}", .path.display())]
    BaselineSyntax {
        /// The baseline file.
        path: PathBuf,
        /// What is wrong in it.
        #[source]
        source: Message,
    },
    /// `--i18n DIR`: a locale folder is invalid.
    #[error("invalid locale data")]
    Locales(#[source] portmatrix::i18n::Error),
    /// `--jobs N`: the thread pool cannot be made.
    #[error("--jobs {jobs}")]
    Jobs {
        /// N.
        jobs: usize,
        /// Why.
        #[source]
        source: rayon::ThreadPoolBuildError,
    },
    /// An output file cannot be written.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// An output folder or file is refused (the root, a docs tree, a device,
    /// a folder of someone else's), busy (another run writes it), or cannot
    /// be put in place. Nothing was changed.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// The JSON document cannot be written to standard output.
    #[error("cannot write the JSON")]
    Stdout(#[source] std::io::Error),
    /// `check`: the report cannot be written to standard output.
    #[error("cannot write the report")]
    Report(#[source] std::io::Error),
    /// `query --format json`: the rules cannot be serialized.
    #[error("cannot serialize the rules as JSON")]
    Serialize(#[source] serde_json::Error),
    /// The translation catalogs built in do not load.
    #[error("cannot load the embedded translation catalogs")]
    Catalogs(#[source] BookError),
    /// The books cannot be built.
    #[error("cannot build the books in {}", .out.display())]
    Book {
        /// The books' output folder.
        out: PathBuf,
        /// Why.
        #[source]
        source: BookError,
    },
    /// `--locale L`: no locale data, catalog or page has L.
    #[error(transparent)]
    UnknownLocale(#[from] portmatrix::book::UnknownLocale),
    /// `i18n update`: the catalogs cannot be updated.
    #[error("cannot update the translation catalogs in {}", .dir.display())]
    I18n {
        /// The catalog folder.
        dir: PathBuf,
        /// Why.
        #[source]
        source: BookError,
    },
}

/// An error that is only a message (from an API that reports a `String`).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Message(pub String);

impl Error {
    /// 2 for errors in the input (the pages, the baseline), 1 for the others.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Error::Input { .. }
            | Error::BaselineRead { .. }
            | Error::BaselineSyntax { .. }
            | Error::Locales(_)
            | Error::UnknownLocale(_) => ExitCode::from(INPUT_ERRORS),
            _ => ExitCode::from(1),
        }
    }
}

/// The exit status of a command's result; an error is printed first, with
/// its chain of causes.
pub fn finish(result: Result<ExitCode, Error>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            let mut cause = e.source();
            while let Some(c) = cause {
                eprintln!("  caused by: {c}");
                cause = c.source();
            }
            e.exit_code()
        }
    }
}

/// Exit status 2 when the input had `errors`: `Err` (stop, write nothing)
/// without `--keep-going`, `Ok(2)` (go on, then exit 2) with it.
pub fn input_status(errors: usize, g: &super::global::Global) -> Result<ExitCode, Error> {
    if errors == 0 {
        Ok(ExitCode::SUCCESS)
    } else if g.keep_going {
        eprintln!(
            "error: {errors} error(s) in the input; --keep-going: writing the pages without errors"
        );
        Ok(ExitCode::from(INPUT_ERRORS))
    } else {
        Err(Error::Input { errors })
    }
}
