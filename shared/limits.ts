// Limits of the wire contract, apart from the schemas so the panel's first chunk can use them
// without loading zod.

/** Most reports one POST /v1/alerts may carry (SPEC: 1..100). */
export const MAX_ALERTS_PER_BATCH = 100;

/** What a catalog code looks like: `ipp:<keyword>`, `mib:<group>.<code>`, `vendor:<code>`. */
export const ALERT_CODE_PATTERN = /^[a-z]+:[A-Za-z0-9._-]+$/;

/** Longest catalog code a report may carry. */
export const MAX_CODE_LENGTH = 80;

/** Largest request body the monitor reads, in bytes; a full batch of 100 fits with room to spare. */
export const MAX_BODY_BYTES = 64 * 1024;
