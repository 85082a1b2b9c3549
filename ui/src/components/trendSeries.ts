/** One line (or set of bars) of a 趋势图. */
export interface Series {
  name: string;
  /** a value per month; null where the month has no data (a gap, never a zero) */
  values: (number | null)[];
  kind?: "line" | "bar";
  color?: string;
  /** 1: drawn against the right-hand axis (unit2) */
  axis?: 0 | 1;
}
