import { enrolUrl } from '../../src/protocol';
import type { Device } from '../repositories/devices';
import type { Repositories } from '../repositories';
import { newEnrolCode, sha256 } from '../lib/secrets';

/** An enrolment code lives 7 days; only its hash is stored. */
export const ENROL_CODE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface IssuedDevice {
  device: Device;
  /** Shown once, never stored. */
  code: string;
  enrolUrl: string;
}

/** Creates a device at a site with a fresh one-time enrolment code and its kiosk link. */
export async function issueDevice(
  repos: Pick<Repositories, 'devices'>,
  input: { siteId: string; name?: string | null; baseUrl: string },
  now = Date.now(),
): Promise<IssuedDevice> {
  const code = newEnrolCode();
  const device = await repos.devices.create(
    { siteId: input.siteId, name: input.name ?? null, codeHash: sha256(code), codeExpiresAt: now + ENROL_CODE_TTL_MS },
    now,
  );
  return { device, code, enrolUrl: enrolUrl(input.baseUrl, code) };
}
