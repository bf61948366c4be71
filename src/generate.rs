//! Synthetic datasets for scale (`trajex generate`): deterministic from a seed, shaped
//! like the real thing (several schemes, sub-judgements, 3 to 15 ratings per council,
//! improving and declining runs, statistical neighbours), and plainly synthetic: the
//! title says so, ids and codes are "synthetic-00042" and "SYN00042", regions are
//! "Synthetic region 3", and every rating cites one of a few synthetic sources that
//! have no URL and name no real publication (so `check` has nothing to warn about).
//! Council names are short invented words ("Kelmar", "Dunwenros") that differ within
//! their first twelve letters, so a narrow list still tells them apart.

use crate::data::model::{Council, Dataset, Grade, Rating, SchemeIx, Source};
use crate::data::{Date, load};

/// The schemes a synthetic council is rated in, by id, taken from the embedded dataset.
const SCHEMES: [&str; 10] = [
    "csci-stars",
    "apa",
    "ofsted-cs",
    "ofsted-cs-help-protection",
    "ofsted-cs-in-care",
    "ofsted-cs-care-leavers",
    "ofsted-cs-leaders",
    "cqc-asc",
    "caseload",
    "cpa-stars",
];

/// How many synthetic sources the ratings cite, in turn.
const SOURCES: usize = 8;
/// How many synthetic regions councils are spread over.
const REGIONS: usize = 9;
/// The syllables council names are made of: 64, each a consonant, a vowel and a
/// consonant, so names read aloud; all three letters long, so a name of L syllables is
/// 3L letters and no name is a prefix of another.
const SYLLABLES: [&str; 64] = [
    "bal", "bel", "ber", "bir", "bor", "bri", "cal", "car", "col", "cor", "dal", "dan", "den",
    "dor", "dun", "fal", "fen", "fer", "for", "gan", "gar", "gil", "hal", "han", "har", "hol",
    "kel", "ken", "kir", "lan", "len", "lin", "lor", "mal", "mar", "mel", "mon", "mor", "nel",
    "nes", "nor", "pel", "pen", "ral", "ren", "rin", "ros", "rud", "sal", "sel", "sor", "tal",
    "tam", "ter", "tor", "val", "ven", "vin", "wal", "wen", "wes", "wil", "wyn", "yar",
];
const KINDS: [&str; 4] = [
    "County Council",
    "Unitary Authority",
    "Metropolitan Borough",
    "London Borough",
];

/// A small deterministic generator (SplitMix64): the same seed gives the same file on
/// every machine, with no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// Which way a council's ratings tend to move.
#[derive(Clone, Copy)]
enum Run {
    Improving,
    Declining,
    Mixed,
}

/// A synthetic dataset of `councils` councils from `seed`.
pub fn dataset(councils: usize, seed: u64) -> Dataset {
    let mut generator = Generator::new(councils, seed);
    let mut out = generator.frame().clone();
    out.councils = generator.by_ref().collect();
    out
}

/// A synthetic dataset made a council at a time, so a large one can be written out
/// without being held whole: [`Generator::frame`] is everything but the councils, which
/// the iterator gives in order ([`dataset`] collects them).
pub struct Generator {
    frame: Dataset,
    schemes: Schemes,
    rng: Rng,
    councils: usize,
    /// The number of the next council, from 1.
    next: usize,
}

impl Generator {
    /// The generator of `councils` councils from `seed`.
    pub fn new(councils: usize, seed: u64) -> Self {
        // The embedded dataset always loads (a test proves it); its scheme definitions give
        // the synthetic ratings real scales, eras and ends.
        let embedded = match load::parse(crate::data::EMBEDDED, crate::paths::EMBEDDED_NAME) {
            Ok(loaded) => loaded.dataset,
            Err(_) => Dataset::default(),
        };
        let mut out = Dataset {
            title: format!(
                "Synthetic dataset: {councils} generated councils (seed {seed}), not real data"
            ),
            description: Some(
                "Made by `trajex generate` to test trajex at scale. Every council, rating and \
                 source in it is invented; none describes a real council."
                    .to_owned(),
            ),
            ..Dataset::default()
        };
        // Schemes keep the embedded order; parents come along with their sub-judgements.
        let mut map: Vec<Option<SchemeIx>> = vec![None; embedded.schemes.len()];
        for (i, scheme) in embedded.schemes.iter().enumerate() {
            if SCHEMES.contains(&scheme.id.as_str()) {
                map[i] = Some(out.schemes.len() as SchemeIx);
                out.schemes.push(scheme.clone());
            }
        }
        for scheme in &mut out.schemes {
            scheme.parent = scheme.parent.and_then(|p| map[usize::from(p)]);
            // The real sources of the rounds are not carried into an invented dataset.
            scheme.source = None;
        }
        out.sources = (1..=SOURCES)
            .map(|k| Source {
                id: format!("synthetic-{k}"),
                title: format!("Synthetic source {k} (generated; not a publication)"),
                publisher: Some("trajex generate".to_owned()),
                date: None,
                url: None,
            })
            .collect();
        let id = |s: &str| out.scheme_by_id(s);
        let schemes = Schemes {
            stars: id("csci-stars"),
            apa: id("apa"),
            cpa: id("cpa-stars"),
            ofsted: id("ofsted-cs"),
            subs: [
                "ofsted-cs-help-protection",
                "ofsted-cs-in-care",
                "ofsted-cs-care-leavers",
                "ofsted-cs-leaders",
            ]
            .iter()
            .filter_map(|s| id(s))
            .collect(),
            cqc: id("cqc-asc"),
            caseload: id("caseload"),
        };
        Self {
            frame: out,
            schemes,
            rng: Rng(seed ^ 0x7472_616A_6578),
            councils,
            next: 1,
        }
    }

    /// The dataset without its councils: title, schemes and sources.
    pub fn frame(&self) -> &Dataset {
        &self.frame
    }
}

impl Iterator for Generator {
    type Item = Council;

    fn next(&mut self) -> Option<Council> {
        let (n, councils) = (self.next, self.councils);
        if n > councils {
            return None;
        }
        self.next += 1;
        let rng = &mut self.rng;
        let width = councils.max(1).to_string().len().max(5);
        let council_id = |n: usize| format!("synthetic-{n:0width$}");
        let mut council = Council {
            id: council_id(n),
            name: council_name(n, councils),
            code: Some(format!("SYN{n:0width$}")),
            region: Some(format!("Synthetic region {}", 1 + (n * 7 / 13) % REGIONS)),
            kind: Some(KINDS[rng.below(KINDS.len() as u64) as usize].to_owned()),
            ..Council::default()
        };
        if rng.chance(10) {
            council.aliases = vec![format!("Synthetic borough & district {n:0width$}")];
        }
        // Neighbours: councils nearby in number, as statistical neighbours cluster.
        let count = 3 + rng.below(6) as usize;
        for _ in 0..count {
            let offset = 1 + rng.below(40) as usize;
            let down = (rng.chance(50) || n + offset > councils) && n > offset;
            let other = if down { n - offset } else { n + offset };
            if other <= councils {
                let other = council_id(other);
                if !council.neighbours.contains(&other) {
                    council.neighbours.push(other);
                }
            }
        }
        council.ratings = ratings(rng, &self.schemes, n);
        Some(council)
    }
}

/// A hostile dataset for scale: one line holding `n` ratings, each at a level its scheme
/// does not have (the report must stay linear in `n`).
pub fn bad_ratings_on_one_line(n: usize) -> String {
    let ratings: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"Rating(scheme: "cs", date: "{}-{:02}-{:02}", level: "Bad")"#,
                1000 + i / 336,
                i / 28 % 12 + 1,
                i % 28 + 1
            )
        })
        .collect();
    format!(
        r#"Dataset(title: "t", schemes: [Scheme(id: "cs", name: "CS", body: "O", scale: Ordinal(["A", "B"]))], councils: [Council(id: "th", name: "T", ratings: [{}])])"#,
        ratings.join(", ")
    )
}

/// The name of council `n` (from 1) of `councils`: as few syllables as give every
/// council its own name (two up to 4,096 councils, three up to 262,144, four beyond),
/// so at most twelve letters. `n` is shuffled first, by a bijection, so that councils
/// next to each other in number do not share their first syllables.
pub fn council_name(n: usize, councils: usize) -> String {
    let syllables = (2..)
        .find(|&l| 64u64.checked_pow(l).is_none_or(|c| c >= councils as u64))
        .unwrap_or(2);
    let bits = 6 * syllables;
    let mask = if bits >= 64 {
        u64::MAX
    } else {
        (1 << bits) - 1
    };
    // Xor-ing with a constant, multiplying by an odd number and xor-ing in the high
    // bits each map the numbers below 2^bits one to one onto themselves, so no two
    // councils share a name. (The constant keeps council 1 from being all 0s.)
    let mut x = ((n as u64).wrapping_sub(1) ^ 0x2545_F491_4F6C_DD1D) & mask;
    for _ in 0..2 {
        x = x.wrapping_mul(0x9E37_79B9_7F4A_7C15) & mask;
        x ^= x >> (bits / 2);
    }
    let mut name = String::with_capacity(3 * syllables as usize);
    for _ in 0..syllables {
        name.push_str(SYLLABLES[(x & 63) as usize]);
        x >>= 6;
    }
    // Every syllable is ASCII, so the first letter is one byte.
    name[..1].make_ascii_uppercase();
    name
}

/// The synthetic schemes by role.
struct Schemes {
    stars: Option<SchemeIx>,
    apa: Option<SchemeIx>,
    cpa: Option<SchemeIx>,
    ofsted: Option<SchemeIx>,
    subs: Vec<SchemeIx>,
    cqc: Option<SchemeIx>,
    caseload: Option<SchemeIx>,
}

/// 3 to 15 ratings for council `n`, oldest first.
fn ratings(rng: &mut Rng, schemes: &Schemes, n: usize) -> Vec<Rating> {
    let target = 3 + rng.below(13) as usize;
    let run = match rng.below(3) {
        0 => Run::Improving,
        1 => Run::Declining,
        _ => Run::Mixed,
    };
    let mut out = Vec::with_capacity(target);
    let source = |k: usize| Some(((n + k) % SOURCES) as u32);
    let push = |out: &mut Vec<Rating>, scheme: SchemeIx, date: Date, grade: Grade| {
        if out.len() < target {
            let k = out.len();
            out.push(Rating {
                scheme,
                date,
                grade,
                note: None,
                source: source(k),
            });
        }
    };
    // Star ratings, 2002 to 2008, each November.
    if let Some(stars) = schemes.stars
        && rng.chance(70)
    {
        let mut level = rng.below(4) as i32;
        let years = 1 + rng.below(4.min(target as u64 / 3 + 1)) as u16;
        let first = 2002 + rng.below(7 - u64::from(years) + 1) as u16;
        for year in first..first + years {
            push(&mut out, stars, month(year, 11), Grade::Level(level as u8));
            level = walk(rng, run, level, 3);
        }
    }
    if let Some(cpa) = schemes.cpa
        && rng.chance(25)
    {
        push(
            &mut out,
            cpa,
            month(2005 + rng.below(4) as u16, 12),
            Grade::Level(rng.below(5) as u8),
        );
    }
    if let Some(apa) = schemes.apa
        && rng.chance(30)
    {
        let level = 1 + rng.below(3) as u8;
        push(&mut out, apa, month(2007, 12), Grade::Level(level));
    }
    // Ofsted inspections, each an overall grade with some sub-judgements on the same day.
    if let Some(ofsted) = schemes.ofsted {
        let inspections = 1 + rng.below(3) as u16;
        let mut level = rng.below(4) as i32;
        let mut year = 2014 + rng.below(3) as u16;
        for _ in 0..inspections {
            if year > 2025 || out.len() >= target {
                break;
            }
            let date = day(year, 1 + rng.below(12) as u8, 1 + rng.below(28) as u8);
            push(&mut out, ofsted, date, Grade::Level(level as u8));
            for &sub in &schemes.subs {
                if rng.chance(45) {
                    let near = (level + rng.below(3) as i32 - 1).clamp(0, 3);
                    push(&mut out, sub, date, Grade::Level(near as u8));
                }
            }
            level = walk(rng, run, level, 3);
            year += 2 + rng.below(3) as u16;
        }
    }
    if let Some(cqc) = schemes.cqc
        && rng.chance(30)
    {
        let date = day(2024 + rng.below(2) as u16, 1 + rng.below(12) as u8, 1);
        push(&mut out, cqc, date, Grade::Level(rng.below(4) as u8));
    }
    // Caseloads fill what is left: yearly figures that drift with the run.
    if let Some(caseload) = schemes.caseload {
        let mut value = 12.0 + rng.below(150) as f64 / 10.0;
        let mut year = 2015;
        while out.len() < target && year <= 2025 {
            push(&mut out, caseload, month(year, 9), Grade::Value(value));
            let drift = match run {
                Run::Improving => -0.8,
                Run::Declining => 0.8,
                Run::Mixed => 0.0,
            };
            value = (value + drift + (rng.below(21) as f64 - 10.0) / 10.0).clamp(5.0, 40.0);
            value = (value * 10.0).round() / 10.0;
            year += 1;
        }
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then(a.scheme.cmp(&b.scheme)));
    out
}

/// The next level of a run: improving runs mostly climb, declining ones mostly fall.
fn walk(rng: &mut Rng, run: Run, level: i32, top: i32) -> i32 {
    let roll = rng.below(100) as i32;
    let step = match run {
        Run::Improving if roll < 55 => 1,
        Run::Improving if roll < 85 => 0,
        Run::Declining if roll < 55 => -1,
        Run::Declining if roll < 85 => 0,
        Run::Mixed if roll < 33 => 1,
        Run::Mixed if roll < 66 => -1,
        _ => {
            if roll % 2 == 0 {
                1
            } else {
                -1
            }
        }
    };
    (level + step).clamp(0, top)
}

fn month(year: u16, month: u8) -> Date {
    Date::month_start(year, month)
}

fn day(year: u16, month: u8, day: u8) -> Date {
    Date::ymd(year, month, day).unwrap_or(Date::year(year))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_a_council_at_a_time_the_file_is_the_one_the_whole_dataset_makes() {
        let whole = dataset(300, 5);
        let all: Vec<usize> = (0..whole.councils.len()).collect();
        let at_once = crate::export::dataset_ron(&whole, &all).unwrap();
        let generator = Generator::new(300, 5);
        let frame = generator.frame().clone();
        let mut streamed = Vec::new();
        let written = crate::export::write_ron_streamed(&frame, generator, &mut streamed).unwrap();
        assert_eq!(written, (300, whole.rating_count()));
        assert!(
            streamed == at_once,
            "the streamed file differs from the whole one"
        );
    }

    #[test]
    fn the_same_seed_gives_the_same_dataset_and_another_seed_another() {
        let ron = |seed| {
            crate::export::dataset_ron(&dataset(40, seed), &(0..40).collect::<Vec<_>>()).ok()
        };
        assert_eq!(ron(7), ron(7));
        assert_ne!(ron(7), ron(8));
    }

    #[test]
    fn a_generated_dataset_loads_without_warnings_and_says_it_is_synthetic() {
        let data = dataset(300, 1);
        let text = crate::export::dataset_ron(&data, &(0..300).collect::<Vec<_>>()).unwrap();
        let loaded = load::parse(std::str::from_utf8(&text).unwrap(), "gen.ron").unwrap();
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        assert!(loaded.dataset.title.contains("Synthetic"));
        assert_eq!(loaded.dataset.councils.len(), 300);
        let schemes: std::collections::HashSet<_> = loaded
            .dataset
            .councils
            .iter()
            .flat_map(|c| c.ratings.iter().map(|r| r.scheme))
            .collect();
        assert!(schemes.len() >= 6, "several schemes: {schemes:?}");
        for c in &loaded.dataset.councils {
            assert!(
                (3..=15).contains(&c.ratings.len()),
                "{}: {}",
                c.id,
                c.ratings.len()
            );

            assert!(!c.neighbours.is_empty());
        }
        assert!(loaded.dataset.sources.iter().all(|s| s.url.is_none()));
        assert!(
            loaded
                .dataset
                .councils
                .iter()
                .all(|c| c.id.starts_with("synthetic-"))
        );
    }

    #[test]
    fn council_names_are_unique_short_and_differ_in_their_first_twelve_letters() {
        for councils in [1, 64, 4_096, 4_097, 100_000] {
            let names: Vec<String> = (1..=councils).map(|n| council_name(n, councils)).collect();
            let firsts: std::collections::HashSet<String> =
                names.iter().map(|n| n.chars().take(12).collect()).collect();
            assert_eq!(firsts.len(), councils, "{councils} councils");
            assert!(names.iter().all(|n| n.len() <= 12), "{councils} councils");
        }
        assert_eq!(council_name(1, 10_000_000).len(), 12);
    }

    #[test]
    fn council_names_never_name_a_real_council() {
        let real = load::parse(crate::data::EMBEDDED, crate::paths::EMBEDDED_NAME).unwrap();
        let real: std::collections::HashSet<String> = real
            .dataset
            .councils
            .iter()
            .flat_map(|c| std::iter::once(&c.name).chain(&c.aliases))
            .map(|n| n.to_lowercase())
            .collect();
        for councils in [4_096, 262_144] {
            for n in 1..=councils {
                let name = council_name(n, councils).to_lowercase();
                assert!(!real.contains(&name), "{name} is a real council");
            }
        }
    }
}
