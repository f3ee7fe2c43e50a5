// Helpers for the data-layer tests: fresh databases and reports shaped like the panel's.
import type { AlertLevel } from "../../../shared/alert.ts";
import type { AlertReport } from "../../../shared/schemas.ts";
import { openPanelDb, type PanelDatabase } from "./db.ts";
import { loadSettings, setMeta } from "./meta.ts";
import type { SeenRequest } from "./test-monitor.ts";

let dbCounter = 0;

/** A database of its own per test, so tests never see each other's records. */
export function freshDb(): Promise<PanelDatabase> {
  dbCounter++;
  return openPanelDb(`callout-test-${dbCounter}-${Math.random().toString(36).slice(2)}`);
}

/** A valid report; partial fieldService unless told otherwise. */
export function report(
  id: string,
  level: AlertLevel = "partial",
  overrides: Partial<AlertReport> = {},
): AlertReport {
  return {
    id,
    deviceId: "MFP-TEST01",
    code: "ipp:fuser-failure",
    level,
    functions:
      level === "sign"
        ? []
        : level === "fatal"
          ? ["print", "copy", "scan", "fax", "send"]
          : ["print", "copy"],
    training: "fieldService",
    state: "firing",
    occurredAt: "2026-11-25T10:00:00.000Z",
    userPrompted: false,
    ...overrides,
  };
}

/** A database with monitoring on and, unless told otherwise, a device token. */
export async function monitoredDb(options: { token?: boolean } = {}): Promise<PanelDatabase> {
  const db = await freshDb();
  const settings = await loadSettings(db);
  await setMeta(db, "settings", { ...settings, monitoring: true, enrollmentKey: "callout-local-enrollment" });
  if (options.token !== false) {
    await setMeta(db, "token", "t".repeat(40));
    await setMeta(db, "registration", "registered");
  }
  return db;
}

/** The alert batches the monitor saw. */
export const alertPosts = (requests: SeenRequest[]) => requests.filter((r) => r.path === "/v1/alerts");

/** Every report id the monitor was sent, in order, refused ones included. */
export const sentIds = (requests: SeenRequest[]) =>
  alertPosts(requests).flatMap((r) => (r.body as { alerts: { id: string }[] }).alerts.map((a) => a.id));
