import { describe, expect, it } from "vitest";
import { lookupVendorCode } from "./index.ts";

describe("lookupVendorCode", () => {
  it.each([
    ["E000-0001", "partial", ["print", "copy"]],
    ["E202-0001", "partial", ["copy", "scan", "fax", "send"]],
    ["E710-0001", "partial", ["fax"]],
    ["E350-0001", "fatal", ["print", "copy", "scan", "fax", "send"]],
  ] as const)("%s is a %s technician fault", (code, level, functions) => {
    const entry = lookupVendorCode(code);
    expect(entry).toMatchObject({
      code: `vendor:${code}`,
      source: "vendor",
      level,
      training: "fieldService",
    });
    expect(entry.functions).toEqual(functions);
  });

  it("ignores case and surrounding spaces", () => {
    expect(lookupVendorCode(" e000-0001 ").code).toBe("vendor:E000-0001");
  });

  it("uses the main number when only the detail number is new, keeping the reported code", () => {
    const entry = lookupVendorCode("E000-0002");
    expect(entry).toMatchObject({ code: "vendor:E000-0002", source: "vendor", level: "partial" });
    expect(entry.title).toEqual(lookupVendorCode("E000-0001").title);
  });

  it("gives the safe default for an unknown main number", () => {
    expect(lookupVendorCode("E999-0001")).toMatchObject({ code: "vendor:E999-0001", source: "unknown" });
    expect(lookupVendorCode("").source).toBe("unknown");
  });
});
