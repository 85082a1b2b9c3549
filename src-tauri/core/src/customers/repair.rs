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
//!
//! A 三包 order and its warranty claim are one job: opening the order opens
//! the claim (or links one already entered) with the vehicle, mileage and
//! fault entered once. A part fitted under warranty (covered) is issued
//! from the order as 三包更换 — once — and becomes the claim's line; the
//! customer is charged nothing for it. Parts and labour outside coverage
//! are charged on the same order as usual. Completing the order gives the
//! claim its repair date and technician.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{rules, vehicle};
use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::{datetime_text, Fields};
use crate::money::Money;
use crate::parts::ledger::{self, MovementKind, NewMovement};
use crate::store::query::Filter;
use crate::store::Store;
use crate::warranty::claim;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum RepairKind {
    /// 保养
    Maintenance,
    /// 首保: the free first service the factory pays for (a 保养 too)
    #[serde(rename = "first_service")]
    FirstService,
    /// 维修
    Repair,
    /// 三包
    Warranty,
    /// 上门/派修
    Onsite,
}

impl RepairKind {
    pub const ALL: [RepairKind; 5] = [
        RepairKind::Maintenance,
        RepairKind::FirstService,
        RepairKind::Repair,
        RepairKind::Warranty,
        RepairKind::Onsite,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RepairKind::Maintenance => "maintenance",
            RepairKind::FirstService => "first_service",
            RepairKind::Repair => "repair",
            RepairKind::Warranty => "warranty",
            RepairKind::Onsite => "onsite",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RepairKind::Maintenance => "保养",
            RepairKind::FirstService => "首保",
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

    /// The factory pays for the job through a claim (三包, 首保).
    pub fn claimed(self) -> bool {
        matches!(self, RepairKind::Warranty | RepairKind::FirstService)
    }

    /// A service: it closes the vehicle's inspection (保养, 首保).
    pub fn is_service(self) -> bool {
        matches!(self, RepairKind::Maintenance | RepairKind::FirstService)
    }

    /// The promised wait the shop's rules give this kind.
    pub fn wait_minutes(self, r: &rules::ServiceRules) -> u32 {
        match self {
            RepairKind::Maintenance | RepairKind::FirstService => r.wait_maintenance_minutes,
            RepairKind::Repair => r.wait_repair_minutes,
            RepairKind::Warranty => r.wait_warranty_minutes,
            RepairKind::Onsite => r.wait_onsite_minutes,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
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
    /// fitted under warranty (三包更换): charged to the factory through the
    /// claim, nothing to the customer
    pub covered: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct RepairOrder {
    pub id: i64,
    /// WX-YYYYMM-NNNN
    pub order_no: String,
    pub vehicle_id: i64,
    pub vin: String,
    /// 车牌号 of the vehicle ("" when not known)
    pub plate: String,
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
    /// 接待员: who received the customer and wrote the order
    pub receptionist: String,
    pub mileage: Option<i64>,
    pub place: String,
    pub complaint: String,
    pub work_done: String,
    pub labour: Money,
    /// 服务项目 with their standard hours and price as taken
    pub items: Vec<super::service::OrderItem>,
    pub parts: Vec<RepairPart>,
    pub parts_amount: Money,
    /// 应收 = labour + parts
    pub total: Money,
    /// 实收
    pub received: Money,
    #[ts(as = "StatusCode")]
    pub status: RepairStatus,
    /// 在修 / 完工待交车 / 已交车
    pub status_label: &'static str,
    pub done_at: Option<String>,
    pub delivered_at: Option<String>,
    /// not delivered and past its promised time (as of the `now` asked with)
    pub overdue: bool,
    /// the warranty claim of a 三包 order (the job)
    pub claim_id: Option<i64>,
    pub claim_no: Option<String>,
    pub claim_status_label: Option<&'static str>,
}

/// (code, label) of a repair order's status: 在修 → 完工待交车 → 已交车.
pub const STATUSES: [(&str, &str); 3] = [("open", "在修"), ("done", "完工待交车"), ("delivered", "已交车")];

contract_codes!(StatusCode, "RepairStatus", STATUSES);

/// 维修单的状态: where an order is on its path. Stored and sent as its code
/// (`STATUSES`, in the same order, gives the codes and labels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RepairStatus {
    /// 在修: parts may be issued and taken back, the order corrected
    Open,
    /// 完工待交车
    Done,
    /// 已交车: settled, nothing changes any more
    Delivered,
}

impl RepairStatus {
    pub const ALL: [RepairStatus; 3] = [RepairStatus::Open, RepairStatus::Done, RepairStatus::Delivered];

    pub fn code(self) -> &'static str {
        STATUSES[self as usize].0
    }

    pub fn label(self) -> &'static str {
        STATUSES[self as usize].1
    }

    pub fn parse(code: &str) -> Option<RepairStatus> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// A step on a repair order's path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RepairAction {
    /// 完工: the work is done
    Complete,
    /// 交车结算: the vehicle handed back, the money taken
    Deliver,
}

/// A repair order's path: 在修 → 完工待交车 → 已交车; the status `action`
/// takes an order in `status` to, or why it can't.
pub fn transition(status: RepairStatus, action: RepairAction) -> AppResult<RepairStatus> {
    use RepairAction as A;
    use RepairStatus as S;
    match (action, status) {
        (A::Complete, S::Open) => Ok(S::Done),
        (A::Complete, _) => Err(AppError::new(ErrorCode::Conflict, "这张维修单已经完工")),
        (A::Deliver, S::Done) => Ok(S::Delivered),
        (A::Deliver, S::Open) => Err(AppError::new(ErrorCode::Conflict, "维修单还没有完工，不能交车")),
        (A::Deliver, S::Delivered) => Err(AppError::new(ErrorCode::Conflict, "这张维修单已经交车结算")),
    }
}

const COLUMNS: &str = "o.id, o.order_no, o.vehicle_id, v.vin, v.model, o.customer_id, c.name, c.mobile, o.kind,
    o.received_at, o.promised_at, o.technician, o.mileage, o.place, o.complaint, o.work_done, o.labour_fen,
    o.received_fen, o.status, o.done_at, o.delivered_at, wc.id, wc.claim_no, wc.status, v.plate,
    o.receptionist";
const FROM: &str = "repair_order o JOIN vehicle v ON v.id = o.vehicle_id JOIN customer c ON c.id = o.customer_id
    LEFT JOIN warranty_claim wc ON wc.repair_order_id = o.id";

fn from_row(conn: &Connection, r: &rusqlite::Row<'_>, now: NaiveDateTime) -> rusqlite::Result<RepairOrder> {
    let id: i64 = r.get(0)?;
    let kind_code: String = r.get(8)?;
    let kind = RepairKind::from_code(&kind_code).unwrap_or(RepairKind::Repair);
    let parts = conn
        .prepare_cached(
            "SELECT l.id, l.part_id, p.part_no, p.name, p.unit, l.qty, l.price_fen, l.movement_id, l.covered
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
                covered: x.get::<_, i64>(8)? == 1,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let parts_amount = Money::from_fen(parts.iter().map(|p| p.amount.to_fen()).sum());
    let labour: Money = r.get(16)?;
    let status_code: String = r.get(18)?;
    let status = RepairStatus::parse(&status_code).ok_or(rusqlite::Error::InvalidColumnType(
        18,
        "status".into(),
        rusqlite::types::Type::Text,
    ))?;
    let promised_at: String = r.get(10)?;
    let overdue = status != RepairStatus::Delivered && datetime_text(now) > promised_at;
    Ok(RepairOrder {
        id,
        order_no: r.get(1)?,
        vehicle_id: r.get(2)?,
        vin: r.get(3)?,
        plate: r.get(24)?,
        receptionist: r.get(25)?,
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
        items: super::service::order_items(conn, id)?,
        parts,
        parts_amount,
        received: r.get(17)?,
        status_label: status.label(),
        status,
        done_at: r.get(19)?,
        delivered_at: r.get(20)?,
        overdue,
        claim_id: r.get(21)?,
        claim_no: r.get(22)?,
        claim_status_label: r.get::<_, Option<String>>(23)?.map(|s| claim::status_label(&s)),
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
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
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
    /// 接待员
    pub receptionist: String,
    pub mileage: String,
    pub place: String,
    pub complaint: String,
    pub work_done: String,
    /// charged to the customer
    pub labour: String,
    /// a 三包 order's claim: opened with the order (or linked)
    pub claim: Option<WarrantyJobInput>,
    /// 服务项目 done (service_item ids); None leaves an order's items as they are
    pub items: Option<Vec<i64>>,
}

/// The claim of a 三包 order, as typed with it: what the claim needs beyond
/// the order's vehicle, mileage, complaint and date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct WarrantyJobInput {
    /// link this claim (录入 or 退回修改, the same vehicle) instead of opening one
    pub claim_id: Option<i64>,
    /// empty = the vehicle's sale date
    pub invoice_date: String,
    pub fault_category: String,
    /// 主损件 part number
    pub main_part_no: String,
    pub appraiser: String,
    pub appraisal_result: String,
    pub appraisal_note: String,
    /// 索赔工时
    pub labour_hours: String,
    /// 索赔工时费: what the factory is asked for labour
    pub labour: String,
    pub allow_duplicate: bool,
    pub operator: String,
}

/// A claim's problems under the order form's field names.
fn job_error(mut e: AppError) -> AppError {
    let rename = |f: String| match f.as_str() {
        "vehicleId" | "mileage" => f,
        "fault" => "complaint".to_string(),
        "reportedOn" => "receivedAt".to_string(),
        _ => format!("claim{}{}", f[..1].to_uppercase(), &f[1..]),
    };
    e.field = e.field.take().map(rename);
    for p in &mut e.problems {
        p.field = p.field.take().map(rename);
    }
    e
}

/// Opens (or links) the claim of a 三包 order.
fn open_claim(tx: &Connection, order_id: i64, c: &Checked, job: &WarrantyJobInput, today: NaiveDate) -> AppResult<()> {
    let operator = if job.operator.trim().is_empty() {
        c.technician.clone()
    } else {
        job.operator.clone()
    };
    match job.claim_id {
        Some(id) => claim::link_order_in(tx, id, order_id, &operator, today).map_err(job_error)?,
        None => {
            let input = claim::ClaimInput {
                vehicle_id: Some(c.vehicle.id),
                invoice_date: job.invoice_date.clone(),
                fault: c.complaint.clone(),
                fault_category: job.fault_category.clone(),
                main_part_no: job.main_part_no.clone(),
                appraiser: job.appraiser.clone(),
                appraisal_result: job.appraisal_result.clone(),
                appraisal_note: job.appraisal_note.clone(),
                labour_hours: job.labour_hours.clone(),
                labour: job.labour.clone(),
                technician: c.technician.clone(),
                lines: Vec::new(),
                allow_duplicate: job.allow_duplicate,
                operator,
                claim_type: if c.kind == RepairKind::FirstService {
                    "first_service".into()
                } else {
                    "warranty".into()
                },
                dealer: String::new(),
                ..Default::default()
            };
            let facts = claim::OrderFacts {
                order_id,
                reported: c.received_at.date(),
                mileage: c.mileage,
            };
            claim::create_for_order_in(tx, &input, &facts, today).map_err(job_error)?;
        }
    }
    Ok(())
}

struct Checked {
    vehicle: vehicle::Vehicle,
    kind: RepairKind,
    received_at: NaiveDateTime,
    promised_at: NaiveDateTime,
    technician: String,
    receptionist: String,
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
        f.bad("kind", "请选择维修类型（保养、首保、维修、三包、上门/派修）");
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
    let receptionist = f.text("receptionist", "接待员", &i.receptionist, 20, false);
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
    if kind.is_some_and(RepairKind::claimed) && mileage.is_none() && !f.has("mileage") {
        f.bad(
            "mileage",
            format!("{}请填写里程（索赔单要用）", kind.map(RepairKind::label).unwrap_or("")),
        );
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
        receptionist,
        mileage,
        place,
        complaint,
        work_done,
        labour,
    })
}

/// Opens a repair order (在修).
pub fn create(store: &mut Store, input: &RepairInput, now: NaiveDateTime) -> AppResult<RepairOrder> {
    let id = store.write(|tx| create_in(tx, input, now))?;
    get(store.conn(), id, now)
}

/// [`create`] inside the caller's transaction (the demo shop); returns the id.
pub fn create_in(tx: &Connection, input: &RepairInput, now: NaiveDateTime) -> AppResult<i64> {
    let c = check(tx, input, now, None)?;
    let prefix = format!("WX-{}-", c.received_at.format("%Y%m"));
    let order_no = crate::store::next_number(tx, "repair_order", "order_no", &prefix, 4)?;
    tx.execute(
        "INSERT INTO repair_order (order_no, vehicle_id, customer_id, kind, received_at, promised_at, technician,
            mileage, place, complaint, work_done, labour_fen, created_at, receptionist)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
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
            crate::dates::stamp(),
            c.receptionist
        ],
    )?;
    let id = tx.last_insert_rowid();
    if let Some(items) = &input.items {
        super::service::set_order_items(tx, id, items)?;
    }
    if c.kind.claimed() {
        let job = input.claim.clone().unwrap_or_default();
        open_claim(tx, id, &c, &job, now.date())?;
    }
    Ok(id)
}

/// Corrects an order that has not been delivered.
pub fn update(store: &mut Store, id: i64, input: &RepairInput, now: NaiveDateTime) -> AppResult<RepairOrder> {
    let tx = store.conn_mut().transaction()?;
    let old = get(&tx, id, now)?;
    if old.status == RepairStatus::Delivered {
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
    if let (Some(no), true) = (&old.claim_no, c.kind != old.kind) {
        return Err(AppError::invalid(
            "kind",
            format!("维修单已有三包索赔单 {no}，类型不能改"),
        ));
    }
    if old.claim_id.is_some() && c.vehicle.id != old.vehicle_id {
        return Err(AppError::invalid("vehicleId", "已有三包索赔单的维修单不能改换车辆"));
    }
    tx.execute(
        "UPDATE repair_order SET vehicle_id = ?2, customer_id = ?3, kind = ?4, received_at = ?5, promised_at = ?6,
            technician = ?7, mileage = ?8, place = ?9, complaint = ?10, work_done = ?11, labour_fen = ?12,
            receptionist = ?13
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
            c.labour,
            c.receptionist
        ],
    )?;
    if let Some(items) = &input.items {
        super::service::set_order_items(&tx, id, items)?;
    }
    match old.claim_id {
        Some(claim_id) => claim::job_changed_in(&tx, claim_id, c.mileage, &c.complaint)?,
        // found to be a 三包 job after it was opened: its claim opens now (a
        // 三包 order from before orders and claims were one job keeps going
        // without one unless a claim is given)
        None if c.kind.claimed() && (old.kind != c.kind || input.claim.is_some()) => {
            open_claim(&tx, id, &c, &input.claim.clone().unwrap_or_default(), now.date())?
        }
        None => {}
    }
    tx.commit()?;
    get(store.conn(), id, now)
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct RepairPartInput {
    /// 配件编号 (typed or scanned)
    pub part_no: String,
    pub qty: String,
    /// charged per unit; empty = the part's 限价
    pub price: String,
    pub operator: String,
    /// fitted under warranty: issued as 三包更换 onto the order's claim,
    /// charged at nothing
    pub covered: bool,
}

/// Issues a part from stock to an open order (维修领用), dated today.
pub fn add_part(store: &mut Store, id: i64, input: &RepairPartInput, now: NaiveDateTime) -> AppResult<RepairOrder> {
    store.write(|tx| add_part_in(tx, id, input, now))?;
    get(store.conn(), id, now)
}

pub fn add_part_in(tx: &Connection, id: i64, input: &RepairPartInput, now: NaiveDateTime) -> AppResult<i64> {
    let o = get(tx, id, now)?;
    if o.status != RepairStatus::Open {
        return Err(AppError::new(ErrorCode::Conflict, "只有在修的维修单可以领用配件"));
    }
    let mut f = Fields::new();
    let price = f.money("price", "单价", &input.price);
    if input.covered {
        if o.claim_id.is_none() {
            f.bad("partNo", "只有三包、首保维修单（有索赔单）的配件可以由厂家承担");
        }
        if price.is_some_and(|p| p != Money::ZERO) {
            f.bad("price", format!("{}配件不向用户收费，单价请留空", o.kind_label));
        }
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    // the part and quantity as typed; the ledger holds the rest to its rules
    let part = ledger::parse_part(tx, &input.part_no)?
        .map_err(|e| f.problems.push(e))
        .ok();
    let qty = ledger::parse_qty(&input.qty).map_err(|m| f.bad("qty", m)).ok();
    let (Some(part), Some(qty)) = (part, qty) else {
        if input.operator.trim().is_empty() {
            f.bad("operator", "请填写经办人");
        }
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    };
    let today = now.date();
    let note = match (&o.claim_no, input.covered) {
        (Some(no), true) => format!("维修单 {} {}，索赔单 {no}", o.order_no, o.kind_label),
        _ => format!("维修单 {}", o.order_no),
    };
    // a part replaced under 三包 is a 三包更换 (indicator 8); a 首保's oil and
    // filter are service materials, issued as 维修领用 at no charge
    let kind = if input.covered && o.kind == RepairKind::Warranty {
        MovementKind::Warranty
    } else {
        MovementKind::Repair
    };
    let m = ledger::post_new_in(
        tx,
        &NewMovement::new(part.id, kind, qty, today, &input.operator, note),
        today,
    )?;
    let charged = if input.covered {
        Money::ZERO
    } else {
        price.unwrap_or(part.retail_price)
    };
    tx.execute(
        "INSERT INTO repair_part (repair_order_id, part_id, qty, price_fen, movement_id, covered)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, m.part_id, m.qty, charged, m.id, input.covered],
    )?;
    let line = tx.last_insert_rowid();
    if let (true, Some(claim_id)) = (input.covered, o.claim_id) {
        claim::add_job_line_in(tx, claim_id, m.part_id, m.qty, m.id, Money::from_fen(-m.value.to_fen()))?;
    }
    Ok(line)
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
    if o.status != RepairStatus::Open {
        return Err(AppError::new(ErrorCode::Conflict, "只有在修的维修单可以退回配件"));
    }
    let line = o
        .parts
        .iter()
        .find(|l| l.id == line_id)
        .ok_or_else(|| AppError::not_found("该维修单没有这一行配件"))?;
    if let (true, Some(claim_id)) = (line.covered, o.claim_id) {
        claim::remove_job_line_in(&tx, claim_id, line.movement_id)?;
    }
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

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
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
    store.write(|tx| complete_in(tx, id, input, now))?;
    get(store.conn(), id, now)
}

/// [`complete`] inside the caller's transaction.
pub fn complete_in(tx: &Connection, id: i64, input: &CompleteInput, now: NaiveDateTime) -> AppResult<()> {
    let o = get(tx, id, now)?;
    let done = transition(o.status, RepairAction::Complete)?;
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
        "UPDATE repair_order SET status = ?6, done_at = ?2, technician = ?3, work_done = ?4, labour_fen = ?5
         WHERE id = ?1",
        params![
            id,
            datetime_text(done_at.expect("checked")),
            technician,
            work_done,
            labour,
            done.code()
        ],
    )?;
    if let Some(claim_id) = o.claim_id {
        claim::job_done_in(
            tx,
            claim_id,
            done_at.expect("checked").date(),
            &technician,
            &o.order_no,
            now.date(),
        )?;
    }
    // a 保养 is the vehicle's inspection too: it closes the due date it
    // falls on, so the desk does not record it twice (indicator 20)
    if o.kind.is_service() {
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

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct DeliverInput {
    /// empty = now
    pub delivered_at: String,
    /// 实收; empty = the order's total
    pub received: String,
}

/// 交车结算: the vehicle is handed back and the money taken (indicator 19).
pub fn deliver(store: &mut Store, id: i64, input: &DeliverInput, now: NaiveDateTime) -> AppResult<RepairOrder> {
    store.write(|tx| deliver_in(tx, id, input, now))?;
    get(store.conn(), id, now)
}

/// [`deliver`] inside the caller's transaction.
pub fn deliver_in(tx: &Connection, id: i64, input: &DeliverInput, now: NaiveDateTime) -> AppResult<()> {
    let o = get(tx, id, now)?;
    let delivered = transition(o.status, RepairAction::Deliver)?;
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
        "UPDATE repair_order SET status = ?4, delivered_at = ?2, received_fen = ?3 WHERE id = ?1",
        params![
            id,
            datetime_text(at.expect("checked")),
            received.expect("checked"),
            delivered.code()
        ],
    )?;
    Ok(())
}

/// What the desk list shows.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
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
    let limit = if q.limit <= 0 { 200 } else { q.limit.min(1000) };
    rows(conn, q, now, limit)
}

/// The repair orders' columns as exported.
pub const EXPORT_COLUMNS: &[(&str, u16)] = &[
    ("维修单号", 16),
    ("类型", 8),
    ("进厂时间", 17),
    ("客户", 10),
    ("手机", 13),
    ("车型", 14),
    ("车架号", 20),
    ("车牌号", 10),
    ("维修技师", 10),
    ("故障描述", 24),
    ("状态", 10),
    ("工时费", 10),
    ("配件费", 10),
    ("合计", 10),
    ("实收", 10),
    ("完工时间", 17),
    ("交车时间", 17),
];

/// Writes every order the query finds (no cap) as .xlsx; returns how many.
pub fn export(conn: &Connection, q: &RepairQuery, now: NaiveDateTime, path: &std::path::Path) -> AppResult<usize> {
    let rows: Vec<Vec<String>> = rows(conn, q, now, i64::MAX)?
        .into_iter()
        .map(|o| {
            vec![
                o.order_no,
                o.kind_label.to_string(),
                o.received_at,
                o.customer_name,
                o.customer_mobile,
                o.model,
                o.vin,
                o.plate,
                o.technician,
                o.complaint,
                o.status_label.to_string(),
                o.labour.to_string(),
                o.parts_amount.to_string(),
                o.total.to_string(),
                o.received.to_string(),
                o.done_at.unwrap_or_default(),
                o.delivered_at.unwrap_or_default(),
            ]
        })
        .collect();
    crate::sheet::write_table(path, "维修单", EXPORT_COLUMNS, &rows)?;
    Ok(rows.len())
}

fn rows(conn: &Connection, q: &RepairQuery, now: NaiveDateTime, limit: i64) -> AppResult<Vec<RepairOrder>> {
    let mut f = Filter::new();
    match q.status.as_str() {
        "active" => f.and("o.status IN ('open', 'done')"),
        "delivered" => f.and("o.status = 'delivered'"),
        _ => {}
    }
    let text = q.q.trim();
    if !text.is_empty() {
        let like = f.contains(text);
        let tail = f.ends_with(&text.to_uppercase());
        let plate = f.contains(&super::vin::plate_text(text));
        f.and(format!(
            "(o.order_no LIKE {like} ESCAPE '\\' OR c.name LIKE {like} ESCAPE '\\' OR c.mobile LIKE {like} ESCAPE '\\'
              OR v.vin LIKE {tail} ESCAPE '\\' OR (v.plate <> '' AND v.plate LIKE {plate} ESCAPE '\\'))"
        ));
    }
    if !q.month.trim().is_empty() {
        let m = crate::dates::Month::parse(&q.month)?;
        let a = f.arg(m.first_day().to_string());
        let b = f.arg(format!("{} 99", m.last_day()));
        f.and(format!("o.received_at BETWEEN {a} AND {b}"));
    }
    let order = if q.status == "active" {
        "o.promised_at, o.id"
    } else {
        "o.received_at DESC, o.id DESC"
    };
    let where_sql = f.sql();
    let mut st = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM {FROM} {where_sql} ORDER BY {order} LIMIT {limit}"
    ))?;
    let rows = st
        .query_map(f.params(), |r| from_row(conn, r, now))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The desk's to-do (工作台): vehicles in the shop (在修 or 完工待交车) and,
/// of them, those past their promised time at `now`.
pub fn in_shop_counts(conn: &Connection, now: NaiveDateTime) -> AppResult<(i64, i64)> {
    Ok(conn.query_row(
        // two ranges of the (status, promised_at) index
        "SELECT (SELECT count(*) FROM repair_order WHERE status IN ('open', 'done')),
                (SELECT count(*) FROM repair_order WHERE status IN ('open', 'done') AND promised_at < ?1)",
        [datetime_text(now)],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
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

    #[test]
    fn a_repair_orders_path_allows_only_its_steps() {
        use RepairAction as A;
        use RepairStatus as S;
        let allowed = [(S::Open, A::Complete, S::Done), (S::Done, A::Deliver, S::Delivered)];
        for status in S::ALL {
            // sent and stored as its code
            assert_eq!(serde_json::to_value(status).unwrap(), status.code());
            assert_eq!(S::parse(status.code()), Some(status));
            for action in [A::Complete, A::Deliver] {
                match allowed.iter().find(|(from, a, _)| *from == status && *a == action) {
                    Some((_, _, to)) => assert_eq!(transition(status, action).unwrap(), *to),
                    None => assert_eq!(transition(status, action).unwrap_err().code, ErrorCode::Conflict),
                }
            }
        }
        let why = |s, a| transition(s, a).unwrap_err().message;
        assert_eq!(why(S::Done, A::Complete), "这张维修单已经完工");
        assert_eq!(why(S::Delivered, A::Complete), "这张维修单已经完工");
        assert_eq!(why(S::Open, A::Deliver), "维修单还没有完工，不能交车");
        assert_eq!(why(S::Delivered, A::Deliver), "这张维修单已经交车结算");
    }

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
            covered: false,
        };
        add_part(&mut s, o.id, &part("OIL-1", "2", ""), now).unwrap();
        let o = add_part(&mut s, o.id, &part("SP-1", "1", "25"), now).unwrap();
        assert_eq!((on_hand(&s, "OIL-1"), on_hand(&s, "SP-1")), (18, 9));
        // 2 × ¥15.00 (限价) + 1 × ¥25.00
        assert_eq!(o.parts_amount, Money::from_yuan(55));
        // the list exported: every order the query finds, as shown
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("orders.xlsx");
        assert_eq!(export(s.conn(), &RepairQuery::default(), now, &path).unwrap(), 1);
        let t = crate::sheet::read_table(&path, 1 << 20).unwrap();
        let cell = |h: &str| t.rows[0].1[t.col(h).unwrap()].clone();
        assert_eq!(
            (cell("维修单号"), cell("配件费"), cell("状态")),
            ("WX-202611-0001".into(), "55.00".into(), "在修".into())
        );
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

    /// The shop plus 活塞 PIS-1 (发动机, 3 in stock at ¥40.00).
    fn warranty_shop() -> Store {
        let mut s = shop();
        catalog::create(
            s.conn(),
            &catalog::PartInput {
                category: "发动机".into(),
                cost_price: "40".into(),
                ..crate::parts::testkit::part("PIS-1", "活塞")
            },
        )
        .unwrap();
        let mut receipt = crate::parts::testkit::mv("PIS-1", "receipt", "3", "2026-01-05");
        receipt.unit_cost = "40".into();
        crate::parts::ledger::post_on(&mut s, &receipt, crate::customers::testkit::day("2026-11-26")).unwrap();
        s
    }

    fn job(v: i64) -> RepairInput {
        RepairInput {
            claim: Some(WarrantyJobInput {
                main_part_no: "PIS-1".into(),
                fault_category: "发动机".into(),
                appraiser: "赵鉴定".into(),
                appraisal_result: "活塞拉伤，属质量问题".into(),
                labour_hours: "2.5".into(),
                labour: "50".into(),
                operator: "小李".into(),
                ..Default::default()
            }),
            mileage: "4200".into(),
            ..order(v, "warranty", "2026-11-20 09:00")
        }
    }

    fn fit(no: &str, covered: bool, price: &str) -> RepairPartInput {
        RepairPartInput {
            part_no: no.into(),
            qty: "1".into(),
            price: price.into(),
            operator: "张师傅".into(),
            covered,
        }
    }

    /// One 三包 job from reception to settlement, by hand: 活塞 fitted under
    /// warranty (book ¥40.00), an oil change the customer pays for (¥15.00
    /// 限价) with ¥20.00 of labour; the factory is asked ¥50.00 labour +
    /// ¥40.00 parts and pays ¥40.00 + ¥45.00.
    #[test]
    fn a_warranty_job_is_one_job_and_each_figure_counts_it_once() {
        use crate::dates::Month;
        use crate::warranty::claim as wc;
        let mut s = warranty_shop();
        let v = sell(&mut s, "王小明", "13800138000", 1, "2026-03-10");
        // November's one sale (¥6,800.00), the base of 9
        sell(&mut s, "赵六", "13700137000", 3, "2026-11-05");
        let now = at("2026-11-20 09:30");
        // a 三包 order needs the mileage the claim uses
        let e = create(
            &mut s,
            &RepairInput {
                mileage: "".into(),
                ..job(v)
            },
            now,
        )
        .unwrap_err();
        assert_eq!(e.problems[0].field.as_deref(), Some("mileage"));
        // and the claim's main part, named under the order form's field
        let mut bad = job(v);
        bad.claim.as_mut().unwrap().main_part_no = "NOPE".into();
        let e = create(&mut s, &bad, now).unwrap_err();
        assert_eq!(e.problems[0].field.as_deref(), Some("claimMainPartNo"), "{e:?}");
        let count = |s: &Store, t: &str| -> i64 {
            s.conn()
                .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!((count(&s, "repair_order"), count(&s, "warranty_claim")), (0, 0));

        let o = create(&mut s, &job(v), now).unwrap();
        let claim_id = o.claim_id.expect("the order opened its claim");
        let c = wc::get(s.conn(), claim_id).unwrap();
        // vehicle, mileage, fault and date entered once
        assert_eq!(
            (c.claim_no.as_str(), c.mileage, c.fault.as_str(), c.reported_on.as_str()),
            ("SB-202611-0001", 4200, "发动机异响", "2026-11-20")
        );
        assert_eq!(c.repair_order_no.as_deref(), Some(o.order_no.as_str()));
        // the part fitted under warranty: issued once, as 三包更换, onto the claim
        let o = add_part(&mut s, o.id, &fit("PIS-1", true, ""), now).unwrap();
        assert_eq!((o.parts[0].covered, o.parts[0].amount), (true, Money::ZERO));
        let e = add_part(&mut s, o.id, &fit("OIL-1", true, "5"), now).unwrap_err();
        assert!(e.message.contains("三包配件不向用户收费"), "{}", e.message);
        let e = add_part(&mut s, o.id, &fit("PIS-1", true, ""), now).unwrap_err();
        assert!(e.message.contains("已在索赔单"), "{}", e.message);
        // the oil change is the customer's, on the same order
        let o = add_part(&mut s, o.id, &fit("OIL-1", false, ""), now).unwrap();
        assert_eq!((on_hand(&s, "PIS-1"), on_hand(&s, "OIL-1")), (2, 19));
        let kinds: Vec<(String, i64)> = s
            .conn()
            .prepare("SELECT kind, delta FROM stock_movement WHERE kind IN ('warranty', 'repair') ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(kinds, [("warranty".to_string(), -1), ("repair".to_string(), -1)]);
        let c = wc::get(s.conn(), claim_id).unwrap();
        assert_eq!(
            (c.lines.len(), c.lines[0].value, c.total),
            (1, Some(Money::from_yuan(40)), Money::from_yuan(90))
        );
        // the claim does not issue its parts again, nor go to the factory before the work is done
        let e = wc::issue_parts(&mut s, claim_id, "", "小李", now.date()).unwrap_err();
        assert!(e.message.contains("按三包领用"), "{}", e.message);
        let submit = |s: &mut Store, date: &str| {
            wc::step(
                s,
                claim_id,
                &wc::StepInput {
                    action: "submit".into(),
                    operator: "小李".into(),
                    date: date.into(),
                    ..Default::default()
                },
                crate::customers::testkit::day("2026-11-26"),
            )
        };
        let e = submit(&mut s, "2026-11-20").unwrap_err();
        assert!(e.problems[0].message.contains("还没有完工"), "{e:?}");

        let o = complete(
            &mut s,
            o.id,
            &CompleteInput {
                done_at: "2026-11-20 11:00".into(),
                technician: "张师傅".into(),
                work_done: "更换活塞；更换机油（自费）".into(),
                labour: "20".into(),
            },
            at("2026-11-20 11:30"),
        )
        .unwrap();
        // the customer's bill: the labour and the oil, not the piston
        assert_eq!(o.total, Money::from_yuan(35));
        let o = deliver(&mut s, o.id, &DeliverInput::default(), at("2026-11-20 11:30")).unwrap();
        assert_eq!(o.received, Money::from_yuan(35));
        let c = wc::get(s.conn(), claim_id).unwrap();
        assert_eq!(
            (c.repaired_on.as_deref(), c.technician.as_str()),
            (Some("2026-11-20"), "张师傅")
        );
        submit(&mut s, "2026-11-21").unwrap();
        let t = crate::customers::testkit::day("2026-11-26");
        let step = |s: &mut Store, action: &str, date: &str, parts: &str, labour: &str| {
            wc::step(
                s,
                claim_id,
                &wc::StepInput {
                    action: action.into(),
                    operator: "王经理".into(),
                    date: date.into(),
                    parts_amount: parts.into(),
                    labour_amount: labour.into(),
                    ..Default::default()
                },
                t,
            )
        };
        step(&mut s, "approve", "2026-11-25", "", "").unwrap();
        // more than was claimed: refused
        let e = step(&mut s, "settle", "2026-11-26", "40", "60").unwrap_err();
        assert!(e.problems[0].message.contains("超过索赔金额 ¥90.00"), "{e:?}");
        let c = step(&mut s, "settle", "2026-11-26", "40", "45").unwrap();
        assert_eq!(
            (c.settled, c.settled_parts, c.settled_labour),
            (
                Some(Money::from_yuan(85)),
                Some(Money::from_yuan(40)),
                Some(Money::from_yuan(45))
            )
        );
        // the old part goes back
        crate::warranty::old_parts::create_batch(
            &mut s,
            &crate::warranty::old_parts::BatchInput {
                shipped_on: "2026-11-26".into(),
                line_ids: vec![c.lines[0].id],
                note: String::new(),
            },
            t,
        )
        .unwrap();

        // each figure counts the job once
        let m = Month::parse("2026-11").unwrap();
        let w = crate::warranty::indicators::compute(s.conn(), m).unwrap();
        assert_eq!(w.parts_value, Money::from_yuan(40)); // 8
        assert_eq!(w.cost_rate.unwrap().display(), "0.6%"); // 9: 40 ÷ 6,800 = 0.588%
        assert_eq!(w.returned_value, Money::from_yuan(40)); // 10
        let ci = crate::customers::indicators::compute(s.conn(), m).unwrap();
        assert_eq!(ci.vehicles_repaired, 1); // 17
        assert_eq!(
            (ci.by_technician[0].technician.as_str(), ci.by_technician[0].vehicles),
            ("张师傅", 1)
        );
        assert_eq!(ci.repair_revenue, Money::from_yuan(35)); // 19: what the customer paid
        let p = crate::parts::indicators::compute(s.conn(), m).unwrap();
        assert_eq!(p.engine_oil_sales, Money::from_yuan(15)); // 22: the oil the customer paid for
        let d = crate::dashboard::compute(s.conn(), m, t).unwrap();
        let i19 = d.indicators.iter().find(|i| i.no == 19).unwrap();
        assert_eq!(i19.value.as_deref(), Some("35.00"));
        assert_eq!(
            i19.aside.as_deref(),
            Some("另有厂家三包结算 ¥85.00（1 张索赔单），不计入维修收入")
        );
    }

    /// A claim typed before the vehicle was booked in is linked to the
    /// order; its typed lines are filled by the parts fitted on the order,
    /// and the order cannot be completed while one is missing. A covered
    /// line taken off goes back to stock and off the claim.
    #[test]
    fn an_existing_claim_joins_its_order() {
        use crate::warranty::claim as wc;
        let mut s = warranty_shop();
        let v = sell(&mut s, "王小明", "13800138000", 1, "2026-03-10");
        let other = sell(&mut s, "李四", "13900139000", 2, "2026-03-10");
        let t = crate::customers::testkit::day("2026-11-20");
        let now = at("2026-11-20 09:30");
        let c = wc::create(
            &mut s,
            &wc::ClaimInput {
                vehicle_id: Some(v),
                mileage: "4200".into(),
                reported_on: "2026-11-20".into(),
                fault: "发动机异响".into(),
                main_part_no: "PIS-1".into(),
                lines: vec![
                    wc::ClaimLineInput {
                        part_no: "PIS-1".into(),
                        qty: "1".into(),
                    },
                    wc::ClaimLineInput {
                        part_no: "SP-1".into(),
                        qty: "1".into(),
                    },
                ],
                operator: "小李".into(),
                ..Default::default()
            },
            t,
        )
        .unwrap();
        let link = |vehicle: i64| RepairInput {
            claim: Some(WarrantyJobInput {
                claim_id: Some(c.id),
                ..Default::default()
            }),
            mileage: "4200".into(),
            ..order(vehicle, "warranty", "2026-11-20 09:00")
        };
        let e = create(&mut s, &link(other), now).unwrap_err();
        assert!(e.message.contains("另一辆车"), "{}", e.message);
        let o = create(&mut s, &link(v), now).unwrap();
        assert_eq!(o.claim_no.as_deref(), Some(c.claim_no.as_str()));
        let o = add_part(&mut s, o.id, &fit("PIS-1", true, ""), now).unwrap();
        let done = CompleteInput {
            done_at: "2026-11-20 11:00".into(),
            technician: "张师傅".into(),
            work_done: "更换活塞".into(),
            labour: String::new(),
        };
        let e = complete(&mut s, o.id, &done, now + Duration::hours(2)).unwrap_err();
        assert!(
            e.message.contains("「火花塞」还没有在维修单上按三包领用"),
            "{}",
            e.message
        );
        let o = add_part(&mut s, o.id, &fit("SP-1", true, ""), now).unwrap();
        assert_eq!((on_hand(&s, "PIS-1"), on_hand(&s, "SP-1")), (2, 9));
        // taken off again: back in stock, off the claim
        let o = remove_part(&mut s, o.id, o.parts[1].id, "张师傅", now).unwrap();
        assert_eq!(on_hand(&s, "SP-1"), 10);
        let c = wc::get(s.conn(), c.id).unwrap();
        assert_eq!(
            c.lines.iter().map(|l| l.part_no.as_str()).collect::<Vec<_>>(),
            ["PIS-1"]
        );
        let o = complete(&mut s, o.id, &done, now + Duration::hours(2)).unwrap();
        assert_eq!((o.status, o.total), (RepairStatus::Done, Money::ZERO));
        // a job's kind stays 三包
        let as_repair = RepairInput {
            mileage: "4200".into(),
            ..order(v, "repair", "2026-11-20 09:00")
        };
        let e = update(&mut s, o.id, &as_repair, now + Duration::hours(2)).unwrap_err();
        assert!(e.message.contains("类型不能改"), "{}", e.message);
    }

    /// 首保: the free first service the factory pays for, claimed as its own
    /// claim type. Its oil is issued once (维修领用 at no charge, not a 三包更换),
    /// is no sale (22), costs the customer nothing (19), closes the vehicle's
    /// inspection (20), and a vehicle has one.
    #[test]
    fn a_first_service_is_claimed_from_the_factory_once() {
        use crate::dates::Month;
        use crate::warranty::claim as wc;
        let mut s = warranty_shop();
        let v = sell(&mut s, "王小明", "13800138000", 1, "2026-10-21");
        let now = at("2026-11-20 09:30");
        let first = |mileage: &str| RepairInput {
            claim: Some(WarrantyJobInput {
                labour_hours: "0.5".into(),
                labour: "30".into(),
                operator: "小李".into(),
                ..Default::default()
            }),
            mileage: mileage.into(),
            complaint: "首次保养".into(),
            ..order(v, "first_service", "2026-11-20 09:00")
        };
        let o = create(&mut s, &first("800"), now).unwrap();
        assert_eq!((o.kind, o.kind_label), (RepairKind::FirstService, "首保"));
        let c = wc::get(s.conn(), o.claim_id.unwrap()).unwrap();
        assert_eq!(
            (
                c.claim_type.as_str(),
                c.claim_type_label,
                c.main_part_id,
                c.coverage_issues.len()
            ),
            ("first_service", "首保", None, 0)
        );
        let o = add_part(&mut s, o.id, &fit("OIL-1", true, ""), now).unwrap();
        assert_eq!((o.parts[0].covered, o.total), (true, Money::ZERO));
        let kind: String = s
            .conn()
            .query_row(
                "SELECT kind FROM stock_movement WHERE id = ?1",
                [o.parts[0].movement_id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(kind, "repair");
        let o = complete(
            &mut s,
            o.id,
            &CompleteInput {
                done_at: "2026-11-20 10:00".into(),
                technician: "张师傅".into(),
                work_done: "首保：更换机油".into(),
                labour: String::new(),
            },
            now + Duration::hours(1),
        )
        .unwrap();
        let o = deliver(&mut s, o.id, &DeliverInput::default(), now + Duration::hours(1)).unwrap();
        assert_eq!(o.received, Money::ZERO);
        // the claim: ¥30.00 labour + the oil at book cost ¥10.00
        let c = wc::get(s.conn(), c.id).unwrap();
        assert_eq!(
            (c.total, c.repaired_on.as_deref()),
            (Money::from_yuan(40), Some("2026-11-20"))
        );
        // its inspection is closed by the service
        let inspections: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM inspection WHERE vehicle_id = ?1", [v], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(inspections, 1);
        // nothing goes back to the factory, nothing is a 三包更换, nothing is sold
        assert!(crate::warranty::old_parts::waiting(s.conn(), now.date())
            .unwrap()
            .is_empty());
        let m = Month::parse("2026-11").unwrap();
        assert_eq!(
            crate::warranty::indicators::compute(s.conn(), m).unwrap().parts_value,
            Money::ZERO
        );
        assert_eq!(
            crate::parts::indicators::compute(s.conn(), m).unwrap().engine_oil_sales,
            Money::ZERO
        );
        let ci = crate::customers::indicators::compute(s.conn(), m).unwrap();
        assert_eq!((ci.vehicles_repaired, ci.repair_revenue), (1, Money::ZERO));
        // one 首保 per vehicle
        let e = create(&mut s, &first("900"), now + Duration::hours(2)).unwrap_err();
        assert!(e.message.contains("首保只有一次"), "{}", e.message);
        assert_eq!(e.field.as_deref(), Some("claimClaimType"));
        // a 首保 has no 包换/包退
        let e = wc::record_outcome(
            &mut s,
            c.id,
            &wc::OutcomeInput {
                outcome: "exchange".into(),
                item: "整车".into(),
                operator: "王经理".into(),
                ..Default::default()
            },
            now.date(),
        )
        .unwrap_err();
        assert!(e.message.contains("首保索赔没有包换"), "{}", e.message);
    }

    /// A 首保 past its window is flagged like an uncovered 三包.
    #[test]
    fn a_late_first_service_is_flagged() {
        use crate::warranty::claim as wc;
        let mut s = warranty_shop();
        let v = sell(&mut s, "王小明", "13800138000", 1, "2026-03-10");
        let o = create(
            &mut s,
            &RepairInput {
                claim: Some(WarrantyJobInput {
                    operator: "小李".into(),
                    ..Default::default()
                }),
                mileage: "2100".into(),
                ..order(v, "first_service", "2026-11-20 09:00")
            },
            at("2026-11-20 09:30"),
        )
        .unwrap();
        let c = wc::get(s.conn(), o.claim_id.unwrap()).unwrap();
        assert_eq!(
            c.coverage_issues,
            [
                "已超过首保期：首保限购车后 3 个月内，自发票日期 2026-03-10 至 2026-06-10，进厂日期 2026-11-20",
                "已超过首保里程：首保限 1500 公里内，现 2100 公里"
            ]
        );
    }

    /// 包换 / 包退: the outcome of a 三包 case, with its date and what it was;
    /// bad input refused, and 修复 takes it back.
    #[test]
    fn an_exchange_or_refund_is_recorded_on_the_claim() {
        use crate::warranty::claim as wc;
        let mut s = warranty_shop();
        let v = sell(&mut s, "王小明", "13800138000", 1, "2026-03-10");
        let o = create(&mut s, &job(v), at("2026-11-20 09:30")).unwrap();
        let id = o.claim_id.unwrap();
        let t = crate::customers::testkit::day("2026-11-26");
        let out = |outcome: &str, date: &str, item: &str, refund: &str| wc::OutcomeInput {
            outcome: outcome.into(),
            date: date.into(),
            item: item.into(),
            refund: refund.into(),
            note: String::new(),
            operator: "王经理".into(),
        };
        for (input, msg) in [
            (out("refund", "2026-11-22", "整车", ""), "包退请填写退款金额"),
            (out("exchange", "2026-11-22", "", ""), "请填写包换内容"),
            (out("exchange", "2026-11-19", "发动机总成", ""), "包换日期早于报修日期"),
            (out("exchange", "2026-11-27", "发动机总成", ""), "晚于今天"),
            (
                out("exchange", "2026-11-22", "发动机总成", "100"),
                "只有包退才填写退款金额",
            ),
            (out("swap", "", "整车", ""), "请选择处理结果"),
        ] {
            let e = wc::record_outcome(&mut s, id, &input, t).unwrap_err();
            assert!(e.problems.iter().any(|p| p.message.contains(msg)), "{msg}: {e:?}");
        }
        assert_eq!(wc::get(s.conn(), id).unwrap().outcome, "repair");
        let c = wc::record_outcome(&mut s, id, &out("包退", "2026-11-22", "整车", "6800"), t).unwrap();
        assert_eq!(
            (
                c.outcome_label,
                c.outcome_on.as_deref(),
                c.outcome_item.as_str(),
                c.refund
            ),
            ("包退", Some("2026-11-22"), "整车", Some(Money::from_yuan(6800)))
        );
        assert!(c
            .events
            .iter()
            .any(|e| e.action == "处理结果：包退" && e.note.contains("退款 ¥6,800.00")));
        let c = wc::record_outcome(&mut s, id, &out("repair", "", "", ""), t).unwrap();
        assert_eq!((c.outcome.as_str(), c.outcome_on, c.refund), ("repair", None, None));
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
