// Types shared with the Rust side (moto4s-core). Money, rates and decimal
// factors travel as strings so that no amount ever passes through a float.

/** An amount in yuan as a decimal string, e.g. "1234.50". */
export type MoneyString = string;
/** A percentage as a decimal string, e.g. "90" or "7.5". */
export type RateString = string;

export interface IndicatorTargets {
  firstTimeSupplyMin: RateString;
  slowMovingMax: RateString;
  warrantyCostMax: RateString;
  filingMin: RateString;
  followUpMin: RateString;
  inspectionMin: RateString;
}

export type InventoryBasis = "sales" | "parc";

export interface ShopSettings {
  shopName: string;
  brands: string[];
  region: string;
  address: string;
  annualVehicleSales: number;
  vehicleParc: number;
  partsConsumptionPerVehicle: MoneyString;
  inventoryBasis: InventoryBasis;
  inventoryFactor: string;
  targets: IndicatorTargets;
}

/** 店铺设置 as the form edits it: every value as text, parsed by the backend. */
export interface SettingsInput {
  shopName: string;
  /** brand names separated by 、 */
  brands: string;
  region: string;
  address: string;
  annualVehicleSales: string;
  vehicleParc: string;
  partsConsumptionPerVehicle: string;
  /** "sales" or "parc" */
  inventoryBasis: string;
  inventoryFactor: string;
  firstTimeSupplyMin: string;
  slowMovingMax: string;
  warrantyCostMax: string;
  filingMin: string;
  followUpMin: string;
  inspectionMin: string;
}

export interface SettingsView {
  settings: ShopSettings;
  input: SettingsInput;
  saved: boolean;
  inventoryReference: MoneyString;
}

export interface AppStatus {
  state: "ready" | "firstStart" | "error";
  dataPath: string;
  error: { code: string; message: string } | null;
  shopName: string | null;
  isDemo: boolean;
  needsSettings: boolean;
  schemaVersion: number | null;
  appVersion: string;
}

/** A part of the catalogue with its current stock (配件). */
export interface Part {
  id: number;
  partNo: string;
  name: string;
  nameInitials: string;
  fitment: string;
  unit: string;
  category: string;
  isEngineOil: boolean;
  costPrice: MoneyString;
  retailPrice: MoneyString;
  binLocation: string;
  minStock: number;
  maxStock: number;
  active: boolean;
  onHand: number;
  stockValue: MoneyString;
  averageCost: MoneyString;
  lastMovementOn: string | null;
  lastIssueOn: string | null;
}

/** A part as the form edits it: text, parsed by the backend. */
export interface PartInput {
  partNo: string;
  name: string;
  fitment: string;
  unit: string;
  category: string;
  isEngineOil: boolean;
  costPrice: string;
  retailPrice: string;
  binLocation: string;
  minStock: string;
  maxStock: string;
  active: boolean;
}

export type MovementKind = "receipt" | "sale" | "repair" | "warranty" | "dealer" | "gain" | "loss" | "return";

export interface Movement {
  id: number;
  partId: number;
  movedOn: string;
  kind: MovementKind;
  kindLabel: string;
  qty: number;
  delta: number;
  value: MoneyString;
  cash: MoneyString;
  balanceQty: number;
  balanceValue: MoneyString;
  operator: string;
  note: string;
  reversesId: number | null;
  reversedBy: number | null;
}

/** A receipt or issue as typed or scanned. */
export interface MovementInput {
  partNo: string;
  kind: MovementKind | "";
  qty: string;
  date: string;
  unitCost: string;
  cash: string;
  operator: string;
  note: string;
}

export interface StockQuery {
  q: string;
  category: string;
  belowMin: boolean;
  zeroStock: boolean;
  slowMoving: boolean;
  engineOil: boolean;
  includeInactive: boolean;
  sort: string;
  descending: boolean;
  page: number;
  pageSize: number;
}

export interface StockPage {
  rows: Part[];
  totalRows: number;
  totalQty: number;
  totalValue: MoneyString;
}

export interface PartCard {
  part: Part;
  movements: Movement[];
}

export interface PreviewRow {
  row: number;
  partNo: string;
  name: string;
  action: "新增" | "更新";
}

export interface CatalogPreview {
  file: string;
  rows: PreviewRow[];
  problems: import("./core").Problem[];
  newCount: number;
  updateCount: number;
}

export interface OrderLine {
  id: number;
  partId: number;
  partNo: string;
  partName: string;
  unit: string;
  qtyOrdered: number;
  qtyFirst: number;
  qtyShipped: number;
  onHand: number;
}

export interface Order {
  id: number;
  orderNo: string;
  dealer: string;
  orderedOn: string;
  firstDeliveryOn: string | null;
  note: string;
  status: "未发货" | "部分发货" | "已发齐";
  lines: OrderLine[];
  qtyRate: RateString | null;
  lineRate: RateString | null;
}

export interface OrderInput {
  dealer: string;
  orderedOn: string;
  note: string;
  lines: { partNo: string; qty: string }[];
}

export interface DeliveryInput {
  orderId: number;
  date: string;
  operator: string;
  lines: { lineId: number; qty: string }[];
}

export interface PartsIndicators {
  month: string;
  inventoryValue: MoneyString;
  inboundValue: MoneyString;
  outboundValue: MoneyString;
  stocktakeGainValue: MoneyString;
  stocktakeLossValue: MoneyString;
  partsSales: MoneyString;
  turnover: RateString | null;
  firstSupplyQtyRate: RateString | null;
  firstSupplyLineRate: RateString | null;
  firstSupplyOrders: number;
  slowMovingRate: RateString | null;
  slowMovingKinds: number;
  stockedKinds: number;
  engineOilIssued: number;
  engineOilSales: MoneyString;
}

export interface Suggestion {
  partId: number;
  partNo: string;
  name: string;
  fitment: string;
  unit: string;
  onHand: number;
  minStock: number;
  maxStock: number;
  monthlyIssues: string;
  suggestedQty: number;
  costPrice: MoneyString;
  amount: MoneyString;
  reason: string;
}

export interface StocktakeLine {
  partId: number;
  partNo: string;
  name: string;
  unit: string;
  binLocation: string;
  bookQty: number;
  countedQty: number | null;
  difference: number | null;
  averageCost: MoneyString;
}

export interface Stocktake {
  id: number;
  sheetNo: string;
  createdOn: string;
  category: string;
  status: "counting" | "posted";
  postedOn: string | null;
  /** empty in stocktakeList's summaries */
  lines: StocktakeLine[];
  lineCount: number;
  counted: number;
  gainQty: number;
  lossQty: number;
}
