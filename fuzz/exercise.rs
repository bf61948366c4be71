// What the fuzz target and its bounded stand-in in `cargo test` (tests/properties.rs)
// both run on one input: included by each, so they run the same code.

/// Loads `data` as a dataset file; when it loads, draws the explorer on it, writes
/// every council's text chart and exports it in the text formats, and checks that
/// the RON export loads again. Panics on any failure of trajex's own promises.
#[allow(dead_code)]
fn exercise(data: &[u8]) {
    use trajex::app::App;
    use trajex::data::Date;
    use trajex::export::Format;
    use trajex::ui::theme::Theme;

    // The file as `load_file` reads it: bytes that are not UTF-8 are an I/O error
    // there, so they never reach the parser; cut them off the same way.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The byte-level fast path reads what `ron` reads, and loads what `ron`'s path
    // loads (or refuses it with the same messages).
    if let Some(fast) = trajex::data::load::scan_raw(text) {
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let by_ron: Result<trajex::data::raw::RawDataset, _> = options.from_str(text);
        match by_ron {
            Ok(by_ron) => assert_eq!(format!("{fast:?}"), format!("{by_ron:?}")),
            Err(e) => panic!("the scanner read what ron refuses ({e}):\n{text}"),
        }
    }
    let loaded = trajex::data::load::parse(text, "fuzz.ron");
    let thorough = trajex::data::load::parse_thorough(text, "fuzz.ron");
    assert_eq!(format!("{loaded:?}"), format!("{thorough:?}"));
    let Ok(loaded) = loaded else {
        return;
    };
    let dataset = loaded.dataset;
    let today = Date::parse("2026-11-22").expect("a date");
    let all: Vec<usize> = (0..dataset.councils.len()).collect();
    for format in [Format::Csv, Format::Json, Format::Md, Format::Ron] {
        let bytes = trajex::export::render(&dataset, &all, format, today);
        if format == Format::Ron
            && let Ok(bytes) = bytes
        {
            let again = String::from_utf8(bytes).expect("the RON export is UTF-8");
            if let Err(e) = trajex::data::load::parse(&again, "export.ron") {
                panic!("the RON export does not load again: {e}\n{again}");
            }
        }
    }
    for council in all.iter().take(8) {
        let _ = trajex::ui::chart_text(&dataset, *council, 80, today);
    }
    let mut app = App::new(dataset, today);
    for (keys, w, h) in [
        ("", 100, 30),
        ("<Tab>G<Enter>lll+n", 120, 40),
        ("<Tab><Tab>G<Enter>", 60, 20),
    ] {
        trajex::ui::feed_keys(&mut app, w, h, keys).expect("the keys parse");
        let _ = trajex::ui::draw_to_buffer(&app, w, h, Theme::DARK);
    }
}
