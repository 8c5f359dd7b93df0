//! `mdbook-portmatrix`: the portmatrix mdBook preprocessor under the name
//! mdBook runs for `[preprocessor.portmatrix]` (see `portmatrix::mdbook`).

fn main() -> std::process::ExitCode {
    portmatrix::mdbook::main(std::env::args_os())
}
