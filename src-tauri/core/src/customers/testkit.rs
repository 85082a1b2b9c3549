//! Test helpers for the customer and repair tests: a shop with a few parts
//! in stock, valid VINs, sales and repair orders with sensible defaults.

use chrono::{NaiveDate, NaiveDateTime};

use super::customer::CustomerInput;
use super::vehicle::{self, VehicleInput};
use super::vin::with_check_digit;
use crate::parts::catalog;
use crate::parts::ledger::post_on;
use crate::parts::testkit::{mv, part};
use crate::store::Store;

pub use crate::parts::testkit::day;

/// `2026-11-26 09:30` as a date-time.
pub fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

/// The n-th valid VIN of the test shop (check digit computed).
pub fn vin(n: u32) -> String {
    with_check_digit(&format!("LBPKE1300{n:08}"))
}

/// A shop with 机油 (OIL-1, 20 in stock) and 火花塞 (SP-1, 10 in stock).
pub fn shop() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    catalog::create(
        s.conn(),
        &catalog::PartInput {
            is_engine_oil: true,
            ..part("OIL-1", "机油 1L")
        },
    )
    .unwrap();
    catalog::create(s.conn(), &part("SP-1", "火花塞")).unwrap();
    let t = day("2026-11-26");
    post_on(&mut s, &mv("OIL-1", "receipt", "20", "2025-01-02"), t).unwrap();
    post_on(&mut s, &mv("SP-1", "receipt", "10", "2025-01-02"), t).unwrap();
    s
}

/// A sale to a new customer; returns the vehicle id.
pub fn sell(s: &mut Store, name: &str, mobile: &str, n: u32, date: &str) -> i64 {
    vehicle::create(
        s,
        &VehicleInput {
            customer: CustomerInput {
                name: name.into(),
                mobile: mobile.into(),
                ..Default::default()
            },
            vin: vin(n),
            model: "CG125".into(),
            sold_here: true,
            sale_date: date.into(),
            sale_price: "6800".into(),
            ..Default::default()
        },
        day("2026-11-26"),
    )
    .unwrap()
    .id
}

#[allow(dead_code)]
pub fn date(s: &str) -> NaiveDate {
    day(s)
}
