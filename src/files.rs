//! Reading a user's file within limits: only a regular file (or a symlink to one) is
//! read, and only up to a stated size, checked before a byte is read. A named pipe, a
//! device (`/dev/zero`, `/dev/urandom`) or a folder is refused in one sentence instead
//! of blocking or reading without end.

use std::fmt;
use std::io::Read;
use std::path::Path;

/// Why a file was not read: the end of a sentence that starts "cannot read PATH: ".
#[derive(Debug)]
pub enum ReadError {
    /// Opening or reading failed.
    Io(std::io::Error),
    /// It is there but no regular file: what it is instead.
    NotAFile(&'static str),
    /// It is larger than `cap` bytes, too large to be `what`.
    TooLarge { cap: u64, what: &'static str },
    /// Its bytes are not UTF-8: the first bad byte's offset, line and column.
    NotUtf8 {
        offset: usize,
        line: usize,
        col: usize,
    },
}

impl ReadError {
    /// Whether the file is simply not there (a missing config is no error).
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound)
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => f.write_str(&crate::io_reason(e)),
            ReadError::NotAFile(kind) => write!(f, "it is {kind}, not a regular file"),
            ReadError::TooLarge { cap, what } => {
                write!(
                    f,
                    "it is larger than {}, too large to be {what}",
                    size(*cap)
                )
            }
            ReadError::NotUtf8 { offset, line, col } => write!(
                f,
                "it is not UTF-8 text: the byte at offset {offset} (line {line}, column {col}) is not UTF-8"
            ),
        }
    }
}

/// `cap` bytes in the largest whole unit: "1 GiB", "1 MiB", "512 bytes".
fn size(cap: u64) -> String {
    match cap {
        c if c >= 1 << 30 && c % (1 << 30) == 0 => format!("{} GiB", c >> 30),
        c if c >= 1 << 20 && c % (1 << 20) == 0 => format!("{} MiB", c >> 20),
        c if c >= 1 << 10 && c % (1 << 10) == 0 => format!("{} KiB", c >> 10),
        c => format!("{c} bytes"),
    }
}

/// What a file that is not a regular one is, in words ("a named pipe (FIFO)"); `None`
/// for a regular file.
pub fn kind(file_type: std::fs::FileType) -> Option<&'static str> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return Some("a device");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
    }
    Some("something other than a file")
}

/// The bytes of the regular file at `path` (a symlink is followed), refused before it
/// is opened when it is no regular file, and before it is read when it is larger than
/// `cap` bytes; `what` names what it should be in that message ("a dataset").
pub fn read_capped(path: &Path, cap: u64, what: &'static str) -> Result<Vec<u8>, ReadError> {
    // Looked at before opening: opening a named pipe waits for a writer.
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    if let Some(kind) = kind(meta.file_type()) {
        return Err(ReadError::NotAFile(kind));
    }
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    // And again on what was opened, in case the path changed in between.
    let meta = file.metadata().map_err(ReadError::Io)?;
    if let Some(kind) = kind(meta.file_type()) {
        return Err(ReadError::NotAFile(kind));
    }
    let too_large = ReadError::TooLarge { cap, what };
    if meta.len() > cap {
        return Err(too_large);
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // A file that grows while it is read still stops at the cap.
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > cap {
        return Err(too_large);
    }
    Ok(bytes)
}

/// [`read_capped`] as text: UTF-8, a leading byte order mark skipped (editors hide it,
/// so positions count from after it); bytes that are not UTF-8 are refused with the
/// first bad byte's offset, line and column.
pub fn read_text_capped(path: &Path, cap: u64, what: &'static str) -> Result<String, ReadError> {
    let mut bytes = read_capped(path, cap, what)?;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let good = &e.as_bytes()[..offset];
        let line_start = good
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |at| at + 1);
        let line = 1 + good.iter().filter(|&&b| b == b'\n').count();
        // Valid UTF-8 up to `offset`, so this slice is text: columns count characters.
        let col = 1 + std::str::from_utf8(&good[line_start..]).map_or(0, |s| s.chars().count());
        ReadError::NotUtf8 { offset, line, col }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_refused_in_a_sentence() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_capped(dir.path(), 10, "a dataset").unwrap_err();
        assert_eq!(e.to_string(), "it is a folder, not a regular file");
    }

    #[test]
    fn a_file_over_the_cap_is_refused_with_the_cap_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, vec![b'x'; 2049]).unwrap();
        let e = read_capped(&path, 2048, "a config").unwrap_err();
        assert_eq!(
            e.to_string(),
            "it is larger than 2 KiB, too large to be a config"
        );
        assert_eq!(read_capped(&path, 2049, "a config").unwrap().len(), 2049);
    }

    #[test]
    fn a_symlink_to_a_regular_file_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, "text").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        assert_eq!(read_text_capped(&link, 10, "a dataset").unwrap(), "text");
    }

    #[test]
    fn bad_utf8_is_placed_by_offset_line_and_column_and_a_bom_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, b"ab\nM\xc3\xb4n \xff").unwrap();
        let e = read_text_capped(&path, 100, "a dataset").unwrap_err();
        assert_eq!(
            e.to_string(),
            "it is not UTF-8 text: the byte at offset 8 (line 2, column 5) is not UTF-8"
        );
        std::fs::write(&path, b"\xEF\xBB\xBFDataset()").unwrap();
        assert_eq!(
            read_text_capped(&path, 100, "a dataset").unwrap(),
            "Dataset()"
        );
    }

    #[test]
    fn a_device_is_refused_before_it_is_read() {
        for device in ["/dev/zero", "/dev/urandom", "/dev/null"] {
            let e = read_capped(Path::new(device), 10, "a dataset").unwrap_err();
            assert_eq!(e.to_string(), "it is a device, not a regular file");
        }
    }
}
