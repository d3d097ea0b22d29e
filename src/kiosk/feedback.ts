let audio: AudioContext | undefined;

// Starting audio costs tens of ms on a slow tablet: done while idle, not under the first visitor's scan (issue #14).
// So does the first sound through it (a 70 ms task at 4× CPU): a silent one is played then too.
if (typeof requestIdleCallback === 'function') {
  requestIdleCallback(() => {
    try {
      audio ??= new AudioContext();
      tone(audio, 440, 0, 0.01);
    } catch {
      // no audio output: signal() says nothing either
    }
  });
}

function tone(ctx: AudioContext, hz: number, volume: number, seconds: number): void {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.frequency.value = hz;
  gain.gain.value = volume;
  osc.connect(gain).connect(ctx.destination);
  osc.start();
  osc.stop(ctx.currentTime + seconds);
}

/** A short beep (high for logged, low for refused) and a vibration where the device has one. */
export function signal(kind: 'ok' | 'error'): void {
  try {
    audio ??= new AudioContext();
    tone(audio, kind === 'ok' ? 1760 : 330, 0.2, kind === 'ok' ? 0.08 : 0.25);
  } catch {
    // No audio output (or autoplay policy before the first tap): the screen still says it.
  }
  // The browser blocks vibration until the page has been tapped, and says so in an intervention report each time:
  // a kiosk left scanning since its last reload was never tapped, and the report cost the first visitor's task
  // tens of ms on a slow tablet (issue #14). Asked only when it can vibrate.
  if (navigator.userActivation?.hasBeenActive ?? true) navigator.vibrate?.(kind === 'ok' ? 60 : [80, 60, 80]);
}

/** Runs `fn` in a task of its own after the next paint. */
export function afterPaint(fn: () => void): void {
  requestAnimationFrame(() => setTimeout(fn, 0));
}
