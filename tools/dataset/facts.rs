//! The facts the builder carries that no data file holds, read from `facts/*.ron`, and
//! the schemes they declare.

use super::*;

// ---------------------------------------------------------------------------------------
// Facts: what the builder knows that no data file holds, kept in `tools/facts/*.ron`
// ---------------------------------------------------------------------------------------

/// Every facts file, read once. Strings borrow from the files, which are compiled in.
pub(super) struct Facts {
    pub(super) schemes: Schemes<'static>,
    pub(super) councils: Councils<'static>,
    pub(super) rounds: Rounds<'static>,
    pub(super) columns: Columns<'static>,
    pub(super) news: News<'static>,
    pub(super) sources: Sources<'static>,
    pub(super) summaries: Summaries<'static>,
    pub(super) seeds: Seeds<'static>,
}

pub(super) static FACTS: LazyLock<Result<Facts, String>> = LazyLock::new(|| {
    Ok(Facts {
        schemes: read_facts("schemes.ron", include_str!("facts/schemes.ron"))?,
        councils: read_facts("councils.ron", include_str!("facts/councils.ron"))?,
        rounds: read_facts("rounds.ron", include_str!("facts/rounds.ron"))?,
        columns: read_facts("columns.ron", include_str!("facts/columns.ron"))?,
        news: read_facts("news.ron", include_str!("facts/news.ron"))?,
        sources: read_facts("sources.ron", include_str!("facts/sources.ron"))?,
        summaries: read_facts("summaries.ron", include_str!("facts/summaries.ron"))?,
        seeds: read_facts("seeds.ron", include_str!("facts/seeds.ron"))?,
    })
});

pub(super) fn read_facts<T: Deserialize<'static>>(
    file: &str,
    text: &'static str,
) -> Result<T, String> {
    ron::from_str(text).map_err(|e| format!("tools/facts/{file}:{e}"))
}

/// The facts; [`build`] has read them first, so reading them cannot fail here.
pub(super) fn facts() -> &'static Facts {
    FACTS
        .as_ref()
        .expect("build reads the facts before anything uses them")
}

/// The schemes.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Schemes<'a> {
    /// Every scheme, in the order the file lists them.
    ///
    /// `until` here is only the end a scheme keeps when no data file gives one: Ofsted's
    /// adoption judgement with the last SIF report (August 2018, per the Ofsted file), adults
    /// served well (2007, kept from the first build) and the PAF bands (April 2009, likewise).
    /// Every scheme published in rounds takes its rounds and end from `round_dates.csv` in
    /// `Builder::rounds`, which replaces these.
    #[serde(borrow)]
    pub(super) schemes: Vec<Scheme<'a>>,
}

/// Councils' names, ids and aliases as the sources spell them, and the former councils the lookup lacks.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Councils<'a> {
    /// Lookup names that read better in a shorter form; the lookup's form becomes an alias.
    #[serde(borrow)]
    pub(super) short_names: Vec<(&'a str, &'a str)>,
    /// The lookup's `also_known_as` list for BCP holds an item with a comma in it (and its
    /// "Bournemouth" must not become an alias: that is a former council of its own).
    #[serde(borrow)]
    pub(super) alias_overrides: Vec<(&'a str, Vec<&'a str>)>,
    /// Other names the sources use for a council, kept as aliases so a user finds it by them.
    #[serde(borrow)]
    pub(super) extra_aliases: Vec<(&'a str, &'a str)>,
    /// The ONS codes of the county councils that three unitary councils replaced (2020-23),
    /// kept as aliases so a user who types the old code finds the council. Each names the
    /// order that made the county a single tier (its title and link on legislation.gov.uk):
    /// the source for the change of council. The orders do not print ONS codes: the codes
    /// are ONS's county codes (E10…), which no file in `../shared/data` holds (the lookup
    /// gives each council its new code only).
    #[serde(borrow)]
    pub(super) former_codes: Vec<FormerCode<'a>>,
    /// Spellings in the sources that match no council name or alias once normalised.
    #[serde(borrow)]
    pub(super) source_spellings: Vec<(&'a str, &'a str)>,
    /// Councils in the lookup that no longer exist, with the councils that took over their
    /// area and the month each ended (as the Ofsted additions file and the data README give
    /// it). They are kept only when some rating names them.
    #[serde(borrow)]
    pub(super) defunct_in_lookup: Vec<(&'a str, Vec<&'a str>, &'a str)>,
    /// Dorset County Council's area went to Dorset Council, as the additions file says.
    #[serde(borrow)]
    pub(super) former_councils: Vec<Former<'a>>,
    /// A source that names a council which has since been replaced under the same name means
    /// the old council for dates before the change: (id the name finds, first day of the new
    /// council, id of the old one).
    #[serde(borrow)]
    pub(super) same_name_before: Vec<(&'a str, &'a str, &'a str)>,
}

/// When schemes published in rounds came out and ended, where the round-dates file leaves a gap, and the notes on how each was dated.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Rounds<'a> {
    /// Rounds `round_dates.csv` gives without a date: (file scheme, label, date used).
    #[serde(borrow)]
    pub(super) round_gaps: Vec<(&'a str, &'a str, &'a str)>,
    /// Pages that date rounds and that no other file gives a title for: link, title (the
    /// page's headline, or a description), publisher, date.
    #[serde(borrow)]
    pub(super) round_pages: Vec<(&'a str, &'a str, &'a str, &'a str)>,
    pub(super) star_rounds_note: &'a str,
    pub(super) children_parts_note: &'a str,
    pub(super) adults_served_note: &'a str,
    /// The APA ended in December 2008, after its last round (17 December), and was replaced
    /// from 1 April 2009: it is taken to end then, after its last round.
    pub(super) apa_until: &'a str,
    pub(super) apa_note: &'a str,
    pub(super) cpa_categories_note: &'a str,
    pub(super) cpa_stars_note: &'a str,
    pub(super) ofsted_annual_note: &'a str,
    /// The CQC annual assessment's rounds, as the national figures' sources date them.
    #[serde(borrow)]
    pub(super) cqc_annual_rounds: Vec<&'a str>,
    #[serde(borrow)]
    pub(super) cqc_annual_source: (&'a str, &'a str, &'a str),
    pub(super) cqc_annual_note: &'a str,
    /// When CQC's annual assessment is taken to have ended (its note says why).
    pub(super) cqc_annual_until: &'a str,
    /// One classification a year; no source gives when in the year any came out.
    #[serde(borrow)]
    pub(super) paf_years: Vec<&'a str>,
    pub(super) paf_note: &'a str,
    /// How far the CQC files reach (the month the data README gives) and the note that
    /// says so on the CQC schemes.
    #[serde(borrow)]
    pub(super) cqc_coverage: (&'a str, &'a str),
    /// The note on Ofsted's inspection schemes saying how far the Ofsted file reaches;
    /// `{last}` stands for the day of the file's last report.
    pub(super) ofsted_coverage_note: &'a str,
}

/// Which column of the Ofsted and CQC files holds which scheme's grade.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Columns<'a> {
    /// Ofsted sub-judgement columns and the schemes they feed, per framework.
    #[serde(borrow)]
    pub(super) ofsted_sif_parts: Vec<(&'a str, &'a str)>,
    #[serde(borrow)]
    pub(super) ofsted_ilacs_parts: Vec<(&'a str, &'a str)>,
    /// The nine quality statement scores and their schemes.
    #[serde(borrow)]
    pub(super) cqc_parts: Vec<(&'a str, &'a str)>,
    /// Rows of the CQC scrape left out because their council cannot be told with certainty:
    /// (authority name, reason). Every row of the October 2025 scrape matches one council,
    /// so none is.
    #[serde(borrow)]
    pub(super) cqc_left_out: Vec<(&'a str, &'a str)>,
    /// How each row of the CQC additions file is carried: (council as named, the date of
    /// its page where the row gives one, the overall rating's note and the scores' note in
    /// the builder's words).
    #[serde(borrow)]
    pub(super) cqc_additions: Vec<(&'a str, &'a str, &'a str, &'a str)>,
    /// Rows whose overall rating the data notes correct.
    #[serde(borrow)]
    pub(super) cqc_corrections: Vec<(&'a str, &'a str)>,
}

/// How the news files' rows are read: round labels, joined or loosely worded judgements, and notes on rows that rest on less.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct News<'a> {
    /// Rows of the news file left out: (council as named, round label, reason).
    #[serde(borrow)]
    pub(super) star_rows_left_out: Vec<(&'a str, &'a str, &'a str)>,
    /// Round labels of the news file whose ratings were given apart from the round their
    /// period holds: label, the note that says so. Herefordshire's 2005 judgements came
    /// after its 2005 review, not in the round of 1 December 2005 (whose reports name it
    /// among the councils not yet rated): they keep the year their rows give.
    #[serde(borrow)]
    pub(super) apart_from_rounds: Vec<(&'a str, &'a str)>,
    /// Every round label of the news file: label, date, remark.
    #[serde(borrow)]
    pub(super) rounds: Vec<(&'a str, &'a str, &'a str)>,
    /// The news file's notes, in the builder's words: (the note starts with, and contains if
    /// given) → reading. The first match wins, so variants come before their general form.
    #[serde(borrow)]
    pub(super) note_readings: Vec<(&'a str, Option<&'a str>, &'a str)>,
    /// APA judgement names as the news file writes them.
    #[serde(borrow)]
    pub(super) apa_measures: Vec<(&'a str, &'a str)>,
    #[serde(borrow)]
    pub(super) readings: Vec<Reading<'a>>,
    /// Reports of former councils whose pages give no publication date: council, framework,
    /// the date they are given (the year the pages give).
    #[serde(borrow)]
    pub(super) addition_undated: Vec<(&'a str, &'a str, &'a str)>,
    #[serde(borrow)]
    pub(super) addition_notes: Vec<Addition<'a>>,
    /// Readings of the Ofsted annual rating file's notes (the first match wins).
    #[serde(borrow)]
    pub(super) annual_notes: Vec<(&'a str, &'a str)>,
    /// CPA judgements the news files give that no scheme here holds, each with the reason:
    /// (measure, reason).
    #[serde(borrow)]
    pub(super) cpa_left_out_measures: Vec<(&'a str, &'a str)>,
    /// Rows of the Guardian's CPA score tables that the file flags as irregular, left out:
    /// (council as printed, CPA year, reason).
    #[serde(borrow)]
    pub(super) cpa_score_rows_left_out: Vec<(&'a str, &'a str, &'a str)>,
    /// Cells of the CPA news files that give no rating: (value, reason).
    #[serde(borrow)]
    pub(super) cpa_no_rating: Vec<(&'a str, &'a str)>,
    /// Readings of the CPA news files' notes: (the note starts with, and contains if given) →
    /// reading. The first match wins.
    #[serde(borrow)]
    pub(super) cpa_note_readings: Vec<(&'a str, Option<&'a str>, &'a str)>,
}

/// Sources recorded by hand, and the sites links are named after.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Sources<'a> {
    /// Sites the new data files link to: host, the prefix of their source ids, publisher.
    #[serde(borrow)]
    pub(super) sites: Vec<(&'a str, &'a str, &'a str)>,
    #[serde(borrow)]
    pub(super) recorded_sources: Vec<RecordedSource<'a>>,
}

/// National counts recorded by hand, and how the national figures file is read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Summaries<'a> {
    /// National figures recorded by hand that `national_summaries.csv` does not give. (The
    /// first build's other hand counts are in that file, from the same or other sources.)
    #[serde(borrow)]
    pub(super) summaries: Vec<HandSummary<'a>>,
    /// Figures of `national_summaries.csv` for several levels at once: the scheme, the
    /// file's wordings, the set's label (the builder's) and its levels.
    #[serde(borrow)]
    pub(super) level_sets: Vec<LevelSet<'a>>,
    /// The file's wordings for councils given no rating.
    #[serde(borrow)]
    pub(super) unrated_words: Vec<&'a str>,
    /// How the national figures file words a level, where it does not use the level's
    /// name: scheme, the file's wordings, the level.
    #[serde(borrow)]
    pub(super) level_words: Vec<(&'a str, Vec<&'a str>, &'a str)>,
    /// Rounds of figures the file gives no publication date for: label, date within the round.
    #[serde(borrow)]
    pub(super) summary_round_gaps: Vec<(&'a str, &'a str)>,
    /// The date each figure on Ofsted's inspections describes, read from its label (the
    /// position at that date); for the two figures over the whole first framework, the
    /// year its inspections ended (their notes say so).
    #[serde(borrow)]
    pub(super) ofsted_as_at: Vec<(&'a str, &'a str)>,
    /// Notes on particular published figures, in the builder's words: (scheme, round label,
    /// link) → note. A figure not listed needs none.
    #[serde(borrow)]
    pub(super) summary_notes: Vec<(&'a str, &'a str, &'a str, &'a str)>,
}

/// Ratings the seed articles (`../shared/seeds`) give that no data file holds.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Seeds<'a> {
    #[serde(borrow)]
    pub(super) ratings: Vec<SeedRating<'a>>,
}

/// One rating a seed article gives: a level or a value, and the id of its recorded source.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SeedRating<'a> {
    pub(super) council: &'a str,
    pub(super) scheme: &'a str,
    pub(super) date: &'a str,
    #[serde(borrow, default)]
    pub(super) level: Option<&'a str>,
    #[serde(default)]
    pub(super) value: Option<f64>,
    #[serde(borrow, default)]
    pub(super) note: Option<&'a str>,
    pub(super) source: &'a str,
}

/// A source the data files link to (or a seed article), as recorded here. Titles are the
/// pages' headlines where the link carries them, else a short description. Empty fields
/// are unknown: an undated page has no date, a seed article no link.
#[derive(Deserialize)]
pub(super) struct RecordedSource<'a> {
    pub(super) url: &'a str,
    pub(super) id: &'a str,
    pub(super) title: &'a str,
    pub(super) publisher: &'a str,
    pub(super) date: &'a str,
}

/// A former council the sources rate that the lookup does not hold. Its region is its
/// successors'; its ONS code is the one the Ofsted additions file gives, if any.
#[derive(Deserialize)]
pub(super) struct Former<'a> {
    pub(super) id: &'a str,
    pub(super) name: &'a str,
    pub(super) kind: &'a str,
    #[serde(borrow)]
    pub(super) successors: Vec<&'a str>,
    /// As the Ofsted additions file's notes and the data README give it, or (Bedfordshire,
    /// Cheshire) the order that abolished the council.
    #[serde(borrow)]
    pub(super) ended: Option<&'a str>,
}

/// A council's former ONS code and the order that changed its council (see
/// [`Councils::former_codes`]).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FormerCode<'a> {
    pub(super) council: &'a str,
    pub(super) code: &'a str,
    pub(super) title: &'a str,
    pub(super) url: &'a str,
}

/// How a judgement cell of the news file that joins several judgements, or words them
/// loosely, is read: the row (council as named, date as read, measure), the cell it must
/// hold, the ratings it gives, and a remark on anything left out.
#[derive(Deserialize)]
pub(super) struct Reading<'a> {
    pub(super) council: &'a str,
    pub(super) date: &'a str,
    pub(super) measure: &'a str,
    pub(super) value: &'a str,
    #[serde(borrow)]
    pub(super) parts: Vec<(&'a str, &'a str)>,
    pub(super) remark: &'a str,
}

/// How each row of the Ofsted additions file is carried: its page's title and date, the
/// note on its grades (the row's doubts, in the builder's words), and notes for single
/// grades that rest on less.
#[derive(Deserialize)]
pub(super) struct Addition<'a> {
    pub(super) council: &'a str,
    pub(super) date: &'a str,
    pub(super) title: &'a str,
    pub(super) source_date: &'a str,
    pub(super) note: &'a str,
    #[serde(borrow)]
    pub(super) parts: Vec<(&'a str, &'a str)>,
}

/// A figure for several levels at once, as `national_summaries.csv` words it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LevelSet<'a> {
    pub(super) scheme: &'a str,
    #[serde(borrow)]
    pub(super) words: Vec<&'a str>,
    pub(super) label: &'a str,
    #[serde(borrow)]
    pub(super) levels: Vec<&'a str>,
}

/// A national summary as recorded by hand (`facts/summaries.ron`).
#[derive(Deserialize)]
pub(super) struct HandSummary<'a> {
    pub(super) scheme: &'a str,
    pub(super) date: &'a str,
    pub(super) total: Option<u32>,
    #[serde(borrow)]
    pub(super) counts: Vec<(&'a str, u32)>,
    pub(super) source: &'a str,
}

// ---------------------------------------------------------------------------------------
// Schemes
// ---------------------------------------------------------------------------------------

/// The levels of a scheme with named levels (none for an unknown or numeric scheme).
pub(super) fn levels(scheme_id: &str) -> &'static [&'static str] {
    match scheme(scheme_id).map(|s| &s.scale) {
        Ok(Scale::Ordinal(levels)) => levels,
        _ => &[],
    }
}

pub(super) const OFSTED: &str = "Ofsted";

// Ids of the sub-judgement schemes the tables below use.
pub(super) const ADULTS_SERVED: &str = "csci-stars-adults-served";
pub(super) const CHILDREN_SERVED: &str = "csci-stars-children-served";
pub(super) const SERVED_BOTH: &str = "csci-stars-served";
pub(super) const ADULTS_PROSPECTS: &str = "csci-stars-adults-prospects";
pub(super) const CHILDREN_PROSPECTS: &str = "csci-stars-children-prospects";
pub(super) const PROSPECTS_BOTH: &str = "csci-stars-prospects";
pub(super) const ADULTS_OUTCOMES: &str = "csci-stars-adults-outcomes";
pub(super) const APA: &str = "apa";
pub(super) const APA_EDUCATION: &str = "apa-education";
pub(super) const APA_SOCIAL_CARE: &str = "apa-social-care";
pub(super) const APA_CAPACITY: &str = "apa-capacity";
pub(super) const APA_HEALTHY: &str = "apa-being-healthy";
pub(super) const APA_SAFE: &str = "apa-staying-safe";
pub(super) const APA_ENJOYING: &str = "apa-enjoying-achieving";
pub(super) const APA_CONTRIBUTION: &str = "apa-positive-contribution";
pub(super) const APA_ECONOMIC: &str = "apa-economic-wellbeing";

/// A rating scheme as the dataset declares it (`facts/schemes.ron`).
#[derive(Deserialize)]
pub(super) struct Scheme<'a> {
    pub(super) id: &'a str,
    pub(super) name: &'a str,
    pub(super) body: &'a str,
    #[serde(borrow)]
    pub(super) parent: Option<&'a str>,
    #[serde(borrow)]
    pub(super) scale: Scale<'a>,
    #[serde(borrow)]
    pub(super) until: Option<&'a str>,
    #[serde(borrow)]
    pub(super) eras: Vec<(&'a str, &'a str)>,
}

#[derive(Deserialize)]
pub(super) enum Scale<'a> {
    Ordinal(#[serde(borrow)] Vec<&'a str>),
    /// A measured quantity where a lower value is better.
    NumericLowerBetter(&'a str),
}

pub(super) fn scheme(id: &str) -> Result<&'static Scheme<'static>, String> {
    facts()
        .schemes
        .schemes
        .iter()
        .find(|s| s.id == id)
        .ok_or_else(|| format!("scheme \"{id}\" is not declared"))
}

/// The level of `scheme` at rank `rank` (0 = worst).
pub(super) fn level_at(scheme_id: &str, rank: usize) -> Result<&'static str, String> {
    match &scheme(scheme_id)?.scale {
        Scale::Ordinal(levels) => levels
            .get(rank)
            .copied()
            .ok_or_else(|| format!("{scheme_id} has no level {}", rank + 1)),
        Scale::NumericLowerBetter(_) => Err(format!("{scheme_id} has no named levels")),
    }
}

pub(super) fn rank_in(scheme_id: &str, level: &str) -> Result<usize, String> {
    match &scheme(scheme_id)?.scale {
        Scale::Ordinal(levels) => levels
            .iter()
            .position(|l| *l == level)
            .ok_or_else(|| format!("\"{level}\" is not a level of {scheme_id}")),
        Scale::NumericLowerBetter(_) => Err(format!("{scheme_id} has no named levels")),
    }
}
