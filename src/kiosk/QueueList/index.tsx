import type { OutboxRow } from '../../db/gatelog-db';
import { useContext } from 'preact/hooks';
import { LangContext } from '../../i18n';

/** The latest check-ins with their sync state, so staff can see what is still waiting. */
export function QueueList({ rows }: { rows: OutboxRow[] }) {
  const { lang, t } = useContext(LangContext);
  const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
  return (
    <section class="queue" data-testid="queue">
      <h2>{t('recent')}</h2>
      {rows.length === 0 && <p>{t('queueEmpty')}</p>}
      <ol>
        {rows.map((r) => (
          <li key={r.id} class={`sync-${r.syncState}`} data-state={r.syncState}>
            <time>{new Date(r.deviceTime).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' })}</time>
            <span class="dir">{r.direction === 'in' ? t('modeIn') : t('modeOut')}</span>
            <span class="who">{r.visitor.name ?? r.visitor.subject.slice(0, 24)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
