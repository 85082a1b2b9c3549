//! 工作台：the month's 22 indicators with their 12-month trends, the parts
//! flows, the desk's to-do; the monthly summary (月度汇总) saved as PDF or
//! .xlsx; the factory report (工厂关注指标) with its snapshot.

use std::path::PathBuf;
use std::sync::Mutex;

use chrono::NaiveDate;

use moto4s_core::dashboard::{self, Dashboard, Todo, Trend};
use moto4s_core::dates::{self, Month};
use moto4s_core::parts::indicators::DayFlow;
use moto4s_core::report::factory::{self, FactoryReport};
use moto4s_core::report::{pdf, summary};
use moto4s_core::AppResult;
use serde::Serialize;

use super::{command, file_path};
use crate::state::AppState;
use moto4s_core::Store;

#[derive(Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DashboardMonth {
    dashboard: Dashboard,
    trend: Trend,
    flows: Vec<DayFlow>,
    /// when the month was reported to the factory, and how many of the seven changed since
    reported_on: Option<String>,
    /// no good backup in the last two days: the dashboard warns
    backup_stale: bool,
    /// the last good backup's time, if any
    last_backup_at: Option<String>,
}

/// The month's dashboard; without a month, the one it opens on
/// ([`dashboard::start_month`]: last month while it waits to be closed).
/// The opening month's first answer is usually worked out at start,
/// before the window asks (`EarlyDesk`).
#[command(Read)]
pub fn dashboard(s: &mut Store, st: &AppState, month: Option<String>) -> AppResult<DashboardMonth> {
    let month = month.map(|m| Month::parse(&m)).transpose()?;
    let today = dates::today();
    if month.is_none() {
        if let Some(answer) = st.early_desk.take(s, today) {
            return Ok(answer);
        }
    }
    desk_month(s, month, today)
}

/// The month's dashboard as the desk shows it (`None`: the month it opens on).
pub(crate) fn desk_month(s: &Store, month: Option<Month>, today: NaiveDate) -> AppResult<DashboardMonth> {
    let m = match month {
        Some(m) => m,
        None => dashboard::start_month(s.conn(), today)?,
    };
    let (dashboard, trend) = dashboard::compute_with_trend(s.conn(), m, today)?;
    let backup = moto4s_core::backup::status(s, today)?;
    Ok(DashboardMonth {
        backup_stale: backup.stale,
        last_backup_at: backup.last.map(|f| f.taken_at),
        dashboard,
        trend,
        flows: moto4s_core::parts::indicators::day_flows(s.conn(), m, today)?,
        reported_on: factory::reported_months(s.conn())?
            .into_iter()
            .find(|(x, _)| *x == m.iso())
            .map(|(_, on)| on),
    })
}

/// 工作台's opening month worked out while the window starts: the web view
/// takes a few hundred milliseconds to load its page, during which the
/// backend would otherwise wait for the page to ask. [`EarlyDesk::prepare`]
/// runs at start on a thread of its own; the window's first `dashboard`
/// call for the opening month takes the answer instead of working it out
/// again — only while it is still the answer: the same day, and nothing
/// written to the data file since (the connection's own writes,
/// `total_changes`, and any other connection's, `PRAGMA data_version`).
/// Taken once; anything else is worked out as always.
#[derive(Default)]
pub struct EarlyDesk(Mutex<Option<Early>>);

struct Early {
    today: NaiveDate,
    changes: u64,
    data_version: i64,
    answer: DashboardMonth,
}

impl EarlyDesk {
    /// Works out the opening month now (at start, before the window asks).
    pub fn prepare(&self, s: &Store) {
        let today = dates::today();
        let (Ok(answer), Ok(data_version)) = (desk_month(s, None, today), data_version(s)) else {
            // the window's own call will meet (and show) the same failure
            return;
        };
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(Early {
            today,
            changes: s.conn().total_changes(),
            data_version,
            answer,
        });
    }

    /// The prepared answer, once, if nothing has changed since it was made.
    fn take(&self, s: &Store, today: NaiveDate) -> Option<DashboardMonth> {
        let early = self.0.lock().unwrap_or_else(|p| p.into_inner()).take()?;
        let unchanged = early.today == today
            && early.changes == s.conn().total_changes()
            && data_version(s).ok() == Some(early.data_version);
        unchanged.then_some(early.answer)
    }
}

fn data_version(s: &Store) -> AppResult<i64> {
    Ok(s.conn().query_row("PRAGMA data_version", [], |r| r.get(0))?)
}

/// The desk's to-do as of today (the same for every month shown, so asked
/// for once when the desk opens, not with each month).
#[command(Read)]
pub fn desk_todo(s: &mut Store) -> AppResult<Todo> {
    dashboard::todo(s.conn(), dates::today())
}

/// The month's summary as printed: the rows, notes and to-do lines the
/// window's print shows, the same the PDF draws.
#[command(Read)]
pub fn summary(s: &mut Store, month: String) -> AppResult<summary::MonthlySummary> {
    summary::build(s.conn(), Month::parse(&month)?, dates::today())
}

/// Saves the month's summary as a PDF (A4) at the path the user picked.
#[command(Read)]
pub fn summary_pdf(s: &mut Store, month: String, path: String) -> AppResult<String> {
    let m = Month::parse(&month)?;
    let out: PathBuf = file_path(&path)?;
    let sum = summary::build(s.conn(), m, dates::today())?;
    pdf::write_summary(&sum, &out)?;
    Ok(out.display().to_string())
}

/// Saves the month's summary as an .xlsx at the path the user picked.
#[command(Read)]
pub fn summary_xlsx(s: &mut Store, month: String, path: String) -> AppResult<String> {
    let m = Month::parse(&month)?;
    let out: PathBuf = file_path(&path)?;
    let sum = summary::build(s.conn(), m, dates::today())?;
    summary::write_xlsx(&sum, &out)?;
    Ok(out.display().to_string())
}

#[command(Read)]
pub fn factory_report(s: &mut Store, month: String) -> AppResult<FactoryReport> {
    let m = Month::parse(&month)?;
    factory::get(s.conn(), m, dates::today())
}

/// Records the month as reported on `sent_on`, keeping the seven as they are now.
#[command(Manage)]
pub fn factory_report_sent(s: &mut Store, month: String, sent_on: String) -> AppResult<FactoryReport> {
    let m = Month::parse(&month)?;
    factory::mark_sent(s, m, &sent_on, dates::today())
}

/// Saves the factory report as .xlsx (`kind` = "xlsx") or PDF ("pdf").
#[command(Read)]
pub fn factory_report_save(s: &mut Store, month: String, kind: String, path: String) -> AppResult<String> {
    let m = Month::parse(&month)?;
    let out: PathBuf = file_path(&path)?;
    let r = factory::get(s.conn(), m, dates::today())?;
    if kind == "pdf" {
        pdf::write_factory(&r, &out)?;
    } else {
        factory::write_xlsx(&r, &out)?;
    }
    Ok(out.display().to_string())
}

/// 月结: a month's checklist, its closings (oldest first) and what changed
/// between the last two.
#[derive(Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct MonthClosing {
    checklist: moto4s_core::closing::Checklist,
    history: Vec<moto4s_core::closing::Closing>,
    /// (indicator, value at the earlier closing, value at the later)
    differences: Vec<(u8, Option<String>, Option<String>)>,
}

fn month_closing(conn: &moto4s_core::rusqlite::Connection, m: Month) -> AppResult<MonthClosing> {
    use moto4s_core::closing;
    let history = closing::history(conn, m)?;
    let differences = match history.as_slice() {
        [.., a, b] => closing::differences(a, b),
        _ => Vec::new(),
    };
    Ok(MonthClosing {
        checklist: closing::checklist(conn, m, dates::today())?,
        history,
        differences,
    })
}

#[command(Read)]
pub fn month_checklist(s: &mut Store, month: String) -> AppResult<MonthClosing> {
    let m = Month::parse(&month)?;
    month_closing(s.conn(), m)
}

/// Closes the month (warnings accepted with `reason`).
#[command(MonthClose)]
pub fn month_close(s: &mut Store, month: String, reason: String) -> AppResult<MonthClosing> {
    let m = Month::parse(&month)?;
    moto4s_core::closing::close(s, m, &reason, dates::now())?;
    month_closing(s.conn(), m)
}

/// 反月结, with a reason.
#[command(MonthClose)]
pub fn month_reopen(s: &mut Store, month: String, reason: String) -> AppResult<MonthClosing> {
    let m = Month::parse(&month)?;
    moto4s_core::closing::reopen(s, m, &reason, dates::now())?;
    month_closing(s.conn(), m)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The answer prepared at start is the one the desk would work out, is
    /// given once, and not at all after a write (this connection's or
    /// another's) or on another day.
    #[test]
    fn the_early_desk_answers_once_and_only_while_nothing_has_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shop.db");
        let s = moto4s_core::demo::create(&path).unwrap();
        let today = dates::today();
        let early = EarlyDesk::default();
        let json = |d: DashboardMonth| serde_json::to_value(d).unwrap();

        early.prepare(&s);
        let fresh = json(desk_month(&s, None, today).unwrap());
        assert_eq!(json(early.take(&s, today).expect("prepared")), fresh);
        assert!(early.take(&s, today).is_none(), "given once");

        // a part renamed through this connection
        early.prepare(&s);
        s.conn()
            .execute(
                "UPDATE part SET name = name || '（改）' WHERE id = (SELECT min(id) FROM part)",
                [],
            )
            .unwrap();
        assert!(early.take(&s, today).is_none(), "after this connection's write");

        // a write through another connection to the same file
        early.prepare(&s);
        let other = Store::open(&path).unwrap();
        other.set_meta("early_desk_test", "1").unwrap();
        assert!(early.take(&s, today).is_none(), "after another connection's write");

        // the next day
        early.prepare(&s);
        assert!(early.take(&s, today.succ_opt().unwrap()).is_none(), "on another day");
    }
}
