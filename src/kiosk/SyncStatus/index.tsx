import { useContext } from 'preact/hooks';
import type { SyncProgress } from '../../sync/push-engine';
import { LangContext } from '../../i18n';
import { formatCount } from '../capped-count';

interface Props {
  progress: SyncProgress | undefined;
  lastSyncAt: number | undefined;
  failing: boolean;
  rejected: number;
}

/** "Syncing n of N", the time of the last good sync, and how many records the server refused. */
export function SyncStatus({ progress, lastSyncAt, failing, rejected }: Props) {
  const { lang, t } = useContext(LangContext);
  const when = lastSyncAt
    ? new Date(lastSyncAt).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit' })
    : undefined;
  return (
    <div class="sync-status" data-testid="sync-status">
      {progress && progress.done < progress.total ? (
        <span data-testid="sync-progress">{t('syncing')} {progress.done}/{progress.total}</span>
      ) : (
        <span data-testid="last-sync">{when ? `${t('lastSync')}: ${when}` : t('neverSynced')}</span>
      )}
      {failing && <span class="sync-failing"> · {t('syncFailed')}</span>}
      {rejected > 0 && <span class="sync-rejected" data-testid="rejected-count"> · {t('rejectedRecords')}: {formatCount(rejected)}</span>}
    </div>
  );
}
