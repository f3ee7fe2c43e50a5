// One flush at a time across the page and the service worker. Web Locks reach across both; where
// they are missing, an in-process queue still stops one context from overlapping itself (the monitor
// is idempotent, so a rare cross-context double send stores nothing twice).

export const OUTBOX_LOCK = "callout-outbox";

/** The part of `navigator.locks` used here; injectable for tests. */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

let chain: Promise<unknown> = Promise.resolve();

function localLock<T>(fn: () => Promise<T>): Promise<T> {
  const run = chain.then(fn, fn);
  chain = run.catch(() => undefined);
  return run;
}

/** The lock manager of this context (window or worker), or null when the API is missing. */
export function defaultLockManager(): LockManagerLike | null {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks ?? null;
}

/** Runs `fn` holding the outbox lock. */
export function withOutboxLock<T>(
  fn: () => Promise<T>,
  locks: LockManagerLike | null = defaultLockManager(),
): Promise<T> {
  if (locks) return locks.request(OUTBOX_LOCK, fn);
  return localLock(fn);
}
