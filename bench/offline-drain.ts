import { queryD1 } from "../tests/chaos/d1.ts";
import { launchPanelBrowser } from "../tests/support/browser.ts";
import { startMonitor } from "../tests/support/wrangler-dev.ts";
import { registerDevices } from "./devices.ts";
import { seedRegisteredPanel } from "./panel-seed.ts";

// 10,000 reports queued while offline → time until all are acknowledged after reconnect. The reports
// are written straight into the panel's IndexedDB outbox (the OutboxRecord and ReportState shapes of
// pwa/src/data/db.ts): raising 10,000 faults through the UI would measure the UI, not delivery. Back
// online, the page reloads (the engine delivers a non-empty outbox at start) and the clock runs until
// the outbox is empty; the monitor's row count is read back from D1.

export interface OfflineDrain {
  readonly reports: number;
  readonly seconds: number;
  readonly storedRows: number;
}

/** Queues `count` reports offline in Chromium, reconnects, and times the drain. */
export async function benchOfflineDrain(count = 10_000): Promise<OfflineDrain> {
  const monitor = await startMonitor();
  const browser = await launchPanelBrowser();
  try {
    const [device] = await registerDevices(monitor.origin, 1, `od${Date.now().toString(36)}`);
    if (!device) throw new Error("no device");
    const page = await browser.context.newPage();
    await page.goto(monitor.origin);
    // Offline before the service worker controls the page would break precaching (TOOLCHAIN.md).
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await seedRegisteredPanel(page, device);
    if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await browser.context.setOffline(true);
    await page.evaluate(
      async ({ deviceId, count }) => {
        const open = indexedDB.open("callout-panel");
        const db = await new Promise<IDBDatabase>((resolve) => {
          open.onsuccess = () => resolve(open.result);
        });
        const tx = db.transaction(["outbox", "reports"], "readwrite");
        const now = Date.now();
        for (let i = 0; i < count; i++) {
          const id = `${deviceId}-off-${i}`;
          const report = {
            id,
            deviceId,
            code: "mib:11.1113",
            level: "sign",
            functions: [],
            training: "fieldService",
            state: "firing",
            occurredAt: new Date(now).toISOString(),
            userPrompted: false,
          };
          tx.objectStore("outbox").add({ id, level: "sign", report, held: false, enqueuedAt: now });
          tx.objectStore("reports").put({ id, send: "pending", updatedAt: now });
        }
        await new Promise((resolve) => {
          tx.oncomplete = resolve;
        });
        db.close();
      },
      { deviceId: device.deviceId, count },
    );
    await browser.context.setOffline(false);
    const started = performance.now();
    await page.reload();
    await page.waitForFunction(
      () =>
        new Promise<boolean>((resolve) => {
          const open = indexedDB.open("callout-panel");
          open.onsuccess = () => {
            const db = open.result;
            const counting = db.transaction("outbox").objectStore("outbox").count();
            counting.onsuccess = () => {
              db.close();
              resolve(counting.result === 0);
            };
          };
        }),
      undefined,
      { polling: 50, timeout: 120_000 },
    );
    // Sent in order, so the last report stored means all are; the outbox may read 0 early while the
    // page reopens its database, so both must hold.
    const lastId = `${device.deviceId}-off-${count - 1}`;
    while (!(await isStored(monitor.origin, device.token, lastId)))
      await new Promise((r) => setTimeout(r, 20));
    const seconds = (performance.now() - started) / 1000;
    const [row] = queryD1<{ n: number }>(
      monitor.persistDir,
      `SELECT count(*) AS n FROM alerts WHERE device_id = '${device.deviceId}'`,
    );
    return { reports: count, seconds: Math.round(seconds * 100) / 100, storedRows: row?.n ?? 0 };
  } finally {
    await browser.close();
    await monitor.stop();
  }
}

async function isStored(origin: string, token: string, id: string): Promise<boolean> {
  const response = await fetch(`${origin}/v1/alerts/${encodeURIComponent(id)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await response.body?.cancel();
  return response.status === 200;
}
