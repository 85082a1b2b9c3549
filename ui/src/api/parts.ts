import { MovementKindChoices } from "./contract";
import type { MovementInput } from "./contract";

/** The movement kinds, in the order the forms offer them (the core's table). */
export const movementKinds: { value: MovementInput["kind"]; label: string; inflow: boolean }[] = MovementKindChoices.map((k) => ({
  value: k.code,
  label: k.label,
  inflow: k.inflow,
}));

/** 收款方式, as core accepts them (receivables.rs METHODS). */
export const paymentMethods = ["现金", "转账", "微信", "支付宝", "其他"];
