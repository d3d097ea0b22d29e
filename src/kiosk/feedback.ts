let audio: AudioContext | undefined;

// Starting audio costs tens of ms on a slow tablet: done while idle, not under the first visitor's scan (issue #14).
if (typeof requestIdleCallback === 'function') {
  requestIdleCallback(() => {
    try {
      audio ??= new AudioContext();
    } catch {
      // no audio output: signal() says nothing either
    }
  });
}

/** A short beep (high for logged, low for refused) and a vibration where the device has one. */
export function signal(kind: 'ok' | 'error'): void {
  try {
    audio ??= new AudioContext();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = kind === 'ok' ? 1760 : 330;
    gain.gain.value = 0.2;
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + (kind === 'ok' ? 0.08 : 0.25));
  } catch {
    // No audio output (or autoplay policy before the first tap): the screen still says it.
  }
  navigator.vibrate?.(kind === 'ok' ? 60 : [80, 60, 80]);
}

/** Runs `fn` in a task of its own after the next paint. */
export function afterPaint(fn: () => void): void {
  requestAnimationFrame(() => setTimeout(fn, 0));
}
