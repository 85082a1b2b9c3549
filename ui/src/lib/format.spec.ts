import { describe, expect, it } from "vitest";
import { dateLabel, formatMoney, formatRate, isMoneyText, monthLabel } from "./format";

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
    expect(formatRate("90")).toBe("90%");
    expect(formatRate(null)).toBe("无数据");
  });
});
