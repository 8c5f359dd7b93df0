//! The options every command takes.

use std::path::PathBuf;

use super::exit::Error;

/// `--quiet`, `--verbose`, `--jobs`, `--keep-going`, `--color`, `--i18n`
/// (global: accepted before or after the command).
#[derive(clap::Args)]
pub struct Global {
    /// Do not print warnings (errors are always printed).
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Also print info diagnostics (inferred transports, …).
    #[arg(long, short, global = true)]
    pub verbose: bool,
    /// Parse with N threads (default: all cores, or RAYON_NUM_THREADS). The
    /// output is the same whatever N.
    #[arg(long, short = 'j', global = true, value_name = "N")]
    pub jobs: Option<usize>,
    /// When some pages have errors, still process and write the others: the
    /// pages with errors are left out of the output, their diagnostics are
    /// kept, and the exit status is still 2.
    #[arg(long, global = true)]
    pub keep_going: bool,
    /// When to color diagnostics: auto (a terminal, unless NO_COLOR is set),
    /// always, never.
    #[arg(long, global = true, value_enum, default_value_t, value_name = "WHEN")]
    pub color: portmatrix::snippet::ColorChoice,
    /// A folder laid out like the crate's i18n/: locale folders
    /// DIR/<locale>/vocabulary.toml (the words of that language's pages) and
    /// DIR/<locale>/names.toml (display names), and for the books the
    /// gettext catalogs DIR/<locale>/book.po. Each replaces the built-in one
    /// of the same locale; a catalog of a new locale adds a book.
    #[arg(long, global = true, value_name = "DIR")]
    pub i18n: Option<PathBuf>,
}

impl Global {
    /// Loads `--i18n DIR` (once, before any work) into the registry that
    /// parsing and every renderer read.
    pub fn init_locales(&self) -> Result<(), Error> {
        let Some(dir) = &self.i18n else {
            return Ok(());
        };
        let registry = portmatrix::names::Registry::with_dir(dir).map_err(Error::Locales)?;
        // This runs first: nothing was installed before.
        portmatrix::names::install(registry);
        Ok(())
    }

    /// Sizes rayon's global pool for `--jobs` (once, before any work).
    pub fn init_threads(&self) -> Result<(), Error> {
        match self.jobs {
            Some(jobs) => rayon::ThreadPoolBuilder::new()
                .num_threads(jobs)
                .build_global()
                .map_err(|source| Error::Jobs { jobs, source }),
            None => Ok(()),
        }
    }
}
