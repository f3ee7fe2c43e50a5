import { CATALOG, ENTRY_BY_CODE, withCode } from "./catalog-table.ts";
import type { CatalogEntry } from "./types.ts";
import { unknownEntry } from "./unknown-entry.ts";

/** prtAlertCode → its first catalog entry; RFC 3805 codes mean the same in every group. */
const FIRST_BY_ALERT_CODE: ReadonlyMap<number, CatalogEntry> = (() => {
  const map = new Map<number, CatalogEntry>();
  for (const entry of CATALOG) {
    if (entry.source !== "mib") continue;
    const code = Number(entry.code.split(".")[1]);
    if (!map.has(code)) map.set(code, entry);
  }
  return map;
})();

/**
 * The entry for a prtAlertGroup + prtAlertCode pair: the exact pair first, then the code's first
 * entry in any group (reported under the pair the device sent), then the safe default.
 */
export function lookupMibAlert(group: number, code: number): CatalogEntry {
  const id = `mib:${group}.${code}`;
  if (!isAlertNumber(group) || !isAlertNumber(code)) return unknownEntry(id);
  const exact = ENTRY_BY_CODE.get(id);
  if (exact) return exact;
  const sameCode = FIRST_BY_ALERT_CODE.get(code);
  return sameCode ? withCode(sameCode, id) : unknownEntry(id);
}

function isAlertNumber(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}
