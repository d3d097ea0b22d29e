import { useAdminT } from '../../i18n/admin';
import type { OrgView } from '../../protocol';

/** The "Đơn vị" picker of the pages that work on one organisation of the caller's tree (reports, silent kiosks, watchlist). */
export function OrgSelect({ orgs, value, onChange }: { orgs: readonly OrgView[]; value: string; onChange: (orgId: string) => void }) {
  const t = useAdminT();
  return (
    <label>
      {t('unit')}{' '}
      <select name="org" value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {orgs.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}
