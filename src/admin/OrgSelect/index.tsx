import { useAdminT } from '../../i18n/admin';

/** The "unit" picker of pages that work on one organisation of the caller's tree (reports, silent kiosks). */
export function OrgSelect({ orgs, value, onChange }: { orgs: ReadonlyArray<{ id: string; name: string }>; value: string; onChange: (id: string) => void }) {
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
