import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startDenoMonitor } from "../tests/contract/deno-server.ts";
import { registerDevices } from "./devices.ts";
import { DEFAULT_INGEST } from "./ingest.ts";
import { calloutScript } from "./ingest-scripts.ts";
import { runWrk, type WrkResult } from "./wrk.ts";

// The same ingest load (wrk, batches of 100, every alert new) against the Deno build of the monitor
// (worker/deno.ts over a temporary SQLite file).

/** Accepted alerts per second under Deno, with wrk's own figures. */
export async function benchDenoIngest(): Promise<WrkResult & { alertsPerSecond: number }> {
  const workDir = mkdtempSync(join(tmpdir(), "callout-bench-deno-"));
  const tag = `d${Date.now().toString(36)}`;
  const monitor = await startDenoMonitor();
  try {
    const devices = await registerDevices(monitor.origin, DEFAULT_INGEST.devices, tag);
    const base = {
      url: monitor.origin,
      threads: DEFAULT_INGEST.threads,
      connections: DEFAULT_INGEST.connections,
      workDir,
    };
    runWrk({ ...base, script: calloutScript(devices, `${tag}w`), threads: 1, connections: 2, seconds: 2 });
    const result = runWrk({ ...base, script: calloutScript(devices, tag), seconds: DEFAULT_INGEST.seconds });
    return { ...result, alertsPerSecond: ((result.requests - result.non2xx) * 100) / result.seconds };
  } finally {
    await monitor.stop();
  }
}
