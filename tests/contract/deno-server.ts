import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, waitForHttp } from "../support/ports.ts";

/** The monitor under Deno (worker/deno.ts) on a free loopback port with its own SQLite file. */
export interface DenoMonitor {
  readonly origin: string;
  readonly dataDir: string;
  readonly logs: () => string;
  stop(): Promise<void>;
}

const ROOT = new URL("../..", import.meta.url).pathname;
const ENV_NAMES = [
  "PORT",
  "CALLOUT_DB",
  "CALLOUT_LOCAL",
  "ENROLLMENT_KEY",
  "OPERATOR_TOKEN",
  "DISPATCH_URL",
  "DISPATCH_SECRET",
  "DISPATCH_RETRY_BASE_MS",
];

export interface DenoMonitorOptions {
  /** Extra environment, e.g. DISPATCH_URL and DISPATCH_SECRET of a receiver. */
  readonly vars?: Readonly<Record<string, string>>;
  /** Reuse this folder's SQLite file (a restart); it is then kept on stop. */
  readonly dataDir?: string;
}

/** Starts `deno run` with the narrow permissions docs/deno.md gives, plus `vars` in its environment. */
export async function startDenoMonitor(options: DenoMonitorOptions = {}): Promise<DenoMonitor> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "callout-deno-"));
  const databasePath = join(dataDir, "callout.sqlite");
  const port = await freePort();
  const args = [
    "deno",
    "run",
    "--allow-net=127.0.0.1",
    `--allow-read=.,${dataDir}`,
    `--allow-write=${dataDir}`,
    `--allow-env=${ENV_NAMES.join(",")}`,
    "worker/deno.ts",
  ];
  const env = {
    ...process.env,
    PORT: String(port),
    CALLOUT_DB: databasePath,
    CALLOUT_LOCAL: "1",
    ...options.vars,
  };
  const child: ChildProcess = spawn("npx", args, {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        child.kill("SIGTERM");
      }
      await exited;
    }
    if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`${origin}/v1/services`, 30_000, () => child.exitCode === null);
  } catch (error) {
    await stop();
    throw new Error(`${String(error)}\n--- deno output ---\n${output}`);
  }
  return { origin, dataDir, logs: () => output, stop };
}
