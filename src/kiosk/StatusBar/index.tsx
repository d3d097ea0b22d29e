import type { Direction } from '../../protocol/checkin';
import type { TodayCounts } from '../../db/outbox';
import { useT } from '../../i18n';
import { formatCount } from '../capped-count';

interface Props {
  siteName: string | undefined;
  direction: Direction;
  /** The site's kiosks choose the direction themselves (issue #16): the switch says so and does nothing. */
  auto?: boolean;
  counts: TodayCounts;
  pending: number;
  onToggleDirection(): void;
}

/** Site, IN/OUT mode (one tap to switch), today's counters and the unsynced count. */
export function StatusBar({ siteName, direction, auto = false, counts, pending, onToggleDirection }: Props) {
  const t = useT();
  return (
    <header class="status-bar">
      <div class="site" data-testid="site-name">{siteName ?? t('notEnrolled')}</div>
      {auto ? (
        <span class="mode mode-auto" data-testid="mode" data-direction="auto" title={t('modeAutoHint')}>
          {t('modeAuto')}
        </span>
      ) : (
        <button
          class={`mode mode-${direction}`}
          data-testid="mode"
          data-direction={direction}
          title={t('switchModeHint')}
          onClick={onToggleDirection}
        >
          {direction === 'in' ? t('modeIn') : t('modeOut')}
        </button>
      )}
      <dl class="counts">
        <div><dt>{t('countIn')}</dt><dd data-testid="count-in">{counts.in}</dd></div>
        <div><dt>{t('countOut')}</dt><dd data-testid="count-out">{counts.out}</dd></div>
        <div><dt>{t('countInside')}</dt><dd data-testid="count-inside">{counts.inside}</dd></div>
        <div class={pending > 0 ? 'pending' : ''}><dt>{t('unsynced')}</dt><dd data-testid="count-pending">{formatCount(pending)}</dd></div>
      </dl>
    </header>
  );
}
