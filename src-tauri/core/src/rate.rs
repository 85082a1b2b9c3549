//! 比率：a percentage such as a target (一次供应率 > 90%) or a computed
//! indicator, exact as a [`Decimal`] number of percent.
//!
//! Stored in SQLite as TEXT (`"90"`, `"7.5"`), sent over IPC as the same
//! string, shown as `90%` / `7.5%`. Rounded once, at display.

use std::fmt;
use std::str::FromStr;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A number of percent (`Rate::percent(90)` is 90%).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Rate(Decimal);

contract_string!(
    Rate,
    "RateString",
    "A percentage as a decimal string, e.g. \"90\" or \"7.5\" (rate.rs)."
);

impl Rate {
    pub fn percent(p: i64) -> Rate {
        Rate(Decimal::from(p))
    }

    pub fn from_decimal(d: Decimal) -> Rate {
        Rate(d.normalize())
    }

    /// `numerator ÷ denominator × 100%`, or `None` (无数据) when the
    /// denominator is zero: a rate without a base is never 0% or 100%.
    pub fn ratio(numerator: Decimal, denominator: Decimal) -> Option<Rate> {
        if denominator.is_zero() {
            None
        } else {
            numerator
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|n| n.checked_div(denominator))
                .map(Rate)
        }
    }

    pub fn as_decimal(self) -> Decimal {
        self.0
    }

    /// `90%`, `7.5%`, `33.3%` — one decimal at most, rounded half away from zero.
    pub fn display(self) -> String {
        let r = self
            .0
            .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
            .normalize();
        format!("{r}%")
    }
}

impl FromStr for Rate {
    type Err = String;

    /// Accepts `90`, `7.5`, `90%`, ` 100 `; at most two decimals.
    fn from_str(s: &str) -> Result<Rate, String> {
        let t = s.trim();
        let t = t.strip_suffix('%').or_else(|| t.strip_suffix('％')).unwrap_or(t).trim();
        if t.is_empty() {
            return Err("请填写百分比".into());
        }
        let ok = t
            .strip_prefix('-')
            .unwrap_or(t)
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.')
            && !t.starts_with('.')
            && !t.ends_with('.')
            && t.matches('.').count() <= 1;
        if !ok {
            return Err(format!("「{}」不是有效的百分比", s.trim()));
        }
        if t.split_once('.').map(|(_, f)| f.len() > 2).unwrap_or(false) {
            return Err("百分比最多保留两位小数".into());
        }
        if t.len() > 12 {
            return Err(format!("「{}」不是有效的百分比", s.trim()));
        }
        Decimal::from_str(t)
            .map(Rate::from_decimal)
            .map_err(|_| format!("「{}」不是有效的百分比", s.trim()))
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.normalize())
    }
}

impl Serialize for Rate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Rate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Rate, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl ToSql for Rate {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.to_string()))
    }
}

impl FromSql for Rate {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Rate> {
        let s = value.as_str()?;
        s.parse().map_err(|_| FromSqlError::InvalidType)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_displays() {
        let r: Rate = "90".parse().unwrap();
        assert_eq!(r, Rate::percent(90));
        assert_eq!(r.display(), "90%");
        assert_eq!("7.5%".parse::<Rate>().unwrap().display(), "7.5%");
        assert_eq!("7.50".parse::<Rate>().unwrap().to_string(), "7.5");
        assert!("7.555".parse::<Rate>().is_err());
        assert!("abc".parse::<Rate>().is_err());
        assert!("".parse::<Rate>().is_err());
    }

    #[test]
    fn ratio_without_a_base_is_no_data() {
        assert_eq!(Rate::ratio(Decimal::from(5), Decimal::ZERO), None);
        let r = Rate::ratio(Decimal::from(1), Decimal::from(3)).unwrap();
        assert_eq!(r.display(), "33.3%");
        let r = Rate::ratio(Decimal::from(9), Decimal::from(10)).unwrap();
        assert_eq!(r.display(), "90%");
    }

    #[test]
    fn ipc_and_sql_forms_are_strings() {
        let r: Rate = "75".parse().unwrap();
        assert_eq!(serde_json::to_string(&r).unwrap(), "\"75\"");
        assert!(serde_json::from_str::<Rate>("75").is_err());
        let c = rusqlite::Connection::open_in_memory().unwrap();
        let back: Rate = c.query_row("SELECT ?1", [r], |row| row.get(0)).unwrap();
        assert_eq!(back, r);
    }
}
