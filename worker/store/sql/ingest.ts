import { eventPayload, NEW_EVENT_ID, NEW_TICKET_ID } from "./ticket-json.ts";

// The ingest transaction, one statement per step, all run in one round trip (D1 batch = one
// transaction). Shared parameters: ?1 the reports as a JSON array, ?2 the device id, ?3 this
// request's batch id, ?4 now (ISO). "fresh" reports are the ones this request inserted (batch_id
// = ?3), so a resent duplicate never opens or closes anything twice.

const FRESH = `json_each(?1) AS r CROSS JOIN alerts AS a
  ON a.device_id = ?2 AND a.id = json_extract(r.value, '$.id') AND a.batch_id = ?3`;
const FRESH_IDS = "SELECT json_extract(value, '$.id') FROM json_each(?1)";

/** The token's device, or no row: tells 401 from 403 after the fact. Params: ?1 token hash. */
export const AUTH_DEVICE = "SELECT id FROM devices WHERE token_hash = ?1";

/** Inserts every report not stored yet, only if the token belongs to ?2. Param ?5: token hash. */
export const INSERT_REPORTS = `INSERT INTO alerts
  (device_id, id, code, level, functions, training, state, occurred_at, user_prompted, received_at, batch_id)
SELECT ?2, json_extract(r.value, '$.id'), json_extract(r.value, '$.code'), json_extract(r.value, '$.level'),
  json_extract(r.value, '$.functions'), json_extract(r.value, '$.training'), json_extract(r.value, '$.state'),
  json_extract(r.value, '$.occurredAt'), json_extract(r.value, '$.userPrompted'), ?4, ?3
FROM json_each(?1) AS r
WHERE EXISTS (SELECT 1 FROM devices WHERE id = ?2 AND token_hash = ?5)
ORDER BY r.key
ON CONFLICT (device_id, id) DO NOTHING
RETURNING id`;

/**
 * Opens one ticket per code for fresh firing fieldService reports of level ?5, unless one is open;
 * a partial is inhibited while the device has an open fatal ticket. Run for fatal, then partial.
 */
export const OPEN_TICKETS = `INSERT INTO tickets
  (id, device_id, code, level, status, user_prompted, opened_at, updated_at, batch_id)
SELECT ${NEW_TICKET_ID}, ?2, a.code, ?5, 'open', max(a.user_prompted), ?4, ?4, ?3
FROM ${FRESH}
WHERE a.state = 'firing' AND a.training = 'fieldService' AND a.level = ?5
  AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.device_id = ?2 AND t.code = a.code AND t.status != 'closed')
  AND (?5 = 'fatal' OR NOT EXISTS
    (SELECT 1 FROM tickets f WHERE f.device_id = ?2 AND f.level = 'fatal' AND f.status != 'closed'))
GROUP BY a.code
ON CONFLICT DO NOTHING`;

export const OPENED_EVENTS = `INSERT INTO dispatch_events (id, ticket_id, kind, payload, created_at, enqueued_at)
SELECT ${NEW_EVENT_ID}, t.id, 'ticket.opened', ${eventPayload("'ticket.opened'", "?4")}, ?4, ?4
FROM tickets AS t
WHERE t.device_id = ?2 AND t.batch_id = ?3 AND t.status = 'open' AND t.opened_at = ?4
RETURNING id`;

/**
 * Links fresh reports to the open ticket of their key; an inhibited partial goes to the device's open
 * fatal ticket, so the panel learns that the technician on the way covers it too.
 */
export const ATTACH_REPORTS = `UPDATE alerts SET ticket_id = COALESCE(
  (SELECT t.id FROM tickets t WHERE t.device_id = alerts.device_id AND t.code = alerts.code AND t.status != 'closed'),
  CASE WHEN alerts.level = 'partial' AND alerts.state = 'firing' THEN
    (SELECT f.id FROM tickets f WHERE f.device_id = alerts.device_id AND f.level = 'fatal' AND f.status != 'closed'
     ORDER BY f.opened_at LIMIT 1) END)
WHERE device_id = ?2 AND batch_id = ?3 AND id IN (${FRESH_IDS})
  AND (state = 'resolved' OR (training = 'fieldService' AND level IN ('fatal', 'partial')))`;

/** userPrompted on a ticket is true once any attached report carried it. */
export const MARK_PROMPTED = `UPDATE tickets SET user_prompted = 1, updated_at = ?4, batch_id = ?3
WHERE user_prompted = 0 AND id IN (SELECT ticket_id FROM alerts
  WHERE device_id = ?2 AND batch_id = ?3 AND user_prompted = 1 AND ticket_id IS NOT NULL AND id IN (${FRESH_IDS}))`;

export const PROMPTED_EVENTS = `INSERT INTO dispatch_events (id, ticket_id, kind, payload, created_at, enqueued_at)
SELECT ${NEW_EVENT_ID}, t.id, 'ticket.updated', ${eventPayload("'ticket.updated'", "?4")}, ?4, ?4
FROM tickets AS t
WHERE t.device_id = ?2 AND t.batch_id = ?3 AND t.status != 'closed' AND t.updated_at = ?4 AND t.opened_at != ?4
RETURNING id`;

/** Closes the open ticket of every code whose last fresh report in the batch is `resolved`. */
export const CLOSE_RESOLVED = `UPDATE tickets SET status = 'closed', updated_at = ?4, batch_id = ?3
WHERE device_id = ?2 AND status != 'closed' AND code IN (
  SELECT a.code FROM ${FRESH}
  GROUP BY a.code
  HAVING max(CASE WHEN a.state = 'resolved' THEN r.key END) > coalesce(max(CASE WHEN a.state = 'firing' THEN r.key END), -1))`;

export const CLOSED_EVENTS = `INSERT INTO dispatch_events (id, ticket_id, kind, payload, created_at, enqueued_at)
SELECT ${NEW_EVENT_ID}, t.id, 'ticket.closed', ${eventPayload("'ticket.closed'", "?4")}, ?4, ?4
FROM tickets AS t
WHERE t.device_id = ?2 AND t.batch_id = ?3 AND t.status = 'closed' AND t.updated_at = ?4
RETURNING id`;
