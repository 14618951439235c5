//! What an I/O failure on the output folder tells the editor: the cause in
//! words (disk full, read-only disk, no permission, another disk) and what
//! to do about it, as a diagnostic from the message catalogue.
//!
//! Takes the error (any `anyhow` chain that holds an `io::Error`) and the
//! folder it concerns; returns a `Diagnostic`. Pure: it only reads the error.

use crate::diag::Diagnostic;
use crate::model::path_text::escaped;
use crate::t;
use std::io::ErrorKind;
use std::path::Path;

/// The kind of the first `io::Error` in the chain, if any.
pub fn io_kind(error: &anyhow::Error) -> Option<ErrorKind> {
    error
        .chain()
        .find_map(|cause| cause.downcast_ref::<std::io::Error>())
        .map(std::io::Error::kind)
}

/// True for failures of the whole disk or folder rather than of one file:
/// after one of these, writing more files only repeats it.
pub fn is_whole_disk(kind: ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::StorageFull
            | ErrorKind::QuotaExceeded
            | ErrorKind::ReadOnlyFilesystem
            | ErrorKind::PermissionDenied
    )
}

/// The diagnostic for `error`, met while writing the output folder `out`
/// (as the editor gave it) in or beside `folder`.
pub fn diagnostic(out: &Path, folder: &Path, error: &anyhow::Error) -> Diagnostic {
    let folder_text = escaped(folder);
    let cause = format!("{error:#}");
    let (message, hint) = match io_kind(error) {
        Some(ErrorKind::StorageFull | ErrorKind::QuotaExceeded) => (
            t!("output_disk_full", folder = folder_text),
            t!("output_disk_full_hint"),
        ),
        Some(ErrorKind::ReadOnlyFilesystem) => (
            t!("output_read_only_disk", folder = folder_text),
            t!("output_read_only_disk_hint"),
        ),
        Some(ErrorKind::PermissionDenied) => (
            t!("output_permission", folder = folder_text),
            t!("output_permission_hint", folder = folder_text),
        ),
        Some(ErrorKind::CrossesDevices | ErrorKind::ResourceBusy) => (
            t!("out_mount_point", out = escaped(out)),
            t!("out_mount_point_hint", out = escaped(out)),
        ),
        Some(ErrorKind::NotADirectory) => (
            t!("output_not_a_folder", folder = folder_text, cause = cause),
            t!("output_not_a_folder_hint"),
        ),
        _ => (t!("output_failed", cause = cause), t!("output_failed_hint")),
    };
    Diagnostic::error(out, message).hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(kind: ErrorKind) -> String {
        let error = anyhow::Error::new(std::io::Error::from(kind)).context("failed to write `x`");
        diagnostic(Path::new("public"), Path::new("/site"), &error)
            .message
            .to_string()
    }

    #[test]
    fn each_cause_is_named_in_words() {
        assert!(message(ErrorKind::StorageFull).contains("no space left"));
        assert!(message(ErrorKind::QuotaExceeded).contains("no space left"));
        assert!(message(ErrorKind::ReadOnlyFilesystem).contains("read-only"));
        assert!(message(ErrorKind::PermissionDenied).contains("no permission"));
        assert!(message(ErrorKind::CrossesDevices).contains("mount point"));
        let other = message(ErrorKind::InvalidData);
        assert!(other.contains("failed to write `x`"), "{other}");
    }
}
