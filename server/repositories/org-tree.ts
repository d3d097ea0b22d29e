import { sql } from 'kysely';

/**
 * Levels an org tree may have (province → department → unit → team … with room to spare). Every recursive
 * query stops here, so even a cycle left in the table can never make one run unbounded (issue #10).
 */
export const MAX_ORG_DEPTH = 16;

const LIMIT = sql.lit(MAX_ORG_DEPTH);

/** `subtree(id, depth)`: the org (depth 1) and the orgs below it, at most MAX_ORG_DEPTH levels; for WITH RECURSIVE. */
export const subtreeCte = (orgId: string) => sql`
  subtree(id, depth) AS (
    SELECT id, 1 FROM org WHERE id = ${orgId}
    UNION ALL
    SELECT org.id, subtree.depth + 1 FROM org JOIN subtree ON org.parent_id = subtree.id WHERE subtree.depth < ${LIMIT}
  )`;

/** `ancestors(id, parent_id, depth)`: the org (depth 1) and the orgs above it, at most MAX_ORG_DEPTH; for WITH RECURSIVE. */
export const ancestorsCte = (orgId: string) => sql`
  ancestors(id, parent_id, depth) AS (
    SELECT id, parent_id, 1 FROM org WHERE id = ${orgId}
    UNION ALL
    SELECT org.id, org.parent_id, ancestors.depth + 1 FROM org JOIN ancestors ON org.id = ancestors.parent_id WHERE ancestors.depth < ${LIMIT}
  )`;
