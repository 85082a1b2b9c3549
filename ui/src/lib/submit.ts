// 提交表单: one way to send a form to a command. While it runs the form's
// button shows it is busy and a second click does nothing; when the command
// refuses, each problem goes beside its field and the message goes where the
// form shows it — a red line over a dialog's fields ("alert", followed by
// what did not happen, 「。未保存。」 unless the form says otherwise) or a message at the top of the window
// ("message", for forms inside a page or a drawer); when it succeeds, the
// problems are cleared and the result goes to `done`.
import { ref } from "vue";
import { ElMessage } from "element-plus";
import { useFormErrors } from "./formErrors";

export type Report = "alert" | "message";

export function useSubmit<K extends string = string>(report: Report = "message") {
  const busy = ref(false);
  /** The line over the form ("alert" only). */
  const summary = ref("");
  const { errors, clear: clearFields, apply } = useFormErrors<K>();
  /** Forgets the problems shown (a dialog opened afresh). */
  const clear = () => {
    clearFields();
    summary.value = "";
  };
  /** Runs `work` unless a submission is already running; `done` gets its
   *  result. True when it succeeded. `notDone` is what the red line says
   *  did not happen (「订单未保存」, 「没有发货」). */
  async function submit<T>(work: () => Promise<T>, done?: (result: T) => unknown, notDone = "未保存"): Promise<boolean> {
    if (busy.value) return false;
    busy.value = true;
    try {
      const result = await work();
      clear();
      await done?.(result);
      return true;
    } catch (e) {
      const message = apply(e);
      if (report === "alert") summary.value = `${message}。${notDone}。`;
      else ElMessage.error(message);
      return false;
    } finally {
      busy.value = false;
    }
  }
  return { busy, summary, errors, clear, submit };
}
