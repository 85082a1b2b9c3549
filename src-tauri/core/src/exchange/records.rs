//! 业务记录：the records of the shop's work in the data-exchange workbook —
//! 经销商订单与发货 (figure 6), 建档费返厂 (16), 维修单与用料, 回访 (14),
//! 点检 (20), 三包索赔、用件、记录与旧件返厂, 盘点, 5S.
//!
//! Each sheet is declared once ([`RecordSheet`]), beside the code of the area
//! it belongs to (`parts::sheets`, `customers::sheets`, `warranty::sheets`,
//! `network::sheets`, `staff::sheets`, `documents::sheets`, `report::sheets`):
//! its columns, the query that exports it and the function that imports one
//! row. This module is the frame they share — [`Ctx`] (the import's
//! transaction and the documents it made), [`Line`] (one row's cells read as
//! typed values, each problem beside its column), [`import_sheet`] — and
//! [`SHEETS`], the list of them all. Import brings records
//! in *as they stand* (a claim already settled comes in settled, with its
//! history); what they issued from stock is the 出入库 sheet's business, and a
//! record names its movements by the ledger's 编号, checked against the part,
//! type and quantity. The rules every sheet shares are here, in one place:
//!
//! - a row identical to one this shop would export already is skipped, so
//!   a workbook can be imported again without doubling anything;
//! - a document number (单号) this shop already holds with other content is
//!   refused (the correction belongs in the app, not in a second copy);
//! - a document number twice in one sheet is refused (for sheets with a row
//!   per line: the same line twice), and the rows of one document must repeat
//!   its header cells alike;
//! - dates are real and not in the future; amounts exact to the fen.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{AppResult, Problem};
use crate::form::Fields;
use crate::sheet::Table;

/// (code, label) of a stored choice; the export writes the label and the
/// import reads either.
pub(crate) type Choices = &'static [(&'static str, &'static str)];

/// Labels an older workbook wrote that now read as another: the call after
/// a sale was 售后回访 (to a dealer 售后 means after-service); it is 购车回访.
const RENAMED_LABELS: &[(&str, &str)] = &[("售后回访", "购车回访")];
pub(crate) const YES_NO: Choices = &[("1", "是"), ("0", "否")];

/// `CASE expr WHEN 'code' THEN 'label' … END`, the export side of a choice.
pub(crate) fn case(expr: &str, choices: Choices) -> String {
    let mut s = format!("CASE {expr}");
    for (c, l) in choices {
        s.push_str(&format!(" WHEN '{c}' THEN '{l}'"));
    }
    s.push_str(" ELSE '' END");
    s
}

/// An amount column in fen as its text (`1234.50`).
pub(crate) fn yuan(expr: &str) -> String {
    format!("printf('%d.%02d', ({expr}) / 100, ({expr}) % 100)")
}

/// A signed amount in fen as its text (`-40.50`).
pub(crate) fn signed_yuan(expr: &str) -> String {
    format!("(CASE WHEN {expr} < 0 THEN '-' ELSE '' END || printf('%d.%02d', abs({expr}) / 100, abs({expr}) % 100))")
}

pub(crate) fn opt_yuan(expr: &str) -> String {
    format!("CASE WHEN {expr} IS NULL THEN '' ELSE {} END", yuan(expr))
}

/// One kind of record in the workbook.
pub struct RecordSheet {
    pub name: &'static str,
    pub columns: &'static [(&'static str, u16)],
    /// columns an imported sheet must have
    pub required: &'static [&'static str],
    /// the document number (单号) column, for sheets of numbered documents
    pub key: Option<&'static str>,
    /// for a document written as a row per line: the column that tells its
    /// lines apart, and the header columns every line repeats
    pub line: Option<(&'static [&'static str], &'static [&'static str])>,
    /// the export query: text columns in `columns` order
    pub export_sql: fn() -> String,
    /// imports one row (its problems go into the row's fields)
    pub import: fn(&mut Ctx, &mut Line) -> AppResult<()>,
}

impl RecordSheet {
    pub fn headers(&self) -> Vec<&'static str> {
        self.columns.iter().map(|(h, _)| *h).collect()
    }
}

/// What the import of the record sheets shares.
pub struct Ctx<'a> {
    pub tx: &'a Connection,
    pub today: NaiveDate,
    pub stamp: String,
    /// the 出入库 sheet's 编号 → this shop's movement id
    pub movements: &'a HashMap<i64, i64>,
    /// documents created by this import: (sheet, 单号) → id
    pub(crate) made: HashMap<(&'static str, String), i64>,
    /// movements a record of this import has claimed
    pub(crate) linked: HashSet<i64>,
    /// appraisals imported as final: id → (定稿时间, 定稿人)
    pub(crate) finals: std::collections::BTreeMap<i64, (String, String)>,
    /// attachments arriving over several 附件 rows: (所属, 单号, 文件名,
    /// 添加时间) → the pieces so far
    pub(crate) pieces: HashMap<(String, String, String, String), Pieces>,
}

/// An attachment's pieces as the 附件 rows bring them.
pub struct Pieces {
    pub(crate) row: u32,
    pub(crate) owner: crate::attachment::Owner,
    pub(crate) added_by: String,
    pub(crate) size: i64,
    pub(crate) parts: Vec<Option<Vec<u8>>>,
}

impl<'a> Ctx<'a> {
    pub fn new(tx: &'a Connection, today: NaiveDate, movements: &'a HashMap<i64, i64>) -> Ctx<'a> {
        Ctx {
            tx,
            today,
            stamp: crate::dates::stamp(),
            movements,
            made: HashMap::new(),
            linked: HashSet::new(),
            finals: std::collections::BTreeMap::new(),
            pieces: HashMap::new(),
        }
    }
}

/// One row being imported: its cells by header, and its problems.
pub struct Line<'a> {
    pub(crate) headers: &'a [String],
    pub(crate) cells: &'a [String],
    /// the row's number in its sheet
    pub row: u32,
    pub f: Fields,
}

impl Line<'_> {
    /// The trimmed cell under `header` ("" when absent).
    pub fn get(&self, header: &str) -> String {
        self.headers
            .iter()
            .position(|h| h == header)
            .and_then(|i| self.cells.get(i))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    }
    pub(crate) fn bad(&mut self, header: &str, m: impl Into<String>) {
        self.f.bad(header, m);
    }
    pub(crate) fn text(&mut self, h: &str, max: usize, required: bool) -> String {
        let v = self.get(h);
        self.f.text(h, h, &v, max, required)
    }
    pub(crate) fn date(&mut self, h: &str, today: NaiveDate, required: bool) -> Option<String> {
        let v = self.get(h);
        let d = if required {
            self.f.required_date(h, h, &v, today)
        } else {
            self.f.date(h, h, &v, today)
        };
        d.map(|d| d.to_string())
    }
    /// `YYYY-MM-DD HH:MM`, not on a day after today (a time later today is
    /// the desk's plan, as in its own forms)
    pub(crate) fn datetime(&mut self, h: &str, required: bool, future_ok: bool) -> Option<String> {
        let v = self.get(h);
        if v.is_empty() {
            if required {
                self.bad(h, format!("请填写{h}"));
            }
            return None;
        }
        let t = self.f.datetime(h, h, &v)?;
        if !future_ok && t.date() > crate::dates::today() {
            self.bad(h, format!("{h}（{}）晚于今天，请检查", t.format("%Y-%m-%d %H:%M")));
            return None;
        }
        Some(t.format("%Y-%m-%d %H:%M").to_string())
    }
    pub(crate) fn count(&mut self, h: &str, required: bool) -> Option<i64> {
        let v = self.get(h);
        if required && v.is_empty() {
            self.bad(h, format!("请填写{h}"));
            return None;
        }
        self.f.count(h, h, &v, 100_000_000)
    }
    pub(crate) fn positive(&mut self, h: &str) -> Option<i64> {
        match self.count(h, true) {
            Some(0) => {
                self.bad(h, format!("{h}须大于 0"));
                None
            }
            n => n,
        }
    }
    pub(crate) fn fen(&mut self, h: &str, required: bool) -> Option<i64> {
        let v = self.get(h);
        if required && v.is_empty() {
            self.bad(h, format!("请填写{h}"));
            return None;
        }
        self.f.money(h, h, &v).map(|m| m.to_fen())
    }
    pub(crate) fn choice(&mut self, h: &str, choices: Choices) -> Option<&'static str> {
        let v = self.get(h);
        let v = RENAMED_LABELS
            .iter()
            .find(|(old, _)| *old == v)
            .map_or(v.clone(), |(_, new)| new.to_string());
        match crate::form::code_of(choices, &v) {
            Some(c) => Some(c),
            None => {
                let names: Vec<&str> = choices.iter().map(|(_, l)| *l).filter(|l| !l.is_empty()).collect();
                self.bad(h, format!("{h}「{v}」不认识（应为 {}）", names.join("、")));
                None
            }
        }
    }
}

pub(crate) fn id_of(tx: &Connection, sql: &str, key: &str) -> AppResult<Option<i64>> {
    Ok(tx.query_row(sql, [key], |r| r.get(0)).optional()?)
}

impl Ctx<'_> {
    /// The document `no` of `sheet` as this import created it, or created
    /// now by `sql` (the INSERT of its header): the first of its rows
    /// creates it, the others add their lines to it.
    pub(crate) fn header(
        &mut self,
        sheet: &'static str,
        no: &str,
        sql: &str,
        p: impl rusqlite::Params,
    ) -> AppResult<i64> {
        if let Some(id) = self.made.get(&(sheet, no.to_string())) {
            return Ok(*id);
        }
        self.tx.execute(sql, p)?;
        let id = self.tx.last_insert_rowid();
        self.made.insert((sheet, no.to_string()), id);
        Ok(id)
    }

    /// The customer a row names: the vehicle's owner when 车架号 is given,
    /// else the customer of that name and mobile (客户, 手机).
    pub(crate) fn customer(&self, l: &mut Line, name: &str, mobile: &str) -> AppResult<Option<i64>> {
        if !l.get("车架号").is_empty() {
            return Ok(self.vehicle(l, "车架号")?.map(|(_, c)| c));
        }
        let id: Option<i64> = self
            .tx
            .query_row(
                "SELECT id FROM customer WHERE name = ?1 AND mobile = ?2 ORDER BY id LIMIT 1",
                params![name, mobile],
                |r| r.get(0),
            )
            .optional()?;
        if id.is_none() {
            l.bad(
                "客户",
                format!("客户 {name}（{mobile}）不在本店，也不在工作簿的「客户车辆」里"),
            );
        }
        Ok(id)
    }

    /// An outlet by name: this shop's, or one the 经销商 sheet brought.
    pub(crate) fn dealer(&self, l: &mut Line, h: &str) -> AppResult<Option<i64>> {
        let name = l.get(h);
        let id = id_of(self.tx, "SELECT id FROM dealer WHERE name = ?1", &name)?;
        if id.is_none() {
            l.bad(h, format!("经销商「{name}」不在本店，也不在工作簿的「经销商」里"));
        }
        Ok(id)
    }

    pub(crate) fn vehicle(&self, l: &mut Line, h: &str) -> AppResult<Option<(i64, i64)>> {
        let vin = l.get(h).to_uppercase();
        if vin.is_empty() {
            l.bad(h, format!("请填写{h}"));
            return Ok(None);
        }
        let v = self
            .tx
            .query_row("SELECT id, customer_id FROM vehicle WHERE vin = ?1", [&vin], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        if v.is_none() {
            l.bad(
                h,
                format!("车架号 {vin} 不在本店的客户车辆中（也不在工作簿的「客户车辆」里）"),
            );
        }
        Ok(v)
    }
    pub(crate) fn part(&self, l: &mut Line, h: &str) -> AppResult<Option<i64>> {
        let no = crate::parts::catalog::normalize_part_no(&l.get(h));
        if no.is_empty() {
            l.bad(h, format!("请填写{h}"));
            return Ok(None);
        }
        let id = id_of(self.tx, "SELECT id FROM part WHERE part_no = ?1", &no)?;
        if id.is_none() {
            l.bad(h, format!("配件编号 {no} 不在配件目录中"));
        }
        Ok(id)
    }
    /// A document created earlier in this import or held by the shop.
    /// The repair order a record names by 维修单号, when it names one (an
    /// empty cell: none).
    pub(crate) fn optional_order(&self, l: &mut Line, h: &str) -> AppResult<Option<i64>> {
        if l.get(h).is_empty() {
            return Ok(None);
        }
        self.document(
            l,
            h,
            "维修单",
            "SELECT id FROM repair_order WHERE order_no = ?1",
            "维修单",
        )
    }
    pub(crate) fn document(
        &self,
        l: &mut Line,
        h: &str,
        sheet: &'static str,
        sql: &str,
        what: &str,
    ) -> AppResult<Option<i64>> {
        let no = l.get(h);
        if no.is_empty() {
            l.bad(h, format!("请填写{h}"));
            return Ok(None);
        }
        if let Some(id) = self.made.get(&(sheet, no.clone())) {
            return Ok(Some(*id));
        }
        let id = id_of(self.tx, sql, &no)?;
        if id.is_none() {
            l.bad(h, format!("{what} {no} 不在本店，也不在工作簿的「{sheet}」里"));
        }
        Ok(id)
    }
    /// The movement a record issued, by the ledger's 编号: of this part, of
    /// one of `kinds`, moving `delta`, and not already another record's.
    pub(crate) fn movement(
        &mut self,
        l: &mut Line,
        h: &str,
        part: i64,
        kinds: &[&str],
        delta: i64,
    ) -> AppResult<Option<i64>> {
        self.movement_of(l, h, part, kinds, delta, None)
    }
    /// [`Ctx::movement`] for a line of claim `job_claim`: the 三包更换 may
    /// also be the covered line of the claim's repair order (the one issue
    /// of a 三包 job, on both records).
    pub(crate) fn movement_of(
        &mut self,
        l: &mut Line,
        h: &str,
        part: i64,
        kinds: &[&str],
        delta: i64,
        job_claim: Option<i64>,
    ) -> AppResult<Option<i64>> {
        let v = l.get(h);
        let Ok(file_id) = v.parse::<i64>() else {
            l.bad(h, format!("{h}「{v}」应为「出入库」中的编号"));
            return Ok(None);
        };
        let id = match self.movements.get(&file_id) {
            Some(id) => *id,
            None => file_id,
        };
        let m: Option<(i64, String, i64)> = self
            .tx
            .query_row(
                "SELECT part_id, kind, delta FROM stock_movement WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((p, kind, d)) = m else {
            l.bad(h, format!("出入库编号 {file_id} 不在本店，也不在工作簿的「出入库」里"));
            return Ok(None);
        };
        let label = |k: &str| {
            crate::parts::MovementKind::from_code(k)
                .map(|k| k.label())
                .unwrap_or("")
                .to_string()
        };
        if p != part || !kinds.contains(&kind.as_str()) || d != delta {
            let want: Vec<String> = kinds.iter().map(|k| label(k)).collect();
            l.bad(
                h,
                format!(
                    "出入库编号 {file_id} 是{}（数量变动 {d}），与这一行（{}，数量变动 {delta}，同一配件）不符",
                    label(&kind),
                    want.join("或")
                ),
            );
            return Ok(None);
        }
        let taken: Option<String> = self
            .tx
            .query_row(
                "SELECT '维修单' FROM repair_part WHERE movement_id = ?1
                     AND NOT (covered = 1 AND repair_order_id IS (SELECT repair_order_id FROM warranty_claim WHERE id = ?2))
                 UNION ALL SELECT '三包索赔' FROM warranty_claim_line WHERE movement_id = ?1
                 UNION ALL SELECT '经销商发货' FROM dealer_delivery_line WHERE movement_id = ?1
                 UNION ALL SELECT '盘点' FROM stocktake_line WHERE movement_id = ?1",
                params![id, job_claim],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(t) = taken {
            l.bad(h, format!("出入库编号 {file_id} 已属于另一张{t}"));
            return Ok(None);
        }
        let on_job: bool = job_claim.is_some()
            && self.tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM repair_part WHERE movement_id = ?1 AND covered = 1)",
                [id],
                |r| r.get(0),
            )?;
        if !on_job && !self.linked.insert(id) {
            l.bad(h, format!("出入库编号 {file_id} 在工作簿中被两行引用"));
            return Ok(None);
        }
        Ok(Some(id))
    }
}

/// (sheet, column) an older workbook carries and an import passes over:
/// 岗位说明书's 考核标准 became the 考核项目 sheet (migration 37).
const RETIRED_COLUMNS: &[(&str, &str)] = &[("岗位说明书", "考核标准")];

/// (sheet, column as an older workbook names it, as this version does).
const RENAMED_COLUMNS: &[(&str, &str, &str)] = &[("回访点检规则", "售后回访天数", "购车回访天数")];

/// Imports one record sheet inside the import's transaction; problems go
/// to `problems` (and the caller rolls back). Returns the rows written.
pub fn import_sheet(ctx: &mut Ctx, spec: &RecordSheet, t: &Table, problems: &mut Vec<Problem>) -> AppResult<usize> {
    // an older workbook's column names, read as this version's
    let renamed;
    let t = if RENAMED_COLUMNS
        .iter()
        .any(|(s, old, _)| *s == spec.name && t.col(old).is_some())
    {
        let mut c = t.clone();
        for h in c.headers.iter_mut() {
            if let Some((_, _, new)) = RENAMED_COLUMNS.iter().find(|(s, old, _)| *s == spec.name && h == old) {
                *h = new.to_string();
            }
        }
        renamed = c;
        &renamed
    } else {
        t
    };
    let headers = spec.headers();
    let mut optional: Vec<&str> = headers.iter().copied().filter(|h| !spec.required.contains(h)).collect();
    // columns an older workbook has that this version no longer reads
    optional.extend(RETIRED_COLUMNS.iter().filter(|(s, _)| *s == spec.name).map(|(_, c)| *c));
    let before = problems.len();
    crate::sheet::check_headers(t, spec.required, &optional, problems);
    if problems.len() > before {
        return Ok(0);
    }
    for r in &t.formula_rows {
        problems.push(Problem::row(spec.name, *r, "单元格是公式，请改为直接填写的值"));
    }
    // what this shop would export now: identical rows are skipped, and a
    // document number among them is this shop's own
    let existing: HashSet<Vec<String>> = super::query_rows(ctx.tx, &(spec.export_sql)())?.into_iter().collect();
    let key_col = spec.key.and_then(|k| headers.iter().position(|h| *h == k));
    let shop_keys: HashSet<String> = match key_col {
        Some(i) => existing.iter().map(|r| r[i].clone()).collect(),
        None => HashSet::new(),
    };
    // the first row of each document (its header cells) and of each line
    let mut first_row: HashMap<String, (u32, Vec<String>)> = HashMap::new();
    let mut seen_lines: HashMap<(String, String), u32> = HashMap::new();
    let mut written = 0;
    for (r, cells) in &t.rows {
        let r = *r;
        // the row in the export's column order
        let normal: Vec<String> = headers
            .iter()
            .map(|h| {
                t.col(h)
                    .and_then(|i| cells.get(i))
                    .map(|v| v.trim().to_string())
                    .unwrap_or_default()
            })
            .collect();
        let at = |h: &str| {
            headers
                .iter()
                .position(|x| *x == h)
                .map(|i| normal[i].clone())
                .unwrap_or_default()
        };
        if let Some(k) = spec.key {
            let key = at(k);
            match spec.line {
                None => {
                    if let Some((first, _)) = first_row.get(&key).filter(|_| !key.is_empty()) {
                        problems.push(Problem::row(spec.name, r, format!("{k} {key} 与第 {first} 行重复")));
                        continue;
                    }
                    first_row.insert(key.clone(), (r, Vec::new()));
                }
                Some((line_cols, head)) => {
                    let line = line_cols.iter().map(|h| at(h)).collect::<Vec<_>>().join(" / ");
                    if let Some(first) = seen_lines.insert((key.clone(), line.clone()), r) {
                        problems.push(Problem::row(
                            spec.name,
                            r,
                            format!("{k} {key} 的「{}」{line} 与第 {first} 行重复", line_cols.join("、")),
                        ));
                        continue;
                    }
                    let head_cells: Vec<String> = head.iter().map(|h| at(h)).collect();
                    match first_row.get(&key) {
                        Some((first, cells)) if *cells != head_cells => {
                            let diff = head
                                .iter()
                                .zip(cells.iter().zip(&head_cells))
                                .find(|(_, (a, b))| a != b)
                                .map(|(h, _)| *h)
                                .unwrap_or("");
                            problems.push(Problem::row(
                                spec.name,
                                r,
                                format!("同一{k} {key} 的各行「{diff}」应相同，与第 {first} 行不一致"),
                            ));
                            continue;
                        }
                        Some(_) => {}
                        None => {
                            first_row.insert(key.clone(), (r, head_cells));
                        }
                    }
                }
            }
            if existing.contains(&normal) {
                continue;
            }
            if shop_keys.contains(&key) {
                problems.push(Problem::row(
                    spec.name,
                    r,
                    format!("{k} {key} 本店已有，内容与这一行不同；请在本店修改它，或给这一行另编{k}"),
                ));
                continue;
            }
        } else if existing.contains(&normal) {
            continue;
        }
        let mut line = Line {
            headers: &t.headers,
            cells,
            row: r,
            f: Fields::new(),
        };
        match (spec.import)(ctx, &mut line) {
            Ok(()) if line.f.is_empty() => written += 1,
            Ok(()) => problems.push(Problem::row(spec.name, r, Problem::joined(line.f.problems, |_| ""))),
            Err(e) if e.code == crate::error::ErrorCode::Storage => {
                // a rule the database holds (a CHECK or UNIQUE) that the
                // row breaks; the row is named, nothing is written
                problems.push(Problem::row(
                    spec.name,
                    r,
                    format!("这一行与其他记录矛盾，不能写入（{}）", e.message),
                ));
            }
            Err(e) if !e.problems.is_empty() => {
                for p in e.problems {
                    problems.push(Problem::row(spec.name, r, p.message));
                }
            }
            Err(e) => return Err(e),
        }
    }
    Ok(written)
}

/// Problems of a whole input (a form's parse) as the row's.
pub(crate) fn input_problems(l: &mut Line, e: crate::AppError, label: impl Fn(&str) -> &'static str) {
    if e.problems.is_empty() {
        l.bad("", e.message);
    }
    for p in e.problems {
        let h = label(p.field.as_deref().unwrap_or(""));
        l.bad(h, p.message);
    }
}
