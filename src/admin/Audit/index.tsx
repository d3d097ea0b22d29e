import { useAdminLang, useAdminT } from '../../i18n/admin';
import { auditListSchema } from '../../protocol';
import { api } from '../api';
import { ErrorText } from '../ErrorText';
import { formatTime } from '../format';
import { useAsync } from '../use-async';

/** The audit log of the admin's subtree (or site), newest first. */
export function Audit() {
  const t = useAdminT();
  const { lang } = useAdminLang();
  const list = useAsync(() => api(auditListSchema, '/audit'), []);
  return (
    <section>
      <h1>{t('audit')}</h1>
      <ErrorText error={list.error} />
      <table data-testid="audit">
        <thead>
          <tr>
            <th>{t('time')}</th>
            <th>{t('actor')}</th>
            <th>{t('action')}</th>
            <th>{t('target')}</th>
          </tr>
        </thead>
        <tbody>
          {(list.data?.entries ?? []).map((e) => (
            <tr key={e.id} data-testid="audit-row">
              <td>{formatTime(e.at, lang)}</td>
              <td>{e.actor}</td>
              <td data-testid="audit-action">{e.action}</td>
              <td>{e.target ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
