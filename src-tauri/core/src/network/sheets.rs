//! 网点 — its sheets of the data-exchange workbook (数据交换工作簿): 经销商 (the register
//! of outlets) and 网点走访. Each is a [`RecordSheet`] — its columns, the query
//! that exports it, the function that imports one row — listed with the others
//! in `exchange::records::SHEETS`, which reads and writes them all by the same
//! rules.

use chrono::NaiveDate;
use rusqlite::params;

use crate::exchange::records::*;

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
