//! The load cache: a validated dataset kept in `<cache dir>` in postcard's binary form,
//! so a second start of a large file skips parsing. It is keyed on the file's path,
//! on its content (its length and a 64-bit XXH3 hash of its bytes) and on the crate
//! version. A size and modification time would lie: an edit of the same length with
//! its time put back (`touch -r`) would be served the old dataset.
//!
//! A warm start reads the dataset file once, in small pieces through one reused
//! buffer, only to hash it (XXH3 runs at memory speed; neither the whole text is held
//! nor its UTF-8 checked), then reads and decodes the cache. Only a miss reads the
//! file again as text, to parse it.
//!
//! The cache is never trusted blindly:
//! a wrong magic, version or key, a length or checksum that does not match, a decode
//! error or an index that points nowhere all mean "no cache": the file is parsed and
//! the cache written again. It is written atomically (a temporary file renamed into
//! place); a missing or read-only cache folder just means no cache.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::load::{self, LoadError, Loaded, Problem};
use super::model::{Dataset, Grade, Scale};
use super::progress::{Progress, Stage};

/// The first bytes of every cache file.
/// The cache's layout: the last byte counts changes to the cached model (2: rounds,
/// council ends, summary shares; 3: warnings with their severity; 4: covered_until,
/// summary sets and unrated; 5: warnings about hidden characters and non-web links;
/// 6: keyed on the file's content; 7: the content hash and the checksum are XXH3), so
/// a cache from an older build is never decoded.
const MAGIC: [u8; 8] = *b"trajexC7";

/// What a cache file must match to be used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Key {
    path: String,
    size: u64,
    /// The hash of the file's text ([`content_hash`]).
    content: u64,
}

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    magic: [u8; 8],
    version: String,
    key: Key,
    /// Length and checksum of the payload that follows the header.
    length: u64,
    checksum: u64,
}

#[derive(Serialize, Deserialize)]
struct Payload {
    warnings: Vec<Problem>,
    dataset: Dataset,
}

/// Loads the dataset at `path` (shown as `path.display()` in messages), from the cache
/// in `cache_dir` when it holds this very file, else by parsing it, then caching it.
pub fn load_file(
    path: &Path,
    cache_dir: Option<&Path>,
    progress: &Arc<Progress>,
) -> Result<Loaded, LoadError> {
    let shown = path.display().to_string();
    progress.set(Stage::Reading, 0, 0);
    // A file that cannot be hashed (missing, not a regular file, too large) goes on to
    // be read as text, which says why in one sentence.
    if let Some(dir) = cache_dir
        && let Some(key) = streamed_key(path)
        && let Some(payload) = read(&file_for(dir, &key), &key, progress)
    {
        return Ok(Loaded {
            warnings: payload.warnings,
            dataset: payload.dataset,
        });
    }
    let text = load::read_text(path).map_err(|reason| LoadError::Read {
        path: shown.clone(),
        reason,
    })?;
    // Keyed on the text parsed, not on the bytes hashed above: a file changed in
    // between is cached as what was parsed.
    let cached = cache_dir.and_then(|dir| Some((dir, key(path, &text)?)));
    let (dataset, warnings) = load::validate(&text, &shown, progress)?;
    drop(text);
    let payload = Payload { warnings, dataset };
    if let Some((dir, key)) = &cached {
        // A cache that cannot be written is no reason to fail the load.
        let _ = write(dir, key, &payload);
    }
    Ok(Loaded {
        warnings: payload.warnings,
        dataset: payload.dataset,
    })
}

/// The key of the file at `path` holding `text`; `None` when its path cannot be made
/// absolute.
fn key(path: &Path, text: &str) -> Option<Key> {
    let canonical = std::fs::canonicalize(path).ok()?;
    Some(Key {
        path: canonical.to_string_lossy().into_owned(),
        size: text.len() as u64,
        content: content_hash(text.as_bytes()),
    })
}

/// The key of the file at `path` as [`key`] gives it for its text, from its bytes
/// read in pieces through one buffer (a leading byte order mark left out, as the text
/// leaves it out); `None` when the file is no regular file, is past the size a
/// dataset may have, or cannot be read.
fn streamed_key(path: &Path) -> Option<Key> {
    use std::io::Read;
    // Looked at before opening (opening a named pipe waits for a writer) and after.
    let regular = |meta: std::fs::Metadata| {
        (crate::files::kind(meta.file_type()).is_none() && meta.len() <= load::MAX_FILE_BYTES)
            .then_some(())
    };
    regular(std::fs::metadata(path).ok()?)?;
    let mut file = std::fs::File::open(path).ok()?;
    regular(file.metadata().ok()?)?;
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    // 256 KiB: large enough that reading costs few calls, small enough to stay in cache.
    let mut buffer = vec![0; 256 * 1024];
    let (mut size, mut first) = (0u64, true);
    loop {
        let n = match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return None,
        };
        let mut piece = &buffer[..n];
        if std::mem::take(&mut first) && piece.starts_with(b"\xEF\xBB\xBF") {
            piece = &piece[3..];
        }
        hasher.update(piece);
        size += piece.len() as u64;
        if size > load::MAX_FILE_BYTES {
            return None;
        }
    }
    let canonical = std::fs::canonicalize(path).ok()?;
    Some(Key {
        path: canonical.to_string_lossy().into_owned(),
        size,
        content: hasher.digest(),
    })
}

/// A hash of a file's text: XXH3 (64 bits), from the well-kept `xxhash-rust`, at
/// memory speed (the standard library's SipHash, used before, ran at about 1.5 GB/s
/// here and was the largest single cost of a warm start after reading the file).
fn content_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// One cache file per dataset path, named by a stable hash of the path.
fn file_for(dir: &Path, key: &Key) -> PathBuf {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in key.path.bytes() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    dir.join(format!("dataset-{hash:016x}.bin"))
}

/// The payload's checksum, XXH3 as for the content: it catches a cut or damaged
/// file, not tampering (a cache that decodes is checked for consistency too).
fn checksum(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// The cached payload at `file`, when the file is there, whole, and for `key`.
fn read(file: &Path, key: &Key, progress: &Progress) -> Option<Payload> {
    // The cache folder is the user's, but a cache is never worth blocking on or
    // filling memory for: a FIFO, a device or a file past the cap is no cache.
    let bytes = crate::files::read_capped(file, load::MAX_FILE_BYTES, "a cache").ok()?;
    progress.set(Stage::Cache, 0, bytes.len() as u64);
    let (header, rest) = postcard::take_from_bytes::<Header>(&bytes).ok()?;
    let fits = header.magic == MAGIC
        && header.version == env!("CARGO_PKG_VERSION")
        && header.key == *key
        && header.length == rest.len() as u64
        && header.checksum == checksum(rest);
    if !fits {
        return None;
    }
    let payload: Payload = postcard::from_bytes(rest).ok()?;
    progress.advance(bytes.len() as u64);
    consistent(&payload.dataset).then_some(payload)
}

/// Whether every index in `dataset` points at something, every level is on its
/// scheme's scale and every date is a real one: what the views rely on.
fn consistent(dataset: &Dataset) -> bool {
    let schemes = dataset.schemes.len();
    let sources = dataset.sources.len();
    let scheme_ok = |ix: u16| usize::from(ix) < schemes;
    let source_ok = |ix: Option<u32>| ix.is_none_or(|s| (s as usize) < sources);
    let grade_ok =
        |scheme: u16, grade: Grade| match (grade, &dataset.schemes[usize::from(scheme)].scale) {
            (Grade::Level(rank), Scale::Ordinal(levels)) => usize::from(rank) < levels.len(),
            (Grade::Value(v), Scale::Numeric { .. }) => v.is_finite(),
            (Grade::Ungraded, _) => true,
            _ => false,
        };
    dataset.schemes.iter().all(|s| {
        s.parent.is_none_or(scheme_ok)
            && s.until.is_none_or(|d| d.is_real())
            && s.eras.iter().all(|e| e.start.is_real())
            && s.rounds.iter().all(|d| d.is_real())
            && source_ok(s.source)
    }) && dataset
        .sources
        .iter()
        .all(|s| s.date.is_none_or(|d| d.is_real()))
        && dataset.councils.iter().all(|c| {
            c.ended.is_none_or(|d| d.is_real())
                && c.ratings.iter().all(|r| {
                    scheme_ok(r.scheme)
                        && grade_ok(r.scheme, r.grade)
                        && source_ok(r.source)
                        && r.date.is_real()
                })
        })
        && dataset.summaries.iter().all(|s| {
            scheme_ok(s.scheme)
                && s.counts.len() == dataset.schemes[usize::from(s.scheme)].levels().len()
                && s.shares.len() == s.counts.len()
                && source_ok(s.source)
                && s.date.is_real()
        })
}

/// Writes `payload` for `key` into `dir`, atomically.
fn write(dir: &Path, key: &Key, payload: &Payload) -> Option<()> {
    let body = postcard::to_stdvec(payload).ok()?;
    let header = Header {
        magic: MAGIC,
        version: env!("CARGO_PKG_VERSION").to_owned(),
        key: key.clone(),
        length: body.len() as u64,
        checksum: checksum(&body),
    };
    let mut bytes = postcard::to_stdvec(&header).ok()?;
    bytes.extend_from_slice(&body);
    std::fs::create_dir_all(dir).ok()?;
    let mut temp = tempfile::NamedTempFile::new_in(dir).ok()?;
    std::io::Write::write_all(&mut temp, &bytes).ok()?;
    temp.persist(file_for(dir, key)).ok()?;
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATA: &str = r#"Dataset(title: "t",
        schemes: [Scheme(id: "cs", name: "CS", body: "Ofsted", scale: Ordinal(["Inadequate", "Good"]))],
        councils: [Council(id: "th", name: "Tower Hamlets", neighbours: ["elsewhere"], ratings: [
            Rating(scheme: "cs", date: "2017-04-07", level: "Inadequate"),
            Rating(scheme: "cs", date: "2019-07-22", level: "Good"),
        ])])"#;

    fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let root = tempfile::tempdir().unwrap();
        let file = root.path().join("d.ron");
        std::fs::write(&file, DATA).unwrap();
        let cache = root.path().join("cache");
        (root, file, cache)
    }

    fn load(file: &Path, cache: &Path) -> Loaded {
        load_file(file, Some(cache), &Arc::new(Progress::default())).unwrap()
    }

    fn the_one_cache_file(cache: &Path) -> PathBuf {
        let files: Vec<PathBuf> = std::fs::read_dir(cache)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(files.len(), 1, "{files:?}");
        files[0].clone()
    }

    #[test]
    fn a_second_load_comes_from_the_cache_with_the_same_dataset_and_warnings() {
        let (_root, file, cache) = setup();
        let first = load(&file, &cache);
        let cached = the_one_cache_file(&cache);
        let key = key(&file, DATA).unwrap();
        assert!(read(&cached, &key, &Progress::default()).is_some());
        let second = load(&file, &cache);
        assert_eq!(first.warnings, second.warnings);
        assert_eq!(first.warnings.len(), 2, "{:?}", first.warnings);
        assert_eq!(
            format!("{:?}", first.dataset),
            format!("{:?}", second.dataset)
        );
    }

    #[test]
    fn a_warm_start_finds_the_cache_from_the_files_bytes_with_or_without_a_byte_order_mark() {
        for text in [DATA.to_owned(), format!("\u{feff}{DATA}")] {
            let (_root, file, cache) = setup();
            std::fs::write(&file, &text).unwrap();
            let first = load(&file, &cache);
            let cached = the_one_cache_file(&cache);
            let streamed = streamed_key(&file).unwrap();
            assert_eq!(streamed, key(&file, DATA).unwrap());
            assert!(read(&cached, &streamed, &Progress::default()).is_some());
            let second = load(&file, &cache);
            assert_eq!(
                format!("{:?}", first.dataset),
                format!("{:?}", second.dataset)
            );
        }
    }

    #[test]
    fn a_changed_file_is_parsed_again_not_read_from_the_cache() {
        let (_root, file, cache) = setup();
        load(&file, &cache);
        std::fs::write(&file, DATA.replace("Tower Hamlets", "Tower Hamlets!")).unwrap();
        assert_eq!(
            load(&file, &cache).dataset.councils[0].name,
            "Tower Hamlets!"
        );
    }

    #[test]
    fn an_edit_of_the_same_size_with_its_time_put_back_is_parsed_again() {
        let (_root, file, cache) = setup();
        let modified = std::fs::metadata(&file).unwrap().modified().unwrap();
        assert_eq!(
            load(&file, &cache).dataset.councils[0].name,
            "Tower Hamlets"
        );
        let edited = DATA.replace("Tower Hamlets", "Tower Hamletz");
        assert_eq!(edited.len(), DATA.len());
        std::fs::write(&file, &edited).unwrap();
        // As `touch -r` would: the file's time is what it was before the edit.
        let handle = std::fs::File::options().write(true).open(&file).unwrap();
        handle.set_modified(modified).unwrap();
        drop(handle);
        assert_eq!(
            std::fs::metadata(&file).unwrap().modified().unwrap(),
            modified
        );
        assert_eq!(
            load(&file, &cache).dataset.councils[0].name,
            "Tower Hamletz"
        );
    }

    #[test]
    fn a_cache_file_that_is_a_named_pipe_is_no_cache_and_never_waited_on() {
        let (_root, file, cache) = setup();
        load(&file, &cache);
        let cached = the_one_cache_file(&cache);
        std::fs::remove_file(&cached).unwrap();
        let made = std::process::Command::new("mkfifo").arg(&cached).status();
        assert!(made.unwrap().success());
        let key = key(&file, DATA).unwrap();
        assert!(read(&cached, &key, &Progress::default()).is_none());
    }

    #[test]
    fn a_damaged_cache_is_ignored_and_rebuilt() {
        let (_root, file, cache) = setup();
        load(&file, &cache);
        let cached = the_one_cache_file(&cache);
        let good = std::fs::read(&cached).unwrap();
        let key = key(&file, DATA).unwrap();
        // Cut short, a flipped byte anywhere, garbage, empty: each is no cache.
        let mut damaged = vec![
            good[..good.len() / 2].to_vec(),
            b"garbage".to_vec(),
            Vec::new(),
        ];
        for at in (0..good.len()).step_by(7) {
            let mut flipped = good.clone();
            flipped[at] ^= 0x5a;
            damaged.push(flipped);
        }
        for bytes in damaged {
            std::fs::write(&cached, &bytes).unwrap();
            assert!(read(&cached, &key, &Progress::default()).is_none());
            assert_eq!(
                load(&file, &cache).dataset.councils[0].name,
                "Tower Hamlets"
            );
            assert_eq!(std::fs::read(&cached).unwrap(), good, "rebuilt");
        }
    }

    #[test]
    fn a_cache_for_another_version_or_file_is_not_used() {
        let (_root, file, cache) = setup();
        load(&file, &cache);
        let cached = the_one_cache_file(&cache);
        let mut key = key(&file, DATA).unwrap();
        key.size += 1;
        assert!(read(&cached, &key, &Progress::default()).is_none());
    }

    #[test]
    fn a_cache_folder_that_cannot_be_made_just_means_no_cache() {
        let (root, file, _) = setup();
        let blocked = root.path().join("not-a-folder");
        std::fs::write(&blocked, "").unwrap();
        let loaded = load_file(
            &file,
            Some(&blocked.join("cache")),
            &Arc::new(Progress::default()),
        );
        assert_eq!(loaded.unwrap().dataset.councils.len(), 1);
    }
}
