import { describe, expect, it } from "vitest";
import { runChaos } from "./chaos/run-chaos.ts";

// The small chaos run: 20 panels, ~200 reports, a proxy that drops, errors, throttles, delays and
// cuts answers after the monitor committed, page reloads mid-send, and a dispatch server that fails
// at random. `npm run bench` runs the same scenario with 2,000 reports.
describe("chaos: nothing lost, nothing twice", () => {
  it("stores every report once, keeps one ticket per cycle and delivers every event once", async () => {
    const report = await runChaos({ devices: 20, reports: 200, seed: 7, reloadOdds: 0.1, settleMs: 45_000 });
    console.log(JSON.stringify(report, null, 2));
    // The proxy really misbehaved, or the run proves nothing.
    expect(report.proxy.dropped + report.proxy.cutAfterCommit).toBeGreaterThan(0);
    expect(report.proxy.error503 + report.proxy.tooMany + report.proxy.error500).toBeGreaterThan(0);
    expect(report.reloads).toBeGreaterThan(0);
    expect(report.counts.reportsMade).toBeGreaterThanOrEqual(200);
    expect(report.counts.tickets).toBeGreaterThan(0);
    expect(report.problems).toEqual([]);
    expect(report.counts.rowsStored).toBe(report.counts.reportsMade);
    expect(report.counts.acceptedAnswers).toBe(report.counts.reportsMade);
    // Every event reached the receiver once, unless a dev-server reload dropped queued messages (their
    // rows then wait, still pending, for the 5-minute sweep; verify() checks them otherwise).
    if (report.monitorReloads === 0) {
      expect(report.counts.eventsDelivered).toBe(report.counts.dispatchEvents);
      expect(report.counts.receiverAccepted).toBe(report.counts.dispatchEvents);
    }
  }, 150_000);
});
