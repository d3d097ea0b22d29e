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
 * Lays out the rehearsal banner in `host` (where the real banner shows) on the next frame, with a recent-list row
 * (its own size, the ✕ of a refused attempt and the • of a pending one come from fallback fonts too), then removes
 * both. Hidden and out of the flow, so never seen, never painted and never moving the real list; out of the
 * accessibility tree; text nodes only. Resolves once they are gone.
 */
export function rehearseBanner(host: Element, words: readonly string[]): Promise<void> {
  const doc = host.ownerDocument;
  const hidden = (el: HTMLElement) => {
    el.setAttribute('aria-hidden', 'true');
    el.style.visibility = 'hidden';
    el.style.pointerEvents = 'none';
    el.style.position = 'absolute';
    el.style.inset = '0';
    return el;
  };
  const el = (tag: string, cls: string, text?: string) => {
    const e = doc.createElement(tag);
    e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const text = [...words, vietnameseLetters(), '0123456789/:'].join(' ');
  const banner = hidden(el('div', 'outcome outcome-ok'));
  for (const cls of LINES) banner.append(el('div', cls, text));
  const queue = hidden(el('section', 'queue'));
  const list = el('ol', '');
  for (const cls of ['sync-pending', 'watchlist-refused']) {
    const row = el('li', cls);
    row.append(el('time', '', '12:34:56'), el('span', 'dir', `${words.join(' ')} ✕`), el('span', 'who', text));
    list.append(row);
  }
  queue.append(list);
  host.append(banner, queue);
  // Laid out in the frame after the next (the first may already be under way), then gone.
  return new Promise((resolve) =>
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        banner.remove();
        queue.remove();
        resolve();
      }),
    ),
  );
}
