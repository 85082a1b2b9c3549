//! 服务项目与作业流程: the shop's service items with their standard hours
//! (工时定额) and standard labour price, picked on repair orders so labour
//! is consistent; the standard process on each order (接待 → 诊断 → 报价 →
//! 维修 → 质检 → 交车 → 回访), whose 诊断, 报价 and 质检 are ticked and the
//! rest are the order's own times and its follow-up call; and the month's
//! 按时交车率 (finished by the promised time) and 返修率 (the same vehicle
//! back within 30 days for the same item), each with the orders behind it.
//! docs/domain.md §17.

use std::str::FromStr;

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::dates::Month;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::{datetime_text, Fields};
use crate::money::Money;
use crate::rate::Rate;
use crate::store::Store;

/// A vehicle back within this many days after an order finished, for an
/// item that order did, is a return (返修).
pub const RETURN_DAYS: i64 = 30;

/// (code, label) of the standard process's steps, in order.
pub const STEPS: [(&str, &str); 7] = [
    ("reception", "接待"),
    ("diagnosis", "诊断"),
    ("quote", "报价"),
    ("repair", "维修"),
    ("inspection", "质检"),
    ("delivery", "交车"),
    ("follow_up", "回访"),
];
contract_codes!(StepCode, "ProcessStep", STEPS);

/// The steps a repair order records as done (作业步骤: 诊断, 报价, 质检);
/// the others are the order's own dates (接待, 完工, 交车) or a call.
pub const RECORDED_STEPS: [(&str, &str); 3] = [STEPS[1], STEPS[2], STEPS[4]];

/// A service item (服务项目).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ServiceItem {
    pub id: i64,
    pub code: String,
    pub name: String,
    /// 工时定额 in hours, as a decimal ("0.5")
    pub hours: String,
    /// 标准工时费
    pub price: Money,
    pub active: bool,
    pub note: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct ServiceItemInput {
    pub code: String,
    pub name: String,
    pub hours: String,
    pub price: String,
    pub active: bool,
    pub note: String,
}

/// An item as an order did it: the hours and price as they stood then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct OrderItem {
    pub item_id: i64,
    pub code: String,
    pub name: String,
    pub hours: String,
    pub price: Money,
}

/// A step of an order's process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct OrderStep {
    #[ts(as = "StepCode")]
    pub code: String,
    pub label: &'static str,
    /// when it was done (`2026-11-26 09:40`), None while it is not
    pub done_at: Option<String>,
    pub who: String,
    /// ticked by hand (诊断, 报价, 质检); the others follow the order
    pub manual: bool,
}

/// An order finished after its promised time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct LateOrder {
    pub order_id: i64,
    pub order_no: String,
    pub vin: String,
    pub customer: String,
    pub technician: String,
    pub promised_at: String,
    pub done_at: String,
    /// minutes past the promise
    pub late_minutes: i64,
}

/// One item's month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemMonth {
    pub item_id: i64,
    pub code: String,
    pub name: String,
    /// orders finished in the month with this item
    pub orders: i64,
    /// of them, the vehicle back within 30 days of an earlier order of the item
    pub returns: i64,
    pub return_rate: Option<Rate>,
}

/// A return (返修): the order, and the earlier one it came back after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ReturnCase {
    pub item: String,
    pub order_id: i64,
    pub order_no: String,
    pub received_at: String,
    pub vin: String,
    pub customer: String,
    pub first_order_no: String,
    pub first_done_at: String,
    /// who did the first job
    pub first_technician: String,
}

/// The month's 按时交车率 and 返修率, with the orders behind them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ServiceMonth {
    pub month: String,
    /// orders finished (完工) in the month, and of them by the promised time
    pub done: i64,
    pub on_time: i64,
    pub on_time_rate: Option<Rate>,
    pub late: Vec<LateOrder>,
    /// orders finished in the month with at least one item, and of them returns
    pub with_items: i64,
    pub returns: i64,
    pub return_rate: Option<Rate>,
    pub items: Vec<ItemMonth>,
    pub cases: Vec<ReturnCase>,
}

fn item_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ServiceItem> {
    Ok(ServiceItem {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        hours: r.get(3)?,
        price: r.get(4)?,
        active: r.get::<_, i64>(5)? == 1,
        note: r.get(6)?,
    })
}

/// The items, by code; `all` also those no longer used (停用).
pub fn items(conn: &Connection, all: bool) -> AppResult<Vec<ServiceItem>> {
    let mut st = conn.prepare(
        "SELECT id, code, name, hours, price_fen, active, note FROM service_item WHERE ?1 OR active = 1 ORDER BY code",
    )?;
    let rows = st.query_map([all], item_from_row)?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Hours typed as a decimal: more than 0, at most 99.9, tenths at most.
fn hours(f: &mut Fields, v: &str) -> Option<String> {
    let t = v.trim();
    if t.is_empty() {
        f.bad("hours", "请填写工时定额");
        return None;
    }
    match Decimal::from_str(t) {
        Ok(d) if d > Decimal::ZERO && d <= Decimal::from(99) && d.scale() <= 1 => Some(d.round_dp(1).to_string()),
        Ok(d) if d.scale() > 1 => {
            f.bad("hours", "工时定额最多一位小数（如 0.5）");
            None
        }
        _ => {
            f.bad("hours", format!("工时定额「{t}」应为 0 到 99 之间的小时数（如 0.5）"));
            None
        }
    }
}

/// Adds (`id` None) or changes an item.
pub fn save_item(store: &mut Store, id: Option<i64>, input: &ServiceItemInput) -> AppResult<ServiceItem> {
    let id = store.write(|tx| save_item_in(tx, id, input))?;
    Ok(store.conn().query_row(
        "SELECT id, code, name, hours, price_fen, active, note FROM service_item WHERE id = ?1",
        [id],
        item_from_row,
    )?)
}

/// [`save_item`] inside the caller's transaction (the workbook import).
pub fn save_item_in(tx: &Connection, id: Option<i64>, input: &ServiceItemInput) -> AppResult<i64> {
    let mut f = Fields::new();
    let code = f.text("code", "项目编号", &input.code, 20, true);
    let name = f.text("name", "项目名称", &input.name, 30, true);
    let hours = hours(&mut f, &input.hours);
    let price = if input.price.trim().is_empty() {
        f.bad("price", "请填写标准工时费（不收费填 0）");
        None
    } else {
        f.money("price", "标准工时费", &input.price)
    };
    let note = f.text("note", "备注", &input.note, 100, false);
    if f.is_empty() {
        for (col, field, label, v) in [("code", "code", "项目编号", &code), ("name", "name", "项目名称", &name)]
        {
            let taken: Option<i64> = tx
                .query_row(&format!("SELECT id FROM service_item WHERE {col} = ?1"), [v], |r| {
                    r.get(0)
                })
                .optional()?;
            if taken.is_some_and(|t| Some(t) != id) {
                f.bad(field, format!("{label}「{v}」已有"));
            }
        }
    }
    if let Some(id) = id {
        let held: bool = tx.query_row("SELECT count(*) > 0 FROM service_item WHERE id = ?1", [id], |r| {
            r.get(0)
        })?;
        if !held {
            return Err(AppError::not_found("找不到该服务项目"));
        }
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    tx.execute(
        "INSERT INTO service_item (id, code, name, hours, price_fen, active, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, hours = excluded.hours,
            price_fen = excluded.price_fen, active = excluded.active, note = excluded.note",
        params![id, code, name, hours, price.map(|m| m.to_fen()), input.active, note],
    )?;
    Ok(id.unwrap_or_else(|| tx.last_insert_rowid()))
}

/// The items an order did, in code order.
pub fn order_items(conn: &Connection, order_id: i64) -> rusqlite::Result<Vec<OrderItem>> {
    conn.prepare_cached(
        "SELECT i.item_id, s.code, s.name, i.hours, i.price_fen FROM repair_order_item i
         JOIN service_item s ON s.id = i.item_id WHERE i.repair_order_id = ?1 ORDER BY s.code",
    )?
    .query_map([order_id], |r| {
        Ok(OrderItem {
            item_id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            hours: r.get(3)?,
            price: r.get(4)?,
        })
    })?
    .collect()
}

/// Sets an order's items to `ids` (inside the order's transaction): an item
/// kept keeps the hours and price it was taken at; a new one takes the
/// item's standard now; an item no longer used (停用) cannot be added.
pub fn set_order_items(tx: &Connection, order_id: i64, ids: &[i64]) -> AppResult<()> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    for id in &ids {
        let row: Option<(String, bool)> = tx
            .query_row("SELECT name, active FROM service_item WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get::<_, i64>(1)? == 1))
            })
            .optional()?;
        let on_order: bool = tx.query_row(
            "SELECT count(*) > 0 FROM repair_order_item WHERE repair_order_id = ?1 AND item_id = ?2",
            params![order_id, id],
            |r| r.get(0),
        )?;
        match row {
            None => return Err(AppError::invalid("items", "服务项目中有不存在的项目")),
            Some((name, false)) if !on_order => {
                return Err(AppError::invalid("items", format!("服务项目「{name}」已停用")))
            }
            _ => {}
        }
    }
    let json = serde_json::to_string(&ids).expect("ids");
    tx.execute(
        "DELETE FROM repair_order_item WHERE repair_order_id = ?1 AND item_id NOT IN (SELECT value FROM json_each(?2))",
        params![order_id, json],
    )?;
    tx.execute(
        "INSERT OR IGNORE INTO repair_order_item (repair_order_id, item_id, hours, price_fen)
         SELECT ?1, id, hours, price_fen FROM service_item WHERE id IN (SELECT value FROM json_each(?2))",
        params![order_id, json],
    )?;
    Ok(())
}

/// An order's process: each step and when it was done.
pub fn steps(conn: &Connection, order_id: i64) -> AppResult<Vec<OrderStep>> {
    // (received, receptionist, done, delivered, technician)
    type Times = (String, String, Option<String>, Option<String>, String);
    let order: Option<Times> = conn
        .query_row(
            "SELECT received_at, receptionist, done_at, delivered_at, technician FROM repair_order WHERE id = ?1",
            [order_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((received, receptionist, done, delivered, technician)) = order else {
        return Err(AppError::not_found("找不到该维修单"));
    };
    let ticked: Vec<(String, String, String)> = conn
        .prepare("SELECT step, done_at, who FROM repair_order_step WHERE repair_order_id = ?1")?
        .query_map([order_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    // the follow-up call about this order
    let call: Option<(String, String)> = conn
        .query_row(
            "SELECT called_on, operator FROM follow_up WHERE repair_order_id = ?1 ORDER BY called_on LIMIT 1",
            [order_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(STEPS
        .iter()
        .map(|(code, label)| {
            let (done_at, who, manual) = match *code {
                "reception" => (Some(received.clone()), receptionist.clone(), false),
                "repair" => (done.clone(), technician.clone(), false),
                "delivery" => (delivered.clone(), String::new(), false),
                "follow_up" => (
                    call.as_ref().map(|c| c.0.clone()),
                    call.as_ref().map(|c| c.1.clone()).unwrap_or_default(),
                    false,
                ),
                _ => match ticked.iter().find(|t| t.0 == *code) {
                    Some((_, at, who)) => (Some(at.clone()), who.clone(), true),
                    None => (None, String::new(), true),
                },
            };
            OrderStep {
                code: code.to_string(),
                label,
                done_at,
                who,
                manual,
            }
        })
        .collect())
}

/// Ticks 诊断, 报价 or 质检 on an order not yet delivered, now, by `who`;
/// 质检 only once the work is finished (完工).
pub fn tick_step(
    store: &mut Store,
    order_id: i64,
    step: &str,
    who: &str,
    now: NaiveDateTime,
) -> AppResult<Vec<OrderStep>> {
    if !RECORDED_STEPS.iter().any(|(c, _)| *c == step) {
        return Err(AppError::invalid("step", "只有诊断、报价、质检需要登记"));
    }
    let mut f = Fields::new();
    let who = f.text("who", "经办人", who, 20, true);
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    let status: Option<String> = store
        .conn()
        .query_row("SELECT status FROM repair_order WHERE id = ?1", [order_id], |r| {
            r.get(0)
        })
        .optional()?;
    match status.as_deref() {
        None => return Err(AppError::not_found("找不到该维修单")),
        Some("delivered") => return Err(AppError::new(ErrorCode::Conflict, "维修单已交车，不能再登记作业步骤")),
        Some("open") if step == "inspection" => return Err(AppError::new(ErrorCode::Conflict, "维修完工后才能质检")),
        _ => {}
    }
    let n = store.conn().execute(
        "INSERT OR IGNORE INTO repair_order_step (repair_order_id, step, done_at, who) VALUES (?1, ?2, ?3, ?4)",
        params![order_id, step, datetime_text(now), who],
    )?;
    if n == 0 {
        return Err(AppError::new(ErrorCode::Conflict, "这一步已登记过"));
    }
    steps(store.conn(), order_id)
}

/// (finished in the month, of them by the promised time): 按时交车率's
/// parts, for the month's page and the appraisal alike.
pub fn on_time_counts(conn: &Connection, month: Month, receptionist: Option<&str>) -> AppResult<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT count(*), coalesce(sum(done_at <= promised_at), 0) FROM repair_order
         WHERE done_at >= ?1 AND done_at < ?2 AND (?3 IS NULL OR receptionist = ?3)",
        params![month.iso(), month.next().iso(), receptionist],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// The month's 按时交车率 and 返修率 with the orders behind them.
pub fn month(conn: &Connection, month: Month) -> AppResult<ServiceMonth> {
    let (a, b) = (month.iso(), month.next().iso());
    let (done, on_time) = on_time_counts(conn, month, None)?;
    let late: Vec<LateOrder> = conn
        .prepare(
            "SELECT o.id, o.order_no, v.vin, c.name, o.technician, o.promised_at, o.done_at,
                    CAST(round((julianday(o.done_at) - julianday(o.promised_at)) * 1440) AS INTEGER)
             FROM repair_order o JOIN vehicle v ON v.id = o.vehicle_id JOIN customer c ON c.id = o.customer_id
             WHERE o.done_at >= ?1 AND o.done_at < ?2 AND o.done_at > o.promised_at ORDER BY o.done_at",
        )?
        .query_map(params![a, b], |r| {
            Ok(LateOrder {
                order_id: r.get(0)?,
                order_no: r.get(1)?,
                vin: r.get(2)?,
                customer: r.get(3)?,
                technician: r.get(4)?,
                promised_at: r.get(5)?,
                done_at: r.get(6)?,
                late_minutes: r.get(7)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    // each order of the month with an item, and the earlier order of the
    // same vehicle and item it came back within 30 days of (the latest)
    let cases: Vec<ReturnCase> = conn
        .prepare(&format!(
            "SELECT s.name, o.id, o.order_no, o.received_at, v.vin, c.name, p.order_no, p.done_at, p.technician
             FROM repair_order o JOIN repair_order_item i ON i.repair_order_id = o.id
             JOIN service_item s ON s.id = i.item_id
             JOIN vehicle v ON v.id = o.vehicle_id JOIN customer c ON c.id = o.customer_id
             JOIN repair_order p ON p.id = (
                 SELECT p2.id FROM repair_order p2 JOIN repair_order_item pi ON pi.repair_order_id = p2.id
                 WHERE p2.vehicle_id = o.vehicle_id AND p2.id <> o.id AND pi.item_id = i.item_id
                   AND p2.done_at <= o.received_at
                   AND o.received_at <= strftime('%Y-%m-%d %H:%M', p2.done_at, '+{RETURN_DAYS} days')
                 ORDER BY p2.done_at DESC LIMIT 1)
             WHERE o.done_at >= ?1 AND o.done_at < ?2
             ORDER BY o.done_at, s.code"
        ))?
        .query_map(params![a, b], |r| {
            Ok(ReturnCase {
                item: r.get(0)?,
                order_id: r.get(1)?,
                order_no: r.get(2)?,
                received_at: r.get(3)?,
                vin: r.get(4)?,
                customer: r.get(5)?,
                first_order_no: r.get(6)?,
                first_done_at: r.get(7)?,
                first_technician: r.get(8)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut items: Vec<ItemMonth> = conn
        .prepare(
            "SELECT s.id, s.code, s.name, count(*) FROM repair_order o
             JOIN repair_order_item i ON i.repair_order_id = o.id JOIN service_item s ON s.id = i.item_id
             WHERE o.done_at >= ?1 AND o.done_at < ?2 GROUP BY s.id ORDER BY s.code",
        )?
        .query_map(params![a, b], |r| {
            Ok(ItemMonth {
                item_id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                orders: r.get(3)?,
                returns: 0,
                return_rate: None,
            })
        })?
        .collect::<Result<_, _>>()?;
    for it in &mut items {
        it.returns = cases.iter().filter(|c| c.item == it.name).count() as i64;
        it.return_rate = Rate::ratio(it.returns.into(), it.orders.into());
    }
    let with_items: i64 = conn.query_row(
        "SELECT count(DISTINCT o.id) FROM repair_order o JOIN repair_order_item i ON i.repair_order_id = o.id
         WHERE o.done_at >= ?1 AND o.done_at < ?2",
        params![a, b],
        |r| r.get(0),
    )?;
    let mut returning: Vec<i64> = cases.iter().map(|c| c.order_id).collect();
    returning.sort_unstable();
    returning.dedup();
    let returns = returning.len() as i64;
    Ok(ServiceMonth {
        month: month.iso(),
        done,
        on_time,
        on_time_rate: Rate::ratio(on_time.into(), done.into()),
        late,
        with_items,
        returns,
        return_rate: Rate::ratio(returns.into(), with_items.into()),
        items,
        cases,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::repair::{self, CompleteInput, RepairInput};
    use crate::customers::testkit::{at, sell, shop};

    fn id_of(s: &Store, name: &str) -> i64 {
        s.conn()
            .query_row("SELECT id FROM service_item WHERE name = ?1", [name], |r| r.get(0))
            .unwrap()
    }

    /// An order of vehicle `v` with `items`, received at `received`, promised
    /// 3 hours later, finished at `done`.
    fn job(s: &mut Store, v: i64, items: &[i64], received: &str, done: &str) -> i64 {
        let now = at(done);
        let o = repair::create(
            s,
            &RepairInput {
                vehicle_id: Some(v),
                kind: "repair".into(),
                received_at: received.into(),
                technician: "张师傅".into(),
                complaint: "链条松".into(),
                items: Some(items.to_vec()),
                ..Default::default()
            },
            now,
        )
        .unwrap();
        repair::complete(
            s,
            o.id,
            &CompleteInput {
                done_at: done.into(),
                technician: "张师傅".into(),
                work_done: "调整".into(),
                labour: "10".into(),
            },
            now,
        )
        .unwrap();
        o.id
    }

    #[test]
    fn on_time_and_returns_by_item_counted_by_hand() {
        let mut s = shop();
        let chain = id_of(&s, "调整链条");
        let oil = id_of(&s, "更换机油");
        let v1 = sell(&mut s, "甲", "13800138001", 1, "2026-01-01");
        let v2 = sell(&mut s, "乙", "13800138002", 2, "2026-01-01");
        let v3 = sell(&mut s, "丙", "13800138003", 3, "2026-01-01");
        // 甲: chain on the 2nd, back for the chain on the 20th (a return)
        job(&mut s, v1, &[chain], "2026-11-02 09:00", "2026-11-02 10:00");
        let back = job(&mut s, v1, &[chain], "2026-11-20 09:00", "2026-11-20 10:00");
        // 乙: oil on the 5th, chain on the 10th (another item: no return)
        job(&mut s, v2, &[oil], "2026-11-05 09:00", "2026-11-05 10:00");
        job(&mut s, v2, &[chain], "2026-11-10 09:00", "2026-11-10 10:00");
        // 丙: chain, finished 5 hours after coming in (promised 3): late
        job(&mut s, v3, &[chain], "2026-11-03 09:00", "2026-11-03 14:00");
        let m = month(s.conn(), Month::parse("2026-11").unwrap()).unwrap();
        // 按时交车率: 4 of 5 = 80%; the late one is 120 minutes past
        assert_eq!((m.done, m.on_time, m.on_time_rate), (5, 4, Some(Rate::percent(80))));
        assert_eq!((m.late.len(), m.late[0].late_minutes), (1, 120));
        // 返修率: 1 of 5 orders = 20%; 调整链条 1 of 4 = 25%, 更换机油 0 of 1
        assert_eq!(
            (m.with_items, m.returns, m.return_rate),
            (5, 1, Some(Rate::percent(20)))
        );
        let by = |n: &str| m.items.iter().find(|i| i.name == n).unwrap().clone();
        assert_eq!((by("调整链条").orders, by("调整链条").returns), (4, 1));
        assert_eq!(by("调整链条").return_rate, Some(Rate::percent(25)));
        assert_eq!(by("更换机油").return_rate, Some(Rate::percent(0)));
        assert_eq!(m.cases.len(), 1);
        assert_eq!(m.cases[0].order_id, back);
        assert_eq!(m.cases[0].first_done_at, "2026-11-02 10:00");
        // more than 30 days later is not a return
        let v4 = sell(&mut s, "丁", "13800138004", 4, "2026-01-01");
        job(&mut s, v4, &[chain], "2026-10-01 09:00", "2026-10-01 10:00");
        job(&mut s, v4, &[chain], "2026-11-15 09:00", "2026-11-15 10:00");
        let m = month(s.conn(), Month::parse("2026-11").unwrap()).unwrap();
        assert_eq!((m.with_items, m.returns), (6, 1));
    }

    #[test]
    fn items_and_steps_are_checked() {
        let mut s = shop();
        // an item: bad hours and a name taken refused, nothing saved
        let e = save_item(
            &mut s,
            None,
            &ServiceItemInput {
                code: "FW99".into(),
                name: "调整链条".into(),
                hours: "0.25".into(),
                price: "10".into(),
                active: true,
                note: String::new(),
            },
        )
        .unwrap_err();
        let msgs: Vec<&str> = e.problems.iter().map(|p| p.message.as_str()).collect();
        assert!(msgs.contains(&"工时定额最多一位小数（如 0.5）"), "{msgs:?}");
        assert_eq!(items(s.conn(), true).unwrap().len(), 14);
        let wash = save_item(
            &mut s,
            None,
            &ServiceItemInput {
                code: "FW99".into(),
                name: "洗车".into(),
                hours: "0.5".into(),
                price: "10".into(),
                active: true,
                note: String::new(),
            },
        )
        .unwrap();
        // retired: not offered, and not added to an order any more
        save_item(
            &mut s,
            Some(wash.id),
            &ServiceItemInput {
                code: "FW99".into(),
                name: "洗车".into(),
                hours: "0.5".into(),
                price: "10".into(),
                active: false,
                note: String::new(),
            },
        )
        .unwrap();
        assert_eq!(items(s.conn(), false).unwrap().len(), 14);
        let v = sell(&mut s, "甲", "13800138001", 1, "2026-01-01");
        let e = repair::create(
            &mut s,
            &RepairInput {
                vehicle_id: Some(v),
                kind: "repair".into(),
                received_at: "2026-11-20 09:00".into(),
                complaint: "脏".into(),
                items: Some(vec![wash.id]),
                ..Default::default()
            },
            at("2026-11-20 09:30"),
        )
        .unwrap_err();
        assert!(e.message.contains("已停用") || e.problems.iter().any(|p| p.message.contains("已停用")));
        // steps: 质检 waits for 完工; a step twice refused
        let chain = id_of(&s, "调整链条");
        let o = repair::create(
            &mut s,
            &RepairInput {
                vehicle_id: Some(v),
                kind: "repair".into(),
                received_at: "2026-11-20 09:00".into(),
                complaint: "链条松".into(),
                items: Some(vec![chain]),
                ..Default::default()
            },
            at("2026-11-20 09:30"),
        )
        .unwrap();
        assert_eq!(o.items.len(), 1);
        assert_eq!(o.items[0].price, Money::from_yuan(10));
        let now = at("2026-11-20 09:40");
        let st = tick_step(&mut s, o.id, "diagnosis", "张师傅", now).unwrap();
        assert_eq!(st[1].done_at.as_deref(), Some("2026-11-20 09:40"));
        assert_eq!(
            st[0].done_at.as_deref(),
            Some("2026-11-20 09:00"),
            "接待 is the order's arrival"
        );
        assert!(tick_step(&mut s, o.id, "diagnosis", "张师傅", now).is_err());
        let e = tick_step(&mut s, o.id, "inspection", "刘师傅", now).unwrap_err();
        assert_eq!(e.message, "维修完工后才能质检");
        let e = tick_step(&mut s, o.id, "quote", " ", now).unwrap_err();
        assert_eq!(e.problems[0].message, "请填写经办人");
    }
}
