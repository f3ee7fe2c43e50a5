import type { Page } from "playwright-core";
import { LOCAL_ENROLLMENT_KEY } from "../worker/config.ts";
import type { BenchDevice } from "./ingest-scripts.ts";

// Puts a panel in the "monitoring on, registered" state without clicking through consent: the device
// is registered over HTTP (bench/devices.ts) and its settings and token are written into the panel's
// own IndexedDB (`callout-panel`, the records pwa/src/data/db.ts and meta.ts define), then the page
// reloads so the engine starts from them.

export interface SeedSettings {
  readonly linkTimeoutMs?: number;
  readonly linkMaxAgeMs?: number;
}

/** Writes settings, token and registration into the page's IndexedDB and reloads. */
export async function seedRegisteredPanel(page: Page, device: BenchDevice, settings: SeedSettings = {}) {
  await page.evaluate(
    async ({ device, settings, enrollmentKey }) => {
      const open = indexedDB.open("callout-panel");
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction("meta", "readwrite");
      const meta = tx.objectStore("meta");
      const current = await new Promise<Record<string, unknown>>((resolve) => {
        const get = meta.get("settings");
        get.onsuccess = () => resolve((get.result as Record<string, unknown>) ?? {});
      });
      meta.put(
        {
          ...current,
          deviceId: device.deviceId,
          deviceName: device.deviceId,
          monitoring: true,
          services: ["fault-monitoring"],
          enrollmentKey,
          ...settings,
        },
        "settings",
      );
      meta.put(device.token, "token");
      meta.put("registered", "registration");
      await new Promise((resolve) => {
        tx.oncomplete = resolve;
      });
      db.close();
    },
    { device, settings, enrollmentKey: LOCAL_ENROLLMENT_KEY },
  );
  await page.reload();
  await page.locator('[data-testid="monitoring-state"][data-monitoring="on"]').waitFor();
}
