//! The explorer driven by keys, checked on the frames a user sees: snapshots of whole
//! frames (read and accepted by hand), plus direct assertions where colour carries
//! meaning or where a rule must hold whatever the layout.

use ratatui::buffer::Buffer;
use ratatui::style::Color;
use trajex::app::{Action, App, Effect, ExportOutcome, Mode, Pane};
use trajex::data::{Dataset, Date, load::parse};
use trajex::ui::{app_after_keys, buffer_text, draw_to_buffer, theme::Theme};

const FIXTURE: &str = include_str!("../fixtures/councils.ron");
const MONO: Theme = Theme::MONO;
const COLOUR: Theme = Theme::DARK;

fn fixture() -> Dataset {
    parse(FIXTURE, "fixtures/councils.ron")
        .expect("the fixture loads")
        .dataset
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
    for event in [
        "2002-05",
        "1 star",
        "2004-11",
        "3 stars",
        "2017-04-07",
        "Inadequate",
        "2019-07-22",
        "2025-01-13",
        "Outstanding",
    ] {
        assert!(text.contains(event), "events pane shows {event}");
    }
}

#[test]
fn filter_matches_aliases_and_esc_clears_it() {
    let filtered = app("/barking &");
    assert_eq!(filtered.list.visible.len(), 1);
    assert_eq!(filtered.mode, Mode::Filter);
    let cleared = app("/barking &<Esc>");
    assert_eq!(cleared.list.visible.len(), 3);
    assert_eq!(cleared.list.query.value(), "");
}

#[test]
fn a_new_filter_replaces_the_old_query_and_selects_its_best_match() {
    let a = app("/tower<Enter>/o");
    assert_eq!(a.list.query.value(), "o");
    let selected = a.list.selected.map(|i| a.dataset.councils[i].id.as_str());
    assert_eq!(
        selected,
        Some("tower-hamlets"),
        "of the three, only Tower Hamlets has an o"
    );
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
        a.list
            .selected
            .map(|i| a.dataset.councils[i].name.clone())
            .unwrap()
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
    assert!(
        !stars.contains(STRIP),
        "Enter on a strip without sub-judgements changes nothing"
    );
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

/// A key press, as the terminal would send it.
fn press(a: &mut App, keys: &str) {
    for key in trajex::app::keys::parse_keys(keys).unwrap() {
        a.press(key);
    }
}

#[test]
fn at_40x10_the_rating_record_scrolls_to_its_link() {
    let link = "https://files.ofsted.gov.uk/v1/file/50266090";
    // Opened on a roomy screen, then the terminal shrinks to 40x10.
    let mut a = app("/tower<Enter><Tab><Tab>jjjjjjjjj<Enter>");
    a.update(Action::Resize(40, 10));
    let top = buffer_text(&draw_to_buffer(&a, 40, 10, MONO));
    assert!(!top.contains(link), "{top}");
    assert!(
        top.contains("more ↓"),
        "the record says there is more: {top}"
    );
    assert!(top.contains("↑↓ scroll"), "the footer says how: {top}");
    let mut seen = top.clone();
    for _ in 0..30 {
        press(&mut a, "j");
        seen.push_str(&buffer_text(&draw_to_buffer(&a, 40, 10, MONO)));
    }
    let end = buffer_text(&draw_to_buffer(&a, 40, 10, MONO));
    // The link whole on its own line, or cut with `…` where even that is too narrow.
    assert!(
        end.contains(" link") && end.contains("https://files.ofs"),
        "j scrolls down to the link: {end}"
    );
    assert!(!end.contains("more ↓"), "{end}");
    // It stops at the end: one k goes back one row, G and g go to the ends.
    press(&mut a, "k");
    assert_ne!(buffer_text(&draw_to_buffer(&a, 40, 10, MONO)), end);
    press(&mut a, "G");
    assert_eq!(buffer_text(&draw_to_buffer(&a, 40, 10, MONO)), end);
    press(&mut a, "<PgUp><PgUp><PgUp><PgUp><PgUp>");
    assert_eq!(buffer_text(&draw_to_buffer(&a, 40, 10, MONO)), top);
    assert!(
        seen.contains("published"),
        "every row shows on the way: {seen}"
    );
}

#[test]
fn the_council_record_and_the_transitions_scroll_at_any_size() {
    for keys in ["/tower<Enter><Enter>", "/tower<Enter><Tab>t"] {
        let mut a = app(keys);
        a.update(Action::Resize(40, 10));
        let top = buffer_text(&draw_to_buffer(&a, 40, 10, MONO));
        assert!(top.contains("more ↓"), "{keys}: {top}");
        press(&mut a, "G");
        let end = buffer_text(&draw_to_buffer(&a, 40, 10, MONO));
        assert_ne!(top, end, "{keys}");
        assert!(!end.contains("more ↓"), "{keys}: {end}");
    }
}

#[test]
fn question_mark_in_a_popup_shows_that_popups_keys_and_esc_hides_them() {
    let mut a = app("/tower<Enter><Tab><Tab>jjjjjjjjj<Enter>?");
    let keys = buffer_text(&draw_to_buffer(&a, 100, 32, MONO));
    assert!(keys.contains("Rating record"), "{keys}");
    assert!(keys.contains("copy-link"), "{keys}");
    assert!(
        !keys.contains("filter: fuzzy"),
        "only the popup's keys: {keys}"
    );
    press(&mut a, "<Esc>");
    assert!(
        matches!(a.mode, Mode::Details(_)),
        "Esc hides the keys, the record stays"
    );
    assert!(!a.popup_keys);
    let record = buffer_text(&draw_to_buffer(&a, 100, 32, MONO));
    assert!(!record.contains("copy-link"), "{record}");
}

#[test]
fn the_transitions_mark_the_selected_councils_own_steps_inside_their_cells() {
    let embedded = parse(trajex::data::EMBEDDED, "<embedded>").unwrap().dataset;
    let a = app_after_keys(embedded, today(), 80, 24, "/hackney<Enter><Tab>t").unwrap();
    let text = buffer_text(&draw_to_buffer(&a, 80, 24, MONO));
    assert!(
        text.contains("● marks the transitions of Hackney."),
        "{text}"
    );
    // Each mark in the same column of its cell: the head's columns start where the
    // cells do, and every ● sits one column before the next column's start.
    let head = text
        .lines()
        .find(|l| l.contains("from \\ next"))
        .expect("a head row");
    let starts: Vec<usize> = ["Outs", "Good", "Requ", "Inad"]
        .iter()
        .map(|w| head[..head.find(w).expect("a column")].chars().count())
        .collect();
    let marks: Vec<usize> = text
        .lines()
        .filter(|l| l.contains('%'))
        .flat_map(|l| {
            l.chars()
                .enumerate()
                .filter(|(_, c)| *c == '●')
                .map(|(i, _)| i)
        })
        .collect();
    assert!(!marks.is_empty(), "{text}");
    for m in marks {
        assert!(
            starts.contains(&(m + 2)),
            "● at {m} ends a cell ({starts:?}): {text}"
        );
    }
}

#[test]
fn titles_too_long_for_their_pane_give_up_whole_parts_and_show_every_cut_with_an_ellipsis() {
    // 10,000 councils, 5,000-odd matching: the count never loses a digit unseen.
    let big = trajex::generate::dataset(10_000, 1);
    let a = app_after_keys(big, today(), 80, 24, "/a<Enter>").unwrap();
    let text = buffer_text(&draw_to_buffer(&a, 80, 24, MONO));
    let top = text.lines().next().unwrap();
    let list_title = top.split('┐').next().unwrap();
    let visible = a.list.visible.len();
    assert!(
        list_title.contains(&format!("1/{visible} of 10000")),
        "the count is whole, the word 'Councils' gave way: {top}"
    );
    // The list's sort line, cut with '…'.
    let sorted = frame_at("sss", 80, 24);
    let bottom = sorted.lines().rev().nth(1).unwrap();
    assert!(bottom.contains("by time at the lowest…"), "{bottom}");
    // The chart's title drops the region whole before any part is cut.
    let narrow = frame_at("<Tab>", 44, 20);
    let title = narrow.lines().next().unwrap();
    assert!(
        title.contains("Barking and Dagenham · E09000002"),
        "{title}"
    );
    let wide = frame_at("", 100, 20);
    assert!(
        wide.contains("Barking and Dagenham · London · E09000002"),
        "{wide}"
    );
}

#[test]
fn the_footer_offers_every_key_that_fits_most_important_first() {
    let wide = frame_at("", 200, 40);
    let footer = wide.lines().last().unwrap();
    for hint in [
        "s sort",
        "r region",
        "t transitions",
        "N neighbours",
        "x unpin all",
        "+- zoom",
        "Enter open",
        "y copy link",
        "? help",
        "q quit",
    ] {
        assert!(footer.contains(hint), "{hint} at 200 columns: {footer}");
    }
    let narrow = frame_at("", 80, 24);
    let footer = narrow.lines().last().unwrap();
    for hint in ["/ filter", "? help", "q quit"] {
        assert!(footer.contains(hint), "{hint} at 80 columns: {footer}");
    }
    assert!(!footer.contains("x unpin all"), "{footer}");
}

#[test]
fn help_lists_the_bindings_in_force() {
    let text = frame("?");
    insta::assert_snapshot!(text);
    for line in ["/", "filter: fuzzy", "Ctrl-C", "quit", "PgUp", "Shift-Tab"] {
        assert!(text.contains(line), "help shows {line}");
    }
    assert_eq!(app("?q").mode, Mode::Normal, "q closes the help");
    assert_eq!(
        app("?x").mode,
        Mode::Help(0),
        "a key the help has no use for"
    );
}

#[test]
fn q_and_ctrl_c_quit() {
    let mut a = app("");
    let q = a.press(trajex::app::keys::Key::parse("q").unwrap().event());
    assert_eq!(q, [Effect::Quit]);
    let mut b = app("/to");
    let c = b.press(trajex::app::keys::Key::parse("C-c").unwrap().event());
    assert_eq!(c, [Effect::Quit], "Ctrl-C quits even while typing a filter");
}

#[test]
fn export_dialog_shows_format_and_path_and_enter_exports_at_once() {
    let mut a = app("/tower<Enter>e");
    let text = buffer_text(&draw_to_buffer(&a, 100, 32, MONO));
    insta::assert_snapshot!(text);
    let Mode::Export(dialog) = &a.mode else {
        panic!("dialog open")
    };
    assert_eq!(dialog.path.value(), "./tower-hamlets.csv");
    let effects = a.press(trajex::app::keys::Key::parse("Tab").unwrap().event());
    assert!(effects.is_empty());
    let Mode::Export(dialog) = &a.mode else {
        panic!("dialog open")
    };
    assert_eq!(
        dialog.path.value(),
        "./tower-hamlets.json",
        "the extension follows the format"
    );
    let effects = a.press(trajex::app::keys::Key::parse("Enter").unwrap().event());
    let [
        Effect::Export {
            councils,
            path,
            overwrite: false,
            ..
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(path.to_str(), Some("./tower-hamlets.json"));
    assert_eq!(councils.len(), 1);
    a.update(Action::Exported(ExportOutcome::Written(path.clone())));
    let text = buffer_text(&draw_to_buffer(&a, 100, 32, MONO));
    assert!(
        text.lines()
            .last()
            .unwrap()
            .contains("Exported to ./tower-hamlets.json"),
        "{text}"
    );
}

#[test]
fn export_to_an_existing_file_asks_before_overwriting() {
    let mut a = app("/tower<Enter>e");
    a.press(trajex::app::keys::Key::parse("Enter").unwrap().event());
    a.update(Action::Exported(ExportOutcome::Exists(
        "./tower-hamlets.csv".into(),
    )));
    let text = buffer_text(&draw_to_buffer(&a, 100, 32, MONO));
    assert!(text.contains("The file exists. Overwrite it?"), "{text}");
    let effects = a.press(trajex::app::keys::Key::parse("y").unwrap().event());
    assert!(
        matches!(
            effects.as_slice(),
            [Effect::Export {
                overwrite: true,
                ..
            }]
        ),
        "{effects:?}"
    );
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
    assert!(
        !after.contains('─') && !after.contains('●'),
        "nothing drawn after the end: {after:?}"
    );
}

#[test]
fn an_ungraded_assessment_is_a_gap_not_the_lowest_level() {
    let text = frame("j");
    assert!(text.contains("no grade"), "{text}");
    let rule = text
        .lines()
        .find(|l| l.contains("Good "))
        .map(|l| l.chars().position(|c| c == '┊').unwrap())
        .unwrap();
    for line in text.lines().filter(|l| l.contains('┊')) {
        let after: String = line.chars().skip(rule + 1).take(30).collect();
        assert!(
            !after.contains('─') && !after.contains('●'),
            "nothing after the ungraded inspection: {line}"
        );
    }
}

fn fg_of(buf: &Buffer, symbol: &str, row_label: &str) -> Option<Color> {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let row: String = (area.left()..area.right())
            .map(|x| buf[(x, y)].symbol().to_owned())
            .collect();
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
            assert_eq!(
                (cell.fg, cell.bg),
                (Color::Reset, Color::Reset),
                "no colour at {x},{y}"
            );
        }
    }
}

#[test]
fn the_embedded_dataset_has_tower_hamlets_one_filter_away() {
    let dataset = parse(trajex::data::EMBEDDED, "<embedded>").unwrap().dataset;
    assert!(dataset.councils.len() >= 153);
    let a = app_after_keys(dataset, today(), 120, 40, "/tower<Enter>").unwrap();
    let text = buffer_text(&draw_to_buffer(&a, 120, 40, MONO));
    assert!(
        text.contains("Tower Hamlets · London · E09000030"),
        "{text}"
    );
    assert!(text.contains("▶ Tower Hamlets"));
}

// ---- compare and understand ---------------------------------------------------------

fn key(name: &str) -> ratatui::crossterm::event::KeyEvent {
    trajex::app::keys::Key::parse(name).unwrap().event()
}

#[test]
fn pinned_councils_overlay_the_chart_with_a_legend_naming_each() {
    let text = frame("/tower<Enter><Space>/brent<Enter><Space>/barking<Enter>");
    insta::assert_snapshot!(text);
    let legend = text
        .lines()
        .find(|l| l.contains("● Barking and Dagenham"))
        .expect("a legend row");
    assert!(
        legend.contains("◆ Tower Hamlets") && legend.contains("▲ Brent"),
        "{legend}"
    );
    assert!(text.contains("2 pinned"));
    let tower_first = frame("/brent<Enter><Space>/tower<Enter><Space>/brent<Enter>");
    let legend = tower_first
        .lines()
        .find(|l| l.contains("● Brent"))
        .expect("a legend row");
    assert!(
        legend.contains("▲ Tower Hamlets"),
        "a pin keeps its marker whoever is selected: {legend}"
    );
    assert!(
        text.contains('◆') && text.contains('▲'),
        "pinned markers on the chart"
    );
    let cleared = frame("/tower<Enter><Space>/brent<Enter><Space>x");
    assert!(
        !cleared.contains("2 pinned") && !cleared.contains("◆ Tower Hamlets"),
        "x unpins every council"
    );
    assert!(cleared.contains("Unpinned 2 councils."), "{cleared}");
    let unpinned = app("/tower<Enter><Space><Space>");
    assert!(unpinned.list.pins.is_empty(), "space again unpins");
}

#[test]
fn n_pins_the_neighbours_in_the_dataset() {
    let a = app("/tower<Enter>N");
    let pinned: Vec<&str> = a
        .list
        .pins
        .iter()
        .map(|&i| a.dataset.councils[i].id.as_str())
        .collect();
    assert_eq!(
        pinned,
        ["brent"],
        "hackney is named but not in the file, so it is skipped"
    );
    assert_eq!(
        a.status.as_deref(),
        Some("Pinned 1 statistical neighbour of Tower Hamlets.")
    );
}

#[test]
fn the_time_cursor_snaps_to_rating_dates_and_reads_every_strip() {
    let latest = frame_at("/tower<Enter>h", 120, 40);
    assert!(latest.contains("at 2025-01-13"), "{latest}");
    assert!(
        latest.contains("    Outstanding since 2025-01-13"),
        "{latest}"
    );
    assert!(
        latest.contains("    no rating: scheme ended 2009-04"),
        "{latest}"
    );
    assert!(
        latest.contains("    last measured 2019-05: 16 children"),
        "a measurement is not carried to 2025: {latest}"
    );
    let earlier = frame_at("/tower<Enter>hhhhh", 120, 40);
    insta::assert_snapshot!(earlier);
    assert!(earlier.contains("at 2017-04"), "{earlier}");
    assert!(
        earlier.contains("    Inadequate since 2017-04-07"),
        "the cursor at 2017-04 reads the month on its last day, as the command line does: \
         Ofsted's report of 7 April stood by then: {earlier}"
    );
    assert_eq!(
        app("/tower<Enter>hhl").chart.cursor,
        Date::parse("2025-01-13").ok()
    );
    assert_eq!(
        app("/tower<Enter>hll").chart.cursor,
        Date::parse("2025-01-13").ok(),
        "past the last date the cursor stays at it"
    );
    assert_eq!(
        app("/tower<Enter>hh<Esc>").chart.cursor,
        None,
        "Esc clears the cursor"
    );
}

#[test]
fn zoom_narrows_the_axis_around_the_cursor_and_zero_resets() {
    // The year axis: the chart row of years, not the title's "at 2025-01-13".
    let axis = |text: &str| {
        let row = text
            .lines()
            .find(|l| l.contains("2025 ") && !l.contains("at 2025") && !l.contains('┤'));
        row.map(str::to_owned).unwrap_or_default()
    };
    let full = frame("/tower<Enter>h");
    let zoomed = frame("/tower<Enter>h++");
    assert!(zoomed.contains("zoom ×4"), "{zoomed}");
    assert!(
        axis(&full).contains("2005") && axis(&full).contains("2015"),
        "{full}"
    );
    assert!(
        axis(&zoomed).contains("2024") && !axis(&zoomed).contains("2015"),
        "zoomed in on 2025: {zoomed}"
    );
    assert_eq!(app("/tower<Enter>h++-").chart.zoom, 1);
    assert_eq!(app("/tower<Enter>h+++0").chart.zoom, 0);
}

#[test]
fn sort_cycles_and_biggest_improvement_puts_inadequate_to_outstanding_first() {
    let order = |keys: &str| {
        let a = app(keys);
        a.list
            .visible
            .iter()
            .map(|&i| a.dataset.councils[i].id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        order(""),
        ["barking-and-dagenham", "brent", "tower-hamlets"]
    );
    assert_eq!(
        order("ss"),
        ["tower-hamlets", "brent", "barking-and-dagenham"]
    );
    let text = frame("ss");
    assert!(text.contains("by improvement"), "{text}");
    assert_eq!(
        order("ssss"),
        order(""),
        "four presses come back to name order"
    );
}

#[test]
fn r_cycles_through_the_regions_present() {
    let a = app("r");
    assert_eq!(a.list.region.as_deref(), Some("London"));
    assert_eq!(a.list.visible.len(), 3);
    assert!(
        frame("r").contains("London ─"),
        "the region shows under the list"
    );
    assert_eq!(
        app("rr").list.region,
        None,
        "after the last region, every region again"
    );
}

#[test]
fn n_shows_the_national_distribution_with_the_selected_council_marked() {
    let text = frame("/tower<Enter><Tab>jhn");
    insta::assert_snapshot!(text);
    // At 2025-01-13: Tower Hamlets Outstanding, Brent Good, Barking and Dagenham RI.
    let bar = |level: &str| {
        text.lines()
            .find(|l| l.contains(level) && l.contains('█'))
            .expect("a bar")
            .to_owned()
    };
    assert!(
        bar("Outstanding ").contains("1  33.4% ●"),
        "the three shares add to 100.0 as printed: {text}"
    );
    assert!(bar("Good ").contains("1  33.3%"), "{text}");
    assert!(
        text.contains("● Tower Hamlets  1st of 3, top 33% · Outstanding"),
        "{text}"
    );
    assert!(text.contains("Known for 3 of 3 councils."), "{text}");
}

#[test]
fn y_copies_the_selected_events_link() {
    let mut a = app("/tower<Enter><Tab><Tab>G");
    let effects = a.press(key("y"));
    assert_eq!(
        effects,
        [Effect::Copy(
            "https://files.ofsted.gov.uk/v1/file/50266090".into()
        )]
    );
    let mut no_link = app("/tower<Enter><Tab><Tab>jjjjjjj");
    assert!(
        no_link.press(key("y")).is_empty(),
        "the 2019 caseload's source has no link"
    );
    assert_eq!(
        no_link.status.as_deref(),
        Some("This rating's source has no link to copy.")
    );
}

#[test]
fn a_click_selects_the_council_or_event_under_it_and_the_wheel_scrolls() {
    let mut a = app("");
    a.update(Action::Click(5, 3)); // third council row: border, then rows from y=1
    assert_eq!(
        a.list.selected.map(|i| a.dataset.councils[i].id.as_str()),
        Some("tower-hamlets")
    );
    a.update(Action::Scroll(5, 3, -1));
    assert_eq!(
        a.list.selected.map(|i| a.dataset.councils[i].id.as_str()),
        Some("barking-and-dagenham")
    );
    let text = buffer_text(&draw_to_buffer(&a, 100, 32, MONO));
    let events_top = text.lines().position(|l| l.contains("Events")).unwrap() as u16;
    a.update(Action::Click(40, events_top + 2));
    assert_eq!((a.focus, a.events.selected), (Pane::Events, 1));
}

#[test]
fn a_narrow_screen_shows_one_pane_at_a_time_and_a_short_one_folds_the_events() {
    let list = frame_at("/tower<Enter>", 60, 24);
    assert!(
        list.contains("▶ Tower Hamlets") && !list.contains("┤"),
        "the list alone: {list}"
    );
    let chart = frame_at("/tower<Enter><Tab>", 60, 24);
    insta::assert_snapshot!(chart);
    assert!(
        chart.contains("Tower Hamlets · London") && !chart.contains("Councils"),
        "{chart}"
    );
    let short = frame_at("/tower<Enter>", 100, 20);
    assert!(
        !short.contains("Events") && short.contains("3 stars"),
        "{short}"
    );
}

fn frame_at(keys: &str, w: u16, h: u16) -> String {
    let a = app_after_keys(fixture(), today(), w, h, keys).unwrap();
    buffer_text(&draw_to_buffer(&a, w, h, MONO))
}

#[test]
fn every_size_from_tiny_to_huge_draws_without_panicking() {
    let keys = "/tower<Enter><Space>j<Space>N<Tab>jh+<Enter>";
    for w in (0..=250).step_by(7).chain([1, 2, 39, 40, 79, 80, 250]) {
        for h in (0..=80).step_by(5).chain([1, 9, 10, 23, 24, 80]) {
            let mut a = app_after_keys(fixture(), today(), w, h, keys).unwrap();
            let _ = draw_to_buffer(&a, w, h, COLOUR);
            for k in ["n", "<Esc>", "?", "<Esc>", "<Tab>", "G", "<Enter>", "e"] {
                for action in trajex::app::keys::parse_keys(k).unwrap() {
                    a.press(action);
                }
                let _ = draw_to_buffer(&a, w, h, MONO);
            }
        }
    }
}

/// The README's key tables, one per mode, as the keymap's tables make them.
fn readme_key_tables() -> String {
    use trajex::app::keymap::{Keymap, Scope, config_name};
    let map = Keymap::default();
    let mut out = String::new();
    for scope in Scope::ALL {
        out.push_str(&format!(
            "#### {}\n\n| keys | action (config name) | does |\n|---|---|---|\n",
            scope.title()
        ));
        for binding in scope.bindings() {
            let keys: Vec<String> = map
                .keys(scope, binding.intent)
                .iter()
                .map(|k| format!("`{}`", k.label()))
                .collect();
            out.push_str(&format!(
                "| {} | `{}` | {} |\n",
                keys.join(" "),
                config_name(scope, binding),
                binding.does
            ));
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_readme_lists_every_key_of_every_mode_as_the_tables_do() {
    let readme = include_str!("../../README.md");
    let tables = readme_key_tables();
    assert!(
        readme.contains(&tables),
        "the README's key tables differ from the keymap's; they should read:\n\n{tables}"
    );
}

#[test]
fn national_context_puts_the_published_figures_beside_the_computed_ones() {
    // The stars strip at 2004-11, Tower Hamlets' three-star rating.
    let text = frame_at("/tower<Enter>hhhhhhn", 120, 40);
    assert!(
        text.contains("Social services star rating (CSCI), at 2004-11"),
        "{text}"
    );
    let published = text
        .find("Published 2004-11 (Headlines: November 19th, 2004): 3 stars 20, 1 star 40, 0 stars 8, of 150 rated.")
        .expect("the published figures");
    let computed = text
        .find("Computed (partial): from the 1 council this dataset knows, not all 3:")
        .expect("the computed figures, said to be partial");
    assert!(
        !text.contains("not a national figure"),
        "the popup titled National context words its caveat without contradicting its title: {text}"
    );
    assert!(
        published < computed,
        "published figures come first when the dataset knows fewer councils: {text}"
    );
}

#[test]
fn enter_on_a_council_opens_its_record_with_aliases_and_neighbours() {
    let text = frame("/barking<Enter><Enter>");
    insta::assert_snapshot!(text);
    assert!(text.contains("also known as  Barking & Dagenham"), "{text}");
    let tower = frame("/tower<Enter><Enter>");
    assert!(
        tower.contains("neighbours     Brent (brent); hackney (not in this dataset)"),
        "{tower}"
    );
    assert_eq!(
        app("/tower<Enter><Enter>x").mode,
        Mode::Council,
        "a key the record has no use for leaves it open"
    );
}

#[test]
fn the_record_names_predecessors_and_successors() {
    let text = FIXTURE.replace(
        "aliases: [\"Barking & Dagenham\"],",
        "aliases: [\"Barking & Dagenham\"], succeeded_by: [\"brent\"],",
    );
    let dataset = parse(&text, "x").unwrap().dataset;
    let successor =
        app_after_keys(dataset.clone(), today(), 100, 32, "/barking<Enter><Enter>").unwrap();
    let successor = buffer_text(&draw_to_buffer(&successor, 100, 32, MONO));
    assert!(
        successor.contains("succeeded by   Brent (brent)"),
        "{successor}"
    );
    let predecessor = app_after_keys(dataset, today(), 100, 32, "/brent<Enter><Enter>").unwrap();
    let predecessor = buffer_text(&draw_to_buffer(&predecessor, 100, 32, MONO));
    assert!(
        predecessor.contains("succeeded      Barking and Dagenham (barking-and-dagenham)"),
        "{predecessor}"
    );
}

#[test]
fn the_light_theme_uses_deeper_colours_than_the_dark_one() {
    let a = app("/tower<Enter>");
    let dark = draw_to_buffer(&a, 100, 32, COLOUR);
    let light = draw_to_buffer(&a, 100, 32, Theme::LIGHT);
    assert_eq!(fg_of(&dark, "●", "Outstanding"), Some(Color::Cyan));
    assert_eq!(fg_of(&light, "●", "Outstanding"), Some(Color::Blue));
    assert_eq!(
        fg_of(&light, "●", "Inadequate"),
        Some(Color::Red),
        "the worst is red in both"
    );
}

// ---- keys that never surprise -------------------------------------------------------

/// Each popup, the keys that open it from `BASE`, and whether `q` closes it (in the
/// export dialog `q` is typed into the path).
const POPUPS: &[(&str, &str, bool)] = &[
    ("help", "?", true),
    ("council", "<Enter>", true),
    ("context", "n", true),
    ("rating", "<Tab><Tab><Enter>", true),
    ("export", "e", false),
    ("compare", "c", true),
    ("go_to", "@", false),
];

/// A filter kept, a council pinned and the time cursor placed: what closing a popup
/// must leave as it was.
const BASE: &str = "/tower<Enter><Space>l";

#[test]
fn every_popup_closes_with_q_or_esc_back_to_where_the_user_was() {
    for (name, open, q_closes) in POPUPS {
        // Where the user was: for the rating, focus on the events pane.
        let before = open
            .trim_end_matches("<Enter>")
            .trim_end_matches(['?', 'n', 'e', 'c', '@']);
        let was = frame(&format!("{BASE}{before}"));
        let shown = frame(&format!("{BASE}{open}"));
        insta::assert_snapshot!(format!("popup_{name}_open"), shown);
        let closes: &[&str] = if *q_closes {
            &["q", "<Esc>"]
        } else {
            &["<Esc>"]
        };
        for close in closes {
            let keys = format!("{BASE}{open}{close}");
            let a = app(&keys);
            assert_eq!(a.mode, Mode::Normal, "{name} closes with {close}");
            assert_eq!(a.list.query.value(), "tower", "{name}: the filter stays");
            assert_eq!(a.list.pins.len(), 1, "{name}: the pin stays");
            assert!(a.chart.cursor.is_some(), "{name}: the cursor stays");
            assert_eq!(frame(&keys), was, "{name} closed with {close}");
        }
        let mut a = app(&format!("{BASE}{open}"));
        assert_eq!(
            a.press(key("Ctrl-C")),
            [Effect::Quit],
            "Ctrl-C quits from {name}"
        );
    }
    assert!(
        matches!(app(&format!("{BASE}eq")).mode, Mode::Export(_)),
        "q is typed into the export path"
    );
}

#[test]
fn the_first_l_places_a_dated_cursor_and_it_stops_at_the_ends() {
    let text = frame("/tower<Enter>l");
    assert!(text.contains(" at 2025-"), "{text}");
    assert!(text.contains("since"), "{text}");
    let first = app(&format!("/tower<Enter>{}", "h".repeat(60)));
    let dates: Vec<Date> = first.dataset.councils[first.list.selected.unwrap()]
        .ratings
        .iter()
        .map(|r| r.date)
        .collect();
    assert_eq!(
        first.chart.cursor,
        dates.iter().min().copied(),
        "stops at the first date"
    );
    let text = buffer_text(&draw_to_buffer(&first, 100, 32, MONO));
    assert!(
        text.contains("No rating date before this one: the first is 2002-05."),
        "{text}"
    );
    let last = app(&format!("/tower<Enter>h{}", "l".repeat(60)));
    assert_eq!(
        last.chart.cursor,
        dates.iter().max().copied(),
        "stops at the last date"
    );
}

#[test]
fn an_event_selected_moves_the_cursor_and_n_puts_its_scheme_in_context() {
    let a = app("/tower<Enter><Tab><Tab>j");
    let council = &a.dataset.councils[a.list.selected.unwrap()];
    let rating = &council.ratings[1];
    assert_eq!(a.chart.cursor, Some(rating.date));
    let b = app("/tower<Enter><Tab><Tab>jn");
    let Mode::Context(view) = &b.mode else {
        panic!("context open")
    };
    assert_eq!((view.scheme, view.date), (rating.scheme, rating.date));
    assert!(view.regions.is_none(), "nation-wide first");
}

#[test]
fn space_and_n_in_the_council_record_pin_that_council_and_its_neighbours() {
    let a = app("/tower<Enter><Enter><Space>");
    let tower = a.dataset.council_by_id("tower-hamlets").unwrap();
    assert_eq!(a.list.pins, [tower]);
    assert_eq!(a.mode, Mode::Council, "the record stays open");
    let b = app("/tower<Enter><Enter>N");
    assert!(!b.list.pins.is_empty());
}

#[test]
fn at_80x24_the_whole_help_scrolls_into_view() {
    let last_line = "\"last measured 2017-04: more than 25\".";
    let top = frame_at("?", 80, 24);
    assert!(!top.contains(last_line));
    assert!(top.contains("lines 1-21 of"), "{top}");
    let end = frame_at("?G", 80, 24);
    assert!(end.contains(last_line), "{end}");
    let paged = frame_at(&format!("?{}", "<PgDn>".repeat(20)), 80, 24);
    assert_eq!(paged, end, "paging stops at the last line");
    let back = frame_at("?Gg", 80, 24);
    assert_eq!(back, top);
}

#[test]
fn at_80x24_tower_hamlets_keeps_its_2002_one_star_marker_and_dots_the_unknown_2005_round() {
    let embedded = parse(trajex::data::EMBEDDED, "<embedded>").unwrap().dataset;
    let today = Date::parse("2026-12-07").unwrap();
    let a = app_after_keys(embedded, today, 80, 24, "/tower<Enter>").unwrap();
    let text = buffer_text(&draw_to_buffer(&a, 80, 24, MONO));
    let strip: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.contains("Social services star rating"))
        .take(5)
        .collect();
    let row = |level: &str| {
        let line = strip
            .iter()
            .find(|l| l.contains(&format!("│{level} ")))
            .unwrap_or_else(|| panic!("a {level} row in {text}"));
        // The chart pane's part of the line, from its y axis.
        let from = line.find('┤').expect("a y axis");
        line[from..].to_owned()
    };
    // 2002-05-30: one star, its marker never covered by the step up to two stars.
    assert!(row("1 star").contains('●'), "{text}");
    // 2004-11-18 three stars, the 2005 round unknown (dotted), 2006-11 three stars.
    let three = row("3 stars");
    let dotted = three
        .split('●')
        .skip(1)
        .any(|between| !between.is_empty() && between.chars().all(|c| c == '·'));
    assert!(
        dotted,
        "the unknown 2005 round is dotted between two markers: {three}\n{text}"
    );
}

/// Every page of the help at `w`x`h`, from the top to the last line, as one text.
fn help_pages(dataset: &Dataset, w: u16, h: u16) -> String {
    let mut pages = String::new();
    for n in 0..60 {
        let keys = format!("?{}", "<PgDn>".repeat(n));
        let a = app_after_keys(dataset.clone(), today(), w, h, &keys).unwrap();
        let page = buffer_text(&draw_to_buffer(&a, w, h, MONO));
        let done = pages.contains(&page);
        pages.push_str(&page);
        if done {
            break;
        }
    }
    pages
}

#[test]
fn at_80x24_the_help_scrolls_to_a_legend_of_the_charts_marks_and_a_glossary() {
    let embedded = parse(trajex::data::EMBEDDED, "<embedded>").unwrap().dataset;
    let pages = help_pages(&embedded, 80, 24);
    // The chart's marks, drawn with the chart's own characters.
    use trajex::chart::glyph;
    for (mark, says) in [
        (glyph::RULE.to_owned(), "a rule: a framework starts"),
        (glyph::UNKNOWN.repeat(4), "\"unknown\""),
        (glyph::NO_GRADE.repeat(4), "\"no grade\""),
        (
            glyph::CHANGING.repeat(4),
            "the month or year a rating changed in",
        ),
        (
            format!("{} {}", glyph::FOLDED, glyph::UNFOLDED),
            "a scheme with sub-judgements",
        ),
    ] {
        assert!(
            pages.lines().any(|l| l.contains(&mark) && l.contains(says)),
            "the legend explains {mark} as {says}: {pages}"
        );
    }
    // The list's sort figures.
    assert!(pages.contains("+3 0 -1"), "{pages}");
    assert!(pages.contains("7m 4.2y"), "{pages}");
    // A glossary from the dataset's own schemes: ILACS is a framework of Ofsted's
    // children's services inspections, CSCI is spelt out as the schemes' body spells it.
    assert!(
        pages
            .lines()
            .any(|l| l.contains("ILACS") && l.contains("a framework of Children's services")),
        "{pages}"
    );
    assert!(
        pages
            .lines()
            .any(|l| l.contains("CSCI") && l.contains("Commission for Social Care Inspection")),
        "{pages}"
    );
}

#[test]
fn tab_visits_only_panes_that_show() {
    // Short: the events pane is folded away, so Tab goes list, chart, list.
    let a = app_after_keys(fixture(), today(), 100, 20, "<Tab><Tab>").unwrap();
    assert_eq!(a.focus, Pane::List);
    let b = app_after_keys(fixture(), today(), 100, 32, "<Tab><Tab>").unwrap();
    assert_eq!(b.focus, Pane::Events);
}

#[test]
fn the_footer_drops_the_least_important_hints_first_and_keeps_help_and_quit() {
    for width in [40, 60, 80, 120] {
        let text = frame_at("", width, 24);
        let footer = text.lines().last().unwrap();
        assert!(
            footer.contains("? help") && footer.contains("q quit"),
            "{width}: {footer}"
        );
        assert!(footer.chars().count() <= usize::from(width));
    }
    assert!(
        frame_at("", 120, 24)
            .lines()
            .last()
            .unwrap()
            .contains("n context")
    );
    assert!(
        !frame_at("", 60, 24)
            .lines()
            .last()
            .unwrap()
            .contains("n context")
    );
}

#[test]
fn the_status_line_clears_when_the_user_moves_on() {
    let pinned = frame("/tower<Enter><Space>");
    assert!(
        pinned
            .lines()
            .last()
            .unwrap()
            .contains("Pinned Tower Hamlets")
    );
    let moved = frame("/tower<Enter><Space>j");
    assert!(moved.lines().last().unwrap().contains("? help"), "{moved}");
}

#[test]
fn r_and_shift_r_cycle_the_regions_both_ways() {
    let a = app("r");
    let regions = a
        .regions()
        .iter()
        .map(|r| r.to_string())
        .collect::<Vec<_>>();
    assert_eq!(
        a.list.region.as_deref(),
        regions.first().map(String::as_str)
    );
    let back = app("R");
    assert_eq!(
        back.list.region.as_deref(),
        regions.last().map(String::as_str)
    );
    assert_eq!(app("rR").list.region, None, "back to every region");
}

#[test]
fn the_filter_and_path_edit_like_a_shell_line() {
    let a = app("/hamlets<Home>tower <C-e>x<Backspace>");
    assert_eq!(a.list.query.value(), "tower hamlets");
    assert_eq!(app("/tower hamlets<C-w>").list.query.value(), "tower ");
    assert_eq!(app("/tower<C-u>").list.query.value(), "");
    assert_eq!(app("/tower<Left><Left><Delete>").list.query.value(), "towr");
    let mut dialog = app("/tower<Enter>e<C-u>~/report.svg");
    let Mode::Export(d) = &dialog.mode else {
        panic!("dialog open")
    };
    assert_eq!(
        d.format,
        trajex::export::Format::Svg,
        "the extension picks the format"
    );
    dialog.home = Some("/home/someone".into());
    let effects = dialog.press(key("Enter"));
    let [Effect::Export { path, format, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(
        path.to_str(),
        Some("/home/someone/report.svg"),
        "~ is the home folder"
    );
    assert_eq!(*format, trajex::export::Format::Svg);
}

#[test]
fn the_dataset_title_shows_under_the_list() {
    let text = frame("");
    assert!(text.contains(&fixture().title[..12]), "{text}");
}

#[test]
fn every_footer_fits_its_width_in_whole_hints() {
    for (keys, must) in [
        ("", "? help"),
        ("/to", "Enter keep"),
        ("/tower<Enter>e", "Enter export"),
        ("?", "Esc close"),
        ("/tower<Enter><Enter>", "Esc close"),
        ("n", "Esc close"),
    ] {
        for width in [40, 60, 80] {
            let text = frame_at(keys, width, 24);
            let footer = text.lines().last().unwrap();
            assert!(footer.contains(must), "{keys} at {width}: {footer}");
            // Every hint is a key then a word: nothing is cut mid-word.
            assert!(
                footer.split("  ").all(|hint| hint.trim().contains(' ')),
                "{keys} at {width}: {footer}"
            );
        }
    }
}

#[test]
fn a_rebinding_shows_in_the_help_and_the_footer_and_ctrl_c_still_quits() {
    use std::collections::BTreeMap;
    use trajex::app::keymap::Keymap;
    let overrides = BTreeMap::from([
        ("filter".to_owned(), vec!["F5".to_owned()]),
        ("up".to_owned(), vec!["Ctrl-P".to_owned()]),
        ("down".to_owned(), vec!["Ctrl-N".to_owned()]),
        ("quit".to_owned(), vec!["Q".to_owned()]),
    ]);
    let mut a = App::new(fixture(), today());
    a.keymap = Keymap::with_overrides(&overrides).unwrap();
    trajex::ui::feed_keys(&mut a, 100, 32, "").unwrap();
    let footer = buffer_text(&draw_to_buffer(&a, 100, 32, MONO));
    let footer = footer.lines().last().unwrap();
    assert!(
        footer.contains("Ctrl-P/Ctrl-N move") && footer.contains("F5 filter"),
        "{footer}"
    );
    assert!(footer.contains("Q quit"), "{footer}");
    trajex::ui::feed_keys(&mut a, 100, 200, "?").unwrap();
    let help = buffer_text(&draw_to_buffer(&a, 100, 200, MONO));
    assert!(help.contains("Filter (after F5)"), "{help}");
    assert!(a.press(key("Esc")).is_empty());
    assert_eq!(
        a.press(key("Ctrl-C")),
        [Effect::Quit],
        "Ctrl-C quits whatever q is"
    );
}

#[test]
fn a_pane_folded_away_by_a_resize_gives_up_the_focus() {
    let mut a = app("<Tab><Tab>");
    assert_eq!(a.focus, Pane::Events);
    a.update(Action::Resize(100, 20));
    assert_eq!(a.focus, Pane::Chart, "the events pane is gone at 20 rows");
    // Narrow: one pane at a time; Tab moves between the list and the chart with events.
    let narrow = app_after_keys(fixture(), today(), 60, 30, "<Tab>").unwrap();
    assert_eq!(narrow.focus, Pane::Chart);
    let narrow = app_after_keys(fixture(), today(), 60, 30, "<Tab><Tab><Tab>").unwrap();
    assert_eq!(narrow.focus, Pane::List);
}

#[test]
fn under_70_columns_the_help_puts_each_description_under_its_keys() {
    let text = frame_at("?", 50, 40);
    assert!(text.contains("move up in the focused pane"), "{text}");
    assert!(!text.contains('…'), "nothing cut: {text}");
}

#[test]
fn n_on_a_numeric_strip_shows_the_spread_and_each_shown_councils_value() {
    // Tower Hamlets selected, Barking and Dagenham pinned; the caseload strip at
    // 2017-04-07, when Tower Hamlets' first figure holds (the cursor stops at each
    // shown council's dates).
    let text = frame("/barking<Enter><Space>/tower<Enter><Tab>jjhhhhhhn");
    insta::assert_snapshot!(text);
    for line in [
        "Average caseload per social worker (Council), at 2017-04-07",
        "Computed (partial): from the 1 council this dataset knows, not all 3:",
        "min    25 children",
        "median 25 children",
        "max    25 children",
        "Lower is better.",
        "● Tower Hamlets        last measured 2017-04: more than 25",
        "◆ Barking and Dagenham unknown: not in this dataset",
        "Known for 1 of 3 councils; 2 unknown (not in this dataset).",
    ] {
        assert!(text.contains(line), "{line:?} in {text}");
    }
}

/// Three councils measured on one numeric scheme, the values spread apart.
const CASELOADS: &str = r#"Dataset(
    title: "Caseloads",
    schemes: [Scheme(id: "load", name: "Caseload", body: "Council", scale: Numeric(unit: "children", better: Lower))],
    councils: [
        Council(id: "a", name: "Ynys Môn", ratings: [Rating(scheme: "load", date: "2017-01-01", value: 30.0), Rating(scheme: "load", date: "2019-01-01", value: 18.0), Rating(scheme: "load", date: "2021-01-01", value: 20.0)]),
        Council(id: "b", name: "B", ratings: [Rating(scheme: "load", date: "2018-01-01", value: 25.5), Rating(scheme: "load", date: "2020-01-01", value: 22.0)]),
        Council(id: "c", name: "C", ratings: [Rating(scheme: "load", date: "2018-06-01", value: 12.0), Rating(scheme: "load", date: "2020-06-01", note: "not published")]),
    ],
)"#;

#[test]
fn the_numeric_context_popup_gives_the_spread_trajex_context_prints() {
    let data = || parse(CASELOADS, "caseloads.ron").unwrap().dataset;
    // C pinned, Ynys Môn selected, the cursor on its 2019-01-01 figure.
    let a = app_after_keys(data(), today(), 100, 32, "j<Space>G<Tab>hhhn").unwrap();
    let text = buffer_text(&draw_to_buffer(&a, 100, 32, MONO));
    let cli = crate::common::Sandbox::new()
        .run_on(CASELOADS, &["context", "load", "--date", "2019-01-01"])
        .ok()
        .stdout;
    assert!(
        cli.contains("min 12 children, median 18 children, max 25.5 children"),
        "{cli}"
    );
    for line in [
        "min    12 children",
        "median 18 children",
        "max    25.5 children",
        "Lower is better.",
        "● Ynys Môn last measured 2019-01-01: 18 children",
        "◆ C        last measured 2018-06-01: 12 children",
        "Known for 3 of 3 councils.",
    ] {
        assert!(text.contains(line), "{line:?} in {text}");
    }
}

#[test]
fn at_80x24_the_cursor_date_and_reading_have_their_own_lines() {
    // The embedded set: Tower Hamlets, the cursor moved back to 2019-07-22.
    let data = trajex::data::load::parse(trajex::data::EMBEDDED, "<embedded>")
        .unwrap()
        .dataset;
    let a = app_after_keys(data, today(), 80, 24, "/tower<Enter><Left><Left>").unwrap();
    let text = buffer_text(&draw_to_buffer(&a, 80, 24, MONO));
    assert!(text.contains("│ at 2019-07-22 · "), "{text}");
    assert!(text.contains("│    Good since 2019-07-22"), "{text}");
    assert!(text.contains("6 more strips below ↓"), "{text}");
}

/// The chart model, built once, painted by the terminal chart: every strip's title,
/// every rule's label and one marker per rating the model holds. (The SVG side of the
/// same check is in tests/export.rs.)
#[test]
fn the_terminal_chart_shows_the_models_strips_rules_and_markers() {
    use ratatui::widgets::Widget;
    use trajex::chart::{Chart, Choice};
    let data = trajex::data::load::parse(trajex::data::EMBEDDED, "<embedded>")
        .unwrap()
        .dataset;
    let tower = data.council_by_id("tower-hamlets").unwrap();
    let model = Chart::new(&data, &[tower], &Choice::default(), today());
    let area = ratatui::layout::Rect::new(0, 0, 400, 200);
    let mut buf = Buffer::empty(area);
    trajex::ui::chart::ChartView {
        dataset: &data,
        chart: &model,
        pins: &[],
        selected: None,
        cursor: None,
        zoom: 0,
        theme: MONO,
    }
    .render(area, &mut buf);
    let text = buffer_text(&buf);
    for plot in &model.plots {
        assert!(text.contains(&plot.title), "strip {}", plot.title);
        for rule in &plot.rules {
            assert!(
                text.contains(&rule.label),
                "rule {} of {}",
                rule.label,
                plot.title
            );
        }
    }
    let markers: usize = model
        .plots
        .iter()
        .flat_map(|p| &p.series)
        .flat_map(|s| &s.timeline.segments)
        .count();
    assert_eq!(text.matches('●').count(), markers);
}

#[test]
fn the_events_pane_gives_the_level_its_full_width_before_the_note() {
    let text = frame("/tower<Enter><Tab><Tab>");
    insta::assert_snapshot!(text);
    let row = text
        .lines()
        .find(|l| l.contains("2017-04-07 · care leave"))
        .expect("the care leavers' event");
    assert!(row.contains("Requires improvement to be good "), "{row}");
    // Every level starts in one column, whatever the width of the scheme before it.
    let column = |date: &str, level: &str| {
        let line = text
            .lines()
            .find(|l| l.contains(date) && l.contains(level))
            .expect("the event");
        line[..line.find(level).unwrap()].chars().count()
    };
    let ri = column("2017-04-07 · care", "Requires improvement to be good ");
    assert_eq!(column("2002-05", "1 star"), ri);
    assert_eq!(column("2017-04 ", "25 children"), ri);
    assert_eq!(column("2017-04-07 Children", "Inadequate"), ri);
}

#[test]
fn the_export_dialog_writes_pictures_as_on_screen_unless_told_every_strip() {
    let strips_of = |keys: &str| {
        let mut a = app(keys);
        let effects = a.press(key("Enter"));
        let [Effect::Export { strips, .. }] = effects.as_slice() else {
            panic!("{effects:?}")
        };
        strips.clone()
    };
    let tower = "/tower<Enter>";
    let on_screen = strips_of(&format!("{tower}e"));
    assert!(
        !on_screen.unfold_all && on_screen.unfolded.is_empty(),
        "folded as on screen"
    );
    let unfolded = strips_of(&format!("{tower}<Tab>j<Enter><BackTab>e"));
    assert_eq!(
        unfolded.unfolded.len(),
        1,
        "the strip unfolded on screen stays so"
    );
    assert!(
        strips_of(&format!("{tower}e<C-t>")).unfold_all,
        "Ctrl-T: every strip"
    );
}

// ---- questions people ask, in the explorer -------------------------------------------

fn embedded_app(keys: &str, w: u16, h: u16) -> App {
    let data = trajex::data::load::parse(trajex::data::EMBEDDED, "<embedded>")
        .unwrap()
        .dataset;
    app_after_keys(data, today(), w, h, keys).unwrap()
}

#[test]
fn t_shows_the_transitions_of_the_strip_with_the_councils_own_marked() {
    let a = embedded_app("/tower<Enter>t", 120, 40);
    let ofsted = a.dataset.scheme_by_id("ofsted-cs").unwrap();
    assert!(matches!(&a.mode, Mode::Transitions(t) if t.scheme == ofsted));
    let text = buffer_text(&draw_to_buffer(&a, 120, 40, MONO));
    assert!(text.contains("┌ Transitions"), "{text}");
    // Tower Hamlets went Inadequate → Good → Outstanding: both cells are marked.
    let row = |level: &str| {
        text.lines()
            .find(|l| l.contains(&format!("│ {level} ")))
            .unwrap_or("")
            .to_owned()
    };
    assert!(row("Inadequate").contains('●'), "{text}");
    assert!(row("Good").contains('●'), "{text}");
    assert!(!row("Outstanding").contains('●'), "{text}");
    assert_eq!(embedded_app("/tower<Enter>tq", 120, 40).mode, Mode::Normal);
}

#[test]
fn arrows_in_the_national_context_step_to_the_dates_ratings_changed_and_r_shows_regions() {
    let a = embedded_app("/tower<Enter>hn", 120, 40);
    let context_date = |a: &App| match &a.mode {
        Mode::Context(view) => view.date,
        _ => panic!("context open"),
    };
    let date = context_date(&a);
    let b = embedded_app("/tower<Enter>hn<Left>", 120, 40);
    let before = context_date(&b);
    assert!(before < date, "{before} before {date}");
    let scheme = b.dataset.scheme_by_id("ofsted-cs").unwrap();
    assert!(
        b.dataset
            .councils
            .iter()
            .flat_map(|c| &c.ratings)
            .any(|r| r.scheme == scheme && r.date == before),
        "a council's rating changed on {before}"
    );
    let text = buffer_text(&draw_to_buffer(&b, 120, 40, MONO));
    assert!(text.contains(&format!("at {before}")), "{text}");
    let back = embedded_app("/tower<Enter>hn<Left><Right>", 120, 40);
    assert_eq!(context_date(&back), date);
    let regions = embedded_app("/tower<Enter>hnr", 120, 40);
    let text = buffer_text(&draw_to_buffer(&regions, 120, 40, MONO));
    assert!(
        text.contains("by region") && text.contains("London"),
        "{text}"
    );
    let Mode::Context(view) = &regions.mode else {
        panic!("context open")
    };
    assert_eq!(view.regions.as_ref().map(Vec::len), Some(9));
}

#[test]
fn the_national_context_gives_the_selected_councils_percentile() {
    let a = embedded_app("/tower<Enter>hn", 160, 40);
    let text = buffer_text(&draw_to_buffer(&a, 160, 40, MONO));
    // 33 of 153 rated councils Outstanding on 2025-01-13: 21.6%.
    assert!(
        text.contains("● Tower Hamlets  joint 1st-33rd of 153, top 22% · Outstanding"),
        "{text}"
    );
}

#[test]
fn the_national_context_keeps_the_selected_and_pinned_councils_ranks_at_80x24_and_narrower() {
    // Tower Hamlets selected, Hackney pinned, the cursor on 2025-01-13: 33 of the 153
    // councils rated were Outstanding, 67 Good (joint 34th-100th).
    let keys = "/hackney<Enter><Space>/tower<Enter>hn";
    for (width, height) in [(80, 24), (100, 30), (200, 60)] {
        let a = embedded_app(keys, width, height);
        let text = buffer_text(&draw_to_buffer(&a, width, height, MONO));
        assert!(
            text.contains("● Tower Hamlets  joint 1st-33rd of 153, top 22%"),
            "{width}x{height}: the selected council's rank: {text}"
        );
        assert!(
            text.contains("Hackney        joint 34th-100th of 153, top 65%"),
            "{width}x{height}: the pinned council's rank: {text}"
        );
        assert!(
            text.contains("Requires improvement to be good")
                && text.contains("Known for 153 of 153 councils."),
            "{width}x{height}: {text}"
        );
        assert!(!text.contains("top 100%"), "{text}");
    }
    // Narrower, the bars give way before any word: every level's name and figures,
    // and the ranks, are still there.
    let wide = embedded_app(keys, 200, 60);
    let wide = buffer_text(&draw_to_buffer(&wide, 200, 60, MONO));
    let narrow = embedded_app(keys, 64, 24);
    let narrow = buffer_text(&draw_to_buffer(&narrow, 64, 24, MONO));
    let bar = |text: &str, level: &str| {
        text.lines()
            .find(|l| l.contains(&format!("│ {level} ")) && l.contains('%'))
            .unwrap_or_else(|| panic!("{level}: {text}"))
            .chars()
            .filter(|&c| c == '█')
            .count()
    };
    assert!(bar(&narrow, "Good") < bar(&wide, "Good"), "{narrow}");
    for words in [
        "Requires improvement to be good",
        "67  43.8%",
        "● Tower Hamlets  joint 1st-33rd of 153, top 22%",
    ] {
        assert!(narrow.contains(words), "{words:?} at 64 columns: {narrow}");
    }
}

#[test]
fn the_filter_reads_went_as_a_trajectory() {
    let a = embedded_app("/went:inadequate,outstanding<Enter>", 100, 30);
    let names: Vec<&str> = a
        .list
        .visible
        .iter()
        .map(|&c| a.dataset.councils[c].name.as_str())
        .collect();
    assert!(names.contains(&"Tower Hamlets"), "{names:?}");
    assert_eq!(names.len(), 10, "{names:?}");
    let bad = embedded_app("/went:inad,bogus", 100, 30);
    assert!(bad.list.visible.is_empty());
    assert!(bad.status.as_deref().is_some_and(|s| s.contains("bogus")));
}

#[test]
fn the_help_and_the_readme_say_how_a_date_of_each_precision_is_read() {
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let paragraph = words(trajex::app::help::READING_DATES);
    assert!(
        words(include_str!("../../README.md")).contains(&paragraph),
        "the README should say, word for word: {paragraph}"
    );
    let help = frame_at("?G", 100, 40);
    assert!(help.contains(" Reading a date"), "{help}");
    let shown = words(
        &help
            .lines()
            .skip_while(|l| !l.contains(" Reading a date"))
            .skip(1)
            .map(|l| l.trim_matches(|c: char| c == '│' || c == ' '))
            .collect::<Vec<_>>()
            .join(" "),
    );
    assert!(
        shown.contains("2004-11 on 30 November 2004")
            && shown.contains("\"unknown: changed during 2017\"")
            && shown.contains("\"last measured 2017-04: more than 25\""),
        "{help}"
    );
}

#[test]
fn bidi_and_zero_width_characters_in_a_name_do_not_shift_the_list_border() {
    let mut dataset = fixture();
    dataset.councils[1].name = "Br\u{202e}ent\u{200b}\u{200d}\u{2066}\u{feff}".into();
    let a = app_after_keys(dataset, today(), 100, 32, "").expect("keys parse");
    let buf = draw_to_buffer(&a, 100, 32, MONO);
    let hidden: Vec<(u16, u16, String)> = buf
        .content()
        .iter()
        .enumerate()
        .filter(|(_, cell)| cell.symbol().chars().any(trajex::text::is_hidden))
        .map(|(i, cell)| (i as u16 % 100, i as u16 / 100, cell.symbol().to_owned()))
        .collect();
    assert!(hidden.is_empty(), "sent to the terminal raw: {hidden:?}");
    let text = buffer_text(&buf);
    let rows: Vec<&str> = text.lines().take(4).collect();
    // The list's right border: the first `┐` on the top row, `│` below it on every row.
    let border = rows[0].chars().position(|c| c == '┐').expect("a border");
    for row in &rows[1..] {
        assert_eq!(row.chars().nth(border), Some('│'), "{text}");
    }
    assert!(rows[2].contains("Br\\u{202e}ent"), "{text}");
    // In the title of the chart, too, when Brent is chosen.
    let a = app_after_keys(a.dataset.clone(), today(), 100, 32, "j").expect("keys parse");
    let text = buffer_text(&draw_to_buffer(&a, 100, 32, MONO));
    assert!(text.contains("┐┌ Br\\u{202e}ent"), "{text}");
}

#[test]
fn y_copies_only_a_clean_web_address() {
    let copied = |url: &str| {
        let mut dataset = fixture();
        let source = dataset
            .sources
            .iter_mut()
            .find(|s| s.url.as_deref() == Some("https://files.ofsted.gov.uk/v1/file/50266090"))
            .expect("the fixture's source");
        source.url = Some(url.to_owned());
        let mut a = app_after_keys(dataset, today(), 100, 32, "/tower<Enter><Tab><Tab>G")
            .expect("keys parse");
        let effects = a.press(key("y"));
        (effects, a.status.unwrap_or_default())
    };
    let (effects, status) = copied(" https://files.ofsted.gov.uk/v1/file/50266090\n");
    assert_eq!(
        effects,
        [Effect::Copy(
            "https://files.ofsted.gov.uk/v1/file/50266090".into()
        )],
        "surrounding white space is trimmed"
    );
    assert_eq!(
        status,
        "Sent to the clipboard (OSC 52): https://files.ofsted.gov.uk/v1/file/50266090"
    );
    let (effects, status) = copied("https://e.org/\x1b]52;c;cm0gLXJmIH4=\x07");
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(
        status,
        "Not copied: this source's link holds control or invisible characters."
    );
    let (effects, status) = copied("https://e.org/\u{202e}gpj.exe");
    assert!(effects.is_empty(), "{effects:?}");
    assert!(status.starts_with("Not copied"), "{status}");
    let (effects, status) = copied("javascript:alert(1)");
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(
        status,
        "Not copied: this source's link is not an http or https address."
    );
}

#[test]
fn a_region_with_hidden_characters_is_shown_escaped_under_the_list() {
    let mut dataset = fixture();
    for council in &mut dataset.councils {
        council.region = Some("Lon\u{202e}don\x1b[2J".into());
    }
    let a = app_after_keys(dataset, today(), 100, 32, "r").expect("keys parse");
    let buf = draw_to_buffer(&a, 100, 32, MONO);
    assert!(
        !buf.content()
            .iter()
            .any(|cell| cell.symbol().chars().any(trajex::text::is_hidden)),
        "a hidden character reached the terminal raw"
    );
    let text = buffer_text(&buf);
    assert!(text.contains("Lon\\u{202e}don\\x1b[2J"), "{text}");
}

#[test]
fn no_hidden_character_from_the_dataset_reaches_any_mode_raw() {
    let tag = |s: &mut String| s.push_str("\u{202e}\u{200b}\u{2066}\x1b]52;c;aGk=\x07");
    let mut dataset = fixture();
    tag(&mut dataset.title);
    for scheme in &mut dataset.schemes {
        tag(&mut scheme.name);
        tag(&mut scheme.body);
        scheme.eras.iter_mut().for_each(|e| tag(&mut e.name));
    }
    for source in &mut dataset.sources {
        tag(&mut source.title);
        source.publisher.iter_mut().for_each(tag);
        source.url.iter_mut().for_each(tag);
    }
    for council in &mut dataset.councils {
        tag(&mut council.name);
        council.region.iter_mut().for_each(tag);
        council.kind.iter_mut().for_each(tag);
        council.aliases.iter_mut().for_each(tag);
        for rating in &mut council.ratings {
            rating.note.iter_mut().for_each(tag);
        }
    }
    for keys in [
        "",
        "j",
        "h",
        "n",
        "<Tab><Tab>",
        "<Tab><Tab><Enter>",
        "<Tab><Tab>y",
        "?",
        "e",
        "s",
        "r",
        "c",
        "i",
        "t",
    ] {
        let a = app_after_keys(dataset.clone(), today(), 120, 40, keys).expect("keys parse");
        let buf = draw_to_buffer(&a, 120, 40, MONO);
        let raw: Vec<String> = buf
            .content()
            .iter()
            .filter(|cell| cell.symbol().chars().any(trajex::text::is_hidden))
            .map(|cell| cell.symbol().escape_unicode().to_string())
            .collect();
        assert!(
            raw.is_empty(),
            "after {keys:?}: {raw:?}\n{}",
            buffer_text(&buf)
        );
    }
}
