//! 数据交换工作簿：the shop's data as one .xlsx, a sheet per kind of record,
//! with Chinese headers. Export writes it; import reads it back all-or-nothing.
//!
//! This is how a shop moves its Excel ledgers in and how data leaves the app.
//! The layout is documented in `docs/data-exchange.md`; each area adds its
//! sheets here. Import checks every row of every sheet first and lists every
//! problem with its sheet, row and reason; only a workbook with no problem is
//! written, in one transaction.
//!
//! Amounts are written as text (`1234.50`) so that they stay exact to the fen;
//! the importer takes text or number cells. Cells are never written as
//! formulas, and formula cells are refused on import.

use std::collections::HashMap;
use std::path::Path;

use calamine::{open_workbook_auto, Data, Range, Reader};
use rust_xlsxwriter::{Format, Workbook, Worksheet};
use serde::Serialize;

use crate::error::{AppError, AppResult, ErrorCode, Problem};
use crate::settings::{self, SettingsInput, ShopSettings};
use crate::store::Store;

/// The layout version written into the 说明 sheet.
pub const FORMAT_VERSION: u32 = 1;
/// Files larger than this are refused before they are opened.
pub const MAX_IMPORT_BYTES: u64 = 20 * 1024 * 1024;

pub const SHEET_ABOUT: &str = "说明";
pub const SHEET_SETTINGS: &str = "店铺设置";

/// What an import wrote.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    /// (sheet, records written)
    pub sheets: Vec<(String, usize)>,
}

/// One row of the 店铺设置 sheet: its label (项目), the form field it feeds and
/// a note for the person editing the workbook.
struct SettingRow {
    label: &'static str,
    field: &'static str,
    note: &'static str,
}

const SETTING_ROWS: &[SettingRow] = &[
    SettingRow {
        label: "店铺名称",
        field: "shopName",
        note: "必填，最多 40 字",
    },
    SettingRow {
        label: "服务品牌",
        field: "brands",
        note: "多个品牌用顿号（、）或逗号分隔",
    },
    SettingRow {
        label: "所在地区",
        field: "region",
        note: "省市县或乡镇",
    },
    SettingRow {
        label: "详细地址",
        field: "address",
        note: "",
    },
    SettingRow {
        label: "年整车销量（台）",
        field: "annualVehicleSales",
        note: "整数，决定岗位配置档次",
    },
    SettingRow {
        label: "保有量（台）",
        field: "vehicleParc",
        note: "整数",
    },
    SettingRow {
        label: "单车年均配件消耗（元）",
        field: "partsConsumptionPerVehicle",
        note: "金额，最多两位小数",
    },
    SettingRow {
        label: "参考库存基数",
        field: "inventoryBasis",
        note: "年销量 或 保有量",
    },
    SettingRow {
        label: "库存系数",
        field: "inventoryFactor",
        note: "大于 0、不超过 5，例如 0.3",
    },
    SettingRow {
        label: "配件一次供应率目标（%，不低于）",
        field: "targets.firstTimeSupplyMin",
        note: "0–100",
    },
    SettingRow {
        label: "配件滞销率目标（%，不高于）",
        field: "targets.slowMovingMax",
        note: "0–100",
    },
    SettingRow {
        label: "三包费用率目标（%，不高于）",
        field: "targets.warrantyCostMax",
        note: "0–100",
    },
    SettingRow {
        label: "用户建档率目标（%，不低于）",
        field: "targets.filingMin",
        note: "0–100",
    },
    SettingRow {
        label: "用户回访率目标（%，不低于）",
        field: "targets.followUpMin",
        note: "0–100",
    },
    SettingRow {
        label: "点检率目标（%，不低于）",
        field: "targets.inspectionMin",
        note: "0–100",
    },
];

/// A settings field as its workbook text (the basis in Chinese).
fn setting_value(s: &ShopSettings, field: &str) -> String {
    if field == "inventoryBasis" {
        return s.inventory_basis.label().to_string();
    }
    SettingsInput::from(s)
        .slot(field)
        .map(|v| v.clone())
        .unwrap_or_default()
}

fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> AppError {
    AppError::new(ErrorCode::Io, format!("写入 Excel 文件失败：{e}"))
}

fn header(ws: &mut Worksheet, cols: &[(&str, u16)], bold: &Format) -> AppResult<()> {
    for (i, (name, width)) in cols.iter().enumerate() {
        ws.write_string_with_format(0, i as u16, *name, bold)
            .map_err(xlsx_err)?;
        ws.set_column_width(i as u16, *width).map_err(xlsx_err)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx_err)?;
    Ok(())
}

/// Writes the whole shop to `out` (.xlsx).
pub fn export(store: &Store, out: &Path) -> AppResult<()> {
    let s = settings::load(store.conn())?.unwrap_or_default();
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();

    let about = wb.add_worksheet();
    about.set_name(SHEET_ABOUT).map_err(xlsx_err)?;
    header(about, &[("项目", 16), ("内容", 48)], &bold)?;
    let exported = chrono::Local::now().format("%Y-%m-%d %H:%M").to_string();
    let version = FORMAT_VERSION.to_string();
    for (r, (k, v)) in [
        ("文件", "摩托车4S店服务经理台 数据交换工作簿"),
        ("格式版本", version.as_str()),
        ("店铺", s.shop_name.as_str()),
        ("导出时间", exported.as_str()),
        (
            "说明",
            "每个工作表一类记录，第一行为表头；导入时整本检查，全部无误才写入。",
        ),
    ]
    .iter()
    .enumerate()
    {
        about.write_string(r as u32 + 1, 0, *k).map_err(xlsx_err)?;
        about.write_string(r as u32 + 1, 1, *v).map_err(xlsx_err)?;
    }

    let ws = wb.add_worksheet();
    ws.set_name(SHEET_SETTINGS).map_err(xlsx_err)?;
    header(ws, &[("项目", 34), ("值", 30), ("说明", 36)], &bold)?;
    for (i, row) in SETTING_ROWS.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, row.label).map_err(xlsx_err)?;
        ws.write_string(r, 1, setting_value(&s, row.field)).map_err(xlsx_err)?;
        ws.write_string(r, 2, row.note).map_err(xlsx_err)?;
    }

    wb.save(out).map_err(|e| match e {
        rust_xlsxwriter::XlsxError::IoError(io) => AppError::io("保存 Excel 文件", &io),
        other => xlsx_err(other),
    })
}

/// A cell as trimmed text. Number cells keep their shortest exact form
/// (`280`, `0.3`), which the money/rate parsers then read as decimals.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Data::DateTime(dt) => dt.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Rows of a sheet with their 1-based row numbers as Excel shows them.
fn rows_with_numbers(range: &Range<Data>) -> Vec<(u32, Vec<String>)> {
    let (r0, c0) = range.start().unwrap_or((0, 0));
    range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            let mut cells: Vec<String> = vec![String::new(); c0 as usize];
            cells.extend(row.iter().map(cell_text));
            (r0 + i as u32 + 1, cells)
        })
        .collect()
}

/// Positions (1-based rows) of formula cells in a sheet.
fn formula_rows<R: Reader<std::io::BufReader<std::fs::File>>>(wb: &mut R, sheet: &str) -> Vec<u32> {
    let Ok(f) = wb.worksheet_formula(sheet) else {
        return Vec::new();
    };
    let (r0, _) = f.start().unwrap_or((0, 0));
    let mut rows: Vec<u32> = f
        .rows()
        .enumerate()
        .filter(|(_, row)| row.iter().any(|c| !c.trim().is_empty()))
        .map(|(i, _)| r0 + i as u32 + 1)
        .collect();
    rows.dedup();
    rows
}

/// Reads the 店铺设置 sheet as text by field, with the row of each field.
fn read_settings(
    rows: &[(u32, Vec<String>)],
    problems: &mut Vec<Problem>,
) -> Option<(SettingsInput, HashMap<&'static str, u32>)> {
    let sheet = SHEET_SETTINGS;
    let Some((hrow, head)) = rows.iter().find(|(_, cells)| cells.iter().any(|c| !c.is_empty())) else {
        problems.push(Problem::row(sheet, 1, "工作表是空的"));
        return None;
    };
    if head.first().map(String::as_str) != Some("项目") || head.get(1).map(String::as_str) != Some("值") {
        problems.push(Problem::row(sheet, *hrow, "表头应为「项目」「值」「说明」"));
        return None;
    }
    let mut input = SettingsInput::default();
    let mut seen: HashMap<&'static str, u32> = HashMap::new();
    for (r, cells) in rows.iter().filter(|(r, _)| r > hrow) {
        let label = cells.first().map(String::as_str).unwrap_or("");
        let value = cells.get(1).map(String::as_str).unwrap_or("");
        if label.is_empty() && value.is_empty() {
            continue; // blank rows are allowed
        }
        let Some(def) = SETTING_ROWS.iter().find(|d| d.label == label) else {
            problems.push(Problem::row(sheet, *r, format!("不认识的项目「{label}」")));
            continue;
        };
        if let Some(prev) = seen.insert(def.field, *r) {
            problems.push(Problem::row(sheet, *r, format!("项目「{label}」与第 {prev} 行重复")));
            continue;
        }
        if let Some(slot) = input.slot(def.field) {
            *slot = value.to_string();
        }
    }
    for def in SETTING_ROWS {
        if !seen.contains_key(def.field) {
            problems.push(Problem::row(sheet, *hrow, format!("缺少项目「{}」", def.label)));
        }
    }
    Some((input, seen))
}

/// Imports a data-exchange workbook. Every problem in every sheet is listed
/// (sheet, row, reason); if there is any, nothing is written.
pub fn import(store: &mut Store, input: &Path) -> AppResult<ImportSummary> {
    let meta = std::fs::metadata(input).map_err(|e| AppError::io("读取导入文件", &e))?;
    if meta.len() > MAX_IMPORT_BYTES {
        return Err(AppError::new(
            ErrorCode::Import,
            format!(
                "文件太大（{} MB），导入文件不能超过 {} MB",
                meta.len() / 1024 / 1024,
                MAX_IMPORT_BYTES / 1024 / 1024
            ),
        ));
    }
    let mut wb = open_workbook_auto(input).map_err(|e| {
        AppError::new(
            ErrorCode::Import,
            format!("无法读取 Excel 文件（文件损坏或不是 .xlsx）：{e}"),
        )
    })?;
    let names = wb.sheet_names().to_vec();
    let mut problems = Vec::new();

    if names.iter().any(|n| n == SHEET_ABOUT) {
        if let Ok(range) = wb.worksheet_range(SHEET_ABOUT) {
            for (r, cells) in rows_with_numbers(&range) {
                if cells.first().map(String::as_str) == Some("格式版本") {
                    let v = cells.get(1).cloned().unwrap_or_default();
                    match v.parse::<u32>() {
                        Ok(n) if n <= FORMAT_VERSION => {}
                        Ok(n) => problems.push(Problem::row(
                            SHEET_ABOUT,
                            r,
                            format!("格式版本 {n} 来自更新的软件版本，本程序只认识到 {FORMAT_VERSION}"),
                        )),
                        Err(_) => problems.push(Problem::row(SHEET_ABOUT, r, format!("格式版本「{v}」无效"))),
                    }
                }
            }
        }
    }

    let mut new_settings = None;
    if names.iter().any(|n| n == SHEET_SETTINGS) {
        for r in formula_rows(&mut wb, SHEET_SETTINGS) {
            problems.push(Problem::row(SHEET_SETTINGS, r, "单元格是公式，请改为直接填写的值"));
        }
        let range = wb
            .worksheet_range(SHEET_SETTINGS)
            .map_err(|e| AppError::new(ErrorCode::Import, format!("无法读取工作表「{SHEET_SETTINGS}」：{e}")))?;
        let rows = rows_with_numbers(&range);
        if let Some((input, rows_by_field)) = read_settings(&rows, &mut problems) {
            match input.parse() {
                Ok(s) => new_settings = Some(s),
                Err(e) => {
                    for p in e.problems {
                        let row = p
                            .field
                            .as_deref()
                            .and_then(|f| rows_by_field.get(f))
                            .copied()
                            .unwrap_or(1);
                        problems.push(Problem::row(SHEET_SETTINGS, row, p.message));
                    }
                }
            }
        }
    }

    let known = [SHEET_ABOUT, SHEET_SETTINGS];
    for n in &names {
        if !known.contains(&n.as_str()) {
            problems.push(Problem {
                field: None,
                sheet: Some(n.clone()),
                row: None,
                message: "不认识的工作表（本版本可导入：店铺设置）".into(),
            });
        }
    }
    if new_settings.is_none() && problems.is_empty() {
        problems.push(Problem {
            field: None,
            sheet: None,
            row: None,
            message: "文件中没有可导入的工作表（应有「店铺设置」）".into(),
        });
    }
    if !problems.is_empty() {
        let mut err = AppError::from_problems(ErrorCode::Import, problems);
        err.message = format!("导入未执行，文件中没有任何数据被写入。{}", err.message);
        return Err(err);
    }

    let mut summary = ImportSummary { sheets: Vec::new() };
    let tx = store.conn_mut().transaction()?;
    if let Some(s) = new_settings {
        settings::save(&tx, s)?;
        summary.sheets.push((SHEET_SETTINGS.to_string(), 1));
    }
    tx.commit()?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;

    fn demo_store() -> Store {
        let mut s = Store::open_in_memory().unwrap();
        demo::populate(&mut s).unwrap();
        s
    }

    /// A workbook with one sheet of the given rows (all text cells).
    fn workbook(path: &Path, sheet: &str, rows: &[&[&str]]) {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name(sheet).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                ws.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
        wb.save(path).unwrap();
    }

    #[test]
    fn export_then_import_into_an_empty_shop_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("shop.xlsx");
        let src = demo_store();
        export(&src, &out).unwrap();
        let mut dst = Store::open_in_memory().unwrap();
        let summary = import(&mut dst, &out).unwrap();
        assert_eq!(summary.sheets, vec![(SHEET_SETTINGS.to_string(), 1)]);
        assert_eq!(settings::load(dst.conn()).unwrap(), settings::load(src.conn()).unwrap());
    }

    #[test]
    fn numeric_cells_are_read_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("n.xlsx");
        let s = demo_store();
        export(&s, &p).unwrap();
        // rewrite with number cells for the numeric rows
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name(SHEET_SETTINGS).unwrap();
        ws.write_string(0, 0, "项目").unwrap();
        ws.write_string(0, 1, "值").unwrap();
        let set = settings::load(s.conn()).unwrap().unwrap();
        for (i, row) in SETTING_ROWS.iter().enumerate() {
            let r = i as u32 + 1;
            ws.write_string(r, 0, row.label).unwrap();
            match row.field {
                "annualVehicleSales" => ws.write_number(r, 1, 350u32).map(|_| ()).unwrap(),
                "partsConsumptionPerVehicle" => ws.write_number(r, 1, 0.1 + 0.2).map(|_| ()).unwrap_or(()),
                "inventoryFactor" => ws.write_number(r, 1, 0.25).map(|_| ()).unwrap(),
                f => ws.write_string(r, 1, setting_value(&set, f)).map(|_| ()).unwrap(),
            }
        }
        wb.save(&p).unwrap();
        let mut dst = Store::open_in_memory().unwrap();
        // 0.1 + 0.2 as a float cell is 0.30000000000000004: more than two
        // decimals, so it must be refused rather than silently rounded
        let err = import(&mut dst, &p).unwrap_err();
        assert!(err.problems[0].message.contains("两位小数"), "{:?}", err.problems);
        assert_eq!(settings::load(dst.conn()).unwrap(), None);
    }

    #[test]
    fn every_bad_row_is_listed_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bad.xlsx");
        workbook(
            &p,
            SHEET_SETTINGS,
            &[
                &["项目", "值", "说明"],
                &["店铺名称", "   "],
                &["服务品牌", "豪爵"],
                &["年整车销量（台）", "很多"],
                &["", ""],
                &["保有量（台）", "-3"],
                &["点检率目标（%，不低于）", "180"],
                &["幸运数字", "7"],
            ],
        );
        let mut s = demo_store();
        let before = settings::load(s.conn()).unwrap();
        let err = import(&mut s, &p).unwrap_err();
        assert_eq!(err.code, ErrorCode::Import);
        assert!(err.message.starts_with("导入未执行"), "{}", err.message);
        let lines: Vec<String> = err.problems.iter().map(Problem::describe).collect();
        assert!(
            lines.contains(&"工作表「店铺设置」第 4 行：年整车销量须为整数，「很多」不是整数".to_string()),
            "{lines:#?}"
        );
        assert!(
            lines.contains(&"工作表「店铺设置」第 8 行：不认识的项目「幸运数字」".to_string()),
            "{lines:#?}"
        );
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("工作表「店铺设置」第 1 行：缺少项目「所在地区」")),
            "{lines:#?}"
        );
        assert!(
            lines.contains(&"工作表「店铺设置」第 2 行：请填写店铺名称".to_string()),
            "{lines:#?}"
        );
        assert!(
            lines.contains(&"工作表「店铺设置」第 6 行：保有量须在 0 到 1,000,000 台之间".to_string()),
            "{lines:#?}"
        );
        assert!(
            lines.contains(&"工作表「店铺设置」第 7 行：点检率目标须在 0% 到 100% 之间".to_string()),
            "{lines:#?}"
        );
        assert_eq!(settings::load(s.conn()).unwrap(), before);
    }

    #[test]
    fn wrong_headers_unknown_sheets_formulas_and_broken_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = demo_store();
        let before = settings::load(s.conn()).unwrap();

        let p = dir.path().join("hdr.xlsx");
        workbook(&p, SHEET_SETTINGS, &[&["名称", "内容"], &["店铺名称", "x"]]);
        let e = import(&mut s, &p).unwrap_err();
        assert_eq!(
            e.problems[0].describe(),
            "工作表「店铺设置」第 1 行：表头应为「项目」「值」「说明」"
        );

        let p = dir.path().join("other.xlsx");
        workbook(&p, "Sheet1", &[&["a", "b"]]);
        let e = import(&mut s, &p).unwrap_err();
        assert!(e.message.contains("不认识的工作表"), "{}", e.message);

        let p = dir.path().join("formula.xlsx");
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name(SHEET_SETTINGS).unwrap();
        ws.write_string(0, 0, "项目").unwrap();
        ws.write_string(0, 1, "值").unwrap();
        let set = settings::load(s.conn()).unwrap().unwrap();
        for (i, row) in SETTING_ROWS.iter().enumerate() {
            ws.write_string(i as u32 + 1, 0, row.label).unwrap();
            if row.field == "vehicleParc" {
                ws.write_formula(i as u32 + 1, 1, "=1000+900").unwrap();
            } else {
                ws.write_string(i as u32 + 1, 1, setting_value(&set, row.field))
                    .unwrap();
            }
        }
        wb.save(&p).unwrap();
        let e = import(&mut s, &p).unwrap_err();
        assert_eq!(
            e.problems[0].describe(),
            "工作表「店铺设置」第 7 行：单元格是公式，请改为直接填写的值"
        );

        let p = dir.path().join("broken.xlsx");
        std::fs::write(&p, b"PK\x03\x04 this is not really a zip").unwrap();
        let e = import(&mut s, &p).unwrap_err();
        assert_eq!(e.code, ErrorCode::Import);
        assert!(e.message.contains("无法读取 Excel 文件"), "{}", e.message);

        let p = dir.path().join("huge.xlsx");
        let f = std::fs::File::create(&p).unwrap();
        f.set_len(MAX_IMPORT_BYTES + 1).unwrap();
        let e = import(&mut s, &p).unwrap_err();
        assert!(e.message.contains("文件太大"), "{}", e.message);

        assert_eq!(settings::load(s.conn()).unwrap(), before);
    }

    #[test]
    fn text_that_looks_like_a_formula_is_exported_as_text() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open_in_memory().unwrap();
        let mut set = demo::demo_settings();
        set.shop_name = "=HYPERLINK(\"x\")".into();
        settings::save(s.conn(), set.clone()).unwrap();
        let p = dir.path().join("t.xlsx");
        export(&s, &p).unwrap();
        let mut wb = open_workbook_auto(&p).unwrap();
        assert!(formula_rows(&mut wb, SHEET_SETTINGS).is_empty());
        // and it imports back as the same text
        import(&mut s, &p).unwrap();
        assert_eq!(settings::load(s.conn()).unwrap().unwrap().shop_name, set.shop_name);
    }
}
