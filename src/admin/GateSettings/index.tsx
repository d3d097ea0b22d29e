import { useEffect, useState } from 'preact/hooks';
import { useAdminT } from '../../i18n/admin';
import { DIRECTION_MODES, siteGateViewSchema, type DirectionMode } from '../../protocol';
import { api } from '../api';
import { ErrorText } from '../ErrorText';
import { canManageOrgs, useAdmin } from '../session';
import { useAsync } from '../use-async';

/** A site's direction mode and closing time (issue #16); org admins change them, everyone who sees the site reads them. */
export function GateSettings({ siteId }: { siteId: string }) {
  const t = useAdminT();
  const admin = useAdmin();
  const path = `/sites/${encodeURIComponent(siteId)}/gate`;
  const current = useAsync(() => api(siteGateViewSchema, path), [siteId]);
  const [mode, setMode] = useState<DirectionMode>('toggle');
  const [closing, setClosing] = useState('');
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<Error>();
  // The form opens only once it holds the loaded values, so what the admin sets is never overwritten by them.
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!current.data) return;
    setMode(current.data.gate.directionMode);
    setClosing(current.data.gate.closingTime ?? '');
    setReady(true);
  }, [current.data]);
  useEffect(() => setSaved(false), [mode, closing]);
  const writable = canManageOrgs(admin);

  const save = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    try {
      await api(siteGateViewSchema, path, { method: 'PUT', body: { gate: { directionMode: mode, closingTime: closing || null } } });
      setSaved(true);
    } catch (err) {
      setError(err as Error);
    }
  };

  return (
    <form class="card" onSubmit={save} data-testid="gate-settings">
      <h2>{t('gateSettings')}</h2>
      {!writable && <p class="muted">{t('gateOrgAdminOnly')}</p>}
      <fieldset disabled={!writable || !ready}>
        <p>{t('directionMode')}</p>
        {DIRECTION_MODES.map((m) => (
          <label key={m} class="check">
            <input type="radio" name="direction-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
            {t(`directionMode_${m}`)}
          </label>
        ))}
        <label>
          {t('closingTime')}
          <input name="closing-time" type="time" value={closing} onInput={(e) => setClosing(e.currentTarget.value)} />
        </label>
        <p class="muted">{t('closingTimeHint')}</p>
        <button type="submit">{t('saveGate')}</button> {saved && <span class="ok" role="status">{t('saved')}</span>}
        <ErrorText error={error ?? current.error} />
      </fieldset>
    </form>
  );
}
