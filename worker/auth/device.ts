import type { Context } from "hono";
import { ApiError } from "../errors.ts";
import type { Store } from "../store/types.ts";
import { bearerToken, sha256Hex } from "./tokens.ts";

/** The bearer token of a device request, hashed once; 401 when there is none. */
export async function deviceTokenHash(c: Context): Promise<string> {
  const token = bearerToken(c.req.header("authorization"));
  if (token === null) throw new ApiError("unauthorized");
  return sha256Hex(token);
}

/** The device a request speaks for: one indexed read, no write. */
export async function requireDevice(c: Context, store: Store, tokenHash?: string): Promise<string> {
  const deviceId = await store.deviceForToken(tokenHash ?? (await deviceTokenHash(c)));
  if (deviceId === null) throw new ApiError("invalid_token");
  return deviceId;
}
