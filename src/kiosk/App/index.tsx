import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { getDb, type OutboxRow } from '../../db/gatelog-db';
import { correctDirection } from '../../db/direction-correction';
import { applyRetention } from '../../db/retention';
import { DEFAULT_POLICY } from '../../protocol/visitor-limits';
import { setSetting } from '../../db/settings';
import { DECODER_NAMES, type DecoderName } from '../../scan/decoder';
import { measureBannerShown, measureScan, type FrameStages } from '../../scan/scan-stages';
import { APP_VERSION } from '../../sync/app-version';
import type { SyncOutcome, SyncProgress } from '../../sync/push-engine';
import { SYNC_CHANNEL } from '../../sync/sync-channel';
import { SyncScheduler } from '../../sync/sync-scheduler';
import { hasMessages, LangContext, loadMessages, translator, type Lang, type MessageKey } from '../../i18n';
import type { DeskSettings, Outcome } from '../check-in-desk';
import { startDesk } from '../desk-bridge';
import type { KioskScreen } from '../kiosk-screen';
import { recogniseGatelogCode } from '../../domain/gatelog-code';
import { afterPaint, signal } from '../feedback';
import { rehearseBanner } from '../banner-rehearsal';
import { formatBytes, requestPersistentStorage, useStorageEstimate } from '../storage';
import { useCameraTab } from '../camera-tab';
import { syncStateOf } from '../sync-state';
import { useLiveQuery } from '../use-live-query';
import { CameraView as CameraViewAlways } from '../CameraView';
import { FirstRun } from '../FirstRun';
import type { ManualEntry } from '../ManualEntry';
import { Notices as NoticesAlways } from '../Notices';
import { OutcomeBanner, OutcomeSlot as OutcomeSlotAlways } from '../OutcomeBanner';
import { OutcomeStore } from '../outcome-store';
import { QueueList as QueueListAlways } from '../QueueList';
import { StatusBar as StatusBarAlways } from '../StatusBar';
import { pure, useSameValue, useStableCallback } from '../render-less';
import { SyncStatus } from '../SyncStatus';

/** Green goes quickly (the queue moves on); amber, red and blue stay until read or the next scan (issue #11). */
const OUTCOME_MS = 1800;
const ATTENTION_MS = 4000;
const SW_FALLBACK_MS = 20_000;
const db = getDb();
const NO_COUNTS = { in: 0, out: 0, inside: 0 };
const NO_ROWS: OutboxRow[] = [];
// Rendered again only when their own props change, not on every refresh of the App (issue #14).
const CameraView = pure(CameraViewAlways);
const Notices = pure(NoticesAlways);
const OutcomeSlot = pure(OutcomeSlotAlways);
const QueueList = pure(QueueListAlways);
const StatusBar = pure(StatusBarAlways);

/**
 * The push engine, enrolment and server lookups are a lazy chunk: with the schemas that check the server's answers
 * (zod), they are not needed to paint and scan, so the shell a new tablet downloads first stays small (issue #11).
 */
const loadSync = () => import('../../sync/push-engine');

/** Two reads of the recent list that show the same: the same rows, in the same states, with the same names. */
function sameRows(a: OutboxRow[], b: OutboxRow[]): boolean {
  const same = (x: OutboxRow, y: OutboxRow) =>
    x.id === y.id && x.syncState === y.syncState && x.direction === y.direction && x.outcome === y.outcome && x.deviceTime === y.deviceTime && x.visitor.name === y.visitor.name && x.visitor.subject === y.visitor.subject;
  return a.length === b.length && a.every((x, i) => same(x, b[i]!));
}

/** `?decoder=zxing-js|zxing-wasm|native` forces a decoder (benchmarks and tests). */
function forcedDecoder(): DecoderName | undefined {
  const d = new URLSearchParams(location.search).get('decoder');
  return DECODER_NAMES.find((n) => n === d);
}

/** The kiosk: camera, status, outcome, manual entry, queue and sync. */
export function App() {
  // Check-ins and the screen's reads run in the desk worker; the page shows what it answers (issue #14).
  const desk = useMemo(startDesk, []);
  const screen = useLiveQuery(() => desk.screen(Date.now()), [], undefined as KioskScreen | undefined);
  const settings = screen?.settings;
  const outcomes = useMemo(() => new OutcomeStore(), []);
  const [manual, setManual] = useState(false);
  // Opened on a tap, never at first paint: a lazy chunk, out of the shell a new tablet downloads first (issue #11).
  const [ManualEntryView, setManualEntryView] = useState<typeof ManualEntry>();
  const openManual = () =>
    void import('../ManualEntry').then((m) => {
      setManualEntryView(() => m.ManualEntry);
      setManual(true);
    });
  const [activateUpdate, setActivateUpdate] = useState<() => void>();
  const [offlineReady, setOfflineReady] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'info' | 'error'; key: MessageKey; extra?: string }>();
  const [progress, setProgress] = useState<SyncProgress>();
  const [storageFull, setStorageFull] = useState(false);
  const cameraTab = useCameraTab();
  const storageEstimate = useStorageEstimate(storageFull);
  const [lastOutcome, setLastOutcome] = useState<SyncOutcome>();
  const [online, setOnline] = useState(navigator.onLine);
  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  const outcomeTimer = useRef<number>(undefined);
  const lastEnrolCode = useRef<string>(undefined);
  const lastPoster = useRef<{ text: string; at: number }>(undefined);
  const swRegistered = useRef(false);
  const side = useRef<HTMLElement>(null);

  /** What the desk needs of the settings, as the page last read them. */
  const deskSettings = (): DeskSettings => {
    const s = settingsRef.current;
    return { direction: s?.direction ?? 'in', policy: s?.policy, passKeys: s?.passKeys, gate: s?.gate, siteId: s?.siteId, subjectKey: s?.subjectKey, clockOffsetMs: s?.clockOffsetMs };
  };
  const scheduler = useMemo(
    () =>
      new SyncScheduler(
        async () => (await loadSync()).pushOutbox(db, { appVersion: APP_VERSION, onProgress: setProgress }),
        (o) => {
          setLastOutcome(o);
          setProgress(undefined); // the run is over, failed or not: never leave "syncing 0/N" on screen (#11, #12)
        },
      ),
    [],
  );
  const { pending = 0, rejected = 0, held = 0, overdue = 0 } = screen ?? {};
  // Each read is a new object: unchanged ones keep their identity, so the parts showing them are not rendered again.
  const counts = useSameValue(screen?.counts ?? NO_COUNTS);
  const recent = useSameValue(screen?.recent ?? NO_ROWS, sameRows);
  // Undefined until settings are read: never purge with a default that may be shorter than the site's.
  const retentionDays = settings && (settings.policy?.retentionDays ?? DEFAULT_POLICY.retentionDays);
  // Purge on start too: a kiosk that cannot reach the server still drops what was synced long ago.
  useEffect(() => void (retentionDays && applyRetention(db, retentionDays).catch(() => undefined)), [retentionDays]);

  const enrolWith = async (code: string) => {
    setNotice({ tone: 'info', key: 'enrolling' });
    const r = await (await import('../enrolment')).enrol(db, code);
    setNotice(r.ok ? { tone: 'info', key: 'enrolled', extra: r.siteName } : { tone: 'error', key: r.error });
    if (r.ok) scheduler.kick();
  };

  useEffect(() => {
    void requestPersistentStorage().then((persisted) => setSetting(db, 'persisted', persisted));
    // The service worker's precache would compete with the decoder's download on a slow first load (issue #11):
    // it is registered once the decoder works, or after SW_FALLBACK_MS whatever happens.
    const swFallback = window.setTimeout(registerWorkerOnce, SW_FALLBACK_MS);
    const enrolFromHash = () => {
      const link = recogniseGatelogCode(location.hash, location.origin);
      const code = link?.kind === 'enrol' ? link.code : undefined;
      if (!code) return;
      history.replaceState(null, '', location.pathname + location.search); // the code is spent; keep it out of history
      void enrolWith(code);
    };
    enrolFromHash();
    // A new link opened in the running kiosk (re-enrolment, issue #12) only changes the hash.
    addEventListener('hashchange', enrolFromHash);
    scheduler.start();
    const onOnline = () => setOnline(true);
    const onOffline = () => setOnline(false);
    addEventListener('online', onOnline);
    addEventListener('offline', onOffline);
    // Progress of a sync run by the service worker or another tab.
    const channel = new BroadcastChannel(SYNC_CHANNEL);
    channel.onmessage = (e: MessageEvent<{ type: string } & Partial<SyncProgress>>) => {
      if (e.data.type === 'progress') setProgress({ done: e.data.done ?? 0, total: e.data.total ?? 0 });
      if (e.data.type === 'ended') setProgress(undefined);
      // The service worker's run reached the server: the page's own last failure is no longer the news.
      if (e.data.type === 'synced') {
        setLastOutcome({ kind: 'done', accepted: 0, duplicates: 0, rejected: 0 });
        setProgress(undefined);
      }
    };
    return () => {
      scheduler.stop();
      channel.close();
      removeEventListener('hashchange', enrolFromHash);
      clearTimeout(swFallback);
      removeEventListener('online', onOnline);
      removeEventListener('offline', onOffline);
    };
  }, []);

  function registerWorkerOnce(): void {
    if (swRegistered.current) return;
    swRegistered.current = true;
    void import('../sw-bridge').then(({ registerServiceWorker }) =>
      registerServiceWorker({ onOfflineReady: () => setOfflineReady(true), onUpdateWaiting: (activate) => setActivateUpdate(() => activate) }),
    );
  }

  const show = (o: Outcome) => {
    outcomes.set(o);
    clearTimeout(outcomeTimer.current);
    // In auto mode the attendant may need the banner's "change to IN/OUT" (issue #16): it stays as long as amber.
    const quick = o.kind === 'logged' && o.row.visitor.kind !== 'opaque' && o.alert === undefined && settingsRef.current?.gate?.directionMode !== 'auto';
    outcomeTimer.current = window.setTimeout(() => outcomes.set(undefined), quick ? OUTCOME_MS : ATTENTION_MS);
    if (o.kind === 'logged' || o.kind === 'writeFailed') setStorageFull(o.kind === 'writeFailed' && o.storageFull);
    // The beep and the sync's wake-up in a task of their own once the banner is painted: on a slow tablet they made
    // the banner's task a long one (issue #14). The sound is a frame behind the banner at most.
    afterPaint(() => {
      signal(o.kind === 'logged' ? 'ok' : 'error');
      // A refused attempt is a record too: it goes to the server (and the console) like a check-in.
      if (o.kind === 'logged' || (o.kind === 'refused' && o.row)) scheduler.checkInLogged();
    });
  };

  /** "Đổi thành VÀO/RA" on the banner (issue #16): corrects the record just logged, and sends the correction. */
  const flipDirection = useStableCallback(async (row: OutboxRow) => {
    const fixed = await correctDirection(db, row.id, row.direction === 'in' ? 'out' : 'in').catch(() => undefined);
    if (!fixed) return;
    outcomes.set((o) => (o?.kind === 'logged' && o.row.id === row.id ? { ...o, row: fixed, corrected: true } : o));
    scheduler.checkInLogged();
  });

  const onDecoded = useStableCallback(async (texts: string[], capturedAt: number, frame: { decodedAt: number; stages: FrameStages }) => {
    for (const text of texts) {
      const own = recogniseGatelogCode(text, location.origin);
      if (own?.kind === 'enrol') {
        if (own.code !== lastEnrolCode.current) void enrolWith(own.code);
        lastEnrolCode.current = own.code;
        continue;
      }
      if (own?.kind === 'site') {
        // A poster stays in view for many frames: say it once, not on every frame.
        const now = Date.now();
        if (lastPoster.current?.text === text && now - lastPoster.current.at < ATTENTION_MS) continue;
        lastPoster.current = { text, at: now };
        const current = settingsRef.current;
        const mine = !current?.siteId || own.siteId === current.siteId;
        show({ kind: 'sitePoster', own: mine });
        if (!mine) {
          void import('../site-poster').then(({ fetchSiteName }) => fetchSiteName(current?.deviceToken, own.siteId)).then((siteName) => {
            if (siteName) outcomes.set((o) => (o?.kind === 'sitePoster' && !o.own ? { ...o, siteName } : o));
          });
        }
        continue;
      }
      const o = await desk.scanned(text, Date.now(), deskSettings());
      if (!o) continue;
      if (o.kind === 'logged') measureScan(capturedAt, frame.decodedAt, o.writeStartedAt, o.committedAt, frame.stages);
      show(o);
      if (o.kind === 'logged') measureBannerShown(capturedAt);
    }
  });
  const toggleDirection = useStableCallback(() => void setSetting(db, 'direction', settingsRef.current?.direction === 'out' ? 'in' : 'out'));
  const changeCamera = useStableCallback((id: string) => void setSetting(db, 'cameraId', id));
  const decoderReady = useStableCallback(() => registerWorkerOnce());
  const takeOverCamera = useStableCallback(() => cameraTab.takeOver());
  const lang: Lang = settings?.lang ?? 'vi';
  const [messagesReady, setMessagesReady] = useState(() => hasMessages(lang));
  useEffect(() => {
    if (hasMessages(lang)) return setMessagesReady(true);
    setMessagesReady(false);
    void loadMessages(lang).then(() => setMessagesReady(true));
  }, [lang]);
  const i18n = useMemo(() => ({ lang, t: translator(lang) }), [lang, messagesReady]);
  const t = i18n.t;
  useEffect(() => void (document.documentElement.lang = lang), [lang]);
  const ready = settings !== undefined;
  useEffect(() => {
    if (!ready) return;
    // index.html paints its own inline shell before any script arrives over a slow link (issue #11); it goes now.
    document.getElementById('shell')?.remove();
    performance.mark('app-ready'); // bench/startup.ts
    if (typeof requestIdleCallback === 'function') {
      requestIdleCallback(() => {
        // The rehearsed check-in's banner, rendered once off the page: the first visitor's render is then not the
        // banner code's first run (45 of a 110 ms task at 4× CPU, issue #14). Detached: never laid out or seen.
        void desk.prepare(Date.now(), deskSettings()).then((rehearsed) => {
          if (!rehearsed) return;
          const box = document.createElement('div');
          render(<LangContext.Provider value={i18n}><OutcomeBanner outcome={rehearsed} enrolled={Boolean(settingsRef.current?.deviceToken)} /></LangContext.Provider>, box);
          render(null, box);
        });
        if (side.current) void rehearseBanner(side.current, [t('loggedIn'), t('loggedOut'), t('returningGuest'), t('modeIn'), t('modeOut')]);
      });
    }
  }, [ready]);
  // The inline shell of index.html stays on screen until the settings are read (a few ms from IndexedDB).
  if (!settings) return null;
  const direction = settings.direction ?? 'in';
  const enrolled = Boolean(settings.deviceToken);
  const syncState = syncStateOf({ enrolled, online, pending, progress, lastOutcome });

  return (
    <LangContext.Provider value={i18n}>
      <main class="kiosk" data-ready="true" data-enrolled={String(enrolled)}>
        <StatusBar
          siteName={settings.siteName}
          direction={direction}
          auto={settings.gate?.directionMode === 'auto'}
          counts={counts}
          pending={pending}
          onToggleDirection={toggleDirection}
        />
        <Notices
          revoked={settings.revoked ?? false}
          deviceUnknown={settings.deviceUnknown ?? false}
          overdue={overdue}
          held={held}
          storageFull={storageFull}
          pending={pending}
          cameraElsewhere={cameraTab.owner === false}
          onTakeOver={takeOverCamera}
          notice={notice}
          onUpdate={activateUpdate}
        />
        {/* Only the tab holding the camera lock runs it (issue #12). */}
        {cameraTab.owner && (
          <CameraView
            cameraId={settings.cameraId}
            forcedDecoder={forcedDecoder()}
            onCameraChange={changeCamera}
            onDecoded={onDecoded}
            onDecoderReady={decoderReady}
          />
        )}
        {/* Beside the camera in landscape, below it in portrait; the outcome banner takes this place, never the frame's. */}
        <aside class="side" data-testid="side" ref={side}>
          {!enrolled && <FirstRun />}
          <QueueList rows={recent} />
          <OutcomeSlot
            store={outcomes}
            enrolled={enrolled}
            keptOnly={settings.revoked ? 'revoked' : settings.deviceUnknown ? 'deviceUnknown' : undefined}
            onFlipDirection={settings.gate?.directionMode === 'auto' ? flipDirection : undefined}
          />
        </aside>
        <footer class="kiosk-footer">
          <div class="footer-actions">
            <button class="primary big" data-testid="manual-open" onClick={openManual}>{t('manualEntry')}</button>
            <button class="secondary" lang={lang === 'vi' ? 'en' : 'vi'} onClick={() => void setSetting(db, 'lang', lang === 'vi' ? 'en' : 'vi')}>{t('language')}</button>
            <a class="secondary" href="/pass" data-testid="make-pass">{t('makePass')}</a>
          </div>
          <SyncStatus state={syncState} lastSyncAt={settings.lastSyncAt} rejected={rejected} onSendNow={scheduler.kick} />
          <span class="storage" data-testid="storage" data-persisted={String(settings.persisted ?? false)}>
            {settings.persisted ? t('storagePersisted') : t('storageNotPersisted')}
            {offlineReady && ` · ${t('offlineReady')}`}
            {storageEstimate && <span data-testid="storage-estimate">{` · ${t('storageUse')}: ${formatBytes(storageEstimate.usage)} / ${formatBytes(storageEstimate.quota)}`}</span>}
          </span>
        </footer>
        {manual && ManualEntryView && (
          <div class="sheet">
            <ManualEntryView
              onCancel={() => setManual(false)}
              onSubmit={async (v) => {
                setManual(false);
                show(await desk.manual(v, Date.now(), deskSettings()));
              }}
            />
          </div>
        )}
      </main>
    </LangContext.Provider>
  );
}
