import { describe, expect, it } from 'vitest';
import { createNativeDecoder } from './native-decoder';

/** Stands in for the platform's BarcodeDetector, which Linux Chromium lacks (Android Chrome has it). */
function detectorScope(formats: string[], found: string[]) {
  const calls: unknown[] = [];
  class BarcodeDetector {
    constructor(readonly options: { formats: string[] }) {
      calls.push(options);
    }
    static async getSupportedFormats() {
      return formats;
    }
    async detect() {
      return found.map((rawValue) => ({ rawValue, format: 'qr_code' }));
    }
  }
  return { scope: { BarcodeDetector }, calls };
}

describe('native BarcodeDetector decoder', () => {
  it('is used when the platform reads QR codes, asking for QR only', async () => {
    const { scope, calls } = detectorScope(['ean_13', 'qr_code'], ['079190012345|…']);
    const d = await createNativeDecoder(scope);
    expect(d?.name).toBe('native');
    expect(await d!.decode({} as ImageData)).toEqual(['079190012345|…']);
    expect(calls).toEqual([{ formats: ['qr_code'] }]);
  });
  it('is skipped without a BarcodeDetector or without QR support', async () => {
    expect(await createNativeDecoder({})).toBeNull();
    expect(await createNativeDecoder(detectorScope(['ean_13'], []).scope)).toBeNull();
  });
});
