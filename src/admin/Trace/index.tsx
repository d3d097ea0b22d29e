import { useState } from 'preact/hooks';
import { useAdminLang, useAdminT } from '../../i18n/admin';
import { traceResultSchema } from '../../protocol';
import { api, query } from '../api';
import { DateRange } from '../DateRange';
import { ErrorText } from '../ErrorText';
import { dateOf, dayStartIso, formatTime, today } from '../format';
import { navigate } from '../router';
import { useAsync } from '../use-async';

const DEFAULT_DAYS = 14;

/** Trace a subject over a period: their visits (timeline) and contacts (overlap per site, longest first), as CSV too. */
export function Trace({ params }: { params: URLSearchParams }) {
  const t = useAdminT();
  const { lang } = useAdminLang();
  const subject = params.get('subject') ?? '';
  const from = params.get('from') ?? dateDaysAgo(DEFAULT_DAYS);
  const to = params.get('to') ?? today();
  const [form, setForm] = useState({ subject, from, to });
  const traceQuery = { subject, from: dayStartIso(from), to: dayStartIso(to, 1) };
  const result = useAsync(
    () => (subject ? api(traceResultSchema, `/trace${query(traceQuery)}`) : Promise.resolve(undefined)),
    [subject, from, to],
  );
  const csv = (part: 'visits' | 'contacts') => `/api/v1/trace.csv${query({ ...traceQuery, part })}`;

  return (
    <section>
      <h1>{t('trace')}</h1>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(['trace'], form);
        }}
      >
        <label>
          {t('traceSubject')}
          <input name="subject" required value={form.subject} onInput={(e) => setForm({ ...form, subject: e.currentTarget.value.trim() })} />
        </label>
        <DateRange value={form} onChange={(range) => setForm({ ...form, ...range })} />
        <button type="submit">{t('run')}</button>
      </form>
      <ErrorText error={result.error} />
      {result.data && (
        <>
          <h2>
            {t('timeline')} ({result.data.visits.length}) <a href={csv('visits')} download data-testid="visits-csv">{t('exportCsv')}</a>
          </h2>
          <table data-testid="visits">
            <thead>
              <tr>
                <th>{t('site')}</th>
                <th>{t('visitor')}</th>
                <th>{t('timeIn')}</th>
                <th>{t('timeOut')}</th>
              </tr>
            </thead>
            <tbody>
              {result.data.visits.map((v) => (
                <tr key={`${v.siteId}-${v.timeIn}`} data-testid="visit-row">
                  <td>{v.siteName}</td>
                  <td data-testid="visit-name">{v.name ?? ''}</td>
                  <td>{formatTime(v.timeIn, lang)}</td>
                  <td>{v.timeOut === null ? `— (${t('noOut')})` : formatTime(v.timeOut, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>
            {t('contacts')} ({result.data.contacts.length}) <a href={csv('contacts')} download data-testid="contacts-csv">{t('exportCsv')}</a>
          </h2>
          <table data-testid="contacts">
            <thead>
              <tr>
                <th>{t('visitor')}</th>
                <th>{t('subject')}</th>
                <th>{t('site')}</th>
                <th>{t('timeIn')}</th>
                <th>{t('timeOut')}</th>
                <th>{t('overlap')}</th>
              </tr>
            </thead>
            <tbody>
              {result.data.contacts.map((c, i) => (
                <tr key={i} data-testid="contact-row" data-subject={c.subject}>
                  <td data-testid="contact-name">{c.name ?? ''}</td>
                  <td data-testid="contact-subject">{c.subject}</td>
                  <td>{c.siteName}</td>
                  <td>{formatTime(c.timeIn, lang)}</td>
                  <td>{c.timeOut === null ? '—' : formatTime(c.timeOut, lang)}</td>
                  <td>
                    {Math.round(c.overlapSeconds / 60)} {t('minutes')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.data.contacts.length === 0 && <p>{t('noRows')}</p>}
        </>
      )}
    </section>
  );
}

function dateDaysAgo(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() - days);
  return dateOf(d);
}
