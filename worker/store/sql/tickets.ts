import { eventPayload, NEW_EVENT_ID, TICKET_COLUMNS } from "./ticket-json.ts";

// The desk's reads and status changes.

export const TICKET_BY_ID = `SELECT ${TICKET_COLUMNS} FROM tickets AS t WHERE t.id = ?1`;

/** ?1 a status, or 'active' for every status but closed; ?2 limit. Oldest first: that is the queue. */
export const LIST_TICKETS = `SELECT ${TICKET_COLUMNS} FROM tickets AS t
WHERE (?1 = 'active' AND t.status != 'closed') OR t.status = ?1
ORDER BY t.opened_at, t.id LIMIT ?2`;

/** ?1 device id, ?2 alert id. */
export const ALERT_WITH_TICKET = `SELECT a.id AS alert_id, ${TICKET_COLUMNS}
FROM alerts AS a LEFT JOIN tickets AS t ON t.id = a.ticket_id
WHERE a.device_id = ?1 AND a.id = ?2`;

/**
 * Moves a ticket only if it still has the status it was read with (?2), so two desk users racing
 * cannot both win. ?1 id, ?3 new status, ?4 assignee, ?5 note, ?6 eta, ?7 now, ?8 change id.
 * Assignee, note and eta are kept unless the change sets them.
 */
export const CHANGE_TICKET = `UPDATE tickets SET status = ?3, assignee = COALESCE(?4, assignee),
  note = CASE WHEN ?4 IS NULL THEN note ELSE ?5 END, eta = CASE WHEN ?4 IS NULL THEN eta ELSE ?6 END,
  updated_at = ?7, batch_id = ?8
WHERE id = ?1 AND status = ?2`;

/** ?1 ticket id, ?2 change id, ?3 event type, ?4 now. */
export const CHANGE_EVENT = `INSERT INTO dispatch_events (id, ticket_id, kind, payload, created_at, enqueued_at)
SELECT ${NEW_EVENT_ID}, t.id, ?3, ${eventPayload("?3", "?4")}, ?4, ?4
FROM tickets AS t WHERE t.id = ?1 AND t.batch_id = ?2
RETURNING id`;
