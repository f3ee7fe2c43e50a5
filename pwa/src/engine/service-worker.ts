// The page's side of the service worker: registration, Background Sync requests, flush messages and
// the update flow (a waiting worker takes over only when the page asks, which the UI does when no
// alert screen is open).
import { SYNC_TAG } from "../data/sync.ts";

export interface ServiceWorkerBridge {
  /** Asks the worker to deliver the outbox: Background Sync where it exists, and a message anyway. */
  requestDelivery(): void;
  /** Lets a waiting worker take over; the page reloads once it controls the page. */
  applyUpdate(): void;
  dispose(): void;
}

interface SyncRegistration {
  sync?: { register(tag: string): Promise<void> };
}

/** Registers the worker; null where the browser has none (jsdom, old browsers, insecure origins). */
export async function connectServiceWorker(
  url: string,
  onUpdateReady: () => void,
): Promise<ServiceWorkerBridge | null> {
  const container = typeof navigator === "undefined" ? undefined : navigator.serviceWorker;
  if (!container) return null;
  let registration: ServiceWorkerRegistration;
  try {
    registration = await container.register(url);
  } catch {
    return null; // the panel still works without it; the page delivers on its own
  }
  const watchInstalling = () => {
    const worker = registration.installing;
    worker?.addEventListener("statechange", () => {
      if (worker.state === "installed" && container.controller) onUpdateReady();
    });
  };
  if (registration.waiting && container.controller) onUpdateReady();
  registration.addEventListener("updatefound", watchInstalling);

  let reloadOnChange = false;
  const onControllerChange = () => {
    if (reloadOnChange) location.reload();
  };
  container.addEventListener("controllerchange", onControllerChange);

  return {
    requestDelivery() {
      (registration as SyncRegistration).sync?.register(SYNC_TAG).catch(() => undefined);
      container.controller?.postMessage({ type: "flush" });
    },
    applyUpdate() {
      if (!registration.waiting) return;
      reloadOnChange = true;
      registration.waiting.postMessage({ type: "skip-waiting" });
    },
    dispose() {
      registration.removeEventListener("updatefound", watchInstalling);
      container.removeEventListener("controllerchange", onControllerChange);
    },
  };
}
