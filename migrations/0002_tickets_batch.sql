-- The ingest statements that record dispatch events find the tickets their own request touched by
-- batch_id; without this index SQLite scanned every closed ticket (tickets_status) once per batch.
CREATE INDEX tickets_batch ON tickets (batch_id);
