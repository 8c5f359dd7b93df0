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
    /// output is the same whatever N. N (and RAYON_NUM_THREADS) is capped at
    /// twice the available cores, and at 64, with an info on stderr.
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

    /// Sizes rayon's global pool for `--jobs` (once, before any work):
    /// N, or `RAYON_NUM_THREADS` without it, capped at [`max_jobs`] with an
    /// info on stderr (unless `--quiet`).
    pub fn init_threads(&self) -> Result<(), Error> {
        // `RAYON_NUM_THREADS` is read here too, so that it is capped like
        // `--jobs` (rayon would otherwise take it as it is).
        let (asked, what) = match self.jobs {
            Some(jobs) => (jobs, "--jobs"),
            None => match std::env::var("RAYON_NUM_THREADS")
                .ok()
                .and_then(|v| v.trim().parse::<usize>().ok())
            {
                Some(jobs) => (jobs, "RAYON_NUM_THREADS"),
                None => return Ok(()),
            },
        };
        let max = max_jobs();
        let jobs = if asked > max {
            if !self.quiet {
                eprintln!(
                    "info: {what} {asked} capped to {max} thread(s) (twice the {} available core(s), at most {MAX_JOBS})",
                    available_cores()
                );
            }
            max
        } else {
            // 0 is rayon's "choose for me": all cores.
            asked
        };
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build_global()
            .map_err(|source| Error::Jobs { jobs, source })
    }
}

/// The most threads `--jobs` gets on any machine.
pub const MAX_JOBS: usize = 64;

/// The cores this process may use (1 when unknown).
fn available_cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// The most threads `--jobs` gets here: twice the available cores (parsing
/// waits on reading files now and then), and never more than [`MAX_JOBS`].
/// Why: every thread is a real OS thread with its own stack; `-j 100000`
/// used to start thousands of them and bring the machine to a halt for no
/// gain (the work is CPU-bound).
pub fn max_jobs() -> usize {
    (2 * available_cores()).min(MAX_JOBS)
}
