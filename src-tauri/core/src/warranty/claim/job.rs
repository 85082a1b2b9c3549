//! A 三包 repair order and its claim are one job: the order calls these in
//! its own transaction (link, the parts fitted under warranty, the fault
//! and mileage, the completion).

use super::*;
use chrono::NaiveDate;
use rusqlite::{params, Connection};

use crate::error::{AppError, AppResult, ErrorCode};
use crate::money::Money;

// ------------------------------------------------------------ the job
// A 三包 repair order and its claim are one job; the order calls these in
// its own transaction.

fn editable_for_job(c: &Claim) -> AppResult<()> {
    if stored_status(&c.status)?.open_for_changes() {
        Ok(())
    } else {
        Err(AppError::new(
            ErrorCode::Conflict,
            format!("索赔单 {} {}，三包配件不能再变动", c.claim_no, c.status_label),
        ))
    }
}

/// Links an existing claim to a 三包 repair order: the same vehicle, still
/// being entered (录入 or 退回修改), not already another order's.
pub fn link_order_in(tx: &Connection, claim_id: i64, order_id: i64, operator: &str, today: NaiveDate) -> AppResult<()> {
    let c = get(tx, claim_id)?;
    let (order_no, vehicle_id): (String, i64) = tx.query_row(
        "SELECT order_no, vehicle_id FROM repair_order WHERE id = ?1",
        [order_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if let Some(no) = &c.repair_order_no {
        return Err(AppError::invalid(
            "claimId",
            format!("索赔单 {} 已属于维修单 {no}", c.claim_no),
        ));
    }
    if c.vehicle_id != vehicle_id {
        return Err(AppError::invalid(
            "claimId",
            format!("索赔单 {} 是另一辆车（车架号 {}）的", c.claim_no, c.vin),
        ));
    }
    if let Some(d) = &c.dealer_name {
        return Err(AppError::invalid(
            "claimId",
            format!("索赔单 {} 是网点「{d}」报修的，不是本店的维修单", c.claim_no),
        ));
    }
    if !stored_status(&c.status)?.open_for_changes() {
        return Err(AppError::invalid(
            "claimId",
            format!("索赔单 {} {}，不能再关联维修单", c.claim_no, c.status_label),
        ));
    }
    tx.execute(
        "UPDATE warranty_claim SET repair_order_id = ?2 WHERE id = ?1",
        params![claim_id, order_id],
    )?;
    event(
        tx,
        claim_id,
        operator,
        "关联维修单",
        Some(&c.status),
        Some(&c.status),
        &format!("维修单 {order_no}"),
        today,
        today,
    )?;
    Ok(())
}

/// A part fitted under warranty on the claim's order: issued (三包更换) as
/// `movement_id` at `value`, it becomes the claim's line — or fills the line
/// typed for that part before the claim was linked.
pub fn add_job_line_in(
    tx: &Connection,
    claim_id: i64,
    part_id: i64,
    qty: i64,
    movement_id: i64,
    value: Money,
) -> AppResult<()> {
    let c = get(tx, claim_id)?;
    editable_for_job(&c)?;
    match c.lines.iter().find(|l| l.part_id == part_id) {
        Some(l) if l.movement_id.is_some() => Err(AppError::invalid(
            "partNo",
            format!(
                "「{}」已在索赔单 {} 上出库；数量有变请先退回那一行，再按合计数量领用",
                l.name, c.claim_no
            ),
        )),
        Some(l) => {
            tx.execute(
                "UPDATE warranty_claim_line SET qty = ?2, movement_id = ?3, value_fen = ?4 WHERE id = ?1",
                params![l.id, qty, movement_id, value],
            )?;
            Ok(())
        }
        None => {
            tx.execute(
                "INSERT INTO warranty_claim_line (claim_id, part_id, qty, movement_id, value_fen)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![claim_id, part_id, qty, movement_id, value],
            )?;
            Ok(())
        }
    }
}

/// A covered line taken off the order (its issue reversed): the claim's
/// line goes with it.
pub fn remove_job_line_in(tx: &Connection, claim_id: i64, movement_id: i64) -> AppResult<()> {
    let c = get(tx, claim_id)?;
    editable_for_job(&c)?;
    tx.execute(
        "DELETE FROM warranty_claim_line WHERE claim_id = ?1 AND movement_id = ?2",
        params![claim_id, movement_id],
    )?;
    Ok(())
}

/// The order's mileage or complaint changed: the claim, entered once with
/// them, follows while it is being entered; after it went to the factory
/// the claim's figures stand and the order may not contradict them.
pub fn job_changed_in(tx: &Connection, claim_id: i64, mileage: Option<i64>, fault: &str) -> AppResult<()> {
    let c = get(tx, claim_id)?;
    let mileage = mileage.unwrap_or(c.mileage);
    if mileage == c.mileage && fault == c.fault {
        return Ok(());
    }
    if editable_for_job(&c).is_err() {
        return Err(AppError::invalid(
            "complaint",
            format!(
                "索赔单 {} {}，里程和故障描述以索赔单为准，不能在维修单上改",
                c.claim_no, c.status_label
            ),
        ));
    }
    tx.execute(
        "UPDATE warranty_claim SET mileage = ?2, fault = ?3 WHERE id = ?1",
        params![claim_id, mileage, fault],
    )?;
    Ok(())
}

/// The order is completed (完工): the claim takes its repair date and
/// technician. Lines typed on the claim but never issued on the order stop
/// the completion — the claim would ask for parts that were not fitted.
pub fn job_done_in(
    tx: &Connection,
    claim_id: i64,
    done_on: NaiveDate,
    technician: &str,
    order_no: &str,
    today: NaiveDate,
) -> AppResult<()> {
    let c = get(tx, claim_id)?;
    editable_for_job(&c)?;
    let unissued: Vec<&str> = c
        .lines
        .iter()
        .filter(|l| l.movement_id.is_none())
        .map(|l| l.name.as_str())
        .collect();
    if !unissued.is_empty() {
        return Err(AppError::invalid(
            "partNo",
            format!(
                "索赔单 {} 上的「{}」还没有在维修单上按三包领用；请领用，或在索赔单上删去",
                c.claim_no,
                unissued.join("、")
            ),
        ));
    }
    if done_on.to_string() < c.reported_on {
        return Err(AppError::invalid(
            "doneAt",
            format!("完工日期早于索赔单的报修日期（{}）", c.reported_on),
        ));
    }
    tx.execute(
        "UPDATE warranty_claim SET repaired_on = ?2, technician = ?3 WHERE id = ?1",
        params![claim_id, done_on.to_string(), technician],
    )?;
    event(
        tx,
        claim_id,
        technician,
        "维修完工",
        Some(&c.status),
        Some(&c.status),
        &format!("维修单 {order_no}"),
        done_on,
        today,
    )?;
    Ok(())
}
