// 一个动作: what a button does that is not a form — open a record, export,
// close a finding, take a step after a confirmation box. `act(work)` runs
// it; when a command refuses, its message goes to the top of the window,
// and a confirmation box closed with 取消 or × says nothing. Forms send
// through `useSubmit` (submit.ts), screens read through `useLoad` (load.ts).
// With a `busy` flag (the button's :loading) it is set while the action
// runs, and a second click meanwhile does nothing; with a `line` (the red
// line of a dialog or a page) the refusal is said there instead, and the
// line is cleared when the action starts again.
import type { Ref } from "vue";
import { ElMessage } from "element-plus";
import { toApiError } from "../api/core";

export interface ActOptions {
  busy?: Ref<boolean>;
  line?: Ref<string>;
}

/** Runs `work`; true when it ran through. */
export async function act(work: () => Promise<unknown>, { busy, line }: ActOptions = {}): Promise<boolean> {
  if (busy?.value) return false;
  if (busy) busy.value = true;
  if (line) line.value = "";
  try {
    await work();
    return true;
  } catch (e) {
    if (e === "cancel" || e === "close") return false;
    const message = toApiError(e).message;
    if (line) line.value = message;
    else ElMessage.error(message);
    return false;
  } finally {
    if (busy) busy.value = false;
  }
}
