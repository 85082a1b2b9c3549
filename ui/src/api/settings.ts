import { call } from "./core";
import type { BackupFile, BackupStatus, CheckReport, ExchangeImported, KeepFromDemo, SettingsInput, SettingsView } from "./contract";

/** 店铺设置 as saved (or the defaults for a new shop). */
export function getSettings(): Promise<SettingsView> {
  return call<SettingsView>("get_settings");
}

/**
 * Parses, validates and saves the form's text. On any problem it rejects
 * with an ApiError listing every bad field, and nothing is saved.
 */
export function saveSettings(input: SettingsInput): Promise<SettingsView> {
  return call<SettingsView>("save_settings", { input });
}

// 备份与恢复
export const backupStatus = () => call<BackupStatus>("backup_status");
export const backupNow = (dir: string) => call<BackupFile>("backup_now", { dir });
export const backupSetMirror = (dir: string) => call<BackupStatus>("backup_set_mirror", { dir });
export const backupRestore = (path: string) => call<BackupFile>("backup_restore", { path });
/** 开始使用本店数据: the demo gives way to the shop's own data, keeping what is chosen; answers the demo's backup. */
export const startRealData = (keep: KeepFromDemo) => call<BackupFile>("start_real_data", { keep });
/** 全面检查: integrity, foreign keys and the app's own sums; the last good backup when not ok. */
export const dataCheck = () => call<CheckReport>("data_check");

// 数据交换工作簿 (docs/data-exchange.md)
/** Writes the whole shop as one .xlsx. */
export const exchangeExport = (path: string) => call<void>("exchange_export", { path });
/** Imports a workbook, all or nothing, after a backup of the data as it is. */
export const exchangeImport = (path: string) => call<ExchangeImported>("exchange_import", { path });
