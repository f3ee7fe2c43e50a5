// Catalog codes the browser tests raise, one per level, all needing a technician (fieldService), so
// the SPEC policy applies to them rather than the user-fixable operator screen. See docs/catalog.md.
import { lookupCode } from "../../../shared/catalog/index.ts";

/** mib:5.30 subunitUnrecoverableFailure of the whole device: every function unusable. */
export const FATAL = "mib:5.30";
/** markerFuserOverTemperature: print and copy unusable, scan, fax and send still work. */
export const PARTIAL = "mib:10.1002";
/** Developer running low: a predicted failure, nothing unusable yet. */
export const SIGN = "mib:11.1113";
/** A second partial fault on another unit (scanner lamp), for tests raising several. */
export const PARTIAL_READER = "ipp:scanner-light-failure";

// A catalog edit that moved one of these would make the tests prove the wrong row; fail loudly instead.
for (const [code, level] of [
  [FATAL, "fatal"],
  [PARTIAL, "partial"],
  [SIGN, "sign"],
  [PARTIAL_READER, "partial"],
] as const) {
  const entry = lookupCode(code);
  if (entry.code !== code || entry.level !== level || entry.training !== "fieldService") {
    throw new Error(
      `catalog changed: ${code} is ${entry.level}/${entry.training}, tests need ${level}/fieldService`,
    );
  }
}
