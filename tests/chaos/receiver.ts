// A stand-in for the external dispatch server (DISPATCH_URL) that fails at random before accepting:
// a 500 or a dropped connection. It counts what it accepted by Idempotency-Key, so an event that
// reaches it twice shows up.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface AcceptedEvent {
  readonly key: string;
  readonly kind: string;
  readonly ticketId: string;
}

export interface DispatchReceiver {
  readonly url: string;
  readonly accepted: AcceptedEvent[];
  /** Deliveries refused on purpose (500 or dropped). */
  readonly refused: () => number;
  close(): Promise<void>;
}

/**
 * Starts the receiver; each event is refused at most `maxRefusalsPerKey` times, so the monitor's
 * backoff (10 s, then 20 s) still ends within a test's time limit.
 */
export async function startDispatchReceiver(
  random: () => number,
  failRate = 0.25,
  maxRefusalsPerKey = 2,
): Promise<DispatchReceiver> {
  const accepted: AcceptedEvent[] = [];
  const refusals = new Map<string, number>();
  let refused = 0;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const key = String(req.headers["idempotency-key"] ?? "");
    const tries = refusals.get(key) ?? 0;
    if (tries < maxRefusalsPerKey && random() < failRate) {
      refusals.set(key, tries + 1);
      refused++;
      if (random() < 0.5) req.socket.destroy();
      else res.writeHead(500).end("chaos");
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
      type: string;
      ticket: { id: string };
    };
    accepted.push({ key, kind: body.type, ticketId: body.ticket.id });
    res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    accepted,
    refused: () => refused,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
