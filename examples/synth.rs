//! Writes a synthetic corpus to disk for `benches/scaling.sh`:
//!
//! ```text
//! PORTMATRIX_CORPUS=../shared/corpus cargo run --release --example synth -- OUT_DIR 10000 [SEED]
//! ```
//!
//! N pages made from the real ones (see `benches/support/synth.rs`), checked to parse
//! without errors, under OUT_DIR/{en-US,zh-CN}/.

#[path = "../benches/support/synth.rs"]
mod synth;

use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(out), Some(n)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: synth OUT_DIR N [SEED]");
        std::process::exit(1);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(6);
    let (real, from) = synth::real_pages();
    let pages = synth::generate(&real, n, seed);
    let out = PathBuf::from(out);
    let mut bytes = 0usize;
    let (mut rules, mut errors) = (0usize, 0usize);
    for p in &pages {
        let path = out.join(&p.rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &p.text).unwrap();
        bytes += p.text.len();
        let (page, diags) = portmatrix::parse::parse_page(&p.rel, p.text.as_bytes(), None);
        rules += page.map_or(0, |p| p.tables.iter().map(|t| t.rules.len()).sum());
        for d in diags.iter().filter(|d| d.is_error()) {
            eprintln!("{d}");
            errors += 1;
        }
    }
    println!(
        "{n} pages, {bytes} bytes, {rules} rules, {errors} errors, from {} pages of {from}",
        real.len()
    );
    if errors > 0 {
        std::process::exit(2);
    }
}
