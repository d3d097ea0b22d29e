import { useState } from 'preact/hooks';
import { useAdminLang, useAdminT } from '../../i18n/admin';
import { deviceListSchema, deviceSchema, enrolDeviceResponseSchema, enrolUrl, type DeviceView } from '../../protocol';
import { api } from '../api';
import { ErrorText } from '../ErrorText';
import { formatTime } from '../format';
import { qrDataUrl } from '../qr';
import { SilentAfter } from '../SilentAfter';
import { canWrite, useAdmin } from '../session';
import { useAsync } from '../use-async';

/** A site's kiosks: last sync, pending records as last reported, version; enrol a new one; revoke. */
export function Devices({ siteId }: { siteId: string }) {
  const t = useAdminT();
  const { lang } = useAdminLang();
  const admin = useAdmin();
  const list = useAsync(() => api(deviceListSchema, `/sites/${siteId}/devices`), [siteId]);
  const [enrolment, setEnrolment] = useState<{ url: string; qr: string }>();
  const [error, setError] = useState<Error>();
  const [name, setName] = useState('');

  const enrol = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    try {
      const res = await api(enrolDeviceResponseSchema, `/sites/${siteId}/devices`, { method: 'POST', body: name ? { name } : {} });
      const url = enrolUrl(location.origin, res.code);
      setEnrolment({ url, qr: await qrDataUrl(url) });
      setName('');
      list.reload();
    } catch (err) {
      setError(err as Error);
    }
  };
  const revoke = async (device: DeviceView) => {
    if (!confirm(t('confirmRevoke'))) return;
    try {
      await api(deviceSchema, `/devices/${device.id}/revoke`, { method: 'POST' });
      list.reload();
    } catch (err) {
      setError(err as Error);
    }
  };
  const statusOf = (d: DeviceView) => (d.revokedAt !== null ? t('revoked') : d.enrolledAt === null ? t('notEnrolled') : t('active'));

  return (
    <section class="card">
      <h2>{t('kiosks')}</h2>
      <table data-testid="devices">
        <thead>
          <tr>
            <th>{t('kioskName')}</th>
            <th>{t('status')}</th>
            <th>{t('lastSync')}</th>
            <th>{t('pending')}</th>
            <th>{t('appVersion')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(list.data?.devices ?? []).map((d, i, all) => (
            <tr key={d.id} data-testid="device-row" data-device-id={d.id}>
              {/* Newest first: an unnamed kiosk is numbered in the order it was added, never shown by its id. */}
              <td data-testid="device-name">{d.name ?? `${t('kioskNumber')} ${all.length - i}`}</td>
              <td data-testid="device-status">{statusOf(d)}</td>
              <td data-testid="device-last-sync">{d.lastSyncAt === null ? t('never') : formatTime(d.lastSyncAt, lang)}</td>
              <td data-testid="device-pending">{d.pendingReported ?? ''}</td>
              <td>{d.appVersion ?? ''}</td>
              <td>
                {canWrite(admin) && d.revokedAt === null && (
                  <button type="button" class="danger" onClick={() => revoke(d)}>
                    {t('revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canWrite(admin) && (
        <form onSubmit={enrol}>
          <input name="kiosk-name" placeholder={t('kioskName')} aria-label={t('kioskName')} value={name} onInput={(e) => setName(e.currentTarget.value)} />
          <button type="submit" data-testid="enrol-kiosk">
            {t('enrolKiosk')}
          </button>
        </form>
      )}
      {enrolment && (
        <div class="enrolment" data-testid="enrolment">
          <img src={enrolment.qr} alt={t('enrolKiosk')} width={240} height={240} />
          <p>{t('enrolHint')}</p>
          <p>
            <a href={enrolment.url} data-testid="enrol-url">
              {enrolment.url}
            </a>
          </p>
        </div>
      )}
      <SilentAfter siteId={siteId} />
      <ErrorText error={error ?? list.error} />
    </section>
  );
}
