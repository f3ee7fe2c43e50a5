import { afterAll, beforeAll } from "vitest";
import { type ContractTarget, monitorContract } from "./contract/index.ts";
import { type MonitorServer, startMonitor } from "./support/wrangler-dev.ts";

// The HTTP contract against wrangler dev: workerd, local D1 and Queues, the panel as assets.
const target: ContractTarget = { origin: "" };
let monitor: MonitorServer | undefined;

beforeAll(async () => {
  monitor = await startMonitor();
  target.origin = monitor.origin;
});

afterAll(async () => {
  await monitor?.stop();
});

monitorContract(target);
