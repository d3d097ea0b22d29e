import { useState } from 'preact/hooks';
import { useAdminLang, useAdminT } from '../../i18n/admin';
import { eraseResultSchema, subjectDataSchema, type SubjectData } from '../../protocol';
import { api } from '../api';
import { ErrorText } from '../ErrorText';
import { formatTime } from '../format';
import { useAdmin } from '../session';

/** A visitor's request to see or erase their data: everything held in the admin's scope, and erasure. */
export function DataRequests() {
  const t = useAdminT();
  const { lang } = useAdminLang();
  const admin = useAdmin();
  const [subject, setSubject] = useState('');
  const [data, setData] = useState<SubjectData>();
  const [erased, setErased] = useState<number>();
  const [error, setError] = useState<Error>();
  const mayErase = admin.role === 'admin' && admin.siteId === undefined;
  // The subject goes in a POST body, never in a URL (issue #10).
  const find = (s: string) => api(subjectDataSchema, '/subjects/find', { method: 'POST', body: { subject: s } });

  const search = async (e?: Event) => {
    e?.preventDefault();
    setError(undefined);
    try {
      setData(await find(subject.trim()));
    } catch (err) {
      setError(err as Error);
    }
  };
  const erase = async () => {
    if (!data || !confirm(t('confirmErase'))) return;
    try {
      setErased((await api(eraseResultSchema, '/subjects/erase', { method: 'POST', body: { subject: data.subject } })).erased);
      setData(await find(data.subject));
    } catch (err) {
      setError(err as Error);
    }
  };
  const total = data ? data.checkins.length + data.roster.length + data.passes.length : 0;

  return (
    <section>
      <h1>{t('dataRequests')}</h1>
      <p class="muted">{t('dataRequestsHint')}</p>
      <form class="filters" onSubmit={search}>
        <label>
          {t('traceSubject')}
          <input name="subject" required value={subject} onInput={(e) => setSubject(e.currentTarget.value)} data-testid="subject-input" />
        </label>
        <button type="submit">{t('run')}</button>
      </form>
      <ErrorText error={error} />
      {erased !== undefined && (
        <p class="ok" data-testid="erased">
          {t('erasedCount')}: {erased}
        </p>
      )}
      {data && (
        <div data-testid="subject-data">
          <h2>
            {t('timeline')} ({data.checkins.length})
          </h2>
          <table>
            <thead>
              <tr>
                <th>{t('time')}</th>
                <th>{t('site')}</th>
                <th>{t('direction')}</th>
                <th>{t('visitor')}</th>
              </tr>
            </thead>
            <tbody>
              {data.checkins.map((c) => (
                <tr key={c.id}>
                  <td>{formatTime(c.correctedTime, lang)}</td>
                  <td>{c.siteName}</td>
                  <td>{c.direction === 'in' ? t('in') : t('out')}</td>
                  <td>{[c.visitor.name, c.visitor.idNumber, c.visitor.phone, c.visitor.subject].filter(Boolean).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>
            {t('roster')} ({data.roster.length})
          </h2>
          <ul>
            {data.roster.map((r) => (
              <li key={`${r.siteId}-${r.code}`}>
                {r.siteName}: {r.code} · {r.name} · {r.group}
              </li>
            ))}
          </ul>
          <h2>
            {t('issuedPasses')} ({data.passes.length})
          </h2>
          <ul>
            {data.passes.map((p) => (
              <li key={p.passId}>
                {p.siteName}: {p.passId} · {[p.name, p.phone, p.idNumber].filter(Boolean).join(' · ')} · {formatTime(p.issuedAt, lang)}
              </li>
            ))}
          </ul>
          {mayErase && total > 0 && (
            <button type="button" class="danger" onClick={erase} data-testid="erase-subject">
              {t('erase')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
