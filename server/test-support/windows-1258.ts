/** Byte of each character Windows-1258 can hold directly (built from Node's own decoder). */
const TABLE = (() => {
  const decoder = new TextDecoder('windows-1258');
  const map = new Map<string, number>();
  for (let b = 0; b < 256; b++) map.set(decoder.decode(Uint8Array.of(b)), b);
  return map;
})();

/**
 * Encodes text as Vietnamese Excel does when it saves "CSV" (Windows-1258): a precomposed base letter
 * where the code page has one, then combining tone marks. Node has no 1258 encoder; tests need one.
 */
export function encodeWindows1258(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const direct = TABLE.get(ch);
    if (direct !== undefined) {
      out.push(direct);
      continue;
    }
    // A base letter with one of its marks precomposed (ê, ơ, ư, ă…), then the rest as combining marks.
    const [base = '', ...marks] = [...ch.normalize('NFD')];
    const j = marks.findIndex((m) => TABLE.has((base + m).normalize('NFC')));
    const head = j >= 0 ? (base + marks[j]).normalize('NFC') : base;
    const rest = j >= 0 ? marks.filter((_, k) => k !== j) : marks;
    for (const part of [head, ...rest]) {
      const b = TABLE.get(part);
      if (b === undefined) throw new Error(`not encodable in windows-1258: ${ch}`);
      out.push(b);
    }
  }
  return Uint8Array.from(out);
}
