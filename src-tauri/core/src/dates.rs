//! 日期：calendar dates and months in the shop's local time.
//!
//! Dates cross IPC as ISO text (`2026-11-26`), months as `2026-11`; on screen a
//! month is `2026年11月` and a date `2026年11月26日` ([`month_label`],
//! [`date_label`]). The period of every indicator is the calendar month.

use std::sync::OnceLock;
use std::time::Instant;

use chrono::{Datelike, Local, NaiveDate, NaiveDateTime, NaiveTime};

use crate::error::{AppError, AppResult, ErrorCode};

/// The environment variable that sets the clock (时钟): `2026-11-30` or
/// `2026-11-30T08:30`. Tests and frozen demos use it; unset, the PC's own
/// local time is used.
pub const CLOCK_VAR: &str = "MOTO4S_TODAY";

/// The time of day a clock set to a bare date starts at (the shop opens).
const PINNED_START: (u32, u32) = (9, 0);

/// A clock set by [`CLOCK_VAR`]: it starts at the set moment when the
/// process first reads it and runs on from there, so records made one
/// after another still get increasing times, and a run that takes an hour
/// stays on the set date unless it starts late in the evening.
struct Pinned {
    start: NaiveDateTime,
    since: Instant,
}

static CLOCK: OnceLock<Option<Pinned>> = OnceLock::new();

/// Reads [`CLOCK_VAR`]: `Ok(None)` when unset or empty, the set moment when
/// valid, and a Chinese message naming the variable when not.
pub fn clock_setting() -> AppResult<Option<NaiveDateTime>> {
    match std::env::var(CLOCK_VAR) {
        Ok(v) if !v.trim().is_empty() => parse_clock(&v).map(Some),
        _ => Ok(None),
    }
}

/// Parses a clock setting: `2026-11-30` (the day from 09:00) or
/// `2026-11-30T08:30` (also with a space, and with seconds).
pub fn parse_clock(v: &str) -> AppResult<NaiveDateTime> {
    let t = v.trim();
    let (h, m) = PINNED_START;
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .ok()
        .map(|d| d.and_time(NaiveTime::from_hms_opt(h, m, 0).expect("valid time")))
        .or_else(|| date_time(t))
        .ok_or_else(|| {
            AppError::new(
                ErrorCode::Validation,
                format!("环境变量 {CLOCK_VAR} 的值「{t}」无效，应写成 2026-11-30 或 2026-11-30T08:30"),
            )
        })
}

/// A date with a time as people and spreadsheets write it: `2026-11-26
/// 09:30`, with `T`, with seconds, or with slashes (`2026/11/26 09:30`).
fn date_time(t: &str) -> Option<NaiveDateTime> {
    [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
}

fn pinned() -> Option<&'static Pinned> {
    CLOCK
        .get_or_init(|| {
            // an invalid setting is refused at start-up (main calls
            // clock_setting); here it can only fall back to the PC's clock
            clock_setting().ok().flatten().map(|start| Pinned {
                start,
                since: Instant::now(),
            })
        })
        .as_ref()
}

/// Whether the clock is set by [`CLOCK_VAR`] rather than the PC's.
pub fn is_pinned() -> bool {
    pinned().is_some()
}

/// The local date and time (时钟): every "now" in the app goes through here
/// — record stamps, repair orders' times, backups, the audit log (through
/// the SQL function `m4s_now()`).
pub fn now() -> NaiveDateTime {
    match pinned() {
        Some(p) => p.start + chrono::Duration::from_std(p.since.elapsed()).unwrap_or_else(|_| chrono::Duration::zero()),
        None => Local::now().naive_local(),
    }
}

/// Today in the shop's local time, from [`now`]: every "today" in the app
/// (indicators, due lists, the demo, the default month) goes through here.
pub fn today() -> NaiveDate {
    now().date()
}

/// [`now`] as a record's stamp, `2026-11-30T09:00:12` (created_at, updated_at).
pub fn stamp() -> String {
    now().format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// A calendar month (the period of the indicators).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn new(year: i32, month: u32) -> Option<Month> {
        if (1..=12).contains(&month) && (2000..=2999).contains(&year) {
            Some(Month { year, month })
        } else {
            None
        }
    }

    pub fn of(date: NaiveDate) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// Parses `2026-11`; the message says what is wrong.
    pub fn parse(s: &str) -> AppResult<Month> {
        let t = s.trim();
        let bad = || AppError::invalid("month", format!("「{t}」不是有效的月份，应写成 2026-11 这样的形式"));
        let (y, m) = t.split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.is_empty() || m.len() > 2 {
            return Err(bad());
        }
        let y: i32 = y.parse().map_err(|_| bad())?;
        let m: u32 = m.parse().map_err(|_| bad())?;
        Month::new(y, m).ok_or_else(bad)
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("valid month")
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().expect("valid date")
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn prev(self) -> Month {
        if self.month == 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// `2026-11`
    pub fn iso(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

/// `2026年11月`
pub fn month_label(m: Month) -> String {
    format!("{}年{}月", m.year, m.month)
}

/// `2026年11月26日`
pub fn date_label(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// Parses an ISO date (`2026-11-26`) typed or picked in a form.
pub fn parse_date(field: &str, s: &str) -> AppResult<NaiveDate> {
    let t = crate::form::halfwidth(s.trim());
    let t = t.trim();
    // also 2026/11/26 (Excel in China), and a date cell that carries a
    // time (2026-11-26 09:30:00): the date is what counts
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%Y/%m/%d"))
        .or_else(|e| date_time(t).map(|d| d.date()).ok_or(e))
        .map_err(|_| {
            AppError::invalid(
                field,
                format!("「{}」不是有效的日期，应写成 2026-11-26 这样的形式", s.trim()),
            )
        })
}

/// A record's date may not lie after today.
pub fn not_in_future(field: &str, label: &str, d: NaiveDate, today: NaiveDate) -> AppResult<()> {
    if d > today {
        Err(AppError::invalid(
            field,
            format!("{label}（{}）晚于今天（{}），请检查", date_label(d), date_label(today)),
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clock_setting_is_a_date_or_a_date_and_time() {
        assert_eq!(parse_clock("2026-12-01").unwrap().to_string(), "2026-12-01 09:00:00");
        assert_eq!(
            parse_clock(" 2026-12-31T23:59 ").unwrap().to_string(),
            "2026-12-31 23:59:00"
        );
        assert_eq!(
            parse_clock("2028-02-29 08:30:15").unwrap().to_string(),
            "2028-02-29 08:30:15"
        );
        for bad in ["2027-02-29", "tomorrow", "2026-12-01T25:00", "2026/12/01"] {
            let e = parse_clock(bad).unwrap_err();
            assert!(
                e.message.contains("MOTO4S_TODAY") && e.message.contains(bad),
                "{bad}: {}",
                e.message
            );
        }
    }

    #[test]
    fn months_parse_label_and_bound() {
        let m = Month::parse("2026-11").unwrap();
        assert_eq!(month_label(m), "2026年11月");
        assert_eq!(m.first_day().to_string(), "2026-11-01");
        assert_eq!(m.last_day().to_string(), "2026-11-30");
        assert_eq!(Month::parse("2024-02").unwrap().last_day().to_string(), "2024-02-29");
        assert_eq!(m.next().iso(), "2026-12");
        assert_eq!(Month::parse("2026-12").unwrap().next().iso(), "2027-01");
        assert_eq!(Month::parse("2026-01").unwrap().prev().iso(), "2025-12");
        for bad in ["2026-13", "2026-0", "26-11", "2026/11", "", "abcd-ef"] {
            let e = Month::parse(bad).unwrap_err();
            assert!(e.message.contains("不是有效的月份"), "{bad}: {}", e.message);
        }
    }

    #[test]
    fn future_dates_are_refused_with_both_dates_named() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert!(not_in_future("d", "销售日期", today, today).is_ok());
        let e = not_in_future("d", "销售日期", today.succ_opt().unwrap(), today).unwrap_err();
        assert_eq!(
            e.message,
            "销售日期（2026年11月27日）晚于今天（2026年11月26日），请检查"
        );
        assert_eq!(e.field.as_deref(), Some("d"));
        assert!(parse_date("d", "2026-02-30").is_err());
        assert_eq!(date_label(parse_date("d", " 2026-02-03 ").unwrap()), "2026年2月3日");
        // a date cell with a time, and the slashes Excel in China writes
        for text in [
            "2026-11-26 09:30:00",
            "2026-11-26T09:30",
            "2026/11/26",
            "2026/11/26 18:05",
        ] {
            assert_eq!(parse_date("d", text).unwrap().to_string(), "2026-11-26", "{text}");
        }
        assert!(parse_date("d", "2026-11-26 25:00").is_err());
    }
}
