//! Writing one output file so that a reader never sees a half-written file, a
//! failed run never destroys the previous output, and nothing that is not a
//! plain file of ours is ever replaced.
//!
//! Every file is written to a temporary file beside its target (`tempfile`),
//! flushed, and persisted (renamed) into place. Before that, the target is
//! checked: a rename would silently replace a device, a FIFO or a symbolic
//! link with a regular file (as root, `-o /dev/null` once replaced
//! `/dev/null`), so only a regular file or a path that does not exist yet is
//! accepted.

use std::io::Write;
use std::path::Path;

use super::OutputError;

/// Refuses a target that is not a regular file or a new path: directories,
/// symbolic links, devices, FIFOs and sockets are left alone.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// assert!(portmatrix::output::check_file_target(&dir.path().join("new.json")).is_ok());
/// let err = portmatrix::output::check_file_target(dir.path()).unwrap_err();
/// assert!(err.to_string().contains("is a directory"));
/// ```
pub fn check_file_target(path: &Path) -> Result<(), OutputError> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(OutputError::io("inspect", path, e)),
    };
    let ft = meta.file_type();
    let what = if ft.is_file() {
        return Ok(());
    } else if ft.is_dir() {
        "a directory"
    } else if ft.is_symlink() {
        "a symbolic link"
    } else {
        special_file_kind(&ft)
    };
    Err(OutputError::NotAFile {
        path: path.to_path_buf(),
        what,
    })
}

#[cfg(unix)]
fn special_file_kind(ft: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if ft.is_fifo() {
        "a FIFO"
    } else if ft.is_char_device() || ft.is_block_device() {
        "a device"
    } else if ft.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn special_file_kind(_: &std::fs::FileType) -> &'static str {
    "not a regular file"
}

/// Writes `contents` to `path` atomically (temporary file + rename). Creates
/// the parent directory. Refuses targets that are not regular files
/// ([`check_file_target`]).
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |w| w.write_all(contents))
}

/// Like [`write_atomic`], for contents produced by a writer function (for
/// example a serializer streaming a large document): `write` writes into a
/// buffered temporary file, which is persisted into place only when `write`
/// succeeds. On any error the target is left as it was and the temporary
/// file is removed.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    check_file_target(path).map_err(std::io::Error::other)?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    // Named like the target so that a leftover (after kill -9) says whose it is.
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // tempfile creates 0600 files; outputs are for others to read (a web
    // server serving the book), so ask for what File::create gives: 0666
    // less the umask.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let tmp = builder.tempfile_in(dir)?;
    let mut w = std::io::BufWriter::with_capacity(1 << 16, tmp);
    write(&mut w)?;
    let tmp = w.into_inner().map_err(|e| e.into_error())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
