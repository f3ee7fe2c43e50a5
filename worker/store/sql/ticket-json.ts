// SQL fragments shared by the ticket queries. Plain SQLite (json1), so node:sqlite runs them too.

export const TICKET_COLUMNS =
  "t.id, t.device_id, t.code, t.level, t.status, t.user_prompted, t.opened_at, t.updated_at, t.assignee, t.note, t.eta";

/** A ticket as the JSON the external dispatch server receives; `t` is the tickets alias. */
export const TICKET_JSON = `json_object(
  'id', t.id, 'deviceId', t.device_id, 'code', t.code, 'level', t.level, 'status', t.status,
  'userPrompted', json(CASE WHEN t.user_prompted THEN 'true' ELSE 'false' END),
  'openedAt', t.opened_at, 'updatedAt', t.updated_at, 'assignee', t.assignee, 'note', t.note, 'eta', t.eta)`;

/** An event body: what happened, when, why when the desk did not decide it, and the ticket after it. */
export function eventPayload(kindSql: string, atSql: string, reasonSql?: string): string {
  const reason = reasonSql === undefined ? "" : `'reason', ${reasonSql}, `;
  return `json_object('type', ${kindSql}, 'occurredAt', ${atSql}, ${reason}'ticket', json(${TICKET_JSON}))`;
}

export const NEW_EVENT_ID = "'e_' || lower(hex(randomblob(12)))";
export const NEW_TICKET_ID = "'t_' || lower(hex(randomblob(12)))";
