// Display rules shared by every screen: ¥1,234.50, 90%, 2026年11月.
// Money is formatted from its decimal string, digit by digit: no float.

/** "1234.5" → "¥1,234.50"; "-12" → "-¥12.00"; "" → "". */
export function formatMoney(amount: string | null | undefined): string {
  if (amount == null) return "";
  const t = amount.trim();
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return t;
  const [, neg, intPart, frac = ""] = m;
  const yuan = intPart.replace(/^0+(?=\d)/, "").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const cents = (frac + "00").slice(0, 2);
  const zero = /^0+$/.test(intPart) && /^0*$/.test(frac);
  return `${neg && !zero ? "-" : ""}¥${yuan}.${cents}`;
}

/** Whether a typed amount is valid money (at most two decimals). */
export function isMoneyText(text: string): boolean {
  return /^-?\d{1,11}(\.\d{1,2})?$/.test(text.trim().replace(/[,，¥￥]/g, ""));
}

/** "90" → "90%". */
export function formatRate(rate: string | null | undefined): string {
  return rate == null || rate === "" ? "无数据" : `${rate}%`;
}

/** "2026-11" → "2026年11月". */
export function monthLabel(month: string): string {
  const m = /^(\d{4})-(\d{1,2})$/.exec(month.trim());
  return m ? `${m[1]}年${Number(m[2])}月` : month;
}

/** "2026-11-26" → "2026年11月26日". */
export function dateLabel(date: string): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(date.trim());
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}
