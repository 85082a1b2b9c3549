import { MovementKindChoices } from "./contract";
import { call } from "./core";
import type {
  CloseOrderInput,
  DealerBalance,
  Payment,
  PaymentInput,
  StatementLine,
  CatalogPreview,
  DeliveryInput,
  Movement,
  MovementInput,
  Order,
  OrderInput,
  Part,
  PartCard,
  PartInput,
  PartsFigures,
  CatalogImported,
  CountInput,
  StockPage,
  StockQuery,
  Stocktake,
  Suggestion,
} from "./contract";

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

/** The movement kinds, in the order the forms offer them (the core's table). */
export const movementKinds: { value: MovementInput["kind"]; label: string; inflow: boolean }[] = MovementKindChoices.map((k) => ({
  value: k.code,
  label: k.label,
  inflow: k.inflow,
}));

/** Checks a catalogue file (.xlsx/.csv) and says what importing it would do. */
export function catalogImportPreview(path: string): Promise<CatalogPreview> {
  return call<CatalogPreview>("catalog_import_preview", { path });
}

/** Imports a catalogue file: everything in one transaction, or nothing. */
export function catalogImportApply(path: string): Promise<CatalogImported> {
  return call("catalog_import_apply", { path });
}

/** Writes the stock list with the current filters to .xlsx; returns the row count. */
export function stockExport(query: StockQuery, path: string): Promise<number> {
  return call<number>("stock_export", { query, path });
}

export function ordersList(): Promise<Order[]> {
  return call<Order[]>("orders_list");
}

export function orderCreate(input: OrderInput): Promise<Order> {
  return call<Order>("order_create", { input });
}

/** 撤销 or 结案 of an order, with its reason. */
export function orderClose(input: CloseOrderInput): Promise<Order> {
  return call<Order>("order_close", { input });
}

/** The orders indicator 6 counts for a month (window ended in it). */
export function ordersCounted(month: string): Promise<Order[]> {
  return call<Order[]>("orders_counted", { month });
}

/** 收款方式, as core accepts them (receivables.rs METHODS). */
export const paymentMethods = ["现金", "转账", "微信", "支付宝", "其他"];

/** Every outlet charged so far, with what it owes and how old the debt is. */
export function receivablesList(): Promise<DealerBalance[]> {
  return call<DealerBalance[]>("receivables_list");
}

/** An outlet's statement (对账单), oldest first. */
export function dealerStatement(dealer: string): Promise<StatementLine[]> {
  return call<StatementLine[]>("dealer_statement", { dealer });
}

/** Records a 收款 from an outlet. */
export function paymentReceive(input: PaymentInput): Promise<Payment> {
  return call<Payment>("payment_receive", { input });
}

/** 冲销 of a payment, dated today, with the reason. */
export function paymentReverse(id: number, operator: string, reason: string): Promise<Payment> {
  return call<Payment>("payment_reverse", { id, operator, reason });
}

/** The receivables list to .xlsx; resolves to the number of outlets. */
export function receivablesExport(path: string): Promise<number> {
  return call<number>("receivables_export", { path });
}

export function orderDeliver(input: DeliveryInput): Promise<Order> {
  return call<Order>("order_deliver", { input });
}

/** Indicators 1–7, 21, 22 for a month ("2026-11"). */
export function partsIndicators(month: string): Promise<PartsFigures> {
  return call<PartsFigures>("parts_indicators", { month });
}

export function reorderList(): Promise<Suggestion[]> {
  return call<Suggestion[]>("reorder_list");
}

/** Every sub-dealer order, a row per line, to .xlsx; resolves to the number of orders. */
export function ordersExport(path: string): Promise<number> {
  return call<number>("orders_export", { path });
}

/** A part's stock card (all its movements) to .xlsx; resolves to the number of movements. */
export function partCardExport(id: number, path: string): Promise<number> {
  return call<number>("part_card_export", { id, path });
}

export function reorderExport(path: string): Promise<number> {
  return call<number>("reorder_export", { path });
}

export function stocktakeList(): Promise<Stocktake[]> {
  return call<Stocktake[]>("stocktake_list");
}

export function stocktakeGet(id: number): Promise<Stocktake> {
  return call<Stocktake>("stocktake_get", { id });
}

export function stocktakeCreate(category: string): Promise<Stocktake> {
  return call<Stocktake>("stocktake_create", { category });
}

export function stocktakeSave(id: number, counts: CountInput[]): Promise<Stocktake> {
  return call<Stocktake>("stocktake_save", { id, counts });
}

export function stocktakePost(id: number, operator: string): Promise<Stocktake> {
  return call<Stocktake>("stocktake_post", { id, operator });
}

export function stocktakeExport(id: number, path: string): Promise<void> {
  return call<void>("stocktake_export", { id, path });
}
