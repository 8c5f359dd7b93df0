//! The `portmatrix` command line. See `portmatrix --help`.
//!
//! This file parses the command line and dispatches; each command is in
//! `cli/<command>.rs`, and the library steps the commands share are in
//! `portmatrix::pipeline`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cli;

// mdBook, run in process by `build` and `book`, spends most of its time in
// the allocator on large books; glibc's malloc made it superlinear there
// (issue 14's measurements in README, "Performance").
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Hands the memory freed so far back to the system, on this thread and on
/// every thread of rayon's pool (each has its own mimalloc heap).
///
/// Why: `build` frees large structures between its stages (the parser's
/// working data, the checks' findings once the books have theirs) and then
/// makes the books, whose allocations are of other sizes; mimalloc keeps
/// freed pages for reuse and returns them to the system only later, so the
/// books' memory came on top of them. Three calls at 10,000 pages take the
/// peak from 364 to 353 MiB (README, "Performance"); each is a walk of the
/// heaps, a few milliseconds.
pub(crate) fn give_back_freed() {
    // SAFETY: mi_collect has no precondition; it may be called on any
    // thread at any time.
    rayon::broadcast(|_| unsafe { libmimalloc_sys::mi_collect(true) });
    unsafe { libmimalloc_sys::mi_collect(true) }
}

/// Compile Microsoft TechNet Lync Server 2013 port-summary pages into a typed
/// firewall matrix.
///
/// Without --source-docs every command works on the embedded default: the
/// pages baked into this binary at build time (source-docs/ of the crate).
/// With --source-docs DIR (repeatable) the pages are parsed now; DIR is
/// searched recursively for .md files with TechNet front matter.
///
/// Exit status: 0 on success, 2 when an input has errors (each printed as
/// file:line: error[code]: message), 1 on other failures.
#[derive(Parser)]
#[command(name = "portmatrix", version, about, long_about, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    global: cli::global::Global,
}

const EXAMPLES: &str = "Examples:
  portmatrix build                                  # JSON + schema of the embedded default into ./out
  portmatrix json --source-docs ../docs -o m.json   # parse another docs tree
  portmatrix query --port 443 --transport tcp       # which rules open TCP 443?
  portmatrix query --port 3478 --locale zh-CN       # names in Chinese
  portmatrix query --kind internal-interface --direction inbound
  portmatrix pages                                  # the pages: asset id, locale, title
  portmatrix firewall --deployment examples/deployment.toml --format nftables -o pm.nft
  portmatrix book --out out/book                    # zh-CN and en-US runbook books (HTML)
  portmatrix i18n update                            # refresh i18n/portmatrix.pot and i18n/*.po
  portmatrix mdbook supports html                   # the mdBook preprocessor ({{#portmatrix …}})";

// The help text of each command is the doc comment of its `Args`.
#[derive(Subcommand)]
enum Command {
    Json(cli::json::Args),
    Schema(cli::schema::Args),
    Query(cli::query::Args),
    Pages(cli::pages::Args),
    Firewall(cli::firewall::Args),
    Check(cli::check::Args),
    Diagrams(cli::diagrams::Args),
    Build(cli::build::Args),
    Book(cli::book::Args),
    I18n(cli::i18n::Args),
    Mdbook(cli::mdbook::Args),
}

fn main() -> ExitCode {
    cli::staged::handle_interrupts();
    let cli = Cli::parse();
    let g = &cli.global;
    let result = g
        .init_threads()
        .and_then(|()| g.init_locales())
        .and_then(|()| match &cli.command {
            Command::Json(args) => cli::json::run(args, g),
            Command::Schema(args) => cli::schema::run(args),
            Command::Query(args) => cli::query::run(args, g),
            Command::Pages(args) => cli::pages::run(args, g),
            Command::Firewall(args) => cli::firewall::run(args, g),
            Command::Check(args) => cli::check::run(args, g),
            Command::Diagrams(args) => cli::diagrams::run(args, g),
            Command::Build(args) => cli::build::run(args, g),
            Command::Book(args) => cli::book::run(args, g),
            Command::I18n(args) => cli::i18n::run(args, g),
            Command::Mdbook(args) => cli::mdbook::run(args, g),
        });
    cli::exit::finish(result)
}
