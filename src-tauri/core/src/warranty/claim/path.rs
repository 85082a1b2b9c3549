//! 索赔单的流程: a claim's path — its statuses, the steps between them
//! (`transition`), the step as the window sends it, and the outcome of a
//! 三包 claim (修复, 包换, 包退).

use super::*;
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::Fields;
use crate::money::Money;
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
    pub(super) fn refusal_label(self) -> &'static str {
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
    store.write(|tx| step_in(tx, id, input, today))?;
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
pub(super) fn stored_status(code: &str) -> AppResult<ClaimStatus> {
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
    store.write(|tx| record_outcome_in(tx, id, input, today))?;
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
