// One chaos run: wrangler dev with a flaky dispatch receiver, the chaos proxy in front of it, and
// simulated panels raising and clearing faults (and reloading mid-send) while the proxy flaps. Then
// the network calms down, everything drains, and the stored state is checked. Used small by the test
// suite and at 2,000 alerts by `npm run bench`.
import "fake-indexeddb/auto";
import { CATALOG } from "../../shared/catalog/index.ts";
import { startMonitor } from "../support/wrangler-dev.ts";
import { queryD1 } from "./d1.ts";
import { type ChaosDevice, createChaosDevice } from "./device.ts";
import { expectedTickets } from "./expected-tickets.ts";
import { type ProxyCounts, startChaosProxy } from "./proxy.ts";
import { seededRandom, sleep } from "./random.ts";
import { startDispatchReceiver } from "./receiver.ts";
import { type StoredState, type Verdict, verify } from "./verify.ts";

export interface ChaosOptions {
  readonly devices: number;
  /** Reports to make in all (firing and resolved), roughly. */
  readonly reports: number;
  readonly seed: number;
  /** Chance per step that the device's page reloads mid-send. */
  readonly reloadOdds: number;
  /** How long to wait for the outboxes and the dispatch queue to drain once calm. */
  readonly settleMs: number;
}

export interface ChaosReport extends Verdict {
  readonly proxy: ProxyCounts;
  readonly reloads: number;
  readonly receiverRefused: number;
  /** wrangler dev restarts during the run (a worker file saved meanwhile): queue messages lost then. */
  readonly monitorReloads: number;
  readonly seconds: number;
}

const FATAL = CATALOG.filter((e) => e.level === "fatal" && e.training === "fieldService").map((e) => e.code);
const SIGN = CATALOG.filter((e) => e.level === "sign" && e.training === "fieldService").map((e) => e.code);
/** Fatal codes open tickets; a sign code is stored without one. */
const CODES = [...FATAL.slice(0, 3), ...SIGN.slice(0, 1)];

/** Runs the whole scenario and returns the verdict with its counts (it never throws on a finding). */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  const random = seededRandom(options.seed);
  // Devices are separate machines: no page-to-page notices between them inside this one process.
  const channel = globalThis.BroadcastChannel;
  Reflect.deleteProperty(globalThis, "BroadcastChannel");
  const receiver = await startDispatchReceiver(seededRandom(options.seed + 1));
  const monitor = await startMonitor({ vars: { DISPATCH_URL: receiver.url } });
  const proxy = await startChaosProxy(monitor.origin, seededRandom(options.seed + 2));
  const devices: ChaosDevice[] = [];
  try {
    for (let i = 0; i < options.devices; i++) {
      const name = `d${options.seed}-${i}`;
      devices.push(
        await createChaosDevice({
          name,
          baseUrl: proxy.origin,
          codes: CODES,
          random: seededRandom(options.seed * 100 + i),
        }),
      );
    }
    await drive(devices, options, random, proxy.setChaos);
    const waiting = await drainAll(devices, Date.now() + options.settleMs);
    const stored = await settledState(monitor.persistDir, receiver.accepted, options.settleMs);
    const dispatchable = new Set(FATAL.slice(0, 3));
    const verdict = verify(
      devices.map((d, i) => ({
        deviceId: d.deviceId,
        madeIds: d.madeIds,
        waiting: waiting[i] ?? 0,
        activeCodes: d.activeCodes(),
      })),
      stored,
      proxy.acceptedTimes,
      expectedTickets(proxy.committed, dispatchable),
      dispatchable,
      receiver.accepted,
      devServerReloads(monitor.logs()) > 0,
    );
    return {
      ...verdict,
      proxy: { ...proxy.counts },
      reloads: devices.reduce((n, d) => n + d.reloads, 0),
      receiverRefused: receiver.refused(),
      monitorReloads: devServerReloads(monitor.logs()),
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    for (const device of devices) device.dispose();
    await proxy.close();
    await monitor.stop();
    await receiver.close();
    if (channel) globalThis.BroadcastChannel = channel;
  }
}

/** Devices act in parallel while the proxy flaps between chaos and calm every second or so. */
async function drive(
  devices: readonly ChaosDevice[],
  options: ChaosOptions,
  random: () => number,
  setChaos: (on: boolean) => void,
): Promise<void> {
  const made = () => devices.reduce((n, d) => n + d.madeIds.size, 0);
  let running = true;
  const flapping = (async () => {
    while (running) {
      setChaos(random() < 0.7);
      await sleep(500 + random() * 1000);
    }
    setChaos(false);
  })();
  await Promise.all(
    devices.map(async (device) => {
      while (made() < options.reports) {
        await device.step();
        if (random() < options.reloadOdds) await device.reloadMidSend();
      }
    }),
  );
  running = false;
  await flapping;
}

/** Calm network: flush every device until its outbox is empty or the deadline passes. */
async function drainAll(devices: readonly ChaosDevice[], deadline: number): Promise<number[]> {
  let waiting = await Promise.all(devices.map((d) => d.drain()));
  while (waiting.some((n) => n > 0) && Date.now() < deadline) {
    await sleep(1100); // past any Retry-After the proxy handed out
    waiting = await Promise.all(devices.map((d) => d.drain()));
  }
  return waiting;
}

/** Reads D1 once every dispatch event is delivered (or the settle time is up). */
async function settledState(
  persistDir: string,
  accepted: readonly unknown[],
  settleMs: number,
): Promise<StoredState> {
  const deadline = Date.now() + settleMs;
  const events = () =>
    queryD1<StoredState["events"][number]>(
      persistDir,
      "SELECT id, ticket_id, kind, delivered_at FROM dispatch_events",
    );
  let current = events();
  while (
    Date.now() < deadline &&
    (current.some((e) => e.delivered_at === null) || accepted.length < current.length)
  ) {
    await sleep(2000);
    current = events();
  }
  return {
    alerts: queryD1(persistDir, "SELECT device_id, id FROM alerts"),
    tickets: queryD1(persistDir, "SELECT id, device_id, code, status FROM tickets"),
    events: current,
  };
}

/** wrangler dev prints its bindings again on every reload after the first "Ready on". */
function devServerReloads(logs: string): number {
  const ready = logs.indexOf("Ready on");
  return ready < 0 ? 0 : logs.slice(ready).split("following bindings").length - 1;
}
