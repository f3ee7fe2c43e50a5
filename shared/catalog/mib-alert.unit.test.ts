import { describe, expect, it } from "vitest";
import { lookupMibAlert, MIB_GROUPS } from "./index.ts";

describe("lookupMibAlert", () => {
  it.each([
    // [group, code, expected code, level, training, unusable functions]
    [MIB_GROUPS.mediaPath, 8, "mib:13.8", "partial", "untrained", ["print", "copy"]],
    [MIB_GROUPS.input, 8, "mib:8.8", "partial", "untrained", ["print", "copy"]],
    [MIB_GROUPS.cover, 3, "mib:6.3", "partial", "untrained", ["print", "copy"]],
    [MIB_GROUPS.cover, 5, "mib:6.5", "partial", "untrained", ["print", "copy"]],
    [
      MIB_GROUPS.generalPrinter,
      30,
      "mib:5.30",
      "fatal",
      "fieldService",
      ["print", "copy", "scan", "fax", "send"],
    ],
    [
      MIB_GROUPS.generalPrinter,
      36,
      "mib:5.36",
      "fatal",
      "fieldService",
      ["print", "copy", "scan", "fax", "send"],
    ],
    [MIB_GROUPS.marker, 1002, "mib:10.1002", "partial", "fieldService", ["print", "copy"]],
    [MIB_GROUPS.markerSupplies, 1101, "mib:11.1101", "partial", "trained", ["print", "copy"]],
    [MIB_GROUPS.markerSupplies, 1104, "mib:11.1104", "sign", "trained", []],
    [MIB_GROUPS.markerSupplies, 1112, "mib:11.1112", "partial", "trained", ["print", "copy"]],
    [MIB_GROUPS.input, 808, "mib:8.808", "partial", "untrained", ["print", "copy"]],
    [MIB_GROUPS.output, 903, "mib:9.903", "partial", "untrained", ["print", "copy"]],
    [MIB_GROUPS.output, 902, "mib:9.902", "sign", "untrained", []],
    [MIB_GROUPS.interpreter, 30, "mib:15.30", "partial", "fieldService", ["print"]],
  ] as const)("group %i code %i → %s", (group, code, expected, level, training, functions) => {
    const entry = lookupMibAlert(group, code);
    expect(entry).toMatchObject({ code: expected, source: "mib", level, training });
    expect(entry.functions).toEqual(functions);
  });

  it("gives the same code a different meaning per group: a failed subunit is only as bad as its subunit", () => {
    expect(lookupMibAlert(MIB_GROUPS.generalPrinter, 30).level).toBe("fatal");
    expect(lookupMibAlert(MIB_GROUPS.marker, 30).functions).toEqual(["print", "copy"]);
    expect(lookupMibAlert(MIB_GROUPS.channel, 30).functions).toEqual(["print"]);
  });

  it("falls back to the code's first entry for a group the catalog does not list, keeping the pair reported", () => {
    const jam = lookupMibAlert(MIB_GROUPS.finSupplyMediaInput, 8);
    expect(jam.code).toBe("mib:32.8");
    expect(jam.title).toEqual(lookupMibAlert(MIB_GROUPS.mediaPath, 8).title);
    expect(jam.level).toBe("partial");
    expect(lookupMibAlert(MIB_GROUPS.alert, 1112)).toMatchObject({ code: "mib:18.1112", source: "mib" });
  });

  it("gives the safe default for a code the catalog does not know", () => {
    expect(lookupMibAlert(MIB_GROUPS.generalPrinter, 9999)).toMatchObject({
      code: "mib:5.9999",
      source: "unknown",
      training: "fieldService",
    });
  });

  it.each([
    [-1, 8],
    [5, 1.5],
    [Number.NaN, 8],
    [5, Number.POSITIVE_INFINITY],
  ])(
    "treats a malformed pair (%s, %s) as unknown, with a code that still passes the schema",
    (group, code) => {
      const entry = lookupMibAlert(group, code);
      expect(entry.source).toBe("unknown");
      expect(entry.code).toMatch(/^[a-z]+:[A-Za-z0-9._-]+$/);
    },
  );
});
