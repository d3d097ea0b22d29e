import { useContext } from 'preact/hooks';
import { LangContext } from '../../i18n';
import { formatCount } from '../capped-count';
import { canSendNow, type SyncState } from '../sync-state';

interface Props {
  state: SyncState;
  lastSyncAt: number | undefined;
  rejected: number;
  onSendNow(): void;
}

/**
 * The footer's sync line: offline with how many records wait, "n/N" while sending, the last good sync always,
 * records the server refused, and "Send now" when something waits (issue #11).
 */
export function SyncStatus({ state, lastSyncAt, rejected, onSendNow }: Props) {
  const { lang, t } = useContext(LangContext);
  const when = lastSyncAt
    ? new Date(lastSyncAt).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit' })
    : undefined;
  const pending = 'pending' in state && state.pending > 0 ? `${formatCount(state.pending)} ${t('pendingRecords')}` : '';
  const headline =
    state.kind === 'offline' ? [t('offline'), pending].filter(Boolean).join(' — ')
    : state.kind === 'syncing' ? `${t('syncing')} ${state.done}/${state.total}`
    : state.kind === 'retrying' ? `${t('retrying')} — ${pending}`
    : state.kind === 'synced' ? t('allSent')
    : pending;
  return (
    <div class={`sync-status sync-${state.kind}`} data-testid="sync-status" data-state={state.kind} role="status">
      {headline && <span class="sync-headline" data-testid="sync-headline">{headline}</span>}
      <span class="sync-last" data-testid="last-sync">{when ? `${t('lastSync')}: ${when}` : t('neverSynced')}</span>
      {rejected > 0 && <span class="sync-rejected" data-testid="rejected-count">{t('rejectedRecords')}: {formatCount(rejected)}</span>}
      {canSendNow(state) && (
        <button type="button" class="secondary send-now" data-testid="send-now" onClick={onSendNow}>{t('sendNow')}</button>
      )}
    </div>
  );
}
