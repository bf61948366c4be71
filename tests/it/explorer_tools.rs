//! The explorer's tools for a question at a date, on the embedded (real) dataset: going
//! to a typed date (`@`), the compare table (`c`), ranks in the national context (`n`),
//! and exporting the popups' tables with the export dialog remembering its folder and
//! format. Frames come from the headless driver (`trajex render`, or `draw_to_buffer`),
//! files from the same code the terminal's loop runs (`commands::explore::perform`).

use std::path::Path;

use trajex::app::keys::parse_keys;
use trajex::app::{Action, App, Mode};
use trajex::data::{Date, load::parse};
use trajex::state::ExportMemory;
use trajex::ui::{buffer_text, draw_to_buffer, theme::Theme};
use unicode_width::UnicodeWidthStr;

use crate::common::Sandbox;

fn render(size: &str, keys: &str) -> String {
    Sandbox::new()
        .run(&["render", "--size", size, "--keys", keys])
        .ok()
        .stdout
}

fn embedded_app(width: u16, height: u16, keys: &str, export_dir: &Path) -> App {
    let dataset = parse(trajex::data::EMBEDDED, "<embedded>")
        .expect("the embedded dataset loads")
        .dataset;
    let mut app = App::new(dataset, Date::parse("2026-11-22").unwrap());
    app.export_dir = export_dir.to_owned();
    press(&mut app, width, height, keys);
    app
}

/// Feeds `keys`, carrying out each export and remembering as the terminal's loop does.
fn press(app: &mut App, width: u16, height: u16, keys: &str) {
    app.update(Action::Resize(width, height));
    for key in parse_keys(keys).expect("keys parse") {
        let mut pending = app.press(key);
        while let Some(effect) = pending.pop() {
            if let Some(action) = trajex::commands::explore::perform(app, effect) {
                pending.extend(app.update(action));
            }
        }
    }
}

fn frame(app: &App) -> String {
    buffer_text(&draw_to_buffer(app, app.size.0, app.size.1, Theme::MONO))
}

#[test]
fn at_2024_03_31_the_context_popup_gives_tower_hamlets_rank_band_and_percentile_at_80x24() {
    let text = render("80x24", "/tower<Enter>@2024-03-31<Enter>n");
    assert!(text.contains("National context"), "{text}");
    assert!(
        text.contains(", at 2024-03-31"),
        "the date as typed: {text}"
    );
    assert!(
        text.contains("Tower Hamlets  joint 28th-91st of 151, top 60% · Good"),
        "{text}"
    );
    assert!(text.lines().all(|l| l.width() <= 80), "{text}");
}

#[test]
fn the_chart_reads_the_typed_date_as_typed() {
    let text = render("80x24", "/tower<Enter>@2024-03-31<Enter>");
    assert!(text.contains("at 2024-03-31"), "{text}");
    assert!(text.contains("Good since 2019-07-22"), "{text}");
}

#[test]
fn a_year_or_a_month_typed_is_read_on_its_last_day() {
    // The figures below the title agree with the last day's; the title says the date
    // as typed.
    let figures = |text: &str| -> Vec<String> {
        let lines: Vec<Vec<char>> = text.lines().map(|l| l.chars().collect()).collect();
        let top = lines
            .iter()
            .position(|l| l.iter().collect::<String>().contains("┌ National context"))
            .expect("the popup");
        let left = lines[top].iter().position(|&c| c == '┌').unwrap_or(0);
        let right = left
            + 1
            + lines[top][left + 1..]
                .iter()
                .position(|&c| c == '┐')
                .unwrap_or(0);
        lines[top + 2..]
            .iter()
            .take_while(|l| l.get(left) == Some(&'│'))
            .map(|l| l[left..=right.min(l.len() - 1)].iter().collect())
            .collect()
    };
    for (typed, last) in [("2023", "2023-12-31"), ("2024-03", "2024-03-31")] {
        let short = render("120x40", &format!("/tower<Enter>@{typed}<Enter>n"));
        let long = render("120x40", &format!("/tower<Enter>@{last}<Enter>n"));
        assert!(short.contains(&format!("at {typed} ")), "{short}");
        assert!(figures(&short).len() > 5, "{short}");
        assert_eq!(figures(&short), figures(&long), "{typed} is read as {last}");
    }
}

#[test]
fn a_bad_date_says_why_in_one_line_and_the_cursor_stays() {
    let text = render("80x24", "/tower<Enter>@2024-13<Enter>");
    let last = text.lines().last().unwrap_or_default();
    assert!(
        last.contains("Not a date: \"2024-13\" is not a real calendar date; the cursor stays."),
        "{text}"
    );
    let empty = render("80x24", "/tower<Enter>@<Enter>");
    assert!(
        empty.contains("Type a year, a month or a day: 2024, 2024-03 or 2024-03-31."),
        "{empty}"
    );
    let later = render("120x40", "/tower<Enter>@2031<Enter>");
    assert!(later.contains("at 2031"), "{later}");
    assert!(
        later.lines().last().unwrap_or_default().contains(
            "2031 is after the last rating in this dataset (2026-08-20): read as things stood then."
        ),
        "{later}"
    );
    let cancelled = render("80x24", "/tower<Enter>@2024-13<Enter><Esc>");
    assert!(
        !cancelled.contains("at 2024"),
        "no cursor was placed: {cancelled}"
    );
    let typed_over = render("80x24", "/tower<Enter>@1999<Enter>@x<Esc>");
    assert!(
        typed_over.contains("at 1999"),
        "Esc keeps the cursor: {typed_over}"
    );
}

#[test]
fn the_context_popup_steps_by_month_and_year_and_takes_at_too() {
    let at = |keys: &str| render("120x40", &format!("/tower<Enter>@2024-03-31<Enter>n{keys}"));
    assert!(at("[").contains(", at 2024-02-29"), "{}", at("["));
    assert!(at("]").contains(", at 2024-04-30"));
    assert!(at("{").contains(", at 2023-03-31"));
    assert!(at("}").contains(", at 2025-03-31"));
    assert!(at("@2019-07<Enter>").contains(", at 2019-07 "));
    let keys = render("120x40", "/tower<Enter>n");
    let footer = keys.lines().last().unwrap_or_default();
    assert!(
        footer.contains("[] month") && footer.contains("{} year") && footer.contains("@ go to"),
        "{footer}"
    );
}

#[test]
fn the_mouse_wheel_scrolls_the_context_popup() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = embedded_app(40, 10, "/tower<Enter>n", dir.path());
    app.update(Action::Scroll(20, 5, 3));
    assert!(
        frame(&app).contains("rated since are unknown"),
        "{}",
        frame(&app)
    );
    app.update(Action::Scroll(20, 5, -3));
    assert!(frame(&app).contains("lines 1-"), "{}", frame(&app));
}

#[test]
fn the_context_popup_scrolls_to_its_last_line_at_40x10() {
    let top = render("40x10", "/tower<Enter>n");
    assert!(top.contains("lines 1-"), "{top}");
    assert!(!top.contains("rated since are unknown"), "{top}");
    let bottom = render("40x10", "/tower<Enter>nG");
    assert!(bottom.contains("rated since are unknown"), "{bottom}");
    assert!(bottom.contains("Known for"), "{bottom}");
}

/// Newham and Hackney pinned, Tower Hamlets selected.
const THREE: &str = "/hackney<Enter> /newham<Enter> /tower<Enter>";

#[test]
fn compare_shows_the_selected_and_pinned_councils_read_at_the_cursor_date() {
    let text = render("120x40", &format!("{THREE}@2024-03-31<Enter>c"));
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| {
            ["Newham", "Tower Hamlets", "Hackney"]
                .iter()
                .any(|n| l.contains(&format!(" {n} ")))
        })
        .filter(|l| l.contains("since") || l.contains("Good") || l.contains("Requires"))
        .collect();
    assert!(text.contains(" Compare "), "{text}");
    assert!(text.contains("At 2024-03-31"), "{text}");
    assert!(text.contains("ofsted-cs"), "{text}");
    // Best first in the main scheme, ties by name.
    let at = |name: &str| text.find(&format!(" {name} ")).unwrap_or(usize::MAX);
    assert!(
        at("Newham") < at("Tower Hamlets") && at("Tower Hamlets") < at("Hackney"),
        "{text}"
    );
    assert_eq!(rows.len(), 3, "three rows: {text}");
    for reading in [
        "since 2022-09-21",
        "since 2019-07-22",
        "since 2019-12-20",
        "joint 28th-91st of 151",
        "joint 92nd-135th of 151",
        "top 60%",
        "bottom 40%",
        "no rating: scheme ende",
    ] {
        assert!(text.contains(reading), "{reading}: {text}");
    }
}

#[test]
fn compare_fits_80x24_and_scrolls_across_its_schemes() {
    let text = render("80x24", &format!("{THREE}c"));
    assert!(text.lines().all(|l| l.width() <= 80), "{text}");
    assert!(text.contains("schemes 1-2 of"), "{text}");
    assert!(text.contains("more →"), "{text}");
    let moved = render("80x24", &format!("{THREE}c@2024-03-31<Enter>"));
    assert!(moved.contains("At 2024-03-31"), "@ in the table: {moved}");
    assert!(moved.contains("joint 92nd-135th of 151"), "{moved}");
    let across = render("80x24", &format!("{THREE}c>"));
    assert!(across.contains("schemes 2-3 of"), "{across}");
    assert!(across.contains("← more"), "{across}");
}

fn written(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn e_in_the_context_popup_writes_the_table_context_format_csv_prints() {
    let dir = tempfile::tempdir().unwrap();
    let app = embedded_app(
        80,
        24,
        "/tower<Enter>@2024-03-31<Enter>ne<Enter>",
        dir.path(),
    );
    let file = written(dir.path(), "context-ofsted-cs-2024-03-31.csv");
    let cli = Sandbox::new()
        .run(&[
            "context",
            "ofsted-cs",
            "--date",
            "2024-03-31",
            "--format",
            "csv",
        ])
        .ok()
        .stdout;
    assert_eq!(file, cli);
    assert!(
        matches!(app.mode, Mode::Context(_)),
        "back to the popup after writing"
    );
    assert!(frame(&app).contains("Exported to "), "{}", frame(&app));
}

#[test]
fn e_in_the_transitions_popup_writes_the_table_transitions_format_md_prints() {
    let dir = tempfile::tempdir().unwrap();
    embedded_app(120, 40, "/tower<Enter>te<Tab><Enter>", dir.path());
    let file = written(dir.path(), "transitions-ofsted-cs.md");
    let cli = Sandbox::new()
        .run(&["transitions", "ofsted-cs", "--format", "md"])
        .ok()
        .stdout;
    assert_eq!(file, cli);
}

#[test]
fn e_in_the_compare_popup_writes_each_council_and_scheme_with_its_rank() {
    let dir = tempfile::tempdir().unwrap();
    embedded_app(
        120,
        40,
        &format!("{THREE}@2024-03-31<Enter>ce<Tab><Tab><Enter>"),
        dir.path(),
    );
    let file = written(dir.path(), "compare-2024-03-31.json");
    let rows: serde_json::Value = serde_json::from_str(&file).expect("JSON");
    let rows = rows.as_array().expect("an array of rows");
    let tower = rows
        .iter()
        .find(|r| r["council_id"] == "tower-hamlets" && r["scheme_id"] == "ofsted-cs")
        .expect("Tower Hamlets in ofsted-cs");
    assert_eq!(tower["at"], "2024-03-31");
    assert_eq!(tower["level"], "Good");
    assert_eq!(tower["date"], "2019-07-22");
    assert_eq!(tower["rank"], "joint 28th-91st of 151");
    assert_eq!(tower["percentile"], "top 60%");
    assert_eq!(tower["known"], 151);
    assert_eq!(rows[0]["council_id"], "newham", "in the table's order");
    let councils: std::collections::BTreeSet<_> =
        rows.iter().map(|r| r["council_id"].to_string()).collect();
    assert_eq!(councils.len(), 3);
}

#[test]
fn a_popup_table_export_never_overwrites_without_asking() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("transitions-ofsted-cs.csv"), "mine").unwrap();
    let app = embedded_app(120, 40, "/tower<Enter>te<Enter>", dir.path());
    assert!(frame(&app).contains("The file exists. Overwrite it?"));
    assert_eq!(written(dir.path(), "transitions-ofsted-cs.csv"), "mine");
}

#[test]
fn the_export_dialog_starts_from_the_last_folder_and_format_used() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    std::fs::create_dir(&out).unwrap();
    let state = dir.path().join("data").join("state.ron");
    let dataset = parse(trajex::data::EMBEDDED, "<embedded>").unwrap().dataset;
    let mut first = App::new(dataset.clone(), Date::parse("2026-11-22").unwrap());
    first.state_file = Some(state.clone());
    // Written to a folder typed into the path, as Markdown.
    let typed = out.join("tower.md").display().to_string();
    press(&mut first, 100, 32, "/tower<Enter>e<C-u>");
    for c in typed.chars() {
        first.update(Action::Type(c));
    }
    press(&mut first, 100, 32, "<Enter>");
    assert!(out.join("tower.md").is_file());
    assert_eq!(
        ExportMemory::load(&state),
        Some(ExportMemory {
            folder: out.clone(),
            format: trajex::export::Format::Md
        })
    );
    // A later run reads the state file and starts there.
    let mut later = App::new(dataset, Date::parse("2026-11-22").unwrap());
    later.last_export = ExportMemory::load(&state);
    press(&mut later, 100, 32, "/newham<Enter>e");
    let Mode::Export(dialog) = &later.mode else {
        panic!("the dialog is open")
    };
    assert_eq!(
        dialog.path.value(),
        out.join("newham.md").display().to_string()
    );
    assert!(frame(&later).contains("[md]"));
    // A popup's table starts in the same folder, in its format where it has it.
    press(&mut later, 100, 32, "<Esc>t");
    press(&mut later, 100, 32, "e");
    let Mode::Export(dialog) = &later.mode else {
        panic!("the dialog is open")
    };
    assert_eq!(
        dialog.path.value(),
        out.join("transitions-ofsted-cs.md").display().to_string()
    );
}

#[test]
fn render_reads_the_state_file_and_ignores_a_corrupt_one() {
    let sandbox = Sandbox::new();
    let folder = sandbox.path("reports");
    sandbox.write(
        "data/trajex/state.ron",
        format!(
            "State(export_folder: {:?}, export_format: \"json\")\n",
            folder.display().to_string()
        ),
    );
    let text = sandbox
        .run(&["render", "--size", "120x40", "--keys", "/tower<Enter>e"])
        .ok()
        .stdout;
    assert!(text.contains("[json]"), "{text}");
    assert!(text.contains("reports/tower-hamlets.json"), "{text}");
    sandbox.write("data/trajex/state.ron", "State(export_folder: ");
    let run = sandbox
        .run(&["render", "--size", "120x40", "--keys", "/tower<Enter>e"])
        .ok();
    assert!(run.stdout.contains("[csv]"), "{}", run.stdout);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}
