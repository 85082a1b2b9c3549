import { listen } from "@tauri-apps/api/event";
import { call } from "./core";
import type { AppStatus, BackupFile, ImportProgress } from "./contract";

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

/** The first screen has painted: the start-up work that waited for it
 *  (the data file's check, the day's backups) begins in the background. */
export function appPainted(screen: string): Promise<void> {
  return call<void>("app_painted", { screen });
}

/** Calls `then` with each step of a workbook import under way; answers
 *  the function that stops listening. */
export function onImportProgress(then: (p: ImportProgress) => void): Promise<() => void> {
  return listen<ImportProgress>("moto4s-import-progress", (e) => then(e.payload));
}

/** Calls `then` whenever the backend says the app's status changed (the
 *  check after the first paint found the data file damaged). */
export function onStatusChanged(then: () => void): void {
  void listen("moto4s-status-changed", then);
}
