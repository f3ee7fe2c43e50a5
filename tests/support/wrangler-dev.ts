import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, waitForHttp } from "./ports.ts";

/** A real `wrangler dev` (workerd, local D1 and Queues, the built panel as assets) on loopback. */
export interface MonitorServer {
  readonly origin: string;
  /** The local D1 (and queue) state of this run, for `wrangler d1 execute --persist-to`. */
  readonly persistDir: string;
  readonly logs: () => string;
  stop(): Promise<void>;
}

export interface MonitorOptions {
  /** Extra `--var NAME:value` bindings, e.g. a DISPATCH_URL receiver. */
  readonly vars?: Readonly<Record<string, string>>;
}

const ROOT = new URL("../..", import.meta.url).pathname;

/** Starts wrangler dev on a free port with its own fresh local D1, migrations applied. */
export async function startMonitor(options: MonitorOptions = {}): Promise<MonitorServer> {
  const persist = mkdtempSync(join(tmpdir(), "callout-d1-"));
  const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" };
  const migrate = spawnSync(
    "npx",
    ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", persist],
    {
      cwd: ROOT,
      env,
      encoding: "utf8",
    },
  );
  if (migrate.status !== 0) throw new Error(`migrations failed:\n${migrate.stdout}\n${migrate.stderr}`);

  const [port, inspector] = [await freePort(), await freePort()];
  const vars = { CALLOUT_LOCAL: "1", ...options.vars };
  const args = ["wrangler", "dev", "--ip", "127.0.0.1", "--port", String(port)];
  args.push(
    "--inspector-port",
    String(inspector),
    "--persist-to",
    persist,
    "--show-interactive-dev-session=false",
  );
  for (const [name, value] of Object.entries(vars)) args.push("--var", `${name}:${value}`);
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
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${origin}/v1/services`, 60_000, () => child.exitCode === null);
  } catch (error) {
    killGroup(child);
    throw new Error(`${String(error)}\n--- wrangler output ---\n${output}`);
  }
  return {
    origin,
    persistDir: persist,
    logs: () => output,
    async stop() {
      killGroup(child);
      await new Promise((r) => setTimeout(r, 300));
      rmSync(persist, { recursive: true, force: true });
    },
  };
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    child.kill("SIGTERM");
  }
}
