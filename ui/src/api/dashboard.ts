// 工作台: the month's indicators with trends and flows, the desk's to-do, the
// monthly summary (PDF/.xlsx written by core) and the factory report.
import { call } from "./core";
import type { DashboardMonth, DashboardTodo, FactoryReport, MonthClosing, MonthlySummary } from "./contract";

/** The month's dashboard; without a month, the month it opens on (last month while it waits to be closed). */
export const dashboard = (month: string | null) => call<DashboardMonth>("dashboard", { month });
/** The desk's to-do as of today: the same whichever month is shown. */
export const deskTodo = () => call<DashboardTodo>("desk_todo");
/** The month's summary as printed: the same rows, notes and to-do lines the PDF draws. */
export const summary = (month: string) => call<MonthlySummary>("summary", { month });
export const summaryPdf = (month: string, path: string) => call<string>("summary_pdf", { month, path });
export const summaryXlsx = (month: string, path: string) => call<string>("summary_xlsx", { month, path });
export const factoryReport = (month: string) => call<FactoryReport>("factory_report", { month });
export const factoryReportSent = (month: string, sentOn: string) =>
  call<FactoryReport>("factory_report_sent", { month, sentOn });
export const factoryReportSave = (month: string, kind: "pdf" | "xlsx", path: string) =>
  call<string>("factory_report_save", { month, kind, path });

// 月结
export const monthChecklist = (month: string) => call<MonthClosing>("month_checklist", { month });
export const monthClose = (month: string, reason: string) => call<MonthClosing>("month_close", { month, reason });
export const monthReopen = (month: string, reason: string) => call<MonthClosing>("month_reopen", { month, reason });

let early: Promise<DashboardMonth> | null = null;
let earlyAt = 0;

/** Asks at once for the month the desk opens on, before the window has
 *  mounted (main.ts, when the window opens on the desk): the answer is on
 *  its way while the page sets itself up. */
export function prefetchDashboard(): void {
  early = dashboard(null);
  earlyAt = performance.now();
  early.catch(() => undefined);
}

/** The desk's opening month asked for by prefetchDashboard, once, while it
 *  is fresh (null when it was not asked for, has been taken, or the desk
 *  opened more than a few seconds later — after a sign-in, say); a failed one
 *  (the shop not open yet, sign-in needed) is asked for again. */
export function takeEarlyDashboard(): Promise<DashboardMonth> | null {
  const p = early;
  early = null;
  if (!p || performance.now() - earlyAt > 3000) return null;
  return p.catch(() => dashboard(null));
}
