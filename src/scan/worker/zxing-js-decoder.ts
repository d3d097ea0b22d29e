import {
  BinaryBitmap,
  DecodeHintType,
  HybridBinarizer,
  NotFoundException,
  ChecksumException,
  FormatException,
  QRCodeReader,
  RGBLuminanceSource,
} from '@zxing/library';
import type { Decoder } from '../decoder';
import { toImageData } from './frame-pixels';

const HINTS = new Map<DecodeHintType, unknown>([
  [DecodeHintType.TRY_HARDER, true],
]);

/** Rec. 601 luma, the same weights @zxing/browser uses. */
function luminance(img: ImageData): Uint8ClampedArray {
  const { data, width, height } = img;
  const out = new Uint8ClampedArray(width * height);
  for (let i = 0, j = 0; j < out.length; i += 4, j++) {
    out[j] = (data[i]! * 306 + data[i + 1]! * 601 + data[i + 2]! * 117) >> 10;
  }
  return out;
}

/** @zxing/library (pure JS): the baseline the others are measured against. */
export async function createZxingJsDecoder(): Promise<Decoder> {
  const reader = new QRCodeReader();
  return {
    name: 'zxing-js',
    async decode(frame) {
      const img = await toImageData(frame);
      const source = new RGBLuminanceSource(luminance(img), img.width, img.height);
      try {
        return [reader.decode(new BinaryBitmap(new HybridBinarizer(source)), HINTS).getText()];
      } catch (e) {
        if (e instanceof NotFoundException || e instanceof ChecksumException || e instanceof FormatException) return [];
        throw e;
      } finally {
        reader.reset();
      }
    },
  };
}
