//! Benchmarks at three sizes: the embedded dataset (157 councils) and synthetic ones of
//! 10,000 and 100,000 councils, generated at start (fixed seed) into a temporary folder.
//! Load + validate beside two references (bare `ron::from_str` into plain structs, and
//! the same data as JSON through `serde_json`), a second start through the load cache,
//! the first frame, one frame after each common action on a 200x60 buffer, and exports.
//!
//! Run with `cargo bench --bench trajex`; filter with e.g. `cargo bench --bench trajex -- 100000`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::{Bencher, black_box};
use trajex::app::App;
use trajex::data::load;
use trajex::data::{Dataset, Date};
use trajex::export::Format;
use trajex::ui::theme::Theme;

fn main() {
    divan::main();
}

/// The sizes benchmarked: 0 stands for the embedded dataset.
const SIZES: [usize; 3] = [0, 10_000, 100_000];
const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;

struct Input {
    path: PathBuf,
    text: String,
    json: String,
    /// The same records as JSON, as `data::raw` writes them: what `parse_serde_json`
    /// reads into the records the scanner and `ron` give.
    raw_json: String,
    dataset: Dataset,
    cache_dir: PathBuf,
}

fn folder() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("a temporary folder"))
        .path()
}

/// The dataset of `size` councils, generated once per run.
fn input(size: usize) -> &'static Input {
    static INPUTS: OnceLock<Vec<OnceLock<Input>>> = OnceLock::new();
    let slots = INPUTS.get_or_init(|| SIZES.iter().map(|_| OnceLock::new()).collect());
    let slot = SIZES
        .iter()
        .position(|&s| s == size)
        .expect("a benchmarked size");
    slots[slot].get_or_init(|| {
        let text = if size == 0 {
            trajex::data::EMBEDDED.to_owned()
        } else {
            let data = trajex::generate::dataset(size, 42);
            let all: Vec<usize> = (0..size).collect();
            String::from_utf8(trajex::export::dataset_ron(&data, &all).unwrap()).unwrap()
        };
        let path = folder().join(format!("councils-{size}.ron"));
        std::fs::write(&path, &text).unwrap();
        let dataset = load::parse(&text, "bench").unwrap().dataset;
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let plain: plain::Dataset = options.from_str(&text).unwrap();
        let json = serde_json::to_string(&plain).unwrap();
        let raw: trajex::data::raw::RawDataset = options.from_str(&text).unwrap();
        let raw_json = serde_json::to_string(&raw).unwrap();
        drop(raw);
        let cache_dir = folder().join(format!("cache-{size}"));
        Input {
            path,
            text,
            json,
            raw_json,
            dataset,
            cache_dir,
        }
    })
}

fn today() -> Date {
    Date::parse("2026-11-22").unwrap()
}

/// The dataset's plain serde mirror, owned strings, no validation: what parsing alone costs.
mod plain {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Serialize};

    #[derive(Deserialize, Serialize)]
    #[serde(deny_unknown_fields)]
    pub struct Dataset {
        pub title: String,
        #[serde(default)]
        pub description: Option<String>,
        pub schemes: Vec<Scheme>,
        pub councils: Vec<Council>,
        #[serde(default)]
        pub summaries: Vec<Summary>,
        #[serde(default)]
        pub sources: Vec<Source>,
    }

    #[derive(Deserialize, Serialize)]
    #[serde(deny_unknown_fields)]
    pub struct Scheme {
        pub id: String,
        pub name: String,
        pub body: String,
        #[serde(default)]
        pub parent: Option<String>,
        pub scale: Scale,
        #[serde(default)]
        pub until: Option<String>,
        #[serde(default)]
        pub eras: Vec<(String, String)>,
        #[serde(default)]
        pub rounds: Vec<String>,
        #[serde(default)]
        pub covered_until: Option<String>,
        #[serde(default)]
        pub source: Option<String>,
        #[serde(default)]
        pub note: Option<String>,
    }

    #[derive(Deserialize, Serialize)]
    pub enum Scale {
        Ordinal(Vec<String>),
        Numeric { unit: String, better: Better },
    }

    #[derive(Deserialize, Serialize)]
    pub enum Better {
        Higher,
        Lower,
    }

    #[derive(Deserialize, Serialize)]
    #[serde(deny_unknown_fields)]
    pub struct Council {
        pub id: String,
        pub name: String,
        #[serde(default)]
        pub code: Option<String>,
        #[serde(default)]
        pub aliases: Vec<String>,
        #[serde(default)]
        pub region: Option<String>,
        #[serde(default)]
        pub kind: Option<String>,
        #[serde(default)]
        pub neighbours: Vec<String>,
        #[serde(default)]
        pub succeeded_by: Vec<String>,
        #[serde(default)]
        pub ended: Option<String>,
        #[serde(default)]
        pub ratings: Vec<Rating>,
    }

    #[derive(Deserialize, Serialize)]
    #[serde(deny_unknown_fields)]
    pub struct Rating {
        pub scheme: String,
        pub date: String,
        #[serde(default)]
        pub level: Option<String>,
        #[serde(default)]
        pub value: Option<f64>,
        #[serde(default)]
        pub note: Option<String>,
        #[serde(default)]
        pub source: Option<String>,
    }

    #[derive(Deserialize, Serialize)]
    #[serde(deny_unknown_fields)]
    pub struct Summary {
        pub scheme: String,
        pub date: String,
        #[serde(default)]
        pub total: Option<u32>,
        #[serde(default)]
        pub counts: BTreeMap<String, u32>,
        #[serde(default)]
        pub shares: BTreeMap<String, f64>,
        #[serde(default)]
        pub sets: Vec<LevelSet>,
        #[serde(default)]
        pub unrated: Option<u32>,
        #[serde(default)]
        pub source: Option<String>,
        #[serde(default)]
        pub note: Option<String>,
    }

    #[derive(Deserialize, Serialize)]
    #[serde(deny_unknown_fields)]
    pub struct LevelSet {
        pub label: String,
        pub levels: Vec<String>,
        #[serde(default)]
        pub count: Option<u32>,
        #[serde(default)]
        pub share: Option<f64>,
    }

    #[derive(Deserialize, Serialize)]
    #[serde(deny_unknown_fields)]
    pub struct Source {
        pub id: String,
        pub title: String,
        #[serde(default)]
        pub publisher: Option<String>,
        #[serde(default)]
        pub date: Option<String>,
        #[serde(default)]
        pub url: Option<String>,
    }
}

mod load_and_validate {
    use std::sync::Arc;

    use super::*;
    use trajex::data::cache;
    use trajex::data::progress::Progress;
    use trajex::ui::draw_to_buffer;

    /// `load::parse`: RON parsing, validation, interning and indexing, from the text.
    #[divan::bench(args = SIZES, sample_count = 10)]
    fn trajex_load(bencher: Bencher, size: usize) {
        let input = input(size);
        bencher.bench(|| load::parse(black_box(&input.text), "bench").unwrap());
    }

    /// A second start: the file's load cache read back (written once, untimed, first).
    #[divan::bench(args = SIZES, sample_count = 10)]
    fn cached_load(bencher: Bencher, size: usize) {
        let input = input(size);
        let progress = Arc::new(Progress::default());
        cache::load_file(&input.path, Some(&input.cache_dir), &progress).unwrap();
        bencher.bench(|| {
            cache::load_file(black_box(&input.path), Some(&input.cache_dir), &progress).unwrap()
        });
    }

    /// A second start as the explorer makes it: the cache read back, the explorer set up
    /// (list index, trajectories) and its first frame drawn.
    #[divan::bench(args = SIZES, sample_count = 10)]
    fn cached_load_and_first_frame(bencher: Bencher, size: usize) {
        let input = input(size);
        let progress = Arc::new(Progress::default());
        cache::load_file(&input.path, Some(&input.cache_dir), &progress).unwrap();
        bencher.bench(|| {
            let loaded = cache::load_file(&input.path, Some(&input.cache_dir), &progress).unwrap();
            let app = App::new(loaded.dataset, today());
            draw_to_buffer(&app, WIDTH, HEIGHT, Theme::DARK)
        });
    }

    /// A first start: the file read, parsed and validated, the explorer set up and its
    /// first frame drawn (no cache).
    #[divan::bench(args = SIZES, sample_count = 10)]
    fn load_and_first_frame(bencher: Bencher, size: usize) {
        let input = input(size);
        bencher.bench(|| {
            let loaded = load::parse_file(&input.path).unwrap();
            let app = App::new(loaded.dataset, today());
            draw_to_buffer(&app, WIDTH, HEIGHT, Theme::DARK)
        });
    }

    /// A one-line dataset of N ratings, each at a level its scheme lacks: parsed,
    /// checked and its report written out (50 problems and "… and N-50 more"). At 20,000
    /// and 80,000, the time should grow four times, not sixteen.
    #[divan::bench(args = [20_000, 80_000], sample_count = 10)]
    fn bad_ratings_on_one_line(bencher: Bencher, n: usize) {
        let text = trajex::generate::bad_ratings_on_one_line(n);
        bencher.bench(|| {
            let report = load::parse(black_box(&text), "bench")
                .unwrap_err()
                .to_string();
            assert_eq!(report.lines().count(), 51);
            report
        });
    }

    /// Reference: the same text through bare `ron::from_str` into plain structs.
    #[divan::bench(args = SIZES, sample_count = 10)]
    fn bare_ron(bencher: Bencher, size: usize) {
        let input = input(size);
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        bencher.bench(|| {
            options
                .from_str::<plain::Dataset>(black_box(&input.text))
                .unwrap()
        });
    }

    /// Reference: the same data as JSON through `serde_json::from_str` into plain structs.
    #[divan::bench(args = SIZES, sample_count = 10)]
    fn serde_json(bencher: Bencher, size: usize) {
        let input = input(size);
        bencher.bench(|| serde_json::from_str::<plain::Dataset>(black_box(&input.json)).unwrap());
    }
}

/// Parsing alone, three ways to the same records (`data::raw`, strings borrowed from
/// the text): the byte-level scanner trajex reads its own RON with, `ron`, which reads
/// any other file and gives every error its place, and `serde_json` on the same data
/// as JSON, the speed to aim at.
mod parse {
    use super::*;
    use trajex::data::raw::RawDataset;

    #[divan::bench(args = SIZES, sample_count = 10)]
    fn parse_fast_path(bencher: Bencher, size: usize) {
        let input = input(size);
        bencher.bench(|| load::scan_raw(black_box(&input.text)).unwrap());
    }

    #[divan::bench(args = SIZES, sample_count = 10)]
    fn parse_ron(bencher: Bencher, size: usize) {
        let input = input(size);
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        bencher.bench(|| {
            options
                .from_str::<RawDataset>(black_box(&input.text))
                .unwrap()
        });
    }

    #[divan::bench(args = SIZES, sample_count = 10)]
    fn parse_serde_json(bencher: Bencher, size: usize) {
        let input = input(size);
        bencher.bench(|| serde_json::from_str::<RawDataset>(black_box(&input.raw_json)).unwrap());
    }

    /// The whole load by `ron`'s path (what any file the scanner leaves is read by):
    /// parsed whole, then checked.
    #[divan::bench(args = SIZES, sample_count = 10)]
    fn thorough_load(bencher: Bencher, size: usize) {
        let input = input(size);
        bencher.bench(|| load::parse_thorough(black_box(&input.text), "bench").unwrap());
    }
}

mod frames {
    use super::*;
    use trajex::ui::{draw_to_buffer, feed_keys};

    /// A new explorer on the loaded dataset and its first frame (the dataset's clone
    /// is not timed).
    #[divan::bench(args = SIZES, sample_count = 20)]
    fn first_frame(bencher: Bencher, size: usize) {
        let input = input(size);
        bencher
            .with_inputs(|| input.dataset.clone())
            .bench_local_values(|dataset| {
                let mut app = App::new(dataset, today());
                feed_keys(&mut app, WIDTH, HEIGHT, "").unwrap();
                let buffer = draw_to_buffer(&app, WIDTH, HEIGHT, Theme::DARK);
                (app, buffer)
            });
    }

    /// One action and the frame after it, from a state `setup` keys lead to; `reset`
    /// keys (untimed) run before each action so every sample does the same work.
    fn action(bencher: Bencher, size: usize, setup: &str, reset: &str, keys: &str) {
        let input = input(size);
        let mut app = App::new(input.dataset.clone(), today());
        feed_keys(&mut app, WIDTH, HEIGHT, setup).unwrap();
        let app = std::cell::RefCell::new(app);
        bencher
            .with_inputs(|| feed_keys(&mut app.borrow_mut(), WIDTH, HEIGHT, reset).unwrap())
            .bench_local_values(|()| {
                let mut app = app.borrow_mut();
                feed_keys(&mut app, WIDTH, HEIGHT, keys).unwrap();
                draw_to_buffer(&app, WIDTH, HEIGHT, Theme::DARK)
            });
    }

    /// `j`: the next council in the list.
    #[divan::bench(args = SIZES, sample_size = 1, sample_count = 200)]
    fn move_down(bencher: Bencher, size: usize) {
        action(bencher, size, "", "", "j");
    }

    /// A keystroke that narrows the live filter (`/s` typed, then `y`); Backspace untimed.
    /// Every synthetic council holds an `s`, so the fuzzy matcher scores and ranks them
    /// all again: the narrowing saves nothing here, the worst case for a second key.
    #[divan::bench(args = SIZES, sample_size = 1, sample_count = 100)]
    fn filter_keystroke(bencher: Bencher, size: usize) {
        action(bencher, size, "/s", "<Backspace>", "y");
    }

    /// The first filter keystroke, from an empty query: every council is scored by the
    /// fuzzy matcher and the matches ranked.
    #[divan::bench(args = SIZES, sample_size = 1, sample_count = 100)]
    fn filter_first_keystroke(bencher: Bencher, size: usize) {
        action(bencher, size, "/", "<Backspace>", "s");
    }

    /// `space`: pin or unpin the selected council.
    #[divan::bench(args = SIZES, sample_size = 1, sample_count = 200)]
    fn pin(bencher: Bencher, size: usize) {
        action(bencher, size, "j", "", "<Space>");
    }

    /// `h`: the time cursor to the previous rating date (reset to none, untimed).
    #[divan::bench(args = SIZES, sample_size = 1, sample_count = 200)]
    fn cursor_move(bencher: Bencher, size: usize) {
        action(bencher, size, "<Tab>", "<Esc>", "h");
    }

    /// `s`: the next sort order (each sample moves on to the next).
    #[divan::bench(args = SIZES, sample_size = 1, sample_count = 40)]
    fn sort(bencher: Bencher, size: usize) {
        action(bencher, size, "", "", "s");
    }

    /// `n`: the national context popup for the first strip (closed again, untimed).
    #[divan::bench(args = SIZES, sample_size = 1, sample_count = 40)]
    fn national_context(bencher: Bencher, size: usize) {
        // Opened once untimed: the scheme's running counts are built on first use
        // (timed on their own in `national_counts_built`).
        action(bencher, size, "<Tab>n<Esc>", "<Esc>", "n");
    }

    /// The first `n` of a run builds the scheme's running counts (`data::tally`):
    /// ofsted-cs over every council.
    #[divan::bench(args = SIZES, sample_count = 10)]
    fn national_counts_built(bencher: Bencher, size: usize) {
        let data = &input(size).dataset;
        let scheme = data
            .schemes
            .iter()
            .position(|s| s.id == "ofsted-cs")
            .expect("ofsted-cs") as u16;
        bencher.bench(|| trajex::data::tally::Tally::build(data, scheme));
    }

    /// `c`: the compare table of the selected council and two pinned ones, every scheme
    /// read and ranked among all councils (closed again, untimed).
    #[divan::bench(args = SIZES, sample_size = 1, sample_count = 40)]
    fn compare_table(bencher: Bencher, size: usize) {
        action(bencher, size, "<Space>j<Space>j", "<Esc>", "c");
    }

    /// `@2024-03-31 Enter`: the time cursor to a typed date, and the frame reading every
    /// strip there (the cursor cleared again, untimed).
    #[divan::bench(args = SIZES, sample_size = 1, sample_count = 100)]
    fn go_to_date(bencher: Bencher, size: usize) {
        action(bencher, size, "", "<Esc>", "@2024-03-31<Enter>");
    }
}

mod export {
    use super::*;

    /// One council as CSV.
    #[divan::bench(args = SIZES, sample_count = 50)]
    fn one_council_csv(bencher: Bencher, size: usize) {
        let input = input(size);
        bencher
            .bench(|| trajex::export::render(&input.dataset, &[0], Format::Csv, today()).unwrap());
    }

    /// One council as an SVG picture.
    #[divan::bench(args = SIZES, sample_count = 50)]
    fn one_council_svg(bencher: Bencher, size: usize) {
        let input = input(size);
        bencher
            .bench(|| trajex::export::render(&input.dataset, &[0], Format::Svg, today()).unwrap());
    }

    /// One council as a PNG picture: the SVG drawn by resvg with the embedded fonts.
    #[divan::bench(args = SIZES, sample_count = 30)]
    fn one_council_png(bencher: Bencher, size: usize) {
        let input = input(size);
        bencher
            .bench(|| trajex::export::render(&input.dataset, &[0], Format::Png, today()).unwrap());
    }

    /// Every council as CSV.
    #[divan::bench(args = SIZES, sample_count = 5)]
    fn all_csv(bencher: Bencher, size: usize) {
        let input = input(size);
        let all: Vec<usize> = (0..input.dataset.councils.len()).collect();
        bencher
            .bench(|| trajex::export::render(&input.dataset, &all, Format::Csv, today()).unwrap());
    }

    /// Every council as JSON.
    #[divan::bench(args = SIZES, sample_count = 5)]
    fn all_json(bencher: Bencher, size: usize) {
        let input = input(size);
        let all: Vec<usize> = (0..input.dataset.councils.len()).collect();
        bencher
            .bench(|| trajex::export::render(&input.dataset, &all, Format::Json, today()).unwrap());
    }
}
