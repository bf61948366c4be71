//! Builds the embedded dataset (`assets/councils.ron`) from the raw files in `../shared/data`
//! and the seed-article facts recorded below, deterministically: the same files give the
//! same bytes.
//!
//! Everything in the output is either read from a data file or written down once here,
//! with its source. Nothing is estimated: a cell the builder cannot read with certainty is
//! an error (or, where a file's own notes say a row is unreadable, a row left out with the
//! reason given below), so a changed input file is noticed instead of silently misread.
//! Notes are the builder's own words; no sentence of a source is carried.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

/// Builds the whole RON text of the dataset from `data_dir` (the `../shared/data` folder).
pub fn build(data_dir: &Path) -> Result<String, String> {
    let mut data = Builder::default();
    data.councils_from_lookup(&Table::read(data_dir, LOOKUP_FILE)?)?;
    data.former_councils()?;
    data.rounds(
        &Table::read(data_dir, ROUNDS_FILE)?,
        &Table::read(data_dir, SUMMARIES_FILE)?,
    )?;
    let ofsted = Table::read(data_dir, OFSTED_FILE)?;
    data.ofsted(&ofsted)?;
    data.ofsted_fixes(&ofsted, &Table::read(data_dir, OFSTED_FIXES_FILE)?)?;
    data.ofsted_additions(&Table::read(data_dir, OFSTED_ADDITIONS_FILE)?)?;
    data.ofsted_annual(&Table::read(data_dir, OFSTED_ANNUAL_FILE)?)?;
    data.star_ratings(&Table::read(data_dir, STARS_FILE)?)?;
    data.serving_well_2002(&Table::read(data_dir, SERVING_2002_FILE)?)?;
    data.cpa_overall(&Table::read(data_dir, CPA_OVERALL_FILE)?)?;
    for file in [CPA_MORE_FILE, CPA_2009_TABLE_FILE, CPA_2009_NEWS_FILE] {
        data.cpa_named(&Table::read(data_dir, file)?)?;
    }
    data.cpa_scores(&Table::read(data_dir, CPA_SCORES_FILE)?)?;
    data.cqc(&Table::read(data_dir, CQC_FILE)?)?;
    data.seed_facts()?;
    data.national_summaries(&Table::read(data_dir, SUMMARIES_FILE)?)?;
    data.national_counts()?;
    data.finish()
}

const LOOKUP_FILE: &str = "english_local_authorities.csv";
const OFSTED_FILE: &str = "ofsted_childrens_services_inspections_2013_2026.csv";
const STARS_FILE: &str = "social_services_star_ratings_named_in_news_2002_2008.csv";
const CPA_OVERALL_FILE: &str = "cpa_overall_named_in_news_2002_2007.csv";
const CPA_SCORES_FILE: &str = "cpa_2006_2007_service_scores_partial.csv";
const CQC_FILE: &str = "cqc_adult_social_care_assessments_2025-10.csv";
pub const ROUNDS_FILE: &str = "round_dates.csv";
pub const OFSTED_FIXES_FILE: &str = "ofsted_subgrade_fixes.csv";
pub const OFSTED_ADDITIONS_FILE: &str = "ofsted_additions.csv";
pub const OFSTED_ANNUAL_FILE: &str =
    "ofsted_annual_childrens_services_ratings_2009_2011_named_in_news.csv";
pub const SERVING_2002_FILE: &str = "social_services_2002_serving_people_well_named_in_news.csv";
pub const CPA_MORE_FILE: &str = "cpa_overall_named_in_news_2002_2007_more.csv";
pub const CPA_2009_TABLE_FILE: &str = "cpa_2009_final_round_partial.csv";
pub const CPA_2009_NEWS_FILE: &str = "cpa_2009_named_in_news.csv";
pub const SUMMARIES_FILE: &str = "national_summaries.csv";

const TITLE: &str = "English councils: social care inspection ratings";
const DESCRIPTION: &str = "How English councils' social care and children's services were \
    rated, 2002 to 2026: Ofsted's children's services inspections (SIF and ILACS) with their \
    sub-judgements, CQC's assessments of adult social care, and the social services star \
    ratings, children's services assessments, Ofsted's annual children's services ratings and \
    comprehensive performance assessments that news reports and council papers name, with the \
    national figures published for each round. Ratings before 2013 are partial: no complete table \
    of them was to be had. Every rating names its source. Contains public sector information \
    licensed under the Open Government Licence v3.0.";

// ---------------------------------------------------------------------------------------
// Schemes
// ---------------------------------------------------------------------------------------

const OFSTED_LEVELS: &[&str] = &[
    "Inadequate",
    "Requires improvement to be good",
    "Good",
    "Outstanding",
];
const CQC_LEVELS: &[&str] = &["Inadequate", "Requires improvement", "Good", "Outstanding"];
const SCORES: &[&str] = &["1", "2", "3", "4"];
const STARS: &[&str] = &["0 stars", "1 star", "2 stars", "3 stars"];
const CPA_STARS: &[&str] = &["0 stars", "1 star", "2 stars", "3 stars", "4 stars"];
const CPA_CATEGORIES: &[&str] = &["Poor", "Weak", "Fair", "Good", "Excellent"];
/// "Serving people well?": the sources give no, some and most; yes is the framework's top.
const SERVED: &[&str] = &["no", "some", "most", "yes"];
const PROSPECTS: &[&str] = &["poor", "uncertain", "promising", "excellent"];
const OUTCOMES: &[&str] = &["poor", "adequate", "good", "excellent"];
/// APA grades 1-4, named where the sources name them (none names grade 2).
const APA_GRADES: &[&str] = &[
    "grade 1: inadequate",
    "grade 2",
    "grade 3: good",
    "grade 4: outstanding",
];
/// The five PAF bandings; seed 001 names only the bottom and the top one.
/// Ofsted's annual children's services rating, 2009-11.
const OFSTED_ANNUAL_LEVELS: &[&str] = &[
    "performs poorly",
    "performs adequately",
    "performs well",
    "performs excellently",
];
/// CQC's annual performance assessment of councils' adult social care, 2009-10.
const CQC_ANNUAL_LEVELS: &[&str] = &[
    "performing poorly",
    "performing adequately",
    "performing well",
    "performing excellently",
];
const PAF_BANDS: &[&str] = &[
    "investigate urgently",
    "band 2",
    "band 3",
    "band 4",
    "very good",
];

const OFSTED: &str = "Ofsted";
const CQC: &str = "Care Quality Commission";
const SSI_CSCI: &str = "Social Services Inspectorate / Commission for Social Care Inspection";
const APA_BODY: &str = "Ofsted / Commission for Social Care Inspection";
const AUDIT_COMMISSION: &str = "Audit Commission";
const PAF_BODY: &str = "Department of Health (performance assessment framework)";

const OFSTED_ERAS: &[(&str, &str)] = &[("SIF", "2013-11"), ("ILACS", "2018-01")];
const STAR_ERAS: &[(&str, &str)] = &[
    ("SSI", "2002-05"),
    ("CSCI", "2004-11"),
    ("CSCI adults", "2006-11"),
];

// Ids of the sub-judgement schemes the tables below use.
const ADULTS_SERVED: &str = "csci-stars-adults-served";
const CHILDREN_SERVED: &str = "csci-stars-children-served";
const SERVED_BOTH: &str = "csci-stars-served";
const ADULTS_PROSPECTS: &str = "csci-stars-adults-prospects";
const CHILDREN_PROSPECTS: &str = "csci-stars-children-prospects";
const PROSPECTS_BOTH: &str = "csci-stars-prospects";
const ADULTS_OUTCOMES: &str = "csci-stars-adults-outcomes";
const APA: &str = "apa";
const APA_EDUCATION: &str = "apa-education";
const APA_SOCIAL_CARE: &str = "apa-social-care";
const APA_CAPACITY: &str = "apa-capacity";
const APA_HEALTHY: &str = "apa-being-healthy";
const APA_SAFE: &str = "apa-staying-safe";
const APA_ENJOYING: &str = "apa-enjoying-achieving";
const APA_CONTRIBUTION: &str = "apa-positive-contribution";
const APA_ECONOMIC: &str = "apa-economic-wellbeing";

/// A rating scheme as the dataset declares it.
struct Scheme {
    id: &'static str,
    name: &'static str,
    body: &'static str,
    parent: Option<&'static str>,
    scale: Scale,
    until: Option<&'static str>,
    eras: &'static [(&'static str, &'static str)],
}

enum Scale {
    Ordinal(&'static [&'static str]),
    /// A measured quantity where a lower value is better.
    NumericLowerBetter(&'static str),
}

/// A top-level ordinal scheme.
const fn top(
    id: &'static str,
    name: &'static str,
    body: &'static str,
    levels: &'static [&'static str],
) -> Scheme {
    Scheme {
        id,
        name,
        body,
        parent: None,
        scale: Scale::Ordinal(levels),
        until: None,
        eras: &[],
    }
}

/// A sub-judgement folded under `parent`.
const fn part(
    id: &'static str,
    name: &'static str,
    body: &'static str,
    parent: &'static str,
    levels: &'static [&'static str],
) -> Scheme {
    Scheme {
        id,
        name,
        body,
        parent: Some(parent),
        scale: Scale::Ordinal(levels),
        until: None,
        eras: &[],
    }
}

/// Every scheme, in the order the file lists them.
///
/// `until` here is only the end a scheme keeps when no data file gives one: Ofsted's
/// adoption judgement with the last SIF report (August 2018, per the Ofsted file), adults
/// served well (2007, kept from the first build) and the PAF bands (April 2009, likewise).
/// Every scheme published in rounds takes its rounds and end from `round_dates.csv` in
/// `Builder::rounds`, which replaces these.
const SCHEMES: &[Scheme] = &[
    Scheme {
        eras: OFSTED_ERAS,
        ..top(
            "ofsted-cs",
            "Children's services: overall effectiveness",
            OFSTED,
            OFSTED_LEVELS,
        )
    },
    Scheme {
        eras: OFSTED_ERAS,
        ..part(
            "ofsted-cs-help-protection",
            "Children's services: children who need help and protection",
            OFSTED,
            "ofsted-cs",
            OFSTED_LEVELS,
        )
    },
    Scheme {
        eras: OFSTED_ERAS,
        ..part(
            "ofsted-cs-in-care",
            "Children's services: children in care / looked after",
            OFSTED,
            "ofsted-cs",
            OFSTED_LEVELS,
        )
    },
    Scheme {
        until: Some("2018-09"),
        eras: &[("SIF", "2013-11")],
        ..part(
            "ofsted-cs-adoption",
            "Children's services: adoption performance (SIF only)",
            OFSTED,
            "ofsted-cs",
            OFSTED_LEVELS,
        )
    },
    Scheme {
        eras: OFSTED_ERAS,
        ..part(
            "ofsted-cs-care-leavers",
            "Children's services: care leavers",
            OFSTED,
            "ofsted-cs",
            OFSTED_LEVELS,
        )
    },
    Scheme {
        eras: OFSTED_ERAS,
        ..part(
            "ofsted-cs-leaders",
            "Children's services: leadership / impact of leaders",
            OFSTED,
            "ofsted-cs",
            OFSTED_LEVELS,
        )
    },
    top(
        "cqc-asc",
        "Adult social care: overall rating (CQC)",
        CQC,
        CQC_LEVELS,
    ),
    part(
        "cqc-asc-assessing-needs",
        "Adult social care: assessing needs",
        CQC,
        "cqc-asc",
        SCORES,
    ),
    part(
        "cqc-asc-supporting-people",
        "Adult social care: supporting people to live healthier lives",
        CQC,
        "cqc-asc",
        SCORES,
    ),
    part(
        "cqc-asc-equity",
        "Adult social care: equity in experience and outcomes",
        CQC,
        "cqc-asc",
        SCORES,
    ),
    part(
        "cqc-asc-care-provision",
        "Adult social care: care provision, integration and continuity",
        CQC,
        "cqc-asc",
        SCORES,
    ),
    part(
        "cqc-asc-partnerships",
        "Adult social care: partnerships and communities",
        CQC,
        "cqc-asc",
        SCORES,
    ),
    part(
        "cqc-asc-safe-systems",
        "Adult social care: safe pathways, systems and transitions",
        CQC,
        "cqc-asc",
        SCORES,
    ),
    part(
        "cqc-asc-safeguarding",
        "Adult social care: safeguarding",
        CQC,
        "cqc-asc",
        SCORES,
    ),
    part(
        "cqc-asc-governance",
        "Adult social care: governance, management and sustainability",
        CQC,
        "cqc-asc",
        SCORES,
    ),
    part(
        "cqc-asc-learning",
        "Adult social care: learning, improvement and innovation",
        CQC,
        "cqc-asc",
        SCORES,
    ),
    Scheme {
        until: Some("2009-04"),
        eras: STAR_ERAS,
        ..top("csci-stars", "Social services star rating", SSI_CSCI, STARS)
    },
    Scheme {
        until: Some("2007-11"),
        ..part(
            ADULTS_SERVED,
            "Social services: serving adults well",
            SSI_CSCI,
            "csci-stars",
            SERVED,
        )
    },
    Scheme {
        until: Some("2006-11"),
        ..part(
            CHILDREN_SERVED,
            "Social services: serving children well",
            SSI_CSCI,
            "csci-stars",
            SERVED,
        )
    },
    Scheme {
        until: Some("2006-11"),
        ..part(
            SERVED_BOTH,
            "Social services: serving people well (adults/children not split)",
            SSI_CSCI,
            "csci-stars",
            SERVED,
        )
    },
    Scheme {
        until: Some("2009-04"),
        ..part(
            ADULTS_PROSPECTS,
            "Social services: adults' prospects / capacity to improve",
            SSI_CSCI,
            "csci-stars",
            PROSPECTS,
        )
    },
    Scheme {
        until: Some("2006-11"),
        ..part(
            CHILDREN_PROSPECTS,
            "Social services: children's prospects / capacity to improve",
            SSI_CSCI,
            "csci-stars",
            PROSPECTS,
        )
    },
    Scheme {
        until: Some("2006-11"),
        ..part(
            PROSPECTS_BOTH,
            "Social services: prospects (adults/children not split)",
            SSI_CSCI,
            "csci-stars",
            PROSPECTS,
        )
    },
    Scheme {
        until: Some("2009-04"),
        ..part(
            ADULTS_OUTCOMES,
            "Adult social care: delivering outcomes",
            SSI_CSCI,
            "csci-stars",
            OUTCOMES,
        )
    },
    Scheme {
        until: Some("2009-12"),
        ..top(
            APA,
            "Children's services: annual performance assessment",
            APA_BODY,
            APA_GRADES,
        )
    },
    Scheme {
        until: Some("2009-12"),
        ..part(
            APA_EDUCATION,
            "Children's services assessment: education",
            APA_BODY,
            APA,
            APA_GRADES,
        )
    },
    Scheme {
        until: Some("2009-12"),
        ..part(
            APA_SOCIAL_CARE,
            "Children's services assessment: children's social care",
            APA_BODY,
            APA,
            APA_GRADES,
        )
    },
    Scheme {
        until: Some("2009-12"),
        ..part(
            APA_CAPACITY,
            "Children's services assessment: capacity to improve",
            APA_BODY,
            APA,
            APA_GRADES,
        )
    },
    Scheme {
        until: Some("2009-12"),
        ..part(
            APA_HEALTHY,
            "Children's services assessment: being healthy",
            APA_BODY,
            APA,
            APA_GRADES,
        )
    },
    Scheme {
        until: Some("2009-12"),
        ..part(
            APA_SAFE,
            "Children's services assessment: staying safe",
            APA_BODY,
            APA,
            APA_GRADES,
        )
    },
    Scheme {
        until: Some("2009-12"),
        ..part(
            APA_ENJOYING,
            "Children's services assessment: enjoying and achieving",
            APA_BODY,
            APA,
            APA_GRADES,
        )
    },
    Scheme {
        until: Some("2009-12"),
        ..part(
            APA_CONTRIBUTION,
            "Children's services assessment: making a positive contribution",
            APA_BODY,
            APA,
            APA_GRADES,
        )
    },
    Scheme {
        until: Some("2009-12"),
        ..part(
            APA_ECONOMIC,
            "Children's services assessment: economic well-being",
            APA_BODY,
            APA,
            APA_GRADES,
        )
    },
    top(
        "ofsted-annual",
        "Children's services: Ofsted annual rating",
        OFSTED,
        OFSTED_ANNUAL_LEVELS,
    ),
    top(
        "cqc-annual",
        "Adult social care: CQC annual performance assessment",
        CQC,
        CQC_ANNUAL_LEVELS,
    ),
    Scheme {
        until: Some("2005-12"),
        ..top(
            "cpa",
            "Comprehensive performance assessment",
            AUDIT_COMMISSION,
            CPA_CATEGORIES,
        )
    },
    Scheme {
        until: Some("2009-04"),
        ..top(
            "cpa-stars",
            "Comprehensive performance assessment: stars",
            AUDIT_COMMISSION,
            CPA_STARS,
        )
    },
    Scheme {
        until: Some("2009-04"),
        ..part(
            "cpa-children",
            "CPA score: children and young people",
            AUDIT_COMMISSION,
            "cpa-stars",
            SCORES,
        )
    },
    Scheme {
        until: Some("2009-04"),
        ..part(
            "cpa-adult-social-care",
            "CPA score: adult social care",
            AUDIT_COMMISSION,
            "cpa-stars",
            SCORES,
        )
    },
    Scheme {
        until: Some("2009-04"),
        ..top(
            "paf-a3",
            "PAF A3: child protection re-registrations",
            PAF_BODY,
            PAF_BANDS,
        )
    },
    Scheme {
        until: Some("2009-04"),
        ..top(
            "paf-c26",
            "PAF C26: admissions of people 65 and over to care homes",
            PAF_BODY,
            PAF_BANDS,
        )
    },
    Scheme {
        id: "caseload",
        name: "Average caseload per social worker",
        body: "Council",
        parent: None,
        scale: Scale::NumericLowerBetter("children"),
        until: None,
        eras: &[],
    },
];

fn scheme(id: &str) -> Result<&'static Scheme, String> {
    SCHEMES
        .iter()
        .find(|s| s.id == id)
        .ok_or_else(|| format!("scheme \"{id}\" is not declared"))
}

/// The level of `scheme` at rank `rank` (0 = worst).
fn level_at(scheme_id: &str, rank: usize) -> Result<&'static str, String> {
    match scheme(scheme_id)?.scale {
        Scale::Ordinal(levels) => levels
            .get(rank)
            .copied()
            .ok_or_else(|| format!("{scheme_id} has no level {}", rank + 1)),
        Scale::NumericLowerBetter(_) => Err(format!("{scheme_id} has no named levels")),
    }
}

// ---------------------------------------------------------------------------------------
// Rounds and ends of schemes
// ---------------------------------------------------------------------------------------

/// Rounds `round_dates.csv` gives without a date: (file scheme, label, date used).
const ROUND_GAPS: &[(&str, &str, &str)] = &[
    // No source gives the month; the star ratings file dates this round's rows 2006-11.
    (
        "social_services_star_ratings",
        "2006 (first adults-only round)",
        "2006-11",
    ),
    // No source gives the month or the day: the year alone.
    ("childrens_services_APA", "2007", "2007"),
];

/// Pages that date rounds and that no other file gives a title for: link, title (the
/// page's headline, or a description), publisher, date.
const ROUND_PAGES: &[(&str, &str, &str, &str)] = &[
    (
        "https://www.communitycare.co.uk/2002/06/26/why-stars-are-underrated/",
        "Why stars are underrated",
        "Community Care",
        "2002-06-26",
    ),
    (
        "http://navigator.health.org.uk/theme/health-and-social-care-act-2008",
        "Health and Social Care Act 2008 (policy navigator)",
        "The Health Foundation",
        "",
    ),
    (
        "https://docsbay.net/comprehensive-area-assessment-caa-proposals-for-assessing-local-authority-services",
        "Comprehensive area assessment: proposals for assessing local authority services (summary of Ofsted's consultation, copy on a document site)",
        "Ofsted",
        "2008-10-21",
    ),
    (
        "http://www.publicnet.co.uk/news/2009/12/09/ofsted-rates-childrens-services-poor-in-nine-councils/",
        "Ofsted rates children's services poor in nine councils",
        "publicnet",
        "2009-12-09",
    ),
    (
        "https://zoomlaw.co.uk/2012-1879-uksi.html",
        "The Legislative Reform (Annual Review of Local Authorities) Order 2012 (SI 2012/1879)",
        "",
        "2012-07-17",
    ),
];

const STAR_ROUNDS_NOTE: &str = "Each round is dated by reports of its release. No source gives the month of the 2006 round: November is inferred, as the star ratings file dates that round's rows and as the other rounds came out in November or on 1 December. Sources disagree on the day of the 2007 round (27, 28 or 29 November), so it keeps the month. Ended when the Commission for Social Care Inspection was abolished on 1 April 2009.";
const CHILDREN_PARTS_NOTE: &str = "Rounds as for the star rating. The round of 1 December 2005 was the last to rate children's services: from the 2006 round (month inferred) the stars covered adult social care alone, so this judgement ends there.";
const ADULTS_SERVED_NOTE: &str = "Rounds as for the star rating (the 2006 round's month is inferred). No data file says when this judgement was last given: the end, at the 2007 round, when outcome grades took its place, is kept from the first build of the dataset.";
/// The APA ended in December 2008, after its last round (17 December), and was replaced
/// from 1 April 2009: it is taken to end then, after its last round.
const APA_UNTIL: &str = "2009-04";
const APA_NOTE: &str = "Each round is dated by reports of its release; no source gives the month or day of the 2007 round, so it keeps the year. The assessment was to end in December 2008, after its last round on 17 December, and comprehensive area assessment replaced it from 1 April 2009: it is taken to end in April 2009.";
const CPA_CATEGORIES_NOTE: &str = "Each round is dated by reports of its release. The five categories were last given in December 2004: from the round of 15 December 2005 the assessment gave star categories instead.";
const CPA_STARS_NOTE: &str = "Each round is dated by reports of its release; the last came out on 5 March 2009, and comprehensive area assessment took over from April 2009.";
const OFSTED_ANNUAL_NOTE: &str = "Each round is dated by reports of its release; the day of the 2011 round is not certain (7 or 8 November). Ended when the duty behind the rating was repealed, by an order in force from 18 July 2012.";
/// The CQC annual assessment's rounds, as the national figures' sources date them.
const CQC_ANNUAL_ROUNDS: &[&str] = &["2009-12-03", "2010-11-25"];
const CQC_ANNUAL_SOURCE: (&str, &str, &str) = (
    "http://carequalitycommissionnewsroom.blogspot.com/2010/11/councils-maintain-high-standards-of.html",
    "Councils maintain high standards of adult social care",
    "2010-11-25",
);
const CQC_ANNUAL_NOTE: &str = "Not in the round-dates file: the rounds are dated by the sources of the national figures (CQC's statement of 3 December 2009; CQC's newsroom of 25 November 2010, which calls 2009-10 the final year). No source gives the date the assessment formally ended, so none is given.";
/// One classification a year; no source gives when in the year any came out.
const PAF_YEARS: &[&str] = &[
    "2000", "2001", "2002", "2003", "2004", "2005", "2006", "2007", "2008",
];
const PAF_NOTE: &str = "Yearly classifications. The only source names the 1999-2000 bands and those of the year before November 2004, and says nothing of when in the year any came out, so each round is a year alone. The end is not from any data file: it is kept from the first build of the dataset.";

// ---------------------------------------------------------------------------------------
// Councils: names, ids, aliases, former councils
// ---------------------------------------------------------------------------------------

/// Lookup names that read better in a shorter form; the lookup's form becomes an alias.
const SHORT_NAMES: &[(&str, &str)] = &[
    ("Bristol, City of", "Bristol"),
    ("Kingston Upon Hull, City of", "Kingston upon Hull"),
];

/// The lookup's `also_known_as` list for BCP holds an item with a comma in it (and its
/// "Bournemouth" must not become an alias: that is a former council of its own).
const ALIAS_OVERRIDES: &[(&str, &[&str])] =
    &[("E06000058", &["BCP", "Bournemouth, Christchurch & Poole"])];

/// Other names the sources use for a council, kept as aliases so a user finds it by them.
const EXTRA_ALIASES: &[(&str, &str)] = &[
    ("city-of-london", "Corporation of London"),
    ("derby", "Derby City"),
    ("southend-on-sea", "Southend"),
    ("st-helens", "St Helens"),
    ("stockton-on-tees", "Stockton"),
    ("stoke-on-trent", "Stoke"),
];

/// Spellings in the sources that match no council name or alias once normalised.
const SOURCE_SPELLINGS: &[(&str, &str)] = &[
    ("Bath & N E Somerset", "bath-and-north-east-somerset"),
    ("Blackburn and Darwen", "blackburn-with-darwen"),
    ("Essex county council", "essex"),
    ("Wakefield Metropolitan District Council", "wakefield"),
    ("Richmond", "richmond-upon-thames"),
];

/// Councils in the lookup that no longer exist, with the councils that took over their
/// area and the month each ended (as the Ofsted additions file and the data README give
/// it). They are kept only when some rating names them.
const DEFUNCT_IN_LOOKUP: &[(&str, &[&str], &str)] = &[
    (
        "E10000006",
        &["cumberland", "westmorland-and-furness"],
        "2023-04",
    ),
    (
        "E10000021",
        &["north-northamptonshire", "west-northamptonshire"],
        "2021-04",
    ),
    (
        "E06000029",
        &["bournemouth-christchurch-and-poole"],
        "2019-04",
    ),
];

/// A former council the sources rate that the lookup does not hold. Its region is its
/// successors'; its ONS code is the one the Ofsted additions file gives, if any.
struct Former {
    id: &'static str,
    name: &'static str,
    kind: &'static str,
    successors: &'static [&'static str],
    /// As the Ofsted additions file's notes and the data README give it, or (Bedfordshire,
    /// Cheshire) the order that abolished the council.
    ended: Option<&'static str>,
}

/// Dorset County Council's area went to Dorset Council, as the additions file says.
const FORMER_COUNCILS: &[Former] = &[
    Former {
        id: "bedfordshire",
        name: "Bedfordshire",
        kind: "County",
        successors: &["bedford-borough", "central-bedfordshire"],
        // No data file says when; the Bedfordshire (Structural Changes) Order 2008,
        // SI 2008/907, wound the county council up on 1 April 2009.
        ended: Some("2009-04"),
    },
    Former {
        id: "bournemouth",
        name: "Bournemouth",
        kind: "Unitary Authority",
        successors: &["bournemouth-christchurch-and-poole"],
        ended: Some("2019-04"),
    },
    Former {
        id: "cheshire",
        name: "Cheshire",
        kind: "County",
        successors: &["cheshire-east", "cheshire-west-and-chester"],
        // No data file says when; the Cheshire (Structural Changes) Order 2008,
        // SI 2008/634, made the two unitary councils sole authorities from 1 April 2009.
        ended: Some("2009-04"),
    },
    Former {
        id: "dorset-county-council",
        name: "Dorset County Council",
        kind: "County",
        successors: &["dorset"],
        ended: Some("2019-04"),
    },
];

/// A source that names a council which has since been replaced under the same name means
/// the old council for dates before the change: (id the name finds, first day of the new
/// council, id of the old one).
const SAME_NAME_BEFORE: &[(&str, &str, &str)] = &[("dorset", "2019-04", "dorset-county-council")];

/// The council id for a name: lowercase, `&` as "and", commas, apostrophes and full stops
/// dropped, spaces as `-`.
fn slug(name: &str) -> Result<String, String> {
    let mut out = String::new();
    for c in name.replace('&', " and ").chars() {
        match c {
            ',' | '\'' | '’' | '.' => {}
            c if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            ' ' | '-' => {
                if !out.is_empty() && !out.ends_with('-') {
                    out.push('-');
                }
            }
            _ => {
                return Err(format!(
                    "the name \"{name}\" has a character an id cannot carry: {c:?}"
                ));
            }
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        Err(format!("the name \"{name}\" gives an empty id"))
    } else {
        Ok(out)
    }
}

/// A name reduced for matching: lowercase, `&` as "and", hyphens as spaces, no punctuation.
fn normalise(name: &str) -> String {
    let mut out = String::new();
    for c in name.replace('&', " and ").chars() {
        match c {
            ',' | '\'' | '’' | '.' => {}
            '-' => out.push(' '),
            c => out.extend(c.to_lowercase()),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------------------
// The dataset being built
// ---------------------------------------------------------------------------------------

struct Council {
    id: String,
    name: String,
    code: Option<String>,
    aliases: Vec<String>,
    region: Option<String>,
    kind: Option<String>,
    neighbours: Vec<String>,
    succeeded_by: Vec<String>,
    /// The council ceased on this date.
    ended: Option<String>,
    /// Kept in the file even without ratings (every current council is).
    current: bool,
    ratings: Vec<Rating>,
}

enum Grade {
    Level(&'static str),
    Value(f64),
    /// An assessment that gave no grade in this scheme.
    None,
}

struct Rating {
    scheme: &'static str,
    date: String,
    grade: Grade,
    note: Option<String>,
    source: String,
}

/// A national summary as hand-recorded below.
#[derive(Clone, Copy)]
struct HandSummary {
    scheme: &'static str,
    date: &'static str,
    total: Option<u32>,
    counts: &'static [(&'static str, u32)],
    source: &'static str,
}

/// A national summary as written out.
struct Summary {
    scheme: &'static str,
    date: String,
    total: Option<u32>,
    counts: Vec<(&'static str, u32)>,
    shares: Vec<(&'static str, f64)>,
    source: String,
    note: Option<String>,
}

/// When a scheme was published and when it ended, with where that comes from.
#[derive(Default)]
struct Life {
    until: Option<String>,
    rounds: Vec<String>,
    source: Option<String>,
    note: Option<String>,
}

struct Source {
    id: String,
    title: String,
    publisher: Option<String>,
    date: Option<String>,
    url: Option<String>,
}

#[derive(Default)]
struct Builder {
    councils: BTreeMap<String, Council>,
    /// Normalised name or alias → council id.
    names: HashMap<String, String>,
    /// ONS code → council id.
    codes: HashMap<String, String>,
    summaries: Vec<Summary>,
    sources: BTreeMap<String, Source>,
    /// Each scheme's rounds and end, once read (a scheme not here keeps its `until`).
    lives: HashMap<&'static str, Life>,
    /// Sources that date a scheme's rounds, kept in the file though no rating cites them.
    round_sources: BTreeSet<String>,
    /// The length of the date a source gave each rating in a round (council, scheme, date
    /// as written), before a year was made its round's date.
    given: HashMap<(String, &'static str, String), usize>,
}

/// What the note of a rating says when its source gave only the year.
const YEAR_TO_ROUND: &str = "the source gives only the year; dated to that year's round";

/// The round of `rounds` a rating dated `date` belongs to: the one round whose period and
/// the date's overlap (one holds the other, as dates here are whole years, months or days).
fn round_of(rounds: &[String], date: &str) -> Result<String, String> {
    let hits: Vec<&String> = rounds
        .iter()
        .filter(|r| r.starts_with(date) || date.starts_with(r.as_str()))
        .collect();
    match hits.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(format!("{date} falls in none of its scheme's rounds")),
        _ => Err(format!("{date} could be any of several rounds")),
    }
}

fn same_grade(a: &Grade, b: &Grade) -> bool {
    match (a, b) {
        (Grade::Level(a), Grade::Level(b)) => a == b,
        (Grade::Value(a), Grade::Value(b)) => a == b,
        (Grade::None, Grade::None) => true,
        _ => false,
    }
}

/// Joins the parts of a note that are there, or gives none.
fn note(parts: &[&str]) -> Option<String> {
    let parts: Vec<&str> = parts.iter().copied().filter(|p| !p.is_empty()).collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

impl Builder {
    fn councils_from_lookup(&mut self, lookup: &Table) -> Result<(), String> {
        // DfE code → council id, for the statistical neighbours (which the lookup gives as
        // DfE codes; its ONS-coded copy carries two retired codes).
        let mut by_dfe: HashMap<String, String> = HashMap::new();
        let mut neighbour_codes: Vec<(String, String)> = Vec::new();
        for row in lookup.rows() {
            let ons_name = row.get("local_authority_ons_name")?;
            let code = row.get("la_code_new")?;
            let name = SHORT_NAMES
                .iter()
                .find(|(long, _)| *long == ons_name)
                .map_or(ons_name, |(_, short)| short);
            let id = slug(name)?;
            let mut aliases: Vec<String> = match ALIAS_OVERRIDES.iter().find(|(c, _)| *c == code) {
                Some((_, list)) => list.iter().map(|s| (*s).to_owned()).collect(),
                None => split_list(row.get("also_known_as")?),
            };
            aliases
                .extend([ons_name, row.get("ltla23nm")?, row.get("utla23nm")?].map(str::to_owned));
            aliases.extend(
                EXTRA_ALIASES
                    .iter()
                    .filter(|(i, _)| *i == id)
                    .map(|(_, a)| (*a).to_owned()),
            );
            let defunct = DEFUNCT_IN_LOOKUP.iter().find(|(c, _, _)| *c == code);
            let succeeded_by: Vec<String> = defunct
                .map(|(_, ids, _)| ids.iter().map(|s| (*s).to_owned()).collect())
                .unwrap_or_default();
            let ended = defunct.map(|(_, _, ended)| (*ended).to_owned());
            let dfe = row.get("la_code")?;
            if by_dfe.insert(dfe.to_owned(), id.clone()).is_some() {
                return Err(row.error(&format!("DfE code {dfe} appears twice")));
            }
            neighbour_codes.push((id.clone(), row.get("stat_neighbours")?.to_owned()));
            self.add_council(Council {
                id,
                name: name.to_owned(),
                code: non_empty(code),
                aliases: tidy_aliases(name, aliases),
                region: non_empty(row.get("region_name")?),
                kind: non_empty(row.get("ons_la_type")?),
                neighbours: Vec::new(),
                current: succeeded_by.is_empty(),
                succeeded_by,
                ended,
                ratings: Vec::new(),
            })?;
        }
        for (id, codes) in neighbour_codes {
            let mut neighbours = Vec::new();
            for code in codes.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                let neighbour = by_dfe
                    .get(code)
                    .ok_or_else(|| format!("{LOOKUP_FILE}: {id} names DfE code {code} as a neighbour, which no council has"))?;
                neighbours.push(neighbour.clone());
            }
            if let Some(council) = self.councils.get_mut(&id) {
                council.neighbours = neighbours;
            }
        }
        for (spelling, id) in SOURCE_SPELLINGS {
            self.names.insert(normalise(spelling), (*id).to_owned());
        }
        Ok(())
    }

    fn former_councils(&mut self) -> Result<(), String> {
        for former in FORMER_COUNCILS {
            let regions: BTreeSet<Option<String>> = former
                .successors
                .iter()
                .map(|s| self.councils.get(*s).and_then(|c| c.region.clone()))
                .collect();
            let region = match regions.into_iter().collect::<Vec<_>>().as_slice() {
                [Some(region)] => region.clone(),
                _ => {
                    return Err(format!(
                        "the councils that succeeded {} are not all in one known region",
                        former.name
                    ));
                }
            };
            self.add_council(Council {
                id: former.id.to_owned(),
                name: former.name.to_owned(),
                code: None,
                aliases: Vec::new(),
                region: Some(region),
                kind: Some(former.kind.to_owned()),
                neighbours: Vec::new(),
                succeeded_by: former.successors.iter().map(|s| (*s).to_owned()).collect(),
                ended: former.ended.map(str::to_owned),
                current: false,
                ratings: Vec::new(),
            })?;
        }
        Ok(())
    }

    fn add_council(&mut self, council: Council) -> Result<(), String> {
        let id = council.id.clone();
        for name in std::iter::once(&council.name).chain(&council.aliases) {
            if let Some(other) = self.names.insert(normalise(name), id.clone())
                && other != id
            {
                return Err(format!(
                    "the name \"{name}\" would stand for both {other} and {id}"
                ));
            }
        }
        if let Some(code) = &council.code {
            self.codes.insert(code.clone(), id.clone());
        }
        if self.councils.insert(id.clone(), council).is_some() {
            return Err(format!("two councils would have the id \"{id}\""));
        }
        Ok(())
    }

    /// The council a news page names, by name or alias, or by the place in a council's
    /// formal name ("Suffolk County Council", "London Borough of Hounslow").
    fn council_named_loosely(&self, name: &str) -> Result<String, String> {
        self.council_named(name)
            .or_else(|_| self.council_named(&cqc_short_name(name)))
    }

    /// The council a source names, by name or alias.
    fn council_named(&self, name: &str) -> Result<String, String> {
        self.names
            .get(&normalise(name))
            .cloned()
            .ok_or_else(|| format!("no council is named \"{name}\""))
    }

    fn rate(&mut self, council: &str, mut rating: Rating) -> Result<(), String> {
        // A name that now means a newer council meant the old one before the change.
        let council = SAME_NAME_BEFORE
            .iter()
            .find(|(id, from, _)| *id == council && rating.date.as_str() < *from)
            .map_or(council, |(_, _, old)| *old)
            .to_owned();
        let council = council.as_str();
        let def = scheme(rating.scheme)?;
        check_date(&rating.date)?;
        match (&def.scale, &rating.grade) {
            (Scale::Ordinal(levels), Grade::Level(level)) if !levels.contains(level) => {
                return Err(format!("\"{level}\" is not a level of {}", def.id));
            }
            (Scale::Ordinal(_), Grade::Value(_))
            | (Scale::NumericLowerBetter(_), Grade::Level(_)) => {
                return Err(format!(
                    "a rating of {council} in {} has the wrong kind of grade",
                    def.id
                ));
            }
            (_, Grade::None) if rating.note.is_none() => {
                return Err(format!(
                    "an ungraded rating of {council} in {} needs a note",
                    def.id
                ));
            }
            _ => {}
        }
        let life = self.lives.get(def.id);
        // Dates of these forms compare as text in the order of their first days.
        if let Some(until) = life.and_then(|l| l.until.as_deref())
            && rating.date.as_str() >= until
        {
            return Err(format!(
                "a rating of {council} in {} is dated after the scheme ended",
                def.id
            ));
        }
        if !self.sources.contains_key(&rating.source) {
            return Err(format!(
                "a rating of {council} names source \"{}\", which is not recorded",
                rating.source
            ));
        }
        let rounds: Vec<String> = life.map(|l| l.rounds.clone()).unwrap_or_default();
        let given = rating.date.len();
        let round = if rounds.is_empty() {
            None
        } else {
            let round = round_of(&rounds, &rating.date)
                .map_err(|e| format!("a rating of {council} in {}: {e}", def.id))?;
            if rating.date.len() == 4 && round.len() > 4 {
                rating.date = round.clone();
                let old = rating.note.take().unwrap_or_default();
                rating.note = note(&[YEAR_TO_ROUND, &old]);
            }
            Some(round)
        };
        let council = self
            .councils
            .get_mut(council)
            .ok_or_else(|| format!("no council has the id \"{council}\""))?;
        if let Some(ended) = &council.ended
            && rating.date >= *ended
        {
            return Err(format!(
                "a rating of {} in {} is dated after the council ended",
                council.id, def.id
            ));
        }
        if let Some(round) = round {
            let same_round = council.ratings.iter().position(|r| {
                r.scheme == rating.scheme
                    && round_of(&rounds, &r.date).is_ok_and(|other| other == round)
            });
            if let Some(i) = same_round {
                let old = &council.ratings[i];
                if !same_grade(&old.grade, &rating.grade) {
                    return Err(format!(
                        "{} would have two different {} ratings in the round of {round}",
                        council.id, rating.scheme
                    ));
                }
                // The same rating twice: keep the one whose source dates it more precisely
                // (the first, if they are alike).
                let key = (council.id.clone(), rating.scheme, old.date.clone());
                let old_given = self.given.get(&key).copied().unwrap_or(old.date.len());
                if given > old_given {
                    self.given.remove(&key);
                    self.given.insert(
                        (council.id.clone(), rating.scheme, rating.date.clone()),
                        given,
                    );
                    council.ratings[i] = rating;
                }
                return Ok(());
            }
            self.given.insert(
                (council.id.clone(), rating.scheme, rating.date.clone()),
                given,
            );
        }
        if council
            .ratings
            .iter()
            .any(|r| r.scheme == rating.scheme && r.date == rating.date)
        {
            return Err(format!(
                "{} would have two {} ratings dated {}",
                council.id, rating.scheme, rating.date
            ));
        }
        council.ratings.push(rating);
        Ok(())
    }

    fn add_source(&mut self, source: Source) -> Result<(), String> {
        match self.sources.get(&source.id) {
            Some(old) if old.title != source.title || old.url != source.url => Err(format!(
                "source id \"{}\" would stand for two different sources",
                source.id
            )),
            Some(_) => Ok(()),
            None => {
                self.sources.insert(source.id.clone(), source);
                Ok(())
            }
        }
    }

    /// Records a source from the table of hand-recorded sources, found by link or by id.
    fn recorded_source(
        &mut self,
        found: impl Fn(&RecordedSource) -> bool,
        what: &str,
    ) -> Result<String, String> {
        let s = RECORDED_SOURCES
            .iter()
            .find(|s| found(s))
            .ok_or_else(|| format!("no source is recorded for {what}"))?;
        self.add_source(Source {
            id: s.id.to_owned(),
            title: s.title.to_owned(),
            publisher: non_empty(s.publisher),
            date: non_empty(s.date),
            url: non_empty(s.url),
        })?;
        Ok(s.id.to_owned())
    }

    fn source_at(&mut self, url: &str) -> Result<String, String> {
        self.recorded_source(|s| s.url == url, &format!("the link {url}"))
    }

    /// The source at `url`: the one recorded by hand if there is one, else one made from
    /// what the data file says of the page (its title, publisher and date).
    fn source_for(
        &mut self,
        url: &str,
        title: &str,
        publisher: &str,
        date: &str,
    ) -> Result<String, String> {
        if RECORDED_SOURCES.iter().any(|s| s.url == url) {
            return self.source_at(url);
        }
        if let Some(s) = self
            .sources
            .values()
            .find(|s| s.url.as_deref() == Some(url))
        {
            return Ok(s.id.clone());
        }
        if title.is_empty() {
            return Err(format!("no title is on record for the page {url}"));
        }
        let (prefix, site_publisher) = site_of(url)?;
        let mut id = format!("{prefix}-{}", page_slug(url));
        while self.sources.contains_key(&id) {
            id.push_str("-2");
        }
        let publisher = non_empty(publisher).or_else(|| non_empty(site_publisher));
        if !date.is_empty() {
            check_date(date)?;
        }
        self.add_source(Source {
            id: id.clone(),
            title: title.to_owned(),
            publisher,
            date: non_empty(date),
            url: Some(url.to_owned()),
        })?;
        Ok(id)
    }

    fn source_with_id(&mut self, id: &str) -> Result<String, String> {
        self.recorded_source(|s| s.id == id, &format!("the id {id}"))
    }

    // -----------------------------------------------------------------------------------
    // Rounds: when each scheme published in rounds came out, and when it ended
    // -----------------------------------------------------------------------------------

    fn rounds(&mut self, table: &Table, summaries: &Table) -> Result<(), String> {
        // Pages the national figures also cite carry their titles there.
        let mut titled: HashMap<String, (String, String, String)> = HashMap::new();
        for row in summaries.rows() {
            titled.entry(row.get("source_url")?.to_owned()).or_insert((
                row.get("source_title")?.to_owned(),
                row.get("source_publisher")?.to_owned(),
                row.get("source_date")?.to_owned(),
            ));
        }
        for (url, title, publisher, date) in ROUND_PAGES {
            titled.insert(
                (*url).to_owned(),
                (
                    (*title).to_owned(),
                    (*publisher).to_owned(),
                    (*date).to_owned(),
                ),
            );
        }
        for s in SCHEMES {
            self.lives.insert(
                s.id,
                Life {
                    until: s.until.map(str::to_owned),
                    ..Life::default()
                },
            );
        }
        // File scheme → its rounds (date, source) and its end (date, source).
        type Dated = (String, String);
        let mut read: BTreeMap<String, (Vec<Dated>, Option<Dated>)> = BTreeMap::new();
        for row in table.rows() {
            let at = |e: String| row.error(&e);
            let file_scheme = row.get("scheme")?;
            let label = row.get("round_label")?;
            let url = row.get("source_url")?;
            let (title, publisher, date) = titled.get(url).cloned().unwrap_or_default();
            let source = self
                .source_for(url, &title, &publisher, &date)
                .map_err(at)?;
            self.round_sources.insert(source.clone());
            let date = match row.get("publication_date")? {
                "" => ROUND_GAPS
                    .iter()
                    .find(|(f, l, _)| *f == file_scheme && *l == label)
                    .map(|(_, _, d)| (*d).to_owned())
                    .ok_or_else(|| at(format!("the round \"{label}\" has no date")))?,
                d => d.to_owned(),
            };
            check_date(&date).map_err(at)?;
            let entry = read.entry(file_scheme.to_owned()).or_default();
            if label == "ended" {
                entry.1 = Some((date, source));
            } else {
                entry.0.push((date, source));
            }
        }
        let part = |file: &str| -> Result<&(Vec<Dated>, Option<Dated>), String> {
            read.get(file)
                .ok_or_else(|| format!("{ROUNDS_FILE} has no rows for {file}"))
        };
        let dates = |rounds: &[(String, String)]| -> Vec<String> {
            rounds.iter().map(|(d, _)| d.clone()).collect()
        };
        let ended = |file: &str| -> Result<(String, String), String> {
            part(file)?
                .1
                .clone()
                .ok_or_else(|| format!("{ROUNDS_FILE} gives no end for {file}"))
        };
        let mut lives: Vec<(&'static str, Life)> = Vec::new();

        // Social services star ratings and their parts.
        let stars = dates(&part("social_services_star_ratings")?.0);
        let (stars_end, stars_end_source) = ended("social_services_star_ratings")?;
        let last_children = stars
            .iter()
            .position(|d| d == "2005-12-01")
            .ok_or("the star rounds have no round of 1 December 2005")?;
        let first_adults_only = stars[last_children + 1].clone();
        for id in ["csci-stars", ADULTS_PROSPECTS, ADULTS_OUTCOMES] {
            lives.push((
                id,
                Life {
                    until: Some(stars_end.clone()),
                    rounds: stars.clone(),
                    source: Some(stars_end_source.clone()),
                    note: Some(STAR_ROUNDS_NOTE.to_owned()),
                },
            ));
        }
        let children_source = part("social_services_star_ratings")?.0[last_children]
            .1
            .clone();
        for id in [
            CHILDREN_SERVED,
            CHILDREN_PROSPECTS,
            SERVED_BOTH,
            PROSPECTS_BOTH,
        ] {
            lives.push((
                id,
                Life {
                    until: Some(first_adults_only.clone()),
                    rounds: stars[..=last_children].to_vec(),
                    source: Some(children_source.clone()),
                    note: Some(CHILDREN_PARTS_NOTE.to_owned()),
                },
            ));
        }
        let served_until = scheme(ADULTS_SERVED)?
            .until
            .ok_or("no end for adults served")?;
        lives.push((
            ADULTS_SERVED,
            Life {
                until: Some(served_until.to_owned()),
                rounds: stars
                    .iter()
                    .filter(|d| d.as_str() < served_until)
                    .cloned()
                    .collect(),
                source: None,
                note: Some(ADULTS_SERVED_NOTE.to_owned()),
            },
        ));

        // Children's services annual performance assessment: it ended in December 2008,
        // after its last round of 17 December, and its successor began on 1 April 2009.
        let apa = dates(&part("childrens_services_APA")?.0);
        let (_, apa_end_source) = ended("childrens_services_APA")?;
        for id in [
            APA,
            APA_EDUCATION,
            APA_SOCIAL_CARE,
            APA_CAPACITY,
            APA_HEALTHY,
            APA_SAFE,
            APA_ENJOYING,
            APA_CONTRIBUTION,
            APA_ECONOMIC,
        ] {
            lives.push((
                id,
                Life {
                    until: Some(APA_UNTIL.to_owned()),
                    rounds: apa.clone(),
                    source: Some(apa_end_source.clone()),
                    note: Some(APA_NOTE.to_owned()),
                },
            ));
        }

        // CPA: five categories in the first three rounds, stars from the fourth.
        let cpa_rows = &part("CPA")?.0;
        let first_stars = cpa_rows
            .iter()
            .position(|(d, _)| d.starts_with("2005"))
            .ok_or("the CPA rounds have no 2005 round")?;
        let (cpa_end, cpa_end_source) = ended("CPA")?;
        lives.push((
            "cpa",
            Life {
                until: Some(cpa_rows[first_stars].0.clone()),
                rounds: dates(&cpa_rows[..first_stars]),
                source: Some(cpa_rows[first_stars].1.clone()),
                note: Some(CPA_CATEGORIES_NOTE.to_owned()),
            },
        ));
        for id in ["cpa-stars", "cpa-children", "cpa-adult-social-care"] {
            lives.push((
                id,
                Life {
                    until: Some(cpa_end.clone()),
                    rounds: dates(&cpa_rows[first_stars..]),
                    source: Some(cpa_end_source.clone()),
                    note: Some(CPA_STARS_NOTE.to_owned()),
                },
            ));
        }

        // Ofsted's annual rating.
        let (annual_end, annual_end_source) = ended("ofsted_annual_childrens_services_rating")?;
        lives.push((
            "ofsted-annual",
            Life {
                until: Some(annual_end),
                rounds: dates(&part("ofsted_annual_childrens_services_rating")?.0),
                source: Some(annual_end_source),
                note: Some(OFSTED_ANNUAL_NOTE.to_owned()),
            },
        ));

        // CQC's annual assessment: its rounds are dated by the national figures' sources.
        let cqc_source = self.source_for(
            CQC_ANNUAL_SOURCE.0,
            CQC_ANNUAL_SOURCE.1,
            "",
            CQC_ANNUAL_SOURCE.2,
        )?;
        self.round_sources.insert(cqc_source.clone());
        lives.push((
            "cqc-annual",
            Life {
                until: None,
                rounds: CQC_ANNUAL_ROUNDS.iter().map(|d| (*d).to_owned()).collect(),
                source: Some(cqc_source),
                note: Some(CQC_ANNUAL_NOTE.to_owned()),
            },
        ));

        // The performance indicator bands: yearly, the year alone known.
        let paf_source = self.source_with_id(SEED_THEN_THERE_WERE_THREE)?;
        for id in ["paf-a3", "paf-c26"] {
            let until = scheme(id)?.until.ok_or("no end for the PAF bands")?;
            lives.push((
                id,
                Life {
                    until: Some(until.to_owned()),
                    rounds: PAF_YEARS.iter().map(|y| (*y).to_owned()).collect(),
                    source: Some(paf_source.clone()),
                    note: Some(PAF_NOTE.to_owned()),
                },
            ));
        }

        for (id, life) in lives {
            if life.rounds.windows(2).any(|w| w[0] >= w[1]) {
                return Err(format!("the rounds of {id} are not in order"));
            }
            if let Some(until) = &life.until
                && life.rounds.iter().any(|r| r >= until)
            {
                return Err(format!("a round of {id} is not before its end"));
            }
            self.lives.insert(id, life);
        }
        Ok(())
    }

    // -----------------------------------------------------------------------------------
    // Ofsted: every inspection and every sub-judgement
    // -----------------------------------------------------------------------------------

    fn ofsted(&mut self, table: &Table) -> Result<(), String> {
        for row in table.rows() {
            self.ofsted_row(&row).map_err(|e| row.error(&e))?;
        }
        Ok(())
    }

    fn ofsted_row(&mut self, row: &Row<'_>) -> Result<(), String> {
        let code = row.get("ons_code")?;
        let council = self
            .codes
            .get(code)
            .cloned()
            .ok_or_else(|| format!("no council has ONS code {code}"))?;
        let url = row.get("source_url")?;
        let number = url
            .rsplit('/')
            .next()
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(|| format!("the report link {url} does not end in a file number"))?;
        let framework = row.get("framework")?;
        let date = row.get("publication_date")?;
        let name = self
            .councils
            .get(&council)
            .map(|c| c.name.clone())
            .unwrap_or_default();
        let (title, parts) = match framework {
            "SIF" => (
                format!(
                    "{name}: inspection of services for children in need of help and protection, children looked after and care leavers (SIF)"
                ),
                OFSTED_SIF_PARTS,
            ),
            "ILACS" => (
                format!("{name}: inspection of children's social care services (ILACS)"),
                OFSTED_ILACS_PARTS,
            ),
            other => return Err(format!("unknown framework \"{other}\"")),
        };
        let source = format!("ofsted-{number}");
        self.add_source(Source {
            id: source.clone(),
            title,
            publisher: Some(OFSTED.to_owned()),
            date: Some(date.to_owned()),
            url: Some(url.to_owned()),
        })?;
        let inspected = format!("inspected {}", row.get("inspection_dates_text")?);
        let (grade, overall_note) = match row.get("overall_effectiveness")? {
            "not_reported_post_april_2026_framework" => (
                Grade::None,
                format!(
                    "{inspected}; no overall grade, as the framework used from April 2026 gives none"
                ),
            ),
            level => (Grade::Level(ofsted_level(level)?), inspected),
        };
        let rating = Rating {
            scheme: "ofsted-cs",
            date: date.to_owned(),
            grade,
            note: Some(overall_note),
            source: source.clone(),
        };
        self.rate(&council, rating)?;
        for (column, scheme) in OFSTED_SIF_PARTS.iter().chain(OFSTED_ILACS_PARTS) {
            let cell = row.get(column)?;
            if cell.is_empty() {
                continue;
            }
            if !parts.iter().any(|(c, _)| c == column) {
                return Err(format!(
                    "a {framework} report has a grade in column {column}"
                ));
            }
            let rating = Rating {
                scheme,
                date: date.to_owned(),
                grade: Grade::Level(ofsted_level(cell)?),
                note: None,
                source: source.clone(),
            };
            self.rate(&council, rating)?;
        }
        Ok(())
    }

    /// Sub-grades the Ofsted file left blank that the reports give.
    fn ofsted_fixes(&mut self, ofsted: &Table, fixes: &Table) -> Result<(), String> {
        for fix in fixes.rows() {
            let at = |e: String| fix.error(&e);
            let name = fix.get("la_name")?;
            let date = fix.get("publication_date")?;
            let column = fix.get("column")?;
            let found: Vec<Row<'_>> = ofsted
                .rows()
                .filter(|r| {
                    r.get("la_name").is_ok_and(|n| n == name)
                        && r.get("publication_date").is_ok_and(|d| d == date)
                })
                .collect();
            let [report] = found.as_slice() else {
                return Err(at(format!(
                    "{} rows of {OFSTED_FILE} are {name}'s report of {date}",
                    found.len()
                )));
            };
            if !report.get(column)?.is_empty() {
                return Err(at(format!("{OFSTED_FILE} already grades {column}")));
            }
            let url = fix.get("source_url")?;
            if report.get("source_url")? != url {
                return Err(at(format!("{url} is not the report's link")));
            }
            let parts = match report.get("framework")? {
                "SIF" => OFSTED_SIF_PARTS,
                _ => OFSTED_ILACS_PARTS,
            };
            let scheme = parts
                .iter()
                .find(|(c, _)| *c == column)
                .map(|(_, s)| *s)
                .ok_or_else(|| at(format!("{column} is no column of this report's framework")))?;
            let council = self
                .codes
                .get(report.get("ons_code")?)
                .cloned()
                .ok_or_else(|| at("the report's council is not in the file".to_owned()))?;
            let number = url.rsplit('/').next().unwrap_or_default();
            let rating = Rating {
                scheme,
                date: date.to_owned(),
                grade: Grade::Level(ofsted_level(fix.get("value")?).map_err(at)?),
                note: Some(FIXED_SUBGRADE_NOTE.to_owned()),
                source: format!("ofsted-{number}"),
            };
            self.rate(&council, rating).map_err(at)?;
        }
        Ok(())
    }

    /// Inspections of councils that no longer exist, from pages other than Ofsted's.
    fn ofsted_additions(&mut self, table: &Table) -> Result<(), String> {
        for row in table.rows() {
            self.ofsted_addition(&row).map_err(|e| row.error(&e))?;
        }
        Ok(())
    }

    fn ofsted_addition(&mut self, row: &Row<'_>) -> Result<(), String> {
        let name = row.get("la_name")?;
        let code = row.get("ons_code")?;
        let council = match self.codes.get(code) {
            Some(id) => id.clone(),
            None => self.council_named(name)?,
        };
        let record = self
            .councils
            .get_mut(&council)
            .ok_or_else(|| format!("no council {council}"))?;
        match &record.code {
            Some(known) if known != code => {
                return Err(format!("{council} has code {known}, not {code}"));
            }
            Some(_) => {}
            None => {
                record.code = Some(code.to_owned());
                self.codes.insert(code.to_owned(), council.clone());
            }
        }
        let record = &self.councils[&council];
        if record.region.as_deref() != Some(row.get("region")?) {
            return Err(format!("{council} is not in region {}", row.get("region")?));
        }
        if record.ended.is_none() {
            return Err(format!(
                "{council} is given as ended, but no end is recorded"
            ));
        }
        let framework = row.get("framework")?;
        let date = match row.get("publication_date")? {
            "" => ADDITION_UNDATED
                .iter()
                .find(|(n, f, _)| *n == name && *f == framework)
                .map(|(_, _, d)| *d)
                .ok_or_else(|| format!("no date is recorded for {name}'s {framework} report"))?,
            d => d,
        };
        let reading = ADDITION_NOTES
            .iter()
            .find(|a| a.council == name && a.date == date)
            .ok_or_else(|| format!("no reading of the note on {name} {date}"))?;
        let url = row.get("source_url")?;
        let source = self.source_for(url, reading.title, "", reading.source_date)?;
        let parts = match framework {
            "SIF" => OFSTED_SIF_PARTS,
            "ILACS" => OFSTED_ILACS_PARTS,
            other => return Err(format!("unknown framework \"{other}\"")),
        };
        let dates = row.get("inspection_dates_text")?;
        let inspected = if dates.is_empty() {
            String::new()
        } else {
            format!("inspected {dates}")
        };
        let rating = Rating {
            scheme: "ofsted-cs",
            date: date.to_owned(),
            grade: Grade::Level(ofsted_level(row.get("overall_effectiveness")?)?),
            note: note(&[&inspected, reading.note]),
            source: source.clone(),
        };
        self.rate(&council, rating)?;
        for (column, scheme) in OFSTED_SIF_PARTS.iter().chain(OFSTED_ILACS_PARTS) {
            let cell = row.get(column)?;
            if cell.is_empty() {
                continue;
            }
            if !parts.iter().any(|(c, _)| c == column) {
                return Err(format!(
                    "a {framework} report has a grade in column {column}"
                ));
            }
            let part_note = reading
                .parts
                .iter()
                .find(|(c, _)| c == column)
                .map_or(reading.note, |(_, n)| *n);
            let rating = Rating {
                scheme,
                date: date.to_owned(),
                grade: Grade::Level(ofsted_level(cell)?),
                note: note(&[part_note]),
                source: source.clone(),
            };
            self.rate(&council, rating)?;
        }
        Ok(())
    }

    /// Ofsted's annual children's services rating, 2009-11, for the councils news named.
    fn ofsted_annual(&mut self, table: &Table) -> Result<(), String> {
        for row in table.rows() {
            let at = |e: String| row.error(&e);
            let council = self
                .council_named_loosely(row.get("council_as_printed")?)
                .map_err(at)?;
            let date = published_in(row.get("round")?).map_err(at)?;
            let value = row.get("value")?;
            let level = value
                .split_once(" (")
                .and_then(|(n, l)| Some((n, l.strip_suffix(')')?)))
                .and_then(|(n, l)| {
                    let rank = OFSTED_ANNUAL_LEVELS.iter().position(|x| *x == l)?;
                    (n == (rank + 1).to_string()).then_some(OFSTED_ANNUAL_LEVELS[rank])
                })
                .ok_or_else(|| at(format!("cannot read the rating \"{value}\"")))?;
            let file_note = row.get("note")?;
            let reading = ANNUAL_NOTES
                .iter()
                .find(|(start, _)| file_note.starts_with(start))
                .map(|(_, r)| *r)
                .ok_or_else(|| at(format!("no reading of the note \"{file_note}\"")))?;
            let source = self
                .source_for(
                    row.get("source_url")?,
                    row.get("source_title")?,
                    "",
                    row.get("source_date")?,
                )
                .map_err(at)?;
            let rating = Rating {
                scheme: "ofsted-annual",
                date,
                grade: Grade::Level(level),
                note: note(&[reading]),
                source,
            };
            self.rate(&council, rating).map_err(at)?;
        }
        Ok(())
    }

    /// The two councils named as serving people well in both services in May 2002.
    fn serving_well_2002(&mut self, table: &Table) -> Result<(), String> {
        for row in table.rows() {
            let at = |e: String| row.error(&e);
            let council = self
                .council_named(row.get("council_as_printed")?)
                .map_err(at)?;
            let (date, _) = round_date(row.get("round")?).map_err(at)?;
            if row.get("measure")? != "adults and children: serving people well"
                || !row
                    .get("value")?
                    .starts_with("serving their communities well in both")
            {
                return Err(at("not the judgement this reading expects".to_owned()));
            }
            let source = self
                .source_for(
                    row.get("source_url")?,
                    row.get("source_title")?,
                    "",
                    row.get("source_date")?,
                )
                .map_err(at)?;
            for scheme in [ADULTS_SERVED, CHILDREN_SERVED] {
                let rating = Rating {
                    scheme,
                    date: date.clone(),
                    grade: Grade::Level("yes"),
                    note: Some(SERVING_BOTH_NOTE.to_owned()),
                    source: source.clone(),
                };
                self.rate(&council, rating).map_err(at)?;
            }
        }
        Ok(())
    }

    /// More CPA categories and scores named in the news (three files of one shape).
    fn cpa_named(&mut self, table: &Table) -> Result<(), String> {
        for row in table.rows() {
            let at = |e: String| row.error(&e);
            let measure = row.get("measure")?;
            let value = row.get("value")?;
            let (scheme, level, remark) = match measure {
                "overall CPA star category (0-4)" if value == "N/A" => continue,
                "overall CPA star category (0-4)" => {
                    let stars = if value == "1" {
                        "1 star".to_owned()
                    } else {
                        format!("{value} stars")
                    };
                    ("cpa-stars", cpa_star_level(&stars).map_err(at)?, "")
                }
                "overall CPA category (excellent/good/fair/weak/poor)" => {
                    let (word, remark) = match value {
                        "fair (revised from weak)" => ("fair", ""),
                        v => (v, ""),
                    };
                    let level = CPA_CATEGORIES
                        .iter()
                        .find(|l| l.to_lowercase() == word)
                        .copied()
                        .ok_or_else(|| at(format!("\"{value}\" is not a CPA category")))?;
                    ("cpa", level, remark)
                }
                "children and young people score (1-4)" | "adult social care score (1-4)" => {
                    let scheme = if measure.starts_with("children") {
                        "cpa-children"
                    } else {
                        "cpa-adult-social-care"
                    };
                    let level = SCORES
                        .iter()
                        .find(|s| **s == value)
                        .copied()
                        .ok_or_else(|| at(format!("\"{value}\" is not a score from 1 to 4")))?;
                    (scheme, level, "")
                }
                m if CPA_LEFT_OUT_MEASURES.contains(&m) => continue,
                m => return Err(at(format!("no reading of the measure \"{m}\""))),
            };
            let council = self
                .council_named_loosely(row.get("council_as_printed")?)
                .map_err(at)?;
            let date = published_in(row.get("round")?)
                .map_err(at)?
                .get(..7)
                .ok_or_else(|| at("a CPA round dated by its year alone".to_owned()))?
                .to_owned();
            let file_note = row.get("note")?;
            let reading = if file_note.is_empty() {
                ""
            } else {
                CPA_NOTE_READINGS
                    .iter()
                    .find(|(start, contains, _)| {
                        file_note.starts_with(start)
                            && contains.is_none_or(|c| file_note.contains(c))
                    })
                    .map(|(_, _, r)| *r)
                    .ok_or_else(|| at(format!("no reading of the note \"{file_note}\"")))?
            };
            let source = self
                .source_for(
                    row.get("source_url")?,
                    row.get("source_title")?,
                    "",
                    row.get("source_date")?,
                )
                .map_err(at)?;
            let undated = if reading.is_empty()
                && self.sources.get(&source).is_some_and(|s| s.date.is_none())
            {
                "the page shows no date; the round is read from its content"
            } else {
                ""
            };
            let rating = Rating {
                scheme,
                date,
                grade: Grade::Level(level),
                note: note(&[reading, undated, remark]),
                source,
            };
            self.rate(&council, rating).map_err(at)?;
        }
        Ok(())
    }

    // -----------------------------------------------------------------------------------
    // Social services star ratings and children's services assessments named in the news
    // -----------------------------------------------------------------------------------

    fn star_ratings(&mut self, table: &Table) -> Result<(), String> {
        let mut used = HashSet::new();
        for row in table.rows() {
            self.star_row(&row, &mut used).map_err(|e| row.error(&e))?;
        }
        if let Some(unused) = READINGS.iter().enumerate().find(|(i, _)| !used.contains(i)) {
            let r = unused.1;
            return Err(format!(
                "{STARS_FILE} has no row for the reading of {} {} \"{}\"",
                r.council, r.date, r.measure
            ));
        }
        Ok(())
    }

    fn star_row(&mut self, row: &Row<'_>, used: &mut HashSet<usize>) -> Result<(), String> {
        let named = row.get("council_as_named")?;
        if STAR_ROWS_LEFT_OUT
            .iter()
            .any(|(c, r)| *c == named && *r == row.get("rating_round").unwrap_or_default())
        {
            return Ok(());
        }
        let council = self.council_named(named)?;
        let (date, round_remark) = round_date(row.get("rating_round")?)?;
        let source = self.source_at(row.get("source_url")?)?;
        let file_note = reading_of_note(row.get("note")?)?;
        let measure = row.get("measure")?;
        let value = row.get("value")?;
        let reading = READINGS
            .iter()
            .position(|r| r.council == named && r.date == date && r.measure == measure);
        let (parts, remark): (Vec<(&'static str, &'static str)>, &str) = if let Some(i) = reading {
            let r = &READINGS[i];
            if r.value != value {
                return Err(format!(
                    "the reading of {named} {date} \"{measure}\" expects \"{}\", not \"{value}\"",
                    r.value
                ));
            }
            if !used.insert(i) {
                return Err(format!(
                    "two rows match the reading of {named} {date} \"{measure}\""
                ));
            }
            (r.parts.to_vec(), r.remark)
        } else if measure == "overall stars" {
            (vec![("csci-stars", star_level(value)?)], "")
        } else if row
            .get("framework")?
            .starts_with("Ofsted/CSCI Annual Performance Assessment")
        {
            (apa_parts(measure, value)?, "")
        } else {
            return Err(format!(
                "no reading of the judgement \"{measure}\": \"{value}\""
            ));
        };
        // A page that shows no date and whose row explains nothing still says so.
        let undated = if file_note.is_empty()
            && self.sources.get(&source).is_some_and(|s| s.date.is_none())
        {
            "the page shows no date; the round is read from its content"
        } else {
            ""
        };
        let note = note(&[round_remark, file_note, undated, remark]);
        for (scheme, level) in parts {
            let rating = Rating {
                scheme,
                date: date.clone(),
                grade: Grade::Level(level),
                note: note.clone(),
                source: source.clone(),
            };
            self.rate(&council, rating)?;
        }
        Ok(())
    }

    // -----------------------------------------------------------------------------------
    // Comprehensive performance assessment
    // -----------------------------------------------------------------------------------

    fn cpa_overall(&mut self, table: &Table) -> Result<(), String> {
        // Rows that give only a change in stars are read once the levels they change from
        // are in.
        let mut changes = Vec::new();
        for row in table.rows() {
            let council = self
                .council_named(row.get("council_as_named")?)
                .map_err(|e| row.error(&e))?;
            let (date, remark) = cpa_date(row.get("cpa_year")?).map_err(|e| row.error(&e))?;
            let source = self
                .source_at(row.get("source_url")?)
                .map_err(|e| row.error(&e))?;
            let file_note = match row.get("note")? {
                // The national count of poor councils is a summary of its own.
                n if n.starts_with("partial: 13 councils") => "",
                "provisional result" => "a provisional result",
                "blog source; lower reliability" => {
                    "from a personal blog, a less reliable source than the others"
                }
                n if n.starts_with("article gives the change only") => "",
                "" => "",
                other => return Err(row.error(&format!("no reading of the note \"{other}\""))),
            };
            let value = row.get("value")?;
            if let Some(rise) = value
                .strip_prefix("rose by ")
                .and_then(|v| v.strip_suffix(" stars since 2006"))
            {
                changes.push((row.line, council, date, rise.to_owned(), source));
                continue;
            }
            let (scheme, level) = if CPA_CATEGORIES.contains(&value) {
                ("cpa", value)
            } else {
                (
                    "cpa-stars",
                    cpa_star_level(value).map_err(|e| row.error(&e))?,
                )
            };
            let level = level_at(scheme, rank_in(scheme, level)?)?;
            let rating = Rating {
                scheme,
                date,
                grade: Grade::Level(level),
                note: note(&[remark, file_note]),
                source,
            };
            self.rate(&council, rating).map_err(|e| row.error(&e))?;
        }
        for (line, council, date, rise, source) in changes {
            let at = |e: String| format!("{CPA_OVERALL_FILE} line {line}: {e}");
            let rise: usize = rise
                .parse()
                .map_err(|_| at(format!("\"{rise}\" is not a number of stars")))?;
            let before = self
                .councils
                .get(&council)
                .and_then(|c| {
                    c.ratings
                        .iter()
                        .find(|r| r.scheme == "cpa-stars" && r.date == CPA_2006_DATE)
                })
                .and_then(|r| match r.grade {
                    Grade::Level(level) => Some(level),
                    _ => None,
                })
                .ok_or_else(|| {
                    at(format!(
                        "{council} has no 2006 star category to add the rise to"
                    ))
                })?;
            let level = level_at(
                "cpa-stars",
                rank_in("cpa-stars", before).map_err(at)? + rise,
            )
            .map_err(at)?;
            let remark = format!(
                "the source gives only a rise of {rise} stars since 2006; the level adds it to the {before} of the 2006 assessment"
            );
            let rating = Rating {
                scheme: "cpa-stars",
                date,
                grade: Grade::Level(level),
                note: Some(remark),
                source,
            };
            self.rate(&council, rating).map_err(at)?;
        }
        Ok(())
    }

    /// The Guardian's CPA tables for 2006 and 2007. Rows the file flags as irregular are
    /// left out, as none of their scores can be placed in a column with certainty:
    /// Buckinghamshire 2006 (two "S/R" entries shift its columns), Isles of Scilly 2006
    /// (eight figures for ten columns), Norfolk 2006 (one figure) and East Riding of
    /// Yorkshire 2006 (cut off).
    fn cpa_scores(&mut self, table: &Table) -> Result<(), String> {
        for row in table.rows() {
            if row.get("parse_status")? != "ok" {
                continue;
            }
            let council = self
                .council_named(row.get("council_as_printed")?)
                .map_err(|e| row.error(&e))?;
            let (date, remark) = match row.get("cpa_year")? {
                "2006" => (CPA_2006_DATE, "CPA 2006, published February 2007"),
                "2007" => (CPA_2007_DATE, "CPA 2007, published February 2008"),
                other => return Err(row.error(&format!("unknown CPA year \"{other}\""))),
            };
            let source = self
                .source_at(row.get("source_url")?)
                .map_err(|e| row.error(&e))?;
            for (column, scheme) in [
                ("children_young_people", "cpa-children"),
                ("social_care_adults", "cpa-adult-social-care"),
            ] {
                let level = match row.get(column)? {
                    "N/A" | "n/a" | "" => continue,
                    score => SCORES.iter().find(|s| **s == score).ok_or_else(|| {
                        row.error(&format!("\"{score}\" is not a score from 1 to 4"))
                    })?,
                };
                let rating = Rating {
                    scheme,
                    date: date.to_owned(),
                    grade: Grade::Level(level),
                    note: Some(remark.to_owned()),
                    source: source.clone(),
                };
                self.rate(&council, rating).map_err(|e| row.error(&e))?;
            }
        }
        Ok(())
    }

    // -----------------------------------------------------------------------------------
    // CQC assessments of adult social care
    // -----------------------------------------------------------------------------------

    fn cqc(&mut self, table: &Table) -> Result<(), String> {
        let source = self.source_with_id(CQC_SOURCE)?;
        let mut rated = HashSet::new();
        for row in table.rows() {
            let name = row.get("Authority Name")?;
            if CQC_LEFT_OUT.contains(&name) {
                continue;
            }
            let council = self
                .council_named(&cqc_short_name(name))
                .map_err(|e| row.error(&e))?;
            if !rated.insert(council.clone()) {
                return Err(row.error(&format!("a second row for {council}")));
            }
            let date = month_of(row.get("Date")?).map_err(|e| row.error(&e))?;
            let overall = row.get("Overall")?;
            let level = CQC_LEVELS
                .iter()
                .find(|l| **l == overall)
                .ok_or_else(|| row.error(&format!("\"{overall}\" is not a CQC rating")))?;
            let correction = CQC_CORRECTIONS
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, note)| (*note).to_owned());
            let rating = Rating {
                scheme: "cqc-asc",
                date: date.clone(),
                grade: Grade::Level(level),
                note: correction,
                source: source.clone(),
            };
            self.rate(&council, rating).map_err(|e| row.error(&e))?;
            for (column, scheme) in CQC_PARTS {
                let score = row.get(column)?;
                let level = SCORES
                    .iter()
                    .find(|s| **s == score)
                    .ok_or_else(|| row.error(&format!("\"{score}\" is not a score from 1 to 4")))?;
                let rating = Rating {
                    scheme,
                    date: date.clone(),
                    grade: Grade::Level(level),
                    note: None,
                    source: source.clone(),
                };
                self.rate(&council, rating).map_err(|e| row.error(&e))?;
            }
        }
        Ok(())
    }

    // -----------------------------------------------------------------------------------
    // Facts from the seed articles (prose, so written down here with their source)
    // -----------------------------------------------------------------------------------

    fn seed_facts(&mut self) -> Result<(), String> {
        // Seed 002: the council's average caseload per social worker.
        let advertiser = self.source_with_id(SEED_ELA_2019)?;
        for (date, value, note) in [
            ("2017-04", 25.0, Some("more than 25")),
            ("2019-05", 16.0, None),
        ] {
            let rating = Rating {
                scheme: "caseload",
                date: date.to_owned(),
                grade: Grade::Value(value),
                note: note.map(str::to_owned),
                source: advertiser.clone(),
            };
            self.rate("tower-hamlets", rating)?;
        }
        // Seed 000: the council's own statement, printed by BBC News, that the November
        // 2004 ratings gave it excellent prospects for adults and for children.
        let statement = self.source_with_id(SEED_BBC_TH_2004)?;
        for scheme in [ADULTS_PROSPECTS, CHILDREN_PROSPECTS] {
            let rating = Rating {
                scheme,
                date: "2004-11".to_owned(),
                grade: Grade::Level("excellent"),
                note: Some(
                    "the council's own statement of the judgement, as BBC News printed it"
                        .to_owned(),
                ),
                source: statement.clone(),
            };
            self.rate("tower-hamlets", rating)?;
        }
        // Seed 001: two performance indicators, banded "investigate urgently" in the
        // 1999-2000 classifications and "very good" the year before the article.
        let community_care = self.source_with_id(SEED_THEN_THERE_WERE_THREE)?;
        for scheme in ["paf-a3", "paf-c26"] {
            for (date, level, note) in [
                (
                    "2000",
                    "investigate urgently",
                    "the 1999-2000 classification; the article does not say when it was published",
                ),
                (
                    "2003",
                    "very good",
                    "the classification of the year before the article (November 2004); whether it covers 2003 or 2003-04 is not certain",
                ),
            ] {
                let rating = Rating {
                    scheme,
                    date: date.to_owned(),
                    grade: Grade::Level(level_at(scheme, rank_in(scheme, level)?)?),
                    note: Some(note.to_owned()),
                    source: community_care.clone(),
                };
                self.rate("tower-hamlets", rating)?;
            }
        }
        Ok(())
    }

    /// Hand-recorded national figures that `national_summaries.csv` does not give, each
    /// dated by its round.
    fn national_counts(&mut self) -> Result<(), String> {
        for summary in SUMMARIES {
            let def = scheme(summary.scheme)?;
            for (level, _) in summary.counts {
                rank_in(def.id, level)?;
            }
            check_date(summary.date)?;
            let source = self.source_with_id(summary.source)?;
            let rounds = &self.lives[def.id].rounds;
            let date = if rounds.is_empty() {
                summary.date.to_owned()
            } else {
                round_of(rounds, summary.date)?
            };
            self.summaries.push(Summary {
                scheme: def.id,
                date,
                total: summary.total,
                counts: summary.counts.to_vec(),
                shares: Vec::new(),
                source,
                note: None,
            });
        }
        Ok(())
    }

    /// Every published national figure of `national_summaries.csv` this dataset can hold:
    /// one summary for each scheme, round and source, with the counts and shares exactly
    /// as stated. A figure for several levels at once goes into the summary's note; a
    /// source that gives nothing else is left out, as are the rows `summary_level` names.
    fn national_summaries(&mut self, table: &Table) -> Result<(), String> {
        struct Group {
            scheme: &'static str,
            date: String,
            label: String,
            url: String,
            title: String,
            publisher: String,
            source_date: String,
            total: Option<u32>,
            counts: Vec<(&'static str, u32)>,
            shares: Vec<(&'static str, f64)>,
            also: Vec<String>,
        }
        let mut groups: Vec<Group> = Vec::new();
        for row in table.rows() {
            let at = |e: String| row.error(&e);
            let file_scheme = row.get("scheme")?;
            let label = row.get("round_label")?;
            let level = row.get("level")?;
            let Some((scheme, ours)) = summary_level(file_scheme, label, level).map_err(at)? else {
                continue;
            };
            let date = self
                .summary_date(scheme, label, row.get("publication_date")?)
                .map_err(at)?;
            let Some(date) = date else { continue };
            let url = row.get("source_url")?;
            let i = match groups
                .iter()
                .position(|g| g.scheme == scheme && g.label == label && g.url == url)
            {
                Some(i) => i,
                None => {
                    groups.push(Group {
                        scheme,
                        date,
                        label: label.to_owned(),
                        url: url.to_owned(),
                        title: row.get("source_title")?.to_owned(),
                        publisher: row.get("source_publisher")?.to_owned(),
                        source_date: row.get("source_date")?.to_owned(),
                        total: None,
                        counts: Vec::new(),
                        shares: Vec::new(),
                        also: Vec::new(),
                    });
                    groups.len() - 1
                }
            };
            let group = &mut groups[i];
            if let Some(total) = non_empty(row.get("total_councils")?) {
                let total: u32 = total
                    .parse()
                    .map_err(|_| at(format!("\"{total}\" is not a number of councils")))?;
                if group.total.is_some_and(|t| t != total) {
                    return Err(at("two totals for one summary".to_owned()));
                }
                group.total = Some(total);
            }
            let count = match non_empty(row.get("count")?) {
                Some(c) => Some(
                    c.parse::<u32>()
                        .map_err(|_| at(format!("\"{c}\" is not a count")))?,
                ),
                None => None,
            };
            let share = match non_empty(row.get("share_percent")?) {
                Some(p) => Some(
                    p.parse::<f64>()
                        .map_err(|_| at(format!("\"{p}\" is not a share")))?,
                ),
                None => None,
            };
            if count.is_none() && share.is_none() {
                return Err(at("a row with neither a count nor a share".to_owned()));
            }
            match ours {
                Some(level) => {
                    if let Some(count) = count {
                        if group.counts.iter().any(|(l, _)| *l == level) {
                            return Err(at(format!("two counts of {level}")));
                        }
                        group.counts.push((level, count));
                    }
                    if let Some(share) = share {
                        if group.shares.iter().any(|(l, _)| *l == level) {
                            return Err(at(format!("two shares of {level}")));
                        }
                        group.shares.push((level, share));
                    }
                }
                None => {
                    let mut figures = Vec::new();
                    if let Some(count) = count {
                        figures.push(format!("{count} councils"));
                    }
                    if let Some(share) = share {
                        figures.push(format!("{share}%"));
                    }
                    group.also.push(format!("{level}: {}", figures.join(", ")));
                }
            }
        }
        let mut noted = HashSet::new();
        for group in groups {
            if group.counts.is_empty() && group.shares.is_empty() {
                continue;
            }
            let source = self.source_for(
                &group.url,
                &group.title,
                &group.publisher,
                &group.source_date,
            )?;
            let also = if group.also.is_empty() {
                String::new()
            } else {
                format!("the source also gives {}", group.also.join("; "))
            };
            let hand = match SUMMARY_NOTES
                .iter()
                .position(|(label, url, _)| *label == group.label && *url == group.url)
            {
                Some(i) => {
                    noted.insert(i);
                    SUMMARY_NOTES[i].2
                }
                None => "",
            };
            let parts = [hand, &also];
            self.summaries.push(Summary {
                scheme: group.scheme,
                date: group.date,
                total: group.total,
                counts: group.counts,
                shares: group.shares,
                source,
                note: note(&parts),
            });
        }
        if noted.len() != SUMMARY_NOTES.len() {
            return Err(format!(
                "a note of SUMMARY_NOTES matches no figure of {SUMMARIES_FILE}"
            ));
        }
        Ok(())
    }

    /// The date of a national figure: its scheme's round, or for Ofsted's inspections the
    /// date the figure describes; none for a figure that describes no date.
    fn summary_date(
        &self,
        scheme: &'static str,
        label: &str,
        published: &str,
    ) -> Result<Option<String>, String> {
        let rounds = &self.lives[scheme].rounds;
        if rounds.is_empty() {
            return OFSTED_AS_AT
                .iter()
                .find(|(l, _)| *l == label)
                .map(|(_, d)| d.map(str::to_owned))
                .ok_or_else(|| format!("no date is recorded for the figures \"{label}\""));
        }
        let date = match published {
            "" => SUMMARY_ROUND_GAPS
                .iter()
                .find(|(l, _)| *l == label)
                .map(|(_, d)| *d)
                .ok_or_else(|| format!("no round is recorded for the figures \"{label}\""))?,
            d => d,
        };
        round_of(rounds, date).map(Some)
    }

    // -----------------------------------------------------------------------------------
    // Output
    // -----------------------------------------------------------------------------------

    fn finish(mut self) -> Result<String, String> {
        // Keep current councils and any former council that some rating names.
        self.councils
            .retain(|_, c| c.current || !c.ratings.is_empty());
        let ids: BTreeSet<String> = self.councils.keys().cloned().collect();
        let order: HashMap<&str, usize> =
            SCHEMES.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
        for council in self.councils.values_mut() {
            council.ratings.sort_by(|a, b| {
                order[a.scheme]
                    .cmp(&order[b.scheme])
                    .then_with(|| a.date.cmp(&b.date))
            });
            if let Some(id) = council
                .neighbours
                .iter()
                .chain(&council.succeeded_by)
                .find(|id| !ids.contains(*id))
            {
                return Err(format!(
                    "{} names {id}, which is no council in the file",
                    council.id
                ));
            }
        }
        for s in &self.summaries {
            for level in s
                .counts
                .iter()
                .map(|(l, _)| *l)
                .chain(s.shares.iter().map(|(l, _)| *l))
            {
                rank_in(s.scheme, level)?;
            }
            check_date(&s.date)?;
        }
        self.summaries.sort_by(|a, b| {
            order[a.scheme]
                .cmp(&order[b.scheme])
                .then_with(|| a.date.cmp(&b.date))
                .then_with(|| a.source.cmp(&b.source))
        });
        if let Some(w) = self.summaries.windows(2).find(|w| {
            w[0].scheme == w[1].scheme && w[0].date == w[1].date && w[0].source == w[1].source
        }) {
            return Err(format!(
                "two {} summaries of {} from {}",
                w[0].scheme, w[0].date, w[0].source
            ));
        }
        // Only sources that something cites, or that date a scheme's rounds.
        let cited: BTreeSet<&str> = self
            .councils
            .values()
            .flat_map(|c| c.ratings.iter().map(|r| r.source.as_str()))
            .chain(self.summaries.iter().map(|s| s.source.as_str()))
            .chain(self.lives.values().filter_map(|l| l.source.as_deref()))
            .chain(self.round_sources.iter().map(String::as_str))
            .collect();
        self.sources.retain(|id, _| cited.contains(id.as_str()));
        Ok(write_ron(&self))
    }
}

// ---------------------------------------------------------------------------------------
// Reading cells
// ---------------------------------------------------------------------------------------

/// Ofsted sub-judgement columns and the schemes they feed, per framework.
const OFSTED_SIF_PARTS: &[(&str, &str)] = &[
    ("sif_help_protection", "ofsted-cs-help-protection"),
    ("sif_looked_after_permanence", "ofsted-cs-in-care"),
    ("sif_adoption", "ofsted-cs-adoption"),
    ("sif_care_leavers", "ofsted-cs-care-leavers"),
    ("sif_leadership", "ofsted-cs-leaders"),
];
const OFSTED_ILACS_PARTS: &[(&str, &str)] = &[
    ("ilacs_impact_of_leaders", "ofsted-cs-leaders"),
    ("ilacs_help_protection", "ofsted-cs-help-protection"),
    ("ilacs_children_in_care", "ofsted-cs-in-care"),
    ("ilacs_care_leavers", "ofsted-cs-care-leavers"),
];

fn ofsted_level(cell: &str) -> Result<&'static str, String> {
    OFSTED_LEVELS
        .iter()
        .find(|l| **l == cell)
        .copied()
        .ok_or_else(|| format!("\"{cell}\" is not an Ofsted grade"))
}

fn rank_in(scheme_id: &str, level: &str) -> Result<usize, String> {
    match scheme(scheme_id)?.scale {
        Scale::Ordinal(levels) => levels
            .iter()
            .position(|l| *l == level)
            .ok_or_else(|| format!("\"{level}\" is not a level of {scheme_id}")),
        Scale::NumericLowerBetter(_) => Err(format!("{scheme_id} has no named levels")),
    }
}

fn star_level(value: &str) -> Result<&'static str, String> {
    match value {
        "0" => Ok("0 stars"),
        "1" => Ok("1 star"),
        "2" => Ok("2 stars"),
        "3" => Ok("3 stars"),
        other => Err(format!("\"{other}\" is not a number of stars from 0 to 3")),
    }
}

fn cpa_star_level(value: &str) -> Result<&'static str, String> {
    CPA_STARS
        .iter()
        .find(|l| **l == value)
        .copied()
        .ok_or_else(|| format!("\"{value}\" is not a CPA category"))
}

/// CPA rounds are dated by the month their results came out (per the CPA news file).
const CPA_2006_DATE: &str = "2007-02";
const CPA_2007_DATE: &str = "2008-02";

fn cpa_date(label: &str) -> Result<(String, &'static str), String> {
    Ok(match label {
        "2002 (published 12 Dec 2002)" => ("2002-12".to_owned(), ""),
        // A year alone: the rating takes its round's date, and a note says so.
        "2005" => ("2005".to_owned(), ""),
        "2006" => (
            CPA_2006_DATE.to_owned(),
            "the 2006 assessment, whose results came out in February 2007",
        ),
        "2006 (published 22 Feb 2007)" => (CPA_2006_DATE.to_owned(), ""),
        "2007 (published 7 Feb 2008)" => (CPA_2007_DATE.to_owned(), ""),
        other => return Err(format!("unknown CPA round \"{other}\"")),
    })
}

/// The date of a round as the news file labels it, and a remark when the date is not
/// simply the labelled month.
fn round_date(label: &str) -> Result<(String, &'static str), String> {
    ROUNDS
        .iter()
        .find(|(l, _, _)| *l == label)
        .map(|(_, date, remark)| ((*date).to_owned(), *remark))
        .ok_or_else(|| format!("unknown rating round \"{label}\""))
}

/// Rows of the news file left out: (council as named, round label). Cumbria's 2004 grades
/// for education and children's social care come from the separate assessments made
/// before the joint APA, whose first round was November 2005: they fall in no APA round,
/// and no source dates a 2004 round.
const STAR_ROWS_LEFT_OUT: &[(&str, &str)] = &[(
    "Cumbria",
    "2004 (annual performance assessment; 'last year' in 30 Nov 2005 article)",
)];

/// Every round label of the news file: label, date, remark.
const ROUNDS: &[(&str, &str, &str)] = &[
    (
        "\"2001\" (as labelled by article)",
        "2002-05",
        "the article labels this 2001; read as the first ratings of May 2002, as its labels mean for Somerset, though that is not confirmed for this council",
    ),
    (
        "\"2002\" (as labelled by article)",
        "2002-11",
        "the article labels this 2002; read as the November 2002 refresh, as its labels mean for Somerset, though that is not confirmed for this council",
    ),
    ("2002-05 (SSI, published 30 May 2002)", "2002-05", ""),
    (
        "2002-05 (SSI; the article labels it 2001)",
        "2002-05",
        "the article labels this 2001",
    ),
    ("2002-11 (refresh six months later)", "2002-11", ""),
    (
        "2002-11 (refresh; the article labels it 2002)",
        "2002-11",
        "the article labels this 2002",
    ),
    ("2003", "2003", ""),
    ("2003-11", "2003-11", ""),
    ("2004", "2004", ""),
    (
        "2004 (annual performance assessment; 'last year' in 30 Nov 2005 article)",
        "2004",
        "",
    ),
    ("2004-11 (CSCI)", "2004-11", ""),
    ("2005", "2005", ""),
    ("2005 (APA, published 30 Nov/2 Dec 2005)", "2005-11", ""),
    (
        "2005 (CSCI; rating issued after Herefordshire's 2005 Joint Area Review, date not shown)",
        "2005",
        "",
    ),
    // The 2005 star ratings came out on 1 December 2005; some rows say 2005-11.
    (
        "2005-11 (CSCI)",
        "2005-12",
        "dated to the 2005 round's publication on 1 December 2005",
    ),
    ("2005-12 (CSCI, published 1 Dec 2005)", "2005-12", ""),
    ("2006 (APA, published 1 Nov 2006)", "2006-11", ""),
    ("2006-11 (CSCI, adult ratings)", "2006-11", ""),
    ("2007 (APA)", "2007", ""),
    ("2007-11 (CSCI, adult ratings)", "2007-11", ""),
    ("2008 (APA, published 17 Dec 2008)", "2008-12", ""),
    ("2008-11 (CSCI, final adult ratings)", "2008-11", ""),
];

/// The news file's notes, in the builder's words: (the note starts with, and contains if
/// given) → reading. The first match wins, so variants come before their general form.
const NOTE_READINGS: &[(&str, Option<&str>, &str)] = &[
    (
        "prospects \"promising\" and \"excellent\"",
        None,
        "prospects: promising / excellent; the source does not say which was for adults and which for children",
    ),
    (
        "\"moved up a grading\"",
        None,
        "up one grade from one star when the ratings were refreshed",
    ),
    (
        "year: BBC Cumbria story",
        None,
        "the stored copy of the page shows no date; a dated BBC story of 13 November 2003 reports the same round of eight zero-star councils",
    ),
    (
        "year inferred as Nov 2003",
        None,
        "the stored copy of the page shows no date; the number of three-star councils it reports fits the November 2003 round",
    ),
    (
        "the article's year labels probably mean",
        None,
        "the council is not among those given no stars in May 2002",
    ),
    (
        "article year labels may refer to performance years",
        None,
        "the article gives a year only, which may be the year assessed rather than the year the rating came out",
    ),
    (
        "the article's year labels mean May 2002",
        None,
        "another Community Care report places the fall from two stars to one in the November 2002 refresh",
    ),
    (
        "\"three categories\" per the article",
        None,
        "the article gives grade 4 in three areas, read from its context as overall, children's social care and capacity to improve",
    ),
    (
        "page undated; round inferred as 2006",
        None,
        "page undated; dated to 2006 as it reports the first rating of adult social care on its own",
    ),
    (
        "'last year's ratings' relative to the undated 2006 article",
        None,
        "the previous year's overall social services rating, as an undated 2006 article gives it",
    ),
    (
        "page undated; May 2002 round per 'In the first",
        Some("director"),
        "page undated; it reports the first ratings, so May 2002; the judgement as the council's director of social services gave it",
    ),
    (
        "page undated; May 2002 round",
        None,
        "page undated; it reports the first ratings, so May 2002",
    ),
    (
        "page undated; Nov 2003 round per 'after a third round",
        Some("director"),
        "page undated; it reports the third round of ratings, so November 2003; as the council's director of social services gave it",
    ),
    (
        "page undated; Nov 2003 round per 'after a third round",
        None,
        "page undated; it reports the third round of ratings, so November 2003",
    ),
    (
        "page undated; Nov 2003 round: same",
        None,
        "page undated; the same third-round report as another story in the paper, so November 2003",
    ),
    ("page undated (Nov 2003 round)", None, PREVIOUS_IN_2003),
    (
        "page undated; Nov 2004 round inferred: CSCI named, and",
        None,
        "page undated; CSCI is named and the number of three-star councils it reports fits November 2004",
    ),
    (
        "page undated; Nov 2004 round inferred: CSCI named (so 2004 or 2005)",
        None,
        "page undated; CSCI is named, and the number of regions it says had no zero-star council fits November 2004 rather than 2005",
    ),
    (
        "Nov 2003 round: Plymouth's zero rating",
        Some("previous"),
        PREVIOUS_IN_2003,
    ),
    (
        "Nov 2003 round: Plymouth's zero rating",
        None,
        "the stored copy of the page shows no date; the number of zero-star councils it reports fits the November 2003 round",
    ),
    (
        "previous rating stated in the 30 Nov 2005 article",
        None,
        "the previous rating, as a 30 November 2005 article gives it",
    ),
    (
        "year not printed; CSCI named",
        Some("previous year's"),
        "the page gives 18 November but no year; CSCI is named, so it reports the November 2004 round, and this is the year before's grade it gives",
    ),
    (
        "year not printed; CSCI named",
        None,
        "the page gives 18 November but no year; CSCI is named, so the November 2004 round",
    ),
    (
        "rating in force at the Dec 2002 CPA",
        None,
        "the rating in force in December 2002, so the November 2002 refresh",
    ),
    (
        "described as one-star 'adequate'",
        None,
        "one star (adequate); one of the five councils still named a priority for improvement",
    ),
    (
        "the CSCI report 'last November'",
        None,
        "from a March 2009 article on CSCI's report of the November before",
    ),
    (
        "inferred from 'retained its lowly one star rating'",
        None,
        "coverage of the November 2008 round says the council kept its one star, so it had one in 2007",
    ),
    (
        "2006 value as stated in the 2007 article",
        None,
        "the 2006 rating, as a 2007 article gives it",
    ),
    (
        "article says 'services' for the outcomes judgement",
        None,
        "the article words the outcomes judgement as a grade for services",
    ),
    ("'for 2007/08'", None, "the rating for 2007-08"),
    (
        "'a two star rating for the past two years'",
        None,
        "a November 2008 article says the council had two stars in each of the two years before",
    ),
    (
        "council's own statement of the CSCI judgement",
        None,
        "the judgement as the council stated it",
    ),
    (
        "'last year' per council statement of 18 Nov 2004",
        None,
        "the previous year's judgement, as the council stated it on 18 November 2004",
    ),
    (
        "the 2003 report 'stripped' Cumbria",
        None,
        "the council lost its one star in November 2003, so it held one before; taken as the November 2002 refresh",
    ),
    (
        "page undated; 2006 round inferred: 'for the fifth",
        None,
        "page undated; dated to 2006 by its wording and its place among the site's stories",
    ),
    ("'move from zero to one star'", None, "up from zero stars"),
    (
        "page undated; Nov 2002 refresh",
        Some("retaining"),
        "page undated; it reports that the council kept two stars in the November 2002 refresh, so it had two in May 2002",
    ),
    (
        "page undated; Nov 2002 refresh",
        None,
        "page undated; it reports the update of the May 2002 ratings, so the November 2002 refresh",
    ),
    (
        "'The December 2005 Performance Ratings'",
        None,
        "a council paper of January 2006 calls these the December 2005 ratings",
    ),
    (
        "minutes undated; rating followed the 2005",
        None,
        "minutes undated; the rating came after the council's 2005 joint area review; its month is not known",
    ),
    (
        "minutes undated; the new judgement came",
        None,
        "minutes undated; of the two judgements they give, the newer is taken as 2005 and the older as November 2004",
    ),
    (
        "assessment year April 2007-March 2008",
        None,
        "for April 2007 to March 2008; CSCI's letter to the council is dated 27 October 2008",
    ),
    (
        "the CSCI 2006/7 annual report",
        None,
        "the 2006-07 assessment, published in November 2007",
    ),
    (
        "page undated; Nov 2008 round: councillor's quote",
        Some("previous rating"),
        "page undated; a quote in it also appears in Community Care of 26 November 2008, so it reports that round, and this is the year before's rating it gives",
    ),
    (
        "page undated; Nov 2008 round: councillor's quote",
        None,
        "page undated; a quote in it also appears in Community Care of 26 November 2008, so that round",
    ),
    (
        "previous rating as stated in the 2007 article",
        None,
        "the previous rating, as a 2007 article gives it",
    ),
    (
        "page undated; Nov 2008 round inferred",
        None,
        "page undated; taken as November 2008: it reports two stars kept under the outcome-based grades, and the council first had two stars in November 2007",
    ),
    (
        "'for 2007-8 in the annual performance assessment",
        None,
        "the 2007-08 rating, published in November 2008",
    ),
    (
        "'one-star authority last year for the second year running'",
        None,
        "a January 2009 article says the council had one star for two years running",
    ),
    (
        "article says 'three stars for adult care in 2005'",
        None,
        "the article calls this three stars for adult care, but the 2005 round rated social services as a whole",
    ),
    (
        "'last year' relative to the Nov 2004 report",
        None,
        "the previous year's judgement, as coverage of the November 2004 round gives it",
    ),
    (
        "page undated; 'grade for 2006'",
        None,
        "page undated; the council gives these as its 2006 grades",
    ),
    (
        "page undated; 'the third annual star ratings'",
        None,
        "page undated; it reports the third annual star ratings, so November 2004",
    ),
    (
        "page undated; 2006 round inferred: adults-only rating",
        Some("gone up"),
        "page undated; the previous rating it gives, from the 2005 round, which rated social services as a whole",
    ),
    (
        "page undated; 2006 round inferred: adults-only rating",
        None,
        "page undated; dated to 2006: a rating of adult care alone that still uses the serving-people-well judgements, which outcome grades replaced in 2007",
    ),
    (
        "page undated; 2007 round inferred",
        None,
        "page undated; dated to 2007 by its outcome-based wording, its comparison with the year before and its story number",
    ),
    (
        "page undated; Nov 2003 round: East Sussex",
        Some("previous"),
        PREVIOUS_IN_2003,
    ),
    (
        "page undated; Nov 2003 round: East Sussex",
        None,
        "page undated; it reports East Sussex rising from zero stars to two, which happened in November 2003",
    ),
    (
        "page undated; May 2002 round per 'a new Government",
        None,
        "page undated; it reports the new rating system, so May 2002; the link on record is an odd mirror address",
    ),
    (
        "page undated; Nov 2003 round per national counts",
        Some("previous"),
        PREVIOUS_IN_2003,
    ),
    (
        "page undated; Nov 2003 round per national counts",
        None,
        "page undated; the national counts it gives fit the November 2003 round",
    ),
    (
        "page undated; 2006 APA per 'the second-ever batch",
        None,
        "page undated; it reports the second round of assessments, so 2006; the source calls it the lowest grade",
    ),
    (
        "APA published 17 Dec 2008; minutes call staying safe",
        None,
        "the council's minutes call staying safe safeguarding, and give no other grades",
    ),
    (
        "'last year' relative to Nov 2008",
        None,
        "the previous year's grade, as a November 2008 article gives it; it names five councils where another report counts four",
    ),
    (
        "'last year' relative to Dec 2008",
        None,
        "the previous year's grade, as a December 2008 article gives it",
    ),
    (
        "areas named by CYPN analysis",
        None,
        "grade 4 in every area graded; the areas are named in another analysis of the round",
    ),
    (
        "as stated by a council spokesman",
        None,
        "as a council spokesman gave them",
    ),
    (
        "'last year' relative to 30 Nov 2005",
        None,
        "the previous year's grades, as a 30 November 2005 article gives them; before 2005 education and children's social care were assessed apart",
    ),
    (
        "page undated; 2006 APA per",
        Some("2005 values"),
        "page undated; the 2005 grades as a 2006 article gives them",
    ),
    (
        "page undated; 2006 APA per",
        Some("down from four"),
        "page undated; the 2005 grade as a 2006 article gives it",
    ),
    (
        "page undated; 2006 APA per",
        Some("two to three"),
        "page undated; the 2005 grade as a 2006 article gives it",
    ),
    (
        "page undated; 2006 APA per",
        None,
        "page undated; dated to 2006 by its comparison with 2005",
    ),
    (
        "page undated; 2007 APA inferred",
        None,
        "page undated; dated to 2007 by its comparison with 2006 and a related report",
    ),
    (
        "page undated; 2007 inferred as for",
        None,
        "page undated; dated to 2007 as for the council's 2007 assessment",
    ),
    ("results announced 1 Nov 2006", None, ""),
    (
        "'previous year' scores as stated",
        None,
        "the previous year's grades as the council's record gives them; its social care grade is cut off in the stored copy",
    ),
];

const PREVIOUS_IN_2003: &str = "page undated; the rating a November 2003 report gives as the council's previous one, so the November 2002 refresh";

fn reading_of_note(file_note: &str) -> Result<&'static str, String> {
    if file_note.is_empty() {
        return Ok("");
    }
    NOTE_READINGS
        .iter()
        .find(|(start, contains, _)| {
            file_note.starts_with(start) && contains.is_none_or(|c| file_note.contains(c))
        })
        .map(|(_, _, reading)| *reading)
        .ok_or_else(|| format!("no reading of the note \"{file_note}\""))
}

/// APA judgement names as the news file writes them.
const APA_MEASURES: &[(&str, &str)] = &[
    ("overall", APA),
    ("overall effectiveness", APA),
    ("children's services", APA),
    ("children's services (overall)", APA),
    ("children's services performance", APA),
    ("education", APA_EDUCATION),
    ("children's social care", APA_SOCIAL_CARE),
    ("capacity to improve", APA_CAPACITY),
    ("being healthy", APA_HEALTHY),
    ("staying safe", APA_SAFE),
    ("enjoying and achieving", APA_ENJOYING),
    ("making a positive contribution", APA_CONTRIBUTION),
    ("positive contribution", APA_CONTRIBUTION),
    ("economic well-being", APA_ECONOMIC),
];

/// Reads an APA cell: judgement names joined by commas or semicolons against grades joined
/// by " / ", with an optional name for the grade in brackets ("1 (inadequate)").
fn apa_parts(measure: &str, value: &str) -> Result<Vec<(&'static str, &'static str)>, String> {
    let measure = measure
        .strip_prefix("all graded areas (")
        .and_then(|m| m.strip_suffix(')'))
        .unwrap_or(measure);
    let names: Vec<&str> = measure.split([',', ';']).map(str::trim).collect();
    let (numbers, named) = match value.split_once(" (") {
        Some((numbers, rest)) => {
            let named = rest
                .strip_suffix(')')
                .ok_or_else(|| format!("cannot read the grades \"{value}\""))?;
            (numbers, Some(named))
        }
        None => (value, None),
    };
    let grades: Vec<usize> = numbers
        .split(" / ")
        .map(|g| match g.trim() {
            "1" => Ok(1),
            "2" => Ok(2),
            "3" => Ok(3),
            "4" => Ok(4),
            other => Err(format!("\"{other}\" is not an APA grade")),
        })
        .collect::<Result<_, _>>()?;
    if grades.len() != names.len() {
        return Err(format!(
            "{} judgements but {} grades in \"{measure}\": \"{value}\"",
            names.len(),
            grades.len()
        ));
    }
    if let Some(named) = named {
        let expected = match named {
            "inadequate" | "lowest grade" => 1,
            "good" => 3,
            "outstanding" => 4,
            other => return Err(format!("\"{other}\" names no APA grade")),
        };
        if grades.iter().any(|g| *g != expected) {
            return Err(format!("the grades \"{value}\" disagree with their name"));
        }
    }
    names
        .iter()
        .zip(grades)
        .map(|(name, grade)| {
            let scheme = APA_MEASURES
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, s)| *s)
                .ok_or_else(|| format!("unknown APA judgement \"{name}\""))?;
            Ok((scheme, level_at(scheme, grade - 1)?))
        })
        .collect()
}

/// How a judgement cell of the news file that joins several judgements, or words them
/// loosely, is read: the row (council as named, date as read, measure), the cell it must
/// hold, the ratings it gives, and a remark on anything left out.
struct Reading {
    council: &'static str,
    date: &'static str,
    measure: &'static str,
    value: &'static str,
    parts: &'static [(&'static str, &'static str)],
    remark: &'static str,
}

const fn reading(
    council: &'static str,
    date: &'static str,
    measure: &'static str,
    value: &'static str,
    parts: &'static [(&'static str, &'static str)],
) -> Reading {
    Reading {
        council,
        date,
        measure,
        value,
        parts,
        remark: "",
    }
}

const SERVING_BOTH_PROSPECTS: &str = "adults and children: serving people well / prospects";
const SERVING_PROSPECTS: &str = "serving people well / prospects";
const OUTCOMES_CAPACITY: &str = "adults: delivering outcomes / capacity to improve";
const NOT_SERVING_CHILDREN: &str = "not serving children well";

const READINGS: &[Reading] = &[
    reading(
        "Walsall",
        "2002-05",
        SERVING_BOTH_PROSPECTS,
        "adults: not serving people well, prospects poor; children: not serving people well, prospects poor",
        &[
            (ADULTS_SERVED, "no"),
            (ADULTS_PROSPECTS, "poor"),
            (CHILDREN_SERVED, "no"),
            (CHILDREN_PROSPECTS, "poor"),
        ],
    ),
    reading(
        "Tower Hamlets",
        "2004-11",
        "adults and children: serving people well",
        "serving most people well (adults and children)",
        &[(ADULTS_SERVED, "most"), (CHILDREN_SERVED, "most")],
    ),
    reading(
        "Cumbria",
        "2003-11",
        "adults: serving people well / capacity",
        "some people served well; capacity for improvement uncertain",
        &[(ADULTS_SERVED, "some"), (ADULTS_PROSPECTS, "uncertain")],
    ),
    reading(
        "Cumbria",
        "2003-11",
        "children: serving people well / capacity",
        "not serving people well; poor capacity for improvement",
        &[(CHILDREN_SERVED, "no"), (CHILDREN_PROSPECTS, "poor")],
    ),
    reading(
        "Bedfordshire",
        "2004-11",
        "children: serving people well",
        NOT_SERVING_CHILDREN,
        &[(CHILDREN_SERVED, "no")],
    ),
    reading(
        "Birmingham",
        "2004-11",
        "children: serving people well",
        NOT_SERVING_CHILDREN,
        &[(CHILDREN_SERVED, "no")],
    ),
    reading(
        "Cumbria",
        "2004-11",
        "children: serving people well",
        NOT_SERVING_CHILDREN,
        &[(CHILDREN_SERVED, "no")],
    ),
    reading(
        "Plymouth",
        "2004-11",
        "children: serving people well",
        NOT_SERVING_CHILDREN,
        &[(CHILDREN_SERVED, "no")],
    ),
    reading(
        "Swindon",
        "2004-11",
        "children: serving people well",
        NOT_SERVING_CHILDREN,
        &[(CHILDREN_SERVED, "no")],
    ),
    reading(
        "Plymouth",
        "2005-12",
        "children: serving people well",
        NOT_SERVING_CHILDREN,
        &[(CHILDREN_SERVED, "no")],
    ),
    reading(
        "Sandwell",
        "2005-12",
        "children: serving people well",
        NOT_SERVING_CHILDREN,
        &[(CHILDREN_SERVED, "no")],
    ),
    reading(
        "Derby City",
        "2006-11",
        "adults: serving people well / capacity",
        "serving most people well; capacity promising",
        &[(ADULTS_SERVED, "most"), (ADULTS_PROSPECTS, "promising")],
    ),
    reading(
        "Derbyshire",
        "2006-11",
        "adults: capacity to improve",
        "excellent",
        &[(ADULTS_PROSPECTS, "excellent")],
    ),
    reading(
        "Sunderland",
        "2002-05",
        SERVING_BOTH_PROSPECTS,
        "adults and children: serving most people well; excellent prospects",
        &[
            (ADULTS_SERVED, "most"),
            (CHILDREN_SERVED, "most"),
            (ADULTS_PROSPECTS, "excellent"),
            (CHILDREN_PROSPECTS, "excellent"),
        ],
    ),
    reading(
        "Newcastle upon Tyne",
        "2002-05",
        SERVING_BOTH_PROSPECTS,
        "serving most adults and children well; excellent prospects",
        &[
            (ADULTS_SERVED, "most"),
            (CHILDREN_SERVED, "most"),
            (ADULTS_PROSPECTS, "excellent"),
            (CHILDREN_PROSPECTS, "excellent"),
        ],
    ),
    reading(
        "Durham",
        "2002-05",
        SERVING_PROSPECTS,
        "serving some people well; promising prospects (adults/children not distinguished)",
        &[(SERVED_BOTH, "some"), (PROSPECTS_BOTH, "promising")],
    ),
    reading(
        "Darlington",
        "2002-05",
        SERVING_PROSPECTS,
        "serving some people well; promising prospects (adults/children not distinguished)",
        &[(SERVED_BOTH, "some"), (PROSPECTS_BOTH, "promising")],
    ),
    reading(
        "Stockton",
        "2002-05",
        SERVING_PROSPECTS,
        "serving some people well; promising prospects (adults/children not distinguished)",
        &[(SERVED_BOTH, "some"), (PROSPECTS_BOTH, "promising")],
    ),
    reading(
        "North Yorkshire",
        "2002-05",
        SERVING_BOTH_PROSPECTS,
        "adults: serving most people well, promising prospects; children: serving some people well, uncertain prospects",
        &[
            (ADULTS_SERVED, "most"),
            (ADULTS_PROSPECTS, "promising"),
            (CHILDREN_SERVED, "some"),
            (CHILDREN_PROSPECTS, "uncertain"),
        ],
    ),
    reading(
        "Redcar and Cleveland",
        "2002-05",
        SERVING_PROSPECTS,
        "serving some people well; uncertain prospects (adults/children not distinguished)",
        &[(SERVED_BOTH, "some"), (PROSPECTS_BOTH, "uncertain")],
    ),
    reading(
        "Darlington",
        "2003-11",
        "adults and children: prospects",
        "promising (both adult and children's services)",
        &[
            (ADULTS_PROSPECTS, "promising"),
            (CHILDREN_PROSPECTS, "promising"),
        ],
    ),
    reading(
        "Durham",
        "2004-11",
        "adults and children: prospects",
        "children: promising; adults: excellent",
        &[
            (CHILDREN_PROSPECTS, "promising"),
            (ADULTS_PROSPECTS, "excellent"),
        ],
    ),
    reading(
        "South Tyneside",
        "2002-05",
        "prospects",
        "promising (adults/children not distinguished)",
        &[(PROSPECTS_BOTH, "promising")],
    ),
    reading(
        "Torbay",
        "2003-11",
        SERVING_PROSPECTS,
        "serving some people well; prospects uncertain (adults/children not distinguished)",
        &[(SERVED_BOTH, "some"), (PROSPECTS_BOTH, "uncertain")],
    ),
    reading(
        "Herefordshire",
        "2002-05",
        SERVING_PROSPECTS,
        "serves some people well; shows promise to improve (adults/children not distinguished)",
        &[(SERVED_BOTH, "some"), (PROSPECTS_BOTH, "promising")],
    ),
    reading(
        "Wiltshire",
        "2002-05",
        "children: serving people well / prospects",
        "serving most people well; promising prospects",
        &[(CHILDREN_SERVED, "most"), (CHILDREN_PROSPECTS, "promising")],
    ),
    reading(
        "Wiltshire",
        "2002-05",
        "adults: serving people well / prospects",
        "serving some people well; promising prospects",
        &[(ADULTS_SERVED, "some"), (ADULTS_PROSPECTS, "promising")],
    ),
    reading(
        "Dorset",
        "2002-05",
        SERVING_PROSPECTS,
        "serving most people well; promising prospects (adults/children not distinguished)",
        &[(SERVED_BOTH, "most"), (PROSPECTS_BOTH, "promising")],
    ),
    reading(
        "Bournemouth",
        "2004-11",
        SERVING_BOTH_PROSPECTS,
        "adults and children: serving some people well; promising prospects",
        &[
            (ADULTS_SERVED, "some"),
            (CHILDREN_SERVED, "some"),
            (ADULTS_PROSPECTS, "promising"),
            (CHILDREN_PROSPECTS, "promising"),
        ],
    ),
    reading(
        "Bournemouth",
        "2003-11",
        "children: prospects",
        "uncertain",
        &[(CHILDREN_PROSPECTS, "uncertain")],
    ),
    reading(
        "Kingston upon Hull",
        "2002-11",
        SERVING_BOTH_PROSPECTS,
        "serving some adults and most children well; promising prospects",
        &[
            (ADULTS_SERVED, "some"),
            (CHILDREN_SERVED, "most"),
            (PROSPECTS_BOTH, "promising"),
        ],
    ),
    reading(
        "Walsall",
        "2008-11",
        OUTCOMES_CAPACITY,
        "adequate; promising",
        &[
            (ADULTS_OUTCOMES, "adequate"),
            (ADULTS_PROSPECTS, "promising"),
        ],
    ),
    reading(
        "Isles of Scilly",
        "2005-12",
        "children: capacity to improve",
        "poor",
        &[(CHILDREN_PROSPECTS, "poor")],
    ),
    reading(
        "Bolton",
        "2007-11",
        OUTCOMES_CAPACITY,
        "excellent; excellent",
        &[
            (ADULTS_OUTCOMES, "excellent"),
            (ADULTS_PROSPECTS, "excellent"),
        ],
    ),
    reading(
        "Camden",
        "2007-11",
        OUTCOMES_CAPACITY,
        "excellent; excellent",
        &[
            (ADULTS_OUTCOMES, "excellent"),
            (ADULTS_PROSPECTS, "excellent"),
        ],
    ),
    reading(
        "Southwark",
        "2007-11",
        OUTCOMES_CAPACITY,
        "excellent; excellent",
        &[
            (ADULTS_OUTCOMES, "excellent"),
            (ADULTS_PROSPECTS, "excellent"),
        ],
    ),
    reading(
        "Tower Hamlets",
        "2007-11",
        OUTCOMES_CAPACITY,
        "excellent; excellent",
        &[
            (ADULTS_OUTCOMES, "excellent"),
            (ADULTS_PROSPECTS, "excellent"),
        ],
    ),
    reading(
        "Essex",
        "2007-11",
        OUTCOMES_CAPACITY,
        "good; excellent",
        &[(ADULTS_OUTCOMES, "good"), (ADULTS_PROSPECTS, "excellent")],
    ),
    reading(
        "Trafford",
        "2007-11",
        OUTCOMES_CAPACITY,
        "good; excellent",
        &[(ADULTS_OUTCOMES, "good"), (ADULTS_PROSPECTS, "excellent")],
    ),
    reading(
        "Oldham",
        "2008-11",
        OUTCOMES_CAPACITY,
        "excellent; excellent",
        &[
            (ADULTS_OUTCOMES, "excellent"),
            (ADULTS_PROSPECTS, "excellent"),
        ],
    ),
    reading(
        "Swindon",
        "2004-11",
        "adults: serving people well / prospects",
        "serving some adults well; uncertain prospects",
        &[(ADULTS_SERVED, "some"), (ADULTS_PROSPECTS, "uncertain")],
    ),
    reading(
        "Swindon",
        "2004-11",
        "children: prospects",
        "uncertain",
        &[(CHILDREN_PROSPECTS, "uncertain")],
    ),
    reading(
        "Swindon",
        "2003-11",
        "children: serving people well / prospects",
        "serving some children well; uncertain prospects",
        &[(CHILDREN_SERVED, "some"), (CHILDREN_PROSPECTS, "uncertain")],
    ),
    reading(
        "Swindon",
        "2003-11",
        "adults: serving people well / prospects",
        "serving no adults well; uncertain prospects",
        &[(ADULTS_SERVED, "no"), (ADULTS_PROSPECTS, "uncertain")],
    ),
    reading(
        "Hampshire",
        "2006-11",
        "adults: serving people well / prospects",
        "serving most people well; promising prospects",
        &[(ADULTS_SERVED, "most"), (ADULTS_PROSPECTS, "promising")],
    ),
    reading(
        "Isle of Wight",
        "2005-12",
        "children: serving people well / capacity",
        "serving some people well; capacity promising",
        &[(CHILDREN_SERVED, "some"), (CHILDREN_PROSPECTS, "promising")],
    ),
    reading(
        "Isle of Wight",
        "2005-12",
        "adults: serving people well / capacity",
        "serving most people well; capacity promising",
        &[(ADULTS_SERVED, "most"), (ADULTS_PROSPECTS, "promising")],
    ),
    reading(
        "Herefordshire",
        "2005",
        "adults: serving people well / prospects",
        "serving some people well; uncertain prospects",
        &[(ADULTS_SERVED, "some"), (ADULTS_PROSPECTS, "uncertain")],
    ),
    reading(
        "Herefordshire",
        "2004-11",
        "adults: serving people well / prospects",
        "serving some people well; promising prospects",
        &[(ADULTS_SERVED, "some"), (ADULTS_PROSPECTS, "promising")],
    ),
    reading(
        "Bath & North East Somerset",
        "2008-11",
        OUTCOMES_CAPACITY,
        "good; promising",
        &[(ADULTS_OUTCOMES, "good"), (ADULTS_PROSPECTS, "promising")],
    ),
    Reading {
        remark: "the report also rates leadership excellent, and commissioning and use of resources promising",
        ..reading(
            "Oxfordshire",
            "2007-11",
            OUTCOMES_CAPACITY,
            "good; promising (leadership excellent; commissioning and use of resources promising)",
            &[(ADULTS_OUTCOMES, "good"), (ADULTS_PROSPECTS, "promising")],
        )
    },
    reading(
        "Birmingham",
        "2008-11",
        OUTCOMES_CAPACITY,
        "good; promising",
        &[(ADULTS_OUTCOMES, "good"), (ADULTS_PROSPECTS, "promising")],
    ),
    reading(
        "Surrey",
        "2008-11",
        OUTCOMES_CAPACITY,
        "adequate; uncertain",
        &[
            (ADULTS_OUTCOMES, "adequate"),
            (ADULTS_PROSPECTS, "uncertain"),
        ],
    ),
    reading(
        "Ealing",
        "2004-11",
        "children: serving people well / prospects",
        "serving most children well; prospects uncertain",
        &[(CHILDREN_SERVED, "most"), (CHILDREN_PROSPECTS, "uncertain")],
    ),
    reading(
        "Ealing",
        "2003-11",
        "children: prospects",
        "promising",
        &[(CHILDREN_PROSPECTS, "promising")],
    ),
    reading(
        "Sandwell",
        "2004-11",
        "children: capacity to improve",
        "uncertain",
        &[(CHILDREN_PROSPECTS, "uncertain")],
    ),
    reading(
        "Brighton and Hove",
        "2006-11",
        "adults: serving people well / capacity",
        "serving most people well; excellent capacity",
        &[(ADULTS_SERVED, "most"), (ADULTS_PROSPECTS, "excellent")],
    ),
    reading(
        "East Sussex",
        "2006-11",
        "adults: serving people well / capacity",
        "serving some people well; uncertain capacity",
        &[(ADULTS_SERVED, "some"), (ADULTS_PROSPECTS, "uncertain")],
    ),
    reading(
        "Brighton and Hove",
        "2007-11",
        OUTCOMES_CAPACITY,
        "good; excellent",
        &[(ADULTS_OUTCOMES, "good"), (ADULTS_PROSPECTS, "excellent")],
    ),
    reading(
        "West Sussex",
        "2007-11",
        OUTCOMES_CAPACITY,
        "good; promising",
        &[(ADULTS_OUTCOMES, "good"), (ADULTS_PROSPECTS, "promising")],
    ),
    Reading {
        remark: "the source says some services were adequate",
        ..reading(
            "East Sussex",
            "2007-11",
            OUTCOMES_CAPACITY,
            "some services adequate; uncertain",
            &[
                (ADULTS_OUTCOMES, "adequate"),
                (ADULTS_PROSPECTS, "uncertain"),
            ],
        )
    },
    Reading {
        remark: "the article also calls children's care excellent, which may be its prospects judgement; not carried",
        ..reading(
            "East Sussex",
            "2003-11",
            SERVING_BOTH_PROSPECTS,
            "children: most served well; adults: some served well; adult prospects promising; children's care 'rated excellent' (article wording)",
            &[
                (CHILDREN_SERVED, "most"),
                (ADULTS_SERVED, "some"),
                (ADULTS_PROSPECTS, "promising"),
            ],
        )
    },
    Reading {
        remark: "the article calls the prospects good, which is no grade of that judgement; not carried",
        ..reading(
            "West Sussex",
            "2003-11",
            SERVING_BOTH_PROSPECTS,
            "some adults and most children served well; prospects 'rated as good' (article wording)",
            &[(ADULTS_SERVED, "some"), (CHILDREN_SERVED, "most")],
        )
    },
    reading(
        "Brighton and Hove",
        "2003-11",
        SERVING_BOTH_PROSPECTS,
        "some adults and children served well; adults: promising; children: uncertain",
        &[
            (ADULTS_SERVED, "some"),
            (CHILDREN_SERVED, "some"),
            (ADULTS_PROSPECTS, "promising"),
            (CHILDREN_PROSPECTS, "uncertain"),
        ],
    ),
    // APA cells that the general reading cannot take.
    reading(
        "Gateshead",
        "2008-12",
        "being healthy, staying safe, enjoying and achieving, positive contribution, economic well-being",
        "4 (outstanding) in every category",
        &[
            (APA_HEALTHY, "grade 4: outstanding"),
            (APA_SAFE, "grade 4: outstanding"),
            (APA_ENJOYING, "grade 4: outstanding"),
            (APA_CONTRIBUTION, "grade 4: outstanding"),
            (APA_ECONOMIC, "grade 4: outstanding"),
        ],
    ),
    reading(
        "North East Lincolnshire",
        "2005-11",
        "children's social care, capacity to improve",
        "good / good (3 / 3)",
        &[
            (APA_SOCIAL_CARE, "grade 3: good"),
            (APA_CAPACITY, "grade 3: good"),
        ],
    ),
    reading(
        "Norfolk",
        "2007",
        "overall effectiveness; capacity to improve; five outcomes",
        "overall 2; capacity 2; being healthy 3; staying safe 3; enjoying and achieving 2; positive contribution 3; economic well-being 2",
        &[
            (APA, "grade 2"),
            (APA_CAPACITY, "grade 2"),
            (APA_HEALTHY, "grade 3: good"),
            (APA_SAFE, "grade 3: good"),
            (APA_ENJOYING, "grade 2"),
            (APA_CONTRIBUTION, "grade 3: good"),
            (APA_ECONOMIC, "grade 2"),
        ],
    ),
    Reading {
        remark: "the source says the grade was kept from the year before",
        ..reading(
            "Norfolk",
            "2007-11",
            "adults: delivering outcomes",
            "good (retained)",
            &[(ADULTS_OUTCOMES, "good")],
        )
    },
];

// ---------------------------------------------------------------------------------------
// The second round of research: Ofsted additions and fixes, Ofsted's annual rating, CPA
// ---------------------------------------------------------------------------------------

const FIXED_SUBGRADE_NOTE: &str =
    "read from the report itself; the first Ofsted data file had left this grade blank";

/// Reports of former councils whose pages give no publication date: council, framework,
/// the date they are given (the year the pages give).
const ADDITION_UNDATED: &[(&str, &str, &str)] = &[
    ("Cumbria", "SIF", "2017"),
    ("Poole", "SIF", "2017"),
    ("Bournemouth", "SIF", "2014"),
];

/// How each row of the Ofsted additions file is carried: its page's title and date, the
/// note on its grades (the row's doubts, in the builder's words), and notes for single
/// grades that rest on less.
struct Addition {
    council: &'static str,
    date: &'static str,
    title: &'static str,
    source_date: &'static str,
    note: &'static str,
    parts: &'static [(&'static str, &'static str)],
}

const BLANKET_BOURNEMOUTH: &str = "not graded one by one in the source: a local paper says that everything inspected other than adoption needed to improve, and this grade is read from that";

const ADDITION_NOTES: &[Addition] = &[
    Addition {
        council: "Cumbria",
        date: "2015-05-13",
        title: "Single inspection of local authority children's services: Cumbria (third-party copy of the Ofsted report)",
        source_date: "",
        note: "grades from a third-party copy of the report, which local news and the government confirm; no link to Ofsted's own file was found",
        parts: &[],
    },
    Addition {
        council: "Cumbria",
        date: "2017",
        title: "Significant improvement highlighted at Cumbria",
        source_date: "",
        note: "from a law firm's summary; the publication date was not found (the inspection was in November and later reports call it the 2017 judgement, so the report may have come out later than 2017); the care leavers grade is left out, as the summary's wording does not clearly name it",
        parts: &[],
    },
    Addition {
        council: "Cumbria",
        date: "2022-11-22",
        title: "Children's services in Cumbria require improvements, Ofsted",
        source_date: "2022-11-22",
        note: "the overall grade and the day from a TV news report alone (Ofsted's later reports on the two successor councils confirm the grade); the three part grades were not found",
        parts: &[],
    },
    Addition {
        council: "Northamptonshire",
        date: "2016-04-27",
        title: "Northamptonshire children's services no longer rated inadequate",
        source_date: "2016-04-27",
        note: "the overall grade from the council's own news page, after an inspection in February 2016; the inspection dates and the part grades were not found",
        parts: &[],
    },
    Addition {
        council: "Northamptonshire",
        date: "2019-07-29",
        title: "Northamptonshire children's services inadequate again",
        source_date: "2019-07-29",
        note: "the overall grade and the day from a trade paper; the part grades from a care news site; care leavers were then graded together with children in care; the inspection began on 17 June 2019",
        parts: &[],
    },
    Addition {
        council: "Poole",
        date: "2017",
        title: "Poole requires improvement, finds Ofsted",
        source_date: "",
        note: "the overall grade from a law firm's summary; local reports place the inspection in September 2017; the publication date and the part grades were not found",
        parts: &[],
    },
    Addition {
        council: "Bournemouth",
        date: "2014",
        title: "Ofsted calls for more protection for vulnerable children in Bournemouth",
        source_date: "",
        note: "from an undated local news page; the publication date was not found (a later report puts the inspection in April 2014)",
        parts: &[
            ("sif_help_protection", BLANKET_BOURNEMOUTH),
            ("sif_looked_after_permanence", BLANKET_BOURNEMOUTH),
            ("sif_care_leavers", BLANKET_BOURNEMOUTH),
            ("sif_leadership", BLANKET_BOURNEMOUTH),
        ],
    },
    Addition {
        council: "Bournemouth",
        date: "2018-08",
        title: "Dorset council merger has inhibited Bournemouth services improvements, Ofsted says",
        source_date: "2018-09-03",
        note: "published in the last days of August 2018 (a trade paper reported it on 27 August); the day was not found; inspectors visited in July; care leavers were then graded together with children in care",
        parts: &[],
    },
    Addition {
        council: "Dorset County Council",
        date: "2016-05-23",
        title: "Ofsted children's services report 2016",
        source_date: "2016-05-23",
        note: "from the council's own page; the inspection dates from a local paper",
        parts: &[(
            "sif_leadership",
            "no page names this grade: it is read from a 2019 radio report that everything but adoption needed to improve in 2016",
        )],
    },
];

/// Readings of the Ofsted annual rating file's notes (the first match wins).
const ANNUAL_NOTES: &[(&str, &str)] = &[
    ("All nine councils rated poorly in 2009", ""),
    ("All ten councils rated excellent in 2009", ""),
    ("Second source for the same 2009 list", ""),
    (
        "All twelve councils rated poorly in 2010",
        "the page shows no date; its content places it at the 2010 round",
    ),
    (
        "Only two of the twenty excellent councils",
        "the page shows no date; its content places it at the 2010 round",
    ),
    (
        "Blog (ConservativeHome) list of 14 names",
        "from a blog's list of 14 councils, where the inspectorate counted 15: a less reliable source",
    ),
    (
        "Blog; one of 28 excellent councils",
        "from a blog, a less reliable source",
    ),
];

const SERVING_BOTH_NOTE: &str = "read from a mirror copy of a BBC News page; one of the two councils it names as serving people well for both adults and children";

/// CPA judgements the news files give that no scheme here holds: the direction of travel,
/// and the service scores of the first rounds (2002-04), which were not the children and
/// young people or adult social care scores of the later rounds.
const CPA_LEFT_OUT_MEASURES: &[&str] = &[
    "direction of travel",
    "education score (1-4)",
    "education (schools) score (1-4)",
    "environment score (1-4)",
    "use of resources score (1-4)",
    "ability to improve score (1-4)",
    "social care (children) score (1-4)",
    "social care (adults) score (1-4)",
    "social services score (1-4)",
    "libraries and leisure score (1-4)",
    "overall service score (1-4)",
];

const UNDATED_LAST_CPA: &str = "page undated; it reports the last round of the assessment";
const BLOG: &str = "from a blog, a less reliable source";
const BLOG_AUDIT_COMMISSION: &str =
    "from a blog quoting the Audit Commission's report, a less reliable source";
const TABLE_2009: &str = "the table page shows no date; a BBC story it goes with dates the round";
const MIRROR_2003: &str = "read from a mirror copy of a BBC News page of 19 December 2003";
const MIRROR_2003_BEFORE: &str = "read from a mirror copy of a BBC News page of 19 December 2003; the category of the year before, as that page gives it";
const MIRROR_2007: &str = "read from a mirror copy of a BBC News page of 22 February 2007";
const SECOND_YEAR: &str =
    "page undated; it reports the assessment's second year, so the December 2003 round";

/// Readings of the CPA news files' notes: (the note starts with, and contains if given) →
/// reading. The first match wins.
const CPA_NOTE_READINGS: &[(&str, Option<&str>, &str)] = &[
    (
        "Undated page; round worked out from its quote 'The 2007 results show'",
        None,
        "page undated; a quote in it on the 2007 results places it at that round",
    ),
    (
        "Undated page; round worked out from the Liverpool one-star result",
        None,
        "page undated; another result it reports, which a dated report gives for the 2007 round, places it there",
    ),
    (
        "Undated page; round worked out from 'maintain our ratings throughout 2007'",
        None,
        "page undated; its wording places it at the 2006 round, published in February 2007",
    ),
    (
        "Undated page; round worked out from 'the first based on a new framework'",
        None,
        "page undated; it reports the first results under the new framework, so the December 2005 round",
    ),
    (
        "Undated page; round worked out from 'which is in its second year'",
        None,
        SECOND_YEAR,
    ),
    (
        "Undated page; round worked out from 'published its CPA today for the second year'",
        None,
        SECOND_YEAR,
    ),
    (
        "Undated page; round worked out from Suffolk 'promoted from last year's good'",
        None,
        "page undated; the changes from the year before that it reports place it at the 2004 round",
    ),
    (
        "Undated page; round worked out from the minister's 'over the last year'",
        None,
        "page undated; its wording and the councils it names place it at the 2003 round",
    ),
    (
        "Undated page; round worked out from 'For the third year running'",
        None,
        "page undated; its wording places it at the 2007 round, published in February 2008",
    ),
    (
        "Mirror of BBC News page dated 19 December 2003.",
        Some("Stated as"),
        MIRROR_2003_BEFORE,
    ),
    (
        "Mirror of BBC News page dated 19 December 2003.",
        None,
        MIRROR_2003,
    ),
    (
        "Mirror of BBC News page dated 22 February 2007.",
        Some("Stated as the previous rating"),
        "read from a mirror copy of a BBC News page of 22 February 2007; the rating of the year before, as that page gives it",
    ),
    (
        "Mirror of BBC News page dated 22 February 2007.",
        None,
        MIRROR_2007,
    ),
    (
        "Weak in December 2002; raised to fair",
        None,
        "published as weak in December 2002; raised to fair on the Audit Commission's review, as reported in April 2003",
    ),
    (
        "The weak category was quashed by the High Court",
        None,
        "the High Court quashed this category in February 2005; the Court of Appeal restored it in May 2005",
    ),
    ("Zero stars for social services led to weak.", None, ""),
    (
        "Disputing its weak rating at the time.",
        None,
        "the council was disputing this category at the time",
    ),
    (
        "Councillor's blog quoting the council's website",
        None,
        "from a councillor's blog quoting the council, a less reliable source",
    ),
    (
        "Councillor's blog",
        None,
        "from a councillor's blog, a less reliable source",
    ),
    (
        "Named in the sentence 'Those with four stars for children's services",
        None,
        "the page words this score as four stars for children's services",
    ),
    (
        "Article: four councils went from three to one star",
        None,
        "the page words this score as one star for children's services",
    ),
    ("Overall CPA category fell from 3 stars to 1 star", None, ""),
    (
        "Children's services given one star, 'inadequate'; undated page",
        None,
        UNDATED_LAST_CPA,
    ),
    (
        "Named among nine with four stars for children's services in 2008; undated page.",
        None,
        "page undated; it reports the 2008 assessment, published in March 2009",
    ),
    (
        "Council press story reposted on a local site",
        None,
        "a council press story reposted on a local site that shows no date; it names 5 March and the last round",
    ),
    ("Same page.", None, ""),
    ("Page dated 06 March 2009.", None, ""),
    ("Adult social care service described as good", None, ""),
    ("Agrees with the BBC table.", None, ""),
    ("Blog post; lower reliability.", None, BLOG),
    (
        "Blog quoting the Audit Commission national report",
        None,
        BLOG_AUDIT_COMMISSION,
    ),
    (
        "Blog lists the 1-star councils of 2008",
        None,
        BLOG_AUDIT_COMMISSION,
    ),
    (
        "Blog list of metropolitan authorities with 2 stars",
        None,
        BLOG_AUDIT_COMMISSION,
    ),
    (
        "Undated page; it calls this 'the last test of its kind'",
        None,
        UNDATED_LAST_CPA,
    ),
    ("Undated page; final CPA round", None, UNDATED_LAST_CPA),
    (
        "Table columns: Council | Children & young people | Overall rating.",
        None,
        TABLE_2009,
    ),
    (
        "Overall CPA star category as printed. Printed with an asterisk",
        None,
        "the table page shows no date; a BBC story it goes with dates the round; printed with a mark whose footnote is not in the stored copy",
    ),
    ("Overall CPA star category as printed.", None, TABLE_2009),
];

/// The date a round label gives after "published ": "CPA 2003, published 2003-12-18" →
/// "2003-12-18".
fn published_in(label: &str) -> Result<String, String> {
    let date = label
        .split_once("published ")
        .map(|(_, d)| d.trim_end_matches(')').trim())
        .ok_or_else(|| format!("the round \"{label}\" gives no publication date"))?;
    check_date(date)?;
    Ok(date.to_owned())
}

// ---------------------------------------------------------------------------------------
// CQC
// ---------------------------------------------------------------------------------------

/// The nine quality statement scores and their schemes.
const CQC_PARTS: &[(&str, &str)] = &[
    ("QS1Assess", "cqc-asc-assessing-needs"),
    ("QS2Support", "cqc-asc-supporting-people"),
    ("QS3Equity", "cqc-asc-equity"),
    ("QS4Care", "cqc-asc-care-provision"),
    ("QS5Partner", "cqc-asc-partnerships"),
    ("QS6Safe", "cqc-asc-safe-systems"),
    ("QS7Safeguard", "cqc-asc-safeguarding"),
    ("QS8Govern", "cqc-asc-governance"),
    ("QS9Learn", "cqc-asc-learning"),
];

/// Rows of the CQC scrape left out because their council cannot be told with certainty.
/// Every row of the October 2025 scrape matches one council, so none is.
const CQC_LEFT_OUT: &[&str] = &[];

/// Rows whose overall rating the data notes correct.
const CQC_CORRECTIONS: &[(&str, &str)] = &[(
    "County Durham",
    "the scrape read Not Rated; the rating is the one CQC's own announcement gives",
)];

/// The council part of a long CQC name ("London Borough of Camden" → "Camden").
pub fn cqc_short_name(long: &str) -> String {
    let mut name = long.trim();
    for prefix in [
        "London Borough of ",
        "Royal Borough of ",
        "Metropolitan Borough of ",
        "Council of the ",
        "City of ",
    ] {
        name = name.strip_prefix(prefix).unwrap_or(name);
    }
    for suffix in [
        " Borough Council",
        " County Council",
        " City Council",
        " Council",
    ] {
        name = name.strip_suffix(suffix).unwrap_or(name);
    }
    name.to_owned()
}

/// "February 2025" → "2025-02".
pub fn month_of(text: &str) -> Result<String, String> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let (month, year) = text
        .split_once(' ')
        .ok_or_else(|| format!("\"{text}\" is not a month and year"))?;
    let number = MONTHS
        .iter()
        .position(|m| *m == month)
        .ok_or_else(|| format!("\"{month}\" is not a month"))?
        + 1;
    let date = format!("{year}-{number:02}");
    check_date(&date)?;
    Ok(date)
}

// ---------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------

/// Accepts "YYYY", "YYYY-MM" or "YYYY-MM-DD" with a real month and day.
fn check_date(date: &str) -> Result<(), String> {
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let month = |m: &str| number(m, 2).is_some_and(|m| (1..=12).contains(&m));
    let ok = match date.split('-').collect::<Vec<_>>().as_slice() {
        [y] => number(y, 4).is_some(),
        [y, m] => number(y, 4).is_some() && month(m),
        [y, m, d] => {
            number(y, 4).is_some()
                && month(m)
                && number(d, 2).is_some_and(|d| (1..=31).contains(&d))
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("\"{date}\" is not a date"))
    }
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

/// Splits a bracketed list like "[Kingston Upon Hull, Hull]".
fn split_list(cell: &str) -> Vec<String> {
    let inner = cell.trim().trim_start_matches('[').trim_end_matches(']');
    inner
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Drops aliases equal to the name or to an earlier alias (ignoring case), keeping order.
fn tidy_aliases(name: &str, aliases: Vec<String>) -> Vec<String> {
    let mut seen = BTreeSet::from([name.to_lowercase()]);
    aliases
        .into_iter()
        .filter(|a| !a.trim().is_empty() && seen.insert(a.to_lowercase()))
        .collect()
}

/// Sites the new data files link to: host, the prefix of their source ids, publisher.
const SITES: &[(&str, &str, &str)] = &[
    ("news.bbc.co.uk", "bbc", "BBC News"),
    (
        "bbctodays.pages.dev",
        "bbc-mirror",
        "BBC News (copy on a mirror site)",
    ),
    ("communitycare.co.uk", "communitycare", "Community Care"),
    ("publicnet.co.uk", "publicnet", "publicnet"),
    ("publicfinance.co.uk", "publicfinance", "Public Finance"),
    ("cypnow.co.uk", "cypnow", "Children & Young People Now"),
    (
        "careappointments.com",
        "careappointments",
        "Care Appointments",
    ),
    ("express.co.uk", "express", "Daily Express"),
    (
        "louisebaldock.blogspot.com",
        "blog-louisebaldock",
        "Louise Baldock (personal blog)",
    ),
    (
        "philandrews.blogspot.com",
        "blog-philandrews",
        "Phil Andrews (councillor's blog)",
    ),
    (
        "liverpoolcultureblog.co.uk",
        "blog-liverpoolculture",
        "Liverpool culture blog",
    ),
    (
        "philtaylor.org.uk",
        "blog-philtaylor",
        "Phil Taylor (councillor's blog)",
    ),
    ("harriettbaldwin.com", "harriettbaldwin", "Harriett Baldwin"),
    (
        "conservativehome.com",
        "blog-conservativehome",
        "ConservativeHome (blog)",
    ),
    (
        "carequalitycommissionnewsroom.blogspot.com",
        "cqc-newsroom",
        "Care Quality Commission newsroom",
    ),
    (
        "stowefamilylaw.co.uk",
        "blog-stowefamilylaw",
        "Stowe Family Law (blog)",
    ),
    ("gov.uk", "govuk", "Ofsted (GOV.UK)"),
    ("theguardian.com", "guardian", "The Guardian"),
    ("tes.com", "tes", "TES"),
    ("familylaw.co.uk", "familylaw", "Family Law"),
    ("4ni.co.uk", "4ni", "4NI"),
    (
        "localgovernmentlawyer.co.uk",
        "localgovernmentlawyer",
        "Local Government Lawyer",
    ),
    (
        "static.chiswickw4.com",
        "chiswickw4",
        "ChiswickW4 (reposted council press story)",
    ),
    (
        "oldham-chronicle.co.uk",
        "oldhamchronicle",
        "Oldham Chronicle",
    ),
    (
        "greatyarmouthmercury.co.uk",
        "greatyarmouthmercury",
        "Great Yarmouth Mercury",
    ),
    ("huntspost.co.uk", "huntspost", "Hunts Post"),
    (
        "theadvertiserseries.co.uk",
        "advertiserseries",
        "The Advertiser series",
    ),
    ("thenorthernecho.co.uk", "northernecho", "The Northern Echo"),
    ("eadt.co.uk", "eadt", "East Anglian Daily Times"),
    (
        "gazetteandherald.co.uk",
        "gazetteandherald",
        "Gazette and Herald",
    ),
    ("worcesternews.co.uk", "worcesternews", "Worcester News"),
    ("standard.co.uk", "standard", "Evening Standard"),
    (
        "newssniffer.co.uk",
        "newssniffer",
        "News Sniffer (archived BBC News text)",
    ),
    (
        "irrv.net",
        "irrv",
        "Institute of Revenues, Rating and Valuation",
    ),
    ("adass.org.uk", "adass", "ADASS"),
    ("dignityincare.org.uk", "dignityincare", "Dignity in Care"),
    ("wired-gov.net", "wiredgov", "Wired-Gov"),
    ("locumtoday.co.uk", "locumtoday", "Locum Today"),
    (
        "navigator.health.org.uk",
        "healthfoundation",
        "The Health Foundation",
    ),
    ("docsbay.net", "docsbay", ""),
    ("zoomlaw.co.uk", "legislation", ""),
    (
        "abcdocz.com",
        "abcdocz",
        "abcdocz (third-party copy of an Ofsted report)",
    ),
    ("willispalmer.com", "willispalmer", "Willis Palmer"),
    ("itv.com", "itv", "ITV News"),
    (
        "www3.northamptonshire.gov.uk",
        "northamptonshire-cc",
        "Northamptonshire County Council",
    ),
    (
        "bournemouthecho.co.uk",
        "bournemouthecho",
        "Bournemouth Echo",
    ),
    (
        "publicsectorexecutive.com",
        "publicsectorexecutive",
        "Public Sector Executive",
    ),
    (
        "dorsetforyou.gov.uk",
        "dorsetforyou",
        "Dorset County Council",
    ),
];

/// The id prefix and publisher for a link's site.
fn site_of(url: &str) -> Result<(&'static str, &'static str), String> {
    let rest = url
        .split_once("://")
        .map(|(_, r)| r)
        .ok_or_else(|| format!("\"{url}\" is not a link"))?;
    let host = rest.split('/').next().unwrap_or_default();
    let host = host.strip_prefix("www.").unwrap_or(host);
    SITES
        .iter()
        .find(|(h, _, _)| *h == host)
        .map(|(_, prefix, publisher)| (*prefix, *publisher))
        .ok_or_else(|| format!("no site is recorded for the link {url}"))
}

/// The last part of a link's path as an id: lowercase letters and digits joined by `-`,
/// cut at a word to at most 48 characters.
fn page_slug(url: &str) -> String {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let mut parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).skip(1).collect();
    let mut last = parts.pop().unwrap_or_default();
    for ext in [".stm", ".html", ".htm", ".aspx"] {
        last = last.strip_suffix(ext).unwrap_or(last);
    }
    // A bare number names a page only together with the part before it.
    let text = match parts.last() {
        Some(before) if last.bytes().all(|b| b.is_ascii_digit()) => format!("{before}-{last}"),
        _ => last.to_owned(),
    };
    let mut out = String::new();
    for word in text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() && out.len() + 1 + word.len() > 48 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    if out.is_empty() {
        "page".to_owned()
    } else {
        out
    }
}

// ---------------------------------------------------------------------------------------
// CSV access
// ---------------------------------------------------------------------------------------

/// A CSV file read whole, with its columns found by header name.
struct Table {
    file: &'static str,
    columns: HashMap<String, usize>,
    records: Vec<csv::StringRecord>,
}

struct Row<'t> {
    table: &'t Table,
    line: usize,
    record: &'t csv::StringRecord,
}

impl Table {
    fn read(dir: &Path, file: &'static str) -> Result<Table, String> {
        let path = dir.join(file);
        let mut reader = csv::Reader::from_path(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let columns = reader
            .headers()
            .map_err(|e| format!("cannot read the header of {file}: {e}"))?
            .iter()
            .enumerate()
            .map(|(i, h)| (h.to_owned(), i))
            .collect();
        let records = reader
            .records()
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| format!("cannot read {file}: {e}"))?;
        Ok(Table {
            file,
            columns,
            records,
        })
    }

    fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        // Line 1 is the header.
        self.records.iter().enumerate().map(move |(i, record)| Row {
            table: self,
            line: i + 2,
            record,
        })
    }
}

impl<'t> Row<'t> {
    fn get(&self, column: &str) -> Result<&'t str, String> {
        let index = self
            .table
            .columns
            .get(column)
            .ok_or_else(|| format!("{} has no column \"{column}\"", self.table.file))?;
        self.record
            .get(*index)
            .map(str::trim)
            .ok_or_else(|| format!("no value in column \"{column}\""))
    }

    fn error(&self, message: &str) -> String {
        format!("{} line {}: {message}", self.table.file, self.line)
    }
}

// ---------------------------------------------------------------------------------------
// Sources recorded by hand
// ---------------------------------------------------------------------------------------

/// A source the data files link to (or a seed article), as recorded here. Titles are the
/// pages' headlines where the link carries them, else a short description. Empty fields
/// are unknown: an undated page has no date, a seed article no link.
struct RecordedSource {
    url: &'static str,
    id: &'static str,
    title: &'static str,
    publisher: &'static str,
    date: &'static str,
}

const fn src(
    url: &'static str,
    id: &'static str,
    title: &'static str,
    publisher: &'static str,
    date: &'static str,
) -> RecordedSource {
    RecordedSource {
        url,
        id,
        title,
        publisher,
        date,
    }
}

const SEED_ELA_2019: &str = "eastlondonadvertiser-2019-07-tower-hamlets-rated-good";
const SEED_PUBLICNET_2004: &str = "publicnet-2004-11-19-headlines";
const SEED_THEN_THERE_WERE_THREE: &str = "communitycare-2004-11-19-then-there-were-three";
const BBC_2004_RATINGS: &str = "bbc-2004-11-18-star-ratings";
const SEED_BBC_TH_2004: &str = "bbc-4020689-tower-hamlets-response";
const CQC_SOURCE: &str = "cqc-asc-assessments-2025-10";

const COMMUNITY_CARE: &str = "Community Care";
const NORTHERN_ECHO: &str = "The Northern Echo";
const BBC: &str = "BBC News";
const PUBLICNET: &str = "publicnet";
const ARGUS: &str = "The Argus (Brighton)";
const GUARDIAN: &str = "The Guardian (figures from the Audit Commission)";

const RECORDED_SOURCES: &[RecordedSource] = &[
    // Seed articles.
    src(
        "",
        SEED_ELA_2019,
        "Tower Hamlets' children's service rated Good by Ofsted two year after Inadequate rating",
        "East London Advertiser (Archant)",
        "2019-07",
    ),
    src(
        "",
        SEED_PUBLICNET_2004,
        "Headlines: November 19th, 2004",
        PUBLICNET,
        "2004-11-19",
    ),
    // Seed 000 is a mirror copy of this BBC page.
    src(
        "http://news.bbc.co.uk/2/hi/uk_news/4020689.stm",
        SEED_BBC_TH_2004,
        "Tower Hamlets council's response to its November 2004 star rating, as BBC News printed it",
        BBC,
        "2004-11",
    ),
    // The CQC scrape names no report per row.
    src(
        "",
        CQC_SOURCE,
        "Local authority assessments of adult social care: overall ratings and quality statement scores (a public scrape of CQC's website, October 2025)",
        CQC,
        "2025-10",
    ),
    // Social services star ratings and children's services assessments.
    src(
        "http://www.publicnet.co.uk/news/2002/06/05/social-services-get-stars/",
        "publicnet-2002-06-05-social-services-get-stars",
        "Social services get stars",
        PUBLICNET,
        "2002-06-05",
    ),
    src(
        "https://www.hsj.co.uk/home/social-services-publish-star-ratings/21982.article",
        "hsj-2002-05-30-star-ratings-published",
        "Social services publish star ratings",
        "Health Service Journal",
        "2002-05-30",
    ),
    src(
        "https://www.communitycare.co.uk/2002/05/29/ten-social-services-departments-given-zero-stars-and-four-face-intervention/",
        "communitycare-2002-05-29-ten-given-zero-stars",
        "Ten social services departments given zero stars and four face intervention",
        COMMUNITY_CARE,
        "2002-05-29",
    ),
    src(
        "https://www.communitycare.co.uk/2004/11/19/then-there-were-three/",
        SEED_THEN_THERE_WERE_THREE,
        "Then there were three",
        COMMUNITY_CARE,
        "2004-11-19",
    ),
    src(
        "http://news.bbc.co.uk/2/hi/uk_news/4019635.stm",
        BBC_2004_RATINGS,
        "BBC News report on the November 2004 social services star ratings",
        BBC,
        "2004-11-18",
    ),
    src(
        "https://bbctodays.pages.dev/2/hi/health/3264195.stm",
        "bbc-3264195-star-ratings-mirror",
        "BBC News health story 3264195 on the social services star ratings (copy on a mirror site)",
        BBC,
        "",
    ),
    src(
        "http://news.bbc.co.uk/2/hi/uk_news/england/cumbria/3266351.stm",
        "bbc-2003-11-13-cumbria",
        "BBC News Cumbria report on the county's social services rating",
        BBC,
        "2003-11-13",
    ),
    src(
        "https://www.publicfinance.co.uk/news/2004/11/time-running-out-zero-star-social-services",
        "publicfinance-2004-11-time-running-out",
        "Time running out for zero-star social services",
        "Public Finance",
        "2004-11",
    ),
    src(
        "https://www.communitycare.co.uk/2005/11/30/local-authorities-appeals-against-star-ratings-fall-on-stony-ground/",
        "communitycare-2005-11-30-appeals-fall-on-stony-ground",
        "Local authorities' appeals against star ratings fall on stony ground",
        COMMUNITY_CARE,
        "2005-11-30",
    ),
    src(
        "https://www.communitycare.co.uk/2005/11/30/adults-services-still-improving-faster/",
        "communitycare-2005-11-30-adults-services-improving-faster",
        "Adults' services still improving faster",
        COMMUNITY_CARE,
        "2005-11-30",
    ),
    src(
        "https://www.communitycare.co.uk/2005/11/30/rate-and-see/",
        "communitycare-2005-11-30-rate-and-see",
        "Rate and see",
        COMMUNITY_CARE,
        "2005-11-30",
    ),
    src(
        "https://www.communitycare.co.uk/2006/11/01/council-childrens-services-are-improving/",
        "communitycare-2006-11-01-childrens-services-improving",
        "Council children's services are improving",
        COMMUNITY_CARE,
        "2006-11-01",
    ),
    src(
        "http://www.communitycare.co.uk/2008/11/26/star-ratings-councils-reactions-to-their-performance/",
        "communitycare-2008-11-26-councils-reactions",
        "Star ratings: councils' reactions to their performance",
        COMMUNITY_CARE,
        "2008-11-26",
    ),
    src(
        "https://disabilitylibdems.org.uk/news/article/carers-of-adults-rated-at-star-turn-in-report",
        "libdems-carers-of-adults-rated-star-turn",
        "Carers of adults rated at star turn in report",
        "Derbyshire Liberal Democrats (news page)",
        "",
    ),
    src(
        "http://www.thenorthernecho.co.uk/news/7072329.cities-hit-heights-three-star-rating-social-services/",
        "northernecho-7072329-cities-hit-heights",
        "Cities hit heights with three-star rating for social services",
        NORTHERN_ECHO,
        "",
    ),
    src(
        "https://thenorthernecho.co.uk/news/7009672.social-services-see-stars",
        "northernecho-7009672-social-services-see-stars",
        "Social services see stars",
        NORTHERN_ECHO,
        "",
    ),
    src(
        "https://thenorthernecho.co.uk/news/7009673.councils-fare-well-rating-system",
        "northernecho-7009673-councils-fare-well",
        "Councils fare well in rating system",
        NORTHERN_ECHO,
        "",
    ),
    src(
        "https://thenorthernecho.co.uk/news/6970910.improving-authority-receives-two-stars-inspection",
        "northernecho-6970910-improving-authority-two-stars",
        "Improving authority receives two stars in inspection",
        NORTHERN_ECHO,
        "",
    ),
    src(
        "https://thenorthernecho.co.uk/news/6971281.councils-social-services-gain-three-star-ratings",
        "northernecho-6971281-three-star-ratings",
        "Councils' social services gain three-star ratings",
        NORTHERN_ECHO,
        "",
    ),
    src(
        "https://thenorthernecho.co.uk/news/7151454.ratings-prove-much-region-cares",
        "northernecho-7151454-ratings-prove-region-cares",
        "Ratings prove how much region cares",
        NORTHERN_ECHO,
        "",
    ),
    src(
        "https://www.southtyneside.gov.uk/article/43921/One-Star-Rating-Shows-Progress-In-Social-Services",
        "southtyneside-one-star-rating-shows-progress",
        "One star rating shows progress in social services",
        "South Tyneside Council",
        "",
    ),
    src(
        "https://bbctodays.pages.dev/2/hi/uk_news/england/devon/3265833.stm",
        "bbc-devon-3265833-mirror",
        "BBC News Devon story 3265833 on the area's social services ratings (copy on a mirror site)",
        BBC,
        "",
    ),
    src(
        "https://bbctodays.pages.dev/2/hi/uk_news/england/devon/4486420.stm",
        "bbc-devon-2005-11-30-mirror",
        "BBC News Devon report on the 2005 social services ratings (copy on a mirror site)",
        BBC,
        "2005-11-30",
    ),
    src(
        "https://www.herefordtimes.com/news/5691357.one-star-rating-for-social-services/",
        "herefordtimes-5691357-one-star-rating",
        "One star rating for social services",
        "Hereford Times",
        "",
    ),
    src(
        "http://www.gazetteandherald.co.uk/news/7348535.social-services-win-high-praise/",
        "gazetteandherald-7348535-high-praise",
        "Social services win high praise",
        "Gazette and Herald (Wiltshire)",
        "",
    ),
    src(
        "https://dorsetecho.co.uk/news/5388235.social-care-is-among-best-in-the-country",
        "dorsetecho-5388235-among-best",
        "Social care is among best in the country",
        "Dorset Echo",
        "",
    ),
    src(
        "https://www.dorsetecho.co.uk/news/5359894.social-services-fails-to-improve-on-rating/",
        "dorsetecho-5359894-fails-to-improve",
        "Social services fails to improve on rating",
        "Dorset Echo",
        "",
    ),
    src(
        "https://www.communitycare.co.uk/2002/12/11/misleading-comprehensive-performance-assessment-ratings/",
        "communitycare-2002-12-11-misleading-cpa-ratings",
        "Misleading comprehensive performance assessment ratings",
        COMMUNITY_CARE,
        "2002-12-11",
    ),
    src(
        "https://www.publicfinance.co.uk/news/2008/11/%E2%80%98priority-improvement%E2%80%99-council-care-services-fail-show-progress",
        "publicfinance-2008-11-priority-for-improvement",
        "'Priority for improvement' council care services fail to show progress",
        "Public Finance",
        "2008-11",
    ),
    src(
        "http://www.expressandstar.com/latest/2009/03/16/action-plan-to-boost-social-services",
        "expressandstar-2009-03-16-action-plan",
        "Action plan to boost social services",
        "Express & Star",
        "2009-03-16",
    ),
    src(
        "https://www.communitycare.co.uk/2005/12/02/childrens-social-services-lag-behind-adult-care/",
        "communitycare-2005-12-02-children-lag-behind",
        "Children's social services lag behind adult care",
        COMMUNITY_CARE,
        "2005-12-02",
    ),
    src(
        "http://www.communitycare.co.uk/2007/11/28/star-ratings-reactions-from-councils/",
        "communitycare-2007-11-28-reactions-from-councils",
        "Star ratings: reactions from councils",
        COMMUNITY_CARE,
        "2007-11-28",
    ),
    src(
        "https://www.oldham-chronicle.co.uk/news-features/8/news-headlines/16931/we%E2%80%99re-super-stars",
        "oldhamchronicle-2008-11-27-super-stars",
        "We're super stars",
        "Oldham Chronicle",
        "2008-11-27",
    ),
    src(
        "https://bbctodays.pages.dev/2/hi/uk_news/4020521.stm",
        "bbc-2004-11-18-swindon-response-mirror",
        "Swindon council's response to its November 2004 star rating, as BBC News printed it (copy on a mirror site)",
        BBC,
        "2004-11-18",
    ),
    src(
        "https://thewestmorlandgazette.co.uk/news/573201.inspectors-find-child-services-improvements",
        "westmorlandgazette-573201-child-services-improvements",
        "Inspectors find child services improvements",
        "Westmorland Gazette",
        "",
    ),
    src(
        "https://careappointments.com/care-news/england/79256/hampshire-social-care-recieves-two-star-rating/",
        "careappointments-79256-hampshire-two-stars",
        "Hampshire social care receives two-star rating",
        "Care Appointments",
        "",
    ),
    src(
        "http://www.communitycare.co.uk/2002/11/21/do-new-star-ratings-reflect-system-faults-rather-than-service-changes/",
        "communitycare-2002-11-21-system-faults",
        "Do new star ratings reflect system faults rather than service changes?",
        COMMUNITY_CARE,
        "2002-11-21",
    ),
    src(
        "https://www.communitycare.co.uk/2003/11/12/new-ratings-reveal-rise-in-standards/",
        "communitycare-2003-11-12-rise-in-standards",
        "New ratings reveal rise in standards",
        COMMUNITY_CARE,
        "2003-11-12",
    ),
    src(
        "https://dailyecho.co.uk/news/5601771.service-is-in-top-six",
        "dailyecho-5601771-top-six",
        "Service is in top six",
        "Daily Echo (Southampton)",
        "",
    ),
    src(
        "http://old-iwight.onthewight.com/council/committees/cabinet/17-1-06/Paper%20B2.htm",
        "isleofwight-cabinet-2006-01-17-paper-b2",
        "Isle of Wight Council cabinet, 17 January 2006: paper B2",
        "Isle of Wight Council",
        "2006-01-17",
    ),
    src(
        "https://councillors.herefordshire.gov.uk/mgAi.aspx?ID=8056",
        "herefordshire-minutes-8056",
        "Herefordshire Council Strategic Monitoring Committee minutes (item 8056)",
        "Herefordshire Council",
        "",
    ),
    src(
        "https://councillors.herefordshire.gov.uk/mgAi.aspx?ID=7746",
        "herefordshire-minutes-7746",
        "Herefordshire Council committee minutes (item 7746)",
        "Herefordshire Council",
        "",
    ),
    src(
        "https://democracy.bathnes.gov.uk/celistdocuments.aspx?A=1&DF=14%2F01%2F2009&F=embed%2416E1930AdultSocialServicesAPA.htm&MID=572&R=0",
        "bathnes-cabinet-2009-01-14-adult-social-services",
        "Bath and North East Somerset Council cabinet, 14 January 2009: adult social services performance assessment",
        "Bath and North East Somerset Council",
        "2009-01-14",
    ),
    src(
        "https://mycouncil.oxfordshire.gov.uk/ceListDocuments.aspx?CommitteeId=115&MeetingId=1025&F=CA190208-08.htm",
        "oxfordshire-cabinet-2008-02-19",
        "Oxfordshire County Council cabinet, 19 February 2008: report on adult social care performance",
        "Oxfordshire County Council",
        "2008-02-19",
    ),
    src(
        "https://theboltonnews.co.uk/news/3879682.bolton-gets-top-marks-for-caring",
        "boltonnews-3879682-top-marks-for-caring",
        "Bolton gets top marks for caring",
        "The Bolton News",
        "",
    ),
    src(
        "https://www.localgov.co.uk/West-Midlands-adult-social-care-services-continue-to-improve/10884",
        "localgov-2007-11-28-west-midlands-improve",
        "West Midlands adult social care services continue to improve",
        "LocalGov.co.uk",
        "2007-11-28",
    ),
    src(
        "https://www.birminghampost.co.uk/news/local-news/birmingham-social-care-department-holds-3953734",
        "birminghampost-3953734-social-care-holds",
        "Birmingham Post story 3953734 on the city's adult social care rating",
        "Birmingham Post",
        "",
    ),
    src(
        "https://www.communitycare.co.uk/2009/01/09/surrey-on-the-up-after-two-one-star-ratings-says-ian-davey/",
        "communitycare-2009-01-09-surrey-on-the-up",
        "Surrey on the up after two one-star ratings, says Ian Davey",
        COMMUNITY_CARE,
        "2009-01-09",
    ),
    src(
        "https://neighbournet.com/server/common/eealing25.htm",
        "ealingtoday-eealing25-star-rating",
        "Ealing Today report on the council's November 2004 social services rating",
        "Ealing Today",
        "",
    ),
    src(
        "https://new.ealingtoday.co.uk/page/shared/common/concouncil117.htm",
        "ealingtoday-concouncil117-children-assessment",
        "Ealing Today council news on the 2006 children's services assessment",
        "Ealing Today",
        "",
    ),
    src(
        "https://www.cypnow.co.uk/content/other/analysis-social-care-star-ratings-childrens-trusts-show-promise",
        "cypnow-star-ratings-childrens-trusts-show-promise",
        "Analysis: social care star ratings, children's trusts show promise",
        "Children & Young People Now",
        "",
    ),
    src(
        "http://www.theargus.co.uk/news/localnews/display.var.1050782.0.postcode_lottery_of_social_care.php",
        "argus-1050782-postcode-lottery-of-social-care",
        "Postcode lottery of social care",
        ARGUS,
        "",
    ),
    src(
        "https://www.theargus.co.uk/news/1865324.postcode-lottery-in-sussex/",
        "argus-1865324-postcode-lottery-in-sussex",
        "Postcode lottery in Sussex",
        ARGUS,
        "",
    ),
    src(
        "http://www.theargus.co.uk/news/6723796.praise-for-social-services/",
        "argus-6723796-praise-for-social-services",
        "Praise for social services",
        ARGUS,
        "",
    ),
    src(
        // The only link on record is this malformed mirror address.
        "http://cursotaller.ideaeducativa.orgwww.kentweddingday.co.uk/medway/news/social-services-star-system-ina-a3863/",
        "kmgroup-star-system-inaccurate",
        "Social services star system inaccurate (KM Group news page, stored under a mirror address)",
        "KM Group",
        "",
    ),
    src(
        "https://www.thelancasterandmorecambecitizen.co.uk/news/5871346.contrasting-marks-social-teams/",
        "lancastercitizen-5871346-contrasting-marks",
        "Contrasting marks for social teams",
        "Lancaster & Morecambe Citizen",
        "",
    ),
    src(
        "https://www.cypnow.co.uk/content/news/analysis-inspection-results-councils-respond-to-the-challenge",
        "cypnow-inspection-results-councils-respond",
        "Analysis: inspection results, councils respond to the challenge",
        "Children & Young People Now",
        "",
    ),
    src(
        "http://www.publicnet.co.uk/news/2008/12/18/councils-say-message-on-childrens-services-is-loud-and-clear/",
        "publicnet-2008-12-18-loud-and-clear",
        "Councils say message on children's services is loud and clear",
        PUBLICNET,
        "2008-12-18",
    ),
    src(
        "https://www.fenews.co.uk/resources/archive/ofsted-releases-annual-performance-assessments-2008/",
        "fenews-apa-2008",
        "Ofsted releases annual performance assessments 2008",
        "FE News",
        "",
    ),
    src(
        "https://moderngov.halton.gov.uk/ieIssueDetails.aspx?IId=10972&Opt=3&PlanId=0",
        "halton-executive-board-2009-01-15",
        "Halton Borough Council Executive Board, 15 January 2009: children's services performance assessment",
        "Halton Borough Council",
        "2009-01-15",
    ),
    src(
        "http://news.bbc.co.uk/2/hi/uk_news/education/7742335.stm",
        "bbc-2008-11-24-childrens-services",
        "BBC News report on councils' children's services assessments, November 2008",
        BBC,
        "2008-11-24",
    ),
    src(
        "http://www.independent.co.uk/news/uk/home-news/more-councils-inadequate-on-childrens-safety-1201608.html",
        "independent-2008-12-17-inadequate-on-safety",
        "More councils inadequate on children's safety",
        "The Independent",
        "2008-12-17",
    ),
    src(
        "https://www.tes.com/news/tes-archive/tes-publication/watchdogs-rate-most-councils-good",
        "tes-2005-12-02-watchdogs-rate-most-good",
        "Watchdogs rate most councils good",
        "TES",
        "2005-12-02",
    ),
    src(
        "https://www.communitycare.co.uk/2005/11/30/joint-childrens-gradings-positive/",
        "communitycare-2005-11-30-joint-gradings-positive",
        "Joint children's gradings positive",
        COMMUNITY_CARE,
        "2005-11-30",
    ),
    src(
        "https://careappointments.com/care-news/england/79037/services-for-young-people-in-norfolk-looking-good",
        "careappointments-79037-norfolk-looking-good",
        "Services for young people in Norfolk looking good",
        "Care Appointments",
        "",
    ),
    src(
        "https://csapps.norfolk.gov.uk/csshared/ecourier2/misheet.asp?misheetid=3155",
        "norfolk-schools-bulletin-3155",
        "Norfolk County Council schools bulletin: message from the director of children's services",
        "Norfolk County Council",
        "",
    ),
    src(
        "https://www.edp24.co.uk/news/children-s-services-in-ratings-fall-7601108",
        "edp-7601108-childrens-services-ratings-fall",
        "Children's services in ratings fall",
        "Eastern Daily Press",
        "",
    ),
    src(
        "http://egenda.stockton.gov.uk/aksstockton/users/public/admin/kab10.pl?cdr_id=d060058&arc=50&phase=two&operation=detail",
        "stockton-cabinet-2006-11-02",
        "Stockton-on-Tees Borough Council cabinet decision record, 2 November 2006",
        "Stockton-on-Tees Borough Council",
        "2006-11-02",
    ),
    // Comprehensive performance assessment.
    src(
        "http://news.bbc.co.uk/2/hi/uk_news/england/2566315.stm",
        "bbc-2002-12-12-first-cpa",
        "BBC News report on the first comprehensive performance assessment results",
        BBC,
        "2002-12-12",
    ),
    src(
        "http://www.standard.co.uk/newsheadlines/warning-over-low-rated-councils-7186945.html",
        "standard-2007-02-low-rated-councils",
        "Warning over low-rated councils",
        "Evening Standard",
        "2007-02",
    ),
    src(
        "https://www.theguardian.com/uk/2007/feb/22/johncarvel.uknews4",
        "guardian-2007-02-22-cpa-2006",
        "Guardian report on the 2006 comprehensive performance assessment results",
        "The Guardian",
        "2007-02-22",
    ),
    src(
        "http://www.publicnet.co.uk/news/2008/02/07/commission-says-cpa-shows-councils-well-placed-to-meet-higher-expectations/",
        "publicnet-2008-02-07-cpa-2007",
        "Commission says CPA shows councils well placed to meet higher expectations",
        PUBLICNET,
        "2008-02-07",
    ),
    src(
        "http://chrisabbott1.blogspot.com/2008/02/council-retains-four-star-status.html",
        "blog-2008-02-07-council-retains-four-stars",
        "Council retains four-star status",
        "Chris Abbott (personal blog)",
        "2008-02-07",
    ),
    src(
        "http://society.guardian.co.uk/localgovt/table/0,,2017411,00.html",
        "guardian-cpa-2006-table-2017411",
        "Comprehensive performance assessment 2006: scores by council, first part (Guardian table)",
        GUARDIAN,
        "",
    ),
    src(
        "http://society.guardian.co.uk/localgovt/table/0,,2017943,00.html",
        "guardian-cpa-2006-table-2017943",
        "Comprehensive performance assessment 2006: scores by council, second part (Guardian table)",
        GUARDIAN,
        "",
    ),
    src(
        "http://society.guardian.co.uk/localgovt/table/0,,2252815,00.html",
        "guardian-cpa-2007-table-2252815",
        "Comprehensive performance assessment 2007: scores by council (Guardian table)",
        GUARDIAN,
        "",
    ),
];

// ---------------------------------------------------------------------------------------
// Published national counts
// ---------------------------------------------------------------------------------------

/// National figures recorded by hand that `national_summaries.csv` does not give. (The
/// first build's other hand counts are in that file, from the same or other sources.)
const SUMMARIES: &[HandSummary] = &[
    // It reports all 150 councils graded.
    HandSummary {
        scheme: "csci-stars",
        date: "2002-05",
        total: Some(150),
        counts: &[],
        source: "herefordtimes-5691357-one-star-rating",
    },
    // Seed 003: 150 councils rated, 40 of them with one star and 8 with none.
    HandSummary {
        scheme: "csci-stars",
        date: "2004-11",
        total: Some(150),
        counts: &[("0 stars", 8), ("1 star", 40)],
        source: SEED_PUBLICNET_2004,
    },
];

/// The scheme and level a figure of `national_summaries.csv` counts: `Some((scheme,
/// None))` for a figure of several levels at once (it goes into the note), `None` for a
/// row this dataset leaves out:
/// - the two councils serving people well in both adults' and children's services in May
///   2002: a count across two judgements, not of one level;
/// - CQC's restatement of the 2007-08 assessment in the words of its 2009 grades: the
///   2007-08 assessment was CSCI's, whose grades were not these.
fn summary_level(
    file_scheme: &str,
    label: &str,
    level: &str,
) -> Result<Option<(&'static str, Option<&'static str>)>, String> {
    let scheme = match file_scheme {
        "csci-stars" => "csci-stars",
        "csci-serving-children" => CHILDREN_SERVED,
        "csci-serving-adults" => return Ok(None),
        "csci-prospects-children" => CHILDREN_PROSPECTS,
        "csci-prospects-adults" => ADULTS_PROSPECTS,
        "apa" if level.starts_with("children's social care") => APA_SOCIAL_CARE,
        "apa" if level.starts_with("capacity to improve") => APA_CAPACITY,
        "apa" => APA,
        "ofsted-annual" => "ofsted-annual",
        "cpa" => "cpa",
        "cpa-stars" => "cpa-stars",
        "cqc-asc-2008" if label.starts_with("2007-08") => return Ok(None),
        "cqc-asc-2008" => "cqc-annual",
        "ofsted-cs" => "ofsted-cs",
        other => return Err(format!("no scheme is recorded for \"{other}\"")),
    };
    let ours = match (scheme, level) {
        ("csci-stars" | "cpa-stars", l) => CPA_STARS.iter().find(|s| **s == l).copied(),
        (CHILDREN_SERVED, "not serving children well") => Some("no"),
        (APA, "grade 1" | "inadequate (grade 1), overall" | "inadequate, overall") => {
            Some(APA_GRADES[0])
        }
        (APA, "grade 2" | "adequate (grade 2), overall" | "adequate (grade 2)" | "adequate") => {
            Some(APA_GRADES[1])
        }
        (APA, "grade 3" | "good (grade 3), overall") => Some(APA_GRADES[2]),
        (APA, "grade 4 (children's services)" | "excellent (grade 4), overall") => {
            Some(APA_GRADES[3])
        }
        (APA_SOCIAL_CARE, "children's social care: good") => Some(APA_GRADES[2]),
        (APA_SOCIAL_CARE, "children's social care: excellent") => Some(APA_GRADES[3]),
        ("ofsted-annual", "performs poorly" | "performing poorly") => Some(OFSTED_ANNUAL_LEVELS[0]),
        ("ofsted-annual", "performs adequately" | "performing adequately") => {
            Some(OFSTED_ANNUAL_LEVELS[1])
        }
        ("ofsted-annual", "performs well" | "performing well" | "good (performs well)") => {
            Some(OFSTED_ANNUAL_LEVELS[2])
        }
        ("ofsted-annual", "performs excellently" | "performing excellently" | "excellent") => {
            Some(OFSTED_ANNUAL_LEVELS[3])
        }
        ("cpa", l) => CPA_CATEGORIES
            .iter()
            .find(|c| c.to_lowercase() == l)
            .copied(),
        ("cqc-annual", "poor") => Some(CQC_ANNUAL_LEVELS[0]),
        ("cqc-annual", "adequate") => Some(CQC_ANNUAL_LEVELS[1]),
        ("cqc-annual", "performing well") => Some(CQC_ANNUAL_LEVELS[2]),
        ("cqc-annual", "performing excellently") => Some(CQC_ANNUAL_LEVELS[3]),
        ("ofsted-cs", "inadequate") => Some(OFSTED_LEVELS[0]),
        ("ofsted-cs", "requires improvement" | "requires improvement to be good") => {
            Some(OFSTED_LEVELS[1])
        }
        ("ofsted-cs", "good") => Some(OFSTED_LEVELS[2]),
        ("ofsted-cs", "outstanding") => Some(OFSTED_LEVELS[3]),
        _ => None,
    };
    // A figure for no single level must say which levels it joins, or what else it counts.
    if ours.is_none() && !SUMMARY_OTHER_LEVELS.contains(&level) {
        return Err(format!(
            "no reading of the level \"{level}\" of {file_scheme}"
        ));
    }
    Ok(Some((scheme, ours)))
}

/// Levels of `national_summaries.csv` that are no single level of their scheme: joined
/// levels, and councils given no grade.
const SUMMARY_OTHER_LEVELS: &[&str] = &[
    "2 or 3 stars",
    "not given a star rating",
    "children's services expected to improve",
    "adult services expected to improve",
    "capacity to improve: grade 3 or 4",
    "capacity to improve: good or excellent",
    "good or better (grade 3 or 4), overall",
    "good or outstanding, overall",
    "excellent or good",
    "not published (further inspections due)",
    "1 star or 0 stars (combined)",
    "3 or 4 stars",
    "performing excellently or well (top two)",
    "performing well or excellently",
    "good or outstanding",
    "requires improvement or inadequate (lowest two grades)",
];

/// Rounds of figures the file gives no publication date for: label, date within the round.
const SUMMARY_ROUND_GAPS: &[(&str, &str)] = &[
    ("2006 (adult social services only)", "2006-11"),
    ("APA 2007", "2007"),
];

/// The date each figure on Ofsted's inspections describes, read from its label (the
/// position at that date); none where the figure describes no one date.
const OFSTED_AS_AT: &[(&str, Option<&str>)] = &[
    (
        "SIF inspections to January 2015 (ADCS analysis, 41 LAs inspected)",
        Some("2015-01"),
    ),
    (
        "SIF inspections published by 30 June 2015 (59 LAs inspected)",
        Some("2015-06-30"),
    ),
    (
        "SIF: inspections published by 30 April 2017 (as at 31 March 2017 release; 127 LAs inspected)",
        Some("2017-04-30"),
    ),
    ("As at 31 October 2017 (SIF completed)", Some("2017-10-31")),
    // A baseline over each council's first inspection, and a count over the whole SIF
    // programme: neither is the position at a date.
    (
        "After each LA's first SIF inspection (baseline as restated in 2019)",
        None,
    ),
    ("SIF programme Nov 2013-2017 (CYPnow count)", None),
    (
        "Inspections published by 30 April 2018 (2017-18 release)",
        Some("2018-04-30"),
    ),
    ("As at 30 September 2018", Some("2018-09-30")),
    (
        "Ofsted Annual Report 2017/18 ('currently', Dec 2018)",
        Some("2018-12-04"),
    ),
    ("As at 31 March 2019", Some("2019-03-31")),
    ("As at 31 August 2019", Some("2019-08-31")),
    ("As at 31 March 2020", Some("2020-03-31")),
    ("As at 31 March 2022", Some("2022-03-31")),
    ("As at 31 March 2024 (ILACS)", Some("2024-03-31")),
];

/// Notes on particular published figures, in the builder's words: (round label, link) →
/// note. A figure not listed needs none.
const SUMMARY_NOTES: &[(&str, &str, &str)] = &[
    (
        "SIF inspections to January 2015 (ADCS analysis, 41 LAs inspected)",
        "https://www.stowefamilylaw.co.uk/blog/2015/01/23/75-per-cent-of-las-not-good-enough-says-ofsted/",
        "only the councils inspected under this framework by then, as directors of children's services counted them, reported on a law firm's blog",
    ),
    (
        "SIF inspections published by 30 June 2015 (59 LAs inspected)",
        "https://www.cypnow.co.uk/print_article/cyp/news/1153160/only-a-quarter-of-councils-rated-good-in-ofsted-inspections?print=true",
        "only the councils inspected under this framework by then; provisional figures",
    ),
    (
        "SIF: inspections published by 30 April 2017 (as at 31 March 2017 release; 127 LAs inspected)",
        "https://gov.uk/government/statistics/childrens-social-care-data-in-england-2017/childrens-social-care-data-in-england-2017-main-findings",
        "only the councils inspected under this framework by then; a later release restates the March 2017 position with other shares",
    ),
    (
        "Inspections published by 30 April 2018 (2017-18 release)",
        "https://www.gov.uk/government/publications/childrens-social-care-data-in-england-2018/childrens-social-care-data-in-england-2017-to-2018-main-findings",
        "the share good or outstanding is cut off in the stored copy of the page",
    ),
    (
        "Ofsted Annual Report 2017/18 ('currently', Dec 2018)",
        "http://www.locumtoday.co.uk/article.php?s=2018-12-04-number-of-authorities-rated-good-or-outstanding-increases&catTitle=social%20workhome%20page%20featured",
        "from the inspectorate's annual report, as a trade site quotes it",
    ),
    (
        "November 2002 (refreshed ratings)",
        "https://bbctodays.pages.dev/2/hi/health/3264195.stm",
        "given looking back in a report of the November 2003 round; read from a mirror copy of the page",
    ),
    (
        "November 2002 (refreshed ratings)",
        "https://www.communitycare.co.uk/2003/11/12/new-ratings-reveal-rise-in-standards/",
        "given looking back in a report of the November 2003 round",
    ),
    (
        "November 2003",
        "https://bbctodays.pages.dev/2/hi/health/3264195.stm",
        "read from a mirror copy of the page",
    ),
    (
        "November 2004 (first CSCI ratings)",
        "http://news.bbc.co.uk/2/hi/health/4485326.stm",
        "given looking back in a report of the 2005 round, whose own figures cover 142 councils; other figures were published for 2004 at the time",
    ),
    (
        "November 2004 (first CSCI ratings)",
        "https://www.publicfinance.co.uk/news/2004/11/time-running-out-zero-star-social-services",
        "a report of the 2005 round, looking back, gives 78",
    ),
    (
        "November 2004 (first CSCI ratings)",
        "http://www.publicnet.co.uk/news/2004/11/19/more-stars-for-social-services-but-poor-performers-cause-worry/",
        "a report of the 2005 round, looking back, gives 36",
    ),
    (
        "1 December 2005 (last combined adults+children ratings)",
        "http://news.bbc.co.uk/2/hi/health/4485326.stm",
        "142 councils were rated; the rest awaited reviews of their children's services",
    ),
    (
        "APA 2006",
        "https://careappointments.com/care-news/england/79036/local-authority-childrens-services-and-social-care-are-improving/",
        "the 102 councils assessed that year",
    ),
    (
        "APA 2006",
        "https://www.cypnow.co.uk/content/other/analysis-every-child-matters-councils-performance-remains-static",
        "given looking back in a 2007 analysis; the source does not make clear that this is the overall grade",
    ),
    (
        "APA 2007",
        "http://news.bbc.co.uk/2/hi/uk_news/7786915.stm",
        "given looking back in a report of the 2008 round",
    ),
    (
        "APA 2007",
        "https://www.cypnow.co.uk/content/other/analysis-every-child-matters-councils-performance-remains-static",
        "the source does not make clear that this is the overall grade",
    ),
    (
        "CPA 2005 (Harder Test)",
        "http://www.standard.co.uk/newsheadlines/warning-over-low-rated-councils-7186945.html",
        "given looking back in a report of the 2006 round",
    ),
    (
        "CPA 2007",
        "https://newssniffer.co.uk/articles/95041/diff/0/1",
        "the counts add up to 148; the source gives no total; read from an archived copy of a BBC story's text",
    ),
    (
        "CPA 2008 (final round)",
        "http://louisebaldock.blogspot.com/2009/03/two-whole-stars-from-audit-commission.html",
        "from a blog quoting the Audit Commission's report",
    ),
];

// ---------------------------------------------------------------------------------------
// Writing RON
// ---------------------------------------------------------------------------------------

/// A RON string literal.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn quoted_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.into_iter().map(quote).collect();
    format!("[{}]", items.join(", "))
}

fn write_ron(data: &Builder) -> String {
    let mut out = String::new();
    let mut line = |indent: usize, text: &str| {
        out.push_str(&"    ".repeat(indent));
        out.push_str(text);
        out.push('\n');
    };
    line(
        0,
        "// Generated by `cargo run --example build_dataset` (tools/dataset.rs) from ../shared/data",
    );
    line(
        0,
        "// and the seed articles. Do not edit by hand: change the builder and run it again.",
    );
    line(0, "Dataset(");
    line(1, &format!("title: {},", quote(TITLE)));
    line(1, &format!("description: {},", quote(DESCRIPTION)));
    line(1, "schemes: [");
    for s in SCHEMES {
        line(2, "Scheme(");
        line(3, &format!("id: {},", quote(s.id)));
        line(3, &format!("name: {},", quote(s.name)));
        line(3, &format!("body: {},", quote(s.body)));
        if let Some(parent) = s.parent {
            line(3, &format!("parent: {},", quote(parent)));
        }
        match &s.scale {
            Scale::Ordinal(levels) => line(
                3,
                &format!("scale: Ordinal({}),", quoted_list(levels.iter().copied())),
            ),
            Scale::NumericLowerBetter(unit) => line(
                3,
                &format!("scale: Numeric(unit: {}, better: Lower),", quote(unit)),
            ),
        }
        let life = data.lives.get(s.id);
        if let Some(until) = life.and_then(|l| l.until.as_deref()) {
            line(3, &format!("until: {},", quote(until)));
        }
        if let Some(life) = life {
            if !life.rounds.is_empty() {
                line(
                    3,
                    &format!(
                        "rounds: {},",
                        quoted_list(life.rounds.iter().map(String::as_str))
                    ),
                );
            }
            if let Some(source) = &life.source {
                line(3, &format!("source: {},", quote(source)));
            }
            if let Some(note) = &life.note {
                line(3, &format!("note: {},", quote(note)));
            }
        }
        if !s.eras.is_empty() {
            let eras: Vec<String> = s
                .eras
                .iter()
                .map(|(name, from)| format!("({}, {})", quote(name), quote(from)))
                .collect();
            line(3, &format!("eras: [{}],", eras.join(", ")));
        }
        line(2, "),");
    }
    line(1, "],");
    line(1, "councils: [");
    for c in data.councils.values() {
        line(2, "Council(");
        line(3, &format!("id: {},", quote(&c.id)));
        line(3, &format!("name: {},", quote(&c.name)));
        if let Some(code) = &c.code {
            line(3, &format!("code: {},", quote(code)));
        }
        if !c.aliases.is_empty() {
            line(
                3,
                &format!(
                    "aliases: {},",
                    quoted_list(c.aliases.iter().map(String::as_str))
                ),
            );
        }
        if let Some(region) = &c.region {
            line(3, &format!("region: {},", quote(region)));
        }
        if let Some(kind) = &c.kind {
            line(3, &format!("kind: {},", quote(kind)));
        }
        if !c.neighbours.is_empty() {
            line(
                3,
                &format!(
                    "neighbours: {},",
                    quoted_list(c.neighbours.iter().map(String::as_str))
                ),
            );
        }
        if !c.succeeded_by.is_empty() {
            line(
                3,
                &format!(
                    "succeeded_by: {},",
                    quoted_list(c.succeeded_by.iter().map(String::as_str))
                ),
            );
        }
        if let Some(ended) = &c.ended {
            line(3, &format!("ended: {},", quote(ended)));
        }
        if !c.ratings.is_empty() {
            line(3, "ratings: [");
            for r in &c.ratings {
                let mut fields = vec![
                    format!("scheme: {}", quote(r.scheme)),
                    format!("date: {}", quote(&r.date)),
                ];
                match &r.grade {
                    Grade::Level(level) => fields.push(format!("level: {}", quote(level))),
                    Grade::Value(value) => fields.push(format!("value: {value:?}")),
                    Grade::None => {}
                }
                if let Some(note) = &r.note {
                    fields.push(format!("note: {}", quote(note)));
                }
                fields.push(format!("source: {}", quote(&r.source)));
                line(4, &format!("Rating({}),", fields.join(", ")));
            }
            line(3, "],");
        }
        line(2, "),");
    }
    line(1, "],");
    if !data.summaries.is_empty() {
        line(1, "summaries: [");
        for s in &data.summaries {
            let mut fields = vec![
                format!("scheme: {}", quote(s.scheme)),
                format!("date: {}", quote(&s.date)),
            ];
            if let Some(total) = s.total {
                fields.push(format!("total: {total}"));
            }
            if !s.counts.is_empty() {
                let counts: Vec<String> = s
                    .counts
                    .iter()
                    .map(|(level, n)| format!("{}: {n}", quote(level)))
                    .collect();
                fields.push(format!("counts: {{{}}}", counts.join(", ")));
            }
            if !s.shares.is_empty() {
                let shares: Vec<String> = s
                    .shares
                    .iter()
                    .map(|(level, p)| format!("{}: {p:?}", quote(level)))
                    .collect();
                fields.push(format!("shares: {{{}}}", shares.join(", ")));
            }
            if let Some(note) = &s.note {
                fields.push(format!("note: {}", quote(note)));
            }
            fields.push(format!("source: {}", quote(&s.source)));
            line(2, &format!("Summary({}),", fields.join(", ")));
        }
        line(1, "],");
    }
    line(1, "sources: [");
    for s in data.sources.values() {
        let mut fields = vec![
            format!("id: {}", quote(&s.id)),
            format!("title: {}", quote(&s.title)),
        ];
        for (name, value) in [
            ("publisher", &s.publisher),
            ("date", &s.date),
            ("url", &s.url),
        ] {
            if let Some(value) = value {
                fields.push(format!("{name}: {}", quote(value)));
            }
        }
        line(2, &format!("Source({}),", fields.join(", ")));
    }
    line(1, "],");
    line(0, ")");
    out
}
