import type { DispatchMessage } from "../env.ts";

/** Hands event ids to whatever delivers them: a Cloudflare Queue here, a timer under Deno. */
export interface DispatchQueue {
  enqueue(eventIds: readonly string[]): Promise<void>;
}

const SEND_BATCH_LIMIT = 100;

/**
 * Enqueues ticket events after their rows are committed. A failed enqueue only warns: the rows are
 * durable already and the cron sweep re-enqueues what was never sent.
 */
export async function enqueueCommitted(queue: DispatchQueue, eventIds: readonly string[]): Promise<void> {
  if (eventIds.length === 0) return;
  await queue.enqueue(eventIds).catch((error) => console.warn("enqueue failed", error));
}

/** The Workers Queue producer behind the DispatchQueue seam. */
export function workersQueue(queue: Queue<DispatchMessage>): DispatchQueue {
  return {
    async enqueue(eventIds) {
      for (let i = 0; i < eventIds.length; i += SEND_BATCH_LIMIT) {
        const chunk = eventIds.slice(i, i + SEND_BATCH_LIMIT);
        await queue.sendBatch(chunk.map((eventId) => ({ body: { eventId } })));
      }
    },
  };
}
