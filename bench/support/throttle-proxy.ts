import { createServer, connect, type Server, type Socket } from 'node:net';

export interface LinkSpec {
  /** Round-trip time added by the link, ms (half each way). */
  rttMs: number;
  /** Bandwidth of each direction, bits per second, shared by every connection (one island link). */
  bitsPerSecond: number;
  /** Rewrite requests to ask for no compression (the same-run baseline of an uncompressed server). */
  identityEncoding?: boolean;
}

export interface ThrottleProxy {
  url: string;
  port: number;
  /** Bytes carried each way so far. */
  bytes: { up: number; down: number };
  close(): Promise<void>;
}

/** Segments are paced one by one, as a modem would: a 64 KB read must not arrive in one go. */
const SEGMENT = 1460;

/** One direction of the link: a serial pipe of fixed bandwidth, then a fixed propagation delay. */
class Pipe {
  private freeAt = 0;
  constructor(
    private readonly bytesPerMs: number,
    private readonly delayMs: number,
  ) {}

  /**
   * Sends `data` to `to` when the pipe has carried it and the delay has passed; keeps order per pipe.
   * Returns when the last byte is due (performance.now() time).
   */
  carry(data: Buffer, to: Socket): number {
    let last = performance.now();
    for (let off = 0; off < data.length; off += SEGMENT) {
      const piece = data.subarray(off, off + SEGMENT);
      const start = Math.max(performance.now(), this.freeAt);
      this.freeAt = start + piece.length / this.bytesPerMs;
      last = this.freeAt + this.delayMs;
      setTimeout(() => {
        if (!to.destroyed && to.writable) to.write(piece);
      }, Math.max(0, last - performance.now()));
    }
    return last;
  }
}

/**
 * A TCP proxy on loopback that makes a slow link out of a fast one: the kiosk's browser talks to it, it talks to
 * the real server. Timers keep per-pipe order (same delay, increasing due times), so bytes never overtake.
 */
export async function startThrottleProxy(targetPort: number, link: LinkSpec): Promise<ThrottleProxy> {
  const bytesPerMs = link.bitsPerSecond / 8 / 1000;
  const up = new Pipe(bytesPerMs, link.rttMs / 2);
  const down = new Pipe(bytesPerMs, link.rttMs / 2);
  const bytes = { up: 0, down: 0 };
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    // The TCP handshake costs a round trip too.
    client.pause();
    setTimeout(() => client.resume(), link.rttMs);
    let upDue = 0;
    let downDue = 0;
    client.on('data', (d: Buffer) => {
      const out = link.identityEncoding ? Buffer.from(d.toString('latin1').replace(/\r\naccept-encoding:[^\r]*/gi, '\r\naccept-encoding: identity'), 'latin1') : d;
      bytes.up += out.length;
      upDue = up.carry(out, upstream);
    });
    upstream.on('data', (d: Buffer) => {
      bytes.down += d.length;
      downDue = down.carry(d, client);
    });
    // The end follows the last byte still crossing the link.
    client.on('end', () => setTimeout(() => upstream.end(), Math.max(0, upDue - performance.now()) + 1));
    upstream.on('end', () => setTimeout(() => client.end(), Math.max(0, downDue - performance.now()) + 1));
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    bytes,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
