//! 数据检查：the full check of a data file, beyond the quick check that
//! every start runs.
//!
//! A flipped bit on a disk can leave a file that SQLite opens and reads
//! without complaint, with a number silently changed. What can catch it:
//! `PRAGMA integrity_check` (every page and index against its table),
//! `PRAGMA foreign_key_check`, and the app's own invariants — a part's stock
//! and value are the sums of its movements, the last movement's balance is
//! the stock, the monthly totals are the movements' sums, a claim line's
//! value is what its movement took out, a repair order's part line is a
//! 维修领用 movement. [`run`] checks all of them and, when something is
//! wrong, names the newest backup that passes the same checks.
//! `moto4s check` and 设置 → 备份与恢复 → 全面检查 run it.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::backup::{self, BackupFile};
use crate::error::AppResult;
use crate::money::Money;
use crate::Store;

/// A part whose stock disagrees with its movements: number, name, on hand,
/// Σ delta, value, Σ value, the last movement's balance.
type PartMismatch = (String, String, i64, i64, Money, Money, Option<i64>);

/// At most this many lines of each kind are reported.
const MAX_LINES: usize = 20;

/// What the full check found.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckReport {
    /// nothing wrong
    pub ok: bool,
    /// what is wrong, in Chinese, one line each (at most 20 of each kind)
    pub problems: Vec<String>,
    /// when something is wrong: the newest backup that passes the same checks
    pub last_good_backup: Option<BackupFile>,
}

/// The full check of a connection's database: integrity_check, then
/// (when the pages are sound) foreign_key_check and the app's invariants.
/// Empty when all is well.
pub fn problems(conn: &Connection) -> AppResult<Vec<String>> {
    let integrity: Vec<String> = conn
        .prepare(&format!("PRAGMA integrity_check({MAX_LINES})"))?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    if integrity != ["ok"] {
        // a damaged b-tree makes the queries of the records unreliable
        return Ok(integrity.into_iter().map(|l| format!("完整性检查：{l}")).collect());
    }
    record_problems(conn)
}

/// The checks of the records themselves, on pages already known sound:
/// foreign keys and the app's invariants.
fn record_problems(conn: &Connection) -> AppResult<Vec<String>> {
    let mut out = Vec::new();
    let fk: Vec<(String, Option<i64>, String)> = conn
        .prepare("PRAGMA foreign_key_check")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .take(MAX_LINES)
        .collect::<Result<_, _>>()?;
    for (table, rowid, parent) in fk {
        let row = rowid.map(|r| format!("第 {r} 行")).unwrap_or_default();
        out.push(format!("表「{table}」{row}引用的「{parent}」记录不存在"));
    }
    let parts: Vec<PartMismatch> = conn
        .prepare(
            "SELECT p.part_no, p.name, p.on_hand, coalesce(s.d, 0), p.stock_value_fen, coalesce(s.v, 0),
                    (SELECT m.balance_qty FROM stock_movement m WHERE m.part_id = p.id
                     ORDER BY m.moved_on DESC, m.id DESC LIMIT 1)
             FROM part p
             LEFT JOIN (SELECT part_id, sum(delta) AS d, sum(value_fen) AS v FROM stock_movement GROUP BY part_id) s
                    ON s.part_id = p.id
             WHERE p.on_hand <> coalesce(s.d, 0) OR p.stock_value_fen <> coalesce(s.v, 0)
                OR p.on_hand <> coalesce((SELECT m.balance_qty FROM stock_movement m WHERE m.part_id = p.id
                                          ORDER BY m.moved_on DESC, m.id DESC LIMIT 1), 0)
             ORDER BY p.part_no",
        )?
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?
        .take(MAX_LINES)
        .collect::<Result<_, _>>()?;
    for (no, name, on_hand, sum, value, sum_value, last_balance) in parts {
        if on_hand != sum {
            out.push(format!("配件 {no} {name}：库存数量 {on_hand} 与出入库合计 {sum} 不符"));
        }
        if value != sum_value {
            out.push(format!(
                "配件 {no} {name}：库存金额 {} 与出入库合计 {} 不符",
                value.display_cny(),
                sum_value.display_cny()
            ));
        }
        if on_hand != last_balance.unwrap_or(0) {
            out.push(format!(
                "配件 {no} {name}：库存数量 {on_hand} 与最后一笔出入库后的结存 {} 不符",
                last_balance.unwrap_or(0)
            ));
        }
    }
    let months: Vec<(String, String, i64, i64, i64, i64)> = conn
        .prepare(
            "WITH m AS (SELECT substr(moved_on, 1, 7) AS month, kind, sum(delta) AS d, sum(value_fen) AS v
                        FROM stock_movement GROUP BY 1, 2),
                  t AS (SELECT month, kind, sum(delta) AS d, sum(value_fen) AS v FROM ledger_month GROUP BY 1, 2),
                  k AS (SELECT month, kind FROM m UNION SELECT month, kind FROM t)
             SELECT k.month, k.kind, coalesce(m.d, 0), coalesce(t.d, 0), coalesce(m.v, 0), coalesce(t.v, 0)
             FROM k LEFT JOIN m USING (month, kind) LEFT JOIN t USING (month, kind)
             WHERE coalesce(m.d, 0) <> coalesce(t.d, 0) OR coalesce(m.v, 0) <> coalesce(t.v, 0)
             ORDER BY 1, 2",
        )?
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })?
        .take(MAX_LINES)
        .collect::<Result<_, _>>()?;
    for (month, kind, d, td, v, tv) in months {
        out.push(format!(
            "{month} 的「{}」月汇总（数量 {td}，金额 {}）与出入库明细（数量 {d}，金额 {}）不符",
            crate::parts::ledger::MovementKind::from_code(&kind)
                .map(|k| k.label())
                .unwrap_or(kind.as_str()),
            Money::from_fen(tv).display_cny(),
            Money::from_fen(v).display_cny()
        ));
    }
    let claims: Vec<String> = conn
        .prepare(
            "SELECT DISTINCT c.claim_no FROM warranty_claim_line l
             JOIN warranty_claim c ON c.id = l.claim_id
             JOIN stock_movement m ON m.id = l.movement_id
             WHERE l.value_fen <> -m.value_fen OR m.part_id <> l.part_id OR m.qty <> l.qty
                -- a 三包 part is a 三包更换; a 首保's materials are 维修领用 at no charge
                OR m.kind <> CASE c.claim_type WHEN 'first_service' THEN 'repair' ELSE 'warranty' END
             ORDER BY c.claim_no",
        )?
        .query_map([], |r| r.get(0))?
        .take(MAX_LINES)
        .collect::<Result<_, _>>()?;
    for no in claims {
        out.push(format!("三包索赔 {no}：更换配件与其出库记录不符"));
    }
    let repairs: Vec<String> = conn
        .prepare(
            "SELECT DISTINCT o.order_no FROM repair_part rp
             JOIN repair_order o ON o.id = rp.repair_order_id
             JOIN stock_movement m ON m.id = rp.movement_id
             WHERE m.kind <> CASE WHEN rp.covered = 1 AND o.kind <> 'first_service' THEN 'warranty' ELSE 'repair' END
                OR m.part_id <> rp.part_id OR m.qty <> rp.qty
                -- a part fitted under warranty is also a line of the order's own claim
                OR (rp.covered = 1 AND NOT EXISTS (
                    SELECT 1 FROM warranty_claim_line l JOIN warranty_claim w ON w.id = l.claim_id
                     WHERE l.movement_id = rp.movement_id AND w.repair_order_id = rp.repair_order_id))
             ORDER BY o.order_no",
        )?
        .query_map([], |r| r.get(0))?
        .take(MAX_LINES)
        .collect::<Result<_, _>>()?;
    for no in repairs {
        out.push(format!("维修单 {no}：用料与其维修领用或三包更换出库记录不符"));
    }
    out.extend(follow_up_schedule_problems(conn)?);
    out.extend(malformed_values(conn)?);
    Ok(out)
}

/// 应回访 (`follow_up_due`, kept by migration 42's triggers) against what
/// the records schedule: every sale's and delivery's calls by the rules'
/// days, each answered when an effective call for it exists.
pub(crate) fn follow_up_schedule_problems(conn: &Connection) -> AppResult<Vec<String>> {
    let (missing, extra): (i64, i64) = conn.query_row(
        "WITH expected (reason, source_id, due_on, answered) AS (
             SELECT 'sale', v.id, date(v.sale_date, '+' || j.value || ' days'),
                    EXISTS (SELECT 1 FROM follow_up f WHERE f.vehicle_id = v.id AND f.reason = 'sale' AND f.effective = 1
                               AND f.due_on = date(v.sale_date, '+' || j.value || ' days'))
             FROM vehicle v, service_rules r, json_each('[' || r.follow_up_sale_days || ']') j
             WHERE r.id = 1 AND v.sold_here = 1 AND date(v.sale_date) IS NOT NULL
             UNION
             SELECT 'repair', o.id, date(substr(o.delivered_at, 1, 10), '+' || j.value || ' days'),
                    EXISTS (SELECT 1 FROM follow_up f WHERE f.repair_order_id = o.id AND f.effective = 1
                               AND f.due_on = date(substr(o.delivered_at, 1, 10), '+' || j.value || ' days'))
             FROM repair_order o, service_rules r, json_each('[' || r.follow_up_repair_days || ']') j
             WHERE r.id = 1 AND date(substr(o.delivered_at, 1, 10)) IS NOT NULL)
         SELECT (SELECT count(*) FROM (SELECT * FROM expected EXCEPT SELECT * FROM follow_up_due)),
                (SELECT count(*) FROM (SELECT * FROM follow_up_due EXCEPT SELECT * FROM expected))",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut out = Vec::new();
    if missing > 0 {
        out.push(format!(
            "应回访：{missing} 次按规则应有的回访（或其是否已回访）与回访计划不符"
        ));
    }
    if extra > 0 {
        out.push(format!("应回访：回访计划中有 {extra} 次回访与销售、交车和回访记录不符"));
    }
    Ok(out)
}

/// Values no part of the app could have written: text that is not UTF-8,
/// and dates, times and months that are not one (a flipped bit in a digit
/// or a dash). The columns are found by the schema's naming: `…_on`,
/// `…_date` hold `YYYY-MM-DD`; `…_at` and `at` a date and time (or a date); `month`
/// `YYYY-MM`.
fn malformed_values(conn: &Connection) -> AppResult<Vec<String>> {
    let mut out = Vec::new();
    // the app's own tables: not SQLite's, not the full-text indexes (virtual
    // tables and their shadow tables, rebuilt from the records)
    let tables: Vec<(String, bool)> = conn
        .prepare(
            "SELECT t.name, t.sql LIKE '%WITHOUT ROWID%' FROM sqlite_schema t
             WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite_%' AND t.sql NOT LIKE 'CREATE VIRTUAL%'
               AND NOT EXISTS (SELECT 1 FROM sqlite_schema v WHERE v.sql LIKE 'CREATE VIRTUAL%'
                               AND t.name LIKE v.name || '\\_%' ESCAPE '\\')
             ORDER BY t.name",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (t, without_rowid) in tables {
        let rowid = if without_rowid { "NULL" } else { "rowid" };
        let at = |id: Option<i64>| id.map(|i| format!("第 {i} 行")).unwrap_or_else(|| "有一行".into());
        let cols: Vec<String> = conn
            .prepare(&format!(
                "SELECT name FROM pragma_table_info('{}')",
                t.replace('\'', "''")
            ))?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let q = |c: &str| format!("\"{}\"", c.replace('"', "\"\""));
        let table = q(&t);
        // text that is not UTF-8
        let mut st = conn.prepare(&format!("SELECT {rowid}, * FROM {table}"))?;
        let mut rows = st.query([])?;
        let mut bad_text = 0;
        while let Some(r) = rows.next()? {
            for (i, c) in cols.iter().enumerate() {
                if let rusqlite::types::ValueRef::Text(b) = r.get_ref(i + 1)? {
                    if std::str::from_utf8(b).is_err() {
                        bad_text += 1;
                        if bad_text <= MAX_LINES {
                            let id: Option<i64> = r.get(0)?;
                            out.push(format!("表「{t}」{}的「{c}」不是有效的文字（编码已损坏）", at(id)));
                        }
                    }
                }
            }
        }
        for c in &cols {
            let col = q(c);
            let test = if c.ends_with("_on") || c.ends_with("_date") {
                format!("date({col}) IS NOT {col}")
            } else if c.ends_with("_at") || c == "at" {
                format!(
                    "strftime('%Y-%m-%d %H:%M', {col}) IS NOT {col} AND strftime('%Y-%m-%d %H:%M:%S', {col}) IS NOT {col}
                     AND strftime('%Y-%m-%dT%H:%M:%S', {col}) IS NOT {col} AND date({col}) IS NOT {col}"
                )
            } else if c == "month" {
                format!("date({col} || '-01') IS NOT {col} || '-01'")
            } else {
                continue;
            };
            let bad: Vec<(Option<i64>, String)> = conn
                .prepare(&format!(
                    "SELECT {rowid}, CAST({col} AS TEXT) FROM {table} WHERE {col} IS NOT NULL AND ({test}) LIMIT {MAX_LINES}"
                ))?
                .query_map([], |r| {
                    Ok((
                        r.get(0)?,
                        r.get::<_, String>(1).unwrap_or_else(|_| "（无法读出）".into()),
                    ))
                })?
                .collect::<Result<_, _>>()?;
            for (id, v) in bad {
                out.push(format!("表「{t}」{}的「{c}」不是有效的日期「{v}」", at(id)));
            }
        }
    }
    Ok(out)
}

/// Checks a backup file the same way, read-only: a file that is not a
/// sound backup of ours ([`backup::check_file`], which runs the
/// integrity_check), or whose records break an invariant, is not good.
pub fn backup_is_good(path: &Path) -> bool {
    if backup::check_file(path).is_err() {
        return false;
    }
    let Ok(c) = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
    else {
        return false;
    };
    // a backup from an older schema may lack a table the checks read: then
    // only SQLite's own checks (already passed in check_file) speak for it
    record_problems(&c).map(|p| p.is_empty()).unwrap_or(true)
}

/// The full check of the open store; when something is wrong, the newest
/// backup (in the backup folder, then the second folder) that passes the
/// same checks.
pub fn run(store: &Store) -> AppResult<CheckReport> {
    let problems = problems(store.conn())?;
    let mut last_good_backup = None;
    if !problems.is_empty() {
        let st = backup::status(store, crate::dates::today())?;
        let mut files = st.files;
        if let Some(m) = st.mirror_dir.as_deref() {
            files.extend(backup::list(Path::new(m)));
        }
        // the last backup by hand may lie outside both folders
        files.extend(st.last);
        files.sort_by(|a, b| b.taken_at.cmp(&a.taken_at));
        let mut seen = std::collections::HashSet::new();
        last_good_backup = files
            .into_iter()
            .filter(|f| seen.insert(f.path.clone()))
            .find(|f| backup_is_good(Path::new(&f.path)));
    }
    Ok(CheckReport {
        ok: problems.is_empty(),
        problems,
        last_good_backup,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;

    fn day(s: &str) -> chrono::NaiveDate {
        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_sound_shop_passes_and_each_kind_of_silent_change_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("shop.db");
        let store = demo::create_on(&data, day("2026-11-20")).unwrap();
        let r = run(&store).unwrap();
        assert!(r.ok, "{:?}", r.problems);
        // a good backup to point to
        backup::automatic(&store, day("2026-11-20").and_hms_opt(8, 0, 0).unwrap(), false).unwrap();
        let c = store.conn();
        // what a flipped bit in a number does: a value changes, nothing else
        // notices (no trigger, no constraint), the file opens as before
        c.execute_batch(
            "UPDATE part SET on_hand = on_hand + 1 WHERE id = (SELECT part_id FROM stock_movement ORDER BY id LIMIT 1);
             UPDATE ledger_month SET value_fen = value_fen + 100 WHERE rowid = (SELECT min(rowid) FROM ledger_month);
             PRAGMA foreign_keys = OFF;
             UPDATE repair_part SET part_id = 999999 WHERE id = (SELECT min(id) FROM repair_part);
             PRAGMA foreign_keys = ON;
             UPDATE follow_up_due SET answered = 1 - answered
             WHERE (reason, source_id, due_on) = (SELECT reason, source_id, due_on FROM follow_up_due LIMIT 1);",
        )
        .unwrap();
        let r = run(&store).unwrap();
        assert!(!r.ok);
        let all = r.problems.join("\n");
        assert!(all.contains("与出入库合计") && all.contains("不符"), "{all}");
        assert!(all.contains("与最后一笔出入库后的结存"), "{all}");
        assert!(all.contains("月汇总"), "{all}");
        // one scheduled call marked the other way: both directions named
        assert!(all.contains("应回访：1 次按规则应有的回访"), "{all}");
        assert!(all.contains("应回访：回访计划中有 1 次回访"), "{all}");
        assert!(all.contains("引用的「part」记录不存在"), "{all}");
        assert!(
            all.contains("维修单") && all.contains("用料与其维修领用或三包更换出库记录不符"),
            "{all}"
        );
        let good = r.last_good_backup.clone().expect("the morning's backup is good");
        assert!(good.name.starts_with("moto4s-"), "{}", good.name);
        assert!(backup_is_good(Path::new(&good.path)));
    }

    #[test]
    fn text_that_is_no_longer_text_and_dates_that_are_no_longer_dates_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("shop.db");
        let store = demo::create_on(&data, day("2026-11-20")).unwrap();
        let c = store.conn();
        // a flipped bit inside a Chinese character, and in a date's digit
        // (records of the open month: the closed months' triggers would
        // refuse the change, where a flipped bit on the disk asks no one)
        c.execute_batch(
            "UPDATE customer SET name = CAST(x'e78e8be5bb' AS TEXT) WHERE id = (SELECT min(id) FROM customer);
             UPDATE follow_up SET called_on = '2026-1q-03' WHERE id = (SELECT min(id) FROM follow_up WHERE called_on >= '2026-11-01');
             UPDATE repair_order SET promised_at = '2026-11-05 1:30' WHERE id = (SELECT min(id) FROM repair_order WHERE received_at >= '2026-11-01');",
        )
        .unwrap();
        let r = run(&store).unwrap();
        let all = r.problems.join("\n");
        assert!(
            all.contains("表「customer」") && all.contains("「name」不是有效的文字"),
            "{all}"
        );
        assert!(all.contains("「called_on」不是有效的日期「2026-1q-03」"), "{all}");
        assert!(
            all.contains("「promised_at」不是有效的日期「2026-11-05 1:30」"),
            "{all}"
        );
    }
}
