/** The pass made on this phone, kept across reloads (issue #11). Only the visitor's own entries: name and QR text. */
export interface KeptPass {
  text: string;
  name: string;
}

const KEY = 'gatelog-pass';

/** The pass kept on this phone, if any. */
export function loadKeptPass(): KeptPass | undefined {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (value && typeof value === 'object' && typeof (value as KeptPass).text === 'string' && typeof (value as KeptPass).name === 'string') {
      return { text: (value as KeptPass).text, name: (value as KeptPass).name };
    }
  } catch {
    /* storage blocked or damaged: no kept pass */
  }
  return undefined;
}

/** Keeps (or with undefined, forgets) the pass on this phone. */
export function keepPass(pass: KeptPass | undefined): void {
  try {
    if (pass) localStorage.setItem(KEY, JSON.stringify(pass));
    else localStorage.removeItem(KEY);
  } catch {
    /* private mode: the pass simply is not kept */
  }
}

/**
 * Whether /pass was opened from the kiosk app on this origin (its "Tạo phiếu khách" button): then a pass is for
 * someone else and is not kept, and a way back to the scanner is shown. A visitor's phone arrives from the poster
 * page (/s/…) or a typed link and gets neither.
 */
export function openedFromKiosk(referrer = document.referrer): boolean {
  if (!referrer) return false;
  try {
    const url = new URL(referrer);
    return url.origin === location.origin && (url.pathname === '/' || url.pathname === '/index.html');
  } catch {
    return false;
  }
}
