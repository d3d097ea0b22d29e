/** Size of zxing_reader.wasm in bytes, uncompressed (set by vite.config.ts): the whole of the decoder's progress. */
declare const __DECODER_WASM_BYTES__: number;
