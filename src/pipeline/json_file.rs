//! The JSON document of trees of pages, streamed into a file that is replaced
//! only when the run succeeds.

use std::path::Path;

use super::WriteError;
use crate::parse::Source;
use crate::stream::Summary;

/// What [`write_json_file`] did.
#[derive(Debug)]
pub struct JsonFile {
    /// Every diagnostic (and the counts of what was written).
    pub summary: Summary,
    /// Whether the file was replaced: `false` when the input has errors and
    /// `keep_going` is off (the previous file is left as it was).
    pub replaced: bool,
}

/// [`write_json_file`] could not write the file.
#[derive(Debug)]
pub struct JsonFileError {
    /// The diagnostics, when the input was parsed to the end before the
    /// file failed (for example when it could not be renamed into place);
    /// `None` when writing failed before the document was complete.
    pub summary: Option<Summary>,
    /// The file and the I/O error.
    pub error: WriteError,
}

impl std::fmt::Display for JsonFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.error.fmt(f)
    }
}

impl std::error::Error for JsonFileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error.source)
    }
}

/// Parses `sources` and writes their JSON document into `path` page by page
/// (see [`crate::stream`]), atomically.
///
/// Why: memory does not grow with the tree (the whole matrix is never held),
/// and a failed run never destroys the previous output. With input errors the
/// file is replaced only with `keep_going` (and then without the pages that
/// have errors, as [`super::keep_going::drop_failed_pages`] does); the caller
/// reports [`JsonFile::summary`]'s diagnostics and decides the exit status.
pub fn write_json_file(
    sources: &[Source],
    path: &Path,
    keep_going: bool,
) -> Result<JsonFile, JsonFileError> {
    let mut summary = None;
    let written = crate::output::write_atomic_with(path, |w| {
        let s = crate::stream::write_json(sources, keep_going, w)?;
        let failed = s.has_errors() && !keep_going;
        summary = Some(s);
        if failed {
            // Not renamed into place: the previous file stays as it was.
            return Err(std::io::Error::other("the input has errors"));
        }
        Ok(())
    });
    let error = |summary, source| JsonFileError {
        summary,
        error: WriteError::new(path, source),
    };
    let Some(summary) = summary else {
        let source = written
            .err()
            .unwrap_or_else(|| std::io::Error::other("the document was not written"));
        return Err(error(None, source));
    };
    if summary.has_errors() && !keep_going {
        return Ok(JsonFile {
            summary,
            replaced: false,
        });
    }
    match written {
        Ok(()) => Ok(JsonFile {
            summary,
            replaced: true,
        }),
        Err(e) => Err(error(Some(summary), e)),
    }
}
