import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Answers at least this large are gzipped when the client accepts it (kiosks on 2G/3G do). */
const GZIP_FROM_BYTES = 1024;

/** Sends a JSON answer, gzipped when the client accepts gzip and the body is worth compressing. */
export function sendJson(request: FastifyRequest, reply: FastifyReply, body: unknown): FastifyReply {
  const json = JSON.stringify(body);
  reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
  if (json.length >= GZIP_FROM_BYTES && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
    return reply.header('content-encoding', 'gzip').send(gzipSync(json));
  }
  return reply.send(json);
}
