import type { MonitorConfig } from "../config.ts";
import type { DispatchMessage } from "../env.ts";
import type { Store } from "../store/types.ts";
import { backoffSeconds, deliverEvent, type Fetcher } from "./deliver.ts";

export interface ConsumerDeps {
  readonly store: Store;
  readonly config: MonitorConfig;
  readonly fetcher: Fetcher;
  readonly now: () => Date;
}

/**
 * Delivers each queued event once: already delivered → ack without sending (a re-enqueue by the
 * sweep or a queue redelivery must not reach the server twice); failure → retry with backoff.
 * The pending row stays until a 2xx, so even a message the queue gives up on is swept back.
 */
export async function consumeDispatchBatch(
  batch: MessageBatch<DispatchMessage>,
  deps: ConsumerDeps,
): Promise<void> {
  for (const message of batch.messages) {
    const outcome = await deliverOne(message.body, message.attempts, deps);
    if (outcome === "done") message.ack();
    else message.retry({ delaySeconds: backoffSeconds(message.attempts) });
  }
}

async function deliverOne(
  body: DispatchMessage,
  attempts: number,
  deps: ConsumerDeps,
): Promise<"done" | "retry"> {
  const eventId = typeof body?.eventId === "string" ? body.eventId : null;
  if (eventId === null) return "done";
  const event = await deps.store.getDispatchEvent(eventId);
  if (event === null || event.deliveredAt !== null) return "done";
  const target = deps.config.dispatch;
  // Held back, not dropped: the secret may arrive with the next deploy.
  if (target === null || target.secret === null) return "retry";
  const nextTryAt = new Date(deps.now().getTime() + backoffSeconds(attempts) * 1000).toISOString();
  await deps.store.recordDispatchAttempt(eventId, nextTryAt);
  const ok = await deliverEvent(event, { url: target.url, secret: target.secret }, deps.fetcher);
  if (!ok) return "retry";
  await deps.store.markDispatchDelivered(eventId, deps.now().toISOString());
  return "done";
}
