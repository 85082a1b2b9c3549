//! 三包 coverage: what the policy in effect says of a claim (out of period,
//! over the mileage, a wear part), saved or as typed.

use super::*;
use chrono::NaiveDate;
use rusqlite::Connection;

use crate::customers::vehicle;
use crate::error::AppResult;
use crate::parts::catalog;
use crate::warranty::policy::{self, WarrantyPolicy};

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
