// Registration with the monitor: the consent record is sent with the enrollment key for a device
// token. The record is kept after success, so a token the monitor later revokes can be replaced by
// registering again under the same consent, without touching the outbox.
import { type ApiClient, type ApiFailure, isRetryable } from "./api-client.ts";
import type { PanelDatabase } from "./db.ts";
import { deleteMeta, getMeta, setMeta } from "./meta.ts";
import { recordProblem } from "./problem.ts";

export type RegistrationOutcome =
  | { readonly kind: "registered" }
  | { readonly kind: "off" } // consent withdrawn while the request was out
  | { readonly kind: "none" } // nothing to send
  | { readonly kind: "retry"; readonly failure: ApiFailure }
  | { readonly kind: "refused" };

/** Sends the waiting registration and stores what it brought back. */
export async function sendRegistration(
  db: PanelDatabase,
  api: ApiClient,
  enrollmentKey: string,
  now: number,
): Promise<RegistrationOutcome> {
  const request = await getMeta(db, "registrationRequest");
  if (!request) {
    await setMeta(db, "registration", "none");
    return { kind: "none" };
  }
  const result = await api.registerDevice(enrollmentKey, request);
  const settings = await getMeta(db, "settings");
  if (!settings?.monitoring) {
    // Consent was withdrawn while the request was out: the new token must not outlive it.
    if (result.kind === "ok")
      await api.withdrawDevice(result.value.token, request.deviceId, settings?.linkTimeoutMs);
    return { kind: "off" };
  }
  if (result.kind === "ok") {
    await setMeta(db, "token", result.value.token);
    await setMeta(db, "registration", "registered");
    const problem = await getMeta(db, "problem");
    if (problem?.code.startsWith("registration") || problem?.code === "invalid_token")
      await deleteMeta(db, "problem");
    return { kind: "registered" };
  }
  if (isRetryable(result)) return { kind: "retry", failure: result };
  // A wrong enrollment key: monitoring stays on and the installer sees why (docs/panel.md).
  await setMeta(db, "registration", "refused");
  await recordProblem(db, "registration-refused", result, [], now);
  return { kind: "refused" };
}

/**
 * The monitor no longer knows `revoked`: forget it and mark the registration waiting again, so the
 * next send registers first. Returns false when there is no consent record to register with.
 */
export async function forgetRevokedToken(db: PanelDatabase, revoked: string): Promise<boolean> {
  const tx = db.transaction("meta", "readwrite");
  const [token, request] = await Promise.all([tx.store.get("token"), tx.store.get("registrationRequest")]);
  // Another sender already replaced it: nothing to forget, the new token is worth a try.
  const replaced = token !== revoked;
  if (!replaced && request !== undefined) {
    await tx.store.delete("token");
    await tx.store.put("pending", "registration");
  }
  await tx.done;
  return replaced || request !== undefined;
}
