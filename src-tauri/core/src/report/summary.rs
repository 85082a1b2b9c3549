//! 月度汇总：one month's 22 indicators with targets, marks, the change from
//! the month before and the 12-month trend, and the desk's to-do counts —
//! built once ([`build`]) and written as a PDF ([`super::pdf`]) or an .xlsx
//! ([`write_xlsx`]) with the same texts the dashboard shows.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};
use serde::Serialize;

use crate::dashboard::{self, Dashboard, Indicator, Kind, Todo, Trend};
use crate::dates::{month_label, Month};
use crate::error::AppResult;
use crate::money::Money;
use crate::sheet;

/// The groups in the order the summary lists them.
pub const GROUPS: [&str; 5] = ["配件", "三包", "客户", "维修", "机油"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct MonthlySummary {
    pub month: String,
    /// 2026年11月（已月结） or 2026年11月（草稿，未月结）
    pub month_label: String,
    /// when it was made, `2026-11-27 09:30`
    pub generated_at: String,
    pub dashboard: Dashboard,
    pub trend: Trend,
    /// the desk's to-do as of the day it was made
    pub todo: Todo,
}

/// The month's summary as of `today`.
pub fn build(conn: &Connection, month: Month, today: NaiveDate) -> AppResult<MonthlySummary> {
    let (dashboard, trend) = dashboard::compute_with_trend(conn, month, today)?;
    // a month not closed prints as a draft: its figures can still move
    let state = if dashboard.closed {
        "（已月结）"
    } else {
        "（草稿，未月结）"
    };
    Ok(MonthlySummary {
        month: month.iso(),
        month_label: format!("{}{state}", month_label(month)),
        generated_at: crate::form::datetime_text(crate::dates::now()),
        dashboard,
        trend,
        todo: dashboard::todo(conn, today)?,
    })
}

/// The change from the month before: `+¥120.00`, `-3`, `+1.5 个百分点`, or `—`.
pub fn change_text(i: &Indicator) -> String {
    let Some(c) = i.change.as_deref().and_then(|c| c.parse::<Decimal>().ok()) else {
        return "—".to_string();
    };
    if c.is_zero() {
        return "持平".to_string();
    }
    let sign = if c.is_sign_negative() { "-" } else { "+" };
    let a = c.abs();
    match i.kind {
        Kind::Money => {
            let m = Money::from_decimal(a)
                .map(|m| m.display_cny())
                .unwrap_or_else(|_| a.to_string());
            format!("{sign}{m}")
        }
        Kind::Rate => {
            let r = a
                .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
                .normalize();
            format!("{sign}{r} 个百分点")
        }
        Kind::Count => format!("{sign}{a} {}", i.unit),
    }
}

/// `> 90%`, `≤ 5%` (the text's comparators, [`crate::targets`]), or `—`.
pub fn target_text(i: &Indicator) -> String {
    i.target.as_ref().map_or_else(|| "—".to_string(), |t| t.text.clone())
}

/// 达标 / 未达标 / — (no target or no value).
pub fn mark_text(i: &Indicator) -> &'static str {
    i.mark.text()
}

/// The trend of indicator `no` as numbers (None = 无数据): the sparkline's
/// geometry and the workbook's number cells (see [`sheet::excel_number`]).
/// f64 because that is what a chart's coordinates and an Excel number cell
/// are; no figure is computed from these — the figures stay Decimal/Money.
pub fn trend_numbers(s: &MonthlySummary, no: u8) -> Vec<Option<f64>> {
    s.trend
        .series
        .iter()
        .find(|t| t.no == no)
        .map(|t| {
            t.values
                .iter()
                .map(|v| v.as_deref().and_then(sheet::excel_number))
                .collect()
        })
        .unwrap_or_default()
}

/// The to-do counts as (label, count), in the order the summary prints them.
pub fn todo_lines(t: &Todo) -> Vec<(&'static str, i64)> {
    vec![
        ("回访到期", t.follow_ups_due),
        ("点检到期未做", t.inspections_open),
        ("超时未交车", t.repairs_overdue),
        ("在修车辆", t.repairs_in_shop),
        ("待厂家处理的索赔", t.claims_waiting),
        ("录入中的索赔", t.claims_draft),
        ("未返厂的旧件", t.old_parts_waiting),
        ("低于下限的配件", t.parts_below_min),
    ]
}

/// Writes the summary as an .xlsx: 月度汇总 (the 22 indicators as shown on
/// the dashboard, the to-do counts) and 近12个月 (each indicator's value month
/// by month, as numbers so the manager can chart them).
pub fn write_xlsx(s: &MonthlySummary, out: &Path) -> AppResult<()> {
    let mut wb = Workbook::new();
    let title = Format::new().set_bold().set_font_size(14);
    let head = Format::new()
        .set_bold()
        .set_background_color("#EEF1F6")
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center);
    let cell = Format::new().set_border(FormatBorder::Thin);
    let right = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Right);
    let ws = wb.add_worksheet();
    ws.set_name("月度汇总").map_err(sheet::xlsx_err)?;
    let d = &s.dashboard;
    ws.write_string_with_format(0, 0, format!("{} 售后服务月度汇总", d.shop_name), &title)
        .map_err(sheet::xlsx_err)?;
    ws.write_string(1, 0, format!("月份：{}　　生成时间：{}", s.month_label, s.generated_at))
        .map_err(sheet::xlsx_err)?;
    let cols: [(&str, u16); 9] = [
        ("序号", 6),
        ("分组", 7),
        ("指标", 18),
        ("本月", 16),
        ("上月", 16),
        ("变化", 16),
        ("目标", 9),
        ("评价", 8),
        ("说明", 44),
    ];
    for (c, (h, w)) in cols.iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(sheet::xlsx_err)?;
        ws.write_string_with_format(3, c as u16, *h, &head)
            .map_err(sheet::xlsx_err)?;
    }
    let mut row = 4u32;
    for g in GROUPS {
        for i in d.indicators.iter().filter(|i| i.group == g) {
            let no = if i.factory {
                format!("{}★", i.no)
            } else {
                i.no.to_string()
            };
            let note = i
                .missing
                .clone()
                .or_else(|| i.note.clone())
                .or_else(|| i.aside.clone())
                .unwrap_or_else(|| i.definition.to_string());
            let cells = [
                no,
                g.to_string(),
                i.name.to_string(),
                i.display(),
                i.show(i.previous.as_deref()),
                change_text(i),
                target_text(i),
                mark_text(i).to_string(),
                note,
            ];
            for (c, v) in cells.iter().enumerate() {
                let f = if (3..=5).contains(&c) { &right } else { &cell };
                ws.write_string_with_format(row, c as u16, v, f)
                    .map_err(sheet::xlsx_err)?;
            }
            row += 1;
        }
    }
    ws.write_string(row, 0, "★ 工厂关注指标（按月上报工厂）")
        .map_err(sheet::xlsx_err)?;
    row += 2;
    ws.write_string_with_format(row, 0, "待办", &head)
        .map_err(sheet::xlsx_err)?;
    row += 1;
    for (label, n) in todo_lines(&s.todo) {
        ws.write_string_with_format(row, 2, label, &cell)
            .map_err(sheet::xlsx_err)?;
        ws.write_number_with_format(row, 3, u32::try_from(n).unwrap_or(u32::MAX), &right)
            .map_err(sheet::xlsx_err)?;
        row += 1;
    }

    let ws = wb.add_worksheet();
    ws.set_name("近12个月").map_err(sheet::xlsx_err)?;
    ws.set_column_width(0, 6).map_err(sheet::xlsx_err)?;
    ws.set_column_width(1, 18).map_err(sheet::xlsx_err)?;
    ws.write_string_with_format(0, 0, "序号", &head)
        .map_err(sheet::xlsx_err)?;
    ws.write_string_with_format(0, 1, "指标（金额为元，比率为 %）", &head)
        .map_err(sheet::xlsx_err)?;
    for (c, m) in s.trend.months.iter().enumerate() {
        ws.set_column_width(c as u16 + 2, 12).map_err(sheet::xlsx_err)?;
        ws.write_string_with_format(0, c as u16 + 2, m, &head)
            .map_err(sheet::xlsx_err)?;
    }
    for (r, i) in d.indicators.iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_number_with_format(r, 0, i.no, &cell)
            .map_err(sheet::xlsx_err)?;
        ws.write_string_with_format(r, 1, i.name, &cell)
            .map_err(sheet::xlsx_err)?;
        for (c, v) in trend_numbers(s, i.no).iter().enumerate() {
            let c = c as u16 + 2;
            match v {
                Some(x) => ws.write_number_with_format(r, c, *x, &right),
                None => ws.write_string_with_format(r, c, "无数据", &right),
            }
            .map_err(sheet::xlsx_err)?;
        }
    }
    crate::sheet::save_workbook(&mut wb, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;
    use crate::store::Store;

    #[test]
    fn the_summary_the_pdf_and_the_workbook_show_the_dashboards_numbers() {
        let mut s = Store::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        demo::populate_on(&mut s, today).unwrap();
        let oct = Month::parse("2026-10").unwrap();
        let sum = build(s.conn(), oct, today).unwrap();
        // the same figures as the dashboard for the month, and the trend ends with them
        let d = dashboard::compute(s.conn(), oct, today).unwrap();
        assert_eq!(sum.dashboard.indicators, d.indicators);
        assert_eq!(sum.trend.months.len(), 12);
        assert_eq!(sum.trend.months[11], "2026-10");
        assert_eq!(sum.trend.months[0], "2025-11");
        for i in &d.indicators {
            let t = sum.trend.series.iter().find(|t| t.no == i.no).unwrap();
            assert_eq!(t.values[11], i.value, "{}", i.name);
            assert_eq!(t.values[10], i.previous, "{}", i.name);
        }
        // a month's trend point is that month's own value
        let sep = dashboard::compute(s.conn(), oct.prev(), today).unwrap();
        let t20 = sum.trend.series.iter().find(|t| t.no == 20).unwrap();
        assert_eq!(
            t20.values[10],
            sep.indicators.iter().find(|i| i.no == 20).unwrap().value
        );

        // the workbook: every indicator's shown value in 本月
        let dir = tempfile::tempdir().unwrap();
        let x = dir.path().join("summary.xlsx");
        write_xlsx(&sum, &x).unwrap();
        let mut wb = sheet::open_workbook(&x, 10 << 20).unwrap();
        let t = sheet::workbook_table(&mut wb, "月度汇总").unwrap().unwrap();
        for i in &d.indicators {
            let row = t
                .rows
                .iter()
                .find(|(_, c)| c.get(2).map(String::as_str) == Some(i.name))
                .unwrap_or_else(|| panic!("{} in the workbook", i.name));
            assert_eq!(row.1[3], i.display(), "{}", i.name);
            assert_eq!(row.1[7], mark_text(i), "{}", i.name);
        }

        // the PDF: a real PDF whose text (pdftotext) holds the shop and every value
        let p = dir.path().join("summary.pdf");
        super::super::pdf::write_summary(&sum, &p).unwrap();
        let bytes = std::fs::read(&p).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(bytes.len() < 400_000, "the font is subset: {} bytes", bytes.len());
        if let Ok(out) = std::process::Command::new("pdftotext")
            .args(["-layout"])
            .arg(&p)
            .arg("-")
            .output()
        {
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(text.contains(&d.shop_name), "{text}");
            assert!(text.contains("2026年10月"));
            // (pdftotext may drop the space between a short count and its
            // unit: 5次)
            let squeezed: String = text.chars().filter(|c| *c != ' ').collect();
            for i in &d.indicators {
                assert!(text.contains(i.name), "{} in {text}", i.name);
                let shown: String = i.display().chars().filter(|c| *c != ' ').collect();
                assert!(squeezed.contains(&shown), "{} = {} in {text}", i.name, i.display());
            }
            let info = std::process::Command::new("pdfinfo").arg(&p).output().unwrap();
            let info = String::from_utf8_lossy(&info.stdout);
            let field = |k: &str| {
                info.lines()
                    .find(|l| l.starts_with(k))
                    .map(|l| l[k.len()..].trim().to_string())
                    .unwrap_or_default()
            };
            assert_eq!(field("Pages:"), "1", "one page: {info}");
            assert!(field("Page size:").starts_with("595.28 x 841.89"), "A4: {info}");
        }
    }

    #[test]
    fn changes_and_targets_read_as_the_manager_says_them() {
        let mut i = Indicator {
            no: 14,
            name: "用户回访率",
            group: "客户",
            kind: Kind::Rate,
            unit: "",
            value: Some("84.5".into()),
            previous: Some("86".into()),
            change: Some("-1.5".into()),
            target: crate::targets::of(&crate::settings::ShopSettings::default(), 14),
            mark: crate::targets::Mark::Bad,
            missing: None,
            note: None,
            aside: None,
            factory: true,
            definition: "",
            link: String::new(),
        };
        assert_eq!(change_text(&i), "-1.5 个百分点");
        assert_eq!(target_text(&i), "≥ 100%");
        assert_eq!(mark_text(&i), "未达标");
        i.kind = Kind::Money;
        i.change = Some("1200.5".into());
        assert_eq!(change_text(&i), "+¥1,200.50");
        i.kind = Kind::Count;
        i.change = Some("0".into());
        assert_eq!(change_text(&i), "持平");
        i.change = None;
        assert_eq!(change_text(&i), "—");
    }
}
