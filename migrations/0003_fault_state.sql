-- The current state of every fault: per device and code, the latest ticket-relevant report, ordered by
-- occurredAt, then arrival. Ingest compares fresh reports with it (so a report older than the last
-- resolved one cannot reopen a fault, nor one older than the last firing close it), and a partial held
-- back by a fatal ticket is found here when the fatal closes. It is read by its key or by device, so
-- its cost follows the number of codes a device has, never its history.
CREATE TABLE faults (
  device_id TEXT NOT NULL,
  code TEXT NOT NULL,
  level TEXT NOT NULL,
  training TEXT NOT NULL,
  state TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  alert_id TEXT NOT NULL,
  firing_at TEXT,
  resolved_at TEXT,
  PRIMARY KEY (device_id, code)
) WITHOUT ROWID;

-- The request that opened a ticket: its own events are found by this, not by timestamps that another
-- request may share.
ALTER TABLE tickets ADD COLUMN opened_batch TEXT;

-- Timestamps compare as text only in one form: UTC with milliseconds, as Date.toISOString() writes it.
-- Stored rows from before are rewritten once (a no-op on that form); fractions past the millisecond
-- are cut, as Date does.
UPDATE alerts SET occurred_at = coalesce(strftime('%Y-%m-%dT%H:%M:%fZ',
  substr(occurred_at, 1, 19)
  || CASE WHEN substr(occurred_at, 20, 1) = '.'
    THEN '.' || substr(substr(occurred_at, 21, length(occurred_at) - 20 - CASE WHEN occurred_at LIKE '%Z' THEN 1 ELSE 6 END), 1, 3)
    ELSE '' END
  || CASE WHEN occurred_at LIKE '%Z' THEN 'Z' ELSE substr(occurred_at, -6) END), occurred_at);

INSERT INTO faults (device_id, code, level, training, state, occurred_at, alert_id, firing_at, resolved_at)
SELECT device_id, code, level, training, state, occurred_at, id, firing_at, resolved_at FROM (
  SELECT device_id, code, level, training, state, occurred_at, id,
    row_number() OVER (PARTITION BY device_id, code ORDER BY occurred_at DESC, rowid DESC) AS n,
    max(CASE WHEN state = 'firing' THEN occurred_at END) OVER (PARTITION BY device_id, code) AS firing_at,
    max(CASE WHEN state = 'resolved' THEN occurred_at END) OVER (PARTITION BY device_id, code) AS resolved_at
  FROM alerts
  WHERE state = 'resolved' OR (training = 'fieldService' AND level IN ('fatal', 'partial')))
WHERE n = 1;

-- Consent times arrive with any offset (the wire schema allows it); they are kept in the same UTC
-- form. Registration is rare, so a trigger costs nothing that matters and covers every store.
UPDATE consents SET accepted_at = coalesce(strftime('%Y-%m-%dT%H:%M:%fZ',
  substr(accepted_at, 1, 19)
  || CASE WHEN substr(accepted_at, 20, 1) = '.'
    THEN '.' || substr(substr(accepted_at, 21, length(accepted_at) - 20 - CASE WHEN accepted_at LIKE '%Z' THEN 1 ELSE 6 END), 1, 3)
    ELSE '' END
  || CASE WHEN accepted_at LIKE '%Z' THEN 'Z' ELSE substr(accepted_at, -6) END), accepted_at);

CREATE TRIGGER consents_accepted_utc AFTER INSERT ON consents
BEGIN
  UPDATE consents SET accepted_at = coalesce(strftime('%Y-%m-%dT%H:%M:%fZ',
    substr(NEW.accepted_at, 1, 19)
    || CASE WHEN substr(NEW.accepted_at, 20, 1) = '.'
      THEN '.' || substr(substr(NEW.accepted_at, 21, length(NEW.accepted_at) - 20 - CASE WHEN NEW.accepted_at LIKE '%Z' THEN 1 ELSE 6 END), 1, 3)
      ELSE '' END
    || CASE WHEN NEW.accepted_at LIKE '%Z' THEN 'Z' ELSE substr(NEW.accepted_at, -6) END), NEW.accepted_at)
  WHERE id = NEW.id;
END;
