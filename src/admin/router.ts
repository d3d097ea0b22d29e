import { useEffect, useState } from 'preact/hooks';

/** A console location: `#/<path>?<query>` (hash routing: /admin/ is one server route, deep links still work). */
export interface Route {
  parts: string[];
  params: URLSearchParams;
}

function current(): Route {
  const [path = '', search = ''] = location.hash.replace(/^#\/?/, '').split('?');
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(search) };
}

/** The current route, re-rendered on every hash change. */
export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const onChange = () => setRoute(current());
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/** A link target for a route. */
export function href(parts: string[], params: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return `#/${parts.map(encodeURIComponent).join('/')}${s ? `?${s}` : ''}`;
}

/** Goes to a route. */
export function navigate(parts: string[], params: Record<string, string | undefined> = {}): void {
  location.hash = href(parts, params);
}
