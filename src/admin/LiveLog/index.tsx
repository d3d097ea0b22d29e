import { useState } from 'preact/hooks';
import { useAdminLang, useAdminT } from '../../i18n/admin';
import { checkinListSchema, occupancySchema, siteSchema, type Direction } from '../../protocol';
import { api, query } from '../api';
import { ErrorText } from '../ErrorText';
import { formatClock, formatTime, today } from '../format';
import { href } from '../router';
import { useAsync } from '../use-async';
import { useAutoRefresh } from '../use-auto-refresh';

/**
 * A site's log, newest first, filtered by day, direction and text (without tones or case); who is inside now,
 * printable as a roll call. Both refresh on their own and say when (issue #11).
 */
export function LiveLog({ siteId }: { siteId: string }) {
  const t = useAdminT();
  const { lang } = useAdminLang();
  const [day, setDay] = useState(today());
  const [direction, setDirection] = useState<'' | Direction>('');
  const [text, setText] = useState('');
  const [applied, setApplied] = useState({ day, direction, text });
  const site = useAsync(() => api(siteSchema, `/sites/${siteId}`), [siteId]);
  const log = useAsync(
    () => api(checkinListSchema, `/sites/${siteId}/log${query({ day: applied.day, direction: applied.direction, q: applied.text })}`),
    [siteId, applied],
  );
  const occupancy = useAsync(() => api(occupancySchema, `/sites/${siteId}/occupancy`), [siteId]);
  useAutoRefresh([log.reload, occupancy.reload]);

  return (
    <section>
      <p class="no-print">
        <a href={href(['sites', siteId])}>← {t('back')}</a>
      </p>
      <h1>
        {t('liveLog')} — {site.data?.name ?? ''}
      </h1>
      <form
        class="filters no-print"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied({ day, direction, text });
          occupancy.reload();
        }}
      >
        <label>
          {t('day')}
          <input type="date" name="day" value={day} onInput={(e) => setDay(e.currentTarget.value)} />
        </label>
        <label>
          {t('direction')}
          <select name="direction" value={direction} onChange={(e) => setDirection(e.currentTarget.value as '' | Direction)}>
            <option value="">{t('all')}</option>
            <option value="in">{t('in')}</option>
            <option value="out">{t('out')}</option>
          </select>
        </label>
        <label>
          {t('search')}
          <input type="search" name="q" value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </label>
        <button type="submit">{t('filter')}</button>
      </form>
      <ErrorText error={log.error} />
      {log.loadedAt !== undefined && (
        <p class="muted no-print" data-testid="log-updated">
          {t('updatedAt')} {formatClock(log.loadedAt)}
        </p>
      )}
      <table class="no-print" data-testid="log">
        <thead>
          <tr>
            <th>{t('time')}</th>
            <th>{t('direction')}</th>
            <th>{t('visitor')}</th>
            <th>{t('subject')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(log.data?.checkins ?? []).map((c) => (
            <tr key={c.id} data-testid="log-row" data-outcome={c.outcome} class={c.outcome ? `log-${c.outcome}` : undefined}>
              <td>{formatTime(c.correctedTime, lang)}</td>
              {/* A refused attempt (issue #16) was no passage; an alert passed and is highlighted, with the entry's reason. */}
              <td>{c.outcome === 'refused' ? '—' : c.direction === 'in' ? t('in') : t('out')}</td>
              <td data-testid="log-name">
                {c.visitor.name ?? ''}
                {c.outcome && (
                  <div class="log-watchlist" data-testid="log-watchlist">
                    <strong>{t(c.outcome === 'refused' ? 'logRefused' : 'logAlert')}</strong>
                    {c.watchlistReason && `: ${c.watchlistReason}`}
                  </div>
                )}
              </td>
              <td>{c.visitor.subject}</td>
              <td>
                <a href={href(['trace'], { subject: c.visitor.subject })} data-testid="trace-link">
                  {t('traceThis')}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {log.data?.checkins.length === 0 && <p>{t('noRows')}</p>}

      <section class="card roll-call" data-testid="roll-call">
        <h2>
          {t('rollCall')} — {site.data?.name ?? ''}: <span data-testid="occupancy-count">{occupancy.data?.inside.length ?? 0}</span> {t('occupancy').toLowerCase()}
        </h2>
        <p class="muted" data-testid="roll-call-updated">
          {occupancy.data && `${formatTime(occupancy.data.at, lang)} · ${t('updatedAt')} ${formatClock(occupancy.loadedAt ?? Date.parse(occupancy.data.at))}`}
        </p>
        <ErrorText error={occupancy.error} />
        <button type="button" class="no-print" onClick={() => print()}>
          {t('printRollCall')}
        </button>
        <table>
          <thead>
            <tr>
              <th>#</th>
              <th>{t('visitor')}</th>
              <th>{t('subject')}</th>
              <th>{t('since')}</th>
              <th>{t('present')}</th>
            </tr>
          </thead>
          <tbody>
            {(occupancy.data?.inside ?? []).map((o, i) => (
              <tr key={o.subject} data-testid="inside-row">
                <td>{i + 1}</td>
                <td>{o.name ?? ''}</td>
                <td>{o.subject}</td>
                <td>{formatTime(o.timeIn, lang)}</td>
                <td class="tick-box">☐</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}
