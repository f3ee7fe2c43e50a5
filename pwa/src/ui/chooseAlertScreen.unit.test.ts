import { describe, expect, it } from "vitest";
import { FATAL, OPERATOR, PARTIAL_CONTACT, PARTIAL_REMOTE, SIGN } from "../../test/panelFixtures.ts";
import { chooseAlertScreen, minimiseKey } from "./chooseAlertScreen.ts";

describe("chooseAlertScreen", () => {
  it("shows the first alert of the engine's order and keeps the rest behind it", () => {
    const choice = chooseAlertScreen([PARTIAL_CONTACT, PARTIAL_REMOTE, OPERATOR]);
    expect(choice?.shown).toBe(PARTIAL_CONTACT);
    expect(choice?.others).toEqual([PARTIAL_REMOTE, OPERATOR]);
  });

  it("skips sign alerts, which have no screen", () => {
    expect(chooseAlertScreen([SIGN, OPERATOR])?.shown).toBe(OPERATOR);
    expect(chooseAlertScreen([SIGN])).toBeNull();
    expect(chooseAlertScreen([])).toBeNull();
  });

  it("leaves a minimised partial screen in the banner", () => {
    expect(chooseAlertScreen([PARTIAL_REMOTE], new Set([minimiseKey(PARTIAL_REMOTE)]))).toBeNull();
  });

  it("keeps a fatal screen up even if asked to minimise it", () => {
    expect(chooseAlertScreen([FATAL], new Set([minimiseKey(FATAL)]))?.shown).toBe(FATAL);
  });

  it("lets a page the user opened cover a fatal screen off Home", () => {
    expect(chooseAlertScreen([FATAL], new Set([minimiseKey(FATAL)]), false)).toBeNull();
  });

  it("reopens a minimised alert whose screen turned into contact-service", () => {
    const minimised = new Set([minimiseKey(PARTIAL_REMOTE)]);
    const failed = {
      ...PARTIAL_REMOTE,
      decision: { ...PARTIAL_REMOTE.decision, screen: "partial-contact" as const },
    };
    expect(chooseAlertScreen([failed], minimised)?.shown).toBe(failed);
  });

  it("shows a new alert that ranks below a minimised one instead of hiding it", () => {
    const minimised = new Set([minimiseKey(PARTIAL_CONTACT)]);
    const choice = chooseAlertScreen([PARTIAL_CONTACT, OPERATOR], minimised);
    expect(choice?.shown).toBe(OPERATOR);
    expect(choice?.others).toEqual([PARTIAL_CONTACT]);
  });

  it("shows nothing when every alert with a screen was minimised", () => {
    const minimised = new Set([minimiseKey(PARTIAL_CONTACT), minimiseKey(OPERATOR)]);
    expect(chooseAlertScreen([SIGN, PARTIAL_CONTACT, OPERATOR], minimised)).toBeNull();
  });
});
