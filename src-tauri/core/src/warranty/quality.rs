//! 质量信息反馈: the failures the shop's 三包 claims show, for the factory —
//! a period's claims by model, by main part, by mileage band, by months in
//! use and by fault category, with each claim listed. The manager is the
//! factory's 服务指令执行人: "报告、贯彻" — this is the report that goes back
//! up, printed (A4 landscape) or as a workbook.
//!
//! Counted: the 三包 claims (not 首保) reported in the period, except those
//! the factory rejected (拒赔: judged not a quality failure). A draft counts:
//! the failure happened whether or not the claim has gone in yet.

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::dates::Month;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::money::Money;
use crate::rate::Rate;

/// Mileage bands (公里): (from, to exclusive; None = open), label.
pub const MILEAGE_BANDS: [(i64, Option<i64>, &str); 6] = [
    (0, Some(1000), "1000 公里以内"),
    (1000, Some(3000), "1000–3000 公里"),
    (3000, Some(5000), "3000–5000 公里"),
    (5000, Some(10_000), "5000–10000 公里"),
    (10_000, Some(20_000), "10000–20000 公里"),
    (20_000, None, "20000 公里以上"),
];

/// Months in use (from the invoice to the report): (from, to exclusive), label.
pub const AGE_BANDS: [(i64, Option<i64>, &str); 5] = [
    (0, Some(3), "3 个月以内"),
    (3, Some(6), "3–6 个月"),
    (6, Some(12), "6–12 个月"),
    (12, Some(24), "12–24 个月"),
    (24, None, "24 个月以上"),
];

/// The longest period one report covers.
pub const MAX_MONTHS: i64 = 24;

/// One group of failures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct QualityGroup {
    pub name: String,
    pub claims: i64,
    /// of the period's claims
    pub share: Option<Rate>,
    /// the parts issued on them (book value)
    pub parts_value: Money,
}

/// One claim as the factory reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct QualityRow {
    pub claim_no: String,
    pub reported_on: String,
    pub model: String,
    pub vin: String,
    /// 购车发票日期
    pub invoice_date: String,
    pub months_in_use: i64,
    pub mileage: i64,
    pub part_no: String,
    pub part_name: String,
    pub fault_category: String,
    pub fault: String,
    pub appraisal_result: String,
    pub status_label: &'static str,
    pub outcome_label: &'static str,
    pub parts_value: Money,
}

/// 质量信息反馈 for a period of months.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct QualityReport {
    pub from: String,
    pub to: String,
    pub claims: i64,
    pub vehicles: i64,
    pub parts_value: Money,
    pub by_model: Vec<QualityGroup>,
    pub by_part: Vec<QualityGroup>,
    pub by_mileage: Vec<QualityGroup>,
    pub by_age: Vec<QualityGroup>,
    pub by_category: Vec<QualityGroup>,
    pub rows: Vec<QualityRow>,
}

fn band(bands: &[(i64, Option<i64>, &'static str)], v: i64) -> &'static str {
    bands
        .iter()
        .find(|(a, b, _)| v >= *a && b.is_none_or(|b| v < b))
        .map_or("", |(_, _, l)| l)
}

/// Whole months from `from` to `to` (a day short of a month is not one).
fn months_between(from: &str, to: &str) -> i64 {
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    match (d(from), d(to)) {
        (Some(a), Some(b)) if b >= a => {
            use chrono::Datelike;
            let mut m = (b.year() - a.year()) as i64 * 12 + b.month() as i64 - a.month() as i64;
            if b.day() < a.day() {
                m -= 1;
            }
            m.max(0)
        }
        _ => 0,
    }
}

/// The report for the months `from` to `to`, both included.
pub fn report(conn: &Connection, from: Month, to: Month) -> AppResult<QualityReport> {
    if to < from {
        return Err(AppError::invalid("to", "结束月份早于开始月份"));
    }
    let mut n = 1;
    let mut m = from;
    while m < to {
        m = m.next();
        n += 1;
    }
    if n > MAX_MONTHS {
        return Err(AppError::new(
            ErrorCode::Validation,
            format!("一次最多统计 {MAX_MONTHS} 个月，请缩短期间"),
        ));
    }
    let mut st = conn.prepare(
        "SELECT w.claim_no, w.reported_on, v.model, v.vin, w.invoice_date, w.mileage, coalesce(p.part_no, ''),
                coalesce(p.name, ''), w.fault_category, w.fault, w.appraisal_result, w.status, w.outcome,
                (SELECT coalesce(sum(value_fen), 0) FROM warranty_claim_line WHERE claim_id = w.id), w.vehicle_id
         FROM warranty_claim w JOIN vehicle v ON v.id = w.vehicle_id LEFT JOIN part p ON p.id = w.main_part_id
         WHERE w.claim_type = 'warranty' AND w.status <> 'rejected' AND w.reported_on BETWEEN ?1 AND ?2
         ORDER BY w.reported_on, w.id",
    )?;
    let mut vehicles = std::collections::HashSet::new();
    let rows: Vec<QualityRow> = st
        .query_map(params![from.first_day().to_string(), to.last_day().to_string()], |r| {
            let reported: String = r.get(1)?;
            let invoice: String = r.get(4)?;
            let status: String = r.get(11)?;
            let outcome: String = r.get(12)?;
            vehicles.insert(r.get::<_, i64>(14)?);
            Ok(QualityRow {
                claim_no: r.get(0)?,
                months_in_use: months_between(&invoice, &reported),
                reported_on: reported,
                model: r.get(2)?,
                vin: r.get(3)?,
                invoice_date: invoice,
                mileage: r.get(5)?,
                part_no: r.get(6)?,
                part_name: r.get(7)?,
                fault_category: r.get(8)?,
                fault: r.get(9)?,
                appraisal_result: r.get(10)?,
                status_label: crate::warranty::claim::status_label(&status),
                outcome_label: crate::warranty::claim::outcome_label(&outcome),
                parts_value: Money::from_fen(r.get(13)?),
            })
        })?
        .collect::<Result<_, _>>()?;
    let total = rows.len() as i64;
    let group = |key: &dyn Fn(&QualityRow) -> String, order: Option<&[&str]>| -> Vec<QualityGroup> {
        let mut groups: Vec<QualityGroup> = Vec::new();
        for r in &rows {
            let name = key(r);
            match groups.iter_mut().find(|g| g.name == name) {
                Some(g) => {
                    g.claims += 1;
                    g.parts_value += r.parts_value;
                }
                None => groups.push(QualityGroup {
                    name,
                    claims: 1,
                    share: None,
                    parts_value: r.parts_value,
                }),
            }
        }
        match order {
            // bands in their own order, every band listed
            Some(names) => {
                groups = names
                    .iter()
                    .map(|n| {
                        groups.iter().find(|g| g.name == *n).cloned().unwrap_or(QualityGroup {
                            name: n.to_string(),
                            claims: 0,
                            share: None,
                            parts_value: Money::ZERO,
                        })
                    })
                    .collect()
            }
            // the most first
            None => groups.sort_by(|a, b| b.claims.cmp(&a.claims).then_with(|| a.name.cmp(&b.name))),
        }
        for g in &mut groups {
            g.share = Rate::ratio(g.claims.into(), total.into());
        }
        groups
    };
    let or_blank = |s: &str, blank: &str| {
        if s.trim().is_empty() {
            blank.to_string()
        } else {
            s.to_string()
        }
    };
    let mileage_names: Vec<&str> = MILEAGE_BANDS.iter().map(|(_, _, l)| *l).collect();
    let age_names: Vec<&str> = AGE_BANDS.iter().map(|(_, _, l)| *l).collect();
    Ok(QualityReport {
        from: from.iso(),
        to: to.iso(),
        claims: total,
        vehicles: vehicles.len() as i64,
        parts_value: rows.iter().fold(Money::ZERO, |s, r| s + r.parts_value),
        by_model: group(&|r| or_blank(&r.model, "（未填车型）"), None),
        by_part: group(&|r| format!("{} {}", r.part_no, r.part_name), None),
        by_mileage: group(&|r| band(&MILEAGE_BANDS, r.mileage).to_string(), Some(&mileage_names)),
        by_age: group(&|r| band(&AGE_BANDS, r.months_in_use).to_string(), Some(&age_names)),
        by_category: group(&|r| or_blank(&r.fault_category, "（未分类）"), None),
        rows,
    })
}

/// The report as a workbook: 汇总 (each grouping under its title) and 明细.
pub fn export(conn: &Connection, from: Month, to: Month, path: &std::path::Path) -> AppResult<usize> {
    let r = report(conn, from, to)?;
    let mut summary: Vec<Vec<String>> = vec![vec![
        "期间".into(),
        format!("{} 至 {}", r.from, r.to),
        format!("{} 单", r.claims),
        String::new(),
        r.parts_value.to_string(),
    ]];
    for (title, groups) in [
        ("按车型", &r.by_model),
        ("按主损件", &r.by_part),
        ("按里程", &r.by_mileage),
        ("按使用时间", &r.by_age),
        ("按故障类别", &r.by_category),
    ] {
        for g in groups {
            summary.push(vec![
                title.into(),
                g.name.clone(),
                g.claims.to_string(),
                g.share.map(|s| s.display()).unwrap_or_default(),
                g.parts_value.to_string(),
            ]);
        }
    }
    let detail: Vec<Vec<String>> = r
        .rows
        .iter()
        .map(|x| {
            vec![
                x.claim_no.clone(),
                x.reported_on.clone(),
                x.model.clone(),
                x.vin.clone(),
                x.invoice_date.clone(),
                x.months_in_use.to_string(),
                x.mileage.to_string(),
                x.part_no.clone(),
                x.part_name.clone(),
                x.fault_category.clone(),
                x.fault.clone(),
                x.appraisal_result.clone(),
                x.outcome_label.into(),
                x.status_label.into(),
                x.parts_value.to_string(),
            ]
        })
        .collect();
    let mut wb = rust_xlsxwriter::Workbook::new();
    crate::sheet::add_sheet(
        &mut wb,
        "汇总",
        &[
            ("分组", 12),
            ("项目", 28),
            ("索赔单数", 10),
            ("占比", 8),
            ("配件金额", 12),
        ],
        &summary,
    )?;
    crate::sheet::add_sheet(
        &mut wb,
        "明细",
        &[
            ("索赔单号", 16),
            ("报修日期", 12),
            ("车型", 14),
            ("车架号", 20),
            ("购车日期", 12),
            ("使用月数", 8),
            ("里程", 8),
            ("主损件编号", 14),
            ("主损件", 16),
            ("故障类别", 10),
            ("故障描述", 30),
            ("鉴定结果", 20),
            ("处理结果", 8),
            ("状态", 8),
            ("配件金额", 10),
        ],
        &detail,
    )?;
    crate::sheet::save_workbook(&mut wb, path)?;
    Ok(detail.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_and_months_in_use() {
        assert_eq!(band(&MILEAGE_BANDS, 0), "1000 公里以内");
        assert_eq!(band(&MILEAGE_BANDS, 999), "1000 公里以内");
        assert_eq!(band(&MILEAGE_BANDS, 1000), "1000–3000 公里");
        assert_eq!(band(&MILEAGE_BANDS, 250_000), "20000 公里以上");
        assert_eq!(months_between("2026-01-31", "2026-02-28"), 0);
        assert_eq!(months_between("2026-01-15", "2026-04-15"), 3);
        assert_eq!(months_between("2025-11-20", "2026-11-19"), 11);
        assert_eq!(band(&AGE_BANDS, 11), "6–12 个月");
    }

    /// Three failures counted by hand; a rejected claim and a 首保 left out.
    #[test]
    fn a_periods_failures_by_model_part_mileage_and_age() {
        use crate::customers::testkit::{sell, shop};
        use calamine::Reader;
        let s = shop();
        let mut s = s;
        let v1 = sell(&mut s, "王一", "13800000001", 1, "2026-09-01");
        let v2 = sell(&mut s, "王二", "13800000002", 2, "2025-10-01");
        let part = |no: &str| -> i64 {
            s.conn()
                .query_row("SELECT id FROM part WHERE part_no = ?1", [no], |r| r.get(0))
                .unwrap()
        };
        let (sp, oil) = (part("SP-1"), part("OIL-1"));
        let claim =
            |no: i64, v: i64, kind: &str, invoice: &str, km: i64, on: &str, cat: &str, p: Option<i64>, st: &str| {
                s.conn()
                .execute(
                    "INSERT INTO warranty_claim (claim_no, claim_type, vehicle_id, customer_id, invoice_date, mileage,
                        reported_on, fault, fault_category, main_part_id, status, created_at)
                     SELECT ?1, ?2, id, customer_id, ?3, ?4, ?5, '故障', ?6, ?7, ?8, '2026-11-20 10:00' FROM vehicle
                     WHERE id = ?9",
                    params![format!("SB-{no}"), kind, invoice, km, on, cat, p, st, v],
                )
                .unwrap();
            };
        claim(
            1,
            v1,
            "warranty",
            "2026-09-01",
            800,
            "2026-10-05",
            "电气",
            Some(sp),
            "submitted",
        );
        claim(
            2,
            v1,
            "warranty",
            "2026-09-01",
            3500,
            "2026-11-02",
            "电气",
            Some(sp),
            "draft",
        );
        claim(
            3,
            v2,
            "warranty",
            "2025-10-01",
            12_000,
            "2026-11-10",
            "发动机",
            Some(oil),
            "approved",
        );
        claim(
            4,
            v2,
            "warranty",
            "2025-10-01",
            12_100,
            "2026-11-11",
            "发动机",
            Some(oil),
            "rejected",
        );
        claim(
            5,
            v1,
            "first_service",
            "2026-09-01",
            900,
            "2026-10-06",
            "",
            None,
            "submitted",
        );
        claim(
            6,
            v1,
            "warranty",
            "2026-09-01",
            5000,
            "2026-12-01",
            "电气",
            Some(sp),
            "draft",
        );
        let r = report(
            s.conn(),
            Month::parse("2026-10").unwrap(),
            Month::parse("2026-11").unwrap(),
        )
        .unwrap();
        assert_eq!((r.claims, r.vehicles), (3, 2));
        let counts = |g: &[QualityGroup]| g.iter().map(|x| (x.name.clone(), x.claims)).collect::<Vec<_>>();
        assert_eq!(r.by_part[0].name, "SP-1 火花塞");
        assert_eq!(r.by_part[0].claims, 2);
        assert_eq!(r.by_part[0].share.unwrap().display(), "66.7%");
        assert_eq!(
            r.by_mileage.iter().map(|g| g.claims).collect::<Vec<_>>(),
            [1, 0, 1, 0, 1, 0]
        );
        // 1 and 2 months in use, then 13
        assert_eq!(r.by_age.iter().map(|g| g.claims).collect::<Vec<_>>(), [2, 0, 0, 1, 0]);
        assert_eq!(
            counts(&r.by_category),
            [("电气".to_string(), 2), ("发动机".to_string(), 1)]
        );
        assert_eq!(r.rows[2].months_in_use, 13);
        // a period the wrong way round, or too long
        assert!(report(
            s.conn(),
            Month::parse("2026-11").unwrap(),
            Month::parse("2026-10").unwrap()
        )
        .is_err());
        assert!(report(
            s.conn(),
            Month::parse("2024-01").unwrap(),
            Month::parse("2026-11").unwrap()
        )
        .unwrap_err()
        .message
        .contains("最多统计 24 个月"));
        // the workbook: 汇总 and 明细
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("q.xlsx");
        let n = export(
            s.conn(),
            Month::parse("2026-10").unwrap(),
            Month::parse("2026-11").unwrap(),
            &out,
        )
        .unwrap();
        assert_eq!(n, 3);
        let names = crate::sheet::open_workbook(&out, u64::MAX)
            .unwrap()
            .sheet_names()
            .to_vec();
        assert_eq!(names, ["汇总", "明细"]);
    }
}
