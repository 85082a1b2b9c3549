//! 索赔单：a warranty claim. Entered as a draft (录入) with the vehicle, the
//! invoice date, mileage, the fault and the main failed part (主损件), the
//! appraisal (鉴定) and the replaced parts; the parts are issued from stock
//! as 三包更换 movements at book cost when the repair is done (维修出库);
//! then 已提交 → 已批准 / 已拒赔 (with reason) / 退回修改 (back to editing)
//! → 已结算 (amount and date). Every step is kept with who and when.
//!
//! Coverage is checked as the claim is entered: out of period, over the
//! mileage, a wear part — shown plainly; submitting such a claim needs an
//! override reason. A likely duplicate (the same vehicle and main part
//! within 30 days) is refused unless the clerk confirms it is not one.
//!
//! A claim usually belongs to a 三包 repair order (the job): the order opens
//! it with the vehicle, mileage and fault entered once; the parts fitted
//! under warranty are issued from the order as 三包更换 and become the
//! claim's lines; completing the order gives the claim its repair date and
//! technician. A claim without an order (entered on its own, as before)
//! issues its parts itself (维修出库).

use chrono::{Duration, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::policy::{self, WarrantyPolicy};
use crate::customers::vehicle;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::Fields;
use crate::money::Money;
use crate::parts::catalog;
use crate::parts::ledger::{self, MovementKind, NewMovement};
use crate::store::Store;

pub const STATUSES: [(&str, &str); 6] = [
    ("draft", "录入"),
    ("submitted", "已提交"),
    ("approved", "已批准"),
    ("rejected", "已拒赔"),
    ("returned", "退回修改"),
    ("settled", "已结算"),
];

pub fn status_label(code: &str) -> &'static str {
    crate::form::label_of(&STATUSES, code)
}

contract_codes!(StatusCode, "ClaimStatus", STATUSES);

/// 索赔单的状态: where a claim is on its path to settlement. Stored and sent
/// as its code (`STATUSES`, in the same order, gives the codes and labels).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimStatus {
    Draft,
    Submitted,
    Approved,
    Rejected,
    Returned,
    Settled,
}

impl ClaimStatus {
    pub const ALL: [ClaimStatus; 6] = [
        ClaimStatus::Draft,
        ClaimStatus::Submitted,
        ClaimStatus::Approved,
        ClaimStatus::Rejected,
        ClaimStatus::Returned,
        ClaimStatus::Settled,
    ];

    pub fn code(self) -> &'static str {
        STATUSES[self as usize].0
    }

    pub fn label(self) -> &'static str {
        STATUSES[self as usize].1
    }

    pub fn parse(code: &str) -> Option<ClaimStatus> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// 录入 or 退回修改: the claim's lines, parts and repair order may
    /// still change; after submitting they are the factory's to judge.
    pub fn open_for_changes(self) -> bool {
        matches!(self, ClaimStatus::Draft | ClaimStatus::Returned)
    }
}

/// 索赔处理: a step on a claim's path (`StepInput::action`, by its code).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimAction {
    /// 提交 to the factory
    Submit,
    /// the factory's 批准, as the shop records it
    Approve,
    /// the factory's 拒赔
    Reject,
    /// 退回修改
    Return,
    /// 结算: the factory's payment
    Settle,
}

impl ClaimAction {
    pub const ALL: [ClaimAction; 5] = [
        ClaimAction::Submit,
        ClaimAction::Approve,
        ClaimAction::Reject,
        ClaimAction::Return,
        ClaimAction::Settle,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ClaimAction::Submit => "submit",
            ClaimAction::Approve => "approve",
            ClaimAction::Reject => "reject",
            ClaimAction::Return => "return",
            ClaimAction::Settle => "settle",
        }
    }

    pub fn parse(code: &str) -> Option<ClaimAction> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }

    /// The step as the claim's history names it.
    fn event_label(self) -> &'static str {
        match self {
            ClaimAction::Submit => "提交",
            ClaimAction::Approve => "厂家批准",
            ClaimAction::Reject => "厂家拒赔",
            ClaimAction::Return => "退回修改",
            ClaimAction::Settle => "结算",
        }
    }

    /// The step as a refusal names it (「不能…」).
    fn refusal_label(self) -> &'static str {
        match self {
            ClaimAction::Submit => "提交",
            ClaimAction::Approve => "录入厂家批准",
            ClaimAction::Reject => "录入厂家拒赔",
            ClaimAction::Return => "退回修改",
            ClaimAction::Settle => "结算",
        }
    }

    /// Deciding and settling are the manager's; submitting is claim entry's.
    pub fn decides(self) -> bool {
        self != ClaimAction::Submit
    }
}

/// A claim's path: the status `action` takes a claim in `status` to, or
/// why it can't (`action` None: one the path does not know).
pub fn transition(status: ClaimStatus, action: Option<ClaimAction>) -> AppResult<ClaimStatus> {
    use ClaimAction as A;
    use ClaimStatus as S;
    match (action, status) {
        (Some(A::Submit), S::Draft | S::Returned) => Ok(S::Submitted),
        // the factory decides; the shop records its decision
        (Some(A::Approve), S::Submitted) => Ok(S::Approved),
        (Some(A::Reject), S::Submitted) => Ok(S::Rejected),
        (Some(A::Return), S::Submitted) => Ok(S::Returned),
        (Some(A::Settle), S::Approved) => Ok(S::Settled),
        (_, S::Settled) => Err(AppError::new(ErrorCode::Conflict, "索赔单已结算，不能再变更")),
        (a, _) => Err(AppError::new(
            ErrorCode::Conflict,
            format!(
                "索赔单现在是「{}」，不能{}",
                status.label(),
                a.map_or("这样操作", ClaimAction::refusal_label)
            ),
        )),
    }
}

/// A duplicate is the same vehicle and main part within this many days.
pub const DUPLICATE_DAYS: i64 = 30;

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
const FROM: &str = "warranty_claim w JOIN vehicle v ON v.id = w.vehicle_id JOIN customer c ON c.id = w.customer_id
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

/// What the policy says about a claim: out of period, over the mileage, a
/// wear part. Empty when covered.
pub fn coverage(conn: &Connection, c: &Claim) -> AppResult<Vec<String>> {
    // judged by the policy in effect on the day it was reported
    let p = policy::load_at(conn, &c.reported_on)?;
    let Some(main_id) = c.main_part_id else {
        return Ok(first_service_coverage(&p, &c.invoice_date, &c.reported_on, c.mileage));
    };
    let main = catalog::get(conn, main_id)?;
    let mut parts = vec![main.clone()];
    for l in &c.lines {
        parts.push(catalog::get(conn, l.part_id)?);
    }
    Ok(coverage_of(
        &p,
        &main,
        &parts,
        &c.invoice_date,
        &c.reported_on,
        c.mileage,
    ))
}

/// What the policy says about a 首保: after its months, over its km.
fn first_service_coverage(p: &WarrantyPolicy, invoice: &str, reported: &str, mileage: i64) -> Vec<String> {
    let mut out = Vec::new();
    if let (Ok(i), Ok(r)) = (
        NaiveDate::parse_from_str(invoice, "%Y-%m-%d"),
        NaiveDate::parse_from_str(reported, "%Y-%m-%d"),
    ) {
        let end = WarrantyPolicy::period_end(p.first_service_months, i);
        if r > end {
            out.push(format!(
                "已超过首保期：首保限购车后 {} 个月内，自发票日期 {invoice} 至 {end}，进厂日期 {reported}",
                p.first_service_months
            ));
        }
    }
    if mileage > p.first_service_km {
        out.push(format!(
            "已超过首保里程：首保限 {} 公里内，现 {mileage} 公里",
            p.first_service_km
        ));
    }
    out
}

fn coverage_of(
    p: &WarrantyPolicy,
    main: &catalog::Part,
    parts: &[catalog::Part],
    invoice: &str,
    reported: &str,
    mileage: i64,
) -> Vec<String> {
    let mut out = Vec::new();
    let (months, km, what) = p.period_for(&main.category);
    if let (Ok(i), Ok(r)) = (
        NaiveDate::parse_from_str(invoice, "%Y-%m-%d"),
        NaiveDate::parse_from_str(reported, "%Y-%m-%d"),
    ) {
        let end = WarrantyPolicy::period_end(months, i);
        if r > end {
            out.push(format!(
                "已超过三包期：{what}三包期 {months} 个月，自发票日期 {invoice} 至 {end}，报修日期 {reported}"
            ));
        }
    }
    if mileage > km {
        out.push(format!("已超过三包里程：{what}限 {km} 公里，现 {mileage} 公里"));
    }
    let mut seen = std::collections::HashSet::new();
    for part in parts {
        if !seen.insert(part.id) {
            continue;
        }
        if let Some(w) = p.wear_part(&part.name) {
            out.push(format!("「{}」属于易损件（{w}），不在三包范围", part.name));
        }
    }
    out
}

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

/// `linked`: the claim belongs to a repair order, whose covered parts are
/// its lines (none are typed here).
fn check(
    conn: &Connection,
    i: &ClaimInput,
    today: NaiveDate,
    editing: Option<i64>,
    linked: bool,
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
    let reported = if i.reported_on.trim().is_empty() {
        Some(today)
    } else {
        f.required_date("reportedOn", "报修日期", &i.reported_on, today)
    };
    if let (Some(inv), Some(rep)) = (invoice, reported) {
        if inv > rep {
            f.bad("invoiceDate", format!("发票日期（{inv}）晚于报修日期（{rep}）"));
        }
    }
    let mileage = f.count("mileage", "进厂里程", &i.mileage, 2_000_000);
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
fn event(
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
    let tx = store.conn_mut().transaction()?;
    let id = create_in(&tx, input, today)?;
    tx.commit()?;
    get(store.conn(), id)
}

pub fn create_in(tx: &Connection, input: &ClaimInput, today: NaiveDate) -> AppResult<i64> {
    create_for(tx, input, None, today)
}

/// 录入 for a 三包 repair order (the job): no lines yet — the parts fitted
/// under warranty are issued on the order and become the claim's lines.
pub fn create_for_order_in(tx: &Connection, input: &ClaimInput, order_id: i64, today: NaiveDate) -> AppResult<i64> {
    create_for(tx, input, Some(order_id), today)
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

fn create_for(tx: &Connection, input: &ClaimInput, order: Option<i64>, today: NaiveDate) -> AppResult<i64> {
    let c = check(tx, input, today, None, order.is_some())?;
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
            order,
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
            tx.query_row("SELECT order_no FROM repair_order WHERE id = ?1", [o], |r| r
                .get::<_, String>(0))?
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
    let c = check(&tx, input, today, Some(id), linked)?;
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
    let tx = store
        .conn_mut()
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    issue_parts_in(&tx, id, date, operator, today)?;
    tx.commit()?;
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

/// A step of the claim's path.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct StepInput {
    /// submit / approve / reject / return / settle
    pub action: String,
    pub operator: String,
    /// the override reason (submit), the reason (reject, return), a note
    pub note: String,
    /// settle: 结算金额 (the total, when the factory's statement does not split it)
    pub amount: String,
    /// settle: of it, for parts and for labour; either given = the amount is their sum
    pub parts_amount: String,
    pub labour_amount: String,
    /// the date of the step; empty = today
    pub date: String,
}

pub fn step(store: &mut Store, id: i64, input: &StepInput, today: NaiveDate) -> AppResult<Claim> {
    // submitting is claim entry; deciding and settling are the manager's
    if ClaimAction::parse(&input.action).is_some_and(ClaimAction::decides) {
        crate::auth::require(store, crate::auth::Permission::ClaimDecide)?;
    }
    let tx = store.conn_mut().transaction()?;
    step_in(&tx, id, input, today)?;
    tx.commit()?;
    get(store.conn(), id)
}

pub fn step_in(tx: &Connection, id: i64, input: &StepInput, today: NaiveDate) -> AppResult<()> {
    let c = get(tx, id)?;
    let mut f = Fields::new();
    let operator = f.text("operator", "经办人", &input.operator, 20, true);
    let note = f.text("note", "说明", &input.note, 500, false);
    let on = if input.date.trim().is_empty() {
        Some(today)
    } else {
        f.required_date("date", "日期", &input.date, today)
    };
    let from = stored_status(&c.status)?;
    let action = ClaimAction::parse(&input.action);
    let to = transition(from, action)?;
    let action = action.expect("the path knows every step it allows");
    let mut coverage_text = String::new();
    let mut settled: Option<Money> = None;
    let mut split: Option<(Money, Money)> = None;
    match action {
        ClaimAction::Submit => {
            match (&c.repaired_on, &c.repair_order_no) {
                (None, Some(no)) => f.bad("action", format!("维修单 {no} 还没有完工；完工后再提交索赔")),
                (None, None) => f.bad("action", "请先维修出库（更换配件从库存发出），再提交索赔"),
                _ => {}
            }
            if !c.coverage_issues.is_empty() {
                coverage_text = c.coverage_issues.join("\n");
                if note.is_empty() {
                    f.bad(
                        "note",
                        format!("不在三包范围：{}。如确需提交，请填写理由", c.coverage_issues.join("；")),
                    );
                }
            }
        }
        ClaimAction::Reject | ClaimAction::Return if note.is_empty() => f.bad(
            "note",
            format!(
                "请填写{}原因",
                if action == ClaimAction::Reject {
                    "拒赔"
                } else {
                    "退回"
                }
            ),
        ),
        ClaimAction::Settle if !(input.parts_amount.trim().is_empty() && input.labour_amount.trim().is_empty()) => {
            // an empty half of the split is nothing paid for it
            let parts = f.money("partsAmount", "配件结算金额", &input.parts_amount);
            let labour = f.money("labourAmount", "工时结算金额", &input.labour_amount);
            if !f.has("partsAmount") && !f.has("labourAmount") {
                let (p, l) = (parts.unwrap_or(Money::ZERO), labour.unwrap_or(Money::ZERO));
                split = Some((p, l));
                settled = Some(Money::from_fen(p.to_fen() + l.to_fen()));
            }
            if let Some(a) = settled {
                if a > c.total {
                    f.bad(
                        "partsAmount",
                        format!("结算金额 {} 超过索赔金额 {}", a.display_cny(), c.total.display_cny()),
                    );
                }
            }
            if let (Some(d), Some(dec)) = (on, c.decided_on.as_deref()) {
                if d.to_string().as_str() < dec {
                    f.bad("date", format!("结算日期早于批准日期（{dec}）"));
                }
            }
        }
        ClaimAction::Settle => {
            settled = f.money("amount", "结算金额", &input.amount);
            if settled.is_none() && !f.has("amount") {
                f.bad("amount", "请填写结算金额");
            }
            if let Some(a) = settled {
                if a > c.total {
                    f.bad(
                        "amount",
                        format!("结算金额 {} 超过索赔金额 {}", a.display_cny(), c.total.display_cny()),
                    );
                }
            }
            if let (Some(d), Some(dec)) = (on, c.decided_on.as_deref()) {
                if d.to_string().as_str() < dec {
                    f.bad("date", format!("结算日期早于批准日期（{dec}）"));
                }
            }
        }
        _ => {}
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    let on_date = on.expect("checked");
    let on = on_date.to_string();
    match action {
        ClaimAction::Submit => tx.execute(
            "UPDATE warranty_claim SET status = 'submitted', submitted_on = ?2, coverage_issues = ?3,
                override_reason = ?4, decided_on = NULL, decision_note = '' WHERE id = ?1",
            params![
                id,
                on,
                coverage_text,
                if coverage_text.is_empty() { "" } else { note.as_str() }
            ],
        )?,
        ClaimAction::Approve | ClaimAction::Reject | ClaimAction::Return => tx.execute(
            "UPDATE warranty_claim SET status = ?2, decided_on = ?3, decision_note = ?4 WHERE id = ?1",
            params![id, to.code(), on, note],
        )?,
        ClaimAction::Settle => tx.execute(
            "UPDATE warranty_claim SET status = 'settled', settled_fen = ?2, settled_on = ?3, settled_parts_fen = ?4,
                settled_labour_fen = ?5 WHERE id = ?1",
            params![id, settled, on, split.map(|x| x.0), split.map(|x| x.1)],
        )?,
    };
    event(
        tx,
        id,
        &operator,
        action.event_label(),
        Some(from.code()),
        Some(to.code()),
        &note,
        on_date,
        today,
    )?;
    Ok(())
}

/// A claim's status as stored (the table's CHECK keeps it one of the codes).
fn stored_status(code: &str) -> AppResult<ClaimStatus> {
    ClaimStatus::parse(code).ok_or_else(|| AppError::new(ErrorCode::Storage, format!("索赔单的状态「{code}」无法识别")))
}

/// 包换/包退 (or back to 修复) as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct OutcomeInput {
    /// `repair`, `exchange` or `refund` (or 修复/包换/包退)
    pub outcome: String,
    /// the day it was exchanged or refunded; empty = today
    pub date: String,
    /// what was exchanged or refunded: 整车, or the main part
    pub item: String,
    /// e.g. the new vehicle's VIN, the customer's receipt
    pub note: String,
    /// 包退: the amount refunded
    pub refund: String,
    pub operator: String,
}

/// 处理结果: a 三包 case ends in an exchange (包换) or a refund (包退) of the
/// vehicle or a main part, with its date and what it was — the record the
/// shop shows when the factory or the customer asks. 修复 takes it back.
pub fn record_outcome(store: &mut Store, id: i64, input: &OutcomeInput, today: NaiveDate) -> AppResult<Claim> {
    let tx = store.conn_mut().transaction()?;
    record_outcome_in(&tx, id, input, today)?;
    tx.commit()?;
    get(store.conn(), id)
}

pub fn record_outcome_in(tx: &Connection, id: i64, i: &OutcomeInput, today: NaiveDate) -> AppResult<()> {
    let c = get(tx, id)?;
    if c.claim_type == "first_service" {
        return Err(AppError::new(ErrorCode::Conflict, "首保索赔没有包换、包退"));
    }
    let mut f = Fields::new();
    let operator = f.text("operator", "经办人", &i.operator, 20, true);
    let outcome = OUTCOMES
        .iter()
        .find(|(code, label)| *code == i.outcome.trim() || *label == i.outcome.trim())
        .map(|(code, _)| *code);
    if outcome.is_none() {
        f.bad("outcome", "请选择处理结果：修复、包换或包退");
    }
    let exchange_or_refund = matches!(outcome, Some("exchange" | "refund"));
    let (mut on, mut item, mut note, mut refund) = (None, String::new(), String::new(), None);
    if exchange_or_refund {
        let what = outcome_label(outcome.unwrap_or(""));
        on = if i.date.trim().is_empty() {
            Some(today)
        } else {
            f.required_date("date", &format!("{what}日期"), &i.date, today)
        };
        if let Some(d) = on {
            if d.to_string() < c.reported_on {
                f.bad("date", format!("{what}日期早于报修日期（{}）", c.reported_on));
            }
        }
        item = f.text("item", &format!("{what}内容（整车或主要部件）"), &i.item, 100, true);
        note = f.text("note", "说明", &i.note, 500, false);
    }
    if outcome == Some("refund") {
        refund = f.money("refund", "退款金额", &i.refund);
        if refund.is_none() && !f.has("refund") {
            f.bad("refund", "包退请填写退款金额");
        }
    } else if !i.refund.trim().is_empty() {
        f.bad("refund", "只有包退才填写退款金额");
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    let outcome = outcome.expect("checked");
    tx.execute(
        "UPDATE warranty_claim SET outcome = ?2, outcome_on = ?3, outcome_item = ?4, outcome_note = ?5, refund_fen = ?6
         WHERE id = ?1",
        params![id, outcome, on.map(|d| d.to_string()), item, note, refund],
    )?;
    let label = outcome_label(outcome);
    let text = match refund {
        Some(r) => format!(
            "{item}，退款 {}{}",
            r.display_cny(),
            if note.is_empty() {
                String::new()
            } else {
                format!("；{note}")
            }
        ),
        None if exchange_or_refund => format!(
            "{item}{}",
            if note.is_empty() {
                String::new()
            } else {
                format!("；{note}")
            }
        ),
        None => String::new(),
    };
    event(
        tx,
        id,
        &operator,
        &format!("处理结果：{label}"),
        Some(&c.status),
        Some(&c.status),
        &text,
        on.unwrap_or(today),
        today,
    )?;
    Ok(())
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
    let mut wh: Vec<String> = Vec::new();
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    let mut arg = |v: String| {
        args.push(rusqlite::types::Value::Text(v));
        format!("?{}", args.len())
    };
    match q.status.as_str() {
        "" => {}
        "open" => wh.push("w.status IN ('draft', 'submitted', 'approved', 'returned')".into()),
        "unpaid" => wh.push("w.status IN ('submitted', 'approved')".into()),
        s => {
            let a = arg(s.to_string());
            wh.push(format!("w.status = {a}"));
        }
    }
    if !q.q.trim().is_empty() {
        let like = arg(format!("%{}%", crate::parts::like_escape(q.q.trim())));
        let tail = arg(format!("%{}", crate::parts::like_escape(&q.q.trim().to_uppercase())));
        wh.push(format!(
            "(w.claim_no LIKE {like} ESCAPE '\\' OR c.name LIKE {like} ESCAPE '\\' OR v.vin LIKE {tail} ESCAPE '\\')"
        ));
    }
    if !q.month.trim().is_empty() {
        let m = crate::dates::Month::parse(&q.month)?;
        let a = arg(m.first_day().to_string());
        let b = arg(m.last_day().to_string());
        wh.push(format!("w.reported_on BETWEEN {a} AND {b}"));
    }
    if let Some(v) = q.vehicle_id {
        wh.push(format!("w.vehicle_id = {v}"));
    }
    if q.unlinked {
        wh.push("w.repair_order_id IS NULL AND w.dealer_id IS NULL".into());
    }
    if let Some(d) = q.dealer_id {
        wh.push(format!("w.dealer_id = {d}"));
    }
    let where_sql = if wh.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", wh.join(" AND "))
    };
    let mut st = conn.prepare(&format!(
        "SELECT w.id FROM warranty_claim w JOIN vehicle v ON v.id = w.vehicle_id JOIN customer c ON c.id = w.customer_id
         {where_sql} ORDER BY w.reported_on DESC, w.id DESC LIMIT {limit}"
    ))?;
    let ids: Vec<i64> = st
        .query_map(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?
        .collect::<Result<_, _>>()?;
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

/// The coverage of a claim as typed, before it is saved (the form shows it
/// as the clerk types). Unknown parts or dates are left to the save's checks.
pub fn preview_coverage(conn: &Connection, i: &ClaimInput, today: NaiveDate) -> AppResult<Vec<String>> {
    let reported_on = if i.reported_on.trim().is_empty() {
        today.to_string()
    } else {
        i.reported_on.trim().to_string()
    };
    let p = policy::load_at(conn, &reported_on)?;
    let Some(main) = catalog::find_by_no(conn, &i.main_part_no)? else {
        return Ok(Vec::new());
    };
    let invoice = if i.invoice_date.trim().is_empty() {
        i.vehicle_id
            .and_then(|v| vehicle::get(conn, v).ok())
            .and_then(|v| v.sale_date)
            .unwrap_or_default()
    } else {
        i.invoice_date.trim().to_string()
    };
    let reported = if i.reported_on.trim().is_empty() {
        today.to_string()
    } else {
        i.reported_on.trim().to_string()
    };
    let mileage = i.mileage.trim().parse::<i64>().unwrap_or(0);
    let mut parts = vec![main.clone()];
    for l in &i.lines {
        if let Some(p) = catalog::find_by_no(conn, &l.part_no)? {
            parts.push(p);
        }
    }
    Ok(coverage_of(&p, &main, &parts, &invoice, &reported, mileage))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The path, every status against every step: these six moves and no
    /// other; a settled claim refuses everything; every other refusal names
    /// the status and the step.
    #[test]
    fn a_claims_path_allows_only_its_steps() {
        use ClaimAction as A;
        use ClaimStatus as S;
        let allowed = [
            (S::Draft, A::Submit, S::Submitted),
            (S::Returned, A::Submit, S::Submitted),
            (S::Submitted, A::Approve, S::Approved),
            (S::Submitted, A::Reject, S::Rejected),
            (S::Submitted, A::Return, S::Returned),
            (S::Approved, A::Settle, S::Settled),
        ];
        for status in S::ALL {
            for action in A::ALL {
                let got = transition(status, Some(action));
                match allowed.iter().find(|(s, a, _)| *s == status && *a == action) {
                    Some((_, _, to)) => assert_eq!(got.unwrap(), *to),
                    None => {
                        let e = got.unwrap_err();
                        assert_eq!(e.code, ErrorCode::Conflict);
                        if status == S::Settled {
                            assert_eq!(e.message, "索赔单已结算，不能再变更");
                        } else {
                            assert_eq!(
                                e.message,
                                format!("索赔单现在是「{}」，不能{}", status.label(), action.refusal_label())
                            );
                        }
                    }
                }
            }
        }
        assert_eq!(
            transition(S::Draft, None).unwrap_err().message,
            "索赔单现在是「录入」，不能这样操作"
        );
        // the codes and labels are the stored table's
        assert_eq!(S::ALL.len(), STATUSES.len());
        for st in S::ALL {
            assert_eq!(S::parse(st.code()), Some(st));
            assert_eq!(status_label(st.code()), st.label());
        }
        for a in A::ALL {
            assert_eq!(A::parse(a.code()), Some(a));
        }
        assert_eq!(A::parse("approve "), None);
    }
    use crate::customers::testkit::{day, sell, shop};
    use crate::parts::catalog::PartInput;
    use crate::parts::ledger::post_on;
    use crate::parts::testkit::{mv, part};
    use crate::warranty::{indicators, old_parts};

    const TODAY: &str = "2026-11-26";

    /// The test shop plus an engine part (发动机, 24 months) and a spark plug
    /// (a wear part), and a vehicle sold on 2026-03-10.
    fn claim_shop() -> (Store, i64) {
        let mut s = shop();
        catalog::create(
            s.conn(),
            &PartInput {
                category: "发动机".into(),
                cost_price: "40".into(),
                ..part("PIS-1", "活塞")
            },
        )
        .unwrap();
        catalog::create(
            s.conn(),
            &PartInput {
                category: "发动机".into(),
                cost_price: "20".into(),
                ..part("RNG-1", "活塞环")
            },
        )
        .unwrap();
        let t = day(TODAY);
        let mut receipt = mv("PIS-1", "receipt", "3", "2026-01-05");
        receipt.unit_cost = "40".into();
        post_on(&mut s, &receipt, t).unwrap();
        let mut receipt = mv("RNG-1", "receipt", "5", "2026-01-05");
        receipt.unit_cost = "20".into();
        post_on(&mut s, &receipt, t).unwrap();
        let v = sell(&mut s, "王小明", "13800138000", 1, "2026-03-10");
        (s, v)
    }

    fn input(v: i64) -> ClaimInput {
        ClaimInput {
            vehicle_id: Some(v),
            mileage: "4200".into(),
            reported_on: "2026-11-20".into(),
            fault: "发动机拉缸，异响".into(),
            fault_category: "发动机".into(),
            main_part_no: "PIS-1".into(),
            appraiser: "赵鉴定".into(),
            appraisal_result: "活塞拉伤，属质量问题".into(),
            labour_hours: "2.5".into(),
            labour: "50".into(),
            lines: vec![
                ClaimLineInput {
                    part_no: "PIS-1".into(),
                    qty: "1".into(),
                },
                ClaimLineInput {
                    part_no: "RNG-1".into(),
                    qty: "2".into(),
                },
            ],
            operator: "小李".into(),
            ..Default::default()
        }
    }

    fn step_as(s: &mut Store, id: i64, action: &str, note: &str, amount: &str, date: &str) -> AppResult<Claim> {
        step(
            s,
            id,
            &StepInput {
                action: action.into(),
                operator: "王经理".into(),
                note: note.into(),
                amount: amount.into(),
                date: date.into(),
                ..Default::default()
            },
            day(TODAY),
        )
    }

    #[test]
    fn a_claim_from_entry_to_settlement_with_its_old_parts() {
        let (mut s, v) = claim_shop();
        let t = day(TODAY);
        let c = create(&mut s, &input(v), t).unwrap();
        assert_eq!((c.claim_no.as_str(), c.status_label), ("SB-202611-0001", "录入"));
        // engine part: 24 months from 2026-03-10, 4,200 km of 30,000: covered
        assert!(c.coverage_issues.is_empty(), "{:?}", c.coverage_issues);
        // estimated before the parts leave stock: 40 + 2 × 20 + labour 50
        assert_eq!((c.total, c.parts_estimated), (Money::from_yuan(130), true));
        // not submittable before the repair
        assert!(step_as(&mut s, c.id, "submit", "", "", "2026-11-21").is_err());
        let c = issue_parts(&mut s, c.id, "2026-11-21", "张师傅", t).unwrap();
        let on_hand = |s: &Store, no: &str| catalog::find_by_no(s.conn(), no).unwrap().unwrap().on_hand;
        assert_eq!((on_hand(&s, "PIS-1"), on_hand(&s, "RNG-1")), (2, 3));
        assert_eq!((c.total, c.parts_estimated), (Money::from_yuan(130), false));
        assert!(c.lines.iter().all(|l| l.old_part_state == "待返厂"));
        let c = step_as(&mut s, c.id, "submit", "", "", "2026-11-21").unwrap();
        // the list exported: every claim the query finds, as shown
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("claims.xlsx");
        assert_eq!(export(s.conn(), &ClaimQuery::default(), t, &path).unwrap(), 1);
        let sheet = crate::sheet::read_table(&path, 1 << 20).unwrap();
        let cell = |h: &str| sheet.rows[0].1[sheet.col(h).unwrap()].clone();
        assert_eq!(
            (cell("索赔单号"), cell("状态"), cell("索赔金额"), cell("未结天数")),
            ("SB-202611-0001".into(), "已提交".into(), "130.00".into(), "5".into())
        );
        let c = step_as(&mut s, c.id, "approve", "同意", "", "2026-11-23").unwrap();
        // settled above the claim: refused
        let e = step_as(&mut s, c.id, "settle", "", "130.01", "2026-11-25").unwrap_err();
        assert_eq!(e.message, "结算金额 ¥130.01 超过索赔金额 ¥130.00");
        // the old parts go back in one batch
        let waiting = old_parts::waiting(s.conn(), t).unwrap();
        assert_eq!(waiting.len(), 2);
        assert_eq!(waiting[0].age_days, 5);
        let b = old_parts::create_batch(
            &mut s,
            &old_parts::BatchInput {
                shipped_on: "2026-11-24".into(),
                line_ids: waiting.iter().map(|w| w.line_id).collect(),
                note: String::new(),
            },
            t,
        )
        .unwrap();
        assert_eq!(
            (b.batch_no.as_str(), b.count, b.value),
            ("FH-202611-01", 2, Money::from_yuan(80))
        );
        assert!(old_parts::waiting(s.conn(), t).unwrap().is_empty());
        // the old parts exported: both lines, under their batch
        let path = dir.path().join("old-parts.xlsx");
        assert_eq!(old_parts::export(s.conn(), t, &path).unwrap(), 2);
        let sheet = crate::sheet::read_table(&path, 1 << 20).unwrap();
        let cell = |r: usize, h: &str| sheet.rows[r].1[sheet.col(h).unwrap()].clone();
        assert_eq!(
            (
                cell(0, "返厂批次"),
                cell(0, "返厂日期"),
                cell(0, "索赔单号"),
                cell(0, "等待天数")
            ),
            (
                "FH-202611-01".into(),
                "2026-11-24".into(),
                "SB-202611-0001".into(),
                String::new()
            )
        );
        let c = step_as(&mut s, c.id, "settle", "", "120", "2026-11-25").unwrap();
        assert_eq!((c.status_label, c.settled), ("已结算", Some(Money::from_yuan(120))));
        let actions: Vec<&str> = c.events.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["录入", "维修出库", "提交", "厂家批准", "结算"]);
        // a settled claim can't be changed or stepped again
        assert_eq!(
            update(&mut s, c.id, &input(v), t).unwrap_err().message,
            "已结算的索赔单不能修改"
        );
        assert!(step_as(&mut s, c.id, "approve", "", "", "").is_err());
        // indicators: 8 = ¥80.00 of parts; 9 无数据 without sales; 10 = ¥80.00 returned
        let m = crate::dates::Month::parse("2026-11").unwrap();
        let i = indicators::compute(s.conn(), m).unwrap();
        assert_eq!(
            (i.parts_value, i.returned_value, i.cost_rate),
            (Money::from_yuan(80), Money::from_yuan(80), None)
        );
        crate::customers::sales::set(
            &mut s,
            &crate::customers::sales::SalesInput {
                month: "2026-11".into(),
                units: "1".into(),
                amount: "2000".into(),
            },
            t,
        )
        .unwrap();
        // 80 ÷ 2,000 = 4%
        assert_eq!(
            indicators::compute(s.conn(), m).unwrap().cost_rate.unwrap().display(),
            "4%"
        );
    }

    /// A policy change takes effect from its date: the claims already
    /// entered keep the policy they were judged by.
    #[test]
    fn a_policy_change_does_not_reclassify_claims_already_entered() {
        let (mut s, v) = claim_shop();
        let t = day(TODAY);
        let before = create(&mut s, &input(v), t).unwrap();
        assert!(before.coverage_issues.is_empty(), "{:?}", before.coverage_issues);
        let mut p = policy::PolicyInput::from(&policy::load(s.conn()).unwrap());
        p.categories = "发动机 6 30000".into();
        // not on or before the day of a claim already entered
        p.effective_from = "2026-11-20".into();
        let e = policy::save(&mut s, &p, t).unwrap_err();
        assert!(
            e.problems[0]
                .message
                .contains("已有报修日期为 2026-11-20 的索赔单按原政策录入"),
            "{e:?}"
        );
        p.effective_from = "2026-11-21".into();
        let saved = policy::save(&mut s, &p, t).unwrap();
        assert_eq!(saved.effective_from.as_deref(), Some("2026-11-21"));
        // the claim entered before still judged by the policy of its day
        assert!(get(s.conn(), before.id).unwrap().coverage_issues.is_empty());
        // one reported after: by the new one
        let after = create(
            &mut s,
            &ClaimInput {
                reported_on: "2026-11-22".into(),
                mileage: "4300".into(),
                allow_duplicate: true,
                ..input(v)
            },
            t,
        )
        .unwrap();
        assert_eq!(
            after.coverage_issues[0],
            "已超过三包期：发动机类配件三包期 6 个月，自发票日期 2026-03-10 至 2026-09-10，报修日期 2026-11-22"
        );
        assert_eq!(policy::history(s.conn()).unwrap().len(), 1);
    }

    #[test]
    fn coverage_duplicates_and_bad_claims() {
        let (mut s, v) = claim_shop();
        let t = day(TODAY);
        // invoice after report, mileage below the last recorded, no stock
        crate::customers::inspection::record(
            &mut s,
            &crate::customers::inspection::InspectionInput {
                vehicle_id: Some(v),
                inspected_on: "2026-10-01".into(),
                mileage: "5000".into(),
                technician: "刘师傅".into(),
                findings: String::new(),
            },
            t,
        )
        .unwrap();
        let e = create(
            &mut s,
            &ClaimInput {
                invoice_date: "2026-11-22".into(),
                ..input(v)
            },
            t,
        )
        .unwrap_err();
        let msgs: Vec<&str> = e.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "发票日期（2026-11-22）晚于报修日期（2026-11-20）",
                "进厂里程 4200 公里低于该车 2026-10-01 记录的 5000 公里，请核对里程表"
            ]
        );
        // a spark plug main part, 7,000 km, whole-vehicle 12 months: not covered
        let plug = ClaimInput {
            main_part_no: "SP-1".into(),
            mileage: "7000".into(),
            reported_on: "2026-11-20".into(),
            lines: vec![ClaimLineInput {
                part_no: "SP-1".into(),
                qty: "1".into(),
            }],
            ..input(v)
        };
        let c = create(&mut s, &plug, t).unwrap();
        assert_eq!(
            c.coverage_issues,
            [
                "已超过三包里程：整车限 6000 公里，现 7000 公里",
                "「火花塞」属于易损件（火花塞），不在三包范围"
            ]
        );
        // the same vehicle and main part again within 30 days: flagged
        let e = create(&mut s, &plug, t).unwrap_err();
        assert!(e.message.starts_with("可能重复：车架号"), "{}", e.message);
        assert!(create(
            &mut s,
            &ClaimInput {
                allow_duplicate: true,
                ..plug.clone()
            },
            t
        )
        .is_ok());
        // submitting an uncovered claim needs a reason
        issue_parts(&mut s, c.id, "", "张师傅", t).unwrap();
        let e = step_as(&mut s, c.id, "submit", "", "", "").unwrap_err();
        assert!(e.message.starts_with("不在三包范围："), "{}", e.message);
        let c = step_as(&mut s, c.id, "submit", "厂家同意特批", "", "").unwrap();
        assert_eq!(c.override_reason, "厂家同意特批");
        assert_eq!(c.coverage_issues.len(), 2, "kept as found when submitted");
        // rejected with a reason; sent back needs one too
        assert!(step_as(&mut s, c.id, "reject", "", "", "").is_err());
        let c = step_as(&mut s, c.id, "reject", "易损件不予索赔", "", "").unwrap();
        assert_eq!(c.status_label, "已拒赔");
        // a part with no stock: the whole issue is refused, nothing leaves stock
        let d = create(
            &mut s,
            &ClaimInput {
                reported_on: "2026-11-25".into(),
                mileage: "7100".into(),
                lines: vec![
                    ClaimLineInput {
                        part_no: "RNG-1".into(),
                        qty: "2".into(),
                    },
                    ClaimLineInput {
                        part_no: "PIS-1".into(),
                        qty: "9".into(),
                    },
                ],
                allow_duplicate: true,
                ..input(v)
            },
            t,
        )
        .unwrap();
        let e = issue_parts(&mut s, d.id, "", "张师傅", t).unwrap_err();
        assert!(
            e.message.contains("活塞") && e.message.contains("库存不足"),
            "{}",
            e.message
        );
        let on_hand = |no: &str| catalog::find_by_no(s.conn(), no).unwrap().unwrap().on_hand;
        assert_eq!((on_hand("RNG-1"), on_hand("PIS-1")), (5, 3));
        assert!(get(s.conn(), d.id).unwrap().repaired_on.is_none());
    }
}
