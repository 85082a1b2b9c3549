// 工作台: the desk's opening month asked for before the window has mounted
// (the calls themselves are commands.ts's).
import { dashboard } from "./commands";
import { toApiError } from "./core";
import type { DashboardMonth } from "./contract";

let early: Promise<DashboardMonth> | null = null;
let earlyAt = 0;
// its answer, once it has come (usually before the desk is set up)
let arrived: DashboardMonth | null = null;

/** Asks at once for the month the desk opens on, before the window has
 *  mounted (main.ts, when the window opens on the desk): the answer is on
 *  its way while the page sets itself up. The backend's start-up script has
 *  usually asked already, before this code had loaded
 *  (`window.__MOTO4S_EARLY_DESK__`, commands/app.rs `start_script`): that
 *  call is taken instead, once. */
export function prefetchDashboard(): void {
  const w = window as unknown as { __MOTO4S_EARLY_DESK__?: Promise<DashboardMonth> };
  const asked = w.__MOTO4S_EARLY_DESK__;
  delete w.__MOTO4S_EARLY_DESK__;
  early = asked
    ? asked.catch((e: unknown) => {
        throw toApiError(e);
      })
    : dashboard(null);
  earlyAt = performance.now();
  arrived = null;
  const asking = early;
  early.then(
    (got) => {
      if (early === asking) arrived = got;
    },
    () => undefined,
  );
}

/** The desk's opening month asked for by prefetchDashboard, once, while it
 *  is fresh (null when it was not asked for, has been taken, or the desk
 *  opened more than a few seconds later — after a sign-in, say): the answer
 *  itself when it has already come, so that the desk's first render has its
 *  figures, else the call under way; a failed one (the shop not open yet,
 *  sign-in needed) is asked for again. */
export function takeEarlyDashboard(): DashboardMonth | Promise<DashboardMonth> | null {
  const p = early;
  const got = arrived;
  early = null;
  arrived = null;
  if (!p || performance.now() - earlyAt > 3000) return null;
  return got ?? p.catch(() => dashboard(null));
}
