//! 金额：money, exact to the fen (分).
//!
//! * SQLite: INTEGER fen (`1234.50` is stored as `123450`).
//! * Rust: [`Money`], a newtype over [`rust_decimal::Decimal`] whose scale is
//!   always 2.
//! * IPC / TypeScript: a decimal string, `"1234.50"`.
//! * Screen: `¥1,234.50` ([`Money::display_cny`]; the UI has the same rule).
//!
//! No float is ever involved: parsing is from text, storage is integer.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};
use std::str::FromStr;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The largest amount we accept anywhere: ¥99,999,999,999.99. Far above any
/// shop's figure, far below i64 fen overflow, so sums of many amounts are safe.
pub const MAX_FEN: i64 = 9_999_999_999_999;

/// An amount of money in yuan, exact to the fen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(Decimal);

contract_string!(
    Money,
    "MoneyString",
    "An amount in yuan as a decimal string, e.g. \"1234.50\" (money.rs)."
);

/// Why a text is not an amount of money (the Chinese message says it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneyParseError(pub String);

impl fmt::Display for MoneyParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// From an integer number of fen.
    pub fn from_fen(fen: i64) -> Money {
        Money(Decimal::new(fen, 2))
    }

    /// From whole yuan.
    pub fn from_yuan(yuan: i64) -> Money {
        Money::from_fen(yuan * 100)
    }

    /// The amount as integer fen (exact: the scale is always 2).
    pub fn to_fen(self) -> i64 {
        let mut d = self.0;
        d.rescale(2);
        // mantissa of a scale-2 decimal is the fen count; within MAX_FEN it fits i64
        d.mantissa() as i64
    }

    pub fn as_decimal(self) -> Decimal {
        self.0
    }

    /// From a decimal that must already be exact to the fen.
    pub fn from_decimal(d: Decimal) -> Result<Money, MoneyParseError> {
        let n = d.normalize();
        if n.scale() > 2 {
            return Err(MoneyParseError("金额最多保留两位小数（精确到分）".into()));
        }
        let mut d = d;
        d.rescale(2);
        if d.mantissa().abs() > MAX_FEN as i128 {
            return Err(MoneyParseError("金额超出允许范围".into()));
        }
        Ok(Money(d))
    }

    /// A decimal rounded to the fen, half away from zero (the way a cashier
    /// rounds). Used where a computation (e.g. quantity × average cost)
    /// produces more digits.
    pub fn round_from(d: Decimal) -> Money {
        let mut r = d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        r.rescale(2);
        Money(r)
    }

    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// Multiply by a whole quantity (e.g. unit price × pieces). `None` on overflow.
    pub fn times(self, qty: i64) -> Option<Money> {
        self.to_fen().checked_mul(qty).map(Money::from_fen)
    }

    /// `¥1,234.50`, `-¥12.00`: how money is shown on every screen and print.
    pub fn display_cny(self) -> String {
        let fen = self.to_fen();
        let neg = fen < 0;
        let abs = fen.unsigned_abs();
        let yuan = (abs / 100).to_string();
        let cents = abs % 100;
        let mut grouped = String::with_capacity(yuan.len() + yuan.len() / 3);
        for (i, ch) in yuan.chars().enumerate() {
            if i > 0 && (yuan.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        format!("{}¥{grouped}.{cents:02}", if neg { "-" } else { "" })
    }
}

impl FromStr for Money {
    type Err = MoneyParseError;

    /// Accepts `1234.5`, `1,234.50`, `¥1,234.50`, `￥12`, ` -3 `; refuses
    /// more than two decimals, exponents and anything that is not a number.
    fn from_str(s: &str) -> Result<Money, MoneyParseError> {
        let t = s.trim();
        if t.is_empty() {
            return Err(MoneyParseError("请填写金额".into()));
        }
        let (neg, rest) = match t.strip_prefix('-') {
            Some(r) => (true, r.trim_start()),
            None => (false, t),
        };
        let rest = rest
            .strip_prefix('¥')
            .or_else(|| rest.strip_prefix('￥'))
            .unwrap_or(rest)
            .trim_start();
        let plain: String = rest.chars().filter(|c| *c != ',' && *c != '，').collect();
        let valid = !plain.is_empty()
            && plain.chars().all(|c| c.is_ascii_digit() || c == '.')
            && plain.chars().filter(|c| *c == '.').count() <= 1
            && !plain.starts_with('.')
            && !plain.ends_with('.');
        if !valid {
            return Err(MoneyParseError(format!("「{t}」不是有效的金额")));
        }
        if let Some((_, frac)) = plain.split_once('.') {
            if frac.len() > 2 {
                return Err(MoneyParseError("金额最多保留两位小数（精确到分）".into()));
            }
        }
        if plain.split('.').next().map(str::len).unwrap_or(0) > 11 {
            return Err(MoneyParseError("金额超出允许范围".into()));
        }
        let d = Decimal::from_str(&plain).map_err(|_| MoneyParseError(format!("「{t}」不是有效的金额")))?;
        Money::from_decimal(if neg { -d } else { d })
    }
}

/// The IPC form: `1234.50` (always two decimals, no grouping, no symbol).
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = self.0;
        d.rescale(2);
        write!(f, "{d}")
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Money {
    /// Only a string is accepted: a JSON number would have passed through a
    /// float on the JavaScript side.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Money, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(|e: MoneyParseError| serde::de::Error::custom(e.0))
    }
}

impl ToSql for Money {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.to_fen()))
    }
}

impl FromSql for Money {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Money> {
        match value {
            ValueRef::Integer(fen) => Ok(Money::from_fen(fen)),
            _ => Err(FromSqlError::InvalidType),
        }
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        self.0 -= rhs.0;
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    fn m(s: &str) -> Money {
        s.parse().unwrap()
    }

    #[test]
    fn parses_the_forms_a_clerk_types() {
        assert_eq!(m("1234.5").to_fen(), 123450);
        assert_eq!(m("1,234.50").to_fen(), 123450);
        assert_eq!(m("¥1,234.50").to_fen(), 123450);
        assert_eq!(m("￥12").to_fen(), 1200);
        assert_eq!(m(" -3 ").to_fen(), -300);
        assert_eq!(m("0.01").to_fen(), 1);
        assert_eq!(m("99999999999.99").to_fen(), MAX_FEN);
    }

    #[test]
    fn refuses_what_is_not_money_with_a_chinese_reason() {
        for bad in [
            "",
            "abc",
            "1.234",
            "1e3",
            ".5",
            "5.",
            "1.2.3",
            "12元",
            "NaN",
            "100000000000",
        ] {
            let err = bad.parse::<Money>().unwrap_err();
            assert!(
                err.0.contains("金额"),
                "{bad:?} should be refused with a message about 金额, got {:?}",
                err.0
            );
        }
        assert_eq!(
            "1.234".parse::<Money>().unwrap_err().0,
            "金额最多保留两位小数（精确到分）"
        );
    }

    #[test]
    fn displays_as_yuan_with_grouping() {
        assert_eq!(Money::from_fen(123450).display_cny(), "¥1,234.50");
        assert_eq!(Money::from_fen(0).display_cny(), "¥0.00");
        assert_eq!(Money::from_fen(5).display_cny(), "¥0.05");
        assert_eq!(Money::from_fen(-1200).display_cny(), "-¥12.00");
        assert_eq!(Money::from_fen(100_000_000).display_cny(), "¥1,000,000.00");
        assert_eq!(Money::from_fen(12_345_678_901).display_cny(), "¥123,456,789.01");
    }

    #[test]
    fn ipc_form_is_a_two_decimal_string_and_round_trips() {
        let v = Money::from_fen(123450);
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(json, "\"1234.50\"");
        let back: Money = serde_json::from_str(&json).unwrap();
        assert_eq!(back, v);
        assert_eq!(serde_json::to_string(&Money::from_yuan(7)).unwrap(), "\"7.00\"");
        // a JSON number (a float on the JS side) is refused
        assert!(serde_json::from_str::<Money>("1234.5").is_err());
        assert!(serde_json::from_str::<Money>("\"1.005\"").is_err());
    }

    #[test]
    fn sqlite_stores_integer_fen_and_round_trips() {
        let c = Connection::open_in_memory().unwrap();
        c.execute("CREATE TABLE t (v INTEGER NOT NULL)", []).unwrap();
        for fen in [0, 1, 99, 123450, -1200, MAX_FEN] {
            c.execute("INSERT INTO t VALUES (?1)", [Money::from_fen(fen)]).unwrap();
        }
        let stored: Vec<(String, Money)> = c
            .prepare("SELECT typeof(v), v FROM t")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(stored.iter().all(|(ty, _)| ty == "integer"));
        let fens: Vec<i64> = stored.iter().map(|(_, v)| v.to_fen()).collect();
        assert_eq!(fens, vec![0, 1, 99, 123450, -1200, MAX_FEN]);
    }

    #[test]
    fn arithmetic_is_exact() {
        // 0.1 + 0.2 is exactly 0.3 here, unlike with floats
        assert_eq!(m("0.10") + m("0.20"), m("0.30"));
        let total: Money = ["19.99", "0.01", "1,000.00"].iter().map(|s| m(s)).sum();
        assert_eq!(total, m("1020.00"));
        assert_eq!(m("12.34") - m("20"), m("-7.66"));
        assert_eq!(-m("5"), m("-5"));
        assert_eq!(m("33.33").times(3), Some(m("99.99")));
        assert_eq!(Money::from_fen(i64::MAX).times(2), None);
        assert_eq!(Money::round_from(Decimal::new(10005, 3)), m("10.01"));
        assert_eq!(Money::round_from(Decimal::new(-10005, 3)), m("-10.01"));
        assert_eq!(Money::round_from(Decimal::new(10004, 3)), m("10.00"));
    }
}
