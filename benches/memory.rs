//! The memory of `portmatrix check` (and of what `build` holds before its
//! books), stage by stage, on synthetic trees of 300, 1,000 and 3,000 pages
//! by default (`benches/support/synth.rs`, written to a temporary folder so
//! that the pages are read from disk as the CLI reads them), or on the
//! trees named:
//!
//! - `parse`: the tree into the typed matrix (`parse_sources`, as `check
//!   --source-docs` runs it);
//! - `catalogs`: the books' translation catalogs against the pages;
//! - `raw`, with `PORTMATRIX_BENCH_RAW=1`: every check, not grouped
//!   (`check::run_ungrouped`);
//! - `checks`: every check, grouped (`check::run_with`);
//! - `report`: the findings rendered as `check --format json` writes them
//!   (to a writer that keeps nothing, as standard output).
//!
//! For each stage: the heap it held at its peak above what was live when
//! it started ("peak"), what it left live ("kept": the matrix, the
//! findings), its time, and the process's RSS after it and at its peak
//! (what the issue-14 target is about: the whole build under twice the
//! input plus 200 MB). The heap is counted by a wrapper around the
//! binary's allocator (mimalloc; `PORTMATRIX_BENCH_ALLOC=system` for
//! glibc's, to tell the heap's own growth from what an allocator keeps).
//! The RSS of a synthetic size includes making its pages, and a process's
//! peak stays: run one size per process to read it, or name a tree made by
//! `examples/synth.rs`.
//!
//! ```text
//! PORTMATRIX_CORPUS=../shared/corpus cargo bench --bench memory -- [PAGES | DIR]...
//! ```
//!
//! Figures: README, "Performance and robustness".

#[path = "support/synth.rs"]
mod synth;

use std::alloc::{GlobalAlloc, Layout};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use portmatrix::check::{baseline::Baseline, render};
use portmatrix::parse::Source;

/// The binary's allocator (or the system's, with
/// `PORTMATRIX_BENCH_ALLOC=system`), counting the bytes live and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static MIMALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;
/// 0: not chosen yet, 1: mimalloc, 2: the system's.
static WHICH: AtomicUsize = AtomicUsize::new(0);

/// The allocator to use, chosen at the first allocation (the variable is
/// read with `getenv`, which does not allocate).
fn inner() -> &'static dyn GlobalAlloc {
    let mut w = WHICH.load(Ordering::Relaxed);
    if w == 0 {
        // SAFETY: getenv with a NUL-terminated name; the value is read
        // before anything could change the environment.
        let v = unsafe { libc::getenv(c"PORTMATRIX_BENCH_ALLOC".as_ptr()) };
        let system = !v.is_null() && unsafe { std::ffi::CStr::from_ptr(v) } == c"system";
        w = if system { 2 } else { 1 };
        WHICH.store(w, Ordering::Relaxed);
    }
    if w == 2 {
        &std::alloc::System
    } else {
        &MIMALLOC
    }
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { inner().alloc(l) };
        if !p.is_null() {
            grew(l.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, l: Layout) -> *mut u8 {
        let p = unsafe { inner().alloc_zeroed(l) };
        if !p.is_null() {
            grew(l.size());
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { inner().dealloc(p, l) };
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = unsafe { inner().realloc(p, l, new) };
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
    // `cargo bench` passes `--bench`; numbers are sizes to make, other
    // arguments trees to read.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let args = if args.is_empty() {
        vec!["300".into(), "1000".into(), "3000".into()]
    } else {
        args
    };
    let (real, from) = synth::real_pages();
    println!(
        "memory of parse + check, heap counted around mimalloc; synthetic pages from {} pages \
         of {from}",
        real.len()
    );
    for a in args {
        match a.parse::<usize>() {
            Ok(n) => {
                let dir = tempfile::tempdir().expect("a temporary folder");
                for p in synth::generate(&real, n, 6) {
                    let path = dir.path().join(&p.rel);
                    std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
                    std::fs::write(&path, &p.text).expect("write");
                }
                measure(&format!("{n} synthetic pages"), dir.path());
            }
            Err(_) => measure(&a, Path::new(&a)),
        }
    }
}

/// Every `.md` byte under `dir`: the input the target is set against.
fn markdown_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            total += markdown_bytes(&p);
        } else if p.extension().is_some_and(|x| x == "md") {
            total += e.metadata().map_or(0, |m| m.len());
        }
    }
    total
}

/// Parses `dir` and checks it as `portmatrix check --format json` does,
/// stage by stage.
fn measure(name: &str, dir: &Path) {
    let bytes = markdown_bytes(dir);
    println!(
        "{name} ({:.1} MB of markdown; target for the whole build: {:.0} MB):",
        bytes as f64 / 1e6,
        (2 * bytes) as f64 / 1e6 + 200.0
    );
    let start = LIVE.load(Ordering::Relaxed);
    let m = stage("parse", || {
        portmatrix::parse::parse_sources(&[Source::new(dir)])
    });
    let issues = stage("catalogs", || {
        portmatrix::pipeline::translations::catalog_issues(&m).expect("embedded catalogs")
    });
    if std::env::var_os("PORTMATRIX_BENCH_RAW").is_some() {
        // What the checks find before grouping, held whole until then.
        drop(stage("raw", || {
            portmatrix::check::run_ungrouped(&m, &issues)
        }));
    }
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
    let held = LIVE.load(Ordering::Relaxed) - start;
    println!(
        "  held at the end {:.1} MB ({:.2}x the input: the matrix, {} findings; a report of \
         {:.1} MB written); peak RSS of the process so far {:.1} MB",
        held as f64 / 1e6,
        held as f64 / bytes as f64,
        findings.len(),
        out.0 as f64 / 1e6,
        peak_rss()
    );
}
