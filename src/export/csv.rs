//! The tidy CSV export: one row per rating, in the columns the README lists (the
//! dataset's facts, then `date_start` and `source_title`).

use crate::data::model::{Grade, format_value};
use crate::data::{Dataset, Date};

/// The header row, in order. `date_start` and `source_title` came last, after files
/// without them were written: `import` reads files with or without them.
pub const COLUMNS: [&str; 15] = [
    "council_id",
    "council_name",
    "code",
    "region",
    "scheme_id",
    "scheme_name",
    "date",
    "level",
    "rank",
    "value",
    "note",
    "source_id",
    "source_url",
    "date_start",
    "source_title",
];

/// The CSV text for `councils`, in the order given, each council's ratings oldest first.
pub fn render(dataset: &Dataset, councils: &[usize]) -> Result<Vec<u8>, String> {
    let mut out = ::csv::Writer::from_writer(Vec::new());
    let fail = |e: ::csv::Error| e.to_string();
    out.write_record(COLUMNS).map_err(fail)?;
    for council in councils.iter().map(|&i| &dataset.councils[i]) {
        for rating in &council.ratings {
            let scheme = dataset.scheme(rating.scheme);
            let source = rating.source.map(|s| dataset.source(s));
            let (level, rank, value) = match rating.grade {
                Grade::Level(rank) => (
                    scheme.describe(rating.grade),
                    (u16::from(rank) + 1).to_string(),
                    String::new(),
                ),
                Grade::Value(value) => (String::new(), String::new(), format_value(value)),
                Grade::Ungraded => (String::new(), String::new(), String::new()),
            };
            // rank and value are numbers and the dates dates, all formatted by trajex: a
            // negative value stays a number a spreadsheet can add up, so only text cells
            // are neutralised.
            let record = [
                neutralise(&council.id),
                neutralise(&council.name),
                neutralise(council.code.as_deref().unwrap_or("")),
                neutralise(council.region.as_deref().unwrap_or("")),
                neutralise(&scheme.id),
                neutralise(&scheme.name),
                rating.date.to_string(),
                neutralise(&level),
                rank,
                value,
                neutralise(rating.note.as_deref().unwrap_or("")),
                neutralise(source.map_or("", |s| &s.id)),
                neutralise(source.and_then(|s| s.url.as_deref()).unwrap_or("")),
                date_start(rating.date),
                neutralise(source.map_or("", |s| &s.title)),
            ];
            out.write_record(&record).map_err(fail)?;
        }
    }
    out.into_inner().map_err(|e| e.to_string())
}

/// The first day of `date`'s period, always `YYYY-MM-DD`: `2004-11` gives `2004-11-01`,
/// `2000` gives `2000-01-01`, a full date itself. Spreadsheets and pandas read the
/// column as one type, where the `date` column mixes three precisions.
pub fn date_start(date: Date) -> String {
    Date::from_days(date.first_day()).to_string()
}

/// A cell a spreadsheet would run as a formula, with a leading `'` so it shows as text.
/// [`restore`] undoes it exactly.
pub fn neutralise(cell: &str) -> String {
    if needs_quote(cell) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// The cell [`neutralise`] was given, from what it wrote: `import` reads a CSV back.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_quote(rest) => rest,
        _ => cell,
    }
}

/// Whether a cell starts like a formula, after any `'` already before it. Counting those
/// quotes makes a cell that merely looks neutralised (`'=x`) get a quote of its own, so
/// [`restore`] never strips a quote that was part of the data.
fn needs_quote(cell: &str) -> bool {
    matches!(
        cell.trim_start_matches('\'').chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture;

    fn rows(councils: &[usize]) -> Vec<Vec<String>> {
        let bytes = render(&fixture::dataset(), councils).unwrap();
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(bytes.as_slice());
        reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn the_header_names_the_tidy_columns_and_there_is_no_byte_order_mark() {
        let bytes = render(&fixture::dataset(), &[0]).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with(
            "council_id,council_name,code,region,scheme_id,scheme_name,date,level,rank,value,note,source_id,source_url,date_start,source_title\n"
        ));
    }

    #[test]
    fn one_row_per_rating_oldest_first_in_the_order_councils_are_given() {
        let rows = rows(&[1, 0]);
        assert_eq!(rows.len(), 1 + 1 + 8);
        assert_eq!(
            rows[1][..9],
            [
                "newham",
                "Newham",
                "",
                "London",
                "ofsted-cs",
                "Children's services: overall effectiveness",
                "2019",
                "Requires improvement to be good",
                "2"
            ]
        );
        let dates: Vec<&str> = rows[2..].iter().map(|r| r[6].as_str()).collect();
        assert_eq!(
            dates,
            [
                "2002-05",
                "2004-11",
                "2017-04",
                "2017-04-07",
                "2019",
                "2019-07-22",
                "2019-07-22",
                "2026-05"
            ]
        );
    }

    #[test]
    fn levels_carry_a_rank_from_one_values_carry_a_number_and_ungraded_carry_neither() {
        let rows = rows(&[0]);
        let first = &rows[1];
        assert_eq!(
            first[7..],
            [
                "1 star",
                "2",
                "",
                "prospects: promising | excellent",
                "cc-2004",
                "https://www.communitycare.co.uk/2004/11/19/then-there-were-three/",
                "2002-05-01",
                "Then there were three"
            ]
        );
        let caseload = rows
            .iter()
            .find(|r| r[4] == "caseload" && r[6] == "2019")
            .unwrap();
        assert_eq!(caseload[7..10], ["", "", "16.5"]);
        let ungraded = rows.last().unwrap();
        assert_eq!(
            ungraded[7..11],
            ["", "", "", "no overall grade under the 2026 framework"]
        );
    }

    #[test]
    fn a_formula_in_a_cell_is_neutralised_with_a_quote() {
        let rows = rows(&[0]);
        let caseload = rows
            .iter()
            .find(|r| r[4] == "caseload" && r[6] == "2017-04")
            .unwrap();
        assert_eq!(caseload[10], "'=HYPERLINK(\"x\")");
        for (cell, shown) in [
            ("+1", "'+1"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("a=b", "a=b"),
            ("", ""),
            ("'=x", "''=x"),
            ("'x", "'x"),
            ("'", "'"),
        ] {
            assert_eq!(neutralise(cell), shown);
        }
    }

    #[test]
    fn restore_gives_back_exactly_the_cell_that_was_neutralised() {
        for cell in [
            "=HYPERLINK(\"x\")",
            "+1",
            "-1",
            "@x",
            "\tx",
            "\rx",
            "'=x",
            "''-x",
            "'x",
            "'",
            "''",
            "plain",
            "",
        ] {
            assert_eq!(restore(&neutralise(cell)), cell, "{cell:?}");
        }
        assert_eq!(
            restore("=typed"),
            "=typed",
            "a bare formula is kept as typed"
        );
    }

    #[test]
    fn date_start_is_the_first_day_of_the_date_at_any_precision() {
        for (date, start) in [
            ("2004-11", "2004-11-01"),
            ("2000", "2000-01-01"),
            ("2019-07-22", "2019-07-22"),
            ("2024-02", "2024-02-01"),
            ("0001", "0001-01-01"),
            ("9999-12", "9999-12-01"),
        ] {
            assert_eq!(date_start(Date::parse(date).unwrap()), start, "{date}");
        }
        let rows = rows(&[0]);
        let starts: Vec<(&str, &str)> = rows[1..]
            .iter()
            .map(|r| (r[6].as_str(), r[13].as_str()))
            .collect();
        assert_eq!(
            starts,
            [
                ("2002-05", "2002-05-01"),
                ("2004-11", "2004-11-01"),
                ("2017-04", "2017-04-01"),
                ("2017-04-07", "2017-04-07"),
                ("2019", "2019-01-01"),
                ("2019-07-22", "2019-07-22"),
                ("2019-07-22", "2019-07-22"),
                ("2026-05", "2026-05-01"),
            ]
        );
    }

    #[test]
    fn source_title_is_the_cited_sources_title_empty_without_one_and_neutralised() {
        let mut dataset = fixture::dataset();
        let titles = |dataset: &Dataset| -> Vec<(String, String)> {
            let bytes = render(dataset, &[0]).unwrap();
            let mut reader = ::csv::Reader::from_reader(bytes.as_slice());
            reader
                .records()
                .map(|r| {
                    let r = r.unwrap();
                    (r[11].to_owned(), r[14].to_owned())
                })
                .collect()
        };
        let before = titles(&dataset);
        assert_eq!(
            before[0],
            ("cc-2004".into(), "Then there were three".into())
        );
        assert_eq!(
            before[3],
            (
                "ofsted-2017".into(),
                "Tower Hamlets [inspection] 2017".into()
            )
        );
        assert_eq!(before[2], (String::new(), String::new()), "no source");
        let at = dataset
            .sources
            .iter()
            .position(|s| s.id == "ofsted-2017")
            .unwrap();
        dataset.sources[at].title = "=HYPERLINK(\"http://evil\")".into();
        assert_eq!(titles(&dataset)[3].1, "'=HYPERLINK(\"http://evil\")");
    }
}
