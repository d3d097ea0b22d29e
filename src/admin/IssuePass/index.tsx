import { useState } from 'preact/hooks';
import { useAdminLang, useAdminT } from '../../i18n/admin';
import { issuedPassSchema, siteSchema, type IssuedPass } from '../../protocol';
import { api } from '../api';
import { ErrorText } from '../ErrorText';
import { formatDay } from '../format';
import { qrDataUrl } from '../qr';
import { href } from '../router';
import { useAsync } from '../use-async';

/** Issue a server-signed pass (e.g. a contractor's) for a site, then show its QR code to print or send. */
export function IssuePass({ siteId }: { siteId: string }) {
  const t = useAdminT();
  const { lang } = useAdminLang();
  const site = useAsync(() => api(siteSchema, `/sites/${siteId}`), [siteId]);
  const [form, setForm] = useState({ name: '', phone: '', idNumber: '', validUntil: '' });
  const [pass, setPass] = useState<IssuedPass & { qr: string; name: string; validUntil: string }>();
  const [error, setError] = useState<Error>();
  const field = (key: keyof typeof form) => ({
    value: form[key],
    onInput: (e: { currentTarget: HTMLInputElement }) => setForm({ ...form, [key]: e.currentTarget.value }),
  });

  const issue = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    try {
      const body = {
        name: form.name,
        ...(form.phone ? { phone: form.phone } : {}),
        ...(form.idNumber ? { idNumber: form.idNumber } : {}),
        ...(form.validUntil ? { validUntil: form.validUntil } : {}),
      };
      const issued = await api(issuedPassSchema, `/sites/${siteId}/passes`, { method: 'POST', body });
      setPass({ ...issued, qr: await qrDataUrl(issued.text), name: form.name.trim(), validUntil: form.validUntil });
      setForm({ name: '', phone: '', idNumber: '', validUntil: '' });
    } catch (err) {
      setError(err as Error);
    }
  };

  return (
    <section>
      <p class="no-print">
        <a href={href(['sites', siteId])}>← {t('back')}</a>
      </p>
      <h1 class="no-print">{t('issuePass')}</h1>
      <form class="card no-print" onSubmit={issue} data-testid="issue-pass">
        <p class="muted">{t('issuePassHint')}</p>
        <label>
          {t('field_name')}
          <input name="pass-name" required maxLength={120} {...field('name')} />
        </label>
        <label>
          {t('field_phone')}
          <input name="pass-phone" inputMode="tel" {...field('phone')} />
        </label>
        <label>
          {t('field_idNumber')}
          <input name="pass-id-number" inputMode="numeric" {...field('idNumber')} />
        </label>
        <label>
          {t('validUntil')}
          <input name="pass-valid-until" type="date" {...field('validUntil')} />
        </label>
        <button type="submit">{t('issue')}</button>
        <ErrorText error={error} />
      </form>
      {pass && (
        <div class="pass-card" data-testid="signed-pass">
          <p class="poster-kicker">{site.data?.name ?? ''}</p>
          <img class="pass-qr" src={pass.qr} alt={t('issuePass')} data-testid="signed-pass-qr" />
          <p class="pass-name" data-testid="signed-pass-name">
            {pass.name}
          </p>
          <p class="muted">
            {pass.passId}
            {pass.validUntil ? ` · ${t('validUntil')}: ${formatDay(pass.validUntil, lang)}` : ''}
          </p>
          <p class="no-print">
            <button type="button" onClick={() => print()}>
              {t('print')}
            </button>
          </p>
        </div>
      )}
    </section>
  );
}
