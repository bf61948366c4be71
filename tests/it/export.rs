//! `trajex export` as a user meets it, format by format: the real binary in a sandbox whose
//! home, data, config and cache folders are temporary, with today fixed at 2026-11-22.
//! Each test reads what the file says, not only that it exists, and each failure path
//! checks the exit code, the one-sentence message and that nothing is left behind.

use std::collections::BTreeSet;

use resvg::tiny_skia::Pixmap;
use resvg::usvg::roxmltree;

use crate::common::{Run, Sandbox};

/// Two councils: one with an ended scheme, eras, a sub-judgement and an ungraded
/// assessment; one named like a spreadsheet formula. The description carries the
/// Open Government Licence line.
const TWO_COUNCILS: &str = r#"Dataset(
    title: "Two councils",
    description: "A test set. Contains public sector information licensed under the Open Government Licence v3.0.",
    schemes: [
        Scheme(id: "stars", name: "Star rating", body: "CSCI",
               scale: Ordinal(["0 stars", "1 star", "2 stars", "3 stars"]), until: "2009-04"),
        Scheme(id: "cs", name: "Children's services", body: "Ofsted",
               scale: Ordinal(["Inadequate", "Requires improvement to be good", "Good", "Outstanding"]),
               eras: [("SIF", "2013-11"), ("ILACS", "2018-01")]),
        Scheme(id: "cs-leavers", name: "Care leavers", body: "Ofsted", parent: "cs",
               scale: Ordinal(["Inadequate", "Requires improvement to be good", "Good", "Outstanding"])),
    ],
    councils: [
        Council(id: "riverside", name: "Riverside & <Co>", region: "London", ratings: [
            Rating(scheme: "stars", date: "2002-05", level: "1 star", source: "cc"),
            Rating(scheme: "stars", date: "2004-11", level: "3 stars", source: "cc"),
            Rating(scheme: "cs", date: "2017-04-07", level: "Inadequate", source: "of"),
            Rating(scheme: "cs", date: "2019-07-22", level: "Good", source: "of"),
            Rating(scheme: "cs-leavers", date: "2019-07-22", level: "Outstanding", source: "of"),
            Rating(scheme: "cs", date: "2026-05", note: "no overall grade under the 2026 framework"),
        ]),
        Council(id: "formula", name: "=HYPERLINK(\"x\")", ratings: [
            Rating(scheme: "cs", date: "2018", level: "Requires improvement to be good", note: "@SUM(A1)"),
        ]),
    ],
    sources: [
        Source(id: "cc", title: "Then there were three", publisher: "Community Care", url: "https://example.org/three"),
        Source(id: "of", title: "Inspection report", url: "https://example.org/report"),
    ],
)
"#;

/// A run with `--data` pointing at [`TWO_COUNCILS`], in a sandbox of its own.
fn run_on_two_councils(args: &[&str]) -> Run<Vec<u8>> {
    Sandbox::new().run_on_bytes(TWO_COUNCILS, args)
}

/// Every `<text>` of an SVG, in document order; panics unless the SVG is well-formed
/// XML that the renderer accepts.
fn svg_texts(bytes: &[u8]) -> Vec<String> {
    let text = std::str::from_utf8(bytes).expect("UTF-8 SVG");
    let doc = roxmltree::Document::parse(text).expect("well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    resvg::usvg::Tree::from_str(text, &resvg::usvg::Options::default())
        .expect("an SVG the renderer reads");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().to_owned())
        .collect()
}

/// The `width` and `height` attributes of an SVG's root.
fn svg_size(bytes: &[u8]) -> (u32, u32) {
    let text = std::str::from_utf8(bytes).expect("UTF-8 SVG");
    let doc = roxmltree::Document::parse(text).expect("well-formed XML");
    let root = doc.root_element();
    let side = |name| {
        root.attribute(name)
            .and_then(|v| v.parse().ok())
            .expect("a whole number of pixels")
    };
    (side("width"), side("height"))
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    let pixmap = Pixmap::decode_png(bytes).expect("a PNG that decodes");
    (pixmap.width(), pixmap.height())
}

/// The embedded dataset, loaded the way the binary loads it.
fn embedded() -> trajex::data::Dataset {
    trajex::data::load::parse(trajex::data::EMBEDDED, "councils.ron")
        .expect("the embedded dataset loads")
        .dataset
}

// ---- svg -----------------------------------------------------------------------------

#[test]
fn svg_of_tower_hamlets_shows_the_council_both_schemes_levels_and_every_year() {
    let sandbox = Sandbox::new();
    sandbox
        .run_bytes(&["export", "tower-hamlets", "--format", "svg", "-o", "th.svg"])
        .ok();
    let texts = svg_texts(&sandbox.read_bytes("work/th.svg"));
    assert_eq!(texts[0], "Tower Hamlets", "the title comes first");
    let data = embedded();
    for scheme in ["ofsted-cs", "csci-stars"] {
        let scheme = &data.schemes[usize::from(data.scheme_by_id(scheme).expect("the scheme"))];
        assert!(
            texts.iter().any(|t| t.starts_with(&scheme.name)),
            "{} has no strip: {texts:?}",
            scheme.name
        );
        for level in scheme.levels() {
            // A long level name may be set on two lines.
            let shown = texts.iter().any(|t| t == level)
                || texts
                    .windows(2)
                    .any(|w| format!("{} {}", w[0], w[1]) == *level);
            assert!(shown, "{level} missing from {texts:?}");
        }
    }
    for year in 2002..=2025 {
        assert!(
            texts.contains(&year.to_string()),
            "{year} missing from {texts:?}"
        );
    }
    for label in ["SIF", "ILACS", "ended 2009-04"] {
        assert!(
            texts.iter().any(|t| t == label),
            "the rule {label} is missing: {texts:?}"
        );
    }
    assert!(
        texts.iter().any(|t| t.starts_with("Sources: ")),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t
        == "Contains public sector information licensed under the Open Government Licence v3.0."));
    assert!(
        texts.iter().any(|t| t.contains("runs to 2026-11-22")),
        "{texts:?}"
    );
}

#[test]
fn svg_draws_unfolded_sub_judgements_as_strips_and_the_ungraded_assessment_as_a_labelled_gap() {
    let run = run_on_two_councils(&[
        "export",
        "riverside",
        "--format",
        "svg",
        "--unfold",
        "-o",
        "-",
    ])
    .ok();
    let texts = svg_texts(&run.stdout);
    assert_eq!(
        texts[0], "Riverside & <Co>",
        "the name is escaped, not dropped"
    );
    assert!(
        texts.iter().any(|t| t == "Care leavers · Ofsted"),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t == "no grade"), "{texts:?}");
    assert!(texts.iter().any(|t| t == "ended 2009-04"), "{texts:?}");
    let svg = run.stdout_text();
    assert!(svg.contains("Riverside &amp; &lt;Co&gt;"), "XML-escaped");
}

#[test]
fn svg_of_several_councils_names_each_in_the_title_and_the_legend() {
    let run = run_on_two_councils(&[
        "export",
        "riverside",
        "formula",
        "--format",
        "svg",
        "-o",
        "-",
    ])
    .ok();
    let texts = svg_texts(&run.stdout);
    assert_eq!(texts[0], "Riverside & <Co> and =HYPERLINK(\"x\")");
    let legend: Vec<&String> = texts
        .iter()
        .filter(|t| *t == "Riverside & <Co>" || *t == "=HYPERLINK(\"x\")")
        .collect();
    assert_eq!(
        legend.len(),
        2,
        "both councils named in the legend: {texts:?}"
    );
    assert!(
        texts.iter().any(|t| t == "Riverside & <Co>: no grade"),
        "{texts:?}"
    );
    assert!(
        !texts.iter().any(|t| t.to_lowercase().contains("other")),
        "no other bucket: {texts:?}"
    );
}

#[test]
fn svg_and_png_are_byte_identical_across_runs() {
    let sandbox = Sandbox::new();
    for format in ["svg", "png"] {
        let first = sandbox
            .run_bytes(&["export", "tower-hamlets", "--format", format, "-o", "-"])
            .ok()
            .stdout;
        let second = sandbox
            .run_bytes(&["export", "tower-hamlets", "--format", format, "-o", "-"])
            .ok()
            .stdout;
        assert!(first == second, "{format} differs between two runs");
    }
}

// ---- png -----------------------------------------------------------------------------

#[test]
fn png_has_the_requested_size_and_the_svgs_size_by_default() {
    let sandbox = Sandbox::new();
    sandbox
        .run_bytes(&[
            "export",
            "tower-hamlets",
            "--format",
            "png",
            "--width",
            "900",
            "--height",
            "2400",
            "-o",
            "th.png",
        ])
        .ok();
    let png = sandbox.read_bytes("work/th.png");
    assert_eq!(png_size(&png), (900, 2400));
    let pixmap = Pixmap::decode_png(&png).expect("a PNG");
    let inked = pixmap
        .pixels()
        .iter()
        .filter(|p| p.red() < 100 && p.green() < 100 && p.blue() < 100)
        .count();
    assert!(
        inked > 2000,
        "the text and lines were drawn: {inked} dark pixels"
    );

    sandbox
        .run_bytes(&["export", "tower-hamlets", "--format", "png"])
        .ok();
    sandbox
        .run_bytes(&["export", "tower-hamlets", "--format", "svg"])
        .ok();
    let default = png_size(&sandbox.read_bytes("work/tower-hamlets.png"));
    assert_eq!(
        default,
        svg_size(&sandbox.read_bytes("work/tower-hamlets.svg"))
    );
    assert_eq!(default.0, 1000, "1000 pixels wide by default");
}

#[test]
fn picture_sizes_out_of_bounds_or_too_small_for_the_chart_are_usage_errors() {
    let sandbox = Sandbox::new();
    for args in [
        ["--width", "0"],
        ["--width", "99999"],
        ["--height", "0"],
        ["--height", "abc"],
    ] {
        let mut all = vec!["export", "tower-hamlets", "--format", "png"];
        all.extend_from_slice(&args);
        let run = sandbox.run_bytes(&all).fails_with(2);
        assert!(run.stderr.contains("100 to 5000"), "{}", run.stderr);
    }
    let run = sandbox
        .run_bytes(&[
            "export",
            "tower-hamlets",
            "--format",
            "svg",
            "--height",
            "300",
        ])
        .fails_with(2)
        .one_sentence();
    assert!(
        run.stderr.contains("300 pixels tall") && run.stderr.contains("at least"),
        "{}",
        run.stderr
    );
    let run = sandbox
        .run_bytes(&[
            "export",
            "tower-hamlets",
            "--format",
            "png",
            "--width",
            "150",
        ])
        .fails_with(2)
        .one_sentence();
    assert!(run.stderr.contains("150 pixels wide"), "{}", run.stderr);
    let run = sandbox
        .run_bytes(&[
            "export",
            "tower-hamlets",
            "--format",
            "csv",
            "--width",
            "800",
        ])
        .fails_with(2)
        .one_sentence();
    assert!(run.stderr.contains("svg and png only"), "{}", run.stderr);
    assert!(sandbox.listing("work").is_empty(), "nothing written");
}

// ---- writing safely ------------------------------------------------------------------

#[test]
fn an_existing_file_is_kept_unless_force_in_every_format() {
    let sandbox = Sandbox::new();
    for format in ["csv", "json", "ron", "md", "svg", "png"] {
        let name = format!("riverside.{format}");
        sandbox.write(&format!("work/{name}"), "mine");
        let run = sandbox
            .run_on_bytes(TWO_COUNCILS, &["export", "riverside", "--format", format])
            .fails_with(1)
            .one_sentence();
        assert!(
            run.stderr.contains(&name) && run.stderr.contains("--force"),
            "{}",
            run.stderr
        );
        assert_eq!(
            sandbox.read_bytes(&format!("work/{name}")),
            b"mine",
            "{format}: the file is unchanged"
        );
        sandbox
            .run_on_bytes(
                TWO_COUNCILS,
                &["export", "riverside", "--format", format, "--force"],
            )
            .ok();
        assert_ne!(
            sandbox.read_bytes(&format!("work/{name}")),
            b"mine",
            "{format}: --force overwrites"
        );
    }
    let names: BTreeSet<String> = sandbox.listing("work").into_iter().collect();
    assert_eq!(names.len(), 6, "no temporary file left behind: {names:?}");
}

#[test]
fn an_unwritable_path_fails_in_one_sentence_and_leaves_nothing_in_every_format() {
    let sandbox = Sandbox::new();
    sandbox.write("work/plain.txt", "a file");
    for format in ["csv", "md", "svg", "png"] {
        for target in [
            format!("missing/out.{format}"),
            format!("plain.txt/out.{format}"),
        ] {
            let run = sandbox
                .run_on_bytes(
                    TWO_COUNCILS,
                    &["export", "riverside", "--format", format, "-o", &target],
                )
                .fails_with(1)
                .one_sentence();
            assert!(run.stderr.contains(&target), "{}", run.stderr);
        }
    }
    assert_eq!(sandbox.listing("work"), ["plain.txt"]);
    assert_eq!(sandbox.read_bytes("work/plain.txt"), b"a file");
}

#[test]
fn a_council_id_can_never_name_a_file_outside_the_folder() {
    let sandbox = Sandbox::new();
    let hostile = TWO_COUNCILS.replace("id: \"riverside\"", "id: \"../../escape\"");
    let run = sandbox
        .run_on_bytes(&hostile, &["export", "--all", "--format", "csv"])
        .fails_with(1);
    assert!(
        run.stderr
            .contains("council id \"../../escape\" must be lowercase letters, digits and `-`"),
        "{}",
        run.stderr
    );
    assert!(sandbox.listing("work").is_empty());
    assert!(!sandbox.path("escape.csv").exists());

    // The loader lets an id of dashes alone through; its file name stays in the folder.
    let dashes = TWO_COUNCILS.replace("id: \"riverside\"", "id: \"--\"");
    sandbox
        .run_on_bytes(&dashes, &["export", "--format", "svg", "--", "--"])
        .ok();
    assert_eq!(sandbox.listing("work"), ["trajex-export.svg"]);
}

// ---- csv, json, md ---------------------------------------------------------------------

#[test]
fn a_council_named_like_a_formula_reaches_the_csv_as_text() {
    let run = run_on_two_councils(&["export", "formula", "--format", "csv", "-o", "-"]).ok();
    let mut reader = csv::Reader::from_reader(run.stdout.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a CSV row")).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][1], "'=HYPERLINK(\"x\")", "council_name");
    assert_eq!(&rows[0][10], "'@SUM(A1)", "note");
    assert_eq!(&rows[0][8], "2", "rank stays a number");
    let live = rows[0]
        .iter()
        .filter(|cell| cell.starts_with(['=', '+', '-', '@']))
        .count();
    assert_eq!(live, 0, "no cell a spreadsheet would run: {:?}", rows[0]);
}

#[test]
fn json_carries_every_scheme_it_names_so_it_stands_alone() {
    let run = run_on_two_councils(&["export", "riverside", "--format", "json", "-o", "-"]).ok();
    let doc: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    let schemes = doc["schemes"].as_array().expect("schemes");
    let ids: BTreeSet<&str> = schemes.iter().filter_map(|s| s["id"].as_str()).collect();
    for rating in doc["councils"][0]["ratings"].as_array().expect("ratings") {
        let scheme = rating["scheme"].as_str().expect("a scheme id");
        assert!(
            ids.contains(scheme),
            "{scheme} is not defined in the document"
        );
    }
    let cs = schemes.iter().find(|s| s["id"] == "cs").expect("cs");
    assert_eq!(cs["levels"][3], "Outstanding");
    assert_eq!(cs["eras"][1]["name"], "ILACS");
    let leavers = schemes
        .iter()
        .find(|s| s["id"] == "cs-leavers")
        .expect("cs-leavers");
    assert_eq!(leavers["parent"], "cs");
    assert_eq!(
        schemes.iter().find(|s| s["id"] == "stars").expect("stars")["until"],
        "2009-04"
    );
    assert!(
        doc["sources"].as_array().is_some_and(|s| s.len() == 2),
        "{}",
        doc["sources"]
    );
}

#[test]
fn markdown_carries_the_table_the_text_chart_and_the_licence() {
    let run = run_on_two_councils(&["export", "riverside", "--format", "md", "-o", "-"]).ok();
    let md = run.stdout_text();
    assert!(
        md.contains("| Date | Scheme | Rating | Change | Note | Source |"),
        "{md}"
    );
    assert!(md.contains("| 2019-07-22 | Children's services | Good | ▲ up 2 |  | [Inspection report](<https://example.org/report>) |"), "{md}");
    let chart = md.split("```text\n").nth(1).expect("a fenced text chart");
    let chart = chart.split("```").next().expect("the fence closes");
    for label in [
        "3 stars",
        "Outstanding",
        "ended 2009-04",
        "SIF",
        "ILACS",
        "no grade",
        "2002",
    ] {
        assert!(
            chart.contains(label),
            "{label} missing from the chart:\n{chart}"
        );
    }
    assert!(
        md.trim_end().ends_with(
            "Contains public sector information licensed under the Open Government Licence v3.0."
        ),
        "{md}"
    );
}

// ---- the explorer's dialog -----------------------------------------------------------------

#[test]
fn the_export_dialog_offers_the_picture_formats() {
    let sandbox = Sandbox::new();
    let run = sandbox
        .run_bytes(&["render", "--size", "120x40", "--keys", "e"])
        .ok();
    let frame = run.stdout_text();
    assert!(frame.contains("svg") && frame.contains("png"), "{frame}");
}

// ---- pictures paint the chart model ------------------------------------------------------

/// The texts of an SVG's elements of `class`, in document order.
fn of_class(bytes: &[u8], class: &str) -> Vec<String> {
    let text = std::str::from_utf8(bytes).expect("UTF-8 SVG");
    let doc = roxmltree::Document::parse(text).expect("well-formed XML");
    doc.descendants()
        .filter(|n| n.attribute("class") == Some(class))
        .map(|n| n.text().unwrap_or_default().to_owned())
        .collect()
}

/// What a picture shows, in a few lines a reader can check: its size, each strip's
/// title, level labels and rule labels, and how many ratings are marked.
fn picture_summary(bytes: &[u8]) -> String {
    let text = std::str::from_utf8(bytes).expect("UTF-8 SVG");
    let doc = roxmltree::Document::parse(text).expect("well-formed XML");
    let mut lines = vec![format!(
        "viewBox {}",
        doc.root_element().attribute("viewBox").unwrap_or_default()
    )];
    for node in doc.descendants() {
        match node.attribute("class") {
            Some("strip-title") => lines.push(format!("strip {}", node.text().unwrap_or_default())),
            Some("level") => lines.push(format!("  level {}", node.text().unwrap_or_default())),
            Some("rule") => lines.push(format!("  rule {}", node.text().unwrap_or_default())),
            _ => {}
        }
    }
    lines.push(format!(
        "ratings marked: {}",
        of_class(bytes, "rating").len()
    ));
    lines.push(format!(
        "font embedded: {}",
        text.contains("@font-face{font-family:'DejaVu Sans'")
    ));
    lines.join("\n")
}

fn tower_svg(sandbox: &Sandbox, extra: &[&str]) -> Vec<u8> {
    let mut args = vec!["export", "tower-hamlets", "--format", "svg", "-o", "-"];
    args.extend_from_slice(extra);
    sandbox.run_bytes(&args).ok().stdout
}

#[test]
fn svg_shows_the_same_strips_rules_and_markers_as_the_chart_model() {
    use trajex::chart::{Chart, Choice};
    let data = embedded();
    let tower = data.council_by_id("tower-hamlets").expect("Tower Hamlets");
    let today = trajex::data::Date::parse("2026-11-22").expect("a date");
    let chart = Chart::new(&data, &[tower], &Choice::default(), today);
    // Wide enough that no title is cut.
    let svg = tower_svg(&Sandbox::new(), &["--width", "3000"]);
    let titles: Vec<String> = chart.plots.iter().map(|p| p.title.clone()).collect();
    assert_eq!(of_class(&svg, "strip-title"), titles);
    let rules: Vec<String> = chart
        .plots
        .iter()
        .flat_map(|p| p.rules.iter().map(|r| r.label.clone()))
        .collect();
    assert_eq!(of_class(&svg, "rule"), rules);
    let markers: usize = chart
        .plots
        .iter()
        .flat_map(|p| &p.series)
        .map(|s| s.timeline.segments.len())
        .sum();
    assert_eq!(of_class(&svg, "rating").len(), markers);
    // The stretches with no rating that the terminal chart dots or hatches are shaded.
    let stretches: usize = chart.plots.iter().map(|p| p.stretches().count()).sum();
    assert!(stretches > 0);
    assert_eq!(of_class(&svg, "gap").len(), stretches);
    let levels: Vec<String> = chart.plots.iter().flat_map(|p| p.labels.clone()).collect();
    // A long level name may be set on two lines.
    let levels: Vec<String> = levels.into_iter().filter(|l| !l.is_empty()).collect();
    let shown: Vec<String> = of_class(&svg, "level")
        .into_iter()
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(shown.join(" "), levels.join(" "));
}

#[test]
fn a_slide_sized_picture_shows_ofsted_and_the_star_rating_with_their_level_names() {
    let sandbox = Sandbox::new();
    let size = ["--width", "1200", "--height", "700"];
    let mut pngs = Vec::new();
    for name in ["th.png", "again.png"] {
        let mut args = vec!["export", "tower-hamlets", "--format", "png", "-o", name];
        args.extend_from_slice(&size);
        sandbox.run_bytes(&args).ok();
        pngs.push(sandbox.read_bytes(&format!("work/{name}")));
    }
    assert_eq!(png_size(&pngs[0]), (1200, 700));
    assert!(pngs[0] == pngs[1], "the PNG differs between two runs");
    let svg = tower_svg(&sandbox, &size);
    assert!(
        svg == tower_svg(&sandbox, &size),
        "the SVG differs between two runs"
    );
    assert_eq!(svg_size(&svg), (1200, 700));
    let titles = of_class(&svg, "strip-title");
    let data = embedded();
    for id in ["ofsted-cs", "csci-stars"] {
        let scheme = &data.schemes[usize::from(data.scheme_by_id(id).expect("the scheme"))];
        assert!(
            titles.iter().any(|t| t.starts_with(&scheme.name)),
            "{} is not shown: {titles:?}",
            scheme.name
        );
        let levels = of_class(&svg, "level");
        for level in scheme.levels() {
            assert!(levels.contains(level), "{level} missing from {levels:?}");
        }
    }
    assert!(
        svg_texts(&svg)
            .iter()
            .any(|t| t.starts_with("Left out for room: ")),
        "what did not fit is said"
    );
}

#[test]
fn schemes_picks_strips_and_unfold_brings_their_sub_judgements() {
    let sandbox = Sandbox::new();
    let one = tower_svg(&sandbox, &["--schemes", "ofsted-cs"]);
    assert_eq!(
        of_class(&one, "strip-title"),
        ["Children's services: overall effectiveness · Ofsted"]
    );
    let unfolded = tower_svg(&sandbox, &["--schemes", "ofsted-cs", "--unfold"]);
    let titles = of_class(&unfolded, "strip-title");
    let data = embedded();
    let ofsted = data.scheme_by_id("ofsted-cs").expect("ofsted-cs");
    let tower = &data.councils[data.council_by_id("tower-hamlets").expect("Tower Hamlets")];
    let children = data
        .schemes
        .iter()
        .enumerate()
        .filter(|(i, s)| {
            s.parent == Some(ofsted) && tower.ratings.iter().any(|r| usize::from(r.scheme) == *i)
        })
        .count();
    assert!(children > 0);
    assert_eq!(titles.len(), 1 + children, "{titles:?}");
    let folded = tower_svg(&sandbox, &[]);
    let every = tower_svg(&sandbox, &["--unfold"]);
    assert!(of_class(&every, "strip-title").len() > of_class(&folded, "strip-title").len());

    let run = sandbox
        .run_bytes(&[
            "export",
            "tower-hamlets",
            "--format",
            "svg",
            "--schemes",
            "nope",
        ])
        .fails_with(1)
        .one_sentence();
    assert!(
        run.stderr.contains("\"nope\"") && run.stderr.contains("ofsted-cs"),
        "{}",
        run.stderr
    );
    let run = sandbox
        .run_bytes(&["export", "tower-hamlets", "--format", "csv", "--unfold"])
        .fails_with(2)
        .one_sentence();
    assert!(run.stderr.contains("svg and png only"), "{}", run.stderr);
    assert!(sandbox.listing("work").is_empty(), "nothing written");
}

#[test]
fn pictures_at_three_sizes_show_what_fits() {
    let sandbox = Sandbox::new();
    for (name, size) in [
        ("default", vec![]),
        ("slide", vec!["--width", "1200", "--height", "700"]),
        ("small", vec!["--width", "600", "--height", "460"]),
    ] {
        let svg = tower_svg(&sandbox, &size);
        insta::assert_snapshot!(
            format!("tower_hamlets_picture_{name}"),
            picture_summary(&svg)
        );
    }
}

#[test]
fn too_small_for_even_the_first_strip_is_refused_with_the_size_that_works() {
    let run = Sandbox::new()
        .run_bytes(&[
            "export",
            "tower-hamlets",
            "--format",
            "svg",
            "--height",
            "200",
        ])
        .fails_with(2)
        .one_sentence();
    assert!(
        run.stderr.contains("200 pixels tall") && run.stderr.contains("at least"),
        "{}",
        run.stderr
    );
}

#[test]
fn many_councils_become_a_grid_of_panels_one_per_council() {
    let sandbox = Sandbox::new();
    let svg = sandbox
        .run_bytes(&["export", "--all", "--format", "svg", "-o", "-"])
        .ok()
        .stdout;
    let data = embedded();
    let panels = of_class(&svg, "panel");
    assert_eq!(panels.len(), data.councils.len());
    assert_eq!(panels[0], data.councils[0].name);
    assert_eq!(
        of_class(&svg, "strip-title"),
        ["Children's services: overall effectiveness · Ofsted, one panel per council"]
    );
    sandbox
        .run_bytes(&["export", "--all", "--format", "png", "-o", "all.png"])
        .ok();
    let (width, height) = png_size(&sandbox.read_bytes("work/all.png"));
    assert_eq!(width, 1000);
    assert!(height > 1000 && height <= 5000, "{height}");
    // Eight councils are still overlaid, each named in the legend.
    let eight: Vec<&str> = data.councils[..8].iter().map(|c| c.id.as_str()).collect();
    let mut args = vec!["export", "--format", "svg", "-o", "-"];
    args.extend_from_slice(&eight);
    let overlay = sandbox.run_bytes(&args).ok().stdout;
    assert!(of_class(&overlay, "panel").is_empty());
}

#[test]
fn a_png_is_never_written_to_a_terminal_but_is_to_a_pipe() {
    let mut session = crate::common::Session::start(
        &["export", "tower-hamlets", "--format", "png", "-o", "-"],
        100,
        10,
    );
    assert_eq!(session.exit_code(), 2, "{}", session.screen());
    let screen = session.screen();
    assert!(
        screen.contains("refusing to write PNG to the terminal; use -o FILE"),
        "{screen}"
    );
    let piped = Sandbox::new()
        .run_bytes(&["export", "tower-hamlets", "--format", "png", "-o", "-"])
        .ok();
    assert!(piped.stdout.starts_with(b"\x89PNG"), "a PNG on the pipe");
}

// ---- csv: date_start and source_title -------------------------------------------------

#[test]
fn the_csv_ends_each_row_with_the_dates_first_day_and_the_sources_title_neutralised() {
    let data = TWO_COUNCILS.replace(
        "title: \"Inspection report\"",
        "title: \"=Inspection report, \\\"ILACS\\\"\"",
    );
    assert_ne!(data, TWO_COUNCILS);
    let run = Sandbox::new()
        .run_on_bytes(&data, &["export", "--all", "--format", "csv", "-o", "-"])
        .ok();
    let text = String::from_utf8(run.stdout).expect("UTF-8");
    assert_eq!(
        text.lines().next(),
        Some(
            "council_id,council_name,code,region,scheme_id,scheme_name,date,level,rank,value,note,source_id,source_url,date_start,source_title"
        )
    );
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("a CSV row").iter().map(str::to_owned).collect())
        .collect();
    let ends: Vec<[&str; 4]> = rows
        .iter()
        .map(|r| [r[0].as_str(), r[6].as_str(), r[13].as_str(), r[14].as_str()])
        .collect();
    assert_eq!(
        ends,
        [
            [
                "riverside",
                "2002-05",
                "2002-05-01",
                "Then there were three"
            ],
            [
                "riverside",
                "2004-11",
                "2004-11-01",
                "Then there were three"
            ],
            [
                "riverside",
                "2017-04-07",
                "2017-04-07",
                "'=Inspection report, \"ILACS\""
            ],
            [
                "riverside",
                "2019-07-22",
                "2019-07-22",
                "'=Inspection report, \"ILACS\""
            ],
            [
                "riverside",
                "2019-07-22",
                "2019-07-22",
                "'=Inspection report, \"ILACS\""
            ],
            ["riverside", "2026-05", "2026-05-01", ""],
            ["formula", "2018", "2018-01-01", ""],
        ]
    );
}

// ---- labels never collide -------------------------------------------------------------

/// A text of a picture as drawn: what it says and its ink's box (left, top, right,
/// bottom, in pixels), laid out by the renderer with the embedded font.
#[derive(Debug)]
struct Drawn {
    text: String,
    ink: (f32, f32, f32, f32),
}

/// Every text of an SVG as the PNG renderer lays it out with DejaVu Sans.
fn drawn_texts(svg: &[u8]) -> Vec<Drawn> {
    use resvg::usvg::{self, Node};
    let fonts = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/fonts/");
    let mut options = usvg::Options {
        font_family: "DejaVu Sans".to_owned(),
        ..usvg::Options::default()
    };
    for face in ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"] {
        let bytes = std::fs::read(format!("{fonts}{face}")).expect("the embedded font");
        options.fontdb_mut().load_font_data(bytes);
    }
    let tree = usvg::Tree::from_data(svg, &options).expect("an SVG the renderer reads");
    fn walk(group: &usvg::Group, out: &mut Vec<Drawn>) {
        for node in group.children() {
            match node {
                Node::Group(g) => walk(g, out),
                Node::Text(t) => {
                    let text: String = t.chunks().iter().map(|c| c.text()).collect();
                    if let Some(ink) = t.flattened().abs_bounding_box().to_non_zero_rect() {
                        out.push(Drawn {
                            text,
                            ink: (ink.left(), ink.top(), ink.right(), ink.bottom()),
                        });
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(tree.root(), &mut out);
    out
}

/// Every pair of texts whose ink overlaps by more than half a pixel down, and comes
/// within 3 pixels across (closer, two labels on a line read as one: "20262014").
fn collisions(svg: &[u8]) -> Vec<String> {
    let texts = drawn_texts(svg);
    let mut found = Vec::new();
    for (i, a) in texts.iter().enumerate() {
        for b in &texts[i + 1..] {
            let across = a.ink.2.min(b.ink.2) - a.ink.0.max(b.ink.0) + 3.0;
            let down = a.ink.3.min(b.ink.3) - a.ink.1.max(b.ink.1);
            if across > 0.5 && down > 0.5 {
                found.push(format!(
                    "{:?} {:?} and {:?} {:?}",
                    a.text, a.ink, b.text, b.ink
                ));
            }
        }
    }
    found
}

#[test]
fn no_label_of_a_picture_overlaps_another_in_the_grid_or_a_single_council_at_any_size() {
    let sandbox = Sandbox::new();
    let mut checked = 0;
    let mut failures = Vec::new();
    for width in ["500", "1000", "1600"] {
        for which in [
            &["--all"][..],
            &["tower-hamlets"][..],
            &["tower-hamlets", "--unfold"][..],
            &["tower-hamlets", "--schemes", "csci-stars"][..],
            &["hackney", "newham", "camden"][..],
        ] {
            let mut args = vec!["export", "--format", "svg", "-o", "-", "--width", width];
            args.extend_from_slice(which);
            let run = sandbox.run_bytes(&args);
            if run.code != Some(0) {
                // Too narrow for this picture: refused, never drawn cramped.
                assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
                continue;
            }
            let texts = drawn_texts(&run.stdout);
            assert!(texts.len() > 10, "{args:?}: {} texts", texts.len());
            let found = collisions(&run.stdout);
            if !found.is_empty() {
                failures.push(format!(
                    "{args:?}: {} overlaps, e.g.\n  {}",
                    found.len(),
                    found[..found.len().min(4)].join("\n  ")
                ));
            }
            checked += 1;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 12, "only {checked} pictures drawn");
}

#[test]
fn a_picture_of_some_schemes_spans_their_years_not_the_councils_whole_history() {
    let sandbox = Sandbox::new();
    let years = |extra: &[&str]| -> Vec<u16> {
        let mut args = vec!["export", "tower-hamlets", "--format", "svg", "-o", "-"];
        args.extend_from_slice(extra);
        let svg = sandbox.run_bytes(&args).ok().stdout;
        svg_texts(&svg)
            .iter()
            .filter_map(|t| t.parse::<u16>().ok())
            .filter(|y| (1990..2100).contains(y))
            .collect()
    };
    let stars = years(&["--schemes", "csci-stars"]);
    let (first, last) = (stars.iter().min(), stars.iter().max());
    assert_eq!(first, Some(&2002), "{stars:?}");
    assert!(
        last.is_some_and(|&y| (2008..=2009).contains(&y)),
        "{stars:?}"
    );
    // Every scheme: the whole history, to today.
    let all = years(&[]);
    assert_eq!(all.iter().max(), Some(&2026), "{all:?}");
}

#[test]
fn grid_level_names_too_long_for_their_column_go_by_initials_spelt_out_in_the_legend() {
    let sandbox = Sandbox::new();
    let grid = |width: &str| {
        sandbox
            .run_bytes(&[
                "export", "--all", "--format", "svg", "-o", "-", "--width", width,
            ])
            .ok()
            .stdout
    };
    let narrow = grid("1000");
    let levels = of_class(&narrow, "level");
    assert!(levels.iter().any(|l| l == "RI"), "{levels:?}");
    assert!(levels.iter().all(|l| !l.contains('…')), "{levels:?}");
    assert!(
        svg_texts(&narrow)
            .iter()
            .any(|t| t == "RI: Requires improvement to be good")
    );
    // Wide enough, the names are whole and the legend has no key.
    let wide = grid("1600");
    let levels = of_class(&wide, "level");
    assert!(
        levels
            .iter()
            .any(|l| l == "Requires improvement to be good"),
        "{levels:?}"
    );
    assert!(!svg_texts(&wide).iter().any(|t| t.starts_with("RI: ")));
}

/// The fonts an SVG embeds, by weight (`normal`, `bold`), decoded from its
/// `@font-face` data.
fn embedded_fonts(svg: &str) -> Vec<(String, Vec<u8>)> {
    use base64::Engine;
    svg.split("@font-face{")
        .skip(1)
        .map(|face| {
            let weight = face
                .split("font-weight:")
                .nth(1)
                .and_then(|w| w.split(';').next())
                .expect("a weight")
                .to_owned();
            let data = face
                .split("base64,")
                .nth(1)
                .and_then(|d| d.split(')').next())
                .expect("font data");
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(data)
                .expect("base64 font data");
            (weight, bytes)
        })
        .collect()
}

/// `svg` drawn by resvg with only the fonts in `fonts` (none from the system).
fn draw_with_fonts(svg: &str, fonts: &[Vec<u8>]) -> Pixmap {
    use std::sync::Arc;
    let mut options = resvg::usvg::Options {
        font_family: "DejaVu Sans".to_owned(),
        ..resvg::usvg::Options::default()
    };
    let db = options.fontdb_mut();
    for font in fonts {
        db.load_font_source(resvg::usvg::fontdb::Source::Binary(Arc::new(font.clone())));
    }
    db.set_sans_serif_family("DejaVu Sans");
    let tree = resvg::usvg::Tree::from_str(svg, &options).expect("an SVG the renderer reads");
    let size = tree.size().to_int_size();
    let mut pixmap = Pixmap::new(size.width(), size.height()).expect("a picture");
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    pixmap
}

#[test]
fn svg_of_tower_hamlets_embeds_only_the_glyphs_it_draws_and_looks_the_same_as_with_the_whole_fonts()
{
    let svg = tower_svg(&Sandbox::new(), &[]);
    assert!(
        svg.len() < 300_000,
        "one council's SVG is {} bytes, over 300 KB",
        svg.len()
    );
    let text = String::from_utf8(svg).expect("UTF-8 SVG");
    let fonts = embedded_fonts(&text);
    let weights: Vec<&str> = fonts.iter().map(|(w, _)| w.as_str()).collect();
    assert_eq!(
        weights,
        ["normal", "bold"],
        "book for labels, bold for titles"
    );
    let whole = [
        std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/fonts/DejaVuSans.ttf"
        ))
        .expect("the font"),
        std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/fonts/DejaVuSans-Bold.ttf"
        ))
        .expect("the bold font"),
    ];
    for ((weight, subset), whole) in fonts.iter().zip(&whole) {
        assert!(
            subset.len() * 10 < whole.len(),
            "the {weight} font is {} bytes of {}",
            subset.len(),
            whole.len()
        );
    }
    // Every character drawn has its glyph in the subset, drawn as the whole font draws it.
    let subsets: Vec<Vec<u8>> = fonts.into_iter().map(|(_, f)| f).collect();
    let with_subsets = draw_with_fonts(&text, &subsets);
    let with_whole = draw_with_fonts(&text, &whole);
    let differing = with_subsets
        .pixels()
        .iter()
        .zip(with_whole.pixels())
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(
        differing, 0,
        "pixels that differ from the whole fonts' picture"
    );
    let inked = with_subsets
        .pixels()
        .iter()
        .filter(|p| p.red() < 100 && p.green() < 100 && p.blue() < 100)
        .count();
    assert!(inked > 1000, "the text was drawn: {inked} dark pixels");
}

#[test]
fn the_embedded_subset_maps_the_characters_drawn_and_leaves_out_the_rest() {
    let svg = tower_svg(&Sandbox::new(), &[]);
    let text = String::from_utf8(svg).expect("UTF-8 SVG");
    let fonts = embedded_fonts(&text);
    let book = skrifa::FontRef::new(&fonts[0].1).expect("a font");
    use skrifa::MetadataProvider;
    let charmap = book.charmap();
    for c in "Tower Hamlets Outstanding 2002".chars() {
        assert!(charmap.map(c).is_some(), "{c:?} has no glyph in the subset");
    }
    assert!(
        charmap.map('Ж').is_none(),
        "a character never drawn is left out"
    );
}

#[test]
fn png_of_tower_hamlets_has_the_pixels_of_its_svg_drawn_with_the_whole_fonts() {
    let sandbox = Sandbox::new();
    let png = sandbox
        .run_bytes(&["export", "tower-hamlets", "--format", "png", "-o", "-"])
        .ok()
        .stdout;
    let svg = String::from_utf8(tower_svg(&sandbox, &[])).expect("UTF-8 SVG");
    let whole = [
        std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/fonts/DejaVuSans.ttf"
        ))
        .expect("the font"),
        std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/fonts/DejaVuSans-Bold.ttf"
        ))
        .expect("the bold font"),
    ];
    let expected = draw_with_fonts(&svg, &whole);
    let drawn = Pixmap::decode_png(&png).expect("a PNG that decodes");
    assert_eq!(
        (drawn.width(), drawn.height()),
        (expected.width(), expected.height())
    );
    let differing = drawn
        .pixels()
        .iter()
        .zip(expected.pixels())
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(differing, 0, "pixels that differ");
}

#[test]
fn a_councils_level_names_too_long_for_their_lines_go_by_initials_spelt_out_in_the_legend() {
    let sandbox = Sandbox::new();
    let picture = |args: &[&str]| {
        let mut all = vec!["export", "--format", "svg", "-o", "-"];
        all.extend_from_slice(args);
        sandbox.run_bytes(&all).ok().stdout
    };
    for which in [
        &["tower-hamlets"][..],
        &["tower-hamlets", "--unfold"][..],
        &["hackney", "newham", "camden"][..],
    ] {
        let narrow = picture(&[which, &["--width", "500"]].concat());
        let levels = of_class(&narrow, "level");
        assert!(levels.iter().any(|l| l == "RI"), "{which:?}: {levels:?}");
        assert!(
            levels.iter().all(|l| !l.ends_with('…')),
            "{which:?}: {levels:?}"
        );
        let texts = svg_texts(&narrow);
        assert_eq!(
            texts
                .iter()
                .filter(|t| *t == "RI: Requires improvement to be good")
                .count(),
            1,
            "{which:?}: spelt out once in the legend, {texts:?}"
        );
    }
    // What comes before a colon stands for the name where initials would say nothing.
    let unfolded = picture(&["tower-hamlets", "--unfold", "--width", "500"]);
    assert!(of_class(&unfolded, "level").iter().any(|l| l == "grade 1"));
    assert!(svg_texts(&unfolded).contains(&"grade 1: inadequate".to_owned()));
    // At the default width every name is whole, on two lines where it needs them.
    let wide = picture(&["tower-hamlets"]);
    let levels = of_class(&wide, "level");
    assert!(
        levels.iter().any(|l| l == "Requires improvement"),
        "{levels:?}"
    );
    assert!(levels.iter().any(|l| l == "to be good"), "{levels:?}");
    assert!(!svg_texts(&wide).iter().any(|t| t.starts_with("RI: ")));
}
