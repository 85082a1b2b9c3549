// 读取: one way for a screen to fetch what it shows. `tryRead(work)` runs
// the reads and puts what they return where the screen shows it (inside
// `work`); when one fails, its message goes to `error` for the screen's red
// line, and the next read that succeeds clears it. `loading` is true while
// a read runs. Forms send through `useSubmit` (submit.ts); this is for what
// a screen reads.
import { ref } from "vue";
import { toApiError } from "../api/core";

export function useLoad() {
  const error = ref("");
  const loading = ref(false);
  let running = 0;
  /** Runs `work`; true when it succeeded. */
  async function tryRead(work: () => Promise<unknown>): Promise<boolean> {
    running += 1;
    loading.value = true;
    try {
      await work();
      error.value = "";
      return true;
    } catch (e) {
      error.value = toApiError(e).message;
      return false;
    } finally {
      running -= 1;
      loading.value = running > 0;
    }
  }
  return { error, loading, tryRead };
}
