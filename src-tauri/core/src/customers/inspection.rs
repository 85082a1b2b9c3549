//! 点检：periodic inspections of the vehicles this shop sold. The schedule
//! in force when a vehicle was sold (default: a month after the sale, then
//! every 3 months within the first year; `rules::schedule_at`) gives it its
//! due dates; a recorded inspection closes the due date it answers — the
//! latest open one on or before the inspection date plus 15 days (an
//! inspection up to 15 days early counts, a late one counts for the due
//! date it answers). A completed 保养 repair order closes the due date it
//! falls on the same way ([`close_by_service`]), so the desk does not record
//! the vehicle twice. Indicator 20 = of the inspections due in a month, the
//! share done by its last day.

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
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
    /// 销售网点: the outlet that sold the vehicle (None: the shop)
    pub dealer_name: Option<String>,
}

/// The due dates in `month`: (vehicle, sale date, n-th inspection, due
/// date), from the sales of the months the rule points back to (adding k
/// months to any day of month M−k lands in month M). Reads only the sale
/// date index.
fn due_dates(conn: &Connection, month: Month) -> AppResult<Vec<(i64, NaiveDate, usize, NaiveDate)>> {
    let schedules = rules::schedules(conn)?;
    // every month-after-sale any schedule has an inspection at
    let mut ks: Vec<u32> = schedules.iter().flat_map(|s| s.months()).collect();
    ks.sort_unstable();
    ks.dedup();
    let mut out = Vec::new();
    let mut st =
        conn.prepare_cached("SELECT id, sale_date FROM vehicle WHERE sold_here = 1 AND sale_date BETWEEN ?1 AND ?2")?;
    for k in ks {
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
            // the schedule in force at the sale: is month k one of its?
            let Some(seq) = rules::schedule_at(&schedules, s).months().iter().position(|m| *m == k) else {
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
        "SELECT v.vin, v.model, c.id, c.name, c.mobile, (SELECT name FROM dealer WHERE id = v.dealer_id)
         FROM vehicle v JOIN customer c ON c.id = v.customer_id WHERE v.id = ?1",
    )?;
    let mut out = Vec::new();
    for (vid, sale, seq, due) in due_dates(conn, month)? {
        let (vin, model, cid, name, mobile, dealer_name) = vst.query_row([vid], |x| {
            Ok((
                x.get::<_, String>(0)?,
                x.get::<_, String>(1)?,
                x.get::<_, i64>(2)?,
                x.get::<_, String>(3)?,
                x.get::<_, String>(4)?,
                x.get::<_, Option<String>>(5)?,
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
            dealer_name,
        });
    }
    out.sort_by(|a, b| a.due_on.cmp(&b.due_on).then(a.vehicle_id.cmp(&b.vehicle_id)));
    Ok(out)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
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

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct InspectionInput {
    pub vehicle_id: Option<i64>,
    /// empty = today
    pub inspected_on: String,
    pub mileage: String,
    pub technician: String,
    pub findings: String,
}

/// The open due date an inspection on `on` answers, for a vehicle sold here
/// on `sale`: the latest one not yet closed, on or before `on` + 15 days.
fn open_due(tx: &Connection, vehicle_id: i64, sale: NaiveDate, on: NaiveDate) -> AppResult<Option<NaiveDate>> {
    let schedules = rules::schedules(tx)?;
    let closed: Vec<String> = tx
        .prepare_cached("SELECT due_on FROM inspection WHERE vehicle_id = ?1 AND due_on IS NOT NULL")?
        .query_map([vehicle_id], |x| x.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(rules::schedule_at(&schedules, sale)
        .dues(sale)
        .into_iter()
        .rfind(|d| *d - Duration::days(INSPECTION_EARLY_DAYS) <= on && !closed.contains(&d.to_string())))
}

/// A 保养 repair order completed on `on` closes the inspection due it
/// answers (the same rule as a recorded inspection): an inspection record
/// is written for it, naming the order. Nothing when the vehicle was not
/// sold here or has no open due date then. Returns the record's id.
pub fn close_by_service(
    tx: &Connection,
    vehicle_id: i64,
    on: NaiveDate,
    mileage: Option<i64>,
    technician: &str,
    order_no: &str,
) -> AppResult<Option<i64>> {
    let v = vehicle::get(tx, vehicle_id)?;
    let Some(sale) = v
        .sale_date
        .as_deref()
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .filter(|s| v.sold_here && *s <= on)
    else {
        return Ok(None);
    };
    let Some(due) = open_due(tx, vehicle_id, sale, on)? else {
        return Ok(None);
    };
    tx.execute(
        "INSERT INTO inspection (vehicle_id, due_on, inspected_on, mileage, technician, findings, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            vehicle_id,
            due.to_string(),
            on.to_string(),
            mileage,
            technician,
            format!("保养时点检（维修单 {order_no}）"),
            crate::dates::stamp()
        ],
    )?;
    Ok(Some(tx.last_insert_rowid()))
}

/// Records an inspection; it closes the due date it answers (if any).
pub fn record(store: &mut Store, input: &InspectionInput, today: NaiveDate) -> AppResult<Inspection> {
    let id = store.write(|tx| record_in(tx, input, today))?;
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
                due_on = open_due(tx, v.id, s, on)?;
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

/// The month's inspections due, done or not, as the 点检 list shows them,
/// as .xlsx; returns how many.
pub fn export_month(conn: &Connection, month: Month, path: &std::path::Path) -> AppResult<usize> {
    const COLUMNS: &[(&str, u16)] = &[
        ("应点检日期", 12),
        ("第几次", 7),
        ("客户", 10),
        ("手机", 13),
        ("车型", 14),
        ("车架号", 20),
        ("销售网点", 16),
        ("购车日期", 12),
        ("点检日期", 12),
    ];
    let rows: Vec<Vec<String>> = due_in(conn, month)?
        .into_iter()
        .map(|d| {
            vec![
                d.due_on,
                d.seq.to_string(),
                d.customer_name,
                d.mobile,
                d.model,
                d.vin,
                d.dealer_name.unwrap_or_default(),
                d.sale_date,
                d.inspected_on.unwrap_or_default(),
            ]
        })
        .collect();
    crate::sheet::write_table(path, &format!("点检{}", month.iso()), COLUMNS, &rows)?;
    Ok(rows.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::repair::{self, CompleteInput, RepairInput};
    use crate::customers::rules::{ServiceRules, ServiceRulesInput};
    use crate::customers::testkit::{at, day, sell, shop};

    fn month(m: &str) -> Month {
        Month::parse(m).unwrap()
    }

    /// Hand-worked. V1 sold 2026-03-10 under the default schedule (months
    /// 1, 4, 7, 10): due 04-10, 07-10, 10-10, 2027-01-10. On 05-01 the rule
    /// becomes "first at 2 months, every 6, within 12" (months 2, 8): V2 sold
    /// 06-10 is due 08-10 and 2027-02-10; V1 keeps its schedule.
    /// July: V1's 07-10, closed by a 保养 finished 07-05 (5 days early) → 1/1.
    /// August: V2's 08-10, inspected late on 08-28, still in August → 1/1.
    /// October: V1's 10-10 not done → 0/1.
    #[test]
    fn the_months_inspections_are_exported_as_listed() {
        let mut s = shop();
        let t = day("2026-11-26");
        let v = sell(&mut s, "王小明", "13800138000", 1, "2026-10-20");
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("i.xlsx");
        let cell = |h: &str| {
            let tb = crate::sheet::read_table(&p, 1 << 20).unwrap();
            tb.rows[0].1.get(tb.col(h).unwrap()).cloned().unwrap_or_default()
        };
        // due a month after the sale, not done yet; then done
        assert_eq!(export_month(s.conn(), month("2026-11"), &p).unwrap(), 1);
        assert_eq!(
            (cell("应点检日期"), cell("第几次"), cell("点检日期")),
            ("2026-11-20".into(), "1".into(), String::new())
        );
        record(
            &mut s,
            &InspectionInput {
                vehicle_id: Some(v),
                inspected_on: "2026-11-21".into(),
                mileage: "600".into(),
                technician: "张师傅".into(),
                findings: "正常".into(),
            },
            t,
        )
        .unwrap();
        export_month(s.conn(), month("2026-11"), &p).unwrap();
        assert_eq!((cell("客户"), cell("点检日期")), ("王小明".into(), "2026-11-21".into()));
    }

    #[test]
    fn the_schedule_at_sale_holds_and_a_service_closes_the_inspection() {
        let mut s = shop();
        let v1 = sell(&mut s, "张三", "13800000001", 1, "2026-03-10");
        let changed = ServiceRules {
            inspection_first_months: 2,
            inspection_interval_months: 6,
            inspection_span_months: 12,
            ..ServiceRules::default()
        };
        rules::save(&mut s, &ServiceRulesInput::from(&changed), day("2026-05-01")).unwrap();
        let v2 = sell(&mut s, "李四", "13800000002", 2, "2026-06-10");
        let dues = |s: &Store, m: &str| -> Vec<(i64, usize, String, Option<String>)> {
            due_in(s.conn(), month(m))
                .unwrap()
                .into_iter()
                .map(|d| (d.vehicle_id, d.seq, d.due_on, d.inspected_on))
                .collect()
        };
        assert_eq!(dues(&s, "2026-07"), vec![(v1, 2, "2026-07-10".to_string(), None)]);
        assert_eq!(dues(&s, "2026-08"), vec![(v2, 1, "2026-08-10".to_string(), None)]);
        assert_eq!(dues(&s, "2027-02"), vec![(v2, 2, "2027-02-10".to_string(), None)]);
        // under the old rule V2 would have been due in July and October
        assert!(dues(&s, "2026-10").iter().all(|d| d.0 == v1));
        // a 保养 finished five days before the due date is the inspection
        let o = repair::create(
            &mut s,
            &RepairInput {
                vehicle_id: Some(v1),
                kind: "maintenance".into(),
                received_at: "2026-07-05 09:00".into(),
                technician: "刘师傅".into(),
                mileage: "3200".into(),
                complaint: "保养".into(),
                ..Default::default()
            },
            at("2026-07-05 09:00"),
        )
        .unwrap();
        repair::complete(
            &mut s,
            o.id,
            &CompleteInput {
                done_at: "2026-07-05 10:00".into(),
                technician: "刘师傅".into(),
                work_done: "更换机油".into(),
                labour: "30".into(),
            },
            at("2026-07-05 10:00"),
        )
        .unwrap();
        assert_eq!(dues(&s, "2026-07")[0].3.as_deref(), Some("2026-07-05"));
        let rec = list(s.conn(), Some(month("2026-07")), None).unwrap();
        assert_eq!(rec.len(), 1);
        assert_eq!(rec[0].findings, format!("保养时点检（维修单 {}）", o.order_no));
        assert_eq!((rec[0].mileage, rec[0].technician.as_str()), (Some(3200), "刘师傅"));
        assert_eq!(due_counts(s.conn(), month("2026-07")).unwrap(), (1, 1));
        // an inspection done late in its due month counts
        record(
            &mut s,
            &InspectionInput {
                vehicle_id: Some(v2),
                inspected_on: "2026-08-28".into(),
                mileage: "900".into(),
                technician: "王师傅".into(),
                findings: "正常".into(),
            },
            day("2026-11-26"),
        )
        .unwrap();
        assert_eq!(due_counts(s.conn(), month("2026-08")).unwrap(), (1, 1));
        assert_eq!(due_counts(s.conn(), month("2026-10")).unwrap(), (1, 0));
        // a repair that is not a 保养 closes nothing
        let o = repair::create(
            &mut s,
            &RepairInput {
                vehicle_id: Some(v1),
                kind: "repair".into(),
                received_at: "2026-10-08 09:00".into(),
                technician: "刘师傅".into(),
                complaint: "刹车异响".into(),
                ..Default::default()
            },
            at("2026-10-08 09:00"),
        )
        .unwrap();
        repair::complete(
            &mut s,
            o.id,
            &CompleteInput {
                done_at: "2026-10-08 11:00".into(),
                technician: "刘师傅".into(),
                work_done: "更换刹车片".into(),
                labour: "20".into(),
            },
            at("2026-10-08 11:00"),
        )
        .unwrap();
        assert_eq!(due_counts(s.conn(), month("2026-10")).unwrap(), (1, 0));
        // saving the same rule again adds no schedule; the history is kept
        rules::save(&mut s, &ServiceRulesInput::from(&changed), day("2026-11-26")).unwrap();
        let all = rules::schedules(s.conn()).unwrap();
        assert_eq!(
            all.iter()
                .map(|x| (x.from_date.as_str(), x.first_months))
                .collect::<Vec<_>>(),
            vec![("0001-01-01", 1), ("2026-05-01", 2)]
        );
    }
}
