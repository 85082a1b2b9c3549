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

pub mod records;
pub mod sheets;

use calamine::Reader;
use rust_xlsxwriter::Workbook;
use serde::Serialize;

use rusqlite::OptionalExtension;

use crate::dates;
use crate::error::{AppError, AppResult, ErrorCode, Problem};
use crate::parts;
use crate::settings::{self, SettingsInput, SETTINGS};
use crate::sheet::{self, Table};
use crate::store::Store;

/// The layout version written into the 说明 sheet.
/// 2: the records of the shop's work (repairs, follow-ups, inspections,
/// claims, sub-dealer orders, fee batches, stocktakes, 5S) are imported too;
/// in a version-1 workbook those sheets were for reading and are passed over.
pub const FORMAT_VERSION: u32 = 2;
/// Files larger than this are refused before they are opened. The 附件
/// sheet carries attachments (10 MB each at most) as base64, which makes a
/// workbook about as large as its files; 200 MB leaves room for a shop's
/// scanned bulletins and claim photos, and unpacks within the 512 MB limit.
pub const MAX_IMPORT_BYTES: u64 = 200 * 1024 * 1024;

pub const SHEET_ABOUT: &str = "说明";
pub const SHEET_SETTINGS: &str = "店铺设置";
pub const SHEET_CATALOG: &str = "配件目录";
/// 出入库: the stock ledger. Rows whose 编号 this shop already holds (the
/// same movement) are skipped; the others are posted through the ledger's
/// own rules, in file order (see docs/data-exchange.md).
pub const SHEET_LEDGER: &str = "出入库";
pub const SHEET_CUSTOMERS: &str = crate::customers::import::SHEET;
pub const SHEET_SALES: &str = "整车销售";
/// 人员名册: imported (a person already on the roster — same name and
/// phone — is skipped) and exported.
pub const SHEET_STAFF: &str = "人员名册";
/// The sheets a version-1 workbook held for reading only; passed over when
/// importing one.
const V1_READ_ONLY: &[&str] = &[
    "维修单",
    "回访记录",
    "点检记录",
    "三包索赔",
    "三包旧件",
    "5S检查",
    "5S问题",
];
/// Excel's last row is 1,048,576: a sheet holds the header and this many
/// rows, and a longer table continues on 「出入库(2)」, 「出入库(3)」….
pub const MAX_SHEET_ROWS: usize = 1_048_575;
/// At most this many problems are listed; the rest are counted.
const MAX_LISTED_PROBLEMS: usize = 200;

/// What an import wrote.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    /// (sheet, records written)
    pub sheets: Vec<(String, usize)>,
}

/// Writes the whole shop to `out` (.xlsx).
pub fn export(store: &Store, out: &Path) -> AppResult<()> {
    export_split(store, out, MAX_SHEET_ROWS)
}

/// [`export`] with the ledger split every `per_sheet` movements.
fn export_split(store: &Store, out: &Path, per_sheet: usize) -> AppResult<()> {
    let s = settings::load(store.conn())?.unwrap_or_default();
    let mut wb = Workbook::new();
    // the large sheets go row by row through temp files beside the output
    // (same disk, removed when done), not through memory
    if let Some(dir) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        wb.set_tempdir(dir).map_err(sheet::xlsx_err)?;
    }
    let exported = crate::dates::now().format("%Y-%m-%d %H:%M").to_string();
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
    let rows: Vec<Vec<String>> = SETTINGS
        .iter()
        .map(|r| vec![r.row.to_string(), r.cell_text(&s), r.note.to_string()])
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
    let c = store.conn();
    export_ledger(&mut wb, c, per_sheet)?;
    {
        let ws = sheet::add_streamed_sheet(&mut wb, SHEET_CUSTOMERS, crate::customers::import::COLUMNS)?;
        let mut at = 0u32;
        crate::customers::import::for_each_row(c, |row| {
            at += 1;
            for (i, v) in row.iter().enumerate() {
                ws.write_string(at, i as u16, v).map_err(sheet::xlsx_err)?;
            }
            Ok(())
        })?;
    }
    sheet::add_sheet(&mut wb, SHEET_SALES, SALES_COLUMNS, &query_rows(c, SALES_SQL)?)?;
    sheet::add_sheet(&mut wb, SHEET_STAFF, STAFF_COLUMNS, &query_rows(c, STAFF_SQL)?)?;
    for spec in sheets::SHEETS {
        let ws = sheet::add_streamed_sheet(&mut wb, spec.name, spec.columns)?;
        let mut st = c.prepare(&(spec.export_sql)())?;
        let n = st.column_count();
        let mut rows = st.query([])?;
        let mut at = 0u32;
        while let Some(r) = rows.next()? {
            at += 1;
            if at as usize > MAX_SHEET_ROWS {
                return Err(AppError::new(
                    ErrorCode::Validation,
                    format!(
                        "「{}」超过 Excel 一个工作表的行数上限（1,048,576 行），无法导出",
                        spec.name
                    ),
                ));
            }
            for i in 0..n {
                ws.write_string(at, i as u16, r.get_ref(i)?.as_str().map_err(rusqlite::Error::from)?)
                    .map_err(sheet::xlsx_err)?;
            }
        }
    }
    crate::sheet::save_workbook(&mut wb, out)
}

/// The ledger, in posting order, streamed: a sheet holds up to
/// [`MAX_SHEET_ROWS`] movements and the rest continue on 出入库(2), 出入库(3)….
fn export_ledger(wb: &mut Workbook, conn: &rusqlite::Connection, per_sheet: usize) -> AppResult<()> {
    let columns = parts::ledger::ledger_columns();
    let mut st = conn.prepare(parts::ledger::LEDGER_SQL)?;
    let mut rows = st.query([])?;
    let mut sheet_no = 1;
    let mut ws = sheet::add_streamed_sheet(wb, SHEET_LEDGER, &columns)?;
    let mut at = 0usize;
    while let Some(r) = rows.next()? {
        if at == per_sheet {
            sheet_no += 1;
            ws = sheet::add_streamed_sheet(wb, &ledger_continuation(sheet_no), &columns)?;
            at = 0;
        }
        at += 1;
        for (i, v) in parts::ledger::ledger_cells(r)?.iter().enumerate() {
            ws.write_string(at as u32, i as u16, v).map_err(sheet::xlsx_err)?;
        }
    }
    Ok(())
}

const STAFF_COLUMNS: &[(&str, u16)] = &[
    ("姓名", 10),
    ("手机", 14),
    ("入职日期", 12),
    ("在岗", 6),
    ("岗位", 14),
    ("备注", 24),
];
const STAFF_SQL: &str = "SELECT s.name, s.phone, coalesce(s.hired_on, ''), CASE s.active WHEN 1 THEN '是' ELSE '否' END,
        coalesce((SELECT group_concat(post_code, ' ') FROM (SELECT post_code FROM staff_post WHERE staff_id = s.id ORDER BY post_code)), ''),
        s.note
    FROM staff s ORDER BY s.id";

const SALES_COLUMNS: &[(&str, u16)] = &[("月份", 10), ("整车销售数量", 12), ("整车销售金额", 14)];
const SALES_SQL: &str = "SELECT month, CAST(units AS TEXT), printf('%d.%02d', amount_fen / 100, amount_fen % 100)
    FROM vehicle_sales_month ORDER BY month";

/// Rows of text from a query whose columns are all text.
pub(crate) fn query_rows(conn: &rusqlite::Connection, sql: &str) -> AppResult<Vec<Vec<String>>> {
    let mut st = conn.prepare(sql)?;
    let n = st.column_count();
    let rows = st
        .query_map([], |r| {
            (0..n).map(|i| r.get::<_, String>(i)).collect::<Result<Vec<_>, _>>()
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The whole ledger in posting order.
#[cfg(test)]
fn ledger_rows(conn: &rusqlite::Connection) -> AppResult<Vec<Vec<String>>> {
    let mut st = conn.prepare(parts::ledger::LEDGER_SQL)?;
    let rows = st
        .query_map([], parts::ledger::ledger_cells)?
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
        let Some(def) = SETTINGS
            .iter()
            .find(|d| d.row == label || d.former_rows.contains(&label))
        else {
            problems.push(Problem::row(sheet, *r, format!("不认识的项目「{label}」")));
            continue;
        };
        if let Some(prev) = seen.insert(def.key, *r) {
            problems.push(Problem::row(sheet, *r, format!("项目「{label}」与第 {prev} 行重复")));
            continue;
        }
        if let Some(slot) = input.slot(def.key) {
            *slot = value.to_string();
        }
    }
    for def in SETTINGS {
        if seen.contains_key(def.key) {
            continue;
        }
        match (def.missing, input.slot(def.key)) {
            (Some(v), Some(slot)) => *slot = v.to_string(),
            _ => problems.push(Problem::row(sheet, hrow, format!("缺少项目「{}」", def.row))),
        }
    }
    Some((input, seen))
}

/// How far an import has got, for the window's progress bar: reading the
/// sheets is the first half, checking and writing them the second.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    /// 0–100
    pub percent: u8,
    /// 读取「出入库」, 写入「客户车辆」, 保存
    pub text: String,
}

/// Counts an import's steps into [`ImportProgress`] reports.
struct Meter<'a> {
    sink: &'a mut dyn FnMut(ImportProgress),
    names: Vec<String>,
    read: usize,
    writes: usize,
    written: usize,
}

impl Meter<'_> {
    /// Reads sheet `name` (None when the workbook has none), reporting it.
    fn table<RS: std::io::Read + std::io::Seek>(
        &mut self,
        wb: &mut calamine::Sheets<RS>,
        name: &str,
    ) -> AppResult<Option<Table>> {
        if self.names.iter().any(|n| n == name) {
            self.read += 1;
            let percent = 50 * self.read.min(self.names.len()) / self.names.len().max(1);
            (self.sink)(ImportProgress {
                percent: percent as u8,
                text: format!("读取「{name}」"),
            });
        }
        sheet::workbook_table(wb, name)
    }

    /// Reports the next step of the writing half.
    fn writing(&mut self, text: String) {
        self.written += 1;
        let percent = 50 + 49 * self.written.min(self.writes) / self.writes.max(1);
        (self.sink)(ImportProgress {
            percent: percent as u8,
            text,
        });
    }
}

/// Imports a data-exchange workbook. Every problem in every sheet is listed
/// (sheet, row, reason); if there is any, nothing is written.
pub fn import(store: &mut Store, input: &Path) -> AppResult<ImportSummary> {
    import_with(store, input, &mut |_| {})
}

/// [`import`], telling `progress` how far it has got (about one report per
/// sheet read and per sheet written; 100 when it is saved).
pub fn import_with(
    store: &mut Store,
    input: &Path,
    progress: &mut dyn FnMut(ImportProgress),
) -> AppResult<ImportSummary> {
    let mut wb = sheet::open_workbook(input, MAX_IMPORT_BYTES)?;
    let names = wb.sheet_names().to_vec();
    let mut meter = Meter {
        sink: progress,
        names: names.clone(),
        read: 0,
        writes: 1,
        written: 0,
    };
    let mut problems = Vec::new();
    // a workbook without the 说明 sheet (made by hand) is read as the
    // current version
    let mut version = FORMAT_VERSION;
    if let Some(about) = meter.table(&mut wb, SHEET_ABOUT)? {
        for (r, cells) in &about.rows {
            if cells.first().map(String::as_str) == Some("格式版本") {
                let v = cells.get(1).cloned().unwrap_or_default();
                match v.parse::<u32>() {
                    Ok(n) if n <= FORMAT_VERSION => version = n,
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
    if let Some(t) = meter.table(&mut wb, SHEET_SETTINGS)? {
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
    if let Some(t) = meter.table(&mut wb, SHEET_CATALOG)? {
        catalog_rows = parts::import::parse_table(&t, &mut problems);
    }

    // 出入库 and its continuations 出入库(2), 出入库(3)…, in order
    let mut ledger_tables = Vec::new();
    for name in ledger_sheet_names(&names) {
        if let Some(t) = meter.table(&mut wb, &name)? {
            let required: Vec<&str> = LEDGER_REQUIRED.to_vec();
            let optional: Vec<&str> = parts::ledger::ledger_columns()
                .iter()
                .map(|(h, _)| *h)
                .filter(|h| !required.contains(h))
                .collect();
            sheet::check_headers(&t, &required, &optional, &mut problems);
            ledger_tables.push(t);
        }
    }

    // the records of the shop's work (from version 2 on)
    let mut record_tables: Vec<(&records::RecordSheet, sheet::Table)> = Vec::new();
    if version >= 2 {
        for spec in sheets::SHEETS {
            if let Some(t) = meter.table(&mut wb, spec.name)? {
                if !t.rows.is_empty() {
                    record_tables.push((*spec, t));
                }
            }
        }
    }

    let customers_table = meter.table(&mut wb, SHEET_CUSTOMERS)?;
    let mut sales_rows: Vec<(u32, crate::customers::sales::SalesInput)> = Vec::new();
    if let Some(t) = meter.table(&mut wb, SHEET_SALES)? {
        let cols: Vec<&str> = SALES_COLUMNS.iter().map(|(h, _)| *h).collect();
        let before = problems.len();
        sheet::check_headers(&t, &cols, &[], &mut problems);
        if problems.len() == before {
            // one row per month: a second row for the same month would
            // silently replace the first
            let mut seen: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
            for (r, cells) in &t.rows {
                let at = |i: usize| cells.get(i).cloned().unwrap_or_default();
                let month = crate::dates::Month::parse(&at(0))
                    .map(|m| m.iso())
                    .unwrap_or_else(|_| at(0));
                if let Some(first) = seen.insert(month.clone(), *r) {
                    problems.push(Problem::row(
                        SHEET_SALES,
                        *r,
                        format!("月份 {month} 与第 {first} 行重复，每个月只能有一行"),
                    ));
                    continue;
                }
                sales_rows.push((
                    *r,
                    crate::customers::sales::SalesInput {
                        month: at(0),
                        units: at(1),
                        amount: at(2),
                    },
                ));
            }
        }
    }

    // (row, input, a problem found reading it); checked together with the
    // roster's own rules inside the transaction so every bad row is listed
    let mut staff_rows: Vec<(u32, crate::staff::roster::StaffInput, Option<String>)> = Vec::new();
    if let Some(t) = meter.table(&mut wb, SHEET_STAFF)? {
        let before = problems.len();
        sheet::check_headers(
            &t,
            &["姓名"],
            &["手机", "入职日期", "在岗", "岗位", "备注"],
            &mut problems,
        );
        if problems.len() == before {
            let col = |h: &str| t.headers.iter().position(|x| x == h);
            let (name, phone, hired, active, posts, note) = (
                col("姓名"),
                col("手机"),
                col("入职日期"),
                col("在岗"),
                col("岗位"),
                col("备注"),
            );
            for (r, cells) in &t.rows {
                let at = |i: Option<usize>| i.and_then(|i| cells.get(i)).cloned().unwrap_or_default();
                let act = at(active);
                let act = act.trim();
                let bad = (!["", "是", "否"].contains(&act)).then(|| format!("「在岗」应填是或否，不是「{act}」"));
                staff_rows.push((
                    *r,
                    crate::staff::roster::StaffInput {
                        name: at(name),
                        phone: at(phone),
                        hired_on: at(hired),
                        active: act != "否",
                        note: at(note),
                        posts: at(posts)
                            .split(|c: char| c.is_whitespace() || c == ',' || c == '，' || c == '、' || c == '/')
                            .filter(|p| !p.is_empty())
                            .map(|p| p.to_uppercase())
                            .collect(),
                        // accounts are not in the workbook: no one gets a password from a file
                        account_role: None,
                        password: String::new(),
                    },
                    bad,
                ));
            }
        }
    }

    let mut known = vec![
        SHEET_ABOUT,
        SHEET_SETTINGS,
        SHEET_CATALOG,
        SHEET_CUSTOMERS,
        SHEET_SALES,
        SHEET_STAFF,
    ];
    known.extend(sheets::SHEETS.iter().map(|s| s.name));
    let ledgers = ledger_sheet_names(&names);
    for n in &names {
        let passed_over = version < 2 && V1_READ_ONLY.contains(&n.as_str());
        if !known.contains(&n.as_str()) && !ledgers.contains(n) && !passed_over {
            problems.push(Problem {
                field: None,
                sheet: Some(n.clone()),
                row: None,
                message: format!("不认识的工作表（可导入的工作表：{}、出入库）", known[1..].join("、")),
            });
        }
    }
    // a shop's records need the shop: into a data file that has no settings
    // yet, the workbook must bring them
    if new_settings.is_none() && !names.iter().any(|n| n == SHEET_SETTINGS) && settings::load(store.conn())?.is_none() {
        problems.push(Problem {
            field: None,
            sheet: Some(SHEET_SETTINGS.into()),
            row: None,
            message: "这个数据文件还没有店铺设置，工作簿必须带「店铺设置」工作表才能导入".into(),
        });
    }
    let has_ledger = ledger_tables.iter().any(|t| !t.rows.is_empty());
    let has_customers = customers_table.as_ref().is_some_and(|t| !t.rows.is_empty());
    if new_settings.is_none()
        && catalog_rows.is_empty()
        && !has_ledger
        && !has_customers
        && sales_rows.is_empty()
        && staff_rows.is_empty()
        && record_tables.is_empty()
        && problems.is_empty()
    {
        problems.push(Problem {
            field: None,
            sheet: None,
            row: None,
            message: "文件中没有可导入的工作表（应有「店铺设置」「配件目录」或「出入库」）".into(),
        });
    }
    if !problems.is_empty() {
        return Err(refused(problems));
    }

    let mut summary = ImportSummary { sheets: Vec::new() };
    let tx = store
        .conn_mut()
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // each sheet's count is what it changed: an identical row is no write
    if let Some(s) = new_settings {
        let changed = settings::load(&tx)?.as_ref() != Some(&s);
        settings::save(&tx, s)?;
        summary.sheets.push((SHEET_SETTINGS.to_string(), usize::from(changed)));
    }
    if !catalog_rows.is_empty() {
        let done = parts::import::upsert(&tx, catalog_rows.into_iter().map(|(_, input)| input))?;
        summary
            .sheets
            .push((SHEET_CATALOG.to_string(), done.created + done.updated));
    }
    // file 编号 → this shop's movement id, for the ledger's reversals and
    // for the records that name their movements
    let mut movement_ids = LedgerIds::default();
    // the writing half: each ledger sheet, each record sheet, the customers,
    // sales, roster, and the save
    meter.writes = ledger_tables.len() + record_tables.len() + 4;
    if has_ledger {
        // the ledger is checked by posting it: each row depends on the stock
        // the rows before it left, so the checks run inside the transaction,
        // which is dropped (rolled back) on any problem
        let mut posted = 0;
        for t in &ledger_tables {
            meter.writing(format!("写入「{}」", t.sheet));
            posted += import_ledger(&tx, t, &mut movement_ids, &mut problems, dates::today())?;
        }
        if !problems.is_empty() {
            return Err(refused(problems));
        }
        summary.sheets.push((SHEET_LEDGER.to_string(), posted));
    }
    // the outlets before the vehicles, which name the outlet that sold them
    if let Some(pos) = record_tables
        .iter()
        .position(|(s, _)| s.name == crate::network::sheets::DEALERS.name)
    {
        let (spec, t) = record_tables.remove(pos);
        meter.writing(format!("写入「{}」", spec.name));
        let mut ctx = records::Ctx::new(&tx, dates::today(), &movement_ids.map);
        let n = records::import_sheet(&mut ctx, spec, &t, &mut problems)?;
        if !problems.is_empty() {
            return Err(refused(problems));
        }
        summary.sheets.push((spec.name.to_string(), n));
    }
    meter.writing(format!("写入「{SHEET_CUSTOMERS}」"));
    if let Some(t) = customers_table.filter(|t| !t.rows.is_empty()) {
        let mut out = crate::customers::import::CustomerImport::default();
        crate::customers::import::import_table(&tx, &t, dates::today(), &mut out)?;
        if !out.problems.is_empty() {
            problems.extend(out.problems);
            return Err(refused(problems));
        }
        summary
            .sheets
            .push((SHEET_CUSTOMERS.to_string(), out.new_customers + out.new_vehicles));
    }
    if !sales_rows.is_empty() {
        let before = query_rows(&tx, SALES_SQL)?;
        for (r, input) in sales_rows {
            // a month as this shop has it already is no write (and a closed
            // month's figures could not be written again)
            let as_exported = vec![
                crate::dates::Month::parse(&input.month)
                    .map(|m| m.iso())
                    .unwrap_or_default(),
                input.units.trim().to_string(),
                input.amount.trim().to_string(),
            ];
            if before.contains(&as_exported) {
                continue;
            }
            if let Err(e) = crate::customers::sales::set_in(&tx, &input, dates::today()) {
                problems.push(Problem::row(SHEET_SALES, r, e.row_message(|_| "")));
            }
        }
        if !problems.is_empty() {
            return Err(refused(problems));
        }
        let after = query_rows(&tx, SALES_SQL)?;
        let n = after.iter().filter(|r| !before.contains(r)).count();
        summary.sheets.push((SHEET_SALES.to_string(), n));
    }
    if !staff_rows.is_empty() {
        let mut n = 0;
        for (r, input, bad) in staff_rows {
            if let Some(m) = bad {
                problems.push(Problem::row(SHEET_STAFF, r, m));
                continue;
            }
            // a person already on the roster (same name and phone) is skipped
            let phone: String = input
                .phone
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .collect();
            let known: Option<i64> = tx
                .query_row(
                    "SELECT id FROM staff WHERE name = ?1 AND phone = ?2",
                    rusqlite::params![input.name.trim(), phone],
                    |r| r.get(0),
                )
                .optional()?;
            if known.is_some() {
                continue;
            }
            match crate::staff::roster::save_in(&tx, None, &input, dates::today()) {
                Ok(_) => n += 1,
                Err(e) => {
                    problems.push(Problem::row(SHEET_STAFF, r, e.row_message(|_| "")));
                }
            }
        }
        if !problems.is_empty() {
            return Err(refused(problems));
        }
        summary.sheets.push((SHEET_STAFF.to_string(), n));
    }
    if !record_tables.is_empty() {
        let mut ctx = records::Ctx::new(&tx, dates::today(), &movement_ids.map);
        for (spec, t) in &record_tables {
            meter.writing(format!("写入「{}」", spec.name));
            let n = records::import_sheet(&mut ctx, spec, t, &mut problems)?;
            summary.sheets.push((spec.name.to_string(), n));
        }
        crate::parts::sheets::check_dealer_orders(&ctx, &mut problems)?;
        crate::staff::sheets::finish_appraisals(&ctx)?;
        sheets::check_attachments(&ctx, &mut problems);
        if !problems.is_empty() {
            return Err(refused(problems));
        }
    }
    meter.writing("保存".to_string());
    tx.commit()?;
    (meter.sink)(ImportProgress {
        percent: 100,
        text: "已导入".to_string(),
    });
    Ok(summary)
}

/// The error of a refused import: every problem (up to a limit) and the
/// assurance that nothing was written.
fn refused(mut problems: Vec<Problem>) -> AppError {
    let total = problems.len();
    if total > MAX_LISTED_PROBLEMS {
        problems.truncate(MAX_LISTED_PROBLEMS);
        problems.push(Problem {
            field: None,
            sheet: None,
            row: None,
            message: format!("另有 {} 处问题未列出；请先改正以上问题", total - MAX_LISTED_PROBLEMS),
        });
    }
    let mut err = AppError::from_problems(ErrorCode::Import, problems);
    err.message = if total == 1 {
        format!("导入未执行，文件中没有任何数据被写入。{}", err.message)
    } else {
        let first = err.problems.first().map(Problem::describe).unwrap_or_default();
        format!("导入未执行，文件中没有任何数据被写入。共 {total} 处错误，第一处：{first}")
    };
    err
}

/// 出入库 and its continuations (出入库(2), 出入库(3)…) among a workbook's
/// sheets, in order.
fn ledger_sheet_names(names: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    if names.iter().any(|n| n == SHEET_LEDGER) {
        out.push(SHEET_LEDGER.to_string());
        for i in 2.. {
            let n = ledger_continuation(i);
            if !names.contains(&n) {
                break;
            }
            out.push(n);
        }
    }
    out
}

/// The name of the ledger's `i`th sheet (i ≥ 2).
fn ledger_continuation(i: usize) -> String {
    format!("{SHEET_LEDGER}({i})")
}

/// The ledger's 编号 as the import maps them.
#[derive(Default)]
struct LedgerIds {
    /// file 编号 → this shop's movement id
    map: HashMap<i64, i64>,
    /// every 编号 the file has used so far
    seen: std::collections::HashSet<i64>,
    /// ids this import gave new movements: a file 编号 equal to one of
    /// them is not "this shop's movement" but a clash
    assigned: std::collections::HashSet<i64>,
}

const LEDGER_REQUIRED: &[&str] = &["日期", "配件编号", "类型", "数量变动"];

/// Posts the 出入库 sheet inside `tx`, row by row in file order. A row whose
/// 编号 is already in this shop must be that same movement and is skipped
/// (so a workbook exported from this shop can be imported again); any other
/// row is posted through the ledger's rules: the part must exist and be
/// active, the date in order and not in the future, stock never below zero.
/// An inflow keeps the value it was booked with (金额变动); an issue is
/// valued at this shop's book cost. A 冲销编号 reverses that movement (of
/// this shop, or of an earlier row of the file). Returns the rows posted.
fn import_ledger(
    tx: &rusqlite::Connection,
    t: &Table,
    ids: &mut LedgerIds,
    problems: &mut Vec<Problem>,
    today: chrono::NaiveDate,
) -> AppResult<usize> {
    use parts::ledger::{self, MovementInput, MovementKind};
    let sheet = t.sheet.as_str();
    let col = |name: &str| t.col(name);
    let (c_id, c_date, c_no, c_kind, c_delta) =
        (col("编号"), col("日期"), col("配件编号"), col("类型"), col("数量变动"));
    let (c_value, c_cash, c_balance, c_op, c_note, c_rev) = (
        col("金额变动"),
        col("实收金额"),
        col("结存数量"),
        col("经办人"),
        col("备注"),
        col("冲销编号"),
    );
    let cell = |cells: &Vec<String>, c: Option<usize>| -> String {
        c.and_then(|i| cells.get(i))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let mut posted = 0usize;
    for (r, cells) in &t.rows {
        let r = *r;
        let mut bad = |m: String| problems.push(Problem::row(sheet, r, m));
        let file_id = match cell(cells, c_id) {
            v if v.is_empty() => None,
            v => match v.parse::<i64>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    bad(format!("编号「{v}」应为正整数，或留空表示新记录"));
                    continue;
                }
            },
        };
        let kind_text = cell(cells, c_kind);
        let Some(kind) = MovementKind::ALL
            .into_iter()
            .find(|k| k.label() == kind_text || k.code() == kind_text)
        else {
            bad(format!(
                "类型「{kind_text}」不认识（应为 {}）",
                MovementKind::ALL.map(|k| k.label()).join("、")
            ));
            continue;
        };
        let delta_text = cell(cells, c_delta);
        let delta = match delta_text.parse::<i64>() {
            Ok(d) if d != 0 => d,
            _ => {
                bad(format!("数量变动「{delta_text}」应为非零整数（入库为正，出库为负）"));
                continue;
            }
        };
        let rev_text = cell(cells, c_rev);
        let reverses = match rev_text.as_str() {
            "" => None,
            v => match v.parse::<i64>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    bad(format!("冲销编号「{v}」应为正整数"));
                    continue;
                }
            },
        };
        let inflow = delta > 0;
        if reverses.is_none() && inflow != kind.is_inflow() {
            bad(format!(
                "{}的数量变动应为{}数，文件中是 {delta}",
                kind.label(),
                if kind.is_inflow() { "正" } else { "负" }
            ));
            continue;
        }
        let date = cell(cells, c_date);
        let part_no = parts::catalog::normalize_part_no(&cell(cells, c_no));
        if let Some(id) = file_id {
            if !ids.seen.insert(id) {
                bad(format!("编号 {id} 在文件中出现了两次"));
                continue;
            }
            if ids.assigned.contains(&id) {
                bad(format!(
                    "编号 {id} 与本次导入刚记入的一笔出入库的编号相同；请清空「编号」，作为新记录追加"
                ));
                continue;
            }
            let existing: Option<(String, String, String, i64)> = tx
                .query_row(
                    "SELECT m.moved_on, p.part_no, m.kind, m.delta FROM stock_movement m
                     JOIN part p ON p.id = m.part_id WHERE m.id = ?1",
                    [id],
                    |x| Ok((x.get(0)?, x.get(1)?, x.get(2)?, x.get(3)?)),
                )
                .optional()?;
            if let Some((d, no, k, dl)) = existing {
                if d == date && no == part_no && k == kind.code() && dl == delta {
                    ids.map.insert(id, id);
                } else {
                    bad(format!(
                        "编号 {id} 在本店已有另一笔出入库（{d} {no} {} {dl}）；如要作为新记录追加，请清空「编号」",
                        MovementKind::from_code(&k).map(|k| k.label()).unwrap_or("")
                    ));
                }
                continue;
            }
        }
        let operator = match cell(cells, c_op) {
            v if v.is_empty() => "导入".to_string(),
            v => v,
        };
        let note = cell(cells, c_note);
        let result = if let Some(orig) = reverses {
            let target = match ids.map.get(&orig) {
                Some(&t) => Some(t),
                // a movement of this shop the file does not list
                None if !ids.assigned.contains(&orig) => tx
                    .query_row("SELECT id FROM stock_movement WHERE id = ?1", [orig], |r| r.get(0))
                    .optional()?,
                None => None,
            };
            let Some(target) = target else {
                bad(format!("冲销编号 {orig} 不在本店，也不在文件中它之前的行"));
                continue;
            };
            let d = match dates::parse_date("date", &date) {
                Ok(d) => d,
                Err(e) => {
                    bad(e.message);
                    continue;
                }
            };
            let note = note
                .split_once('：')
                .map(|(_, n)| n.to_string())
                .unwrap_or(note.clone());
            ledger::reverse_in(tx, target, &operator, &note, d)
        } else {
            let value_text = cell(cells, c_value);
            let inflow_value = if inflow && !value_text.is_empty() {
                match value_text.parse::<crate::Money>() {
                    Ok(v) if !v.is_negative() => Some(v),
                    Ok(_) => {
                        bad(format!("{}的金额变动不能为负数", kind.label()));
                        continue;
                    }
                    Err(e) => {
                        bad(format!("金额变动：{}", e.0));
                        continue;
                    }
                }
            } else {
                None
            };
            let input = MovementInput {
                part_no: part_no.clone(),
                kind: kind.code().to_string(),
                qty: delta.abs().to_string(),
                date: date.clone(),
                unit_cost: String::new(),
                cash: if matches!(kind, MovementKind::Sale | MovementKind::Dealer) {
                    cell(cells, c_cash)
                } else {
                    String::new()
                },
                operator,
                note,
            };
            ledger::post_imported(tx, &input, inflow_value, today)
        };
        match result {
            Ok(m) => {
                let balance = cell(cells, c_balance);
                if !balance.is_empty() && balance != m.balance_qty.to_string() {
                    bad(format!(
                        "记账后结存数量为 {}，文件中是 {balance}；文件与本店的出入库顺序不一致",
                        m.balance_qty
                    ));
                }
                if let Some(id) = file_id {
                    ids.map.insert(id, m.id);
                }
                ids.assigned.insert(m.id);
                posted += 1;
            }
            Err(e) if e.problems.is_empty() => bad(e.message),
            Err(e) => {
                for p in e.problems {
                    bad(p.message);
                }
            }
        }
    }
    Ok(posted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;

    /// The demo shop, its past months closed.
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

    /// Two workbooks hold the same sheets, in the same order, cell for cell
    /// (the export time in 说明 aside).
    fn assert_same_workbook(a: &Path, b: &Path) {
        let mut wa = sheet::open_workbook(a, u64::MAX).unwrap();
        let mut wb = sheet::open_workbook(b, u64::MAX).unwrap();
        let names = wa.sheet_names().to_vec();
        assert_eq!(names, wb.sheet_names().to_vec());
        for n in &names {
            let ta = sheet::workbook_table(&mut wa, n).unwrap().unwrap();
            let tb = sheet::workbook_table(&mut wb, n).unwrap().unwrap();
            assert_eq!(ta.headers, tb.headers, "「{n}」 headers");
            assert_eq!(ta.rows.len(), tb.rows.len(), "「{n}」 rows");
            for (ra, rb) in ta.rows.iter().zip(&tb.rows) {
                if n == SHEET_ABOUT && ra.1[0] == "导出时间" {
                    continue;
                }
                assert_eq!(ra, rb, "「{n}」 row {}", ra.0);
            }
        }
    }

    #[test]
    fn export_then_import_into_an_empty_shop_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("shop.xlsx");
        let mut src = demo_store();
        // the demo has no stocktake: one posted with a gain and a loss, one
        // still being counted
        let today = dates::today();
        let st = parts::stocktake::create(&mut src, "", today).unwrap();
        let counts: Vec<parts::stocktake::CountInput> = st
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| parts::stocktake::CountInput {
                part_id: l.part_id,
                counted: match i {
                    0 => (l.book_qty + 2).to_string(),
                    _ if l.book_qty > 0 && i < 40 => (l.book_qty - 1).to_string(),
                    _ => l.book_qty.to_string(),
                },
            })
            .collect();
        parts::stocktake::save_counts(&mut src, st.id, &counts).unwrap();
        parts::stocktake::post(&mut src, st.id, "张库管", today).unwrap();
        // the shop's own rules and texts, changed from the defaults
        let mut rules =
            crate::customers::rules::ServiceRulesInput::from(&crate::customers::rules::load(src.conn()).unwrap());
        rules.follow_up_sale_days = "3, 30, 90".into();
        crate::customers::rules::save(&mut src, &rules, today).unwrap();
        let mut policy =
            crate::warranty::policy::PolicyInput::from(&crate::warranty::policy::load(src.conn()).unwrap());
        policy.categories = "发动机 24 30000\n车架 36 50000".into();
        policy.effective_from = "2020-01-01".into();
        crate::warranty::policy::import_in(src.conn(), &policy).unwrap();
        let k = crate::staff::descriptions::get(src.conn(), "K").unwrap();
        crate::staff::descriptions::save(
            &mut src,
            "K",
            &crate::staff::descriptions::DescriptionInput {
                superior: k.superior.clone(),
                subordinates: k.subordinates.clone(),
                duties: "本店改过的职责\n第二条".into(),
                targets: k.targets.clone(),
                authority: k.authority.clone(),
                requirements: k.requirements.clone(),
            },
        )
        .unwrap();
        // a part taken out of use (停用) for three weeks and back: the
        // dated changes indicator 7 reads
        let part_id: i64 = src
            .conn()
            .query_row("SELECT min(id) FROM part", [], |r| r.get(0))
            .unwrap();
        for (days, active) in [(60, 0), (39, 1)] {
            src.conn()
                .execute(
                    "INSERT INTO part_active_change (part_id, changed_on, active) VALUES (?1, ?2, ?3)",
                    rusqlite::params![part_id, (today - chrono::Days::new(days)).to_string(), active],
                )
                .unwrap();
        }
        // a customer whose number is dead (无法回访)
        let customer: i64 = src
            .conn()
            .query_row("SELECT min(id) FROM customer", [], |r| r.get(0))
            .unwrap();
        crate::customers::follow_up::set_unreachable(
            &mut src,
            &crate::customers::follow_up::UnreachableInput {
                customer_id: customer,
                reason: "dead_number".into(),
                note: "拨打三次均为空号".into(),
            },
            today,
        )
        .unwrap();
        // the months before this one closed (月结), the last reported
        let last = dates::Month::of(today).prev();
        crate::closing::close_through(&mut src, last, "测试", today.and_hms_opt(9, 0, 0).unwrap()).unwrap();
        crate::report::factory::mark_sent(&mut src, last, &today.to_string(), today).unwrap();
        let open = parts::stocktake::create(&mut src, "", today).unwrap();
        parts::stocktake::save_counts(&mut src, open.id, &counts[..3]).unwrap();
        // the ledger continued on further sheets, as a shop past Excel's
        // row limit has it (here every 4,000 movements)
        export_split(&src, &out, 4000).unwrap();
        let mut dst = Store::open_in_memory().unwrap();
        // the import says how far it has got: reading then writing, never
        // backwards, each sheet named, ending at 100 once saved
        let mut seen: Vec<ImportProgress> = Vec::new();
        let summary = import_with(&mut dst, &out, &mut |p| seen.push(p)).unwrap();
        assert!(seen.windows(2).all(|w| w[0].percent <= w[1].percent), "{seen:?}");
        assert_eq!(seen.last().map(|p| p.percent), Some(100));
        assert!(seen
            .iter()
            .any(|p| p.text == format!("读取「{SHEET_LEDGER}」") && p.percent <= 50));
        assert!(seen
            .iter()
            .any(|p| p.text == format!("写入「{SHEET_CUSTOMERS}」") && p.percent > 50));
        assert!(seen.len() > 20, "about one report a sheet: {}", seen.len());
        let n_parts = parts::import::all_parts(src.conn()).unwrap().len();
        let moves: i64 = src
            .conn()
            .query_row("SELECT count(*) FROM stock_movement", [], |r| r.get(0))
            .unwrap();
        let count = |sql: &str| -> usize { src.conn().query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap() as usize };
        assert_eq!(
            summary.sheets[..7],
            vec![
                (SHEET_SETTINGS.to_string(), 1),
                (SHEET_CATALOG.to_string(), n_parts),
                (SHEET_LEDGER.to_string(), moves as usize),
                // the outlets before the vehicles that name them
                (
                    crate::network::sheets::DEALERS.name.to_string(),
                    count("SELECT count(*) FROM dealer")
                ),
                (
                    SHEET_CUSTOMERS.to_string(),
                    count("SELECT (SELECT count(*) FROM customer) + (SELECT count(*) FROM vehicle)")
                ),
                (
                    SHEET_SALES.to_string(),
                    count("SELECT count(*) FROM vehicle_sales_month")
                ),
                (SHEET_STAFF.to_string(), count("SELECT count(*) FROM staff")),
            ]
        );
        // the roster with its posts
        assert_eq!(
            query_rows(dst.conn(), STAFF_SQL).unwrap(),
            query_rows(src.conn(), STAFF_SQL).unwrap()
        );
        // customers and vehicles, files and fees alike; the month's sales figures
        assert_eq!(
            crate::customers::import::rows(dst.conn()).unwrap(),
            crate::customers::import::rows(src.conn()).unwrap()
        );
        assert_eq!(
            query_rows(dst.conn(), SALES_SQL).unwrap(),
            query_rows(src.conn(), SALES_SQL).unwrap()
        );
        assert_eq!(settings::load(dst.conn()).unwrap(), settings::load(src.conn()).unwrap());
        // the catalogue comes across field for field, and the ledger replays
        // to the same stock and value for every part
        let rows = |s: &Store| -> Vec<Vec<String>> {
            parts::import::all_parts(s.conn())
                .unwrap()
                .iter()
                .map(|p| {
                    let mut r = parts::import::catalog_row(p);
                    r.push(p.on_hand.to_string());
                    r.push(p.stock_value.to_string());
                    r
                })
                .collect()
        };
        assert_eq!(rows(&dst), rows(&src));
        let ledger = |s: &Store| ledger_rows(s.conn()).unwrap();
        assert_eq!(ledger(&dst), ledger(&src), "every movement, balance and reversal alike");
        // every record of the shop's work comes across, and the shop exports
        // again to the same workbook, cell for cell
        for spec in sheets::SHEETS {
            let n = query_rows(src.conn(), &(spec.export_sql)()).unwrap().len();
            assert!(n > 0, "the demo shop has records for 「{}」", spec.name);
            // the checklist's items are already there (the same 项目编号)
            // and the first 点检周期 is the one 回访点检规则 set just before
            let n = match spec.name {
                "5S检查表" => 0,
                // a new shop starts with the text's fourteen, as the demo has them
                "服务规范" => 0,
                // …and the appraisal items of migration 37
                "考核项目" => 0,
                // …and the service items of migration 41
                "服务项目" => 0,
                "点检周期" => n - 1,
                _ => n,
            };
            assert!(
                summary.sheets.contains(&(spec.name.to_string(), n)),
                "「{}」: {n} rows written, summary {:?}",
                spec.name,
                summary.sheets
            );
        }
        let again_out = dir.path().join("again.xlsx");
        export_split(&dst, &again_out, 4000).unwrap();
        let names = sheet::open_workbook(&out, u64::MAX).unwrap().sheet_names().to_vec();
        assert!(
            names.contains(&"出入库(3)".to_string()) && !names.contains(&"出入库(4)".to_string()),
            "{names:?}"
        );
        assert_same_workbook(&out, &again_out);
        // importing the same workbook again writes no movement twice, and
        // leaves no audit line for the rows it did not change
        dst.set_actor(Some(crate::auth::Actor::command_line()));
        let audit = |s: &Store| -> i64 {
            s.conn()
                .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
                .unwrap()
        };
        let lines_before = audit(&dst);
        let again = import(&mut dst, &out).unwrap();
        assert_eq!(
            audit(&dst),
            lines_before,
            "an identical workbook changes nothing, so logs nothing"
        );
        for (sheet, n) in &again.sheets {
            assert_eq!(*n, 0, "「{sheet}」: nothing new or changed the second time");
        }
        assert_eq!(ledger(&dst), ledger(&src));
    }

    #[test]
    fn a_month_twice_or_no_settings_for_a_new_shop_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sales.xlsx");
        workbook(
            &p,
            SHEET_SALES,
            &[
                &["月份", "整车销售数量", "整车销售金额"],
                &["2026-10", "20", "150000"],
                &["2026-11", "22", "160000"],
                &["2026-10", "25", "180000"],
            ],
        );
        // into a shop: the repeated month is named with both rows
        let mut s = demo_store();
        let e = import(&mut s, &p).unwrap_err();
        let msgs: Vec<String> = e.problems.iter().map(|p| p.describe()).collect();
        assert!(
            msgs.iter()
                .any(|m| m.contains("第 4 行") && m.contains("月份 2026-10 与第 2 行重复")),
            "{msgs:?}"
        );
        // into an empty data file: no settings sheet, no shop
        let mut empty = Store::open_in_memory().unwrap();
        let e = import(&mut empty, &p).unwrap_err();
        assert!(
            e.problems
                .iter()
                .any(|p| p.message.contains("必须带「店铺设置」工作表")),
            "{:?}",
            e.problems
        );
        let n: i64 = empty
            .conn()
            .query_row("SELECT count(*) FROM vehicle_sales_month", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }

    #[test]
    fn a_bad_roster_row_refuses_the_whole_workbook() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("staff.xlsx");
        workbook(
            &p,
            SHEET_STAFF,
            &[
                &["姓名", "手机", "入职日期", "在岗", "岗位", "备注"],
                &["王经理", "13900001001", "2023-03-01", "是", "K", ""],
                &["", "13900001002", "", "是", "M", ""],
                &["赵六", "", "", "是", "Q", ""],
                &["钱七", "", "", "也许", "J", ""],
            ],
        );
        // a shop that is set up (a new one needs the settings sheet first)
        let mut s = Store::open_in_memory().unwrap();
        settings::save(s.conn(), demo::demo_settings()).unwrap();
        let e = import(&mut s, &p).unwrap_err();
        let msgs: Vec<String> = e.problems.iter().map(|p| p.describe()).collect();
        assert!(
            msgs.iter().any(|m| m.contains("第 3 行") && m.contains("请填写姓名")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("第 4 行") && m.contains("岗位代码「Q」不存在")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("第 5 行") && m.contains("「在岗」应填是或否")),
            "{msgs:?}"
        );
        let n: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM staff", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0, "not even the good row is kept");
    }

    #[test]
    fn a_bad_ledger_row_refuses_the_whole_workbook() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ledger.xlsx");
        let mut s = demo_store();
        let before: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM stock_movement", [], |r| r.get(0))
            .unwrap();
        let part = parts::import::all_parts(s.conn()).unwrap().into_iter().next().unwrap();
        let on_hand = part.on_hand;
        let too_many = format!("-{}", on_hand + 2);
        let today = dates::today().format("%Y-%m-%d").to_string();
        let no = part.part_no.as_str();
        workbook(
            &p,
            SHEET_LEDGER,
            &[
                &[
                    "编号",
                    "日期",
                    "配件编号",
                    "类型",
                    "数量变动",
                    "金额变动",
                    "实收金额",
                    "经办人",
                    "备注",
                    "冲销编号",
                ],
                &["", &today, no, "采购入库", "1", "10.00", "", "张库管", "", ""],
                &["", &today, no, "销售出库", &too_many, "", "50", "张库管", "", ""],
                &["", &today, no, "借出", "-1", "", "", "", "", ""],
                &["", &today, no, "销售出库", "3", "", "", "", "", ""],
                &["1", "2001-01-01", no, "采购入库", "5", "", "", "", "", ""],
                &["", &today, no, "维修领用", "-1", "", "", "", "", "999999"],
                &["", "2099-01-01", no, "采购入库", "1", "", "", "", "", ""],
            ],
        );
        let e = import(&mut s, &p).unwrap_err();
        let msgs: Vec<(u32, String)> = e.problems.iter().map(|p| (p.row.unwrap(), p.message.clone())).collect();
        assert!(e.message.starts_with("导入未执行"), "{}", e.message);
        let at = |row: u32| -> String {
            msgs.iter()
                .filter(|(r, _)| *r == row)
                .map(|(_, m)| m.clone())
                .collect::<Vec<_>>()
                .join(" | ")
        };
        assert!(at(3).contains("库存不足"), "{msgs:?}");
        assert!(at(4).contains("类型「借出」不认识"), "{msgs:?}");
        assert!(at(5).contains("数量变动应为负数"), "{msgs:?}");
        assert!(at(6).contains("编号 1 在本店已有另一笔出入库"), "{msgs:?}");
        assert!(at(7).contains("冲销编号 999999"), "{msgs:?}");
        assert!(at(8).contains("日期"), "{msgs:?}");
        assert!(at(2).is_empty(), "the good receipt has no problem: {msgs:?}");
        let after: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM stock_movement", [], |r| r.get(0))
            .unwrap();
        assert_eq!(after, before, "not even the good receipt was kept");
        let p2 = parts::catalog::find_by_no(s.conn(), no).unwrap().unwrap();
        assert_eq!(p2.on_hand, on_hand);
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
        for (i, row) in SETTINGS.iter().enumerate() {
            let r = i as u32 + 1;
            ws.write_string(r, 0, row.row).unwrap();
            match row.key {
                "annualVehicleSales" => ws.write_number(r, 1, 350u32).map(|_| ()).unwrap(),
                "partsConsumptionPerVehicle" => ws.write_number(r, 1, 0.1 + 0.2).map(|_| ()).unwrap_or(()),
                "inventoryFactor" => ws.write_number(r, 1, 0.25).map(|_| ()).unwrap(),
                _ => ws.write_string(r, 1, row.cell_text(&set)).map(|_| ()).unwrap(),
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
    fn bad_part_in_use_changes_are_refused_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("active.xlsx");
        let mut s = demo_store();
        let part_no: String = s
            .conn()
            .query_row("SELECT part_no FROM part ORDER BY id LIMIT 1", [], |r| r.get(0))
            .unwrap();
        // the import checks dates against the app's clock
        let today = dates::today();
        let past = (today - chrono::Days::new(60)).to_string();
        let future = (today + chrono::Days::new(400)).to_string();
        workbook(
            &p,
            "配件在用变更",
            &[
                &["配件编号", "配件名称", "日期", "在用"],
                &[&part_no, "", &past, "否"],
                &["NO-SUCH-PART", "", &past, "否"],
                &[&part_no, "", &future, "是"],
                &[&part_no, "", &past, "也许"],
            ],
        );
        let err = import(&mut s, &p).unwrap_err();
        let lines: Vec<String> = err.problems.iter().map(Problem::describe).collect();
        let at = |row: u32| {
            lines
                .iter()
                .any(|l| l.starts_with(&format!("工作表「配件在用变更」第 {row} 行")))
        };
        assert!(at(3) && at(4) && at(5) && !at(2), "{lines:#?}");
        assert!(
            lines.iter().any(|l| l.contains("NO-SUCH-PART 不在配件目录中")),
            "{lines:#?}"
        );
        let n: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM part_active_change", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0, "the good row is not written either");
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
        for (i, row) in SETTINGS.iter().enumerate() {
            ws.write_string(i as u32 + 1, 0, row.row).unwrap();
            if row.key == "vehicleParc" {
                ws.write_formula(i as u32 + 1, 1, "=1000+900").unwrap();
            } else {
                ws.write_string(i as u32 + 1, 1, row.cell_text(&set)).unwrap();
            }
        }
        wb.save(&p).unwrap();
        let e = import(&mut s, &p).unwrap_err();
        assert_eq!(
            e.problems[0].describe(),
            // the header, then 店铺名称 … 服务站代码, 年整车销量: 保有量 is row 8
            "工作表「店铺设置」第 8 行：单元格是公式，请改为直接填写的值"
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

    /// A workbook of the given sheets (all text cells).
    fn workbook_of(path: &Path, sheets: &[(&str, Vec<Vec<String>>)]) {
        let mut wb = Workbook::new();
        for (name, rows) in sheets {
            let ws = wb.add_worksheet();
            ws.set_name(*name).unwrap();
            for (r, row) in rows.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    ws.write_string(r as u32, c as u16, v).unwrap();
                }
            }
        }
        wb.save(path).unwrap();
    }

    /// The sheet as the shop exports it: headers, then rows.
    fn sheet_rows(s: &Store, spec: &records::RecordSheet) -> Vec<Vec<String>> {
        let mut rows = vec![spec.headers().iter().map(|h| h.to_string()).collect::<Vec<_>>()];
        rows.extend(query_rows(s.conn(), &(spec.export_sql)()).unwrap());
        rows
    }

    #[test]
    fn records_that_clash_or_name_the_wrong_movement_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        // months open: the clashes are the refusal, not a closed month
        let mut s = Store::open_in_memory().unwrap();
        demo::populate_open_on(&mut s, crate::dates::today()).unwrap();
        let count = |s: &Store, sql: &str| -> i64 { s.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
        let totals = |s: &Store| {
            [
                "SELECT count(*) FROM repair_order",
                "SELECT count(*) FROM repair_part",
                "SELECT count(*) FROM stock_movement",
                "SELECT count(*) FROM dealer_order",
                "SELECT count(*) FROM warranty_claim_line",
                "SELECT count(*) FROM inspection",
                "SELECT count(*) FROM audit_log",
            ]
            .map(|q| count(s, q))
        };
        let before = totals(&s);
        let refused = |s: &mut Store, name: &str, sheets: &[(&str, Vec<Vec<String>>)]| -> Vec<String> {
            let p = dir.path().join(format!("{name}.xlsx"));
            workbook_of(&p, sheets);
            let e = import(s, &p).unwrap_err();
            assert_eq!(e.code, ErrorCode::Import, "{}", e.message);
            e.problems.iter().map(Problem::describe).collect()
        };

        // a repair order the shop has, changed; a new number twice
        let mut repairs = sheet_rows(&s, &crate::customers::sheets::REPAIRS);
        repairs.truncate(2);
        repairs[1][9] = "改过的故障描述".into();
        let mut new = repairs[1].clone();
        new[0] = "WX-外来-0001".into();
        repairs.push(new.clone());
        repairs.push(new);
        let p = refused(&mut s, "repairs", &[("维修单", repairs.clone())]);
        assert!(
            p[0].contains("第 2 行") && p[0].contains("本店已有，内容与这一行不同"),
            "{p:?}"
        );
        assert!(p[1].contains("第 4 行") && p[1].contains("与第 3 行重复"), "{p:?}");
        assert_eq!(p.len(), 2, "{p:?}");

        // repair parts naming a receipt, and a movement another record holds
        let mut used = sheet_rows(&s, &crate::customers::sheets::REPAIR_PARTS);
        used.truncate(2);
        let order = repairs[1][0].clone();
        let receipt: i64 = count(
            &s,
            "SELECT m.id FROM stock_movement m WHERE kind = 'receipt' ORDER BY id LIMIT 1",
        );
        let (part_no, held): (String, i64) = s
            .conn()
            .query_row(
                "SELECT p.part_no, l.movement_id FROM warranty_claim_line l JOIN part p ON p.id = l.part_id
                 JOIN stock_movement m ON m.id = l.movement_id WHERE m.delta = -1 LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let receipt_part: String = s
            .conn()
            .query_row(
                "SELECT p.part_no FROM stock_movement m JOIN part p ON p.id = m.part_id WHERE m.id = ?1",
                [receipt],
                |r| r.get(0),
            )
            .unwrap();
        used[1] = vec![
            order.clone(),
            receipt_part,
            String::new(),
            "1".into(),
            "10.00".into(),
            receipt.to_string(),
        ];
        // a 三包更换 already fitted on its own job's order and claim
        used.push(vec![
            order,
            part_no,
            String::new(),
            "1".into(),
            "0.00".into(),
            held.to_string(),
            "是".into(),
        ]);
        let p = refused(&mut s, "parts", &[("维修用料", used)]);
        assert!(p[0].contains(&format!("出入库编号 {receipt} 是采购入库")), "{p:?}");
        assert!(p[1].contains("已属于另一张维修单"), "{p:?}");

        // an order that says it was shipped, with no delivery to show for it
        let mut orders = sheet_rows(&s, &crate::parts::sheets::DEALER_ORDERS);
        orders.truncate(2);
        orders[1][0] = "DD-外来-0001".into();
        orders[1][6] = "5".into();
        orders[1][7] = "5".into();
        orders[1][8] = "5".into();
        let p = refused(&mut s, "orders", &[("经销商订单", orders)]);
        assert!(
            p[0].contains("订单 DD-外来-0001") && p[0].contains("发货记录不符"),
            "{p:?}"
        );

        // the ledger: one 编号 twice, and a 编号 the import itself just gave
        let next = count(&s, "SELECT max(id) + 1 FROM stock_movement");
        let part: String = count_text(&s, "SELECT part_no FROM part WHERE active = 1 ORDER BY id LIMIT 1");
        let row = |id: &str| -> Vec<String> {
            vec![
                id.into(),
                dates::today().to_string(),
                part.clone(),
                "采购入库".into(),
                "1".into(),
            ]
        };
        let header: Vec<String> = ["编号", "日期", "配件编号", "类型", "数量变动"]
            .map(String::from)
            .to_vec();
        let p = refused(
            &mut s,
            "ledger",
            &[("出入库", vec![header.clone(), row("900001"), row("900001")])],
        );
        assert!(p[0].contains("编号 900001 在文件中出现了两次"), "{p:?}");
        let p = refused(
            &mut s,
            "ledger2",
            &[("出入库", vec![header, row(""), row(&next.to_string())])],
        );
        assert!(p.iter().any(|m| m.contains("本次导入刚记入")), "{p:?}");

        // an inspection dated tomorrow
        let mut insp = sheet_rows(&s, &crate::customers::sheets::INSPECTIONS);
        insp.truncate(2);
        insp[1][0] = (dates::today() + chrono::Days::new(1)).to_string();
        insp[1][3] = String::new();
        let p = refused(&mut s, "insp", &[("点检记录", insp)]);
        assert!(p[0].contains("晚于今天"), "{p:?}");

        assert_eq!(totals(&s), before, "nothing written by any refused workbook");
    }

    fn count_text(s: &Store, sql: &str) -> String {
        s.conn().query_row(sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn a_version_1_workbook_passes_over_its_read_only_sheets() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("v1.xlsx");
        let row = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        workbook_of(
            &p,
            &[
                ("说明", vec![row(&["项目", "内容"]), row(&["格式版本", "1"])]),
                ("人员名册", vec![row(&["姓名"]), row(&["王师傅"])]),
                ("维修单", vec![row(&["维修单号"]), row(&["只供阅读"])]),
                ("三包旧件", vec![row(&["索赔单号"]), row(&["只供阅读"])]),
            ],
        );
        let mut s = Store::open_in_memory().unwrap();
        settings::save(s.conn(), demo::demo_settings()).unwrap();
        let summary = import(&mut s, &p).unwrap();
        assert_eq!(summary.sheets, vec![(SHEET_STAFF.to_string(), 1)]);
    }

    /// A workbook written before the call after a sale was named 购车回访
    /// (column 售后回访天数, label 售后回访) still reads.
    #[test]
    fn an_older_workbooks_renamed_column_and_label_still_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("old.xlsx");
        let row = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        workbook_of(
            &p,
            &[(
                "回访点检规则",
                vec![
                    row(&[
                        "售后回访天数",
                        "维修回访天数",
                        "首次点检（月）",
                        "点检间隔（月）",
                        "点检期限（月）",
                    ]),
                    row(&["5, 40", "3", "1", "3", "12"]),
                ],
            )],
        );
        let mut s = Store::open_in_memory().unwrap();
        settings::save(s.conn(), demo::demo_settings()).unwrap();
        import(&mut s, &p).unwrap();
        let r = crate::customers::rules::load(s.conn()).unwrap();
        assert_eq!(r.follow_up_sale_days, vec![5, 40]);
    }

    /// 附件 rows: a file whose pieces all came and add up is kept; a piece
    /// missing, or text that is not base64, refuses the workbook whole.
    #[test]
    fn an_attachment_comes_in_whole_or_not_at_all() {
        use base64::Engine;
        let dir = tempfile::tempdir().unwrap();
        let shop = || {
            let s = Store::open_in_memory().unwrap();
            settings::save(s.conn(), demo::demo_settings()).unwrap();
            s.conn()
                .execute(
                    "INSERT INTO factory_document (kind, doc_no, title, received_on, created_at)
                     VALUES ('bulletin', 'JT-2026-01', '怠速调整', '2026-11-02', '2026-11-02 09:00:00')",
                    [],
                )
                .unwrap();
            s
        };
        let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
        let file: Vec<u8> = (0..30_000u32).map(|i| (i % 253) as u8).collect();
        let (one, two) = file.split_at(sheets::ATTACHMENT_PIECE as usize);
        let head: &[&str] = &[
            "所属",
            "单号",
            "文件名",
            "添加时间",
            "添加人",
            "大小（字节）",
            "片段",
            "内容（base64）",
        ];
        let row = |piece: &str, text: &str| -> Vec<String> {
            [
                "工厂文件",
                "JT-2026-01",
                "scan.pdf",
                "2026-11-02 10:00:00",
                "王经理",
                "30000",
                piece,
                text,
            ]
            .iter()
            .map(|c| c.to_string())
            .collect()
        };
        let write = |name: &str, rows: Vec<Vec<String>>| {
            let p = dir.path().join(name);
            let mut all: Vec<Vec<&str>> = vec![head.to_vec()];
            all.extend(rows.iter().map(|r| r.iter().map(String::as_str).collect()));
            let refs: Vec<&[&str]> = all.iter().map(|r| r.as_slice()).collect();
            workbook(&p, "附件", &refs);
            p
        };
        // whole: the two pieces, in either order
        let whole = write("whole.xlsx", vec![row("2/2", &b64(two)), row("1/2", &b64(one))]);
        let mut s = shop();
        import(&mut s, &whole).unwrap();
        let kept: Vec<u8> = s
            .conn()
            .query_row("SELECT content FROM attachment", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, file);
        // a piece missing; text that is not base64: nothing kept
        for (name, rows, needle) in [
            ("short.xlsx", vec![row("1/2", &b64(one))], "缺少 1 个片段"),
            (
                "bad.xlsx",
                vec![row("1/2", &b64(one)), row("2/2", "这不是base64")],
                "不是有效的 base64",
            ),
        ] {
            let p = write(name, rows);
            let mut s = shop();
            let e = import(&mut s, &p).unwrap_err();
            assert!(
                e.problems.iter().any(|p| p.message.contains(needle)),
                "{name}: {:?}",
                e.problems
            );
            let n: i64 = s
                .conn()
                .query_row("SELECT count(*) FROM attachment", [], |r| r.get(0))
                .unwrap();
            assert_eq!(n, 0, "{name}");
        }
    }
}
