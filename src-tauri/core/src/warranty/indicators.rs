//! 三包指标：indicators 8–10 for any month.
//!
//! | # | figure | computed as |
//! |---|---|---|
//! | 8 | 三包配件金额 | 三包更换 issues dated in the month at book value (reversals netted), from the ledger's monthly totals |
//! | 9 | 三包费用率 | (8) ÷ the month's vehicle sales value (整车销售金额: confirmed, else the recorded vehicles' prices) × 100%; 无数据 without it |
//! | 10 | 三包旧件返厂金额 | book value of the old parts in return batches shipped in the month |

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::customers::sales;
use crate::dates::Month;
use crate::error::AppResult;
use crate::money::Money;
use crate::rate::Rate;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct WarrantyIndicators {
    pub month: String,
    /// 8 三包配件金额
    pub parts_value: Money,
    /// the month's 整车销售金额 as 9 uses it: confirmed, else the recorded
    /// vehicles' prices (None: neither)
    pub vehicle_sales: Option<Money>,
    /// the manager has confirmed the month's sales figures
    pub sales_confirmed: bool,
    /// 9 三包费用率
    pub cost_rate: Option<Rate>,
    /// 10 三包旧件返厂金额
    pub returned_value: Money,
    /// claims reported in the month, and settled in the month (amount)
    pub claims_reported: i64,
    pub settled_value: Money,
}

/// What the factory paid for 三包 work in the month (by settlement date):
/// the number of claims settled and the amount — the second line beside
/// indicator 19, which counts only what customers paid.
pub fn factory_paid(conn: &Connection, month: Month) -> AppResult<(i64, Money)> {
    Ok(conn.query_row(
        "SELECT count(*), coalesce(sum(settled_fen), 0) FROM warranty_claim WHERE settled_on BETWEEN ?1 AND ?2",
        params![month.first_day().to_string(), month.last_day().to_string()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

pub fn compute(conn: &Connection, month: Month) -> AppResult<WarrantyIndicators> {
    let m = month.iso();
    let (a, b) = (month.first_day().to_string(), month.last_day().to_string());
    let parts_value: Money = conn.query_row(
        "SELECT coalesce(-sum(value_fen), 0) FROM ledger_month WHERE month = ?1 AND kind = 'warranty'",
        [&m],
        |r| r.get(0),
    )?;
    let s = sales::get(conn, month)?;
    let cost_rate = s
        .amount_used
        .and_then(|v| Rate::ratio(parts_value.as_decimal(), v.as_decimal()));
    let returned_value: Money = conn.query_row(
        "SELECT coalesce(sum(l.value_fen), 0) FROM old_part_batch b JOIN warranty_claim_line l ON l.old_batch_id = b.id
         WHERE b.shipped_on BETWEEN ?1 AND ?2",
        params![a, b],
        |r| r.get(0),
    )?;
    let claims_reported: i64 = conn.query_row(
        "SELECT count(*) FROM warranty_claim WHERE reported_on BETWEEN ?1 AND ?2",
        params![a, b],
        |r| r.get(0),
    )?;
    let settled_value: Money = conn.query_row(
        "SELECT coalesce(sum(settled_fen), 0) FROM warranty_claim WHERE settled_on BETWEEN ?1 AND ?2",
        params![a, b],
        |r| r.get(0),
    )?;
    Ok(WarrantyIndicators {
        month: m,
        parts_value,
        vehicle_sales: s.amount_used,
        sales_confirmed: s.confirmed(),
        cost_rate,
        returned_value,
        claims_reported,
        settled_value,
    })
}
