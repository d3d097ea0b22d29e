import { useEffect, useState } from 'preact/hooks';
import type { Outcome } from './check-in-desk';

type Listener = (outcome: Outcome | undefined) => void;

/**
 * The banner's outcome, held outside the App's state: a scan then renders the banner alone, not the whole kiosk
 * (camera, counters, recent list, footer), which on a slow tablet was most of the time from commit to banner (issue #14).
 */
export class OutcomeStore {
  private value: Outcome | undefined;
  private readonly listeners = new Set<Listener>();

  get(): Outcome | undefined {
    return this.value;
  }

  set(next: Outcome | undefined | ((current: Outcome | undefined) => Outcome | undefined)): void {
    const value = typeof next === 'function' ? next(this.value) : next;
    if (value === this.value) return;
    this.value = value;
    for (const listener of this.listeners) listener(value);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}

/** The store's outcome, re-rendering the calling component (only) when it changes. */
export function useOutcome(store: OutcomeStore): Outcome | undefined {
  const [value, setValue] = useState(store.get());
  useEffect(() => {
    setValue(store.get()); // it may have changed between the render and this effect
    return store.subscribe(setValue);
  }, [store]);
  return value;
}
