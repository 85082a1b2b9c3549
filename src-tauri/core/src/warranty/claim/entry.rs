//! Entering a claim (录入): the form's checks, a likely duplicate, create
//! and update, and issuing its parts from stock (维修出库) for a claim
//! entered on its own.

use super::*;
use chrono::{Duration, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::customers::vehicle;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::Fields;
use crate::money::Money;
use crate::parts::catalog;
use crate::parts::ledger::{self, MovementKind, NewMovement};
use crate::store::Store;

/// A duplicate is the same vehicle and main part within this many days.
pub const DUPLICATE_DAYS: i64 = 30;

/// A claim as typed (text).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct ClaimLineInput {
    pub part_no: String,
    pub qty: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct ClaimInput {
    pub vehicle_id: Option<i64>,
    /// empty = the vehicle's sale date
    pub invoice_date: String,
    pub mileage: String,
    /// empty = today
    pub reported_on: String,
    pub fault: String,
    pub fault_category: String,
    /// 主损件 part number
    pub main_part_no: String,
    pub appraiser: String,
    pub appraisal_result: String,
    pub appraisal_note: String,
    pub labour_hours: String,
    pub labour: String,
    /// 维修技师 (a claim with a repair order takes the order's)
    pub technician: String,
    /// ignored on a claim that belongs to a repair order: its lines are the
    /// parts issued on the order as covered
    pub lines: Vec<ClaimLineInput>,
    /// the clerk confirmed it is not a duplicate
    pub allow_duplicate: bool,
    pub operator: String,
    /// `warranty` (empty) or `first_service` — a 首保 claim is opened by its
    /// 首保 repair order, never on its own
    pub claim_type: String,
    /// 报修网点: the outlet that did the repair and reports the claim, by its
    /// name on the register (empty: the shop's own job)
    pub dealer: String,
}

struct Checked {
    vehicle: vehicle::Vehicle,
    invoice: NaiveDate,
    mileage: i64,
    reported: NaiveDate,
    fault: String,
    fault_category: String,
    /// None on a 首保 claim
    main: Option<catalog::Part>,
    first_service: bool,
    appraiser: String,
    appraisal_result: String,
    appraisal_note: String,
    labour_hours: Decimal,
    labour: Money,
    technician: String,
    lines: Vec<(catalog::Part, i64)>,
    operator: String,
    /// 报修网点
    dealer_id: Option<i64>,
}

/// What a 三包 repair order has already read from its own form and its
/// claim takes as it is (not as text to read again): the order, the day the
/// vehicle came in (the claim's 报修日期) and the mileage it came in with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderFacts {
    pub order_id: i64,
    pub reported: NaiveDate,
    pub mileage: Option<i64>,
}

/// `linked`: the claim belongs to a repair order, whose covered parts are
/// its lines (none are typed here); `order`: a claim opened by its order
/// now, with what the order has already read.
fn check(
    conn: &Connection,
    i: &ClaimInput,
    today: NaiveDate,
    editing: Option<i64>,
    linked: bool,
    order: Option<&OrderFacts>,
) -> AppResult<Checked> {
    let mut f = Fields::new();
    let vehicle = i.vehicle_id.and_then(|id| vehicle::get(conn, id).ok());
    if vehicle.is_none() {
        f.bad("vehicleId", "请选择车辆（车架号）");
    }
    let invoice = if i.invoice_date.trim().is_empty() {
        match vehicle.as_ref().and_then(|v| v.sale_date.clone()) {
            Some(d) => f.date("invoiceDate", "购车发票日期", &d, today),
            None => {
                if vehicle.is_some() {
                    f.bad("invoiceDate", "请填写购车发票日期");
                }
                None
            }
        }
    } else {
        f.required_date("invoiceDate", "购车发票日期", &i.invoice_date, today)
    };
    let reported = match order {
        Some(o) => Some(o.reported),
        None if i.reported_on.trim().is_empty() => Some(today),
        None => f.required_date("reportedOn", "报修日期", &i.reported_on, today),
    };
    if let (Some(inv), Some(rep)) = (invoice, reported) {
        if inv > rep {
            f.bad("invoiceDate", format!("发票日期（{inv}）晚于报修日期（{rep}）"));
        }
    }
    let mileage = match order {
        Some(o) => o.mileage,
        None => f.count("mileage", "进厂里程", &i.mileage, 2_000_000),
    };
    if mileage.is_none() && !f.has("mileage") {
        f.bad("mileage", "请填写进厂里程");
    }
    if let (Some(m), Some(v)) = (mileage, &vehicle) {
        let last: Option<(i64, String)> = conn
            .query_row(
                "SELECT mileage, d FROM (
                     SELECT mileage, substr(received_at, 1, 10) AS d FROM repair_order
                      WHERE vehicle_id = ?1 AND mileage IS NOT NULL
                     UNION ALL SELECT mileage, inspected_on FROM inspection WHERE vehicle_id = ?1 AND mileage IS NOT NULL
                     UNION ALL SELECT mileage, reported_on FROM warranty_claim WHERE vehicle_id = ?1 AND id IS NOT ?2)
                 ORDER BY mileage DESC LIMIT 1",
                params![v.id, editing],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((lm, on)) = last {
            if m < lm {
                f.bad(
                    "mileage",
                    format!("进厂里程 {m} 公里低于该车 {on} 记录的 {lm} 公里，请核对里程表"),
                );
            }
        }
    }
    let fault = f.text("fault", "故障描述", &i.fault, 500, true);
    let fault_category = f.text("faultCategory", "故障类别", &i.fault_category, 20, false);
    let first_service = match i.claim_type.trim() {
        "" | "warranty" => false,
        "first_service" if linked => true,
        "first_service" => {
            f.bad("claimType", "首保索赔随首保维修单开立，请开「首保」维修单");
            false
        }
        t => {
            f.bad("claimType", format!("不认识的索赔类型「{t}」"));
            false
        }
    };
    let main = if first_service {
        None
    } else if i.main_part_no.trim().is_empty() {
        f.bad("mainPartNo", "请填写主损件（配件编号）");
        None
    } else {
        match catalog::find_by_no(conn, &i.main_part_no)? {
            Some(p) => Some(p),
            None => {
                f.bad(
                    "mainPartNo",
                    format!("没有编号为「{}」的配件", catalog::normalize_part_no(&i.main_part_no)),
                );
                None
            }
        }
    };
    let appraiser = f.text("appraiser", "鉴定员", &i.appraiser, 20, false);
    let appraisal_result = f.text("appraisalResult", "鉴定结果", &i.appraisal_result, 200, false);
    let appraisal_note = f.text("appraisalNote", "鉴定说明", &i.appraisal_note, 500, false);
    let labour_hours = match i.labour_hours.trim() {
        "" => Decimal::ZERO,
        t => match t.parse::<Decimal>() {
            Ok(d) if d >= Decimal::ZERO && d <= Decimal::from(200) && d.normalize().scale() <= 1 => d.normalize(),
            _ => {
                f.bad("labourHours", format!("工时「{t}」应为 0–200 之间、最多一位小数的数字"));
                Decimal::ZERO
            }
        },
    };
    let labour = f.money("labour", "工时费", &i.labour).unwrap_or(Money::ZERO);
    let technician = f.text("technician", "维修技师", &i.technician, 20, false);
    let mut lines: Vec<(catalog::Part, i64)> = Vec::new();
    if !linked && i.lines.iter().all(|l| l.part_no.trim().is_empty()) {
        f.bad("lines", "请至少填写一种更换配件");
    }
    let typed: &[ClaimLineInput] = if linked { &[] } else { &i.lines };
    for (n, l) in typed.iter().enumerate() {
        if l.part_no.trim().is_empty() {
            continue;
        }
        let row = n + 1;
        let part = catalog::find_by_no(conn, &l.part_no)?;
        let qty = match l.qty.trim().parse::<i64>() {
            Ok(q) if q > 0 && q <= 1000 => Some(q),
            _ => {
                f.bad("lines", format!("第 {row} 行：数量「{}」应为正整数", l.qty.trim()));
                None
            }
        };
        match part {
            None => f.bad(
                "lines",
                format!(
                    "第 {row} 行：没有编号为「{}」的配件",
                    catalog::normalize_part_no(&l.part_no)
                ),
            ),
            Some(p) if !p.active => f.bad("lines", format!("第 {row} 行：配件「{}」已停用", p.name)),
            Some(p) => {
                if lines.iter().any(|(x, _)| x.id == p.id) {
                    f.bad("lines", format!("第 {row} 行：配件「{}」重复，请合并数量", p.name));
                } else if let Some(q) = qty {
                    lines.push((p, q));
                }
            }
        }
    }
    let operator = f.text("operator", "经办人", &i.operator, 20, true);
    // an outlet's repair is reported by the outlet (on the register, not
    // revoked by the report date); the shop's 三包 order is the shop's own job
    let mut dealer_id = None;
    if !i.dealer.trim().is_empty() {
        if linked {
            f.bad("dealer", "维修单上的三包是本店维修的，不是网点报修");
        } else if first_service {
            f.bad("dealer", "首保索赔由本店的首保维修单开出");
        } else if let Some(on) = reported {
            match crate::network::outlet::usable(conn, &i.dealer, on, "报修索赔")? {
                Ok(id) => dealer_id = Some(id),
                Err(m) => f.bad("dealer", m),
            }
        }
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    Ok(Checked {
        dealer_id,
        vehicle: vehicle.expect("checked"),
        invoice: invoice.expect("checked"),
        mileage: mileage.expect("checked"),
        reported: reported.expect("checked"),
        fault,
        fault_category,
        main: if first_service {
            None
        } else {
            Some(main.expect("checked"))
        },
        first_service,
        appraiser,
        appraisal_result,
        appraisal_note,
        labour_hours,
        labour,
        technician,
        lines,
        operator,
    })
}

/// Another claim on the same vehicle and main part within 30 days.
fn duplicate_of(conn: &Connection, c: &Checked, editing: Option<i64>) -> AppResult<Option<(String, String)>> {
    let Some(main) = &c.main else {
        return Ok(None);
    };
    Ok(conn
        .query_row(
            "SELECT claim_no, reported_on FROM warranty_claim
             WHERE vehicle_id = ?1 AND main_part_id = ?2 AND id IS NOT ?3 AND status <> 'rejected'
               AND reported_on BETWEEN ?4 AND ?5 ORDER BY reported_on DESC LIMIT 1",
            params![
                c.vehicle.id,
                main.id,
                editing,
                (c.reported - Duration::days(DUPLICATE_DAYS)).to_string(),
                (c.reported + Duration::days(DUPLICATE_DAYS)).to_string()
            ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

fn duplicate_error(c: &Checked, no: &str, on: &str) -> AppError {
    AppError::invalid(
        "duplicate",
        format!(
            "可能重复：车架号 {} 的主损件「{}」{} 天内已有索赔单 {no}（报修 {on}）。确认不是重复后再保存",
            c.vehicle.vin,
            c.main.as_ref().map(|m| m.name.as_str()).unwrap_or(""),
            DUPLICATE_DAYS
        ),
    )
}

/// Records a step of the claim's history. `on` is the date the step is
/// dated (today: with the time it was recorded; an earlier date, as when a
/// day's paper claims are entered later: that date).
#[allow(clippy::too_many_arguments)]
pub(super) fn event(
    tx: &Connection,
    id: i64,
    who: &str,
    action: &str,
    from: Option<&str>,
    to: Option<&str>,
    note: &str,
    on: NaiveDate,
    today: NaiveDate,
) -> AppResult<()> {
    let at = if on >= today {
        crate::dates::stamp()
    } else {
        on.to_string()
    };
    tx.execute(
        "INSERT INTO warranty_claim_event (claim_id, at, who, action, from_status, to_status, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, at, who, action, from, to, note],
    )?;
    Ok(())
}

fn write_lines(tx: &Connection, id: i64, lines: &[(catalog::Part, i64)]) -> AppResult<()> {
    tx.execute("DELETE FROM warranty_claim_line WHERE claim_id = ?1", [id])?;
    for (p, q) in lines {
        tx.execute(
            "INSERT INTO warranty_claim_line (claim_id, part_id, qty) VALUES (?1, ?2, ?3)",
            params![id, p.id, q],
        )?;
    }
    Ok(())
}

/// 录入: a new claim, as a draft.
pub fn create(store: &mut Store, input: &ClaimInput, today: NaiveDate) -> AppResult<Claim> {
    let id = store.write(|tx| create_in(tx, input, today))?;
    get(store.conn(), id)
}

pub fn create_in(tx: &Connection, input: &ClaimInput, today: NaiveDate) -> AppResult<i64> {
    create_for(tx, input, None, today)
}

/// 录入 for a 三包 repair order (the job): no lines yet — the parts fitted
/// under warranty are issued on the order and become the claim's lines. The
/// input's 报修日期 and mileage are not read: the order's `facts` are.
pub fn create_for_order_in(
    tx: &Connection,
    input: &ClaimInput,
    facts: &OrderFacts,
    today: NaiveDate,
) -> AppResult<i64> {
    create_for(tx, input, Some(facts), today)
}

/// A vehicle has one 首保: another 首保 claim not refused.
fn first_service_taken(conn: &Connection, vehicle: i64, editing: Option<i64>) -> AppResult<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT claim_no FROM warranty_claim WHERE vehicle_id = ?1 AND claim_type = 'first_service'
               AND status <> 'rejected' AND id IS NOT ?2 LIMIT 1",
            params![vehicle, editing],
            |r| r.get(0),
        )
        .optional()?)
}

fn create_for(tx: &Connection, input: &ClaimInput, order: Option<&OrderFacts>, today: NaiveDate) -> AppResult<i64> {
    let c = check(tx, input, today, None, order.is_some(), order)?;
    if c.first_service {
        if let Some(no) = first_service_taken(tx, c.vehicle.id, None)? {
            return Err(AppError::invalid(
                "claimType",
                format!("车架号 {} 已有首保索赔单 {no}：首保只有一次", c.vehicle.vin),
            ));
        }
    }
    if let Some((no, on)) = duplicate_of(tx, &c, None)? {
        if !input.allow_duplicate {
            return Err(duplicate_error(&c, &no, &on));
        }
    }
    let prefix = format!("SB-{}-", c.reported.format("%Y%m"));
    let claim_no = crate::store::next_number(tx, "warranty_claim", "claim_no", &prefix, 4)?;
    tx.execute(
        "INSERT INTO warranty_claim (claim_no, vehicle_id, customer_id, invoice_date, mileage, reported_on, fault,
            fault_category, main_part_id, appraiser, appraisal_result, appraisal_note, labour_hours, labour_fen,
            created_at, repair_order_id, technician, claim_type, dealer_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
        params![
            claim_no,
            c.vehicle.id,
            c.vehicle.customer_id,
            c.invoice.to_string(),
            c.mileage,
            c.reported.to_string(),
            c.fault,
            c.fault_category,
            c.main.as_ref().map(|m| m.id),
            c.appraiser,
            c.appraisal_result,
            c.appraisal_note,
            c.labour_hours.to_string(),
            c.labour,
            crate::dates::stamp(),
            order.map(|o| o.order_id),
            c.technician,
            if c.first_service { "first_service" } else { "warranty" },
            c.dealer_id
        ],
    )?;
    let id = tx.last_insert_rowid();
    write_lines(tx, id, &c.lines)?;
    let note = match order {
        Some(o) => format!(
            "维修单 {}",
            tx.query_row("SELECT order_no FROM repair_order WHERE id = ?1", [o.order_id], |r| {
                r.get::<_, String>(0)
            })?
        ),
        None => String::new(),
    };
    event(
        tx,
        id,
        &c.operator,
        "录入",
        None,
        Some(ClaimStatus::Draft.code()),
        &note,
        c.reported,
        today,
    )?;
    Ok(id)
}

/// 修改: a draft or a claim sent back. Once the parts are issued, the lines stay.
pub fn update(store: &mut Store, id: i64, input: &ClaimInput, today: NaiveDate) -> AppResult<Claim> {
    let tx = store.conn_mut().transaction()?;
    let old = get(&tx, id)?;
    match stored_status(&old.status)? {
        s if s.open_for_changes() => {}
        ClaimStatus::Settled => return Err(AppError::new(ErrorCode::Conflict, "已结算的索赔单不能修改")),
        _ => {
            return Err(AppError::new(
                ErrorCode::Conflict,
                format!("索赔单{}，不能修改（退回修改后才能修改）", old.status_label),
            ))
        }
    }
    let linked = old.repair_order_id.is_some();
    // the type is the claim's own: a 首保 stays a 首保
    let input = &ClaimInput {
        claim_type: old.claim_type.clone(),
        ..input.clone()
    };
    let c = check(&tx, input, today, Some(id), linked, None)?;
    if linked && c.vehicle.id != old.vehicle_id {
        return Err(AppError::invalid(
            "vehicleId",
            format!(
                "索赔单属于维修单 {}，不能改换车辆",
                old.repair_order_no.as_deref().unwrap_or("")
            ),
        ));
    }
    if let Some((no, on)) = duplicate_of(&tx, &c, Some(id))? {
        if !input.allow_duplicate {
            return Err(duplicate_error(&c, &no, &on));
        }
    }
    if old.repaired_on.is_some() && !linked {
        let same = c.lines.len() == old.lines.len()
            && c.lines
                .iter()
                .all(|(p, q)| old.lines.iter().any(|l| l.part_id == p.id && l.qty == *q));
        if !same {
            return Err(AppError::invalid(
                "lines",
                "更换配件已经维修出库，不能再改；如有出入请冲销出库记录后重新录入索赔单",
            ));
        }
        if c.vehicle.id != old.vehicle_id {
            return Err(AppError::invalid("vehicleId", "已维修出库的索赔单不能改换车辆"));
        }
    }
    tx.execute(
        "UPDATE warranty_claim SET vehicle_id = ?2, customer_id = ?3, invoice_date = ?4, mileage = ?5,
            reported_on = ?6, fault = ?7, fault_category = ?8, main_part_id = ?9, appraiser = ?10,
            appraisal_result = ?11, appraisal_note = ?12, labour_hours = ?13, labour_fen = ?14,
            technician = CASE WHEN repair_order_id IS NULL THEN ?15 ELSE technician END, dealer_id = ?16
         WHERE id = ?1",
        params![
            id,
            c.vehicle.id,
            c.vehicle.customer_id,
            c.invoice.to_string(),
            c.mileage,
            c.reported.to_string(),
            c.fault,
            c.fault_category,
            c.main.as_ref().map(|m| m.id),
            c.appraiser,
            c.appraisal_result,
            c.appraisal_note,
            c.labour_hours.to_string(),
            c.labour,
            c.technician,
            c.dealer_id
        ],
    )?;
    if old.repaired_on.is_none() && !linked {
        write_lines(&tx, id, &c.lines)?;
    }
    event(
        &tx,
        id,
        &c.operator,
        "修改",
        Some(&old.status),
        Some(&old.status),
        "",
        today,
        today,
    )?;
    tx.commit()?;
    get(store.conn(), id)
}

/// 维修出库: the replaced parts leave stock as 三包更换 movements at book
/// cost, dated `date` (empty: today), all in one transaction.
pub fn issue_parts(store: &mut Store, id: i64, date: &str, operator: &str, today: NaiveDate) -> AppResult<Claim> {
    store.write(|tx| issue_parts_in(tx, id, date, operator, today))?;
    get(store.conn(), id)
}

pub fn issue_parts_in(tx: &Connection, id: i64, date: &str, operator: &str, today: NaiveDate) -> AppResult<()> {
    let c = get(tx, id)?;
    if !stored_status(&c.status)?.open_for_changes() {
        return Err(AppError::new(
            ErrorCode::Conflict,
            format!("索赔单{}，不能再出库", c.status_label),
        ));
    }
    if let Some(no) = &c.repair_order_no {
        return Err(AppError::new(
            ErrorCode::Conflict,
            format!("这张索赔单的配件在维修单 {no} 上按三包领用，不在这里出库"),
        ));
    }
    if c.repaired_on.is_some() {
        return Err(AppError::new(ErrorCode::Conflict, "更换配件已经维修出库"));
    }
    let mut f = Fields::new();
    let on = if date.trim().is_empty() {
        Some(today)
    } else {
        f.required_date("date", "维修出库日期", date, today)
    };
    let operator = f.text("operator", "经办人", operator, 20, true);
    if let Some(d) = on {
        if d.to_string() < c.reported_on {
            f.bad("date", format!("维修出库日期早于报修日期（{}）", c.reported_on));
        }
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    let on = on.expect("checked");
    for l in &c.lines {
        let m = ledger::post_new_in(
            tx,
            &NewMovement::new(
                l.part_id,
                MovementKind::Warranty,
                l.qty,
                on,
                &operator,
                format!("索赔单 {}", c.claim_no),
            ),
            today,
        )
        .map_err(|mut e| {
            e.message = format!("{}：{}", l.name, e.message);
            e
        })?;
        tx.execute(
            "UPDATE warranty_claim_line SET movement_id = ?2, value_fen = ?3 WHERE id = ?1",
            params![l.id, m.id, -m.value.to_fen()],
        )?;
    }
    tx.execute(
        "UPDATE warranty_claim SET repaired_on = ?2 WHERE id = ?1",
        params![id, on.to_string()],
    )?;
    event(
        tx,
        id,
        &operator,
        "维修出库",
        Some(&c.status),
        Some(&c.status),
        "",
        on,
        today,
    )?;
    Ok(())
}
