import { useAdminLang, useAdminT, type AdminMessageKey } from '../../i18n/admin';
import { auditListSchema, type AuditAction, type AuditName } from '../../protocol';
import { api } from '../api';
import { ErrorText } from '../ErrorText';
import { formatTime } from '../format';
import { useAsync } from '../use-async';

/** Each audit action in words (typed: a new action needs its message). */
const ACTION_KEY: Record<AuditAction, AdminMessageKey> = {
  'org.create': 'action_org_create',
  'org.update': 'action_org_update',
  'site.create': 'action_site_create',
  'site.update': 'action_site_update',
  'device.enrol': 'action_device_enrol',
  'device.revoke': 'action_device_revoke',
  'trace.view': 'action_trace_view',
  'export.trace': 'action_export_trace',
  'export.report': 'action_export_report',
  'pass.issue': 'action_pass_issue',
  'roster.import': 'action_roster_import',
  'subject.view': 'action_subject_view',
  'subject.erase': 'action_subject_erase',
  'subject.search': 'action_subject_search',
  'webhook.create': 'action_webhook_create',
  'webhook.delete': 'action_webhook_delete',
  'webhook.redeliver': 'action_webhook_redeliver',
  'watchlist.add': 'action_watchlist_add',
  'watchlist.update': 'action_watchlist_update',
  'watchlist.remove': 'action_watchlist_remove',
};

/** A watchlist entry in words (kind · action, from the entry's detail): its id means nothing to a reader. */
function watchlistTarget(detail: Record<string, unknown> | null, t: (k: AdminMessageKey) => string): string | undefined {
  const kind = detail?.kind;
  const action = (detail?.after as { action?: unknown } | undefined)?.action ?? detail?.action;
  if (typeof kind !== 'string' || typeof action !== 'string') return undefined;
  return `${t(`wlKind_${kind}` as AdminMessageKey)} · ${t(`wlAction_${action}` as AdminMessageKey)}`;
}

/** The audit log of the admin's subtree (or site), newest first: actions in words, orgs, sites and kiosks by name. */
export function Audit() {
  const t = useAdminT();
  const { lang } = useAdminLang();
  const list = useAsync(() => api(auditListSchema, '/audit'), []);
  const names = list.data?.names ?? {};
  const nameOf = (id: string | null): string => {
    if (id === null) return '';
    const known: AuditName | undefined = names[id];
    if (!known) return id; // a visitor's code (trace) or a pass id: shown as the admin typed or issued it
    return known.name ?? (known.kind === 'device' ? t('kioskUnnamed') : id);
  };
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
            <th>{t('where')}</th>
            <th>{t('target')}</th>
          </tr>
        </thead>
        <tbody>
          {(list.data?.entries ?? []).map((e) => (
            <tr key={e.id} data-testid="audit-row">
              <td>{formatTime(e.at, lang)}</td>
              <td>{e.actor}</td>
              <td data-testid="audit-action" data-action={e.action}>
                {t(ACTION_KEY[e.action])}
              </td>
              <td data-testid="audit-where">{nameOf(e.siteId ?? e.orgId)}</td>
              <td data-testid="audit-target">
                {e.action.startsWith('watchlist.') ? (watchlistTarget(e.detail, t) ?? '') : e.target === e.siteId || e.target === e.orgId ? '' : nameOf(e.target)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
