//! Reading a file from disk into a [`FilePart`] for the share-file methods.

use std::io;
use std::path::Path;

use crate::model::FilePart;

/// Reads the file at `path` into a [`FilePart`] named after the file, with a media type guessed
/// from its extension (`application/octet-stream` when unknown).
///
/// This reads the whole file with blocking I/O; in async code, call it where blocking is
/// acceptable (files shared through HipChat are small) or build the [`FilePart`] yourself.
///
/// ```no_run
/// use hipchat::api::rooms::ShareFileWithRoom;
///
/// # fn run() -> std::io::Result<()> {
/// let file = hipchat::file_part_from_path("target/report.pdf")?;
/// let share = ShareFileWithRoom::new("Ops Team", file).message("Nightly report");
/// # let _ = share;
/// # Ok(()) }
/// ```
pub fn file_part_from_path(path: impl AsRef<Path>) -> io::Result<FilePart> {
    let path = path.as_ref();
    let bytes = std::fs::read(path)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?;
    Ok(FilePart::new(name, media_type_for(path), bytes))
}

/// The media type of common file extensions, compared case-insensitively.
fn media_type_for(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "gz" | "tgz" => "application/gzip",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" | "log" => "text/plain",
        "csv" => "text/csv",
        "md" => "text/markdown",
        "html" | "htm" => "text/html",
        "mp4" => "video/mp4",
        "mp3" => "audio/mpeg",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_name_type_and_bytes() {
        let dir = std::env::temp_dir().join(format!("hipchat-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("Build Log.TXT");
        std::fs::write(&path, b"line one\nline two\n").unwrap();
        let part = file_part_from_path(&path).unwrap();
        assert_eq!(part.name(), "Build Log.TXT");
        assert_eq!(part.content_type(), "text/plain");
        assert_eq!(part.bytes(), b"line one\nline two\n");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn unknown_extensions_are_octet_streams_and_missing_files_are_errors() {
        assert_eq!(
            media_type_for(Path::new("a.unknownext")),
            "application/octet-stream"
        );
        assert_eq!(
            media_type_for(Path::new("noext")),
            "application/octet-stream"
        );
        assert_eq!(media_type_for(Path::new("photo.JPG")), "image/jpeg");
        let err = file_part_from_path("/definitely/not/here.png").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    }
}
