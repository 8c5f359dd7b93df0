//! `portmatrix mdbook`.

use std::process::ExitCode;

use super::exit::Error;
use super::global::Global;

/// Run as an mdBook preprocessor: port tables, diagrams, queries and check
/// findings in any chapter of your own book through `{{#portmatrix …}}`
/// directives.
///
/// mdBook runs this for a book whose book.toml has
/// `[preprocessor.portmatrix]` (with `command = "portmatrix mdbook"`, or
/// nothing and the `mdbook-portmatrix` binary on PATH): `supports RENDERER`
/// first, then the `[context, book]` JSON on standard input; the book goes
/// to standard output, errors (chapter:line, what was expected) to standard
/// error. Exit status: 0, 2 for errors in the book or its inputs, 1 when
/// the protocol fails.
#[derive(clap::Args)]
#[command(after_help = "Directives (one a line, in any chapter):
  {{#portmatrix table PAGE [kind=…] [direction=…] [role=…]}}
  {{#portmatrix diagram PAGE topology|ports}}
  {{#portmatrix query [port=…] [transport=tcp|udp] [page=…] [kind=…] [direction=…] [role=…] [from=…] [to=…]}}
  {{#portmatrix findings PAGE}}

book.toml:
  [preprocessor.portmatrix]
  source-docs = [\"docs\"]          # default: the pages built in
  deployment = \"deployment.toml\"  # addresses in the tables
  fail-on = \"error\"               # a finding this severe on a shown page fails the build")]
pub struct Args {
    #[command(subcommand)]
    command: Option<Sub>,
}

#[derive(clap::Subcommand)]
enum Sub {
    /// Exit 0 when the renderer is supported (html, markdown), 1 otherwise.
    Supports {
        /// The renderer mdBook asks about.
        renderer: String,
    },
}

/// Answers `supports`, or preprocesses the book on the standard streams.
pub fn run(args: &Args, g: &Global) -> Result<ExitCode, Error> {
    Ok(match &args.command {
        Some(Sub::Supports { renderer }) => {
            if portmatrix::mdbook::supports(renderer) {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        None => portmatrix::mdbook::run_stdio(g.quiet),
    })
}
