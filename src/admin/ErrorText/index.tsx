import { wordApiError } from '../../i18n/api-errors';
import { useAdminLang, useAdminT } from '../../i18n/admin';
import { ApiFailure } from '../api';

/** An error line in the admin's language: server errors are worded from their code, never shown as sent. */
export function ErrorText({ error }: { error: Error | undefined }) {
  const t = useAdminT();
  const { lang } = useAdminLang();
  if (!error) return null;
  const text = error instanceof ApiFailure ? wordApiError(lang, error.code, error.params) : t('errorNetwork');
  return (
    <p class="error" role="alert">
      {t('error')}: {text}
    </p>
  );
}
