//! All-or-nothing output folders.
//!
//! A build renders every file into a staging folder beside `--out`
//! (`.<name>.portmatrix-staging.<pid>`), and only when everything has been
//! written is the staging folder swapped in for `--out` with one rename
//! (`renameat2(RENAME_EXCHANGE)` on Linux: the old tree and the new one trade
//! places atomically). So any failure, `kill -9` at any moment, Ctrl-C or a
//! full disk leaves the previous `--out` exactly as it was; a failed run
//! removes its staging folder, and the next run removes what a killed one
//! left behind.
//!
//! Around that:
//! - a lock file beside `--out` (`.<name>.portmatrix.lock`, `flock`, released
//!   by the kernel when the process dies, removed by the run that holds it
//!   when it ends) refuses a second concurrent build into the same folder
//!   instead of mixing two trees. A folder inside another output folder (`book
//!   --out out/book` beside `build --out out`) also takes the outer folder's
//!   lock;
//! - `--out/.portmatrix-manifest` lists every file portmatrix wrote. Files in
//!   the old tree that no manifest lists were put there by someone else: they
//!   are carried over into the new tree (hard links: the old tree keeps them
//!   until the swap), never deleted, and a new output that would take one's
//!   name is an error;
//! - an existing, non-empty folder that no manifest claims is not ours and is
//!   refused, and so are `/`, a symbolic link, a mount point (it cannot be
//!   swapped) and any folder that is or holds a docs tree being read.
//!
//! Not covered: a power cut (files are not fsynced before the swap; the
//! promise is about the process, not the disk), and file systems without
//! `RENAME_EXCHANGE` or off Linux, where the swap is two renames and `--out`
//! is missing for an instant between them (the previous tree is never lost).

use std::collections::BTreeSet;
use std::fs::File;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use super::OutputError;

/// The name of the manifest in every output folder.
pub const MANIFEST: &str = ".portmatrix-manifest";

/// An output folder being built; see the module docs. Dropping it without
/// [`Staging::commit`] removes the staging folder and leaves `--out` as it was.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    // Files an output folder around `out` lists under it (`book/…` in
    // `out/.portmatrix-manifest` for `--out out/book`), relative to `out`.
    inherited: BTreeSet<PathBuf>,
    // Held until the swap is done (own first, then the outer folder's); the
    // kernel releases them if we die.
    _locks: Vec<Lock>,
    done: bool,
}

/// What [`Staging::commit`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Committed {
    /// Files written, relative to `--out`, sorted (the manifest's lines).
    pub written: Vec<PathBuf>,
    /// Files that were in `--out` and not ours, carried over untouched.
    pub kept: Vec<PathBuf>,
}

/// The staging folders of this process that are not swapped in yet, with
/// their lock files; see [`abandon_all`].
static LIVE: Mutex<Vec<(PathBuf, Vec<PathBuf>)>> = Mutex::new(Vec::new());

type Live = std::sync::MutexGuard<'static, Vec<(PathBuf, Vec<PathBuf>)>>;

fn live() -> Live {
    LIVE.lock().unwrap_or_else(|e| e.into_inner())
}

fn forget(live: &mut Live, dir: &Path) {
    live.retain(|(d, _)| d != dir);
}

/// For a signal handler that is about to end the process (Ctrl-C): removes
/// every staging folder of this process that has not been swapped in, and
/// returns the output folders they were for. Holds the registry until the
/// process ends, so that no swap can start after this returned: call
/// `std::process::exit` next.
pub fn abandon_all() -> Vec<PathBuf> {
    let guard = live();
    let mut outs = Vec::new();
    for (dir, locks) in guard.iter() {
        remove_while_written(dir);
        // Still held: removed as a finished run removes them.
        for l in locks {
            let _ = std::fs::remove_file(l);
        }
        if let Some(out) = out_of_staging(dir) {
            outs.push(out);
        }
    }
    // Never released: the process is about to exit.
    std::mem::forget(guard);
    outs
}

/// Removes `dir` while other threads of this process may still be writing
/// into it (a build writes pages in parallel, and mdBook writes as it
/// renders): removing it in place races with them, and a writer's
/// `create_dir_all` would bring it back. So the folder is renamed away
/// first, a plain file takes its name (every later write under it fails
/// instead of making it again; the writers then wait for the registry lock
/// in `Staging`'s drop, which [`abandon_all`] never releases), the renamed
/// tree is removed, and the file last, just before the process exits.
fn remove_while_written(dir: &Path) {
    let mut trash = dir.as_os_str().to_os_string();
    trash.push(".abandoned");
    let trash = PathBuf::from(trash);
    if std::fs::rename(dir, &trash).is_err() {
        let _ = std::fs::remove_dir_all(dir);
        return;
    }
    for _ in 0..100 {
        match File::options().write(true).create_new(true).open(dir) {
            Ok(_) => break,
            // A writer made the folder again between the rename and now.
            Err(_) => {
                let _ = std::fs::remove_dir_all(dir);
            }
        }
    }
    let _ = std::fs::remove_dir_all(&trash);
    let _ = std::fs::remove_file(dir);
}

/// `--out` of a staging folder path.
fn out_of_staging(dir: &Path) -> Option<PathBuf> {
    let name = dir.file_name()?.to_string_lossy().into_owned();
    let base = name.strip_prefix('.')?;
    let cut = base.rfind(".portmatrix-staging.")?;
    Some(dir.with_file_name(&base[..cut]))
}

/// Whether a file name is one of portmatrix's own temporary names (a staging
/// folder or a lock file): never a user's file, never carried over.
fn is_transient(name: &str) -> bool {
    name.starts_with('.')
        && (name.contains(".portmatrix-staging.") || name.ends_with(".portmatrix.lock"))
}

impl Staging {
    /// Locks `out`, removes staging folders that dead runs left, and creates a
    /// fresh staging folder. `protected` are folders that must never be
    /// replaced (the docs trees being read): `out` may not be one of them nor
    /// hold one.
    pub fn begin(out: &Path, protected: &[PathBuf]) -> Result<Staging, OutputError> {
        let out = resolve(out)?;
        let (parent, name) = match (out.parent(), out.file_name()) {
            (Some(p), Some(n)) => (p.to_path_buf(), n.to_string_lossy().into_owned()),
            _ => {
                return Err(OutputError::Refused {
                    path: out.clone(),
                    why: "the root folder cannot be an output folder".into(),
                });
            }
        };
        for p in protected {
            let p = resolve(p)?;
            if p.starts_with(&out) {
                return Err(OutputError::Refused {
                    path: out.clone(),
                    why: if p == out {
                        "it is a docs tree that is being read; choose an --out outside it".into()
                    } else {
                        format!(
                            "it holds the docs tree {} that is being read; choose an --out outside it",
                            p.display()
                        )
                    },
                });
            }
        }
        let outer = outer_output(&out);
        check_existing(&out, outer.as_ref())?;
        std::fs::create_dir_all(&parent).map_err(|e| OutputError::io("create", &parent, e))?;

        // The outer folder's lock first: a run refused there has not touched
        // anything inside it.
        let mut locks = Vec::new();
        let mut inherited = BTreeSet::new();
        if let Some((root, rel)) = &outer {
            let (root_parent, root_name) = match (root.parent(), root.file_name()) {
                (Some(p), Some(n)) => (p, n.to_string_lossy()),
                _ => (Path::new("/"), "".into()),
            };
            locks.push(Lock::acquire(
                &root_parent.join(format!(".{root_name}.portmatrix.lock")),
                root,
            )?);
            inherited = listed_under(root, rel);
        }
        locks.push(Lock::acquire(
            &parent.join(format!(".{name}.portmatrix.lock")),
            &out,
        )?);

        // We hold the lock: every other staging folder of this --out belongs
        // to a run that is gone.
        let prefix = format!(".{name}.portmatrix-staging.");
        if let Ok(entries) = std::fs::read_dir(&parent) {
            for e in entries.flatten() {
                if e.file_name().to_string_lossy().starts_with(&prefix) {
                    // A folder, or the file an interrupted run put in its
                    // place (see `remove_while_written`).
                    let _ = std::fs::remove_dir_all(e.path())
                        .or_else(|_| std::fs::remove_file(e.path()));
                }
            }
        }
        let dir = parent.join(format!("{prefix}{}", std::process::id()));
        std::fs::create_dir(&dir).map_err(|e| OutputError::io("create", &dir, e))?;
        live().push((dir.clone(), locks.iter().map(|l| l.path.clone()).collect()));
        // Swapping needs both on one file system: a mount point at `out` is not.
        if let (Some(a), Some(b)) = (device(&dir), device(&out))
            && a != b
        {
            let _ = std::fs::remove_dir(&dir);
            forget(&mut live(), &dir);
            return Err(OutputError::Refused {
                path: out.clone(),
                why: "it is a mount point, which cannot be swapped for a new tree; \
                      choose a folder inside it"
                    .into(),
            });
        }
        Ok(Staging {
            out,
            dir,
            inherited,
            _locks: locks,
            done: false,
        })
    }

    /// The folder to write into; it becomes `--out` on commit.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The final output folder (absolute).
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// Writes the manifest, carries over the files of `--out` that are not
    /// ours, and swaps the staging folder in for `--out`.
    pub fn commit(mut self) -> Result<Committed, OutputError> {
        let mut written = Vec::new();
        list_files(&self.dir, Path::new(""), &mut written)
            .map_err(|e| OutputError::io("list", &self.dir, e))?;
        written.sort();
        let kept = self.carry_over(&written)?;
        let mut manifest = String::new();
        for f in &written {
            manifest.push_str(&f.to_string_lossy().replace('\\', "/"));
            manifest.push('\n');
        }
        let manifest_path = self.dir.join(MANIFEST);
        std::fs::write(&manifest_path, manifest)
            .map_err(|e| OutputError::io("write", &manifest_path, e))?;
        {
            // No Ctrl-C cleanup while the trees trade places (abandon_all).
            let mut live = live();
            swap(&self.dir, &self.out)?;
            self.done = true;
            forget(&mut live, &self.dir);
        }
        // `self.dir` now holds the previous tree (or nothing): drop it.
        let _ = std::fs::remove_dir_all(&self.dir);
        Ok(Committed { written, kept })
    }

    /// Links every file of the old `--out` that no manifest lists into the
    /// staging folder, at the same place. The old tree keeps its links until
    /// the swap, so a run killed here loses nothing.
    fn carry_over(&self, written: &[PathBuf]) -> Result<Vec<PathBuf>, OutputError> {
        if !self.out.is_dir() {
            return Ok(Vec::new());
        }
        let mut old = Vec::new();
        list_files(&self.out, Path::new(""), &mut old)
            .map_err(|e| OutputError::io("list", &self.out, e))?;
        old.sort();
        let mut ours = manifests_under(&self.out, &old);
        ours.extend(self.inherited.iter().cloned());
        let new: BTreeSet<&PathBuf> = written.iter().collect();
        let mut kept = Vec::new();
        for f in old {
            if ours.contains(&f)
                || f.components()
                    .any(|c| is_transient(&c.as_os_str().to_string_lossy()))
            {
                continue;
            }
            let to = self.dir.join(&f);
            let taken = || OutputError::Refused {
                path: self.out.join(&f),
                why: "portmatrix did not write this file and a new output has its name; \
                      move it away and run again"
                    .into(),
            };
            if new.contains(&f) || std::fs::symlink_metadata(&to).is_ok() {
                return Err(taken());
            }
            if let Some(p) = to.parent()
                && std::fs::create_dir_all(p).is_err()
            {
                return Err(taken());
            }
            keep(&self.out.join(&f), &to)?;
            kept.push(f);
        }
        Ok(kept)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            // A failed or abandoned run frees what it wrote.
            let mut live = live();
            let _ = std::fs::remove_dir_all(&self.dir);
            forget(&mut live, &self.dir);
        }
    }
}

/// A lock file held with `flock` and removed when released.
#[derive(Debug)]
struct Lock {
    path: PathBuf,
    _file: File,
}

impl Lock {
    /// Takes the lock at `path` for the output folder `out`, or says that
    /// another run holds it. A lock file removed (by the run that held it)
    /// between our open and our lock is not a lock any more: open again.
    fn acquire(path: &Path, out: &Path) -> Result<Lock, OutputError> {
        loop {
            let file = File::options()
                .create(true)
                .truncate(false)
                .write(true)
                .open(path)
                .map_err(|e| OutputError::io("create the lock file", path, e))?;
            if !try_lock(&file).map_err(|e| OutputError::io("lock", path, e))? {
                return Err(OutputError::Busy {
                    out: out.to_path_buf(),
                });
            }
            if same_file(&file, path) {
                return Ok(Lock {
                    path: path.to_path_buf(),
                    _file: file,
                });
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held (the file closes after this), so that a
        // run waiting on the old file sees it is gone and opens a new one.
        let _ = std::fs::remove_file(&self.path);
    }
}

/// `flock(LOCK_EX | LOCK_NB)`: `false` when another process holds it.
#[cfg(unix)]
fn try_lock(file: &File) -> std::io::Result<bool> {
    use std::os::fd::AsRawFd;
    // SAFETY: flock on a file descriptor we own.
    if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0 {
        return Ok(true);
    }
    let e = std::io::Error::last_os_error();
    if e.raw_os_error() == Some(libc::EWOULDBLOCK) {
        Ok(false)
    } else {
        Err(e)
    }
}

#[cfg(not(unix))]
#[allow(clippy::incompatible_msrv)]
fn try_lock(file: &File) -> std::io::Result<bool> {
    match file.try_lock() {
        Ok(()) => Ok(true),
        Err(std::fs::TryLockError::WouldBlock) => Ok(false),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, path: &Path) -> bool {
    path.exists()
}

#[cfg(unix)]
fn device(p: &Path) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    std::fs::symlink_metadata(p).ok().map(|m| m.dev())
}

#[cfg(not(unix))]
fn device(_: &Path) -> Option<u64> {
    None
}

/// Puts `from` (a file of someone else's) at `to`: a hard link, or a copy
/// where links are not possible.
fn keep(from: &Path, to: &Path) -> Result<(), OutputError> {
    if std::fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    let meta = std::fs::symlink_metadata(from).map_err(|e| OutputError::io("keep", from, e))?;
    let copied = if meta.file_type().is_symlink() {
        #[cfg(unix)]
        {
            std::fs::read_link(from).and_then(|t| std::os::unix::fs::symlink(t, to))
        }
        #[cfg(not(unix))]
        {
            Err(std::io::Error::other("cannot copy a symbolic link"))
        }
    } else {
        std::fs::copy(from, to).map(|_| ())
    };
    copied.map_err(|e| OutputError::io("keep", from, e))
}

/// The output folder around `out`, if any: the nearest folder above it with a
/// manifest, and `out` relative to it.
fn outer_output(out: &Path) -> Option<(PathBuf, PathBuf)> {
    out.ancestors()
        .skip(1)
        .find(|a| a.join(MANIFEST).is_file())
        .map(|a| {
            (
                a.to_path_buf(),
                out.strip_prefix(a).unwrap_or(out).to_path_buf(),
            )
        })
}

/// The files the manifest of `root` lists under `rel`, relative to `rel`.
fn listed_under(root: &Path, rel: &Path) -> BTreeSet<PathBuf> {
    let text = std::fs::read_to_string(root.join(MANIFEST)).unwrap_or_default();
    text.lines()
        .filter_map(|l| Path::new(l).strip_prefix(rel).ok())
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .collect()
}

/// `out` must not exist, or be a folder that is empty or ours: it has a
/// manifest, or the output folder around it lists files in it.
fn check_existing(out: &Path, outer: Option<&(PathBuf, PathBuf)>) -> Result<(), OutputError> {
    let meta = match std::fs::symlink_metadata(out) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(OutputError::io("inspect", out, e)),
    };
    let refuse = |why: String| {
        Err(OutputError::Refused {
            path: out.to_path_buf(),
            why,
        })
    };
    if meta.file_type().is_symlink() {
        return refuse(
            "it is a symbolic link; give the folder it points to, or a new folder".into(),
        );
    }
    if !meta.is_dir() {
        return refuse("it exists and is not a folder".into());
    }
    let empty = std::fs::read_dir(out)
        .map_err(|e| OutputError::io("read", out, e))?
        .next()
        .is_none();
    let claimed = || outer.is_some_and(|(root, rel)| !listed_under(root, rel).is_empty());
    if !empty && !out.join(MANIFEST).is_file() && !claimed() {
        return refuse(format!(
            "it is not empty and has no {MANIFEST}, so portmatrix did not write it; \
             choose a new or empty folder"
        ));
    }
    Ok(())
}

/// Every file (not folder) under `dir`, relative to it; links are listed,
/// not followed.
fn list_files(dir: &Path, rel: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir.join(rel))? {
        let e = e?;
        let r = rel.join(e.file_name());
        if e.file_type()?.is_dir() {
            list_files(dir, &r, out)?;
        } else if r != Path::new(MANIFEST) {
            out.push(r);
        }
    }
    Ok(())
}

/// The files that a manifest in `root` or in one of its folders (a `book
/// --out` inside a `build --out`) lists, and the manifests themselves.
fn manifests_under(root: &Path, files: &[PathBuf]) -> BTreeSet<PathBuf> {
    let mut ours = BTreeSet::new();
    let mut manifests: Vec<PathBuf> = files
        .iter()
        .filter(|f| f.file_name().is_some_and(|n| n == MANIFEST))
        .cloned()
        .collect();
    manifests.push(PathBuf::from(MANIFEST));
    for m in manifests {
        let base = m.parent().unwrap_or(Path::new("")).to_path_buf();
        if let Ok(text) = std::fs::read_to_string(root.join(&m)) {
            ours.extend(text.lines().filter(|l| !l.is_empty()).map(|l| base.join(l)));
        }
        ours.insert(m);
    }
    ours
}

/// Puts `new` in the place of `old`; afterwards `new`'s path holds the
/// previous tree (or nothing).
fn swap(new: &Path, old: &Path) -> Result<(), OutputError> {
    if std::fs::symlink_metadata(old).is_err() {
        return std::fs::rename(new, old).map_err(|e| OutputError::io("rename", new, e));
    }
    #[cfg(target_os = "linux")]
    {
        if exchange(new, old).is_ok() {
            return Ok(());
        }
    }
    // Elsewhere (or on a file system without RENAME_EXCHANGE): two renames.
    // Between them `old` is missing for an instant; the previous tree is then
    // at `new`'s path, never lost.
    let aside = new.with_extension("old");
    std::fs::rename(old, &aside).map_err(|e| OutputError::io("rename", old, e))?;
    if let Err(e) = std::fs::rename(new, old) {
        let _ = std::fs::rename(&aside, old);
        return Err(OutputError::io("rename", new, e));
    }
    std::fs::rename(&aside, new).map_err(|e| OutputError::io("rename", &aside, e))
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths; AT_FDCWD resolves them
    // like rename(2) does.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// `path` made absolute, with the folders that exist resolved (symbolic links
/// followed) and `.`/`..` removed from the rest, which does not exist yet. The
/// last component is kept as it is (a link there is refused, not followed), so
/// `docs`, `./docs`, `/abs/docs` and `docs/` all give the same path.
pub fn resolve(path: &Path) -> Result<PathBuf, OutputError> {
    let abs = std::path::absolute(path).map_err(|e| OutputError::io("resolve", path, e))?;
    let mut lexical = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                lexical.pop();
            }
            Component::CurDir => {}
            c => lexical.push(c),
        }
    }
    let Some(name) = lexical.file_name().map(|n| n.to_os_string()) else {
        return Ok(lexical);
    };
    let parent = lexical.parent().unwrap_or(Path::new("/"));
    // The longest existing ancestor, canonicalized, then the rest.
    let mut existing = parent.to_path_buf();
    let mut rest = Vec::new();
    let base = loop {
        match existing.canonicalize() {
            Ok(c) => break c,
            Err(_) => match (existing.file_name(), existing.parent()) {
                (Some(n), Some(p)) => {
                    rest.push(n.to_os_string());
                    existing = p.to_path_buf();
                }
                _ => break existing.clone(),
            },
        }
    };
    let mut out = base;
    for n in rest.into_iter().rev() {
        out.push(n);
    }
    out.push(name);
    Ok(out)
}

#[cfg(test)]
mod tests;
