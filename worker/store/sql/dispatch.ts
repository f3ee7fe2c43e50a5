// The durable outbox of ticket events for the external dispatch server.

const EVENT_COLUMNS = "id, ticket_id, kind, payload, attempts, delivered_at";

export const EVENT_BY_ID = `SELECT ${EVENT_COLUMNS} FROM dispatch_events WHERE id = ?1`;

/**
 * Takes one attempt as a lease: ?1 id, ?2 now, ?3 when the next try is due. Only an undelivered
 * event that is due (enqueued_at <= now) matches, and the same statement moves enqueued_at past now,
 * so of two consumers holding the same id (a queue redelivery and a sweep message) one gets the row
 * and the other gets nothing and does not send.
 */
export const LEASE_ATTEMPT = `UPDATE dispatch_events SET attempts = attempts + 1, enqueued_at = ?3
WHERE id = ?1 AND delivered_at IS NULL AND enqueued_at <= ?2
RETURNING ${EVENT_COLUMNS}`;

export const MARK_DELIVERED =
  "UPDATE dispatch_events SET delivered_at = ?2 WHERE id = ?1 AND delivered_at IS NULL";

/** ?1 older than, ?2 now, ?3 limit: claims stale undelivered events for another trip on the queue. */
export const CLAIM_STALE = `UPDATE dispatch_events SET enqueued_at = ?2
WHERE id IN (SELECT id FROM dispatch_events WHERE delivered_at IS NULL AND enqueued_at < ?1
  ORDER BY enqueued_at LIMIT ?3)
RETURNING id`;
