import { useState } from 'preact/hooks';
import { useAdminLang, useAdminT } from '../../i18n/admin';
import { eraseResultSchema, subjectDataSchema, subjectSearchSchema, type SubjectData, type SubjectMatch } from '../../protocol';
import { api } from '../api';
import { ErrorText } from '../ErrorText';
import { formatTime } from '../format';
import { useAdmin } from '../session';

/**
 * A visitor's request to see or erase their data: everything held in the admin's scope, and erasure. The box takes
 * an ID number, phone, pass or badge code, or a name typed with or without tones (issue #11).
 */
export function DataRequests() {
  const t = useAdminT();
  const { lang } = useAdminLang();
  const admin = useAdmin();
  const [subject, setSubject] = useState('');
  const [data, setData] = useState<SubjectData>();
  const [erased, setErased] = useState<number>();
  const [error, setError] = useState<Error>();
  const [matches, setMatches] = useState<SubjectMatch[]>();
  const mayErase = admin.role === 'admin' && admin.siteId === undefined;
  // The subject and a searched name are personal data: they travel in POST bodies, never URLs (#10).
  const find = (s: string) => api(subjectDataSchema, '/subjects/find', { method: 'POST', body: { subject: s } });

  const open = async (s: string) => {
    setError(undefined);
    try {
      setData(await find(s));
    } catch (err) {
      setError(err as Error);
    }
  };
  const search = async (e?: Event) => {
    e?.preventDefault();
    const typed = subject.trim();
    setError(undefined);
    setErased(undefined);
    setData(undefined);
    setMatches(undefined);
    try {
      // A code is looked up as it is; anything with a letter is also searched as a name.
      const [exact, byName] = await Promise.all([
        find(typed),
        /\p{L}/u.test(typed) && typed.length >= 2 ? api(subjectSearchSchema, '/subject-search', { method: 'POST', body: { q: typed } }) : Promise.resolve(undefined),
      ]);
      const found = exact.checkins.length + exact.roster.length + exact.passes.length;
      if (found > 0 || !byName?.matches.length) setData(exact);
      setMatches(byName?.matches);
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
          {t('dataRequestSubject')}
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
      {matches && matches.length > 0 && (
        <div data-testid="name-matches">
          <h2>
            {t('nameMatches')} ({matches.length})
          </h2>
          <p class="muted">{t('nameMatchesHint')}</p>
          <ul class="name-matches">
            {matches.map((m) => (
              <li key={`${m.subject}-${m.name}`}>
                <button type="button" class="link" data-testid="name-match" onClick={() => void open(m.subject)}>
                  {m.name} · {m.subject}
                </button>{' '}
                <span class="muted">
                  {m.checkins} {t('visits')}
                  {m.lastSeen !== null ? `, ${t('lastSeen')} ${formatTime(m.lastSeen, lang)}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </div>
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
