use super::*;
use crate::data::load::{PER_KIND, parse};
use crate::data::model::Grade;
use crate::export::fixture;

fn csv_of(dataset: &Dataset, councils: &[usize]) -> String {
    let bytes = export::render(dataset, councils, export::Format::Csv, fixture::today()).unwrap();
    String::from_utf8(bytes).unwrap()
}

/// The CSV imported against `catalogue`, written as RON and loaded again.
fn through_ron(csv: &str, catalogue: &Dataset) -> Dataset {
    let imported = match from_csv(csv.as_bytes(), "in.csv", catalogue, "the catalogue") {
        Ok(imported) => imported,
        Err(e) => panic!("the CSV does not import:\n{e}\n\n{csv}"),
    };
    let ron = String::from_utf8(imported.to_ron().unwrap()).unwrap();
    match parse(&ron, "out.ron") {
        Ok(loaded) => loaded.dataset,
        Err(e) => panic!("the import does not load:\n{e}\n\n{ron}"),
    }
}

fn problems(csv: &str) -> Vec<String> {
    match from_csv(
        csv.as_bytes(),
        "in.csv",
        &fixture::dataset(),
        "the catalogue",
    ) {
        Ok(_) => panic!("imported:\n{csv}"),
        Err(e) => e.to_string().lines().map(str::to_owned).collect(),
    }
}

fn shown(warnings: &[Problem]) -> Vec<String> {
    warnings
        .iter()
        .map(|w| w.located("in.csv").to_string())
        .collect()
}

const HEADER: &str = "council_id,council_name,code,region,scheme_id,scheme_name,date,level,rank,value,note,source_id,source_url\n";

#[test]
fn every_embedded_council_comes_back_byte_for_byte() {
    let embedded = parse(crate::data::EMBEDDED, "embedded").unwrap().dataset;
    let mut checked = 0;
    for (i, council) in embedded.councils.iter().enumerate() {
        if council.ratings.is_empty() {
            continue;
        }
        let csv = csv_of(&embedded, &[i]);
        let back = through_ron(&csv, &embedded);
        assert_eq!(csv_of(&back, &[0]), csv, "{}", council.id);
        checked += 1;
    }
    assert!(checked > 100, "only {checked} councils have ratings");
}

#[test]
fn the_fixture_comes_back_with_its_formula_note_as_it_was() {
    let original = fixture::dataset();
    let csv = csv_of(&original, &[0, 1]);
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    let back = through_ron(&csv, &original);
    assert_eq!(csv_of(&back, &[0, 1]), csv);
    let notes: Vec<&str> = back.councils[0]
        .ratings
        .iter()
        .filter_map(|r| r.note.as_deref())
        .collect();
    assert!(notes.contains(&"=HYPERLINK(\"x\")"), "{notes:?}");
    let schemes: Vec<&str> = back.schemes.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        schemes,
        [
            "csci-stars",
            "ofsted-cs",
            "ofsted-cs-care-leavers",
            "caseload"
        ],
        "only the schemes used"
    );
    assert_eq!(
        back.summaries.len(),
        1,
        "the used scheme's summary is carried"
    );
    assert_eq!(back.title, "Imported from in.csv");
}

#[test]
fn columns_may_come_in_any_order_and_optional_ones_may_be_missing() {
    let csv = "\u{feff}date,scheme_id,council_name,council_id,level\n2019,ofsted-cs,Newham,newham,Good\n2021-03,ofsted-cs,Newham,newham,\n";
    let back = through_ron(csv, &fixture::dataset());
    let newham = &back.councils[0];
    assert_eq!(
        (
            newham.id.as_str(),
            newham.code.as_deref(),
            newham.ratings.len()
        ),
        ("newham", None, 2)
    );
    assert_eq!(newham.ratings[0].grade, Grade::Level(2));
    assert_eq!(newham.ratings[1].grade, Grade::Ungraded);
}

#[test]
fn a_row_citing_a_new_source_before_the_row_giving_its_url_still_finds_it() {
    let csv = format!(
        "{HEADER}newham,Newham,,,ofsted-cs,,2019,Good,,,,mine,\nnewham,Newham,,,ofsted-cs,,2021,Outstanding,,,,mine,https://example.org/mine\n"
    );
    let back = through_ron(&csv, &fixture::dataset());
    assert_eq!(back.sources.len(), 1);
    let mine = &back.sources[0];
    assert_eq!(
        (mine.id.as_str(), mine.title.as_str()),
        ("mine", "https://example.org/mine")
    );
    assert_eq!(mine.url.as_deref(), Some("https://example.org/mine"));
    assert!(back.councils[0].ratings.iter().all(|r| r.source == Some(0)));
}

#[test]
fn each_problem_names_its_line_and_column_and_all_come_at_once() {
    let csv = format!(
        "{HEADER}\
         newham,Newham,,London,ofsted-cs,,2019,Good,4,,,,\n\
         newham,Newham,,London,ofsted-cs,,2020,,,,\"two\nlines\",nowhere,\n\
         newham,Newham,,Londres,caseload,,2021,,,twelve,,,\n\
         newham,Newham,,London,ofsted-cs,,2019,Good,,,,,\n\
         a,b,c\n"
    );
    assert_eq!(
        problems(&csv),
        [
            "in.csv:2:9: in column rank, \"4\" is not the rank of \"Good\", which is 3 (1 = worst)",
            "in.csv:4:12: in column source_id, source \"nowhere\" is not defined in the catalogue and no row gives its source_url to make one from",
            "in.csv:5:4: in column region, council \"newham\" has \"Londres\" here but \"London\" on line 2, its first row",
            "in.csv:5:10: in column value, \"twelve\" is not a number",
            "in.csv:6:7: in column date, council \"newham\" has two ratings in scheme \"ofsted-cs\" dated 2019 (the other on line 2)",
            "in.csv:7:1: this row has 3 cells but the header names 13 columns",
        ]
    );
}

#[test]
fn a_cell_that_is_not_utf8_is_named_and_a_flood_of_problems_is_cut_short() {
    let mut csv = HEADER.as_bytes().to_vec();
    csv.extend_from_slice(b"newham,Newh\xe2m,,,ofsted-cs,,2019,Good,,,,,\n");
    let err = from_csv(&csv, "in.csv", &fixture::dataset(), "the catalogue")
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "in.csv:2:2: this cell is not UTF-8 text: save the file as \"CSV UTF-8\""
    );

    let rows: String = (0..60)
        .map(|i| format!("c{i},C,,,nope,,2019,Good,,,,,\n"))
        .collect();
    let lines = problems(&format!("{HEADER}{rows}"));
    // The first names the catalogue's schemes (a kind of its own); of the other 59,
    // 50 are listed and the rest counted.
    assert_eq!(lines.len(), 1 + PER_KIND + 1, "{lines:#?}");
    assert!(
        lines[PER_KIND + 1].ends_with(
            "in column scheme_id, … and 9 more like this: scheme \"nope\" is not defined in the catalogue"
        ),
        "{lines:#?}"
    );
}

#[test]
fn a_scheme_name_or_url_unlike_the_catalogues_is_a_warning_once() {
    let csv = format!(
        "{HEADER}newham,Newham,,,ofsted-cs,Renamed,2019,Good,,,,ofsted-2019,https://elsewhere\nnewham,Newham,,,ofsted-cs,Renamed,2020,Good,,,,,\n"
    );
    let imported = from_csv(
        csv.as_bytes(),
        "in.csv",
        &fixture::dataset(),
        "the catalogue",
    )
    .unwrap();
    assert_eq!(
        shown(&imported.warnings),
        [
            "in.csv:2:6: warning: in column scheme_name, \"Renamed\" is not the name of scheme \"ofsted-cs\" in the catalogue; the dataset keeps \"Children's services: overall effectiveness\"",
            "in.csv:2:13: warning: in column source_url, \"https://elsewhere\" is not the URL of source \"ofsted-2019\" in the catalogue; the dataset keeps none",
        ]
    );
}

const HEADER_15: &str = "council_id,council_name,code,region,scheme_id,scheme_name,date,level,rank,value,note,source_id,source_url,date_start,source_title\n";

#[test]
fn the_fixture_with_the_new_columns_comes_back_and_an_old_file_still_imports() {
    let original = fixture::dataset();
    let csv = csv_of(&original, &[0, 1]);
    assert!(csv.starts_with(HEADER_15), "{csv}");
    let back = through_ron(&csv, &original);
    assert_eq!(csv_of(&back, &[0, 1]), csv);

    // The same rows without the two trailing columns, as files were written before.
    let old: String = csv
        .lines()
        .map(|line| {
            let mut reader = ::csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(line.as_bytes());
            let record = reader.records().next().unwrap().unwrap();
            let mut out = ::csv::Writer::from_writer(Vec::new());
            out.write_record(record.iter().take(13)).unwrap();
            String::from_utf8(out.into_inner().unwrap()).unwrap()
        })
        .collect();
    assert!(old.starts_with(HEADER), "{old}");
    let back = through_ron(&old, &original);
    assert_eq!(csv_of(&back, &[0, 1]), csv, "the same dataset either way");
}

#[test]
fn a_source_the_catalogue_lacks_is_titled_by_source_title_and_comes_back_byte_for_byte() {
    let mut original = fixture::dataset();
    let at = original
        .sources
        .iter()
        .position(|s| s.id == "ofsted-2017")
        .unwrap();
    original.sources[at].title = "=Tower Hamlets, \"ILACS\" 2017".into();
    let csv = csv_of(&original, &[0]);
    assert!(
        csv.contains("\"'=Tower Hamlets, \"\"ILACS\"\" 2017\""),
        "{csv}"
    );
    let mut catalogue = fixture::dataset();
    catalogue.sources.retain(|s| s.id != "ofsted-2017");
    let back = through_ron(&csv, &catalogue);
    let made = back.sources.iter().find(|s| s.id == "ofsted-2017").unwrap();
    assert_eq!(made.title, "=Tower Hamlets, \"ILACS\" 2017");
    assert_eq!(made.url.as_deref(), Some("https://example.org/a (b)"));
    assert_eq!(csv_of(&back, &[0]), csv);

    // A title alone makes a source too, with no URL; a URL alone still titles it.
    let csv = format!(
        "{HEADER_15}newham,Newham,,,ofsted-cs,,2019,Good,,,,mine,,,My report\n\
         newham,Newham,,,ofsted-cs,,2021,Good,,,,theirs,https://example.org/t,,\n"
    );
    let back = through_ron(&csv, &fixture::dataset());
    let made: Vec<(&str, &str, Option<&str>)> = back
        .sources
        .iter()
        .map(|s| (s.id.as_str(), s.title.as_str(), s.url.as_deref()))
        .collect();
    assert_eq!(
        made,
        [
            ("mine", "My report", None),
            (
                "theirs",
                "https://example.org/t",
                Some("https://example.org/t")
            )
        ]
    );
}

#[test]
fn a_date_start_that_is_not_the_dates_first_day_is_a_problem_at_its_cell() {
    let csv = format!(
        "{HEADER_15}newham,Newham,,,ofsted-cs,,2019,Good,3,,,,,2019-01-01,\n\
         newham,Newham,,,ofsted-cs,,2020-11,Good,3,,,,,2020-11-02,\n\
         newham,Newham,,,ofsted-cs,,2021-03-04,Good,3,,,,,,\n\
         newham,Newham,,,ofsted-cs,,2022,Good,3,,,,,soon,\n"
    );
    assert_eq!(
        problems(&csv),
        [
            "in.csv:3:14: in column date_start, \"2020-11-02\" is not the first day of the date 2020-11, which is 2020-11-01",
            "in.csv:5:14: in column date_start, \"soon\" is not the first day of the date 2022, which is 2022-01-01",
        ]
    );
    // An empty date_start is left to the date column.
    let csv = format!("{HEADER_15}newham,Newham,,,ofsted-cs,,2021-03-04,Good,3,,,,,,\n");
    assert_eq!(
        through_ron(&csv, &fixture::dataset()).councils[0]
            .ratings
            .len(),
        1
    );
}

#[test]
fn source_titles_that_disagree_or_name_no_source_are_problems() {
    let csv = format!(
        "{HEADER_15}newham,Newham,,,ofsted-cs,,2019,Good,,,,mine,,,Mine\n\
         newham,Newham,,,ofsted-cs,,2020,Good,,,,mine,,,Not mine\n\
         newham,Newham,,,ofsted-cs,,2021,Good,,,,,,,A title\n\
         newham,Newham,,,ofsted-cs,,2022,Good,,,,gone,,,\n"
    );
    assert_eq!(
        problems(&csv),
        [
            "in.csv:3:15: in column source_title, source \"mine\" was given the title \"Mine\" on line 2",
            "in.csv:4:15: in column source_title, a title is given but no source_id to name its source",
            "in.csv:5:12: in column source_id, source \"gone\" is not defined in the catalogue and no row gives its source_url or source_title to make one from",
        ]
    );
    let csv = format!(
        "{HEADER_15}newham,Newham,,,ofsted-cs,,2019,Good,,,,ofsted-2019,,,Renamed\n\
         newham,Newham,,,ofsted-cs,,2020,Good,,,,ofsted-2019,,,Renamed again\n"
    );
    let imported = from_csv(
        csv.as_bytes(),
        "in.csv",
        &fixture::dataset(),
        "the catalogue",
    )
    .unwrap();
    assert_eq!(
        shown(&imported.warnings),
        [
            "in.csv:2:15: warning: in column source_title, \"Renamed\" is not the title of source \"ofsted-2019\" in the catalogue; the dataset keeps \"Tower Hamlets inspection 2019\""
        ]
    );
}

#[test]
fn crlf_line_ends_and_blank_lines_point_at_the_same_lines_as_lf() {
    let lf = format!(
        "{HEADER}\
         newham,Newham,,London,ofsted-cs,,2019,Good,,,,,\n\
         newham,Newham,,London,ofsted-cs,,2020,,,,\"two\nlines\",,\n\
         newham,Newham,,London,ofsted-cs,,2021,Great,,,,,\n\
         \n\
         newham,Newham,,London,ofsted-cs,,2022,Grand,,,,,\n"
    );
    let expected = [
        "in.csv:5:8: in column level, \"Great\" is not a level of scheme \"ofsted-cs\" (Inadequate, Requires improvement to be good, Good, Outstanding)",
        "in.csv:7:8: in column level, \"Grand\" is not a level of scheme \"ofsted-cs\" (Inadequate, Requires improvement to be good, Good, Outstanding)",
    ];
    assert_eq!(problems(&lf), expected, "LF");
    assert_eq!(problems(&lf.replace('\n', "\r\n")), expected, "CRLF");
    assert_eq!(problems(&lf.replace('\n', "\r")), expected, "CR");
}

#[test]
fn a_rule_a_ron_file_has_too_reads_the_same_from_a_csv() {
    let original = fixture::dataset();
    let csv = csv_of(&original, &[0]).replacen(",Good,", ",Great,", 1);
    let ron = export::dataset_ron(&original, &[0]).unwrap();
    let ron = String::from_utf8(ron)
        .unwrap()
        .replacen("level: \"Good\"", "level: \"Great\"", 1);
    let from_csv = problems(&csv);
    let from_ron = parse(&ron, "x.ron").unwrap_err().to_string();
    let (_, csv_message) = from_csv[0].split_once(": in column level, ").unwrap();
    let ron_message = from_ron.splitn(4, ':').nth(3).unwrap().trim_start();
    assert!(
        ron_message.starts_with("\"Great\" is not a level"),
        "{ron_message}"
    );
    assert_eq!(csv_message, ron_message);
}

#[test]
fn an_empty_cell_and_a_number_are_reported_at_their_own_cells() {
    let csv = format!(
        "{HEADER}newham,Newham,,,ofsted-cs,,,Good,,,,,\n\
         ,Nowhere,,,ofsted-cs,,2019,Good,,,,,\n\
         newham,Newham,,,ofsted-cs,,2020,Good,,3.5,,,\n\
         newham,Newham,,,caseload,,2021,,,NaN,,,\n"
    );
    assert_eq!(
        problems(&csv),
        [
            "in.csv:2:7: in column date, a date must be written YYYY, YYYY-MM or YYYY-MM-DD, not \"\"",
            "in.csv:3:1: in column council_id, council id \"\" must be lowercase letters, digits and `-`",
            "in.csv:4:10: in column value, a rating has either a `level` or a `value`, not both",
            "in.csv:5:10: in column value, value NaN is not a finite number",
        ]
    );
}
