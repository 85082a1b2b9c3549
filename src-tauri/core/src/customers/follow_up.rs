//! 回访：follow-up calls. The due list is worked out from the shop's rules
//! (days after each sale, days after each repair is delivered); a call
//! records whether the customer was reached (有效/无效), their satisfaction
//! (1–5) and the reason of any complaint (source text: 68% of lost customers
//! leave over staff attitude). An effective call closes the due follow-up it
//! answers; an ineffective one is counted as an attempt and it stays due.
//! Indicator 13 counts each customer once, effective calls only.

use chrono::{Duration, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::customer;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::Fields;
use crate::store::Store;

/// Complaint categories (投诉类别): code, label.
pub const COMPLAINTS: [(&str, &str); 5] = [
    ("attitude", "服务态度"),
    ("quality", "产品质量"),
    ("price", "价格"),
    ("waiting", "等候时间"),
    ("other", "其他"),
];

contract_codes!(ComplaintCode, "ComplaintCategory", COMPLAINTS);
contract_codes!(UnreachableCode, "UnreachableReason", UNREACHABLE_REASONS);

pub fn complaint_label(code: &str) -> &'static str {
    crate::form::label_of(&COMPLAINTS, code)
}

pub fn reason_label(code: &str) -> &'static str {
    match code {
        "sale" => "购车回访",
        "repair" => "维修回访",
        _ => "其他回访",
    }
}

/// One follow-up that is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DueFollowUp {
    /// sale / repair
    pub reason: String,
    pub reason_label: &'static str,
    pub due_on: String,
    /// days after the sale or the delivery
    pub days_after: u32,
    /// the sale date or the delivery date
    pub event_on: String,
    pub customer_id: i64,
    pub customer_name: String,
    pub mobile: String,
    pub vehicle_id: i64,
    pub vin: String,
    pub model: String,
    pub repair_order_id: Option<i64>,
    pub order_no: Option<String>,
    /// ineffective calls so far
    pub attempts: i64,
    /// days past due (negative: due in the coming days)
    pub overdue_days: i64,
    /// 销售网点: the outlet that sold the vehicle (None: the shop)
    pub dealer_name: Option<String>,
}

/// How far back the desk's list of calls to make reaches: a call due in the
/// last year and never made stays on it (flagged when more than 60 days
/// late), not dropped after two months; the desk's to-do counts the same.
pub const DESK_BACK_DAYS: i64 = 365;

/// Follow-ups due from `today − back_days` to `today + ahead_days` that no
/// effective call has answered, most overdue first. The calls the rules
/// schedule are rows of `follow_up_due` (migration 42: kept by triggers on
/// the sales, the deliveries, the calls and the rules), so this reads the
/// unanswered ones in the window and nothing else.
pub fn due(conn: &Connection, today: NaiveDate, back_days: i64, ahead_days: i64) -> AppResult<Vec<DueFollowUp>> {
    let from = (today - Duration::days(back_days)).to_string();
    let to = (today + Duration::days(ahead_days)).to_string();
    // a sale's call names its vehicle; a repair's its order, and the order
    // its vehicle and customer
    let mut st = conn.prepare_cached(
        "SELECT d.reason, d.due_on,
                CASE d.reason WHEN 'sale' THEN v.sale_date ELSE substr(o.delivered_at, 1, 10) END,
                c.id, c.name, c.mobile, v.id, v.vin, v.model, o.id, o.order_no,
                CASE d.reason
                    WHEN 'sale' THEN (SELECT count(*) FROM follow_up f WHERE f.vehicle_id = v.id AND f.reason = 'sale'
                                         AND f.due_on = d.due_on AND f.effective = 0)
                    ELSE (SELECT count(*) FROM follow_up f WHERE f.repair_order_id = o.id
                              AND f.due_on = d.due_on AND f.effective = 0)
                END,
                (SELECT name FROM dealer WHERE id = v.dealer_id)
         FROM follow_up_due d INDEXED BY follow_up_due_open
         LEFT JOIN repair_order o ON d.reason = 'repair' AND o.id = d.source_id
         JOIN vehicle v ON v.id = CASE d.reason WHEN 'sale' THEN d.source_id ELSE o.vehicle_id END
         JOIN customer c ON c.id = CASE d.reason WHEN 'sale' THEN v.customer_id ELSE o.customer_id END
         WHERE d.answered = 0 AND d.due_on BETWEEN ?1 AND ?2 AND c.unreachable_reason IS NULL
         ORDER BY d.due_on, c.name, d.reason DESC, d.source_id",
    )?;
    let rows = st.query_map(params![from, to], |x| {
        let reason: String = x.get(0)?;
        let due_on: String = x.get(1)?;
        let event_on: String = x.get(2)?;
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let due_day = day(&due_on);
        let overdue_days = due_day.map_or(0, |d| (today - d).num_days());
        let days_after = due_day
            .zip(day(&event_on))
            .map_or(0, |(d, e)| u32::try_from((d - e).num_days()).unwrap_or(0));
        Ok(DueFollowUp {
            reason_label: reason_label(&reason),
            reason,
            due_on,
            days_after,
            event_on,
            customer_id: x.get(3)?,
            customer_name: x.get(4)?,
            mobile: x.get(5)?,
            vehicle_id: x.get(6)?,
            vin: x.get(7)?,
            model: x.get(8)?,
            repair_order_id: x.get(9)?,
            order_no: x.get(10)?,
            attempts: x.get(11)?,
            overdue_days,
            dealer_name: x.get(12)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many calls [`due`] lists from `today − back_days` through today (the
/// desk's to-do tile): the calls not yet answered in the window, counted
/// inside one index, less those of the customers marked 无法回访 (found from
/// those few customers, not by looking up the customer of every call).
pub fn due_count(conn: &Connection, today: NaiveDate, back_days: i64) -> AppResult<i64> {
    let from = (today - Duration::days(back_days)).to_string();
    let to = today.to_string();
    Ok(conn
        .prepare_cached(
            "SELECT (SELECT count(*) FROM follow_up_due INDEXED BY follow_up_due_open
                     WHERE answered = 0 AND due_on BETWEEN ?1 AND ?2)
                  - (SELECT count(*) FROM customer c INDEXED BY customer_unreachable
                     CROSS JOIN vehicle v INDEXED BY vehicle_customer CROSS JOIN follow_up_due d
                     WHERE c.unreachable_reason IS NOT NULL AND v.customer_id = c.id
                       AND d.reason = 'sale' AND d.source_id = v.id AND d.answered = 0 AND d.due_on BETWEEN ?1 AND ?2)
                  - (SELECT count(*) FROM customer c INDEXED BY customer_unreachable
                     CROSS JOIN repair_order o INDEXED BY repair_order_customer CROSS JOIN follow_up_due d
                     WHERE c.unreachable_reason IS NOT NULL AND o.customer_id = c.id
                       AND d.reason = 'repair' AND d.source_id = o.id AND d.answered = 0 AND d.due_on BETWEEN ?1 AND ?2)",
        )?
        .query_row(params![from, to], |x| x.get(0))?)
}

/// Why a customer cannot be followed up (无法回访).
pub const UNREACHABLE_REASONS: [(&str, &str); 5] = [
    ("no_phone", "没有电话"),
    ("dead_number", "空号或停机"),
    ("refused", "拒绝回访"),
    ("moved", "已迁离"),
    ("other", "其他"),
];

/// A customer marked 无法回访: left out of the due list and of indicator
/// 14's base until cleared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Unreachable {
    pub customer_id: i64,
    pub customer_name: String,
    pub mobile: String,
    #[ts(as = "UnreachableCode")]
    pub reason: String,
    pub reason_label: &'static str,
    pub marked_on: String,
    pub note: String,
}

pub fn unreachable_label(code: &str) -> &'static str {
    crate::form::label_of(&UNREACHABLE_REASONS, code)
}

/// The customers marked 无法回访, latest first.
pub fn unreachable(conn: &Connection) -> AppResult<Vec<Unreachable>> {
    let mut st = conn.prepare_cached(
        "SELECT id, name, mobile, unreachable_reason, coalesce(unreachable_on, ''), unreachable_note
         FROM customer WHERE unreachable_reason IS NOT NULL ORDER BY unreachable_on DESC, name",
    )?;
    let rows = st.query_map([], |r| {
        let reason: String = r.get(3)?;
        Ok(Unreachable {
            customer_id: r.get(0)?,
            customer_name: r.get(1)?,
            mobile: r.get(2)?,
            reason_label: unreachable_label(&reason),
            reason,
            marked_on: r.get(4)?,
            note: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// What marking a customer 无法回访 takes: a reason (`""` clears the mark:
/// the customer can be reached again) and, for 其他, a note.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct UnreachableInput {
    pub customer_id: i64,
    pub reason: String,
    pub note: String,
}

/// Marks a customer 无法回访 on `today` (or clears the mark).
pub fn set_unreachable(store: &mut Store, input: &UnreachableInput, today: NaiveDate) -> AppResult<()> {
    set_unreachable_in(store.conn(), input, today)
}

/// [`set_unreachable`] on the caller's connection (the demo shop).
pub fn set_unreachable_in(conn: &Connection, input: &UnreachableInput, today: NaiveDate) -> AppResult<()> {
    let exists: Option<i64> = conn
        .query_row("SELECT id FROM customer WHERE id = ?1", [input.customer_id], |r| {
            r.get(0)
        })
        .optional()?;
    if exists.is_none() {
        return Err(AppError::new(ErrorCode::NotFound, "找不到这位客户"));
    }
    let mut f = Fields::new();
    let reason = input.reason.trim();
    let note = f.text("note", "说明", &input.note, 100, false);
    if !reason.is_empty() && unreachable_label(reason).is_empty() {
        f.bad("reason", "请选择无法回访的原因");
    }
    if reason == "other" && note.is_empty() {
        f.bad("note", "原因为「其他」时请写明情况");
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    if reason.is_empty() {
        conn.execute(
            "UPDATE customer SET unreachable_reason = NULL, unreachable_on = NULL, unreachable_note = '' WHERE id = ?1",
            [input.customer_id],
        )?;
    } else {
        conn.execute(
            "UPDATE customer SET unreachable_reason = ?2, unreachable_on = ?3, unreachable_note = ?4 WHERE id = ?1",
            params![input.customer_id, reason, today.to_string(), note],
        )?;
    }
    Ok(())
}

/// A recorded call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct FollowUp {
    pub id: i64,
    pub customer_id: i64,
    pub customer_name: String,
    pub mobile: String,
    pub vehicle_id: Option<i64>,
    pub repair_order_id: Option<i64>,
    pub reason: String,
    pub reason_label: &'static str,
    pub due_on: Option<String>,
    pub called_on: String,
    /// 有效 (reached)
    pub effective: bool,
    pub satisfaction: Option<i64>,
    pub complaint: String,
    pub complaint_label: &'static str,
    pub note: String,
    pub operator: String,
}

const COLUMNS: &str = "f.id, f.customer_id, c.name, c.mobile, f.vehicle_id, f.repair_order_id, f.reason, f.due_on,
    f.called_on, f.effective, f.satisfaction, f.complaint, f.note, f.operator";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<FollowUp> {
    let reason: String = r.get(6)?;
    let complaint: String = r.get(11)?;
    Ok(FollowUp {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        customer_name: r.get(2)?,
        mobile: r.get(3)?,
        vehicle_id: r.get(4)?,
        repair_order_id: r.get(5)?,
        reason_label: reason_label(&reason),
        reason,
        due_on: r.get(7)?,
        called_on: r.get(8)?,
        effective: r.get(9)?,
        satisfaction: r.get(10)?,
        complaint_label: complaint_label(&complaint),
        complaint,
        note: r.get(12)?,
        operator: r.get(13)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> AppResult<FollowUp> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM follow_up f JOIN customer c ON c.id = f.customer_id WHERE f.id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| AppError::not_found("找不到该回访记录"))
}

/// The calls made in a month (or a customer's calls), newest first.
pub fn list(
    conn: &Connection,
    month: Option<crate::dates::Month>,
    customer_id: Option<i64>,
) -> AppResult<Vec<FollowUp>> {
    let (a, b) = month.map_or((String::new(), "9999".to_string()), |m| {
        (m.first_day().to_string(), m.last_day().to_string())
    });
    let mut st = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM follow_up f JOIN customer c ON c.id = f.customer_id
         WHERE f.called_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR f.customer_id = ?3)
         ORDER BY f.called_on DESC, f.id DESC LIMIT 1000"
    ))?;
    let rows = st
        .query_map(params![a, b, customer_id], from_row)?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct FollowUpInput {
    pub customer_id: Option<i64>,
    pub vehicle_id: Option<i64>,
    pub repair_order_id: Option<i64>,
    /// sale / repair / other
    pub reason: String,
    /// the due follow-up this call answers (from the due list)
    pub due_on: String,
    /// empty = today
    pub called_on: String,
    pub effective: bool,
    /// 1–5, required when effective
    pub satisfaction: String,
    /// a [`COMPLAINTS`] code or empty
    pub complaint: String,
    pub note: String,
    pub operator: String,
}

/// Records a call.
pub fn record(store: &mut Store, input: &FollowUpInput, today: NaiveDate) -> AppResult<FollowUp> {
    let id = store.write(|tx| record_in(tx, input, today))?;
    get(store.conn(), id)
}

pub fn record_in(tx: &Connection, input: &FollowUpInput, today: NaiveDate) -> AppResult<i64> {
    let mut f = Fields::new();
    let cust = match input.customer_id {
        Some(id) => customer::get(tx, id).ok(),
        None => None,
    };
    if cust.is_none() {
        f.bad("customerId", "请选择回访的客户");
    }
    let reason = input.reason.trim();
    if !matches!(reason, "sale" | "repair" | "other") {
        f.bad("reason", "请选择回访类型");
    }
    let called_on = if input.called_on.trim().is_empty() {
        Some(today)
    } else {
        f.required_date("calledOn", "回访日期", &input.called_on, today)
    };
    let due_on = if input.due_on.trim().is_empty() {
        None
    } else {
        match crate::dates::parse_date("dueOn", &input.due_on) {
            Ok(d) => Some(d),
            Err(e) => {
                f.bad("dueOn", e.message);
                None
            }
        }
    };
    let satisfaction = input.satisfaction.trim();
    let sat = if input.effective {
        match satisfaction.parse::<i64>() {
            Ok(n) if (1..=5).contains(&n) => Some(n),
            _ if satisfaction.is_empty() => {
                f.bad("satisfaction", "有效回访请选择满意度（1–5）");
                None
            }
            _ => {
                f.bad("satisfaction", format!("满意度应为 1 到 5，「{satisfaction}」不是"));
                None
            }
        }
    } else {
        if !satisfaction.is_empty() {
            f.bad("satisfaction", "无效回访（未联系上）不记满意度");
        }
        None
    };
    let complaint = input.complaint.trim();
    if !complaint.is_empty() && !COMPLAINTS.iter().any(|(c, _)| *c == complaint) {
        f.bad("complaint", "请选择投诉类别");
    }
    if !complaint.is_empty() && !input.effective {
        f.bad("complaint", "无效回访（未联系上）不记投诉");
    }
    let note = f.text("note", "回访记录", &input.note, 500, false);
    let operator = f.text("operator", "回访人", &input.operator, 20, true);
    // the vehicle / order must belong to the customer; the call not before the event
    if let (Some(c), Some(vid)) = (&cust, input.vehicle_id) {
        let sale: Option<(i64, Option<String>)> = tx
            .query_row("SELECT customer_id, sale_date FROM vehicle WHERE id = ?1", [vid], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        match sale {
            Some((owner, _)) if owner != c.id => f.bad("vehicleId", "该车辆不属于这位客户"),
            None => f.bad("vehicleId", "找不到该车辆"),
            Some((_, Some(s))) if reason == "sale" => {
                if let Some(cd) = called_on {
                    if cd.to_string() < s {
                        f.bad("calledOn", format!("回访日期早于销售日期（{s}）"));
                    }
                }
            }
            _ => {}
        }
    }
    if reason == "repair" && input.repair_order_id.is_none() {
        f.bad("repairOrderId", "维修回访请选择维修单");
    }
    if let (Some(c), Some(oid)) = (&cust, input.repair_order_id) {
        let o: Option<(i64, Option<String>)> = tx
            .query_row(
                "SELECT customer_id, delivered_at FROM repair_order WHERE id = ?1",
                [oid],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        match o {
            Some((owner, _)) if owner != c.id => f.bad("repairOrderId", "该维修单不属于这位客户"),
            None => f.bad("repairOrderId", "找不到该维修单"),
            Some((_, None)) => f.bad("repairOrderId", "维修单还没有交车，交车后再回访"),
            Some((_, Some(d))) => {
                if let Some(cd) = called_on {
                    if cd.to_string().as_str() < &d[..10] {
                        f.bad("calledOn", format!("回访日期早于交车日期（{}）", &d[..10]));
                    }
                }
            }
        }
    }
    if input.effective && f.is_empty() {
        if let Some(d) = due_on {
            let done: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM follow_up WHERE effective = 1 AND due_on = ?1
                    AND ((?2 IS NOT NULL AND reason = 'sale' AND vehicle_id = ?2)
                      OR (?3 IS NOT NULL AND reason = 'repair' AND repair_order_id = ?3)))",
                params![
                    d.to_string(),
                    (reason == "sale").then_some(input.vehicle_id).flatten(),
                    input.repair_order_id
                ],
                |r| r.get(0),
            )?;
            if done {
                f.bad("dueOn", "这次回访已经完成，不必重复登记");
            }
        }
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    tx.execute(
        "INSERT INTO follow_up (customer_id, vehicle_id, repair_order_id, reason, due_on, called_on, effective,
            satisfaction, complaint, note, operator, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            input.customer_id,
            input.vehicle_id,
            input.repair_order_id,
            reason,
            due_on.map(|d| d.to_string()),
            called_on.expect("checked").to_string(),
            input.effective,
            sat,
            complaint,
            note,
            operator,
            crate::dates::stamp()
        ],
    )?;
    let id = tx.last_insert_rowid();
    // a complaint heard on the call is a complaint to handle (回访发现)
    if !complaint.is_empty() {
        super::complaint::open_from_follow_up_in(tx, id)?;
    }
    Ok(id)
}

/// The month's calls as the 回访记录 list shows them, as .xlsx; returns how many.
pub fn export_month(conn: &Connection, month: crate::dates::Month, path: &std::path::Path) -> AppResult<usize> {
    const COLUMNS: &[(&str, u16)] = &[
        ("回访日期", 12),
        ("客户", 10),
        ("手机", 13),
        ("类型", 10),
        ("应回访日期", 12),
        ("结果", 8),
        ("满意度", 7),
        ("投诉", 10),
        ("记录", 30),
        ("回访人", 9),
    ];
    let rows: Vec<Vec<String>> = list(conn, Some(month), None)?
        .into_iter()
        .map(|f| {
            vec![
                f.called_on,
                f.customer_name,
                f.mobile,
                f.reason_label.to_string(),
                f.due_on.unwrap_or_default(),
                if f.effective { "有效" } else { "未联系上" }.to_string(),
                f.satisfaction.map(|n| n.to_string()).unwrap_or_default(),
                f.complaint_label.to_string(),
                f.note,
                f.operator,
            ]
        })
        .collect();
    crate::sheet::write_table(path, &format!("回访记录{}", month.iso()), COLUMNS, &rows)?;
    Ok(rows.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::testkit::{day, sell, shop};

    #[test]
    fn the_months_calls_are_exported_as_listed() {
        let mut s = shop();
        let t = day("2026-11-26");
        let v = sell(&mut s, "王小明", "13800138000", 1, "2026-11-20");
        let cust = crate::customers::vehicle::get(s.conn(), v).unwrap().customer_id;
        let call = FollowUpInput {
            customer_id: Some(cust),
            vehicle_id: Some(v),
            reason: "sale".into(),
            due_on: "2026-11-23".into(),
            called_on: "2026-11-24".into(),
            effective: true,
            satisfaction: "5".into(),
            operator: "小李".into(),
            ..Default::default()
        };
        record(&mut s, &call, t).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f.xlsx");
        let nov = crate::dates::Month::parse("2026-11").unwrap();
        assert_eq!(export_month(s.conn(), nov, &p).unwrap(), 1);
        let tb = crate::sheet::read_table(&p, 1 << 20).unwrap();
        let cell = |h: &str| tb.rows[0].1.get(tb.col(h).unwrap()).cloned().unwrap_or_default();
        assert_eq!(
            (cell("客户"), cell("结果"), cell("满意度"), cell("回访人")),
            ("王小明".into(), "有效".into(), "5".into(), "小李".into())
        );
        assert_eq!(export_month(s.conn(), nov.prev(), &p).unwrap(), 0);
    }

    /// The calls due counted straight from the records (what `due_count`
    /// did before migration 42): the oracle the kept rows must agree with.
    fn derived_count(conn: &Connection, today: NaiveDate, back_days: i64) -> i64 {
        let r = crate::customers::rules::load(conn).unwrap();
        let from = (today - Duration::days(back_days)).to_string();
        let to = today.to_string();
        let mut n = 0;
        for (days, sql) in [
            (
                &r.follow_up_sale_days,
                "SELECT count(*) FROM vehicle v JOIN customer c ON c.id = v.customer_id
                 WHERE v.sold_here = 1 AND v.sale_date BETWEEN date(?1, ?4) AND date(?2, ?4)
                   AND c.unreachable_reason IS NULL
                   AND NOT EXISTS (SELECT 1 FROM follow_up f WHERE f.vehicle_id = v.id AND f.reason = 'sale'
                            AND f.due_on = date(v.sale_date, ?3) AND f.effective = 1)",
            ),
            (
                &r.follow_up_repair_days,
                "SELECT count(*) FROM repair_order o JOIN customer c ON c.id = o.customer_id
                 WHERE o.delivered_at BETWEEN date(?1, ?4) AND date(?2, ?4) || ' 99'
                   AND c.unreachable_reason IS NULL
                   AND NOT EXISTS (SELECT 1 FROM follow_up f WHERE f.repair_order_id = o.id
                            AND f.due_on = date(substr(o.delivered_at, 1, 10), ?3) AND f.effective = 1)",
            ),
        ] {
            for d in days {
                n += conn
                    .query_row(
                        sql,
                        params![from, to, format!("+{d} days"), format!("-{d} days")],
                        |x| x.get::<_, i64>(0),
                    )
                    .unwrap();
            }
        }
        n
    }

    #[test]
    fn the_calls_due_are_kept_in_step_with_sales_deliveries_calls_and_rules() {
        let mut s = crate::store::Store::open_in_memory().unwrap();
        let t = day("2026-11-26");
        crate::demo::populate_on(&mut s, t).unwrap();
        let agree = |s: &crate::store::Store, step: &str| {
            let c = s.conn();
            let problems = crate::check::follow_up_schedule_problems(c).unwrap();
            assert!(problems.is_empty(), "{step}: {problems:?}");
            let kept = due_count(c, t, DESK_BACK_DAYS).unwrap();
            assert_eq!(kept, derived_count(c, t, DESK_BACK_DAYS), "{step}");
            assert_eq!(
                kept,
                due(c, t, DESK_BACK_DAYS, 0).unwrap().len() as i64,
                "{step}: the list and the count"
            );
            kept
        };
        let start = agree(&s, "the demo shop");
        assert!(start > 0);
        // the rules' days changed: every sale scheduled again
        let mut rules =
            crate::customers::rules::ServiceRulesInput::from(&crate::customers::rules::load(s.conn()).unwrap());
        rules.follow_up_sale_days = "7,30,90".into();
        crate::customers::rules::save(&mut s, &rules, t).unwrap();
        let more = agree(&s, "sale days 7,30,90");
        assert!(more > start, "{more} > {start}");
        // a sale's date moved, a vehicle no longer counted as sold here, a
        // delivery's time moved (records of the open month)
        s.conn()
            .execute_batch(
                "UPDATE vehicle SET sale_date = '2026-11-02' WHERE id = (SELECT min(id) FROM vehicle WHERE sale_date >= '2026-11-05' AND sold_here = 1);
                 UPDATE vehicle SET sold_here = 0 WHERE id = (SELECT max(id) FROM vehicle WHERE sale_date >= '2026-11-05' AND sold_here = 1);
                 UPDATE repair_order SET delivered_at = date(delivered_at, '+2 days') || ' 10:00' WHERE id = (SELECT min(id) FROM repair_order WHERE delivered_at BETWEEN '2026-11-10' AND '2026-11-20');",
            )
            .unwrap();
        agree(&s, "sale date, sold here, delivery");
        // an effective call made ineffective, another deleted, a new one recorded
        s.conn()
            .execute_batch(
                "UPDATE follow_up SET effective = 0, satisfaction = NULL WHERE id = (SELECT min(id) FROM follow_up WHERE effective = 1 AND due_on IS NOT NULL AND called_on >= '2026-11-01');
                 DELETE FROM follow_up WHERE id = (SELECT max(id) FROM follow_up WHERE effective = 1 AND due_on IS NOT NULL AND called_on >= '2026-11-01' AND id NOT IN (SELECT follow_up_id FROM complaint WHERE follow_up_id IS NOT NULL));",
            )
            .unwrap();
        agree(&s, "calls changed and deleted");
        let open = due(s.conn(), t, DESK_BACK_DAYS, 0).unwrap();
        let first = &open[0];
        record(
            &mut s,
            &FollowUpInput {
                customer_id: Some(first.customer_id),
                vehicle_id: Some(first.vehicle_id),
                repair_order_id: first.repair_order_id,
                reason: first.reason.clone(),
                due_on: first.due_on.clone(),
                called_on: "2026-11-26".into(),
                effective: true,
                satisfaction: "5".into(),
                operator: "小李".into(),
                ..Default::default()
            },
            t,
        )
        .unwrap();
        assert_eq!(agree(&s, "a call recorded"), open.len() as i64 - 1);
        // a customer with calls due (a sale's and a repair's) marked 无法回访:
        // their calls leave the count and the list
        let marked = open.iter().find(|x| x.reason == "repair").unwrap().customer_id;
        let theirs = open.iter().skip(1).filter(|x| x.customer_id == marked).count() as i64;
        set_unreachable(
            &mut s,
            &UnreachableInput {
                customer_id: marked,
                reason: "refused".into(),
                note: String::new(),
            },
            t,
        )
        .unwrap();
        assert_eq!(agree(&s, "无法回访"), open.len() as i64 - 1 - theirs);
        // the rules row replaced, as a new shop taking the demo's rules does
        s.conn()
            .execute_batch(
                "CREATE TEMP TABLE r AS SELECT * FROM service_rules;
                 DELETE FROM service_rules;
                 INSERT INTO service_rules SELECT * FROM temp.r;",
            )
            .unwrap();
        agree(&s, "rules row replaced");
    }

    #[test]
    fn a_new_shop_has_its_rules_row_with_the_default_rules() {
        let s = crate::store::Store::open_in_memory().unwrap();
        let rows: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM service_rules", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 1);
        assert_eq!(
            crate::customers::rules::load(s.conn()).unwrap(),
            crate::customers::rules::ServiceRules::default()
        );
    }

    #[test]
    fn dues_come_from_the_rules_and_an_effective_call_closes_one() {
        let mut s = shop();
        let t = day("2026-11-26");
        let v = sell(&mut s, "王小明", "13800138000", 1, "2026-11-20");
        let old = sell(&mut s, "李四", "13900000000", 2, "2026-10-25");
        let cust = crate::customers::vehicle::get(s.conn(), v).unwrap().customer_id;
        // due within the last 60 days or the next 3: 王小明 3 days after (11-23);
        // 李四 3 days (10-28) and 30 days (11-24) after
        let d = due(s.conn(), t, 60, 3).unwrap();
        let seen: Vec<(&str, &str, u32)> = d
            .iter()
            .map(|x| (x.customer_name.as_str(), x.due_on.as_str(), x.days_after))
            .collect();
        assert_eq!(
            seen,
            [
                ("李四", "2026-10-28", 3),
                ("王小明", "2026-11-23", 3),
                ("李四", "2026-11-24", 30)
            ]
        );
        assert_eq!(d[1].overdue_days, 3);
        // a sale call never made, 114 days late: past a 60-day window, still
        // on the desk's list (a year back), not dropped
        sell(&mut s, "赵六", "13700000000", 3, "2026-08-01");
        assert!(!due(s.conn(), t, 60, 3)
            .unwrap()
            .iter()
            .any(|x| x.customer_name == "赵六"));
        let desk = due(s.conn(), t, DESK_BACK_DAYS, 3).unwrap();
        let late = desk.iter().find(|x| x.customer_name == "赵六").unwrap();
        assert_eq!((late.due_on.as_str(), late.overdue_days), ("2026-08-04", 114));
        let input = FollowUpInput {
            customer_id: Some(cust),
            vehicle_id: Some(v),
            reason: "sale".into(),
            due_on: "2026-11-23".into(),
            called_on: "2026-11-24".into(),
            effective: false,
            operator: "小李".into(),
            ..Default::default()
        };
        // not reached: still due, one attempt
        record(&mut s, &input, t).unwrap();
        let d = due(s.conn(), t, 60, 3).unwrap();
        assert_eq!(d.iter().find(|x| x.vehicle_id == v).unwrap().attempts, 1);
        // reached: closed
        let reached = FollowUpInput {
            effective: true,
            satisfaction: "4".into(),
            complaint: "waiting".into(),
            called_on: "2026-11-25".into(),
            ..input.clone()
        };
        let f = record(&mut s, &reached, t).unwrap();
        assert_eq!(f.complaint_label, "等候时间");
        assert!(due(s.conn(), t, 60, 3).unwrap().iter().all(|x| x.vehicle_id != v));
        assert_eq!(due(s.conn(), t, 60, 3).unwrap().len(), 2);
        let _ = old;
        // and a second effective call for the same due is refused
        let e = record(&mut s, &reached, t).unwrap_err();
        assert_eq!(e.message, "这次回访已经完成，不必重复登记");
    }

    #[test]
    fn bad_calls_are_refused() {
        let mut s = shop();
        let t = day("2026-11-26");
        let v = sell(&mut s, "王小明", "13800138000", 1, "2026-11-20");
        let other = sell(&mut s, "李四", "13900000000", 2, "2026-11-20");
        let cust = crate::customers::vehicle::get(s.conn(), v).unwrap().customer_id;
        let e = record(
            &mut s,
            &FollowUpInput {
                customer_id: Some(cust),
                vehicle_id: Some(other),
                reason: "sale".into(),
                called_on: "2026-11-27".into(),
                effective: true,
                satisfaction: "6".into(),
                complaint: "weather".into(),
                operator: "".into(),
                ..Default::default()
            },
            t,
        )
        .unwrap_err();
        let msgs: Vec<&str> = e.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "回访日期（2026年11月27日）晚于今天（2026年11月26日），请检查",
                "满意度应为 1 到 5，「6」不是",
                "请选择投诉类别",
                "请填写回访人",
                "该车辆不属于这位客户"
            ]
        );
        let n: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM follow_up", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }
}
