// 快捷键: the desk's frequent actions from the keyboard, wherever the
// manager is — F2 查配件, F3 入库, F4 出库, F6 开维修单. The shell turns a key
// into a route (the area and its tab) and a pending action; the screen that
// does it takes the action when it is shown. F5 and Ctrl+R do nothing: the
// Windows web view (WebView2) would reload the window on them and lose what
// is being typed (WebKitGTK has no such keys).
import { ref } from "vue";

export type DeskAction = "search" | "receipt" | "issue" | "repair";

export interface Shortcut {
  key: string;
  action: DeskAction;
  label: string;
  path: string;
  tab: string;
}

export const SHORTCUTS: Shortcut[] = [
  { key: "F2", action: "search", label: "查配件", path: "/parts", tab: "stock" },
  { key: "F3", action: "receipt", label: "入库", path: "/parts", tab: "stock" },
  { key: "F4", action: "issue", label: "出库", path: "/parts", tab: "stock" },
  { key: "F6", action: "repair", label: "开维修单", path: "/customers", tab: "repairs" },
];

/** The key of an action, as the buttons show it. */
export const keyOf = (action: DeskAction) => SHORTCUTS.find((s) => s.action === action)?.key ?? "";

/** The action asked for and not yet taken by its screen. */
export const pending = ref<DeskAction | null>(null);

/** Takes the pending action if it is one of `actions` (the screen's own). */
export function take(actions: DeskAction[]): DeskAction | null {
  const a = pending.value;
  if (a && actions.includes(a)) {
    pending.value = null;
    return a;
  }
  return null;
}

/** Whether a key press would reload the window. */
export const isReload = (e: KeyboardEvent) => e.key === "F5" || ((e.ctrlKey || e.metaKey) && (e.key === "r" || e.key === "R"));

/** Whether a dialog or a drawer is open (a shortcut then waits). */
export function modalOpen(): boolean {
  return Array.from(document.querySelectorAll<HTMLElement>(".el-overlay")).some((o) => o.style.display !== "none");
}
