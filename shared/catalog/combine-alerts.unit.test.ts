import { describe, expect, it } from "vitest";
import type { AlertFacts } from "../alert.ts";
import { combineAlerts, lookupCode } from "./index.ts";

const jam = lookupCode("ipp:media-jam"); // partial: print, copy; untrained
const adfJam = lookupCode("ipp:scan-media-path-jam"); // partial: copy, scan, fax, send; untrained
const tonerLow = lookupCode("ipp:toner-low"); // sign; trained
const fuser = lookupCode("mib:10.1002"); // partial: print, copy; fieldService
const drumWear = lookupCode("ipp:opc-near-eol"); // sign; trained

describe("combineAlerts", () => {
  it("is a silent sign for no active reasons", () => {
    expect(combineAlerts([])).toEqual({ level: "sign", functions: [], training: "untrained" });
  });

  it("keeps one entry's facts", () => {
    expect(combineAlerts([fuser])).toEqual({
      level: "partial",
      functions: ["print", "copy"],
      training: "fieldService",
    });
  });

  it("unites the unusable functions, in the canonical order, once each", () => {
    expect(combineAlerts([adfJam, jam]).functions).toEqual(["print", "copy", "scan", "fax", "send"]);
    expect(combineAlerts([jam, fuser]).functions).toEqual(["print", "copy"]);
  });

  it("makes two partials a fatal when together they leave nothing usable", () => {
    expect(jam.level).toBe("partial");
    expect(adfJam.level).toBe("partial");
    expect(combineAlerts([jam, adfJam]).level).toBe("fatal");
  });

  it("stays a sign when only signs are active", () => {
    expect(combineAlerts([tonerLow, drumWear])).toEqual({
      level: "sign",
      functions: [],
      training: "trained",
    });
  });

  it.each([
    [[jam, adfJam], "untrained"],
    [[jam, tonerLow], "trained"],
    [[tonerLow, jam, fuser], "fieldService"],
    [[fuser, jam], "fieldService"],
  ] as [AlertFacts[], string][])("needs the most skilled fixer of any entry (%#)", (entries, training) => {
    expect(combineAlerts(entries).training).toBe(training);
  });
});
