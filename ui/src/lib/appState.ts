// The app-wide status (which shop is open, or why none is), shared by the
// shell and the screens that change it.
import { ref } from "vue";
import { appStatus } from "../api/app";
import { toApiError } from "../api/core";
import type { AppStatus } from "../api/types";

export const status = ref<AppStatus | null>(null);
export const loadError = ref<string | null>(null);

export async function refreshStatus(): Promise<void> {
  try {
    status.value = await appStatus();
    loadError.value = null;
  } catch (e) {
    loadError.value = toApiError(e).message;
  }
}
