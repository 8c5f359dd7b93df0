//! All-or-nothing output folders.
//!
//! A build renders every file into a staging folder beside `--out`
//! (`.<name>.portmatrix-staging.<pid>`), and only when everything has been
//! written is the staging folder swapped in for `--out` with one rename
//! (`renameat2(RENAME_EXCHANGE)` on Linux: the old tree and the new one trade
//! places atomically). So any failure, `kill -9` at any moment, Ctrl-C or a
//! full disk leaves the previous `--out` exactly as it was, and the next run
//! removes what the dead one left behind.
//!
//! Around that:
//! - a lock file beside `--out` (`.<name>.portmatrix.lock`, `flock`, released
//!   by the kernel when the process dies) refuses a second concurrent build
//!   into the same folder instead of mixing two trees;
//! - `--out/.portmatrix-manifest` lists every file portmatrix wrote. Files in
//!   the old tree that no manifest lists were put there by someone else: they
//!   are carried over into the new tree, never deleted, and a new output that
//!   would take one's name is an error;
//! - an existing, non-empty folder without a manifest is not ours and is
//!   refused, and so are `/` and any folder that holds a docs tree being read.

use std::collections::BTreeSet;
use std::fs::File;
use std::path::{Path, PathBuf};

use super::OutputError;

/// The name of the manifest in every output folder.
pub const MANIFEST: &str = ".portmatrix-manifest";

/// An output folder being built; see the module docs. Dropping it without
/// [`Staging::commit`] removes the staging folder and leaves `--out` as it was.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    // Held until the swap is done; the kernel releases it if we die.
    _lock: File,
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

impl Staging {
    /// Locks `out`, removes staging folders that dead runs left, and creates a
    /// fresh staging folder. `protected` are folders that must never be
    /// replaced (the docs trees being read): `out` may not be one of them nor
    /// hold one.
    pub fn begin(out: &Path, protected: &[PathBuf]) -> Result<Staging, OutputError> {
        let out = absolute(out)?;
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
            let p = absolute(p)?;
            if p.starts_with(&out) {
                return Err(OutputError::Refused {
                    path: out.clone(),
                    why: format!(
                        "it holds the docs tree {} that is being read; choose an --out outside it",
                        p.display()
                    ),
                });
            }
        }
        check_existing(&out)?;
        std::fs::create_dir_all(&parent).map_err(|e| OutputError::io("create", &parent, e))?;

        let lock_path = parent.join(format!(".{name}.portmatrix.lock"));
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| OutputError::io("create the lock file", &lock_path, e))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(OutputError::Busy { out: out.clone() });
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(OutputError::io("lock", &lock_path, e));
            }
        }

        // We hold the lock: every other staging folder of this --out belongs
        // to a run that is gone.
        let prefix = format!(".{name}.portmatrix-staging.");
        if let Ok(entries) = std::fs::read_dir(&parent) {
            for e in entries.flatten() {
                if e.file_name().to_string_lossy().starts_with(&prefix) {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
        let dir = parent.join(format!("{prefix}{}", std::process::id()));
        std::fs::create_dir(&dir).map_err(|e| OutputError::io("create", &dir, e))?;
        Ok(Staging {
            out,
            dir,
            _lock: lock,
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
            manifest.push_str(&f.to_string_lossy());
            manifest.push('\n');
        }
        let manifest_path = self.dir.join(MANIFEST);
        std::fs::write(&manifest_path, manifest)
            .map_err(|e| OutputError::io("write", &manifest_path, e))?;
        swap(&self.dir, &self.out)?;
        self.done = true;
        // `self.dir` now holds the previous tree (or nothing): drop it.
        let _ = std::fs::remove_dir_all(&self.dir);
        Ok(Committed { written, kept })
    }

    /// Moves every file of the old `--out` that no manifest lists into the
    /// staging folder, at the same place.
    fn carry_over(&self, written: &[PathBuf]) -> Result<Vec<PathBuf>, OutputError> {
        if !self.out.is_dir() {
            return Ok(Vec::new());
        }
        let mut old = Vec::new();
        list_files(&self.out, Path::new(""), &mut old)
            .map_err(|e| OutputError::io("list", &self.out, e))?;
        let ours = manifests_under(&self.out, &old);
        let new: BTreeSet<&PathBuf> = written.iter().collect();
        let mut kept = Vec::new();
        for f in old {
            if ours.contains(&f) {
                continue;
            }
            if new.contains(&f) {
                return Err(OutputError::Refused {
                    path: self.out.join(&f),
                    why: "portmatrix did not write this file and a new output has its name; \
                          move it away and run again"
                        .into(),
                });
            }
            let to = self.dir.join(&f);
            if let Some(p) = to.parent() {
                std::fs::create_dir_all(p).map_err(|e| OutputError::io("create", p, e))?;
            }
            std::fs::rename(self.out.join(&f), &to)
                .map_err(|e| OutputError::io("keep", &self.out.join(&f), e))?;
            kept.push(f);
        }
        Ok(kept)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            // A failed or abandoned run frees what it wrote.
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// `out` must not exist, or be a folder that is empty or has our manifest.
fn check_existing(out: &Path) -> Result<(), OutputError> {
    let meta = match std::fs::symlink_metadata(out) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(OutputError::io("inspect", out, e)),
    };
    if !meta.is_dir() {
        return Err(OutputError::Refused {
            path: out.to_path_buf(),
            why: "it exists and is not a folder".into(),
        });
    }
    let empty = std::fs::read_dir(out)
        .map_err(|e| OutputError::io("read", out, e))?
        .next()
        .is_none();
    if !empty && !out.join(MANIFEST).is_file() {
        return Err(OutputError::Refused {
            path: out.to_path_buf(),
            why: format!(
                "it is not empty and has no {MANIFEST}, so portmatrix did not write it; \
                 choose a new or empty folder"
            ),
        });
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
    if !old.exists() {
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

/// `path` made absolute and free of `.`/`..` without touching the file system
/// (the folder may not exist yet).
fn absolute(path: &Path) -> Result<PathBuf, OutputError> {
    let abs = std::path::absolute(path).map_err(|e| OutputError::io("resolve", path, e))?;
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, rel: &str, text: &str) {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn read(dir: &Path, rel: &str) -> String {
        std::fs::read_to_string(dir.join(rel)).unwrap()
    }

    fn build(out: &Path, files: &[(&str, &str)]) -> Result<Committed, OutputError> {
        let s = Staging::begin(out, &[])?;
        for (rel, text) in files {
            write(s.dir(), rel, text);
        }
        s.commit()
    }

    fn siblings(out: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(out.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn commit_replaces_the_whole_tree() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("out");
        build(&out, &[("a.json", "1"), ("d/old.svg", "x")]).unwrap();
        let c = build(&out, &[("a.json", "2"), ("d/new.svg", "y")]).unwrap();
        assert_eq!(read(&out, "a.json"), "2");
        assert!(!out.join("d/old.svg").exists(), "stale outputs go");
        assert_eq!(read(&out, MANIFEST), "a.json\nd/new.svg\n");
        assert_eq!(c.written.len(), 2);
        assert_eq!(siblings(&out), [".out.portmatrix.lock", "out"]);
    }

    #[test]
    fn an_abandoned_build_changes_nothing_and_frees_its_files() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("out");
        build(&out, &[("a.json", "1")]).unwrap();
        {
            let s = Staging::begin(&out, &[]).unwrap();
            write(s.dir(), "a.json", "2");
        } // dropped: a failed run
        assert_eq!(read(&out, "a.json"), "1");
        assert_eq!(siblings(&out), [".out.portmatrix.lock", "out"]);
    }

    #[test]
    fn a_second_concurrent_build_is_refused() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("out");
        let first = Staging::begin(&out, &[]).unwrap();
        let err = Staging::begin(&out, &[]).unwrap_err();
        assert!(matches!(err, OutputError::Busy { .. }), "{err}");
        assert!(
            err.to_string()
                .starts_with("another portmatrix run is writing")
        );
        drop(first);
        Staging::begin(&out, &[]).unwrap();
    }

    #[test]
    fn staging_left_by_a_dead_run_is_removed() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("out");
        write(t.path(), ".out.portmatrix-staging.999999/a.json", "dead");
        build(&out, &[("a.json", "1")]).unwrap();
        assert_eq!(siblings(&out), [".out.portmatrix.lock", "out"]);
    }

    #[test]
    fn files_we_did_not_write_are_kept() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("out");
        build(&out, &[("book/index.html", "1")]).unwrap();
        write(&out, "book/notes.txt", "mine");
        let c = build(&out, &[("book/index.html", "2")]).unwrap();
        assert_eq!(read(&out, "book/notes.txt"), "mine");
        assert_eq!(c.kept, [PathBuf::from("book/notes.txt")]);
        // Still not ours on the next run.
        build(&out, &[("book/index.html", "3")]).unwrap();
        assert_eq!(read(&out, "book/notes.txt"), "mine");
    }

    #[test]
    fn a_new_output_never_replaces_a_file_we_did_not_write() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("out");
        build(&out, &[("a.json", "1")]).unwrap();
        write(&out, "b.json", "mine");
        let err = build(&out, &[("a.json", "2"), ("b.json", "ours")]).unwrap_err();
        assert!(
            err.to_string()
                .contains("portmatrix did not write this file"),
            "{err}"
        );
        assert_eq!(read(&out, "b.json"), "mine");
        assert_eq!(read(&out, "a.json"), "1");
    }

    #[test]
    fn foreign_folders_the_root_and_docs_trees_are_refused() {
        let t = tempfile::tempdir().unwrap();
        write(t.path(), "home/photo.jpg", "x");
        let err = Staging::begin(&t.path().join("home"), &[]).unwrap_err();
        assert!(
            err.to_string().contains("has no .portmatrix-manifest"),
            "{err}"
        );
        let err = Staging::begin(Path::new("/"), &[]).unwrap_err();
        assert!(err.to_string().contains("root folder"), "{err}");
        let docs = t.path().join("site/docs");
        std::fs::create_dir_all(&docs).unwrap();
        let err = Staging::begin(&t.path().join("site"), &[docs]).unwrap_err();
        assert!(err.to_string().contains("holds the docs tree"), "{err}");
        write(t.path(), "file", "x");
        let err = Staging::begin(&t.path().join("file"), &[]).unwrap_err();
        assert!(err.to_string().contains("not a folder"), "{err}");
    }
}
