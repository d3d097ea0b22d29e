import { useState } from 'preact/hooks';
import { z } from 'zod';
import { useAdminLang, useAdminT, type AdminMessageKey } from '../../i18n/admin';
import { orgTreeSchema, watchlistEntrySchema, watchlistListSchema, type WatchlistEntry } from '../../protocol';
import { MAX_WATCHLIST_REASON, WATCHLIST_ACTIONS, WATCHLIST_KINDS, type WatchlistAction, type WatchlistKind } from '../../protocol/watchlist-subject';
import { api } from '../api';
import { ErrorText } from '../ErrorText';
import { OrgSelect } from '../OrgSelect';
import { formatTime } from '../format';
import { useAdmin } from '../session';
import { useAsync } from '../use-async';

const kindKey = (k: WatchlistKind) => `wlKind_${k}` as AdminMessageKey;
const actionKey = (a: WatchlistAction) => `wlAction_${a}` as AdminMessageKey;

/** One entry's row: read, or edit its reason and action, or remove it after an in-page confirmation. */
function EntryRow({ entry, canChange, onChange }: { entry: WatchlistEntry; canChange: boolean; onChange: () => void }) {
  const t = useAdminT();
  const { lang } = useAdminLang();
  const [mode, setMode] = useState<'view' | 'edit' | 'remove'>('view');
  const [reason, setReason] = useState(entry.reason);
  const [action, setAction] = useState<WatchlistAction>(entry.action);
  const [error, setError] = useState<Error>();
  const run = (call: () => Promise<unknown>) => {
    setError(undefined);
    call().then(() => {
      setMode('view');
      onChange();
    }, setError);
  };
  return (
    <tr data-testid="watchlist-row" data-action={entry.action} class={entry.action === 'refuse' ? 'wl-refuse' : 'wl-alert'}>
      <td>{t(kindKey(entry.kind))}</td>
      <td data-testid="watchlist-subject">{entry.subject}</td>
      <td>
        {mode === 'edit' ? (
          <input value={reason} maxLength={MAX_WATCHLIST_REASON} aria-label={t('watchlistReason')} onInput={(e) => setReason(e.currentTarget.value)} />
        ) : (
          <span data-testid="watchlist-reason">{entry.reason}</span>
        )}
      </td>
      <td>
        {mode === 'edit' ? (
          <select value={action} aria-label={t('watchlistAction')} onChange={(e) => setAction(e.currentTarget.value as WatchlistAction)}>
            {WATCHLIST_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(actionKey(a))}
              </option>
            ))}
          </select>
        ) : (
          t(actionKey(entry.action))
        )}
      </td>
      <td>
        {entry.hits}
        {entry.lastHitAt !== null && ` · ${formatTime(entry.lastHitAt, lang)}`}
      </td>
      <td>
        {canChange && mode === 'view' && (
          <>
            <button type="button" class="link" onClick={() => setMode('edit')}>
              {t('watchlistEdit')}
            </button>{' '}
            <button type="button" class="link" data-testid="watchlist-remove" onClick={() => setMode('remove')}>
              {t('watchlistRemove')}
            </button>
          </>
        )}
        {mode === 'edit' && (
          <>
            <button type="button" onClick={() => run(() => api(watchlistEntrySchema, `/watchlist/${entry.id}`, { method: 'PATCH', body: { reason, action } }))}>
              {t('watchlistSave')}
            </button>{' '}
            <button type="button" class="link" onClick={() => setMode('view')}>
              {t('cancel')}
            </button>
          </>
        )}
        {mode === 'remove' && (
          <span class="confirm" role="group" aria-label={t('watchlistRemoveConfirm')}>
            {t('watchlistRemoveConfirm')}{' '}
            <button type="button" data-testid="watchlist-remove-yes" onClick={() => run(() => api(z.object({ id: z.string() }), `/watchlist/${entry.id}`, { method: 'DELETE' }))}>
              {t('watchlistRemove')}
            </button>{' '}
            <button type="button" class="link" onClick={() => setMode('view')}>
              {t('cancel')}
            </button>
          </span>
        )}
        <ErrorText error={error} />
      </td>
    </tr>
  );
}

/**
 * An organisation's watchlist (issue #16): people to refuse, or to let in with an alert, at every gate of the
 * organisation and of its units. Admins add, edit and remove; viewers read. Subjects are shown as text only.
 */
export function Watchlist() {
  const t = useAdminT();
  const admin = useAdmin();
  const [org, setOrg] = useState(admin.orgId);
  const tree = useAsync(() => api(orgTreeSchema, '/orgs'), []);
  const list = useAsync(() => api(watchlistListSchema, `/orgs/${encodeURIComponent(org)}/watchlist`), [org]);
  const [kind, setKind] = useState<WatchlistKind>('id_number');
  const [subject, setSubject] = useState('');
  const [reason, setReason] = useState('');
  const [action, setAction] = useState<WatchlistAction>('refuse');
  const [error, setError] = useState<Error>();
  const [added, setAdded] = useState(false);
  const canChange = admin.role === 'admin' && admin.siteId === undefined;

  const add = (e: Event) => {
    e.preventDefault();
    setError(undefined);
    setAdded(false);
    api(watchlistEntrySchema, `/orgs/${encodeURIComponent(org)}/watchlist`, { method: 'POST', body: { kind, subject, reason, action } }).then(() => {
      setSubject('');
      setReason('');
      setAdded(true);
      list.reload();
    }, setError);
  };

  return (
    <section>
      <h1>{t('watchlist')}</h1>
      <p class="hint">{t('watchlistHint')}</p>
      <OrgSelect orgs={tree.data?.orgs ?? []} value={org} onChange={setOrg} />
      {canChange && (
        <form class="card watchlist-form" onSubmit={add} data-testid="watchlist-form">
          <label>
            {t('watchlistKind')}
            <select name="kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as WatchlistKind)}>
              {WATCHLIST_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(kindKey(k))}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('watchlistSubject')}
            <input name="subject" required value={subject} autoComplete="off" onInput={(e) => setSubject(e.currentTarget.value)} />
          </label>
          <label>
            {t('watchlistReason')}
            <input name="reason" required maxLength={MAX_WATCHLIST_REASON} value={reason} aria-describedby="wl-reason-hint" onInput={(e) => setReason(e.currentTarget.value)} />
          </label>
          <p class="hint" id="wl-reason-hint">
            {t('watchlistReasonHint')}
          </p>
          <label>
            {t('watchlistAction')}
            <select name="action" value={action} onChange={(e) => setAction(e.currentTarget.value as WatchlistAction)}>
              {WATCHLIST_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {t(actionKey(a))}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t('watchlistAdd')}</button>
          <ErrorText error={error} />
          {added && (
            <p role="status" data-testid="watchlist-added">
              {t('watchlistAdded')}
            </p>
          )}
        </form>
      )}
      <ErrorText error={list.error ?? tree.error} />
      {list.data && list.data.entries.length === 0 && <p data-testid="watchlist-empty">{t('watchlistEmpty')}</p>}
      {list.data && list.data.entries.length > 0 && (
        <table data-testid="watchlist">
          <thead>
            <tr>
              <th>{t('watchlistKind')}</th>
              <th>{t('watchlistSubject')}</th>
              <th>{t('watchlistReason')}</th>
              <th>{t('watchlistAction')}</th>
              <th>{t('watchlistHits')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data.entries.map((e) => (
              <EntryRow key={`${e.id}:${e.updatedAt}`} entry={e} canChange={canChange} onChange={list.reload} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
