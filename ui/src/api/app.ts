import { call } from "./core";
import type { AppStatus } from "./types";

/** What to show first: the app, the first-start choice or the error page. */
export function appStatus(): Promise<AppStatus> {
  return call<AppStatus>("app_status");
}

/** 首次使用：open the demo shop or start an empty one. */
export function firstStart(choice: "demo" | "empty"): Promise<AppStatus> {
  return call<AppStatus>("first_start", { choice });
}
