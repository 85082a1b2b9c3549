//! 配件目录导入导出：the catalogue from and to .xlsx/.csv.
//!
//! Import is two steps: [`preview`] reads and checks the file and lists
//! every bad row with its number and reason, and what each good row will do
//! (新增 / 更新); nothing is written. [`apply`] reads the file again (the
//! preview is never trusted) and, only if there is no problem at all, writes
//! every row in one transaction. Existing part numbers get their catalogue
//! fields updated; stock is never touched by an import.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::Connection;
use serde::Serialize;

use super::catalog::{self, normalize_part_no, Part, PartInput};
use crate::error::{AppError, AppResult, ErrorCode, Problem};
use crate::sheet::{self, Table};
use crate::store::Store;

/// A catalogue file may not be larger than this (a 20,000-part .xlsx is ~1.5 MB).
pub const MAX_CATALOG_BYTES: u64 = 5 * 1_048_576;
pub const MAX_CATALOG_ROWS: usize = 50_000;

/// The catalogue's columns, in export order, with widths.
pub const CATALOG_COLUMNS: &[(&str, u16)] = &[
    ("配件编号", 18),
    ("配件名称", 22),
    ("适用车型", 20),
    ("单位", 6),
    ("类别", 10),
    ("机油", 6),
    ("机油升数", 8),
    ("进货价", 10),
    ("限价", 10),
    ("库位", 10),
    ("最低库存", 9),
    ("最高库存", 9),
    ("在用", 6),
];
pub const REQUIRED_COLUMNS: &[&str] = &["配件编号", "配件名称", "进货价", "限价"];

fn yes_no(v: &str, default: bool) -> Result<bool, String> {
    match v.trim().to_ascii_lowercase().as_str() {
        "" => Ok(default),
        "是" | "y" | "yes" | "1" | "true" | "√" => Ok(true),
        "否" | "n" | "no" | "0" | "false" => Ok(false),
        other => Err(format!("「{other}」应填 是 或 否")),
    }
}

/// A part as a catalogue row.
pub fn catalog_row(p: &Part) -> Vec<String> {
    let yn = |b: bool| if b { "是" } else { "否" }.to_string();
    vec![
        p.part_no.clone(),
        p.name.clone(),
        p.fitment.clone(),
        p.unit.clone(),
        p.category.clone(),
        yn(p.is_engine_oil),
        p.oil_litres.clone().unwrap_or_default(),
        p.cost_price.to_string(),
        p.retail_price.to_string(),
        p.bin_location.clone(),
        p.min_stock.to_string(),
        p.max_stock.to_string(),
        yn(p.active),
    ]
}

/// Every part, in part-number order.
pub fn all_parts(conn: &Connection) -> AppResult<Vec<Part>> {
    let mut st = conn.prepare(&format!("SELECT {} FROM part ORDER BY part_no", catalog::PART_COLUMNS))?;
    let rows = st.query_map([], catalog::part_from_row)?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Reads the rows of a catalogue table; every problem goes to `problems`.
pub fn parse_table(t: &Table, problems: &mut Vec<Problem>) -> Vec<(u32, PartInput)> {
    let optional: Vec<&str> = CATALOG_COLUMNS
        .iter()
        .map(|(h, _)| *h)
        .filter(|h| !REQUIRED_COLUMNS.contains(h))
        .collect();
    let before = problems.len();
    sheet::check_headers(t, REQUIRED_COLUMNS, &optional, problems);
    if problems[before..]
        .iter()
        .any(|p| p.message.starts_with("缺少列") || p.message == "工作表是空的")
    {
        return Vec::new();
    }
    if t.rows.len() > MAX_CATALOG_ROWS {
        problems.push(Problem::row(
            &t.sheet,
            t.header_row,
            format!("行数太多（{}），一次最多导入 {MAX_CATALOG_ROWS} 行", t.rows.len()),
        ));
        return Vec::new();
    }
    let cell = |cells: &[String], name: &str| -> String {
        t.col(name).and_then(|i| cells.get(i)).cloned().unwrap_or_default()
    };
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut out = Vec::new();
    for (r, cells) in &t.rows {
        let mut bad = Vec::new();
        let oil = yes_no(&cell(cells, "机油"), false)
            .map_err(|m| bad.push(format!("机油：{m}")))
            .unwrap_or(false);
        let active = yes_no(&cell(cells, "在用"), true)
            .map_err(|m| bad.push(format!("在用：{m}")))
            .unwrap_or(true);
        let input = PartInput {
            part_no: cell(cells, "配件编号"),
            name: cell(cells, "配件名称"),
            fitment: cell(cells, "适用车型"),
            unit: cell(cells, "单位"),
            category: cell(cells, "类别"),
            is_engine_oil: oil,
            oil_litres: cell(cells, "机油升数"),
            cost_price: cell(cells, "进货价"),
            retail_price: cell(cells, "限价"),
            bin_location: cell(cells, "库位"),
            min_stock: cell(cells, "最低库存"),
            max_stock: cell(cells, "最高库存"),
            active,
        };
        if let Err(e) = input.parse() {
            bad.extend(e.problems.into_iter().map(|p| p.message));
        }
        let no = normalize_part_no(&input.part_no);
        if !no.is_empty() {
            if let Some(first) = seen.get(&no) {
                bad.push(format!("配件编号「{no}」与第 {first} 行重复"));
            } else {
                seen.insert(no, *r);
            }
        }
        if bad.is_empty() {
            out.push((*r, input));
        } else {
            problems.push(Problem::row(&t.sheet, *r, bad.join("；")));
        }
    }
    out
}

/// One row of the preview.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PreviewRow {
    pub row: u32,
    pub part_no: String,
    pub name: String,
    /// 新增 or 更新
    pub action: &'static str,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CatalogPreview {
    pub file: String,
    pub rows: Vec<PreviewRow>,
    pub problems: Vec<Problem>,
    pub new_count: usize,
    pub update_count: usize,
}

/// A good row of the file: its number, the part, and the id it updates.
type PlannedRow = (u32, PartInput, Option<i64>);

fn plan(conn: &Connection, path: &Path) -> AppResult<(Vec<PlannedRow>, Vec<Problem>)> {
    let t = sheet::read_table(path, MAX_CATALOG_BYTES)?;
    let mut problems = Vec::new();
    let rows = parse_table(&t, &mut problems);
    let mut out = Vec::with_capacity(rows.len());
    for (r, input) in rows {
        let existing = catalog::find_by_no(conn, &input.part_no)?.map(|p| p.id);
        out.push((r, input, existing));
    }
    if out.is_empty() && problems.is_empty() {
        problems.push(Problem::row(&t.sheet, t.header_row, "文件中没有配件数据"));
    }
    Ok((out, problems))
}

/// Checks a catalogue file and says what importing it would do. Writes nothing.
pub fn preview(conn: &Connection, path: &Path) -> AppResult<CatalogPreview> {
    let (rows, problems) = plan(conn, path)?;
    let new_count = rows.iter().filter(|(_, _, e)| e.is_none()).count();
    Ok(CatalogPreview {
        file: path.display().to_string(),
        update_count: rows.len() - new_count,
        new_count,
        rows: rows
            .iter()
            .take(500)
            .map(|(r, i, e)| PreviewRow {
                row: *r,
                part_no: normalize_part_no(&i.part_no),
                name: i.name.trim().to_string(),
                action: if e.is_some() { "更新" } else { "新增" },
            })
            .collect(),
        problems,
    })
}

/// What an import wrote.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CatalogImported {
    pub created: usize,
    pub updated: usize,
}

/// Imports a catalogue file: all rows in one transaction, or nothing.
pub fn apply(store: &mut Store, path: &Path) -> AppResult<CatalogImported> {
    let tx = store
        .conn_mut()
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let (rows, problems) = plan(&tx, path)?;
    if !problems.is_empty() {
        let mut e = AppError::from_problems(ErrorCode::Import, problems);
        e.message = format!("导入未执行，没有任何配件被写入。{}", e.message);
        return Err(e);
    }
    let done = upsert(&tx, rows.into_iter().map(|(_, input, _)| input))?;
    tx.commit()?;
    Ok(done)
}

/// Writes checked catalogue rows inside the caller's transaction: a known
/// part number updates that part's catalogue fields, a new one is added.
/// Used by this import and by the data-exchange workbook.
pub fn upsert(conn: &Connection, inputs: impl IntoIterator<Item = PartInput>) -> AppResult<CatalogImported> {
    let (mut created, mut updated) = (0, 0);
    for input in inputs {
        match catalog::find_by_no(conn, &input.part_no)? {
            Some(p) => {
                // counted only when something changed (an identical row
                // re-imported is no update)
                let before = catalog_row(&p);
                catalog::update(conn, p.id, &input)?;
                if catalog::find_by_no(conn, &input.part_no)?.map(|q| catalog_row(&q)) != Some(before) {
                    updated += 1;
                }
            }
            None => {
                catalog::create(conn, &input)?;
                created += 1;
            }
        }
    }
    Ok(CatalogImported { created, updated })
}

/// Writes the whole catalogue (or the given parts) as an .xlsx file.
pub fn export(path: &Path, parts: &[Part]) -> AppResult<()> {
    let rows: Vec<Vec<String>> = parts.iter().map(catalog_row).collect();
    sheet::write_table(path, "配件目录", CATALOG_COLUMNS, &rows)
}

/// Writes a stock list (the parts on screen, with their stock) as .xlsx.
pub fn export_stock_list(path: &Path, parts: &[Part]) -> AppResult<()> {
    let mut cols: Vec<(&str, u16)> = CATALOG_COLUMNS.to_vec();
    cols.extend([("库存数量", 9), ("平均成本", 10), ("库存金额", 12), ("最近动销", 12)]);
    let rows: Vec<Vec<String>> = parts
        .iter()
        .map(|p| {
            let mut r = catalog_row(p);
            r.extend([
                p.on_hand.to_string(),
                p.average_cost.to_string(),
                p.stock_value.to_string(),
                p.last_issue_on.clone().unwrap_or_default(),
            ]);
            r
        })
        .collect();
    sheet::write_table(path, "库存", &cols, &rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_csv(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    const HEAD: &str = "配件编号,配件名称,适用车型,单位,类别,机油,进货价,限价,库位,最低库存,最高库存,在用\n";

    #[test]
    fn preview_then_apply_creates_and_updates_in_one_go() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open_in_memory().unwrap();
        catalog::create(
            s.conn(),
            &PartInput {
                part_no: "A-1".into(),
                name: "旧名字".into(),
                cost_price: "1".into(),
                retail_price: "2".into(),
                active: true,
                ..Default::default()
            },
        )
        .unwrap();
        let f = write_csv(
            dir.path(),
            "c.csv",
            &format!("{HEAD}a-1,机油滤清器,HJ125-7,个,滤清器,否,8.50,12,A-01,5,30,是\n\nB-2,机油 SJ 1L,通用,瓶,油品,是,25,38,,24,120,\n"),
        );
        let p = preview(s.conn(), &f).unwrap();
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!((p.new_count, p.update_count), (1, 1));
        assert_eq!(
            p.rows[0],
            PreviewRow {
                row: 2,
                part_no: "A-1".into(),
                name: "机油滤清器".into(),
                action: "更新"
            }
        );
        assert_eq!(p.rows[1].row, 4, "the blank line keeps its number");
        // the preview wrote nothing
        assert_eq!(catalog::find_by_no(s.conn(), "A-1").unwrap().unwrap().name, "旧名字");
        assert_eq!(apply(&mut s, &f).unwrap(), CatalogImported { created: 1, updated: 1 });
        let oil = catalog::find_by_no(s.conn(), "B-2").unwrap().unwrap();
        assert!(oil.is_engine_oil && oil.active);
        assert_eq!(oil.retail_price.to_string(), "38.00");
        // and export → import of the result changes nothing, and says so
        let x = dir.path().join("out.xlsx");
        export(&x, &all_parts(s.conn()).unwrap()).unwrap();
        assert_eq!(apply(&mut s, &x).unwrap(), CatalogImported { created: 0, updated: 0 });
    }

    #[test]
    fn every_bad_row_is_listed_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open_in_memory().unwrap();
        let f = write_csv(
            dir.path(),
            "bad.csv",
            &format!(
                "{HEAD}A-1,机油滤清器,,,,,8.50,12,,,,\n\
                 A-1,重复的,,,,,1,2,,,,\n\
                 B-2,,,,,,abc,12.345,,,,\n\
                 C-3,火花塞,,,,也许,5,8,,五,,\n"
            ),
        );
        let e = apply(&mut s, &f).unwrap_err();
        assert_eq!(e.code, ErrorCode::Import);
        let lines: Vec<String> = e.problems.iter().map(Problem::describe).collect();
        assert_eq!(
            lines,
            vec![
                "工作表「CSV」第 3 行：配件编号「A-1」与第 2 行重复",
                "工作表「CSV」第 4 行：请填写配件名称；进货价：「abc」不是有效的金额；限价：金额最多保留两位小数（精确到分）",
                "工作表「CSV」第 5 行：机油：「也许」应填 是 或 否；最低库存须为整数，「五」不是整数",
            ]
        );
        let n: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM part", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }

    #[test]
    fn wrong_columns_formulas_and_empty_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open_in_memory().unwrap();
        let f = write_csv(dir.path(), "cols.csv", "编号,名称,价格\nA-1,x,1\n");
        let p = preview(s.conn(), &f).unwrap();
        let msgs: Vec<&str> = p.problems.iter().map(|x| x.message.as_str()).collect();
        assert_eq!(
            msgs,
            vec![
                "缺少列「配件编号」",
                "缺少列「配件名称」",
                "缺少列「进货价」",
                "缺少列「限价」",
                "不认识的列「编号」",
                "不认识的列「名称」",
                "不认识的列「价格」"
            ]
        );
        let f = write_csv(dir.path(), "empty.csv", HEAD);
        assert_eq!(preview(s.conn(), &f).unwrap().problems[0].message, "文件中没有配件数据");

        let x = dir.path().join("f.xlsx");
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for (i, h) in ["配件编号", "配件名称", "进货价", "限价"].iter().enumerate() {
            ws.write_string(0, i as u16, *h).unwrap();
        }
        ws.write_string(1, 0, "A-1").unwrap();
        ws.write_string(1, 1, "机油滤清器").unwrap();
        ws.write_formula(1, 2, "=4+4.5").unwrap();
        ws.write_string(1, 3, "12").unwrap();
        wb.save(&x).unwrap();
        let p = preview(s.conn(), &x).unwrap();
        assert_eq!(
            p.problems[0].describe(),
            "工作表「Sheet1」第 2 行：单元格是公式，请改为直接填写的值"
        );
    }
}
