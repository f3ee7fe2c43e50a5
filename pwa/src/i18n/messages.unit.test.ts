import { describe, expect, it } from "vitest";
import { en } from "./en.ts";
import { ja } from "./ja.ts";
import { createTranslator, format } from "./translate.ts";

const placeholders = (text: string) => [...text.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();

describe("message tables", () => {
  it("have the same keys in English and Japanese", () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  });

  it("have no empty texts and the same placeholders in both languages", () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(ja[key].trim(), key).not.toBe("");
      expect(placeholders(ja[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it("cover every status line and screen heading", () => {
    const statuses = [
      "sent",
      "queued",
      "awaiting-service",
      "send-failed",
      "delivered-late",
      "acknowledged",
      "assigned",
    ];
    for (const status of statuses) expect(`status.${status}` in en).toBe(true);
    for (const kind of ["fatal", "partial-remote", "partial-contact", "operator"])
      expect(`alert.${kind}.heading` in en).toBe(true);
  });
});

describe("translate", () => {
  it("fills placeholders and follows the language", () => {
    let language: "en" | "ja" = "en";
    const t = createTranslator(() => language);
    expect(t("alert.more", { count: 3 })).toBe("+3 more alerts");
    language = "ja";
    expect(t("alert.more", { count: 3 })).toBe("ほかに 3 件のアラート");
  });

  it("leaves an unfilled placeholder visible", () => {
    expect(format("Raise {code}", {})).toBe("Raise {code}");
  });
});

describe("message table type", () => {
  it("refuses a table without every key (checked by tsc)", () => {
    // @ts-expect-error a table missing keys does not satisfy the type ja.ts is declared with
    const partial: Readonly<Record<keyof typeof en, string>> = { "app.name": "x" };
    expect(Object.keys(partial)).toHaveLength(1);
  });
});
