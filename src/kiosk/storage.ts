import { useEffect, useState } from 'preact/hooks';

/** Asks the browser not to evict our IndexedDB under storage pressure; the answer is shown to staff. */
export async function requestPersistentStorage(): Promise<boolean> {
  if (!navigator.storage?.persist) return false;
  if (await navigator.storage.persisted()) return true;
  return navigator.storage.persist().catch(() => false);
}

export interface StorageEstimate {
  usage: number;
  quota: number;
}

const ESTIMATE_EVERY_MS = 60_000;

/** The origin's storage use and quota, read now, every minute and whenever `refresh` changes. */
export function useStorageEstimate(refresh: unknown): StorageEstimate | undefined {
  const [estimate, setEstimate] = useState<StorageEstimate>();
  useEffect(() => {
    const read = () =>
      void navigator.storage
        ?.estimate()
        .then((e) => setEstimate({ usage: e.usage ?? 0, quota: e.quota ?? 0 }))
        .catch(() => undefined);
    read();
    const timer = setInterval(read, ESTIMATE_EVERY_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  return estimate;
}

/** "12.3 MB" for the status line. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${Math.ceil(bytes / 1e3)} KB`;
}
