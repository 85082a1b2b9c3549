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
    /// 服务站代码 from the shop's settings (empty when not set)
    pub station_code: String,
    /// the table's rows as printed, in [`GROUPS`] order: the one set of
    /// texts the window's print and the PDF both show
    pub rows: Vec<SummaryRow>,
    /// the lines under the table: 无数据 (what is missing, in words for the
    /// reader — no menu paths on paper) and 说明
    pub notes: Vec<SummaryNote>,
    /// the to-do as printed: the desk's tiles' words, each count with its unit
    pub todo_lines: Vec<SummaryTodo>,
    /// the line under the title ([`meta_line`])
    pub meta: String,
    /// [`LEGEND`], [`REMARKS_TITLE`], [`SIGNATURES`]: the window's print
    /// takes them from here, so both forms of the paper say the same
    pub legend: &'static str,
    pub remarks_title: &'static str,
    pub signatures: Vec<&'static str>,
}

/// One indicator's row on the printed summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SummaryRow {
    pub group: &'static str,
    pub no: u8,
    /// one of the factory's seven (★)
    pub factory: bool,
    pub name: &'static str,
    /// this month, as shown (¥1,234.50, 84.6%, 12 台, 无数据)
    pub now: String,
    pub previous: String,
    /// [`change_text`]
    pub change: String,
    /// [`target_text`]
    pub target: String,
    /// [`mark_text`]
    pub mark: &'static str,
}

/// A line under the printed summary's table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SummaryNote {
    /// 无数据 or 说明
    pub label: &'static str,
    /// `9 三包费用率：当月整车销售金额尚未录入，也没有登记的售车`
    pub text: String,
}

/// A to-do count as printed: `待回访 10 位`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SummaryTodo {
    pub label: &'static str,
    pub count: i64,
    pub unit: &'static str,
}

/// Printed under the table of both the window's print and the PDF.
pub const LEGEND: &str = "★ 工厂关注指标（按月上报工厂）。比率的变化为百分点；趋势线为近12个月，空缺处为当月无数据。";
/// The box the manager writes the month's own summary in.
pub const REMARKS_TITLE: &str = "本月小结（完成情况、存在问题、改善措施）";
/// The signature line: who made the paper, who answers for it, who read it.
pub const SIGNATURES: [&str; 4] = ["制表", "服务经理", "店总", "日期"];

/// The month's summary as of `today`.
pub fn build(conn: &Connection, month: Month, today: NaiveDate) -> AppResult<MonthlySummary> {
    let (dashboard, trend) = dashboard::compute_with_trend(conn, month, today)?;
    // a month not closed prints as a draft: its figures can still move
    let state = if dashboard.closed {
        "（已月结）"
    } else {
        "（草稿，未月结）"
    };
    let todo = dashboard::todo(conn, today)?;
    let station_code = crate::settings::load(conn)?
        .map(|s| s.service_station_code)
        .unwrap_or_default();
    let mut s = MonthlySummary {
        month: month.iso(),
        month_label: format!("{}{state}", month_label(month)),
        generated_at: crate::form::datetime_text(crate::dates::now()),
        rows: rows(&dashboard),
        notes: notes(&dashboard),
        todo_lines: todo_lines(&todo),
        dashboard,
        trend,
        todo,
        station_code,
        meta: String::new(),
        legend: LEGEND,
        remarks_title: REMARKS_TITLE,
        signatures: SIGNATURES.to_vec(),
    };
    s.meta = meta_line(&s);
    Ok(s)
}

/// `月份：2026年11月（已月结）　服务站代码：…　生成时间：2026-11-27 09:30`,
/// under the title of every form of the summary.
pub fn meta_line(s: &MonthlySummary) -> String {
    let code = if s.station_code.is_empty() {
        String::new()
    } else {
        format!("　服务站代码：{}", s.station_code)
    };
    format!("月份：{}{code}　生成时间：{}", s.month_label, s.generated_at)
}

/// A row's 序号: `6★` for one of the factory's seven.
pub fn row_no(r: &SummaryRow) -> String {
    if r.factory {
        format!("{}★", r.no)
    } else {
        r.no.to_string()
    }
}

/// The table's rows in [`GROUPS`] order.
fn rows(d: &Dashboard) -> Vec<SummaryRow> {
    GROUPS
        .iter()
        .flat_map(|g| d.indicators.iter().filter(move |i| i.group == *g))
        .map(|i| SummaryRow {
            group: i.group,
            no: i.no,
            factory: i.factory,
            name: i.name,
            now: i.display(),
            previous: i.show(i.previous.as_deref()),
            change: change_text(i),
            target: target_text(i),
            mark: mark_text(i),
        })
        .collect()
}

/// 无数据 lines first (what is missing), then 说明 (how to read a figure).
fn notes(d: &Dashboard) -> Vec<SummaryNote> {
    let line = |i: &Indicator, t: &str| format!("{} {}：{t}", i.no, i.name);
    let mut out: Vec<SummaryNote> = d
        .indicators
        .iter()
        .filter_map(|i| {
            i.missing.as_deref().map(|m| SummaryNote {
                label: "无数据",
                text: line(i, m),
            })
        })
        .collect();
    for i in &d.indicators {
        for t in [&i.note, &i.aside].into_iter().flatten() {
            out.push(SummaryNote {
                label: "说明",
                text: line(i, t),
            });
        }
    }
    out
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

/// The to-do as the summary prints it: the desk's tiles in their order and
/// words, and the two counts their hints carry (在厂车辆, 未提交索赔).
pub fn todo_lines(t: &Todo) -> Vec<SummaryTodo> {
    let l = |label, count, unit| SummaryTodo { label, count, unit };
    vec![
        l("待回访", t.follow_ups_due, "位"),
        l("待处理投诉", t.complaints_open, "件"),
        l("待点检", t.inspections_open, "台"),
        l("超时维修", t.repairs_overdue, "台"),
        l("在厂车辆", t.repairs_in_shop, "台"),
        l("待厂家结算", t.claims_waiting, "张"),
        l("未提交索赔", t.claims_draft, "张"),
        l("待返厂旧件", t.old_parts_waiting, "件"),
        l("培训待办", t.trainings_overdue + t.certificates_due, "项"),
        l("设备工具", t.equipment_service_due + t.equipment_loans_overdue, "项"),
        l("工厂文件", t.documents_due + t.documents_unread, "项"),
        l("网点待跟进", t.network_actions_open, "项"),
        l("低于最低库存", t.parts_below_min, "种"),
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
    ws.write_string(1, 0, &s.meta).map_err(sheet::xlsx_err)?;
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
    for r in &s.rows {
        let i = d
            .indicators
            .iter()
            .find(|i| i.no == r.no)
            .expect("a row is one of the indicators");
        let note = i
            .missing
            .clone()
            .or_else(|| i.note.clone())
            .or_else(|| i.aside.clone())
            .unwrap_or_else(|| i.definition.to_string());
        let cells = [
            row_no(r),
            r.group.to_string(),
            r.name.to_string(),
            r.now.clone(),
            r.previous.clone(),
            r.change.clone(),
            r.target.clone(),
            r.mark.to_string(),
            note,
        ];
        for (c, v) in cells.iter().enumerate() {
            let f = if (3..=5).contains(&c) { &right } else { &cell };
            ws.write_string_with_format(row, c as u16, v, f)
                .map_err(sheet::xlsx_err)?;
        }
        row += 1;
    }
    ws.write_string(row, 0, LEGEND).map_err(sheet::xlsx_err)?;
    row += 2;
    ws.write_string_with_format(row, 0, "待办", &head)
        .map_err(sheet::xlsx_err)?;
    row += 1;
    for t in &s.todo_lines {
        ws.write_string_with_format(row, 2, t.label, &cell)
            .map_err(sheet::xlsx_err)?;
        ws.write_string_with_format(row, 3, format!("{} {}", t.count, t.unit), &right)
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

    /// The paper the manager hands over: the window's print and the PDF
    /// show one set of texts; what is missing is said in words (no menu
    /// path), every to-do count has its unit, and the page has the remarks
    /// box and the signature line.
    #[test]
    fn the_printed_summary_is_one_paper_in_words_for_its_reader() {
        let mut s = Store::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        demo::populate_on(&mut s, today).unwrap();
        // a month before the demo shop's records: no vehicle sales at all
        let m = Month::parse("2024-01").unwrap();
        let sum = build(s.conn(), m, today).unwrap();
        let d = &sum.dashboard;
        assert_eq!(sum.rows.len(), 22);
        let order: Vec<&str> = sum.rows.iter().map(|r| r.group).collect();
        let mut grouped = order.clone();
        grouped.dedup();
        assert_eq!(grouped, GROUPS, "rows in the groups' order, each group once");
        for r in &sum.rows {
            let i = d.indicators.iter().find(|i| i.no == r.no).unwrap();
            assert_eq!((r.now.as_str(), r.mark), (i.display().as_str(), mark_text(i)));
        }
        let i9 = d.indicators.iter().find(|i| i.no == 9).unwrap();
        assert_eq!(
            i9.missing.as_deref(),
            Some("当月整车销售金额尚未录入，也没有登记的售车")
        );
        assert_eq!(i9.input_link.as_deref(), Some("/customers?tab=filing&month=2024-01"));
        assert!(sum
            .notes
            .iter()
            .any(|n| n.label == "无数据" && n.text == "9 三包费用率：当月整车销售金额尚未录入，也没有登记的售车"));
        assert!(sum
            .notes
            .iter()
            .all(|n| !n.text.contains('→') && !n.text.contains("工作台")));
        assert!(!sum.meta.contains("工作台"), "{}", sum.meta);
        // the to-do in the desk's words, each with its unit
        let t = sum.todo_lines.iter().find(|t| t.label == "待回访").unwrap();
        assert_eq!((t.count, t.unit), (sum.todo.follow_ups_due, "位"));
        assert!(sum.todo_lines.iter().all(|t| !t.unit.is_empty()));
        assert_eq!(sum.signatures, ["制表", "服务经理", "店总", "日期"]);

        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("summary.pdf");
        super::super::pdf::write_summary(&sum, &p).unwrap();
        if let Ok(out) = std::process::Command::new("pdftotext").arg(&p).arg("-").output() {
            let text: String = String::from_utf8_lossy(&out.stdout)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            for want in [
                "本月小结",
                "店总：",
                "服务经理：",
                "待回访",
                "当月整车销售金额尚未录入，也没有登记的售车",
            ] {
                assert!(text.contains(want), "{want} in {text}");
            }
            assert!(!text.contains("与工作台一致"), "{text}");
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
            input_link: None,
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
