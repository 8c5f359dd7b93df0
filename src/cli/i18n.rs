//! `portmatrix i18n`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use portmatrix::pipeline::WriteError;

use clap::Subcommand;

use super::exit::Error;
use super::global::Global;
use super::inputs::Inputs;

/// Translation catalogs of the books, and vocabularies learned from pages.
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
    /// Write, as a vocabulary file for a person to review, the words of
    /// locale L that alignment with the English editions typed and L's
    /// vocabulary does not know yet (give the pages of L and their en-US
    /// editions with --source-docs).
    Vocab(VocabArgs),
}

#[derive(clap::Args)]
struct VocabArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// The locale to learn for, a BCP 47 tag (pages whose locale it is).
    #[arg(long, value_name = "L", value_parser = super::book::parse_locale)]
    locale: String,
    /// Write to FILE (atomically) instead of standard output; `-` is
    /// standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
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
        Command::Vocab(a) => vocab(a, g),
    }
}

/// Parses the pages (English editions beside them), learns the locale's
/// words from what alignment typed and writes them as a vocabulary file; a
/// summary goes to stderr.
fn vocab(args: &VocabArgs, g: &Global) -> Result<ExitCode, Error> {
    let output = args.output.as_deref().filter(|p| *p != Path::new("-"));
    if let Some(path) = output {
        portmatrix::output::check_output_file(path, &args.inputs.protected())?;
    }
    let (loaded, status) = args.inputs.load(g, false)?;
    let m = loaded.get();
    let registry = portmatrix::names::registry();
    let vocabs = portmatrix::parse::vocab::Vocabs::new(registry);
    let learned = portmatrix::parse::align::learn(m, &args.locale, &vocabs);
    let english = registry
        .fallback(portmatrix::i18n::SOURCE_LANGUAGE)
        .first()
        .map_or(portmatrix::i18n::SOURCE_LANGUAGE, |l| l.tag())
        .to_string();
    let text = learned.to_toml(&english);
    match output {
        Some(path) => {
            portmatrix::output::write_atomic_with(path, |w| w.write_all(text.as_bytes()))
                .map_err(|e| WriteError::new(path, e))?;
            eprintln!("wrote {}", path.display());
        }
        None => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .map_err(|e| WriteError::new("standard output", e))?,
    }
    let pages = m
        .pages()
        .filter(|p| p.locale.eq_ignore_ascii_case(&args.locale))
        .count();
    if pages == 0 {
        eprintln!(
            "warning: no page in {} among the inputs: nothing to learn",
            args.locale
        );
    } else if !g.quiet {
        eprintln!(
            "learned {} entries for {} from {pages} page(s); {} cell phrase(s) not learned{}",
            learned.entries(),
            args.locale,
            learned.not_learned.len(),
            if learned.not_learned.is_empty() {
                ""
            } else {
                " (listed at the end of the file)"
            }
        );
    }
    Ok(status)
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
