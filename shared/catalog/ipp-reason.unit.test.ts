import { describe, expect, it } from "vitest";
import { lookupIppReason, lookupIppReasons } from "./index.ts";

describe("lookupIppReason", () => {
  it.each([
    ["media-jam", "ipp:media-jam", "error"],
    ["media-jam-error", "ipp:media-jam", "error"],
    ["media-jam-warning", "ipp:media-jam", "warning"],
    ["media-jam-report", "ipp:media-jam", "report"],
    ["toner-low-warning", "ipp:toner-low", "warning"],
    ["fax-modem-life-over", "ipp:fax-modem-life-over", "error"],
    // Base names that already end in "-error": the bare keyword is that base, with error severity.
    ["scan-media-path-input-feed-error", "ipp:scan-media-path-input-feed-error", "error"],
    ["scan-media-path-input-feed-error-error", "ipp:scan-media-path-input-feed-error", "error"],
    ["scan-media-path-input-feed-error-warning", "ipp:scan-media-path-input-feed-error", "warning"],
    ["scan-media-path-input-feed-error-report", "ipp:scan-media-path-input-feed-error", "report"],
    ["scan-media-path-output-feed-error-warning", "ipp:scan-media-path-output-feed-error", "warning"],
    // Keywords are trimmed and lower-cased: devices and tools are not always strict.
    ["  Media-Jam-Error ", "ipp:media-jam", "error"],
    ["TONER-LOW", "ipp:toner-low", "error"],
  ])("%s → %s (%s)", (value, code, severity) => {
    const found = lookupIppReason(value);
    expect(found?.entry.code).toBe(code);
    expect(found?.severity).toBe(severity);
    expect(found?.entry.source).toBe("ipp");
  });

  it.each(["none", "NONE", " none ", "", "   ", "none-report"])("%j means no reason", (value) => {
    expect(lookupIppReason(value)).toBeNull();
  });

  it("keeps an unknown keyword's base name and severity, with the safe default entry", () => {
    const found = lookupIppReason("flux-capacitor-failure-warning");
    expect(found?.severity).toBe("warning");
    expect(found?.entry).toMatchObject({ code: "ipp:flux-capacitor-failure", source: "unknown" });
    expect(lookupIppReason("other")?.entry).toMatchObject({ code: "ipp:other", source: "unknown" });
  });

  it("raises the entry's own facts for an error", () => {
    const found = lookupIppReason("media-jam-error");
    expect(found?.facts).toBe(found?.entry);
    expect(found?.facts).toMatchObject({
      level: "partial",
      functions: ["print", "copy"],
      training: "untrained",
    });
  });

  it("turns a warning into a sign: RFC 8011 warnings never stop a job", () => {
    expect(lookupIppReason("fuser-over-temp-warning")?.facts).toEqual({
      level: "sign",
      functions: [],
      training: "fieldService",
    });
  });

  it("raises nothing for a report, yet still names the entry", () => {
    const found = lookupIppReason("cover-open-report");
    expect(found?.facts).toBeNull();
    expect(found?.entry.code).toBe("ipp:cover-open");
  });
});

describe("lookupIppReasons", () => {
  it("reads a comma-separated attribute, skipping none", () => {
    const found = lookupIppReasons("media-jam-error, toner-low-warning,none");
    expect(found.map((r) => [r.entry.code, r.severity])).toEqual([
      ["ipp:media-jam", "error"],
      ["ipp:toner-low", "warning"],
    ]);
  });

  it("keeps the most severe value of a keyword listed twice", () => {
    const found = lookupIppReasons(["toner-low-report", "toner-low-error", "toner-low-warning"]);
    expect(found).toHaveLength(1);
    expect(found[0]?.severity).toBe("error");
  });

  it("is empty for none", () => {
    expect(lookupIppReasons(["none"])).toEqual([]);
    expect(lookupIppReasons("none")).toEqual([]);
  });
});
