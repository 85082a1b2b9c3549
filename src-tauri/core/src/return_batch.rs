//! 返厂批次: things the shop sends back to the factory together, under one
//! number — the registered filing fees (建档费返厂, `customers::filing`) and
//! the replaced 三包 parts (旧件返厂, `warranty::old_parts`). Both batches are
//! made the same way: a date (today or earlier, and no earlier than any
//! chosen item's own date), at least one item, each item checked (registered
//! and not yet sent), a number `PREFIX-YYYYMM-NN` counted per month, then
//! every chosen item tied to the batch — all in the caller's transaction, or
//! nothing.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::Fields;

/// What differs between the kinds of batch: where it is kept and how its
/// form's fields are named.
pub struct BatchKind {
    /// the batch table (`filing_fee_batch`, `old_part_batch`)
    pub table: &'static str,
    /// the batch's date column (`returned_on`, `shipped_on`)
    pub date_column: &'static str,
    /// the number's prefix (`JF`, `FH`)
    pub prefix: &'static str,
    /// the form's date field and its label (`returnedOn`, 返厂日期)
    pub date_field: &'static str,
    pub date_label: &'static str,
    /// the form's field of chosen items and what it says when none is chosen
    pub items_field: &'static str,
    pub none_chosen: &'static str,
    /// ties one item to the batch: `?1` the batch's id, `?2` the item's
    pub tie_sql: &'static str,
}

/// One chosen item as the batch sees it.
pub enum Item {
    /// it cannot go (not registered, already sent…): why
    Refused(String),
    /// it can go on or after `since` (`YYYY-MM-DD`); `too_early` is the
    /// message when the batch's date is before it
    Ready { since: String, too_early: String },
}

/// Makes a batch of `ids` dated `date` (the form's text), each checked by
/// `item`; returns the batch's id. Every problem is reported at once, by
/// field, and nothing is written unless there is none.
pub fn create_in(
    tx: &Connection,
    kind: &BatchKind,
    date: &str,
    ids: &[i64],
    note: &str,
    today: NaiveDate,
    mut item: impl FnMut(i64) -> AppResult<Item>,
) -> AppResult<i64> {
    let mut f = Fields::new();
    let on = f.required_date(kind.date_field, kind.date_label, date, today);
    let note = f.text("note", "备注", note, 200, false);
    if ids.is_empty() {
        f.bad(kind.items_field, kind.none_chosen);
    }
    let mut chosen = Vec::new();
    for id in ids {
        if chosen.contains(id) {
            continue;
        }
        chosen.push(*id);
        match item(*id)? {
            Item::Refused(why) => f.bad(kind.items_field, why),
            Item::Ready { since, too_early } => {
                if on.is_some_and(|d| d.to_string() < since) {
                    f.bad(kind.date_field, too_early);
                }
            }
        }
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    let on = on.expect("checked");
    let prefix = format!("{}-{}-", kind.prefix, on.format("%Y%m"));
    let batch_no = crate::store::next_number(tx, kind.table, "batch_no", &prefix, 2)?;
    tx.execute(
        &format!(
            "INSERT INTO {} (batch_no, {}, note, created_at) VALUES (?1, ?2, ?3, ?4)",
            kind.table, kind.date_column
        ),
        params![batch_no, on.to_string(), note, crate::dates::stamp()],
    )?;
    let batch = tx.last_insert_rowid();
    for id in chosen {
        tx.execute(kind.tie_sql, params![batch, id])?;
    }
    Ok(batch)
}
