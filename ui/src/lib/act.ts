// 一个动作: what a button does that is not a form — open a record, export,
// close a finding, take a step after a confirmation box. `act(work)` runs
// it; when a command refuses, its message goes to the top of the window,
// and a confirmation box closed with 取消 or × says nothing. Forms send
// through `useSubmit` (submit.ts), screens read through `useLoad` (load.ts).
// With a `busy` flag (the button's :loading) it is set while the action
// runs, and a second click meanwhile does nothing.
import type { Ref } from "vue";
import { ElMessage } from "element-plus";
import { toApiError } from "../api/core";

/** Runs `work`; true when it ran through. */
export async function act(work: () => Promise<unknown>, busy?: Ref<boolean>): Promise<boolean> {
  if (busy?.value) return false;
  if (busy) busy.value = true;
  try {
    await work();
    return true;
  } catch (e) {
    if (e === "cancel" || e === "close") return false;
    ElMessage.error(toApiError(e).message);
    return false;
  } finally {
    if (busy) busy.value = false;
  }
}
