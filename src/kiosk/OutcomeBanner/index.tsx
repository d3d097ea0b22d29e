import { useContext } from 'preact/hooks';
import type { Outcome } from '../check-in-desk';
import type { OutboxRow } from '../../db/gatelog-db';
import type { RejectReason } from '../../domain/parse-result';
import { LangContext, type MessageKey } from '../../i18n';
import { useOutcome, type OutcomeStore } from '../outcome-store';

/** What the attendant should do after a refusal (issue #11: red must say the next step, not only the reason). */
function nextStep(reason: RejectReason): MessageKey {
  if (reason.startsWith('pass')) return 'action_newPass';
  return 'action_manual';
}

/**
 * The large confirmation: green with the visitor's name, amber for an unknown code (showing the code), red when
 * refused (with what to do next), blue for Gatelog's own location poster. Names and codes come from QR codes:
 * rendered as text nodes only, never as HTML.
 */
export function OutcomeBanner({
  outcome,
  enrolled,
  keptOnly,
  onFlipDirection,
}: {
  outcome: Outcome;
  enrolled: boolean;
  keptOnly?: 'revoked' | 'deviceUnknown';
  /** "Đổi thành RA/VÀO": corrects this record's direction (issue #16). */
  onFlipDirection?: (row: OutboxRow) => void;
}) {
  const { lang, t } = useContext(LangContext);
  if (outcome.kind === 'logged') {
    const { visitor, direction } = outcome.row;
    // A kiosk that cannot send is not green: the attendant is told what happens to this record (issue #12).
    const unrecognised = visitor.kind === 'opaque' || keptOnly !== undefined || outcome.alert !== undefined;
    const previous = outcome.previousVisitAt
      ? new Date(outcome.previousVisitAt).toLocaleDateString(lang === 'vi' ? 'vi-VN' : 'en-GB', { day: '2-digit', month: '2-digit', year: 'numeric' })
      : undefined;
    return (
      <div
        class={`outcome ${unrecognised ? 'outcome-warn' : 'outcome-ok'}`}
        role="status"
        data-testid="outcome"
        data-outcome={outcome.alert !== undefined ? 'alert' : visitor.kind === 'opaque' ? 'unrecognised' : 'logged'}
        data-kept-only={keptOnly}
      >
        <div class="outcome-title">{direction === 'in' ? t('loggedIn') : t('loggedOut')}</div>
        {visitor.kind === 'opaque' ? (
          <div class="outcome-name outcome-code" data-testid="outcome-code"><span class="outcome-label">{t('codeLabel')}: </span>{visitor.subject}</div>
        ) : (
          <div class="outcome-name" data-testid="outcome-name">{visitor.name ?? t('visitor')}</div>
        )}
        {outcome.alert !== undefined && (
          <div class="outcome-detail" data-testid="outcome-alert">
            {t('watchlistAlert')}: {outcome.alert}
          </div>
        )}
        {visitor.group && <div class="outcome-detail" data-testid="outcome-group">{visitor.group}</div>}
        {visitor.kind === 'opaque' && <div class="outcome-detail">{outcome.notOnRoster ? t('notOnRoster') : t('unrecognised')}</div>}
        {keptOnly && <div class="outcome-detail" data-testid="outcome-kept">{keptOnly === 'revoked' ? t('keptRevoked') : t('keptUnknown')}</div>}
        {previous && <div class="outcome-detail" data-testid="outcome-returning">{t('returningGuest')} {previous}</div>}
        {!enrolled && <div class="outcome-detail" data-testid="outcome-unenrolled">{t('keptUntilEnrolled')}</div>}
        {outcome.corrected && <div class="outcome-detail" data-testid="outcome-corrected">{t('directionCorrected')}</div>}
        {onFlipDirection && (
          <button class="secondary outcome-flip" data-testid="outcome-flip" data-to={direction === 'in' ? 'out' : 'in'} onClick={() => onFlipDirection(outcome.row)}>
            {direction === 'in' ? t('changeToOut') : t('changeToIn')}
          </button>
        )}
      </div>
    );
  }
  if (outcome.kind === 'sitePoster') {
    return outcome.own ? (
      <div class="outcome outcome-info" role="status" data-testid="outcome" data-outcome="site-own">
        <div class="outcome-title">{t('sitePosterOwn')}</div>
        <div class="outcome-detail">{t('nothingLogged')}</div>
      </div>
    ) : (
      <div class="outcome outcome-error" role="alert" data-testid="outcome" data-outcome="site-other">
        <div class="outcome-title">{t('sitePosterOther')}</div>
        {outcome.siteName && <div class="outcome-name" data-testid="outcome-site">{outcome.siteName}</div>}
        <div class="outcome-detail outcome-action">{t('action_scanVisitor')}</div>
      </div>
    );
  }
  if (outcome.kind === 'refused') {
    // Watchlist (issue #16): red, the entry's reason (text only), and what to do.
    return (
      <div class="outcome outcome-error" role="alert" data-testid="outcome" data-outcome="refused">
        <div class="outcome-title">{t('watchlistRefused')}</div>
        {outcome.name && <div class="outcome-name" data-testid="outcome-name">{outcome.name}</div>}
        <div class="outcome-detail" data-testid="outcome-reason">
          <span class="outcome-label">{t('watchlistReason')}: </span>
          {outcome.reason}
        </div>
        <div class="outcome-detail outcome-action" data-testid="outcome-action">{t('watchlistRefusedAction')}</div>
      </div>
    );
  }
  const rejected = outcome.kind === 'rejected';
  const detail = rejected ? t(`reason_${outcome.reason}`) : outcome.storageFull ? t('storageFullWrite') : t('writeFailed');
  return (
    <div class="outcome outcome-error" role="alert" data-testid="outcome" data-outcome={outcome.kind} data-reason={rejected ? outcome.reason : undefined}>
      <div class="outcome-title">{t('rejectedTitle')}</div>
      {/* Whose visit failed, so one red banner is not mistaken for the next visitor's. Text only. */}
      {outcome.kind === 'writeFailed' && outcome.name && <div class="outcome-name" data-testid="outcome-name">{outcome.name}</div>}
      <div class="outcome-detail">{detail}</div>
      <div class="outcome-detail outcome-action" data-testid="outcome-action">{t(rejected ? nextStep(outcome.reason) : 'action_retry')}</div>
    </div>
  );
}

/** Where the banner shows: subscribed to the outcome store, so a scan re-renders this and nothing else (issue #14). */
export function OutcomeSlot({ store, ...props }: { store: OutcomeStore } & Omit<Parameters<typeof OutcomeBanner>[0], 'outcome'>) {
  const outcome = useOutcome(store);
  return outcome ? <OutcomeBanner outcome={outcome} {...props} /> : null;
}
