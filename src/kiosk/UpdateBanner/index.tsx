import { useT } from '../../i18n';

/** Offered, never forced: the attendant chooses a quiet moment to reload into the new version. */
export function UpdateBanner({ onUpdate }: { onUpdate(): void }) {
  const t = useT();
  return (
    <div class="update-banner" role="status">
      {t('updateReady')} <button onClick={onUpdate}>{t('updateNow')}</button>
    </div>
  );
}
