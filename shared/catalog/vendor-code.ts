import { CATALOG, ENTRY_BY_CODE, withCode } from "./catalog-table.ts";
import type { CatalogEntry } from "./types.ts";
import { unknownEntry } from "./unknown-entry.ts";

/** Main number (`E000`) → its first entry: the detail number varies by model, the failed unit does not. */
const FIRST_BY_MAIN: ReadonlyMap<string, CatalogEntry> = (() => {
  const map = new Map<string, CatalogEntry>();
  for (const entry of CATALOG) {
    if (entry.source !== "vendor") continue;
    const main = mainNumber(entry.code.slice("vendor:".length));
    if (!map.has(main)) map.set(main, entry);
  }
  return map;
})();

/** The entry for a vendor code like `E000-0001`; an unknown detail falls back to its main number. */
export function lookupVendorCode(code: string): CatalogEntry {
  const normalised = code.trim().toUpperCase();
  const id = `vendor:${normalised}`;
  const exact = ENTRY_BY_CODE.get(id);
  if (exact) return exact;
  const sameMain = normalised ? FIRST_BY_MAIN.get(mainNumber(normalised)) : undefined;
  return sameMain ? withCode(sameMain, id) : unknownEntry(id);
}

function mainNumber(code: string): string {
  return code.split("-")[0] ?? code;
}
