import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { clearAlert, raiseAlert } from "./alerts.ts";
import { reloadState } from "./context.ts";
import { technicianCode, testContext } from "./test-support.ts";

const FATAL = technicianCode("fatal");
const PARTIAL = technicianCode("partial");
const nothing = () => {};

describe("reloadState racing the engine's own changes", () => {
  it("a reload that read IndexedDB before a raise does not drop the new alert", async () => {
    const ctx = await testContext();
    const reloading = reloadState(ctx); // its reads are already issued
    const raising = raiseAlert(ctx, FATAL, nothing);
    await Promise.all([reloading, raising]);
    expect([...ctx.state.alerts.keys()]).toEqual([FATAL]);
  });

  it("a reload that read IndexedDB before a clear does not bring the cleared alert back", async () => {
    const ctx = await testContext();
    await raiseAlert(ctx, PARTIAL, nothing);
    const reloading = reloadState(ctx);
    const clearing = clearAlert(ctx, PARTIAL, nothing);
    await Promise.all([reloading, clearing]);
    expect([...ctx.state.alerts.keys()]).toEqual([]);
    await reloadState(ctx);
    expect([...ctx.state.alerts.keys()]).toEqual([]);
  });

  it("still takes what another tab or the worker changed", async () => {
    const ctx = await testContext();
    await raiseAlert(ctx, FATAL, nothing);
    await ctx.db.delete("alerts", FATAL); // another tab cleared it
    await reloadState(ctx);
    expect(ctx.state.alerts.size).toBe(0);
  });
});
