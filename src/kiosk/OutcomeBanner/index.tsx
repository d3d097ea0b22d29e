import { useContext } from 'preact/hooks';
import type { Outcome } from '../check-in-desk';
import { LangContext } from '../../i18n';

/** The large confirmation: green with the visitor's name, amber for an unknown code, red when refused. */
export function OutcomeBanner({ outcome, keptOnly }: { outcome: Outcome; keptOnly?: 'revoked' | 'deviceUnknown' }) {
  const { lang, t } = useContext(LangContext);
  if (outcome.kind === 'logged') {
    const { visitor, direction } = outcome.row;
    // A kiosk that cannot send is not green: the attendant is told what happens to this record (issue #12).
    const unrecognised = visitor.kind === 'opaque' || keptOnly !== undefined;
    const previous = outcome.previousVisitAt
      ? new Date(outcome.previousVisitAt).toLocaleDateString(lang === 'vi' ? 'vi-VN' : 'en-GB', { day: '2-digit', month: '2-digit', year: 'numeric' })
      : undefined;
    return (
      <div
        class={`outcome ${unrecognised ? 'outcome-warn' : 'outcome-ok'}`}
        role="status"
        data-testid="outcome"
        data-outcome={visitor.kind === 'opaque' ? 'unrecognised' : 'logged'}
        data-kept-only={keptOnly}
      >
        <div class="outcome-title">{direction === 'in' ? t('loggedIn') : t('loggedOut')}</div>
        {/* Names come from QR codes: rendered as text nodes only, never as HTML. */}
        <div class="outcome-name" data-testid="outcome-name">{visitor.name ?? t('visitor')}</div>
        {visitor.group && <div class="outcome-detail" data-testid="outcome-group">{visitor.group}</div>}
        {visitor.kind === 'opaque' && <div class="outcome-detail">{outcome.notOnRoster ? t('notOnRoster') : t('unrecognised')}</div>}
        {keptOnly && <div class="outcome-detail" data-testid="outcome-kept">{keptOnly === 'revoked' ? t('keptRevoked') : t('keptUnknown')}</div>}
        {previous && <div class="outcome-detail" data-testid="outcome-returning">{t('returningGuest')} {previous}</div>}
      </div>
    );
  }
  const detail = outcome.kind === 'rejected' ? t(`reason_${outcome.reason}`) : outcome.storageFull ? t('storageFullWrite') : t('writeFailed');
  return (
    <div class="outcome outcome-error" role="alert" data-testid="outcome" data-outcome={outcome.kind} data-reason={outcome.kind === 'rejected' ? outcome.reason : undefined}>
      <div class="outcome-title">{t('rejectedTitle')}</div>
      {/* Whose visit failed, so one red banner is not mistaken for the next visitor's. Text only. */}
      {outcome.kind === 'writeFailed' && outcome.name && <div class="outcome-name" data-testid="outcome-name">{outcome.name}</div>}
      <div class="outcome-detail">{detail}</div>
    </div>
  );
}
