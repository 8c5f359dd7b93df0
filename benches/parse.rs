//! Throughput of parse + type + check in MB/s of source:
//!
//! - `embedded`: the embedded default's source page (`source-docs/`);
//! - `corpus`: the real corpus, both locales (`PORTMATRIX_CORPUS`; skipped
//!   when unset), from memory and from disk, and with the JSON written;
//! - `synthetic`: 1,000 and 10,000 pages generated from the real ones
//!   (`benches/support/synth.rs`), to show that time grows linearly.
//!
//! `PORTMATRIX_CORPUS=../shared/corpus cargo bench --bench parse`
//! Figures and the machine they were taken on: README, "Performance".

#[path = "support/synth.rs"]
mod synth;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use portmatrix::model::Matrix;
use portmatrix::parse::{Source, finish, parse_page, parse_sources};
use rayon::prelude::*;

/// A page in memory: its path, its folder's locale, its bytes.
struct Input {
    path: String,
    locale: String,
    bytes: Vec<u8>,
}

fn bytes(inputs: &[Input]) -> u64 {
    inputs.iter().map(|i| i.bytes.len() as u64).sum()
}

/// What `parse_sources` does after reading the files: every page parsed on
/// rayon's pool, collected in order.
fn parse_all(inputs: &[Input]) -> Matrix {
    let results: Vec<_> = inputs
        .par_iter()
        .map(|i| parse_page(&i.path, &i.bytes, Some(&i.locale)))
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    let mut diags = Vec::new();
    for (p, d) in results {
        pages.extend(p);
        diags.extend(d);
    }
    finish(pages, diags)
}

/// The check stage: every consistency check over the typed matrix.
/// (Hook for later stages, e.g. the book and the diagrams, as they land.)
fn check(m: &Matrix) -> &Matrix {
    black_box(portmatrix::check::run(m));
    m
}

fn md_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "md") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn load(dir: &Path) -> Vec<Input> {
    md_files(dir)
        .into_iter()
        .map(|p| Input {
            path: p.strip_prefix(dir).unwrap().to_string_lossy().into_owned(),
            locale: p
                .parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned(),
            bytes: std::fs::read(&p).unwrap(),
        })
        .collect()
}

fn embedded(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("source-docs");
    let inputs = load(&dir);
    let mut g = c.benchmark_group("embedded");
    g.throughput(Throughput::Bytes(bytes(&inputs)));
    g.bench_function("source_page", |b| {
        b.iter(|| check(&parse_all(black_box(&inputs))).pages.len())
    });
    g.finish();
}

fn corpus(c: &mut Criterion) {
    let Some(root) = std::env::var_os("PORTMATRIX_CORPUS").filter(|c| !c.is_empty()) else {
        eprintln!("corpus benchmarks skipped: PORTMATRIX_CORPUS is not set");
        return;
    };
    let root = PathBuf::from(root);
    let inputs = load(&root);
    let m = parse_all(&inputs);
    assert!(!m.has_errors(), "the corpus parses without errors");
    assert_eq!(
        m.rules().count(),
        474,
        "the corpus has 237 rules per locale"
    );
    let mut g = c.benchmark_group("corpus");
    g.throughput(Throughput::Bytes(bytes(&inputs)));
    g.bench_function("in_memory", |b| {
        b.iter(|| black_box(check(&parse_all(black_box(&inputs)))).pages.len())
    });
    g.bench_function("from_disk", |b| {
        b.iter(|| parse_sources(&[Source::new(&root)]).pages.len())
    });
    g.bench_function("in_memory_with_json", |b| {
        b.iter(|| {
            let m = parse_all(black_box(&inputs));
            let mut sink = std::io::sink();
            portmatrix::json::write_json(check(&m), &mut sink).unwrap();
        })
    });
    g.finish();
}

fn synthetic(c: &mut Criterion) {
    let (real, from) = synth::real_pages();
    let mut g = c.benchmark_group("synthetic");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(20));
    for n in [1_000usize, 10_000] {
        let inputs: Vec<Input> = synth::generate(&real, n, 6)
            .into_iter()
            .map(|s| Input {
                locale: s.rel.split('/').next().unwrap_or("").to_string(),
                path: s.rel,
                bytes: s.text.into_bytes(),
            })
            .collect();
        let m = parse_all(&inputs);
        assert!(!m.has_errors(), "the synthetic pages parse without errors");
        eprintln!(
            "synthetic/{n}: {} bytes, {} pages, {} rules, from {} pages of {from}",
            bytes(&inputs),
            m.pages.len(),
            m.rules().count(),
            real.len()
        );
        drop(m);
        g.throughput(Throughput::Bytes(bytes(&inputs)));
        g.bench_function(format!("{n}_pages"), |b| {
            b.iter(|| black_box(check(&parse_all(black_box(&inputs)))).pages.len())
        });
    }
    g.finish();
}

criterion_group!(benches, embedded, corpus, synthetic);
criterion_main!(benches);
