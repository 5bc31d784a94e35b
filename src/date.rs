//! `PartialDate`: a date known to the year, the month or the day, as briefings report them.

use std::cmp::Ordering;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::i18n::Lang;

/// A date whose precision is part of its meaning: "2022", "2022-03" or "2022-03-29".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

const FORMAT_HINT: &str = "write dates as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2025-04-21";

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; the message of the error says what is wrong.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let parts: Vec<&str> = text.split('-').collect();
        let well_formed = matches!(parts.len(), 1..=3)
            && parts[0].len() == 4
            && parts[1..].iter().all(|p| p.len() == 2)
            && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
        if !well_formed {
            return Err(format!("`{text}` is not a date; {FORMAT_HINT}"));
        }
        let number = |s: &str| s.parse::<u32>().unwrap_or(0);
        let year = number(parts[0]) as i32;
        let month = parts.get(1).map(|m| number(m));
        let day = parts.get(2).map(|d| number(d));
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(format!("`{text}` has month {m}; months run from 01 to 12"));
        }
        if let (Some(m), Some(d)) = (month, day)
            && NaiveDate::from_ymd_opt(year, m, d).is_none()
        {
            return Err(format!(
                "`{text}` does not exist: {year}-{m:02} has no day {d}"
            ));
        }
        Ok(PartialDate { year, month, day })
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The full calendar date, when the day is known.
    pub fn to_naive(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }

    /// A human date at its precision: "24. Februar 2022", "März 2022", "2022".
    pub fn display(&self, lang: Lang) -> String {
        let locale = lang.chrono_locale();
        match (self.month, self.to_naive()) {
            (_, Some(date)) => {
                let pattern = match lang {
                    Lang::De => "%-d. %B %Y",
                    Lang::En => "%-d %B %Y",
                };
                date.format_localized(pattern, locale).to_string()
            }
            (Some(m), None) => match NaiveDate::from_ymd_opt(self.year, m, 1) {
                Some(first) => first.format_localized("%B %Y", locale).to_string(),
                None => self.to_string(),
            },
            (None, None) => self.year.to_string(),
        }
    }

    /// Sort key: a year-only date comes before the dated days of its year,
    /// a month-only date before the days of its month.
    fn key(&self) -> (i32, u32, u32) {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0))
    }

    /// The last day this date could mean, for "is this after that" questions.
    pub fn latest_day(&self) -> Option<NaiveDate> {
        let month = self.month.unwrap_or(12);
        match self.day {
            Some(d) => NaiveDate::from_ymd_opt(self.year, month, d),
            None => {
                let next = if month == 12 {
                    NaiveDate::from_ymd_opt(self.year + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(self.year, month + 1, 1)
                };
                next.and_then(|n| n.pred_opt())
            }
        }
    }

    /// The first day this date could mean.
    pub fn earliest_day(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    pub fn from_naive(date: NaiveDate) -> Self {
        PartialDate {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The data exports write every event's dates: digits by hand, not through the
        // formatting machinery (a fifth of the exports' time went there).
        let mut buf = [0u8; 10];
        match self.iso_digits(&mut buf) {
            Some(text) => serializer.serialize_str(text),
            None => serializer.collect_str(self),
        }
    }
}

impl PartialDate {
    /// The date as `Display` writes it, for years 0-9999 and months and days under 100;
    /// `None` for any other.
    fn iso_digits<'b>(&self, buf: &'b mut [u8; 10]) -> Option<&'b str> {
        fn put(buf: &mut [u8], at: usize, mut n: u32, width: usize) {
            for i in (0..width).rev() {
                buf[at + i] = b'0' + (n % 10) as u8;
                n /= 10;
            }
        }
        let year = u32::try_from(self.year).ok().filter(|y| *y <= 9999)?;
        put(buf, 0, year, 4);
        let mut len = 4;
        for part in [self.month, self.day].into_iter().flatten() {
            if part > 99 {
                return None;
            }
            buf[len] = b'-';
            put(buf, len + 1, part, 2);
            len += 3;
        }
        std::str::from_utf8(&buf[..len]).ok()
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DateVisitor)
    }
}

struct DateVisitor;

impl Visitor<'_> for DateVisitor {
    type Value = PartialDate;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date as YYYY, YYYY-MM or YYYY-MM-DD")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<PartialDate, E> {
        PartialDate::parse(v).map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<PartialDate, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<PartialDate, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<PartialDate, E> {
        Err(E::custom(format!("`{v}` is not a date; {FORMAT_HINT}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_serialise_as_they_display() {
        let dates = [
            (2025, Some(4), Some(21)),
            (2025, Some(12), None),
            (2022, None, None),
            (5, Some(1), Some(9)),
            (0, None, None),
            (12345, Some(1), None),
            (-44, Some(3), Some(15)),
            (2025, None, Some(7)),
        ];
        for (year, month, day) in dates {
            let date = PartialDate { year, month, day };
            let json = serde_json::to_string(&date).expect("serialises");
            assert_eq!(json, format!("\"{date}\""), "{date:?}");
        }
    }

    #[test]
    fn parses_each_precision() {
        assert_eq!(
            PartialDate::parse("2022").unwrap().precision(),
            Precision::Year
        );
        assert_eq!(
            PartialDate::parse("2022-03").unwrap().precision(),
            Precision::Month
        );
        assert_eq!(
            PartialDate::parse("2022-03-29").unwrap().precision(),
            Precision::Day
        );
    }

    #[test]
    fn rejects_impossible_and_foreign_dates() {
        for bad in [
            "2025-13-01",
            "2025-02-30",
            "April 2025",
            "25.04.2025",
            "2025-4-1",
            "",
        ] {
            assert!(PartialDate::parse(bad).is_err(), "{bad} should be rejected");
        }
        assert!(
            PartialDate::parse("2025-02-30")
                .unwrap_err()
                .contains("no day 30")
        );
    }

    #[test]
    fn shows_dates_at_their_precision_in_german_and_english() {
        let day = PartialDate::parse("2022-02-24").unwrap();
        assert_eq!(day.display(Lang::De), "24. Februar 2022");
        assert_eq!(day.display(Lang::En), "24 February 2022");
        assert_eq!(
            PartialDate::parse("2022-03").unwrap().display(Lang::De),
            "März 2022"
        );
        assert_eq!(
            PartialDate::parse("2022").unwrap().display(Lang::De),
            "2022"
        );
    }

    #[test]
    fn orders_partial_dates_before_the_days_they_contain() {
        let mut dates: Vec<PartialDate> = ["2022-03-29", "2022-03", "2022", "2021-12-31"]
            .iter()
            .map(|d| PartialDate::parse(d).unwrap())
            .collect();
        dates.sort();
        let shown: Vec<String> = dates.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["2021-12-31", "2022", "2022-03", "2022-03-29"]);
    }

    #[test]
    fn knows_the_last_day_of_a_month() {
        let feb = PartialDate::parse("2024-02").unwrap();
        assert_eq!(feb.latest_day(), NaiveDate::from_ymd_opt(2024, 2, 29));
    }
}
