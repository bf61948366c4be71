//! The explorer driven by keys, checked on the frames a user sees: snapshots of whole
//! frames (read and accepted by hand), plus direct assertions where colour carries
//! meaning or where a rule must hold whatever the layout.

use ratatui::buffer::Buffer;
use ratatui::style::Color;
use trajex::app::{Action, App, Effect, ExportOutcome, Mode, Pane};
use trajex::data::{Dataset, Date, load::parse};
use trajex::ui::{app_after_keys, buffer_text, draw_to_buffer, theme::Theme};

const FIXTURE: &str = include_str!("fixtures/councils.ron");
const MONO: Theme = Theme { mono: true };
const COLOUR: Theme = Theme { mono: false };

fn fixture() -> Dataset {
    parse(FIXTURE, "fixtures/councils.ron").expect("the fixture loads").dataset
}

fn today() -> Date {
    Date::parse("2026-11-22").unwrap()
}

fn app(keys: &str) -> App {
    app_after_keys(fixture(), today(), 100, 32, keys).expect("keys parse")
}

fn frame(keys: &str) -> String {
    buffer_text(&draw_to_buffer(&app(keys), 100, 32, MONO))
}

#[test]
fn first_frame_lists_councils_and_charts_the_first() {
    insta::assert_snapshot!(frame(""));
}

#[test]
fn filter_then_enter_selects_tower_hamlets_and_shows_its_story() {
    let a = app_after_keys(fixture(), today(), 120, 40, "/tower<Enter>").unwrap();
    let text = buffer_text(&draw_to_buffer(&a, 120, 40, MONO));
    insta::assert_snapshot!(text);
    assert!(text.contains("▶ Tower Hamlets"));
    for event in ["2002-05", "1 star", "2004-11", "3 stars", "2017-04-07", "Inadequate", "2019-07-22", "2025-01-13", "Outstanding"] {
        assert!(text.contains(event), "events pane shows {event}");
    }
}

#[test]
fn filter_matches_aliases_and_esc_clears_it() {
    let filtered = app("/barking &");
    assert_eq!(filtered.visible.len(), 1);
    assert_eq!(filtered.mode, Mode::Filter);
    let cleared = app("/barking &<Esc>");
    assert_eq!(cleared.visible.len(), 3);
    assert_eq!(cleared.query, "");
}

#[test]
fn a_new_filter_replaces_the_old_query_and_keeps_a_visible_selection() {
    let a = app("/tower<Enter>/o");
    assert_eq!(a.query, "o");
    let selected = a.selected.map(|i| a.dataset.councils[i].id.as_str());
    assert_eq!(selected, Some("tower-hamlets"), "Tower Hamlets still matches, so it stays selected");
}

#[test]
fn a_filter_matching_nothing_says_so() {
    let text = frame("/zzz");
    assert!(text.contains("no council matches"), "{text}");
}

#[test]
fn list_moves_with_j_k_g_and_g() {
    let name = |keys: &str| {
        let a = app(keys);
        a.selected.map(|i| a.dataset.councils[i].name.clone()).unwrap()
    };
    assert_eq!(name(""), "Barking and Dagenham");
    assert_eq!(name("j"), "Brent");
    assert_eq!(name("jjjj"), "Tower Hamlets", "stops at the last row");
    assert_eq!(name("G"), "Tower Hamlets");
    assert_eq!(name("Gk"), "Brent");
    assert_eq!(name("Gg"), "Barking and Dagenham");
    assert_eq!(name("<End><Home>"), "Barking and Dagenham");
    assert_eq!(name("<PgDn>"), "Tower Hamlets");
}

#[test]
fn tab_moves_focus_round_the_panes() {
    assert_eq!(app("<Tab>").focus, Pane::Chart);
    assert_eq!(app("<Tab><Tab>").focus, Pane::Events);
    assert_eq!(app("<Tab><Tab><Tab>").focus, Pane::List);
    assert_eq!(app("<BackTab>").focus, Pane::Events);
}

#[test]
fn enter_on_a_strip_unfolds_its_sub_judgements() {
    const STRIP: &str = "Children's services: care leavers · Ofsted";
    let folded = frame("/tower<Enter><Tab>");
    assert!(!folded.contains(STRIP), "sub-judgements start folded");
    assert!(folded.contains("▸ Children's services: overall effectiveness"));
    let stars = frame("/tower<Enter><Tab><Enter>");
    assert!(!stars.contains(STRIP), "Enter on a strip without sub-judgements changes nothing");
    let unfolded = frame("/tower<Enter><Tab>j<Enter>");
    insta::assert_snapshot!(unfolded);
    assert!(unfolded.contains(STRIP));
    assert!(unfolded.contains("▾ Children's services: overall effectiveness"));
    let refolded = frame("/tower<Enter><Tab>j<Enter><Enter>");
    assert!(!refolded.contains(STRIP));
}

#[test]
fn enter_on_an_event_opens_its_full_record() {
    let text = frame("/tower<Enter><Tab><Tab>jjjjjjjjj<Enter>");
    insta::assert_snapshot!(text);
    assert!(text.contains("https://files.ofsted.gov.uk/v1/file/50266090"));
}

#[test]
fn help_lists_the_bindings_in_force() {
    let text = frame("?");
    insta::assert_snapshot!(text);
    for line in ["/", "filter councils", "Ctrl-C", "quit", "PgUp", "Shift-Tab"] {
        assert!(text.contains(line), "help shows {line}");
    }
    assert_eq!(app("?x").mode, Mode::Normal, "any key closes help");
}

#[test]
fn q_and_ctrl_c_quit() {
    let mut a = app("");
    let q = a.update(Action::Key(trajex::app::keys::Key::parse("q").unwrap().event()));
    assert_eq!(q, [Effect::Quit]);
    let mut b = app("/to");
    let c = b.update(Action::Key(trajex::app::keys::Key::parse("C-c").unwrap().event()));
    assert_eq!(c, [Effect::Quit], "Ctrl-C quits even while typing a filter");
}

#[test]
fn export_dialog_shows_format_and_path_and_enter_exports_at_once() {
    let mut a = app("/tower<Enter>e");
    let text = buffer_text(&draw_to_buffer(&a, 100, 32, MONO));
    insta::assert_snapshot!(text);
    let Mode::Export(dialog) = &a.mode else { panic!("dialog open") };
    assert_eq!(dialog.path, "./tower-hamlets.csv");
    let effects = a.update(Action::Key(trajex::app::keys::Key::parse("Tab").unwrap().event()));
    assert!(effects.is_empty());
    let Mode::Export(dialog) = &a.mode else { panic!("dialog open") };
    assert_eq!(dialog.path, "./tower-hamlets.json", "the extension follows the format");
    let effects = a.update(Action::Key(trajex::app::keys::Key::parse("Enter").unwrap().event()));
    let [Effect::Export { councils, path, overwrite: false, .. }] = effects.as_slice() else { panic!("{effects:?}") };
    assert_eq!(path.to_str(), Some("./tower-hamlets.json"));
    assert_eq!(councils.len(), 1);
    a.update(Action::Exported(ExportOutcome::Written(path.clone())));
    let text = buffer_text(&draw_to_buffer(&a, 100, 32, MONO));
    assert!(text.lines().last().unwrap().contains("Exported to ./tower-hamlets.json"), "{text}");
}

#[test]
fn export_to_an_existing_file_asks_before_overwriting() {
    let mut a = app("/tower<Enter>e");
    a.update(Action::Key(trajex::app::keys::Key::parse("Enter").unwrap().event()));
    a.update(Action::Exported(ExportOutcome::Exists("./tower-hamlets.csv".into())));
    let text = buffer_text(&draw_to_buffer(&a, 100, 32, MONO));
    assert!(text.contains("The file exists. Overwrite it?"), "{text}");
    let effects = a.update(Action::Key(trajex::app::keys::Key::parse("y").unwrap().event()));
    assert!(matches!(effects.as_slice(), [Effect::Export { overwrite: true, .. }]), "{effects:?}");
}

#[test]
fn a_tiny_terminal_shows_a_message_instead_of_panicking() {
    for (w, h) in [(0, 0), (1, 1), (20, 5), (39, 40), (120, 9)] {
        let a = app_after_keys(fixture(), today(), w, h, "/tower<Enter><Tab>j?").unwrap();
        let text = buffer_text(&draw_to_buffer(&a, w, h, MONO));
        if w >= 20 {
            assert!(text.contains("Terminal too small"), "{w}x{h}: {text}");
        }
    }
    let text = buffer_text(&draw_to_buffer(&app(""), 39, 8, MONO));
    insta::assert_snapshot!(text);
}

/// The column of a year's first day on the year axis row of a frame.
fn column_of(text: &str, needle: &str) -> usize {
    let line = text.lines().find(|l| l.contains(needle)).unwrap();
    line[..line.find(needle).unwrap()].chars().count()
}

#[test]
fn a_rating_never_runs_past_its_schemes_end() {
    let text = frame("/tower<Enter>");
    let end = column_of(&text, "┆ended 2009-04");
    let three_stars = text.lines().find(|l| l.contains("3 stars ")).unwrap();
    let after: String = three_stars.chars().skip(end).take(40).collect();
    assert!(!after.contains('─') && !after.contains('●'), "nothing drawn after the end: {after:?}");
}

#[test]
fn an_ungraded_assessment_is_a_gap_not_the_lowest_level() {
    let text = frame("j");
    assert!(text.contains("no grade"), "{text}");
    let rule = text.lines().find(|l| l.contains("Good ")).map(|l| l.chars().position(|c| c == '┊').unwrap()).unwrap();
    for line in text.lines().filter(|l| l.contains('┊')) {
        let after: String = line.chars().skip(rule + 1).take(30).collect();
        assert!(!after.contains('─') && !after.contains('●'), "nothing after the ungraded inspection: {line}");
    }
}

fn fg_of(buf: &Buffer, symbol: &str, row_label: &str) -> Option<Color> {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let row: String = (area.left()..area.right()).map(|x| buf[(x, y)].symbol().to_owned()).collect();
        if !row.contains(row_label) {
            continue;
        }
        for x in area.left()..area.right() {
            if buf[(x, y)].symbol() == symbol {
                return Some(buf[(x, y)].fg);
            }
        }
    }
    None
}

#[test]
fn levels_are_coloured_worst_red_to_best_cyan_and_mono_has_no_colour() {
    let a = app("/tower<Enter>");
    let colour = draw_to_buffer(&a, 100, 32, COLOUR);
    assert_eq!(fg_of(&colour, "●", "Inadequate"), Some(Color::Red));
    assert_eq!(fg_of(&colour, "●", "Outstanding"), Some(Color::Cyan));
    let mono = draw_to_buffer(&a, 100, 32, MONO);
    let area = mono.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &mono[(x, y)];
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "no colour at {x},{y}");
        }
    }
}

#[test]
fn the_embedded_dataset_has_tower_hamlets_one_filter_away() {
    let dataset = parse(trajex::data::EMBEDDED, "<embedded>").unwrap().dataset;
    assert!(dataset.councils.len() >= 153);
    let a = app_after_keys(dataset, today(), 120, 40, "/tower<Enter>").unwrap();
    let text = buffer_text(&draw_to_buffer(&a, 120, 40, MONO));
    assert!(text.contains("Tower Hamlets · London · E09000030"), "{text}");
    assert!(text.contains("▶ Tower Hamlets"));
}
