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

/** What a 趋势图 is drawn from (TrendChart applies the defaults; TrendChartDrawn gets them all). */
export interface TrendChartProps {
  labels: string[];
  series: Series[];
  unit?: string;
  /** the right-hand axis' unit, when a series uses it */
  unit2?: string;
  target?: number | null;
  targetLabel?: string;
  height?: number;
  /** no animation, drawn at once: for print and screenshots */
  still?: boolean;
  /** the value axis fits the data instead of starting at zero */
  scale?: boolean;
}
