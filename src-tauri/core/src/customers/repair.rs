//! 维修单：repair orders at the front desk.
//!
//! An order names the vehicle (and so the customer), the kind of work —
//! 保养 maintenance, 维修 repair, 三包 warranty, 上门/派修 on-site or
//! dispatched — the time the vehicle came in and the time promised to the
//! customer (客户等候原则: a wait with a known end feels shorter; the
//! default comes from the shop's rules per kind), the technician, the
//! complaint and the work done, labour, the parts issued from stock and the
//! money received. Its status goes 在修 open → 完工 done → 已交车
//! delivered. Parts are issued through the ledger as 维修领用 in the same
//! transaction as the line, and a line removed while the order is open is
//! reversed (冲销), so stock and history stay true.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{rules, vehicle};
use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::{datetime_text, Fields};
use crate::money::Money;
use crate::parts::ledger::{self, MovementInput};
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RepairKind {
    /// 保养
    Maintenance,
    /// 维修
    Repair,
    /// 三包
    Warranty,
    /// 上门/派修
    Onsite,
}

impl RepairKind {
    pub const ALL: [RepairKind; 4] = [
        RepairKind::Maintenance,
        RepairKind::Repair,
        RepairKind::Warranty,
        RepairKind::Onsite,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RepairKind::Maintenance => "maintenance",
            RepairKind::Repair => "repair",
            RepairKind::Warranty => "warranty",
            RepairKind::Onsite => "onsite",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RepairKind::Maintenance => "保养",
            RepairKind::Repair => "维修",
            RepairKind::Warranty => "三包",
            RepairKind::Onsite => "上门/派修",
        }
    }

    pub fn from_code(s: &str) -> Option<RepairKind> {
        RepairKind::ALL
            .into_iter()
            .find(|k| k.code() == s.trim() || k.label() == s.trim())
    }

    /// The promised wait the shop's rules give this kind.
    pub fn wait_minutes(self, r: &rules::ServiceRules) -> u32 {
        match self {
            RepairKind::Maintenance => r.wait_maintenance_minutes,
            RepairKind::Repair => r.wait_repair_minutes,
            RepairKind::Warranty => r.wait_warranty_minutes,
            RepairKind::Onsite => r.wait_onsite_minutes,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RepairPart {
    pub id: i64,
    pub part_id: i64,
    pub part_no: String,
    pub name: String,
    pub unit: String,
    pub qty: i64,
    /// charged per unit
    pub price: Money,
    pub amount: Money,
    pub movement_id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RepairOrder {
    pub id: i64,
    /// WX-YYYYMM-NNNN
    pub order_no: String,
    pub vehicle_id: i64,
    pub vin: String,
    pub model: String,
    pub customer_id: i64,
    pub customer_name: String,
    pub customer_mobile: String,
    pub kind: RepairKind,
    pub kind_label: &'static str,
    /// 进厂 `2026-11-26 09:30`
    pub received_at: String,
    /// 承诺交车
    pub promised_at: String,
    pub technician: String,
    pub mileage: Option<i64>,
    pub place: String,
    pub complaint: String,
    pub work_done: String,
    pub labour: Money,
    pub parts: Vec<RepairPart>,
    pub parts_amount: Money,
    /// 应收 = labour + parts
    pub total: Money,
    /// 实收
    pub received: Money,
    /// open / done / delivered
    pub status: String,
    /// 在修 / 完工待交车 / 已交车
    pub status_label: &'static str,
    pub done_at: Option<String>,
    pub delivered_at: Option<String>,
    /// not delivered and past its promised time (as of the `now` asked with)
    pub overdue: bool,
}

fn status_label(s: &str) -> &'static str {
    match s {
        "open" => "在修",
        "done" => "完工待交车",
        _ => "已交车",
    }
}

const COLUMNS: &str = "o.id, o.order_no, o.vehicle_id, v.vin, v.model, o.customer_id, c.name, c.mobile, o.kind,
    o.received_at, o.promised_at, o.technician, o.mileage, o.place, o.complaint, o.work_done, o.labour_fen,
    o.received_fen, o.status, o.done_at, o.delivered_at";
const FROM: &str = "repair_order o JOIN vehicle v ON v.id = o.vehicle_id JOIN customer c ON c.id = o.customer_id";

fn from_row(conn: &Connection, r: &rusqlite::Row<'_>, now: NaiveDateTime) -> rusqlite::Result<RepairOrder> {
    let id: i64 = r.get(0)?;
    let kind_code: String = r.get(8)?;
    let kind = RepairKind::from_code(&kind_code).unwrap_or(RepairKind::Repair);
    let parts = conn
        .prepare_cached(
            "SELECT l.id, l.part_id, p.part_no, p.name, p.unit, l.qty, l.price_fen, l.movement_id
             FROM repair_part l JOIN part p ON p.id = l.part_id WHERE l.repair_order_id = ?1 ORDER BY l.id",
        )?
        .query_map([id], |x| {
            let qty: i64 = x.get(5)?;
            let price: Money = x.get(6)?;
            Ok(RepairPart {
                id: x.get(0)?,
                part_id: x.get(1)?,
                part_no: x.get(2)?,
                name: x.get(3)?,
                unit: x.get(4)?,
                qty,
                price,
                amount: price.times(qty).unwrap_or(Money::ZERO),
                movement_id: x.get(7)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let parts_amount = Money::from_fen(parts.iter().map(|p| p.amount.to_fen()).sum());
    let labour: Money = r.get(16)?;
    let status: String = r.get(18)?;
    let promised_at: String = r.get(10)?;
    let overdue = status != "delivered" && datetime_text(now) > promised_at;
    Ok(RepairOrder {
        id,
        order_no: r.get(1)?,
        vehicle_id: r.get(2)?,
        vin: r.get(3)?,
        model: r.get(4)?,
        customer_id: r.get(5)?,
        customer_name: r.get(6)?,
        customer_mobile: r.get(7)?,
        kind,
        kind_label: kind.label(),
        received_at: r.get(9)?,
        promised_at,
        technician: r.get(11)?,
        mileage: r.get(12)?,
        place: r.get(13)?,
        complaint: r.get(14)?,
        work_done: r.get(15)?,
        labour,
        total: Money::from_fen(labour.to_fen() + parts_amount.to_fen()),
        parts,
        parts_amount,
        received: r.get(17)?,
        status_label: status_label(&status),
        status,
        done_at: r.get(19)?,
        delivered_at: r.get(20)?,
        overdue,
    })
}

pub fn get(conn: &Connection, id: i64, now: NaiveDateTime) -> AppResult<RepairOrder> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM {FROM} WHERE o.id = ?1"), [id], |r| {
        from_row(conn, r, now)
    })
    .optional()?
    .ok_or_else(|| AppError::not_found("找不到该维修单"))
}

/// A repair order as typed at the desk (text).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RepairInput {
    pub vehicle_id: Option<i64>,
    /// a [`RepairKind`] code
    pub kind: String,
    /// `2026-11-26 09:30`; empty = now
    pub received_at: String,
    /// empty = received + the rules' wait for the kind
    pub promised_at: String,
    pub technician: String,
    pub mileage: String,
    pub place: String,
    pub complaint: String,
    pub work_done: String,
    pub labour: String,
}

struct Checked {
    vehicle: vehicle::Vehicle,
    kind: RepairKind,
    received_at: NaiveDateTime,
    promised_at: NaiveDateTime,
    technician: String,
    mileage: Option<i64>,
    place: String,
    complaint: String,
    work_done: String,
    labour: Money,
}

fn check(conn: &Connection, i: &RepairInput, now: NaiveDateTime, editing: Option<i64>) -> AppResult<Checked> {
    let mut f = Fields::new();
    let vehicle = match i.vehicle_id {
        Some(id) => vehicle::get(conn, id).ok(),
        None => None,
    };
    if vehicle.is_none() {
        f.bad("vehicleId", "请选择车辆");
    }
    let kind = RepairKind::from_code(&i.kind);
    if kind.is_none() {
        f.bad("kind", "请选择维修类型（保养、维修、三包、上门/派修）");
    }
    let received_at = if i.received_at.trim().is_empty() {
        Some(now)
    } else {
        f.datetime("receivedAt", "进厂时间", &i.received_at)
    };
    if let Some(r) = received_at {
        if r > now + Duration::minutes(5) {
            f.bad(
                "receivedAt",
                format!("进厂时间（{}）晚于现在，请检查", datetime_text(r)),
            );
        }
    }
    let promised_at = if i.promised_at.trim().is_empty() {
        match (received_at, kind) {
            (Some(r), Some(k)) => Some(r + Duration::minutes(k.wait_minutes(&rules::load(conn)?) as i64)),
            _ => None,
        }
    } else {
        f.datetime("promisedAt", "承诺交车时间", &i.promised_at)
    };
    if let (Some(r), Some(p)) = (received_at, promised_at) {
        if p < r {
            f.bad("promisedAt", "承诺交车时间早于进厂时间");
        }
    }
    let technician = f.text("technician", "维修技师", &i.technician, 20, false);
    let mileage = f.count("mileage", "里程", &i.mileage, 2_000_000);
    if let (Some(m), Some(v)) = (mileage, &vehicle) {
        // the highest mileage recorded elsewhere than on this order
        let last: Option<(i64, String)> = conn
            .query_row(
                "SELECT mileage, d FROM (
                     SELECT mileage, substr(received_at, 1, 10) AS d FROM repair_order
                      WHERE vehicle_id = ?1 AND mileage IS NOT NULL AND id IS NOT ?2
                     UNION ALL
                     SELECT mileage, inspected_on FROM inspection WHERE vehicle_id = ?1 AND mileage IS NOT NULL
                     UNION ALL
                     SELECT mileage, reported_on FROM warranty_claim WHERE vehicle_id = ?1)
                 ORDER BY mileage DESC LIMIT 1",
                params![v.id, editing],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((lm, on)) = last {
            if m < lm {
                f.bad(
                    "mileage",
                    format!("里程 {m} 公里低于该车 {on} 记录的 {lm} 公里，请核对里程表"),
                );
            }
        }
    }
    let place = f.text("place", "上门/派修地点", &i.place, 100, false);
    if kind == Some(RepairKind::Onsite) && place.is_empty() && !f.has("place") {
        f.bad("place", "上门/派修请填写地点");
    }
    let complaint = f.text("complaint", "故障描述", &i.complaint, 500, true);
    let work_done = f.text("workDone", "维修内容", &i.work_done, 1000, false);
    let labour = f.money("labour", "工时费", &i.labour).unwrap_or(Money::ZERO);
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    Ok(Checked {
        vehicle: vehicle.expect("checked"),
        kind: kind.expect("checked"),
        received_at: received_at.expect("checked"),
        promised_at: promised_at.expect("checked"),
        technician,
        mileage,
        place,
        complaint,
        work_done,
        labour,
    })
}

/// Opens a repair order (在修).
pub fn create(store: &mut Store, input: &RepairInput, now: NaiveDateTime) -> AppResult<RepairOrder> {
    let tx = store.conn_mut().transaction()?;
    let id = create_in(&tx, input, now)?;
    tx.commit()?;
    get(store.conn(), id, now)
}

/// [`create`] inside the caller's transaction (the demo shop); returns the id.
pub fn create_in(tx: &Connection, input: &RepairInput, now: NaiveDateTime) -> AppResult<i64> {
    let c = check(tx, input, now, None)?;
    let prefix = format!("WX-{}-", c.received_at.format("%Y%m"));
    let order_no = crate::store::next_number(tx, "repair_order", "order_no", &prefix, 4)?;
    tx.execute(
        "INSERT INTO repair_order (order_no, vehicle_id, customer_id, kind, received_at, promised_at, technician,
            mileage, place, complaint, work_done, labour_fen, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            order_no,
            c.vehicle.id,
            c.vehicle.customer_id,
            c.kind.code(),
            datetime_text(c.received_at),
            datetime_text(c.promised_at),
            c.technician,
            c.mileage,
            c.place,
            c.complaint,
            c.work_done,
            c.labour,
            crate::dates::stamp()
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Corrects an order that has not been delivered.
pub fn update(store: &mut Store, id: i64, input: &RepairInput, now: NaiveDateTime) -> AppResult<RepairOrder> {
    let tx = store.conn_mut().transaction()?;
    let old = get(&tx, id, now)?;
    if old.status == "delivered" {
        return Err(AppError::new(ErrorCode::Conflict, "维修单已交车结算，不能再修改"));
    }
    let c = check(&tx, input, now, Some(id))?;
    if c.vehicle.id != old.vehicle_id && !old.parts.is_empty() {
        return Err(AppError::invalid("vehicleId", "已领用配件的维修单不能改换车辆"));
    }
    if let Some(done) = &old.done_at {
        if datetime_text(c.received_at) > *done {
            return Err(AppError::invalid("receivedAt", "进厂时间不能晚于完工时间"));
        }
    }
    tx.execute(
        "UPDATE repair_order SET vehicle_id = ?2, customer_id = ?3, kind = ?4, received_at = ?5, promised_at = ?6,
            technician = ?7, mileage = ?8, place = ?9, complaint = ?10, work_done = ?11, labour_fen = ?12
         WHERE id = ?1",
        params![
            id,
            c.vehicle.id,
            c.vehicle.customer_id,
            c.kind.code(),
            datetime_text(c.received_at),
            datetime_text(c.promised_at),
            c.technician,
            c.mileage,
            c.place,
            c.complaint,
            c.work_done,
            c.labour
        ],
    )?;
    tx.commit()?;
    get(store.conn(), id, now)
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RepairPartInput {
    /// 配件编号 (typed or scanned)
    pub part_no: String,
    pub qty: String,
    /// charged per unit; empty = the part's 限价
    pub price: String,
    pub operator: String,
}

/// Issues a part from stock to an open order (维修领用), dated today.
pub fn add_part(store: &mut Store, id: i64, input: &RepairPartInput, now: NaiveDateTime) -> AppResult<RepairOrder> {
    let tx = store
        .conn_mut()
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    add_part_in(&tx, id, input, now)?;
    tx.commit()?;
    get(store.conn(), id, now)
}

pub fn add_part_in(tx: &Connection, id: i64, input: &RepairPartInput, now: NaiveDateTime) -> AppResult<i64> {
    let o = get(tx, id, now)?;
    if o.status != "open" {
        return Err(AppError::new(ErrorCode::Conflict, "只有在修的维修单可以领用配件"));
    }
    let mut f = Fields::new();
    let price = f.money("price", "单价", &input.price);
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    let today = now.date();
    let m = ledger::post_in(
        tx,
        &MovementInput {
            part_no: input.part_no.clone(),
            kind: "repair".into(),
            qty: input.qty.clone(),
            date: today.to_string(),
            operator: input.operator.clone(),
            note: format!("维修单 {}", o.order_no),
            ..Default::default()
        },
        today,
    )?;
    let part = crate::parts::catalog::get(tx, m.part_id)?;
    tx.execute(
        "INSERT INTO repair_part (repair_order_id, part_id, qty, price_fen, movement_id) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, m.part_id, m.qty, price.unwrap_or(part.retail_price), m.id],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Takes a part line off an open order: its issue is reversed (冲销), the
/// parts go back into stock at the value they left with.
pub fn remove_part(
    store: &mut Store,
    id: i64,
    line_id: i64,
    operator: &str,
    now: NaiveDateTime,
) -> AppResult<RepairOrder> {
    let tx = store
        .conn_mut()
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let o = get(&tx, id, now)?;
    if o.status != "open" {
        return Err(AppError::new(ErrorCode::Conflict, "只有在修的维修单可以退回配件"));
    }
    let line = o
        .parts
        .iter()
        .find(|l| l.id == line_id)
        .ok_or_else(|| AppError::not_found("该维修单没有这一行配件"))?;
    ledger::reverse_in(
        &tx,
        line.movement_id,
        operator,
        &format!("维修单 {} 退回", o.order_no),
        now.date(),
    )?;
    tx.execute("DELETE FROM repair_part WHERE id = ?1", [line_id])?;
    tx.commit()?;
    get(store.conn(), id, now)
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CompleteInput {
    /// empty = now
    pub done_at: String,
    pub technician: String,
    pub work_done: String,
    pub labour: String,
}

/// 完工: the work is done (indicators 17 and 18 count it in this month).
pub fn complete(store: &mut Store, id: i64, input: &CompleteInput, now: NaiveDateTime) -> AppResult<RepairOrder> {
    let tx = store.conn_mut().transaction()?;
    complete_in(&tx, id, input, now)?;
    tx.commit()?;
    get(store.conn(), id, now)
}

/// [`complete`] inside the caller's transaction.
pub fn complete_in(tx: &Connection, id: i64, input: &CompleteInput, now: NaiveDateTime) -> AppResult<()> {
    let o = get(tx, id, now)?;
    if o.status != "open" {
        return Err(AppError::new(ErrorCode::Conflict, "这张维修单已经完工"));
    }
    let mut f = Fields::new();
    let done_at = if input.done_at.trim().is_empty() {
        Some(now)
    } else {
        f.datetime("doneAt", "完工时间", &input.done_at)
    };
    if let Some(d) = done_at {
        if datetime_text(d) < o.received_at {
            f.bad("doneAt", format!("完工时间早于进厂时间（{}）", o.received_at));
        } else if d > now + Duration::minutes(5) {
            f.bad("doneAt", "完工时间晚于现在，请检查");
        }
    }
    let technician = f.text("technician", "维修技师", &input.technician, 20, true);
    let work_done = f.text("workDone", "维修内容", &input.work_done, 1000, true);
    let labour = f.money("labour", "工时费", &input.labour).unwrap_or(Money::ZERO);
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    tx.execute(
        "UPDATE repair_order SET status = 'done', done_at = ?2, technician = ?3, work_done = ?4, labour_fen = ?5
         WHERE id = ?1",
        params![
            id,
            datetime_text(done_at.expect("checked")),
            technician,
            work_done,
            labour
        ],
    )?;
    // a 保养 is the vehicle's inspection too: it closes the due date it
    // falls on, so the desk does not record it twice (indicator 20)
    if o.kind == RepairKind::Maintenance {
        super::inspection::close_by_service(
            tx,
            o.vehicle_id,
            done_at.expect("checked").date(),
            o.mileage,
            &technician,
            &o.order_no,
        )?;
    }
    Ok(())
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DeliverInput {
    /// empty = now
    pub delivered_at: String,
    /// 实收; empty = the order's total
    pub received: String,
}

/// 交车结算: the vehicle is handed back and the money taken (indicator 19).
pub fn deliver(store: &mut Store, id: i64, input: &DeliverInput, now: NaiveDateTime) -> AppResult<RepairOrder> {
    let tx = store.conn_mut().transaction()?;
    deliver_in(&tx, id, input, now)?;
    tx.commit()?;
    get(store.conn(), id, now)
}

/// [`deliver`] inside the caller's transaction.
pub fn deliver_in(tx: &Connection, id: i64, input: &DeliverInput, now: NaiveDateTime) -> AppResult<()> {
    let o = get(tx, id, now)?;
    match o.status.as_str() {
        "open" => return Err(AppError::new(ErrorCode::Conflict, "维修单还没有完工，不能交车")),
        "delivered" => return Err(AppError::new(ErrorCode::Conflict, "这张维修单已经交车结算")),
        _ => {}
    }
    let mut f = Fields::new();
    let at = if input.delivered_at.trim().is_empty() {
        Some(now)
    } else {
        f.datetime("deliveredAt", "交车时间", &input.delivered_at)
    };
    if let Some(d) = at {
        let t = datetime_text(d);
        if t < o.received_at {
            f.bad("deliveredAt", format!("交车时间早于进厂时间（{}）", o.received_at));
        } else if o.done_at.as_deref().is_some_and(|done| t.as_str() < done) {
            f.bad(
                "deliveredAt",
                format!("交车时间早于完工时间（{}）", o.done_at.as_deref().unwrap_or("")),
            );
        } else if d > now + Duration::minutes(5) {
            f.bad("deliveredAt", "交车时间晚于现在，请检查");
        }
    }
    let received = if input.received.trim().is_empty() {
        Some(o.total)
    } else {
        f.money("received", "实收金额", &input.received)
    };
    if let Some(r) = received {
        if r > o.total {
            f.bad(
                "received",
                format!("实收金额 {} 超过应收 {}", r.display_cny(), o.total.display_cny()),
            );
        }
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    tx.execute(
        "UPDATE repair_order SET status = 'delivered', delivered_at = ?2, received_fen = ?3 WHERE id = ?1",
        params![id, datetime_text(at.expect("checked")), received.expect("checked")],
    )?;
    Ok(())
}

/// What the desk list shows.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RepairQuery {
    /// `active` (open and done, not delivered), `delivered`, or `` (all)
    pub status: String,
    /// order number, VIN tail, customer name or mobile
    pub q: String,
    /// YYYY-MM: received in that month (for delivered/all)
    pub month: String,
    pub limit: i64,
}

/// The desk list: active orders by promised time (overdue first), or the
/// delivered ones newest first.
pub fn list(conn: &Connection, q: &RepairQuery, now: NaiveDateTime) -> AppResult<Vec<RepairOrder>> {
    let mut wh: Vec<String> = Vec::new();
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    let mut arg = |v: String| {
        args.push(rusqlite::types::Value::Text(v));
        format!("?{}", args.len())
    };
    match q.status.as_str() {
        "active" => wh.push("o.status IN ('open', 'done')".into()),
        "delivered" => wh.push("o.status = 'delivered'".into()),
        _ => {}
    }
    let text = q.q.trim();
    if !text.is_empty() {
        let like = arg(format!("%{}%", crate::parts::like_escape(text)));
        let tail = arg(format!("%{}", crate::parts::like_escape(&text.to_uppercase())));
        wh.push(format!(
            "(o.order_no LIKE {like} ESCAPE '\\' OR c.name LIKE {like} ESCAPE '\\' OR c.mobile LIKE {like} ESCAPE '\\'
              OR v.vin LIKE {tail} ESCAPE '\\')"
        ));
    }
    if !q.month.trim().is_empty() {
        let m = crate::dates::Month::parse(&q.month)?;
        let a = arg(m.first_day().to_string());
        let b = arg(format!("{} 99", m.last_day()));
        wh.push(format!("o.received_at BETWEEN {a} AND {b}"));
    }
    let order = if q.status == "active" {
        "o.promised_at, o.id"
    } else {
        "o.received_at DESC, o.id DESC"
    };
    let where_sql = if wh.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", wh.join(" AND "))
    };
    let limit = if q.limit <= 0 { 200 } else { q.limit.min(1000) };
    let mut st = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM {FROM} {where_sql} ORDER BY {order} LIMIT {limit}"
    ))?;
    let rows = st
        .query_map(rusqlite::params_from_iter(args.iter()), |r| from_row(conn, r, now))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// A vehicle's or customer's repair history, newest first.
pub fn history(conn: &Connection, customer_id: i64, now: NaiveDateTime) -> AppResult<Vec<RepairOrder>> {
    let mut st = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE o.customer_id = ?1 ORDER BY o.received_at DESC LIMIT 200"
    ))?;
    let rows = st
        .query_map([customer_id], |r| from_row(conn, r, now))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The repair kinds for a form's choices: (code, label, promised minutes).
pub fn kinds(conn: &Connection) -> AppResult<Vec<(String, String, u32)>> {
    let r = rules::load(conn)?;
    Ok(RepairKind::ALL
        .into_iter()
        .map(|k| (k.code().to_string(), k.label().to_string(), k.wait_minutes(&r)))
        .collect())
}

/// Technicians named on orders and inspections in the last year, most
/// frequent first: the form's suggestions.
pub fn technicians(conn: &Connection, today: NaiveDate) -> AppResult<Vec<String>> {
    let since = (today - Duration::days(365)).to_string();
    let mut st = conn.prepare(
        "SELECT t FROM (
             SELECT technician AS t FROM repair_order WHERE received_at >= ?1 AND technician <> ''
             UNION ALL SELECT technician FROM inspection WHERE inspected_on >= ?1)
         GROUP BY t ORDER BY count(*) DESC, t LIMIT 30",
    )?;
    let rows = st.query_map([since], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// `2026-11-26` of a stored date-time.
pub fn day_of(t: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(t.get(..10)?, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::testkit::{at, sell, shop};
    use crate::parts::catalog;

    fn order(v: i64, kind: &str, received: &str) -> RepairInput {
        RepairInput {
            vehicle_id: Some(v),
            kind: kind.into(),
            received_at: received.into(),
            technician: "张师傅".into(),
            mileage: "1200".into(),
            complaint: "发动机异响".into(),
            ..Default::default()
        }
    }

    fn on_hand(s: &Store, no: &str) -> i64 {
        catalog::find_by_no(s.conn(), no).unwrap().unwrap().on_hand
    }

    #[test]
    fn an_order_goes_from_open_to_delivered_with_parts_through_the_ledger() {
        let mut s = shop();
        let v = sell(&mut s, "王小明", "13800138000", 1, "2026-10-01");
        let now = at("2026-11-26 09:00");
        let o = create(&mut s, &order(v, "repair", "2026-11-26 08:30"), now).unwrap();
        assert_eq!(o.order_no, "WX-202611-0001");
        // the promised time defaults to the rules' 3 hours for a repair
        assert_eq!((o.promised_at.as_str(), o.status_label), ("2026-11-26 11:30", "在修"));
        let part = |no: &str, qty: &str, price: &str| RepairPartInput {
            part_no: no.into(),
            qty: qty.into(),
            price: price.into(),
            operator: "张师傅".into(),
        };
        add_part(&mut s, o.id, &part("OIL-1", "2", ""), now).unwrap();
        let o = add_part(&mut s, o.id, &part("SP-1", "1", "25"), now).unwrap();
        assert_eq!((on_hand(&s, "OIL-1"), on_hand(&s, "SP-1")), (18, 9));
        // 2 × ¥15.00 (限价) + 1 × ¥25.00
        assert_eq!(o.parts_amount, Money::from_yuan(55));
        // more than in stock: refused, nothing changes
        let e = add_part(&mut s, o.id, &part("SP-1", "50", ""), now).unwrap_err();
        assert!(e.message.contains("库存不足"), "{}", e.message);
        assert_eq!(on_hand(&s, "SP-1"), 9);
        // a line taken off goes back into stock by a reversal
        let o = remove_part(&mut s, o.id, o.parts[1].id, "张师傅", now).unwrap();
        assert_eq!((on_hand(&s, "SP-1"), o.parts.len()), (10, 1));
        // not deliverable before it is done
        assert!(deliver(&mut s, o.id, &DeliverInput::default(), now).is_err());
        let later = at("2026-11-26 12:00");
        let o = complete(
            &mut s,
            o.id,
            &CompleteInput {
                done_at: "2026-11-26 11:45".into(),
                technician: "张师傅".into(),
                work_done: "更换机油，调整气门".into(),
                labour: "40".into(),
            },
            later,
        )
        .unwrap();
        assert_eq!((o.total, o.overdue), (Money::from_yuan(70), true));
        // delivered before it came in / before done / more than owed: refused
        for (when, received, msg) in [
            ("2026-11-26 08:00", "", "交车时间早于进厂时间"),
            ("2026-11-26 11:00", "", "交车时间早于完工时间"),
            ("2026-11-26 11:50", "80", "实收金额 ¥80.00 超过应收 ¥70.00"),
            ("2026-11-26 11:50", "-5", "实收金额不能为负数"),
        ] {
            let e = deliver(
                &mut s,
                o.id,
                &DeliverInput {
                    delivered_at: when.into(),
                    received: received.into(),
                },
                later,
            )
            .unwrap_err();
            assert!(e.problems.iter().any(|p| p.message.contains(msg)), "{msg}: {e:?}");
        }
        let o = deliver(
            &mut s,
            o.id,
            &DeliverInput {
                delivered_at: "2026-11-26 11:55".into(),
                received: "".into(),
            },
            later,
        )
        .unwrap();
        assert_eq!(
            (o.status_label, o.received, o.overdue),
            ("已交车", Money::from_yuan(70), false)
        );
        assert!(update(&mut s, o.id, &order(v, "repair", "2026-11-26 08:30"), later).is_err());
    }

    #[test]
    fn bad_orders_are_refused_whole() {
        let mut s = shop();
        let v = sell(&mut s, "王小明", "13800138000", 1, "2026-10-01");
        let now = at("2026-11-26 09:00");
        create(&mut s, &order(v, "maintenance", "2026-11-20 08:30"), now).unwrap();
        let e = create(
            &mut s,
            &RepairInput {
                promised_at: "2026-11-26 08:00".into(),
                mileage: "900".into(),
                labour: "-10".into(),
                complaint: " ".into(),
                ..order(v, "onsite", "2026-11-26 08:30")
            },
            now,
        )
        .unwrap_err();
        let fields: Vec<&str> = e.problems.iter().filter_map(|p| p.field.as_deref()).collect();
        assert_eq!(fields, ["promisedAt", "mileage", "place", "complaint", "labour"]);
        assert!(e.problems[1].message.contains("低于该车 2026-11-20 记录的 1200 公里"));
        let e = create(&mut s, &order(v, "repair", "2026-11-27 08:30"), now).unwrap_err();
        assert!(e.message.contains("晚于现在"), "{}", e.message);
        let n: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM repair_order", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1);
    }
}
