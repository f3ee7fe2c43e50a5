// The panel's service worker: precaches the app so it loads offline, never caches the monitor's API,
// and delivers the outbox on Background Sync, on start, on a page's request and on a timer.
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";
import { SYNC_TAG } from "../data/sync.ts";
import { deliverFromWorker } from "./worker-delivery.ts";

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: (string | { url: string; revision: string | null })[];
};

/** Background Sync's event; not in TypeScript's WebWorker lib yet. */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}

const DELIVERY_INTERVAL_MS = 60_000;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
try {
  // Offline loads of any panel route get the precached shell; the API and the desk console never do.
  const shell = createHandlerBoundToURL("index.html");
  registerRoute(new NavigationRoute(shell, { denylist: [/^\/v1\//, /^\/console/] }));
} catch {
  // No index.html in the manifest (development build): navigations go to the network.
}

function deliver(): Promise<unknown> {
  return deliverFromWorker().catch(() => undefined);
}

self.addEventListener("install", () => {
  // No skipWaiting here: a new version waits until the page says no alert screen is open.
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim().then(deliver));
});

self.addEventListener("message", (event) => {
  const type = (event.data as { type?: string } | null)?.type;
  if (type === "skip-waiting") void self.skipWaiting();
  if (type === "flush") event.waitUntil(deliver());
});

self.addEventListener("sync", (event) => {
  const sync = event as SyncEvent;
  if (sync.tag !== SYNC_TAG) return;
  // Rejecting asks the browser to fire the sync again later, with its own backoff.
  sync.waitUntil(
    deliverFromWorker().then((result) => {
      if (result.outcome === "wait") throw new Error("outbox not delivered yet");
    }),
  );
});

// While the worker is alive (a page is open or an event woke it) it also delivers on a timer.
setInterval(() => void deliver(), DELIVERY_INTERVAL_MS);
void deliver();
