/** Which text encoding an uploaded file turned out to be in. */
export type DetectedEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258';

/**
 * Decodes an uploaded spreadsheet export: by its byte-order mark if it has one (UTF-8, Excel's UTF-16
 * "Unicode text"), else as UTF-8 when the bytes are valid UTF-8, else as Windows-1258 (Vietnamese Excel's
 * "CSV"). The text is NFC-normalised: 1258 and some Mac exports spell Vietnamese with combining marks.
 */
export function decodeBytes(bytes: Uint8Array): { text: string; encoding: DetectedEncoding } {
  const [a, b, c] = bytes;
  let encoding: DetectedEncoding;
  let body = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) [encoding, body] = ['utf-8', bytes.subarray(3)];
  else if (a === 0xff && b === 0xfe) [encoding, body] = ['utf-16le', bytes.subarray(2)];
  else if (a === 0xfe && b === 0xff) [encoding, body] = ['utf-16be', bytes.subarray(2)];
  else {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).normalize('NFC'), encoding: 'utf-8' };
    } catch {
      encoding = 'windows-1258';
    }
  }
  return { text: new TextDecoder(encoding).decode(body).normalize('NFC'), encoding };
}
