/**
 * Text the server stores or searches must be storable on both engines: PostgreSQL `text` cannot hold NUL,
 * so a NUL that reached a query answered 500 (issue #10). Schemas refuse it up front: a 400 naming the field.
 */
export const hasNoNul = (value: string): boolean => !value.includes('\u0000');

/** The refinement's message (value-free, so safe to answer and to log). */
export const NO_NUL = { message: 'must not contain NUL (\\u0000)' } as const;
