//! The checks alone, at scale: synthetic trees of 300, 1,000 and 3,000
//! pages by default (`benches/support/synth.rs`, made from the real corpus),
//! parsed once each, then timed stage by stage, as `portmatrix check` and
//! the check stage of `build` run them:
//!
//! - `catalogs`: the books' translation catalogs against the pages
//!   (`pipeline::translations::catalog_issues`);
//! - `checks`: every check of the registry (`check::run_ungrouped`);
//! - `group`: one finding per defect (`check::run_with` minus `checks`);
//! - `json`: the findings rendered as `check --format json` prints them.
//!
//! Prints the median of RUNS runs of each stage, the size of the findings,
//! and for each step the time ratio against the page ratio.
//!
//! ```text
//! PORTMATRIX_CORPUS=../shared/corpus cargo bench --bench checks -- [RUNS] [PAGES...]
//! ```
//!
//! Why not criterion: a 3,000-page run takes seconds, and what matters is
//! the ratio between sizes, not a confidence interval at one size.
//! Figures: README, "The full build".

#[path = "support/synth.rs"]
mod synth;

use std::hint::black_box;
use std::time::Instant;

use portmatrix::model::Matrix;
use portmatrix::parse::{finish, parse_page};
use rayon::prelude::*;

// As the binary allocates (src/main.rs): the timings are the CLI's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The synthetic pages of `n`, parsed as `parse_sources` parses a tree.
fn parsed(real: &[synth::Real], n: usize) -> (Matrix, usize) {
    let pages = synth::generate(real, n, 6);
    let bytes = pages.iter().map(|p| p.text.len()).sum();
    let results: Vec<_> = pages
        .par_iter()
        .map(|p| {
            let locale = p.rel.split('/').next().unwrap_or("");
            parse_page(&p.rel, p.text.as_bytes(), Some(locale))
        })
        .collect();
    let (mut ps, mut ds) = (Vec::new(), Vec::new());
    for (p, d) in results {
        ps.extend(p);
        ds.extend(d);
    }
    (finish(ps, ds), bytes)
}

/// The median of `runs` timings of `f`, in seconds, and its last result.
fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let out = black_box(f());
        times.push(t.elapsed().as_secs_f64());
        last = Some(out);
    }
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], last.expect("at least one run"))
}

/// One size's figures.
struct Row {
    pages: usize,
    stages: [f64; 4],
}

const STAGES: [&str; 4] = ["catalogs", "checks", "group", "json"];

fn main() {
    // `cargo bench` passes `--bench`; the rest are ours.
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let runs = args.first().copied().unwrap_or(3).max(1);
    let sizes = if args.len() > 1 {
        args[1..].to_vec()
    } else {
        vec![300, 1_000, 3_000]
    };
    let (real, from) = synth::real_pages();
    println!(
        "checks: median of {runs} run(s); pages from {} pages of {from}; load {}",
        real.len(),
        std::fs::read_to_string("/proc/loadavg")
            .map(|l| l.split(' ').take(3).collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    );
    let mut rows = Vec::new();
    for n in sizes {
        let (m, bytes) = parsed(&real, n);
        assert!(!m.has_errors(), "the synthetic pages parse without errors");
        let (catalogs, issues) = median(runs, || {
            portmatrix::pipeline::translations::catalog_issues(&m).expect("embedded catalogs")
        });
        let (checks, raw) = median(runs, || portmatrix::check::run_ungrouped(&m, &issues));
        let (both, findings) = median(runs, || portmatrix::check::run_with(&m, &issues));
        let (json, text) = median(runs, || portmatrix::check::render::json(&findings, None));
        // What the checks make: the locations are most of the work (and of
        // the JSON), and their number grows with what the pages disagree on.
        let located = |fs: &[portmatrix::check::Finding]| -> usize {
            fs.iter().map(|f| f.locations.len()).sum()
        };
        println!(
            "{n:6} pages ({:.1} MB, {} rules): catalogs {catalogs:.3} s, checks {checks:.3} s \
             ({} raw findings, {} locations), checks + group {both:.3} s ({} findings, \
             {} locations), json {json:.3} s ({:.1} MB)",
            bytes as f64 / 1e6,
            m.rules().count(),
            raw.len(),
            located(&raw),
            findings.len(),
            located(&findings),
            text.len() as f64 / 1e6,
        );
        rows.push(Row {
            pages: n,
            stages: [catalogs, checks, (both - checks).max(0.0), json],
        });
    }
    for w in rows.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let k = b.pages as f64 / a.pages as f64;
        let ratios: Vec<String> = STAGES
            .iter()
            .zip(a.stages.iter().zip(&b.stages))
            .map(|(name, (x, y))| format!("{name} {:.2}x", y / x))
            .collect();
        let (x, y): (f64, f64) = (a.stages[..3].iter().sum(), b.stages[..3].iter().sum());
        println!(
            "{} -> {} pages ({k:.1}x): {}; catalogs + checks + group {:.2}x = {:.2}x linear",
            a.pages,
            b.pages,
            ratios.join(", "),
            y / x,
            (y / x) / k
        );
    }
}
