import { useAdminT } from '../../i18n/admin';

export interface DateRangeValue {
  from: string;
  to: string;
}

/** The from/to date pair of the trace and report forms (YYYY-MM-DD, whole local days). */
export function DateRange({ value, onChange }: { value: DateRangeValue; onChange(v: DateRangeValue): void }) {
  const t = useAdminT();
  return (
    <>
      <label>
        {t('from')}
        <input type="date" name="from" required value={value.from} onInput={(e) => onChange({ ...value, from: e.currentTarget.value })} />
      </label>
      <label>
        {t('to')}
        <input type="date" name="to" required value={value.to} onInput={(e) => onChange({ ...value, to: e.currentTarget.value })} />
      </label>
    </>
  );
}
