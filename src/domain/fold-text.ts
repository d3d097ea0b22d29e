/**
 * Text folded for searching: no tones or other marks, đ as d, lower case, single spaces — so an attendant who types
 * "tuyet" or "nguyen thi" finds "Tuyết" and "Nguyễn Thị" (issue #11). Never stored or shown, only compared.
 */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
