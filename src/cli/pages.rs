//! `portmatrix pages`.

use std::process::ExitCode;

use clap::ValueEnum;
use serde::Serialize;

use super::exit::Error;
use super::global::Global;
use super::inputs::Inputs;

/// List the pages: asset id, locale, title, number of port tables and
/// rules. A page is named by its asset id or its slug (the file name
/// without .md) in `query --page` and in deployment files.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    inputs: Inputs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// `--format`.
#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    Human,
    Json,
}

/// One page in `--format json`.
#[derive(Serialize)]
struct PageRow<'a> {
    asset_id: &'a str,
    locale: &'a str,
    title: &'a str,
    slug: &'a str,
    path: &'a str,
    tables: usize,
    rules: usize,
}

/// Prints the pages in matrix order (sorted by path).
pub fn run(args: &Args, g: &Global) -> Result<ExitCode, Error> {
    let (loaded, status) = args.inputs.load(g, false)?;
    let m = loaded.get();
    let pages: Vec<PageRow> = m
        .pages()
        .map(|p| PageRow {
            asset_id: &p.asset_id,
            locale: &p.locale,
            title: &p.title,
            slug: portmatrix::deploy::slug(p),
            path: &p.path,
            tables: p.tables.len(),
            rules: p.tables.iter().map(|t| t.rules.len()).sum(),
        })
        .collect();
    if args.format == Format::Json {
        let doc = serde_json::json!({ "pages": pages });
        println!(
            "{}",
            serde_json::to_string_pretty(&doc).map_err(Error::Serialize)?
        );
        return Ok(status);
    }
    let mut rows = vec![
        ["asset id", "locale", "tables", "rules", "title"]
            .map(String::from)
            .to_vec(),
    ];
    for p in &pages {
        rows.push(vec![
            p.asset_id.to_string(),
            p.locale.to_string(),
            p.tables.to_string(),
            p.rules.to_string(),
            p.title.to_string(),
        ]);
    }
    super::table::print(&rows);
    eprintln!(
        "{} page(s), {} with port tables, {} rule(s)",
        pages.len(),
        pages.iter().filter(|p| p.tables > 0).count(),
        pages.iter().map(|p| p.rules).sum::<usize>()
    );
    Ok(status)
}
