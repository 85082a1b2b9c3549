// 经办人: who is doing the work at the desk. Signed in: that person. With
// login off: the person chosen for this shift (当班) in the header, from the
// roster, kept while the window is open. Never whatever was typed last on
// another form (a 发运员's name must not become a claim's 经办人).
import { computed, ref } from "vue";
import { auth } from "./appState";

const KEY = "moto4s.shift";
export const shiftPerson = ref(sessionStorage.getItem(KEY) ?? "");

export function setShiftPerson(name: string): void {
  shiftPerson.value = name;
  if (name) sessionStorage.setItem(KEY, name);
  else sessionStorage.removeItem(KEY);
}

/** The default 经办人 of a form: the signed-in person, else the shift's. */
export function currentOperator(): string {
  const a = auth.value?.actor;
  if (a?.staffId != null) return a.name;
  return shiftPerson.value;
}

/** The role the window works in: the signed-in person's, the manager's
 *  when login is off (免登录). Screens hide what the role may not do; core
 *  refuses it whatever they show. */
export const role = computed(() => auth.value?.actor?.role ?? "manager");
export const isManager = computed(() => role.value === "manager");
/** The signed-in person's roster id (null when login is off). */
export const myStaffId = computed(() => auth.value?.actor?.staffId ?? null);
