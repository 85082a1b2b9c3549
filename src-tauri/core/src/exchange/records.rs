//! 业务记录：the records of the shop's work in the data-exchange workbook —
//! 经销商订单与发货 (figure 6), 建档费返厂 (16), 维修单与用料, 回访 (14),
//! 点检 (20), 三包索赔、用件、记录与旧件返厂, 盘点, 5S.
//!
//! Each sheet is declared once ([`RecordSheet`]): its columns, the query that
//! exports it and the function that imports one row. Import brings records
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
use crate::money::Money;
use crate::sheet::Table;
use std::str::FromStr;

/// (code, label) of a stored choice; the export writes the label and the
/// import reads either.
type Choices = &'static [(&'static str, &'static str)];

pub const REPAIR_KINDS: Choices = &[
    ("maintenance", "保养"),
    ("first_service", "首保"),
    ("repair", "维修"),
    ("warranty", "三包"),
    ("onsite", "上门/派修"),
];
pub const REPAIR_STATUSES: Choices = &crate::customers::repair::STATUSES;
pub const FOLLOW_UP_REASONS: Choices = &[("sale", "购车回访"), ("repair", "维修回访"), ("other", "其他回访")];

/// Labels an older workbook wrote that now read as another: the call after
/// a sale was 售后回访 (to a dealer 售后 means after-service); it is 购车回访.
const RENAMED_LABELS: &[(&str, &str)] = &[("售后回访", "购车回访")];
pub const COMPLAINTS: Choices = &[
    ("", ""),
    ("attitude", "服务态度"),
    ("quality", "产品质量"),
    ("price", "价格"),
    ("waiting", "等候时间"),
    ("other", "其他"),
];
pub const CLAIM_STATUSES: Choices = &crate::warranty::claim::STATUSES;
pub const CLAIM_TYPES: Choices = &crate::warranty::claim::CLAIM_TYPES;
pub const CLAIM_OUTCOMES: Choices = &crate::warranty::claim::OUTCOMES;
pub const FIVE_S_AREAS: Choices = &[("reception", "接待区"), ("workshop", "维修车间"), ("store", "配件库房")];
pub const STOCKTAKE_STATUSES: Choices = &crate::parts::stocktake::STATUSES;
const YES_NO: Choices = &[("1", "是"), ("0", "否")];

/// `CASE expr WHEN 'code' THEN 'label' … END`, the export side of a choice.
fn case(expr: &str, choices: Choices) -> String {
    let mut s = format!("CASE {expr}");
    for (c, l) in choices {
        s.push_str(&format!(" WHEN '{c}' THEN '{l}'"));
    }
    s.push_str(" ELSE '' END");
    s
}

/// An amount column in fen as its text (`1234.50`).
fn yuan(expr: &str) -> String {
    format!("printf('%d.%02d', ({expr}) / 100, ({expr}) % 100)")
}

fn opt_yuan(expr: &str) -> String {
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
    made: HashMap<(&'static str, String), i64>,
    /// movements a record of this import has claimed
    linked: HashSet<i64>,
    /// appraisals imported as final: id → (定稿时间, 定稿人)
    finals: std::collections::BTreeMap<i64, (String, String)>,
    /// attachments arriving over several 附件 rows: (所属, 单号, 文件名,
    /// 添加时间) → the pieces so far
    pieces: HashMap<(String, String, String, String), Pieces>,
}

/// An attachment's pieces as the 附件 rows bring them.
pub struct Pieces {
    row: u32,
    owner: crate::attachment::Owner,
    added_by: String,
    size: i64,
    parts: Vec<Option<Vec<u8>>>,
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
    headers: &'a [String],
    cells: &'a [String],
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
    fn bad(&mut self, header: &str, m: impl Into<String>) {
        self.f.bad(header, m);
    }
    fn text(&mut self, h: &str, max: usize, required: bool) -> String {
        let v = self.get(h);
        self.f.text(h, h, &v, max, required)
    }
    fn date(&mut self, h: &str, today: NaiveDate, required: bool) -> Option<String> {
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
    fn datetime(&mut self, h: &str, required: bool, future_ok: bool) -> Option<String> {
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
    fn count(&mut self, h: &str, required: bool) -> Option<i64> {
        let v = self.get(h);
        if required && v.is_empty() {
            self.bad(h, format!("请填写{h}"));
            return None;
        }
        self.f.count(h, h, &v, 100_000_000)
    }
    fn positive(&mut self, h: &str) -> Option<i64> {
        match self.count(h, true) {
            Some(0) => {
                self.bad(h, format!("{h}须大于 0"));
                None
            }
            n => n,
        }
    }
    fn fen(&mut self, h: &str, required: bool) -> Option<i64> {
        let v = self.get(h);
        if required && v.is_empty() {
            self.bad(h, format!("请填写{h}"));
            return None;
        }
        self.f.money(h, h, &v).map(|m| m.to_fen())
    }
    fn choice(&mut self, h: &str, choices: Choices) -> Option<&'static str> {
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

fn id_of(tx: &Connection, sql: &str, key: &str) -> AppResult<Option<i64>> {
    Ok(tx.query_row(sql, [key], |r| r.get(0)).optional()?)
}

impl Ctx<'_> {
    /// The document `no` of `sheet` as this import created it, or created
    /// now by `sql` (the INSERT of its header): the first of its rows
    /// creates it, the others add their lines to it.
    fn header(&mut self, sheet: &'static str, no: &str, sql: &str, p: impl rusqlite::Params) -> AppResult<i64> {
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
    fn customer(&self, l: &mut Line, name: &str, mobile: &str) -> AppResult<Option<i64>> {
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
    fn dealer(&self, l: &mut Line, h: &str) -> AppResult<Option<i64>> {
        let name = l.get(h);
        let id = id_of(self.tx, "SELECT id FROM dealer WHERE name = ?1", &name)?;
        if id.is_none() {
            l.bad(h, format!("经销商「{name}」不在本店，也不在工作簿的「经销商」里"));
        }
        Ok(id)
    }

    fn vehicle(&self, l: &mut Line, h: &str) -> AppResult<Option<(i64, i64)>> {
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
    fn part(&self, l: &mut Line, h: &str) -> AppResult<Option<i64>> {
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
    fn optional_order(&self, l: &mut Line, h: &str) -> AppResult<Option<i64>> {
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
    fn document(&self, l: &mut Line, h: &str, sheet: &'static str, sql: &str, what: &str) -> AppResult<Option<i64>> {
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
    fn movement(&mut self, l: &mut Line, h: &str, part: i64, kinds: &[&str], delta: i64) -> AppResult<Option<i64>> {
        self.movement_of(l, h, part, kinds, delta, None)
    }
    /// [`Ctx::movement`] for a line of claim `job_claim`: the 三包更换 may
    /// also be the covered line of the claim's repair order (the one issue
    /// of a 三包 job, on both records).
    fn movement_of(
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

// ---------------------------------------------------------------- 配件在用变更

/// 配件在用变更: each dated change of a part's 在用/停用 flag (indicator 7
/// takes whether a part was in use as of each month end from these).
pub const PART_ACTIVE_CHANGES: RecordSheet = RecordSheet {
    name: "配件在用变更",
    columns: &[("配件编号", 16), ("配件名称", 16), ("日期", 12), ("在用", 6)],
    required: &["配件编号", "日期", "在用"],
    key: None,
    line: None,
    export_sql: || {
        "SELECT p.part_no, p.name, a.changed_on, CASE a.active WHEN 1 THEN '是' ELSE '否' END
         FROM part_active_change a JOIN part p ON p.id = a.part_id ORDER BY p.part_no, a.changed_on"
            .into()
    },
    import: |ctx, l| {
        let part = ctx.part(l, "配件编号")?;
        let on = l.date("日期", ctx.today, true);
        let active = l.choice("在用", YES_NO);
        if let (Some(part), Some(on), Some(active), true) = (part, on, active, l.f.is_empty()) {
            let held: Option<i64> = ctx
                .tx
                .query_row(
                    "SELECT active FROM part_active_change WHERE part_id = ?1 AND changed_on = ?2",
                    params![part, on],
                    |r| r.get(0),
                )
                .optional()?;
            match held {
                Some(h) if h.to_string() != active => {
                    l.bad("在用", format!("本店 {on} 这天已有这个配件相反的在用变更记录"));
                }
                Some(_) => {}
                None => {
                    ctx.tx.execute(
                        "INSERT INTO part_active_change (part_id, changed_on, active) VALUES (?1, ?2, ?3)",
                        params![part, on, active.parse::<i64>().unwrap_or(1)],
                    )?;
                }
            }
        }
        Ok(())
    },
};

// ---------------------------------------------------------------- 经销商

pub const DEALERS: RecordSheet = RecordSheet {
    name: "经销商",
    columns: crate::network::outlet::COLUMNS,
    required: &["名称"],
    key: Some("名称"),
    line: None,
    export_sql: || crate::network::outlet::EXPORT_SQL.into(),
    // the register's card, checked as its form checks it (an older
    // workbook's sheet with 名称, 联系人, 电话 only reads as 经销商, 在营)
    import: |ctx, l| {
        let input = crate::network::outlet::input_from(|h| l.get(h));
        if let Err(e) = crate::network::outlet::save_in(ctx.tx, None, &input, ctx.today) {
            if e.problems.is_empty() {
                return Err(e);
            }
            for p in e.problems {
                l.bad(
                    crate::network::outlet::header_of(p.field.as_deref().unwrap_or("")),
                    p.message,
                );
            }
        }
        Ok(())
    },
};

pub const VISIT_PURPOSES: Choices = &crate::network::visit::PURPOSES;

/// 网点走访: a row per follow-up action (a visit without one has a row with
/// the action empty); the rows of one visit repeat its columns.
pub const DEALER_VISITS: RecordSheet = RecordSheet {
    name: "网点走访",
    columns: &[
        ("网点", 20),
        ("走访日期", 12),
        ("走访人", 10),
        ("目的", 10),
        ("发现问题", 30),
        ("跟进事项", 24),
        ("完成期限", 12),
        ("完成日期", 12),
        ("完成情况", 20),
    ],
    required: &["网点", "走访日期", "走访人", "目的"],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT d.name, v.visited_on, v.visitor, {}, v.findings, coalesce(a.action, ''), coalesce(a.due_on, ''),
                coalesce(a.done_on, ''), coalesce(a.done_note, '')
             FROM dealer_visit v JOIN dealer d ON d.id = v.dealer_id
             LEFT JOIN dealer_visit_action a ON a.visit_id = v.id ORDER BY v.visited_on, v.id, a.id",
            case("v.purpose", VISIT_PURPOSES)
        )
    },
    import: |ctx, l| {
        let dealer = ctx.dealer(l, "网点")?;
        let on = l.date("走访日期", ctx.today, true);
        let visitor = l.text("走访人", 20, true);
        let purpose = l.choice("目的", VISIT_PURPOSES);
        let findings = l.text("发现问题", 500, false);
        let action = l.text("跟进事项", 100, false);
        let due = match l.get("完成期限") {
            t if t.is_empty() => None,
            t => match crate::dates::parse_date("完成期限", &t) {
                Ok(d) => Some(d.to_string()),
                Err(_) => {
                    l.bad("完成期限", format!("完成期限「{t}」不是日期"));
                    None
                }
            },
        };
        let done = l.date("完成日期", ctx.today, false);
        let note = l.text("完成情况", 200, false);
        if action.is_empty() && (due.is_some() || done.is_some() || !note.is_empty()) {
            l.bad("跟进事项", "有完成期限、完成日期或完成情况时须写跟进事项");
        }
        let day = |d: &Option<String>| d.as_deref().and_then(|d| d.parse::<NaiveDate>().ok());
        l.f.not_before("完成日期", "完成日期", day(&done), "走访日期", day(&on));
        let (Some(dealer), Some(on), Some(purpose), true) = (dealer, on, purpose, l.f.is_empty()) else {
            return Ok(());
        };
        // the rows of one visit share it
        let key = format!("{dealer}|{on}|{visitor}|{purpose}|{findings}");
        let stamp = ctx.stamp.clone();
        let visit = ctx.header(
            "网点走访",
            &key,
            "INSERT INTO dealer_visit (dealer_id, visited_on, visitor, purpose, findings, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![dealer, on, visitor, purpose, findings, stamp],
        )?;
        if !action.is_empty() {
            ctx.tx.execute(
                "INSERT INTO dealer_visit_action (visit_id, action, due_on, done_on, done_note) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![visit, action, due, done, note],
            )?;
        }
        Ok(())
    },
};

pub const COMPLAINT_SOURCES: Choices = &crate::customers::complaint::SOURCES;
pub const COMPLAINT_STEPS: Choices = &crate::customers::complaint::STEPS;
pub const COMPLAINT_CONFIRMATIONS: Choices = &crate::customers::complaint::CONFIRMATIONS;

/// 投诉登记: a row per step taken (a complaint without one has a row with
/// the step empty); the rows of one complaint repeat its columns. The
/// customer is found by the vehicle, else by name and phone; someone not
/// on file stays a name and a phone. A 回访发现 complaint is joined again
/// to the call that found it (same customer, day and category).
pub const COMPLAINTS_SHEET: RecordSheet = RecordSheet {
    name: "投诉登记",
    columns: &[
        ("投诉单号", 15),
        ("受理日期", 12),
        ("来源", 9),
        ("投诉人", 10),
        ("电话", 13),
        ("车架号", 20),
        ("类别", 10),
        ("投诉内容", 30),
        ("涉及员工", 10),
        ("负责人", 10),
        ("处理期限", 12),
        ("结案日期", 12),
        ("客户确认", 9),
        ("结案说明", 20),
        ("处理措施", 9),
        ("措施日期", 12),
        ("措施说明", 24),
        ("补偿金额", 10),
        ("经办人", 10),
    ],
    required: &[
        "投诉单号",
        "受理日期",
        "来源",
        "投诉人",
        "类别",
        "投诉内容",
        "负责人",
        "处理期限",
    ],
    key: Some("投诉单号"),
    line: Some((
        &["处理措施", "措施日期", "措施说明"],
        &[
            "受理日期",
            "来源",
            "投诉人",
            "电话",
            "车架号",
            "类别",
            "投诉内容",
            "涉及员工",
            "负责人",
            "处理期限",
            "结案日期",
            "客户确认",
            "结案说明",
        ],
    )),
    export_sql: || {
        format!(
            "SELECT k.complaint_no, k.received_on, {}, k.complainant, k.phone, coalesce(v.vin, ''), {}, k.content,
                coalesce(s.name, ''), k.owner, k.due_on, coalesce(k.closed_on, ''), {}, k.close_note,
                {}, coalesce(t.done_on, ''), coalesce(t.note, ''), {}, coalesce(t.operator, '')
             FROM complaint k LEFT JOIN vehicle v ON v.id = k.vehicle_id LEFT JOIN staff s ON s.id = k.staff_id
             LEFT JOIN complaint_step t ON t.complaint_id = k.id ORDER BY k.id, t.done_on, t.id",
            case("k.source", COMPLAINT_SOURCES),
            case("k.category", COMPLAINTS),
            case("coalesce(k.confirmation, '')", COMPLAINT_CONFIRMATIONS),
            case("coalesce(t.kind, '')", COMPLAINT_STEPS),
            opt_yuan("t.amount_fen"),
        )
    },
    import: |ctx, l| {
        const SHEET: &str = "投诉登记";
        let no = l.text("投诉单号", 20, true);
        let received = l.date("受理日期", ctx.today, true);
        let source = l.choice("来源", COMPLAINT_SOURCES);
        let complainant = l.text("投诉人", 40, true);
        let phone = l.text("电话", 20, false);
        let category = match l.choice("类别", COMPLAINTS) {
            Some("") => {
                l.bad("类别", "请填写类别");
                None
            }
            c => c,
        };
        let content = l.text("投诉内容", 500, true);
        let owner = l.text("负责人", 20, true);
        let due = l.date("处理期限", chrono::NaiveDate::MAX, true);
        let closed = l.date("结案日期", ctx.today, false);
        let confirmation = if l.get("客户确认").is_empty() {
            None
        } else {
            l.choice("客户确认", COMPLAINT_CONFIRMATIONS)
        };
        if closed.is_some() != confirmation.is_some() {
            l.bad("客户确认", "结案日期与客户确认须同时填写");
        }
        let close_note = l.text("结案说明", 300, false);
        let day = |d: &Option<String>| d.as_deref().and_then(|d| d.parse::<NaiveDate>().ok());
        l.f.not_before("处理期限", "处理期限", day(&due), "受理日期", day(&received));
        l.f.not_before("结案日期", "结案日期", day(&closed), "受理日期", day(&received));
        // the staff member involved, by name on the roster
        let staff_name = l.get("涉及员工");
        let staff: Option<i64> = if staff_name.is_empty() {
            None
        } else {
            let id = id_of(
                ctx.tx,
                "SELECT id FROM staff WHERE name = ?1 ORDER BY id LIMIT 1",
                &staff_name,
            )?;
            if id.is_none() {
                l.bad("涉及员工", format!("员工「{staff_name}」不在本店的人员名册中"));
            }
            id
        };
        let vehicle = if l.get("车架号").is_empty() {
            None
        } else {
            ctx.vehicle(l, "车架号")?
        };
        let customer: Option<i64> = match vehicle {
            Some((_, c)) => Some(c),
            None => ctx
                .tx
                .query_row(
                    "SELECT id FROM customer WHERE name = ?1 AND mobile = ?2 ORDER BY id LIMIT 1",
                    params![complainant, phone],
                    |r| r.get(0),
                )
                .optional()?,
        };
        // the step of this row, when it has one
        let kind = if l.get("处理措施").is_empty() {
            None
        } else {
            l.choice("处理措施", COMPLAINT_STEPS)
        };
        let step_on = l.date("措施日期", ctx.today, false);
        let step_note = l.text("措施说明", 300, false);
        let amount = l.fen("补偿金额", false);
        let operator = l.text("经办人", 20, false);
        match kind {
            Some(k) => {
                if step_on.is_none() && !l.f.has("措施日期") {
                    l.bad("措施日期", "有处理措施时须写措施日期");
                }
                if operator.is_empty() {
                    l.bad("经办人", "有处理措施时须写经办人");
                }
                match (k, amount) {
                    ("compensation", None) if !l.f.has("补偿金额") => l.bad("补偿金额", "补偿须写金额"),
                    (k, Some(_)) if k != "compensation" => l.bad("补偿金额", "只有补偿才填金额"),
                    _ => {}
                }
                l.f.not_before("措施日期", "措施日期", day(&step_on), "受理日期", day(&received));
            }
            None if step_on.is_some() || !step_note.is_empty() || amount.is_some() || !operator.is_empty() => {
                l.bad("处理措施", "有措施日期、说明、金额或经办人时须写处理措施")
            }
            None => {}
        }
        let (Some(received), Some(source), Some(category), Some(due), true) =
            (received, source, category, due, l.f.is_empty())
        else {
            return Ok(());
        };
        let follow_up: Option<i64> = match (source, customer) {
            ("follow_up", Some(c)) => ctx
                .tx
                .query_row(
                    "SELECT f.id FROM follow_up f WHERE f.customer_id = ?1 AND f.called_on = ?2 AND f.complaint = ?3
                       AND NOT EXISTS (SELECT 1 FROM complaint k WHERE k.follow_up_id = f.id)
                     ORDER BY f.id LIMIT 1",
                    params![c, received, category],
                    |r| r.get(0),
                )
                .optional()?,
            _ => None,
        };
        let stamp = ctx.stamp.clone();
        let id = ctx.header(
            SHEET,
            &no,
            "INSERT INTO complaint (complaint_no, received_on, source, follow_up_id, customer_id, complainant, phone,
                vehicle_id, category, content, staff_id, owner, due_on, closed_on, confirmation, close_note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            params![
                no,
                received,
                source,
                follow_up,
                customer,
                complainant,
                phone,
                vehicle.map(|v| v.0),
                category,
                content,
                staff,
                owner,
                due,
                closed,
                confirmation,
                close_note,
                stamp
            ],
        )?;
        if let Some(k) = kind {
            ctx.tx.execute(
                "INSERT INTO complaint_step (complaint_id, kind, done_on, note, amount_fen, operator)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, k, step_on, step_note, amount, operator],
            )?;
        }
        Ok(())
    },
};

pub const TRAINING_SUBJECTS: Choices = &crate::staff::training::SUBJECTS;

/// 培训记录: a row per attendee; the rows of one training repeat its
/// columns. An attendee of the shop is found on the roster by name; an
/// outlet's person names the outlet (网点).
pub const TRAININGS: RecordSheet = RecordSheet {
    name: "培训记录",
    columns: &[
        ("计划日期", 12),
        ("举办日期", 12),
        ("类别", 10),
        ("主题", 24),
        ("讲师", 10),
        ("学时", 6),
        ("地点", 12),
        ("备注", 20),
        ("参训人", 10),
        ("网点", 20),
        ("成绩", 6),
        ("证书", 12),
        ("证书有效期至", 14),
    ],
    required: &["计划日期", "类别", "主题", "讲师", "学时", "参训人"],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT t.planned_on, coalesce(t.held_on, ''), {}, t.title, t.trainer,
                CASE WHEN t.hours_tenths % 10 = 0 THEN CAST(t.hours_tenths / 10 AS TEXT)
                     ELSE printf('%d.%d', t.hours_tenths / 10, t.hours_tenths % 10) END,
                t.place, t.note, coalesce(s.name, a.name), coalesce(d.name, ''),
                coalesce(CAST(a.score AS TEXT), ''), a.certificate, coalesce(a.certificate_expires_on, '')
             FROM training t JOIN training_attendee a ON a.training_id = t.id
             LEFT JOIN staff s ON s.id = a.staff_id LEFT JOIN dealer d ON d.id = a.dealer_id
             ORDER BY t.planned_on, t.id, a.id",
            case("t.subject", TRAINING_SUBJECTS)
        )
    },
    import: |ctx, l| {
        let planned = l.date("计划日期", chrono::NaiveDate::MAX, true);
        let held = l.date("举办日期", ctx.today, false);
        let subject = l.choice("类别", TRAINING_SUBJECTS);
        let title = l.text("主题", 60, true);
        let trainer = l.text("讲师", 20, true);
        let hours = crate::staff::training::parse_hours(&l.get("学时"))
            .map_err(|m| l.bad("学时", m))
            .ok();
        let place = l.text("地点", 40, false);
        let note = l.text("备注", 300, false);
        let name = l.text("参训人", 20, true);
        let outlet = if l.get("网点").is_empty() {
            None
        } else {
            ctx.dealer(l, "网点")?
        };
        let staff: Option<i64> = if outlet.is_none() && l.get("网点").is_empty() && !name.is_empty() {
            let id = id_of(
                ctx.tx,
                "SELECT id FROM staff WHERE name = ?1 ORDER BY id LIMIT 1",
                &name,
            )?;
            if id.is_none() {
                l.bad("参训人", format!("「{name}」不在本店的人员名册中（网点人员请填网点）"));
            }
            id
        } else {
            None
        };
        let score = l.count("成绩", false);
        if matches!(score, Some(n) if n > 100) {
            l.bad("成绩", "成绩应为 0–100");
        }
        let certificate = l.text("证书", 30, false);
        let expires = l.date("证书有效期至", chrono::NaiveDate::MAX, false);
        if expires.is_some() && certificate.is_empty() {
            l.bad("证书", "填了证书有效期，请写证书名称");
        }
        if held.is_none() && (score.is_some() || !certificate.is_empty()) {
            l.bad("举办日期", "培训还没有举办（举办日期为空），不能有成绩或证书");
        }
        let day = |d: &Option<String>| d.as_deref().and_then(|d| d.parse::<NaiveDate>().ok());
        l.f.not_before("证书有效期至", "证书有效期", day(&expires), "举办日期", day(&held));
        let (Some(planned), Some(subject), Some(hours), true) = (planned, subject, hours, l.f.is_empty()) else {
            return Ok(());
        };
        let key = format!(
            "{planned}|{}|{subject}|{title}|{trainer}|{hours}|{place}|{note}",
            held.clone().unwrap_or_default()
        );
        let stamp = ctx.stamp.clone();
        let id = ctx.header(
            "培训记录",
            &key,
            "INSERT INTO training (planned_on, held_on, subject, title, trainer, hours_tenths, place, note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![planned, held, subject, title, trainer, hours, place, note, stamp],
        )?;
        ctx.tx.execute(
            "INSERT INTO training_attendee (training_id, staff_id, dealer_id, name, score, certificate,
                certificate_expires_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![id, staff, outlet, name, score, certificate, expires],
        )?;
        Ok(())
    },
};

pub const LOST_OUTCOMES: Choices = &crate::customers::lost::OUTCOMES;

/// 流失客户回访: a call-back to a customer not seen for months, with its
/// result (会再来, or the reason they were lost).
pub const LOST_CALLS: RecordSheet = RecordSheet {
    name: "流失客户回访",
    columns: &[
        ("客户", 10),
        ("手机", 13),
        ("车架号", 20),
        ("回访日期", 12),
        ("结果", 18),
        ("说明", 24),
        ("回访人", 10),
    ],
    required: &["客户", "回访日期", "结果", "回访人"],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT c.name, c.mobile, coalesce((SELECT vin FROM vehicle WHERE customer_id = c.id ORDER BY id LIMIT 1), ''),
                    l.recorded_on, {}, l.note, l.operator
             FROM customer_lost l JOIN customer c ON c.id = l.customer_id ORDER BY l.recorded_on, l.id",
            case("l.outcome", LOST_OUTCOMES)
        )
    },
    import: |ctx, l| {
        let name = l.text("客户", 40, true);
        let mobile = l.get("手机");
        let on = l.date("回访日期", ctx.today, true);
        let outcome = l.choice("结果", LOST_OUTCOMES);
        let note = l.text("说明", 200, false);
        let operator = l.text("回访人", 20, true);
        let customer = ctx.customer(l, &name, &mobile)?;
        if let (Some(c), Some(on), Some(outcome), true) = (customer, on, outcome, l.f.is_empty()) {
            ctx.tx.execute(
                "INSERT INTO customer_lost (customer_id, recorded_on, outcome, note, operator, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![c, on, outcome, note, operator, ctx.stamp],
            )?;
        }
        Ok(())
    },
};

pub const STANDARD_KINDS: Choices = &crate::staff::standards::KINDS;

/// 服务规范: the service principles and standards as the shop keeps them.
/// A new shop starts with the source text's fourteen; a row of a kind and
/// name the shop holds replaces its wording, post, measure and order.
pub const SERVICE_STANDARDS: RecordSheet = RecordSheet {
    name: "服务规范",
    columns: &[
        ("类型", 10),
        ("顺序", 6),
        ("名称", 12),
        ("内容", 40),
        ("负责岗位", 9),
        ("衡量方法", 30),
        ("在用", 6),
    ],
    required: &["类型", "名称", "内容"],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT {}, CAST(seq AS TEXT), title, content, owner_post, measure, {}
             FROM service_standard ORDER BY kind = 'standard', seq, id",
            case("kind", STANDARD_KINDS),
            case("CAST(active AS TEXT)", YES_NO)
        )
    },
    import: |ctx, l| {
        let kind = l.choice("类型", STANDARD_KINDS);
        let seq = l.count("顺序", false);
        let title = l.text("名称", 20, true);
        let content = l.text("内容", 300, true);
        let owner = l.get("负责岗位").to_uppercase();
        if !owner.is_empty() && crate::staff::posts::find(&owner).is_none() {
            l.bad("负责岗位", format!("没有岗位「{owner}」"));
        }
        let measure = l.text("衡量方法", 100, false);
        let active = if l.get("在用").is_empty() {
            Some("1")
        } else {
            l.choice("在用", YES_NO)
        };
        let (Some(kind), Some(active), true) = (kind, active, l.f.is_empty()) else {
            return Ok(());
        };
        let held: Option<i64> = ctx
            .tx
            .query_row(
                "SELECT id FROM service_standard WHERE kind = ?1 AND title = ?2",
                params![kind, title],
                |r| r.get(0),
            )
            .optional()?;
        let seq: i64 = match (seq, held) {
            (Some(n), _) => n,
            (None, Some(id)) => ctx
                .tx
                .query_row("SELECT seq FROM service_standard WHERE id = ?1", [id], |r| r.get(0))?,
            (None, None) => ctx.tx.query_row(
                "SELECT coalesce(max(seq), 0) + 1 FROM service_standard WHERE kind = ?1",
                [kind],
                |r| r.get(0),
            )?,
        };
        match held {
            Some(id) => ctx.tx.execute(
                "UPDATE service_standard SET seq = ?2, content = ?3, owner_post = ?4, measure = ?5, active = ?6
                 WHERE id = ?1",
                params![id, seq, content, owner, measure, active == "1"],
            )?,
            None => ctx.tx.execute(
                "INSERT INTO service_standard (kind, seq, title, content, owner_post, measure, active)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![kind, seq, title, content, owner, measure, active == "1"],
            )?,
        };
        Ok(())
    },
};

pub const CHECK_METHODS: Choices = &crate::staff::standards::METHODS;

/// 礼仪检查: a row per standard judged; the rows of one check repeat its
/// columns. The person is found on the roster by name, the standard in the
/// register by its name.
pub const ETIQUETTE_CHECKS: RecordSheet = RecordSheet {
    name: "礼仪检查",
    columns: &[
        ("检查日期", 12),
        ("被检查人", 10),
        ("检查人", 10),
        ("方式", 10),
        ("备注", 20),
        ("标准", 12),
        ("达标", 6),
        ("说明", 20),
    ],
    required: &["检查日期", "被检查人", "检查人", "方式", "标准", "达标"],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT c.checked_on, s.name, c.checker, {}, c.note, t.title, {}, i.note
             FROM etiquette_check c JOIN staff s ON s.id = c.staff_id
             JOIN etiquette_check_item i ON i.check_id = c.id JOIN service_standard t ON t.id = i.standard_id
             ORDER BY c.checked_on, c.id, t.seq, t.id",
            case("c.method", CHECK_METHODS),
            case("CAST(i.met AS TEXT)", YES_NO)
        )
    },
    import: |ctx, l| {
        let on = l.date("检查日期", ctx.today, true);
        let person = l.get("被检查人");
        let staff = id_of(
            ctx.tx,
            "SELECT id FROM staff WHERE name = ?1 ORDER BY id LIMIT 1",
            &person,
        )?;
        if staff.is_none() {
            l.bad("被检查人", format!("「{person}」不在本店的人员名册中"));
        }
        let checker = l.text("检查人", 20, true);
        let method = l.choice("方式", CHECK_METHODS);
        let note = l.text("备注", 300, false);
        let title = l.get("标准");
        let standard = id_of(
            ctx.tx,
            "SELECT id FROM service_standard WHERE kind = 'standard' AND title = ?1",
            &title,
        )?;
        if standard.is_none() {
            l.bad(
                "标准",
                format!("服务规范里没有标准「{title}」（也不在工作簿的「服务规范」里）"),
            );
        }
        let met = l.choice("达标", YES_NO);
        let item_note = l.text("说明", 100, false);
        let (Some(on), Some(staff), Some(method), Some(standard), Some(met), true) =
            (on, staff, method, standard, met, l.f.is_empty())
        else {
            return Ok(());
        };
        let key = format!("{on}|{staff}|{checker}|{method}|{note}");
        let stamp = ctx.stamp.clone();
        let id = ctx.header(
            "礼仪检查",
            &key,
            "INSERT INTO etiquette_check (checked_on, staff_id, checker, method, note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![on, staff, checker, method, note, stamp],
        )?;
        ctx.tx.execute(
            "INSERT INTO etiquette_check_item (check_id, standard_id, met, note) VALUES (?1, ?2, ?3, ?4)",
            params![id, standard, met == "1", item_note],
        )?;
        Ok(())
    },
};

pub const APPRAISAL_MEASURES: Choices = &crate::staff::appraisal::MEASURES;
pub const APPRAISAL_STATUSES: Choices = &crate::staff::appraisal::STATUSES;

/// 考核项目: each duty's appraisal items. A new shop starts with the
/// examples of migration 37; a row of a duty and name the shop holds
/// replaces its weight, measure, target and standard.
pub const APPRAISAL_ITEMS: RecordSheet = RecordSheet {
    name: "考核项目",
    columns: &[
        ("岗位职责", 8),
        ("顺序", 6),
        ("考核项目", 20),
        ("权重", 6),
        ("计量方法", 22),
        ("目标", 8),
        ("评分标准", 40),
        ("在用", 6),
    ],
    required: &["岗位职责", "考核项目", "权重", "计量方法"],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT duty, CAST(seq AS TEXT), name, CAST(weight AS TEXT), {}, coalesce(target, ''), standard, {}
             FROM appraisal_item ORDER BY duty, seq, id",
            case("measure", APPRAISAL_MEASURES),
            case("CAST(active AS TEXT)", YES_NO)
        )
    },
    import: |ctx, l| {
        let active = if l.get("在用").is_empty() {
            Some("1")
        } else {
            l.choice("在用", YES_NO)
        };
        let measure = l.choice("计量方法", APPRAISAL_MEASURES);
        let (Some(active), Some(measure)) = (active, measure) else {
            return Ok(());
        };
        let duty = l.get("岗位职责").to_uppercase();
        let name = l.get("考核项目");
        let held = ctx
            .tx
            .query_row(
                "SELECT id FROM appraisal_item WHERE duty = ?1 AND name = ?2",
                params![duty, name],
                |r| r.get(0),
            )
            .optional()?;
        let input = crate::staff::appraisal::AppraisalItemInput {
            duty,
            name,
            weight: l.get("权重"),
            measure: measure.into(),
            target: l.get("目标"),
            standard: l.get("评分标准"),
            active: active == "1",
        };
        match crate::staff::appraisal::save_item_in(ctx.tx, held, &input) {
            Ok(id) => {
                if let Some(seq) = l.count("顺序", false) {
                    ctx.tx
                        .execute("UPDATE appraisal_item SET seq = ?2 WHERE id = ?1", params![id, seq])?;
                }
            }
            Err(e) => input_problems(l, e, |f| match f {
                "duty" => "岗位职责",
                "weight" => "权重",
                "measure" => "计量方法",
                "target" => "目标",
                "standard" => "评分标准",
                _ => "考核项目",
            }),
        }
        Ok(())
    },
};

/// 绩效考核: a row per line of a sheet, the sheet's columns repeated on
/// each. Imported as made: the figures and scores are the sheet's, not
/// measured again; a final sheet is final again once all its lines are in.
pub const APPRAISALS: RecordSheet = RecordSheet {
    name: "绩效考核",
    columns: &[
        ("月份", 9),
        ("姓名", 10),
        ("岗位", 8),
        ("状态", 8),
        ("奖惩金额", 10),
        ("考核意见", 24),
        ("制作人", 10),
        ("制作时间", 18),
        ("定稿人", 10),
        ("定稿时间", 18),
        ("序号", 6),
        ("职责", 6),
        ("考核项目", 20),
        ("权重", 6),
        ("计量方法", 20),
        ("目标", 24),
        ("本月实际", 10),
        ("实际说明", 16),
        ("按记录计分", 10),
        ("得分", 6),
        ("说明", 20),
    ],
    required: &[
        "月份",
        "姓名",
        "岗位",
        "状态",
        "制作人",
        "制作时间",
        "序号",
        "职责",
        "考核项目",
        "权重",
        "计量方法",
        "按记录计分",
    ],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT a.month, s.name, a.posts, {}, {}, a.remarks, a.made_by, a.made_at, coalesce(a.finalised_by, ''),
                coalesce(a.finalised_at, ''), CAST(l.seq AS TEXT), l.duty, l.name, CAST(l.weight AS TEXT), {},
                l.target_text, coalesce(l.actual, ''), l.actual_text, {}, coalesce(l.score, ''), l.note
             FROM appraisal a JOIN staff s ON s.id = a.staff_id JOIN appraisal_line l ON l.appraisal_id = a.id
             ORDER BY a.month, a.id, l.seq",
            case("a.status", APPRAISAL_STATUSES),
            signed_yuan("a.reward_fen"),
            case("l.measure", APPRAISAL_MEASURES),
            case("CAST(l.auto AS TEXT)", YES_NO)
        )
    },
    import: |ctx, l| {
        let month = match crate::dates::Month::parse(&l.get("月份")) {
            Ok(m) => Some(m.iso()),
            Err(_) => {
                l.bad("月份", format!("月份「{}」应为 2026-11 这样的年月", l.get("月份")));
                None
            }
        };
        let person = l.get("姓名");
        let staff = id_of(
            ctx.tx,
            "SELECT id FROM staff WHERE name = ?1 ORDER BY id LIMIT 1",
            &person,
        )?;
        if staff.is_none() {
            l.bad("姓名", format!("「{person}」不在本店的人员名册中"));
        }
        let posts = l.get("岗位").to_uppercase();
        if posts.is_empty() || posts.split(',').any(|p| crate::staff::posts::find(p).is_none()) {
            l.bad("岗位", format!("岗位「{posts}」不认识（如 K 或 B,I）"));
        }
        let status = l.choice("状态", APPRAISAL_STATUSES);
        let reward = match l.get("奖惩金额") {
            v if v.is_empty() => Some(Money::ZERO),
            v => match Money::from_str(&v) {
                Ok(m) => Some(m),
                Err(e) => {
                    l.bad("奖惩金额", format!("奖惩金额：{}", e.0));
                    None
                }
            },
        };
        let remarks = l.text("考核意见", 500, false);
        let made_by = l.text("制作人", 20, true);
        let made_at = l.text("制作时间", 20, true);
        let final_by = l.text("定稿人", 20, false);
        let final_at = l.text("定稿时间", 20, false);
        if status == Some("final") && (final_by.is_empty() || final_at.is_empty()) {
            l.bad("定稿时间", "已定稿的考核表须有定稿人和定稿时间");
        }
        let seq = l.positive("序号");
        let duty = l.get("职责").to_uppercase();
        if !matches!(duty.as_str(), "A" | "B" | "C" | "D" | "E" | "F" | "G" | "H" | "I" | "J") {
            l.bad("职责", format!("职责「{duty}」应为 A–J"));
        }
        let name = l.text("考核项目", 30, true);
        let weight = l.positive("权重").filter(|w| *w <= 200);
        let measure = l.choice("计量方法", APPRAISAL_MEASURES);
        let target = l.text("目标", 200, false);
        let actual = l.get("本月实际");
        if !actual.is_empty() && rust_decimal::Decimal::from_str(&actual).is_err() {
            l.bad("本月实际", format!("本月实际「{actual}」应为数字"));
        }
        let actual_text = l.text("实际说明", 50, false);
        let auto = l.choice("按记录计分", YES_NO);
        let score = l.get("得分");
        match (rust_decimal::Decimal::from_str(&score), weight) {
            _ if score.is_empty() => {
                if auto == Some("1") || status == Some("final") {
                    l.bad("得分", "按记录计分的项目和已定稿的考核表须有得分");
                }
            }
            (Ok(v), Some(w)) if v >= rust_decimal::Decimal::ZERO && v <= rust_decimal::Decimal::from(w) => {}
            _ => l.bad("得分", format!("得分「{score}」应在 0 到权重之间")),
        }
        let note = l.text("说明", 200, false);
        let (
            Some(month),
            Some(staff),
            Some(status),
            Some(reward),
            Some(seq),
            Some(weight),
            Some(measure),
            Some(auto),
            true,
        ) = (month, staff, status, reward, seq, weight, measure, auto, l.f.is_empty())
        else {
            return Ok(());
        };
        let key = format!("{staff}|{month}");
        if !ctx.made.contains_key(&("绩效考核", key.clone())) {
            let held = ctx.tx.query_row(
                "SELECT 1 FROM appraisal WHERE staff_id = ?1 AND month = ?2",
                params![staff, month],
                |_| Ok(()),
            );
            if held.optional()?.is_some() {
                l.bad("月份", format!("本店已有 {person} {month} 的考核表"));
                return Ok(());
            }
        }
        // a draft first: its lines go in, then it is final (finish_appraisals)
        let id = ctx.header(
            "绩效考核",
            &key,
            "INSERT INTO appraisal (staff_id, month, posts, reward_fen, remarks, made_at, made_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![staff, month, posts, reward, remarks, made_at, made_by],
        )?;
        ctx.tx.execute(
            "INSERT INTO appraisal_line (appraisal_id, seq, duty, name, weight, measure, target_text, actual, actual_text,
                auto, score, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, nullif(?8, ''), ?9, ?10, nullif(?11, ''), ?12)",
            params![id, seq, duty, name, weight, measure, target, actual, actual_text, auto == "1", score, note],
        )?;
        if status == "final" {
            ctx.finals.insert(id, (final_at, final_by));
        }
        Ok(())
    },
};

/// The imported sheets that were final, final again now that all their
/// lines are in.
pub fn finish_appraisals(ctx: &Ctx) -> AppResult<()> {
    for (id, (at, by)) in &ctx.finals {
        ctx.tx.execute(
            "UPDATE appraisal SET status = 'final', finalised_at = ?2, finalised_by = ?3 WHERE id = ?1",
            params![id, at, by],
        )?;
    }
    Ok(())
}

pub const EQUIPMENT_KINDS: Choices = &crate::staff::equipment::KINDS;
pub const EQUIPMENT_STATES: Choices = &crate::staff::equipment::STATES;

/// 设备工具: the register, and the factory's required list (厂家必备数量)
/// with it — a shop imports the list as rows with 在用数量 0. A row whose
/// 编号 the shop holds replaces that item.
pub const EQUIPMENT: RecordSheet = RecordSheet {
    name: "设备工具",
    columns: &[
        ("编号", 10),
        ("名称", 20),
        ("型号规格", 16),
        ("类别", 8),
        ("在用数量", 8),
        ("厂家必备数量", 10),
        ("存放位置", 12),
        ("购置日期", 12),
        ("购置金额", 10),
        ("责任人", 10),
        ("状态", 8),
        ("保养校准周期（月）", 10),
        ("上次保养校准", 12),
        ("报废日期", 12),
        ("报废原因", 20),
        ("备注", 20),
    ],
    required: &["编号", "名称", "类别", "在用数量"],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT code, name, model, {}, CAST(qty AS TEXT), CAST(required_qty AS TEXT), location,
                coalesce(bought_on, ''), {}, keeper, {}, coalesce(CAST(service_months AS TEXT), ''),
                coalesce(last_serviced_on, ''), coalesce(scrapped_on, ''), scrap_reason, note
             FROM equipment ORDER BY code",
            case("kind", EQUIPMENT_KINDS),
            opt_yuan("value_fen"),
            case("state", EQUIPMENT_STATES)
        )
    },
    import: |ctx, l| {
        let state = if l.get("状态").is_empty() {
            Some("good")
        } else {
            l.choice("状态", EQUIPMENT_STATES)
        };
        let Some(state) = state else {
            return Ok(());
        };
        let scrapped_on = if state == "scrapped" {
            l.date("报废日期", ctx.today, true)
        } else {
            None
        };
        let reason = l.text("报废原因", 200, state == "scrapped");
        if !l.f.is_empty() {
            return Ok(());
        }
        let code = l.get("编号");
        let held: Option<i64> = ctx
            .tx
            .query_row("SELECT id FROM equipment WHERE code = ?1", [&code], |r| r.get(0))
            .optional()?;
        let input = crate::staff::equipment::EquipmentInput {
            code,
            name: l.get("名称"),
            model: l.get("型号规格"),
            kind: l.get("类别"),
            qty: l.get("在用数量"),
            required_qty: l.get("厂家必备数量"),
            location: l.get("存放位置"),
            bought_on: l.get("购置日期"),
            value: l.get("购置金额"),
            keeper: l.get("责任人"),
            state: if state == "repair" {
                "repair".into()
            } else {
                "good".into()
            },
            service_months: l.get("保养校准周期（月）"),
            last_serviced_on: l.get("上次保养校准"),
            note: l.get("备注"),
        };
        match crate::staff::equipment::save_in(ctx.tx, held, &input, ctx.today) {
            Ok(id) => {
                if state == "scrapped" {
                    ctx.tx.execute(
                        "UPDATE equipment SET state = 'scrapped', scrapped_on = ?2, scrap_reason = ?3 WHERE id = ?1",
                        params![id, scrapped_on, reason],
                    )?;
                }
            }
            Err(e) => input_problems(l, e, |f| match f {
                "code" => "编号",
                "name" => "名称",
                "model" => "型号规格",
                "kind" => "类别",
                "qty" => "在用数量",
                "requiredQty" => "厂家必备数量",
                "location" => "存放位置",
                "boughtOn" => "购置日期",
                "value" => "购置金额",
                "keeper" => "责任人",
                "serviceMonths" => "保养校准周期（月）",
                "lastServicedOn" => "上次保养校准",
                "state" => "状态",
                _ => "备注",
            }),
        }
        Ok(())
    },
};

/// 设备借用: the loans, out and back; the item by its 编号 (the shop's or
/// the 设备工具 sheet's).
pub const EQUIPMENT_LOANS: RecordSheet = RecordSheet {
    name: "设备借用",
    columns: &[
        ("编号", 10),
        ("借出日期", 12),
        ("借用人", 16),
        ("应还日期", 12),
        ("归还日期", 12),
        ("经办人", 10),
        ("备注", 20),
    ],
    required: &["编号", "借出日期", "借用人", "应还日期", "经办人"],
    key: None,
    line: None,
    export_sql: || {
        "SELECT e.code, l.lent_on, l.borrower, l.due_on, coalesce(l.returned_on, ''), l.operator, l.note
         FROM equipment_loan l JOIN equipment e ON e.id = l.equipment_id ORDER BY l.lent_on, l.id"
            .into()
    },
    import: |ctx, l| {
        let code = l.get("编号");
        let item = id_of(ctx.tx, "SELECT id FROM equipment WHERE code = ?1", &code)?;
        if item.is_none() {
            l.bad(
                "编号",
                format!("没有编号为「{code}」的设备工具（也不在工作簿的「设备工具」里）"),
            );
        }
        let lent = l.date("借出日期", ctx.today, true);
        let borrower = l.text("借用人", 30, true);
        let due = match crate::dates::parse_date("应还日期", &l.get("应还日期")) {
            Ok(d) => Some(d.to_string()),
            Err(_) => {
                l.bad("应还日期", format!("应还日期「{}」不是有效日期", l.get("应还日期")));
                None
            }
        };
        let back = l.date("归还日期", ctx.today, false);
        let operator = l.text("经办人", 20, true);
        let note = l.text("备注", 200, false);
        if matches!((&lent, &due), (Some(a), Some(b)) if b < a) {
            l.bad("应还日期", "应还日期早于借出日期");
        }
        if matches!((&lent, &back), (Some(a), Some(b)) if b < a) {
            l.bad("归还日期", "归还日期早于借出日期");
        }
        let (Some(item), Some(lent), Some(due), true) = (item, lent, due, l.f.is_empty()) else {
            return Ok(());
        };
        if back.is_none() {
            let open = ctx
                .tx
                .query_row(
                    "SELECT 1 FROM equipment_loan WHERE equipment_id = ?1 AND returned_on IS NULL",
                    [item],
                    |_| Ok(()),
                )
                .optional()?;
            if open.is_some() {
                l.bad("归还日期", format!("「{code}」已有一笔借出未还，同一件只能有一笔未还"));
                return Ok(());
            }
        }
        ctx.tx.execute(
            "INSERT INTO equipment_loan (equipment_id, lent_on, borrower, due_on, returned_on, operator, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![item, lent, borrower, due, back, operator, note],
        )?;
        Ok(())
    },
};

pub const DOCUMENT_KINDS: Choices = &crate::documents::KINDS;

/// 工厂文件: the factory's documents; a 服务活动/召回's vehicles in
/// 涉及范围 (「车型」, 「起～止」 or 「车型 起～止」, joined by 「；」).
pub const FACTORY_DOCUMENTS: RecordSheet = RecordSheet {
    name: "工厂文件",
    columns: &[
        ("文号", 16),
        ("类别", 12),
        ("标题", 30),
        ("收文日期", 12),
        ("内容摘要", 40),
        ("要求措施", 30),
        ("落实期限", 12),
        ("落实日期", 12),
        ("落实情况", 30),
        ("涉及范围", 40),
    ],
    required: &["文号", "类别", "标题", "收文日期"],
    key: Some("文号"),
    line: None,
    export_sql: || {
        format!(
            "SELECT d.doc_no, {}, d.title, d.received_on, d.content, d.action, coalesce(d.due_on, ''),
                coalesce(d.done_on, ''), d.done_note,
                coalesce((SELECT group_concat(p, '；') FROM (SELECT CASE WHEN s.vin_from = '' THEN s.model
                    WHEN s.model = '' THEN s.vin_from || '～' || s.vin_to
                    ELSE s.model || ' ' || s.vin_from || '～' || s.vin_to END AS p
                    FROM campaign_scope s WHERE s.document_id = d.id ORDER BY s.id)), '')
             FROM factory_document d ORDER BY d.received_on, d.id",
            case("d.kind", DOCUMENT_KINDS)
        )
    },
    import: |ctx, l| {
        let done = l.date("落实日期", ctx.today, false);
        let note = l.text("落实情况", 500, done.is_some());
        if !l.f.is_empty() {
            return Ok(());
        }
        let input = crate::documents::FactoryDocumentInput {
            kind: l.get("类别"),
            doc_no: l.get("文号"),
            title: l.get("标题"),
            received_on: l.get("收文日期"),
            content: l.get("内容摘要"),
            action: l.get("要求措施"),
            due_on: l.get("落实期限"),
            readers: Vec::new(),
            scope: crate::documents::parse_scope(&l.get("涉及范围")),
        };
        match crate::documents::save_in(ctx.tx, None, &input, ctx.today) {
            Ok(id) => {
                if let Some(done) = done {
                    if done < input.received_on {
                        l.bad("落实日期", "落实日期早于收文日期");
                        return Ok(());
                    }
                    ctx.tx.execute(
                        "UPDATE factory_document SET done_on = ?2, done_note = ?3 WHERE id = ?1",
                        params![id, done, note],
                    )?;
                }
            }
            Err(e) => input_problems(l, e, |f| match f {
                "kind" => "类别",
                "docNo" => "文号",
                "title" => "标题",
                "receivedOn" => "收文日期",
                "content" => "内容摘要",
                "action" => "要求措施",
                "dueOn" => "落实期限",
                "scope" => "涉及范围",
                _ => "文号",
            }),
        }
        Ok(())
    },
};

fn document_id(ctx: &Ctx, l: &mut Line) -> AppResult<Option<(i64, String)>> {
    let no = l.get("文号");
    let doc: Option<(i64, String)> = ctx
        .tx
        .query_row(
            "SELECT id, received_on FROM factory_document WHERE doc_no = ?1",
            [&no],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if doc.is_none() {
        l.bad(
            "文号",
            format!("没有文号为「{no}」的工厂文件（也不在工作簿的「工厂文件」里）"),
        );
    }
    Ok(doc)
}

/// 文件传达: who must read each document, and when each confirmed.
pub const DOCUMENT_READERS: RecordSheet = RecordSheet {
    name: "文件传达",
    columns: &[("文号", 16), ("姓名", 10), ("确认日期", 12), ("确认人", 14)],
    required: &["文号", "姓名"],
    key: None,
    line: None,
    export_sql: || {
        "SELECT d.doc_no, s.name, coalesce(r.confirmed_on, ''), r.confirmed_by
         FROM factory_document_reader r JOIN factory_document d ON d.id = r.document_id
         JOIN staff s ON s.id = r.staff_id ORDER BY d.received_on, d.id, s.id"
            .into()
    },
    import: |ctx, l| {
        let doc = document_id(ctx, l)?;
        let name = l.get("姓名");
        let staff = id_of(
            ctx.tx,
            "SELECT id FROM staff WHERE name = ?1 ORDER BY id LIMIT 1",
            &name,
        )?;
        if staff.is_none() {
            l.bad("姓名", format!("「{name}」不在本店的人员名册中"));
        }
        let on = l.date("确认日期", ctx.today, false);
        let by = l.text("确认人", 20, on.is_some());
        let (Some((doc, received)), Some(staff), true) = (doc, staff, l.f.is_empty()) else {
            return Ok(());
        };
        if on.as_ref().is_some_and(|d| *d < received) {
            l.bad("确认日期", "确认日期早于收文日期");
            return Ok(());
        }
        let held: Option<Option<String>> = ctx
            .tx
            .query_row(
                "SELECT confirmed_on FROM factory_document_reader WHERE document_id = ?1 AND staff_id = ?2",
                params![doc, staff],
                |r| r.get(0),
            )
            .optional()?;
        match held {
            Some(Some(d)) => l.bad("确认日期", format!("{name}已于 {d} 确认，与这一行不同")),
            Some(None) if on.is_none() => {}
            Some(None) => {
                ctx.tx.execute(
                    "UPDATE factory_document_reader SET confirmed_on = ?3, confirmed_by = ?4
                     WHERE document_id = ?1 AND staff_id = ?2",
                    params![doc, staff, on, by],
                )?;
            }
            None => {
                ctx.tx.execute(
                    "INSERT INTO factory_document_reader (document_id, staff_id, confirmed_on, confirmed_by)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![doc, staff, on, by],
                )?;
            }
        }
        Ok(())
    },
};

/// 服务活动车辆: each covered vehicle told (通知) or done (by a repair
/// order of that vehicle).
pub const CAMPAIGN_VEHICLES: RecordSheet = RecordSheet {
    name: "服务活动车辆",
    columns: &[
        ("文号", 16),
        ("车架号", 20),
        ("通知日期", 12),
        ("维修单号", 16),
        ("完成日期", 12),
        ("备注", 20),
    ],
    required: &["文号", "车架号"],
    key: None,
    line: None,
    export_sql: || {
        "SELECT d.doc_no, v.vin, coalesce(cv.notified_on, ''), coalesce(ro.order_no, ''), coalesce(cv.done_on, ''),
                cv.note
         FROM campaign_vehicle cv JOIN factory_document d ON d.id = cv.document_id
         JOIN vehicle v ON v.id = cv.vehicle_id LEFT JOIN repair_order ro ON ro.id = cv.repair_order_id
         ORDER BY d.received_on, d.id, v.vin"
            .into()
    },
    import: |ctx, l| {
        let doc = document_id(ctx, l)?;
        let vin = l.get("车架号");
        let vehicle = id_of(ctx.tx, "SELECT id FROM vehicle WHERE vin = ?1", &vin)?;
        if vehicle.is_none() {
            l.bad("车架号", format!("没有车架号为「{vin}」的车辆"));
        }
        let told = l.date("通知日期", ctx.today, false);
        let order = l.get("维修单号");
        let done = l.date("完成日期", ctx.today, !order.is_empty());
        let note = l.text("备注", 200, false);
        if told.is_none() && order.is_empty() {
            l.bad("通知日期", "请填写通知日期或完成的维修单号");
        }
        let (Some((doc, received)), Some(vehicle), true) = (doc, vehicle, l.f.is_empty()) else {
            return Ok(());
        };
        if told.as_ref().is_some_and(|d| *d < received) {
            l.bad("通知日期", "通知日期早于收文日期");
            return Ok(());
        }
        let covered: bool = ctx.tx.query_row(
            &format!(
                "SELECT count(*) > 0 FROM vehicle v WHERE v.id = ?2 AND {}",
                crate::documents::campaign::COVERED
            ),
            params![doc, vehicle],
            |r| r.get(0),
        )?;
        if !covered {
            l.bad("车架号", format!("「{vin}」不在该服务活动的范围内"));
            return Ok(());
        }
        ctx.tx.execute(
            "INSERT INTO campaign_vehicle (document_id, vehicle_id, notified_on, note) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (document_id, vehicle_id) DO UPDATE SET notified_on = excluded.notified_on,
                note = excluded.note",
            params![doc, vehicle, told, note],
        )?;
        if !order.is_empty() {
            match crate::documents::campaign::complete_in(ctx.tx, doc, vehicle, &order) {
                Ok(()) => {
                    let on: String = ctx.tx.query_row(
                        "SELECT done_on FROM campaign_vehicle WHERE document_id = ?1 AND vehicle_id = ?2",
                        params![doc, vehicle],
                        |r| r.get(0),
                    )?;
                    if done.as_deref() != Some(on.as_str()) {
                        l.bad("完成日期", format!("维修单 {order} 的完工日期是 {on}，与完成日期不符"));
                    }
                }
                Err(e) => input_problems(l, e, |_| "维修单号"),
            }
        }
        Ok(())
    },
};

/// Bytes of a file per 附件 row: its base64 (32,000 characters) stays
/// under Excel's 32,767 characters a cell.
pub const ATTACHMENT_PIECE: i64 = 24_000;
pub const ATTACHMENT_OWNERS: Choices = &crate::attachment::OWNER_KINDS;

/// 附件: the files kept in the data file, each over as many rows as it
/// needs (片段 「2/5」), in base64; a file is added when its last piece
/// has come and its size is right.
pub const ATTACHMENTS: RecordSheet = RecordSheet {
    name: "附件",
    columns: &[
        ("所属", 10),
        ("单号", 16),
        ("文件名", 24),
        ("添加时间", 18),
        ("添加人", 12),
        ("大小（字节）", 12),
        ("片段", 8),
        ("内容（base64）", 60),
    ],
    required: &[
        "所属",
        "单号",
        "文件名",
        "添加时间",
        "添加人",
        "大小（字节）",
        "片段",
        "内容（base64）",
    ],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "WITH RECURSIVE piece(id, i, n) AS (
                SELECT id, 1, (size + {p} - 1) / {p} FROM attachment
                UNION ALL SELECT id, i + 1, n FROM piece WHERE i < n)
             SELECT {}, CASE a.owner_kind WHEN 'factory_document'
                    THEN (SELECT doc_no FROM factory_document WHERE id = a.owner_id)
                    ELSE (SELECT claim_no FROM warranty_claim WHERE id = a.owner_id) END,
                a.file_name, a.added_at, a.added_by, CAST(a.size AS TEXT), p.i || '/' || p.n,
                m4s_base64(substr(a.content, (p.i - 1) * {p} + 1, {p}))
             FROM piece p JOIN attachment a ON a.id = p.id ORDER BY a.id, p.i",
            case("a.owner_kind", ATTACHMENT_OWNERS),
            p = ATTACHMENT_PIECE
        )
    },
    import: |ctx, l| {
        use base64::Engine;
        let kind = l.choice("所属", ATTACHMENT_OWNERS);
        let no = l.get("单号");
        let name = l.text("文件名", 120, true);
        let at = l.text("添加时间", 19, true);
        let by = l.text("添加人", 20, true);
        let size = l.count("大小（字节）", true);
        let piece = l.get("片段");
        let (i, n) = match piece
            .split_once('/')
            .map(|(a, b)| (a.trim().parse::<usize>(), b.trim().parse::<usize>()))
        {
            Some((Ok(i), Ok(n))) if i >= 1 && i <= n => (i, n),
            _ => {
                l.bad("片段", format!("片段「{piece}」应写成「序号/总数」，如 1/3"));
                (0, 0)
            }
        };
        let bytes = match base64::engine::general_purpose::STANDARD.decode(l.get("内容（base64）")) {
            Ok(b) => Some(b),
            Err(_) => {
                l.bad("内容（base64）", "内容不是有效的 base64 文本（文件已损坏或被改动）");
                None
            }
        };
        let (Some(kind), Some(size), Some(bytes), true) = (kind, size, bytes, l.f.is_empty()) else {
            return Ok(());
        };
        let owner_id = match kind {
            "factory_document" => id_of(ctx.tx, "SELECT id FROM factory_document WHERE doc_no = ?1", &no)?,
            _ => id_of(ctx.tx, "SELECT id FROM warranty_claim WHERE claim_no = ?1", &no)?,
        };
        let Some(owner_id) = owner_id else {
            l.bad(
                "单号",
                format!(
                    "没有单号为「{no}」的{}",
                    if kind == "factory_document" {
                        "工厂文件"
                    } else {
                        "三包索赔"
                    }
                ),
            );
            return Ok(());
        };
        let key = (kind.to_string(), no.clone(), name.clone(), at.clone());
        let row = l.row;
        let p = ctx.pieces.entry(key.clone()).or_insert_with(|| Pieces {
            row,
            owner: crate::attachment::Owner::parse(kind, owner_id).expect("a known kind"),
            added_by: by.clone(),
            size,
            parts: vec![None; n],
        });
        if p.parts.len() != n || p.size != size {
            l.bad(
                "片段",
                format!("「{name}」各片段的总数或大小不一致（与第 {} 行不同）", p.row),
            );
            return Ok(());
        }
        if p.parts[i - 1].is_some() {
            l.bad("片段", format!("「{name}」的片段 {piece} 重复"));
            return Ok(());
        }
        p.parts[i - 1] = Some(bytes);
        if p.parts.iter().all(Option::is_some) {
            let p = ctx.pieces.remove(&key).expect("present");
            let whole: Vec<u8> = p.parts.into_iter().flatten().flatten().collect();
            if whole.len() as i64 != p.size {
                l.bad(
                    "大小（字节）",
                    format!(
                        "「{name}」拼合后 {} 字节，与大小 {} 不符（文件不完整）",
                        whole.len(),
                        p.size
                    ),
                );
                return Ok(());
            }
            if let Err(e) = crate::attachment::add_bytes_in(ctx.tx, p.owner, &name, &whole, &at, &p.added_by) {
                l.bad("文件名", e.message);
            }
        }
        Ok(())
    },
};

/// The 附件 rows whose file never got all its pieces.
pub fn check_attachments(ctx: &Ctx, problems: &mut Vec<Problem>) {
    for ((_, _, name, _), p) in &ctx.pieces {
        let missing = p.parts.iter().filter(|x| x.is_none()).count();
        problems.push(Problem::row(
            ATTACHMENTS.name,
            p.row,
            format!(
                "附件「{name}」缺少 {missing} 个片段（共 {} 个），文件不完整",
                p.parts.len()
            ),
        ));
    }
}

/// 服务项目: the shop's service items with their standard hours and price;
/// a row whose 项目编号 the shop holds replaces that item.
pub const SERVICE_ITEMS: RecordSheet = RecordSheet {
    name: "服务项目",
    columns: &[
        ("项目编号", 10),
        ("项目名称", 16),
        ("工时定额", 10),
        ("标准工时费", 10),
        ("在用", 6),
        ("备注", 24),
    ],
    required: &["项目编号", "项目名称", "工时定额", "标准工时费"],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT code, name, hours, {}, {}, note FROM service_item ORDER BY code",
            yuan("price_fen"),
            case("CAST(active AS TEXT)", YES_NO)
        )
    },
    import: |ctx, l| {
        let active = if l.get("在用").is_empty() {
            Some("1")
        } else {
            l.choice("在用", YES_NO)
        };
        let Some(active) = active else {
            return Ok(());
        };
        let code = l.get("项目编号");
        let held = id_of(ctx.tx, "SELECT id FROM service_item WHERE code = ?1", &code)?;
        let input = crate::customers::service::ServiceItemInput {
            code,
            name: l.get("项目名称"),
            hours: l.get("工时定额"),
            price: l.get("标准工时费"),
            active: active == "1",
            note: l.get("备注"),
        };
        if let Err(e) = crate::customers::service::save_item_in(ctx.tx, held, &input) {
            input_problems(l, e, |f| match f {
                "code" => "项目编号",
                "name" => "项目名称",
                "hours" => "工时定额",
                "price" => "标准工时费",
                _ => "备注",
            });
        }
        Ok(())
    },
};

/// 维修项目: the items each repair order did, with the hours and price as
/// taken then.
pub const REPAIR_ITEMS: RecordSheet = RecordSheet {
    name: "维修项目",
    columns: &[("维修单号", 16), ("项目编号", 10), ("工时", 8), ("工时费", 10)],
    required: &["维修单号", "项目编号", "工时", "工时费"],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT o.order_no, s.code, i.hours, {} FROM repair_order_item i
             JOIN repair_order o ON o.id = i.repair_order_id JOIN service_item s ON s.id = i.item_id
             ORDER BY o.order_no, s.code",
            yuan("i.price_fen")
        )
    },
    import: |ctx, l| {
        let no = l.get("维修单号");
        let order = id_of(ctx.tx, "SELECT id FROM repair_order WHERE order_no = ?1", &no)?;
        if order.is_none() {
            l.bad("维修单号", format!("没有维修单「{no}」"));
        }
        let code = l.get("项目编号");
        let item = id_of(ctx.tx, "SELECT id FROM service_item WHERE code = ?1", &code)?;
        if item.is_none() {
            l.bad("项目编号", format!("没有项目编号为「{code}」的服务项目"));
        }
        let hours = l.get("工时");
        if rust_decimal::Decimal::from_str(&hours).map_or(true, |d| d <= rust_decimal::Decimal::ZERO) {
            l.bad("工时", format!("工时「{hours}」应为大于 0 的小时数"));
        }
        let fen = l.fen("工时费", true);
        let (Some(order), Some(item), Some(fen), true) = (order, item, fen, l.f.is_empty()) else {
            return Ok(());
        };
        let n = ctx.tx.execute(
            "INSERT OR IGNORE INTO repair_order_item (repair_order_id, item_id, hours, price_fen) VALUES (?1, ?2, ?3, ?4)",
            params![order, item, hours, fen],
        )?;
        if n == 0 {
            l.bad("项目编号", format!("维修单 {no} 已有服务项目 {code}，内容与这一行不同"));
        }
        Ok(())
    },
};

pub const PROCESS_STEPS: Choices = &crate::customers::service::RECORDED_STEPS;

/// 作业步骤: 诊断, 报价 and 质检 ticked on repair orders.
pub const REPAIR_STEPS: RecordSheet = RecordSheet {
    name: "作业步骤",
    columns: &[("维修单号", 16), ("步骤", 8), ("时间", 18), ("经办人", 10)],
    required: &["维修单号", "步骤", "时间", "经办人"],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT o.order_no, {}, t.done_at, t.who FROM repair_order_step t
             JOIN repair_order o ON o.id = t.repair_order_id
             ORDER BY o.order_no, CASE t.step WHEN 'diagnosis' THEN 1 WHEN 'quote' THEN 2 ELSE 3 END",
            case("t.step", PROCESS_STEPS)
        )
    },
    import: |ctx, l| {
        let no = l.get("维修单号");
        let order = id_of(ctx.tx, "SELECT id FROM repair_order WHERE order_no = ?1", &no)?;
        if order.is_none() {
            l.bad("维修单号", format!("没有维修单「{no}」"));
        }
        let step = l.choice("步骤", PROCESS_STEPS);
        let at = l.datetime("时间", true, false);
        let who = l.text("经办人", 20, true);
        let (Some(order), Some(step), Some(at), true) = (order, step, at, l.f.is_empty()) else {
            return Ok(());
        };
        let received: String =
            ctx.tx
                .query_row("SELECT received_at FROM repair_order WHERE id = ?1", [order], |r| {
                    r.get(0)
                })?;
        if at < received {
            l.bad("时间", format!("{at} 早于维修单的进厂时间 {received}"));
            return Ok(());
        }
        let n = ctx.tx.execute(
            "INSERT OR IGNORE INTO repair_order_step (repair_order_id, step, done_at, who) VALUES (?1, ?2, ?3, ?4)",
            params![order, step, at, who],
        )?;
        if n == 0 {
            l.bad("步骤", format!("维修单 {no} 的这一步已登记，内容与这一行不同"));
        }
        Ok(())
    },
};

pub const DEALER_ORDERS: RecordSheet = RecordSheet {
    name: "经销商订单",
    columns: &[
        ("订单号", 16),
        ("经销商", 16),
        ("订货日期", 12),
        ("备注", 20),
        ("配件编号", 16),
        ("配件名称", 16),
        ("订货数量", 9),
        ("首次供应数量", 12),
        ("已发数量", 9),
        ("首次发货日期", 12),
        ("一次供应期截止", 14),
        ("撤销或结案", 10),
        ("结案日期", 12),
        ("结案原因", 20),
    ],
    required: &["订单号", "经销商", "订货日期", "配件编号", "订货数量"],
    key: Some("订单号"),
    line: Some((
        &["配件编号"],
        &[
            "经销商",
            "订货日期",
            "备注",
            "首次发货日期",
            "一次供应期截止",
            "撤销或结案",
            "结案日期",
            "结案原因",
        ],
    )),
    export_sql: || {
        "SELECT o.order_no, d.name, o.ordered_on, o.note, p.part_no, p.name, CAST(l.qty_ordered AS TEXT),
                CAST(l.qty_first AS TEXT), CAST(l.qty_shipped AS TEXT), coalesce(o.first_delivery_on, ''),
                coalesce(o.supply_due_on, ''),
                CASE o.close_kind WHEN 'cancelled' THEN '撤销' WHEN 'short' THEN '结案' ELSE '' END,
                coalesce(o.closed_on, ''), o.close_reason
         FROM dealer_order o JOIN dealer d ON d.id = o.dealer_id JOIN dealer_order_line l ON l.order_id = o.id
         JOIN part p ON p.id = l.part_id ORDER BY o.id, l.id"
            .into()
    },
    import: |ctx, l| {
        const SHEET: &str = "经销商订单";
        let no = l.text("订单号", 30, true);
        let dealer_id = ctx.dealer(l, "经销商")?;
        let ordered = l.date("订货日期", ctx.today, true);
        let first_on = l.date("首次发货日期", ctx.today, false);
        // 一次供应期截止: as the workbook says, or the shop's window from
        // the order's receipt (a workbook made before it existed)
        let due = if l.get("一次供应期截止").is_empty() {
            let days = crate::parts::orders::window_days(ctx.tx)?;
            ordered
                .as_deref()
                .and_then(|d| d.parse().ok())
                .map(|d| crate::parts::orders::supply_due(d, days).to_string())
        } else {
            l.date("一次供应期截止", chrono::NaiveDate::MAX, true)
        };
        let close_kind = match l.get("撤销或结案").as_str() {
            "" => None,
            "撤销" => Some("cancelled"),
            "结案" => Some("short"),
            other => {
                l.bad("撤销或结案", format!("应为「撤销」「结案」或空，不是「{other}」"));
                None
            }
        };
        let closed_on = l.date("结案日期", ctx.today, close_kind.is_some());
        let close_reason = l.text("结案原因", 100, close_kind.is_some());
        if close_kind.is_none() && (closed_on.is_some() || !close_reason.is_empty()) {
            l.bad("撤销或结案", "有结案日期或原因，却没有写明「撤销」还是「结案」");
        }
        l.f.not_before(
            "一次供应期截止",
            "一次供应期截止",
            due.as_deref().and_then(|d| d.parse().ok()),
            "订货日期",
            ordered.as_deref().and_then(|d| d.parse().ok()),
        );
        let note = l.text("备注", 200, false);
        let part = ctx.part(l, "配件编号")?;
        let qty = l.positive("订货数量");
        let first = l.count("首次供应数量", false).unwrap_or(0);
        let shipped = l.count("已发数量", false).unwrap_or(0);
        if let Some(q) = qty {
            if first > q || shipped > q || first > shipped {
                l.bad("已发数量", "首次供应数量不能超过已发数量，已发数量不能超过订货数量");
            }
        }
        l.f.not_before(
            "首次发货日期",
            "首次发货日期",
            first_on.as_deref().and_then(|d| d.parse().ok()),
            "订货日期",
            ordered.as_deref().and_then(|d| d.parse().ok()),
        );
        if !l.f.is_empty() {
            return Ok(());
        }
        let stamp = ctx.stamp.clone();
        let order = ctx.header(
            SHEET,
            &no,
            "INSERT INTO dealer_order (order_no, dealer_id, ordered_on, note, first_delivery_on, created_at,
                                       supply_due_on, close_kind, closed_on, close_reason)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                no,
                dealer_id,
                ordered,
                note,
                first_on,
                stamp,
                due,
                close_kind,
                closed_on,
                close_reason
            ],
        )?;
        ctx.tx.execute(
            "INSERT INTO dealer_order_line (order_id, part_id, qty_ordered, qty_first, qty_shipped) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![order, part, qty, first, shipped],
        )?;
        Ok(())
    },
};

pub const DEALER_DELIVERIES: RecordSheet = RecordSheet {
    name: "经销商发货",
    columns: &[
        ("订单号", 16),
        ("发货次序", 8),
        ("发货日期", 12),
        ("经办人", 10),
        ("配件编号", 16),
        ("配件名称", 16),
        ("数量", 6),
        ("出入库编号", 10),
        ("单价", 10),
        ("货款", 11),
    ],
    required: &["订单号", "发货次序", "发货日期", "配件编号", "数量", "出入库编号"],
    key: Some("订单号"),
    line: Some((&["发货次序", "配件编号"], &[])),
    export_sql: || {
        format!(
            "SELECT o.order_no, CAST(dd.seq AS TEXT), dd.delivered_on, dd.operator, p.part_no, p.name,
                CAST(dl.qty AS TEXT), CAST(dl.movement_id AS TEXT), {}, {}
         FROM dealer_delivery_line dl JOIN dealer_delivery dd ON dd.id = dl.delivery_id
         JOIN dealer_order o ON o.id = dd.order_id JOIN dealer_order_line l ON l.id = dl.line_id
         JOIN part p ON p.id = l.part_id ORDER BY o.id, dd.seq, l.id",
            yuan("dl.unit_price_fen"),
            yuan("dl.amount_fen")
        )
    },
    import: |ctx, l| {
        let order = ctx.document(
            l,
            "订单号",
            "经销商订单",
            "SELECT id FROM dealer_order WHERE order_no = ?1",
            "订单",
        )?;
        let seq = l.positive("发货次序");
        let on = l.date("发货日期", ctx.today, true);
        let operator = l.text("经办人", 20, false);
        let part = ctx.part(l, "配件编号")?;
        let qty = l.positive("数量");
        let (Some(order), Some(seq), Some(on), Some(part), Some(qty)) = (order, seq, on, part, qty) else {
            return Ok(());
        };
        let Some(line_id) = ctx
            .tx
            .query_row(
                "SELECT id FROM dealer_order_line WHERE order_id = ?1 AND part_id = ?2",
                params![order, part],
                |r| r.get::<_, i64>(0),
            )
            .optional()?
        else {
            l.bad("配件编号", "这张订单没有订这个配件");
            return Ok(());
        };
        let Some(movement) = ctx.movement(l, "出入库编号", part, &["dealer"], -qty)? else {
            return Ok(());
        };
        // 单价 and 货款: as the workbook says; a workbook made before they
        // existed charged what the movement booked as received
        let (price_text, amount_text) = (l.get("单价"), l.get("货款"));
        let price = l.f.money("单价", "单价", &price_text);
        let amount = l.f.money("货款", "货款", &amount_text);
        let booked: i64 = ctx
            .tx
            .query_row("SELECT cash_fen FROM stock_movement WHERE id = ?1", [movement], |r| {
                r.get(0)
            })?;
        let (price_fen, amount_fen) = match (price, amount) {
            (None, None) => (booked / qty, booked),
            (Some(p), None) => (p.to_fen(), p.to_fen() * qty),
            (p, Some(a)) => (p.map_or(a.to_fen() / qty, |p| p.to_fen()), a.to_fen()),
        };
        if !l.f.is_empty() {
            return Ok(());
        }
        let delivery: Option<(i64, String, String)> = ctx
            .tx
            .query_row(
                "SELECT id, delivered_on, operator FROM dealer_delivery WHERE order_id = ?1 AND seq = ?2",
                params![order, seq],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let delivery = match delivery {
            Some((id, d, o)) if d == on && o == operator => id,
            Some(_) => {
                l.bad(
                    "发货日期",
                    format!("第 {seq} 次发货的日期或经办人与同一次发货的其他行不一致"),
                );
                return Ok(());
            }
            None => {
                ctx.tx.execute(
                    "INSERT INTO dealer_delivery (order_id, seq, delivered_on, operator) VALUES (?1, ?2, ?3, ?4)",
                    params![order, seq, on, operator],
                )?;
                ctx.tx.last_insert_rowid()
            }
        };
        ctx.tx.execute(
            "INSERT INTO dealer_delivery_line (delivery_id, line_id, qty, movement_id, unit_price_fen, amount_fen)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![delivery, line_id, qty, movement, price_fen, amount_fen],
        )?;
        Ok(())
    },
};

/// A signed amount in fen as its text (`-40.50`).
fn signed_yuan(expr: &str) -> String {
    format!("(CASE WHEN {expr} < 0 THEN '-' ELSE '' END || printf('%d.%02d', abs({expr}) / 100, abs({expr}) % 100))")
}

pub const DEALER_PAYMENTS: RecordSheet =
    RecordSheet {
        name: "经销商收款",
        columns: &[
            ("收款编号", 9),
            ("经销商", 16),
            ("收款日期", 12),
            ("金额", 11),
            ("方式", 8),
            ("订单号", 16),
            ("发货次序", 8),
            ("冲销编号", 9),
            ("经办人", 10),
            ("备注", 24),
        ],
        required: &["收款编号", "经销商", "收款日期", "金额"],
        // 收款编号 numbers the rows of one workbook (a reversal names the row it
        // reverses); it is not kept, so two shops' numbers never collide
        key: None,
        line: None,
        export_sql: || {
            format!(
                "SELECT CAST(p.id AS TEXT), d.name, p.paid_on, {}, p.method,
                    coalesce((SELECT o.order_no FROM dealer_delivery dd JOIN dealer_order o ON o.id = dd.order_id
                              WHERE dd.id = p.delivery_id), ''),
                    coalesce((SELECT CAST(dd.seq AS TEXT) FROM dealer_delivery dd WHERE dd.id = p.delivery_id), ''),
                    coalesce(CAST(p.reverses_id AS TEXT), ''), p.operator, p.note
             FROM dealer_payment p JOIN dealer d ON d.id = p.dealer_id ORDER BY p.id",
                signed_yuan("p.amount_fen")
            )
        },
        import: |ctx, l| {
            const SHEET: &str = "经销商收款";
            let no = l.text("收款编号", 20, true);
            let dealer_id = ctx.dealer(l, "经销商")?;
            let on = l.date("收款日期", ctx.today, true);
            let text = l.get("金额");
            let negative = text.trim_start().starts_with('-');
            let amount =
                l.f.money("金额", "金额", text.trim_start().trim_start_matches('-'))
                    .map(|m| if negative { -m.to_fen() } else { m.to_fen() });
            if amount == Some(0) {
                l.bad("金额", "金额不能为 0");
            }
            let method = l.text("方式", 10, false);
            if !method.is_empty() && !crate::parts::receivables::METHODS.contains(&method.as_str()) {
                l.bad(
                    "方式",
                    format!("方式应为{}之一", crate::parts::receivables::METHODS.join("、")),
                );
            }
            let operator = l.text("经办人", 20, false);
            let note = l.text("备注", 100, false);
            // paid with a delivery: the order and the delivery's number
            let order_no = l.get("订单号");
            let seq = l.get("发货次序");
            let delivery = if order_no.is_empty() {
                None
            } else {
                let order = ctx.document(
                    l,
                    "订单号",
                    "经销商订单",
                    "SELECT id FROM dealer_order WHERE order_no = ?1",
                    "订单",
                )?;
                match (order, seq.parse::<i64>()) {
                    (Some(o), Ok(s)) => {
                        let d = ctx
                            .tx
                            .query_row(
                                "SELECT id FROM dealer_delivery WHERE order_id = ?1 AND seq = ?2",
                                params![o, s],
                                |r| r.get::<_, i64>(0),
                            )
                            .optional()?;
                        if d.is_none() {
                            l.bad("发货次序", format!("订单 {order_no} 没有第 {seq} 次发货"));
                        }
                        d
                    }
                    (Some(_), Err(_)) => {
                        l.bad("发货次序", "随发货收款须写明是订单的第几次发货");
                        None
                    }
                    (None, _) => None,
                }
            };
            // a reversal: of a payment earlier in the sheet or of this shop's
            let reverses_text = l.get("冲销编号");
            let reverses = if reverses_text.is_empty() {
                None
            } else {
                let id = ctx
                    .made
                    .get(&(SHEET, reverses_text.clone()))
                    .copied()
                    .or_else(|| reverses_text.parse::<i64>().ok());
                let original: Option<(i64, i64)> = match id {
                    Some(id) => ctx
                        .tx
                        .query_row(
                            "SELECT dealer_id, amount_fen FROM dealer_payment WHERE id = ?1 AND reverses_id IS NULL",
                            [id],
                            |r| Ok((r.get(0)?, r.get(1)?)),
                        )
                        .optional()?,
                    None => None,
                };
                match original {
                    Some((d, a)) if Some(d) == dealer_id && Some(-a) == amount => id,
                    Some(_) => {
                        l.bad("冲销编号", "冲销的金额应为原收款的负数，经销商应相同");
                        None
                    }
                    None => {
                        l.bad("冲销编号", format!("找不到收款编号 {reverses_text}"));
                        None
                    }
                }
            };
            if amount.is_some_and(|a| a < 0) && reverses_text.is_empty() {
                l.bad("金额", "负数金额只能是冲销，请填写冲销编号");
            }
            if !l.f.is_empty() {
                return Ok(());
            }
            let stamp = ctx.stamp.clone();
            ctx.header(
            SHEET,
            &no,
            "INSERT INTO dealer_payment (dealer_id, paid_on, amount_fen, method, delivery_id, reverses_id, operator,
                                         note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                dealer_id,
                on,
                amount,
                if method.is_empty() { "现金".to_string() } else { method },
                delivery,
                reverses,
                operator,
                note,
                stamp
            ],
        )?;
            Ok(())
        },
    };

/// After the deliveries: each order this import created must show the
/// first-supply and shipped quantities its deliveries add up to.
pub fn check_dealer_orders(ctx: &Ctx, problems: &mut Vec<Problem>) -> AppResult<()> {
    for ((sheet, no), id) in &ctx.made {
        if *sheet != DEALER_ORDERS.name {
            continue;
        }
        let bad: i64 = ctx.tx.query_row(
            "SELECT count(*) FROM dealer_order_line l JOIN dealer_order o ON o.id = l.order_id
             WHERE l.order_id = ?1 AND (
                l.qty_first <> (SELECT coalesce(sum(dl.qty), 0) FROM dealer_delivery_line dl
                                JOIN dealer_delivery dd ON dd.id = dl.delivery_id
                                WHERE dl.line_id = l.id AND dd.delivered_on <= o.supply_due_on)
             OR l.qty_shipped <> (SELECT coalesce(sum(dl.qty), 0) FROM dealer_delivery_line dl WHERE dl.line_id = l.id)
             OR coalesce(o.first_delivery_on, '') <> coalesce((SELECT delivered_on FROM dealer_delivery
                                                                WHERE order_id = o.id AND seq = 1), ''))",
            [id],
            |r| r.get(0),
        )?;
        if bad > 0 {
            problems.push(Problem {
                field: None,
                sheet: Some(DEALER_ORDERS.name.into()),
                row: None,
                message: format!("订单 {no} 的首次供应数量、已发数量或首次发货日期与「经销商发货」中它的发货记录不符"),
            });
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- 建档费返厂

pub const FEE_BATCHES: RecordSheet = RecordSheet {
    name: "建档费返厂",
    columns: &[
        ("批次号", 14),
        ("返厂日期", 12),
        ("备注", 20),
        ("车架号", 20),
        ("客户", 10),
        ("建档费", 9),
    ],
    required: &["批次号", "返厂日期", "车架号"],
    key: Some("批次号"),
    line: Some((&["车架号"], &["返厂日期", "备注"])),
    export_sql: || {
        format!(
            "SELECT b.batch_no, b.returned_on, b.note, v.vin, c.name, {}
             FROM filing_fee_batch b JOIN vehicle v ON v.fee_batch_id = b.id JOIN customer c ON c.id = v.customer_id
             ORDER BY b.id, v.fee_registered_on, v.id",
            yuan("v.filing_fee_fen")
        )
    },
    import: |ctx, l| {
        const SHEET: &str = "建档费返厂";
        let no = l.text("批次号", 30, true);
        let on = l.date("返厂日期", ctx.today, true);
        let note = l.text("备注", 200, false);
        let v = ctx.vehicle(l, "车架号")?;
        let (Some(on), Some((vehicle, _))) = (on, v) else {
            return Ok(());
        };
        let (registered, batch): (Option<String>, Option<i64>) = ctx.tx.query_row(
            "SELECT fee_registered_on, fee_batch_id FROM vehicle WHERE id = ?1",
            [vehicle],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        match (registered, batch) {
            (None, _) => l.bad("车架号", "这辆车的建档费还没有登记，不能返厂"),
            (_, Some(_)) => l.bad("车架号", "这辆车的建档费已在另一批返厂"),
            (Some(reg), None) if reg > on => l.bad("返厂日期", format!("返厂日期早于建档费登记日期（{reg}）")),
            _ => {}
        }
        if !l.f.is_empty() {
            return Ok(());
        }
        let stamp = ctx.stamp.clone();
        let id = ctx.header(
            SHEET,
            &no,
            "INSERT INTO filing_fee_batch (batch_no, returned_on, note, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![no, on, note, stamp],
        )?;
        ctx.tx.execute(
            "UPDATE vehicle SET fee_batch_id = ?1 WHERE id = ?2",
            params![id, vehicle],
        )?;
        Ok(())
    },
};

// ---------------------------------------------------------------- 维修单

pub const REPAIRS: RecordSheet = RecordSheet {
    name: "维修单",
    columns: &[
        ("维修单号", 16),
        ("车架号", 20),
        ("客户", 10),
        ("类型", 9),
        ("进厂时间", 16),
        ("承诺交车", 16),
        ("维修技师", 10),
        ("接待员", 10),
        ("里程", 8),
        ("地点", 14),
        ("故障描述", 24),
        ("维修内容", 24),
        ("工时费", 9),
        ("配件金额", 10),
        ("实收", 9),
        ("状态", 9),
        ("完工时间", 16),
        ("交车时间", 16),
    ],
    required: &["维修单号", "车架号", "类型", "进厂时间", "承诺交车", "故障描述", "状态"],
    key: Some("维修单号"),
    line: None,
    export_sql: || {
        format!(
            "SELECT o.order_no, v.vin, c.name, {}, o.received_at, o.promised_at, o.technician, o.receptionist,
                coalesce(CAST(o.mileage AS TEXT), ''), o.place, o.complaint, o.work_done, {},
                (SELECT {} FROM repair_part WHERE repair_order_id = o.id), {}, {},
                coalesce(o.done_at, ''), coalesce(o.delivered_at, '')
             FROM repair_order o JOIN vehicle v ON v.id = o.vehicle_id JOIN customer c ON c.id = o.customer_id
             ORDER BY o.received_at, o.id",
            case("o.kind", REPAIR_KINDS),
            yuan("o.labour_fen"),
            yuan("coalesce(sum(qty * price_fen), 0)"),
            yuan("o.received_fen"),
            case("o.status", REPAIR_STATUSES),
        )
    },
    import: |ctx, l| {
        let no = l.text("维修单号", 30, true);
        let v = ctx.vehicle(l, "车架号")?;
        let kind = l.choice("类型", REPAIR_KINDS);
        let received = l.datetime("进厂时间", true, false);
        let promised = l.datetime("承诺交车", true, true);
        let technician = l.text("维修技师", 20, false);
        let receptionist = l.text("接待员", 20, false);
        let mileage = l.count("里程", false);
        let place = l.text("地点", 100, false);
        let complaint = l.text("故障描述", 500, true);
        let work = l.text("维修内容", 500, false);
        let labour = l.fen("工时费", false).unwrap_or(0);
        let received_fen = l.fen("实收", false).unwrap_or(0);
        let status = l.choice("状态", REPAIR_STATUSES);
        let done = l.datetime("完工时间", false, false);
        let delivered = l.datetime("交车时间", false, false);
        if let (Some(r), Some(p)) = (&received, &promised) {
            if p < r {
                l.bad("承诺交车", "承诺交车时间早于进厂时间");
            }
        }
        match (status, &done, &delivered) {
            (Some("open"), None, None) | (Some("done"), Some(_), None) | (Some("delivered"), Some(_), Some(_)) => {}
            (Some(s), _, _) => l.bad(
                "状态",
                format!(
                    "状态「{}」与完工、交车时间不符（在修：都不填；完工待交车：只填完工时间；已交车：都填）",
                    crate::form::label_of(REPAIR_STATUSES, s)
                ),
            ),
            _ => {}
        }
        if matches!((&received, &done), (Some(r), Some(d)) if d < r) {
            l.bad("完工时间", "完工时间早于进厂时间");
        }
        if matches!((&done, &delivered), (Some(d), Some(x)) if x < d) {
            l.bad("交车时间", "交车时间早于完工时间");
        }
        let (Some((vehicle, customer)), true) = (v, l.f.is_empty()) else {
            return Ok(());
        };
        ctx.tx.execute(
            "INSERT INTO repair_order (order_no, vehicle_id, customer_id, kind, received_at, promised_at, technician,
                mileage, place, complaint, work_done, labour_fen, received_fen, status, done_at, delivered_at, created_at,
                receptionist)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
            params![
                no, vehicle, customer, kind, received, promised, technician, mileage, place, complaint, work, labour,
                received_fen, status, done, delivered, ctx.stamp, receptionist
            ],
        )?;
        ctx.made.insert(("维修单", no), ctx.tx.last_insert_rowid());
        Ok(())
    },
};

pub const REPAIR_PARTS: RecordSheet = RecordSheet {
    name: "维修用料",
    columns: &[
        ("维修单号", 16),
        ("配件编号", 16),
        ("配件名称", 16),
        ("数量", 6),
        ("单价", 9),
        ("出入库编号", 10),
        ("三包", 6),
    ],
    required: &["维修单号", "配件编号", "数量", "单价", "出入库编号"],
    key: Some("维修单号"),
    line: Some((&["出入库编号"], &[])),
    export_sql: || {
        format!(
            "SELECT o.order_no, p.part_no, p.name, CAST(rp.qty AS TEXT), {}, CAST(rp.movement_id AS TEXT),
                {}
             FROM repair_part rp JOIN repair_order o ON o.id = rp.repair_order_id JOIN part p ON p.id = rp.part_id
             ORDER BY o.received_at, o.id, rp.id",
            yuan("rp.price_fen"),
            case("CAST(rp.covered AS TEXT)", YES_NO)
        )
    },
    import: |ctx, l| {
        let order = ctx.document(
            l,
            "维修单号",
            "维修单",
            "SELECT id FROM repair_order WHERE order_no = ?1",
            "维修单",
        )?;
        let part = ctx.part(l, "配件编号")?;
        let qty = l.positive("数量");
        let price = l.fen("单价", true);
        // 三包: fitted under warranty, issued as 三包更换 and charged at nothing
        let covered = if l.get("三包").is_empty() {
            Some(false)
        } else {
            l.choice("三包", YES_NO).map(|c| c == "1")
        };
        if covered == Some(true) && price.is_some_and(|p| p != 0) {
            l.bad("单价", "三包配件不向用户收费，单价应为 0");
        }
        let (Some(order), Some(part), Some(qty), Some(price), Some(covered)) = (order, part, qty, price, covered)
        else {
            return Ok(());
        };
        // a 三包 order's covered part is a 三包更换; a 首保's materials are 维修领用
        let first_service: bool = ctx.tx.query_row(
            "SELECT kind = 'first_service' FROM repair_order WHERE id = ?1",
            [order],
            |r| r.get(0),
        )?;
        let kind: &[&str] = if covered && !first_service {
            &["warranty"]
        } else {
            &["repair"]
        };
        let Some(m) = ctx.movement(l, "出入库编号", part, kind, -qty)? else {
            return Ok(());
        };
        if !l.f.is_empty() {
            return Ok(());
        }
        ctx.tx.execute(
            "INSERT INTO repair_part (repair_order_id, part_id, qty, price_fen, movement_id, covered)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![order, part, qty, price, m, covered],
        )?;
        Ok(())
    },
};

// ---------------------------------------------------------------- 回访、点检

pub const FOLLOW_UPS: RecordSheet = RecordSheet {
    name: "回访记录",
    columns: &[
        ("回访日期", 12),
        ("客户", 10),
        ("手机", 13),
        ("类型", 10),
        ("应回访日期", 12),
        ("有效", 6),
        ("满意度", 7),
        ("投诉类别", 10),
        ("记录", 30),
        ("回访人", 9),
        ("车架号", 20),
        ("维修单号", 16),
    ],
    required: &["回访日期", "客户", "类型", "有效", "回访人"],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT f.called_on, c.name, c.mobile, {}, coalesce(f.due_on, ''), {},
                coalesce(CAST(f.satisfaction AS TEXT), ''), {}, f.note, f.operator,
                coalesce(v.vin, ''), coalesce(o.order_no, '')
             FROM follow_up f JOIN customer c ON c.id = f.customer_id LEFT JOIN vehicle v ON v.id = f.vehicle_id
             LEFT JOIN repair_order o ON o.id = f.repair_order_id ORDER BY f.called_on, f.id",
            case("f.reason", FOLLOW_UP_REASONS),
            case("CAST(f.effective AS TEXT)", YES_NO),
            case("f.complaint", COMPLAINTS),
        )
    },
    import: |ctx, l| {
        let called = l.date("回访日期", ctx.today, true);
        let reason = l.choice("类型", FOLLOW_UP_REASONS);
        let due = l.date("应回访日期", chrono::NaiveDate::MAX, false);
        let effective = l.choice("有效", YES_NO).map(|c| c == "1");
        let satisfaction = l.count("满意度", false);
        if matches!(satisfaction, Some(s) if !(1..=5).contains(&s)) {
            l.bad("满意度", "满意度应为 1–5");
        }
        if effective == Some(false) && satisfaction.is_some() {
            l.bad("满意度", "无效回访不记满意度");
        }
        let complaint = l.choice("投诉类别", COMPLAINTS);
        let note = l.text("记录", 500, false);
        let operator = l.text("回访人", 20, true);
        let name = l.text("客户", 40, true);
        let mobile = l.get("手机");
        // the vehicle, when named, tells whose call it was; otherwise the
        // customer by name and mobile
        let vehicle = if l.get("车架号").is_empty() {
            None
        } else {
            ctx.vehicle(l, "车架号")?
        };
        let customer: Option<i64> = match vehicle {
            Some((_, c)) => Some(c),
            None => ctx
                .tx
                .query_row(
                    "SELECT id FROM customer WHERE name = ?1 AND mobile = ?2 ORDER BY id LIMIT 1",
                    params![name, mobile],
                    |r| r.get(0),
                )
                .optional()?,
        };
        if customer.is_none() && l.get("车架号").is_empty() {
            l.bad(
                "客户",
                format!("客户 {name}（{mobile}）不在本店，也不在工作簿的「客户车辆」里"),
            );
        }
        let order = ctx.optional_order(l, "维修单号")?;
        if !l.f.is_empty() {
            return Ok(());
        }
        ctx.tx.execute(
            "INSERT INTO follow_up (customer_id, vehicle_id, repair_order_id, reason, due_on, called_on, effective,
                satisfaction, complaint, note, operator, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                customer,
                vehicle.map(|v| v.0),
                order,
                reason,
                due,
                called,
                effective,
                satisfaction,
                complaint,
                note,
                operator,
                ctx.stamp
            ],
        )?;
        Ok(())
    },
};

/// 无法回访客户: customers marked as not reachable, with the reason and
/// the day (indicator 14 leaves them out of its base).
pub const UNREACHABLE: RecordSheet = RecordSheet {
    name: "无法回访客户",
    columns: &[
        ("客户", 10),
        ("手机", 13),
        ("车架号", 20),
        ("原因", 10),
        ("说明", 20),
        ("记录日期", 12),
    ],
    required: &["客户", "原因", "记录日期"],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT c.name, c.mobile, coalesce((SELECT vin FROM vehicle WHERE customer_id = c.id ORDER BY id LIMIT 1), ''),
                    {}, c.unreachable_note, c.unreachable_on
             FROM customer c WHERE c.unreachable_reason IS NOT NULL ORDER BY c.id",
            case("c.unreachable_reason", &crate::customers::follow_up::UNREACHABLE_REASONS)
        )
    },
    import: |ctx, l| {
        let name = l.text("客户", 40, true);
        let mobile = l.get("手机");
        let reason = l.choice("原因", &crate::customers::follow_up::UNREACHABLE_REASONS);
        let note = l.text("说明", 100, false);
        let on = l.date("记录日期", ctx.today, true);
        if reason == Some("other") && note.is_empty() {
            l.bad("说明", "原因为「其他」时请写明情况");
        }
        let customer = ctx.customer(l, &name, &mobile)?;
        if let (Some(c), Some(reason), Some(on), true) = (customer, reason, on, l.f.is_empty()) {
            let held: Option<String> =
                ctx.tx
                    .query_row("SELECT unreachable_reason FROM customer WHERE id = ?1", [c], |r| {
                        r.get(0)
                    })?;
            match held {
                Some(h) if h != reason => l.bad(
                    "原因",
                    format!(
                        "本店已将这位客户记为无法回访（{}）",
                        crate::customers::follow_up::unreachable_label(&h)
                    ),
                ),
                _ => {
                    ctx.tx.execute(
                        "UPDATE customer SET unreachable_reason = ?2, unreachable_on = ?3, unreachable_note = ?4
                         WHERE id = ?1",
                        params![c, reason, on, note],
                    )?;
                }
            }
        }
        Ok(())
    },
};

pub const INSPECTIONS: RecordSheet = RecordSheet {
    name: "点检记录",
    columns: &[
        ("点检日期", 12),
        ("车架号", 20),
        ("客户", 10),
        ("应点检日期", 12),
        ("里程", 8),
        ("点检技师", 10),
        ("点检结果", 30),
    ],
    required: &["点检日期", "车架号", "点检技师"],
    key: None,
    line: None,
    export_sql: || {
        "SELECT i.inspected_on, v.vin, c.name, coalesce(i.due_on, ''), coalesce(CAST(i.mileage AS TEXT), ''),
                i.technician, i.findings
         FROM inspection i JOIN vehicle v ON v.id = i.vehicle_id JOIN customer c ON c.id = v.customer_id
         ORDER BY i.inspected_on, i.id"
            .into()
    },
    import: |ctx, l| {
        let on = l.date("点检日期", ctx.today, true);
        let v = ctx.vehicle(l, "车架号")?;
        let due = l.date("应点检日期", chrono::NaiveDate::MAX, false);
        let mileage = l.count("里程", false);
        let technician = l.text("点检技师", 20, true);
        let findings = l.text("点检结果", 500, false);
        let (Some((vehicle, _)), true) = (v, l.f.is_empty()) else {
            return Ok(());
        };
        if let Some(d) = &due {
            let dup: i64 = ctx.tx.query_row(
                "SELECT count(*) FROM inspection WHERE vehicle_id = ?1 AND due_on = ?2",
                params![vehicle, d],
                |r| r.get(0),
            )?;
            if dup > 0 {
                l.bad("应点检日期", format!("这辆车应于 {d} 的点检已经记录过"));
                return Ok(());
            }
        }
        ctx.tx.execute(
            "INSERT INTO inspection (vehicle_id, due_on, inspected_on, mileage, technician, findings, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![vehicle, due, on, mileage, technician, findings, ctx.stamp],
        )?;
        Ok(())
    },
};

// ---------------------------------------------------------------- 三包

pub const OLD_PART_BATCHES: RecordSheet = RecordSheet {
    name: "旧件返厂",
    columns: &[("批次号", 14), ("发出日期", 12), ("工厂签收日期", 12), ("备注", 20)],
    required: &["批次号", "发出日期"],
    key: Some("批次号"),
    line: None,
    export_sql: || {
        "SELECT batch_no, shipped_on, coalesce(received_on, ''), note FROM old_part_batch ORDER BY id".into()
    },
    import: |ctx, l| {
        let no = l.text("批次号", 30, true);
        let shipped = l.date("发出日期", ctx.today, true);
        let received = l.date("工厂签收日期", ctx.today, false);
        let note = l.text("备注", 200, false);
        if matches!((&shipped, &received), (Some(s), Some(r)) if r < s) {
            l.bad("工厂签收日期", "工厂签收日期早于发出日期");
        }
        if l.f.is_empty() {
            ctx.tx.execute(
                "INSERT INTO old_part_batch (batch_no, shipped_on, received_on, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![no, shipped, received, note, ctx.stamp],
            )?;
            ctx.made.insert(("旧件返厂", no), ctx.tx.last_insert_rowid());
        }
        Ok(())
    },
};

pub const CLAIMS: RecordSheet = RecordSheet {
    name: "三包索赔",
    columns: &[
        ("索赔单号", 16),
        ("车架号", 20),
        ("客户", 10),
        ("发票日期", 12),
        ("报修日期", 12),
        ("里程", 8),
        ("故障描述", 24),
        ("故障类别", 10),
        ("主损件编号", 16),
        ("主损件", 14),
        ("鉴定员", 8),
        ("鉴定结果", 20),
        ("鉴定说明", 20),
        ("工时", 6),
        ("工时费", 9),
        ("配件金额", 10),
        ("维修日期", 12),
        ("状态", 8),
        ("提交日期", 12),
        ("批准/拒赔日期", 13),
        ("处理说明", 20),
        ("结算金额", 10),
        ("结算日期", 12),
        ("范围检查", 20),
        ("超范围理由", 16),
        ("维修单号", 16),
        ("维修技师", 10),
        ("结算配件", 10),
        ("结算工时", 10),
        ("类型", 6),
        ("处理结果", 8),
        ("包换包退日期", 12),
        ("包换包退内容", 16),
        ("包换包退说明", 20),
        ("退款金额", 10),
        ("报修网点", 16),
    ],
    required: &["索赔单号", "车架号", "发票日期", "报修日期", "里程", "故障描述", "状态"],
    key: Some("索赔单号"),
    line: None,
    export_sql: || {
        format!(
            "SELECT w.claim_no, v.vin, c.name, w.invoice_date, w.reported_on, CAST(w.mileage AS TEXT), w.fault,
                w.fault_category, coalesce(p.part_no, ''), coalesce(p.name, ''), w.appraiser, w.appraisal_result, w.appraisal_note, w.labour_hours,
                {}, (SELECT {} FROM warranty_claim_line WHERE claim_id = w.id), coalesce(w.repaired_on, ''), {},
                coalesce(w.submitted_on, ''), coalesce(w.decided_on, ''), w.decision_note, {},
                coalesce(w.settled_on, ''), w.coverage_issues, w.override_reason,
                coalesce((SELECT order_no FROM repair_order WHERE id = w.repair_order_id), ''), w.technician, {}, {},
                {}, {}, coalesce(w.outcome_on, ''), w.outcome_item, w.outcome_note, {},
                coalesce((SELECT name FROM dealer WHERE id = w.dealer_id), '')
             FROM warranty_claim w JOIN vehicle v ON v.id = w.vehicle_id JOIN customer c ON c.id = w.customer_id
             LEFT JOIN part p ON p.id = w.main_part_id ORDER BY w.reported_on, w.id",
            yuan("w.labour_fen"),
            yuan("coalesce(sum(value_fen), 0)"),
            case("w.status", CLAIM_STATUSES),
            opt_yuan("w.settled_fen"),
            opt_yuan("w.settled_parts_fen"),
            opt_yuan("w.settled_labour_fen"),
            case("w.claim_type", CLAIM_TYPES),
            case("w.outcome", CLAIM_OUTCOMES),
            opt_yuan("w.refund_fen"),
        )
    },
    import: |ctx, l| {
        let no = l.text("索赔单号", 30, true);
        let v = ctx.vehicle(l, "车架号")?;
        let invoice = l.date("发票日期", ctx.today, true);
        let reported = l.date("报修日期", ctx.today, true);
        let mileage = l.count("里程", true);
        let fault = l.text("故障描述", 500, true);
        let category = l.text("故障类别", 40, false);
        // 类型: 三包 (empty) or 首保; a 首保 has no failed part
        let claim_type = if l.get("类型").is_empty() {
            Some("warranty")
        } else {
            l.choice("类型", CLAIM_TYPES)
        };
        let first_service = claim_type == Some("first_service");
        let main = if first_service {
            if !l.get("主损件编号").is_empty() {
                l.bad("主损件编号", "首保索赔没有主损件");
            }
            None
        } else if l.get("主损件编号").is_empty() {
            l.bad("主损件编号", "三包索赔须有主损件编号");
            None
        } else {
            ctx.part(l, "主损件编号")?
        };
        let outcome = if l.get("处理结果").is_empty() {
            Some("repair")
        } else {
            l.choice("处理结果", CLAIM_OUTCOMES)
        };
        let outcome_on = l.date("包换包退日期", ctx.today, false);
        let outcome_item = l.text("包换包退内容", 100, false);
        let outcome_note = l.text("包换包退说明", 500, false);
        let refund = l.fen("退款金额", false);
        match outcome {
            Some("exchange" | "refund") if first_service => l.bad("处理结果", "首保索赔没有包换、包退"),
            Some("exchange" | "refund") if outcome_on.is_none() || outcome_item.is_empty() => {
                l.bad("包换包退日期", "包换、包退须有日期和内容")
            }
            Some("repair") if outcome_on.is_some() || !outcome_item.is_empty() => {
                l.bad("处理结果", "有包换包退日期或内容时，处理结果应为包换或包退")
            }
            _ => {}
        }
        if refund.is_some() && outcome != Some("refund") {
            l.bad("退款金额", "只有包退才有退款金额");
        }
        let appraiser = l.text("鉴定员", 20, false);
        let result = l.text("鉴定结果", 200, false);
        let appraisal_note = l.text("鉴定说明", 500, false);
        let hours = match l.get("工时") {
            h if h.is_empty() => "0".to_string(),
            h => match h.parse::<rust_decimal::Decimal>() {
                Ok(d) if !d.is_sign_negative() => h,
                _ => {
                    l.bad("工时", format!("工时「{h}」应为不小于 0 的数"));
                    h
                }
            },
        };
        let labour = l.fen("工时费", false).unwrap_or(0);
        let repaired = l.date("维修日期", ctx.today, false);
        let status = l.choice("状态", CLAIM_STATUSES);
        let submitted = l.date("提交日期", ctx.today, false);
        let decided = l.date("批准/拒赔日期", ctx.today, false);
        let decision_note = l.text("处理说明", 500, false);
        let settled = l.fen("结算金额", false);
        let settled_on = l.date("结算日期", ctx.today, false);
        let coverage = l.text("范围检查", 500, false);
        let override_reason = l.text("超范围理由", 500, false);
        let order = ctx.optional_order(l, "维修单号")?;
        if let Some(o) = order {
            let (order_vehicle, taken): (i64, Option<String>) = ctx.tx.query_row(
                "SELECT vehicle_id, (SELECT claim_no FROM warranty_claim WHERE repair_order_id = ?1)
                 FROM repair_order WHERE id = ?1",
                [o],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            if let Some(t) = taken {
                l.bad("维修单号", format!("维修单 {} 已有索赔单 {t}", l.get("维修单号")));
            } else if v.is_some_and(|(vehicle, _)| vehicle != order_vehicle) {
                l.bad("维修单号", format!("维修单 {} 是另一辆车的", l.get("维修单号")));
            }
        }
        let technician = l.text("维修技师", 20, false);
        // 报修网点: an outlet's claim (never one of the shop's orders)
        let dealer = if l.get("报修网点").is_empty() {
            None
        } else {
            ctx.dealer(l, "报修网点")?
        };
        if dealer.is_some() && order.is_some() {
            l.bad("报修网点", "网点报修的索赔没有本店的维修单");
        }
        let settled_parts = l.fen("结算配件", false);
        let settled_labour = l.fen("结算工时", false);
        if (settled_parts.is_some() || settled_labour.is_some())
            && settled.is_some()
            && settled_parts.unwrap_or(0) + settled_labour.unwrap_or(0) != settled.unwrap_or(0)
        {
            l.bad("结算配件", "结算配件与结算工时之和应等于结算金额");
        }
        let day = |d: &Option<String>| d.as_deref().and_then(|d| d.parse::<NaiveDate>().ok());
        l.f.not_before("报修日期", "报修日期", day(&reported), "发票日期", day(&invoice));
        l.f.not_before("提交日期", "提交日期", day(&submitted), "报修日期", day(&reported));
        l.f.not_before(
            "批准/拒赔日期",
            "批准/拒赔日期",
            day(&decided),
            "提交日期",
            day(&submitted),
        );
        l.f.not_before("结算日期", "结算日期", day(&settled_on), "批准/拒赔日期", day(&decided));
        match status {
            Some("settled") if settled_on.is_none() || settled.is_none() => {
                l.bad("结算日期", "已结算的索赔须有结算金额和结算日期")
            }
            Some(s) if s != "settled" && settled_on.is_some() => l.bad("结算日期", "只有已结算的索赔才有结算日期"),
            Some("draft") if submitted.is_some() => l.bad("提交日期", "录入中的索赔还没有提交日期"),
            Some("submitted" | "approved" | "rejected" | "returned" | "settled") if submitted.is_none() => {
                l.bad("提交日期", "已提交过的索赔须有提交日期")
            }
            Some("approved" | "rejected" | "settled") if decided.is_none() => {
                l.bad("批准/拒赔日期", "已批准、拒赔或结算的索赔须有批准/拒赔日期")
            }
            _ => {}
        }
        let (Some((vehicle, customer)), true) = (v, l.f.is_empty()) else {
            return Ok(());
        };
        ctx.tx.execute(
            "INSERT INTO warranty_claim (claim_no, vehicle_id, customer_id, invoice_date, mileage, reported_on, fault,
                fault_category, main_part_id, appraiser, appraisal_result, appraisal_note, labour_hours, labour_fen,
                coverage_issues, override_reason, status, repaired_on, submitted_on, decided_on, decision_note,
                settled_fen, settled_on, created_at, repair_order_id, technician, settled_parts_fen, settled_labour_fen,
                claim_type,
                outcome, outcome_on, outcome_item, outcome_note, refund_fen, dealer_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,
                ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35)",
            params![
                no,
                vehicle,
                customer,
                invoice,
                mileage,
                reported,
                fault,
                category,
                main,
                appraiser,
                result,
                appraisal_note,
                hours,
                labour,
                coverage,
                override_reason,
                status,
                repaired,
                submitted,
                decided,
                decision_note,
                settled,
                settled_on,
                ctx.stamp,
                order,
                technician,
                settled_parts,
                settled_labour,
                claim_type,
                outcome,
                outcome_on,
                outcome_item,
                outcome_note,
                refund,
                dealer
            ],
        )?;
        ctx.made.insert(("三包索赔", no), ctx.tx.last_insert_rowid());
        Ok(())
    },
};

pub const CLAIM_LINES: RecordSheet = RecordSheet {
    name: "三包用件",
    columns: &[
        ("索赔单号", 16),
        ("配件编号", 16),
        ("名称", 16),
        ("数量", 6),
        ("出入库编号", 10),
        ("账面金额", 10),
        ("更换日期", 12),
        ("返厂批次", 14),
        ("发出日期", 12),
        ("工厂签收", 12),
    ],
    required: &["索赔单号", "配件编号", "数量"],
    key: Some("索赔单号"),
    line: Some((&["配件编号"], &[])),
    export_sql: || {
        format!(
            "SELECT w.claim_no, p.part_no, p.name, CAST(l.qty AS TEXT), coalesce(CAST(l.movement_id AS TEXT), ''),
                {}, CASE WHEN l.movement_id IS NULL THEN '' ELSE coalesce(w.repaired_on, '') END,
                coalesce(b.batch_no, ''), coalesce(b.shipped_on, ''), coalesce(b.received_on, '')
             FROM warranty_claim_line l JOIN warranty_claim w ON w.id = l.claim_id JOIN part p ON p.id = l.part_id
             LEFT JOIN old_part_batch b ON b.id = l.old_batch_id ORDER BY w.reported_on, w.id, l.id",
            opt_yuan("l.value_fen")
        )
    },
    import: |ctx, l| {
        let claim = ctx.document(
            l,
            "索赔单号",
            "三包索赔",
            "SELECT id FROM warranty_claim WHERE claim_no = ?1",
            "索赔单",
        )?;
        let part = ctx.part(l, "配件编号")?;
        let qty = l.positive("数量");
        let (Some(claim), Some(part), Some(qty)) = (claim, part, qty) else {
            return Ok(());
        };
        let (movement, value) = if l.get("出入库编号").is_empty() {
            (None, None)
        } else {
            let first_service: bool = ctx.tx.query_row(
                "SELECT claim_type = 'first_service' FROM warranty_claim WHERE id = ?1",
                [claim],
                |r| r.get(0),
            )?;
            let kinds: &[&str] = if first_service { &["repair"] } else { &["warranty"] };
            match ctx.movement_of(l, "出入库编号", part, kinds, -qty, Some(claim))? {
                Some(m) => {
                    let v: i64 = ctx
                        .tx
                        .query_row("SELECT -value_fen FROM stock_movement WHERE id = ?1", [m], |r| r.get(0))?;
                    (Some(m), Some(v))
                }
                None => return Ok(()),
            }
        };
        let batch = if l.get("返厂批次").is_empty() {
            None
        } else {
            if movement.is_none() {
                l.bad("返厂批次", "没有出库（出入库编号）的配件不能返厂");
                return Ok(());
            }
            ctx.document(
                l,
                "返厂批次",
                "旧件返厂",
                "SELECT id FROM old_part_batch WHERE batch_no = ?1",
                "旧件返厂批次",
            )?
        };
        if !l.f.is_empty() {
            return Ok(());
        }
        ctx.tx.execute(
            "INSERT INTO warranty_claim_line (claim_id, part_id, qty, movement_id, value_fen, old_batch_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![claim, part, qty, movement, value, batch],
        )?;
        Ok(())
    },
};

pub const CLAIM_EVENTS: RecordSheet = RecordSheet {
    name: "三包记录",
    columns: &[
        ("索赔单号", 16),
        ("时间", 16),
        ("经办人", 10),
        ("动作", 10),
        ("原状态", 9),
        ("新状态", 9),
        ("说明", 30),
    ],
    required: &["索赔单号", "时间", "经办人", "动作"],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT w.claim_no, e.at, e.who, e.action, {}, {}, e.note
             FROM warranty_claim_event e JOIN warranty_claim w ON w.id = e.claim_id ORDER BY e.id",
            case("coalesce(e.from_status, '')", CLAIM_STATUSES),
            case("coalesce(e.to_status, '')", CLAIM_STATUSES),
        )
    },
    import: |ctx, l| {
        let claim = ctx.document(
            l,
            "索赔单号",
            "三包索赔",
            "SELECT id FROM warranty_claim WHERE claim_no = ?1",
            "索赔单",
        )?;
        let at = l.text("时间", 20, true);
        if !at.is_empty() && crate::dates::parse_date("时间", &at).is_err() {
            l.bad("时间", format!("时间「{at}」无效，应写成 2026-11-26 14:30 这样的形式"));
        }
        let who = l.text("经办人", 20, true);
        let action = l.text("动作", 20, true);
        let status = |l: &mut Line, h: &str| -> Option<String> {
            if l.get(h).is_empty() {
                None
            } else {
                l.choice(h, CLAIM_STATUSES).map(str::to_string)
            }
        };
        let from = status(l, "原状态");
        let to = status(l, "新状态");
        let note = l.text("说明", 500, false);
        if let (Some(claim), true) = (claim, l.f.is_empty()) {
            ctx.tx.execute(
                "INSERT INTO warranty_claim_event (claim_id, at, who, action, from_status, to_status, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![claim, at, who, action, from, to, note],
            )?;
        }
        Ok(())
    },
};

// ---------------------------------------------------------------- 盘点

pub const STOCKTAKES: RecordSheet = RecordSheet {
    name: "盘点",
    columns: &[
        ("盘点单号", 16),
        ("建单日期", 12),
        ("类别", 10),
        ("状态", 8),
        ("过账日期", 12),
        ("过账人", 10),
        ("配件编号", 16),
        ("配件名称", 16),
        ("账面数量", 9),
        ("实盘数量", 9),
        ("出入库编号", 10),
    ],
    required: &["盘点单号", "建单日期", "状态", "配件编号", "账面数量"],
    key: Some("盘点单号"),
    line: Some((&["配件编号"], &["建单日期", "类别", "状态", "过账日期", "过账人"])),
    export_sql: || {
        format!(
            "SELECT s.sheet_no, s.created_on, s.category, {}, coalesce(s.posted_on, ''), coalesce(s.posted_by, ''),
                p.part_no, p.name, CAST(l.book_qty AS TEXT), coalesce(CAST(l.counted_qty AS TEXT), ''),
                coalesce(CAST(l.movement_id AS TEXT), '')
             FROM stocktake s JOIN stocktake_line l ON l.stocktake_id = s.id JOIN part p ON p.id = l.part_id
             ORDER BY s.id, p.part_no",
            case("s.status", STOCKTAKE_STATUSES)
        )
    },
    import: |ctx, l| {
        const SHEET: &str = "盘点";
        let no = l.text("盘点单号", 30, true);
        let created = l.date("建单日期", ctx.today, true);
        let category = l.text("类别", 40, false);
        let status = l.choice("状态", STOCKTAKE_STATUSES);
        let posted_on = l.date("过账日期", ctx.today, false);
        let posted_by = l.text("过账人", 20, false);
        let part = ctx.part(l, "配件编号")?;
        let book = l.count("账面数量", true);
        let counted = l.count("实盘数量", false);
        if status == Some("posted") && (posted_on.is_none() || counted.is_none()) {
            l.bad("过账日期", "已过账的盘点单须有过账日期和每个配件的实盘数量");
        }
        if status == Some("counting") && posted_on.is_some() {
            l.bad("过账日期", "盘点中的单子还没有过账日期");
        }
        let (Some(part), Some(book), true) = (part, book, l.f.is_empty()) else {
            return Ok(());
        };
        let movement = match (l.get("出入库编号").is_empty(), counted) {
            (true, _) => None,
            (false, Some(c)) if c != book && status == Some("posted") => {
                let kind = if c > book { "gain" } else { "loss" };
                match ctx.movement(l, "出入库编号", part, &[kind], c - book)? {
                    Some(m) => Some(m),
                    None => return Ok(()),
                }
            }
            _ => {
                l.bad("出入库编号", "只有过账时有盘盈或盘亏的配件才有出入库编号");
                return Ok(());
            }
        };
        let stamp = ctx.stamp.clone();
        let id = ctx.header(
            SHEET,
            &no,
            "INSERT INTO stocktake (sheet_no, created_on, category, status, posted_on, posted_by, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                no,
                created,
                category,
                status,
                posted_on,
                (!posted_by.is_empty()).then_some(&posted_by),
                stamp
            ],
        )?;
        ctx.tx.execute(
            "INSERT INTO stocktake_line (stocktake_id, part_id, book_qty, counted_qty, movement_id) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, part, book, counted, movement],
        )?;
        Ok(())
    },
};

// ---------------------------------------------------------------- 5S

pub const FIVE_S_ITEMS: RecordSheet = RecordSheet {
    name: "5S检查表",
    columns: &[
        ("项目编号", 8),
        ("区域", 10),
        ("5S", 6),
        ("检查内容", 44),
        ("满分", 6),
        ("排序", 6),
        ("启用", 6),
    ],
    required: &["项目编号", "区域", "5S", "检查内容", "满分"],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT CAST(id AS TEXT), {}, s, text, CAST(max_score AS TEXT), CAST(sort AS TEXT), {}
             FROM five_s_item ORDER BY id",
            case("area", FIVE_S_AREAS),
            case("CAST(active AS TEXT)", YES_NO)
        )
    },
    // the checklist is the shop's setting: the workbook's item of the same
    // 项目编号 replaces the shop's (scores keep their own copy of the text)
    import: |ctx, l| {
        let id = l.positive("项目编号");
        let area = l.choice("区域", FIVE_S_AREAS);
        // the fifth S is stored as 素养; the text's 纪律 and the shown
        // 素养（纪律） are read as it
        let s = match l.get("5S").as_str() {
            "纪律" | "素养（纪律）" | "素养(纪律)" => "素养".to_string(),
            other => other.to_string(),
        };
        if !["整理", "整顿", "清扫", "清洁", "素养"].contains(&s.as_str()) {
            l.bad("5S", format!("5S「{s}」应为 整理、整顿、清扫、清洁 或 素养（纪律）"));
        }
        let text = l.text("检查内容", 200, true);
        let max = l.positive("满分");
        if matches!(max, Some(m) if m > 10) {
            l.bad("满分", "满分应为 1–10");
        }
        let sort = l.count("排序", false).or(id).unwrap_or(0);
        let active = match l.get("启用").as_str() {
            "" => true,
            _ => l.choice("启用", YES_NO) == Some("1"),
        };
        if l.f.is_empty() {
            ctx.tx.execute(
                "INSERT INTO five_s_item (id, area, s, text, max_score, sort, active) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (id) DO UPDATE SET area = excluded.area, s = excluded.s, text = excluded.text,
                    max_score = excluded.max_score, sort = excluded.sort, active = excluded.active",
                params![id, area, s, text, max, sort, active],
            )?;
        }
        Ok(())
    },
};

pub const FIVE_S: RecordSheet = RecordSheet {
    name: "5S检查",
    columns: &[
        ("月份", 9),
        ("检查日期", 12),
        ("检查人", 10),
        ("区域", 10),
        ("5S", 6),
        ("检查内容", 44),
        ("满分", 6),
        ("得分", 6),
        ("项目编号", 8),
        ("检查备注", 20),
    ],
    required: &[
        "月份",
        "检查日期",
        "检查人",
        "区域",
        "5S",
        "检查内容",
        "满分",
        "得分",
        "项目编号",
    ],
    key: Some("月份"),
    line: Some((&["项目编号"], &["检查日期", "检查人", "检查备注"])),
    export_sql: || {
        format!(
            "SELECT i.month, i.inspected_on, i.inspector, {}, sc.s, sc.text, CAST(sc.max_score AS TEXT),
                CAST(sc.score AS TEXT), CAST(sc.item_id AS TEXT), i.note
             FROM five_s_score sc JOIN five_s_inspection i ON i.id = sc.inspection_id
             ORDER BY i.month, CASE sc.area WHEN 'reception' THEN 0 WHEN 'workshop' THEN 1 ELSE 2 END, sc.item_id",
            case("sc.area", FIVE_S_AREAS)
        )
    },
    import: |ctx, l| {
        const SHEET: &str = "5S检查";
        let month = l.get("月份");
        let on = l.date("检查日期", ctx.today, true);
        if matches!(&on, Some(d) if !d.starts_with(&month)) {
            l.bad("月份", format!("检查日期不在月份 {month} 内"));
        }
        let inspector = l.text("检查人", 20, true);
        let note = l.text("检查备注", 500, false);
        let area = l.choice("区域", FIVE_S_AREAS);
        let s = l.text("5S", 4, true);
        let text = l.text("检查内容", 200, true);
        let max = l.positive("满分");
        let score = l.count("得分", true);
        if matches!((max, score), (Some(m), Some(s)) if s > m) {
            l.bad("得分", "得分不能超过满分");
        }
        let item = l.positive("项目编号");
        if let Some(i) = item {
            let known: i64 = ctx
                .tx
                .query_row("SELECT count(*) FROM five_s_item WHERE id = ?1", [i], |r| r.get(0))?;
            if known == 0 {
                l.bad("项目编号", format!("项目编号 {i} 不在 5S 检查表中"));
            }
        }
        if !l.f.is_empty() {
            return Ok(());
        }
        let stamp = ctx.stamp.clone();
        let id = ctx.header(
            SHEET,
            &month,
                    "INSERT INTO five_s_inspection (month, inspected_on, inspector, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![month, on, inspector, note, stamp],
                )?;
        ctx.tx.execute(
            "INSERT INTO five_s_score (inspection_id, item_id, area, s, text, max_score, score) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![id, item, area, s, text, max, score],
        )?;
        Ok(())
    },
};

pub const FIVE_S_FINDINGS: RecordSheet = RecordSheet {
    name: "5S问题",
    columns: &[
        ("月份", 9),
        ("区域", 10),
        ("问题", 36),
        ("责任人", 10),
        ("整改期限", 12),
        ("完成日期", 12),
    ],
    required: &["月份", "区域", "问题", "责任人", "整改期限"],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT i.month, {}, f.text, f.responsible, f.due_on, coalesce(f.closed_on, '')
             FROM five_s_finding f JOIN five_s_inspection i ON i.id = f.inspection_id ORDER BY i.month, f.id",
            case("f.area", FIVE_S_AREAS)
        )
    },
    import: |ctx, l| {
        let inspection = ctx.document(
            l,
            "月份",
            "5S检查",
            "SELECT id FROM five_s_inspection WHERE month = ?1",
            "5S检查月份",
        )?;
        let area = l.choice("区域", FIVE_S_AREAS);
        let text = l.text("问题", 200, true);
        let who = l.text("责任人", 20, true);
        let due = l.date("整改期限", chrono::NaiveDate::MAX, true);
        let closed = l.date("完成日期", ctx.today, false);
        if let (Some(i), true) = (inspection, l.f.is_empty()) {
            ctx.tx.execute(
                "INSERT INTO five_s_finding (inspection_id, area, text, responsible, due_on, closed_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![i, area, text, who, due, closed],
            )?;
        }
        Ok(())
    },
};

// ---------------------------------------------------------------- the shop's rules and texts

/// Problems of a whole input (a form's parse) as the row's.
fn input_problems(l: &mut Line, e: crate::AppError, label: impl Fn(&str) -> &'static str) {
    if e.problems.is_empty() {
        l.bad("", e.message);
    }
    for p in e.problems {
        let h = label(p.field.as_deref().unwrap_or(""));
        l.bad(h, p.message);
    }
}

/// 回访与点检规则: one row (none while the shop keeps the defaults).
pub const SERVICE_RULES: RecordSheet = RecordSheet {
    name: "回访点检规则",
    columns: &[
        ("购车回访天数", 12),
        ("维修回访天数", 12),
        ("首次点检（月）", 12),
        ("点检间隔（月）", 12),
        ("点检期限（月）", 12),
        ("保养承诺（分钟）", 14),
        ("维修承诺（分钟）", 14),
        ("三包承诺（分钟）", 14),
        ("上门承诺（分钟）", 14),
        ("流失客户（月）", 12),
    ],
    required: &[
        "购车回访天数",
        "维修回访天数",
        "首次点检（月）",
        "点检间隔（月）",
        "点检期限（月）",
    ],
    key: None,
    line: None,
    export_sql: || {
        "SELECT follow_up_sale_days, follow_up_repair_days, CAST(inspection_first_months AS TEXT),
                CAST(inspection_interval_months AS TEXT), CAST(inspection_span_months AS TEXT),
                CAST(wait_maintenance_minutes AS TEXT), CAST(wait_repair_minutes AS TEXT),
                CAST(wait_warranty_minutes AS TEXT), CAST(wait_onsite_minutes AS TEXT), CAST(lost_after_months AS TEXT)
         FROM service_rules"
            .into()
    },
    import: |ctx, l| {
        let defaults =
            crate::customers::rules::ServiceRulesInput::from(&crate::customers::rules::ServiceRules::default());
        let or = |v: String, d: &str| if v.is_empty() { d.to_string() } else { v };
        let input = crate::customers::rules::ServiceRulesInput {
            follow_up_sale_days: l.get("购车回访天数"),
            follow_up_repair_days: l.get("维修回访天数"),
            inspection_first_months: l.get("首次点检（月）"),
            inspection_interval_months: l.get("点检间隔（月）"),
            inspection_span_months: l.get("点检期限（月）"),
            wait_maintenance_minutes: or(l.get("保养承诺（分钟）"), &defaults.wait_maintenance_minutes),
            wait_repair_minutes: or(l.get("维修承诺（分钟）"), &defaults.wait_repair_minutes),
            wait_warranty_minutes: or(l.get("三包承诺（分钟）"), &defaults.wait_warranty_minutes),
            wait_onsite_minutes: or(l.get("上门承诺（分钟）"), &defaults.wait_onsite_minutes),
            lost_after_months: or(l.get("流失客户（月）"), &defaults.lost_after_months),
        };
        // the sheet's inspection rule becomes the one schedule; the 点检周期
        // sheet, read next, brings the schedules' history when it has one
        match crate::customers::rules::save_in(ctx.tx, &input) {
            Ok(r) => crate::customers::rules::set_schedule(ctx.tx, &r, None)?,
            Err(e) => input_problems(l, e, |f| match f {
                "followUpSaleDays" => "购车回访天数",
                "followUpRepairDays" => "维修回访天数",
                "inspectionFirstMonths" => "首次点检（月）",
                "inspectionIntervalMonths" => "点检间隔（月）",
                "inspectionSpanMonths" => "点检期限（月）",
                "waitMaintenanceMinutes" => "保养承诺（分钟）",
                "waitRepairMinutes" => "维修承诺（分钟）",
                "waitWarrantyMinutes" => "三包承诺（分钟）",
                "lostAfterMonths" => "流失客户（月）",
                _ => "上门承诺（分钟）",
            }),
        }
        Ok(())
    },
};

pub const INSPECTION_SCHEDULES: RecordSheet = RecordSheet {
    name: "点检周期",
    columns: &[
        ("适用售车日期起", 14),
        ("首次点检（月）", 12),
        ("点检间隔（月）", 12),
        ("点检期限（月）", 12),
    ],
    required: &["适用售车日期起", "首次点检（月）", "点检间隔（月）", "点检期限（月）"],
    key: Some("适用售车日期起"),
    line: None,
    export_sql: || {
        "SELECT from_date, CAST(first_months AS TEXT), CAST(interval_months AS TEXT), CAST(span_months AS TEXT)
         FROM inspection_schedule ORDER BY from_date"
            .into()
    },
    import: |ctx, l| {
        let from = l.get("适用售车日期起");
        // the first schedule's day is before any sale (0001-01-01)
        if from != "0001-01-01" {
            l.date("适用售车日期起", chrono::NaiveDate::MAX, true);
        }
        let mut n = |h: &str, lo: i64, hi: i64| -> u32 {
            match l.get(h).parse::<i64>() {
                Ok(v) if (lo..=hi).contains(&v) => v as u32,
                _ => {
                    l.bad(h, format!("{h}应为 {lo} 到 {hi} 之间的整数"));
                    0
                }
            }
        };
        let first = n("首次点检（月）", 1, 24);
        let interval = n("点检间隔（月）", 1, 24);
        let span = n("点检期限（月）", 1, 120);
        if l.f.is_empty() && span < first {
            l.bad("点检期限（月）", "点检期限不能短于首次点检的月数");
        }
        if !l.f.is_empty() {
            return Ok(());
        }
        ctx.tx.execute(
            "INSERT INTO inspection_schedule (from_date, first_months, interval_months, span_months, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (from_date) DO UPDATE SET first_months = ?2, interval_months = ?3, span_months = ?4",
            params![from, first, interval, span, ctx.stamp],
        )?;
        Ok(())
    },
};

/// 三包政策: a row per policy the shop has had, by 生效日期 (none while it
/// keeps the built-in example); the periods by part category one per line
/// in a cell: `发动机 24 30000`.
pub const WARRANTY_POLICY: RecordSheet = RecordSheet {
    name: "三包政策",
    columns: &[
        ("整车三包期（月）", 14),
        ("整车三包里程（公里）", 16),
        ("按配件类别（类别 月 公里，每行一类）", 30),
        ("易损件", 40),
        ("首保期（月）", 12),
        ("首保里程（公里）", 14),
        ("生效日期", 12),
    ],
    required: &["整车三包期（月）", "整车三包里程（公里）"],
    key: None,
    line: None,
    export_sql: || {
        "SELECT CAST(months AS TEXT), CAST(km AS TEXT), categories, wear_parts, CAST(first_service_months AS TEXT),
                CAST(first_service_km AS TEXT), CASE effective_from WHEN '0001-01-01' THEN '' ELSE effective_from END
         FROM warranty_policy_version ORDER BY effective_from"
            .into()
    },
    import: |ctx, l| {
        let input = crate::warranty::policy::PolicyInput {
            months: l.get("整车三包期（月）"),
            km: l.get("整车三包里程（公里）"),
            categories: l.get("按配件类别（类别 月 公里，每行一类）"),
            wear_parts: l.get("易损件"),
            first_service_months: l.get("首保期（月）"),
            first_service_km: l.get("首保里程（公里）"),
            effective_from: l.get("生效日期"),
        };
        if let Err(e) = crate::warranty::policy::import_in(ctx.tx, &input) {
            input_problems(l, e, |f| match f {
                "months" => "整车三包期（月）",
                "km" => "整车三包里程（公里）",
                "categories" => "按配件类别（类别 月 公里，每行一类）",
                "firstServiceMonths" => "首保期（月）",
                "firstServiceKm" => "首保里程（公里）",
                "effectiveFrom" => "生效日期",
                _ => "易损件",
            });
        }
        Ok(())
    },
};

/// 岗位说明书 as the shop edited them (a post keeping the text's own
/// description has no row).
pub const DESCRIPTIONS: RecordSheet = RecordSheet {
    name: "岗位说明书",
    columns: &[
        ("岗位", 6),
        ("上级岗位", 12),
        ("下级岗位", 12),
        ("岗位职责", 40),
        ("指标及目标", 30),
        ("岗位权限", 30),
        ("任职条件", 30),
    ],
    required: &["岗位", "岗位职责"],
    key: None,
    line: None,
    export_sql: || {
        "SELECT post_code, superior, subordinates, duties, targets, authority, requirements
         FROM position_description ORDER BY post_code"
            .into()
    },
    import: |ctx, l| {
        let code = l.get("岗位");
        let input = crate::staff::descriptions::DescriptionInput {
            superior: l.get("上级岗位"),
            subordinates: l.get("下级岗位"),
            duties: l.get("岗位职责"),
            targets: l.get("指标及目标"),
            authority: l.get("岗位权限"),
            requirements: l.get("任职条件"),
        };
        if let Err(e) = crate::staff::descriptions::save_in(ctx.tx, &code, &input) {
            input_problems(l, e, |f| match f {
                "superior" => "上级岗位",
                "subordinates" => "下级岗位",
                "duties" => "岗位职责",
                "targets" => "指标及目标",
                "authority" => "岗位权限",
                "requirements" => "任职条件",
                _ => "岗位",
            });
        }
        Ok(())
    },
};

/// 工厂上报: the months reported to the factory, with the seven figures as
/// they were sent.
pub const FACTORY_REPORTS: RecordSheet = RecordSheet {
    name: "工厂上报",
    columns: &[
        ("月份", 9),
        ("上报日期", 12),
        ("库存金额", 12),
        ("配件一次供应率", 14),
        ("三包费用率", 12),
        ("用户建档数量", 12),
        ("建档率", 9),
        ("回访率", 9),
        ("点检率", 9),
    ],
    required: &["月份", "上报日期"],
    key: Some("月份"),
    line: None,
    export_sql: || {
        "SELECT month, sent_on, coalesce(inventory_value, ''), coalesce(first_supply_rate, ''),
                coalesce(warranty_cost_rate, ''), coalesce(files, ''), coalesce(filing_rate, ''),
                coalesce(follow_up_rate, ''), coalesce(inspection_rate, '')
         FROM factory_report ORDER BY month"
            .into()
    },
    import: |ctx, l| {
        let month = match crate::dates::Month::parse(&l.get("月份")) {
            Ok(m) => Some(m),
            Err(e) => {
                l.bad("月份", e.message);
                None
            }
        };
        let sent = l.date("上报日期", ctx.today, true);
        if let (Some(m), Some(d)) = (month, &sent) {
            if d.as_str() < m.first_day().to_string().as_str() {
                l.bad("上报日期", "上报日期早于所报的月份");
            }
        }
        let figure = |l: &mut Line, h: &str| -> Option<String> {
            let v = l.text(h, 30, false);
            (!v.is_empty()).then_some(v)
        };
        let values: Vec<Option<String>> = [
            "库存金额",
            "配件一次供应率",
            "三包费用率",
            "用户建档数量",
            "建档率",
            "回访率",
            "点检率",
        ]
        .iter()
        .map(|h| figure(l, h))
        .collect();
        if let (Some(m), true) = (month, l.f.is_empty()) {
            ctx.tx.execute(
                "INSERT INTO factory_report (month, sent_on, inventory_value, first_supply_rate, warranty_cost_rate, files,
                    filing_rate, follow_up_rate, inspection_rate, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    m.iso(),
                    sent,
                    values[0],
                    values[1],
                    values[2],
                    values[3],
                    values[4],
                    values[5],
                    values[6],
                    ctx.stamp
                ],
            )?;
        }
        Ok(())
    },
};

/// 月结: every closing of a month, with its 22 figures and checklist as
/// stored (JSON in the cell: the record as it was signed), including the
/// reopened ones. Imported last: a closing freezes its month.
pub const MONTH_CLOSINGS: RecordSheet = RecordSheet {
    name: "月结",
    columns: &[
        ("月份", 9),
        ("月结时间", 20),
        ("月结人", 10),
        ("接受提示的原因", 24),
        ("反月结时间", 20),
        ("反月结人", 10),
        ("反月结原因", 24),
        ("22项指标（JSON）", 40),
        ("检查清单（JSON）", 40),
        ("口径", 6),
    ],
    required: &["月份", "月结时间", "月结人", "22项指标（JSON）"],
    key: None,
    line: None,
    export_sql: || {
        "SELECT month, closed_at, closed_by, accepted_reason, coalesce(reopened_at, ''), coalesce(reopened_by, ''),
                coalesce(reopen_reason, ''), figures, checklist, CAST(rules AS TEXT)
         FROM month_closing ORDER BY id"
            .into()
    },
    import: |ctx, l| {
        let month = match crate::dates::Month::parse(&l.get("月份")) {
            Ok(m) => Some(m),
            Err(e) => {
                l.bad("月份", e.message);
                None
            }
        };
        let closed_at = l.text("月结时间", 20, true);
        if !closed_at.is_empty() && crate::dates::parse_date("月结时间", &closed_at).is_err() {
            l.bad("月结时间", format!("月结时间「{closed_at}」无效"));
        }
        let by = l.text("月结人", 20, true);
        let accepted = l.text("接受提示的原因", 200, false);
        let reopened_at = l.text("反月结时间", 20, false);
        let reopened_by = l.text("反月结人", 20, false);
        let reopen_reason = l.text("反月结原因", 200, false);
        if reopened_at.is_empty() != reopened_by.is_empty() {
            l.bad("反月结人", "反月结时间和反月结人要么都填，要么都不填");
        }
        let figures = l.get("22项指标（JSON）");
        match serde_json::from_str::<Vec<(u8, Option<String>)>>(&figures) {
            Ok(v) if v.len() == 22 => {}
            _ => l.bad("22项指标（JSON）", "不是本程序写出的 22 项指标记录"),
        }
        // the rules its figures were computed under; a workbook made before
        // the column existed holds closings under the first rules
        let rules = match l.get("口径").as_str() {
            "" | "1" => 1i64,
            "2" => 2,
            "3" => 3,
            other => {
                l.bad("口径", format!("口径应为 1、2 或 3，不是「{other}」"));
                1
            }
        };
        let checklist = match l.get("检查清单（JSON）") {
            c if c.is_empty() => "[]".to_string(),
            c => {
                if serde_json::from_str::<Vec<crate::closing::CheckLine>>(&c).is_err() {
                    l.bad("检查清单（JSON）", "不是本程序写出的检查清单");
                }
                c
            }
        };
        if let (Some(m), true) = (month, l.f.is_empty()) {
            if reopened_at.is_empty() && crate::closing::is_closed(ctx.tx, m)? {
                l.bad("月份", format!("{} 在本店已经月结", crate::dates::month_label(m)));
                return Ok(());
            }
            let opt = |v: &str| (!v.is_empty()).then(|| v.to_string());
            ctx.tx.execute(
                "INSERT INTO month_closing (month, closed_at, closed_by, figures, checklist, accepted_reason,
                    reopened_at, reopened_by, reopen_reason, rules)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    m.iso(),
                    closed_at,
                    by,
                    figures,
                    checklist,
                    accepted,
                    opt(&reopened_at),
                    opt(&reopened_by),
                    if reopened_at.is_empty() {
                        None
                    } else {
                        Some(reopen_reason)
                    },
                    rules
                ],
            )?;
        }
        Ok(())
    },
};

/// The record sheets in the order they are imported: each after the
/// sheets whose records it names.
pub const SHEETS: &[&RecordSheet] = &[
    &PART_ACTIVE_CHANGES,
    &SERVICE_RULES,
    &INSPECTION_SCHEDULES,
    &WARRANTY_POLICY,
    &DESCRIPTIONS,
    &SERVICE_STANDARDS,
    &SERVICE_ITEMS,
    &DEALERS,
    &DEALER_VISITS,
    &DEALER_ORDERS,
    &DEALER_DELIVERIES,
    &DEALER_PAYMENTS,
    &FEE_BATCHES,
    &REPAIRS,
    &REPAIR_PARTS,
    &REPAIR_ITEMS,
    &REPAIR_STEPS,
    &FOLLOW_UPS,
    &UNREACHABLE,
    &COMPLAINTS_SHEET,
    &TRAININGS,
    &LOST_CALLS,
    &ETIQUETTE_CHECKS,
    &APPRAISAL_ITEMS,
    &APPRAISALS,
    &EQUIPMENT,
    &EQUIPMENT_LOANS,
    &INSPECTIONS,
    &OLD_PART_BATCHES,
    &CLAIMS,
    &CLAIM_LINES,
    &CLAIM_EVENTS,
    &FACTORY_DOCUMENTS,
    &DOCUMENT_READERS,
    &CAMPAIGN_VEHICLES,
    &ATTACHMENTS,
    &STOCKTAKES,
    &FIVE_S_ITEMS,
    &FIVE_S,
    &FIVE_S_FINDINGS,
    &FACTORY_REPORTS,
    &MONTH_CLOSINGS,
];
