import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** What one wrk run measured. */
export interface WrkResult {
  readonly requests: number;
  readonly seconds: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly requestsPerSecond: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
}

export interface WrkRun {
  readonly url: string;
  /** A Lua script defining `request()` (and optionally `setup`, `init`). */
  readonly script: string;
  readonly threads: number;
  readonly connections: number;
  readonly seconds: number;
  readonly workDir: string;
}

/** Runs wrk with a Lua script and parses its summary (wrk from Debian's package). */
export function runWrk(run: WrkRun): WrkResult {
  const scriptPath = join(run.workDir, `wrk-${Date.now()}.lua`);
  writeFileSync(scriptPath, run.script + LATENCY_REPORT);
  const args = [
    `-t${run.threads}`,
    `-c${run.connections}`,
    `-d${run.seconds}s`,
    "--latency",
    "-s",
    scriptPath,
    run.url,
  ];
  const result = spawnSync("wrk", args, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`wrk failed: ${result.stderr}`);
  return parseWrk(result.stdout);
}

// Appended to every script: wrk's own summary rounds; this prints exact counts to parse.
const LATENCY_REPORT = `
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("CALLOUT requests=%d duration_us=%d non2xx=%d errors=%d p50_us=%d p99_us=%d\\n",
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
`;

function parseWrk(stdout: string): WrkResult {
  const line = stdout.split("\n").find((l) => l.startsWith("CALLOUT "));
  if (!line) throw new Error(`wrk printed no summary:\n${stdout}`);
  const field = (name: string) => Number(new RegExp(`${name}=(\\d+)`).exec(line)?.[1] ?? Number.NaN);
  const seconds = field("duration_us") / 1e6;
  const requests = field("requests");
  return {
    requests,
    seconds,
    non2xx: field("non2xx"),
    errors: field("errors"),
    requestsPerSecond: requests / seconds,
    latencyP50Ms: field("p50_us") / 1000,
    latencyP99Ms: field("p99_us") / 1000,
  };
}
