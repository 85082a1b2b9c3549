import { afterEach, describe, expect, it, vi } from "vitest";
import type { DashboardMonth } from "./contract";

// the desk's opening month as the backend's start script asked for it
// (window.__MOTO4S_EARLY_DESK__), taken by the desk when it is set up
const answer = { dashboard: { month: "2026-11" } } as unknown as DashboardMonth;
type Early = { __MOTO4S_EARLY_DESK__?: Promise<DashboardMonth> };

async function fresh() {
  vi.resetModules();
  return import("./dashboard");
}

afterEach(() => {
  delete (window as unknown as Early).__MOTO4S_EARLY_DESK__;
});

describe("the desk's opening month asked for at start", () => {
  it("is the answer itself once it has come — the first render has the figures — and is taken once", async () => {
    (window as unknown as Early).__MOTO4S_EARLY_DESK__ = Promise.resolve(answer);
    const m = await fresh();
    m.prefetchDashboard();
    await new Promise((r) => setTimeout(r, 0));
    expect(m.takeEarlyDashboard()).toBe(answer);
    expect(m.takeEarlyDashboard()).toBeNull();
  });

  it("is the call under way while the answer has not come", async () => {
    let arrive: (v: DashboardMonth) => void = () => undefined;
    (window as unknown as Early).__MOTO4S_EARLY_DESK__ = new Promise((r) => (arrive = r));
    const m = await fresh();
    m.prefetchDashboard();
    const taken = m.takeEarlyDashboard();
    expect(taken).toBeInstanceOf(Promise);
    arrive(answer);
    await expect(taken).resolves.toBe(answer);
    // an answer that came after it was taken is not given a second time
    expect(m.takeEarlyDashboard()).toBeNull();
  });

  it("is nothing when the window did not open on the desk", async () => {
    const m = await fresh();
    expect(m.takeEarlyDashboard()).toBeNull();
  });
});
