//! What the record popups say, as plain text with a tone for each part: a rating's
//! record, a council's record and the transitions table. `ui` styles the tones;
//! `update` counts the same lines to scroll them (see [`super::scroll`]), so the two
//! can never disagree about how far a popup goes.

use unicode_width::UnicodeWidthStr;

use super::App;
use super::scroll::Extent;
use crate::data::transitions::{Next, Transitions};
use crate::text::{fit, pad, visible, wrap};

/// How a part of a line is styled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Dim,
    Title,
    Key,
    /// A level's colour: its rank of so many levels.
    Level(usize, usize),
}

/// A line of parts, each with its tone.
pub type Toned = Vec<(String, Tone)>;

/// The widest the record popups grow.
pub const RECORD_WIDTH: u16 = 90;
/// The widest the transitions popup grows.
pub const TRANSITIONS_WIDTH: u16 = 120;

/// How wide `line` is, in columns.
pub fn width(line: &Toned) -> usize {
    line.iter().map(|(text, _)| text.width()).sum()
}

/// A record's field: its label, then its value wrapped and indented under the value's
/// first column. A link is never broken: whole after the label, whole on its own line
/// under it, or cut with `…` (`y` still copies it whole).
pub fn labelled(label: &str, label_width: usize, value: &str, inner: usize) -> Vec<Toned> {
    let value = visible(value).into_owned();
    let room = inner.saturating_sub(label_width + 1).max(8);
    let head = (format!(" {}", pad(label, label_width)), Tone::Dim);
    let indent = " ".repeat(label_width + 1);
    let is_link = value.starts_with("http://") || value.starts_with("https://");
    if is_link && value.width() > room {
        if value.width() < inner {
            return vec![vec![head], vec![(format!(" {value}"), Tone::Plain)]];
        }
        return vec![vec![head, (fit(&value, room), Tone::Plain)]];
    }
    wrap(&value, room)
        .into_iter()
        .enumerate()
        .map(|(k, chunk)| {
            let lead = if k == 0 {
                head.clone()
            } else {
                (indent.clone(), Tone::Plain)
            };
            vec![lead, (chunk, Tone::Plain)]
        })
        .collect()
}

/// The inside of a popup at most `width` columns wide in a terminal of `size`.
fn inner(size: (u16, u16), width: u16) -> usize {
    usize::from(width.min(size.0).saturating_sub(2))
}

/// The selected council's record: what it is called, where it sits, what it came
/// from and became, and its statistical neighbours.
pub fn council(app: &App) -> Vec<Toned> {
    let Some(index) = app.list.selected else {
        return Vec::new();
    };
    let dataset = &app.dataset;
    let council = &dataset.councils[index];
    let inner = inner(app.size, RECORD_WIDTH);
    let mut lines = Vec::new();
    let mut field = |name: &str, value: String| {
        lines.extend(labelled(name, 15, &value, inner));
    };
    // A council named by id: its name when the dataset has it, else the id as given.
    let named = |id: &String| match dataset.council_by_id(id) {
        Some(i) => format!("{} ({id})", dataset.councils[i].name),
        None => format!("{id} (not in this dataset)"),
    };
    field("name", council.name.clone());
    field("id", council.id.clone());
    for (name, value) in [
        ("ONS code", &council.code),
        ("region", &council.region),
        ("kind", &council.kind),
    ] {
        if let Some(value) = value {
            field(name, value.clone());
        }
    }
    if !council.aliases.is_empty() {
        field("also known as", council.aliases.join("; "));
    }
    let predecessors: Vec<String> = dataset
        .predecessors(council)
        .map(|c| format!("{} ({})", c.name, c.id))
        .collect();
    if !predecessors.is_empty() {
        field("succeeded", predecessors.join("; "));
    }
    if let Some(ended) = council.ended {
        field("ended", ended.to_string());
    }
    if !council.succeeded_by.is_empty() {
        let successors: Vec<String> = council.succeeded_by.iter().map(named).collect();
        field("succeeded by", successors.join("; "));
    }
    if !council.neighbours.is_empty() {
        let neighbours: Vec<String> = council.neighbours.iter().map(named).collect();
        field("neighbours", neighbours.join("; "));
    }
    let schemes = crate::data::Timeline::all(dataset, council).len();
    field(
        "ratings",
        format!(
            "{} in {}",
            council.ratings.len(),
            crate::text::count(schemes, "scheme", "schemes")
        ),
    );
    lines
}

/// The full record of the selected council's rating `index`.
pub fn rating(app: &App, index: usize) -> Vec<Toned> {
    let Some(council) = app.list.selected.map(|i| &app.dataset.councils[i]) else {
        return Vec::new();
    };
    let Some(rating) = council.ratings.get(index) else {
        return Vec::new();
    };
    let scheme = app.dataset.scheme(rating.scheme);
    let inner = inner(app.size, RECORD_WIDTH);
    let mut lines = Vec::new();
    let mut field = |name: &str, value: String| {
        lines.extend(labelled(name, 10, &value, inner));
    };
    field("council", council.name.clone());
    field("scheme", format!("{} ({})", scheme.name, scheme.body));
    field("date", rating.date.to_string());
    field("rating", scheme.describe(rating.grade));
    if let Some(change) = crate::data::timeline::change_label(&app.dataset, council, index) {
        field("change", change);
    }
    if let Some(note) = &rating.note {
        field("note", note.clone());
    }
    if let Some(source) = rating.source.map(|s| app.dataset.source(s)) {
        field("source", source.title.clone());
        if let Some(publisher) = &source.publisher {
            field("publisher", publisher.clone());
        }
        if let Some(date) = source.date {
            field("published", date.to_string());
        }
        if let Some(url) = &source.url {
            field("link", url.clone());
        }
    } else {
        field("source", "none given".to_owned());
    }
    lines
}

/// A level's name as a column head: its first word, as the list's glyphs read it.
pub fn initial(level: &str) -> String {
    level.split_whitespace().next().unwrap_or(level).to_owned()
}

/// Transitions: each level of the table's scheme against the same council's next
/// rating, the selected council's own steps from grade to grade marked `●` in a
/// column of their own just before each figure, so the mark sits in its cell at any
/// width; the line under the table says whose they are, or that it has none.
pub fn transitions(app: &App, table: &Transitions) -> Vec<Toned> {
    let scheme = table.scheme;
    let dataset = &app.dataset;
    let def = dataset.scheme(scheme);
    let levels = def.levels();
    // The selected council's own steps: (from, to) by rank.
    let own: Vec<(usize, usize)> = app
        .list
        .selected
        .map(|c| {
            crate::data::transitions::steps(dataset, &dataset.councils[c], scheme, None, None)
                .into_iter()
                .filter_map(|s| match s.next {
                    Next::Grade { rank, .. } => Some((usize::from(s.rank), usize::from(rank))),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    // Narrow screens get narrower columns, so a row never wraps.
    let inner = inner(app.size, TRANSITIONS_WIDTH);
    let wide = inner >= 100;
    let label = levels
        .iter()
        .map(|l| l.width())
        .max()
        .unwrap_or(8)
        .clamp(8, if wide { 20 } else { 14 });
    let figure = |n: u32, row: &crate::data::transitions::Row| format!("{n} {:.0}%", row.share(n));
    let widest = table
        .rows
        .iter()
        .flat_map(|row| {
            (0..levels.len())
                .map(|to| row.count(to))
                .chain([row.not_yet, row.ended()])
                .map(|n| figure(n, row).width())
        })
        .max()
        .unwrap_or(6);
    // The mark's column, a space, the figure, at least a space.
    let cell = (widest + 3).max(if wide { 11 } else { 9 });
    let mut lines: Vec<Toned> = vec![
        vec![(
            fit(&format!(" {} ({})", def.name, def.body), inner),
            Tone::Title,
        )],
        vec![(
            fit(
                &format!(
                    " Each rating against the council's next one: {} ratings of {} councils; \
                     a row's shares add up to 100%.",
                    table.total(),
                    table.councils
                ),
                inner,
            ),
            Tone::Plain,
        )],
        Vec::new(),
    ];
    let mut head = format!(" {} ", pad("from \\ next", label));
    for level in levels.iter().rev() {
        head.push_str(&format!("  {}", pad(&initial(level), cell - 2)));
    }
    head.push_str(&format!("  {}", pad("not yet", cell - 2)));
    head.push_str(if wide {
        "  no grade followed"
    } else {
        "  no grade"
    });
    lines.push(vec![(head, Tone::Dim)]);
    let mut marked = false;
    for from in (0..levels.len()).rev() {
        let row = &table.rows[from];
        let mut parts = vec![(
            format!(" {} ", pad(&levels[from], label)),
            Tone::Level(from, levels.len()),
        )];
        for to in (0..levels.len()).rev() {
            let text = pad(&figure(row.count(to), row), cell - 2);
            if own.contains(&(from, to)) {
                marked = true;
                parts.push((format!("● {text}"), Tone::Key));
            } else {
                parts.push((format!("  {text}"), Tone::Plain));
            }
        }
        parts.push((
            format!("  {}", pad(&figure(row.not_yet, row), cell - 2)),
            Tone::Plain,
        ));
        parts.push((format!("  {}", figure(row.ended(), row)), Tone::Plain));
        lines.push(parts);
    }
    lines.push(Vec::new());
    if let Some(c) = app.list.selected {
        let name = &dataset.councils[c].name;
        let says = if marked {
            format!(" ● marks the transitions of {name}.")
        } else {
            format!(" {name} has no step from one grade to another in this scheme.")
        };
        lines.push(vec![(visible(&says).into_owned(), Tone::Key)]);
    }
    lines.push(vec![(
        visible(&format!(
            " Median months and CSV: trajex transitions {}",
            def.id
        ))
        .into_owned(),
        Tone::Dim,
    )]);
    lines
}

/// The transitions popup's size: as wide as its widest line, at most
/// [`TRANSITIONS_WIDTH`].
pub fn transitions_extent(app: &App, lines: &[Toned]) -> Extent {
    let widest = lines.iter().map(width).max().unwrap_or(0);
    let width = u16::try_from(widest + 3)
        .unwrap_or(u16::MAX)
        .min(TRANSITIONS_WIDTH);
    Extent::new(app.size, width, lines.iter().map(width_of))
}

fn width_of(line: &Toned) -> usize {
    width(line)
}

/// The open record popup's lines and size, for scrolling and drawing: the rating
/// record, the council record or the transitions; `None` in any other mode.
pub fn open(app: &App) -> Option<(Vec<Toned>, Extent)> {
    of(app, &app.mode)
}

/// [`open`] for `mode`, which may be the popup under an export dialog.
pub fn of(app: &App, mode: &super::Mode) -> Option<(Vec<Toned>, Extent)> {
    let (lines, width) = match mode {
        super::Mode::Details(index) => (rating(app, *index), RECORD_WIDTH),
        super::Mode::Council => (council(app), RECORD_WIDTH),
        super::Mode::Transitions(table) => {
            let lines = transitions(app, table);
            let extent = transitions_extent(app, &lines);
            return Some((lines, extent));
        }
        _ => return None,
    };
    let extent = Extent::new(app.size, width, lines.iter().map(width_of));
    Some((lines, extent))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Toned]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.iter().map(|(t, _)| t.as_str()).collect())
            .collect()
    }

    #[test]
    fn a_long_value_wraps_under_its_first_column() {
        let lines = labelled(
            "source",
            10,
            "Tower Hamlets: inspection of children's social care services",
            40,
        );
        assert_eq!(
            texts(&lines),
            [
                " source    Tower Hamlets: inspection of",
                "           children's social care",
                "           services",
            ]
        );
    }

    #[test]
    fn a_link_is_never_broken_across_lines() {
        let url = "https://files.ofsted.gov.uk/v1/file/50266090";
        let fits = labelled("link", 10, url, 60);
        assert_eq!(texts(&fits), [format!(" link      {url}")]);
        let own_line = labelled("link", 10, url, 50);
        assert_eq!(
            texts(&own_line),
            [" link      ".to_owned(), format!(" {url}")]
        );
        let cut = labelled("link", 10, url, 30);
        assert_eq!(texts(&cut), [" link      https://files.ofst…"]);
    }
}
