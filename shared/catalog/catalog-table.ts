import { IPP_PRINTER_ENTRIES } from "./ipp-printer-entries.ts";
import { IPP_SCAN_FAX_ENTRIES } from "./ipp-scan-fax-entries.ts";
import { MIB_DEVICE_ENTRIES } from "./mib-device-entries.ts";
import { MIB_MARKER_ENTRIES } from "./mib-marker-entries.ts";
import type { CatalogEntry } from "./types.ts";
import { VENDOR_ENTRIES } from "./vendor-entries.ts";

/** Every entry of the catalog, in a stable order: IPP, Printer MIB, vendor. */
export const CATALOG: readonly CatalogEntry[] = Object.freeze([
  ...IPP_PRINTER_ENTRIES,
  ...IPP_SCAN_FAX_ENTRIES,
  ...MIB_DEVICE_ENTRIES,
  ...MIB_MARKER_ENTRIES,
  ...VENDOR_ENTRIES,
]);

/** Entries by their full code (`ipp:media-jam`), built once at load. */
export const ENTRY_BY_CODE: ReadonlyMap<string, CatalogEntry> = new Map(CATALOG.map((e) => [e.code, e]));

/** Same entry with the code a device actually reported, for look-ups that fell back to a relative. */
export function withCode(entry: CatalogEntry, code: string): CatalogEntry {
  return entry.code === code ? entry : Object.freeze({ ...entry, code });
}
