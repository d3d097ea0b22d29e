import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface AsyncState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  /** When the last load succeeded (epoch ms, browser clock): "cập nhật lúc hh:mm:ss". */
  loadedAt: number | undefined;
  reload: () => void;
}

/** Runs `load` when `deps` change (and on reload()); keeps the last data while reloading. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): AsyncState<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean; loadedAt?: number }>({ loading: true });
  const [tick, setTick] = useState(0);
  const reloading = useRef(false);
  useEffect(() => {
    let live = true;
    const isReload = reloading.current;
    reloading.current = false;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false, loadedAt: Date.now() }),
      (error: unknown) => {
        if (!live) return;
        const err = error instanceof Error ? error : new Error(String(error));
        // A failed reload keeps the last data and its time (a stale roll call must look stale, not empty);
        // a failed load of something new shows no data from before.
        setState((s) => (isReload ? { ...s, error: err, loading: false } : { error: err, loading: false }));
      },
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => {
    reloading.current = true;
    setTick((n) => n + 1);
  }, []);
  return { data: state.data, error: state.error, loading: state.loading, loadedAt: state.loadedAt, reload };
}
