//! When each scheme published in rounds came out, and when it ended.

use super::*;

impl Builder {
    // -----------------------------------------------------------------------------------
    // Rounds: when each scheme published in rounds came out, and when it ended
    // -----------------------------------------------------------------------------------

    pub(super) fn rounds(&mut self, table: &Table, summaries: &Table) -> Result<(), String> {
        // Pages the national figures also cite carry their titles there.
        let mut titled: HashMap<String, (String, String, String)> = HashMap::new();
        for row in summaries.rows() {
            titled.entry(row.get("source_url")?.to_owned()).or_insert((
                row.get("source_title")?.to_owned(),
                row.get("source_publisher")?.to_owned(),
                row.get("source_date")?.to_owned(),
            ));
        }
        for (url, title, publisher, date) in &facts().rounds.round_pages {
            titled.insert(
                (*url).to_owned(),
                (
                    (*title).to_owned(),
                    (*publisher).to_owned(),
                    (*date).to_owned(),
                ),
            );
        }
        for s in &facts().schemes.schemes {
            self.lives.insert(
                s.id,
                Life {
                    until: s.until.map(str::to_owned),
                    covered_until: None,
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
                "" => facts()
                    .rounds
                    .round_gaps
                    .iter()
                    .find(|(f, l, _)| *f == file_scheme && *l == label)
                    .map(|(_, _, d)| (*d).to_owned())
                    .ok_or_else(|| at(format!("the round \"{label}\" has no date")))?,
                d => d.to_owned(),
            };
            check_date(&date).map_err(at)?;
            self.carried(&row);
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
                    covered_until: None,
                    rounds: stars.clone(),
                    source: Some(stars_end_source.clone()),
                    note: Some(facts().rounds.star_rounds_note.to_owned()),
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
                    covered_until: None,
                    rounds: stars[..=last_children].to_vec(),
                    source: Some(children_source.clone()),
                    note: Some(facts().rounds.children_parts_note.to_owned()),
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
                covered_until: None,
                rounds: stars
                    .iter()
                    .filter(|d| d.as_str() < served_until)
                    .cloned()
                    .collect(),
                source: None,
                note: Some(facts().rounds.adults_served_note.to_owned()),
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
                    until: Some(facts().rounds.apa_until.to_owned()),
                    covered_until: None,
                    rounds: apa.clone(),
                    source: Some(apa_end_source.clone()),
                    note: Some(facts().rounds.apa_note.to_owned()),
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
                covered_until: None,
                rounds: dates(&cpa_rows[..first_stars]),
                source: Some(cpa_rows[first_stars].1.clone()),
                note: Some(facts().rounds.cpa_categories_note.to_owned()),
            },
        ));
        for id in ["cpa-stars", "cpa-children", "cpa-adult-social-care"] {
            lives.push((
                id,
                Life {
                    until: Some(cpa_end.clone()),
                    covered_until: None,
                    rounds: dates(&cpa_rows[first_stars..]),
                    source: Some(cpa_end_source.clone()),
                    note: Some(facts().rounds.cpa_stars_note.to_owned()),
                },
            ));
        }

        // Ofsted's annual rating.
        let (annual_end, annual_end_source) = ended("ofsted_annual_childrens_services_rating")?;
        lives.push((
            "ofsted-annual",
            Life {
                until: Some(annual_end),
                covered_until: None,
                rounds: dates(&part("ofsted_annual_childrens_services_rating")?.0),
                source: Some(annual_end_source),
                note: Some(facts().rounds.ofsted_annual_note.to_owned()),
            },
        ));

        // CQC's annual assessment: its rounds are dated by the national figures' sources.
        let cqc_source = self.source_for(
            facts().rounds.cqc_annual_source.0,
            facts().rounds.cqc_annual_source.1,
            "",
            facts().rounds.cqc_annual_source.2,
        )?;
        self.round_sources.insert(cqc_source.clone());
        lives.push((
            "cqc-annual",
            Life {
                until: Some(facts().rounds.cqc_annual_until.to_owned()),
                covered_until: None,
                rounds: facts()
                    .rounds
                    .cqc_annual_rounds
                    .iter()
                    .map(|d| (*d).to_owned())
                    .collect(),
                source: Some(cqc_source),
                note: Some(facts().rounds.cqc_annual_note.to_owned()),
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
                    covered_until: None,
                    rounds: facts()
                        .rounds
                        .paf_years
                        .iter()
                        .map(|y| (*y).to_owned())
                        .collect(),
                    source: Some(paf_source.clone()),
                    note: Some(facts().rounds.paf_note.to_owned()),
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
}
