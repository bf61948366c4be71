//! Dates at the precision a source gives them: a year, a month or a day.

use std::fmt;

/// A calendar date known to a year, a month or a day.
///
/// Ordering follows the first day of the period, then precision, so `2019`,
/// `2019-01` and `2019-01-01` sort together and in that order.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Date {
    year: u16,
    /// 1-12, or 0 when only the year is known.
    month: u8,
    /// 1-31, or 0 when only the month (or year) is known.
    day: u8,
}

/// How much of a [`Date`] is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// Why a date string could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("a date must be written YYYY, YYYY-MM or YYYY-MM-DD, not \"{0}\"")]
    Shape(String),
    #[error("\"{0}\" is not a real calendar date")]
    NoSuchDay(String),
}

impl Date {
    /// A year-precision date.
    pub const fn year(year: u16) -> Self {
        Self {
            year,
            month: 0,
            day: 0,
        }
    }

    /// A full date, checked against the calendar.
    pub fn ymd(year: u16, month: u8, day: u8) -> Option<Self> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Self { year, month, day })
    }

    /// Whether this is a date [`Date::parse`] could give: how a date read back from
    /// the load cache is checked.
    pub fn is_real(self) -> bool {
        (1..=9999).contains(&self.year)
            && self.month <= 12
            && (self.day == 0
                || (self.month >= 1 && self.day <= days_in_month(self.year, self.month)))
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let shape = || DateError::Shape(text.to_owned());
        let mut parts = text.split('-');
        let year = parts.next().ok_or_else(shape)?;
        let month = parts.next();
        let day = parts.next();
        if parts.next().is_some() {
            return Err(shape());
        }
        let number = |part: &str, width: usize| -> Result<u16, DateError> {
            if part.len() == width && part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().map_err(|_| shape())
            } else {
                Err(shape())
            }
        };
        let year = number(year, 4)?;
        let month = month.map(|m| number(m, 2)).transpose()?.unwrap_or(0) as u8;
        let day = day.map(|d| number(d, 2)).transpose()?.unwrap_or(0) as u8;
        let no_such_day = || DateError::NoSuchDay(text.to_owned());
        if year == 0 || month > 12 || (month == 0 && text.len() > 4) {
            return Err(no_such_day());
        }
        if day != 0 && (day > days_in_month(year, month)) || (text.len() == 10 && day == 0) {
            return Err(no_such_day());
        }
        Ok(Self { year, month, day })
    }

    pub fn precision(self) -> Precision {
        match (self.month, self.day) {
            (0, _) => Precision::Year,
            (_, 0) => Precision::Month,
            _ => Precision::Day,
        }
    }

    pub fn year_number(self) -> u16 {
        self.year
    }

    /// The month, 1-12; 0 for a date known only to its year.
    pub fn month_number(self) -> u8 {
        self.month
    }

    /// The day of the month, 1-31; 0 for a date known only to its month or year.
    pub fn day_number(self) -> u8 {
        self.day
    }

    /// Days from 1970-01-01 to the first day of this date's period.
    pub fn first_day(self) -> i32 {
        days_from_civil(
            i32::from(self.year),
            u32::from(self.month.max(1)),
            u32::from(self.day.max(1)),
        )
    }

    /// Days from 1970-01-01 to the last day of this date's period: the same as
    /// [`Date::first_day`] for a day, the month's or year's last day otherwise.
    pub fn last_day(self) -> i32 {
        match self.precision() {
            Precision::Day => self.first_day(),
            Precision::Month if self.month == 12 => Date::year(self.year + 1).first_day() - 1,
            Precision::Month => Date::month_start(self.year, self.month + 1).first_day() - 1,
            Precision::Year => Date::year(self.year + 1).first_day() - 1,
        }
    }

    /// The day a date asked about ("what held in 2004-11?") is read on: the last day of
    /// its period, so a month or a year takes in everything published within it. Every
    /// reading of a date goes through here (see `data::timeline`).
    pub fn reading_day(self) -> Self {
        match self.precision() {
            Precision::Day => self,
            Precision::Month => Self {
                day: days_in_month(self.year, self.month),
                ..self
            },
            Precision::Year => Self {
                month: 12,
                day: 31,
                ..self
            },
        }
    }

    /// The date `days` after 1970-01-01, at day precision.
    pub fn from_days(days: i32) -> Self {
        let (y, m, d) = civil_from_days(days);
        Self {
            year: y.clamp(1, 9999) as u16,
            month: m as u8,
            day: d as u8,
        }
    }

    /// The first day of `year`-`month`, at month precision.
    pub fn month_start(year: u16, month: u8) -> Self {
        Self {
            year,
            month: month.clamp(1, 12),
            day: 0,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision() {
            Precision::Year => write!(f, "{:04}", self.year),
            Precision::Month => write!(f, "{:04}-{:02}", self.year, self.month),
            Precision::Day => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

// Howard Hinnant's civil-calendar algorithms: exact for the proleptic Gregorian calendar.
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy as i32;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i32::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision_and_prints_it_back_unchanged() {
        for text in ["2002", "2002-05", "2019-07-22", "2024-02-29"] {
            assert_eq!(Date::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn rejects_malformed_and_impossible_dates() {
        for text in [
            "",
            "02-05",
            "2002-5",
            "2002-13",
            "2023-02-29",
            "2002-05-00",
            "2002-00",
            "20x2",
            "2002-05-01-01",
            "2002/05",
        ] {
            assert!(Date::parse(text).is_err(), "{text} should be rejected");
        }
    }

    #[test]
    fn sorts_by_first_day_then_precision() {
        let mut dates: Vec<Date> = ["2019-07-22", "2019", "2018-12", "2019-07"]
            .iter()
            .map(|t| Date::parse(t).unwrap())
            .collect();
        dates.sort();
        let shown: Vec<String> = dates.iter().map(Date::to_string).collect();
        assert_eq!(shown, ["2018-12", "2019", "2019-07", "2019-07-22"]);
    }

    #[test]
    fn a_date_asked_about_is_read_on_the_last_day_of_its_period() {
        for (asked, read) in [
            ("2004-11", "2004-11-30"),
            ("2024-02", "2024-02-29"),
            ("2023-02", "2023-02-28"),
            ("2017", "2017-12-31"),
            ("2019-07-22", "2019-07-22"),
        ] {
            let date = Date::parse(asked).unwrap();
            assert_eq!(date.reading_day().to_string(), read);
            assert_eq!(date.reading_day(), Date::from_days(date.last_day()));
        }
    }

    #[test]
    fn day_numbers_round_trip_through_the_calendar() {
        assert_eq!(Date::parse("1970-01-01").unwrap().first_day(), 0);
        for text in ["2002-05-30", "2000-02-29", "2025-01-13"] {
            let date = Date::parse(text).unwrap();
            assert_eq!(Date::from_days(date.first_day()), date);
        }
        assert_eq!(
            Date::parse("2019").unwrap().first_day(),
            Date::parse("2019-01-01").unwrap().first_day()
        );
    }
}
