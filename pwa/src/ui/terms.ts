/** Version of the monitoring terms shown on the consent screen and recorded with the consent. */
export const TERMS_VERSION = "2026-11";
