import type { OutboxRow } from '../../db/gatelog-db';
import { useContext } from 'preact/hooks';
import { LangContext } from '../../i18n';
import { pure } from '../render-less';

const timeFormats = new Map<string, Intl.DateTimeFormat>();
/** One formatter per locale: toLocaleTimeString builds a new one per call, 20 per render on a slow tablet (issue #14). */
function timeFormat(locale: string): Intl.DateTimeFormat {
  let f = timeFormats.get(locale);
  if (!f) timeFormats.set(locale, (f = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' })));
  return f;
}

// The first formatter of a locale loads its ICU data (~200 ms on a slow tablet): do it while idle, not under the first scan.
if (typeof requestIdleCallback === 'function') requestIdleCallback(() => ['vi-VN', 'en-GB'].forEach(timeFormat));

/** The latest check-ins with their sync state, so staff can see what is still waiting. */
export function QueueList({ rows }: { rows: OutboxRow[] }) {
  const { lang, t } = useContext(LangContext);
  const format = timeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB');
  return (
    <section class="queue" data-testid="queue">
      <h2>{t('recent')}</h2>
      {rows.length === 0 && <p>{t('queueEmpty')}</p>}
      <ol>
        {rows.map((r) => (
          <QueueRow
            key={r.id}
            state={r.syncState}
            outcome={r.outcome}
            time={format.format(r.deviceTime)}
            // A refused attempt (issue #16) was no passage: it says so instead of IN/OUT.
            dir={r.outcome === 'refused' ? '✕' : r.direction === 'in' ? t('modeIn') : t('modeOut')}
            who={r.visitor.name ?? r.visitor.subject.slice(0, 24)}
          />
        ))}
      </ol>
    </section>
  );
}

interface RowProps {
  state: OutboxRow['syncState'];
  outcome: OutboxRow['outcome'];
  time: string;
  dir: string;
  who: string;
}

/** One line of the list: a new check-in renders its own line, not the twenty below it again (issue #14). */
const QueueRow = pure(({ state, outcome, time, dir, who }: RowProps) => (
  <li class={`sync-${state}${outcome ? ` watchlist-${outcome}` : ''}`} data-state={state} data-outcome={outcome}>
    <time>{time}</time>
    <span class="dir">{dir}</span>
    <span class="who">{who}</span>
  </li>
));
