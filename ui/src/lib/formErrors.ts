// Shows a command's problems next to the form fields they belong to.
import { reactive } from "vue";
import { toApiError } from "../api/core";

export function useFormErrors<K extends string>() {
  const errors = reactive<Partial<Record<K, string>>>({}) as Partial<Record<K, string>>;
  const clear = () => {
    for (const k of Object.keys(errors) as K[]) delete errors[k];
  };
  /** Puts each problem by its field; returns the message for a box. */
  const apply = (e: unknown): string => {
    clear();
    const err = toApiError(e);
    for (const [field, message] of Object.entries(err.fieldErrors())) {
      errors[field as K] = message;
    }
    return err.message;
  };
  return { errors, clear, apply };
}
