// Shared bits of the customer screens.

import { ComplaintCategoryChoices } from "../../api/contract";
import { repairTechnicians } from "../../api/commands";


/** An autocomplete source of the technicians named on recent orders. */
export function technicianSuggestions() {
  let cache: string[] | null = null;
  return async (q: string, cb: (v: { value: string }[]) => void) => {
    if (!cache) cache = await repairTechnicians().catch(() => []);
    cb(cache.filter((t) => t.includes(q.trim())).map((value) => ({ value })));
  };
}

/** Complaint categories of a follow-up call (投诉类别), as the core has them. */
export const COMPLAINTS: { value: string; label: string }[] = ComplaintCategoryChoices.map((c) => ({ value: c.code, label: c.label }));

/** "2026-11-26 09:30" → "11月26日 09:30". */
export function timeLabel(t: string | null | undefined): string {
  if (!t) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}:\d{2})/.exec(t);
  return m ? `${Number(m[2])}月${Number(m[3])}日 ${m[4]}` : t;
}

/** The last 6 characters of a VIN, the part people read out. */
export function vinTail(vin: string): string {
  return vin.slice(-6);
}
