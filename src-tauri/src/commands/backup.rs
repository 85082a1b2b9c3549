//! 备份与恢复：where the data and the backups are, backup now, the second
//! folder, restore from a chosen backup.

use moto4s_core::backup::{self, BackupFile, BackupStatus};
use moto4s_core::dates;
use moto4s_core::AppResult;

use super::{command, file_path};
use moto4s_core::Store;

#[command(Read)]
pub fn backup_status(s: &mut Store) -> AppResult<BackupStatus> {
    backup::status(s, dates::today())
}

/// 立即备份 into the folder the manager picked.
#[command(Read)]
pub fn backup_now(s: &mut Store, dir: String) -> AppResult<BackupFile> {
    let dir = file_path(&dir)?;
    backup::manual(s, &dir, dates::now())
}

/// The second folder (e.g. a USB stick); empty = none. A backup is copied
/// there at once when it is present.
#[command(Settings)]
pub fn backup_set_mirror(s: &mut Store, dir: String) -> AppResult<BackupStatus> {
    backup::set_mirror_dir(s, &dir)?;
    if !dir.trim().is_empty() {
        // today's backup goes there now (replacing today's daily)
        backup::automatic(s, dates::now(), true)?;
    }
    backup::status(s, dates::today())
}

/// 开始使用本店数据: the demo shop gives way to the shop's own, empty data,
/// keeping what the manager chose (the demo stays as a backup).
#[command(Restore)]
pub fn start_real_data(s: &mut Store, keep: moto4s_core::demo::start_real::Keep) -> AppResult<BackupFile> {
    moto4s_core::demo::start_real::start_real(s, keep, dates::now())
}

/// Restores from the chosen backup file, after backing up the current data.
#[command(Restore)]
pub fn backup_restore(s: &mut Store, path: String) -> AppResult<BackupFile> {
    let from = file_path(&path)?;
    backup::restore(s, &from, dates::now())
}

/// 全面检查: integrity, foreign keys and the app's invariants; when
/// something is wrong, the newest backup that passes.
#[command(Restore)]
pub fn data_check(s: &mut Store) -> AppResult<moto4s_core::check::CheckReport> {
    moto4s_core::check::run(s)
}

/// 导出数据交换工作簿: the whole shop as one .xlsx.
#[command(Settings)]
pub fn exchange_export(s: &mut Store, path: String) -> AppResult<()> {
    let out = file_path(&path)?;
    moto4s_core::exchange::export(s, &out)
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
#[command(Settings)]
pub fn exchange_import(s: &mut Store, app: tauri::AppHandle, path: String) -> AppResult<ExchangeImported> {
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
}
