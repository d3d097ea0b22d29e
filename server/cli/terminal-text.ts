/**
 * Data the CLI prints came from kiosks, rosters and admins: a name can carry ESC sequences that recolour, retitle
 * or rewrite an operator's terminal (OSC 52 even writes the clipboard). Human output is filtered here (#10 item 13).
 */

/** ESC sequences: OSC/DCS/SOS/PM/APC strings (to BEL or ST), CSI with its parameters, then any other ESC + char. */
const ESCAPE_SEQUENCE = /\x1b(?:[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?|\[[0-?]*[ -/]*[@-~]?|[\s\S]?)/g;
/** 8-bit CSI/OSC/… strings (C1 introducers) and their parameters, as some terminals still obey them. */
const C1_SEQUENCE = /[\x90\x98\x9d\x9e\x9f][^\x07\x9c]*[\x07\x9c]?|\x9b[0-?]*[ -/]*[@-~]?/g;
/** Other control characters except newline, and bidi overrides that make text read differently than it is. */
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text safe to write to a terminal: escape sequences and control characters removed, newlines kept. */
export function terminalSafe(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(C1_SEQUENCE, '').replace(CONTROL, '');
}

/** A data field on one line of a listing: terminal-safe, and a newline in it cannot forge another line. */
export function oneLine(value: string | null | undefined): string {
  return terminalSafe((value ?? '').replace(/[\r\n\t]+/g, ' '));
}

/** Characters JSON.stringify leaves raw but a terminal may act on; escaped as \uXXXX, so the parsed value is exact. */
const JSON_UNSAFE = /[\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A JSON document with every control-like character escaped: safe on a terminal, identical once parsed. */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
