// The app-wide status (which shop is open, or why none is; who is working),
// shared by the shell and the screens that change it.
import { computed, ref } from "vue";
import { onStatusChanged } from "../api/app";
import { appStatus } from "../api/commands";
import { AREAS_OF, type AuthStatus } from "../api/auth";
import { toApiError } from "../api/core";
import { setClock } from "./format";
import type { AppStatus } from "../api/contract";

export const status = ref<AppStatus | null>(null);
export const loadError = ref<string | null>(null);
export const auth = ref<AuthStatus | null>(null);

function apply(st: AppStatus): void {
  setClock(st.now);
  // who is working comes with the status, and is set first: a shop that
  // needs sign-in never shows the desk meanwhile
  auth.value = st.state === "ready" ? st.auth : null;
  status.value = st;
  loadError.value = null;
}

export async function refreshStatus(): Promise<void> {
  try {
    apply(await appStatus());
  } catch (e) {
    loadError.value = toApiError(e).message;
  }
}

/** The window's status at start: the one the backend put in the page
 *  before its scripts ran (commands/app.rs `start_script`), taken once and
 *  at once — the first screen is set up without a round trip — or, when
 *  there is none, asked for. The page asks again once it has painted: a
 *  page reloaded later finds the start-time status, and is corrected then. */
export function startStatus(): Promise<void> {
  const w = window as unknown as { __MOTO4S_STATUS__?: AppStatus };
  const early = w.__MOTO4S_STATUS__;
  delete w.__MOTO4S_STATUS__;
  const got = early ? (apply(early), Promise.resolve()) : refreshStatus();
  return got.then(() => performance.mark("status")).then(() => undefined);
}

// the check after the first paint closed a damaged data file: show the
// start-up page with its backups
onStatusChanged(() => void refreshStatus());

/** The sign-in screen is needed: login is required and no one is signed in. */
export const needsLogin = computed(() => !!auth.value?.loginRequired && !auth.value.actor);

/** Whether whoever is working may open an area (a route's first segment). */
export function mayOpen(path: string): boolean {
  const role = auth.value?.actor?.role ?? "manager";
  const area = "/" + (path.split("/")[1] ?? "");
  return AREAS_OF[role].includes(area);
}
