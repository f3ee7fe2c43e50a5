import type { DeviceFunction, LocalisedText, TrainingLevel } from "../alert.ts";
import { entryBuilder } from "./define-entry.ts";
import type { CatalogEntry } from "./types.ts";

/** RFC 3805 PrtAlertGroupTC values: the first number of a `mib:<group>.<code>` catalog code. */
export const MIB_GROUPS = Object.freeze({
  other: 1,
  hostResourcesMIBStorageTable: 3,
  hostResourcesMIBDeviceTable: 4,
  generalPrinter: 5,
  cover: 6,
  localization: 7,
  input: 8,
  output: 9,
  marker: 10,
  markerSupplies: 11,
  markerColorant: 12,
  mediaPath: 13,
  channel: 14,
  interpreter: 15,
  consoleDisplayBuffer: 16,
  consoleLights: 17,
  alert: 18,
  finDevice: 30,
  finSupply: 31,
  finSupplyMediaInput: 32,
  finAttributeTable: 33,
} as const);

export type MibGroupName = keyof typeof MIB_GROUPS;

/** The catalog id `<group>.<code>` of a prtAlertGroup and prtAlertCode pair. */
export function mibId(group: number, code: number): string {
  return `${group}.${code}`;
}

const build = entryBuilder("mib");

/** A Printer MIB entry named by its group, so the group numbers live only in the table above. */
export function mibEntry(
  group: MibGroupName,
  code: number,
  functions: readonly DeviceFunction[],
  training: TrainingLevel,
  title: LocalisedText,
  remedy: LocalisedText,
): CatalogEntry {
  return build(mibId(MIB_GROUPS[group], code), functions, training, title, remedy);
}
