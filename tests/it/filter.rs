//! The live filter and the list's sort values as a user sees them on the embedded
//! dataset: what a typed query puts first, which letters it highlights, and the figure
//! each row shows when the list is sorted by one.

use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use trajex::app::{App, Sort};
use trajex::data::{Dataset, Date, load::parse};
use trajex::ui::{app_after_keys, buffer_text, draw_to_buffer, theme::Theme};

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

fn embedded() -> Dataset {
    parse(trajex::data::EMBEDDED, "<embedded>")
        .expect("the embedded dataset loads")
        .dataset
}

fn today() -> Date {
    Date::parse("2026-11-22").unwrap()
}

fn app(keys: &str) -> App {
    app_after_keys(embedded(), today(), WIDTH, HEIGHT, keys).expect("keys parse")
}

/// The list pane's part of each screen line: between the first two `│`.
fn list_rows(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let mut parts = line.split('│');
            parts.next()?;
            parts.next().map(str::to_owned)
        })
        .collect()
}

/// The list rows under the filter line that shows `query`.
fn rows_under_filter(text: &str, query: &str) -> Vec<String> {
    let rows = list_rows(text);
    let filter = rows
        .iter()
        .position(|row| row.trim_start().starts_with(&format!("/ {query}")))
        .unwrap_or_else(|| panic!("a filter line showing {query:?}\n{text}"));
    rows[filter + 1..].to_vec()
}

#[test]
fn each_query_puts_the_council_people_mean_first_and_selects_it() {
    for (query, council) in [
        ("twr ham", "Tower Hamlets"),
        ("hamlets tower", "Tower Hamlets"),
        ("saint helens", "St. Helens"),
        ("st helens", "St. Helens"),
        ("city of bristol", "Bristol"),
        ("bham", "Birmingham"),
        ("hammersmith & fulham", "Hammersmith and Fulham"),
    ] {
        for keys in [format!("/{query}"), format!("/{query}<Enter>")] {
            let a = app(&keys);
            let text = buffer_text(&draw_to_buffer(&a, WIDTH, HEIGHT, Theme::MONO));
            let first = &rows_under_filter(&text, query)[0];
            assert!(
                first.starts_with(&format!("▶ {council} ")),
                "{keys}: the first row is {first:?}\n{text}"
            );
            assert!(
                text.contains(&format!("┌ {council} · ")),
                "{keys}: the chart shows {council}\n{text}"
            );
        }
    }
}

#[test]
fn a_fuzzy_query_ranks_the_closest_name_first_then_the_rest() {
    let text = buffer_text(&draw_to_buffer(&app("/bham"), WIDTH, HEIGHT, Theme::MONO));
    let rows = rows_under_filter(&text, "bham");
    let names: Vec<String> = rows
        .iter()
        .map(|row| {
            row.chars()
                .skip(2)
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .take_while(|row| !row.is_empty())
        .collect();
    assert_eq!(names.len(), 4, "{text}");
    assert!(names[0].starts_with("Birmingham"), "{names:?}");
    assert!(names.iter().any(|n| n.starts_with("Buckinghamshire")));
    assert!(text.contains("Councils 1/4 of "), "{text}");
}

/// The screen line of the list row showing `name`.
fn row_of(text: &str, name: &str) -> u16 {
    text.lines()
        .position(|line| {
            line.split('│').nth(1).is_some_and(|row| {
                let shown: String = row.chars().skip(2).collect();
                shown.starts_with(&format!("{name} "))
            })
        })
        .unwrap_or_else(|| panic!("a list row showing {name}\n{text}")) as u16
}

/// The letters of the list row showing `name` that carry `modifier`, in order.
fn marked(buf: &Buffer, name: &str, modifier: Modifier) -> String {
    let y = row_of(&buffer_text(buf), name);
    let right = (1..buf.area.width)
        .find(|&x| buf[(x, y)].symbol() == "│")
        .unwrap();
    (1..right)
        .filter(|&x| buf[(x, y)].modifier.contains(modifier))
        .map(|x| buf[(x, y)].symbol().to_owned())
        .collect()
}

#[test]
fn the_letters_a_query_matched_are_highlighted_in_every_theme() {
    let a = app("/bham");
    assert_eq!(
        a.list.selected.map(|i| a.dataset.councils[i].name.as_str()),
        Some("Birmingham")
    );
    for theme in [Theme::DARK, Theme::LIGHT] {
        let buf = draw_to_buffer(&a, WIDTH, HEIGHT, theme);
        assert_eq!(marked(&buf, "Birmingham", Modifier::UNDERLINED), "Bham");
        assert_eq!(
            marked(&buf, "Buckinghamshire", Modifier::UNDERLINED),
            "Bham"
        );
        let y = row_of(&buffer_text(&buf), "Buckinghamshire");
        let (b, u) = (&buf[(3, y)], &buf[(4, y)]);
        assert_eq!((b.symbol(), u.symbol()), ("B", "u"));
        assert_eq!(
            b.fg,
            theme.key().fg.unwrap(),
            "a match is in the key colour"
        );
        assert_ne!(u.fg, b.fg, "an unmatched letter is not");
    }
    // Mono has no colour: bold and underlined, and reversed on the selected row
    // (already bold and underlined).
    let buf = draw_to_buffer(&a, WIDTH, HEIGHT, Theme::MONO);
    assert_eq!(marked(&buf, "Birmingham", Modifier::REVERSED), "Bham");
    assert_eq!(
        marked(
            &buf,
            "Buckinghamshire",
            Modifier::BOLD | Modifier::UNDERLINED
        ),
        "Bham"
    );
    assert!(
        buf.content
            .iter()
            .all(|cell| cell.fg == ratatui::style::Color::Reset)
    );
}

#[test]
fn a_written_out_word_highlights_its_short_form_and_an_alias_match_highlights_nothing() {
    let buf = draw_to_buffer(&app("/saint helens"), WIDTH, HEIGHT, Theme::DARK);
    assert_eq!(marked(&buf, "St. Helens", Modifier::UNDERLINED), "StHelens");
    // Bristol is found by its alias "Bristol, City of": its name shows no match.
    let buf = draw_to_buffer(&app("/city of bristol"), WIDTH, HEIGHT, Theme::DARK);
    assert_eq!(marked(&buf, "Bristol", Modifier::UNDERLINED), "");
}

/// Each council row of the list on screen: the name (as shown, maybe cut) and what
/// stands in the sort value's columns before the glyph and trend.
fn names_and_values(text: &str) -> Vec<(String, String)> {
    list_rows(text)
        .into_iter()
        .filter(|row| row.starts_with("  ") || row.starts_with("▶ "))
        .filter(|row| !row.trim().is_empty())
        .map(|row| {
            let chars: Vec<char> = row.chars().collect();
            let end = chars.len() - 4;
            let value: String = chars[end - 6..end].iter().collect();
            let name: String = chars[2..end - 6].iter().collect();
            (name.trim_end().to_owned(), value.trim().to_owned())
        })
        .collect()
}

/// Whether `shown` is how a row shows `name`: whole, or cut with `…`.
fn shows(shown: &str, name: &str) -> bool {
    shown == name
        || shown
            .strip_suffix('…')
            .is_some_and(|cut| name.starts_with(cut.trim_end()))
}

/// The councils of the rows on screen: the list scrolls to keep the selection in
/// view, so they start wherever the shown names line up with the list's order.
fn on_screen<'a>(a: &'a App, names: &[String]) -> &'a [usize] {
    let offset = (0..a.list.visible.len())
        .find(|&k| {
            names
                .iter()
                .zip(&a.list.visible[k..])
                .all(|(shown, &i)| shows(shown, &a.dataset.councils[i].name))
        })
        .expect("the rows are in list order");
    &a.list.visible[offset..]
}

#[test]
fn sorted_by_improvement_each_row_shows_how_many_grades_it_rose() {
    let a = app("ss");
    assert_eq!(
        a.list.sort,
        Sort::Improvement,
        "s pressed twice sorts by improvement"
    );
    let text = buffer_text(&draw_to_buffer(&a, WIDTH, HEIGHT, Theme::MONO));
    let rows = names_and_values(&text);
    assert!(rows.len() > 20, "{text}");
    let names: Vec<String> = rows.iter().map(|(name, _)| name.clone()).collect();
    for (row, &council) in rows.iter().zip(on_screen(&a, &names)) {
        let expected = match a.index.trajectories[council].improvement {
            Some(rise) if rise > 0 => format!("+{rise}"),
            Some(rise) => rise.to_string(),
            None => "–".to_owned(),
        };
        assert_eq!(row.1, expected, "{}", row.0);
    }
    // The best first: sorted by the figure shown.
    let rises: Vec<i32> = rows.iter().map(|(_, v)| v.parse().unwrap()).collect();
    assert!(rises.windows(2).all(|w| w[0] >= w[1]), "{rises:?}");
    // Tower Hamlets went from Inadequate to Outstanding.
    let text = buffer_text(&draw_to_buffer(
        &app("ss/tower"),
        WIDTH,
        HEIGHT,
        Theme::MONO,
    ));
    assert_eq!(
        names_and_values(&text)[0],
        ("Tower Hamlets".to_owned(), "+3".to_owned()),
        "{text}"
    );
}

#[test]
fn sorted_by_time_at_the_lowest_level_each_row_shows_how_long() {
    let a = app("sss");
    assert_eq!(a.list.sort, Sort::LongestAtLowest);
    let text = buffer_text(&draw_to_buffer(&a, WIDTH, HEIGHT, Theme::MONO));
    assert!(text.contains("by time at the lowest level"), "{text}");
    let rows = names_and_values(&text);
    assert!(rows.len() > 20, "{text}");
    let names: Vec<String> = rows.iter().map(|(name, _)| name.clone()).collect();
    for (row, &council) in rows.iter().zip(on_screen(&a, &names)) {
        let days = a.index.trajectories[council].days_at_lowest;
        let years: f64 = f64::from(days) / 365.25;
        let shown = &row.1;
        if days == 0 {
            assert_eq!(shown, "–", "{}", row.0);
        } else if let Some(y) = shown.strip_suffix('y') {
            let y: f64 = y.parse().unwrap();
            assert!(
                (y - years).abs() <= 0.05 + 1e-9,
                "{}: {shown} for {days} days",
                row.0
            );
        } else {
            let m: f64 = shown
                .strip_suffix('m')
                .unwrap()
                .trim_start_matches('<')
                .parse()
                .unwrap();
            assert!(
                years < 1.0 && (m - years * 12.0).abs() <= 1.0,
                "{}: {shown}",
                row.0
            );
        }
    }
    // Tower Hamlets: Inadequate from 2017-04-07 to 2019-07-22, 836 days.
    let text = buffer_text(&draw_to_buffer(
        &app("sss/tower"),
        WIDTH,
        HEIGHT,
        Theme::MONO,
    ));
    assert_eq!(
        names_and_values(&text)[0],
        ("Tower Hamlets".to_owned(), "2.3y".to_owned()),
        "{text}"
    );
}

#[test]
fn name_and_latest_sorts_show_no_figure() {
    for keys in ["", "s"] {
        let a = app(keys);
        let text = buffer_text(&draw_to_buffer(&a, WIDTH, HEIGHT, Theme::MONO));
        let rows: Vec<String> = list_rows(&text)
            .into_iter()
            .filter(|row| row.starts_with("  ") || row.starts_with("▶ "))
            .collect();
        assert!(rows.len() > 20, "{text}");
        // Everything before the glyph and trend is the name, padded.
        let names: Vec<String> = rows
            .iter()
            .map(|row| {
                let chars: Vec<char> = row.chars().collect();
                let before: String = chars[2..chars.len() - 4].iter().collect();
                before.trim_end().to_owned()
            })
            .collect();
        let councils = on_screen(&a, &names);
        assert_eq!(councils.len().min(names.len()), names.len(), "{keys:?}");
    }
}
