// Every request the panel makes to the monitor's API, from the page and from its service worker:
// Chromium reports service-worker fetches on the context, so one listener sees both.
import type { BrowserContext, Request } from "playwright-core";

export interface MonitorTraffic {
  /** "METHOD path (page|service-worker)" of every `/v1/` request seen so far. */
  readonly seen: () => readonly string[];
  stop(): void;
}

/** Starts counting `/v1/` requests in `context`. */
export function countMonitorRequests(context: BrowserContext): MonitorTraffic {
  const seen: string[] = [];
  const onRequest = (request: Request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith("/v1/")) return;
    const from = request.serviceWorker() ? "service-worker" : "page";
    seen.push(`${request.method()} ${url.pathname} (${from})`);
  };
  context.on("request", onRequest);
  return { seen: () => [...seen], stop: () => context.off("request", onRequest) };
}
