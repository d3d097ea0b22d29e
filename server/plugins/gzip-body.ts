import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../lib/api-error';
import { globalPlugin } from './global-plugin';

/**
 * Accepts `Content-Encoding: gzip` request bodies (the kiosk compresses batches with CompressionStream).
 * The decompressed size is capped by Fastify's bodyLimit, which counts the bytes of the stream returned
 * here, so a zip bomb stops at the limit.
 */
export const gzipBodyPlugin = globalPlugin(async (app: FastifyInstance) => {
  app.addHook('preParsing', async (request, _reply, payload) => {
    const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
    if (encoding === 'identity') return payload;
    if (encoding !== 'gzip' && encoding !== 'x-gzip') {
      throw new ApiError(415, 'unsupported_encoding', `Content-Encoding ${encoding} is not supported; use gzip.`);
    }
    const gunzip = createGunzip();
    const counted = Object.assign(gunzip, { receivedEncodedLength: 0 }) as unknown as Readable & { receivedEncodedLength: number };
    payload.on('data', (chunk: Buffer) => {
      counted.receivedEncodedLength += chunk.length;
    });
    payload.on('error', (err) => gunzip.destroy(err));
    gunzip.on('error', () => {
      // Reported to the client by Fastify's body reader; a corrupt body is a 400, not a crash.
    });
    payload.pipe(gunzip);
    return counted;
  });
});
