//! 绩效考核: the monthly appraisal sheet of each person, built from the
//! 考核标准 of the duties their posts hold. The source text asks that a
//! post's 指标及目标 and 考核标准 be "具体化、简明、可测定 … 写入工作职责与评介
//! … 公平地实施和执行" (docs/domain.md §13).
//!
//! - **考核项目** ([`AppraisalItem`]): each duty's items with a weight, a
//!   measure and a target. A measure is either counted from the app's
//!   records ([`MEASURES`]) or `manual` (the manager scores it against the
//!   item's 评分标准). The six indicators with a target in the shop's
//!   settings (6, 7, 9, 12, 14, 20) follow those targets; the other
//!   measured items carry their own. The position description's 考核标准
//!   is these items.
//! - **考核表** ([`Appraisal`]): made for one person and one *closed* month
//!   (月结), so that its figures do not move. Each line copies its item and
//!   the figure measured when the sheet was made; measured lines are scored
//!   by [`score`], the manager scores the rest, sets the 奖惩 amount and the
//!   remarks, and finalises it (定稿). A final sheet never changes, and a
//!   measured line never changes at all (triggers, migration 37). A person
//!   holding several duties gets every duty's items; a measure two duties
//!   share appears once with their weights added. The total is the points
//!   over the weights, out of 100.
//! - **Who sees it**: the manager makes and sees every sheet; a person
//!   signed in sees their own ([`may_see`]).

use rusqlite::{params, Connection, OptionalExtension};
use rust_decimal::prelude::*;
use serde::{Deserialize, Serialize};

use crate::actor::{Actor, Role};
use crate::dates::Month;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::Fields;
use crate::money::Money;
use crate::rate::Rate;
use crate::settings::ShopSettings;
use crate::store::Store;

/// The measures an item may use, with their labels: `manual` is scored by
/// the manager, the rest are counted from the records of the month.
pub const MEASURES: [(&str, &str); 20] = [
    ("manual", "经理评分"),
    ("indicators_met", "月度指标达标率（有目标的六项）"),
    ("complaints_on_time", "投诉按期结案率"),
    ("satisfaction", "回访满意度平均分"),
    ("on_time_delivery", "按承诺时间完工率"),
    ("on_time_reception", "本人接待的按承诺时间完工率"),
    ("satisfaction_reception", "本人接待的维修回访平均分"),
    ("etiquette", "本人礼仪检查达标率"),
    ("complaints_named", "涉及本人的投诉"),
    ("filing_rate", "12 用户建档率"),
    ("follow_up_rate", "14 用户回访率"),
    ("inspection_rate", "20 点检率"),
    ("first_supply", "6 配件一次供应率"),
    ("slow_moving", "7 配件滞销率"),
    ("warranty_cost", "9 三包费用率"),
    ("stocktake_lines", "盘点差异笔数"),
    ("rejected_claims", "厂家拒赔单数"),
    ("old_parts_overdue", "超 30 天未返厂旧件"),
    ("vehicles_repaired", "本人维修整车数量"),
    ("repeat_repairs", "本人维修后 30 天内返修率"),
];

contract_codes!(MeasureCode, "AppraisalMeasure", MEASURES);

/// (code, label) of a sheet's state.
pub const STATUSES: [(&str, &str); 2] = [("draft", "草稿"), ("final", "已定稿")];

contract_codes!(StatusCode, "AppraisalStatus", STATUSES);

/// Old parts kept longer than this after the repair count as overdue for
/// return (超期未返厂).
pub const OLD_PART_DAYS: i64 = 30;

/// The grades by total, highest first: (at least, grade).
pub const GRADES: [(i64, &str); 4] = [(90, "优秀"), (80, "良好"), (60, "合格"), (0, "不合格")];

pub fn measure_label(code: &str) -> &'static str {
    crate::form::label_of(&MEASURES, code)
}

fn status_label(code: &str) -> &'static str {
    STATUSES.iter().find(|(c, _)| *c == code).map_or("未制作", |(_, l)| l)
}

/// How a measure is counted and scored.
#[derive(Debug, Clone, Copy)]
struct Spec {
    unit: &'static str,
    /// lower is better (a ceiling)
    lower: bool,
    /// a count whose each one over the target costs half the weight
    per_unit: bool,
    /// the person's own records (else the shop's, shown 全店)
    person: bool,
    /// the indicator whose target in the settings it follows
    indicator: Option<u8>,
}

fn spec(code: &str) -> Spec {
    let s = |unit, lower, per_unit, person, indicator| Spec {
        unit,
        lower,
        per_unit,
        person,
        indicator,
    };
    match code {
        "indicators_met" | "complaints_on_time" | "on_time_delivery" => s("%", false, false, false, None),
        "satisfaction" => s("分", false, false, false, None),
        "on_time_reception" => s("%", false, false, true, None),
        "satisfaction_reception" => s("分", false, false, true, None),
        "etiquette" => s("%", false, false, true, None),
        "complaints_named" => s("次", true, true, true, None),
        "filing_rate" => s("%", false, false, false, Some(12)),
        "follow_up_rate" => s("%", false, false, false, Some(14)),
        "inspection_rate" => s("%", false, false, false, Some(20)),
        "first_supply" => s("%", false, false, false, Some(6)),
        "slow_moving" => s("%", true, false, false, Some(7)),
        "warranty_cost" => s("%", true, false, false, Some(9)),
        "stocktake_lines" => s("笔", true, true, false, None),
        "rejected_claims" => s("单", true, true, false, None),
        "old_parts_overdue" => s("件", true, true, false, None),
        "vehicles_repaired" => s("台", false, false, true, None),
        "repeat_repairs" => s("%", true, false, true, None),
        _ => s("", false, false, false, None),
    }
}

/// Whether an item of this measure carries a target of its own (目标):
/// it is measured from the records, and is not one of the indicators whose
/// target the shop's settings hold.
pub fn has_own_target(measure: &str) -> bool {
    measure != "manual" && spec(measure).indicator.is_none()
}

/// How a measured item is scored, in words (printed on the sheet).
pub fn rule_text(measure: &str) -> &'static str {
    let s = spec(measure);
    if measure == "manual" {
        "经理按评分标准评分"
    } else if s.per_unit {
        "达标得满分，每超 1 扣权重的一半"
    } else if s.lower {
        "达标得满分，未达标按 目标÷实际 计分"
    } else {
        "达标得满分，未达标按 实际÷目标 计分"
    }
}

fn round1(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

/// The points a measured figure earns out of `weight` against `goal`
/// (`met` as the target's comparator says): full when met; otherwise a
/// count loses half the weight for each one over, a ceiling rate earns
/// goal ÷ figure and anything else figure ÷ goal of the weight — never the
/// full weight when not met. One decimal.
pub fn score(weight: i64, met: bool, value: Decimal, goal: Decimal, measure: &str) -> Decimal {
    let w = Decimal::from(weight);
    if met {
        return w;
    }
    let s = spec(measure);
    let raw = if s.per_unit {
        let over = (value - goal).max(Decimal::ZERO);
        (w - over * w / Decimal::TWO).max(Decimal::ZERO)
    } else if s.lower {
        if value.is_zero() {
            w
        } else {
            w * goal / value
        }
    } else if goal.is_zero() {
        w
    } else {
        w * value / goal
    };
    let r = round1(raw.min(w));
    if r >= w {
        w - Decimal::new(1, 1)
    } else {
        r
    }
}

/// The grade of a total out of 100.
pub fn grade(total: Decimal) -> &'static str {
    GRADES
        .iter()
        .find(|(at_least, _)| total >= Decimal::from(*at_least))
        .map_or("不合格", |(_, g)| g)
}

fn shown(value: Decimal, unit: &str) -> String {
    match unit {
        "%" => Rate::from_decimal(value).display(),
        "分" => format!("{} 分", value.round_dp(1).normalize()),
        u => format!("{} {u}", value.normalize()),
    }
}

// ------------------------------------------------------------ 考核项目

/// One item of a duty's 考核标准 (考核项目).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct AppraisalItem {
    pub id: i64,
    /// the duty A–J
    pub duty: String,
    /// "D 配件主管"
    pub duty_label: String,
    pub seq: i64,
    pub name: String,
    pub weight: i64,
    #[ts(as = "MeasureCode")]
    pub measure: String,
    pub measure_label: &'static str,
    /// the item's own target (a number), for a measured item that does not
    /// follow an indicator's target
    pub target: Option<String>,
    /// "≥ 95%", "> 90%（指标目标）", or the 评分标准 of a manual item
    pub target_text: String,
    pub unit: &'static str,
    /// the target is the indicator's, set in the settings
    pub follows_indicator: bool,
    /// 评分标准 (manual items)
    pub standard: String,
    pub rule: &'static str,
    pub active: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct AppraisalItemInput {
    pub duty: String,
    pub name: String,
    pub weight: String,
    pub measure: String,
    /// the target of a measured item not following an indicator
    pub target: String,
    pub standard: String,
    pub active: bool,
}

fn duty_label(duty: &str) -> String {
    match crate::staff::posts::find(duty) {
        Some(p) => p.label(),
        None => duty.to_string(),
    }
}

fn target_text(measure: &str, target: Option<Decimal>, standard: &str, settings: &ShopSettings) -> String {
    let s = spec(measure);
    if measure == "manual" {
        return standard.to_string();
    }
    if let Some(no) = s.indicator {
        return crate::targets::of(settings, no).map_or(String::new(), |t| format!("{}（指标目标）", t.text));
    }
    match target {
        Some(t) => format!("{} {}", if s.lower { "≤" } else { "≥" }, shown(t, s.unit)),
        None => String::new(),
    }
}

/// The items, by duty and order; `all` also the retired ones.
pub fn items(conn: &Connection, all: bool) -> AppResult<Vec<AppraisalItem>> {
    let settings = crate::settings::load(conn)?.unwrap_or_default();
    let mut st = conn.prepare(
        "SELECT id, duty, seq, name, weight, measure, target, standard, active FROM appraisal_item
         WHERE ?1 OR active = 1 ORDER BY duty, seq, id",
    )?;
    let rows = st
        .query_map([all], |r| {
            let duty: String = r.get(1)?;
            let measure: String = r.get(5)?;
            let target: Option<String> = r.get(6)?;
            let standard: String = r.get(7)?;
            let t = target.as_deref().and_then(|t| Decimal::from_str(t).ok());
            let s = spec(&measure);
            Ok(AppraisalItem {
                id: r.get(0)?,
                duty_label: duty_label(&duty),
                duty,
                seq: r.get(2)?,
                name: r.get(3)?,
                weight: r.get(4)?,
                measure_label: measure_label(&measure),
                target_text: target_text(&measure, t, &standard, &settings),
                unit: s.unit,
                follows_indicator: s.indicator.is_some(),
                rule: rule_text(&measure),
                measure,
                target,
                standard,
                active: r.get(8)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Adds (`id` None) or changes an item. All or nothing.
pub fn save_item(store: &mut Store, id: Option<i64>, input: &AppraisalItemInput) -> AppResult<AppraisalItem> {
    let id = store.write(|tx| save_item_in(tx, id, input))?;
    items(store.conn(), true)?
        .into_iter()
        .find(|i| i.id == id)
        .ok_or_else(|| AppError::not_found("找不到该考核项目"))
}

/// [`save_item`] inside the caller's transaction (the workbook import).
pub fn save_item_in(tx: &Connection, id: Option<i64>, input: &AppraisalItemInput) -> AppResult<i64> {
    let mut f = Fields::new();
    let duty = input.duty.trim().to_uppercase();
    if !matches!(duty.as_str(), "A" | "B" | "C" | "D" | "E" | "F" | "G" | "H" | "I" | "J") {
        f.bad("duty", "请选择岗位职责 A–J");
    }
    let name = f.text("name", "考核项目", &input.name, 30, true);
    let weight = f.count("weight", "权重", &input.weight, 100);
    if weight == Some(0) {
        f.bad("weight", "权重应在 1 到 100 之间");
    }
    let measure = crate::form::code_of(&MEASURES, &input.measure);
    let standard = f.text("standard", "评分标准", &input.standard, 200, measure == Some("manual"));
    let mut target: Option<String> = None;
    match measure {
        None => f.bad("measure", "请选择计量方法"),
        Some(m) if has_own_target(m) => {
            let t = crate::form::halfwidth(input.target.trim());
            let t = t.trim_end_matches(spec(m).unit).trim();
            match Decimal::from_str(t) {
                Ok(v) if v >= Decimal::ZERO && v.scale() <= 1 => {
                    let cap = match spec(m).unit {
                        "%" => Some(Decimal::ONE_HUNDRED),
                        "分" => Some(Decimal::from(5)),
                        _ => None,
                    };
                    if cap.is_some_and(|c| v > c) {
                        f.bad(
                            "target",
                            format!("目标不能超过 {}", shown(cap.unwrap_or_default(), spec(m).unit)),
                        );
                    } else {
                        target = Some(v.normalize().to_string());
                    }
                }
                _ if t.is_empty() => f.bad("target", "请填写目标"),
                _ => f.bad(
                    "target",
                    format!("目标「{}」应为不小于 0 的数字，最多一位小数", input.target.trim()),
                ),
            }
        }
        Some(_) => {}
    }
    if f.is_empty() {
        let taken: Option<i64> = tx
            .query_row(
                "SELECT id FROM appraisal_item WHERE duty = ?1 AND name = ?2",
                params![duty, name],
                |r| r.get(0),
            )
            .optional()?;
        if taken.is_some_and(|t| Some(t) != id) {
            f.bad("name", format!("岗位职责 {duty} 已有考核项目「{name}」"));
        }
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    let measure = measure.expect("checked");
    match id {
        None => {
            let seq: i64 = tx.query_row(
                "SELECT coalesce(max(seq), 0) + 1 FROM appraisal_item WHERE duty = ?1",
                [&duty],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO appraisal_item (duty, seq, name, weight, measure, target, standard, active)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![duty, seq, name, weight, measure, target, standard, input.active],
            )?;
            Ok(tx.last_insert_rowid())
        }
        Some(id) => {
            let n = tx.execute(
                "UPDATE appraisal_item SET duty = ?2, name = ?3, weight = ?4, measure = ?5, target = ?6, standard = ?7,
                    active = ?8 WHERE id = ?1",
                params![id, duty, name, weight, measure, target, standard, input.active],
            )?;
            if n == 0 {
                return Err(AppError::not_found("找不到该考核项目"));
            }
            Ok(id)
        }
    }
}

/// The 考核标准 of a post as its description prints it: one line per item
/// of the duties it holds, with weight and target.
pub fn criteria_text(conn: &Connection, post_code: &str) -> AppResult<String> {
    let Some(post) = crate::staff::posts::find(post_code) else {
        return Ok(String::new());
    };
    let all = items(conn, false)?;
    let mut lines = Vec::new();
    for d in post.holds {
        for i in all.iter().filter(|i| i.duty == *d) {
            let target = if i.measure == "manual" {
                i.standard.clone()
            } else {
                format!("{}，目标 {}", i.measure_label, i.target_text)
            };
            let prefix = if post.holds.len() > 1 {
                format!("{d} ")
            } else {
                String::new()
            };
            lines.push(format!("{prefix}{}（{} 分）：{target}", i.name, i.weight));
        }
    }
    Ok(lines.join("\n"))
}

// ------------------------------------------------------------ 考核表

/// One line of a sheet, as made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct AppraisalLine {
    pub seq: i64,
    pub duty: String,
    pub name: String,
    pub weight: i64,
    #[ts(as = "MeasureCode")]
    pub measure: String,
    pub measure_label: &'static str,
    pub target_text: String,
    /// the figure measured when the sheet was made
    pub actual: Option<String>,
    pub actual_text: String,
    /// scored from the records (not by the manager)
    pub auto: bool,
    pub rule: &'static str,
    /// points, 0 … weight; None: not yet scored
    pub score: Option<String>,
    pub note: String,
}

/// A person's appraisal sheet for a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Appraisal {
    pub id: i64,
    pub staff_id: i64,
    pub staff_name: String,
    pub month: String,
    /// the posts held when made: "K"
    pub posts: String,
    /// "K 客服经理兼配件主管"
    pub posts_label: String,
    #[ts(as = "StatusCode")]
    pub status: String,
    pub status_label: &'static str,
    /// 奖惩: a reward above 0, a penalty below
    pub reward: Money,
    pub remarks: String,
    pub made_at: String,
    pub made_by: String,
    pub finalised_at: Option<String>,
    pub finalised_by: Option<String>,
    pub lines: Vec<AppraisalLine>,
    pub weight_total: i64,
    /// the points scored so far
    pub points: String,
    /// lines not yet scored
    pub unscored: i64,
    /// out of 100, when every line is scored
    pub total: Option<String>,
    pub grade: Option<&'static str>,
}

/// A person's sheet for a month in a list (the month's sheets, a person's
/// history): `id` None when not made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct AppraisalRow {
    pub staff_id: i64,
    pub name: String,
    pub posts_label: String,
    pub month: String,
    pub id: Option<i64>,
    #[ts(as = "Option<StatusCode>")]
    pub status: Option<String>,
    pub status_label: &'static str,
    pub total: Option<String>,
    pub grade: Option<&'static str>,
    pub reward: Option<Money>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct LineScore {
    pub seq: i64,
    pub score: String,
    pub note: String,
}

/// The manager's part of a draft: the manual lines' scores, 奖惩, remarks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct AppraisalInput {
    pub scores: Vec<LineScore>,
    pub reward: String,
    pub remarks: String,
}

/// Whether whoever is working may see `staff_id`'s sheets: the manager
/// (or a shop without login) sees all, anyone else their own.
pub fn may_see(store: &Store, staff_id: i64) -> AppResult<()> {
    let actor = crate::auth::current(store)?;
    if actor.role == Role::Manager || actor.staff_id == Some(staff_id) {
        Ok(())
    } else {
        Err(AppError::new(ErrorCode::Forbidden, "只能查看本人的考核表"))
    }
}

fn posts_label(posts: &str) -> String {
    posts
        .split(',')
        .filter(|p| !p.is_empty())
        .map(duty_label)
        .collect::<Vec<_>>()
        .join("、")
}

fn staff_posts(conn: &Connection, staff_id: i64) -> AppResult<Vec<String>> {
    let mut st = conn.prepare_cached("SELECT post_code FROM staff_post WHERE staff_id = ?1 ORDER BY post_code")?;
    let rows = st.query_map([staff_id], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// What the month's records say for one measure (None: 无数据).
fn measured(
    conn: &Connection,
    measure: &str,
    staff: (i64, &str),
    month: Month,
    closed: &[(u8, Option<String>)],
    settings: &ShopSettings,
) -> AppResult<Option<Decimal>> {
    let (a, b) = (month.first_day().to_string(), month.last_day().to_string());
    let next = month.next().first_day().to_string();
    let indicator = |no: u8| -> Option<Decimal> {
        closed
            .iter()
            .find(|(n, _)| *n == no)
            .and_then(|(_, v)| v.as_deref())
            .and_then(|v| Decimal::from_str(v).ok())
    };
    let count = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> AppResult<Option<Decimal>> {
        let n: i64 = conn.query_row(sql, p, |r| r.get(0))?;
        Ok(Some(Decimal::from(n)))
    };
    Ok(match measure {
        "indicators_met" => {
            let (mut with, mut met) = (0i64, 0i64);
            for (no, _) in crate::targets::RULES {
                let (Some(t), Some(v)) = (crate::targets::of(settings, no), indicator(no)) else {
                    continue;
                };
                with += 1;
                if t.mark(Some(Rate::from_decimal(v))) == crate::targets::Mark::Good {
                    met += 1;
                }
            }
            Rate::ratio(met.into(), with.into()).map(|r| r.as_decimal())
        }
        "complaints_on_time" => {
            let m = crate::customers::complaint::month_summary(conn, month, month.next().first_day())?;
            Rate::ratio(m.closed_on_time.into(), m.closed.into()).map(|r| r.as_decimal())
        }
        "satisfaction" => crate::customers::satisfaction::month_report(conn, month)?
            .average
            .and_then(|v| Decimal::from_str(&v).ok()),
        // 按时交车率, as the 服务项目 page counts it (customers::service)
        "on_time_delivery" | "on_time_reception" => {
            let who = (measure == "on_time_reception").then_some(staff.1);
            let (n, on_time) = crate::customers::service::on_time_counts(conn, month, who)?;
            Rate::ratio(on_time.into(), n.into()).map(|r| r.as_decimal())
        }
        "satisfaction_reception" => {
            let (n, sum): (i64, i64) = conn.query_row(
                "SELECT count(f.satisfaction), coalesce(sum(f.satisfaction), 0)
                 FROM follow_up f JOIN repair_order o ON o.id = f.repair_order_id
                 WHERE f.effective = 1 AND f.reason = 'repair' AND o.receptionist = ?1 AND f.called_on BETWEEN ?2 AND ?3",
                params![staff.1, a, b],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            crate::customers::satisfaction::average(sum, n).and_then(|v| Decimal::from_str(&v).ok())
        }
        "etiquette" => crate::staff::standards::month_by_person(conn, month)?
            .into_iter()
            .find(|p| p.staff_id == staff.0)
            .and_then(|p| p.share)
            .map(|r| r.as_decimal()),
        "complaints_named" => count(
            "SELECT count(*) FROM complaint WHERE staff_id = ?1 AND received_on BETWEEN ?2 AND ?3",
            &[&staff.0, &a, &b],
        )?,
        "filing_rate" => indicator(12),
        "follow_up_rate" => indicator(14),
        "inspection_rate" => indicator(20),
        "first_supply" => indicator(6),
        "slow_moving" => indicator(7),
        "warranty_cost" => indicator(9),
        "stocktake_lines" => count(
            "SELECT count(*) FROM stocktake_line l JOIN stocktake s ON s.id = l.stocktake_id
             WHERE s.status = 'posted' AND s.posted_on BETWEEN ?1 AND ?2
               AND l.counted_qty IS NOT NULL AND l.counted_qty <> l.book_qty",
            &[&a, &b],
        )?,
        "rejected_claims" => count(
            "SELECT count(DISTINCT claim_id) FROM warranty_claim_event
             WHERE to_status = 'rejected' AND at >= ?1 AND at < ?2",
            &[&a, &next],
        )?,
        "old_parts_overdue" => {
            let before = (month.last_day() - chrono::Duration::days(OLD_PART_DAYS)).to_string();
            count(
                "SELECT coalesce(sum(l.qty), 0) FROM warranty_claim_line l JOIN warranty_claim w ON w.id = l.claim_id
                 LEFT JOIN old_part_batch ob ON ob.id = l.old_batch_id
                 WHERE l.movement_id IS NOT NULL AND w.claim_type = 'warranty' AND w.repaired_on <= ?1
                   AND (ob.id IS NULL OR ob.shipped_on > ?2)",
                &[&before, &b],
            )?
        }
        "vehicles_repaired" => count(
            "SELECT count(DISTINCT vehicle_id) FROM repair_order WHERE technician = ?1 AND done_at >= ?2 AND done_at < ?3",
            &[&staff.1, &a, &next],
        )?,
        // of the person's repairs done in the month, the share matched by
        // a vehicle back for a repair this month within 30 days of one of
        // theirs (返修率)
        "repeat_repairs" => {
            let jobs: i64 = conn.query_row(
                "SELECT count(*) FROM repair_order WHERE technician = ?1 AND kind IN ('repair', 'warranty', 'onsite')
                   AND done_at >= ?2 AND done_at < ?3",
                params![staff.1, a, next],
                |r| r.get(0),
            )?;
            let back = count(
            "SELECT count(*) FROM repair_order r
             WHERE r.kind IN ('repair', 'warranty', 'onsite') AND r.received_at >= ?2 AND r.received_at < ?3
               AND EXISTS (SELECT 1 FROM repair_order p WHERE p.vehicle_id = r.vehicle_id AND p.id <> r.id
                   AND p.kind IN ('repair', 'warranty', 'onsite') AND p.technician = ?1
                   AND p.done_at IS NOT NULL AND p.done_at <= r.received_at
                   AND date(p.done_at) >= date(r.received_at, '-30 days'))",
            &[&staff.1, &a, &next],
        )?
            .unwrap_or_default();
            Rate::ratio(back, jobs.into()).map(|r| r.as_decimal())
        }
        _ => None,
    })
}

/// A measured line as made: (target text, figure, figure text, score, note).
type Made = (String, Option<Decimal>, String, Option<Decimal>, String);

fn measure_line(
    conn: &Connection,
    item: &AppraisalItem,
    weight: i64,
    staff: (i64, &str),
    month: Month,
    closed: &[(u8, Option<String>)],
    settings: &ShopSettings,
) -> AppResult<Made> {
    let s = spec(&item.measure);
    let target = if item.measure == "manual" {
        return Ok((item.standard.clone(), None, String::new(), None, String::new()));
    } else {
        item.target_text.clone()
    };
    let value = measured(conn, &item.measure, staff, month, closed, settings)?;
    let Some(v) = value else {
        return Ok((
            target,
            None,
            "本月无数据".into(),
            None,
            "本月无可计的记录，由经理评分".into(),
        ));
    };
    let scope = if s.person { "" } else { "（全店）" };
    let text = format!("{}{scope}", shown(v, s.unit));
    let (met, goal) = match s.indicator {
        Some(no) => match crate::targets::of(settings, no) {
            Some(t) => (
                t.mark(Some(Rate::from_decimal(v))) == crate::targets::Mark::Good,
                t.goal.as_decimal(),
            ),
            None => return Ok((target, Some(v), text, None, "没有指标目标，由经理评分".into())),
        },
        None => {
            let goal = item
                .target
                .as_deref()
                .and_then(|t| Decimal::from_str(t).ok())
                .unwrap_or_default();
            (if s.lower { v <= goal } else { v >= goal }, goal)
        }
    };
    Ok((
        target,
        Some(v),
        text,
        Some(score(weight, met, v, goal, &item.measure)),
        String::new(),
    ))
}

/// Makes `staff_id`'s sheet for a closed month from the items of the
/// duties their posts hold, measuring what the records measure.
pub fn make(store: &mut Store, staff_id: i64, month: Month) -> AppResult<Appraisal> {
    let by = store.actor().unwrap_or_else(Actor::without_login).name;
    let id = store.write(|tx| make_in(tx, staff_id, month, &by))?;
    get(store.conn(), id)
}

/// [`make`] inside the caller's transaction, as `by`.
pub fn make_in(tx: &Connection, staff_id: i64, month: Month, by: &str) -> AppResult<i64> {
    let Some(closing) = crate::closing::current(tx, month)? else {
        return Err(AppError::new(
            ErrorCode::Conflict,
            format!(
                "{} 还没有月结。考核表在月结之后制作，按月结时的数字考核",
                crate::dates::month_label(month)
            ),
        ));
    };
    let name: String = tx
        .query_row("SELECT name FROM staff WHERE id = ?1", [staff_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| AppError::not_found("找不到该人员"))?;
    let made: Option<i64> = tx
        .query_row(
            "SELECT id FROM appraisal WHERE staff_id = ?1 AND month = ?2",
            params![staff_id, month.iso()],
            |r| r.get(0),
        )
        .optional()?;
    if made.is_some() {
        return Err(AppError::new(
            ErrorCode::Conflict,
            format!("{name} {} 的考核表已制作", crate::dates::month_label(month)),
        ));
    }
    let posts = staff_posts(tx, staff_id)?;
    if posts.is_empty() {
        return Err(AppError::new(
            ErrorCode::Validation,
            format!("{name} 没有登记岗位，无法按岗位考核。请先在人员名册中登记岗位"),
        ));
    }
    let mut duties: Vec<&str> = Vec::new();
    for p in &posts {
        for d in crate::staff::posts::find(p).map_or(&[][..], |p| p.holds) {
            if !duties.contains(d) {
                duties.push(d);
            }
        }
    }
    duties.sort();
    let all = items(tx, false)?;
    // a measure two duties share appears once, with their weights added
    let mut chosen: Vec<(AppraisalItem, i64)> = Vec::new();
    for d in &duties {
        for i in all.iter().filter(|i| i.duty == *d) {
            match chosen
                .iter_mut()
                .find(|(c, _)| c.measure != "manual" && c.measure == i.measure)
            {
                Some((_, w)) => *w += i.weight,
                None => chosen.push((i.clone(), i.weight)),
            }
        }
    }
    if chosen.is_empty() {
        return Err(AppError::new(
            ErrorCode::Validation,
            format!("{name} 所任岗位没有在用的考核项目。请先在「考核项目」中添加"),
        ));
    }
    let settings = crate::settings::load(tx)?.unwrap_or_default();
    tx.execute(
        "INSERT INTO appraisal (staff_id, month, posts, made_at, made_by) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![staff_id, month.iso(), posts.join(","), crate::dates::stamp(), by],
    )?;
    let id = tx.last_insert_rowid();
    for (seq, (item, weight)) in chosen.iter().enumerate() {
        let (target, actual, actual_text, score, note) =
            measure_line(tx, item, *weight, (staff_id, &name), month, &closing.values, &settings)?;
        tx.execute(
            "INSERT INTO appraisal_line (appraisal_id, seq, duty, name, weight, measure, target_text, actual,
                actual_text, auto, score, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                id,
                seq as i64 + 1,
                item.duty,
                item.name,
                weight,
                item.measure,
                target,
                actual.map(|v| v.normalize().to_string()),
                actual_text,
                score.is_some(),
                score.map(|v| v.to_string()),
                note
            ],
        )?;
    }
    Ok(id)
}

/// A sheet with its lines and totals.
pub fn get(conn: &Connection, id: i64) -> AppResult<Appraisal> {
    let mut a = conn
        .query_row(
            "SELECT a.id, a.staff_id, s.name, a.month, a.posts, a.status, a.reward_fen, a.remarks, a.made_at, a.made_by,
                a.finalised_at, a.finalised_by
             FROM appraisal a JOIN staff s ON s.id = a.staff_id WHERE a.id = ?1",
            [id],
            |r| {
                let posts: String = r.get(4)?;
                let status: String = r.get(5)?;
                Ok(Appraisal {
                    id: r.get(0)?,
                    staff_id: r.get(1)?,
                    staff_name: r.get(2)?,
                    month: r.get(3)?,
                    posts_label: posts_label(&posts),
                    posts,
                    status_label: status_label(&status),
                    status,
                    reward: r.get(6)?,
                    remarks: r.get(7)?,
                    made_at: r.get(8)?,
                    made_by: r.get(9)?,
                    finalised_at: r.get(10)?,
                    finalised_by: r.get(11)?,
                    lines: Vec::new(),
                    weight_total: 0,
                    points: String::new(),
                    unscored: 0,
                    total: None,
                    grade: None,
                })
            },
        )
        .optional()?
        .ok_or_else(|| AppError::not_found("找不到该考核表"))?;
    let mut st = conn.prepare_cached(
        "SELECT seq, duty, name, weight, measure, target_text, actual, actual_text, auto, score, note
         FROM appraisal_line WHERE appraisal_id = ?1 ORDER BY seq",
    )?;
    a.lines = st
        .query_map([id], |r| {
            let measure: String = r.get(4)?;
            Ok(AppraisalLine {
                seq: r.get(0)?,
                duty: r.get(1)?,
                name: r.get(2)?,
                weight: r.get(3)?,
                measure_label: measure_label(&measure),
                rule: rule_text(&measure),
                measure,
                target_text: r.get(5)?,
                actual: r.get(6)?,
                actual_text: r.get(7)?,
                auto: r.get(8)?,
                score: r.get(9)?,
                note: r.get(10)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let (total, points, unscored, weights) = totals(&a.lines);
    a.weight_total = weights;
    a.points = points.to_string();
    a.unscored = unscored;
    a.total = total.map(|t| t.to_string());
    a.grade = total.map(grade);
    Ok(a)
}

/// (total out of 100 when all scored, points, lines unscored, weights).
fn totals(lines: &[AppraisalLine]) -> (Option<Decimal>, Decimal, i64, i64) {
    let weights: i64 = lines.iter().map(|l| l.weight).sum();
    let points: Decimal = lines
        .iter()
        .filter_map(|l| l.score.as_deref())
        .filter_map(|s| Decimal::from_str(s).ok())
        .sum();
    let unscored = lines.iter().filter(|l| l.score.is_none()).count() as i64;
    let total = (unscored == 0 && weights > 0).then(|| round1(points * Decimal::ONE_HUNDRED / Decimal::from(weights)));
    (total, round1(points), unscored, weights)
}

/// The manager's scores, 奖惩 and remarks on a draft. All or nothing.
pub fn update(store: &mut Store, id: i64, input: &AppraisalInput) -> AppResult<Appraisal> {
    store.write(|tx| update_in(tx, id, input))?;
    get(store.conn(), id)
}

/// [`update`] inside the caller's transaction.
pub fn update_in(tx: &Connection, id: i64, input: &AppraisalInput) -> AppResult<()> {
    let a = get(tx, id)?;
    if a.status == "final" {
        return Err(AppError::new(ErrorCode::Conflict, "考核表已定稿，不能再修改"));
    }
    let mut f = Fields::new();
    let mut writes: Vec<(i64, Option<String>, String)> = Vec::new();
    for s in &input.scores {
        let field = format!("score{}", s.seq);
        let Some(line) = a.lines.iter().find(|l| l.seq == s.seq) else {
            f.bad(&field, format!("考核表没有第 {} 项", s.seq));
            continue;
        };
        let note = f.text(&format!("note{}", s.seq), "说明", &s.note, 200, false);
        if line.auto {
            if !s.score.trim().is_empty() && s.score.trim() != line.score.as_deref().unwrap_or("") {
                f.bad(&field, format!("「{}」按记录计分，不能改分", line.name));
            }
            continue;
        }
        let t = crate::form::halfwidth(s.score.trim());
        let score = if t.is_empty() {
            None
        } else {
            match Decimal::from_str(&t) {
                Ok(v) if v >= Decimal::ZERO && v <= Decimal::from(line.weight) && v.scale() <= 1 => {
                    Some(v.normalize().to_string())
                }
                _ => {
                    f.bad(
                        &field,
                        format!(
                            "「{}」的得分「{}」应在 0 到 {} 之间，最多一位小数",
                            line.name,
                            s.score.trim(),
                            line.weight
                        ),
                    );
                    None
                }
            }
        };
        writes.push((s.seq, score, note));
    }
    // 奖惩: a penalty is written with a minus sign
    let reward = if input.reward.trim().is_empty() {
        Some(Money::ZERO)
    } else {
        match Money::from_str(&input.reward) {
            Ok(m) => Some(m),
            Err(e) => {
                f.bad("reward", format!("奖惩金额：{}", e.0));
                None
            }
        }
    };
    let remarks = f.text("remarks", "考核意见", &input.remarks, 500, false);
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    for (seq, score, note) in writes {
        tx.execute(
            "UPDATE appraisal_line SET score = ?3, note = ?4 WHERE appraisal_id = ?1 AND seq = ?2",
            params![id, seq, score, note],
        )?;
    }
    tx.execute(
        "UPDATE appraisal SET reward_fen = ?2, remarks = ?3 WHERE id = ?1",
        params![id, reward.unwrap_or_default(), remarks],
    )?;
    Ok(())
}

/// 定稿: every line scored, the sheet is kept as it is from now on.
pub fn finalise(store: &mut Store, id: i64) -> AppResult<Appraisal> {
    let by = store.actor().unwrap_or_else(Actor::without_login).name;
    let a = get(store.conn(), id)?;
    if a.status == "final" {
        return Err(AppError::new(ErrorCode::Conflict, "考核表已定稿"));
    }
    let missing: Vec<&str> = a
        .lines
        .iter()
        .filter(|l| l.score.is_none())
        .map(|l| l.name.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(AppError::new(
            ErrorCode::Validation,
            format!(
                "还有 {} 项未评分：{}。全部评分后才能定稿",
                missing.len(),
                missing.join("、")
            ),
        ));
    }
    store.conn().execute(
        "UPDATE appraisal SET status = 'final', finalised_at = ?2, finalised_by = ?3 WHERE id = ?1",
        params![id, crate::dates::stamp(), by],
    )?;
    get(store.conn(), id)
}

/// Deletes a draft (to make it again, e.g. after the month was reopened
/// and closed with other figures). A final sheet stays.
pub fn delete_draft(store: &mut Store, id: i64) -> AppResult<()> {
    let a = get(store.conn(), id)?;
    if a.status == "final" {
        return Err(AppError::new(ErrorCode::Conflict, "已定稿的考核表不能删除"));
    }
    let tx = store.conn_mut().transaction()?;
    tx.execute("DELETE FROM appraisal_line WHERE appraisal_id = ?1", [id])?;
    tx.execute("DELETE FROM appraisal WHERE id = ?1", [id])?;
    tx.commit()?;
    Ok(())
}

/// (staff id, name, posts held now, sheet id, posts held when made)
type StaffSheet = (i64, String, String, Option<i64>, Option<String>);

fn row_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<StaffSheet> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

fn row(
    conn: &Connection,
    staff_id: i64,
    name: String,
    posts: String,
    month: String,
    id: Option<i64>,
) -> AppResult<AppraisalRow> {
    let mut out = AppraisalRow {
        staff_id,
        name,
        posts_label: posts_label(&posts),
        month,
        id,
        status: None,
        status_label: status_label(""),
        total: None,
        grade: None,
        reward: None,
    };
    if let Some(id) = id {
        let a = get(conn, id)?;
        out.posts_label = a.posts_label;
        out.status_label = a.status_label;
        out.status = Some(a.status);
        out.total = a.total;
        out.grade = a.grade;
        out.reward = Some(a.reward);
    }
    Ok(out)
}

/// The month's sheets: every active person (and anyone appraised that
/// month), made or not, by name.
pub fn month_list(conn: &Connection, month: Month) -> AppResult<Vec<AppraisalRow>> {
    let mut st = conn.prepare(
        "SELECT s.id, s.name, coalesce((SELECT group_concat(post_code, ',') FROM
                    (SELECT post_code FROM staff_post WHERE staff_id = s.id ORDER BY post_code)), ''),
                a.id, a.posts
         FROM staff s LEFT JOIN appraisal a ON a.staff_id = s.id AND a.month = ?1
         WHERE s.active = 1 OR a.id IS NOT NULL ORDER BY s.id",
    )?;
    let rows: Vec<_> = st.query_map([month.iso()], row_from)?.collect::<Result<_, _>>()?;
    rows.into_iter()
        .map(|(sid, name, posts, id, made_posts)| row(conn, sid, name, made_posts.unwrap_or(posts), month.iso(), id))
        .collect()
}

/// The month's sheets as the appraisal screen opens them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct AppraisalMonth {
    pub month: String,
    /// whether sheets can be made for it (closed, 月结)
    pub closed: bool,
    /// the last closed month, the screen's first choice
    pub last_closed: Option<String>,
    pub rows: Vec<AppraisalRow>,
}

/// [`month_list`] for `month`, or for the last closed month.
pub fn month_view(conn: &Connection, month: Option<Month>, today: chrono::NaiveDate) -> AppResult<AppraisalMonth> {
    let last = crate::closing::last_closed(conn)?;
    let m = month.or(last).unwrap_or_else(|| Month::of(today).prev());
    Ok(AppraisalMonth {
        month: m.iso(),
        closed: crate::closing::is_closed(conn, m)?,
        last_closed: last.map(|l| l.iso()),
        rows: month_list(conn, m)?,
    })
}

/// The sheets of whoever is signed in, their last 12 months.
pub fn mine(store: &Store, today: chrono::NaiveDate) -> AppResult<Vec<AppraisalRow>> {
    let Some(id) = store.actor().and_then(|a| a.staff_id) else {
        return Err(AppError::new(
            ErrorCode::Forbidden,
            "免登录使用时没有「本人」：请在人员与现场 → 绩效考核中查看各人的考核表",
        ));
    };
    let last = crate::closing::last_closed(store.conn())?.unwrap_or_else(|| Month::of(today).prev());
    history(store.conn(), id, last)
}

/// A person's last 12 months up to `last`, newest first (months without a
/// sheet listed as 未制作).
pub fn history(conn: &Connection, staff_id: i64, last: Month) -> AppResult<Vec<AppraisalRow>> {
    let (name, posts): (String, String) = conn
        .query_row(
            "SELECT name, coalesce((SELECT group_concat(post_code, ',') FROM
                    (SELECT post_code FROM staff_post WHERE staff_id = ?1 ORDER BY post_code)), '')
             FROM staff WHERE id = ?1",
            [staff_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| AppError::not_found("找不到该人员"))?;
    let mut out = Vec::with_capacity(12);
    let mut m = last;
    for _ in 0..12 {
        let made: Option<(i64, String)> = conn
            .query_row(
                "SELECT id, posts FROM appraisal WHERE staff_id = ?1 AND month = ?2",
                params![staff_id, m.iso()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (id, p) = match made {
            Some((id, p)) => (Some(id), p),
            None => (None, posts.clone()),
        };
        out.push(row(conn, staff_id, name.clone(), p, m.iso(), id)?);
        m = m.prev();
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::testkit::{sell, shop};
    use crate::staff::roster::{save as save_staff, StaffInput};
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn scoring_by_hand() {
        // met: full weight
        assert_eq!(score(30, true, dec("92"), dec("90"), "first_supply"), dec("30"));
        // a rate to reach: 85 of 90 → 30 × 85 / 90 = 28.33… → 28.3
        assert_eq!(score(30, false, dec("85"), dec("90"), "first_supply"), dec("28.3"));
        // exactly 90 against "> 90": not met, never the full weight
        assert_eq!(score(30, false, dec("90"), dec("90"), "first_supply"), dec("29.9"));
        // a ceiling rate: 10% against ≤ 8% → 40 × 8 / 10 = 32
        assert_eq!(score(40, false, dec("10"), dec("8"), "warranty_cost"), dec("32"));
        // a count: each one over costs half the weight
        assert_eq!(score(20, false, dec("1"), dec("0"), "complaints_named"), dec("10"));
        assert_eq!(score(20, false, dec("3"), dec("0"), "complaints_named"), dec("0"));
        // grades
        assert_eq!(
            [
                grade(dec("95")),
                grade(dec("80")),
                grade(dec("79.9")),
                grade(dec("59.9"))
            ],
            ["优秀", "良好", "合格", "不合格"]
        );
    }

    #[test]
    fn the_items_are_the_descriptions_criteria_and_editable() {
        let mut s = Store::open_in_memory().unwrap();
        let all = items(s.conn(), false).unwrap();
        // each duty's weights add up to 100
        for duty in ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"] {
            let w: i64 = all.iter().filter(|i| i.duty == duty).map(|i| i.weight).sum();
            assert_eq!(w, 100, "duty {duty}");
        }
        let fs = all.iter().find(|i| i.measure == "first_supply").unwrap();
        assert_eq!(fs.target_text, "> 90%（指标目标）");
        // the description of K (A + D) prints both duties' items
        let k = criteria_text(s.conn(), "K").unwrap();
        assert!(
            k.contains("A 月度指标达标（40 分）") && k.contains("D 配件一次供应率（30 分）"),
            "{k}"
        );
        // a new manual item, then bad input changes nothing
        let input = AppraisalItemInput {
            duty: "J".into(),
            name: "工单填写规范".into(),
            weight: "10".into(),
            measure: "manual".into(),
            standard: "维修内容、用料填写齐全".into(),
            active: true,
            ..Default::default()
        };
        let it = save_item(&mut s, None, &input).unwrap();
        assert_eq!((it.seq, it.target_text.as_str()), (5, "维修内容、用料填写齐全"));
        let dup = save_item(&mut s, None, &input).unwrap_err();
        assert!(dup.problems[0].message.contains("已有考核项目"), "{dup:?}");
        let bad = save_item(
            &mut s,
            None,
            &AppraisalItemInput {
                duty: "J".into(),
                name: "接车量".into(),
                weight: "0".into(),
                measure: "vehicles_repaired".into(),
                target: "多".into(),
                active: true,
                ..Default::default()
            },
        )
        .unwrap_err();
        let msgs: Vec<&str> = bad.problems.iter().map(|p| p.message.as_str()).collect();
        assert!(msgs.iter().any(|m| m.contains("权重应在 1 到 100")), "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("目标「多」")), "{msgs:?}");
        assert_eq!(items(s.conn(), true).unwrap().len(), all.len() + 1);
    }

    #[test]
    fn an_edited_descriptions_criteria_become_manual_items() {
        let mut c = Connection::open_in_memory().unwrap();
        c.execute_batch("PRAGMA foreign_keys = ON").unwrap();
        crate::store::register_functions(&c, Default::default()).unwrap();
        crate::store::migrations::migrate_to(&mut c, 36).unwrap();
        c.execute(
            "INSERT INTO position_description (post_code, superior, subordinates, duties, targets, appraisal, authority,
                requirements, updated_at)
             VALUES ('K', '总经理', '无', '管理', '', '月度指标完成情况\n按时上报工厂\n\n', '', '', '2026-11-01')",
            [],
        )
        .unwrap();
        crate::store::migrations::migrate_to(&mut c, 37).unwrap();
        let added: Vec<(String, String, i64, String)> = c
            .prepare("SELECT duty, name, weight, measure FROM appraisal_item WHERE seq > 100")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        // K's first duty is A; the old default line is an item already
        assert_eq!(
            added,
            [("A".to_string(), "按时上报工厂".to_string(), 10, "manual".to_string())]
        );
    }

    #[test]
    fn a_person_sees_only_their_own_sheets() {
        let s = Store::open_in_memory().unwrap();
        // no login: the manager at the desk sees all
        assert!(may_see(&s, 7).is_ok());
        s.set_actor(Some(Actor {
            staff_id: Some(3),
            name: "张内勤".into(),
            role: Role::Clerk,
            role_label: Role::Clerk.label(),
        }));
        assert!(may_see(&s, 3).is_ok());
        assert_eq!(may_see(&s, 7).unwrap_err().message, "只能查看本人的考核表");
        s.set_actor(Some(Actor {
            staff_id: Some(1),
            name: "王经理".into(),
            role: Role::Manager,
            role_label: Role::Manager.label(),
        }));
        assert!(may_see(&s, 7).is_ok());
    }

    /// A technician's month by hand: 2 vehicles done, one of them back
    /// within 30 days, one complaint naming him.
    #[test]
    fn a_technicians_sheet_from_his_records_of_a_closed_month() {
        let today = d("2026-12-06");
        let mut s = shop();
        let tech = save_staff(
            &mut s,
            None,
            &StaffInput {
                name: "张师傅".into(),
                active: true,
                posts: vec!["J".into()],
                ..Default::default()
            },
            today,
        )
        .unwrap();
        let v1 = sell(&mut s, "王一", "13800000001", 1, "2026-01-10");
        let v2 = sell(&mut s, "王二", "13800000002", 2, "2026-01-10");
        let order = |s: &Store, n: i64, v: i64, kind: &str, from: &str, to: &str, tech: &str| {
            s.conn()
                .execute(
                    "INSERT INTO repair_order (order_no, vehicle_id, customer_id, kind, received_at, promised_at,
                        technician, complaint, status, done_at, created_at, receptionist)
                     SELECT ?1, id, customer_id, ?2, ?3, ?4, ?5, '异响', 'done', ?4, ?3, '王内勤' FROM vehicle WHERE id = ?6",
                    params![format!("WX-202611-{n:04}"), kind, from, to, tech, v],
                )
                .unwrap();
        };
        order(&s, 1, v1, "repair", "2026-11-03 09:00", "2026-11-03 17:00", "张师傅");
        order(
            &s,
            2,
            v2,
            "maintenance",
            "2026-11-10 09:00",
            "2026-11-10 11:00",
            "张师傅",
        );
        // v1 back on the 20th: a repeat repair of 张师傅's work
        order(&s, 3, v1, "repair", "2026-11-20 09:00", "2026-11-20 12:00", "李师傅");
        s.conn()
            .execute(
                "INSERT INTO complaint (complaint_no, received_on, source, complainant, phone, category, content,
                    staff_id, owner, due_on, created_at)
                 VALUES ('TS-1', '2026-11-21', 'walk_in', '王先生', '13800000000', 'quality', '修完又坏', ?1, '王经理',
                    '2026-11-24', '2026-11-21 10:00:00')",
                [tech.id],
            )
            .unwrap();
        let nov = Month::parse("2026-11").unwrap();
        // not closed: refused
        let e = make(&mut s, tech.id, nov).unwrap_err();
        assert!(e.message.contains("还没有月结"), "{}", e.message);
        crate::closing::close_through(&mut s, nov, "测试", today.and_hms_opt(9, 0, 0).unwrap()).unwrap();
        let a = make(&mut s, tech.id, nov).unwrap();
        let line = |m: &str| a.lines.iter().find(|l| l.measure == m).unwrap().clone();
        // 2 vehicles against 30: 40 × 2 / 30 = 2.7
        assert_eq!(line("vehicles_repaired").actual_text, "2 台");
        assert_eq!(line("vehicles_repaired").score.as_deref(), Some("2.7"));
        // his one repair came back: 100% against ≤ 2% → 30 × 2 / 100 = 0.6;
        // one complaint: half of 20
        assert_eq!(line("repeat_repairs").actual_text, "100%");
        assert_eq!(line("repeat_repairs").score.as_deref(), Some("0.6"));
        assert_eq!(line("complaints_named").score.as_deref(), Some("10"));
        let manual = line("manual");
        assert!(!manual.auto && manual.score.is_none());
        assert_eq!((a.status.as_str(), a.unscored, a.total.clone()), ("draft", 1, None));
        // twice: refused
        assert!(make(&mut s, tech.id, nov).unwrap_err().message.contains("已制作"));
        // a measured line's score is not the manager's; out of range refused
        let bad = update(
            &mut s,
            a.id,
            &AppraisalInput {
                scores: vec![
                    LineScore {
                        seq: line("vehicles_repaired").seq,
                        score: "40".into(),
                        note: String::new(),
                    },
                    LineScore {
                        seq: manual.seq,
                        score: "11".into(),
                        note: String::new(),
                    },
                ],
                reward: "-50".into(),
                remarks: String::new(),
            },
        )
        .unwrap_err();
        assert_eq!(bad.problems.len(), 2, "{bad:?}");
        assert!(get(s.conn(), a.id)
            .unwrap()
            .lines
            .iter()
            .all(|l| l.auto || l.score.is_none()));
        // not all scored: no 定稿
        assert!(finalise(&mut s, a.id).unwrap_err().message.contains("未评分"));
        let a = update(
            &mut s,
            a.id,
            &AppraisalInput {
                scores: vec![LineScore {
                    seq: manual.seq,
                    score: "8".into(),
                    note: "工具柜未上锁一次".into(),
                }],
                reward: "-50".into(),
                remarks: "工作量偏少".into(),
            },
        )
        .unwrap();
        // 2.7 + 0.6 + 10 + 8 = 21.3 of 100
        assert_eq!((a.total.as_deref(), a.grade), (Some("21.3"), Some("不合格")));
        assert_eq!(a.reward, Money::from_str("-50").unwrap());
        let a = finalise(&mut s, a.id).unwrap();
        assert_eq!(a.status_label, "已定稿");
        // kept as made: the database refuses any change
        assert!(s
            .conn()
            .execute("UPDATE appraisal_line SET score = '10' WHERE appraisal_id = ?1", [a.id])
            .is_err());
        assert!(delete_draft(&mut s, a.id).is_err());
        let h = history(s.conn(), tech.id, nov).unwrap();
        assert_eq!(h.len(), 12);
        assert_eq!((h[0].month.as_str(), h[0].total.as_deref()), ("2026-11", Some("21.3")));
        assert_eq!(h[1].status_label, "未制作");
        let list = month_list(s.conn(), nov).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].grade, Some("不合格"));

        // the receptionist of the three orders, each finished by its promise
        // (a closed month's order cannot be made late now)
        let late = s.conn().execute(
            "UPDATE repair_order SET done_at = '2026-11-10 12:00' WHERE order_no = 'WX-202611-0002'",
            [],
        );
        assert!(late.is_err(), "November is closed: the order cannot change");
        let desk = save_staff(
            &mut s,
            None,
            &StaffInput {
                name: "王内勤".into(),
                active: true,
                posts: vec!["B".into()],
                ..Default::default()
            },
            today,
        )
        .unwrap();
        let b = make(&mut s, desk.id, nov).unwrap();
        let l = b.lines.iter().find(|l| l.measure == "on_time_reception").unwrap();
        // all three on time: 100% against ≥ 95%, the full 40
        assert_eq!((l.actual_text.as_str(), l.score.as_deref()), ("100%", Some("40")));
        // no call about them: left to the manager
        let l = b.lines.iter().find(|l| l.measure == "satisfaction_reception").unwrap();
        assert_eq!(
            (l.actual_text.as_str(), l.auto, l.score.as_deref()),
            ("本月无数据", false, None)
        );
    }
}
