// 服务网络: typed wrappers of the network commands.
import { call } from "./core";
import type { NetworkMonth, OpenAction, Outlet, OutletCard, OutletImport, OutletInput, Visit, VisitInput } from "./contract";

export const outletsList = (query: string, status: string) => call<Outlet[]>("outlets_list", { query, status });
export const outletCard = (id: number, month: string) => call<OutletCard>("outlet_card", { id, month });
export const outletSave = (id: number | null, input: OutletInput) => call<Outlet>("outlet_save", { id, input });
export const outletsExport = (path: string) => call<number>("outlets_export", { path });
export const outletsImport = (path: string) => call<OutletImport>("outlets_import", { path });
export const visitRecord = (input: VisitInput) => call<Visit>("visit_record", { input });
export const visitActionDone = (id: number, input: { doneOn: string; note: string }) =>
  call<Visit>("visit_action_done", { id, input });
export const networkActionsOpen = () => call<OpenAction[]>("network_actions_open");
export const networkOverview = (month: string) => call<NetworkMonth>("network_overview", { month });
export const networkExport = (month: string, path: string) => call<number>("network_export", { month, path });

export const OUTLET_KINDS = [
  { code: "dealer", label: "经销商" },
  { code: "retailer", label: "零售商" },
  { code: "station", label: "特约维修站" },
];
export const OUTLET_STATUSES = [
  { code: "active", label: "在营" },
  { code: "suspended", label: "暂停" },
  { code: "revoked", label: "撤销" },
];
export const VISIT_PURPOSES = [
  { code: "inspection", label: "巡检" },
  { code: "support", label: "技术支持" },
  { code: "training", label: "培训" },
  { code: "collection", label: "催款" },
];
