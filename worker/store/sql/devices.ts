// Registration and consent. A re-registration replaces the token hash, which revokes the old token.

/** ?1 id, ?2 model, ?3 services JSON, ?4 token hash, ?5 now. */
export const UPSERT_DEVICE = `INSERT INTO devices (id, model, services, token_hash, registered_at, withdrawn_at)
VALUES (?1, ?2, ?3, ?4, ?5, NULL)
ON CONFLICT (id) DO UPDATE SET model = excluded.model, services = excluded.services,
  token_hash = excluded.token_hash, registered_at = excluded.registered_at, withdrawn_at = NULL`;

/** A new consent supersedes any still open one: ?1 device id, ?2 now. */
export const CLOSE_OPEN_CONSENTS =
  "UPDATE consents SET withdrawn_at = ?2 WHERE device_id = ?1 AND withdrawn_at IS NULL";

/** ?1 device id, ?2 terms version, ?3 accepted at, ?4 now. */
export const INSERT_CONSENT = `INSERT INTO consents (device_id, terms_version, accepted_at, recorded_at)
VALUES (?1, ?2, ?3, ?4)`;

/** ?1 device id, ?2 now. */
export const WITHDRAW_DEVICE = "UPDATE devices SET token_hash = NULL, withdrawn_at = ?2 WHERE id = ?1";

export const DEVICE_FOR_TOKEN = "SELECT id FROM devices WHERE token_hash = ?1";
