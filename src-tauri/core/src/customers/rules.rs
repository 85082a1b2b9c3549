//! 回访与点检规则：when follow-ups and inspections fall due, and how long a
//! customer is told to wait for each kind of repair.
//!
//! Defaults: follow-up 3 and 30 days after a sale and 3 days after a repair;
//! the first inspection a month after the sale, then every 3 months within
//! the first 12 months (months 1, 4, 7, 10); waiting times of 1 h for
//! maintenance, 3 h for a repair, 4 h for a warranty repair (it needs an
//! appraisal) and 4 h for on-site or dispatched work. The source text's
//! waiting rules (客户等候原则): a wait with a known end feels shorter than
//! one without, so every repair order carries a promised time.

use chrono::{Months, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::Fields;
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ServiceRules {
    /// 购车回访：days after the sale
    pub follow_up_sale_days: Vec<u32>,
    /// 维修回访：days after the repair is delivered
    pub follow_up_repair_days: Vec<u32>,
    /// 首次点检：months after the sale
    pub inspection_first_months: u32,
    /// 点检间隔（月）
    pub inspection_interval_months: u32,
    /// 点检期限：inspections fall due within this many months of the sale
    pub inspection_span_months: u32,
    /// 承诺等候时间（分钟）by repair kind
    pub wait_maintenance_minutes: u32,
    pub wait_repair_minutes: u32,
    pub wait_warranty_minutes: u32,
    pub wait_onsite_minutes: u32,
    /// 流失客户: not seen for this many months
    pub lost_after_months: u32,
}

impl Default for ServiceRules {
    fn default() -> Self {
        ServiceRules {
            follow_up_sale_days: vec![3, 30],
            follow_up_repair_days: vec![3],
            inspection_first_months: 1,
            inspection_interval_months: 3,
            inspection_span_months: 12,
            wait_maintenance_minutes: 60,
            wait_repair_minutes: 180,
            wait_warranty_minutes: 240,
            wait_onsite_minutes: 240,
            lost_after_months: 6,
        }
    }
}

/// An inspection done up to this many days before its due date counts for it.
pub const INSPECTION_EARLY_DAYS: i64 = 15;

impl ServiceRules {
    /// The months after the sale at which inspections fall due: first, then
    /// every interval while within the span.
    pub fn inspection_months(&self) -> Vec<u32> {
        let mut out = Vec::new();
        let mut m = self.inspection_first_months;
        while m <= self.inspection_span_months && out.len() < 60 {
            out.push(m);
            if self.inspection_interval_months == 0 {
                break;
            }
            m += self.inspection_interval_months;
        }
        out
    }

    /// The inspection due dates of a vehicle sold on `sale`.
    pub fn inspection_dues(&self, sale: NaiveDate) -> Vec<NaiveDate> {
        self.inspection_months()
            .into_iter()
            .filter_map(|m| sale.checked_add_months(Months::new(m)))
            .collect()
    }
}

/// 点检周期: the inspection rule in force for the vehicles sold from
/// `from_date` (until the next schedule's). A vehicle is inspected on the
/// schedule in force when it was sold (migration 23).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct InspectionSchedule {
    /// YYYY-MM-DD; the first schedule's is `0001-01-01` (every earlier sale)
    pub from_date: String,
    pub first_months: u32,
    pub interval_months: u32,
    pub span_months: u32,
}

impl InspectionSchedule {
    fn as_rules(&self) -> ServiceRules {
        ServiceRules {
            inspection_first_months: self.first_months,
            inspection_interval_months: self.interval_months,
            inspection_span_months: self.span_months,
            ..ServiceRules::default()
        }
    }

    /// The months after the sale at which inspections fall due.
    pub fn months(&self) -> Vec<u32> {
        self.as_rules().inspection_months()
    }

    /// The due dates of a vehicle sold on `sale`.
    pub fn dues(&self, sale: NaiveDate) -> Vec<NaiveDate> {
        self.as_rules().inspection_dues(sale)
    }
}

/// Every schedule, oldest first.
pub fn schedules(conn: &Connection) -> AppResult<Vec<InspectionSchedule>> {
    let mut st = conn.prepare_cached(
        "SELECT from_date, first_months, interval_months, span_months FROM inspection_schedule ORDER BY from_date",
    )?;
    let rows: Vec<InspectionSchedule> = st
        .query_map([], |r| {
            Ok(InspectionSchedule {
                from_date: r.get(0)?,
                first_months: r.get(1)?,
                interval_months: r.get(2)?,
                span_months: r.get(3)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    if rows.is_empty() {
        let d = ServiceRules::default();
        return Ok(vec![InspectionSchedule {
            from_date: "0001-01-01".into(),
            first_months: d.inspection_first_months,
            interval_months: d.inspection_interval_months,
            span_months: d.inspection_span_months,
        }]);
    }
    Ok(rows)
}

/// The schedule in force for a vehicle sold on `sale` (the latest one
/// starting on or before it; the first one for a sale before them all).
pub fn schedule_at(all: &[InspectionSchedule], sale: NaiveDate) -> &InspectionSchedule {
    let day = sale.to_string();
    all.iter()
        .rev()
        .find(|s| s.from_date <= day)
        .unwrap_or_else(|| all.first().expect("at least one schedule"))
}

/// Makes `r`'s inspection rule the schedule for the vehicles sold from
/// `from` on (a change made on the same day replaces that day's); nothing
/// when it is already the schedule in force then. `None`: the only
/// schedule, for every sale (a workbook without the schedules' history).
pub fn set_schedule(conn: &Connection, r: &ServiceRules, from: Option<NaiveDate>) -> AppResult<()> {
    let row = |from_date: &str| -> AppResult<()> {
        conn.execute(
            "INSERT INTO inspection_schedule (from_date, first_months, interval_months, span_months, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (from_date) DO UPDATE SET first_months = ?2, interval_months = ?3, span_months = ?4,
                created_at = ?5",
            params![
                from_date,
                r.inspection_first_months,
                r.inspection_interval_months,
                r.inspection_span_months,
                crate::dates::stamp()
            ],
        )?;
        Ok(())
    };
    match from {
        None => {
            conn.execute("DELETE FROM inspection_schedule", [])?;
            row("0001-01-01")
        }
        Some(day) => {
            let all = schedules(conn)?;
            let now = schedule_at(&all, day);
            let same = now.first_months == r.inspection_first_months
                && now.interval_months == r.inspection_interval_months
                && now.span_months == r.inspection_span_months;
            if same {
                return Ok(());
            }
            // a later schedule than `day` cannot exist (changes are dated
            // today); one of the same day is replaced
            row(&day.to_string())
        }
    }
}

/// The rules as typed in the settings form (text).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct ServiceRulesInput {
    /// e.g. `3, 30`
    pub follow_up_sale_days: String,
    pub follow_up_repair_days: String,
    pub inspection_first_months: String,
    pub inspection_interval_months: String,
    pub inspection_span_months: String,
    pub wait_maintenance_minutes: String,
    pub wait_repair_minutes: String,
    pub wait_warranty_minutes: String,
    pub wait_onsite_minutes: String,
    pub lost_after_months: String,
}

impl From<&ServiceRules> for ServiceRulesInput {
    fn from(r: &ServiceRules) -> Self {
        let days = |v: &[u32]| v.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ");
        ServiceRulesInput {
            follow_up_sale_days: days(&r.follow_up_sale_days),
            follow_up_repair_days: days(&r.follow_up_repair_days),
            inspection_first_months: r.inspection_first_months.to_string(),
            inspection_interval_months: r.inspection_interval_months.to_string(),
            inspection_span_months: r.inspection_span_months.to_string(),
            wait_maintenance_minutes: r.wait_maintenance_minutes.to_string(),
            wait_repair_minutes: r.wait_repair_minutes.to_string(),
            wait_warranty_minutes: r.wait_warranty_minutes.to_string(),
            wait_onsite_minutes: r.wait_onsite_minutes.to_string(),
            lost_after_months: r.lost_after_months.to_string(),
        }
    }
}

fn day_list(f: &mut Fields, field: &str, label: &str, v: &str, required: bool) -> Vec<u32> {
    let mut out = Vec::new();
    for part in v
        .split([',', '，', '、', ' ', ';', '；'])
        .filter(|s| !s.trim().is_empty())
    {
        match part.trim().parse::<u32>() {
            Ok(d) if (1..=365).contains(&d) => out.push(d),
            _ => {
                f.bad(field, format!("{label}「{}」应为 1–365 之间的天数", part.trim()));
                return Vec::new();
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    if required && out.is_empty() && !f.has(field) {
        f.bad(field, format!("请至少填写一个{label}"));
    }
    if out.len() > 6 {
        f.bad(field, format!("{label}最多 6 个"));
    }
    out
}

impl ServiceRulesInput {
    pub fn parse(&self) -> AppResult<ServiceRules> {
        let mut f = Fields::new();
        let sale = day_list(
            &mut f,
            "followUpSaleDays",
            "购车回访天数",
            &self.follow_up_sale_days,
            true,
        );
        let repair = day_list(
            &mut f,
            "followUpRepairDays",
            "维修回访天数",
            &self.follow_up_repair_days,
            false,
        );
        let mut n = |field: &str, label: &str, v: &str, min: i64, max: i64| -> u32 {
            match f.count(field, label, v, max) {
                Some(x) if x >= min => x as u32,
                Some(_) => {
                    f.bad(field, format!("{label}须在 {min} 到 {max} 之间"));
                    0
                }
                None => {
                    if !f.has(field) {
                        f.bad(field, format!("请填写{label}"));
                    }
                    0
                }
            }
        };
        let rules = ServiceRules {
            follow_up_sale_days: sale,
            follow_up_repair_days: repair,
            inspection_first_months: n(
                "inspectionFirstMonths",
                "首次点检（售后第几个月）",
                &self.inspection_first_months,
                1,
                24,
            ),
            inspection_interval_months: n(
                "inspectionIntervalMonths",
                "点检间隔（月）",
                &self.inspection_interval_months,
                1,
                24,
            ),
            inspection_span_months: n(
                "inspectionSpanMonths",
                "点检期限（月）",
                &self.inspection_span_months,
                1,
                120,
            ),
            wait_maintenance_minutes: n(
                "waitMaintenanceMinutes",
                "保养等候（分钟）",
                &self.wait_maintenance_minutes,
                10,
                10_080,
            ),
            wait_repair_minutes: n(
                "waitRepairMinutes",
                "维修等候（分钟）",
                &self.wait_repair_minutes,
                10,
                10_080,
            ),
            wait_warranty_minutes: n(
                "waitWarrantyMinutes",
                "三包等候（分钟）",
                &self.wait_warranty_minutes,
                10,
                10_080,
            ),
            wait_onsite_minutes: n(
                "waitOnsiteMinutes",
                "上门派修等候（分钟）",
                &self.wait_onsite_minutes,
                10,
                10_080,
            ),
            lost_after_months: n(
                "lostAfterMonths",
                "流失客户（未到店月数）",
                &self.lost_after_months,
                1,
                120,
            ),
        };
        if !f.has("inspectionSpanMonths")
            && !f.has("inspectionFirstMonths")
            && rules.inspection_span_months < rules.inspection_first_months
        {
            f.bad("inspectionSpanMonths", "点检期限不能短于首次点检的月数");
        }
        if f.is_empty() {
            Ok(rules)
        } else {
            Err(AppError::from_problems(ErrorCode::Validation, f.problems))
        }
    }
}

/// The saved rules, or the defaults.
pub fn load(conn: &Connection) -> AppResult<ServiceRules> {
    let row = conn
        .query_row(
            "SELECT follow_up_sale_days, follow_up_repair_days, inspection_first_months, inspection_interval_months,
                    inspection_span_months, wait_maintenance_minutes, wait_repair_minutes, wait_warranty_minutes,
                    wait_onsite_minutes, lost_after_months
             FROM service_rules WHERE id = 1",
            [],
            |r| {
                let days = |s: String| -> Vec<u32> { s.split(',').filter_map(|d| d.trim().parse().ok()).collect() };
                Ok(ServiceRules {
                    follow_up_sale_days: days(r.get(0)?),
                    follow_up_repair_days: days(r.get(1)?),
                    inspection_first_months: r.get(2)?,
                    inspection_interval_months: r.get(3)?,
                    inspection_span_months: r.get(4)?,
                    wait_maintenance_minutes: r.get(5)?,
                    wait_repair_minutes: r.get(6)?,
                    wait_warranty_minutes: r.get(7)?,
                    wait_onsite_minutes: r.get(8)?,
                    lost_after_months: r.get(9)?,
                })
            },
        )
        .optional()?;
    Ok(row.unwrap_or_default())
}

/// Saves the rules from the settings form; a changed inspection rule
/// applies to the vehicles sold from `today` on.
pub fn save(store: &mut Store, input: &ServiceRulesInput, today: NaiveDate) -> AppResult<ServiceRules> {
    let tx = store.conn_mut().transaction()?;
    let r = save_in(&tx, input)?;
    set_schedule(&tx, &r, Some(today))?;
    tx.commit()?;
    load(store.conn())
}

/// Writes the rules (without touching the inspection schedules' history);
/// inside the caller's transaction (the form, the workbook import).
pub fn save_in(conn: &Connection, input: &ServiceRulesInput) -> AppResult<ServiceRules> {
    let r = input.parse()?;
    let days = |v: &[u32]| v.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(",");
    conn.execute(
        "INSERT INTO service_rules (id, follow_up_sale_days, follow_up_repair_days, inspection_first_months,
            inspection_interval_months, inspection_span_months, wait_maintenance_minutes, wait_repair_minutes,
            wait_warranty_minutes, wait_onsite_minutes, updated_at, lost_after_months)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (id) DO UPDATE SET follow_up_sale_days = ?1, follow_up_repair_days = ?2,
            inspection_first_months = ?3, inspection_interval_months = ?4, inspection_span_months = ?5,
            wait_maintenance_minutes = ?6, wait_repair_minutes = ?7, wait_warranty_minutes = ?8,
            wait_onsite_minutes = ?9, updated_at = ?10, lost_after_months = ?11",
        params![
            days(&r.follow_up_sale_days),
            days(&r.follow_up_repair_days),
            r.inspection_first_months,
            r.inspection_interval_months,
            r.inspection_span_months,
            r.wait_maintenance_minutes,
            r.wait_repair_minutes,
            r.wait_warranty_minutes,
            r.wait_onsite_minutes,
            crate::dates::stamp(),
            r.lost_after_months
        ],
    )?;
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_give_inspections_at_months_1_4_7_10() {
        let r = ServiceRules::default();
        assert_eq!(r.inspection_months(), vec![1, 4, 7, 10]);
        let sale = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
        let dues: Vec<String> = r.inspection_dues(sale).iter().map(|d| d.to_string()).collect();
        // month ends clamp: 31 January + 1 month is 28 February
        assert_eq!(dues, ["2026-02-28", "2026-05-31", "2026-08-31", "2026-11-30"]);
    }

    #[test]
    fn rules_round_trip_and_bad_values_are_named() {
        let mut s = Store::open_in_memory().unwrap();
        assert_eq!(load(s.conn()).unwrap(), ServiceRules::default());
        let mut input = ServiceRulesInput::from(&ServiceRules::default());
        input.follow_up_sale_days = "7、3，30".into();
        input.lost_after_months = "9".into();
        let saved = save(&mut s, &input, NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()).unwrap();
        assert_eq!(saved.follow_up_sale_days, vec![3, 7, 30]);
        // the lost-customer list follows the rule
        assert_eq!(crate::customers::lost::rule_months(s.conn()).unwrap(), 9);
        assert_eq!(load(s.conn()).unwrap(), saved);
        input.follow_up_sale_days = "3, 0".into();
        input.inspection_interval_months = "-1".into();
        input.wait_repair_minutes = "两小时".into();
        input.lost_after_months = "0".into();
        let e = save(&mut s, &input, NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()).unwrap_err();
        let msgs: Vec<(String, String)> = e
            .problems
            .iter()
            .map(|p| (p.field.clone().unwrap(), p.message.clone()))
            .collect();
        assert_eq!(
            msgs,
            [
                (
                    "followUpSaleDays".to_string(),
                    "购车回访天数「0」应为 1–365 之间的天数".to_string()
                ),
                (
                    "inspectionIntervalMonths".to_string(),
                    "点检间隔（月）不能为负数".to_string()
                ),
                (
                    "waitRepairMinutes".to_string(),
                    "维修等候（分钟）须为整数，「两小时」不是".to_string()
                ),
                (
                    "lostAfterMonths".to_string(),
                    "流失客户（未到店月数）须在 1 到 120 之间".to_string()
                ),
            ]
        );
        assert_eq!(load(s.conn()).unwrap(), saved, "nothing saved");
    }
}
