import { listen } from "@tauri-apps/api/event";
import type { ImportProgress } from "./contract";

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
