import { useState } from 'preact/hooks';
import { useAdminLang, useAdminT } from '../../i18n/admin';
import { orgTreeSchema, silentKioskListSchema } from '../../protocol';
import { api } from '../api';
import { ErrorText } from '../ErrorText';
import { OrgSelect } from '../OrgSelect';
import { formatTime } from '../format';
import { href } from '../router';
import { useAdmin } from '../session';
import { useAsync } from '../use-async';

const HOUR = 3_600_000;

/** For an organisation, the kiosks that have not synced for longer than their site allows: whom to call (issue #15). */
export function SilentKiosks() {
  const t = useAdminT();
  const { lang } = useAdminLang();
  const admin = useAdmin();
  const [org, setOrg] = useState(admin.orgId);
  const tree = useAsync(() => api(orgTreeSchema, '/orgs'), []);
  const list = useAsync(() => api(silentKioskListSchema, `/orgs/${encodeURIComponent(org)}/silent-kiosks`), [org]);
  const kiosks = list.data?.kiosks ?? [];
  const at = list.data?.at ?? Date.now();
  const silentFor = (lastHeard: number) => {
    const hours = Math.floor((at - lastHeard) / HOUR);
    return hours >= 48 ? `${Math.floor(hours / 24)} ${t('days')}` : `${hours} ${t('hours')}`;
  };

  return (
    <section>
      <h1>{t('silentKiosks')}</h1>
      <p class="hint">{t('silentKiosksHint')}</p>
      <OrgSelect orgs={tree.data?.orgs ?? []} value={org} onChange={setOrg} />
      <ErrorText error={list.error ?? tree.error} />
      {list.data && kiosks.length === 0 && <p data-testid="silent-none">{t('silentNone')}</p>}
      {kiosks.length > 0 && (
        <table data-testid="silent-kiosks">
          <thead>
            <tr>
              <th>{t('site')}</th>
              <th>{t('kioskName')}</th>
              <th>{t('lastSync')}</th>
              <th>{t('silentFor')}</th>
              <th>{t('pending')}</th>
              <th>{t('silentAfter')}</th>
            </tr>
          </thead>
          <tbody>
            {kiosks.map((k) => (
              <tr key={k.deviceId} data-testid="silent-row" data-device-id={k.deviceId}>
                <td>
                  <a href={href(['sites', k.siteId])}>{k.siteName}</a>
                </td>
                <td>{k.name ?? k.deviceId}</td>
                <td>{k.lastSyncAt === null ? t('never') : formatTime(k.lastSyncAt, lang)}</td>
                <td data-testid="silent-for">{silentFor(k.lastSyncAt ?? k.enrolledAt)}</td>
                <td data-testid="silent-pending">{k.pendingReported ?? ''}</td>
                <td>
                  {k.silentAfterHours} {t('hours')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
