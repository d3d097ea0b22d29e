/**
 * A hidden copy of the green banner, laid out once while the kiosk is idle (issue #14). The day's first banner
 * otherwise pays for the system font's first use at the banner's sizes and weights and for the fallback lookup of
 * Vietnamese letters: a 60–70 ms layout at 4× CPU, under the first visitor's scan. Later banners lay out in 3–12 ms.
 */

const VOWELS = 'aăâeêioôơuưy';
/** No mark, grave, acute, hook above, tilde, dot below: Vietnamese's six tones. */
const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];

/** Every Vietnamese letter, lower and upper case, composed (NFC) as names arrive from ID cards. */
export function vietnameseLetters(): string {
  const lower = [...VOWELS].flatMap((v) => TONES.map((t) => (v + t).normalize('NFC'))).join('') + 'đ';
  return lower + lower.toLocaleUpperCase('vi');
}

/** The banner's text lines by class (src/kiosk/kiosk.css), each set in its own size and weight. */
const LINES = ['outcome-title', 'outcome-name', 'outcome-detail'] as const;

/**
 * Lays out the rehearsal banner in `host` (where the real banner shows) on the next frame, then removes it. Hidden,
 * so never seen and never painted; out of the accessibility tree; text nodes only. Resolves once it is gone.
 */
export function rehearseBanner(host: Element, words: readonly string[]): Promise<void> {
  const doc = host.ownerDocument;
  const banner = doc.createElement('div');
  banner.className = 'outcome outcome-ok';
  banner.setAttribute('aria-hidden', 'true');
  banner.style.visibility = 'hidden';
  banner.style.pointerEvents = 'none';
  const text = [...words, vietnameseLetters(), '0123456789/:'].join(' ');
  for (const cls of LINES) {
    const line = doc.createElement('div');
    line.className = cls;
    line.textContent = text;
    banner.append(line);
  }
  host.append(banner);
  // Laid out in the frame after the next (the first may already be under way), then gone.
  return new Promise((resolve) =>
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        banner.remove();
        resolve();
      }),
    ),
  );
}
