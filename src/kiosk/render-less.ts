import { Component, h, type ComponentType } from 'preact';
import { useRef } from 'preact/hooks';

/**
 * Kiosk rendering helpers (issue #14): each database change re-renders the App, and on a slow tablet re-rendering
 * the camera, the recent list and the footer for a changed counter made long tasks. These let unchanged parts skip it.
 */

function shallowEqual(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.is(a[k], b[k]));
}

/** `Inner`, rendered again only when a prop changed (compared one by one, as preact/compat's memo does). */
export function pure<P extends object>(Inner: ComponentType<P>): ComponentType<P> {
  return class Pure extends Component<P> {
    static displayName = `pure(${Inner.displayName ?? Inner.name})`;
    override shouldComponentUpdate(next: P): boolean {
      return !shallowEqual(this.props as Record<string, unknown>, next as Record<string, unknown>);
    }
    render() {
      return h(Inner as ComponentType<object>, this.props as object);
    }
  };
}

/** A function that stays the same across renders and always calls the latest `fn` (for props of pure components). */
export function useStableCallback<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const latest = useRef(fn);
  latest.current = fn;
  const stable = useRef<(...args: A) => R>(undefined);
  stable.current ??= (...args: A) => latest.current(...args);
  return stable.current;
}

/** `value`, or the previous one when `equal` (by default: shallowly equal): a re-read that did not change keeps its identity. */
export function useSameValue<T extends object>(value: T, equal: (a: T, b: T) => boolean = (a, b) => shallowEqual(a as Record<string, unknown>, b as Record<string, unknown>)): T {
  const kept = useRef(value);
  if (!equal(kept.current, value)) kept.current = value;
  return kept.current;
}
