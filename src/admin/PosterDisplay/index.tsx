import { useEffect, useRef, useState } from 'preact/hooks';
import { useAdminT } from '../../i18n/admin';
import { siteSchema, type SiteView } from '../../protocol';
import { api } from '../api';
import { PosterSheet } from '../Poster';
import { href } from '../router';

/** How often the door screen re-reads its site: a renamed site or a rotated code shows within a minute. */
const REFRESH_MS = 60_000;

/** Keeps the screen on while the page is shown; the lock is lost when the tab is hidden, so it is taken again. */
function useScreenWakeLock(): void {
  useEffect(() => {
    let lock: WakeLockSentinel | undefined;
    let stopped = false;
    const take = () => {
      if (stopped || document.visibilityState !== 'visible' || !('wakeLock' in navigator)) return;
      navigator.wakeLock.request('screen').then(
        (l) => (stopped ? void l.release() : (lock = l)),
        () => undefined, // refused (battery saver, no permission): the screen may sleep, the poster stays
      );
    };
    take();
    document.addEventListener('visibilitychange', take);
    return () => {
      stopped = true;
      document.removeEventListener('visibilitychange', take);
      void lock?.release();
    };
  }, []);
}

/**
 * The door screen (issue #16): the site's QR poster alone, full screen, kept awake, for a second screen at the
 * entrance. It re-reads the site every minute and redraws when its name or code changes; a failed read keeps
 * showing the last poster (a door screen must never go blank for a network blip).
 */
export function PosterDisplay({ siteId }: { siteId: string }) {
  const t = useAdminT();
  const [site, setSite] = useState<SiteView>();
  const root = useRef<HTMLDivElement>(null);
  useScreenWakeLock();
  useEffect(() => {
    let alive = true;
    const load = () => api(siteSchema, `/sites/${siteId}`).then((s) => alive && setSite((old) => (old && old.id === s.id && old.name === s.name ? old : s)), () => undefined);
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [siteId]);
  return (
    <div class="poster-display" ref={root} data-testid="poster-display">
      <div class="display-controls">
        <button type="button" data-testid="display-fullscreen" onClick={() => void root.current?.requestFullscreen?.().catch(() => undefined)}>
          {t('fullScreen')}
        </button>{' '}
        <a href={href(['sites', siteId, 'poster'])}>{t('back')}</a>
      </div>
      {site ? <PosterSheet key={`${site.id}:${site.name}`} siteId={site.id} siteName={site.name} class="poster-display-sheet" /> : <p>{t('loading')}</p>}
    </div>
  );
}
