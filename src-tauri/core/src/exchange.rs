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

use calamine::Reader;
use rust_xlsxwriter::Workbook;
use serde::Serialize;

use crate::error::{AppError, AppResult, ErrorCode, Problem};
use crate::parts;
use crate::settings::{self, SettingsInput, ShopSettings};
use crate::sheet::{self, Table};
use crate::store::Store;

/// The layout version written into the 说明 sheet.
pub const FORMAT_VERSION: u32 = 1;
/// Files larger than this are refused before they are opened.
pub const MAX_IMPORT_BYTES: u64 = 20 * 1024 * 1024;

pub const SHEET_ABOUT: &str = "说明";
pub const SHEET_SETTINGS: &str = "店铺设置";
pub const SHEET_CATALOG: &str = "配件目录";
/// Exported for reading and archiving; not imported (see docs/data-exchange.md).
pub const SHEET_LEDGER: &str = "出入库";

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

/// Writes the whole shop to `out` (.xlsx).
pub fn export(store: &Store, out: &Path) -> AppResult<()> {
    let s = settings::load(store.conn())?.unwrap_or_default();
    let mut wb = Workbook::new();
    let exported = chrono::Local::now().format("%Y-%m-%d %H:%M").to_string();
    let about: Vec<Vec<String>> = [
        ("文件", "摩托车4S店服务经理台 数据交换工作簿".to_string()),
        ("格式版本", FORMAT_VERSION.to_string()),
        ("店铺", s.shop_name.clone()),
        ("导出时间", exported),
        (
            "说明",
            "每个工作表一类记录，第一行为表头；导入时整本检查，全部无误才写入。".to_string(),
        ),
    ]
    .into_iter()
    .map(|(k, v)| vec![k.to_string(), v])
    .collect();
    sheet::add_sheet(&mut wb, SHEET_ABOUT, &[("项目", 16), ("内容", 48)], &about)?;
    let rows: Vec<Vec<String>> = SETTING_ROWS
        .iter()
        .map(|r| vec![r.label.to_string(), setting_value(&s, r.field), r.note.to_string()])
        .collect();
    sheet::add_sheet(
        &mut wb,
        SHEET_SETTINGS,
        &[("项目", 34), ("值", 30), ("说明", 36)],
        &rows,
    )?;
    let catalog: Vec<Vec<String>> = parts::import::all_parts(store.conn())?
        .iter()
        .map(parts::import::catalog_row)
        .collect();
    sheet::add_sheet(&mut wb, SHEET_CATALOG, parts::import::CATALOG_COLUMNS, &catalog)?;
    sheet::add_sheet(&mut wb, SHEET_LEDGER, LEDGER_COLUMNS, &ledger_rows(store.conn())?)?;
    wb.save(out).map_err(sheet::xlsx_err)
}

const LEDGER_COLUMNS: &[(&str, u16)] = &[
    ("编号", 8),
    ("日期", 12),
    ("配件编号", 18),
    ("配件名称", 20),
    ("类型", 10),
    ("数量变动", 9),
    ("金额变动", 12),
    ("实收金额", 10),
    ("结存数量", 9),
    ("结存金额", 12),
    ("经办人", 10),
    ("备注", 30),
    ("冲销编号", 9),
];

/// The whole ledger in posting order.
fn ledger_rows(conn: &rusqlite::Connection) -> AppResult<Vec<Vec<String>>> {
    let mut st = conn.prepare(
        "SELECT m.id, m.moved_on, p.part_no, p.name, m.kind, m.delta, m.value_fen, m.cash_fen, m.balance_qty,
                m.balance_value_fen, m.operator, m.note, m.reverses_id
         FROM stock_movement m JOIN part p ON p.id = m.part_id ORDER BY m.id",
    )?;
    let rows = st
        .query_map([], |r| {
            let kind: String = r.get(4)?;
            let money = |i: usize| -> rusqlite::Result<String> { Ok(crate::Money::from_fen(r.get(i)?).to_string()) };
            Ok(vec![
                r.get::<_, i64>(0)?.to_string(),
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                parts::MovementKind::from_code(&kind)
                    .map(|k| k.label().to_string())
                    .unwrap_or(kind),
                r.get::<_, i64>(5)?.to_string(),
                money(6)?,
                money(7)?,
                r.get::<_, i64>(8)?.to_string(),
                money(9)?,
                r.get(10)?,
                r.get(11)?,
                r.get::<_, Option<i64>>(12)?.map(|v| v.to_string()).unwrap_or_default(),
            ])
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Reads the 店铺设置 sheet as text by field, with the row of each field.
fn read_settings(t: &Table, problems: &mut Vec<Problem>) -> Option<(SettingsInput, HashMap<&'static str, u32>)> {
    let sheet = SHEET_SETTINGS;
    let hrow = t.header_row;
    if t.headers.is_empty() {
        problems.push(Problem::row(sheet, 1, "工作表是空的"));
        return None;
    }
    if t.headers.first().map(String::as_str) != Some("项目") || t.headers.get(1).map(String::as_str) != Some("值") {
        problems.push(Problem::row(sheet, hrow, "表头应为「项目」「值」「说明」"));
        return None;
    }
    let mut input = SettingsInput::default();
    let mut seen: HashMap<&'static str, u32> = HashMap::new();
    for (r, cells) in &t.rows {
        let label = cells.first().map(String::as_str).unwrap_or("");
        let value = cells.get(1).map(String::as_str).unwrap_or("");
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
            problems.push(Problem::row(sheet, hrow, format!("缺少项目「{}」", def.label)));
        }
    }
    Some((input, seen))
}

/// Imports a data-exchange workbook. Every problem in every sheet is listed
/// (sheet, row, reason); if there is any, nothing is written.
pub fn import(store: &mut Store, input: &Path) -> AppResult<ImportSummary> {
    let mut wb = sheet::open_workbook(input, MAX_IMPORT_BYTES)?;
    let names = wb.sheet_names().to_vec();
    let mut problems = Vec::new();

    if let Some(about) = sheet::workbook_table(&mut wb, SHEET_ABOUT)? {
        for (r, cells) in &about.rows {
            if cells.first().map(String::as_str) == Some("格式版本") {
                let v = cells.get(1).cloned().unwrap_or_default();
                match v.parse::<u32>() {
                    Ok(n) if n <= FORMAT_VERSION => {}
                    Ok(n) => problems.push(Problem::row(
                        SHEET_ABOUT,
                        *r,
                        format!("格式版本 {n} 来自更新的软件版本，本程序只认识到 {FORMAT_VERSION}"),
                    )),
                    Err(_) => problems.push(Problem::row(SHEET_ABOUT, *r, format!("格式版本「{v}」无效"))),
                }
            }
        }
    }

    let mut new_settings = None;
    if let Some(t) = sheet::workbook_table(&mut wb, SHEET_SETTINGS)? {
        for r in &t.formula_rows {
            problems.push(Problem::row(SHEET_SETTINGS, *r, "单元格是公式，请改为直接填写的值"));
        }
        if let Some((input, rows_by_field)) = read_settings(&t, &mut problems) {
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

    let mut catalog_rows = Vec::new();
    if let Some(t) = sheet::workbook_table(&mut wb, SHEET_CATALOG)? {
        catalog_rows = parts::import::parse_table(&t, &mut problems);
    }

    let known = [SHEET_ABOUT, SHEET_SETTINGS, SHEET_CATALOG, SHEET_LEDGER];
    for n in &names {
        if !known.contains(&n.as_str()) {
            problems.push(Problem {
                field: None,
                sheet: Some(n.clone()),
                row: None,
                message: "不认识的工作表（本版本可导入：店铺设置、配件目录）".into(),
            });
        }
    }
    if new_settings.is_none() && catalog_rows.is_empty() && problems.is_empty() {
        problems.push(Problem {
            field: None,
            sheet: None,
            row: None,
            message: "文件中没有可导入的工作表（应有「店铺设置」或「配件目录」）".into(),
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
    if !catalog_rows.is_empty() {
        let n = catalog_rows.len();
        parts::import::upsert(&tx, catalog_rows.into_iter().map(|(_, input)| input))?;
        summary.sheets.push((SHEET_CATALOG.to_string(), n));
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
        let n_parts = parts::import::all_parts(src.conn()).unwrap().len();
        assert_eq!(
            summary.sheets,
            vec![(SHEET_SETTINGS.to_string(), 1), (SHEET_CATALOG.to_string(), n_parts)]
        );
        assert_eq!(settings::load(dst.conn()).unwrap(), settings::load(src.conn()).unwrap());
        // the catalogue comes across field for field (stock stays with the ledger)
        let rows = |s: &Store| -> Vec<Vec<String>> {
            parts::import::all_parts(s.conn())
                .unwrap()
                .iter()
                .map(parts::import::catalog_row)
                .collect()
        };
        assert_eq!(rows(&dst), rows(&src));
        // the ledger sheet is there for reading, one row per movement
        let mut wb = sheet::open_workbook(&out, MAX_IMPORT_BYTES).unwrap();
        let ledger = sheet::workbook_table(&mut wb, SHEET_LEDGER).unwrap().unwrap();
        let moves: i64 = src
            .conn()
            .query_row("SELECT count(*) FROM stock_movement", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ledger.rows.len() as i64, moves);
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
        let mut wb = sheet::open_workbook(&p, MAX_IMPORT_BYTES).unwrap();
        let t = sheet::workbook_table(&mut wb, SHEET_SETTINGS).unwrap().unwrap();
        assert!(t.formula_rows.is_empty());
        // and it imports back as the same text
        import(&mut s, &p).unwrap();
        assert_eq!(settings::load(s.conn()).unwrap().unwrap().shop_name, set.shop_name);
    }
}
