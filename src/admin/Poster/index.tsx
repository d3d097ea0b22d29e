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

/** The site's A4 location QR poster: name, instructions in Vietnamese and English, the QR code; print it. */
export function Poster({ siteId }: { siteId: string }) {
  const t = useAdminT();
  const site = useAsync(() => api(siteSchema, `/sites/${siteId}`), [siteId]);
  const [qr, setQr] = useState<string>();
  const url = siteQrUrl(location.origin, siteId);
  useEffect(() => void qrDataUrl(url).then(setQr), [url]);
  if (!site.data) return site.error ? <ErrorText error={site.error} /> : <p>{t('loading')}</p>;
  return (
    <>
      <p class="no-print actions">
        <a href={href(['sites', siteId])}>← {t('back')}</a>
        <button type="button" onClick={() => print()}>
          {t('print')}
        </button>
      </p>
      <article class="poster" data-testid="poster">
        <p class="poster-kicker">
          {vi('posterTitle')} · {en('posterTitle')}
        </p>
        <h1 class="poster-name" data-testid="poster-name">
          {site.data.name}
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
    </>
  );
}
