import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { queryD1 } from "../tests/chaos/d1.ts";
import { startMonitor } from "../tests/support/wrangler-dev.ts";
import { startAlertmanager } from "./alertmanager.ts";
import { registerDevices } from "./devices.ts";
import { alertmanagerScript, calloutScript } from "./ingest-scripts.ts";
import { runWrk, type WrkResult } from "./wrk.ts";

// Ingest throughput: callout under wrangler dev vs Prometheus Alertmanager, same client (wrk),
// same connections, same alerts (batches of 100, every alert new), one after the other.

export interface IngestFigures {
  readonly callout: WrkResult & { alertsPerSecond: number; stored: number };
  readonly alertmanager: WrkResult & { alertsPerSecond: number };
  readonly ratio: number;
}

export interface IngestOptions {
  readonly seconds: number;
  readonly threads: number;
  readonly connections: number;
  readonly devices: number;
}

export const DEFAULT_INGEST: IngestOptions = { seconds: 10, threads: 2, connections: 16, devices: 20 };

/** Runs both targets and returns accepted alerts per second (2xx batches × 100). */
export async function benchIngest(options: IngestOptions = DEFAULT_INGEST): Promise<IngestFigures> {
  const workDir = mkdtempSync(join(tmpdir(), "callout-bench-"));
  const tag = `b${Date.now().toString(36)}`;
  const wrk = {
    threads: options.threads,
    connections: options.connections,
    seconds: options.seconds,
    workDir,
  };

  const monitor = await startMonitor();
  let callout: IngestFigures["callout"];
  try {
    const devices = await registerDevices(monitor.origin, options.devices, tag);
    warmUp(monitor.origin, calloutScript(devices, `${tag}w`), workDir);
    const result = runWrk({ ...wrk, url: monitor.origin, script: calloutScript(devices, tag) });
    const stored = countStored(monitor.persistDir, tag);
    callout = {
      ...result,
      alertsPerSecond: alertsPerSecond(result),
      stored,
    };
  } finally {
    await monitor.stop();
  }

  const am = await startAlertmanager();
  let alertmanager: IngestFigures["alertmanager"];
  try {
    const devices = Array.from({ length: options.devices }, (_, i) => ({
      deviceId: `${tag}-${i}`,
      token: "",
    }));
    warmUp(am.origin, alertmanagerScript(devices, `${tag}w`), workDir);
    const result = runWrk({ ...wrk, url: am.origin, script: alertmanagerScript(devices, tag) });
    alertmanager = { ...result, alertsPerSecond: alertsPerSecond(result) };
  } finally {
    am.stop();
  }
  return { callout, alertmanager, ratio: callout.alertsPerSecond / alertmanager.alertsPerSecond };
}

/** Accepted alerts per second of a run: 2xx batches × 100. */
export function alertsPerSecond(result: WrkResult): number {
  return ((result.requests - result.non2xx) * 100) / result.seconds;
}

/** A short, uncounted run so the server's first requests (compilation, caches) stay out of the figure. */
export function warmUp(url: string, script: string, workDir: string): void {
  runWrk({ url, script, threads: 1, connections: 2, seconds: 2, workDir });
}

/** Counts the rows this run stored in local D1: the durable figure, not just 2xx answers. */
function countStored(persistDir: string, tag: string): number {
  const [row] = queryD1<{ n: number }>(
    persistDir,
    `SELECT count(*) AS n FROM alerts WHERE id LIKE '${tag}-%'`,
  );
  return row?.n ?? 0;
}
