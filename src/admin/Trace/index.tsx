import { useEffect, useState } from 'preact/hooks';
import { useAdminLang, useAdminT } from '../../i18n/admin';
import { traceResultSchema, type Contact, type TraceResult } from '../../protocol';
import { api, apiDownload } from '../api';
import { DateRange } from '../DateRange';
import { ErrorText } from '../ErrorText';
import { dayStartIso, daysBefore, formatTime, today } from '../format';
import { navigate } from '../router';
import { useAsync } from '../use-async';

const DEFAULT_DAYS = 14;

/**
 * Trace a subject over a period: their visits (timeline) and contacts grouped per person (total overlap,
 * longest first), the first page at once and more on demand; both as CSV (every contact, streamed).
 */
export function Trace({ params }: { params: URLSearchParams }) {
  const t = useAdminT();
  const { lang } = useAdminLang();
  const subject = params.get('subject') ?? '';
  const from = params.get('from') ?? daysBefore(today(), DEFAULT_DAYS);
  const to = params.get('to') ?? today();
  const [form, setForm] = useState({ subject, from, to });
  const traceQuery = { subject, from: dayStartIso(from), to: dayStartIso(to, 1) };
  const result = useAsync(
    () => (subject ? api(traceResultSchema, '/trace', { method: 'POST', body: traceQuery }) : Promise.resolve(undefined)),
    [subject, from, to],
  );
  // Pages loaded after the first one ("Xem thêm"), reset with each new trace.
  const [more, setMore] = useState<{ contacts: Contact[]; nextCursor: string | null } | null>(null);
  const [moreError, setMoreError] = useState<Error | undefined>(undefined);
  useEffect(() => setMore(null), [result.data]);
  const first: TraceResult | undefined = result.data;
  const contacts = first ? [...first.contacts, ...(more?.contacts ?? [])] : [];
  const nextCursor = more ? more.nextCursor : (first?.nextCursor ?? null);
  const loadMore = async () => {
    if (!nextCursor) return;
    try {
      const page = await api(traceResultSchema, '/trace', { method: 'POST', body: { ...traceQuery, cursor: nextCursor } });
      setMore({ contacts: [...(more?.contacts ?? []), ...page.contacts], nextCursor: page.nextCursor });
    } catch (err) {
      setMoreError(err as Error);
    }
  };
  const download = (part: 'visits' | 'contacts') => () =>
    apiDownload('/trace.csv', { ...traceQuery, part, lang }, `trace-${part}.csv`).catch((err: Error) => setMoreError(err));

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
      <ErrorText error={result.error ?? moreError} />
      {first && (
        <>
          <h2>
            {t('timeline')} ({first.visits.length}){' '}
            <button type="button" class="link" onClick={download('visits')} data-testid="visits-csv">
              {t('exportCsv')}
            </button>
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
              {first.visits.map((v) => (
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
            {t('contacts')} ({first.totalContacts}){' '}
            <button type="button" class="link" onClick={download('contacts')} data-testid="contacts-csv">
              {t('exportCsv')}
            </button>
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
              {contacts.map((c) => (
                <tr key={c.subject} data-testid="contact-row" data-subject={c.subject}>
                  <td data-testid="contact-name">{c.name ?? ''}</td>
                  <td data-testid="contact-subject">{c.subject}</td>
                  <td>{[...new Set(c.visits.map((v) => v.siteName))].join(', ')}</td>
                  <td>{c.visits.map((v) => formatTime(v.timeIn, lang)).join(', ')}</td>
                  <td>{c.visits.map((v) => (v.timeOut === null ? '—' : formatTime(v.timeOut, lang))).join(', ')}</td>
                  <td>
                    {Math.round(c.overlapSeconds / 60)} {t('minutes')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {contacts.length === 0 && <p>{t('noRows')}</p>}
          {contacts.length > 0 && (
            <p data-testid="contacts-shown">
              {t('contactsShown').replace('{shown}', String(contacts.length)).replace('{total}', String(first.totalContacts))}{' '}
              {nextCursor && (
                <button type="button" onClick={loadMore} data-testid="load-more">
                  {t('loadMore')}
                </button>
              )}
            </p>
          )}
        </>
      )}
    </section>
  );
}

