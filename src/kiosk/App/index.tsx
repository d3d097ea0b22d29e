import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { getDb } from '../../db/gatelog-db';
import { countPending, countRejected, countToday, listRecent } from '../../db/outbox';
import { applyRetention, countOverdue } from '../../db/retention';
import { DEFAULT_POLICY } from '../../protocol/enrol';
import { getAllSettings, setSetting, type Settings } from '../../db/settings';
import { DECODER_NAMES, type DecoderName } from '../../scan/decoder';
import { measureBannerShown, measureScan, type FrameStages } from '../../scan/scan-stages';
import { APP_VERSION } from '../../sync/app-version';
import { pushOutbox, SYNC_CHANNEL, type SyncProgress } from '../../sync/push-engine';
import { SyncScheduler } from '../../sync/sync-scheduler';
import { LangContext, translator, type Lang, type MessageKey } from '../../i18n';
import { COUNT_CAP } from '../capped-count';
import { CheckInDesk, type Outcome } from '../check-in-desk';
import { enrol, enrolCodeFromUrl } from '../enrolment';
import { signal } from '../feedback';
import { formatBytes, requestPersistentStorage, useStorageEstimate } from '../storage';
import { useCameraTab } from '../camera-tab';
import { countHeld } from '../../db/records-by-site';
import { registerServiceWorker } from '../sw-bridge';
import { useLiveQuery } from '../use-live-query';
import { CameraView } from '../CameraView';
import { ManualEntry } from '../ManualEntry';
import { Notices } from '../Notices';
import { OutcomeBanner } from '../OutcomeBanner';
import { QueueList } from '../QueueList';
import { StatusBar } from '../StatusBar';
import { SyncStatus } from '../SyncStatus';

const OUTCOME_MS = 1800;
const db = getDb();

/** `?decoder=zxing-js|zxing-wasm|native` forces a decoder (benchmarks and tests). */
function forcedDecoder(): DecoderName | undefined {
  const d = new URLSearchParams(location.search).get('decoder');
  return DECODER_NAMES.find((n) => n === d);
}

/** The kiosk: camera, status, outcome, manual entry, queue and sync. */
export function App() {
  const settings = useLiveQuery(() => getAllSettings(db), [], undefined as Partial<Settings> | undefined);
  const [outcome, setOutcome] = useState<Outcome>();
  const [manual, setManual] = useState(false);
  const [activateUpdate, setActivateUpdate] = useState<() => void>();
  const [offlineReady, setOfflineReady] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'info' | 'error'; key: MessageKey; extra?: string }>();
  const [progress, setProgress] = useState<SyncProgress>();
  const [syncFailing, setSyncFailing] = useState(false);
  const [storageFull, setStorageFull] = useState(false);
  const cameraTab = useCameraTab();
  const storageEstimate = useStorageEstimate(storageFull);
  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  const outcomeTimer = useRef<number>(undefined);
  const lastEnrolCode = useRef<string>(undefined);

  const desk = useMemo(
    () =>
      new CheckInDesk(db, () => ({
        direction: settingsRef.current?.direction ?? 'in',
        policy: settingsRef.current?.policy,
        passKeys: settingsRef.current?.passKeys,
      })),
    [],
  );
  const scheduler = useMemo(
    () =>
      new SyncScheduler(
        () => pushOutbox(db, { appVersion: APP_VERSION, onProgress: setProgress }),
        (o) => {
          setSyncFailing(o.kind === 'retry');
          setProgress(undefined); // the run is over, failed or not: never leave "syncing 0/N" on screen
        },
      ),
    [],
  );
  const counts = useLiveQuery(() => countToday(db), [], { in: 0, out: 0, inside: 0 });
  const pending = useLiveQuery(() => countPending(db, COUNT_CAP), [], 0);
  const rejected = useLiveQuery(() => countRejected(db, COUNT_CAP), [], 0);
  const held = useLiveQuery(() => countHeld(db, COUNT_CAP), [], 0);
  const recent = useLiveQuery(() => listRecent(db, 20), [], []);
  // Undefined until settings are read: never purge with a default that may be shorter than the site's.
  const retentionDays = settings && (settings.policy?.retentionDays ?? DEFAULT_POLICY.retentionDays);
  const overdue = useLiveQuery(() => (retentionDays ? countOverdue(db, retentionDays, Date.now(), COUNT_CAP) : Promise.resolve(0)), [retentionDays], 0);
  // Purge on start too: a kiosk that cannot reach the server still drops what was synced long ago.
  useEffect(() => void (retentionDays && applyRetention(db, retentionDays).catch(() => undefined)), [retentionDays]);

  const enrolWith = async (code: string) => {
    setNotice({ tone: 'info', key: 'enrolling' });
    const r = await enrol(db, code);
    setNotice(r.ok ? { tone: 'info', key: 'enrolled', extra: r.siteName } : { tone: 'error', key: r.error });
    if (r.ok) scheduler.kick();
  };

  useEffect(() => {
    void requestPersistentStorage().then((persisted) => setSetting(db, 'persisted', persisted));
    registerServiceWorker({ onOfflineReady: () => setOfflineReady(true), onUpdateWaiting: (activate) => setActivateUpdate(() => activate) });
    const enrolFromHash = () => {
      const code = enrolCodeFromUrl(location.hash, location.origin);
      if (!code) return;
      history.replaceState(null, '', location.pathname + location.search); // the code is spent; keep it out of history
      void enrolWith(code);
    };
    enrolFromHash();
    // A new link opened in the running kiosk (re-enrolment, issue #12) only changes the hash.
    addEventListener('hashchange', enrolFromHash);
    scheduler.start();
    // Progress of a sync run by the service worker or another tab.
    const channel = new BroadcastChannel(SYNC_CHANNEL);
    channel.onmessage = (e: MessageEvent<{ type: string } & Partial<SyncProgress>>) => {
      if (e.data.type === 'progress') setProgress({ done: e.data.done ?? 0, total: e.data.total ?? 0 });
      if (e.data.type === 'ended') setProgress(undefined);
    };
    return () => {
      scheduler.stop();
      channel.close();
      removeEventListener('hashchange', enrolFromHash);
    };
  }, []);

  const show = (o: Outcome) => {
    setOutcome(o);
    signal(o.kind === 'logged' ? 'ok' : 'error');
    clearTimeout(outcomeTimer.current);
    outcomeTimer.current = window.setTimeout(() => setOutcome(undefined), OUTCOME_MS);
    if (o.kind === 'logged') scheduler.checkInLogged();
    if (o.kind === 'logged' || o.kind === 'writeFailed') setStorageFull(o.kind === 'writeFailed' && o.storageFull);
  };

  const onDecoded = async (texts: string[], capturedAt: number, frame: { decodedAt: number; stages: FrameStages }) => {
    for (const text of texts) {
      const code = enrolCodeFromUrl(text, location.origin);
      if (code) {
        if (code !== lastEnrolCode.current) void enrolWith(code);
        lastEnrolCode.current = code;
        continue;
      }
      const o = await desk.scanned(text);
      if (!o) continue;
      if (o.kind === 'logged') measureScan(capturedAt, frame.decodedAt, o.writeStartedAt, o.committedAt, frame.stages);
      show(o);
      if (o.kind === 'logged') measureBannerShown(capturedAt);
    }
  };
  const lang: Lang = settings?.lang ?? 'vi';
  const i18n = useMemo(() => ({ lang, t: translator(lang) }), [lang]);
  const t = i18n.t;
  useEffect(() => void (document.documentElement.lang = lang), [lang]);
  const ready = settings !== undefined;
  useEffect(() => void (ready && performance.mark('app-ready')), [ready]); // bench/startup.ts
  if (!settings) return null;
  const direction = settings.direction ?? 'in';

  return (
    <LangContext.Provider value={i18n}>
      <main class="kiosk" data-ready="true" data-enrolled={String(Boolean(settings.deviceToken))}>
        {cameraTab.owner && (
          <CameraView
            cameraId={settings.cameraId}
            forcedDecoder={forcedDecoder()}
            onCameraChange={(id) => void setSetting(db, 'cameraId', id)}
            onDecoded={onDecoded}
          />
        )}
        <StatusBar
          siteName={settings.siteName}
          direction={direction}
          counts={counts}
          pending={pending}
          onToggleDirection={() => void setSetting(db, 'direction', direction === 'in' ? 'out' : 'in')}
        />
        <Notices
          revoked={settings.revoked ?? false}
          deviceUnknown={settings.deviceUnknown ?? false}
          overdue={overdue}
          held={held}
          storageFull={storageFull}
          pending={pending}
          cameraElsewhere={cameraTab.owner === false}
          onTakeOver={cameraTab.takeOver}
          notice={notice}
          onUpdate={activateUpdate}
        />
        {outcome && <OutcomeBanner outcome={outcome} keptOnly={settings.revoked ? 'revoked' : settings.deviceUnknown ? 'deviceUnknown' : undefined} />}
        <footer class="kiosk-footer">
          <button class="primary big" data-testid="manual-open" onClick={() => setManual(true)}>{t('manualEntry')}</button>
          <button class="secondary" onClick={() => void setSetting(db, 'lang', lang === 'vi' ? 'en' : 'vi')}>{t('language')}</button>
          <a class="secondary" href="/pass" data-testid="make-pass">{t('makePass')}</a>
          <SyncStatus progress={progress} lastSyncAt={settings.lastSyncAt} failing={syncFailing} rejected={rejected} />
          <span class="storage" data-testid="storage" data-persisted={String(settings.persisted ?? false)}>
            {settings.persisted ? t('storagePersisted') : t('storageNotPersisted')}
            {offlineReady && ` · ${t('offlineReady')}`}
            {storageEstimate && <span data-testid="storage-estimate">{` · ${t('storageUse')}: ${formatBytes(storageEstimate.usage)} / ${formatBytes(storageEstimate.quota)}`}</span>}
          </span>
        </footer>
        <QueueList rows={recent} />
        {manual && (
          <div class="sheet">
            <ManualEntry
              onCancel={() => setManual(false)}
              onSubmit={async (v) => {
                setManual(false);
                show(await desk.manual(v));
              }}
            />
          </div>
        )}
      </main>
    </LangContext.Provider>
  );
}
