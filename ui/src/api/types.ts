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
