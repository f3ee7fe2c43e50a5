-- Devices that signed up with consent. token_hash is the SHA-256 hex of the device token; NULL once
-- consent is withdrawn, so the token stops working at once. Timestamps are ISO 8601 strings (UTC, ms).
CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  model TEXT NOT NULL,
  services TEXT NOT NULL,
  token_hash TEXT UNIQUE,
  registered_at TEXT NOT NULL,
  withdrawn_at TEXT
);

-- Every consent given (fig. 7), kept after withdrawal so the record shows both times.
CREATE TABLE consents (
  id INTEGER PRIMARY KEY,
  device_id TEXT NOT NULL,
  terms_version TEXT NOT NULL,
  accepted_at TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  withdrawn_at TEXT
);
CREATE INDEX consents_device ON consents (device_id);

-- Technician tickets on the built-in dispatch desk. One open (not closed) ticket per device and code.
CREATE TABLE tickets (
  id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  code TEXT NOT NULL,
  level TEXT NOT NULL,
  status TEXT NOT NULL,
  user_prompted INTEGER NOT NULL DEFAULT 0,
  opened_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  assignee TEXT,
  note TEXT,
  eta TEXT,
  batch_id TEXT
);
CREATE UNIQUE INDEX tickets_one_open ON tickets (device_id, code) WHERE status != 'closed';
CREATE INDEX tickets_key ON tickets (device_id, code);
CREATE INDEX tickets_status ON tickets (status, opened_at);

-- Alert reports; the device-made id is the idempotency key within its device's namespace.
-- batch_id marks the request that stored a row, so the ticket statements of that request see only
-- the reports it inserted (not duplicates).
CREATE TABLE alerts (
  device_id TEXT NOT NULL,
  id TEXT NOT NULL,
  code TEXT NOT NULL,
  level TEXT NOT NULL,
  functions TEXT NOT NULL,
  training TEXT NOT NULL,
  state TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  user_prompted INTEGER NOT NULL,
  received_at TEXT NOT NULL,
  batch_id TEXT NOT NULL,
  ticket_id TEXT,
  PRIMARY KEY (device_id, id)
);

-- Ticket events waiting for the external dispatch server: written in the same transaction as the
-- ticket change, deleted never; delivered_at set on a 2xx. The cron sweep re-enqueues stale ones.
CREATE TABLE dispatch_events (
  id TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at TEXT NOT NULL,
  enqueued_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  delivered_at TEXT
);
CREATE INDEX dispatch_events_pending ON dispatch_events (enqueued_at) WHERE delivered_at IS NULL;
