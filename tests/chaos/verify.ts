// The end-of-run checks, as data: every problem found is one line, and the counts go to the report.
import type { TicketTally } from "./expected-tickets.ts";
import type { AcceptedEvent } from "./receiver.ts";

export interface StoredState {
  readonly alerts: readonly { device_id: string; id: string }[];
  readonly tickets: readonly { id: string; device_id: string; code: string; status: string }[];
  readonly events: readonly { id: string; ticket_id: string; kind: string; delivered_at: string | null }[];
}

export interface DeviceOutcome {
  readonly deviceId: string;
  readonly madeIds: ReadonlySet<string>;
  readonly waiting: number;
  readonly activeCodes: readonly string[];
}

export interface Verdict {
  readonly problems: string[];
  readonly counts: Record<string, number>;
}

/** Compares what devices made, what the monitor stored and what the dispatch server accepted. */
export function verify(
  devices: readonly DeviceOutcome[],
  stored: StoredState,
  acceptedTimes: ReadonlyMap<string, number>,
  expected: ReadonlyMap<string, TicketTally>,
  dispatchable: ReadonlySet<string>,
  deliveries: readonly AcceptedEvent[],
  monitorReloaded: boolean,
): Verdict {
  const problems: string[] = [];
  const rowsByDevice = new Map<string, string[]>();
  for (const row of stored.alerts)
    rowsByDevice.set(row.device_id, [...(rowsByDevice.get(row.device_id) ?? []), row.id]);
  let made = 0;
  for (const device of devices) {
    made += device.madeIds.size;
    const rows = rowsByDevice.get(device.deviceId) ?? [];
    const missing = [...device.madeIds].filter((id) => !rows.includes(id));
    const extra = rows.filter((id) => !device.madeIds.has(id));
    if (missing.length > 0) problems.push(`${device.deviceId}: ${missing.length} reports never stored`);
    if (extra.length > 0) problems.push(`${device.deviceId}: ${extra.length} rows it never made`);
    if (device.waiting > 0) problems.push(`${device.deviceId}: ${device.waiting} still in the outbox`);
  }
  const twice = [...acceptedTimes].filter(([, n]) => n > 1);
  if (twice.length > 0) problems.push(`${twice.length} reports answered "accepted" more than once`);

  checkTickets(devices, stored, expected, dispatchable, problems);
  checkDispatch(stored, deliveries, monitorReloaded, problems);
  return {
    problems,
    counts: {
      devices: devices.length,
      reportsMade: made,
      rowsStored: stored.alerts.length,
      acceptedAnswers: [...acceptedTimes.values()].reduce((a, b) => a + b, 0),
      tickets: stored.tickets.length,
      ticketsOpenAtEnd: stored.tickets.filter((t) => t.status !== "closed").length,
      dispatchEvents: stored.events.length,
      eventsDelivered: stored.events.filter((e) => e.delivered_at !== null).length,
      receiverAccepted: deliveries.length,
    },
  };
}

function checkTickets(
  devices: readonly DeviceOutcome[],
  stored: StoredState,
  expected: ReadonlyMap<string, TicketTally>,
  dispatchable: ReadonlySet<string>,
  problems: string[],
): void {
  const actual = new Map<string, { opened: number; open: number }>();
  for (const t of stored.tickets) {
    const key = `${t.device_id} ${t.code}`;
    const entry = actual.get(key) ?? { opened: 0, open: 0 };
    entry.opened++;
    if (t.status !== "closed") entry.open++;
    actual.set(key, entry);
  }
  for (const key of new Set([...actual.keys(), ...expected.keys()])) {
    const want = expected.get(key) ?? { opened: 0, open: false };
    const got = actual.get(key) ?? { opened: 0, open: 0 };
    if (got.opened !== want.opened) problems.push(`${key}: ${got.opened} tickets, expected ${want.opened}`);
    if (got.open !== (want.open ? 1 : 0))
      problems.push(`${key}: ${got.open} open tickets, expected ${want.open ? 1 : 0}`);
  }
  // Independent of the model: a fault still on a panel has exactly one open ticket, a cleared one none.
  for (const device of devices) {
    for (const code of dispatchable) {
      const open = actual.get(`${device.deviceId} ${code}`)?.open ?? 0;
      const onPanel = device.activeCodes.includes(code) ? 1 : 0;
      if (open !== onPanel)
        problems.push(`${device.deviceId} ${code}: panel shows ${onPanel}, desk has ${open} open`);
    }
  }
}

function checkDispatch(
  stored: StoredState,
  deliveries: readonly AcceptedEvent[],
  monitorReloaded: boolean,
  problems: string[],
): void {
  // A wrangler dev reload (someone saved a worker file) drops the local queue's in-memory messages;
  // their rows stay pending for the cron sweep, which takes them back only after 5 minutes.
  const undelivered = stored.events.filter((e) => e.delivered_at === null);
  if (undelivered.length > 0 && !monitorReloaded)
    problems.push(`${undelivered.length} dispatch events never delivered`);
  const byKey = new Map<string, number>();
  for (const d of deliveries) byKey.set(d.key, (byKey.get(d.key) ?? 0) + 1);
  const twice = [...byKey].filter(([, n]) => n > 1);
  if (twice.length > 0) problems.push(`${twice.length} dispatch events delivered more than once`);
  const eventIds = new Set(stored.events.map((e) => e.id));
  const unknown = [...byKey.keys()].filter((key) => !eventIds.has(key));
  if (unknown.length > 0) problems.push(`${unknown.length} deliveries with an unknown Idempotency-Key`);
  for (const ticket of stored.tickets) {
    const kinds = stored.events.filter((e) => e.ticket_id === ticket.id).map((e) => e.kind);
    const opened = kinds.filter((k) => k === "ticket.opened").length;
    const closed = kinds.filter((k) => k === "ticket.closed").length;
    if (opened !== 1) problems.push(`ticket ${ticket.id}: ${opened} opened events`);
    if (closed !== (ticket.status === "closed" ? 1 : 0))
      problems.push(`ticket ${ticket.id}: ${closed} closed events`);
  }
}
