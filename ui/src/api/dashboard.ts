// 工作台: the month's indicators and the desk's to-do.
import { call } from "./core";
import type { Dashboard } from "./types";

export const dashboard = (month: string) => call<Dashboard>("dashboard", { month });
