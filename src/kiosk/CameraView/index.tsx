import { useEffect, useRef, useState } from 'preact/hooks';
import { closeCamera, hasTorch, listCameras, openCamera, setTorch, type CameraInfo } from '../../scan/camera';
import { DecoderBridge } from '../../scan/decoder-bridge';
import type { DecoderName, FrameReport, Region } from '../../scan/decoder';
import { FrameLoop } from '../../scan/frame-loop';
import type { FrameStages } from '../../scan/scan-stages';
import { watchGuide } from '../../scan/guide-region';
import { RegionPlan } from '../../scan/region-plan';
import { holdWakeLock } from '../../scan/wake-lock';
import { useT } from '../../i18n';

interface Props {
  cameraId: string | undefined;
  forcedDecoder: DecoderName | undefined;
  onCameraChange(id: string): void;
  /** Called with the texts decoded from one frame, when that frame was captured (performance.now()) and its stages. */
  onDecoded(texts: string[], capturedAt: number, frame: { decodedAt: number; stages: FrameStages }): Promise<void>;
  /** The decoder answers: the first-load downloads are over (the app registers its service worker then). */
  onDecoderReady?(): void;
}

type CameraState = 'starting' | 'live' | 'denied' | 'none';

/** Full-screen live camera with a frame guide, camera chooser and torch toggle where supported. */
export function CameraView({ cameraId, forcedDecoder, onCameraChange, onDecoded, onDecoderReady }: Props) {
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const guide = useRef<HTMLDivElement>(null);
  const decodedRef = useRef(onDecoded);
  decodedRef.current = onDecoded;
  const readyRef = useRef(onDecoderReady);
  readyRef.current = onDecoderReady;
  const [state, setState] = useState<CameraState>('starting');
  const [cameras, setCameras] = useState<CameraInfo[]>([]);
  const [track, setTrack] = useState<MediaStreamTrack>();
  const [torchOn, setTorchOn] = useState(false);
  const [decoder, setDecoder] = useState<DecoderName>();
  /** Share of the decoder downloaded (0…1) while it loads; a first start on a slow link takes seconds (#11). */
  const [loaded, setLoaded] = useState(0);

  useEffect(() => {
    let stream: MediaStream | undefined;
    let cancelled = false;
    setDecoder(undefined);
    const bridge = new DecoderBridge(forcedDecoder, setLoaded);
    let firstFrame = true;
    const decoded = (texts: string[], capturedAt: number, decodedAt: number, stages: FrameStages): Promise<void> => {
      if (firstFrame) {
        firstFrame = false;
        performance.mark('camera-ready'); // camera live and decoder answering: bench/startup.ts
      }
      return texts.length ? decodedRef.current(texts, capturedAt, { decodedAt, stages }) : Promise.resolve();
    };
    let region: Region | undefined;
    const endGuide = watchGuide(video.current!, guide.current!, (r) => {
      region = r;
      bridge.setRegion(r);
    });
    // Where the browser has no way to hand the track's frames to the worker, the page grabs each one.
    const plan = new RegionPlan();
    const loop = new FrameLoop(video.current!, async (frame, capturedAt) => {
      const sentAt = performance.now();
      const { texts, pixelsMs, decodeMs, foundIn } = await bridge.decode(frame, plan.next(region));
      const decodedAt = performance.now();
      plan.record(texts.length > 0);
      await decoded(texts, capturedAt, decodedAt, { grab: sentAt - capturedAt, transfer: decodedAt - sentAt - pixelsMs - decodeMs, pixels: pixelsMs, decode: decodeMs, foundIn });
    });
    // Reports of the worker's own reads, handled one after another as the frame loop's were.
    let handled = Promise.resolve();
    const onReport = (r: FrameReport) => {
      const decodedAt = performance.now();
      const page = (epoch: number) => epoch - performance.timeOrigin;
      const stages = { grab: r.decodeStartedAt - r.readAt, transfer: decodedAt - page(r.postedAt), pixels: r.pixelsMs, decode: r.decodeMs, foundIn: r.foundIn };
      handled = handled.then(() => decoded(r.texts, page(r.readAt), decodedAt, stages)).catch((e: Error) => console.warn('frame dropped', e.name));
    };
    const releaseWakeLock = holdWakeLock();
    bridge.start().then(
      (name) => {
        setDecoder(name);
        readyRef.current?.();
      },
      (e) => console.error('decoder failed to start', e),
    );
    openCamera(cameraId)
      .then(async (s) => {
        if (cancelled) return closeCamera(s);
        stream = s;
        const v = video.current!;
        v.srcObject = s;
        await v.play();
        const [videoTrack] = s.getVideoTracks();
        setTrack(videoTrack);
        setTorchOn(false);
        setState('live');
        if (!bridge.watch(videoTrack!, onReport)) loop.start();
        setCameras(await listCameras());
      })
      .catch((e: Error) => setState(e.name === 'NotFoundError' || e.name === 'OverconstrainedError' ? 'none' : 'denied'));
    return () => {
      cancelled = true;
      loop.stop();
      endGuide();
      bridge.stop();
      closeCamera(stream);
      releaseWakeLock();
    };
  }, [cameraId, forcedDecoder]);

  const toggleTorch = async () => {
    if (track && (await setTorch(track, !torchOn))) setTorchOn(!torchOn);
    else setTrack(undefined); // refused: hide the toggle
  };

  const loading = state !== 'denied' && state !== 'none' && !decoder;
  const percent = Math.round(loaded * 100);
  return (
    <div class="camera" data-testid="camera" data-state={state} data-decoder={decoder}>
      <video ref={video} muted playsInline />
      <div class="frame-guide" ref={guide} data-testid="frame-guide" aria-hidden="true" />
      {loading ? (
        // "Hold the code" only once a code can be read: until then, say what is loading and how far it is.
        <div class="camera-hint decoder-loading" data-testid="decoder-loading" role="status">
          <span>{t('decoderLoading')} {percent > 0 && `${percent} %`}</span>
          <progress max={100} value={percent} aria-label={t('decoderLoading')} />
        </div>
      ) : (
        <p class="camera-hint" data-testid="camera-hint" role="status">
          {state === 'live' ? t('holdCode') : state === 'starting' ? t('cameraStarting') : state === 'none' ? t('cameraNone') : t('cameraDenied')}
        </p>
      )}
      <div class="camera-controls">
        {cameras.length > 1 && (
          <select aria-label={t('camera')} value={cameraId ?? track?.getSettings().deviceId} onChange={(e) => onCameraChange(e.currentTarget.value)}>
            {cameras.map((c) => <option key={c.deviceId} value={c.deviceId}>{c.label}</option>)}
          </select>
        )}
        {track && hasTorch(track) && (
          <button class={torchOn ? 'on' : ''} onClick={toggleTorch}>{t('torch')}</button>
        )}
      </div>
    </div>
  );
}
