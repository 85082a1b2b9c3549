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

/** The outlets' kinds and statuses and the visits' purposes, as the core's code tables have them. */
export {
  OutletKindChoices as OUTLET_KINDS,
  OutletStatusChoices as OUTLET_STATUSES,
  VisitPurposeChoices as VISIT_PURPOSES,
} from "./contract";
