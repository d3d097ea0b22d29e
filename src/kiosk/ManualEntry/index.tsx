import { useEffect, useRef, useState } from 'preact/hooks';
import { getDb } from '../../db/gatelog-db';
import { findReturningVisitors } from '../../db/repeat-visitors';
import { manualEntryErrors, visitorFromManualEntry, type ManualEntryErrors } from '../../domain/manual-entry';
import type { Visitor } from '../../protocol/visitor';
import { useT } from '../../i18n';

/**
 * One screen, two fields, big targets: a visitor with no code. The name field has focus on open; every error shows
 * at once under its own field (aria-invalid, aria-describedby), and the contact field says which numbers it takes.
 */
export function ManualEntry({ onSubmit, onCancel }: { onSubmit(v: Visitor): void; onCancel(): void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const [errors, setErrors] = useState<ManualEntryErrors>({});
  const [returning, setReturning] = useState<Visitor[]>([]);
  const nameInput = useRef<HTMLInputElement>(null);
  const contactInput = useRef<HTMLInputElement>(null);
  const query = contact.trim().length >= 3 ? contact : name;
  useEffect(() => nameInput.current?.focus(), []);
  useEffect(() => {
    let live = true;
    void findReturningVisitors(getDb(), query).then((found) => live && setReturning(found));
    return () => void (live = false);
  }, [query]);
  const submit = (e: Event) => {
    e.preventDefault();
    const found = manualEntryErrors(name, contact);
    setErrors(found);
    if (found.name) return nameInput.current?.focus();
    if (found.contact) return contactInput.current?.focus();
    const result = visitorFromManualEntry(name, contact);
    if (typeof result !== 'string') onSubmit(result);
  };
  return (
    <form class="manual" onSubmit={submit} data-testid="manual-form" noValidate aria-labelledby="manual-title">
      <h2 id="manual-title">{t('manualTitle')}</h2>
      <div class="field">
        <label for="manual-name">{t('name')}</label>
        <input
          id="manual-name"
          ref={nameInput}
          name="name"
          autocomplete="off"
          value={name}
          aria-invalid={errors.name ? 'true' : undefined}
          aria-describedby={errors.name ? 'manual-name-error' : undefined}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        {errors.name && <p id="manual-name-error" class="manual-error" data-testid="manual-name-error">{t(`manual_${errors.name}`)}</p>}
      </div>
      <div class="field">
        <label for="manual-contact">{t('contact')}</label>
        <input
          id="manual-contact"
          ref={contactInput}
          name="contact"
          inputMode="tel"
          autocomplete="off"
          value={contact}
          aria-invalid={errors.contact ? 'true' : undefined}
          aria-describedby={errors.contact ? 'manual-contact-error manual-contact-hint' : 'manual-contact-hint'}
          onInput={(e) => setContact(e.currentTarget.value)}
        />
        <p id="manual-contact-hint" class="manual-hint">{t('contactHint')}</p>
        {errors.contact && <p id="manual-contact-error" class="manual-error" data-testid="manual-contact-error">{t(`manual_${errors.contact}`)}</p>}
      </div>
      {(errors.name || errors.contact) && (
        // One announcement for screen readers; the texts themselves sit under their fields.
        <p class="visually-hidden" role="alert">{[errors.name, errors.contact].filter(Boolean).map((k) => t(`manual_${k!}`)).join(' ')}</p>
      )}
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
