import { describe, expect, it } from "vitest";
import { levelForFunctions } from "./alert.ts";

describe("levelForFunctions", () => {
  it("is fatal when every function is unusable", () => {
    expect(levelForFunctions(["print", "copy", "scan", "fax", "send"])).toBe("fatal");
  });
  it("is partial when some functions are unusable", () => {
    expect(levelForFunctions(["scan", "send"])).toBe("partial");
  });
  it("is sign when nothing is unusable", () => {
    expect(levelForFunctions([])).toBe("sign");
  });
  it("counts a function listed twice once", () => {
    expect(levelForFunctions(["print", "print", "copy", "scan", "fax"])).toBe("partial");
  });
});
