// Helpers for the data-layer tests: fresh databases and reports shaped like the panel's.
import type { AlertLevel } from "../../../shared/alert.ts";
import type { AlertReport } from "../../../shared/schemas.ts";
import { openPanelDb, type PanelDatabase } from "./db.ts";

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
