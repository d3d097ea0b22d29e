import type { ComponentChildren } from 'preact';
import { useT, type MessageKey } from '../../i18n';
import { formatCount } from '../capped-count';
import { Notice } from '../Notice';
import { UpdateBanner } from '../UpdateBanner';

export interface KioskStates {
  revoked: boolean;
  /** The server did not know this kiosk's token (issue #12). */
  deviceUnknown: boolean;
  /** Unsent records past the site's retention. */
  overdue: number;
  /** Records kept from an earlier enrolment's site. */
  held: number;
  /** The last write failed for want of space, even after freeing confirmed records. */
  storageFull: boolean;
  pending: number;
  /** Another tab runs the camera; this one offers to take it. */
  cameraElsewhere: boolean;
  onTakeOver(): void;
  /** A passing message (enrolment). */
  notice: { tone: 'info' | 'error'; key: MessageKey; extra?: string } | undefined;
  /** Set when a new version waits for the attendant's tap. */
  onUpdate: (() => void) | undefined;
}

/**
 * Every state the attendant must know about, stacked top down so none covers another or the Update
 * button (issue #12: a notice's box used to sit over it).
 */
export function Notices(s: KioskStates) {
  const t = useT();
  const items: ComponentChildren[] = [];
  if (s.onUpdate) items.push(<UpdateBanner key="update" onUpdate={s.onUpdate} />);
  if (s.cameraElsewhere) {
    items.push(
      <Notice key="tab" tone="info" testId="camera-elsewhere">
        {t('cameraElsewhere')} <button class="secondary" data-testid="use-this-tab" onClick={s.onTakeOver}>{t('useThisTab')}</button>
      </Notice>,
    );
  }
  if (s.storageFull) {
    items.push(<Notice key="full" tone="error" testId="storage-full">{t('storageFull')} {formatCount(s.pending)} {t('storageFullPending')}</Notice>);
  }
  if (s.revoked) items.push(<Notice key="revoked" tone="error" testId="revoked">{t('revokedBanner')}</Notice>);
  else if (s.deviceUnknown) {
    items.push(<Notice key="unknown" tone="error" testId="device-unknown">{t('deviceUnknownBanner')} {formatCount(s.pending)} {t('deviceUnknownKept')}</Notice>);
  }
  if (s.held > 0) items.push(<Notice key="held" tone="error" testId="held">{formatCount(s.held)} {t('heldRecords')}</Notice>);
  if (s.overdue > 0) items.push(<Notice key="overdue" tone="error" testId="overdue">{formatCount(s.overdue)} {t('overdueRecords')}</Notice>);
  if (s.notice && !s.revoked) {
    items.push(<Notice key="notice" tone={s.notice.tone} testId="notice">{t(s.notice.key)}{s.notice.extra && ` ${s.notice.extra}`}</Notice>);
  }
  return items.length > 0 ? <div class="notices">{items}</div> : null;
}
