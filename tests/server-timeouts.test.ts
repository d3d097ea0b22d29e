import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { startServer } from './support/server-process';

/** Opens a socket, writes `head`, then stalls; resolves with the ms until the server closed it (or `giveUpMs`). */
function stall(port: number, head: string, giveUpMs: number): Promise<number> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket: Socket = connect(port, '127.0.0.1', () => socket.write(head));
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Date.now() - started);
    };
    const timer = setTimeout(done, giveUpMs);
    socket.on('close', done);
    socket.on('error', () => {});
    socket.resume();
  });
}

test('a stalled client is cut off after GATELOG_REQUEST_TIMEOUT, partial headers or partial body (#10 item 8)', async () => {
  const server = await startServer({ env: { GATELOG_REQUEST_TIMEOUT: '2' } });
  try {
    const partialBody = 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"email":';
    const partialHeaders = 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: ';
    const giveUpMs = 8000;
    const held = await Promise.all(
      Array.from({ length: 100 }, (_, i) => stall(server.port, i % 2 ? partialBody : partialHeaders, giveUpMs)),
    );
    // 2 s timeout + 1 s checking interval + scheduling slack on a loaded machine.
    assert.ok(Math.max(...held) < 5000, `a stalled connection was held ${Math.max(...held)} ms`);
    // The server still answers normally.
    assert.equal((await fetch(`${server.url}/api/v1/health`)).status, 200);
  } finally {
    await server.stop();
  }
});
