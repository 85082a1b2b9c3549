//! 备份与恢复：where the data and the backups are, backup now, the second
//! folder, restore from a chosen backup.

use moto4s_core::backup::{self, BackupFile, BackupStatus};
use moto4s_core::dates;
use moto4s_core::AppResult;

use super::{blocking, file_path, Shared};

#[tauri::command]
pub async fn backup_status(state: Shared<'_>) -> AppResult<BackupStatus> {
    blocking(state, |st| {
        st.with_store("backup_status", |s| backup::status(s, dates::today()))
    })
    .await
}

/// 立即备份 into the folder the manager picked.
#[tauri::command]
pub async fn backup_now(state: Shared<'_>, dir: String) -> AppResult<BackupFile> {
    blocking(state, move |st| {
        st.with_store("backup_now", |s| {
            let dir = file_path(&dir)?;
            backup::manual(s, &dir, dates::now())
        })
    })
    .await
}

/// The second folder (e.g. a USB stick); empty = none. A backup is copied
/// there at once when it is present.
#[tauri::command]
pub async fn backup_set_mirror(state: Shared<'_>, dir: String) -> AppResult<BackupStatus> {
    blocking(state, move |st| {
        st.with_store("backup_set_mirror", |s| {
            backup::set_mirror_dir(s, &dir)?;
            if !dir.trim().is_empty() {
                // today's backup goes there now (replacing today's daily)
                backup::automatic(s, dates::now(), true)?;
            }
            backup::status(s, dates::today())
        })
    })
    .await
}

/// 开始使用本店数据: the demo shop gives way to the shop's own, empty data,
/// keeping what the manager chose (the demo stays as a backup).
#[tauri::command]
pub async fn start_real_data(state: Shared<'_>, keep: moto4s_core::demo::start_real::Keep) -> AppResult<BackupFile> {
    blocking(state, move |st| {
        st.with_store("start_real_data", |s| {
            moto4s_core::demo::start_real::start_real(s, keep, dates::now())
        })
    })
    .await
}

/// Restores from the chosen backup file, after backing up the current data.
#[tauri::command]
pub async fn backup_restore(state: Shared<'_>, path: String) -> AppResult<BackupFile> {
    blocking(state, move |st| {
        st.with_store("backup_restore", |s| {
            let from = file_path(&path)?;
            backup::restore(s, &from, dates::now())
        })
    })
    .await
}

/// 全面检查: integrity, foreign keys and the app's invariants; when
/// something is wrong, the newest backup that passes.
#[tauri::command]
pub async fn data_check(state: Shared<'_>) -> AppResult<moto4s_core::check::CheckReport> {
    blocking(state, |st| st.with_store("data_check", |s| moto4s_core::check::run(s))).await
}

/// 导出数据交换工作簿: the whole shop as one .xlsx.
#[tauri::command]
pub async fn exchange_export(state: Shared<'_>, path: String) -> AppResult<()> {
    blocking(state, move |st| {
        st.with_store("exchange_export", |s| {
            let out = file_path(&path)?;
            moto4s_core::exchange::export(s, &out)
        })
    })
    .await
}

/// What an import did: the records written per sheet, and the backup taken
/// before it.
#[derive(serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ExchangeImported {
    pub summary: moto4s_core::exchange::ImportSummary,
    pub backup: BackupFile,
}

/// The event an import's progress comes by ([`moto4s_core::exchange::ImportProgress`]).
pub const IMPORT_PROGRESS: &str = "moto4s-import-progress";

/// 导入数据交换工作簿: all or nothing, after a backup of the data as it is;
/// how far it has got goes to the window as [`IMPORT_PROGRESS`] events
/// (one when the percentage moves).
#[tauri::command]
pub async fn exchange_import(app: tauri::AppHandle, state: Shared<'_>, path: String) -> AppResult<ExchangeImported> {
    blocking(state, move |st| {
        st.with_store("exchange_import", |s| {
            use tauri::Emitter;
            let from = file_path(&path)?;
            let backup = backup::before_import(s, dates::now())?;
            let mut last = None;
            let summary = moto4s_core::exchange::import_with(s, &from, &mut |p| {
                if last != Some(p.percent) {
                    last = Some(p.percent);
                    let _ = app.emit(IMPORT_PROGRESS, p);
                }
            })?;
            Ok(ExchangeImported { summary, backup })
        })
    })
    .await
}
