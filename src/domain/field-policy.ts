import type { PersonalField, Visitor } from '../protocol/visitor';

/**
 * Drops every personal field the site does not keep. `kind`, `subject` (the tracing key) and
 * `passId` always stay: without them a check-in cannot be traced or paired.
 */
export function applyFieldPolicy(visitor: Visitor, kept: readonly PersonalField[]): Visitor {
  const out: Visitor = { kind: visitor.kind, subject: visitor.subject };
  if (visitor.passId) out.passId = visitor.passId;
  for (const field of kept) {
    const value = visitor[field];
    if (value !== undefined) (out as Record<string, unknown>)[field] = value;
  }
  return out;
}
