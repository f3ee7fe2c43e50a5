// The durable outbox of ticket events for the external dispatch server.

export const EVENT_BY_ID =
  "SELECT id, ticket_id, kind, payload, attempts, delivered_at FROM dispatch_events WHERE id = ?1";

/** ?1 id, ?2 when the queue's retry is due: enqueued_at moves there so the sweep leaves it alone. */
export const COUNT_ATTEMPT =
  "UPDATE dispatch_events SET attempts = attempts + 1, enqueued_at = ?2 WHERE id = ?1 RETURNING attempts";

export const MARK_DELIVERED =
  "UPDATE dispatch_events SET delivered_at = ?2 WHERE id = ?1 AND delivered_at IS NULL";

/** ?1 older than, ?2 now, ?3 limit: claims stale undelivered events for another trip on the queue. */
export const CLAIM_STALE = `UPDATE dispatch_events SET enqueued_at = ?2
WHERE id IN (SELECT id FROM dispatch_events WHERE delivered_at IS NULL AND enqueued_at < ?1
  ORDER BY enqueued_at LIMIT ?3)
RETURNING id`;
