import type { DispatchEvent } from "../store/types.ts";
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, signBody } from "./signature.ts";

export interface DispatchTarget {
  readonly url: string;
  readonly secret: string;
}

export type Fetcher = (input: Request) => Promise<Response>;

const TIMEOUT_MS = 10_000;

/** POSTs one stored event; true only on a 2xx. Network errors and timeouts count as failure. */
export async function deliverEvent(
  event: DispatchEvent,
  target: DispatchTarget,
  fetcher: Fetcher,
): Promise<boolean> {
  const request = new Request(target.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      [IDEMPOTENCY_HEADER]: event.id,
      [SIGNATURE_HEADER]: await signBody(target.secret, event.payload),
      "X-Callout-Event": event.kind,
    },
    body: event.payload,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  try {
    const response = await fetcher(request);
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/** Seconds before the next try: 10 s doubling per attempt, capped at one hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(3600, 10 * 2 ** Math.max(0, attempts - 1));
}
