import { call } from "./core";
import type { Movement, MovementInput, Part, PartCard, PartInput, StockPage, StockQuery } from "./types";

/** 库存查询: one page of the stock list with totals over all matches. */
export function stockQuery(query: StockQuery): Promise<StockPage> {
  return call<StockPage>("stock_query", { query });
}

/** Parts matching a typed or scanned number, name or pinyin initials. */
export function partLookup(text: string): Promise<Part[]> {
  return call<Part[]>("part_lookup", { text });
}

export function partCategories(): Promise<string[]> {
  return call<string[]>("part_categories");
}

/** 配件卡片. */
export function partCard(id: number): Promise<PartCard> {
  return call<PartCard>("part_card", { id });
}

/** Adds (id null) or changes a catalogue entry. */
export function partSave(id: number | null, input: PartInput): Promise<Part> {
  return call<Part>("part_save", { id, input });
}

/** Posts a receipt or issue. */
export function movementPost(input: MovementInput): Promise<Movement> {
  return call<Movement>("movement_post", { input });
}

/** 冲销: reverses a movement by a counter-movement. */
export function movementReverse(id: number, operator: string, note: string): Promise<Movement> {
  return call<Movement>("movement_reverse", { id, operator, note });
}

/** The movement kinds, in the order the forms offer them. */
export const movementKinds: { value: MovementInput["kind"]; label: string; inflow: boolean }[] = [
  { value: "receipt", label: "采购入库", inflow: true },
  { value: "sale", label: "销售出库", inflow: false },
  { value: "repair", label: "维修领用", inflow: false },
  { value: "warranty", label: "三包更换", inflow: false },
  { value: "dealer", label: "经销商发货", inflow: false },
  { value: "return", label: "退厂", inflow: false },
  { value: "gain", label: "盘盈", inflow: true },
  { value: "loss", label: "盘亏", inflow: false },
];
