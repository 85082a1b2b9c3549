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

export async function refreshStatus(): Promise<void> {
  try {
    const st = await appStatus();
    performance.mark("status");
    setClock(st.now);
    // who is working comes with the status (one round trip), and is set
    // first: a shop that needs sign-in never shows the desk meanwhile
    auth.value = st.state === "ready" ? st.auth : null;
    status.value = st;
    loadError.value = null;
  } catch (e) {
    loadError.value = toApiError(e).message;
  }
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
