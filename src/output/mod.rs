//! Writing outputs so that they can never be half-written, mixed, or written
//! over something that is not ours.
//!
//! - [`atomic`]: one file at a time (`json -o FILE`, catalogs): a temporary
//!   file persisted into place, only onto a regular file or a new path.
//! - [`staging`]: a whole output folder (`build --out DIR`): rendered beside
//!   it, swapped in with one rename, locked against concurrent builds, with a
//!   manifest so that files portmatrix did not write are never deleted.
//! - [`check_output_file`]: what `json -o FILE` may name.
//!
//! ```
//! use portmatrix::output::{Staging, write_atomic};
//! let dir = tempfile::tempdir().unwrap();
//! let out = dir.path().join("out");
//! // A whole folder: written beside `out`, swapped in at the end.
//! let staging = Staging::begin(&out, &[]).unwrap();
//! write_atomic(&staging.dir().join("a.json"), b"{}").unwrap();
//! staging.commit().unwrap();
//! assert_eq!(std::fs::read(out.join("a.json")).unwrap(), b"{}");
//! // A device is never replaced by a file.
//! assert!(write_atomic(std::path::Path::new("/dev/null"), b"x").is_err());
//! ```

pub mod atomic;
pub mod staging;

use std::path::{Path, PathBuf};

pub use atomic::{check_file_target, write_atomic, write_atomic_with};
pub use staging::{Committed, MANIFEST, Staging, abandon_all, resolve};

/// Why an output could not be written. Nothing was changed when this is
/// returned.
#[derive(Debug)]
#[non_exhaustive]
pub enum OutputError {
    /// A file system call failed.
    Io {
        /// What was being done ("write", "rename", …).
        action: &'static str,
        /// On which path.
        path: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
    /// The target exists and is not a regular file (a device, a FIFO, a
    /// symbolic link, a folder): it is not replaced.
    NotAFile {
        /// The target.
        path: PathBuf,
        /// What it is ("a FIFO", …).
        what: &'static str,
    },
    /// The output folder is refused (the root, a docs tree, a folder of
    /// someone else's).
    Refused {
        /// The folder or file.
        path: PathBuf,
        /// Why, as a sentence a person can act on.
        why: String,
    },
    /// Another portmatrix run is writing the same output folder.
    Busy {
        /// The output folder.
        out: PathBuf,
    },
}

/// Refuses `file` as the target of a single output file (`json -o FILE`)
/// before any work is done: a device, a FIFO, a socket, a symbolic link or a
/// folder ([`check_file_target`]), and a page of a docs tree being read
/// (`protected`: the trees' roots; a `.md` file under one of them would be
/// read back as a page).
pub fn check_output_file(file: &Path, protected: &[PathBuf]) -> Result<(), OutputError> {
    check_file_target(file)?;
    let target = resolve(file)?;
    let is_md = target
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"));
    for root in protected {
        let root = resolve(root)?;
        if target == root || (is_md && target.starts_with(&root)) {
            return Err(OutputError::Refused {
                path: file.to_path_buf(),
                why: format!(
                    "it is a page of the docs tree {} that is being read",
                    root.display()
                ),
            });
        }
    }
    Ok(())
}

impl OutputError {
    pub(crate) fn io(action: &'static str, path: &Path, source: std::io::Error) -> OutputError {
        OutputError::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OutputError::Io { action, path, .. } => {
                write!(f, "cannot {action} {}", path.display())
            }
            OutputError::NotAFile { path, what } => write!(
                f,
                "{} is {what}; only a regular file or a new path is written",
                path.display()
            ),
            OutputError::Refused { path, why } => {
                write!(f, "refusing to write {}: {why}", path.display())
            }
            OutputError::Busy { out } => write!(
                f,
                "another portmatrix run is writing {}; wait for it to finish",
                out.display()
            ),
        }
    }
}

impl std::error::Error for OutputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            OutputError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
