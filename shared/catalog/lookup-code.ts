import { ENTRY_BY_CODE } from "./catalog-table.ts";
import { lookupIppReason } from "./ipp-reason.ts";
import { lookupMibAlert } from "./mib-alert.ts";
import type { CatalogEntry } from "./types.ts";
import { unknownEntry } from "./unknown-entry.ts";
import { lookupVendorCode } from "./vendor-code.ts";

const MIB_ID = /^(\d{1,9})\.(\d{1,9})$/;

/** The entry for a report code; unknown codes get the documented safe default, keeping the code. */
export function lookupCode(code: string): CatalogEntry {
  const trimmed = code.trim();
  const exact = ENTRY_BY_CODE.get(trimmed);
  if (exact) return exact;
  const colon = trimmed.indexOf(":");
  const source = trimmed.slice(0, colon);
  const id = trimmed.slice(colon + 1);
  if (colon > 0 && id !== "") {
    if (source === "ipp") return lookupIppReason(id)?.entry ?? unknownEntry(trimmed);
    if (source === "vendor") return lookupVendorCode(id);
    const mib = source === "mib" ? MIB_ID.exec(id) : null;
    if (mib) return lookupMibAlert(Number(mib[1]), Number(mib[2]));
  }
  return unknownEntry(trimmed);
}
