import { spawn } from "node:child_process";
import { waitForHttp } from "./ports.ts";

/** A server started through npx in its own process group, with its output kept for error messages. */
export interface ServerProcess {
  readonly origin: string;
  readonly logs: () => string;
  /** Stops the whole group (npx does not forward signals to its child) and waits for the exit. */
  stop(): Promise<void>;
}

const ROOT = new URL("../..", import.meta.url).pathname;

/** Runs `npx <args>` from the repository root and waits until `origin` + `readyPath` answers. */
export async function startServerProcess(
  name: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  origin: string,
  readyPath = "/v1/services",
  timeoutMs = 60_000,
): Promise<ServerProcess> {
  const child = spawn("npx", args, { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.pid === undefined || child.exitCode !== null) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      child.kill("SIGTERM");
    }
    await exited;
  };
  try {
    await waitForHttp(`${origin}${readyPath}`, timeoutMs, () => child.exitCode === null);
  } catch (error) {
    await stop();
    throw new Error(`${String(error)}\n--- ${name} output ---\n${output}`);
  }
  return { origin, logs: () => output, stop };
}
