import { isoTime } from '../../lib/iso-time';
import QRCode from 'qrcode';
import { issueDevice } from '../../enrolment/issue-code';
import type { Device } from '../../repositories/devices';
import { CliError, optional, required, type Command } from '../command';
import { oneLine } from '../terminal-text';

const DEFAULT_BASE_URL = 'http://localhost:8080';

const iso = (ms: number | null) => (ms === null ? null : isoTime(ms));

/** `device add --site SITE [--name N] [--base-url URL]`: prints the one-time enrolment link (and its QR). */
export const deviceAdd: Command = {
  name: 'device add',
  usage: 'device add --site SITE_ID [--name NAME] [--base-url URL]',
  options: { site: { type: 'string' }, name: { type: 'string' }, 'base-url': { type: 'string' } },
  async run(ctx, args, io) {
    const siteId = required(args, 'site');
    const baseUrl = optional(args, 'base-url') ?? DEFAULT_BASE_URL;
    if (!/^https?:\/\//.test(baseUrl)) throw new CliError('--base-url must start with http:// or https://');
    if (!(await ctx.repos.sites.get(siteId))) throw new CliError(`no site with id ${siteId}`);
    const issued = await issueDevice(ctx.repos, { siteId, name: optional(args, 'name') ?? null, baseUrl });
    const json = {
      deviceId: issued.device.id,
      siteId,
      code: issued.code,
      enrolUrl: issued.enrolUrl,
      expiresAt: iso(issued.device.enrolCodeExpiresAt),
    };
    if (io.json) return { json, human: '' };
    const qr = await QRCode.toString(issued.enrolUrl, { type: 'terminal', small: true });
    const human = [
      `Device ${json.deviceId} created at site ${siteId}.`,
      `Open this link on the kiosk (valid once, until ${json.expiresAt}):`,
      `  ${json.enrolUrl}`,
    ].join('\n');
    return { json, human, art: qr };
  },
};

const describe = (d: Device) => ({
  id: d.id,
  siteId: d.siteId,
  name: d.name,
  status: d.revokedAt !== null ? 'revoked' : d.enrolledAt !== null ? 'enrolled' : 'awaiting-enrolment',
  enrolledAt: iso(d.enrolledAt),
  revokedAt: iso(d.revokedAt),
  lastSyncAt: iso(d.lastSyncAt),
  pendingReported: d.pendingReported,
  appVersion: d.appVersion,
});

/** `device list [--site SITE]` */
export const deviceList: Command = {
  name: 'device list',
  usage: 'device list [--site SITE_ID]',
  options: { site: { type: 'string' } },
  async run(ctx, args) {
    const devices = (await ctx.repos.devices.list(optional(args, 'site'))).map(describe);
    const human = devices.length
      ? devices
          .map((d) => `${d.id}  ${d.siteId}  ${d.status}  last sync ${d.lastSyncAt ?? 'never'}  pending ${d.pendingReported ?? '?'}  ${oneLine(d.name)}`)
          .join('\n')
      : 'No devices.';
    return { json: { devices }, human };
  },
};

/** `device revoke DEVICE`: the kiosk's token stops working at once. */
export const deviceRevoke: Command = {
  name: 'device revoke',
  usage: 'device revoke DEVICE_ID',
  options: {},
  positionals: 1,
  async run(ctx, args) {
    const id = args.positionals[0];
    if (!id) throw new CliError('which device? usage: device revoke DEVICE_ID');
    if (!(await ctx.repos.devices.revoke(id))) throw new CliError(`no device with id ${id}`);
    const device = await ctx.repos.devices.get(id);
    return { json: { deviceId: id, revokedAt: iso(device?.revokedAt ?? null) }, human: `Revoked device ${id}.` };
  },
};
