//! 三包政策：the whole-vehicle warranty (default 12 months or 6,000 km from
//! the purchase-invoice date, whichever comes first — the common reading of
//! the motorcycle 三包 rules; a brand may set longer), longer or shorter
//! periods per part category (e.g. 发动机 24 months / 30,000 km), and the
//! wear parts (易损件) that are not covered, by name; and the 首保 window
//! (the free first service the factory pays for: default within 3 months of
//! the invoice and 1,500 km). The defaults are examples: the shop enters
//! its brand's own policy.

use chrono::{Months, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::Fields;
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CategoryPeriod {
    pub category: String,
    pub months: u32,
    pub km: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct WarrantyPolicy {
    /// 生效日期: claims reported on or after it are judged by this policy
    /// (None: the built-in example, before the shop saved its own)
    pub effective_from: Option<String>,
    /// 整车三包期（月）
    pub months: u32,
    /// 整车三包里程（公里）
    pub km: i64,
    /// 按配件类别的三包期
    pub categories: Vec<CategoryPeriod>,
    /// 易损件: a part whose name contains one of these is not covered
    pub wear_parts: Vec<String>,
    /// 首保: within so many months of the invoice
    pub first_service_months: u32,
    /// 首保: up to so many km
    pub first_service_km: i64,
}

impl Default for WarrantyPolicy {
    fn default() -> Self {
        WarrantyPolicy {
            effective_from: None,
            months: 12,
            km: 6_000,
            categories: vec![CategoryPeriod {
                category: "发动机".into(),
                months: 24,
                km: 30_000,
            }],
            wear_parts: [
                "火花塞",
                "刹车片",
                "刹车蹄",
                "灯泡",
                "保险丝",
                "轮胎",
                "内胎",
                "滤清器",
                "滤芯",
            ]
            .map(String::from)
            .to_vec(),
            first_service_months: 3,
            first_service_km: 1_500,
        }
    }
}

impl WarrantyPolicy {
    /// The period that applies to a part of `category`: (months, km, what it is called).
    pub fn period_for(&self, category: &str) -> (u32, i64, String) {
        match self.categories.iter().find(|c| c.category == category) {
            Some(c) => (c.months, c.km, format!("{}类配件", c.category)),
            None => (self.months, self.km, "整车".to_string()),
        }
    }

    /// The wear-part name this part name contains, if any.
    pub fn wear_part<'a>(&'a self, name: &str) -> Option<&'a str> {
        self.wear_parts
            .iter()
            .map(String::as_str)
            .find(|w| !w.is_empty() && name.contains(w))
    }

    /// The last day of the period that starts on `invoice`.
    pub fn period_end(months: u32, invoice: NaiveDate) -> NaiveDate {
        invoice.checked_add_months(Months::new(months)).unwrap_or(invoice)
    }
}

/// The policy as typed in the settings form (text).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct PolicyInput {
    pub months: String,
    pub km: String,
    /// one per line: `发动机 24 30000`
    pub categories: String,
    /// separated by 、 , or spaces
    pub wear_parts: String,
    /// 首保期（月）; empty = 3
    pub first_service_months: String,
    /// 首保里程（公里）; empty = 1,500
    pub first_service_km: String,
    /// 生效日期; empty = today
    pub effective_from: String,
}

impl From<&WarrantyPolicy> for PolicyInput {
    fn from(p: &WarrantyPolicy) -> Self {
        PolicyInput {
            months: p.months.to_string(),
            km: p.km.to_string(),
            categories: p
                .categories
                .iter()
                .map(|c| format!("{} {} {}", c.category, c.months, c.km))
                .collect::<Vec<_>>()
                .join("\n"),
            wear_parts: p.wear_parts.join("、"),
            first_service_months: p.first_service_months.to_string(),
            first_service_km: p.first_service_km.to_string(),
            effective_from: String::new(),
        }
    }
}

impl PolicyInput {
    pub fn parse(&self) -> AppResult<WarrantyPolicy> {
        let mut f = Fields::new();
        let months = f.count("months", "整车三包期（月）", &self.months, 120);
        let km = f.count("km", "整车三包里程", &self.km, 1_000_000);
        for (field, label, v) in [("months", "整车三包期（月）", months), ("km", "整车三包里程", km)] {
            match v {
                Some(0) => f.bad(field, format!("{label}须大于 0")),
                None if !f.has(field) => f.bad(field, format!("请填写{label}")),
                _ => {}
            }
        }
        let d = WarrantyPolicy::default();
        let fs_months = f
            .count("firstServiceMonths", "首保期（月）", &self.first_service_months, 24)
            .unwrap_or(d.first_service_months as i64);
        let fs_km = f
            .count("firstServiceKm", "首保里程", &self.first_service_km, 100_000)
            .unwrap_or(d.first_service_km);
        if fs_months == 0 {
            f.bad("firstServiceMonths", "首保期（月）须大于 0");
        }
        if fs_km == 0 {
            f.bad("firstServiceKm", "首保里程须大于 0");
        }
        let mut categories: Vec<CategoryPeriod> = Vec::new();
        for (i, line) in self.categories.lines().enumerate() {
            let parts: Vec<&str> = line.split_whitespace().collect();
            if parts.is_empty() {
                continue;
            }
            let bad = |f: &mut Fields| {
                f.bad(
                    "categories",
                    format!(
                        "第 {} 行「{}」应写成：类别 月数 公里数，例如 发动机 24 30000",
                        i + 1,
                        line.trim()
                    ),
                )
            };
            if parts.len() != 3 {
                bad(&mut f);
                continue;
            }
            match (parts[1].parse::<u32>(), parts[2].parse::<i64>()) {
                (Ok(m), Ok(k)) if (1..=120).contains(&m) && (1..=1_000_000).contains(&k) => {
                    if categories.iter().any(|c| c.category == parts[0]) {
                        f.bad("categories", format!("类别「{}」写了两次", parts[0]));
                    } else {
                        categories.push(CategoryPeriod {
                            category: parts[0].to_string(),
                            months: m,
                            km: k,
                        });
                    }
                }
                _ => bad(&mut f),
            }
        }
        let mut wear_parts: Vec<String> = self
            .wear_parts
            .split(['、', ',', '，', ' ', '\n', ';', '；'])
            .map(|w| w.trim().to_string())
            .filter(|w| !w.is_empty())
            .collect();
        wear_parts.dedup();
        if f.is_empty() {
            Ok(WarrantyPolicy {
                effective_from: None,
                months: months.expect("checked") as u32,
                km: km.expect("checked"),
                categories,
                wear_parts,
                first_service_months: fs_months as u32,
                first_service_km: fs_km,
            })
        } else {
            Err(AppError::from_problems(ErrorCode::Validation, f.problems))
        }
    }
}

const VERSION_COLUMNS: &str =
    "effective_from, months, km, categories, wear_parts, first_service_months, first_service_km";

fn version_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<WarrantyPolicy> {
    let categories: String = r.get(3)?;
    let wear: String = r.get(4)?;
    Ok(WarrantyPolicy {
        effective_from: Some(r.get(0)?),
        months: r.get(1)?,
        km: r.get(2)?,
        categories: categories
            .lines()
            .filter_map(|l| {
                let mut it = l.split_whitespace();
                Some(CategoryPeriod {
                    category: it.next()?.to_string(),
                    months: it.next()?.parse().ok()?,
                    km: it.next()?.parse().ok()?,
                })
            })
            .collect(),
        wear_parts: wear.split('、').filter(|w| !w.is_empty()).map(String::from).collect(),
        first_service_months: r.get(5)?,
        first_service_km: r.get(6)?,
    })
}

/// The latest policy (the one the settings form edits; it may take effect
/// in the future), or the built-in example while the shop has none.
pub fn load(conn: &Connection) -> AppResult<WarrantyPolicy> {
    Ok(conn
        .query_row(
            &format!("SELECT {VERSION_COLUMNS} FROM warranty_policy_version ORDER BY effective_from DESC LIMIT 1"),
            [],
            version_row,
        )
        .optional()?
        .unwrap_or_default())
}

/// The policy in effect on `day` (YYYY-MM-DD): what a claim reported that
/// day is judged by.
pub fn load_at(conn: &Connection, day: &str) -> AppResult<WarrantyPolicy> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {VERSION_COLUMNS} FROM warranty_policy_version WHERE effective_from <= ?1
                 ORDER BY effective_from DESC LIMIT 1"
            ),
            [day],
            version_row,
        )
        .optional()?
        .unwrap_or_default())
}

/// Every policy the shop has had, the latest first.
pub fn history(conn: &Connection) -> AppResult<Vec<WarrantyPolicy>> {
    let mut st = conn.prepare(&format!(
        "SELECT {VERSION_COLUMNS} FROM warranty_policy_version ORDER BY effective_from DESC"
    ))?;
    let rows = st.query_map([], version_row)?.collect::<Result<_, _>>()?;
    Ok(rows)
}

pub fn save(store: &mut Store, input: &PolicyInput, today: NaiveDate) -> AppResult<WarrantyPolicy> {
    store.write(|tx| save_in(tx, input, today))?;
    load(store.conn())
}

/// A policy from its 生效日期 (empty: today, or the day after the last
/// claim's report date when a claim was already reported today). The claims
/// already entered keep the policy they were judged by: the date must come
/// after the last claim's report date. Saving again with the same date
/// corrects that version.
pub fn save_in(tx: &Connection, input: &PolicyInput, today: NaiveDate) -> AppResult<()> {
    let mut f = Fields::new();
    let last: Option<String> = tx.query_row("SELECT max(reported_on) FROM warranty_claim", [], |r| r.get(0))?;
    let from = if input.effective_from.trim().is_empty() {
        let after_last = last
            .as_deref()
            .and_then(|l| NaiveDate::parse_from_str(l, "%Y-%m-%d").ok())
            .map(|l| l + chrono::Duration::days(1));
        Some(after_last.map_or(today, |a| a.max(today)))
    } else {
        f.date(
            "effectiveFrom",
            "生效日期",
            &input.effective_from,
            today + chrono::Duration::days(3660),
        )
    };
    let parsed = input.parse();
    if let Some(d) = from {
        if let Some(last) = last.filter(|l| *l >= d.to_string()) {
            f.bad(
                "effectiveFrom",
                format!(
                    "已有报修日期为 {last} 的索赔单按原政策录入；新政策的生效日期须在 {last} 之后，已录入的索赔不受影响"
                ),
            );
        }
    }
    let p = match parsed {
        Ok(p) if f.is_empty() => p,
        Ok(_) => return Err(AppError::from_problems(ErrorCode::Validation, f.problems)),
        Err(mut e) => {
            e.problems.extend(f.problems);
            return Err(AppError::from_problems(ErrorCode::Validation, e.problems));
        }
    };
    write_version(tx, &p, &from.expect("checked").to_string())
}

/// A version as the workbook holds it (its 生效日期 kept; empty = from the
/// beginning): the history is restored as it was.
pub fn import_in(tx: &Connection, input: &PolicyInput) -> AppResult<()> {
    let p = input.parse()?;
    let from = match input.effective_from.trim() {
        "" => "0001-01-01".to_string(),
        d => {
            let mut f = Fields::new();
            match f.date("effectiveFrom", "生效日期", d, NaiveDate::MAX) {
                Some(d) => d.to_string(),
                None => return Err(AppError::from_problems(ErrorCode::Validation, f.problems)),
            }
        }
    };
    write_version(tx, &p, &from)
}

fn write_version(tx: &Connection, p: &WarrantyPolicy, from: &str) -> AppResult<()> {
    let categories = p
        .categories
        .iter()
        .map(|c| format!("{} {} {}", c.category, c.months, c.km))
        .collect::<Vec<_>>()
        .join("\n");
    tx.execute(
        "INSERT INTO warranty_policy_version (effective_from, months, km, categories, wear_parts, first_service_months,
             first_service_km, saved_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (effective_from) DO UPDATE SET months = ?2, km = ?3, categories = ?4, wear_parts = ?5,
             first_service_months = ?6, first_service_km = ?7, saved_at = ?8",
        params![
            from,
            p.months,
            p.km,
            categories,
            p.wear_parts.join("、"),
            p.first_service_months,
            p.first_service_km,
            crate::dates::stamp()
        ],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_round_trips_and_bad_lines_are_named() {
        let mut s = Store::open_in_memory().unwrap();
        assert_eq!(load(s.conn()).unwrap(), WarrantyPolicy::default());
        let mut input = PolicyInput::from(&WarrantyPolicy::default());
        input.categories = "发动机 24 30000\n车架 36 50000".into();
        let p = save(&mut s, &input, NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()).unwrap();
        assert_eq!(p.period_for("车架"), (36, 50_000, "车架类配件".to_string()));
        assert_eq!(p.period_for("电气"), (12, 6_000, "整车".to_string()));
        assert_eq!(p.wear_part("NGK 火花塞 D8EA"), Some("火花塞"));
        assert_eq!(load(s.conn()).unwrap(), p);
        input.months = "0".into();
        input.categories = "发动机 两年 30000".into();
        let e = save(&mut s, &input, NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()).unwrap_err();
        let msgs: Vec<&str> = e.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "整车三包期（月）须大于 0",
                "第 1 行「发动机 两年 30000」应写成：类别 月数 公里数，例如 发动机 24 30000"
            ]
        );
        assert_eq!(load(s.conn()).unwrap(), p, "nothing saved");
    }
}
