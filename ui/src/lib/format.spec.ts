import { describe, expect, it } from "vitest";
import { currentMonth, dateLabel, dayLabel, daysFromToday, formatBytes, formatMoney, formatRate, isMoneyText, monthAxisLabels, monthLabel, multiplyMoney, setClock, sumHours, sumMoney, todayIso } from "./format";

describe("formatMoney", () => {
  it("shows yuan with grouping and two decimals", () => {
    expect(formatMoney("1234.5")).toBe("¥1,234.50");
    expect(formatMoney("1234.50")).toBe("¥1,234.50");
    expect(formatMoney("0")).toBe("¥0.00");
    expect(formatMoney("0.05")).toBe("¥0.05");
    expect(formatMoney("-12")).toBe("-¥12.00");
    expect(formatMoney("-0.00")).toBe("¥0.00");
    expect(formatMoney("123456789.01")).toBe("¥123,456,789.01");
    // beyond float precision: still exact, because it never becomes a number
    expect(formatMoney("99999999999.99")).toBe("¥99,999,999,999.99");
  });
  it("leaves what is not money alone", () => {
    expect(formatMoney("abc")).toBe("abc");
    expect(formatMoney(null)).toBe("");
  });
});

describe("isMoneyText", () => {
  it("accepts at most two decimals", () => {
    expect(isMoneyText("320")).toBe(true);
    expect(isMoneyText("1,234.50")).toBe(true);
    expect(isMoneyText("1.234")).toBe(false);
    expect(isMoneyText("abc")).toBe(false);
  });
});

describe("labels", () => {
  it("writes months and dates the Chinese way", () => {
    expect(monthLabel("2026-11")).toBe("2026年11月");
    expect(monthLabel("2026-01")).toBe("2026年1月");
    expect(dateLabel("2026-11-06")).toBe("2026年11月6日");
    expect(dayLabel("2026-12-01")).toBe("12月1日");
    expect(formatRate("90")).toBe("90%");
    expect(formatRate(null)).toBe("无数据");
  });
});

import { compareDecimal } from "./format";

describe("compareDecimal", () => {
  it("compares decimal strings exactly", () => {
    expect(compareDecimal("90", "90.00")).toBe(0);
    expect(compareDecimal("87.5", "90")).toBe(-1);
    expect(compareDecimal("100", "99.99")).toBe(1);
    expect(compareDecimal("5.01", "5.1")).toBe(-1);
    expect(compareDecimal("-3", "2")).toBe(-1);
    expect(compareDecimal("-3", "-4")).toBe(1);
    expect(compareDecimal("0.30000000000000001", "0.3")).toBe(1);
  });
});

import { roundDecimal } from "./format";

describe("roundDecimal", () => {
  it("rounds half away from zero without floats", () => {
    expect(roundDecimal("84.615384615384615384615384615", 1)).toBe("84.6");
    expect(roundDecimal("2.25", 1)).toBe("2.3");
    expect(roundDecimal("99.96", 1)).toBe("100");
    expect(roundDecimal("90.00", 1)).toBe("90");
    expect(roundDecimal("-0.04", 1)).toBe("0");
    expect(roundDecimal("-1.25", 1)).toBe("-1.3");
    expect(roundDecimal("66.666", 1)).toBe("66.7");
    expect(formatRate("84.615384615384615")).toBe("84.6%");
  });
});

describe("multiplyMoney", () => {
  it("multiplies to the fen without floats", () => {
    expect(multiplyMoney("12.50", 3)).toBe("37.50");
    expect(multiplyMoney("0.1", 3)).toBe("0.30");
    expect(multiplyMoney("¥1,000", 2)).toBe("2000.00");
    expect(multiplyMoney("8.05", 0)).toBe("0.00");
    expect(multiplyMoney("abc", 2)).toBe("0.00");
  });
});

describe("sumMoney", () => {
  it("adds to the fen without floats", () => {
    expect(sumMoney(["0.10", "0.20"])).toBe("0.30");
    expect(sumMoney(["12.50", "7.5", "3"])).toBe("23.00");
    expect(sumMoney([])).toBe("0.00");
    expect(sumMoney(["-1.05", "0.05"])).toBe("-1.00");
    expect(sumMoney(["99999999999.99", "0.01"])).toBe("100000000000.00");
  });
});

describe("the window's clock", () => {
  it("follows the app's clock, across a month's and a year's end", () => {
    setClock("2026-12-31T23:59:30");
    expect(todayIso()).toBe("2026-12-31");
    expect(currentMonth()).toBe("2026-12");
    expect(daysFromToday(1)).toBe("2027-01-01");
    setClock("2028-02-29T08:30:00");
    expect(todayIso()).toBe("2028-02-29");
    expect(daysFromToday(7)).toBe("2028-03-07");
    setClock("2027-03-01T00:00:05");
    expect(currentMonth()).toBe("2027-03");
    expect(daysFromToday(-1)).toBe("2027-02-28");
  });
  it("ignores a text that is not a time", () => {
    setClock("2026-11-15T10:00:00");
    setClock("garbage");
    expect(todayIso()).toBe("2026-11-15");
  });
});

describe("formatBytes", () => {
  it("shows megabytes with one decimal and at least one kilobyte", () => {
    expect(formatBytes(3_879_731)).toBe("3.7 MB");
    expect(formatBytes(12_288)).toBe("12 KB");
    expect(formatBytes(10)).toBe("1 KB");
  });
});

describe("sumHours", () => {
  it("adds standard hours as tenths", () => {
    expect(sumHours(["0.3", "1.0", "0.2"])).toBe("1.5");
    expect(sumHours(["0.1", "0.2"])).toBe("0.3");
    expect(sumHours([])).toBe("0.0");
  });
});

describe("a trend chart's month axis", () => {
  it("names the year under the first month and each January, and marks the month now running", () => {
    setClock("2026-11-20T10:00:00");
    const months = ["2025-12", "2026-01", "2026-02", "2026-10", "2026-11"];
    // (the January right after the first month names the year for both)
    expect(monthAxisLabels(months)).toEqual(["12月", "1月\n2026年", "2月", "10月", "11月\n本月"]);
    expect(monthAxisLabels(["2025-09", "2025-10", "2025-11", "2025-12", "2026-01"])).toEqual(["9月\n2025年", "10月", "11月", "12月", "1月\n2026年"]);
    // a past year's chart has no 本月
    expect(monthAxisLabels(["2024-06", "2024-07"])).toEqual(["6月\n2024年", "7月"]);
  });
});
