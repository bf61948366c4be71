//! Scrolling a popup whose lines may not all fit the terminal: how many rows it has,
//! how many show, and where a scrolling key takes it. `update` moves it and `ui`
//! draws it from the same [`Extent`], so the two count the same rows.

use super::keymap::Intent;

/// A popup's size in a terminal: its width, the rows its lines take and the rows that
/// show at once (the footer's row is left free, so the keys to scroll stay in view).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Extent {
    pub width: u16,
    pub rows: usize,
    pub shown: usize,
}

impl Extent {
    /// A popup at most `width` columns wide, whose lines are `widths` columns wide
    /// (each longer than the inside takes as many rows as it needs), in a terminal of
    /// `size`.
    pub fn new(size: (u16, u16), width: u16, widths: impl IntoIterator<Item = usize>) -> Self {
        let width = width.min(size.0);
        let inner = usize::from(width.saturating_sub(2)).max(1);
        let rows = widths.into_iter().map(|w| w.max(1).div_ceil(inner)).sum();
        let room = usize::from(size.1.saturating_sub(3));
        Self {
            width,
            rows,
            shown: rows.min(room),
        }
    }

    /// The furthest the popup scrolls: its last row at the bottom.
    pub fn last_top(&self) -> usize {
        self.rows.saturating_sub(self.shown)
    }

    /// Whether some rows do not show.
    pub fn scrolls(&self) -> bool {
        self.rows > self.shown
    }

    /// Where a scrolling intent takes a popup scrolled to `top`, kept in range; `None`
    /// for an intent that does not scroll.
    pub fn scrolled(&self, top: usize, intent: Intent) -> Option<usize> {
        let page = self.shown.saturating_sub(1).max(1);
        let to = match intent {
            Intent::Up => top.saturating_sub(1),
            Intent::Down => top.saturating_add(1),
            Intent::PageUp => top.saturating_sub(page),
            Intent::PageDown => top.saturating_add(page),
            Intent::Top => 0,
            Intent::Bottom => usize::MAX,
            _ => return None,
        };
        Some(to.min(self.last_top()))
    }

    /// What the popup's bottom edge says when it scrolls: which rows show and that
    /// there are more below (`None` when everything shows).
    pub fn hint(&self, top: usize) -> Option<String> {
        if !self.scrolls() {
            return None;
        }
        let top = top.min(self.last_top());
        let last = top + self.shown;
        let more = if last < self.rows { " · more ↓" } else { "" };
        Some(format!(" lines {}-{last} of {}{more} ", top + 1, self.rows))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_popup_scrolls_no_further_than_its_last_row() {
        // 30 rows of 10 columns in a 40x10 terminal: 7 show (borders and footer).
        let extent = Extent::new((40, 10), 90, [10; 30]);
        assert_eq!((extent.width, extent.rows, extent.shown), (40, 30, 7));
        assert_eq!(extent.scrolled(0, Intent::Down), Some(1));
        assert_eq!(extent.scrolled(0, Intent::PageDown), Some(6));
        assert_eq!(extent.scrolled(20, Intent::PageDown), Some(23));
        assert_eq!(extent.scrolled(5, Intent::Bottom), Some(23));
        assert_eq!(extent.scrolled(0, Intent::Up), Some(0));
        assert_eq!(extent.scrolled(3, Intent::Close), None);
        assert_eq!(
            extent.hint(0).as_deref(),
            Some(" lines 1-7 of 30 · more ↓ ")
        );
        assert_eq!(extent.hint(23).as_deref(), Some(" lines 24-30 of 30 "));
        // A line wider than the inside takes two rows.
        assert_eq!(Extent::new((40, 10), 90, [50]).rows, 2);
        assert_eq!(Extent::new((100, 40), 90, [10; 3]).hint(0), None);
    }
}
