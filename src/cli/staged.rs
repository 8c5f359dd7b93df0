//! What the commands that write an output folder share (`build`, `book`,
//! `diagrams`): error messages that name files where they will be, the note
//! about files kept, and Ctrl-C.

use std::path::Path;

use portmatrix::output::Committed;

use super::exit::Error;
use super::global::Global;

/// `e`, with the paths inside the staging folder `dir` told as they will be
/// in `out` (a person looks for `out/book/…`, not for a hidden folder that
/// is gone by the time the message is read).
pub fn relocate(e: Error, dir: &Path, out: &Path) -> Error {
    match e {
        Error::Write(mut w) => {
            if let Ok(rel) = w.path.strip_prefix(dir) {
                w.path = out.join(rel);
            }
            Error::Write(w)
        }
        Error::Book { out: o, source } => Error::Book {
            out: o,
            source: source.relocate(dir, out),
        },
        e => e,
    }
}

/// Says which files of `out` were kept because portmatrix did not write them
/// (unless `--quiet`).
pub fn note_kept(c: &Committed, out: &Path, g: &Global) {
    if c.kept.is_empty() || g.quiet {
        return;
    }
    let mut names: Vec<String> = c
        .kept
        .iter()
        .take(5)
        .map(|p| p.display().to_string())
        .collect();
    if c.kept.len() > 5 {
        names.push(format!("and {} more", c.kept.len() - 5));
    }
    eprintln!(
        "note: kept {} file(s) in {} that portmatrix did not write: {}",
        c.kept.len(),
        out.display(),
        names.join(", ")
    );
}

/// Ctrl-C (SIGINT), SIGTERM and SIGHUP: instead of dying with a staging
/// folder left behind (the next run would remove it), remove every staging
/// folder not yet swapped in, say so, and exit with 128 + the signal number.
/// The signals are blocked in every thread and taken by one thread with
/// `sigwait`, so the clean-up is ordinary code, not a signal handler. Call
/// first thing in `main`, before any thread is started.
#[cfg(unix)]
pub fn handle_interrupts() {
    // SAFETY: plain libc calls on a local, zeroed signal set.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for s in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
            libc::sigaddset(&mut set, s);
        }
        if libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) != 0 {
            return;
        }
        let set_bits = set;
        let spawned = std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                let mut sig: libc::c_int = 0;
                if libc::sigwait(&set_bits, &mut sig) != 0 {
                    return;
                }
                let outs = portmatrix::output::abandon_all();
                for out in &outs {
                    eprintln!(
                        "interrupted: {} left as it was; nothing of this run is kept",
                        out.display()
                    );
                }
                std::process::exit(128 + sig);
            });
        if spawned.is_err() {
            // No thread to take them: let the signals act as before.
            libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
        }
    }
}

#[cfg(not(unix))]
pub fn handle_interrupts() {}
