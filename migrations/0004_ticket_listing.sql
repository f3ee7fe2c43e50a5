-- The desk lists tickets by status in opening order and pages on (opened_at, id): one index serves
-- every listing (status = ?, or the three not-closed statuses) without touching closed history.
-- tickets_status lacked the id tie-breaker; tickets_key was never used (the partial unique index
-- tickets_one_open answers every lookup by device and code, which only ever asks for open tickets).
DROP INDEX IF EXISTS tickets_status;
DROP INDEX IF EXISTS tickets_key;
CREATE INDEX tickets_listing ON tickets (status, opened_at, id);
