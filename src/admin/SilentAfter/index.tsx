import { useEffect, useState } from 'preact/hooks';
import { useAdminT } from '../../i18n/admin';
import { SILENT_AFTER_HOURS, siteSilentAfterSchema } from '../../protocol';
import { api } from '../api';
import { ErrorText } from '../ErrorText';
import { canWrite, useAdmin } from '../session';
import { useAsync } from '../use-async';

/** A site's silence threshold: after how many hours without a sync its kiosks are listed as silent. */
export function SilentAfter({ siteId }: { siteId: string }) {
  const t = useAdminT();
  const admin = useAdmin();
  const current = useAsync(() => api(siteSilentAfterSchema, `/sites/${encodeURIComponent(siteId)}/silent-after`), [siteId]);
  const [hours, setHours] = useState('');
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<Error>();
  // The field opens only once it holds the loaded value, so what the admin types is never overwritten by it.
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!current.data) return;
    setHours(String(current.data.hours));
    setReady(true);
  }, [current.data]);

  const save = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    setSaved(false);
    try {
      await api(siteSilentAfterSchema, `/sites/${encodeURIComponent(siteId)}/silent-after`, { method: 'PUT', body: { hours: Number(hours) } });
      setSaved(true);
    } catch (err) {
      setError(err as Error);
    }
  };

  return (
    <form class="silent-after" onSubmit={save} data-testid="silent-after">
      <label>
        {t('silentAfter')} ({t('hours')})
        <input
          name="silent-after-hours"
          type="number"
          min={SILENT_AFTER_HOURS.min}
          max={SILENT_AFTER_HOURS.max}
          step={1}
          required
          disabled={!canWrite(admin) || !ready}
          value={hours}
          onInput={(e) => setHours(e.currentTarget.value)}
        />
      </label>
      {canWrite(admin) && <button type="submit" disabled={!ready}>{t('saveSilentAfter')}</button>} {saved && <span role="status">{t('saved')}</span>}
      <ErrorText error={error ?? current.error} />
    </form>
  );
}
