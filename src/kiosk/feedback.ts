let audio: AudioContext | undefined;

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
