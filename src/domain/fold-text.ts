/**
 * Text for search without tones or case (issue #11): "Nguyễn Thị Tuyết" → "nguyen thi tuyet", "Đ" → "d".
 * Typed queries are folded with this; stored text is folded by the database function `gatelog_fold`, which is
 * this same function on SQLite and a translate() table built from it on PostgreSQL (FOLD_TABLE).
 */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

/** Blocks of precomposed Latin letters that carry tones or marks (Vietnamese lives in all three). */
const LATIN_RANGES: readonly [number, number][] = [
  [0x00c0, 0x024f], // Latin-1 Supplement letters, Latin Extended-A and -B (ă â đ ê ô ơ ư …)
  [0x1e00, 0x1eff], // Latin Extended Additional (ạ ả ấ ầ ẩ ẫ ậ … ỹ)
];

/**
 * `foldText` as one SQL translate(): each precomposed letter whose fold is one character maps to it, and the
 * combining marks (U+0300–U+036F: text typed in decomposed form) map to nothing. SQL lower() then does ASCII.
 */
export const FOLD_TABLE: { from: string; to: string } = (() => {
  let from = '';
  let to = '';
  for (const [lo, hi] of LATIN_RANGES) {
    for (let cp = lo; cp <= hi; cp++) {
      const c = String.fromCodePoint(cp);
      const folded = foldText(c);
      // Capitals without a mark too (Ø → ø): PostgreSQL's lower() of non-ASCII depends on the database locale.
      if (folded !== c && [...folded].length === 1) {
        from += c;
        to += folded;
      }
    }
  }
  for (let cp = 0x0300; cp <= 0x036f; cp++) from += String.fromCodePoint(cp); // no counterpart in `to`: deleted
  return { from, to };
})();
