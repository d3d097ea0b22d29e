import type { z } from 'zod';
import { errorBodySchema, type ErrorParams } from '../protocol';

/** A non-2xx answer from the server, with its stable `code` and `params` (worded by ErrorText, never shown raw). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly params: ErrorParams = {},
  ) {
    super(message);
  }
}

/** Fired when the session is gone (expired, signed out elsewhere): the console shows the sign-in form again. */
export const SESSION_ENDED_EVENT = 'gatelog-session-ended';

/** The ApiFailure of a non-2xx response. */
async function failureOf(res: Response): Promise<ApiFailure> {
  const body: unknown = await res.json().catch(() => null);
  const err = errorBodySchema.safeParse(body);
  if (res.status === 401 && err.success && err.data.code === 'unauthorized') dispatchEvent(new Event(SESSION_ENDED_EVENT));
  if (!err.success) return new ApiFailure(res.status, res.status === 429 ? 'rate_limited' : res.status >= 500 ? 'internal' : 'http', res.statusText);
  return new ApiFailure(res.status, err.data.code, err.data.message, err.data.params);
}

/** Calls the same API as the CLI with the session cookie, and checks the answer against the shared schema. */
export async function api<S extends z.ZodType>(schema: S, path: string, init: { method?: string; body?: unknown } = {}): Promise<z.infer<S>> {
  const res = await fetch(`/api/v1${path}`, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers: init.body !== undefined ? { 'content-type': 'application/json' } : {},
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  if (!res.ok) throw await failureOf(res);
  return schema.parse(await res.json());
}

/** Sends a file's bytes as they are (a roster CSV): the server decides its encoding, not the browser. */
export async function apiUpload<S extends z.ZodType>(schema: S, path: string, file: Blob): Promise<z.infer<S>> {
  const res = await fetch(`/api/v1${path}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/octet-stream' },
    body: file,
  });
  if (!res.ok) throw await failureOf(res);
  return schema.parse(await res.json());
}

/**
 * POSTs `body` and saves the answer as a file (a CSV export whose request carries personal data, so it
 * cannot be a plain link: URLs reach logs and history).
 */
export async function apiDownload(path: string, body: unknown, filename: string): Promise<void> {
  const res = await fetch(`/api/v1${path}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) {
    const err = errorBodySchema.safeParse(await res.json().catch(() => null));
    throw new ApiFailure(res.status, err.success ? err.data.code : 'http', err.success ? err.data.message : res.statusText);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** `?a=1&b=2` from the defined values only. */
export function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
