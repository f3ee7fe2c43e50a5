import { toHex } from "../auth/tokens.ts";

export const SIGNATURE_HEADER = "X-Callout-Signature";
export const IDEMPOTENCY_HEADER = "Idempotency-Key";

const encoder = new TextEncoder();
// One imported key per secret, not one per delivery attempt.
const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (key === undefined) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
    ]);
    keys.set(secret, key);
  }
  return key;
}

/** `sha256=<hex>` HMAC-SHA256 of the exact body bytes, the form the receiver recomputes. */
export async function signBody(secret: string, body: string): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(body));
  return `sha256=${toHex(new Uint8Array(mac))}`;
}
