//! `portmatrix schema`.

use std::process::ExitCode;

use super::exit::Error;

/// Print the JSON Schema of the JSON document.
#[derive(clap::Args)]
pub struct Args {}

/// Prints the schema.
pub fn run(_: &Args) -> Result<ExitCode, Error> {
    print!("{}", portmatrix::json::schema());
    Ok(ExitCode::SUCCESS)
}
