//! 盘点：stocktake. A count sheet snapshots the book quantity of each active
//! part (of a category, or all); the counted quantities are entered; posting
//! books each difference (counted − book at the snapshot) as a 盘盈 or 盘亏
//! movement, all in one transaction. A sheet is posted once.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};

use super::ledger::{self, MovementKind, NewMovement};
use crate::error::{AppError, AppResult, ErrorCode, Problem};
use crate::money::Money;
use crate::sheet;
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct StocktakeLine {
    pub part_id: i64,
    pub part_no: String,
    pub name: String,
    /// 适用车型: seven parts may share the name 机油滤清器
    pub fitment: String,
    pub unit: String,
    pub bin_location: String,
    pub book_qty: i64,
    pub counted_qty: Option<i64>,
    /// counted − book, once counted
    pub difference: Option<i64>,
    pub average_cost: Money,
}

/// (code, label) of a count sheet's status: 盘点中, then 已过账.
pub const STATUSES: [(&str, &str); 2] = [("counting", "盘点中"), ("posted", "已过账")];

contract_codes!(StatusCode, "StocktakeStatus", STATUSES);

/// 盘点单的状态. Stored and sent as its code (`STATUSES`, in the same
/// order, gives the codes and labels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StocktakeStatus {
    /// 盘点中: counts may be entered and changed
    Counting,
    /// 已过账: the differences are in the ledger; the sheet no longer changes
    Posted,
}

impl StocktakeStatus {
    pub const ALL: [StocktakeStatus; 2] = [StocktakeStatus::Counting, StocktakeStatus::Posted];

    pub fn code(self) -> &'static str {
        STATUSES[self as usize].0
    }

    pub fn label(self) -> &'static str {
        STATUSES[self as usize].1
    }

    /// The stored code read back (a column the schema holds to these codes).
    fn from_column(code: &str, col: usize) -> rusqlite::Result<StocktakeStatus> {
        Self::ALL
            .into_iter()
            .find(|s| s.code() == code)
            .ok_or(rusqlite::Error::InvalidColumnType(
                col,
                "status".into(),
                rusqlite::types::Type::Text,
            ))
    }
}

/// A step on a count sheet's path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StocktakeAction {
    /// 录入实盘数量
    Count,
    /// 过账: the differences posted as 盘盈/盘亏
    Post,
}

/// A count sheet's path: counted while 盘点中, posted once; the status
/// `action` leaves a sheet in `status` in, or why it can't.
pub fn transition(status: StocktakeStatus, action: StocktakeAction) -> AppResult<StocktakeStatus> {
    use StocktakeAction as A;
    use StocktakeStatus as S;
    match (action, status) {
        (A::Count, S::Counting) => Ok(S::Counting),
        (A::Post, S::Counting) => Ok(S::Posted),
        (A::Count, S::Posted) => Err(AppError::new(ErrorCode::Conflict, "盘点单已过账，不能再修改")),
        (A::Post, S::Posted) => Err(AppError::new(ErrorCode::Conflict, "盘点单已经过账")),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Stocktake {
    pub id: i64,
    pub sheet_no: String,
    pub created_on: String,
    pub category: String,
    #[ts(as = "StatusCode")]
    pub status: StocktakeStatus,
    /// 盘点中 / 已过账
    pub status_label: &'static str,
    pub posted_on: Option<String>,
    /// empty in [`list`]'s summaries; [`get`] fills it
    pub lines: Vec<StocktakeLine>,
    /// 品种数: lines on the sheet
    pub line_count: usize,
    pub counted: usize,
    pub gain_qty: i64,
    pub loss_qty: i64,
}

#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct CountInput {
    pub part_id: i64,
    /// empty = not counted yet
    pub counted: String,
}

/// Makes a count sheet of the active parts (of `category`, or all).
pub fn create(store: &mut Store, category: &str, today: NaiveDate) -> AppResult<Stocktake> {
    let tx = store
        .conn_mut()
        .transaction_with_behavior(TransactionBehavior::Immediate)?;
    let open: Option<String> = tx
        .query_row(
            "SELECT sheet_no FROM stocktake WHERE status = 'counting' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(no) = open {
        return Err(AppError::new(
            ErrorCode::Conflict,
            format!("盘点单 {no} 还没有过账，请先完成或过账后再开新的盘点"),
        ));
    }
    let prefix = format!("PD-{}-", today.format("%Y%m%d"));
    let sheet_no = crate::store::next_number(&tx, "stocktake", "sheet_no", &prefix, 2)?;
    let now = crate::dates::stamp();
    tx.execute(
        "INSERT INTO stocktake (sheet_no, created_on, category, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![sheet_no, today.to_string(), category.trim(), now],
    )?;
    let id = tx.last_insert_rowid();
    let lines = tx.execute(
        "INSERT INTO stocktake_line (stocktake_id, part_id, book_qty)
         SELECT ?1, id, on_hand FROM part WHERE active = 1 AND (?2 = '' OR category = ?2)",
        params![id, category.trim()],
    )?;
    if lines == 0 {
        return Err(AppError::invalid(
            "category",
            "没有可盘点的配件（该类别下没有在用配件）",
        ));
    }
    let st = get(&tx, id)?;
    tx.commit()?;
    Ok(st)
}

pub fn get(conn: &Connection, id: i64) -> AppResult<Stocktake> {
    let head = conn
        .query_row(
            "SELECT id, sheet_no, created_on, category, status, posted_on FROM stocktake WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    StocktakeStatus::from_column(&r.get::<_, String>(4)?, 4)?,
                    r.get::<_, Option<String>>(5)?,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| AppError::not_found("找不到该盘点单"))?;
    let mut st = conn.prepare(
        "SELECT l.part_id, p.part_no, p.name, p.unit, p.bin_location, l.book_qty, l.counted_qty,
                p.stock_value_fen, p.on_hand, p.cost_price_fen, p.fitment
         FROM stocktake_line l JOIN part p ON p.id = l.part_id
         WHERE l.stocktake_id = ?1 ORDER BY p.bin_location, p.part_no",
    )?;
    let lines: Vec<StocktakeLine> = st
        .query_map([id], |r| {
            let book: i64 = r.get(5)?;
            let counted: Option<i64> = r.get(6)?;
            Ok(StocktakeLine {
                part_id: r.get(0)?,
                part_no: r.get(1)?,
                name: r.get(2)?,
                fitment: r.get(10)?,
                unit: r.get(3)?,
                bin_location: r.get(4)?,
                book_qty: book,
                counted_qty: counted,
                difference: counted.map(|c| c - book),
                average_cost: super::catalog::average_cost(r.get(7)?, r.get(8)?, r.get(9)?),
            })
        })?
        .collect::<Result<_, _>>()?;
    let diffs = lines.iter().filter_map(|l| l.difference);
    let (gain_qty, loss_qty) = diffs.fold((0, 0), |(g, l), d| if d > 0 { (g + d, l) } else { (g, l - d) });
    Ok(Stocktake {
        id: head.0,
        sheet_no: head.1,
        created_on: head.2,
        category: head.3,
        status_label: head.4.label(),
        status: head.4,
        posted_on: head.5,
        counted: lines.iter().filter(|l| l.counted_qty.is_some()).count(),
        line_count: lines.len(),
        lines,
        gain_qty,
        loss_qty,
    })
}

/// The latest sheets, newest first: summaries without lines (one query, so
/// the list stays quick when sheets hold every one of 20,000 parts).
pub fn list(conn: &Connection) -> AppResult<Vec<Stocktake>> {
    let mut st = conn.prepare(
        "SELECT s.id, s.sheet_no, s.created_on, s.category, s.status, s.posted_on,
                count(l.part_id), count(l.counted_qty),
                coalesce(sum(max(l.counted_qty - l.book_qty, 0)), 0),
                coalesce(sum(max(l.book_qty - l.counted_qty, 0)), 0)
         FROM (SELECT * FROM stocktake ORDER BY id DESC LIMIT 50) s
         LEFT JOIN stocktake_line l ON l.stocktake_id = s.id
         GROUP BY s.id ORDER BY s.id DESC",
    )?;
    let rows = st
        .query_map([], |r| {
            let status = StocktakeStatus::from_column(&r.get::<_, String>(4)?, 4)?;
            Ok(Stocktake {
                id: r.get(0)?,
                sheet_no: r.get(1)?,
                created_on: r.get(2)?,
                category: r.get(3)?,
                status_label: status.label(),
                status,
                posted_on: r.get(5)?,
                lines: Vec::new(),
                line_count: r.get::<_, i64>(6)? as usize,
                counted: r.get::<_, i64>(7)? as usize,
                gain_qty: r.get(8)?,
                loss_qty: r.get(9)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Saves counted quantities (all checked first; nothing saved on a problem).
pub fn save_counts(store: &mut Store, id: i64, counts: &[CountInput]) -> AppResult<Stocktake> {
    let tx = store
        .conn_mut()
        .transaction_with_behavior(TransactionBehavior::Immediate)?;
    let st = get(&tx, id)?;
    transition(st.status, StocktakeAction::Count)?;
    let mut p = Vec::new();
    let mut ok = Vec::new();
    for c in counts {
        let Some(line) = st.lines.iter().find(|l| l.part_id == c.part_id) else {
            p.push(Problem::field(&format!("part.{}", c.part_id), "盘点单中没有这个配件"));
            continue;
        };
        let t = c.counted.trim();
        if t.is_empty() {
            ok.push((c.part_id, None));
            continue;
        }
        match t.parse::<i64>() {
            Ok(n) if (0..=super::catalog::MAX_QTY).contains(&n) => ok.push((c.part_id, Some(n))),
            Ok(_) => p.push(Problem::field(
                &format!("part.{}", c.part_id),
                format!("{}：实盘数量须为 0 或正整数", line.name),
            )),
            Err(_) => p.push(Problem::field(
                &format!("part.{}", c.part_id),
                format!("{}：实盘数量「{t}」不是整数", line.name),
            )),
        }
    }
    if !p.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, p));
    }
    for (part_id, counted) in ok {
        tx.execute(
            "UPDATE stocktake_line SET counted_qty = ?3 WHERE stocktake_id = ?1 AND part_id = ?2",
            params![id, part_id, counted],
        )?;
    }
    let out = get(&tx, id)?;
    tx.commit()?;
    Ok(out)
}

/// Posts the differences as 盘盈/盘亏 movements dated `today`, in one transaction.
pub fn post(store: &mut Store, id: i64, operator: &str, today: NaiveDate) -> AppResult<Stocktake> {
    let tx = store
        .conn_mut()
        .transaction_with_behavior(TransactionBehavior::Immediate)?;
    let st = get(&tx, id)?;
    let posted = transition(st.status, StocktakeAction::Post)?;
    if operator.trim().is_empty() {
        return Err(AppError::invalid("operator", "请填写过账人"));
    }
    if st.counted == 0 {
        return Err(AppError::new(ErrorCode::Validation, "还没有录入任何实盘数量"));
    }
    for line in &st.lines {
        let Some(diff) = line.difference.filter(|d| *d != 0) else {
            continue;
        };
        let kind = if diff > 0 {
            MovementKind::Gain
        } else {
            MovementKind::Loss
        };
        let note = format!(
            "盘点单 {}：账面 {}，实盘 {}",
            st.sheet_no,
            line.book_qty,
            line.counted_qty.unwrap_or(0)
        );
        let m = ledger::post_new_in(
            &tx,
            &NewMovement::new(line.part_id, kind, diff.abs(), today, operator, note),
            today,
        )
        .map_err(|e| AppError::new(e.code, format!("{}：{}", line.name, e.message)))?;
        tx.execute(
            "UPDATE stocktake_line SET movement_id = ?3 WHERE stocktake_id = ?1 AND part_id = ?2",
            params![id, line.part_id, m.id],
        )?;
    }
    tx.execute(
        "UPDATE stocktake SET status = ?4, posted_on = ?2, posted_by = ?3 WHERE id = ?1",
        params![id, today.to_string(), operator.trim(), posted.code()],
    )?;
    let out = get(&tx, id)?;
    tx.commit()?;
    Ok(out)
}

/// The count sheet as .xlsx: bin, number, name, unit, book quantity and an
/// empty column for the counted quantity.
pub fn export_sheet(conn: &Connection, id: i64, path: &std::path::Path) -> AppResult<()> {
    let st = get(conn, id)?;
    let rows: Vec<Vec<String>> = st
        .lines
        .iter()
        .map(|l| {
            vec![
                l.bin_location.clone(),
                l.part_no.clone(),
                l.name.clone(),
                l.unit.clone(),
                l.book_qty.to_string(),
                l.counted_qty.map(|c| c.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    sheet::write_table(
        path,
        &format!("盘点单{}", st.sheet_no.trim_start_matches("PD-")),
        &[
            ("库位", 10),
            ("配件编号", 18),
            ("配件名称", 22),
            ("单位", 6),
            ("账面数量", 10),
            ("实盘数量", 10),
        ],
        &rows,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parts::catalog::{self, PartInput};
    use crate::parts::ledger::post_on;

    #[test]
    fn a_count_sheets_path_allows_only_its_steps() {
        use StocktakeAction as A;
        use StocktakeStatus as S;
        assert_eq!(transition(S::Counting, A::Count).unwrap(), S::Counting);
        assert_eq!(transition(S::Counting, A::Post).unwrap(), S::Posted);
        let refused = transition(S::Posted, A::Count).unwrap_err();
        assert_eq!(
            (refused.code, refused.message.as_str()),
            (ErrorCode::Conflict, "盘点单已过账，不能再修改")
        );
        let refused = transition(S::Posted, A::Post).unwrap_err();
        assert_eq!(
            (refused.code, refused.message.as_str()),
            (ErrorCode::Conflict, "盘点单已经过账")
        );
        for status in S::ALL {
            assert_eq!(serde_json::to_value(status).unwrap(), status.code());
            assert_eq!(S::from_column(status.code(), 4).unwrap(), status);
        }
        assert!(S::from_column("draft", 4).is_err());
    }

    use crate::parts::testkit::{day, mv, part};

    fn shop() -> Store {
        let mut s = Store::open_in_memory().unwrap();
        for (no, cat, qty) in [("A-1", "滤清器", "10"), ("B-2", "滤清器", "4"), ("C-3", "电气", "6")] {
            catalog::create(
                s.conn(),
                &PartInput {
                    category: cat.into(),
                    ..part(no, &format!("配件{no}"))
                },
            )
            .unwrap();
            post_on(&mut s, &mv(no, "receipt", qty, "2026-11-01"), day("2026-11-26")).unwrap();
        }
        s
    }

    #[test]
    fn count_then_post_books_gains_and_losses_once() {
        let mut s = shop();
        let t = day("2026-11-26");
        let st = create(&mut s, "滤清器", t).unwrap();
        assert_eq!(st.sheet_no, "PD-20261126-01");
        assert_eq!(st.lines.len(), 2);
        // a second open sheet is refused
        assert_eq!(create(&mut s, "", t).unwrap_err().code, ErrorCode::Conflict);
        let counts = [
            CountInput {
                part_id: st.lines[0].part_id,
                counted: "9".into(),
            },
            CountInput {
                part_id: st.lines[1].part_id,
                counted: "5".into(),
            },
        ];
        let st = save_counts(&mut s, st.id, &counts).unwrap();
        assert_eq!((st.gain_qty, st.loss_qty, st.counted), (1, 1, 2));
        // the list's summary (one query, no lines) agrees with the sheet
        let summary = &list(s.conn()).unwrap()[0];
        assert!(summary.lines.is_empty());
        assert_eq!(
            (summary.line_count, summary.counted, summary.gain_qty, summary.loss_qty),
            (2, 2, 1, 1)
        );
        let st = post(&mut s, st.id, "王经理", t).unwrap();
        assert_eq!((st.status, st.status_label), (StocktakeStatus::Posted, "已过账"));
        let on = |no: &str| catalog::find_by_no(s.conn(), no).unwrap().unwrap().on_hand;
        assert_eq!((on("A-1"), on("B-2"), on("C-3")), (9, 5, 6));
        let kinds: Vec<String> = s
            .conn()
            .prepare("SELECT kind FROM stock_movement WHERE note LIKE '盘点单%' ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(kinds, vec!["loss", "gain"]);
        assert_eq!(post(&mut s, st.id, "王经理", t).unwrap_err().message, "盘点单已经过账");
        assert_eq!(
            save_counts(&mut s, st.id, &counts).unwrap_err().message,
            "盘点单已过账，不能再修改"
        );
    }

    #[test]
    fn bad_counts_change_nothing() {
        let mut s = shop();
        let st = create(&mut s, "", day("2026-11-26")).unwrap();
        let e = save_counts(
            &mut s,
            st.id,
            &[
                CountInput {
                    part_id: st.lines[0].part_id,
                    counted: "7".into(),
                },
                CountInput {
                    part_id: st.lines[1].part_id,
                    counted: "-1".into(),
                },
                CountInput {
                    part_id: st.lines[2].part_id,
                    counted: "三".into(),
                },
            ],
        )
        .unwrap_err();
        assert_eq!(e.problems.len(), 2);
        assert!(
            e.problems[1].message.ends_with("实盘数量「三」不是整数"),
            "{:?}",
            e.problems
        );
        assert_eq!(
            get(s.conn(), st.id).unwrap().counted,
            0,
            "the good count was not saved either"
        );
        assert_eq!(
            post(&mut s, st.id, "王经理", day("2026-11-26")).unwrap_err().message,
            "还没有录入任何实盘数量"
        );
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("count.xlsx");
        export_sheet(s.conn(), st.id, &p).unwrap();
        let t = sheet::read_table(&p, 1 << 20).unwrap();
        assert_eq!(t.headers[5], "实盘数量");
        assert_eq!(t.rows.len(), 3);
    }
}
