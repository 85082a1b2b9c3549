//! 点检：periodic inspections of the vehicles this shop sold. The shop's
//! rule (default: a month after the sale, then every 3 months within the
//! first year) gives each vehicle its due dates; a recorded inspection
//! closes the due date it answers — the latest open one on or before the
//! inspection date plus 15 days (an inspection up to 15 days early counts).
//! Indicator 20 = of the inspections due in a month, the share done by its
//! last day.

use std::collections::HashMap;

use chrono::{Duration, Months, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::rules::{self, INSPECTION_EARLY_DAYS};
use super::vehicle;
use crate::dates::Month;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::Fields;
use crate::store::Store;

/// One inspection due in a month, and whether it was done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DueInspection {
    pub vehicle_id: i64,
    pub vin: String,
    pub model: String,
    pub customer_id: i64,
    pub customer_name: String,
    pub mobile: String,
    pub sale_date: String,
    /// the n-th inspection after the sale (1-based)
    pub seq: usize,
    pub due_on: String,
    /// done on (counts for the month when on or before its last day)
    pub inspected_on: Option<String>,
}

/// The due dates in `month`: (vehicle, sale date, n-th inspection, due
/// date), from the sales of the months the rule points back to (adding k
/// months to any day of month M−k lands in month M). Reads only the sale
/// date index.
fn due_dates(conn: &Connection, month: Month) -> AppResult<Vec<(i64, NaiveDate, usize, NaiveDate)>> {
    let r = rules::load(conn)?;
    let mut out = Vec::new();
    let mut st =
        conn.prepare_cached("SELECT id, sale_date FROM vehicle WHERE sold_here = 1 AND sale_date BETWEEN ?1 AND ?2")?;
    for (seq, k) in r.inspection_months().into_iter().enumerate() {
        let Some(first) = month.first_day().checked_sub_months(Months::new(k)) else {
            continue;
        };
        let sold = Month::of(first);
        let rows = st.query_map(
            params![sold.first_day().to_string(), sold.last_day().to_string()],
            |x| Ok((x.get::<_, i64>(0)?, x.get::<_, String>(1)?)),
        )?;
        for row in rows {
            let (vid, sale) = row?;
            let Ok(s) = NaiveDate::parse_from_str(&sale, "%Y-%m-%d") else {
                continue;
            };
            if let Some(due) = s.checked_add_months(Months::new(k)) {
                out.push((vid, s, seq + 1, due));
            }
        }
    }
    Ok(out)
}

/// The month's closing inspections: (vehicle, due date) → inspected on.
fn closed_in(conn: &Connection, month: Month) -> AppResult<HashMap<(i64, String), String>> {
    let mut done = HashMap::new();
    let mut st = conn.prepare_cached(
        "SELECT vehicle_id, due_on, inspected_on FROM inspection INDEXED BY inspection_due_on
         WHERE due_on BETWEEN ?1 AND ?2",
    )?;
    let rows = st.query_map(
        params![month.first_day().to_string(), month.last_day().to_string()],
        |x| Ok((x.get::<_, i64>(0)?, x.get::<_, String>(1)?, x.get::<_, String>(2)?)),
    )?;
    for row in rows {
        let (v, d, on) = row?;
        done.insert((v, d), on);
    }
    Ok(done)
}

/// Indicator 20's counts: (inspections due in the month, done by its last day).
pub fn due_counts(conn: &Connection, month: Month) -> AppResult<(i64, i64)> {
    due_counts_until(conn, month, month.last_day())
}

/// [`due_counts`] as of `until` (本月至今): only the inspections that have
/// fallen due by that day, and those done by it. A day past the month's
/// end counts the whole month.
pub fn due_counts_until(conn: &Connection, month: Month, until: NaiveDate) -> AppResult<(i64, i64)> {
    let until = until.min(month.last_day());
    let dues: Vec<_> = due_dates(conn, month)?
        .into_iter()
        .filter(|(_, _, _, due)| *due <= until)
        .collect();
    let done = closed_in(conn, month)?;
    let last = until.to_string();
    let n_done = dues
        .iter()
        .filter(|(v, _, _, d)| done.get(&(*v, d.to_string())).is_some_and(|on| *on <= last))
        .count();
    Ok((dues.len() as i64, n_done as i64))
}

/// The inspections due in `month` with the date each was done, if it was.
pub fn due_in(conn: &Connection, month: Month) -> AppResult<Vec<DueInspection>> {
    let mut done = closed_in(conn, month)?;
    let mut vst = conn.prepare_cached(
        "SELECT v.vin, v.model, c.id, c.name, c.mobile FROM vehicle v JOIN customer c ON c.id = v.customer_id
         WHERE v.id = ?1",
    )?;
    let mut out = Vec::new();
    for (vid, sale, seq, due) in due_dates(conn, month)? {
        let (vin, model, cid, name, mobile) = vst.query_row([vid], |x| {
            Ok((
                x.get::<_, String>(0)?,
                x.get::<_, String>(1)?,
                x.get::<_, i64>(2)?,
                x.get::<_, String>(3)?,
                x.get::<_, String>(4)?,
            ))
        })?;
        out.push(DueInspection {
            vehicle_id: vid,
            vin,
            model,
            customer_id: cid,
            customer_name: name,
            mobile,
            sale_date: sale.to_string(),
            seq,
            due_on: due.to_string(),
            inspected_on: done.remove(&(vid, due.to_string())),
        });
    }
    out.sort_by(|a, b| a.due_on.cmp(&b.due_on).then(a.vehicle_id.cmp(&b.vehicle_id)));
    Ok(out)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Inspection {
    pub id: i64,
    pub vehicle_id: i64,
    pub vin: String,
    pub customer_name: String,
    pub due_on: Option<String>,
    pub inspected_on: String,
    pub mileage: Option<i64>,
    pub technician: String,
    pub findings: String,
}

const COLUMNS: &str =
    "i.id, i.vehicle_id, v.vin, c.name, i.due_on, i.inspected_on, i.mileage, i.technician, i.findings";
const FROM: &str = "inspection i JOIN vehicle v ON v.id = i.vehicle_id JOIN customer c ON c.id = v.customer_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Inspection> {
    Ok(Inspection {
        id: r.get(0)?,
        vehicle_id: r.get(1)?,
        vin: r.get(2)?,
        customer_name: r.get(3)?,
        due_on: r.get(4)?,
        inspected_on: r.get(5)?,
        mileage: r.get(6)?,
        technician: r.get(7)?,
        findings: r.get(8)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> AppResult<Inspection> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM {FROM} WHERE i.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| AppError::not_found("找不到该点检记录"))
}

/// A vehicle's inspections, or a month's, newest first.
pub fn list(conn: &Connection, month: Option<Month>, customer_id: Option<i64>) -> AppResult<Vec<Inspection>> {
    let (a, b) = month.map_or((String::new(), "9999".to_string()), |m| {
        (m.first_day().to_string(), m.last_day().to_string())
    });
    let mut st = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE i.inspected_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR v.customer_id = ?3)
         ORDER BY i.inspected_on DESC, i.id DESC LIMIT 1000"
    ))?;
    let rows = st
        .query_map(params![a, b, customer_id], from_row)?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct InspectionInput {
    pub vehicle_id: Option<i64>,
    /// empty = today
    pub inspected_on: String,
    pub mileage: String,
    pub technician: String,
    pub findings: String,
}

/// Records an inspection; it closes the due date it answers (if any).
pub fn record(store: &mut Store, input: &InspectionInput, today: NaiveDate) -> AppResult<Inspection> {
    let tx = store.conn_mut().transaction()?;
    let id = record_in(&tx, input, today)?;
    tx.commit()?;
    get(store.conn(), id)
}

pub fn record_in(tx: &Connection, input: &InspectionInput, today: NaiveDate) -> AppResult<i64> {
    let mut f = Fields::new();
    let v = match input.vehicle_id {
        Some(id) => vehicle::get(tx, id).ok(),
        None => None,
    };
    if v.is_none() {
        f.bad("vehicleId", "请选择车辆");
    }
    let on = if input.inspected_on.trim().is_empty() {
        Some(today)
    } else {
        f.required_date("inspectedOn", "点检日期", &input.inspected_on, today)
    };
    let mileage = f.count("mileage", "里程", &input.mileage, 2_000_000);
    let technician = f.text("technician", "点检技师", &input.technician, 20, true);
    let findings = f.text("findings", "点检结果", &input.findings, 500, false);
    let mut due_on = None;
    if let (Some(v), Some(on)) = (&v, on) {
        let sale = v
            .sale_date
            .as_deref()
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
        if let Some(s) = sale {
            if on < s {
                f.bad("inspectedOn", format!("点检日期早于销售日期（{s}）"));
            }
            if v.sold_here {
                let r = rules::load(tx)?;
                let closed: Vec<String> = tx
                    .prepare("SELECT due_on FROM inspection WHERE vehicle_id = ?1 AND due_on IS NOT NULL")?
                    .query_map([v.id], |x| x.get(0))?
                    .collect::<Result<_, _>>()?;
                due_on = r
                    .inspection_dues(s)
                    .into_iter()
                    .rfind(|d| *d - Duration::days(INSPECTION_EARLY_DAYS) <= on && !closed.contains(&d.to_string()));
            }
        }
        if let (Some(m), Some((lm, lon))) = (mileage, vehicle::last_mileage(tx, v.id)?) {
            if m < lm {
                f.bad(
                    "mileage",
                    format!("里程 {m} 公里低于该车 {lon} 记录的 {lm} 公里，请核对里程表"),
                );
            }
        }
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    tx.execute(
        "INSERT INTO inspection (vehicle_id, due_on, inspected_on, mileage, technician, findings, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            input.vehicle_id,
            due_on.map(|d| d.to_string()),
            on.expect("checked").to_string(),
            mileage,
            technician,
            findings,
            crate::dates::stamp()
        ],
    )?;
    Ok(tx.last_insert_rowid())
}
