import { z } from 'zod';
import { sitePolicySchema } from './site-policy';

export { sitePolicySchema, type SitePolicy } from './site-policy';
export { DEFAULT_POLICY } from './visitor-limits';

export const enrolRequestSchema = z.object({
  code: z.string().min(6).max(64),
  appVersion: z.string().max(40).optional(),
});
export type EnrolRequest = z.infer<typeof enrolRequestSchema>;

export const enrolResponseSchema = z.object({
  deviceId: z.string(),
  /** Long-lived bearer token; the server keeps only its hash. */
  token: z.string(),
  site: z.object({ id: z.string(), name: z.string() }),
  policy: sitePolicySchema,
  serverTime: z.number(),
});
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

/** The kiosk's enrolment link: `<base>/#enrol=<code>`; a fragment so the code never reaches server logs. */
export function enrolUrl(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/#enrol=${encodeURIComponent(code)}`;
}
