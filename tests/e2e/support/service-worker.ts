// Chromium's DevTools protocol for what a page cannot do itself: fire a Background Sync event on
// demand, and ask whether the app is installable.
import type { Page } from "playwright-core";
import { SYNC_TAG } from "../../../pwa/src/data/sync.ts";

interface Registration {
  readonly registrationId: string;
  readonly scopeURL: string;
  readonly isDeleted: boolean;
}

/** Fires the outbox's `sync` event in the page's service worker, as the browser does on reconnect. */
export async function dispatchSyncEvent(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const origin = new URL(page.url()).origin;
    const registrations = new Promise<Registration[]>((resolve) => {
      cdp.on("ServiceWorker.workerRegistrationUpdated", (event: { registrations: Registration[] }) => {
        const live = event.registrations.filter((r) => !r.isDeleted && r.scopeURL.startsWith(origin));
        if (live.length > 0) resolve(live);
      });
    });
    await cdp.send("ServiceWorker.enable");
    const [registration] = await registrations;
    if (!registration) throw new Error("no service worker registration");
    await cdp.send("ServiceWorker.dispatchSyncEvent", {
      origin,
      registrationId: registration.registrationId,
      tag: SYNC_TAG,
      lastChance: false,
    });
  } finally {
    await cdp.detach();
  }
}

/** Chromium's own installability verdict; `[]` means installable (persistent profiles only). */
export async function installabilityErrors(page: Page): Promise<readonly { errorId: string }[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { installabilityErrors } = (await cdp.send("Page.getInstallabilityErrors")) as {
      installabilityErrors: { errorId: string }[];
    };
    return installabilityErrors;
  } finally {
    await cdp.detach();
  }
}
