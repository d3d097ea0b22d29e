import { useEffect, useState } from 'preact/hooks';
import { getDb } from '../../db/gatelog-db';
import { findReturningVisitors } from '../../db/repeat-visitors';
import { visitorFromManualEntry } from '../../domain/manual-entry';
import type { Visitor } from '../../protocol/visitor';
import { useT } from '../../i18n';

/** One screen, two fields, big targets: a visitor with no code. */
export function ManualEntry({ onSubmit, onCancel }: { onSubmit(v: Visitor): void; onCancel(): void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const [error, setError] = useState<string>();
  const [returning, setReturning] = useState<Visitor[]>([]);
  const query = contact.trim().length >= 3 ? contact : name;
  useEffect(() => {
    let live = true;
    void findReturningVisitors(getDb(), query).then((found) => live && setReturning(found));
    return () => void (live = false);
  }, [query]);
  const submit = (e: Event) => {
    e.preventDefault();
    const result = visitorFromManualEntry(name, contact);
    if (typeof result === 'string') setError(t(`manual_${result}`));
    else onSubmit(result);
  };
  return (
    <form class="manual" onSubmit={submit} data-testid="manual-form">
      <h2>{t('manualTitle')}</h2>
      <label>
        {t('name')}
        <input name="name" autocomplete="off" value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label>
        {t('contact')}
        <input name="contact" inputMode="tel" autocomplete="off" value={contact} onInput={(e) => setContact(e.currentTarget.value)} />
      </label>
      {error && <p class="manual-error" role="alert">{error}</p>}
      {returning.length > 0 && (
        <div class="returning" data-testid="returning">
          <p>{t('returningTitle')}</p>
          {returning.map((v) => (
            <button type="button" key={v.subject} class="secondary returning-pick" onClick={() => onSubmit(v)}>
              {v.name} · {v.phone ?? v.idNumber ?? v.subject}
            </button>
          ))}
        </div>
      )}
      <div class="manual-actions">
        <button type="button" class="secondary" onClick={onCancel}>{t('cancel')}</button>
        <button type="submit" class="primary">{t('save')}</button>
      </div>
    </form>
  );
}
