import { afterAll, beforeAll } from "vitest";
import { type DenoMonitor, startDenoMonitor } from "./contract/deno-server.ts";
import { type ContractTarget, monitorContract } from "./contract/index.ts";

// The HTTP contract against the Deno entry: node:sqlite storage, migrations applied at start.
const target: ContractTarget = { origin: "" };
let monitor: DenoMonitor | undefined;

beforeAll(async () => {
  monitor = await startDenoMonitor();
  target.origin = monitor.origin;
});

afterAll(async () => {
  await monitor?.stop();
});

monitorContract(target);
