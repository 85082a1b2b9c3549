import { call } from "./core";
import type { AppStatus, BackupFile } from "./types";

/** What to show first: the app, the first-start choice or the error page. */
export function appStatus(): Promise<AppStatus> {
  return call<AppStatus>("app_status");
}

/** 首次使用：open the demo shop or start an empty one. */
export function firstStart(choice: "demo" | "empty"): Promise<AppStatus> {
  return call<AppStatus>("first_start", { choice });
}

/** The data file could not be opened: the backups beside it, newest first. */
export function startupBackups(): Promise<BackupFile[]> {
  return call<BackupFile[]>("startup_backups");
}

/** The data file is damaged: restore it from this backup and open the shop. */
export function restoreAtStart(path: string): Promise<AppStatus> {
  return call<AppStatus>("restore_at_start", { path });
}
