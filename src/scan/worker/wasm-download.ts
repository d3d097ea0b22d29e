/**
 * Fetches and instantiates a .wasm while reporting how much of it has arrived, so a tablet on a slow link shows
 * "loading the code reader… 40 %" instead of a camera that silently does not scan yet (issue #11). Still streamed:
 * compilation runs while the bytes arrive.
 */
export async function instantiateWithProgress(
  url: string,
  imports: WebAssembly.Imports,
  expectedBytes: number,
  onProgress: (fraction: number) => void,
): Promise<WebAssembly.WebAssemblyInstantiatedSource> {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok || !res.body) throw new Error(`wasm download failed: HTTP ${res.status}`);
  let received = 0;
  // The body arrives decoded (brotli/gzip undone), so it is measured against the raw file's size.
  const counted = res.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        onProgress(Math.min(1, received / expectedBytes));
        controller.enqueue(chunk);
      },
    }),
  );
  return WebAssembly.instantiateStreaming(new Response(counted, { headers: { 'content-type': 'application/wasm' } }), imports);
}
