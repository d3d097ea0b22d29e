import { useAdminT } from '../../i18n/admin';

/** An error line (the server's message is plain text, rendered as text). */
export function ErrorText({ error }: { error: Error | undefined }) {
  const t = useAdminT();
  if (!error) return null;
  return (
    <p class="error" role="alert">
      {t('error')}: {error.message}
    </p>
  );
}
