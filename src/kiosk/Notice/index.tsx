import type { ComponentChildren } from 'preact';

/** A banner across the top for states the attendant must know about (revoked, enrolment). */
export function Notice({ tone, children, testId }: { tone: 'info' | 'error'; children: ComponentChildren; testId?: string }) {
  return <div class={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'} data-testid={testId}>{children}</div>;
}
