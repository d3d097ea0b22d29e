import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { getDb } from '../../db/gatelog-db';
import { countPending, countToday, listRecent } from '../../db/outbox';
import { getAllSettings, setSetting, type Settings } from '../../db/settings';
import { DECODER_NAMES, type DecoderName } from '../../scan/decoder';
import { LangContext, translator, type Lang } from '../../i18n';
import { CheckInDesk, type Outcome } from '../check-in-desk';
import { signal } from '../feedback';
import { requestPersistentStorage } from '../storage';
import { registerServiceWorker } from '../sw-bridge';
import { useLiveQuery } from '../use-live-query';
import { CameraView } from '../CameraView';
import { ManualEntry } from '../ManualEntry';
import { OutcomeBanner } from '../OutcomeBanner';
import { QueueList } from '../QueueList';
import { StatusBar } from '../StatusBar';
import { UpdateBanner } from '../UpdateBanner';

const OUTCOME_MS = 1800;
const db = getDb();

/** `?decoder=zxing-js|zxing-wasm|native` forces a decoder (benchmarks and tests). */
function forcedDecoder(): DecoderName | undefined {
  const d = new URLSearchParams(location.search).get('decoder');
  return DECODER_NAMES.find((n) => n === d);
}

/** The kiosk: camera, status, outcome, manual entry and queue. */
export function App() {
  const [settings, setSettings] = useState<Partial<Settings>>();
  const [outcome, setOutcome] = useState<Outcome>();
  const [manual, setManual] = useState(false);
  const [activateUpdate, setActivateUpdate] = useState<() => void>();
  const [offlineReady, setOfflineReady] = useState(false);
  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  const outcomeTimer = useRef<number>(undefined);

  const desk = useMemo(() => new CheckInDesk(db, () => ({ direction: settingsRef.current?.direction ?? 'in', policy: settingsRef.current?.policy })), []);
  const counts = useLiveQuery(() => countToday(db), [], { in: 0, out: 0, inside: 0 });
  const pending = useLiveQuery(() => countPending(db), [], 0);
  const recent = useLiveQuery(() => listRecent(db, 20), [], []);

  useEffect(() => {
    void getAllSettings(db).then(setSettings);
    void requestPersistentStorage().then((persisted) => saveSetting('persisted', persisted));
    registerServiceWorker({ onOfflineReady: () => setOfflineReady(true), onUpdateWaiting: (activate) => setActivateUpdate(() => activate) });
  }, []);

  const saveSetting = <K extends keyof Settings>(key: K, value: Settings[K]) => {
    setSettings((s) => ({ ...s, [key]: value }));
    void setSetting(db, key, value);
  };

  const show = (o: Outcome) => {
    setOutcome(o);
    signal(o.kind === 'logged' ? 'ok' : 'error');
    clearTimeout(outcomeTimer.current);
    outcomeTimer.current = window.setTimeout(() => setOutcome(undefined), OUTCOME_MS);
  };

  const onDecoded = async (texts: string[], capturedAt: number) => {
    for (const text of texts) {
      const o = await desk.scanned(text);
      if (!o) continue;
      if (o.kind === 'logged') performance.measure('scan-to-logged', { start: capturedAt, end: performance.now() });
      show(o);
    }
  };

  const lang: Lang = settings?.lang ?? 'vi';
  const i18n = useMemo(() => ({ lang, t: translator(lang) }), [lang]);
  const t = i18n.t;
  useEffect(() => void (document.documentElement.lang = lang), [lang]);
  if (!settings) return null;
  const direction = settings.direction ?? 'in';

  return (
    <LangContext.Provider value={i18n}>
      <main class="kiosk" data-ready="true">
        <CameraView
          cameraId={settings.cameraId}
          forcedDecoder={forcedDecoder()}
          onCameraChange={(id) => saveSetting('cameraId', id)}
          onDecoded={onDecoded}
        />
        <StatusBar
          siteName={settings.siteName}
          direction={direction}
          counts={counts}
          pending={pending}
          onToggleDirection={() => saveSetting('direction', direction === 'in' ? 'out' : 'in')}
        />
        {outcome && <OutcomeBanner outcome={outcome} />}
        {activateUpdate && <UpdateBanner onUpdate={activateUpdate} />}
        <footer class="kiosk-footer">
          <button class="primary big" data-testid="manual-open" onClick={() => setManual(true)}>{t('manualEntry')}</button>
          <button class="secondary" onClick={() => saveSetting('lang', lang === 'vi' ? 'en' : 'vi')}>{t('language')}</button>
          <span class="storage" data-testid="storage" data-persisted={String(settings.persisted ?? false)}>
            {settings.persisted ? t('storagePersisted') : t('storageNotPersisted')}
            {offlineReady && ` · ${t('offlineReady')}`}
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
