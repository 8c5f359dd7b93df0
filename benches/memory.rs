//! The memory of `portmatrix check` (and of what `build` holds before its
//! books), stage by stage, on synthetic trees of 300, 1,000 and 3,000 pages
//! by default (`benches/support/synth.rs`, written to a temporary folder so
//! that the pages are read from disk as the CLI reads them):
//!
//! - `parse`: the trees into the typed matrix (`parse_sources`, as `check
//!   --source-docs` runs it);
//! - `catalogs`: the books' translation catalogs against the pages;
//! - `checks`: every check, grouped (`check::run_with`);
//! - `report`: the findings rendered as `check --format json` writes them
//!   (to a writer that keeps nothing, as standard output).
//!
//! For each stage: the heap it held at its peak above what was live when
//! it started ("peak"), and what it left live ("kept": the matrix, the
//! findings). The heap is counted by a wrapper around the
//! binary's allocator (mimalloc); the process's peak RSS (what the
//! issue-14 target is about: 2x the input + 200 MB) is printed too, the
//! bench's own synthetic pages included, so run one size per process to
//! read it (`-- 10000`).
//!
//! ```text
//! PORTMATRIX_CORPUS=../shared/corpus cargo bench --bench memory -- [PAGES...]
//! ```
//!
//! Figures: README, "Performance and robustness".

#[path = "support/synth.rs"]
mod synth;

use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use portmatrix::check::{baseline::Baseline, render};
use portmatrix::parse::Source;

/// The binary's allocator, counting the bytes live and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static INNER: mimalloc::MiMalloc = mimalloc::MiMalloc;

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { INNER.alloc(l) };
        if !p.is_null() {
            grew(l.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, l: Layout) -> *mut u8 {
        let p = unsafe { INNER.alloc_zeroed(l) };
        if !p.is_null() {
            grew(l.size());
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { INNER.dealloc(p, l) };
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = unsafe { INNER.realloc(p, l, new) };
        if !q.is_null() {
            LIVE.fetch_sub(l.size(), Ordering::Relaxed);
            grew(new);
        }
        q
    }
}

fn grew(n: usize) {
    let live = LIVE.fetch_add(n, Ordering::Relaxed) + n;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Runs `f` and prints its heap peak above the live bytes it started with,
/// what it left live, and its time.
fn stage<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let t = Instant::now();
    let out = f();
    let secs = t.elapsed().as_secs_f64();
    let (peak, after) = (PEAK.load(Ordering::Relaxed), LIVE.load(Ordering::Relaxed));
    println!(
        "  {name:8} peak {:7.1} MB, kept {:7.1} MB, {secs:6.2} s; RSS after {:7.1} MB, peak {:7.1} MB",
        (peak - before) as f64 / 1e6,
        after.saturating_sub(before) as f64 / 1e6,
        rss(),
        peak_rss(),
    );
    out
}

/// The process's peak RSS in MB (`VmHWM`), 0 where /proc does not tell.
fn peak_rss() -> f64 {
    status("VmHWM:")
}

/// The process's RSS now in MB (`VmRSS`).
fn rss() -> f64 {
    status("VmRSS:")
}

/// A `kB` field of /proc/self/status, in MB.
fn status(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix(field))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb * 1024.0 / 1e6)
}

/// A writer that counts the bytes written to it and keeps none.
struct Counted(usize);

impl std::io::Write for Counted {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn main() {
    // `cargo bench` passes `--bench`; the rest are ours.
    let mut sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    if sizes.is_empty() {
        sizes = vec![300, 1_000, 3_000];
    }
    let (real, from) = synth::real_pages();
    println!(
        "memory of parse + check, heap counted around mimalloc; pages from {} pages of {from}",
        real.len()
    );
    for n in sizes {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut bytes = 0;
        for p in synth::generate(&real, n, 6) {
            let path = dir.path().join(&p.rel);
            std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
            std::fs::write(&path, &p.text).expect("write");
            bytes += p.text.len();
        }
        println!(
            "{n} pages ({:.1} MB of markdown; target for the whole build: {:.0} MB):",
            bytes as f64 / 1e6,
            (2 * bytes) as f64 / 1e6 + 200.0
        );
        let start = LIVE.load(Ordering::Relaxed);
        let m = stage("parse", || {
            portmatrix::parse::parse_sources(&[Source::new(dir.path())])
        });
        assert!(!m.has_errors(), "the synthetic pages parse without errors");
        let issues = stage("catalogs", || {
            portmatrix::pipeline::translations::catalog_issues(&m).expect("embedded catalogs")
        });
        let findings = stage("checks", || portmatrix::check::run_with(&m, &issues));
        let options = render::Options {
            format: render::Format::Json,
            color: false,
            style: true,
        };
        // Written as `check` writes it to standard output.
        let mut out = Counted(0);
        stage("report", || {
            render::write_report(&mut out, &m, &findings, &Baseline::embedded(), &options)
                .expect("a sink takes everything")
        });
        println!(
            "  held at the end {:.1} MB ({:.2}x the input: matrix and findings; report of {:.1} MB \
             written); peak RSS of the process so far {:.1} MB",
            (LIVE.load(Ordering::Relaxed) - start) as f64 / 1e6,
            (LIVE.load(Ordering::Relaxed) - start) as f64 / bytes as f64,
            out.0 as f64 / 1e6,
            peak_rss()
        );
    }
}
