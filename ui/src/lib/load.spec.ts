import { describe, expect, it } from "vitest";
import { useLoad } from "./load";

// a failure as the core sends it
const refused = { code: "storage", message: "数据文件暂时无法读取", field: null, problems: [] };

describe("useLoad", () => {
  it("keeps a failed read's message for the screen, and the next good read clears it", async () => {
    const l = useLoad();
    let rows: number[] = [];
    expect(await l.tryRead(() => Promise.reject(refused))).toBe(false);
    expect(l.error.value).toBe("数据文件暂时无法读取");
    expect(l.loading.value).toBe(false);
    expect(
      await l.tryRead(async () => {
        rows = await Promise.resolve([1, 2]);
      }),
    ).toBe(true);
    expect(rows).toEqual([1, 2]);
    expect(l.error.value).toBe("");
  });

  it("says it is loading until the last of two reads has ended", async () => {
    const l = useLoad();
    let first!: () => void;
    let second!: () => void;
    const a = l.tryRead(() => new Promise<void>((r) => (first = r)));
    const b = l.tryRead(() => new Promise<void>((r) => (second = r)));
    expect(l.loading.value).toBe(true);
    first();
    await a;
    expect(l.loading.value).toBe(true);
    second();
    await b;
    expect(l.loading.value).toBe(false);
  });

  it("names a failure that is not the core's as the program's own", async () => {
    const l = useLoad();
    await l.tryRead(() => Promise.reject("boom"));
    expect(l.error.value).toBe("程序内部错误：boom");
  });
});
