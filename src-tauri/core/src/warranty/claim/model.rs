//! The claim as read: its lines, its history, and the one mapper from
//! the database row (`get`).

use super::*;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::error::{AppError, AppResult};
use crate::money::Money;
use crate::parts::catalog;

/// 索赔类型: 三包 (a failed part) or 首保 (the free first service).
pub const CLAIM_TYPES: [(&str, &str); 2] = [("warranty", "三包"), ("first_service", "首保")];

pub fn claim_type_label(code: &str) -> &'static str {
    CLAIM_TYPES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, l)| *l)
        .unwrap_or("三包")
}

/// 处理结果 of a 三包 claim: repaired, or 包换 / 包退 of the vehicle or a main part.
pub const OUTCOMES: [(&str, &str); 3] = [("repair", "修复"), ("exchange", "包换"), ("refund", "包退")];

contract_codes!(ClaimTypeCode, "ClaimType", CLAIM_TYPES);
contract_codes!(OutcomeCode, "ClaimOutcome", OUTCOMES);

pub fn outcome_label(code: &str) -> &'static str {
    OUTCOMES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, l)| *l)
        .unwrap_or("修复")
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ClaimLine {
    pub id: i64,
    pub part_id: i64,
    pub part_no: String,
    pub name: String,
    pub unit: String,
    pub qty: i64,
    /// book value issued (None until 维修出库)
    pub value: Option<Money>,
    /// the part's average cost × qty now, before it is issued
    pub estimate: Money,
    pub movement_id: Option<i64>,
    /// 待维修出库 / 维修中，完工后待返厂 / 待返厂 / 已发出 / 工厂已签收 (a 首保: 用料，不返厂)
    pub old_part_state: &'static str,
    pub old_batch_no: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ClaimEvent {
    pub at: String,
    pub who: String,
    pub action: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Claim {
    pub id: i64,
    /// SB-YYYYMM-NNNN
    pub claim_no: String,
    pub vehicle_id: i64,
    pub vin: String,
    /// 发动机号 of the vehicle
    pub engine_no: String,
    /// 车牌号 of the vehicle ("" when not known)
    pub plate: String,
    pub model: String,
    pub customer_id: i64,
    pub customer_name: String,
    pub customer_mobile: String,
    pub invoice_date: String,
    pub mileage: i64,
    pub reported_on: String,
    pub fault: String,
    pub fault_category: String,
    /// 主损件 (none on a 首保 claim: the no and name are empty)
    pub main_part_id: Option<i64>,
    pub main_part_no: String,
    pub main_part_name: String,
    pub appraiser: String,
    pub appraisal_result: String,
    pub appraisal_note: String,
    pub labour_hours: String,
    pub labour: Money,
    pub lines: Vec<ClaimLine>,
    /// Σ book value issued, or the estimate before 维修出库
    pub parts_value: Money,
    pub parts_estimated: bool,
    /// 索赔金额 = labour + parts
    pub total: Money,
    #[ts(as = "StatusCode")]
    pub status: String,
    pub status_label: &'static str,
    pub repaired_on: Option<String>,
    pub submitted_on: Option<String>,
    pub decided_on: Option<String>,
    pub decision_note: String,
    pub settled: Option<Money>,
    pub settled_on: Option<String>,
    /// what the coverage check finds now (or found when submitted)
    pub coverage_issues: Vec<String>,
    pub override_reason: String,
    pub events: Vec<ClaimEvent>,
    /// the 三包 repair order this claim belongs to (the job)
    pub repair_order_id: Option<i64>,
    pub repair_order_no: Option<String>,
    /// 维修技师: from the order when it is completed
    pub technician: String,
    /// of the settled amount, for parts and for labour (None on claims
    /// settled before the split was kept)
    pub settled_parts: Option<Money>,
    pub settled_labour: Option<Money>,
    /// `warranty` 三包 or `first_service` 首保
    #[ts(as = "ClaimTypeCode")]
    pub claim_type: String,
    pub claim_type_label: &'static str,
    /// 处理结果: `repair` 修复, `exchange` 包换, `refund` 包退
    #[ts(as = "OutcomeCode")]
    pub outcome: String,
    pub outcome_label: &'static str,
    pub outcome_on: Option<String>,
    /// what was exchanged or refunded: 整车, or the main part
    pub outcome_item: String,
    pub outcome_note: String,
    /// 包退: the amount refunded to the customer
    pub refund: Option<Money>,
    /// 报修网点: the outlet that reported it (None: the shop's own job)
    pub dealer_id: Option<i64>,
    pub dealer_name: Option<String>,
}

const COLUMNS: &str = "w.id, w.claim_no, w.vehicle_id, v.vin, v.model, w.customer_id, c.name, c.mobile, w.invoice_date,
    w.mileage, w.reported_on, w.fault, w.fault_category, w.main_part_id, coalesce(p.part_no, ''), coalesce(p.name, ''), w.appraiser,
    w.appraisal_result, w.appraisal_note, w.labour_hours, w.labour_fen, w.status, w.repaired_on, w.submitted_on,
    w.decided_on, w.decision_note, w.settled_fen, w.settled_on, w.coverage_issues, w.override_reason, v.engine_no,
    w.repair_order_id, (SELECT order_no FROM repair_order WHERE id = w.repair_order_id), w.technician,
    w.settled_parts_fen, w.settled_labour_fen, w.claim_type, w.outcome, w.outcome_on, w.outcome_item, w.outcome_note,
    w.refund_fen, w.dealer_id, dl.name, v.plate";
pub(super) const FROM: &str =
    "warranty_claim w JOIN vehicle v ON v.id = w.vehicle_id JOIN customer c ON c.id = w.customer_id
    LEFT JOIN part p ON p.id = w.main_part_id LEFT JOIN dealer dl ON dl.id = w.dealer_id";

pub fn get(conn: &Connection, id: i64) -> AppResult<Claim> {
    let mut claim = conn
        .query_row(&format!("SELECT {COLUMNS} FROM {FROM} WHERE w.id = ?1"), [id], |r| {
            let status: String = r.get(21)?;
            let issues: String = r.get(28)?;
            Ok(Claim {
                id: r.get(0)?,
                claim_no: r.get(1)?,
                vehicle_id: r.get(2)?,
                vin: r.get(3)?,
                engine_no: r.get(30)?,
                model: r.get(4)?,
                customer_id: r.get(5)?,
                customer_name: r.get(6)?,
                customer_mobile: r.get(7)?,
                invoice_date: r.get(8)?,
                mileage: r.get(9)?,
                reported_on: r.get(10)?,
                fault: r.get(11)?,
                fault_category: r.get(12)?,
                main_part_id: r.get(13)?,
                main_part_no: r.get(14)?,
                main_part_name: r.get(15)?,
                appraiser: r.get(16)?,
                appraisal_result: r.get(17)?,
                appraisal_note: r.get(18)?,
                labour_hours: r.get(19)?,
                labour: r.get(20)?,
                lines: Vec::new(),
                parts_value: Money::ZERO,
                parts_estimated: false,
                total: Money::ZERO,
                status_label: status_label(&status),
                status,
                repaired_on: r.get(22)?,
                submitted_on: r.get(23)?,
                decided_on: r.get(24)?,
                decision_note: r.get(25)?,
                settled: r.get(26)?,
                settled_on: r.get(27)?,
                coverage_issues: issues.lines().filter(|l| !l.is_empty()).map(String::from).collect(),
                override_reason: r.get(29)?,
                events: Vec::new(),
                repair_order_id: r.get(31)?,
                repair_order_no: r.get(32)?,
                technician: r.get(33)?,
                settled_parts: r.get(34)?,
                settled_labour: r.get(35)?,
                claim_type_label: claim_type_label(&r.get::<_, String>(36)?),
                claim_type: r.get(36)?,
                outcome_label: outcome_label(&r.get::<_, String>(37)?),
                outcome: r.get(37)?,
                outcome_on: r.get(38)?,
                outcome_item: r.get(39)?,
                outcome_note: r.get(40)?,
                refund: r.get(41)?,
                dealer_id: r.get(42)?,
                dealer_name: r.get(43)?,
                plate: r.get(44)?,
            })
        })
        .optional()?
        .ok_or_else(|| AppError::not_found("找不到该索赔单"))?;
    claim.lines = conn
        .prepare_cached(
            "SELECT l.id, l.part_id, p.part_no, p.name, p.unit, l.qty, l.value_fen, l.movement_id,
                    p.stock_value_fen, p.on_hand, p.cost_price_fen, b.batch_no, b.received_on
             FROM warranty_claim_line l JOIN part p ON p.id = l.part_id
             LEFT JOIN old_part_batch b ON b.id = l.old_batch_id
             WHERE l.claim_id = ?1 ORDER BY l.id",
        )?
        .query_map([id], |r| {
            let qty: i64 = r.get(5)?;
            let value: Option<Money> = r.get(6)?;
            let movement_id: Option<i64> = r.get(7)?;
            let avg = catalog::average_cost(r.get(8)?, r.get(9)?, r.get(10)?);
            let batch: Option<String> = r.get(11)?;
            let received: Option<String> = r.get(12)?;
            Ok(ClaimLine {
                id: r.get(0)?,
                part_id: r.get(1)?,
                part_no: r.get(2)?,
                name: r.get(3)?,
                unit: r.get(4)?,
                qty,
                value,
                estimate: avg.times(qty).unwrap_or(Money::ZERO),
                movement_id,
                old_part_state: match (movement_id, &batch, &received) {
                    (None, _, _) => "待维修出库",
                    (Some(_), None, _) => "待返厂",
                    (Some(_), Some(_), None) => "已发出",
                    _ => "工厂已签收",
                },
                old_batch_no: batch,
            })
        })?
        .collect::<Result<_, _>>()?;
    for l in claim.lines.iter_mut().filter(|l| l.movement_id.is_some()) {
        if claim.claim_type == "first_service" {
            // a 首保's oil and filter are used up: nothing goes back
            l.old_part_state = "用料，不返厂";
        } else if claim.repaired_on.is_none() {
            // fitted on an order still in the workshop: it waits once the work is done
            l.old_part_state = "维修中，完工后待返厂";
        }
    }
    claim.parts_estimated = claim.lines.iter().any(|l| l.value.is_none());
    let parts: i64 = claim.lines.iter().map(|l| l.value.unwrap_or(l.estimate).to_fen()).sum();
    claim.parts_value = Money::from_fen(parts);
    claim.total = Money::from_fen(parts + claim.labour.to_fen());
    claim.events = conn
        .prepare_cached(
            "SELECT at, who, action, from_status, to_status, note FROM warranty_claim_event
             WHERE claim_id = ?1 ORDER BY id",
        )?
        .query_map([id], |r| {
            Ok(ClaimEvent {
                at: r.get(0)?,
                who: r.get(1)?,
                action: r.get(2)?,
                from_status: r.get(3)?,
                to_status: r.get(4)?,
                note: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    if ClaimStatus::parse(&claim.status).is_some_and(ClaimStatus::open_for_changes) {
        claim.coverage_issues = coverage(conn, &claim)?;
    }
    Ok(claim)
}
