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

use super::{blocking, file_path, Shared};

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

#[tauri::command]
/// The month's dashboard; without a month, the one it opens on
/// ([`dashboard::start_month`]: last month while it waits to be closed).
pub async fn dashboard(state: Shared<'_>, month: Option<String>) -> AppResult<DashboardMonth> {
    blocking(state, move |st| {
        st.with_store("dashboard", |s| {
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
        })
    })
    .await
}

/// The desk's to-do as of today (the same for every month shown, so asked
/// for once when the desk opens, not with each month).
#[tauri::command]
pub async fn desk_todo(state: Shared<'_>) -> AppResult<Todo> {
    blocking(state, move |st| {
        st.with_store("desk_todo", |s| dashboard::todo(s.conn(), dates::today()))
    })
    .await
}

/// The month's summary as printed: the rows, notes and to-do lines the
/// window's print shows, the same the PDF draws.
#[tauri::command]
pub async fn summary(state: Shared<'_>, month: String) -> AppResult<summary::MonthlySummary> {
    blocking(state, move |st| {
        st.with_store("summary", |s| {
            summary::build(s.conn(), Month::parse(&month)?, dates::today())
        })
    })
    .await
}

/// Saves the month's summary as a PDF (A4) at the path the user picked.
#[tauri::command]
pub async fn summary_pdf(state: Shared<'_>, month: String, path: String) -> AppResult<String> {
    blocking(state, move |st| {
        st.with_store("summary_pdf", |s| {
            let m = Month::parse(&month)?;
            let out: PathBuf = file_path(&path)?;
            let sum = summary::build(s.conn(), m, dates::today())?;
            pdf::write_summary(&sum, &out)?;
            Ok(out.display().to_string())
        })
    })
    .await
}

/// Saves the month's summary as an .xlsx at the path the user picked.
#[tauri::command]
pub async fn summary_xlsx(state: Shared<'_>, month: String, path: String) -> AppResult<String> {
    blocking(state, move |st| {
        st.with_store("summary_xlsx", |s| {
            let m = Month::parse(&month)?;
            let out: PathBuf = file_path(&path)?;
            let sum = summary::build(s.conn(), m, dates::today())?;
            summary::write_xlsx(&sum, &out)?;
            Ok(out.display().to_string())
        })
    })
    .await
}

#[tauri::command]
pub async fn factory_report(state: Shared<'_>, month: String) -> AppResult<FactoryReport> {
    blocking(state, move |st| {
        st.with_store("factory_report", |s| {
            let m = Month::parse(&month)?;
            factory::get(s.conn(), m, dates::today())
        })
    })
    .await
}

/// Records the month as reported on `sent_on`, keeping the seven as they are now.
#[tauri::command]
pub async fn factory_report_sent(state: Shared<'_>, month: String, sent_on: String) -> AppResult<FactoryReport> {
    blocking(state, move |st| {
        st.with_store("factory_report_sent", |s| {
            let m = Month::parse(&month)?;
            factory::mark_sent(s, m, &sent_on, dates::today())
        })
    })
    .await
}

/// Saves the factory report as .xlsx (`kind` = "xlsx") or PDF ("pdf").
#[tauri::command]
pub async fn factory_report_save(state: Shared<'_>, month: String, kind: String, path: String) -> AppResult<String> {
    blocking(state, move |st| {
        st.with_store("factory_report_save", |s| {
            let m = Month::parse(&month)?;
            let out: PathBuf = file_path(&path)?;
            let r = factory::get(s.conn(), m, dates::today())?;
            if kind == "pdf" {
                pdf::write_factory(&r, &out)?;
            } else {
                factory::write_xlsx(&r, &out)?;
            }
            Ok(out.display().to_string())
        })
    })
    .await
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

#[tauri::command]
pub async fn month_checklist(state: Shared<'_>, month: String) -> AppResult<MonthClosing> {
    blocking(state, move |st| {
        st.with_store("month_checklist", |s| {
            let m = Month::parse(&month)?;
            month_closing(s.conn(), m)
        })
    })
    .await
}

/// Closes the month (warnings accepted with `reason`).
#[tauri::command]
pub async fn month_close(state: Shared<'_>, month: String, reason: String) -> AppResult<MonthClosing> {
    blocking(state, move |st| {
        st.with_store("month_close", |s| {
            let m = Month::parse(&month)?;
            moto4s_core::closing::close(s, m, &reason, dates::now())?;
            month_closing(s.conn(), m)
        })
    })
    .await
}

/// 反月结, with a reason.
#[tauri::command]
pub async fn month_reopen(state: Shared<'_>, month: String, reason: String) -> AppResult<MonthClosing> {
    blocking(state, move |st| {
        st.with_store("month_reopen", |s| {
            let m = Month::parse(&month)?;
            moto4s_core::closing::reopen(s, m, &reason, dates::now())?;
            month_closing(s.conn(), m)
        })
    })
    .await
}
