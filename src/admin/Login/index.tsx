import { setDayZone } from '../format';
import { useState } from 'preact/hooks';
import { useAdminLang, useAdminT } from '../../i18n/admin';
import { wordApiError } from '../../i18n/api-errors';
import { sessionResponseSchema, type AdminIdentity } from '../../protocol';
import { api, ApiFailure } from '../api';

/** Email + password; the server answers with an HttpOnly session cookie the page never sees. */
export function Login({ onSignedIn }: { onSignedIn: (admin: AdminIdentity) => void }) {
  const t = useAdminT();
  const { lang } = useAdminLang();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const session = await api(sessionResponseSchema, '/auth/session', { method: 'POST', body: { email, password } });
      setDayZone(session.timeZone);
      onSignedIn(session.admin);
    } catch (err) {
      setError(err instanceof ApiFailure ? wordApiError(lang, err.code, err.params) : t('errorNetwork'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card login" onSubmit={submit}>
      <h1>{t('signIn')}</h1>
      <label>
        {t('email')}
        <input name="email" type="email" autocomplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
      </label>
      <label>
        {t('password')}
        <input name="password" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t('signIn')}
      </button>
    </form>
  );
}
