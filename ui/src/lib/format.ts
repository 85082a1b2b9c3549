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

/**
 * Rounds a decimal string to `dp` places, half away from zero, digit by
 * digit (no float): ("84.6153846", 1) → "84.6", ("2.25", 1) → "2.3".
 * Trailing zeros are dropped: ("90.00", 1) → "90".
 */
export function roundDecimal(value: string, dp: number): string {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) return value;
  const [, neg, int, frac = ""] = m;
  const keep = (int + frac.padEnd(dp, "0").slice(0, dp)).split("").map(Number);
  if ((frac[dp] ?? "0") >= "5") {
    let i = keep.length - 1;
    while (i >= 0) {
      if (keep[i] === 9) {
        keep[i] = 0;
        i--;
      } else {
        keep[i]++;
        break;
      }
    }
    if (i < 0) keep.unshift(1);
  }
  const digits = keep.join("");
  const intPart = digits.slice(0, digits.length - dp).replace(/^0+(?=\d)/, "") || "0";
  const fracPart = dp > 0 ? digits.slice(digits.length - dp).replace(/0+$/, "") : "";
  const out = fracPart ? `${intPart}.${fracPart}` : intPart;
  return neg && /[1-9]/.test(out) ? `-${out}` : out;
}

/** A rate (percent, as a decimal string) as shown: "84.6%"; none is 无数据. */
export function formatRate(rate: string | null | undefined): string {
  return rate == null || rate === "" ? "无数据" : `${roundDecimal(rate, 1)}%`;
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

/** "2026-12-01" → "12月1日" (a day of the year shown). */
export function dayLabel(date: string): string {
  const m = /^\d{4}-(\d{1,2})-(\d{1,2})/.exec(date.trim());
  return m ? `${Number(m[1])}月${Number(m[2])}日` : date;
}

/**
 * Compares two decimal strings ("90", "87.5", "-3") exactly, without
 * turning them into floats: -1, 0 or 1.
 */
export function compareDecimal(a: string, b: string): number {
  const norm = (s: string) => {
    const neg = s.trim().startsWith("-");
    const [i = "0", f = ""] = s.trim().replace(/^[-+]/, "").split(".");
    return { neg, i: i.replace(/^0+(?=\d)/, ""), f: f.replace(/0+$/, "") };
  };
  const x = norm(a);
  const y = norm(b);
  const zero = (n: { i: string; f: string }) => /^0*$/.test(n.i) && n.f === "";
  if (zero(x) && zero(y)) return 0;
  if (x.neg !== y.neg) return x.neg && !zero(x) ? -1 : 1;
  const sign = x.neg ? -1 : 1;
  if (x.i.length !== y.i.length) return (x.i.length > y.i.length ? 1 : -1) * sign;
  if (x.i !== y.i) return (x.i > y.i ? 1 : -1) * sign;
  const len = Math.max(x.f.length, y.f.length);
  const fx = x.f.padEnd(len, "0");
  const fy = y.f.padEnd(len, "0");
  return fx === fy ? 0 : (fx > fy ? 1 : -1) * sign;
}

/**
 * The window's clock follows the app's one clock (core's dates::now, which
 * MOTO4S_TODAY can set): the difference from the PC's clock is taken when
 * the app's status is read, and every "today" below adds it.
 */
let clockOffsetMs = 0;

/** Sets the window's clock from the app's ("2026-11-30T09:00:12", local). */
export function setClock(nowIso: string): void {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(nowIso);
  if (!m) return;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  clockOffsetMs = new Date(y, mo - 1, d, h, mi, s).getTime() - Date.now();
}

/** Now by the app's clock. */
export function now(): Date {
  return new Date(Date.now() + clockOffsetMs);
}

function isoDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** A file's size as shown beside a backup: "3.7 MB", "12 KB" (at least 1 KB). */
export function formatBytes(n: number): string {
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

/** This month as "2026-11". */
export function currentMonth(): string {
  return todayIso().slice(0, 7);
}

/** A trend chart's month axis: 「11月」, with the year under the first month
 *  and under each January (「1月\n2026年」), and 「本月」 under the month now
 *  running, so a 12-month chart says which year and where today is. */
export function monthAxisLabels(months: string[]): string[] {
  const now = currentMonth();
  // the first month names its year unless a January right after it does
  const januaryNext = months.slice(1, 3).some((m) => m.slice(5) === "01");
  return months.map((m, i) => {
    const label = `${Number(m.slice(5))}月`;
    if (m === now) return `${label}\n本月`;
    if ((i === 0 && !januaryNext) || m.slice(5) === "01") return `${label}\n${m.slice(0, 4)}年`;
    return label;
  });
}

/** Today as "2026-11-26". */
export function todayIso(): string {
  return isoDate(now());
}

/** The date `days` after today, as "2026-12-03". */
export function daysFromToday(days: number): string {
  const d = now();
  d.setDate(d.getDate() + days);
  return isoDate(d);
}

/**
 * The exact sum of money strings ("12.50", "3", "-1.05") as a money string
 * with two decimals, added as whole fen (no float): ["12.50", "7.5"] → "20.00".
 */
export function sumMoney(amounts: Iterable<string>): string {
  let fen = 0n;
  for (const a of amounts) {
    const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(a.trim());
    if (!m) continue;
    const v = BigInt(m[2] + (m[3] ?? "").padEnd(2, "0"));
    fen += m[1] ? -v : v;
  }
  const neg = fen < 0n;
  const s = (neg ? -fen : fen).toString().padStart(3, "0");
  return `${neg ? "-" : ""}${s.slice(0, -2)}.${s.slice(-2)}`;
}

/**
 * An amount times a whole quantity, to the fen without floats: the 货款 of a
 * delivery line ("12.50" × 3 → "37.50"). Grouping commas and ¥ are ignored.
 */
export function multiplyMoney(amount: string, qty: number): string {
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim().replace(/[,，¥￥]/g, ""));
  if (!m || !Number.isInteger(qty)) return "0.00";
  const fen = BigInt(m[2] + (m[3] ?? "").padEnd(2, "0")) * BigInt(qty) * (m[1] ? -1n : 1n);
  return sumMoney([`${fen < 0n ? "-" : ""}${((fen < 0n ? -fen : fen) / 100n).toString()}.${((fen < 0n ? -fen : fen) % 100n).toString().padStart(2, "0")}`]);
}

/** 奖惩 as read: "奖 ¥200.00", "罚 ¥100.00" (a penalty is negative), `none` for nothing, a figure that is no number as typed. */
export function rewardText(amount: string | null | undefined, none = ""): string {
  if (amount == null || amount.trim() === "" || Number(amount) === 0) return none;
  const n = Number(amount);
  if (Number.isNaN(n)) return amount;
  return n > 0 ? `奖 ${formatMoney(amount)}` : `罚 ${formatMoney(amount.replace("-", ""))}`;
}

/** Standard hours added up ("0.3" + "1.0" → "1.3"): they are tenths at most
 *  (core checks), so they are added as whole tenths, never as floats. */
export function sumHours(hours: Iterable<string>): string {
  let tenths = 0;
  for (const h of hours) tenths += Math.round(Number(h) * 10);
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}
