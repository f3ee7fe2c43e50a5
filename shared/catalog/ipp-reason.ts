import type { AlertFacts } from "../alert.ts";
import { ENTRY_BY_CODE } from "./catalog-table.ts";
import type { CatalogEntry } from "./types.ts";
import { unknownEntry } from "./unknown-entry.ts";

/** RFC 8011 severity suffixes of printer-state-reasons; no suffix means error. */
export const IPP_SEVERITIES = ["report", "warning", "error"] as const;
export type IppSeverity = (typeof IPP_SEVERITIES)[number];

/** One printer-state-reasons value, split into its catalog entry and its severity. */
export interface IppReason {
  readonly entry: CatalogEntry;
  readonly severity: IppSeverity;
  /**
   * What to raise. `error`: the entry's facts. `warning`: RFC 8011 says nothing stops a job yet, so a
   * sign with the entry's training level. `report`: informational, `null`, raise nothing.
   */
  readonly facts: AlertFacts | null;
}

const SUFFIX = /-(report|warning|error)$/;

/** Reads one printer-state-reasons value (trimmed, lower-cased); `null` for `none` or an empty value. */
export function lookupIppReason(value: string): IppReason | null {
  const keyword = value.trim().toLowerCase();
  if (keyword === "" || keyword === "none") return null;
  // A base name may itself end in "-error" (scan-media-path-input-feed-error), so the whole value wins.
  const whole = ENTRY_BY_CODE.get(`ipp:${keyword}`);
  if (whole) return reason(whole, "error");
  const match = SUFFIX.exec(keyword);
  const severity = (match?.[1] as IppSeverity | undefined) ?? "error";
  const base = match ? keyword.slice(0, match.index) : keyword;
  if (base === "none") return null;
  return reason(ENTRY_BY_CODE.get(`ipp:${base}`) ?? unknownEntry(`ipp:${base}`), severity);
}

/** Reads a whole printer-state-reasons attribute (list or comma-separated), most severe per keyword. */
export function lookupIppReasons(values: string | readonly string[]): IppReason[] {
  const list = typeof values === "string" ? values.split(",") : values;
  const byCode = new Map<string, IppReason>();
  for (const value of list) {
    const found = lookupIppReason(value);
    if (!found) continue;
    const seen = byCode.get(found.entry.code);
    if (!seen || severityRank(found.severity) > severityRank(seen.severity))
      byCode.set(found.entry.code, found);
  }
  return [...byCode.values()];
}

function severityRank(severity: IppSeverity): number {
  return IPP_SEVERITIES.indexOf(severity);
}

function reason(entry: CatalogEntry, severity: IppSeverity): IppReason {
  if (severity === "report") return { entry, severity, facts: null };
  if (severity === "warning")
    return { entry, severity, facts: { level: "sign", functions: [], training: entry.training } };
  return { entry, severity, facts: entry };
}
