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
    /// Regenerate DIR/book.pot (interface, hand-written chapters by
    /// paragraph, page texts a book has no edition of) and merge it into
    /// every DIR/<locale>/book.po the way msgmerge does: changed entries
    /// fuzzy, vanished ones obsolete (#~), header fields, translator
    /// comments and flags kept.
    Update(UpdateArgs),
}

#[derive(clap::Args)]
struct UpdateArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// Catalog folder.
    #[arg(long, default_value = "i18n", value_name = "DIR")]
    dir: PathBuf,
    /// Book locale whose catalog to write, a known BCP 47 tag matched
    /// case-insensitively (repeatable; default: every locale that has pages
    /// or a catalog). The files written are DIR/book.pot and
    /// DIR/<locale>/book.po, never anything outside DIR. A new language
    /// starts with its catalog: `msginit -i DIR/book.pot -o
    /// DIR/<locale>/book.po -l <locale>`, then this command.
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
    let i18n_err = |source| Error::I18n {
        dir: args.dir.clone(),
        source,
    };
    // The catalogs of DIR (and the embedded ones) make their locales known.
    let cats = portmatrix::book::Catalogs::load(&args.dir).map_err(i18n_err)?;
    let locales = if args.locales.is_empty() {
        portmatrix::book::default_locales(m, &cats)
    } else {
        super::book::resolve_locales(&args.locales, m, &cats)?
    };
    let r = portmatrix::book::i18n_update(m, &args.dir, &locales).map_err(i18n_err)?;
    eprintln!("wrote {}", r.pot.display());
    let count = super::book::count;
    for c in &r.po {
        eprintln!(
            "wrote {}: {}: {} translated, {} fuzzy, {} untranslated; {} obsolete",
            c.path.display(),
            count(c.entries, "message", "messages"),
            c.translated,
            c.fuzzy,
            c.untranslated,
            c.obsolete
        );
    }
    Ok(status)
}
