// Page ↔ service worker notice that IndexedDB changed (a delivery, a registration); receivers re-read
// IndexedDB rather than trusting the message, so a lost or duplicated notice does no harm.

export const CHANNEL_NAME = "callout";

export interface ChangeNotice {
  readonly type: "outbox-changed";
}

/** Tells every other page and worker of this origin to re-read the outbox. */
export function announceChange(): void {
  if (typeof BroadcastChannel === "undefined") return;
  const channel = new BroadcastChannel(CHANNEL_NAME);
  channel.postMessage({ type: "outbox-changed" } satisfies ChangeNotice);
  channel.close();
}

/** Calls `onChange` on every notice; returns the cleanup. */
export function listenForChanges(onChange: () => void): () => void {
  if (typeof BroadcastChannel === "undefined") return () => {};
  const channel = new BroadcastChannel(CHANNEL_NAME);
  channel.onmessage = (event: MessageEvent<ChangeNotice>) => {
    if (event.data?.type === "outbox-changed") onChange();
  };
  return () => channel.close();
}
