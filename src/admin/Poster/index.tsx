import { useEffect, useState } from 'preact/hooks';
import { adminTranslator, useAdminT } from '../../i18n/admin';
import { siteQrUrl, siteSchema } from '../../protocol';
import { api } from '../api';
import { ErrorText } from '../ErrorText';
import { qrDataUrl } from '../qr';
import { href } from '../router';
import { useAsync } from '../use-async';

const vi = adminTranslator('vi');
const en = adminTranslator('en');

/** The QR code image of a site's poster URL, redrawn when the URL changes (a rotated site code). */
export function useSiteQr(siteId: string): { url: string; qr: string | undefined } {
  const [qr, setQr] = useState<string>();
  const url = siteQrUrl(location.origin, siteId);
  useEffect(() => void qrDataUrl(url).then(setQr), [url]);
  return { url, qr };
}

/**
 * One A4 location poster: the unit's name (when given), the site's name, instructions in Vietnamese and English,
 * the QR code. Used alone, in a unit's bulk print, and on the door screen (`class` sets the layout).
 */
export function PosterSheet({ siteId, siteName, unitName, class: cls = 'poster' }: { siteId: string; siteName: string; unitName?: string; class?: string }) {
  const { url, qr } = useSiteQr(siteId);
  return (
    <article class={cls} data-testid="poster" data-site-id={siteId} data-qr-url={url}>
      <p class="poster-kicker">
        {vi('posterTitle')} · {en('posterTitle')}
      </p>
      {unitName && (
        <p class="poster-unit" data-testid="poster-unit">
          {unitName}
        </p>
      )}
      <h1 class="poster-name" data-testid="poster-name">
        {siteName}
      </h1>
      {qr && <img class="poster-qr" src={qr} alt={url} data-testid="poster-qr" />}
      <p class="poster-text" lang="vi">
        {vi('posterViInstructions')}
      </p>
      <p class="poster-text" lang="en">
        {en('posterEnInstructions')}
      </p>
      <p class="poster-url">{url}</p>
    </article>
  );
}

/** The site's A4 location QR poster; print it, or show it full screen at the door. */
export function Poster({ siteId }: { siteId: string }) {
  const t = useAdminT();
  const site = useAsync(() => api(siteSchema, `/sites/${siteId}`), [siteId]);
  if (!site.data) return site.error ? <ErrorText error={site.error} /> : <p>{t('loading')}</p>;
  return (
    <>
      <p class="no-print actions">
        <a href={href(['sites', siteId])}>← {t('back')}</a>
        <button type="button" onClick={() => print()}>
          {t('print')}
        </button>
        <a class="button" href={href(['sites', siteId, 'display'])} data-testid="open-display">
          {t('posterDisplay')}
        </a>
      </p>
      <PosterSheet siteId={siteId} siteName={site.data.name} />
    </>
  );
}
