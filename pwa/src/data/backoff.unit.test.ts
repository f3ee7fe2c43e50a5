import { describe, expect, it } from "vitest";
import { backoffDelay, parseRetryAfter } from "./backoff.ts";

describe("backoff", () => {
  it("doubles its ceiling each attempt and stays within [cap/2, cap] whatever the jitter", () => {
    for (let attempt = 0; attempt < 6; attempt++) {
      const cap = 1000 * 2 ** attempt;
      expect(backoffDelay(attempt, { random: () => 0 })).toBe(cap / 2);
      expect(backoffDelay(attempt, { random: () => 0.999999 })).toBeLessThanOrEqual(cap);
      expect(backoffDelay(attempt, { random: () => 0.999999 })).toBeGreaterThan(cap * 0.99);
    }
  });

  it("never exceeds the maximum", () => {
    expect(backoffDelay(50, { random: () => 1, maxMs: 60_000 })).toBe(60_000);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2026-11-25T10:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("Wed, 25 Nov 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
  });
});
