//! Test helpers shared by the parts tests: dates, catalogue entries and
//! movements with sensible defaults, so each test states only what matters.

use chrono::NaiveDate;

use super::catalog::PartInput;
use super::ledger::MovementInput;

/// `2026-11-26` as a date.
pub fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// An active part costing ¥10.00, sold at ¥15.00.
pub fn part(no: &str, name: &str) -> PartInput {
    PartInput {
        part_no: no.into(),
        name: name.into(),
        cost_price: "10".into(),
        retail_price: "15".into(),
        active: true,
        ..Default::default()
    }
}

/// A movement by the storekeeper, at the part's default cost and cash.
pub fn mv(no: &str, kind: &str, qty: &str, date: &str) -> MovementInput {
    MovementInput {
        part_no: no.into(),
        kind: kind.into(),
        qty: qty.into(),
        date: date.into(),
        operator: "库管".into(),
        ..Default::default()
    }
}

/// Registers outlets (服务网络) by name, so orders can name them.
pub fn outlets(conn: &rusqlite::Connection, names: &[&str]) {
    for n in names {
        crate::network::outlet::save_in(
            conn,
            None,
            &crate::network::outlet::OutletInput {
                name: (*n).into(),
                authorised_on: "2024-01-01".into(),
                ..Default::default()
            },
            day("2026-01-01"),
        )
        .unwrap();
    }
}
