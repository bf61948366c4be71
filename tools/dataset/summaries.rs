//! The seed articles' ratings and the published national figures.

use super::*;

impl Builder {
    // -----------------------------------------------------------------------------------
    // Facts from the seed articles (prose, so written down here with their source)
    // -----------------------------------------------------------------------------------

    /// The ratings the seed articles give (`facts/seeds.ron`).
    pub(super) fn seed_facts(&mut self) -> Result<(), String> {
        for seed in &facts().seeds.ratings {
            let grade = match (seed.level, seed.value) {
                (Some(level), None) => Grade::Level(level),
                (None, Some(value)) => Grade::Value(value),
                _ => {
                    return Err(format!(
                        "the seed rating of {} in {} on {} needs a level or a value",
                        seed.council, seed.scheme, seed.date
                    ));
                }
            };
            let rating = Found {
                scheme: scheme(seed.scheme)?.id,
                date: seed.date.to_owned(),
                grade,
                note: seed.note.map(str::to_owned),
                source: self.source_with_id(seed.source)?,
            };
            self.rate(seed.council, rating)?;
        }
        Ok(())
    }

    /// Hand-recorded national figures that `national_summaries.csv` does not give, each
    /// dated by its round.
    pub(super) fn national_counts(&mut self) -> Result<(), String> {
        for summary in &facts().summaries.summaries {
            let def = scheme(summary.scheme)?;
            for (level, _) in &summary.counts {
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
                scheme: text(def.id),
                date: text(date),
                total: summary.total,
                counts: summary
                    .counts
                    .iter()
                    .map(|&(level, n)| (text(level), n))
                    .collect(),
                shares: BTreeMap::new(),
                sets: Vec::new(),
                unrated: None,
                source: Some(text(source)),
                note: None,
            });
        }
        Ok(())
    }

    /// Every published national figure of `national_summaries.csv`: one summary for each
    /// scheme, round and source, with the counts and shares exactly as stated, a figure for
    /// several levels at once as a set, and councils given no rating as `unrated`.
    pub(super) fn national_summaries(&mut self, table: &Table) -> Result<(), String> {
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
            sets: Vec<RawSet<'static>>,
            unrated: Option<u32>,
            lines: Vec<usize>,
        }
        let mut groups: Vec<Group> = Vec::new();
        for row in table.rows() {
            let at = |e: String| row.error(&e);
            let file_scheme = row.get("scheme")?;
            let label = row.get("round_label")?;
            let level = row.get("level")?;
            let (scheme, figure) = summary_level(file_scheme, label, level).map_err(at)?;
            let date = self
                .summary_date(scheme, label, row.get("publication_date")?)
                .map_err(at)?;
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
                        sets: Vec::new(),
                        unrated: None,
                        lines: Vec::new(),
                    });
                    groups.len() - 1
                }
            };
            let group = &mut groups[i];
            group.lines.push(row.line);
            if row.get("source_date")? != group.source_date {
                return Err(at("two dates for one source".to_owned()));
            }
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
            match figure {
                Figure::Level(level) => {
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
                Figure::Set(set) => {
                    if group.sets.iter().any(|s| *s.label == *set.label) {
                        return Err(at(format!("two figures for {}", set.label)));
                    }
                    group.sets.push(RawSet {
                        label: text(set.label),
                        levels: texts(set.levels.iter().copied()),
                        count,
                        share,
                    });
                }
                Figure::Unrated => {
                    let (Some(count), None) = (count, share) else {
                        return Err(at("councils not rated are counted, not shared".to_owned()));
                    };
                    if group.unrated.replace(count).is_some() {
                        return Err(at("two counts of councils not rated".to_owned()));
                    }
                }
            }
        }
        let mut noted = HashSet::new();
        for group in groups {
            let source = self.source_for(
                &group.url,
                &group.title,
                &group.publisher,
                &group.source_date,
            )?;
            // The summary's source carries the source's own date, where the file gives one.
            let dated = self.sources.get(&source).and_then(|s| s.date.as_deref());
            if !group.source_date.is_empty() && dated != Some(group.source_date.as_str()) {
                return Err(format!(
                    "{SUMMARIES_FILE}: the source {source} is dated {dated:?}, not {} as the file gives it",
                    group.source_date
                ));
            }
            let hand =
                match facts()
                    .summaries
                    .summary_notes
                    .iter()
                    .position(|(scheme, label, url, _)| {
                        *scheme == group.scheme && *label == group.label && *url == group.url
                    }) {
                    Some(i) => {
                        noted.insert(i);
                        facts().summaries.summary_notes[i].3
                    }
                    None => "",
                };
            self.summaries.push(Summary {
                scheme: text(group.scheme),
                date: text(group.date),
                total: group.total,
                counts: group
                    .counts
                    .into_iter()
                    .map(|(l, n)| (text(l), n))
                    .collect(),
                shares: group
                    .shares
                    .into_iter()
                    .map(|(l, p)| (text(l), p))
                    .collect(),
                sets: group.sets,
                unrated: group.unrated,
                source: Some(text(source)),
                note: non_empty(hand).map(text),
            });
            for line in group.lines {
                self.fates
                    .insert((SUMMARIES_FILE.to_owned(), line), Fate::Carried);
            }
        }
        if noted.len() != facts().summaries.summary_notes.len() {
            return Err(format!(
                "a note of facts().summaries.summary_notes matches no figure of {SUMMARIES_FILE}"
            ));
        }
        Ok(())
    }

    /// The date of a national figure: its scheme's round, or for Ofsted's inspections the
    /// date the figure describes.
    pub(super) fn summary_date(
        &self,
        scheme: &'static str,
        label: &str,
        published: &str,
    ) -> Result<String, String> {
        let rounds = &self.lives[scheme].rounds;
        if rounds.is_empty() {
            return facts()
                .summaries
                .ofsted_as_at
                .iter()
                .find(|(l, _)| *l == label)
                .map(|(_, d)| (*d).to_owned())
                .ok_or_else(|| format!("no date is recorded for the figures \"{label}\""));
        }
        let date = match published {
            "" => facts()
                .summaries
                .summary_round_gaps
                .iter()
                .find(|(l, _)| *l == label)
                .map(|(_, d)| *d)
                .ok_or_else(|| format!("no round is recorded for the figures \"{label}\""))?,
            d => d,
        };
        round_of(rounds, date)
    }
}
// ---------------------------------------------------------------------------------------
// Sources recorded by hand
// ---------------------------------------------------------------------------------------

pub(super) const SEED_THEN_THERE_WERE_THREE: &str =
    "communitycare-2004-11-19-then-there-were-three";
pub(super) const CQC_SOURCE: &str = "cqc-asc-assessments-2025-10";

// ---------------------------------------------------------------------------------------
// Published national counts
// ---------------------------------------------------------------------------------------

/// What a figure of `national_summaries.csv` counts: one level, a set of levels, or the
/// councils given no rating.
pub(super) enum Figure {
    Level(&'static str),
    Set(&'static LevelSet<'static>),
    Unrated,
}

/// The scheme a figure of `national_summaries.csv` belongs to, and what it counts. Two
/// of the file's schemes are read by their rows:
/// - the two councils serving people well in both adults' and children's services in May
///   2002 are a figure of the judgement that does not split adults from children;
/// - CQC's restatement of the 2007-08 assessment in the words of its 2009 grades is a
///   figure of the assessment CSCI made then, whose outcome grades CQC's words restate
///   (see the facts' `level_words`).
pub(super) fn summary_level(
    file_scheme: &str,
    label: &str,
    level: &str,
) -> Result<(&'static str, Figure), String> {
    let scheme = match file_scheme {
        "csci-stars" => "csci-stars",
        "csci-serving-children" => CHILDREN_SERVED,
        "csci-serving-adults" if level.contains("BOTH adult and child") => SERVED_BOTH,
        "csci-serving-adults" => ADULTS_SERVED,
        "csci-prospects-children" => CHILDREN_PROSPECTS,
        "csci-prospects-adults" => ADULTS_PROSPECTS,
        "apa" if level.starts_with("children's social care") => APA_SOCIAL_CARE,
        "apa" if level.starts_with("capacity to improve") => APA_CAPACITY,
        "apa" => APA,
        "ofsted-annual" => "ofsted-annual",
        "cpa" => "cpa",
        "cpa-stars" => "cpa-stars",
        "cqc-asc-2008" if label.starts_with("2007-08") => ADULTS_OUTCOMES,
        "cqc-asc-2008" => "cqc-annual",
        "ofsted-cs" => "ofsted-cs",
        other => return Err(format!("no scheme is recorded for \"{other}\"")),
    };
    // The level by its own name, in any case, or by a wording the file uses for it.
    let single = levels(scheme)
        .iter()
        .find(|l| l.eq_ignore_ascii_case(level))
        .or_else(|| {
            facts()
                .summaries
                .level_words
                .iter()
                .find(|(s, words, _)| *s == scheme && words.contains(&level))
                .map(|(_, _, l)| l)
        })
        .copied();
    if let Some(level) = single {
        return Ok((scheme, Figure::Level(level)));
    }
    if facts().summaries.unrated_words.contains(&level) {
        return Ok((scheme, Figure::Unrated));
    }
    let set = facts()
        .summaries
        .level_sets
        .iter()
        .find(|s| s.scheme == scheme && s.words.contains(&level))
        .ok_or_else(|| format!("no reading of the level \"{level}\" of {file_scheme}"))?;
    for l in &set.levels {
        rank_in(scheme, l)?;
    }
    Ok((scheme, Figure::Set(set)))
}
