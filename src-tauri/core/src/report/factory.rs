//! 工厂关注指标：the seven figures the factory asks for each month (库存金额,
//! 配件一次供应率, 三包费用率, 用户建档数量, 建档率, 回访率, 点检率), as a one-page
//! printout and an .xlsx in a stable layout. Once a month is reported it is
//! kept as a snapshot with the date it was sent; later changes to that
//! month's records show as differences against the snapshot.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};
use serde::Serialize;

use super::summary;
use crate::dashboard::{self, FACTORY_SEVEN};
use crate::dates::{date_label, month_label, Month};
use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::Fields;
use crate::sheet;
use crate::store::Store;

/// The snapshot's column for each of the seven, in [`FACTORY_SEVEN`] order.
const COLUMNS: [&str; 7] = [
    "inventory_value",
    "first_supply_rate",
    "warranty_cost_rate",
    "files",
    "filing_rate",
    "follow_up_rate",
    "inspection_rate",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct FactoryFigure {
    pub no: u8,
    pub name: &'static str,
    /// as computed now (None = 无数据)
    pub value: Option<String>,
    /// as shown: ¥123,456.00, 92.5%, 37, 无数据
    pub display: String,
    /// ≥ 90% …, or —
    pub target: String,
    pub mark: &'static str,
    pub mark_text: &'static str,
    pub missing: Option<String>,
    /// read beside the figure: 6's 数量供应率 with its target and mark, 1's
    /// distance from the reference, 12's cohort
    pub aside: Option<String>,
    /// as reported, when the month was reported
    pub reported: Option<String>,
    pub reported_display: Option<String>,
    /// the records changed since it was reported
    pub differs: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct FactoryReport {
    pub month: String,
    /// 已月结: the figures are the closing record; otherwise a draft
    pub closed: bool,
    /// 2026年11月, with （草稿，未月结） while the month is open
    pub month_label: String,
    pub shop_name: String,
    pub figures: Vec<FactoryFigure>,
    /// when it was sent (None: not yet reported)
    pub sent_on: Option<String>,
    /// how many figures differ from what was reported
    pub differences: usize,
}

/// The month's seven figures, with the snapshot if the month was reported.
pub fn get(conn: &Connection, month: Month, today: NaiveDate) -> AppResult<FactoryReport> {
    let d = dashboard::compute(conn, month, today)?;
    let snapshot: Option<(String, Vec<Option<String>>)> = conn
        .query_row(
            &format!(
                "SELECT sent_on, {} FROM factory_report WHERE month = ?1",
                COLUMNS.join(", ")
            ),
            [month.iso()],
            |r| {
                let mut v = Vec::with_capacity(7);
                for k in 0..7 {
                    v.push(r.get::<_, Option<String>>(k + 1)?);
                }
                Ok((r.get(0)?, v))
            },
        )
        .optional()?;
    let mut figures = Vec::with_capacity(7);
    for (k, no) in FACTORY_SEVEN.iter().enumerate() {
        let i = d
            .indicators
            .iter()
            .find(|i| i.no == *no)
            .expect("the dashboard has all 22");
        let reported = snapshot.as_ref().map(|(_, v)| v[k].clone());
        figures.push(FactoryFigure {
            no: *no,
            name: i.name,
            value: i.value.clone(),
            display: i.display(),
            target: summary::target_text(i),
            mark: i.mark.code(),
            mark_text: summary::mark_text(i),
            missing: i.missing.clone().or_else(|| i.note.clone()),
            aside: i.aside.clone(),
            differs: reported.as_ref().is_some_and(|r| *r != i.value),
            reported_display: reported.as_ref().map(|r| i.show(r.as_deref())),
            reported: reported.flatten(),
        });
    }
    Ok(FactoryReport {
        month: month.iso(),
        closed: d.closed,
        month_label: if d.closed {
            month_label(month)
        } else {
            format!("{}（草稿，未月结）", month_label(month))
        },
        shop_name: d.shop_name,
        differences: figures.iter().filter(|f| f.differs).count(),
        figures,
        sent_on: snapshot.map(|(s, _)| s),
    })
}

/// Records that the month was reported on `sent_on`, keeping the seven
/// figures as they are now. Reporting a month again (a corrected report)
/// replaces the snapshot. The month may not lie in the future, nor the date
/// before the month began or after today.
pub fn mark_sent(store: &mut Store, month: Month, sent_on: &str, today: NaiveDate) -> AppResult<FactoryReport> {
    let mut f = Fields::new();
    let on = f.required_date("sentOn", "上报日期", sent_on, today);
    if month > Month::of(today) {
        f.bad("month", format!("{}还没有到，不能上报", month_label(month)));
    } else if !crate::closing::is_closed(store.conn(), month)? {
        // the factory gets figures that no longer move
        f.bad(
            "month",
            format!(
                "{}还没有月结：请先在工作台「月结」结账，再记为已上报",
                month_label(month)
            ),
        );
    }
    if let Some(d) = on {
        if d < month.first_day() {
            f.bad(
                "sentOn",
                format!("上报日期（{}）早于{}", date_label(d), month_label(month)),
            );
        }
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    let now = get(store.conn(), month, today)?;
    let values: Vec<Option<String>> = now.figures.iter().map(|f| f.value.clone()).collect();
    store.conn().execute(
        &format!(
            "INSERT INTO factory_report (month, sent_on, {cols}, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT(month) DO UPDATE SET sent_on = excluded.sent_on, {sets}, created_at = excluded.created_at",
            cols = COLUMNS.join(", "),
            sets = COLUMNS
                .iter()
                .map(|c| format!("{c} = excluded.{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        params![
            month.iso(),
            on.expect("checked").to_string(),
            values[0],
            values[1],
            values[2],
            values[3],
            values[4],
            values[5],
            values[6],
            crate::dates::stamp()
        ],
    )?;
    get(store.conn(), month, today)
}

/// The months already reported, newest first: (month, sent on).
pub fn reported_months(conn: &Connection) -> AppResult<Vec<(String, String)>> {
    let mut st = conn.prepare("SELECT month, sent_on FROM factory_report ORDER BY month DESC")?;
    let rows = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The report as an .xlsx in a fixed layout, the same cells every month:
/// B2 shop, B3 month (YYYY-MM), B4 sent on; rows 7–13 the seven figures in
/// the factory's order, C the value as a number (yuan, percent, count; empty
/// = 无数据), D as shown, E the target, F the mark, G as reported, H 有变化,
/// I what is read beside it (6's 数量供应率 with its target).
pub fn write_xlsx(r: &FactoryReport, out: &Path) -> AppResult<()> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("工厂关注指标").map_err(sheet::xlsx_err)?;
    let bold = Format::new().set_bold();
    let head = Format::new()
        .set_bold()
        .set_background_color("#EEF1F6")
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center);
    let cell = Format::new().set_border(FormatBorder::Thin);
    let num = Format::new().set_border(FormatBorder::Thin).set_num_format("0.00");
    let e = sheet::xlsx_err;
    ws.write_string_with_format(0, 0, "工厂关注指标上报表", &bold.clone().set_font_size(14))
        .map_err(e)?;
    for (row, (k, v)) in [
        ("服务店", r.shop_name.clone()),
        ("月份", r.month.clone()),
        ("上报日期", r.sent_on.clone().unwrap_or_default()),
    ]
    .into_iter()
    .enumerate()
    {
        ws.write_string_with_format(row as u32 + 1, 0, k, &bold).map_err(e)?;
        ws.write_string(row as u32 + 1, 1, v).map_err(e)?;
    }
    let cols: [(&str, u16); 9] = [
        ("序号", 6),
        ("指标", 16),
        ("数值", 14),
        ("显示", 16),
        ("目标", 10),
        ("评价", 8),
        ("已上报数值", 16),
        ("上报后有变化", 12),
        ("说明", 44),
    ];
    for (c, (h, w)) in cols.iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(e)?;
        ws.write_string_with_format(5, c as u16, *h, &head).map_err(e)?;
    }
    for (k, f) in r.figures.iter().enumerate() {
        let row = 6 + k as u32;
        ws.write_number_with_format(row, 0, k as u32 + 1, &cell).map_err(e)?;
        ws.write_string_with_format(row, 1, f.name, &cell).map_err(e)?;
        match f.value.as_deref().and_then(sheet::excel_number) {
            Some(v) => ws.write_number_with_format(row, 2, v, &num),
            None => ws.write_blank(row, 2, &cell),
        }
        .map_err(e)?;
        ws.write_string_with_format(row, 3, &f.display, &cell).map_err(e)?;
        ws.write_string_with_format(row, 4, &f.target, &cell).map_err(e)?;
        ws.write_string_with_format(row, 5, f.mark_text, &cell).map_err(e)?;
        ws.write_string_with_format(row, 6, f.reported_display.clone().unwrap_or_default(), &cell)
            .map_err(e)?;
        ws.write_string_with_format(row, 7, if f.differs { "有变化" } else { "" }, &cell)
            .map_err(e)?;
        ws.write_string_with_format(row, 8, f.aside.clone().unwrap_or_default(), &cell)
            .map_err(e)?;
    }
    crate::sheet::save_workbook(&mut wb, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;

    #[test]
    fn a_reported_month_keeps_its_snapshot_and_shows_later_changes() {
        let mut s = Store::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        // months open: the report of an open month is a draft
        demo::populate_open_on(&mut s, today).unwrap();
        let oct = Month::parse("2026-10").unwrap();
        let before = get(s.conn(), oct, today).unwrap();
        assert_eq!(before.figures.len(), 7);
        assert_eq!(before.sent_on, None);
        assert_eq!(
            before.figures.iter().map(|f| f.name).collect::<Vec<_>>(),
            [
                "配件库存金额",
                "配件一次供应率",
                "三包费用率",
                "用户建档数量",
                "用户建档率",
                "用户回访率",
                "点检率"
            ]
        );
        // the same figures as the dashboard
        let d = dashboard::compute(s.conn(), oct, today).unwrap();
        for f in &before.figures {
            let i = d.indicators.iter().find(|i| i.no == f.no).unwrap();
            assert_eq!((&f.value, &f.display), (&i.value, &i.display()));
        }
        // bad dates change nothing
        for (when, msg) in [
            ("2026-09-30", "早于2026年10月"),
            ("2026-12-01", "晚于今天"),
            ("", "请填写上报日期"),
        ] {
            let e = mark_sent(&mut s, oct, when, today).unwrap_err();
            assert!(e.problems.iter().any(|p| p.message.contains(msg)), "{msg}: {e:?}");
        }
        let e = mark_sent(&mut s, Month::parse("2026-12").unwrap(), "2026-11-26", today).unwrap_err();
        assert!(e.problems.iter().any(|p| p.message.contains("还没有到")), "{e:?}");
        // an open month is a draft, and is not reported
        assert!(!before.closed && before.month_label.contains("草稿"));
        let e = mark_sent(&mut s, oct, "2026-11-03", today).unwrap_err();
        assert!(e.problems.iter().any(|p| p.message.contains("还没有月结")), "{e:?}");
        assert!(reported_months(s.conn()).unwrap().is_empty());
        let at = today.and_hms_opt(18, 0, 0).unwrap();
        crate::closing::close_through(&mut s, oct, "测试", at).unwrap();

        let sent = mark_sent(&mut s, oct, "2026-11-03", today).unwrap();
        assert!(sent.closed && !sent.month_label.contains("草稿"));
        assert_eq!(sent.sent_on.as_deref(), Some("2026-11-03"));
        assert_eq!(sent.differences, 0);
        assert!(sent.figures.iter().all(|f| f.reported == f.value));
        // a customer filed late in October: October is reopened, corrected
        // and closed again; 11 and 12 now differ from the report
        let files_before = sent.figures[3].value.clone();
        crate::closing::reopen(&mut s, oct, "补记一份建档", at).unwrap();
        s.conn()
            .execute(
                "UPDATE vehicle SET file_returned_on = '2026-10-15' WHERE id = (SELECT id FROM vehicle
                 WHERE sold_here = 1 AND sale_date <= '2026-10-15'
                   AND (file_returned_on IS NULL OR file_returned_on > '2026-10-31') LIMIT 1)",
                [],
            )
            .unwrap();
        crate::closing::close(&mut s, oct, "测试", at).unwrap();
        let later = get(s.conn(), oct, today).unwrap();
        assert_eq!(later.figures[3].reported, files_before);
        assert!(later.figures[3].differs && later.figures[4].differs, "{later:?}");
        assert!(!later.figures[0].differs);
        // a customer filed in October joins 11 and 12, and 14's base (the
        // customers filed in the month) — whether 14 moves depends on that
        // customer's calls; nothing else may move
        let moved: Vec<u8> = later.figures.iter().filter(|f| f.differs).map(|f| f.no).collect();
        assert!(
            moved.len() == later.differences && moved.iter().all(|n| [11, 12, 14].contains(n)),
            "{moved:?}"
        );

        // the workbook's fixed cells
        let dir = tempfile::tempdir().unwrap();
        let x = dir.path().join("factory.xlsx");
        write_xlsx(&later, &x).unwrap();
        let mut wb = sheet::open_workbook(&x, 10 << 20).unwrap();
        use calamine::Reader;
        let range = wb.worksheet_range("工厂关注指标").unwrap();
        let at = |r: u32, c: u32| range.get_value((r, c)).map(sheet::cell_text).unwrap_or_default();
        assert_eq!(at(2, 1), "2026-10");
        assert_eq!(at(3, 1), "2026-11-03");
        assert_eq!(at(6, 1), "配件库存金额");
        assert_eq!(at(6, 3), later.figures[0].display);
        assert_eq!(at(9, 7), "有变化");
        assert_eq!(at(12, 1), "点检率");
        // and the printout
        let p = dir.path().join("factory.pdf");
        super::super::pdf::write_factory(&later, &p).unwrap();
        assert!(std::fs::read(&p).unwrap().starts_with(b"%PDF-"));
    }
}
