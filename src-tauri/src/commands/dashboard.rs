//! 工作台：the month's 22 indicators with their 12-month trends, the parts
//! flows, the desk's to-do; the monthly summary (月度汇总) saved as PDF or
//! .xlsx; the factory report (工厂关注指标) with its snapshot.

use std::path::PathBuf;

use moto4s_core::dashboard::{self, Dashboard, DayFlow, Todo, Trend};
use moto4s_core::dates::{self, Month};
use moto4s_core::report::factory::{self, FactoryReport};
use moto4s_core::report::{pdf, summary};
use moto4s_core::AppResult;
use serde::Serialize;

use super::{command, file_path};
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
#[command(Read)]
pub fn dashboard(s: &mut Store, month: Option<String>) -> AppResult<DashboardMonth> {
    let month = month.map(|m| Month::parse(&m)).transpose()?;
    let today = dates::today();
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
        flows: dashboard::parts_flows(s.conn(), m, today)?,
        reported_on: factory::reported_months(s.conn())?
            .into_iter()
            .find(|(x, _)| *x == m.iso())
            .map(|(_, on)| on),
    })
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
