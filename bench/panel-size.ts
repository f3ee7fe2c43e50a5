import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

// The panel's weight as a first visit pays it: the JavaScript index.html loads (entry script and
// modulepreloads, not lazy chunks), gzipped, and the service worker script.

export interface PanelSize {
  readonly initialJsFiles: readonly string[];
  readonly initialJsGzipKb: number;
  readonly serviceWorkerKb: number;
  readonly serviceWorkerGzipKb: number;
}

const DIST = new URL("../pwa/dist/", import.meta.url).pathname;
const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** Reads pwa/dist (build it first). */
export function measurePanelSize(): PanelSize {
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  const files = [
    ...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\/([^"]+\.js)"/g),
  ]
    .map((m) => m[1] as string)
    .filter((f, i, all) => all.indexOf(f) === i);
  const gzip = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(DIST, f)), { level: 9 }).length, 0);
  const sw = readFileSync(join(DIST, "sw.js"));
  return {
    initialJsFiles: files,
    initialJsGzipKb: kb(gzip),
    serviceWorkerKb: kb(sw.length),
    serviceWorkerGzipKb: kb(gzipSync(sw, { level: 9 }).length),
  };
}
