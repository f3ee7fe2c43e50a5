// Limits of the wire contract, apart from the schemas so the panel's first chunk can use them
// without loading zod.

/** Most reports one POST /v1/alerts may carry (SPEC: 1..100). */
export const MAX_ALERTS_PER_BATCH = 100;

/** Largest request body the monitor reads, in bytes; a full batch of 100 fits with room to spare. */
export const MAX_BODY_BYTES = 64 * 1024;
