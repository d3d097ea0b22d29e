import { useState } from 'preact/hooks';
import { useAdminLang, useAdminT } from '../../i18n/admin';
import { dailyScansSchema, heatmapSchema, orgTreeSchema, unitReportSchema } from '../../protocol';
import { api, query } from '../api';
import { BarChart } from '../BarChart';
import { DateRange } from '../DateRange';
import { ErrorText } from '../ErrorText';
import { OrgSelect } from '../OrgSelect';
import { formatDayShort, monthStart, today } from '../format';
import { HeatMap } from '../HeatMap';
import { useAdmin } from '../session';
import { useAsync } from '../use-async';

/** Units × (location QR codes, scans, distinct visitors) for a subtree and period, with charts and CSV. */
export function Reports() {
  const t = useAdminT();
  const { lang } = useAdminLang();
  const admin = useAdmin();
  const tree = useAsync(() => api(orgTreeSchema, '/orgs'), []);
  const [form, setForm] = useState({ org: admin.orgId, from: monthStart(), to: today(), site: '' });
  const [applied, setApplied] = useState(form);
  const siteBound = admin.siteId !== undefined;
  const report = useAsync(
    () => (siteBound ? Promise.resolve(undefined) : api(unitReportSchema, `/reports/units${query({ org: applied.org, from: applied.from, to: applied.to })}`)),
    [applied],
  );
  // Distinct visitors over a long, busy period are estimated (±1.6 %): shown as "≈ n".
  const approx = report.data?.visitorsEstimated ? '≈ ' : '';
  const daily = useAsync(
    () =>
      api(dailyScansSchema, `/reports/daily${query(siteBound ? { site: admin.siteId, from: applied.from, to: applied.to } : { org: applied.org, from: applied.from, to: applied.to })}`),
    [applied],
  );
  const heatSite = applied.site || admin.siteId || '';
  const heat = useAsync(
    () => (heatSite ? api(heatmapSchema, `/reports/heatmap${query({ site: heatSite, from: applied.from, to: applied.to })}`) : Promise.resolve(undefined)),
    [applied, heatSite],
  );
  const csvUrl = `/api/v1/reports/units.csv${query({ org: applied.org, from: applied.from, to: applied.to, lang })}`;

  return (
    <section>
      <h1>{t('reports')}</h1>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(form);
        }}
      >
        {!siteBound && (
          <OrgSelect orgs={tree.data?.orgs ?? []} value={form.org} onChange={(org) => setForm({ ...form, org })} />
        )}
        <DateRange value={form} onChange={(range) => setForm({ ...form, ...range })} />
        <label>
          {t('heatmap')}
          <select name="site" value={form.site} onChange={(e) => setForm({ ...form, site: e.currentTarget.value })}>
            <option value="">—</option>
            {(tree.data?.sites ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('run')}</button>
      </form>
      <ErrorText error={report.error ?? daily.error ?? heat.error} />
      {report.data && (
        <>
          <table data-testid="unit-report" class="report">
            <thead>
              <tr>
                <th>{t('unit')}</th>
                <th>{t('colCodes')}</th>
                <th>{t('colScans')}</th>
                <th>{t('colVisitors')}</th>
              </tr>
            </thead>
            <tbody>
              {report.data.rows.map((r) => (
                <tr key={r.orgId} data-testid="unit-row">
                  <td class={`depth-${Math.min(r.depth, 4)}`}>{r.name}</td>
                  <td class="num">{r.locationCodes}</td>
                  <td class="num">{r.scans}</td>
                  <td class="num">{approx}{r.visitors}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-testid="unit-totals">
                <th>{t('total')}</th>
                <th class="num">{report.data.totals.locationCodes}</th>
                <th class="num">{report.data.totals.scans}</th>
                <th class="num">{approx}{report.data.totals.visitors}</th>
              </tr>
            </tfoot>
          </table>
          <p>
            <a class="button" href={csvUrl} download data-testid="report-csv">
              {t('exportCsv')}
            </a>
          </p>
        </>
      )}
      {daily.data && (
        <>
          <h2>{t('scansPerDay')}</h2>
          <BarChart title={t('scansPerDay')} bars={daily.data.days.map((d) => ({ label: formatDayShort(d.day, lang), value: d.scans }))} />
        </>
      )}
      {heat.data && (
        <>
          <h2>{t('heatmap')}</h2>
          <HeatMap title={t('heatmap')} cells={heat.data.cells} weekdays={t('weekdays').split(',')} />
        </>
      )}
    </section>
  );
}
