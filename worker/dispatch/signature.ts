import { toHex } from "../auth/tokens.ts";

export const SIGNATURE_HEADER = "X-Callout-Signature";
export const IDEMPOTENCY_HEADER = "Idempotency-Key";

/** `sha256=<hex>` HMAC-SHA256 of the exact body bytes, the form the receiver recomputes. */
export async function signBody(secret: string, body: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(body));
  return `sha256=${toHex(new Uint8Array(mac))}`;
}
