//! 整车销售：the month's vehicle sales (units and amount). The sales side
//! owns these figures, so the manager confirms them; the form is offered
//! the vehicles this shop recorded as sold that month. They are the
//! denominators of the filing rate (12) and the warranty cost rate (9):
//! the confirmed figures when there are any, else what the recorded
//! vehicles add up to (shown as 未确认), and 无数据 only when nothing is
//! recorded and nothing confirmed — or, for the amount, when a recorded
//! vehicle has no sale price, so the sum would understate the sales.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::dates::Month;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::Fields;
use crate::money::Money;
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SalesMonth {
    /// YYYY-MM
    pub month: String,
    /// entered 整车销售数量 (None: not entered)
    pub units: Option<i64>,
    /// entered 整车销售金额
    pub amount: Option<Money>,
    /// vehicles recorded as sold here in the month
    pub recorded_units: i64,
    /// their sale prices, summed (vehicles without a price add nothing)
    pub recorded_amount: Money,
    /// recorded vehicles without a sale price
    pub recorded_without_price: i64,
    /// the 整车销售数量 the rates use: entered, else recorded (None: neither)
    pub units_used: Option<i64>,
    /// the 整车销售金额 the rates use: entered, else the recorded prices'
    /// sum when every recorded vehicle has one (None: neither)
    pub amount_used: Option<Money>,
}

impl SalesMonth {
    /// The manager has confirmed (entered) the month's figures.
    pub fn confirmed(&self) -> bool {
        self.units.is_some()
    }
}

pub fn get(conn: &Connection, month: Month) -> AppResult<SalesMonth> {
    let entered: Option<(i64, Money)> = conn
        .query_row(
            "SELECT units, amount_fen FROM vehicle_sales_month WHERE month = ?1",
            [month.iso()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (recorded_units, recorded_amount, recorded_without_price): (i64, Money, i64) = conn.query_row(
        "SELECT count(*), coalesce(sum(sale_price_fen), 0), count(*) - count(sale_price_fen) FROM vehicle
         WHERE sold_here = 1 AND sale_date BETWEEN ?1 AND ?2",
        params![month.first_day().to_string(), month.last_day().to_string()],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let (units, amount) = (entered.map(|e| e.0), entered.map(|e| e.1));
    let recorded = recorded_units > 0;
    Ok(SalesMonth {
        month: month.iso(),
        units,
        amount,
        recorded_units,
        recorded_amount,
        recorded_without_price,
        units_used: units.or(recorded.then_some(recorded_units)),
        amount_used: amount.or((recorded && recorded_without_price == 0).then_some(recorded_amount)),
    })
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct SalesInput {
    pub month: String,
    pub units: String,
    pub amount: String,
}

/// Enters (or corrects) a month's figures. Both are required; a month in
/// the future is refused.
pub fn set(store: &mut Store, input: &SalesInput, today: chrono::NaiveDate) -> AppResult<SalesMonth> {
    let m = set_in(store.conn(), input, today)?;
    get(store.conn(), m)
}

/// [`set`] inside the caller's transaction (the data-exchange workbook).
pub fn set_in(conn: &Connection, input: &SalesInput, today: chrono::NaiveDate) -> AppResult<Month> {
    let mut f = Fields::new();
    let month = match Month::parse(&input.month) {
        Ok(m) if m > Month::of(today) => {
            f.bad("month", "不能录入未来月份的销售数据");
            None
        }
        Ok(m) => Some(m),
        Err(e) => {
            f.bad("month", e.message);
            None
        }
    };
    let units = f.count("units", "整车销售数量", &input.units, 1_000_000);
    if units.is_none() && !f.has("units") {
        f.bad("units", "请填写整车销售数量");
    }
    let amount = f.money("amount", "整车销售金额", &input.amount);
    if amount.is_none() && !f.has("amount") {
        f.bad("amount", "请填写整车销售金额");
    }
    if let (Some(u), Some(a)) = (units, amount) {
        if u == 0 && !a.is_zero() {
            f.bad("amount", "销售数量为 0 时金额应为 0");
        }
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    let m = month.expect("checked");
    conn.execute(
        "INSERT INTO vehicle_sales_month (month, units, amount_fen, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (month) DO UPDATE SET units = ?2, amount_fen = ?3, updated_at = ?4",
        params![m.iso(), units, amount, crate::dates::stamp()],
    )?;
    Ok(m)
}
