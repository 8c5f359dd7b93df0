//! `portmatrix i18n`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use super::exit::Error;
use super::global::Global;
use super::inputs::Inputs;

/// Translation catalogs of the books.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate DIR/portmatrix.pot and merge it into DIR/<locale>.po (changed entries fuzzy).
    Update(UpdateArgs),
}

#[derive(clap::Args)]
struct UpdateArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// Catalog folder.
    #[arg(long, default_value = "i18n", value_name = "DIR")]
    dir: PathBuf,
    /// Book locale, a BCP 47 tag (repeatable; default: zh-CN and en-US).
    /// The files written are DIR/portmatrix.pot and DIR/<locale>.po, never
    /// anything outside DIR.
    #[arg(long = "locale", value_name = "L", value_parser = super::book::parse_locale)]
    locales: Vec<String>,
}

/// Runs the `i18n` subcommand.
pub fn run(args: &Args, g: &Global) -> Result<ExitCode, Error> {
    match &args.command {
        Command::Update(a) => update(a, g),
    }
}

/// Regenerates the POT file, merges it into the PO files, and says what was
/// written.
fn update(args: &UpdateArgs, g: &Global) -> Result<ExitCode, Error> {
    let (loaded, status) = args.inputs.load(g, false)?;
    let m = loaded.get();
    let mut o = portmatrix::book::Options::new("out/book");
    o.locales = args.locales.clone();
    let r = portmatrix::book::i18n_update(m, &args.dir, &o.locales()).map_err(|source| {
        Error::I18n {
            dir: args.dir.clone(),
            source,
        }
    })?;
    eprintln!("wrote {}", r.pot.display());
    for (path, n, ok, fuzzy, untranslated, obsolete) in &r.po {
        eprintln!(
            "wrote {}: {n} message(s): {ok} translated, {fuzzy} fuzzy, {untranslated} untranslated; {obsolete} obsolete",
            path.display()
        );
    }
    Ok(status)
}
