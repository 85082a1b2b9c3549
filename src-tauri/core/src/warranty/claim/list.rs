//! The claims list and its export (one joined query).

use super::*;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::AppResult;
use crate::money::Money;
use crate::store::query::Filter;

/// The desk's to-do (工作台): claims waiting on the factory (已提交, or
/// 已批准 and not yet settled) and claims still being entered (录入, 退回修改).
pub fn todo_counts(conn: &Connection) -> AppResult<(i64, i64)> {
    Ok(conn.query_row(
        // two counts on the status index, not a scan of every claim
        "SELECT (SELECT count(*) FROM warranty_claim WHERE status IN ('submitted', 'approved')),
                (SELECT count(*) FROM warranty_claim WHERE status IN ('draft', 'returned'))",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// One line of the claims list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ClaimRow {
    pub id: i64,
    pub claim_no: String,
    pub vin: String,
    pub customer_name: String,
    pub main_part_name: String,
    pub reported_on: String,
    #[ts(as = "StatusCode")]
    pub status: String,
    pub status_label: &'static str,
    pub total: Money,
    pub settled: Option<Money>,
    pub submitted_on: Option<String>,
    /// days since submitted while not settled (unpaid age)
    pub unpaid_days: Option<i64>,
    /// 报修网点 (None: the shop's own)
    pub dealer_name: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct ClaimQuery {
    /// a status code, `open` (not settled or rejected), `unpaid` (submitted or approved), or empty for all
    pub status: String,
    /// claim number, VIN tail or customer
    pub q: String,
    /// YYYY-MM of the report date
    pub month: String,
    /// one vehicle's claims
    pub vehicle_id: Option<i64>,
    /// only claims not yet part of a repair order (to link one to a 三包 order;
    /// an outlet's claims are never the shop's orders')
    pub unlinked: bool,
    /// one outlet's claims (报修网点)
    pub dealer_id: Option<i64>,
}

/// The claims list: the newest 500 the query finds (the export has them all).
pub fn list(conn: &Connection, q: &ClaimQuery, today: NaiveDate) -> AppResult<Vec<ClaimRow>> {
    rows(conn, q, today, 500)
}

/// The claims list's columns as exported.
pub const EXPORT_COLUMNS: &[(&str, u16)] = &[
    ("索赔单号", 16),
    ("报修日期", 12),
    ("客户", 10),
    ("车架号", 20),
    ("主损件", 16),
    ("报修网点", 16),
    ("状态", 8),
    ("索赔金额", 10),
    ("结算金额", 10),
    ("提交日期", 12),
    ("未结天数", 8),
];

/// Writes every claim the query finds (no cap) as .xlsx, as the list shows
/// them; returns how many.
pub fn export(conn: &Connection, q: &ClaimQuery, today: NaiveDate, path: &std::path::Path) -> AppResult<usize> {
    let rows: Vec<Vec<String>> = rows(conn, q, today, i64::MAX)?
        .into_iter()
        .map(|r| {
            vec![
                r.claim_no,
                r.reported_on,
                r.customer_name,
                r.vin,
                r.main_part_name,
                r.dealer_name.unwrap_or_default(),
                r.status_label.to_string(),
                r.total.to_string(),
                r.settled.map(|m| m.to_string()).unwrap_or_default(),
                r.submitted_on.unwrap_or_default(),
                r.unpaid_days.map(|d| d.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    crate::sheet::write_table(path, "索赔单", EXPORT_COLUMNS, &rows)?;
    Ok(rows.len())
}

fn rows(conn: &Connection, q: &ClaimQuery, today: NaiveDate, limit: i64) -> AppResult<Vec<ClaimRow>> {
    let mut f = Filter::new();
    match q.status.as_str() {
        "" => {}
        "open" => f.and("w.status IN ('draft', 'submitted', 'approved', 'returned')"),
        "unpaid" => f.and("w.status IN ('submitted', 'approved')"),
        s => {
            let a = f.arg(s.to_string());
            f.and(format!("w.status = {a}"));
        }
    }
    if !q.q.trim().is_empty() {
        let like = f.contains(q.q.trim());
        let tail = f.ends_with(&q.q.trim().to_uppercase());
        f.and(format!(
            "(w.claim_no LIKE {like} ESCAPE '\\' OR c.name LIKE {like} ESCAPE '\\' OR v.vin LIKE {tail} ESCAPE '\\')"
        ));
    }
    if !q.month.trim().is_empty() {
        let m = crate::dates::Month::parse(&q.month)?;
        let a = f.arg(m.first_day().to_string());
        let b = f.arg(m.last_day().to_string());
        f.and(format!("w.reported_on BETWEEN {a} AND {b}"));
    }
    if let Some(v) = q.vehicle_id {
        let v = f.arg(v);
        f.and(format!("w.vehicle_id = {v}"));
    }
    if q.unlinked {
        f.and("w.repair_order_id IS NULL AND w.dealer_id IS NULL");
    }
    if let Some(d) = q.dealer_id {
        let d = f.arg(d);
        f.and(format!("w.dealer_id = {d}"));
    }
    let where_sql = f.sql();
    let mut st = conn.prepare(&format!(
        "SELECT w.id FROM warranty_claim w JOIN vehicle v ON v.id = w.vehicle_id JOIN customer c ON c.id = w.customer_id
         {where_sql} ORDER BY w.reported_on DESC, w.id DESC LIMIT {limit}"
    ))?;
    let ids: Vec<i64> = st.query_map(f.params(), |r| r.get(0))?.collect::<Result<_, _>>()?;
    ids.into_iter()
        .map(|id| {
            let c = get(conn, id)?;
            let unpaid_days = match (c.status.as_str(), &c.submitted_on) {
                ("submitted" | "approved", Some(s)) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .ok()
                    .map(|d| (today - d).num_days()),
                _ => None,
            };
            Ok(ClaimRow {
                id: c.id,
                claim_no: c.claim_no,
                vin: c.vin,
                customer_name: c.customer_name,
                main_part_name: if c.claim_type == "first_service" {
                    "首保".to_string()
                } else {
                    c.main_part_name
                },
                reported_on: c.reported_on,
                status_label: c.status_label,
                status: c.status,
                total: c.total,
                settled: c.settled,
                submitted_on: c.submitted_on,
                unpaid_days,
                dealer_name: c.dealer_name,
            })
        })
        .collect()
}
