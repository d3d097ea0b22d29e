import type { PersonalField, Visitor } from '../protocol/visitor';

/**
 * Drops every personal field the site does not keep. `kind`, `subject` (the tracing key), `passId`
 * and a roster `group` always stay: without them a check-in cannot be traced, paired or counted.
 */
export function applyFieldPolicy(visitor: Visitor, kept: readonly PersonalField[]): Visitor {
  const out: Visitor = { kind: visitor.kind, subject: visitor.subject };
  if (visitor.passId) out.passId = visitor.passId;
  if (visitor.group) out.group = visitor.group;
  for (const field of kept) {
    const value = visitor[field];
    if (value !== undefined) (out as Record<string, unknown>)[field] = value;
  }
  return out;
}
